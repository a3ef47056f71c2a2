"""Writing a whole synthetic network at once: the demo database and benchmark loads.

Why not the ORM: building and flushing two million `Touch` objects takes minutes, while
Core `insert()` with executemany in batches takes seconds. Ids are assigned here,
continuing after any rows already present, so that rows can point at each other without a
round-trip per row; on PostgreSQL the id sequences are then moved past them so that later
ORM inserts do not collide.

Everything derived (name keys, e-mail keys, timestamps, uids) is computed from the network
itself, so the same network always produces the same rows.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from functools import cache
from itertools import chain, islice
from typing import Any

from sqlalchemy import (
    Date,
    MetaData,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from followthru.demo.network import SyntheticNetwork
from followthru.domain.vocab import Channel, Direction, TouchKind
from followthru.store import keys, touch_stats
from followthru.store.models import Base
from followthru.store.types import UTCDateTime

BATCH_ROWS = 5_000  # rows per executemany: big enough to amortise, small enough for memory
SQLITE_CACHE_KIB = 256 * 1024  # page cache while loading; SQLite allocates it only as used
_ID_TABLES = (
    "events",
    "contacts",
    "contact_emails",
    "contact_phones",
    "touches",
    "notes",
    "promises",
)
_STAMP = time(17, 0)  # records are stamped at a fixed time of the day they describe

# Lower-case words that begin a family name: "van den Berg", "de la Fuente", "Ó Briain".
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "la", "le", "da", "das", "do", "dos",
    "di", "du", "ó", "o", "ní", "nic", "mac", "mc", "giolla", "al", "el", "bin", "ter", "ten",
})  # fmt: skip


# Enum members as plain text, looked up rather than read through `.value` two million times.
_PLAIN: dict[StrEnum, str] = {m: m.value for kind in (Channel, TouchKind, Direction) for m in kind}


@dataclass(frozen=True)
class InsertedIds:
    """Database ids of what was written: `contacts[i]` is the id of network.contacts[i]."""

    contacts: range
    events: range


@cache
def split_family(name: str) -> tuple[str, str]:
    """(given, family) by the last word plus any particles before it.

    nameparser is right more often but costs ~100 µs a name: ten seconds at 100k people.
    """
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    k = len(words) - 1
    while k > 1 and words[k - 1].casefold() in _PARTICLES:
        k -= 1
    return " ".join(words[:k]), " ".join(words[k:])


def insert_network(
    session: Session, network: SyntheticNetwork, *, batch_rows: int = BATCH_ROWS
) -> InsertedIds:
    """Write every record of `network` inside the caller's transaction.

    Event names are unique in the schema, so a network cannot be written twice into one
    database; the demo and the benchmarks always start from an empty one.
    """
    tables = Base.metadata.tables
    last = {name: _max_id(session, tables[name]) for name in _ID_TABLES}
    ids = InsertedIds(
        contacts=range(last["contacts"] + 1, last["contacts"] + 1 + len(network.contacts)),
        events=range(last["events"] + 1, last["events"] + 1 + len(network.events)),
    )
    writer = _Writer(session, network, ids, last, batch_rows)
    with _roomy_sqlite_cache(session):
        writer.events()
        writer.contacts()
        writer.contact_details()
        writer.touches()
        writer.notes_and_promises()
    touch_stats.refresh(session)
    if session.get_bind().dialect.name == "postgresql":
        reset_sequences(session)
    return ids


@contextmanager
def _roomy_sqlite_cache(session: Session) -> Iterator[None]:
    """Give SQLite a page cache big enough for the indexes being filled, then put it back.

    Touches arrive in contact order, so the index on their date is written at random
    places; with SQLite's default 2 MB cache its pages are evicted and read again. At two
    million touches the larger cache saved about a sixth of the load time.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    before = session.execute(text("PRAGMA cache_size")).scalar_one()
    session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size = {int(before)}"))


def reset_sequences(session: Session) -> None:
    """Move each id sequence past the highest id, after rows were written with explicit ids."""
    for name in _ID_TABLES:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )


def _max_id(session: Session, table: Table) -> int:
    return int(session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0)


