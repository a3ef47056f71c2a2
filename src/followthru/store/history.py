"""History items (messages and meetings seen per correspondent) and the touches they make.

Everything here works in batches of plain INSERTs and UPDATEs: a 20,000-message mailbox
is a few dozen statements, not 20,000 ORM objects.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, case, func, insert, literal, select, update
from sqlalchemy.orm import Session

from followthru.store import journal
from followthru.store.models import Contact, ContactEmail, ContactUrl, HistoryItem, Touch

ITEMS: Table = HistoryItem.__table__  # type: ignore[assignment]
TOUCHES: Table = Touch.__table__  # type: ignore[assignment]
HISTORY_CHANNELS = ("email", "meeting", "linkedin")
_CHUNK = 400
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class Waiting:
    """An item not yet on anyone's timeline."""

    id: int
    party: str
    name: str
    on: date
    channel: str
    direction: str
    subject: str


def seen(session: Session, pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (key, party) pairs are already stored (looked up by key: one column is what
    the database's index and the statement cache handle best)."""
    wanted = set(pairs)
    found: set[tuple[str, str]] = set()
    for chunk in chunks(sorted({key for key, _ in wanted}), 900):
        stmt = select(ITEMS.c.key, ITEMS.c.party).where(ITEMS.c.key.in_(chunk))
        found.update((k, p) for k, p in session.execute(stmt) if (k, p) in wanted)
    return found


def add_items(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the items; the change being journaled learns their ids, so that undo can
    take back the ones still waiting for a contact."""
    if not rows:
        return
    before = session.scalar(select(func.max(ITEMS.c.id))) or 0
    for chunk in chunks(rows, 2000):
        session.execute(insert(ITEMS), list(chunk))
    journal.insert_range(session, ITEMS, before + 1, session.scalar(select(func.max(ITEMS.c.id))))


def waiting(session: Session, parties: Collection[str] | None = None) -> list[Waiting]:
    """Items of correspondents not (yet) known, not dismissed (of these parties only)."""
    stmt = select(
        ITEMS.c.id,
        ITEMS.c.party,
        ITEMS.c.name,
        ITEMS.c.happened_on,
        ITEMS.c.channel,
        ITEMS.c.direction,
        ITEMS.c.subject,
    ).where(ITEMS.c.contact_id.is_(None), ITEMS.c.dismissed.is_(False))
    if parties is None:
        return [Waiting(*row) for row in session.execute(stmt)]
    found: list[Waiting] = []
    for chunk in chunks(sorted(parties)):
        found += [Waiting(*row) for row in session.execute(stmt.where(ITEMS.c.party.in_(chunk)))]
    return found


def known_parties(session: Session) -> set[str]:
    """Waiting parties that a contact now answers to (by e-mail, profile or name), found in
    SQL, so that a sync with nothing new does not load every stranger's messages."""
    waiting_now = (ITEMS.c.contact_id.is_(None), ITEMS.c.dismissed.is_(False))
    joins = (
        (ContactEmail.__table__, "email:", ContactEmail.address_key),
        (ContactUrl.__table__, "profile:", ContactUrl.url_key),
        (Contact.__table__, "name:", Contact.name_key),
    )
    found: set[str] = set()
    for table, prefix, column in joins:
        stmt = (
            select(ITEMS.c.party)
            .distinct()
            .join(table, ITEMS.c.party == literal(prefix) + column)
            .where(*waiting_now)
        )
        found.update(session.scalars(stmt))
    return found


def _lookup(session: Session, column: Any, owner: Any, keys: Collection[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(sorted(keys)):
        stmt = select(column, owner).where(column.in_(chunk)).order_by(owner.desc())
        found.update({key: cid for key, cid in session.execute(stmt)})  # lowest id wins
    return found


def owners(session: Session, parties: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Party → contact id: by e-mail address, by profile URL, then (for a profile not
    found) by exact name when only one person has it."""
    kinds: dict[str, set[str]] = {"email": set(), "profile": set(), "name": set()}
    names: dict[str, str] = {}
    for party, name_key in parties:
        kind, _, value = party.partition(":")
        kinds.setdefault(kind, set()).add(value)
        if kind != "email" and name_key:
            names[party] = name_key
    by_email = _lookup(session, ContactEmail.address_key, ContactEmail.contact_id, kinds["email"])
    by_url = _lookup(session, ContactUrl.url_key, ContactUrl.contact_id, kinds["profile"])
    found = {f"email:{k}": cid for k, cid in by_email.items()}
    found.update({f"profile:{k}": cid for k, cid in by_url.items()})
    wanted = {p: n for p, n in names.items() if p not in found}
    by_name = _unique_names(session, set(wanted.values()))
    found.update({p: by_name[n] for p, n in wanted.items() if n in by_name})
    return found


def _unique_names(session: Session, keys: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(sorted(keys)):
        stmt = (
            select(Contact.name_key, func.min(Contact.id))
            .where(Contact.name_key.in_(chunk))
            .group_by(Contact.name_key)
            .having(func.count() == 1)
        )
        found.update({key: cid for key, cid in session.execute(stmt)})
    return found


GroupKey = tuple[int, date, str, str]  # contact, day, channel, direction


def touches_for(session: Session, contact_ids: Collection[int]) -> dict[GroupKey, int]:
    """The first touch of each (person, day, channel, direction) on these timelines."""
    found: dict[GroupKey, int] = {}
    for chunk in chunks(sorted(contact_ids)):
        stmt = (
            select(
                TOUCHES.c.contact_id,
                TOUCHES.c.happened_on,
                TOUCHES.c.channel,
                TOUCHES.c.direction,
                TOUCHES.c.id,
            )
            .where(TOUCHES.c.contact_id.in_(chunk), TOUCHES.c.channel.in_(HISTORY_CHANNELS))
            .order_by(TOUCHES.c.id.desc())
        )
        found.update({(c, on, ch, d): tid for c, on, ch, d, tid in session.execute(stmt)})
    return found


def add_touches(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    for chunk in chunks(rows, 2000):
        session.execute(insert(TOUCHES), list(chunk))


def attach(session: Session, links: Sequence[tuple[int, int, int]]) -> None:
    """(item, contact, touch): the item now counts in that touch; its subject, kept only
    to become a summary, goes."""
    stmt = (
        update(ITEMS)
        .where(ITEMS.c.id == bindparam("item"))
        .values(contact_id=bindparam("cid"), touch_id=bindparam("tid"), subject="")
    )
    rows = [{"item": i, "cid": c, "tid": t} for i, c, t in links]
    for chunk in chunks(rows, 2000):
        session.connection().execute(stmt, list(chunk))


def recount(session: Session, touch_ids: Collection[int]) -> None:
    """A touch stands for as many messages as point at it (at least the one it was)."""
    items = (
        select(func.count())
        .where(ITEMS.c.touch_id == TOUCHES.c.id)
        .correlate(TOUCHES)
        .scalar_subquery()
    )
    for chunk in chunks(sorted(touch_ids)):
        session.execute(
            update(TOUCHES)
            .where(TOUCHES.c.id.in_(chunk))
            .values(count=case((items > 0, items), else_=1))
        )


def dismiss(session: Session, party: str) -> int:
    stmt = (
        update(ITEMS)
        .where(ITEMS.c.party == party, ITEMS.c.contact_id.is_(None))
        .values(dismissed=True)
    )
    return session.execute(stmt).rowcount  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True)
class Stranger:
    """Someone the user corresponds with who is not a contact, with how much was said."""

    party: str
    name: str
    inbound: int
    outbound: int
    first_on: date
    last_on: date


def strangers(session: Session) -> list[Stranger]:
    """Every waiting correspondent with their message counts, the busiest first."""
    inbound = func.sum(case((ITEMS.c.direction == "in", 1), else_=0))
    outbound = func.sum(case((ITEMS.c.direction == "out", 1), else_=0))
    stmt = (
        select(
            ITEMS.c.party,
            func.max(ITEMS.c.name),
            inbound,
            outbound,
            func.min(ITEMS.c.happened_on),
            func.max(ITEMS.c.happened_on),
        )
        .where(ITEMS.c.contact_id.is_(None), ITEMS.c.dismissed.is_(False))
        .group_by(ITEMS.c.party)
        .order_by(func.count().desc(), func.max(ITEMS.c.happened_on).desc(), ITEMS.c.party)
    )
    return [
        Stranger(party, name or "", int(i), int(o), first, last)
        for party, name, i, o, first, last in session.execute(stmt)
    ]
