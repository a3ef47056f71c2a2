"""The post-event follow-up session: one booked block, an agenda, a calendar entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from followthru.domain.dates import parse_when
from followthru.domain.piles import target_heavy_warning
from followthru.domain.plans import session_agenda
from followthru.formats.ical import TimedEvent, build_calendar
from followthru.services.lookup import find_event
from followthru.services.planning import PlanItemView, item_views, person_states, plan_rules
from followthru.services.runtime import Context
from followthru.settings import WEEKDAYS, Settings
from followthru.store import events as event_store
from followthru.store.models import FollowupSession


@dataclass(frozen=True)
class SessionView:
    id: int
    event: str
    starts_at: datetime  # local time
    minutes: int
    items: list[PlanItemView]
    warnings: list[str]
    ics: bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
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


def book(ctx: Context, event_ref: str, *, at: str | None, today: date) -> SessionView:
    """Build the agenda for an event's follow-ups and book the block (stored for the calendar)."""
    rules = plan_rules(ctx.settings)
    with ctx.db.write() as session:
        event = find_event(session, event_ref)
        people = event_store.people(session, event.id)
        ids = [p.id for p in people]
        states, _ = person_states(session, ctx.settings, contact_ids=ids)
        agenda = session_agenda(states, rules, event_id_people=set(ids), today=today)
        items = item_views(session, ctx.settings, agenda.items)
        start = _start(ctx.settings, at, today=today)
        description = (
            "\n".join(f"{i.number}. {i.name}: {i.why}" for i in items) or "Nothing to follow up."
        )
        booked = FollowupSession(
            event_id=event.id,
            starts_at=start.astimezone(UTC),
            minutes=agenda.minutes,
            agenda=description,
        )
        session.add(booked)
        session.flush()
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
            booked.id, event.name, start, agenda.minutes, items, [warning] if warning else [], ics
        )