class _Writer:
    def __init__(
        self,
        session: Session,
        network: SyntheticNetwork,
        ids: InsertedIds,
        last: dict[str, int],
        batch_rows: int,
    ) -> None:
        self.session = session
        self.net = network
        self.ids = ids
        self.last = last
        self.batch_rows = batch_rows
        self.tables = Base.metadata.tables
        seed = f"{network.seed}:{network.today.isoformat()}:{len(network.contacts)}"
        self.rng = random.Random(seed)  # uids: stable for the same network
        self._stamps: dict[date, datetime] = {}
        self.name_key = keys.name_keys()

    def insert(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        batches = _batches(rows, self.batch_rows)
        first = next(batches, None)
        if first is None:
            return
        shape, converters = self._prepared(table, first[0].keys())
        statement = insert(shape)
        for batch in chain([first], batches):
            for row in batch:
                for key, convert in converters:
                    row[key] = convert(row[key])
            self.session.execute(statement, batch)

    def _prepared(
        self, name: str, keys: Collection[str]
    ) -> tuple[Table, list[tuple[str, Callable[[Any], Any]]]]:
        """The table to insert into, and the date columns whose conversion is done here.

        SQLAlchemy converts every date and timestamp per row (for SQLite, to text; for the
        UTC type, a check and a shift too), which was half the load time. Dates repeat, so
        each distinct value is converted once by the dialect's own converter, and the rows
        go through a copy of the table that binds those columns unchanged. Columns the rows
        leave out keep their type and defaults.
        """
        table = self.tables[name]
        dialect = self.session.get_bind().dialect
        converters: list[tuple[str, Callable[[Any], Any]]] = []
        for column in table.columns:
            if column.name in keys and isinstance(column.type, Date | UTCDateTime):
                process = column.type.dialect_impl(dialect).bind_processor(dialect)
                if process is not None:
                    converters.append((column.name, _memoised(process)))
        if not converters:
            return table, []
        shape = table.to_metadata(MetaData())
        for key, _ in converters:
            shape.c[key].type = NullType()
        return shape, converters

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def stamp(self, day: date) -> datetime:
        found = self._stamps.get(day)
        if found is None:
            found = self._stamps[day] = datetime.combine(day, _STAMP, tzinfo=UTC)
        return found

    def events(self) -> None:
        self.insert(
            "events",
            (
                {
                    "id": event_id,
                    "uid": self.uid(),
                    "name": e.name,
                    "name_key": self.name_key(e.name),
                    "held_on": e.held_on,
                    "location": e.location,
                    "created_at": self.stamp(e.held_on),
                }
                for event_id, e in zip(self.ids.events, self.net.events, strict=True)
            ),
        )

    def contacts(self) -> None:
        """People in order; an introducer written later is linked by an update afterwards."""
        later: list[dict[str, Any]] = []
        self.insert("contacts", self._contact_rows(later))
        if later:
            table = self.tables["contacts"]
            self.session.execute(update(table).where(table.c.id == bindparam("cid")), later)

    def _contact_rows(self, later: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        cids = self.ids.contacts
        for i, c in enumerate(self.net.contacts):
            given, family = split_family(c.name)
            introducer = c.introduced_by
            if introducer is not None and introducer >= i:
                later.append({"cid": cids[i], "introduced_by_id": cids[introducer]})
                introducer = None
            stamp = self.stamp(c.met_on)
            yield {
                "id": cids[i],
                "uid": self.uid(),
                "name": c.name,
                "name_key": self.name_key(c.name),
                "given_name": given,
                "family_name": family,
                "company": c.company,
                "title": c.title,
                "pile": c.pile.value if c.pile else None,
                "cadence_days": c.cadence_days,
                "introduced_by_id": cids[introducer] if introducer is not None else None,
                "met_on": c.met_on,
                "archived": False,
                "created_at": stamp,
                "updated_at": stamp,
            }

    def contact_details(self) -> None:
        """E-mails, phones, tags and events: the rows that hang off a person."""
        cids, people = self.ids.contacts, self.net.contacts
        email_ids = iter(range(self.last["contact_emails"] + 1, 1 << 62))
        phone_ids = iter(range(self.last["contact_phones"] + 1, 1 << 62))
        self.insert(
            "contact_emails",
            (
                {
                    "id": next(email_ids),
                    "contact_id": cids[i],
                    "address": address,
                    "address_key": keys.email_key(address),
                    "label": None,
                    "position": pos,
                }
                for i, c in enumerate(people)
                for pos, address in enumerate(c.emails)
            ),
        )
        self.insert(
            "contact_phones",
            (
                {
                    "id": next(phone_ids),
                    "contact_id": cids[i],
                    "raw": number,
                    "e164": number,
                    "label": "mobile",
                    "position": pos,
                }
                for i, c in enumerate(people)
                for pos, number in enumerate(c.phones)
            ),
        )
        self.insert(
            "contact_tags",
            ({"contact_id": cids[i], "tag": t} for i, c in enumerate(people) for t in c.tags),
        )
        eids = self.ids.events
        self.insert(
            "contact_events",
            (
                {"contact_id": cids[i], "event_id": eids[e]}
                for i, c in enumerate(people)
                for e in c.events
            ),
        )

    def touches(self) -> None:
        cids, stamp = self.ids.contacts, self.stamp
        first = self.last["touches"] + 1
        self.insert(
            "touches",
            (
                {
                    "id": first + n,
                    "contact_id": cids[t.contact],
                    "happened_on": t.happened_on,
                    "channel": _PLAIN[t.channel],
                    "kind": _PLAIN[t.kind],
                    "direction": _PLAIN[t.direction],
                    "summary": t.summary,
                    "with_contact_id": cids[t.with_contact] if t.with_contact is not None else None,
                    "created_at": stamp(t.happened_on),
                }
                for n, t in enumerate(self.net.touches)
            ),
        )

    def notes_and_promises(self) -> None:
        cids, stamp = self.ids.contacts, self.stamp
        first_note, first_promise = self.last["notes"] + 1, self.last["promises"] + 1
        self.insert(
            "notes",
            (
                {
                    "id": first_note + n,
                    "contact_id": cids[note.contact],
                    "written_on": note.written_on,
                    "text": note.text,
                    "created_at": stamp(note.written_on),
                }
                for n, note in enumerate(self.net.notes)
            ),
        )
        self.insert(
            "promises",
            (
                {
                    "id": first_promise + n,
                    "uid": self.uid(),
                    "contact_id": cids[p.contact],
                    "what": p.what,
                    "owner": p.owner.value,
                    "due_on": p.due_on,
                    "status": p.status.value,
                    "made_on": p.made_on,
                    "closed_on": p.closed_on,
                    "drop_reason": p.drop_reason,
                    "source_text": p.source_text,
                    "note_id": first_note + p.note if p.note is not None else None,
                    "created_at": stamp(p.made_on),
                }
                for n, p in enumerate(self.net.promises)
            ),
        )


def _memoised(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    cache: dict[Any, Any] = {None: None}

    def convert(value: Any) -> Any:
        try:
            return cache[value]
        except KeyError:
            converted = cache[value] = process(value)
            return converted

    return convert


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
