"""The history rules and parsers, property-tested: no input crashes them, and who wrote
what always decides the direction."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from followthru.domain.history import Exchange, Me, Party, sightings, worth_suggesting
from followthru.formats import linkedin_history, mail, meetings

ME = Me.of(["me@example.com", "Me@Work.Example"], "https://uk.linkedin.com/in/me-myself/")
names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
addresses = st.sampled_from(
    [
        "me@example.com",
        "ME@work.example",
        "jane@example.com",
        "omar@example.org",
        "noreply@shop.example",
        "no-reply+x@bank.example",
    ]
)
parties = st.builds(Party, names, addresses)


@given(st.binary(max_size=600))
def test_any_header_bytes_give_a_message_or_nothing(raw: bytes) -> None:
    found = mail.exchange(raw)
    assert found is None or (found.key and found.channel == "email")


@given(st.text(max_size=600))
def test_any_calendar_or_csv_text_never_crashes_the_readers(text: str) -> None:
    list(linkedin_history.messages(text))
    list(linkedin_history.invitations(text))
    with contextlib.suppress(ValueError):  # not iCalendar: the import names the file
        list(meetings.meetings(text.encode()))


@given(parties, st.lists(parties, max_size=5), st.sampled_from(["email", "linkedin", "meeting"]))
def test_direction_follows_the_sender(sender: Party, others: list[Party], channel: str) -> None:
    exchange = Exchange("k", date(2026, 11, 1), channel, sender, tuple(others), "s")
    found = sightings(exchange, ME)
    assert not any(ME.owns(s.party) for s in found)
    assert not any("reply" in s.party.email for s in found)
    assert len({s.party.key for s in found}) == len(found)
    if found:
        assert {s.direction for s in found} == {"out" if ME.owns(sender) else "in"}
    if ME.owns(sender):
        assert {s.party.key for s in found} <= {p.key for p in others}


def test_own_profile_is_recognised_however_it_is_written() -> None:
    assert ME.owns(Party(profile="https://www.linkedin.com/in/me-myself"))
    assert not ME.owns(Party(profile="https://www.linkedin.com/in/someone-else"))


def test_mail_neither_from_nor_to_me_is_ignored() -> None:
    jane, omar = Party("", "jane@example.com"), Party("", "omar@example.org")
    assert sightings(Exchange("k", date(2026, 11, 1), "email", jane, (omar,)), ME) == []


@given(st.integers(0, 10), st.integers(0, 10))
def test_only_real_conversations_are_suggested(inbound: int, outbound: int) -> None:
    suggested = worth_suggesting(inbound, outbound)
    assert suggested == (inbound >= 1 and outbound >= 1 and inbound + outbound >= 3)


SERIES = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:series
DTSTART:{start:%Y%m%d}T090000Z
RRULE:FREQ={freq};INTERVAL={interval}{count}
{exdates}ORGANIZER:mailto:me@example.com
ATTENDEE:mailto:jane@example.com
END:VEVENT
END:VCALENDAR
"""


@settings(max_examples=60, deadline=None)  # five years of a daily series: slow under load
@given(
    st.dates(date(1980, 1, 1), date(2030, 1, 1)),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "MINUTELY", "SECONDLY"]),
    st.integers(1, 30),
    st.sampled_from(["", ";COUNT=3", ";COUNT=400"]),
    st.lists(st.integers(0, 60), max_size=4),
    st.dates(date(2000, 1, 1), date(2030, 1, 1)),
)
def test_a_recurring_meeting_expands_only_within_its_bounded_window(
    start: date, freq: str, interval: int, count: str, skipped: list[int], until: date
) -> None:
    """Whatever the rule: no instance after `until`, none on an EXDATE, none older than
    the window (but a first instance as written), and never more than one a day."""
    excluded = {start + timedelta(days=n) for n in skipped}
    lines = "".join(f"EXDATE:{day:%Y%m%d}T090000Z\n" for day in sorted(excluded))
    text = SERIES.format(start=start, freq=freq, interval=interval, count=count, exdates=lines)
    days = [m.on for m in meetings.meetings(text.encode(), until=until)]
    if freq in meetings.EXPANDED:
        oldest = until - timedelta(days=meetings.EXPAND_DAYS)
        assert all(oldest <= day <= until and day not in excluded for day in days), days
        assert len(days) == len(set(days)) and len(days) <= meetings.EXPAND_DAYS + 1
    else:  # a rule finer than daily is not expanded: the event as written
        assert days == [start]


def test_a_repeat_rule_that_cannot_be_read_leaves_the_meeting_as_written() -> None:
    text = SERIES.format(
        start=date(2026, 1, 5), freq="WEEKLY;BYDAY=XX", interval=1, count="", exdates=""
    )
    assert [m.on for m in meetings.meetings(text.encode(), until=date(2026, 2, 1))] == [
        date(2026, 1, 5)
    ]
