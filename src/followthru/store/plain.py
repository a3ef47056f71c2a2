"""Everyday reads straight from a SQLite file, with the standard library alone.

`list` is run dozens of times a day, often from scripts; importing SQLAlchemy costs it
more than the reading itself (about 0.4 s of a 10,000-person listing). A file at the
schema this followthru writes is read here with `sqlite3`, read-only; anything else — a
server database, an older or newer schema, a file others can read (the full path warns
about it) — answers None and the caller takes the SQLAlchemy path, which migrates, warns
and reads the same rows (tests/test_plain_reads.py holds the two to the same answers).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple


def like_escape(text: str) -> str:
    """`text` as a literal inside a LIKE pattern that uses ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class ContactFilter:
    """What `list` narrows by; every field optional, all given ones must hold."""

    pile: str | None = None  # a pile, or "untriaged"
    event_id: int | None = None
    tag: str | None = None
    dormant_days: int | None = None
    search: str | None = None  # already folded
    contact_id: int | None = None  # one person, as `show` reads them
    include_archived: bool = False
    promising_first: bool = False  # the triage order instead of by name


# Rows are named tuples: made by the thousand and defined by every command, where a frozen
# dataclass costs several times more both ways (5% of `list` at 10,000 people). A touch
# stays a dataclass: its `count` would hide the tuple's.


class ContactRow(NamedTuple):
    """A listing row: plain columns, so 10,000 of them cost no ORM bookkeeping."""

    id: int
    name: str
    company: str | None
    title: str | None
    pile: str | None
    met_on: date | None
    archived: bool
    last_touch_on: date | None
    open_promises: int


@dataclass(frozen=True)
class Details:
    """Per person id: e-mails, phones (E.164, else as typed), tags, and the events they
    were met at as (id, name, date), each in the order the full path gives them."""

    emails: dict[int, list[str]]
    phones: dict[int, list[str]]
    tags: dict[int, list[str]]
    events: dict[int, list[tuple[int, str, date | None]]]


def _where(flt: ContactFilter) -> tuple[str, dict[str, object]]:
    """The WHERE clause of `store.contacts._conditions` for the plain filters."""
    conds: list[str] = ["1 = 1"]
    params: dict[str, object] = {}
    if not flt.include_archived:
        conds.append("c.archived = 0")
    if flt.contact_id is not None:
        conds.append("c.id = :contact_id")
        params["contact_id"] = flt.contact_id
    if flt.pile == "untriaged":
        conds.append("c.pile IS NULL")
    elif flt.pile:
        conds.append("c.pile = :pile")
        params["pile"] = flt.pile
    if flt.search:
        params["like"] = f"%{like_escape(flt.search)}%"
        like = "LIKE :like ESCAPE '\\'"
        conds.append(
            f"(c.name_key {like} OR c.work_key {like} OR c.id IN ("
            f"SELECT contact_id FROM contact_emails WHERE address_key {like} "
            f"UNION SELECT contact_id FROM contact_tags WHERE tag {like}))"
        )
    return " AND ".join(conds), params


_LISTING = """
SELECT c.id, c.name, c.company, c.title, c.pile, c.met_on, c.archived, c.last_touch_on,
       coalesce(p.n, 0)
FROM contacts AS c
LEFT OUTER JOIN (SELECT contact_id, count(*) AS n FROM promises WHERE status = 'open'
                 GROUP BY contact_id) AS p ON p.contact_id = c.id
WHERE {where} ORDER BY c.name_key, c.id"""

# Each kind of detail, ordered by person: `{among}` narrows it to the listed people (or not).
_DETAILS = {
    "emails": "SELECT contact_id, address FROM contact_emails {among}"
    " ORDER BY contact_id, position, id",
    "phones": "SELECT contact_id, coalesce(nullif(e164, ''), raw) FROM contact_phones {among}"
    " ORDER BY contact_id, position, id",
    "tags": "SELECT contact_id, tag FROM contact_tags {among} ORDER BY contact_id, tag",
    "events": "SELECT ce.contact_id, e.id, e.name, e.held_on FROM contact_events AS ce"
    " JOIN events AS e ON e.id = ce.event_id {among} ORDER BY ce.contact_id, e.held_on, e.id",
}
_AMONG = "WHERE contact_id IN (SELECT value FROM json_each(:ids))"

