"""The post-event follow-up session: one booked block, an agenda, a calendar entry."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from followthru.domain.dates import parse_when
from followthru.domain.piles import target_heavy_warning
from followthru.domain.plans import session_agenda
from followthru.errors import BadInput
from followthru.formats.ical import TimedEvent, build_calendar
from followthru.services.lookup import find_event
from followthru.services.plan_reads import PlanItemView, item_views, person_states, plan_rules
from followthru.services.runtime import Context
from followthru.settings import WEEKDAYS, Settings
from followthru.store import events as event_store
from followthru.store import planning
from followthru.store.models import FollowupSession, new_uid
from followthru.store.rows import of_session


@dataclass(frozen=True)
class SessionView:
    id: int | None  # None for a preview of an event not booked yet
    event: str
    starts_at: datetime  # local time
    minutes: int
    items: list[PlanItemView]
    warnings: list[str]
    ics: bytes
    booked: bool = True  # False for a preview

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "booked": self.booked,
            "event": self.event,
            "starts_at": self.starts_at.isoformat(),
            "minutes": self.minutes,
            "items": [i.as_json() for i in self.items],
            "warnings": self.warnings,
        }


def next_working_day(settings: Settings, *, today: date) -> date:
    allowed = {WEEKDAYS.index(d) for d in str(settings["working_days"]).split(",")}
    day = today + timedelta(days=1)
    for _ in range(7):
        if day.weekday() in allowed:
            return day
        day += timedelta(days=1)
    return today + timedelta(days=1)


def _start(settings: Settings, at: str | None, *, today: date) -> datetime:
    """When the block starts, in the user's zone: --at, else the next working day at 9:00."""
    if at:
        day, hour, minute = parse_when(at, today=today)
    else:
        day, hour, minute = next_working_day(settings, today=today), 9, 0
    local = datetime(day.year, day.month, day.day, hour, minute)
    zone = settings.zone
    return local.replace(tzinfo=zone) if zone else local.astimezone()


def book(
    ctx: Context, event_ref: str, *, at: str | None, today: date, preview: bool = False
) -> SessionView:
    """Build the agenda for an event's follow-ups and book the block for the calendar.

    An event has one session: booking again moves it (same calendar entry, new time and
    agenda). A preview builds the same view and books nothing."""
    rules = plan_rules(ctx.settings)
    with ctx.db.write() as session:
        event = find_event(session, event_ref)
        people = event_store.people(session, event.id)
        ids = [p.id for p in people]
        rows = of_session(session)
        states, _ = person_states(rows, ctx.settings, planning.among(rows, ids))
        agenda = session_agenda(states, rules, event_id_people=set(ids), today=today)
        items = item_views(rows, ctx.settings, agenda.items)
        start = _start(ctx.settings, at, today=today)
        description = (
            "\n".join(f"{i.number}. {i.name}: {i.why}" for i in items) or "Nothing to follow up."
        )
        booked = _booking(session, event.id, start, agenda.minutes, description, preview)
        piles: dict[str, int] = {}
        for person in people:
            piles[person.pile or "untriaged"] = piles.get(person.pile or "untriaged", 0) + 1
        warning = target_heavy_warning(piles)
        ics = build_calendar(
            stamp_day=today,
            events=[
                TimedEvent(
                    f"session-{booked.uid}",
                    f"Follow-ups: {event.name}",
                    start,
                    agenda.minutes,
                    description,
                )
            ],
            name=f"followthru: {event.name}",
        )
        return SessionView(
            booked.id,
            event.name,
            start,
            agenda.minutes,
            items,
            [warning] if warning else [],
            ics,
            booked=not preview,
        )


def _booking(
    session: Session, event_id: int, start: datetime, minutes: int, agenda: str, preview: bool
) -> FollowupSession:
    """The event's one session, moved to `start` (created when there is none); extra
    bookings left by older versions are removed. A preview changes nothing."""
    existing = event_store.sessions_of(session, event_id)
    booked = existing[0] if existing else FollowupSession(event_id=event_id, uid=new_uid())
    if preview:
        return booked
    for extra in existing[1:]:
        session.delete(extra)
    booked.starts_at, booked.minutes, booked.agenda = start.astimezone(UTC), minutes, agenda
    session.add(booked)
    session.flush()
    return booked


def cancel(ctx: Context, event_ref: str) -> str:
    """Remove the event's booked session; the event's name, for the message."""
    with ctx.db.write() as session:
        event = find_event(session, event_ref)
        existing = event_store.sessions_of(session, event.id)
        if not existing:
            raise BadInput(
                f"No follow-up session is booked for {event.name}.",
                f"`followthru session {shlex.quote(event.name)}` books one.",
            )
        for booked in existing:
            session.delete(booked)
        return event.name
