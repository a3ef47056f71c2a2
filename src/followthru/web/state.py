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
from followthru.services import access
from followthru.services.runtime import Context, today_for
from followthru.web.plan_cache import PlanCache


@dataclass
class WebState:
    """What every request shares: the opened database, access settings, the date, and
    today's plan as last made (see plan_cache)."""

    ctx: Context
    pinned_today: date | None = None
    plans: PlanCache = field(init=False)
    access_file: access.Watched = field(default_factory=access.Watched)
    sign_in_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        self.plans = PlanCache(self.ctx, self.today)

    @property
    def access(self) -> access.Access:
        return self.access_file.get()

    def today(self) -> date:
        return self.pinned_today or today_for(self.ctx.settings)

    def date(self, text: str | None) -> date | None:
        """A date typed in a form (ISO from a date input, or words); blank is None."""
        if not text or not text.strip():
            return None
        return parse_date(text, today=self.today())


def web(request: Request) -> WebState:
    """The shared state, as a dependency."""
    state: WebState = request.app.state.web
    return state