ListedRow = tuple[int, str, str | None, str | None, str | None, str | None, int, str | None, int]
"""A listing row as SQLite gives it: `ContactRow`'s fields in order, dates as ISO text."""


class Listing(NamedTuple):
    """A listing as SQLite gives it, before any conversion: what `list --json` prints
    needs none (dates are stored as the ISO text it prints), so it pays for none. The
    details map person ids to lists as `Details` does, an event as (id, name, ISO date);
    they may hold people the rows do not (see `_among`)."""

    rows: list[ListedRow]
    emails: dict[int, list[str]]
    phones: dict[int, list[str]]
    tags: dict[int, list[str]]
    events: dict[int, list[tuple[int, str, str | None]]]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _among(conn: sqlite3.Connection, ids: list[int]) -> tuple[str, dict[str, str]]:
    """How the detail statements narrow to `ids`: through one JSON parameter (no statement
    compiled per id, and a search is evaluated once rather than again for each kind of
    detail: at 10,000 people that was most of `list -s`; docs/benchmarks.md), unless the
    listing holds at least half of everyone: then reading each detail table whole is
    cheaper than looking each id up (a tenth of `list --json`'s work at 10,000 people)."""
    (everyone,) = conn.execute("SELECT count(*) FROM contacts").fetchone()
    if 2 * len(ids) >= everyone:
        return "", {}
    return _AMONG, {"ids": json.dumps(ids)}


def _grouped(cursor: sqlite3.Cursor) -> dict[int, list[Any]]:
    """Rows ordered by person id as a list per id: of the value, or of the rest of the row."""
    value = itemgetter(1) if len(cursor.description) == 2 else itemgetter(slice(1, None))
    return {cid: list(map(value, rows)) for cid, rows in groupby(cursor, itemgetter(0))}


def read_listing(conn: sqlite3.Connection, flt: ContactFilter) -> Listing:
    """Everyone a plain filter selects, by name, and their details: six statements."""
    where, params = _where(flt)
    rows: list[ListedRow] = conn.execute(_LISTING.format(where=where), params).fetchall()
    among, ids = _among(conn, [row[0] for row in rows])
    found = {
        kind: _grouped(conn.execute(sql.format(among=among), ids)) for kind, sql in _DETAILS.items()
    }
    return Listing(rows, **found)


def typed(found: Listing) -> tuple[list[ContactRow], Details]:
    """A listing with the types the full path reads: dates, flags and counts."""
    rows = [
        ContactRow(i, n, co, ti, pi, _day(met), bool(arch), _day(last), int(promises))
        for i, n, co, ti, pi, met, arch, last, promises in found.rows
    ]
    events = {
        cid: [(i, name, _day(on)) for i, name, on in held] for cid, held in found.events.items()
    }
    return rows, Details(found.emails, found.phones, found.tags, events)


@dataclass(frozen=True, slots=True)
class TouchRow:
    """A touch as `show` tells it; the attributes of `models.Touch` it reads."""

    id: int
    happened_on: date
    channel: str
    kind: str
    direction: str
    summary: str
    count: int
    with_contact_id: int | None


class NoteRow(NamedTuple):
    id: int
    written_on: date
    text: str


class PromiseRow(NamedTuple):
    """A promise with the attributes of `models.Promise` that a promise view reads."""

    id: int
    contact_id: int
    what: str
    owner: str
    due_on: date | None
    status: str
    made_on: date
    closed_on: date | None
    drop_reason: str | None
    source_text: str | None


@dataclass(frozen=True)
class Person:
    """Everything `show` prints about one person besides their listing row."""

    own_cadence: int | None
    introduced_by: str | None
    birthday: str | None
    urls: list[str]
    addresses: list[str]
    extras: list[str]
    photo: str | None  # its media type
    touches: list[TouchRow]
    notes: list[NoteRow]
    promises: list[PromiseRow]
    others: dict[int, str]  # the names of the people touches were shared with


def find_person(conn: sqlite3.Connection, key: str) -> int | None:
    """The one active person whose folded name is `key`, else whose name or a word of it
    starts with it; None when that is nobody or several (the full path explains which)."""
    active = "archived = 0 AND "
    found = conn.execute(f"SELECT id FROM contacts WHERE {active}name_key = ? LIMIT 2", (key,))
    ids = [i for (i,) in found]
    if not ids:
        pattern = like_escape(key)
        ids = [
            i
            for (i,) in conn.execute(
                f"SELECT id FROM contacts WHERE {active}(name_key LIKE ? ESCAPE '\\'"
                " OR name_key LIKE ? ESCAPE '\\') LIMIT 2",
                (f"{pattern}%", f"% {pattern}%"),
            )
        ]
    return ids[0] if len(ids) == 1 else None


