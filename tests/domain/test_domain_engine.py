"""Property tests for the engine half of the pure domain.

Scoring, plans, promises, the give/ask ledger, drafting, matching and insight: plain values
in, `today` as a parameter. People are generated from touch histories, summarised the way
the store summarises them (`store/touch_stats.py`), so every generated state is one the
product can actually be in.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followthru.domain.drafting import (
    DRAFT_KINDS,
    DraftContext,
    render,
    split_variants,
    template_name,
    topic_from,
)
from followthru.domain.insight import (
    dormant_count,
    follow_through,
    pile_health,
    touches_per_week,
)
from followthru.domain.ledger import LedgerEntry, build_ledger
from followthru.domain.matching import Profile, intro_pairs, share_matches, topic_words
from followthru.domain.occasions import Occasion
from followthru.domain.piles import target_heavy_warning
from followthru.domain.plans import (
    BAND_ORDER,
    PlanItem,
    PlanRules,
    lapsed_past_cadence,
    next_touch_due,
    reconnect_candidate,
    session_agenda,
    slot_of,
    streak,
    today_plan,
    untriaged_backlog,
    week_complete,
    week_plan,
    week_start,
    within_cadence,
)
from followthru.domain.promises import days_late, open_promise_order
from followthru.domain.scoring import (
    COOLDOWN_PENALTY,
    MAX_NON_PROMISE,
    PILE_WEIGHT,
    OpenPromise,
    PersonState,
    Rules,
    awaiting_first_followup,
    cooling_down,
    needs_value_first,
    rank,
    reconnect_band,
    score,
)
from followthru.domain.vocab import VALUE_KINDS, Direction, Owner, TouchKind
from followthru.errors import BadInput

PILES: tuple[str | None, ...] = ("target", "connector", "general", None)
NAMES = ("Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus")
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
VALUE_KIND_NAMES = frozenset(k.value for k in VALUE_KINDS)
OWNER_RANK = {Owner.ME: 0, Owner.BOTH: 1, Owner.THEM: 2}
RULES = PlanRules()
# Whole networks are costly to generate: fewer, richer examples keep the file fast.
NETWORK = settings(max_examples=50, deadline=None)

# --------------------------------------------------------------------------- strategies

Touch = tuple[int, Direction, TouchKind]  # (days ago, direction, kind)
TOUCHES = st.lists(
    st.tuples(st.integers(0, 400), st.sampled_from(Direction), st.sampled_from(TouchKind)),
    max_size=6,
)


def summarise(
    touches: Sequence[Touch], today: date
) -> tuple[date | None, date | None, int, int, int]:
    """(last touch, last outbound, unanswered, given, asks) as `touch_stats.compute` derives them."""
    days = [(today - timedelta(days=ago), d, k) for ago, d, k in touches]
    last_touch = max((on for on, _, _ in days), default=None)
    last_out = max((on for on, d, _ in days if d is Direction.OUT), default=None)
    # Likes and meetings are never unanswered messages; a meeting ends the silence too.
    last_in = max(
        (on for on, d, k in days if d is Direction.IN or k is TouchKind.MEETING), default=None
    )
    unanswered = sum(
        1
        for on, d, k in days
        if d is Direction.OUT
        and k not in (TouchKind.ENGAGE, TouchKind.MEETING)
        and (last_in is None or on > last_in)
    )
    given = sum(1 for _, d, k in days if d is Direction.OUT and k in VALUE_KINDS)
    asks = sum(1 for _, d, k in days if d is Direction.OUT and k is TouchKind.ASK)
    return last_touch, last_out, unanswered, given, asks


@st.composite
def person_at(
    draw: st.DrawFn,
    pid: int,
    today: date,
    *,
    promises: bool = True,
    piles: Sequence[str | None] = PILES,
) -> PersonState:
    last_touch, last_out, unanswered, given_, asks = summarise(draw(TOUCHES), today)
    event_ago = draw(st.none() | st.integers(-3, 30))
    owned = (
        draw(
            st.lists(
                st.tuples(st.sampled_from(Owner), st.none() | st.integers(-30, 30)),
                max_size=2,
            )
        )
        if promises
        else []
    )
    snooze = draw(st.none() | st.integers(-10, 20))
    met_ago = draw(st.none() | st.integers(0, 600))
    return PersonState(
        id=pid,
        name=draw(st.sampled_from(NAMES)),
        pile=draw(st.sampled_from(piles)),
        cadence_days=draw(st.sampled_from([30, 91, 182]) | st.integers(1, 400)),
        met_on=None if met_ago is None else today - timedelta(days=met_ago),
        last_touch_on=last_touch,
        unanswered=unanswered,
        last_outbound_on=last_out,
        event_name=None if event_ago is None else "Expo",
        event_on=None if event_ago is None else today - timedelta(days=event_ago),
        given=given_,
        asks=asks,
        promises=tuple(
            OpenPromise(
                pid * 10 + i,
                f"promise {i} of {pid}",
                owner,
                None if due is None else today + timedelta(days=due),
            )
            for i, (owner, due) in enumerate(owned)
        ),
        snoozed_until=None if snooze is None else today + timedelta(days=snooze),
        has_email=draw(st.booleans()),
        has_phone=draw(st.booleans()),
        has_profile=draw(st.booleans()),
    )


@st.composite
def worlds(
    draw: st.DrawFn, *, min_size: int = 0, max_size: int = 10, promises: bool = True
) -> tuple[date, list[PersonState]]:
    today = draw(DAYS)
    n = draw(st.integers(min_size, max_size))
    return today, [draw(person_at(pid, today, promises=promises)) for pid in range(1, n + 1)]


@st.composite
def plan_rules(draw: st.DrawFn) -> PlanRules:
    return PlanRules(
        reconnects=draw(st.integers(0, 5)),
        promises_today=draw(st.integers(1, 12)),
        week_light=draw(st.integers(0, 12)),
        week_messages=draw(st.integers(0, 5)),
        week_deep=draw(st.integers(0, 2)),
        week_capacity=draw(st.integers(0, 25)),
    )


def touched(person: PersonState, on: date, direction: Direction) -> PersonState:
    """The person after one more logged touch on `on`."""
    if direction is Direction.OUT:
        return replace(
            person, last_touch_on=on, last_outbound_on=on, unanswered=person.unanswered + 1
        )
    return replace(person, last_touch_on=on, unanswered=0)


def sections(plan: Sequence[PlanItem]) -> list[str]:
    return [item.section for item in plan]


def is_checkin(item: PlanItem) -> bool:
    return item.action == "checkin" or item.draft_kind == "checkin"


# =========================================================================== scoring


@given(worlds(max_size=1), st.sampled_from([Rules(), RULES]))
def test_score_is_the_sum_of_its_named_terms(
    world: tuple[date, list[PersonState]], rules: Rules
) -> None:
    today, people = world
    for person in people:
        s = score(person, rules, today=today)
        assert s.total == round(sum(t.value for t in s.terms), 2)
        assert all(t.name and t.fact for t in s.terms)
        names = Counter(t.name for t in s.terms)
        assert names["promise"] == len(person.promises)
        assert all(n == 1 for name, n in names.items() if name != "promise")
        assert s.has_promise == bool(person.promises)
        pile = [t for t in s.terms if t.name == "pile"]
        assert len(pile) == 1 and pile[0].value == PILE_WEIGHT[person.pile]


@given(worlds(max_size=1))
def test_each_term_reflects_its_fact(world: tuple[date, list[PersonState]]) -> None:
    today, people = world
    for person in people:
        terms = {t.name: t.value for t in score(person, RULES, today=today).terms}
        snoozed = person.snoozed_until is not None and person.snoozed_until > today
        assert ("snooze" in terms) == snoozed
        assert ("cooldown" in terms) == cooling_down(person, RULES, today=today)
        if "cooldown" in terms:
            assert terms["cooldown"] == COOLDOWN_PENALTY
        since_day = person.last_touch_on or person.met_on
        due = since_day is not None and (today - since_day).days >= person.cadence_days
        assert ("cadence" in terms) == due
        if "cadence" in terms:
            assert 7.5 <= terms["cadence"] <= 30.0
        if "fresh" in terms:
            assert awaiting_first_followup(person)
            assert 0 < terms["fresh"] <= 35.0
        if "give/ask" in terms:
            assert -5.0 <= terms["give/ask"] <= 5.0
            assert (terms["give/ask"] > 0) == (person.given > person.asks)


@given(worlds(max_size=10), st.randoms(use_true_random=False))
@NETWORK
def test_scoring_and_ranking_are_deterministic(
    world: tuple[date, list[PersonState]], rnd: random.Random
) -> None:
    today, people = world
    first = rank([score(p, RULES, today=today) for p in people])
    again = rank([score(p, RULES, today=today) for p in people])
    shuffled = list(people)
    rnd.shuffle(shuffled)
    third = rank([score(p, RULES, today=today) for p in shuffled])
    assert first == again
    assert [s.person.id for s in first] == [s.person.id for s in third]
    assert [s.total for s in first] == [s.total for s in third]


@given(worlds(max_size=12))
@NETWORK
def test_an_open_promise_always_outranks_anyone_without_one(
    world: tuple[date, list[PersonState]],
) -> None:
    today, people = world
    ranked = rank([score(p, RULES, today=today) for p in people])
    flags = [s.has_promise for s in ranked]
    assert flags == sorted(flags, reverse=True)  # every promise holder before everyone else
    for group in (True, False):
        totals = [s.total for s in ranked if s.has_promise is group]
        assert totals == sorted(totals, reverse=True)


@given(worlds(min_size=2, max_size=2))
def test_a_promise_term_alone_outweighs_every_other_term_together(
    world: tuple[date, list[PersonState]],
) -> None:
    """What the comment on PROMISE_BASE promises: one promise term beats any total without one."""
    today, (holder, other) = world
    other = replace(other, promises=())
    other_total = score(other, RULES, today=today).total
    assert other_total <= MAX_NON_PROMISE
    for term in score(holder, RULES, today=today).terms:
        if term.name == "promise":
            assert term.value > other_total, (term, other_total)


def test_their_promise_outweighs_a_fresh_overdue_target() -> None:
    """The smallest promise term against a target met yesterday and long out of cadence."""
    today = date(2026, 11, 20)
    nudge = OpenPromise(1, "intro to their CFO", Owner.THEM, today)
    holder = PersonState(1, "Ann", "general", 182, None, None, promises=(nudge,))
    fresh = PersonState(
        2, "Bo", "target", 30, None, today - timedelta(days=90),
        event_name="Expo", event_on=today - timedelta(days=1),
    )  # fmt: skip
    promise_term = next(t for t in score(holder, RULES, today=today).terms if t.name == "promise")
    assert promise_term.value > score(fresh, RULES, today=today).total


@given(DAYS, st.integers(0, 13))
def test_fresh_contacts_decay_fast(today: date, age: int) -> None:
    person = PersonState(1, "Ann", "target", 30, None, None, event_name="Expo")
    fresh = [
        next(
            t.value
            for t in score(
                replace(person, event_on=today - timedelta(days=a)), RULES, today=today
            ).terms
            if t.name == "fresh"
        )
        for a in (age, age + 1)
    ]
    assert fresh[0] > fresh[1]


@given(DAYS, st.integers(2, 5), st.integers(0, 29))
def test_cooldown_after_unanswered_messages(today: date, unanswered: int, rest: int) -> None:
    person = PersonState(
        1, "Ann", "target", 30, None, today - timedelta(days=rest),
        unanswered=unanswered, last_outbound_on=today - timedelta(days=rest),
    )  # fmt: skip
    assert cooling_down(person, RULES, today=today)
    terms = {t.name: t for t in score(person, RULES, today=today).terms}
    assert terms["cooldown"].value == COOLDOWN_PENALTY
    assert f"resting {30 - rest} more days" in terms["cooldown"].fact
    # One unanswered message is not chasing yet; and the rest ends after cooldown_days.
    assert not cooling_down(replace(person, unanswered=1), RULES, today=today)
    assert not cooling_down(person, RULES, today=today + timedelta(days=30 - rest))


# =========================================================================== today_plan


@given(worlds(), plan_rules())
@NETWORK
def test_today_plan_sections_come_in_the_methods_order(
    world: tuple[date, list[PersonState]], rules: PlanRules
) -> None:
    today, people = world
    plan = today_plan(people, rules, today=today)
    order = {"promise": 0, "follow-up": 1, "reconnect": 2}
    kinds = sections(plan)
    assert kinds == sorted(kinds, key=order.__getitem__)
    assert kinds.count("promise") <= rules.promises_today
    assert kinds.count("reconnect") <= rules.reconnects
    # Nobody is both promised and followed up / reconnected: the first section takes them.
    later = [i.person.id for i in plan if i.section != "promise"]
    assert len(later) == len(set(later))
    assert not {i.person.id for i in plan if i.section == "promise"} & set(later)


@given(worlds())
@NETWORK
def test_today_plan_due_promises_mine_then_joint_then_theirs(
    world: tuple[date, list[PersonState]],
) -> None:
    today, people = world
    rules = replace(RULES, promises_today=100)
    plan = today_plan(people, rules, today=today)
    listed = [i.promise for i in plan if i.section == "promise"]
    assert all(p is not None and p.due_on is not None and p.due_on <= today for p in listed)
    expected = {
        p.id for person in people for p in person.promises if p.due_on and p.due_on <= today
    }
    assert {p.id for p in listed if p} == expected
    keys = [(OWNER_RANK[p.owner], -(today - p.due_on).days) for p in listed if p and p.due_on]
    assert keys == sorted(keys)


@given(worlds(), st.integers(0, 30))
@NETWORK
def test_today_plan_whole_promise_section_mine_then_joint_then_theirs(
    world: tuple[date, list[PersonState]], made_ago: int
) -> None:
    """Undated promises nudged after a week belong to the same section and the same order."""
    today, people = world
    made = {p.id: today - timedelta(days=made_ago) for person in people for p in person.promises}
    plan = today_plan(people, replace(RULES, promises_today=100), today=today, promise_made_on=made)
    listed = [i.promise for i in plan if i.section == "promise"]
    undated = [p for p in listed if p and p.due_on is None]
    if undated:
        assert made_ago >= 7
    owners = [OWNER_RANK[p.owner] for p in listed if p]
    assert owners == sorted(owners), [(p.owner.value, p.due_on) for p in listed if p]


def test_undated_my_promise_comes_before_their_dated_nudge() -> None:
    today = date(2026, 11, 20)
    theirs = OpenPromise(1, "intro to their CFO", Owner.THEM, today - timedelta(days=1))
    mine = OpenPromise(2, "lunch", Owner.ME, None)
    people = [
        PersonState(1, "Ann", "connector", 91, None, None, promises=(theirs,)),
        PersonState(2, "Bo", "connector", 91, None, None, promises=(mine,)),
    ]
    plan = today_plan(people, RULES, today=today, promise_made_on={2: today - timedelta(days=10)})
    assert [i.promise.owner for i in plan if i.promise] == [Owner.ME, Owner.THEM]


@given(worlds())
@NETWORK
def test_post_event_followups_only_targets_and_connectors_on_their_deadline(
    world: tuple[date, list[PersonState]],
) -> None:
    today, people = world
    rules = replace(RULES, promises_today=100)
    plan = today_plan(people, rules, today=today)
    promised = {i.person.id for i in plan if i.section == "promise"}
    followups = {i.person.id: i for i in plan if i.section == "follow-up"}
    for item in followups.values():
        person = item.person
        # general people only when they hold an open promise (not yet due, or it would be
        # in the promise section), and then on the connectors' timetable
        assert person.pile in ("target", "connector") or (
            person.pile == "general" and person.promises
        )
        assert person.event_on is not None and awaiting_first_followup(person)
        window = (today - person.event_on).days
        assert 0 <= window <= rules.fresh_window_days
        days = 2 if person.pile == "target" else 7  # the method's defaults
        assert item.due == person.event_on + timedelta(days=days)
        assert item.draft_kind == "post-event"
    # And everyone who waits for a first follow-up is on the list.
    for person in people:
        waiting = (
            (
                person.pile in ("target", "connector")
                or (person.pile == "general" and person.promises)
            )
            and person.event_on is not None
            and awaiting_first_followup(person)
            and 0 <= (today - person.event_on).days <= rules.fresh_window_days
        )
        if waiting and person.id not in promised:
            assert person.id in followups, person


@given(DAYS, st.integers(0, 14), st.sampled_from(PILES), st.booleans())
def test_general_pile_only_followed_up_with_a_promise(
    today: date, age: int, pile: str | None, promised: bool
) -> None:
    promise = OpenPromise(7, "send the deck", Owner.ME, today)
    person = PersonState(
        1, "Ann", pile, 30, today - timedelta(days=age), None,
        event_name="Expo", event_on=today - timedelta(days=age),
        promises=(promise,) if promised else (),
    )  # fmt: skip
    plan = today_plan([person], RULES, today=today)
    agenda = session_agenda([person], RULES, event_id_people={1}, today=today)
    if pile in ("target", "connector"):
        assert [i.section for i in plan] == ["promise" if promised else "follow-up"]
    elif promised:
        assert [i.section for i in plan] == ["promise"]
        assert [i.section for i in agenda.items] == ["promise"]
    else:
        assert plan == [] and agenda.items == []


@given(worlds(), st.data())
@NETWORK
def test_session_agenda_promises_then_targets_then_connectors(
    world: tuple[date, list[PersonState]], data: st.DataObject
) -> None:
    today, people = world
    at_event = set(data.draw(st.lists(st.sampled_from([p.id for p in people] or [0]))))
    agenda = session_agenda(people, RULES, event_id_people=at_event, today=today)
    order = {"promise": 0, "target": 1, "connector": 2}
    keys = [
        order["promise" if i.section == "promise" else str(i.person.pile)] for i in agenda.items
    ]
    assert keys == sorted(keys)
    assert all(i.person.id in at_event for i in agenda.items)
    for item in agenda.items:
        if item.person.pile not in ("target", "connector"):
            assert item.section == "promise"  # general and untriaged only with a promise
        if item.section == "follow-up" and item.person.event_on:
            days = 2 if item.person.pile == "target" else 7
            assert item.due == item.person.event_on + timedelta(days=days)
    promises = [i.promise.id for i in agenda.items if i.promise]
    expected = [p.id for person in people if person.id in at_event for p in person.promises]
    assert sorted(promises) == sorted(expected)
    assert agenda.minutes >= 30 and agenda.minutes % 15 == 0


@given(worlds())
@NETWORK
def test_untriaged_backlog_counts_recent_unsorted_people_by_event(
    world: tuple[date, list[PersonState]],
) -> None:
    today, people = world
    backlog = untriaged_backlog(people, RULES, today=today)
    recent = [
        p
        for p in people
        if p.pile is None and p.event_on is not None and 0 <= (today - p.event_on).days <= 14
    ]
    assert sum(backlog.values()) == len(recent)
    assert set(backlog) == ({"Expo"} if recent else set())
    # Nobody in the backlog is followed up: there is no pile to say how.
    plan = today_plan(people, RULES, today=today)
    assert not {p.id for p in recent} & {i.person.id for i in plan if i.section == "follow-up"}


# --------------------------------------------------------------------------- keep in touch


@given(worlds(min_size=1), st.sampled_from(Direction), st.data())
@NETWORK
def test_every_touch_resets_the_keep_in_touch_clock(
    world: tuple[date, list[PersonState]], direction: Direction, data: st.DataObject
) -> None:
    today, people = world
    index = data.draw(st.integers(0, len(people) - 1))
    person = touched(people[index], today, direction)
    people[index] = person
    assert reconnect_candidate(person, RULES, today=today) is None
    assert within_cadence(person, today=today)
    assert next_touch_due(person, today=today) == today + timedelta(days=person.cadence_days)
    assert "cadence" not in {t.name for t in score(person, RULES, today=today).terms}
    plan = today_plan(people, replace(RULES, reconnects=20), today=today)
    assert person.id not in {i.person.id for i in plan if i.section == "reconnect"}
    assert person.id not in {i.person.id for i in week_plan(people, RULES, today=today)}


@given(worlds())
@NETWORK
def test_reconnects_from_everyone_quiet_for_three_months_in_band_order(
    world: tuple[date, list[PersonState]],
) -> None:
    """DESIGN 1.5: the 3-6-month band first, then older people, then people with no date;
    ahead of all, targets let lapse past their cadence."""
    today, people = world
    plan = today_plan(people, replace(RULES, reconnects=20), today=today)
    bands = []
    for item in plan:
        if item.section != "reconnect":
            continue
        person = item.person
        since_day = person.last_touch_on or person.met_on
        if since_day is not None:
            assert (today - since_day).days >= RULES.reconnect_min_days
        band = BAND_ORDER[reconnect_band(person, RULES, today=today) or ""]
        bands.append((not lapsed_past_cadence(person, today=today), band))
        assert not cooling_down(person, RULES, today=today)
        assert not (person.snoozed_until and person.snoozed_until > today)
    assert bands == sorted(bands)


def test_an_imported_network_offers_three_reconnects_recent_band_first() -> None:
    today = date(2026, 12, 6)
    people = [
        PersonState(1, "Old", None, 182, today - timedelta(days=400), None),
        PersonState(2, "Undated", None, 182, None, None),
        PersonState(3, "Warm", None, 182, today - timedelta(days=120), None),
        PersonState(4, "New", None, 182, today - timedelta(days=20), None),
    ]
    plan = today_plan(people, RULES, today=today)
    assert [i.person.name for i in plan] == ["Warm", "Old", "Undated"]
    assert all(i.section == "reconnect" for i in plan)
    terms = {t.name: t for t in score(people[2], RULES, today=today).terms}
    assert "they still remember you" in terms["reconnect"].fact


@given(worlds())
@NETWORK
def test_pest_guard_cooling_down_people_are_left_alone(
    world: tuple[date, list[PersonState]],
) -> None:
    today, people = world
    resting = {p.id for p in people if cooling_down(p, RULES, today=today)}
    plan = today_plan(people, replace(RULES, reconnects=20), today=today)
    assert not resting & {i.person.id for i in plan if i.section == "reconnect"}
    assert not resting & {i.person.id for i in week_plan(people, RULES, today=today)}


@given(worlds(promises=False))
@NETWORK
def test_pest_guard_suggests_value_never_another_checkin(
    world: tuple[date, list[PersonState]],
) -> None:
    """After 2 unanswered messages: content, connect or congratulate, not 'just checking in'.

    Post-event follow-ups are left out here: meeting someone at an event is a fresh start,
    and the unanswered count knows nothing of the meeting.
    """
    today, people = world
    plan = [
        i
        for i in today_plan(people, replace(RULES, reconnects=20), today=today)
        if i.section != "follow-up"
    ] + week_plan(people, RULES, today=today)
    for item in plan:
        if needs_value_first(item.person, RULES):
            assert not is_checkin(item), item
            if item.section in ("reconnect", "message"):
                assert item.action in VALUE_KIND_NAMES
                assert item.draft_kind in VALUE_KIND_NAMES


def test_pest_guard_deep_slot_does_not_draft_a_checkin_after_silence() -> None:
    today = date(2026, 11, 20)
    quiet = today - timedelta(days=40)  # the cool-down is over, the silence is not
    person = PersonState(1, "Ann", "target", 30, None, quiet, unanswered=2, last_outbound_on=quiet)
    (item,) = week_plan([person], RULES, today=today)
    assert item.section == "deep"
    assert item.draft_kind != "checkin"


@given(worlds())
@NETWORK
def test_never_a_checkin_inside_the_cadence_window(world: tuple[date, list[PersonState]]) -> None:
    today, people = world
    plan = [
        i
        for i in today_plan(people, replace(RULES, reconnects=20), today=today)
        if i.section != "follow-up"
    ] + week_plan(people, RULES, today=today)
    for item in plan:
        if within_cadence(item.person, today=today):
            assert not is_checkin(item), item


@given(worlds(promises=False), st.integers(1, 6))
@NETWORK
def test_nobody_planned_more_often_than_their_cadence(
    world: tuple[date, list[PersonState]], weeks: int
) -> None:
    """Do each week's plan, then plan the next: a planned person comes back only after their cadence."""
    today, people = world
    last_planned: dict[int, date] = {}
    for week in range(weeks):
        day = today + timedelta(weeks=week)
        plan = week_plan(people, RULES, today=day)
        for item in plan:
            if item.person.id in last_planned:
                gap = (day - last_planned[item.person.id]).days
                assert gap >= item.person.cadence_days
            last_planned[item.person.id] = day
        done = {i.person.id for i in plan}
        # The user replies to everything in the plan (inbound) so nobody cools down.
        people = [touched(p, day, Direction.IN) if p.id in done else p for p in people]


