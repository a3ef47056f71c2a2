"""`followthru calendar`: open promises, keep-in-touch dates and booked sessions as iCalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from followthru.domain.plans import next_touch_due
from followthru.formats.ical import DayEvent, PromiseTodo, TimedEvent, build_calendar
from followthru.services.plan_reads import person_states
from followthru.services.runtime import Context
from followthru.store import activity, network
from followthru.store import events as event_store
from followthru.store.rows import of_session

HORIZON_DAYS = 30
OWNER_LABEL = {"me": "I promised", "them": "They promised", "both": "We agreed"}


def calendar(ctx: Context, *, today: date) -> bytes:
    with ctx.db.read() as session:
        promises = activity.promises_with_names(session, statuses=("open",))
        uids = network.contact_uids(session)
        states, _ = person_states(of_session(session), ctx.settings)
        since = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=1)
        sessions = event_store.booked_sessions(session, since)
    todos = [
        PromiseTodo(
            f"promise-{p.uid}",
            f"{OWNER_LABEL[p.owner]}: {p.what} ({name})",
            p.due_on,
            p.source_text or p.what,
        )
        for p, name in promises
    ]
    days = []
    for person in states:
        due = next_touch_due(person, today=today)
        if (
            person.pile in ("target", "connector")
            and due is not None
            and due <= today + timedelta(days=HORIZON_DAYS)
        ):
            days.append(
                DayEvent(
                    f"keep-in-touch-{uids[person.id]}",
                    f"Keep in touch: {person.name}",
                    due,
                    f"{person.pile}: every {person.cadence_days} days",
                )
            )
    timed = [
        TimedEvent(f"session-{s.uid}", f"Follow-ups: {name}", s.starts_at, s.minutes, s.agenda)
        for s, name in sessions
    ]
    return build_calendar(stamp_day=today, todos=todos, days=days, events=timed)
