"""What every request of the web app shares, in a module of its own.

The routers (api, pages, corrections, …) depend on this state, and `app.py` includes the
routers: keeping the state here, below both, means no router imports the app module and the
web package has no import cycle (an import-linter contract keeps it so).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date

from fastapi import Request

from followthru.domain.dates import parse_date
from followthru.services import access, digests, events, views, week
from followthru.services.runtime import Context, today_for
from followthru.web.kept import Kept
from followthru.web.plan_cache import PlanCache


@dataclass
class WebState:
    """What every request shares: the opened database, access settings, the date,
    today's plan as last made (see plan_cache) and the views kept until a change (kept)."""

    ctx: Context
    pinned_today: date | None = None
    plans: PlanCache = field(init=False)
    kept: Kept = field(init=False)
    access_file: access.Watched = field(default_factory=access.Watched)
    sign_in_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self.plans = PlanCache(self.ctx, self.today)
        self.kept = Kept(self.ctx)

    @property
    def access(self) -> access.Access:
        return self.access_file.get()

    def today(self) -> date:
        return self.pinned_today or today_for(self.ctx.settings)

    def event_counts(self) -> list[views.EventSummary]:
        """Every event with its people counted by pile, as of the last change."""
        return self.kept.get("events", lambda: events.listing(self.ctx))

    def event_names(self) -> list[str]:
        """Every event's name, newest first, for the pickers, as of the last change."""
        return self.kept.get("event names", lambda: [e.name for e in events.refs(self.ctx)])

    def this_week(self) -> week.WeekView:
        """This week's plan without drafts, as Today shows it, as of the last change."""
        day = self.today()
        return self.kept.get(("week", day), lambda: week.show(self.ctx, today=day, drafts=False))

    def digests_sent(self) -> list[digests.SentDigest]:
        """The newest digest of each kind and channel, as of the last change."""
        return self.kept.get("digests", lambda: digests.last_sent(self.ctx))

    def date(self, text: str | None) -> date | None:
        """A date typed in a form (ISO from a date input, or words); blank is None."""
        if not text or not text.strip():
            return None
        return parse_date(text, today=self.today())


def web(request: Request) -> WebState:
    """The shared state, as a dependency."""
    state: WebState = request.app.state.web
    return state
