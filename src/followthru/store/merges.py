"""Merging one person into another, and undoing it exactly.

Generic over the models, like the backup: every table with a foreign key to `contacts.id`
is found in the metadata. A key that cascades marks rows the person *owns* (touches, notes,
e-mails …): a merge moves them to the kept person. A key that is set to NULL marks rows that
merely *point* at a person (who introduced whom, the other side of an introduction): a merge
points them at the kept person. Before anything changes, both people's rows in every such
table are saved as JSON in `merges.snapshot`, encoded as the backup encodes them, so an undo
can put every row back with its original id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from followthru.store import touch_stats
from followthru.store.backup import decode_row, encode_row
from followthru.store.models import Base, Contact, Merge, utcnow, work_key
from followthru.store.touch_stats import SUMMARY_FIELDS

CONTACTS: Table = Contact.__table__  # type: ignore[assignment]
MERGES: Table = Merge.__table__  # type: ignore[assignment]
SNAPSHOT_FORMAT = 1

# Columns of the kept person never filled in from the other: identity, the name (a person
# always has one), derived keys, state, and the touch summary (recomputed from the touches).
NOT_FILLED = frozenset(
    {
        "id",
        "uid",
        "name",
        "name_key",
        "given_name",
        "family_name",
        "work_key",
        "archived",
        "snoozed_until",
        "created_at",
        "updated_at",
        *SUMMARY_FIELDS,
    }
)
# Rows of the removed person dropped when the kept one already has the same (beyond the
# primary key, which already rules out a second tag, event link or photo).
SAME_AS = {
    "contact_emails": ("address_key",),
    "contact_phones": ("e164",),
    "contact_urls": ("url_key",),
    "contact_addresses": ("text",),
    "contact_extras": ("line",),
}
# Rows that came after the merge and would be lost by undoing it: undo refuses instead.
GUARDED = ("touches", "notes", "promises")


class UndoRefused(Exception):
    """Why a merge cannot be undone, in a sentence."""


@dataclass(frozen=True)
class Link:
    """A column that refers to a person."""

    table: Table
    column: Column[Any]
    owned: bool  # ON DELETE CASCADE: the row belongs to the person


def _links() -> list[Link]:
    found = []
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            if fk.column.table is CONTACTS:
                owned = (fk.ondelete or "").upper() == "CASCADE"
                found.append(Link(table, fk.parent, owned))
    return found


LINKS = _links()


def _owned_by(table: Table) -> list[Column[Any]]:
    return [link.column for link in LINKS if link.table is table and link.owned]


def _pointing(table: Table) -> list[Column[Any]]:
    return [link.column for link in LINKS if link.table is table and not link.owned]


def _pk(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in table.primary_key.columns)


def _pk_where(table: Table, key: Sequence[Any]) -> ColumnElement[bool]:
    return and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))


def snapshot(session: Session, kept: int, removed: int) -> dict[str, Any]:
    """Both people's rows in every table that refers to people, and the rows of others that
    point at them. Of the merges table only the removed person's: deleting them takes those
    along, while the kept person's stay untouched (and saving them would nest every earlier
    snapshot inside each new one)."""
    ids = (kept, removed)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        if table is MERGES:
            where: list[ColumnElement[bool]] = [MERGES.c.kept_id == removed]
        else:
            where = [link.column.in_(ids) for link in LINKS if link.table is table]
            if table is CONTACTS:
                where.append(CONTACTS.c.id.in_(ids))
        if not where:
            continue
        rows = session.execute(
            select(table).where(or_(*where)).order_by(*table.primary_key.columns)
        ).mappings()
        tables[table.name] = [encode_row(table, row) for row in rows]
    return {"format": SNAPSHOT_FORMAT, "kept": kept, "removed": removed, "tables": tables}


def merge(session: Session, kept: int, removed: int) -> int:
    """Fold `removed` into `kept`; returns the id of the merge, for undo."""
    saved = snapshot(session, kept, removed)
    _fill(session, kept, removed)
    for link in LINKS:
        if link.owned and link.table is not MERGES:
            _move(session, link, kept, removed)
    for link in LINKS:
        if not link.owned:
            session.execute(
                update(link.table).where(link.column == removed).values({link.column.name: kept})
            )
            _no_self_reference(session, link, kept)
    session.execute(delete(CONTACTS).where(CONTACTS.c.id == removed))
    merge_id = session.execute(
        insert(MERGES)
        .values(
            merged_at=utcnow(),
            kept_id=kept,
            removed_id=removed,
            snapshot=json.dumps(saved, ensure_ascii=False, sort_keys=True),
            undone=False,
        )
        .returning(MERGES.c.id)
    ).scalar_one()
    touch_stats.refresh(session, [kept])
    return int(merge_id)


def _fill(session: Session, kept: int, removed: int) -> None:
    """The kept person's empty fields, from the other's."""
    rows = {
        row["id"]: row
        for row in session.execute(select(CONTACTS).where(CONTACTS.c.id.in_((kept, removed))))
        .mappings()
        .all()
    }
    a, b = rows[kept], rows[removed]
    values: dict[str, Any] = {}
    for column in CONTACTS.columns:
        name = column.name
        if name in NOT_FILLED or a[name] not in (None, "") or b[name] in (None, ""):
            continue
        values[name] = b[name]
    if (
        values.get("introduced_by_id") == kept
    ):  # B was introduced by A: nobody introduces themselves
        del values["introduced_by_id"]
    if "company" in values or "title" in values:
        values["work_key"] = work_key(
            values.get("company", a["company"]), values.get("title", a["title"])
        )
    values["updated_at"] = utcnow()
    session.execute(update(CONTACTS).where(CONTACTS.c.id == kept).values(values))


def _move(session: Session, link: Link, kept: int, removed: int) -> None:
    table, column = link.table, link.column
    pk = list(table.primary_key.columns)
    same = [c for c in pk if c is not column] if column in pk else []
    same += [table.c[name] for name in SAME_AS.get(table.name, ())]
    if column in pk or same:
        # What the kept person already has, the other's copy is dropped (a tag, an address …)
        mine = table.alias("mine")
        session.execute(
            delete(table).where(
                column == removed,
                exists(
                    select(1)
                    .select_from(mine)
                    .where(
                        mine.c[column.name] == kept,
                        *(mine.c[c.name] == table.c[c.name] for c in same),
                    )
                ),
            )
        )
    if "position" in table.c and table.name.startswith("contact_"):
        # The removed person's e-mails, phones … come after the kept person's own.
        last = session.scalar(select(func.max(table.c.position)).where(column == kept))
        offset = -1 if last is None else int(last)
        session.execute(
            update(table).where(column == removed).values(position=table.c.position + offset + 1)
        )
    session.execute(update(table).where(column == removed).values({column.name: kept}))


def _no_self_reference(session: Session, link: Link, kept: int) -> None:
    """The kept person introduced by themselves, or a touch of theirs 'with' themselves,
    is a leftover of the merge: cleared."""
    owners = [CONTACTS.c.id] if link.table is CONTACTS else _owned_by(link.table)
    for owner in owners:
        session.execute(
            update(link.table)
            .where(owner == kept, link.column == kept)
            .values({link.column.name: None})
        )


# -- undo -------------------------------------------------------------------------------------


def last_merge(session: Session) -> Merge | None:
    return session.scalars(
        select(Merge).where(Merge.undone.is_(False)).order_by(Merge.id.desc()).limit(1)
    ).first()


def undo(session: Session, merge: Merge) -> None:
    """Put both people back exactly as they were before `merge`."""
    saved = json.loads(merge.snapshot)
    kept, removed = merge.kept_id, merge.removed_id
    tables: dict[str, list[dict[str, Any]]] = saved["tables"]
    _check_undoable(session, kept, removed, tables)
    people = {row["id"]: row for row in tables["contacts"] if row["id"] in (kept, removed)}
    # 1. The removed person back (their rows point at them).
    _insert(session, CONTACTS, [decode_row(CONTACTS, people[removed])])
    # 2. Their own rows: what came from the snapshot or the merge goes, the snapshot returns.
    owned: dict[Table, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        columns = _owned_by(table)
        if table is CONTACTS or not columns:
            continue
        owned[table] = [
            decode_row(table, row)
            for row in tables.get(table.name, [])
            if any(row[c.name] in (kept, removed) for c in columns)
        ]
    for table in reversed(list(owned)):
        _delete_merged(session, table, owned[table], kept)
    for table, rows in owned.items():
        _check_free(session, table, rows)
        _insert(session, table, rows)
    # 3. Other people's rows that pointed at the removed person do again.
    for table in Base.metadata.sorted_tables:
        columns = _owned_by(table)
        for row in tables.get(table.name, []):
            if table is CONTACTS and row["id"] in (kept, removed):
                continue
            if any(row[c.name] in (kept, removed) for c in columns):
                continue
            decoded = decode_row(table, row)
            # Timestamps the merge's update stamped go back too (`updated_at`).
            stamps = {c.name: decoded[c.name] for c in table.columns if c.onupdate is not None}
            for column in _pointing(table):
                if row[column.name] == removed:
                    session.execute(
                        update(table)
                        .where(_pk_where(table, _pk(table, decoded)), column == kept)
                        .values({column.name: removed, **stamps})
                    )
    session.execute(update(MERGES).where(MERGES.c.id == merge.id).values(undone=True))
    touch_stats.refresh(session, [kept, removed])
    # 4. Both people's own fields as they were: last, as the refresh stamps `updated_at`
    # (the touch summary it computed is the snapshot's, from the same touches).
    for person in (kept, removed):
        values = _fix_references(session, CONTACTS, [decode_row(CONTACTS, people[person])])[0]
        del values["id"]
        session.execute(update(CONTACTS).where(CONTACTS.c.id == person).values(values))


def _check_undoable(
    session: Session, kept: int, removed: int, tables: dict[str, list[dict[str, Any]]]
) -> None:
    if session.get(Contact, removed) is not None:
        raise UndoRefused(
            f"#{removed} now belongs to someone else, so the merged person cannot get it back."
        )
    for name in GUARDED:
        table = Base.metadata.tables[name]
        before = {_pk(table, row) for row in tables.get(name, [])}
        columns = _owned_by(table)
        now = session.execute(
            select(*table.primary_key.columns).where(or_(*(c == kept for c in columns)))
        ).all()
        new = [key for key in now if tuple(key) not in before]
        if new:
            what = name if len(new) != 1 else name.removesuffix("es" if name == "touches" else "s")
            raise UndoRefused(
                f"#{kept} has {len(new)} {what} added since the merge; undoing it would lose "
                f"{'them' if len(new) != 1 else 'it'}."
            )


def _delete_merged(
    session: Session, table: Table, rows: Iterable[dict[str, Any]], kept: int
) -> None:
    """Remove the kept person's rows that are the snapshot's, wherever the merge moved them."""
    columns = _owned_by(table)
    pk = list(table.primary_key.columns)
    keys: set[tuple[Any, ...]] = set()
    for row in rows:
        keys.add(_pk(table, row))
        moved = dict(row)
        for column in columns:
            if column in pk and row[column.name] is not None:
                moved[column.name] = kept
        keys.add(_pk(table, moved))
    ordered = sorted(keys, key=repr)
    mine = or_(*(c == kept for c in columns))
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        match = pk[0].in_([k[0] for k in chunk]) if len(pk) == 1 else tuple_(*pk).in_(chunk)
        session.execute(delete(table).where(mine, match))


def _check_free(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """A row to bring back whose id is someone else's now (SQLite hands out the id of a
    deleted last row again): an exact undo is impossible."""
    pk = list(table.primary_key.columns)
    keys = [_pk(table, row) for row in rows]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        match = pk[0].in_([k[0] for k in chunk]) if len(pk) == 1 else tuple_(*pk).in_(chunk)
        taken = session.execute(select(*pk).where(match).limit(1)).first()
        if taken is not None:
            raise UndoRefused(
                f"a row of {table.name} ({', '.join(map(str, taken))}) that the merge "
                "removed has since been reused for something else."
            )


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    rows = _fix_references(session, table, rows)
    if rows:
        session.execute(insert(table), rows)


def _fix_references(
    session: Session, table: Table, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows pointing at something deleted since the merge: a cascading key drops the row
    (as the deletion would have), any other key is cleared (as SET NULL would have)."""
    kept_rows = rows
    for fk in table.foreign_keys:
        name = fk.parent.name
        wanted = {row[name] for row in kept_rows if row[name] is not None}
        if not wanted:
            continue
        target = fk.column
        present = set(session.scalars(select(target).where(target.in_(sorted(wanted)))))
        missing = wanted - present
        if not missing:
            continue
        if (fk.ondelete or "").upper() == "CASCADE":
            kept_rows = [row for row in kept_rows if row[name] not in missing]
        else:
            kept_rows = [{**row, name: None} if row[name] in missing else row for row in kept_rows]
    return kept_rows
