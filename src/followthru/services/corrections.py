"""Corrections: every record a user creates can be changed or removed.

A touch logged on the wrong day, a promise heard wrong, a note with a typo, an event with
the wrong date: each has an edit and a delete, by the ID the listings show. A touch change
refreshes the person's stored touch summary in the same transaction, so plans follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from followthru.domain.vocab import Channel, Direction, TouchKind, parse_choice
from followthru.errors import BadInput
from followthru.services import views
from followthru.services.lookup import ContactRef, EventRef, find_contact, find_event
from followthru.services.notes import NoteView
from followthru.services.runtime import Context
from followthru.store import events as event_store
from followthru.store import journal, keys, touch_stats
from followthru.store.models import Base, Contact, ContactEvent, Note, Touch

Row = TypeVar("Row", bound=Base)


def _row(session: Session, model: type[Row], row_id: int, what: str, listing: str) -> Row:
    row = session.get(model, row_id) if 0 < row_id < 2**62 else None
    if row is None:
        raise BadInput(f"There is no {what} #{row_id}.", f"`{listing}` shows them with their IDs.")
    return row


def _join(session: Session, kind: str, summary: str, contact_id: int) -> journal.ChangeSet:
    """Open the correction's change, with the person it changes, so `undo` takes it back."""
    change = journal.ChangeSet(session, kind, f"{summary} of {_name(session, contact_id)}")
    journal.touch(session, [contact_id])
    return change


def _name(session: Session, contact_id: int) -> str:
    contact = session.get(Contact, contact_id)
    return contact.name if contact else "?"


def _touch_view(session: Session, t: Touch) -> views.TouchView:
    other = _name(session, t.with_contact_id) if t.with_contact_id else None
    return views.TouchView(
        t.id,
        t.contact_id,
        _name(session, t.contact_id),
        t.happened_on,
        t.channel,
        t.kind,
        t.direction,
        t.summary,
        other,
    )


def touches(ctx: Context, ref: ContactRef) -> list[views.TouchView]:
    """One person's touches, newest first, with the IDs edit and delete take."""
    with ctx.db.read() as session:
        contact = find_contact(session, ref)
        stmt = (
            select(Touch)
            .where(Touch.contact_id == contact.id)
            .order_by(Touch.happened_on.desc(), Touch.id.desc())
        )
        return [_touch_view(session, t) for t in session.scalars(stmt)]


@dataclass(frozen=True)
class TouchChange:
    on: date | None = None
    via: str | None = None
    kind: str | None = None
    inbound: bool | None = None
    summary: str | None = None


def edit_touch(ctx: Context, touch_id: int, change: TouchChange) -> views.TouchView:
    with ctx.db.write() as session:
        t = _row(session, Touch, touch_id, "touch", "followthru touch list NAME")
        journal_change = _join(session, "touch", f"edited touch #{touch_id}", t.contact_id)
        if change.on is not None:
            t.happened_on = change.on
        if change.via is not None:
            t.channel = parse_choice(Channel, change.via, "channel").value
        if change.kind is not None:
            t.kind = parse_choice(TouchKind, change.kind, "kind").value
        if change.inbound is not None:
            t.direction = (Direction.IN if change.inbound else Direction.OUT).value
        if change.summary is not None:
            t.summary = " ".join(change.summary.split())
        touch_stats.refresh(session, [t.contact_id])
        journal_change.save()
        return _touch_view(session, t)


def delete_touch(ctx: Context, touch_id: int) -> views.TouchView:
    with ctx.db.write() as session:
        t = _row(session, Touch, touch_id, "touch", "followthru touch list NAME")
        journal_change = _join(session, "touch", f"deleted touch #{touch_id}", t.contact_id)
        gone = _touch_view(session, t)
        session.delete(t)
        touch_stats.refresh(session, [t.contact_id])
        journal_change.save()
        return gone


def _note_view(session: Session, n: Note) -> NoteView:
    return NoteView(n.id, n.contact_id, _name(session, n.contact_id), n.written_on, n.text, [])


def edit_note(ctx: Context, note_id: int, text: str) -> NoteView:
    clean = text.strip()
    if not clean:
        raise BadInput("A note cannot be empty.", "To remove it: followthru note delete ID")
    with ctx.db.write() as session:
        n = _row(session, Note, note_id, "note", "followthru show NAME")
        journal_change = _join(session, "note", f"edited note #{note_id}", n.contact_id)
        n.text = clean
        session.flush()
        journal_change.save()
        return _note_view(session, n)


def delete_note(ctx: Context, note_id: int) -> NoteView:
    with ctx.db.write() as session:
        n = _row(session, Note, note_id, "note", "followthru show NAME")
        journal_change = _join(session, "note", f"deleted note #{note_id}", n.contact_id)
        gone = _note_view(session, n)
        session.delete(n)
        journal_change.save()
        return gone


@dataclass(frozen=True)
class EventChange:
    name: str | None = None
    held_on: date | None = None
    where: str | None = None


def edit_event(ctx: Context, ref: EventRef, change: EventChange) -> views.EventSummary:
    with ctx.db.write() as session:
        event = find_event(session, ref)
        journal_change = journal.ChangeSet(session, "event", f"edited event {event.name}")
        journal.touch_events(session, [event.id])
        if change.name is not None:
            clean = " ".join(change.name.split())
            other = event_store.by_name_key(session, keys.name_key(clean)) if clean else None
            if not clean or (other is not None and other.id != event.id):
                raise BadInput(f"Another event is called {clean!r}, or the name is empty.")
            event.name, event.name_key = clean, keys.name_key(clean)
        if change.held_on is not None:
            event.held_on = change.held_on
        if change.where is not None:
            event.location = change.where.strip() or None
        session.flush()
        journal_change.save(records=1)
        row = event_store.listing(session, event_id=event.id)[0]
        return views.EventSummary(
            event.id, event.name, event.held_on, event.location, row.people, row.piles
        )


def delete_event(ctx: Context, ref: EventRef) -> str:
    """Remove an event (its people stay, without it); the event's name, for the message."""
    with ctx.db.write() as session:
        event = find_event(session, ref)
        name = event.name
        journal_change = journal.ChangeSet(session, "event", f"deleted event {name}")
        journal.touch_events(session, [event.id])
        links = list(session.scalars(select(ContactEvent).where(ContactEvent.event_id == event.id)))
        journal.touch(session, [link.contact_id for link in links])
        for link in links:
            session.delete(link)
        for booked in event_store.sessions_of(session, event.id):
            session.delete(booked)
        session.delete(event)
        session.flush()
        journal_change.save()
        return name