# --------------------------------------------------------------------------- week_plan


@given(worlds(max_size=25), plan_rules())
@NETWORK
def test_week_plan_distinct_eligible_people_within_capacity(
    world: tuple[date, list[PersonState]], rules: PlanRules
) -> None:
    today, people = world
    plan = week_plan(people, rules, today=today)
    ids = [i.person.id for i in plan]
    assert len(ids) == len(set(ids))
    assert len(plan) <= rules.week_capacity
    counts = Counter(sections(plan))
    assert counts["deep"] <= rules.week_deep
    assert counts["message"] <= rules.week_messages
    assert counts["light"] <= rules.week_light
    assert sections(plan) == sorted(sections(plan), key=["deep", "message", "light"].index)
    for item in plan:
        person = item.person
        assert not within_cadence(person, today=today)
        assert not cooling_down(person, rules, today=today)
        assert not (person.snoozed_until and person.snoozed_until > today)
        if item.section == "light":
            assert item.action == "engage"
            assert item.channel == ("linkedin" if person.has_profile else "message")
        if item.section == "deep":
            assert item.action == "meeting" and item.channel in ("call", "in-person")
    eligible = [
        p
        for p in people
        if not within_cadence(p, today=today)
        and not cooling_down(p, rules, today=today)
        and not (p.snoozed_until and p.snoozed_until > today)
    ]
    # Slots are filled deep first, then messages, then light, until the capacity is spent.
    deep = min(rules.week_deep, rules.week_capacity)
    messages = min(rules.week_messages, rules.week_capacity - deep)
    light = min(rules.week_light, rules.week_capacity - deep - messages)
    assert counts["deep"] == min(deep, len(eligible))  # target and connector people first
    assert counts["message"] + counts["light"] == min(
        messages + light, len(eligible) - counts["deep"]
    )
    assert counts["message"] == min(messages, len(eligible) - counts["deep"])
    # Light touches go to people with a profile first; messages never to e-mail without one.
    light_people = [i.person for i in plan if i.section == "light"]
    profiled = [p for p in light_people if p.has_profile]
    assert light_people[: len(profiled)] == profiled
    for item in plan:
        if item.channel == "email":
            assert item.person.has_email


