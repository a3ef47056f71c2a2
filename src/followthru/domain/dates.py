"""Dates and spans of time as a user writes them on the command line."""

from __future__ import annotations

import re
from datetime import date, timedelta

from followthru.errors import BadInput

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_SPAN = re.compile(r"^\s*(\d+)\s*([dwmy]?)\s*$", re.IGNORECASE)
_SPAN_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_date(raw: str, *, today: date) -> date:
    """ISO dates (2026-12-01) and the words today, yesterday, tomorrow."""
    text = raw.strip().lower()
    if text in _RELATIVE:
        return today + timedelta(days=_RELATIVE[text])
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(
            f"{raw!r} is not a date.",
            "Write dates as YYYY-MM-DD (e.g. 2026-12-01), or today / yesterday / tomorrow.",
        ) from None


MAX_SPAN_DAYS = 36_500  # beyond this a date before it cannot be written


def parse_span(raw: str) -> int:
    """A span in days from '90', '90d', '6w', '3m' or '1y'."""
    match = _SPAN.match(raw)
    if not match:
        raise BadInput(f"{raw!r} is not a span of time.", "Write it like 90d, 6w, 3m or 1y.")
    days = int(match.group(1)) * _SPAN_DAYS[match.group(2).lower()]
    if days > MAX_SPAN_DAYS:
        raise BadInput(f"{raw!r} is longer than a hundred years.", "Write a shorter span, like 1y.")
    return days


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")


def _parse_time(word: str) -> tuple[int, int] | None:
    match = _TIME.match(word)
    if not match or (":" not in word and not match.group(3)):
        return None  # a bare number is not a time
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if match.group(3) and not 1 <= hour <= 12:
        return None  # "13am" is not a time
    if match.group(3) == "pm" and hour < 12:
        hour += 12
    if match.group(3) == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None


def _parse_day(word: str, *, today: date) -> date | None:
    if word in _RELATIVE:
        return today + timedelta(days=_RELATIVE[word])
    for index, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return today + timedelta(days=(index - today.weekday()) % 7 or 7)
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


def parse_when(
    raw: str, *, today: date, default: tuple[int, int] = (9, 0)
) -> tuple[date, int, int]:
    """A day and a time as people say them: 'friday 14:00', 'tomorrow 9am', '2026-12-01 15:30'.

    A weekday means the next one after today. Without a time, `default` (hour, minute).
    """
    day: date | None = None
    clock: tuple[int, int] | None = None
    for word in raw.strip().lower().replace(" at ", " ").split():
        parsed_day = _parse_day(word, today=today)
        parsed_time = _parse_time(word) if parsed_day is None else None
        if parsed_day is not None and day is None:
            day = parsed_day
        elif parsed_time is not None and clock is None:
            clock = parsed_time
        else:
            raise BadInput(
                f"Cannot read {raw!r} as a day and time.",
                "Write it like 'friday 14:00', 'tomorrow 9am' or '2026-12-01 15:30'.",
            )
    if day is None and clock is None:
        raise BadInput("No day or time given.", "Write it like 'friday 14:00'.")
    hour, minute = clock or default
    return day or today, hour, minute
