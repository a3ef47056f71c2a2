"""What changed lately, and taking a change back (`followthru history`, `followthru undo`).

The journal itself is `store.journal`: a service write joins it with `journal.ChangeSet`
in the same transaction (see that module's docstring), and from then on it is listed here
and can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followthru.errors import BadInput
from followthru.services.runtime import Context
from followthru.store import journal
from followthru.store.models import Change

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class ChangeView:
    id: int
    made_at: datetime
    kind: str
    summary: str
    records: int
    undone: bool
    people: list[int] = field(default_factory=list)  # touched (not created), in order

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "made_at": self.made_at.isoformat(),
            "kind": self.kind,
            "summary": self.summary,
            "records": self.records,
            "undone": self.undone,
        }


MAX_LIMIT = 100_000  # far more than a screen; bounded so a key never overflows the driver


def recent(ctx: Context, *, limit: int = DEFAULT_LIMIT) -> list[ChangeView]:
    """The newest changes first, undone ones included (marked)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(
            f"A limit is a number of changes from 1 to {MAX_LIMIT:,}.", "e.g. --limit 50"
        )
    with ctx.db.read() as session:
        return [_view(row, []) for row in journal.recent(session, limit)]


def undo(ctx: Context, change_id: int | None = None, *, kind: str | None = None) -> ChangeView:
    """Take back one change (the newest not undone, of `kind` when given), exactly; refuses
    while a later change of the same people stands."""
    with ctx.db.write() as session:
        target = change_id if change_id is not None else journal.last_change(session, kind)
        if target is None:
            what = f"no {kind}" if kind else "nothing"
            raise BadInput(
                f"There is {what} to undo.", "`followthru history` lists what changed lately."
            )
        try:
            row = journal.undo(session, target)
        except journal.NoSuchChange as exc:
            raise BadInput(
                f"There is no change #{target}.", "`followthru history` lists the changes."
            ) from exc
        except journal.UndoRefused as exc:
            raise BadInput(
                f"Cannot undo change #{target}: {exc}",
                "Undo the later change first (`followthru history` lists them), or keep this one.",
            ) from exc
        return _view(row, journal.people_of(row))


def _view(row: Change, people: list[int]) -> ChangeView:
    return ChangeView(row.id, row.made_at, row.kind, row.summary, row.records, row.undone, people)
