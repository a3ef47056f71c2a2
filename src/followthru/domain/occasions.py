"""Occasions to congratulate: birthdays and wins noted about a person.

The method's third value action (DESIGN 1.6) needs a reason that is true: a birthday
that falls in the planned days, or a win written in a note lately ("promoted", "raised a
seed round", "launched"). Both are read from plain values, with the days as parameters.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from followthru.errors import BadInput

_BIRTHDAY = re.compile(r"^(?:(?P<year>\d{4})-|--)?(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
# A win noted this recently is still news worth a congratulation.
WIN_FRESH_DAYS = 14
_WIN = re.compile(
    r"\b(?:got promoted|promoted|promotion|new (?:role|job|position)|started (?:a|her|his|their)"
    r" new|raised (?:a |an |their |her |his )?[\w$€£.,]*\s*(?:round|seed|series|funding|million|m\b)"
    r"|launched|shipped|won|award|awarded)\b[^.;!?\n]*",
    re.IGNORECASE,
)


def parse_birthday(text: str) -> str:
    """'1985-04-12', '04-12' or '--04-12' as stored: YYYY-MM-DD, or --MM-DD without a year."""
    match = _BIRTHDAY.match(text.strip())
    if match:
        year, month, day = match.group("year"), int(match.group("month")), int(match.group("day"))
        try:
            date(int(year or 2000), month, day)  # 2000 is a leap year: 29 February is valid
        except ValueError:
            match = None
        else:
            return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    raise BadInput(
        f"Cannot read the birthday {text!r}.", "Use YYYY-MM-DD, or MM-DD when the year is unknown."
    )


def birthday_between(stored: str, first: date, last: date) -> date | None:
    """The day of the birthday between `first` and `last` (inclusive), if it falls there.
    A 29 February birthday is kept on 28 February in other years."""
    match = _BIRTHDAY.match(stored.strip())
    if not match:
        return None
    month, day = int(match.group("month")), int(match.group("day"))
    for year in range(first.year, last.year + 1):
        leap_day_elsewhere = (month, day) == (2, 29) and not _is_leap(year)
        when = date(year, month, 28 if leap_day_elsewhere else day)
        if first <= when <= last:
            return when
    return None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class Occasion(NamedTuple):
    on: date
    why: str  # for the plan: "birthday on 2026-12-06", "noted 2026-11-12: promoted to VP"
    kind: str  # birthday or win: which draft fits


def noted_win(text: str) -> str | None:
    """The win a note tells of, as written ("promoted to VP of Sales"), or None."""
    match = _WIN.search(text)
    return " ".join(match.group(0).split()).rstrip(" ,") if match else None


def occasion_for(
    birthday: str | None,
    notes: list[tuple[date, str]],
    *,
    first: date,
    last: date,
    congratulated_on: date | None,
) -> Occasion | None:
    """The occasion to congratulate between `first` and `last`: a birthday there, else the
    newest win noted within WIN_FRESH_DAYS before `last` and not congratulated since."""
    if birthday:
        day = birthday_between(birthday, first, last)
        if day is not None:
            return Occasion(day, f"birthday on {day.isoformat()}", "birthday")
    for written, text in sorted(notes, reverse=True):
        if (last - written).days > WIN_FRESH_DAYS or written > last:
            continue
        if congratulated_on is not None and congratulated_on >= written:
            return None
        win = noted_win(text)
        if win:
            return Occasion(written, f"noted {written.isoformat()}: {win}", "win")
    return None