@given(
    DAYS, st.lists(st.sampled_from(("target", "connector", "general")), min_size=17, max_size=25)
)
def test_week_plan_is_12_4_1_when_enough_people_are_due(today: date, piles: list[str]) -> None:
    people = [PersonState(i, NAMES[i % 7], pile, 30, None, None) for i, pile in enumerate(piles)]
    counts = Counter(sections(week_plan(people, RULES, today=today)))
    assert counts == {"light": 12, "message": 4, "deep": 1}


@given(DAYS, st.lists(st.sampled_from(PILES), min_size=1, max_size=10))
def test_week_plan_deep_slot_prefers_targets_and_connectors(
    today: date, piles: list[str | None]
) -> None:
    people = [PersonState(i, "P", pile, 30, None, None) for i, pile in enumerate(piles)]
    deep = [i for i in week_plan(people, RULES, today=today) if i.section == "deep"]
    if any(p in ("target", "connector") for p in piles):
        assert [i.person.pile in ("target", "connector") for i in deep] == [True]


# --------------------------------------------------------------------------- streaks & slots

STATUS = st.sampled_from(["done", "skipped", "snoozed", "open", "missed"])
COMPLETE = st.lists(st.sampled_from(["done", "skipped", "snoozed"]), min_size=1, max_size=5)


