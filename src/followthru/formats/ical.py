"""iCalendar output: promises as to-dos, keep-in-touch dates and follow-up sessions as events.

Output is deterministic for a given day: UIDs come from the records' own stable UIDs,
DTSTAMP is the start of the planning day in UTC, and items are sorted, so a calendar
subscribed to the feed sees updates rather than duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from icalendar import Component

PRODID = "-//followthru//follow-up calendar//EN"
UID_DOMAIN = "followthru"
_Component = TypeVar("_Component", bound="Component")


@dataclass(frozen=True)
class PromiseTodo:
    uid: str
    summary: str
    due: date | None
    description: str


@dataclass(frozen=True)
class DayEvent:
    uid: str
    summary: str
    day: date
    description: str


@dataclass(frozen=True)
class TimedEvent:
    uid: str
    summary: str
    start: datetime  # aware
    minutes: int
    description: str


def build_calendar(
    *,
    stamp_day: date,
    todos: Iterable[PromiseTodo] = (),
    days: Iterable[DayEvent] = (),
    events: Iterable[TimedEvent] = (),
    name: str = "followthru",
) -> bytes:
    """The calendar of to-dos, all-day events and timed events, each kind in a fixed order."""
    from icalendar import Calendar, Event, Todo

    stamp = datetime(stamp_day.year, stamp_day.month, stamp_day.day, tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for todo in sorted(todos, key=lambda t: (t.due or date.max, t.uid)):
        item = _entry(Todo(), todo, stamp)
        item.add("status", "NEEDS-ACTION")
        if todo.due is not None:
            item.add("due", todo.due)  # a date: VALUE=DATE
        cal.add_component(item)
    for day in sorted(days, key=lambda d: (d.day, d.uid)):
        event = _entry(Event(), day, stamp)
        event.add("dtstart", day.day)
        event.add("dtend", day.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    for timed in sorted(events, key=lambda e: (e.start, e.uid)):
        event = _entry(Event(), timed, stamp)
        start = timed.start.astimezone(UTC)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=timed.minutes))
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def _entry(
    component: _Component, item: PromiseTodo | DayEvent | TimedEvent, stamp: datetime
) -> _Component:
    """What every entry carries: a UID stable from one feed to the next, the day's stamp,
    and its words."""
    component.add("uid", f"{item.uid}@{UID_DOMAIN}")
    component.add("dtstamp", stamp)
    component.add("summary", item.summary)
    component.add("description", item.description)
    return component


@dataclass(frozen=True)
class PushItem:
    """One item followthru keeps in the user's CalDAV calendar, by a UID of its own.

    `component` is VTODO (a promise, due on `day`), or VEVENT: a booked session (`start`,
    `minutes`), or a promise as an all-day event with an alarm where the calendar takes no
    to-dos. `status` is iCalendar's: NEEDS-ACTION, COMPLETED, CANCELLED or CONFIRMED.
    """

    uid: str
    component: str
    summary: str
    description: str
    status: str
    day: date | None = None
    start: datetime | None = None
    minutes: int = 0


def push_item_text(item: PushItem, *, stamp: datetime) -> str:
    """The whole calendar object a CalDAV server stores for one item; `stamp` (DTSTAMP) is
    when it was written, as RFC 5545 asks of an object a server stores."""
    from icalendar import Alarm, Calendar, Event, Todo

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    part = Todo() if item.component == "VTODO" else Event()
    part.add("uid", item.uid)
    part.add("dtstamp", stamp.astimezone(UTC).replace(microsecond=0))
    part.add("summary", item.summary)
    part.add("description", item.description)
    part.add("status", item.status)
    if item.component == "VTODO":
        if item.day is not None:
            part.add("due", item.day)
    elif item.start is not None:
        start = item.start.astimezone(UTC)
        part.add("dtstart", start)
        part.add("dtend", start + timedelta(minutes=item.minutes))
    elif item.day is not None:  # a promise where the calendar takes no to-dos
        part.add("dtstart", item.day)
        part.add("dtend", item.day + timedelta(days=1))
        part.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", timedelta(hours=9))
        part.add_component(alarm)
    cal.add_component(part)
    return str(cal.to_ical().decode())
