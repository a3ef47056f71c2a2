"""Today's plan, kept between requests and made again in the background after a change.

Making the plan scores a few thousand people on a big network (~100 ms at 10,000), while
the page is read far more often than the network changes. A plan is kept under a key of
the database's change token (any commit by another connection changes it, this app's
own writes included, see the store), the day, and the plan's options. A background thread looks
once a second and makes the plan again when the key has moved, so the page is usually
ready before anyone asks; a request that finds no plan makes it. One plan is made at a
time for each key: a request waits for the plan it needs, never for another one (the
background still making the plan of a moment ago, or another day's). A plan made for a
key that a commit has meanwhile moved is handed out but not kept. On a database without
a change token nothing is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from followthru.errors import FollowthruError
from followthru.logs import record_crash
from followthru.services import planning
from followthru.services.plan_reads import TodayPlan
from followthru.services.runtime import Context

POLL_SECONDS = 1.0


class PlanCache:
    def __init__(self, ctx: Context, today: Callable[[], date]) -> None:
        self._ctx = ctx
        self._today = today
        self._plans: dict[tuple[Any, ...], TodayPlan] = {}
        self._making: dict[tuple[Any, ...], threading.Lock] = {}  # held while a key's is made
        self._lock = threading.Lock()  # guards the fields above
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def get(self, *, n: int | None = None, drafts: bool = True) -> TodayPlan:
        token = self._ctx.db.change_token()  # taken first: a commit meanwhile moves the key
        day = self._today()
        if token is None:
            return planning.today(self._ctx, today=day, n=n, drafts=drafts)
        key = (token, day, n, drafts)
        with self._lock:
            kept = self._plans.get(key)
            if kept is not None:
                return kept
            making = self._making.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                kept = self._plans.get(key)  # made by another thread while we waited
            if kept is not None:
                return kept
            plan = planning.today(self._ctx, today=day, n=n, drafts=drafts)
            self._keep(key, plan)
            return plan

    def _keep(self, key: tuple[Any, ...], plan: TodayPlan) -> None:
        """Keep `plan` unless a commit has moved the token since; then drop what older
        tokens or days left, their locks included."""
        if self._ctx.db.change_token() != key[0]:
            return
        with self._lock:
            self._plans = {k: v for k, v in self._plans.items() if k[:2] == key[:2]}
            self._plans[key] = plan
            self._making = {k: m for k, m in self._making.items() if k[:2] == key[:2]}

    def start(self) -> None:
        """Keep the default plan fresh in the background (SQLite files only)."""
        if self._ctx.db.change_token() is None or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="followthru-plans", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            try:
                self.get()
            except FollowthruError:  # a locked or vanished database: a request will say so
                continue
            except Exception as error:  # a bug must not stop the refreshing for good
                record_crash(error, "the background plan refresh")