@given(st.lists(COMPLETE, max_size=6), st.lists(st.lists(STATUS, max_size=5), max_size=4))
def test_streak_counts_complete_weeks_newest_first(
    complete: list[list[str]], older: list[list[str]]
) -> None:
    incomplete: list[list[str]] = [[]]  # an empty week was not done
    assert streak(complete) == len(complete)
    assert streak([*complete, *incomplete, *older]) == len(complete)
    assert streak([["done", "open"], *complete]) == 0


@given(st.lists(STATUS, max_size=6))
def test_week_complete_means_nothing_left_undone(statuses: list[str]) -> None:
    undone = any(s not in ("done", "skipped", "snoozed") for s in statuses)
    assert week_complete(statuses) == (bool(statuses) and not undone)


@given(
    st.sampled_from(TouchKind),
    st.sampled_from(["email", "call", "meeting", "message", "linkedin", "in-person"]),
)
def test_slot_of_a_logged_touch(kind: TouchKind, channel: str) -> None:
    slot = slot_of(kind.value, channel)
    if kind is TouchKind.ENGAGE:
        assert slot == "light"
    elif kind is TouchKind.MEETING or channel in ("call", "meeting", "in-person"):
        assert slot == "deep"
    else:
        assert slot == "message"


@given(worlds(max_size=3))
def test_next_touch_due_is_never_in_the_past(world: tuple[date, list[PersonState]]) -> None:
    today, people = world
    for person in people:
        due = next_touch_due(person, today=today)
        last = person.last_touch_on or person.met_on
        if last is None:
            assert due is None
        else:
            assert due == max(last + timedelta(days=person.cadence_days), today)


