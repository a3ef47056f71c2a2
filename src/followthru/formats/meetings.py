"""iCalendar meetings → `Exchange`s: who organised a meeting and who attended it.

Only events with at least one attendee are meetings (a lone dentist appointment is not a
touch); cancelled events and attendees who declined are left out. A recurring event
counts on its first day and on each instance the file spells out (RECURRENCE-ID);
occurrences only implied by its rule are not expanded.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, tzinfo
from typing import Any

from followthru.domain.history import Exchange, Party


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


def meetings(data: bytes, zone: tzinfo | None = None) -> Iterator[Exchange]:
    """Every meeting in an iCalendar text (one or several VCALENDARs, or bare components)."""
    from icalendar import Component

    for calendar in Component.from_ical(data, multiple=True):
        for event in calendar.walk("VEVENT"):
            found = meeting(event, zone)
            if found is not None:
                yield found
