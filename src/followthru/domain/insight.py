"""Insight figures: follow-through, the 12-4-1 against reality, pile health."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from followthru.domain.plans import slot_of, week_start
from followthru.domain.scoring import PersonState
from followthru.domain.vocab import Owner, PromiseStatus


@dataclass(frozen=True)
class FollowThrough:
    due: int
    kept_on_time: int
    kept_late: int
    open_late: int

    @property
    def rate(self) -> float | None:
        return round(self.kept_on_time / self.due, 3) if self.due else None


def follow_through(promises: Iterable[tuple[str, date, str, date | None]]) -> FollowThrough:
    """The user's own promises (mine and joint) that fell due: how many were kept on time.

    Consciously dropped promises are left out: dropping one is a decision, not a lapse.
    """
    due = kept = late = still_open = 0
    for owner, due_on, status, closed_on in promises:
        if owner == Owner.THEM or status == PromiseStatus.DROPPED:
            continue
        due += 1
        if status == PromiseStatus.DONE and closed_on is not None and closed_on <= due_on:
            kept += 1
        elif status == PromiseStatus.DONE:
            late += 1
        else:
            still_open += 1
    return FollowThrough(due, kept, late, still_open)


@dataclass(frozen=True)
class WeekTouches:
    week_of: date
    light: int
    message: int
    deep: int


def touches_per_week(
    touches: Iterable[tuple[date, str, str]], *, today: date, weeks: int = 8
) -> list[WeekTouches]:
    """Outbound touches per week and 12-4-1 slot, oldest week first, this week last."""
    counts: Counter[tuple[date, str]] = Counter()
    for on, kind, channel in touches:
        counts[(week_start(on), slot_of(kind, channel))] += 1
    first = week_start(today) - timedelta(weeks=weeks - 1)
    mondays = [first + timedelta(weeks=i) for i in range(weeks)]
    return [
        WeekTouches(m, counts[(m, "light")], counts[(m, "message")], counts[(m, "deep")])
        for m in mondays
    ]


@dataclass(frozen=True)
class PileHealth:
    pile: str
    people: int
    within_cadence: int

    @property
    def share(self) -> float | None:
        return round(self.within_cadence / self.people, 3) if self.people else None


def pile_health(people: Sequence[PersonState], *, today: date) -> list[PileHealth]:
    health = []
    for pile in ("target", "connector"):
        members = [p for p in people if p.pile == pile]
        within = sum(
            1
            for p in members
            if p.last_touch_on is not None and (today - p.last_touch_on).days < p.cadence_days
        )
        health.append(PileHealth(pile, len(members), within))
    return health


def dormant_count(people: Sequence[PersonState], *, today: date, after_days: int) -> int:
    """People not touched (or, never touched, not met) for `after_days` or more."""
    count = 0
    for p in people:
        since = p.last_touch_on or p.met_on
        if since is not None and (today - since).days >= after_days:
            count += 1
    return count