# =========================================================================== promises


@given(
    DAYS,
    st.lists(
        st.tuples(st.none() | st.integers(-20, 20), st.sampled_from(Owner), st.integers(0, 60)),
        max_size=10,
    ),
)
def test_open_promise_order_late_first_then_soonest_then_undated(
    today: date, raw: list[tuple[int | None, Owner, int]]
) -> None:
    promises = [
        (None if d is None else today + timedelta(days=d), o, today - timedelta(days=c))
        for d, o, c in raw
    ]
    ordered = sorted(promises, key=lambda p: open_promise_order(*p, today=today))

    def group(due: date | None) -> int:
        return 2 if due is None else 0 if due < today else 1

    groups = [group(due) for due, _, _ in ordered]
    assert groups == sorted(groups)
    late = [days_late(due, today=today) for due, _, _ in ordered if group(due) == 0]
    assert late == sorted(late, reverse=True) and all(n > 0 for n in late)
    upcoming = [due for due, _, _ in ordered if group(due) == 1]
    assert upcoming == sorted(upcoming)
    for (d1, o1, _), (d2, o2, _) in itertools.pairwise(ordered):
        if d1 == d2 and d1 is not None:
            assert OWNER_RANK[o1] <= OWNER_RANK[o2]


@given(DAYS, st.none() | DAYS)
def test_days_late_is_never_negative(today: date, due: date | None) -> None:
    late = days_late(due, today=today)
    assert late >= 0
    assert late == (max((today - due).days, 0) if due else 0)


