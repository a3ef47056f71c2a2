"""`followthru stats`: the numbers that say whether the user follows through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from followthru.domain.insight import (
    FollowThrough,
    PileHealth,
    WeekTouches,
    dormant_count,
    follow_through,
    pile_health,
    touches_per_week,
)
from followthru.domain.plans import week_start
from followthru.services.plan_reads import person_states
from followthru.services.runtime import Context
from followthru.store import activity, weeks
from followthru.store.rows import of_session

WEEKS = 8


@dataclass(frozen=True)
class Stats:
    today: date
    follow_through: FollowThrough
    weeks: list[WeekTouches]
    plan: tuple[int, int, int]
    piles: list[PileHealth]
    dormant: int
    dormant_after_days: int
    untriaged: int
    people: int
    dormant_trend: list[tuple[date, int]]  # at the end of each week shown, today last

    def as_json(self) -> dict[str, Any]:
        ft = self.follow_through
        return {
            "date": self.today.isoformat(),
            "follow_through": {
                "rate": ft.rate,
                "due": ft.due,
                "kept_on_time": ft.kept_on_time,
                "kept_late": ft.kept_late,
                "open_late": ft.open_late,
            },
            "plan": {"light": self.plan[0], "messages": self.plan[1], "deep": self.plan[2]},
            "weeks": [
                {
                    "week_of": w.week_of.isoformat(),
                    "light": w.light,
                    "messages": w.message,
                    "deep": w.deep,
                }
                for w in self.weeks
            ],
            "piles": {
                h.pile: {"people": h.people, "within_cadence": h.within_cadence, "share": h.share}
                for h in self.piles
            },
            "dormant": self.dormant,
            "dormant_after_days": self.dormant_after_days,
            "untriaged": self.untriaged,
            "people": self.people,
            "dormant_trend": [
                {"date": day.isoformat(), "dormant": n} for day, n in self.dormant_trend
            ],
        }


def stats(ctx: Context, *, today: date) -> Stats:
    settings = ctx.settings
    after = settings.number("reconnect.min_days")
    with ctx.db.read() as session:
        outcomes = activity.promises_due_by(session, today)
        start = week_start(today) - timedelta(weeks=WEEKS - 1)
        touches = weeks.outbound_per_week(session, start, today)
        states, _ = person_states(of_session(session), settings)
        # Past week-ends counted in SQL the way `dormant_count` counts today, which ends it.
        week_ends = [start + timedelta(weeks=i, days=6) for i in range(WEEKS - 1)]
        past = list(zip(week_ends, weeks.dormant_on(session, week_ends, after), strict=True))
    dormant = dormant_count(states, today=today, after_days=after)
    return Stats(
        today=today,
        follow_through=follow_through(outcomes),
        weeks=touches_per_week(touches, today=today, weeks=WEEKS),
        plan=(
            settings.number("week.light"),
            settings.number("week.messages"),
            settings.number("week.deep"),
        ),
        piles=pile_health(states, today=today),
        dormant=dormant,
        dormant_after_days=after,
        untriaged=sum(1 for s in states if s.pile is None),
        people=len(states),
        dormant_trend=[*past, (today, dormant)],
    )
