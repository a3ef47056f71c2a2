"""Events: where people were met, and how their triage is going."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from followthru.errors import BadInput
from followthru.services import views
from followthru.services.contacts import summaries
from followthru.services.lookup import EventRef, find_event
from followthru.services.runtime import Context
from followthru.store import events as event_store
from followthru.store import journal, keys
from followthru.store.models import Event


def _summary(row: event_store.EventRow) -> views.EventSummary:
    return views.EventSummary(row.id, row.name, row.held_on, row.location, row.people, row.piles)


def add(ctx: Context, name: str, *, held_on: date | None, where: str | None) -> views.EventSummary:
    clean = " ".join(name.split())
    if not clean:
        raise BadInput(
            "An event needs a name.", 'followthru event add "PyData London 2026" --date 2026-11-14'
        )
    with ctx.db.write() as session:
        if event_store.by_name_key(session, keys.name_key(clean)):
            raise BadInput(
                f"There is already an event called {clean!r}.",
                "`followthru event show NAME` shows it.",
            )
        event = Event(
            name=clean,
            name_key=keys.name_key(clean),
            held_on=held_on,
            location=where.strip() if where else None,
        )
        change = journal.ChangeSet(session, "event", f"added event {clean}")
        session.add(event)
        session.flush()
        journal.created(session, [], events=[event.id])
        change.save(records=1)
        return views.EventSummary(event.id, event.name, event.held_on, event.location, 0, {})


def listing(ctx: Context) -> list[views.EventSummary]:
    with ctx.db.read() as session:
        return [_summary(row) for row in event_store.listing(session)]


def refs(ctx: Context) -> list[views.EventRef]:
    """Events by name only, for pickers: no counting of people."""
    with ctx.db.read() as session:
        return [views.EventRef(*row) for row in event_store.names(session)]


def _one(session: Session, ref: EventRef) -> views.EventSummary:
    event = find_event(session, ref)
    return _summary(event_store.listing(session, event_id=event.id)[0])


def summary(ctx: Context, ref: EventRef) -> views.EventSummary:
    """One event's counts, without its people: what the triage board refreshes per move."""
    with ctx.db.read() as session:
        return _one(session, ref)


def show(ctx: Context, ref: EventRef) -> views.EventDetail:
    with ctx.db.read() as session:
        event = _one(session, ref)
        people = summaries(session, event_store.people(session, event.id))
        warning = event.target_warning
        return views.EventDetail(event, people, [warning] if warning else [])