# =========================================================================== ledger

LEDGER = st.lists(
    st.builds(
        LedgerEntry,
        on=st.dates(date(2026, 1, 1), date(2026, 3, 1)),
        kind=st.sampled_from(TouchKind),
        direction=st.sampled_from(Direction),
    ),
    max_size=10,
)


@given(LEDGER, st.randoms(use_true_random=False))
def test_needs_value_first_flags_an_ask_without_value_since_the_last(
    entries: list[LedgerEntry], rnd: random.Random
) -> None:
    ledger = build_ledger(entries)
    mine = [e for e in entries if e.direction is Direction.OUT]
    gives = [e.on for e in mine if e.kind in VALUE_KINDS]
    asks = [e.on for e in mine if e.kind is TouchKind.ASK]
    # Walk the history day by day: an ask resets, a gift (same day or later) clears.
    owed = True
    for on in sorted(set(gives) | set(asks)):
        if on in asks:
            owed = True
        if on in gives:
            owed = False
    assert ledger.value_since_last_ask == (not owed)
    assert ledger.asks == len(asks) and ledger.given_total == len(gives)
    assert ledger.balance == len(gives) - len(asks)
    assert set(ledger.given) == VALUE_KIND_NAMES
    # Order does not matter, and what the contact did is not ours.
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    assert build_ledger(shuffled) == ledger
    inbound = [replace(e, direction=Direction.IN) for e in entries]
    assert build_ledger(mine + inbound) == ledger


def test_ledger_examples() -> None:
    day = date(2026, 2, 1)
    ask = LedgerEntry(day, TouchKind.ASK, Direction.OUT)
    gift = LedgerEntry(day - timedelta(days=3), TouchKind.CONTENT, Direction.OUT)
    assert not build_ledger([]).value_since_last_ask  # never given anything
    assert not build_ledger([gift, ask]).value_since_last_ask  # asked since the gift
    later = LedgerEntry(day + timedelta(days=1), TouchKind.CONGRATULATE, Direction.OUT)
    assert build_ledger([gift, ask, later]).value_since_last_ask
    theirs = LedgerEntry(day + timedelta(days=2), TouchKind.CONTENT, Direction.IN)
    assert not build_ledger([gift, ask, theirs]).value_since_last_ask


# =========================================================================== drafting


def shipped_templates() -> dict[str, list[str]]:
    folder = resources.files("followthru").joinpath("templates", "drafts")
    return {
        entry.name.removesuffix(".txt"): split_variants(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".txt")
    }


TEMPLATES = shipped_templates()
FULL = DraftContext(
    first_name="Ann",
    name="Ann Lee",
    company="Acme",
    title="CFO",
    pile="target",
    event="Expo 2026",
    last_topic="the Series A",
    promise="the deck",
    about="the new pricing study",
    other_name="Bo Chan",
    other_first_name="Bo",
    other_title="CTO",
    other_company="Beta",
    user_name="Sam",
)
BARE = DraftContext(first_name="Ann", name="Ann Lee")


def test_every_draft_kind_has_its_shipped_templates() -> None:
    for kind in DRAFT_KINDS:
        for pile in PILES:
            for owner in (None, "me", "them", "both"):
                assert template_name(kind, pile=pile, owner=owner) in TEMPLATES
    assert template_name("post-event", pile=None) == "post-event-general"
    assert template_name("promise", owner=None) == "promise-me"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@pytest.mark.parametrize("context", [BARE, FULL], ids=["bare", "full"])
def test_every_shipped_variant_renders_with_or_without_facts(
    name: str, context: DraftContext
) -> None:
    for n in range(len(TEMPLATES[name])):
        text = render(TEMPLATES[name], context, sent_before=n)
        assert text.startswith("Hi Ann,")
        assert "{{" not in text and "{%" not in text and "None" not in text
        assert text.endswith("\n\nSam") == bool(context.user_name)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_variant_rotation_never_repeats_for_the_same_person(name: str) -> None:
    variants = TEMPLATES[name]
    assert len(variants) >= 2
    for context in (FULL, BARE):
        texts = [render(variants, context, sent_before=n) for n in range(2 * len(variants) + 1)]
        assert all(a != b for a, b in itertools.pairwise(texts))
        assert texts[0] == texts[len(variants)]  # the same database gives the same draft


