"""Promises as the interfaces show them, from ORM objects or plain rows alike.

`promises` is read straight from SQLite when it can be (`store.plain`) and through
SQLAlchemy otherwise; both hand their rows to `listed`, so the order and the lateness
cannot differ between the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from followthru.domain.promises import days_late, open_promise_order
from followthru.domain.vocab import Owner, PromiseStatus
from followthru.services import views


class PromiseLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def contact_id(self) -> int: ...
    @property
    def what(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def due_on(self) -> date | None: ...
    @property
    def status(self) -> str: ...
    @property
    def made_on(self) -> date: ...
    @property
    def closed_on(self) -> date | None: ...
    @property
    def drop_reason(self) -> str | None: ...
    @property
    def source_text(self) -> str | None: ...


def promise_view(p: PromiseLike, contact_name: str, *, today: date) -> views.PromiseView:
    late = days_late(p.due_on, today=today) if p.status == PromiseStatus.OPEN else 0
    return views.PromiseView(
        p.id,
        p.contact_id,
        contact_name,
        p.what,
        p.owner,
        p.due_on,
        p.status,
        p.made_on,
        p.closed_on,
        p.drop_reason,
        late,
        p.source_text,
    )


def statuses(include_closed: bool) -> tuple[str, ...]:
    """The statuses `promises` lists: open ones, or with `--all` every one."""
    return tuple(s.value for s in PromiseStatus) if include_closed else (PromiseStatus.OPEN.value,)


def listed(rows: Sequence[tuple[PromiseLike, str]], *, today: date) -> list[views.PromiseView]:
    """Open promises in the order they should be kept, then closed ones, latest first."""
    open_rows = [(p, n) for p, n in rows if p.status == PromiseStatus.OPEN]
    open_rows.sort(
        key=lambda pn: open_promise_order(
            pn[0].due_on, Owner(pn[0].owner), pn[0].made_on, today=today
        )
    )
    closed = [(p, n) for p, n in rows if p.status != PromiseStatus.OPEN]
    closed.sort(key=lambda pn: (pn[0].closed_on or pn[0].made_on, pn[0].id), reverse=True)
    return [promise_view(p, n, today=today) for p, n in open_rows + closed]
