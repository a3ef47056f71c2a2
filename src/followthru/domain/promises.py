"""Promise ordering: what is late comes first, then what is due soonest."""

from __future__ import annotations

from datetime import date

from followthru.domain.vocab import Owner


def days_late(due: date | None, *, today: date) -> int:
    """How many days past due (0 when not yet due or no due date)."""
    return max((today - due).days, 0) if due else 0


def open_promise_order(
    due: date | None, owner: Owner, created: date, *, today: date
) -> tuple[int, int, int, int]:
    """Sort key: overdue first (most late first), then by due date, undated last.

    Within the same day, the user's own promises come before joint ones, then theirs:
    what the user owes is what the user can keep.
    """
    owner_rank = {Owner.ME: 0, Owner.BOTH: 1, Owner.THEM: 2}[owner]
    if due is None:
        return (2, 0, owner_rank, created.toordinal())
    if due < today:
        return (0, -days_late(due, today=today), owner_rank, due.toordinal())
    return (1, due.toordinal(), owner_rank, created.toordinal())
