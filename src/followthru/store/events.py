"""Queries about events: lookup and who was met where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session

from followthru.domain.vocab import Pile
from followthru.store.models import Contact, ContactEvent, Event, FollowupSession
from followthru.store.types import storable_key


def by_name_key(session: Session, key: str) -> Event | None:
    return session.scalars(select(Event).where(Event.name_key == key)).first()


def by_prefix(session: Session, key: str) -> list[Event]:
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = (
        select(Event)
        .where(
            or_(
                Event.name_key.like(f"{escaped}%", escape="\\"),
                Event.name_key.like(f"% {escaped}%", escape="\\"),
            )
        )
        .order_by(Event.held_on, Event.id)
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class EventRow:
    """An event's columns and its people counted by pile: plain values, so listing 2,000
    events costs no ORM identity map."""

    id: int
    name: str
    held_on: date | None
    location: str | None
    people: int
    piles: dict[str, int]  # pile → count, "untriaged" for none


# The piles counted per event, as the listing's dict keys; no pile is "untriaged".
COUNTED_PILES = (*(pile.value for pile in Pile), "untriaged")


def _pile_count(pile: str) -> ColumnElement[int]:
    """How many of an event's people are in `pile`: one column of the listing's row."""
    chosen = Contact.pile.is_(None) if pile == "untriaged" else Contact.pile == pile
    return func.count(case((chosen, Contact.id)))


def listing(session: Session, *, event_id: int | None = None) -> list[EventRow]:
    """Events with their people counted by pile; only the one asked for, given an id.
    One row an event, its piles counted in columns: a row per event and pile made three
    times the rows, each turned into Python values (a third of /api/v1/events' time)."""
    stmt = (
        select(
            Event.id,
            Event.name,
            Event.held_on,
            Event.location,
            func.count(Contact.id),
            *(_pile_count(pile) for pile in COUNTED_PILES),
        )
        .outerjoin(ContactEvent, ContactEvent.event_id == Event.id)
        .outerjoin(Contact, (Contact.id == ContactEvent.contact_id) & Contact.archived.is_(False))
        .group_by(Event.id)
        .order_by(Event.held_on.desc().nulls_last(), Event.id)  # same on every database
    )
    if event_id is not None:
        stmt = stmt.where(Event.id == event_id)
    return [
        EventRow(
            eid,
            name,
            held_on,
            location,
            people,
            {pile: n for pile, n in zip(COUNTED_PILES, counts, strict=True) if n},
        )
        for eid, name, held_on, location, people, *counts in session.connection().execute(stmt)
    ]


def people(session: Session, event_id: int, *, untriaged_only: bool = False) -> list[Contact]:
    stmt = (
        select(Contact)
        .join(ContactEvent, ContactEvent.contact_id == Contact.id)
        .where(ContactEvent.event_id == event_id, Contact.archived.is_(False))
        .order_by(Contact.name_key, Contact.id)
    )
    if untriaged_only:
        stmt = stmt.where(Contact.pile.is_(None))
    return list(session.scalars(stmt))


def link(session: Session, contact_id: int, event_id: int) -> None:
    if session.get(ContactEvent, (contact_id, event_id)) is None:
        session.add(ContactEvent(contact_id=contact_id, event_id=event_id))


def booked_sessions(session: Session, since: datetime) -> list[tuple[FollowupSession, str]]:
    """Follow-up sessions starting at or after `since`, with their event's name."""
    stmt = (
        select(FollowupSession, Event.name)
        .join(Event, Event.id == FollowupSession.event_id)
        .where(FollowupSession.starts_at >= since)
        .order_by(FollowupSession.starts_at, FollowupSession.id)
    )
    return [(s, name) for s, name in session.execute(stmt)]


def by_id(session: Session, event_id: int) -> Event | None:
    return session.get(Event, event_id) if storable_key(event_id) else None


def names(session: Session) -> list[tuple[int, str, date | None]]:
    """Every event's id, name and date, newest first, without the per-pile counts: what a
    filter menu needs, at a fraction of `listing`'s cost."""
    stmt = select(Event.id, Event.name, Event.held_on).order_by(
        Event.held_on.desc().nulls_last(), Event.id
    )
    return [(i, n, d) for i, n, d in session.execute(stmt)]


def sessions_of(session: Session, event_id: int) -> list[FollowupSession]:
    """An event's booked follow-up sessions, oldest booking first (normally one)."""
    stmt = (
        select(FollowupSession)
        .where(FollowupSession.event_id == event_id)
        .order_by(FollowupSession.id)
    )
    return list(session.scalars(stmt))
