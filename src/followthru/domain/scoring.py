"""Who deserves attention today, as a sum of named terms.

Every suggestion carries a score that `followthru why NAME` can print term by term, in the
spirit of Taskwarrior's urgency: no hidden weights, and each term names the fact behind
it. The function is pure — plain values in, today as a parameter — so the same database
and the same day always give the same ranking.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from followthru.domain.vocab import Owner

# `rank` puts promise holders first whatever the totals; the bases are also set above
# every positive non-promise term together (`MAX_NON_PROMISE`, 115), so that the totals
# `why` prints tell the same story as the order.
PROMISE_BASE = {Owner.ME: 150.0, Owner.BOTH: 140.0, Owner.THEM: 130.0}
PROMISE_LATE_PER_DAY = 2.0
PROMISE_LATE_CAP = 60.0
PILE_WEIGHT = {"target": 30.0, "connector": 20.0, "general": 5.0, None: 10.0}
CADENCE_MAX = 30.0
FRESH_MAX = 35.0
FRESH_HALF_LIFE_DAYS = 3.0
VALUE_BALANCE_MAX = 5.0
COOLDOWN_PENALTY = -40.0
# Reconnect bands (DESIGN 1.5): people quiet for 3-6 months still remember you, so they
# rank first; older ones next; people with no date at all last.
RECONNECT_BAND = {"recent": 15.0, "older": 5.0, "undated": 0.0}
MAX_NON_PROMISE = (
    max(PILE_WEIGHT.values())
    + CADENCE_MAX
    + FRESH_MAX
    + VALUE_BALANCE_MAX
    + max(RECONNECT_BAND.values())
)


class OpenPromise(NamedTuple):
    id: int
    what: str
    owner: Owner
    due_on: date | None


@dataclass(frozen=True)
class PersonState:
    """What scoring needs to know about one person, gathered by the store in bulk."""

    id: int
    name: str
    pile: str | None
    cadence_days: int
    met_on: date | None
    last_touch_on: date | None
    unanswered: int = 0  # outbound touches since their last inbound one
    last_outbound_on: date | None = None
    event_name: str | None = None  # the latest event they were met at
    event_on: date | None = None
    given: int = 0
    asks: int = 0
    promises: Sequence[OpenPromise] = field(default_factory=tuple)
    snoozed_until: date | None = None
    has_email: bool = False
    has_phone: bool = False
    has_profile: bool = False  # a LinkedIn or other profile URL: a post to engage with
    last_inbound_on: date | None = None  # they last wrote, called or met us
    kept_promises: int = 0  # promises to or from them already kept


class Term(NamedTuple):
    name: str
    value: float
    fact: str


@dataclass(frozen=True)
class Score:
    person: PersonState
    terms: tuple[Term, ...]

    # Ranking 100,000 people reads these several times each: worth computing once.
    @cached_property
    def total(self) -> float:
        return round(sum(t.value for t in self.terms), 2)

    @cached_property
    def has_promise(self) -> bool:
        return any(t.name == "promise" for t in self.terms)


@dataclass(frozen=True)
class Rules:
    """The knobs of the method, taken from settings."""

    cooldown_unanswered: int = 2
    cooldown_days: int = 30
    fresh_window_days: int = 14
    reconnect_min_days: int = 90
    reconnect_max_days: int = 180


def days_between(earlier: date | None, later: date) -> int | None:
    return None if earlier is None else (later - earlier).days


def promise_terms(person: PersonState, *, today: date) -> list[Term]:
    terms: list[Term] = []
    for p in person.promises:
        late = max((today - p.due_on).days, 0) if p.due_on else 0
        value = PROMISE_BASE[p.owner] + min(late * PROMISE_LATE_PER_DAY, PROMISE_LATE_CAP)
        when = f"due {p.due_on.isoformat()}" if p.due_on else "no due date"
        lateness = f", {late} days late" if late else ""
        terms.append(
            Term("promise", value, f"open promise #{p.id} ({p.owner}): {p.what} — {when}{lateness}")
        )
    return terms


def cadence_term(person: PersonState, *, today: date) -> Term | None:
    since = days_between(person.last_touch_on or person.met_on, today)
    if since is None or person.cadence_days <= 0:
        return None
    ratio = since / person.cadence_days
    if ratio < 1:
        return None
    value = round(min(ratio - 1 + 0.5, 2.0) / 2.0 * CADENCE_MAX, 2)
    return Term(
        "cadence",
        value,
        f"{_since_what(person)} {since} days ago; cadence every {person.cadence_days} days",
    )


def awaiting_first_followup(person: PersonState) -> bool:
    """Met at an event and not yet written to since (inbound replies do not count)."""
    if person.event_on is None:
        return False
    return person.last_outbound_on is None or person.last_outbound_on < person.event_on


def fresh_term(person: PersonState, rules: Rules, *, today: date) -> Term | None:
    """New contacts decay fast: the first follow-up is worth most in the first days."""
    age = days_between(person.event_on, today)
    if (
        not awaiting_first_followup(person)
        or age is None
        or age < 0
        or age > rules.fresh_window_days
    ):
        return None
    value = round(FRESH_MAX * math.pow(0.5, age / FRESH_HALF_LIFE_DAYS), 2)
    return Term("fresh", value, f"met at {person.event_name} {age} days ago, no follow-up yet")


def cooling_down(person: PersonState, rules: Rules, *, today: date) -> bool:
    """The pest guard: after unanswered messages, rest instead of chasing."""
    if person.unanswered < rules.cooldown_unanswered or person.last_outbound_on is None:
        return False
    return (today - person.last_outbound_on).days < rules.cooldown_days


def needs_value_first(person: PersonState, rules: Rules) -> bool:
    """Unanswered messages call for something useful, not another 'just checking in'."""
    return person.unanswered >= rules.cooldown_unanswered


def cooldown_term(person: PersonState, rules: Rules, *, today: date) -> Term | None:
    if not cooling_down(person, rules, today=today) or person.last_outbound_on is None:
        return None
    resting = (today - person.last_outbound_on).days
    return Term(
        "cooldown",
        COOLDOWN_PENALTY,
        f"{person.unanswered} messages unanswered; resting {rules.cooldown_days - resting} more days",
    )


def reconnect_band(person: PersonState, rules: Rules, *, today: date) -> str | None:
    """Which reconnect band the person is in (recent, older, undated); None when they
    were in touch too lately to reconnect with."""
    since = days_between(person.last_touch_on or person.met_on, today)
    if since is None:
        return "undated"
    if since < rules.reconnect_min_days:
        return None
    return "recent" if since <= rules.reconnect_max_days else "older"


def _since_what(person: PersonState) -> str:
    """What the date a quiet spell counts from was: an imported "Connected On" date is a
    connection, not a meeting or a contact."""
    if person.last_touch_on:
        return "last contact"
    return "met" if person.event_on is not None else "connected"


def reconnect_term(person: PersonState, rules: Rules, *, today: date) -> Term | None:
    band = reconnect_band(person, rules, today=today)
    if band is None:
        return None
    since = days_between(person.last_touch_on or person.met_on, today)
    months = f"{rules.reconnect_min_days // 30} to {rules.reconnect_max_days // 30} months"
    what = _since_what(person)
    fact = {
        "recent": f"{what} {since} days ago, within {months}: they still remember you",
        "older": f"{what} {since} days ago, more than {rules.reconnect_max_days // 30} months",
        "undated": "no contact or meeting date known: reconnect ranks them last",
    }[band]
    return Term("reconnect", RECONNECT_BAND[band], fact)


def balance_term(person: PersonState) -> Term | None:
    if person.given == 0 and person.asks == 0:
        return None
    balance = person.given - person.asks
    value = max(-VALUE_BALANCE_MAX, min(VALUE_BALANCE_MAX, float(balance)))
    return Term("give/ask", value, f"given {person.given}, asked {person.asks}")


def score(person: PersonState, rules: Rules, *, today: date) -> Score:
    terms = promise_terms(person, today=today)
    terms.append(
        Term("pile", PILE_WEIGHT.get(person.pile, 0.0), f"pile: {person.pile or 'untriaged'}")
    )
    for term in (
        cadence_term(person, today=today),
        fresh_term(person, rules, today=today),
        reconnect_term(person, rules, today=today),
        balance_term(person),
        cooldown_term(person, rules, today=today),
    ):
        if term is not None:
            terms.append(term)
    if person.snoozed_until and person.snoozed_until > today:
        terms.append(Term("snooze", -1000.0, f"snoozed until {person.snoozed_until.isoformat()}"))
    return Score(person, tuple(terms))


def rank(scores: Sequence[Score]) -> list[Score]:
    """Promises first, then by total, then the most recently in touch or connected (they
    remember you best; undated people last), then by name: a stable, explainable order.

    The recency tie-break matters on day one: an imported network has no touches, its
    cadence terms sit at their cap, and most people tie on the total; ordering those by
    name would fill a week with everyone whose name starts with A."""
    return sorted(scores, key=_rank_key)


def _rank_key(s: Score) -> tuple[bool, float, int, str, int]:
    since = s.person.last_touch_on or s.person.met_on
    recency = -since.toordinal() if since else 0
    return (not s.has_promise, -s.total, recency, s.person.name, s.person.id)
