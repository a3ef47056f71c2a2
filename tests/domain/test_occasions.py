"""Birthdays and noted wins: the facts congratulations are read from."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthru.domain.occasions import birthday_between, noted_win, occasion_for, parse_birthday
from followthru.errors import BadInput


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_a_birthday_falls_once_in_any_year_long_window(born: date, with_year: bool) -> None:
    text = born.isoformat() if with_year else born.strftime("%m-%d")
    stored = parse_birthday(text)
    assert stored == (born.isoformat() if with_year else born.strftime("--%m-%d"))
    start = date(2030, 3, 1)
    day = birthday_between(stored, start, start + timedelta(days=364))
    assert day is not None and (day.month, day.day) in ((born.month, born.day), (2, 28))


@pytest.mark.parametrize("bad", ["31-02", "13-01", "1985-02-30", "tomorrow", ""])
def test_bad_birthdays_are_bad_input(bad: str) -> None:
    with pytest.raises(BadInput):
        parse_birthday(bad)


def test_wins_are_read_from_notes_while_they_are_news() -> None:
    assert (
        noted_win("Great news: she got promoted to VP of Sales.") == "got promoted to VP of Sales"
    )
    assert noted_win("they raised a seed round last month") is not None
    assert noted_win("talked about pipeline costs") is None
    today = date(2026, 11, 20)
    notes = [(date(2026, 11, 12), "launched the new app")]
    found = occasion_for(None, notes, first=today, last=today, congratulated_on=None)
    assert found is not None and found.kind == "win"
    congratulated = occasion_for(
        None, notes, first=today, last=today, congratulated_on=date(2026, 11, 13)
    )
    assert congratulated is None
    stale = [(date(2026, 10, 1), "launched the new app")]
    assert occasion_for(None, stale, first=today, last=today, congratulated_on=None) is None
