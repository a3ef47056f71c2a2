"""The synthetic network behind `demo` and `bench/`: deterministic, well-formed, writable.

The demo is the first thing a new user sees, and benchmark figures are only comparable if
the load is the same each time, so these tests pin determinism and the shape the demo
promises (an event last week with untriaged people, dormant friends, late promises …).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from followthru.demo.network import (
    WINDOW_DAYS,
    SyntheticNetwork,
    default_event_count,
    generate_network,
)
from followthru.domain.names import fold
from followthru.domain.piles import target_heavy_warning
from followthru.domain.vocab import Channel, Direction, Owner, PromiseStatus, TouchKind
from followthru.services.demo import build_demo
from followthru.settings import sqlite_url
from followthru.store.bulk import insert_network, split_family
from followthru.store.database import open_database
from followthru.store.models import (
    Contact,
    ContactEmail,
    ContactEvent,
    ContactPhone,
    ContactTag,
    Event,
    Note,
    Promise,
    Touch,
)

TODAY = date(2026, 11, 20)
E164 = re.compile(r"^\+[1-9]\d{7,14}$")


@pytest.fixture(scope="module")
def demo() -> SyntheticNetwork:
    return generate_network(today=TODAY, seed=7, contacts=150)


def assert_well_formed(net: SyntheticNetwork) -> None:
    """Every reference points at something real, and every date makes sense."""
    n, today = len(net.contacts), net.today
    window_start = today - timedelta(days=WINDOW_DAYS)
    assert len({fold(e.name) for e in net.events}) == len(net.events)
    assert all(window_start <= e.held_on <= today for e in net.events)
    for i, c in enumerate(net.contacts):
        assert c.met_on <= today
        assert c.introduced_by is None or 0 <= c.introduced_by < i
        assert all(0 <= e < len(net.events) for e in c.events)
        assert len(set(c.events)) == len(c.events)
        assert list(c.tags) == sorted(set(c.tags))
        assert all(t == t.lower() and " " not in t for t in c.tags)
        assert all(E164.match(p) for p in c.phones)
    emails = [a.casefold() for c in net.contacts for a in c.emails]
    phones = [p for c in net.contacts for p in c.phones]
    assert len(set(emails)) == len(emails)
    assert len(set(phones)) == len(phones)
    for t in net.touches:
        assert 0 <= t.contact < n
        assert max(net.contacts[t.contact].met_on, window_start) <= t.happened_on <= today
        if t.kind is TouchKind.CONNECT:
            assert t.with_contact is not None and 0 <= t.with_contact < n
            assert t.with_contact != t.contact
        else:
            assert t.with_contact is None
    assert all(0 <= note.contact < n and note.written_on <= today for note in net.notes)
    for p in net.promises:
        assert 0 <= p.contact < n
        assert net.contacts[p.contact].met_on <= p.made_on <= today
        assert p.due_on is None or p.due_on >= p.made_on
        assert (p.closed_on is None) == (p.status is PromiseStatus.OPEN)
        if p.closed_on is not None:
            assert p.made_on <= p.closed_on <= today
        assert (p.drop_reason is not None) == (p.status is PromiseStatus.DROPPED)
        if p.note is not None:
            note = net.notes[p.note]
            assert note.contact == p.contact and p.source_text and p.source_text in note.text


def test_same_arguments_give_the_same_network(demo: SyntheticNetwork) -> None:
    assert generate_network(today=TODAY, seed=7, contacts=150) == demo
    other = generate_network(today=TODAY, seed=8, contacts=150)
    assert [c.name for c in other.contacts] != [c.name for c in demo.contacts]


def test_sizes_are_as_asked() -> None:
    net = generate_network(today=TODAY, seed=1, contacts=300, touches_per_contact=5, events=4)
    assert (len(net.contacts), len(net.events), len(net.touches)) == (300, 4, 1500)
    assert len(generate_network(today=TODAY, seed=1, contacts=150).events) == 10
    assert default_event_count(100_000) == 2_000
    quiet = generate_network(today=TODAY, seed=1, contacts=20, touches_per_contact=0)
    assert quiet.touches == ()
    empty = generate_network(today=TODAY, seed=1, contacts=0)
    assert (empty.contacts, empty.events, empty.touches, empty.promises) == ((), (), (), ())
    with pytest.raises(ValueError):
        generate_network(today=TODAY, seed=1, contacts=-1)


def test_demo_is_well_formed(demo: SyntheticNetwork) -> None:
    assert_well_formed(demo)


def test_demo_names_are_unique_and_international(demo: SyntheticNetwork) -> None:
    keys = [fold(c.name) for c in demo.contacts]
    assert len(set(keys)) == len(keys)
    assert sum(not c.name.isascii() for c in demo.contacts) >= 15


def test_demo_phones_are_valid_numbers(demo: SyntheticNetwork) -> None:
    numbers = [phonenumbers.parse(p) for c in demo.contacts for p in c.phones]
    assert numbers and all(phonenumbers.is_valid_number(x) for x in numbers)


def test_demo_piles_and_events_tell_a_story(demo: SyntheticNetwork) -> None:
    piles = demo.pile_counts()
    assert piles == {"target": 38, "connector": 52, "general": 52, "untriaged": 8}
    latest, heavy = demo.latest_event, demo.target_heavy_event
    assert latest is not None and heavy is not None
    assert 2 <= (TODAY - demo.events[latest].held_on).days <= 5
    assert demo.events[latest].held_on == max(e.held_on for e in demo.events)
    at_latest = [c for c in demo.contacts if latest in c.events]
    assert sum(c.pile is None for c in at_latest) >= 3
    at_heavy = Counter(c.pile.value for c in demo.contacts if heavy in c.events and c.pile)
    assert target_heavy_warning(at_heavy) is not None
    assert {"investor", "python"} <= {t for c in demo.contacts for t in c.tags}


def test_demo_has_dormant_and_untouched_people(demo: SyntheticNetwork) -> None:
    last: dict[int, date] = {}
    for t in demo.touches:
        last[t.contact] = max(last.get(t.contact, t.happened_on), t.happened_on)
    quiet_3_to_6_months = [i for i, d in last.items() if 90 <= (TODAY - d).days <= 180]
    assert len(quiet_3_to_6_months) >= 5
    assert len(demo.contacts) - len(last) >= 5  # never touched


def test_demo_touches_cover_every_kind_channel_and_direction(demo: SyntheticNetwork) -> None:
    assert {t.kind for t in demo.touches} == set(TouchKind)
    assert {t.channel for t in demo.touches} == set(Channel)
    assert {t.direction for t in demo.touches} == set(Direction)
    assert any("coffee" in t.summary for t in demo.touches)


def test_demo_promises_have_every_outcome(demo: SyntheticNetwork) -> None:
    promises = demo.promises
    assert {p.owner for p in promises} == set(Owner)
    overdue = [
        p for p in promises if p.status is PromiseStatus.OPEN and p.due_on and p.due_on < TODAY
    ]
    done = [
        (p.closed_on, p.due_on)
        for p in promises
        if p.status is PromiseStatus.DONE and p.due_on and p.closed_on
    ]
    assert overdue and demo.overdue_promises() == len(overdue)
    assert any(closed <= due for closed, due in done)  # kept on time
    assert any(closed > due for closed, due in done)  # kept, but late
    assert any(p.status is PromiseStatus.DROPPED for p in promises)
    assert any(p.status is PromiseStatus.OPEN and p.due_on and p.due_on >= TODAY for p in promises)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=100_000),
    contacts=st.integers(min_value=0, max_value=40),
    touches=st.floats(min_value=0, max_value=12),
    events=st.none() | st.integers(min_value=0, max_value=6),
    days_back=st.integers(min_value=0, max_value=3_000),
)
def test_any_small_network_is_well_formed(
    seed: int, contacts: int, touches: float, events: int | None, days_back: int
) -> None:
    today = TODAY - timedelta(days=days_back)
    net = generate_network(
        today=today, seed=seed, contacts=contacts, touches_per_contact=touches, events=events
    )
    assert_well_formed(net)
    assert len({fold(c.name) for c in net.contacts}) == contacts


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Siobhán Ó Briain", ("Siobhán", "Ó Briain")),
        ("José de la Fuente", ("José", "de la Fuente")),
        ("Daan van den Berg", ("Daan", "van den Berg")),
        ("Mary Anne Smith", ("Mary Anne", "Smith")),
        ("Madonna", ("Madonna", "")),
    ],
)
def test_split_family(name: str, expected: tuple[str, str]) -> None:
    assert split_family(name) == expected


def _count(db_path: Path, model: type) -> int:
    database = open_database(sqlite_url(db_path))
    try:
        with database.read() as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        database.dispose()


def test_bulk_insert_round_trip(tmp_path: Path) -> None:
    net = generate_network(today=TODAY, seed=3, contacts=60, touches_per_contact=6)
    # One person introduced by someone written after them: linked by a later update.
    people = list(net.contacts)
    people[5] = dataclasses.replace(people[5], introduced_by=40)
    net = dataclasses.replace(net, contacts=tuple(people))
    database = open_database(sqlite_url(tmp_path / "net.db"))
    try:
        with database.write() as session:
            session.add(Contact(name="Already Here", name_key="already here", archived=False))
        with database.write() as session:
            ids = insert_network(session, net)
        assert ids.contacts == range(2, 62)
        expected = {
            Contact: 61,
            Event: len(net.events),
            Touch: len(net.touches),
            Note: len(net.notes),
            Promise: len(net.promises),
            ContactEmail: sum(len(c.emails) for c in net.contacts),
            ContactPhone: sum(len(c.phones) for c in net.contacts),
            ContactTag: sum(len(c.tags) for c in net.contacts),
            ContactEvent: sum(len(c.events) for c in net.contacts),
        }
        with database.read() as session:
            counted = {m: session.scalar(select(func.count()).select_from(m)) for m in expected}
            assert counted == expected
            sixth = session.get(Contact, ids.contacts[5])
            assert sixth is not None
            assert sixth.name == net.contacts[5].name
            assert sixth.introduced_by_id == ids.contacts[40]
            assert [e.address for e in sixth.emails] == list(net.contacts[5].emails)
            assert [t.tag for t in sixth.tags] == list(net.contacts[5].tags)
            assert sixth.created_at.tzinfo is not None
            open_rows = session.scalar(
                select(func.count()).select_from(Promise).where(Promise.status == "open")
            )
            assert open_rows == net.open_promises()
        with database.write() as session:  # the ORM carries on after the explicit ids
            later = Contact(name="Added Later", name_key="added later", archived=False)
            session.add(later)
            session.flush()
            assert later.id == 62
    finally:
        database.dispose()


def test_build_demo_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    path.write_text("not a database")
    summary = build_demo(path, today=TODAY, contacts=40)
    again = build_demo(path, today=TODAY, contacts=40)
    assert summary == again
    assert summary.contacts == 40 and summary.piles["untriaged"] >= 1
    assert summary.as_json()["path"] == str(path)
    assert _count(path, Contact) == 40
    assert _count(path, Touch) == summary.touches
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


def test_demo_command_builds_and_tours(tmp_path: Path, config_file: Path) -> None:
    """`followthru demo` is a new user's first command: it builds its own file and shows it."""
    import json

    from typer.testing import CliRunner

    from followthru.cli.main import app

    runner = CliRunner()
    out = tmp_path / "demo.db"
    args = ["--today", "2026-11-20", "demo", "--out", str(out), "--contacts", "60"]
    shown = runner.invoke(app, args)
    assert shown.exit_code == 0, shown.output
    assert "Demo network" in shown.output and "open promises" in shown.output
    # Rich wraps long lines, even inside the temporary folder's long path.
    assert f"followthru--db{out}today" in "".join(shown.output.split())
    summary = json.loads(runner.invoke(app, [*args, "--seed", "3", "--json"]).stdout)
    assert summary["contacts"] == 60 and summary["path"] == str(out)
    assert sum(summary["piles"].values()) == 60
