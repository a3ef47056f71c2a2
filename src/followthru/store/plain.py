"""Everyday reads straight from a SQLite file, with the standard library alone.

`list` is run dozens of times a day, often from scripts; importing SQLAlchemy costs it
more than the reading itself (about 0.4 s of a 10,000-person listing). A file at the
schema this followthru writes is read here with `sqlite3`, read-only; anything else — a
server database, an older or newer schema, a file others can read (the full path warns
about it) — answers None and the caller takes the SQLAlchemy path, which migrates, warns
and reads the same rows (tests/test_plain_reads.py holds the two to the same answers).
"""

from __future__ import annotations

import sqlite3
import stat
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from followthru.store.revision import head_revision

BUSY_TIMEOUT_MS = 30_000  # as the full path: a reader waits out a writer's checkpoint
SQLITE_PREFIX = "sqlite+pysqlite:///"  # the URL `settings.sqlite_url` makes of a path


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
    include_archived: bool = False
    promising_first: bool = False  # the triage order instead of by name


@dataclass(frozen=True, slots=True)
class ContactRow:
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


def open_reader(url: str) -> sqlite3.Connection | None:
    """A read-only connection to a private SQLite file at the head schema, or None."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    path = Path(url.removeprefix(SQLITE_PREFIX))
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            return None
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        found = None
    if found is None or found[0] != head_revision():
        conn.close()
        return None
    return conn


def _where(flt: ContactFilter) -> tuple[str, dict[str, object]]:
    """The WHERE clause of `store.contacts._conditions` for the plain filters."""
    conds: list[str] = ["1 = 1"]
    params: dict[str, object] = {}
    if not flt.include_archived:
        conds.append("c.archived = 0")
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

_DETAILS = {
    "emails": "SELECT contact_id, address FROM contact_emails WHERE contact_id IN ({ids})"
    " ORDER BY contact_id, position, id",
    "phones": "SELECT contact_id, coalesce(nullif(e164, ''), raw) FROM contact_phones"
    " WHERE contact_id IN ({ids}) ORDER BY contact_id, position, id",
    "tags": "SELECT contact_id, tag FROM contact_tags WHERE contact_id IN ({ids})"
    " ORDER BY contact_id, tag",
    "events": "SELECT ce.contact_id, e.id, e.name, e.held_on FROM contact_events AS ce"
    " JOIN events AS e ON e.id = ce.event_id WHERE ce.contact_id IN ({ids})"
    " ORDER BY ce.contact_id, e.held_on, e.id",
}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def listing(conn: sqlite3.Connection, flt: ContactFilter) -> tuple[list[ContactRow], Details]:
    """Everyone a plain filter selects, by name, and their details: five statements,
    the details joined to the same filter rather than sent back as a list of ids."""
    where, params = _where(flt)
    rows = [
        ContactRow(i, n, co, ti, pi, _day(met), bool(arch), _day(last), int(promises))
        for i, n, co, ti, pi, met, arch, last, promises in conn.execute(
            _LISTING.format(where=where), params
        )
    ]
    ids = f"SELECT c.id FROM contacts AS c WHERE {where}"
    found: dict[str, dict[int, list[object]]] = {}
    for kind, sql in _DETAILS.items():
        grouped: dict[int, list[object]] = defaultdict(list)
        cursor = conn.execute(sql.format(ids=ids), params)
        if kind == "events":
            for cid, event_id, name, held_on in cursor:
                grouped[cid].append((event_id, name, _day(held_on)))
        else:
            for cid, value in cursor:
                grouped[cid].append(value)
        found[kind] = grouped
    return rows, Details(**found)  # type: ignore[arg-type]
