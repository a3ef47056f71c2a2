"""Reading events from a CalDAV calendar, for a span of days.

The server expands nothing for us: each event comes back as the iCalendar text it stores,
which `formats.meetings` reads as it reads an .ics file.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from followthru.errors import ServerError

TIMEOUT = 30
UTC = ZoneInfo("UTC")


def events_between(url: str, user: str, password: str, start: date, end: date) -> list[bytes]:
    """The iCalendar text of every event in the calendar at `url` from `start` to `end`."""
    from caldav.davclient import DAVClient

    try:
        with DAVClient(url=url, username=user, password=password, timeout=TIMEOUT) as client:
            calendar = client.calendar(url=url)  # type: ignore[no-untyped-call]
            found = calendar.search(
                start=datetime.combine(start, time.min, UTC),
                end=datetime.combine(end, time.max, UTC),
                event=True,
                expand=False,
            )
            return [str(item.data).encode() for item in found]
    except Exception as exc:  # caldav raises its own errors and its HTTP library's alike
        raise ServerError(
            f"The calendar {url} cannot be read: {str(exc).rstrip('.')}.",
            "Check the URL, the user name and the password; then sync again.",
        ) from exc
