"""Views that pages read on every request, kept until the database changes.

The events with their counts, the week's plan, the digests last sent: each is a few
queries and hundreds of objects per request, while the pages are read far more often than
anything is written. Like today's plan (see plan_cache), a view is kept under the
database's change token, which any commit moves, this app's own included; the first
request after a change makes it again. On a database without a change token (PostgreSQL)
nothing is kept. The views kept are frozen dataclasses the pages only read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from followthru.services.runtime import Context

T = TypeVar("T")


class Kept:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._token: int | None = None
        self._views: dict[Hashable, Any] = {}
        self._lock = threading.Lock()  # guards the fields above

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The view under `key` as made since the last change, else `make()`'s. `key` says
        everything the view depends on besides the database (the day, an option)."""
        token = self._ctx.db.change_token()  # taken first: a commit meanwhile moves the key
        if token is None:
            return make()
        with self._lock:
            if token != self._token:
                self._views = {}
                self._token = token
            if key in self._views:
                found: T = self._views[key]
                return found
        view = make()
        with self._lock:
            if token == self._token:  # else the database changed while it was made
                self._views[key] = view
        return view
