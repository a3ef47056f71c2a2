"""The history rules and parsers, property-tested: no input crashes them, and who wrote
what always decides the direction."""

from __future__ import annotations

import contextlib
from datetime import date

from hypothesis import given
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