PITCH = (
    "our product",
    "our solution",
    "our platform",
    "our service",
    "demo",
    "pricing",
    "discount",
    "buy",
    "purchase",
    "offer",
    "sign up",
    "free trial",
)


@pytest.mark.parametrize("context", [BARE, FULL], ids=["bare", "full"])
def test_post_event_target_asks_about_needs_and_never_pitches(context: DraftContext) -> None:
    for n, variant in enumerate(TEMPLATES["post-event-target"]):
        lowered = variant.lower()
        assert not [w for w in PITCH if w in lowered], variant
        text = render(TEMPLATES["post-event-target"], context, sent_before=n)
        assert "?" in text  # it asks
        assert any(
            w in text.lower() for w in ("learn", "understand", "hardest", "priorities", "change")
        )


@given(
    st.text(max_size=30),
    st.text(max_size=30),
    st.sampled_from(sorted(TEMPLATES)),
    st.integers(0, 10),
)
def test_facts_are_inserted_verbatim_never_evaluated(
    first: str, about: str, name: str, sent: int
) -> None:
    context = replace(FULL, first_name=first, about=about, promise=about, last_topic=about)
    text = render(TEMPLATES[name], context, sent_before=sent)
    assert text.startswith(f"Hi {first},")
    variant = TEMPLATES[name][sent % len(TEMPLATES[name])]
    if about and "{{ about }}" in variant:
        assert about in text


def test_a_fact_that_looks_like_a_template_stays_text() -> None:
    text = render(
        ["Hi {{ first_name }}: {{ about }}"], replace(BARE, about="{{ 7*7 }}"), sent_before=0
    )
    assert text == "Hi Ann: {{ 7*7 }}"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ first_name.__class__ }}",
        "{{ nope }}",
        "{% if %}",
        "{{ first_name",
        "{% for x in range(10**9) %}{{ x }}{% endfor %}",
        "{{ 1 / 0 }}",
        "{% include 'other.txt' %}",
        "{% extends 'base.txt' %}",
        "{{ '%d' % first_name }}",
    ],
)
def test_an_unsafe_or_broken_template_is_bad_input_not_a_crash(source: str) -> None:
    with pytest.raises(BadInput):
        render([source], FULL, sent_before=0)


JINJA_BITS = st.sampled_from(
    ["{{", "}}", "{%", "%}", " ", "first_name", "about", "x", "if", "endif", "for", "endfor",
     "in", "range", "(", ")", "|", "upper", "'", "1", "0", "/", "%", "~", ".", "__class__",
     "[", "]", "nope", ","]
)  # fmt: skip


@given(st.lists(JINJA_BITS, max_size=12))
@settings(max_examples=200)
def test_any_user_template_renders_or_is_bad_input(bits: list[str]) -> None:
    source = "".join(bits)
    try:
        text = render([source], FULL, sent_before=0)
    except BadInput:
        return
    assert isinstance(text, str)


def test_render_empty_template_is_bad_input() -> None:
    with pytest.raises(BadInput):
        render(split_variants("\n---\n  \n---\n"), FULL, sent_before=0)


def test_topic_from_finds_the_last_thing_talked_about() -> None:
    assert topic_from(["coffee, talked about their Series A. Nice."]) == "their Series A"
    assert topic_from(["nothing here", "discussed hiring a CFO"]) == "hiring a CFO"
    assert topic_from(["just coffee"]) == ""
    long = topic_from(["about " + " ".join(f"w{i}" for i in range(20))])
    assert len(long.split()) == 8


# =========================================================================== matching

TAGS = ("needs:cfo", "offers:cfo", "needs:design", "offers:design", "python", "golf", "ai")


@st.composite
def profiles(draw: st.DrawFn) -> list[Profile]:
    n = draw(st.integers(0, 9))
    return [
        Profile(
            i,
            draw(st.sampled_from(NAMES)),
            draw(st.sampled_from(PILES)),
            draw(st.sampled_from(["", "CFO", "Designer"])),
            draw(st.sampled_from(["", "Acme"])),
            tuple(draw(st.lists(st.sampled_from(TAGS), max_size=4, unique=True))),
        )
        for i in range(1, n + 1)
    ]


@given(profiles(), st.data())
def test_intro_pairs_meet_needs_with_offers(people: list[Profile], data: st.DataObject) -> None:
    ids = [p.id for p in people]
    introduced = {
        frozenset(pair)
        for pair in data.draw(
            st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3)
            if ids
            else st.just([])
        )
        if pair[0] != pair[1]
    }
    pairs = intro_pairs(people, introduced, limit=1000)
    keys = [frozenset((p.first.id, p.second.id)) for p in pairs]
    assert all(p.first.id != p.second.id for p in pairs)  # no self-pairs
    assert len(keys) == len(set(keys))
    assert not set(keys) & introduced
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    found = dict(zip(keys, pairs, strict=True))
    for a in people:
        for b in people:
            for need in (t.removeprefix("needs:") for t in a.tags if t.startswith("needs:")):
                key = frozenset((a.id, b.id))
                if a.id == b.id or f"offers:{need}" not in b.tags or key in introduced:
                    continue
                pair = found[key]
                assert f"{a.name} needs" in pair.reason and need in pair.reason
                assert f"{b.name} offers it" in pair.reason
                assert pair.score >= 10
    for pair in pairs:
        assert pair.reason
        if pair.score < 10:  # an interest-only pair: both worth the relationship
            assert {pair.first.pile, pair.second.pile} <= {"target", "connector"}
            assert "both into" in pair.reason


