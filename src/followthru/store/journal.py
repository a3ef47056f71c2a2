"""The change journal: every write a user makes can be undone, exactly.

A write joins the journal by opening a `ChangeSet` in its own transaction and naming the
people it is about *before* it changes them:

    with ctx.db.write() as session:
        change = journal.ChangeSet(session, "edit", f"edited {contact.name}")
        journal.touch(session, [contact.id])    # before-image taken now
        ... change the person, their touches, notes, promises …
        journal.created(session, [new_id])      # people this change made: undo removes them
        change.save()                           # one row in `changes`, same transaction

The change set is kept in the session, so a helper deep down (`touches.log_in`,
`notes.record`) says which people it is about to change with `journal.touch(session, ids)`
whatever use case called it; with no change set open that is a no-op.

The before-image is generic, like the backup: every row of every table with a foreign key
to `contacts.id` that belongs to (or points at) the people named, encoded as the backup
encodes rows. Undo deletes those people as they are now (their own rows go with them by
the cascades) and inserts the before-image again, ids and all; people the change created
are deleted, events it created too. A later change that touched any of the same people
depends on this one: undo refuses until that one is undone first.

Writes that do not join the journal are not undone and may be lost by undoing an earlier
change of the same people, so every service write that changes people should join.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from followthru.store.backup import decode_row, encode_row
from followthru.store.models import (
    Base,
    Change,
    ChangePeople,
    Contact,
    ContactEvent,
    Event,
    FollowupSession,
    utcnow,
)
from followthru.store.plain_file import UNFINISHED
from followthru.store.types import storable_key

EVENTS: Table = Event.__table__  # type: ignore[assignment]
BOOKED: Table = FollowupSession.__table__  # type: ignore[assignment]

CONTACTS: Table = Contact.__table__  # type: ignore[assignment]
CHANGES: Table = Change.__table__  # type: ignore[assignment]
CHANGE_PEOPLE: Table = ChangePeople.__table__  # type: ignore[assignment]
FORMAT = 1
_CHUNK = 500  # ids per IN (…): well below SQLite's and PostgreSQL's parameter limits


class UndoRefused(Exception):
    """Why a change cannot be undone, in a sentence."""


class NoSuchChange(UndoRefused):
    """The change number names no change at all: nothing later stands in the way."""


@dataclass(frozen=True)
class Link:
    """A column that refers to a person; `owned` when the row belongs to them (CASCADE)."""

    table: Table
    column: Column[Any]
    owned: bool


def _links() -> list[Link]:
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            if fk.column.table is CONTACTS:
                found.append(Link(table, fk.parent, (fk.ondelete or "").upper() == "CASCADE"))
    return found


LINKS = _links()


def owner_columns(table: Table) -> list[Column[Any]]:
    return [link.column for link in LINKS if link.table is table and link.owned]


def pointer_columns(table: Table) -> list[Column[Any]]:
    return [link.column for link in LINKS if link.table is table and not link.owned]


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def snapshot(
    session: Session, ids: Sequence[int]
) -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
    """The people's rows in every table that refers to people, and other rows pointing at
    them, as plain JSON values per table, by primary key."""
    tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        columns = [link.column for link in LINKS if link.table is table]
        if table is CONTACTS:
            columns.append(CONTACTS.c.id)
        if not columns:
            continue
        rows: dict[tuple[Any, ...], dict[str, Any]] = {}
        for chunk in _chunks(sorted(ids)):
            found = session.execute(select(table).where(or_(*(c.in_(chunk) for c in columns))))
            for row in found.mappings():
                rows[_pk(table, row)] = encode_row(table, row)
        if rows:
            tables[table.name] = rows
    return tables


def _pk(table: Table, row: Any) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in table.primary_key.columns)


_OPEN = "followthru_change"  # the session.info key of the change set being made


class ChangeSet:
    """One change being made: collects before-images and what was created, then `save`s.

    `extends` names a change saved by an earlier transaction of the same work (a sync
    saves its place after every batch): this one adds to it rather than making another.
    """

    def __init__(
        self, session: Session, kind: str, summary: str = "", *, extends: int | None = None
    ) -> None:
        self.session = session
        self.kind = kind
        self.summary = summary
        self.extends = extends
        self.dirty = False  # whether this transaction changed anything journaled
        # Id ranges of rows inserted that belong to nobody (a stranger's message), by table.
        self.inserted: dict[str, list[list[int]]] = {}
        # Rows as first seen, by table and primary key: a row seen again later (pointing at
        # someone touched later) may already be changed, so the first copy is kept.
        self.tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
        self.touched: set[int] = set()
        self.order: list[int] = []  # people in the order they were first touched
        self.new_people: set[int] = set()
        self.new_events: set[int] = set()
        self.event_rows: dict[int, dict[str, Any]] = {}  # events as they were, by id
        self.booked_rows: list[dict[str, Any]] = []  # their booked follow-up sessions
        if extends is not None:
            self._load(extends)
        session.info[_OPEN] = self

    def _load(self, change_id: int) -> None:
        """Carry on with a saved change: its before-images stay the first ones seen."""
        saved = json.loads(self.session.get_one(Change, change_id).before)
        for name, rows in saved["tables"].items():
            table = Base.metadata.tables[name]
            self.tables[name] = {_pk(table, row): row for row in rows}
        self.order = list(saved["people"])
        self.touched = set(self.order)
        self.new_people = set(saved["created"])
        self.new_events = set(saved["events"])
        self.event_rows = {row["id"]: row for row in saved["event_rows"]}
        self.booked_rows = list(saved["booked"])
        self.inserted = saved.get("inserted", {})

    def touch(self, ids: Iterable[int]) -> None:
        """Take the before-image of these people (once each): call before changing them."""
        fresh = sorted(set(ids) - self.touched - self.new_people)
        if not fresh:
            return
        self.session.flush()
        self.dirty = True
        self.touched.update(fresh)
        self.order += [i for i in dict.fromkeys(ids) if i in fresh]
        for name, rows in snapshot(self.session, fresh).items():
            seen = self.tables.setdefault(name, {})
            for key, row in rows.items():
                seen.setdefault(key, row)

    def touch_events(self, ids: Iterable[int]) -> None:
        """Take the before-image of these events (and their booked sessions): call before
        renaming, moving or removing them. The people on them are `touch`ed apart."""
        fresh = sorted(set(ids) - set(self.event_rows) - self.new_events)
        if not fresh:
            return
        self.session.flush()
        self.dirty = True
        for row in self.session.execute(select(EVENTS).where(EVENTS.c.id.in_(fresh))).mappings():
            self.event_rows[row["id"]] = encode_row(EVENTS, row)
        booked = self.session.execute(select(BOOKED).where(BOOKED.c.event_id.in_(fresh)))
        self.booked_rows += [encode_row(BOOKED, row) for row in booked.mappings()]

    def _removed_events(self) -> list[int]:
        """Events seen before that this change removed: undo inserts them again."""
        seen = sorted(self.event_rows)
        if not seen:
            return []
        left = set(self.session.scalars(select(EVENTS.c.id).where(EVENTS.c.id.in_(seen))))
        return [i for i in seen if i not in left]

    def created(self, ids: Iterable[int], *, events: Iterable[int] = ()) -> None:
        """People (and events) this change made: undoing it removes them."""
        self.new_people.update(i for i in ids if i not in self.touched)
        self.new_events.update(events)
        self.dirty = True

    def insert_range(self, table: Table, first: int, last: int) -> None:
        """Rows `first`..`last` of `table` were inserted by this change: undo removes those
        still owned by nobody (people's own rows go back with their before-image)."""
        self.inserted.setdefault(table.name, []).append([first, last])
        self.dirty = True

    def discard(self) -> None:
        """Nothing worth journaling happened: leave no change behind."""
        self.session.info.pop(_OPEN, None)

    def save(self, records: int | None = None) -> int:
        """Record the change in the caller's transaction; returns its id."""
        before = self._before()
        people = self.touched | self.new_people
        values = {
            "kind": self.kind,
            "summary": self.summary,
            "records": len(people) if records is None else records,
            "before": json.dumps(before, ensure_ascii=False, sort_keys=True),
        }
        if self.extends is None:
            change_id = self.session.execute(
                insert(CHANGES)
                .values(made_at=utcnow(), undone=False, **values)
                .returning(CHANGES.c.id)
            ).scalar_one()
        else:
            change_id = self.extends
            self.session.execute(update(CHANGES).where(CHANGES.c.id == change_id).values(values))
            self.session.execute(
                delete(CHANGE_PEOPLE).where(CHANGE_PEOPLE.c.change_id == change_id)
            )
        rows = [
            {"change_id": change_id, "first_id": first, "last_id": last}
            for first, last in runs(people)
        ]
        for start in range(0, len(rows), _CHUNK * 10):
            self.session.execute(insert(CHANGE_PEOPLE), rows[start : start + _CHUNK * 10])
        self.session.info.pop(_OPEN, None)
        return int(change_id)

    def _before(self) -> dict[str, Any]:
        """Everything undo needs, as stored in the change's `before`."""
        removed = self._removed_events()
        return {
            "format": FORMAT,
            "tables": {name: [rows[k] for k in sorted(rows)] for name, rows in self.tables.items()},
            "people": self.order,
            "created": sorted(self.new_people),
            "events": sorted(self.new_events),
            "event_rows": [self.event_rows[k] for k in sorted(self.event_rows)],
            "removed_events": removed,
            "booked": [r for r in self.booked_rows if r["event_id"] in removed],
            "inserted": self.inserted,
        }


def merge_befores(parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Several saved before-images (in the order they were taken) as one: what an import
    written in batches saves. A row or event seen by an earlier part keeps that copy."""
    tables: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
    event_rows: dict[int, dict[str, Any]] = {}
    people: dict[int, None] = {}
    for saved in parts:
        for name, rows in saved["tables"].items():
            seen = tables.setdefault(name, {})
            for row in rows:
                seen.setdefault(_pk(Base.metadata.tables[name], row), row)
        for row in saved["event_rows"]:
            event_rows.setdefault(row["id"], row)
        people.update(dict.fromkeys(saved["people"]))

    def union(key: str) -> list[Any]:
        return sorted({value for saved in parts for value in saved[key]})

    created = union("created")  # someone a part made is not put back by a later part's image
    made = set(created)
    return {
        "format": FORMAT,
        "tables": {name: [rows[k] for k in sorted(rows)] for name, rows in tables.items()},
        "people": [cid for cid in people if cid not in made],
        "created": created,
        "events": union("events"),
        "event_rows": [event_rows[k] for k in sorted(event_rows)],
        "removed_events": union("removed_events"),
        "booked": [row for saved in parts for row in saved["booked"]],
    }


def runs(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Ids as runs of consecutive numbers: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    found: list[tuple[int, int]] = []
    for cid in sorted(set(ids)):
        if found and found[-1][1] == cid - 1:
            found[-1] = (found[-1][0], cid)
        else:
            found.append((cid, cid))
    return found


def touch(session: Session, ids: Iterable[int]) -> None:
    """Join the change set open in this session, if any, with these people's before-image."""
    change = session.info.get(_OPEN)
    if change is not None:
        change.touch(ids)


def touch_events(session: Session, ids: Iterable[int]) -> None:
    """Join the change set open in this session, if any, with these events' before-image."""
    change = session.info.get(_OPEN)
    if change is not None:
        change.touch_events(ids)


def created(session: Session, ids: Iterable[int], *, events: Iterable[int] = ()) -> None:
    """Tell the change set open in this session, if any, about people it created."""
    change = session.info.get(_OPEN)
    if change is not None:
        change.created(ids, events=events)


def insert_range(session: Session, table: Table, first: int, last: int) -> None:
    """Tell the change set open in this session, if any, about rows it inserted."""
    change = session.info.get(_OPEN)
    if change is not None:
        change.insert_range(table, first, last)


class Ongoing:
    """One change made in several transactions (a sync saves its place after every
    batch): the first transaction that changes anything saves it, later ones add to it."""

    def __init__(self, kind: str, summary: str) -> None:
        self.kind = kind
        self.summary = summary
        self.id: int | None = None

    @contextmanager
    def joined(self, session: Session) -> Iterator[ChangeSet]:
        """Journal what happens in this transaction as part of the one change."""
        change = ChangeSet(session, self.kind, self.summary, extends=self.id)
        try:
            yield change
        except BaseException:
            change.discard()
            raise
        if change.dirty:
            self.id = change.save()
        else:
            change.discard()


# -- reading -----------------------------------------------------------------------------------


def people_of(row: Change) -> list[int]:
    """The people a change touched (not created), in the order it touched them."""
    return list(json.loads(row.before)["people"])


def recent(session: Session, limit: int) -> list[Change]:
    query = select(Change).where(Change.kind.not_in(UNFINISHED))
    return list(session.scalars(query.order_by(Change.id.desc()).limit(limit)))


def newest_id(session: Session) -> int:
    """The id of the newest change, undone or not (0 for none): a point in time."""
    return int(session.scalar(select(func.max(CHANGES.c.id))) or 0)


def people_changed_since(
    session: Session, change_id: int, *, ignore: Iterable[int] = ()
) -> set[int]:
    """Everyone a change after `change_id` (other than those to `ignore`) touched or created."""
    found = session.execute(
        select(CHANGE_PEOPLE.c.first_id, CHANGE_PEOPLE.c.last_id).where(
            CHANGE_PEOPLE.c.change_id > change_id, CHANGE_PEOPLE.c.change_id.not_in(list(ignore))
        )
    )
    return {cid for first, last in found for cid in range(first, last + 1)}


def last_change(session: Session, kind: str | None = None) -> int | None:
    """The newest change not undone yet (of one kind, when given)."""
    query = select(func.max(CHANGES.c.id)).where(
        CHANGES.c.undone.is_(False), CHANGES.c.kind.not_in(UNFINISHED)
    )
    if kind is not None:
        query = query.where(CHANGES.c.kind == kind)
    found = session.scalar(query)
    return int(found) if found is not None else None


# -- undo --------------------------------------------------------------------------------------


def undo(session: Session, change_id: int, *, force: bool = False) -> Change:
    """Put every person the change touched back as they were before it; remove the people
    and events it created. Raises UndoRefused (nothing changed) when that cannot be exact.

    `force` is for an import whose process died half-way (store.pending): it is taken
    back even if someone changed its people since, as they could only see half of it."""
    row = session.get(Change, change_id) if storable_key(change_id) else None
    if row is None:
        raise NoSuchChange(f"there is no change #{change_id}.")
    if row.undone:
        raise UndoRefused(f"change #{change_id} is already undone.")
    if row.kind in UNFINISHED and not force:
        raise UndoRefused(f"change #{change_id} is not finished yet.")
    saved = json.loads(row.before)
    people: list[int] = saved["people"]
    scope = sorted({*people, *saved["created"]})
    if not force:
        _check_no_later(session, change_id, scope)
    _check_events(session, saved["events"], scope)
    _check_event_rows(session, change_id, saved)
    tables: dict[str, list[dict[str, Any]]] = saved["tables"]
    for chunk in _chunks(scope):
        session.execute(delete(CONTACTS).where(CONTACTS.c.id.in_(chunk)))
    if saved["events"]:
        session.execute(delete(EVENTS).where(EVENTS.c.id.in_(saved["events"])))
    _restore_events(session, saved)
    _remove_inserted(session, saved.get("inserted", {}))
    _restore(session, tables, set(people))
    session.execute(update(CHANGES).where(CHANGES.c.id == change_id).values(undone=True))
    session.flush()
    session.expire_all()
    return row


def _remove_inserted(session: Session, inserted: dict[str, list[list[int]]]) -> None:
    """Rows the change inserted that still belong to nobody go (a stranger's message
    waiting for `suggest`); rows owned by someone since are theirs to keep."""
    for name, spans in inserted.items():
        table = Base.metadata.tables[name]
        (key,) = table.primary_key.columns
        unowned = [column.is_(None) for column in owner_columns(table)]
        for first, last in spans:
            session.execute(delete(table).where(key.between(first, last), *unowned))


def _check_no_later(session: Session, change_id: int, scope: Sequence[int]) -> None:
    spans = runs(scope)
    for start in range(0, len(spans), _CHUNK // 2):
        overlap = [
            and_(CHANGE_PEOPLE.c.first_id <= last, CHANGE_PEOPLE.c.last_id >= first)
            for first, last in spans[start : start + _CHUNK // 2]
        ]
        later = session.execute(
            select(CHANGES.c.id, CHANGES.c.kind, CHANGES.c.summary)
            .join(CHANGE_PEOPLE, CHANGE_PEOPLE.c.change_id == CHANGES.c.id)
            .where(
                CHANGES.c.id > change_id,
                CHANGES.c.undone.is_(False),
                or_(*overlap),
            )
            .order_by(CHANGES.c.id.desc())
            .limit(1)
        ).first()
        if later is not None:
            raise UndoRefused(
                f"change #{later.id} ({later.kind}: {later.summary}) came later and changed "
                "the same people."
            )


def _check_events(session: Session, events: Sequence[int], scope: Sequence[int]) -> None:
    """An event this change created that others have since been linked to stays."""
    if not events:
        return
    others = session.scalar(
        select(func.count())
        .select_from(ContactEvent)
        .where(ContactEvent.event_id.in_(events), ContactEvent.contact_id.not_in(scope))
    )
    if others:
        raise UndoRefused(
            "an event this change created has since been given other people; "
            "undoing it would take them off the event."
        )


def _check_event_rows(session: Session, change_id: int, saved: dict[str, Any]) -> None:
    """Events this change renamed or removed must be as it left them: not changed again by a
    later change, not removed since (after an edit), their name not taken (after a removal)."""
    rows: list[dict[str, Any]] = saved.get("event_rows", [])
    if not rows:
        return
    ids = {row["id"] for row in rows}
    later = session.execute(
        select(CHANGES.c.id, CHANGES.c.kind, CHANGES.c.summary, CHANGES.c.before).where(
            CHANGES.c.id > change_id, CHANGES.c.undone.is_(False), CHANGES.c.kind == "event"
        )
    )
    for other in later:
        if ids & {row["id"] for row in json.loads(other.before).get("event_rows", [])}:
            raise UndoRefused(
                f"change #{other.id} ({other.kind}: {other.summary}) came later and changed "
                "the same event."
            )
    removed = set(saved.get("removed_events", []))
    for row in rows:
        now = (
            session.execute(
                select(EVENTS.c.id).where(
                    or_(EVENTS.c.id == row["id"], EVENTS.c.name_key == row["name_key"])
                )
            )
            .scalars()
            .all()
        )
        if (row["id"] in removed and now) or (row["id"] not in removed and row["id"] not in now):
            raise UndoRefused(
                f"the event {row['name']!r} has changed since in a way undo cannot mend."
            )
        if row["id"] not in removed and set(now) - {row["id"]}:
            raise UndoRefused(f"another event is called {row['name']!r} now.")


def _restore_events(session: Session, saved: dict[str, Any]) -> None:
    """Events as they were: renamed ones get their old values, removed ones come back with
    their booked sessions (before the people, whose links point at them)."""
    removed = set(saved.get("removed_events", []))
    for raw in saved.get("event_rows", []):
        row = decode_row(EVENTS, raw)
        if row["id"] in removed:
            session.execute(insert(EVENTS), [row])
        else:
            session.execute(update(EVENTS).where(EVENTS.c.id == row["id"]).values(row))
    booked = [decode_row(BOOKED, r) for r in saved.get("booked", [])]
    if booked:
        session.execute(insert(BOOKED), booked)


def _restore(session: Session, tables: dict[str, list[dict[str, Any]]], people: set[int]) -> None:
    """The before-image back: people first (without who introduced them, who may come
    back later in the same insert), their own rows, then every pointer at them."""
    contacts = [decode_row(CONTACTS, r) for r in tables.get("contacts", []) if r["id"] in people]
    _insert(session, CONTACTS, [{**r, "introduced_by_id": None} for r in contacts])
    for table in Base.metadata.sorted_tables:
        owners = owner_columns(table)
        if table is CONTACTS or not owners:
            continue
        rows = [
            decode_row(table, r)
            for r in tables.get(table.name, [])
            if any(r[c.name] in people for c in owners)
        ]
        _check_free(session, table, rows)
        _insert(session, table, rows)
    _repoint(session, tables, people)
    for r in contacts:
        if r["introduced_by_id"] is not None:
            values = _fix_references(session, CONTACTS, [r])[0]
            session.execute(
                update(CONTACTS)
                .where(CONTACTS.c.id == r["id"])
                .values(introduced_by_id=values["introduced_by_id"], updated_at=r["updated_at"])
            )


def _repoint(session: Session, tables: dict[str, list[dict[str, Any]]], people: set[int]) -> None:
    """Other people's rows that pointed at the people restored (who introduced whom, the
    other side of an introduction) point at them again."""
    for table in Base.metadata.sorted_tables:
        owners = owner_columns(table)
        for raw in tables.get(table.name, []):
            if table is CONTACTS and raw["id"] in people:
                continue
            if any(raw[c.name] in people for c in owners):
                continue
            row = decode_row(table, raw)
            where = and_(*(c == row[c.name] for c in table.primary_key.columns))
            # Timestamps an update would stamp (`updated_at`) go back as they were too.
            stamps = {c.name: row[c.name] for c in table.columns if c.onupdate is not None}
            for column in pointer_columns(table):
                if row[column.name] in people:
                    session.execute(
                        update(table)
                        .where(where, column.is_(None))
                        .values({column.name: row[column.name], **stamps})
                    )


def _check_free(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """A row to bring back whose id is someone else's now: an exact undo is impossible."""
    pk = list(table.primary_key.columns)
    if len(pk) != 1:
        return  # keyed by the person (a tag, a photo): their own, deleted just before
    keys = [row[pk[0].name] for row in rows]
    for chunk in _chunks(keys):
        taken = session.execute(select(pk[0]).where(pk[0].in_(chunk)).limit(1)).first()
        if taken is not None:
            raise UndoRefused(
                f"a row of {table.name} (#{taken[0]}) that this change removed has since "
                "been reused for something else."
            )


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    rows = _fix_references(session, table, rows)
    for start in range(0, len(rows), _CHUNK):
        session.execute(insert(table), rows[start : start + _CHUNK])


def _fix_references(
    session: Session, table: Table, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows pointing at something deleted since: a cascading key drops the row (as the
    deletion would have), any other key is cleared (as SET NULL would have)."""
    kept_rows = rows
    for fk in table.foreign_keys:
        name = fk.parent.name
        wanted = sorted({row[name] for row in kept_rows if row.get(name) is not None})
        if not wanted:
            continue
        present: set[Any] = set()
        for chunk in _chunks(wanted):
            present.update(session.scalars(select(fk.column).where(fk.column.in_(chunk))))
        missing = set(wanted) - present
        if not missing:
            continue
        if (fk.ondelete or "").upper() == "CASCADE":
            kept_rows = [row for row in kept_rows if row[name] not in missing]
        else:
            kept_rows = [{**row, name: None} if row[name] in missing else row for row in kept_rows]
    return kept_rows
