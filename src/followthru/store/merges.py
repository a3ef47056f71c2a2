"""Merging one person into another.

Generic over the models, like the backup: every table with a foreign key to `contacts.id`
is found in the metadata (`store.journal.LINKS`). A key that cascades marks rows the person
*owns* (touches, notes, e-mails …): a merge moves them to the kept person. A key that is set
to NULL marks rows that merely *point* at a person (who introduced whom, the other side of an
introduction): a merge points them at the kept person. The caller journals both people
first (`store.journal.ChangeSet.touch`), which is what makes a merge undoable.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from followthru.store import keys, touch_stats
from followthru.store.journal import CONTACTS, LINKS, Link, owner_columns
from followthru.store.models import utcnow
from followthru.store.touch_stats import SUMMARY_FIELDS

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


def merge(session: Session, kept: int, removed: int) -> None:
    """Fold `removed` into `kept`."""
    _fill(session, kept, removed)
    for link in LINKS:
        if link.owned:
            _move(session, link, kept, removed)
    for link in LINKS:
        if not link.owned:
            session.execute(
                update(link.table).where(link.column == removed).values({link.column.name: kept})
            )
            _no_self_reference(session, link, kept)
    session.execute(delete(CONTACTS).where(CONTACTS.c.id == removed))
    touch_stats.refresh(session, [kept])


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
        values["work_key"] = keys.work_key(
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
    owners = [CONTACTS.c.id] if link.table is CONTACTS else owner_columns(link.table)
    for owner in owners:
        session.execute(
            update(link.table)
            .where(owner == kept, link.column == kept)
            .values({link.column.name: None})
        )