def test_intro_pairs_example() -> None:
    ann = Profile(1, "Ann", "target", "CEO", "Acme", ("needs:cfo", "golf"))
    bo = Profile(2, "Bo", "general", "", "", ("offers:cfo",))
    cy = Profile(3, "Cy", "connector", "", "", ("golf", "needs:cfo", "offers:cfo"))
    pairs = intro_pairs([ann, bo, cy], set())
    reasons = {frozenset((p.first.id, p.second.id)): p.reason for p in pairs}
    assert reasons == {
        frozenset((1, 2)): "Ann needs cfo; Bo offers it",
        frozenset((1, 3)): "Ann needs cfo; Cy offers it; both into golf",
        frozenset((2, 3)): "Cy needs cfo; Bo offers it",
    }
    assert (pairs[0].first.name, pairs[0].second.name, pairs[0].score) == ("Ann", "Cy", 11.0)
    assert intro_pairs([ann, bo], {frozenset((1, 2))}) == []


@given(
    profiles(),
    st.lists(
        st.sampled_from(["cfo", "design", "python", "golf", "acme"]),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    st.data(),
)
def test_share_matches_ranks_matching_people_first(
    people: list[Profile], words: list[str], data: st.DataObject
) -> None:
    hits = {p.id: set(data.draw(st.lists(st.sampled_from(words), max_size=2))) for p in people}
    matches = share_matches(people, words, hits, limit=1000)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    by_id = {m.profile.id: m for m in matches}
    for p in people:
        tag_words = {part for tag in p.tags for part in tag.replace(":", " ").split()}
        role = f"{p.title} {p.company}".lower()
        expected = sum(
            3 if w in tag_words else 2 if w in role else 1 if w in hits[p.id] else 0 for w in words
        )
        if expected:
            assert by_id[p.id].score == expected and by_id[p.id].reason
        else:
            assert p.id not in by_id


def test_topic_words_drop_noise() -> None:
    assert topic_words("https://x.io/blog/data-pipelines") == ["data", "pipelines"]
    assert topic_words("The 2026 state of AI in fintech") == ["fintech", "state"]


# =========================================================================== insight


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["me", "them", "both"]),
            st.dates(date(2026, 1, 1), date(2026, 2, 1)),
            st.sampled_from(["open", "done", "dropped"]),
            st.none() | st.dates(date(2026, 1, 1), date(2026, 3, 1)),
        ),
        max_size=12,
    )
)
def test_follow_through_counts_only_my_promises(
    promises: list[tuple[str, date, str, date | None]],
) -> None:
    ft = follow_through(promises)
    mine = [p for p in promises if p[0] != "them" and p[2] != "dropped"]
    assert ft.due == len(mine) == ft.kept_on_time + ft.kept_late + ft.open_late
    assert ft.open_late == sum(1 for p in mine if p[2] == "open")
    assert ft.kept_on_time == sum(1 for p in mine if p[2] == "done" and p[3] and p[3] <= p[1])
    assert (ft.rate is None) == (not mine)
    if ft.rate is not None:
        assert 0.0 <= ft.rate <= 1.0


@given(
    DAYS,
    st.integers(1, 10),
    st.lists(
        st.tuples(
            st.integers(-5, 90),
            st.sampled_from([k.value for k in TouchKind]),
            st.sampled_from(["email", "call", "linkedin", "in-person"]),
        ),
        max_size=20,
    ),
)
def test_touches_per_week_covers_each_monday_once(
    today: date, weeks: int, raw: list[tuple[int, str, str]]
) -> None:
    touches = [(today - timedelta(days=ago), kind, channel) for ago, kind, channel in raw]
    result = touches_per_week(touches, today=today, weeks=weeks)
    assert len(result) == weeks
    assert result[-1].week_of == week_start(today)
    assert all(w.week_of.weekday() == 0 for w in result)
    assert all((b.week_of - a.week_of).days == 7 for a, b in itertools.pairwise(result))
    first = result[0].week_of
    inside = [t for t in touches if first <= t[0] < week_start(today) + timedelta(days=7)]
    assert sum(w.light + w.message + w.deep for w in result) == len(inside)
    assert sum(w.light for w in result) == sum(1 for t in inside if t[1] == "engage")


@given(worlds(max_size=12), st.integers(1, 400))
@NETWORK
def test_pile_health_and_dormant_count(world: tuple[date, list[PersonState]], after: int) -> None:
    today, people = world
    health = {h.pile: h for h in pile_health(people, today=today)}
    assert set(health) == {"target", "connector"}
    for pile, h in health.items():
        members = [p for p in people if p.pile == pile]
        assert h.people == len(members)
        assert h.within_cadence == sum(1 for p in members if within_cadence(p, today=today))
        assert (h.share is None) == (not members)
    quiet = [(p.last_touch_on or p.met_on) for p in people]
    expected = sum(1 for since in quiet if since is not None and (today - since).days >= after)
    assert dormant_count(people, today=today, after_days=after) == expected


@given(
    st.dictionaries(
        st.sampled_from(["target", "connector", "general", "untriaged"]), st.integers(0, 20)
    )
)
def test_target_heavy_warning_when_most_triaged_are_targets(piles: dict[str, int]) -> None:
    triaged = sum(n for pile, n in piles.items() if pile != "untriaged")
    warning = target_heavy_warning(piles)
    assert (warning is not None) == (triaged > 0 and piles.get("target", 0) * 2 > triaged)


def test_a_birthday_this_week_is_congratulated_inside_the_cadence_window() -> None:
    """Liked a post 10 days ago, birthday tomorrow: `today` congratulates them on the day,
    so the week's plan must too, in a message slot; the others within cadence stay out."""
    today = date(2026, 12, 8)
    liked = today - timedelta(days=10)
    ben = PersonState(1, "Ben", None, 182, None, liked, has_profile=True)
    quiet = PersonState(2, "Cy", None, 182, None, liked, has_profile=True)
    found = {1: Occasion(date(2026, 12, 9), "birthday on 2026-12-09", "birthday")}
    (item,) = week_plan([ben, quiet], RULES, today=today, occasions=found)
    assert (item.person.id, item.section, item.draft_kind) == (1, "message", "birthday")
