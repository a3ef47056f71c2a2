"""iCalendar meetings → `Exchange`s: who organised a meeting and who attended it.

Only events with at least one attendee are meetings (a lone dentist appointment is not a
touch); cancelled events and attendees who declined are left out. A recurring event (a
weekly one-to-one) is a meeting on every day it took place: its rule is expanded up to the
day given, with its EXDATEs left out and its moved or changed instances (RECURRENCE-ID)
as changed. The expansion is bounded: only the last `EXPAND_DAYS` days, and only series
that repeat daily or slower (a rule every minute is not a meeting people attend).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from followthru.domain.history import Exchange, Party

EXPAND_DAYS = 5 * 366  # how far back a series' instances are read: five years at most
EXPANDED = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})


def _party(prop: Any) -> Party | None:
    address = str(prop).strip()
    if address.lower().startswith("mailto:"):
        address = address[7:]
    if "@" not in address:
        return None
    params = getattr(prop, "params", {})
    return Party(str(params.get("CN", "")).strip().strip('"'), address)


def _day(value: Any, zone: tzinfo | None) -> date | None:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        return moment.astimezone(zone).date() if moment.tzinfo else moment.date()
    return moment if isinstance(moment, date) else None


def _key(event: Any) -> str:
    recurrence = event.get("RECURRENCE-ID")
    instance = f"/{recurrence.to_ical().decode()}" if recurrence is not None else ""
    return f"ics:{event.get('UID', '')}{instance}"[:300]


def meeting(event: Any, zone: tzinfo | None = None) -> Exchange | None:
    """One VEVENT as a meeting; None when it is not one (no attendee, cancelled, undated)."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED" or not event.get("UID"):
        return None
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    present = [
        p
        for p in attendees
        if str(getattr(p, "params", {}).get("PARTSTAT", "")).upper() != "DECLINED"
    ]
    others = [party for party in map(_party, present) if party is not None]
    organizer = _party(event["ORGANIZER"]) if event.get("ORGANIZER") else None
    on = _day(event.get("DTSTART"), zone)
    if not others or on is None:
        return None
    return Exchange(
        key=_key(event),
        on=on,
        channel="meeting",
        sender=organizer or others[0],
        others=tuple(others),
        subject=" ".join(str(event.get("SUMMARY", "")).split())[:500],
    )


def meetings(
    data: bytes,
    zone: tzinfo | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
) -> Iterator[Exchange]:
    """Every meeting in an iCalendar text (one or several VCALENDARs, or bare components).

    With `until` (today, for history), recurring events yield each instance from `since`
    (at most `EXPAND_DAYS` back) to `until`; without it, each event as the file writes it.
    """
    from icalendar import Component

    for calendar in Component.from_ical(data, multiple=True):
        for event in _events(calendar, since, until):
            found = meeting(event, zone)
            if found is not None:
                yield found


def _repeats(event: Any) -> bool:
    """A series to expand: repeating daily or slower, or on listed dates. A rule that
    cannot be read leaves the event as the file writes it, as before expansion."""
    try:
        if event.get("RDATE") is not None:
            return True
        rule = event.get("RRULE")
        return rule is not None and str(rule.get("FREQ", [""])[0]).upper() in EXPANDED
    except ValueError:
        return False


def _events(calendar: Any, since: date | None, until: date | None) -> Iterator[Any]:
    """Single events as they are, then every instance of the series in the window."""
    import recurring_ical_events
    from icalendar import Calendar

    if until is None:
        yield from calendar.walk("VEVENT")
        return
    events = calendar.walk("VEVENT")
    repeating = {str(e.get("UID")) for e in events if _repeats(e)}
    series = Calendar()
    for component in calendar.walk("VTIMEZONE"):
        series.add_component(component)
    for event in events:  # a changed instance goes with its series; alone, it is one event
        if str(event.get("UID")) in repeating:
            series.add_component(event)
        else:
            yield event
    start = max(since or date.min, until - timedelta(days=EXPAND_DAYS))
    query = recurring_ical_events.of(series, skip_bad_series=True)
    yield from query.between(start, until + timedelta(days=1))