def find_by_email(conn: sqlite3.Connection, key: str) -> int | None:
    """The one person with this folded e-mail address, else None."""
    found = conn.execute(
        "SELECT DISTINCT contact_id FROM contact_emails WHERE address_key = ? LIMIT 2", (key,)
    ).fetchall()
    return found[0][0] if len(found) == 1 else None


def _column(conn: sqlite3.Connection, sql: str, contact_id: int) -> list[str]:
    return [value for (value,) in conn.execute(sql, (contact_id,))]


_PERSON = """
SELECT c.cadence_days, i.name, c.birthday, p.media_type FROM contacts AS c
LEFT OUTER JOIN contacts AS i ON i.id = c.introduced_by_id
LEFT OUTER JOIN contact_photos AS p ON p.contact_id = c.id WHERE c.id = ?"""


def person(conn: sqlite3.Connection, contact_id: int) -> Person | None:
    """One person's kept fields and history, in the orders the full path reads them."""
    head = conn.execute(_PERSON, (contact_id,)).fetchone()
    if head is None:
        return None
    touches = [
        TouchRow(i, date.fromisoformat(on), *rest)
        for i, on, *rest in conn.execute(
            "SELECT id, happened_on, channel, kind, direction, summary, count, with_contact_id"
            " FROM touches WHERE contact_id = ? ORDER BY happened_on, id",
            (contact_id,),
        )
    ]
    return Person(
        own_cadence=head[0],
        introduced_by=head[1],
        birthday=head[2],
        urls=_column(conn, _KEPT.format("url", "contact_urls"), contact_id),
        addresses=_column(conn, _KEPT.format("text", "contact_addresses"), contact_id),
        extras=_column(conn, _KEPT.format("line", "contact_extras"), contact_id),
        photo=head[3],
        touches=touches,
        notes=_notes(conn, contact_id),
        promises=_promises(conn, contact_id),
        others=_names(conn, {t.with_contact_id for t in touches if t.with_contact_id}),
    )


_KEPT = "SELECT {0} FROM {1} WHERE contact_id = ? ORDER BY position, id"


def _notes(conn: sqlite3.Connection, contact_id: int) -> list[NoteRow]:
    sql = "SELECT id, written_on, text FROM notes WHERE contact_id = ? ORDER BY written_on, id"
    return [NoteRow(i, date.fromisoformat(on), t) for i, on, t in conn.execute(sql, (contact_id,))]


def _promises(conn: sqlite3.Connection, contact_id: int) -> list[PromiseRow]:
    sql = (
        "SELECT id, contact_id, what, owner, due_on, status, made_on, closed_on, drop_reason,"
        " source_text FROM promises WHERE contact_id = ? ORDER BY made_on, id"
    )
    return [_promise(row) for row in conn.execute(sql, (contact_id,))]


def _promise(row: tuple[Any, ...]) -> PromiseRow:
    i, cid, what, owner, due, status, made, end, reason, source = row
    return PromiseRow(
        i, cid, what, owner, _day(due), status, date.fromisoformat(made), _day(end), reason, source
    )


def promises_with_names(
    conn: sqlite3.Connection, statuses: tuple[str, ...]
) -> list[tuple[PromiseRow, str]]:
    """`store.activity.promises_with_names` for active people: undated promises last."""
    marks = ", ".join("?" * len(statuses))
    sql = (
        "SELECT p.id, p.contact_id, p.what, p.owner, p.due_on, p.status, p.made_on, p.closed_on,"
        " p.drop_reason, p.source_text, c.name FROM promises AS p"
        f" JOIN contacts AS c ON c.id = p.contact_id WHERE p.status IN ({marks})"
        " AND c.archived = 0 ORDER BY p.due_on IS NULL, p.due_on, p.id"
    )
    return [(_promise(row[:-1]), row[-1]) for row in conn.execute(sql, statuses)]


def _names(conn: sqlite3.Connection, ids: set[int]) -> dict[int, str]:
    marks = ", ".join("?" * len(ids))
    sql = f"SELECT id, name FROM contacts WHERE id IN ({marks})"
    return dict(conn.execute(sql, sorted(ids)).fetchall()) if ids else {}
