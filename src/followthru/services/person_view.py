"""One person's page (`followthru show`) assembled from plain values, with no database.

The full path hands it ORM objects and the quick path (`store.plain`) frozen rows with the
same attribute names: both are read through the protocols below, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from followthru.domain.ledger import LedgerEntry, build_ledger
from followthru.domain.vocab import Direction, PromiseStatus, TouchKind
from followthru.services import views
from followthru.services.promise_views import PromiseLike, promise_view

if TYPE_CHECKING:
    from followthru.settings import Settings


class TouchLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def happened_on(self) -> date: ...
    @property
    def channel(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def with_contact_id(self) -> int | None: ...


class NoteLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def written_on(self) -> date: ...
    @property
    def text(self) -> str: ...


def cadence(settings: Settings, own: int | None, pile: str | None) -> tuple[int, bool]:
    """(days, whether the person has their own): their own, else their pile's."""
    return own or settings.cadence_days(pile), own is not None


@dataclass(frozen=True)
class History:
    """What happened with one person, oldest first, and the names of those it involved."""

    touches: Sequence[TouchLike]
    notes: Sequence[NoteLike]
    promises: Sequence[PromiseLike]
    others: dict[int, str]


def detail(
    summary: views.ContactSummary,
    history: History,
    *,
    introduced_by: str | None,
    cadence: tuple[int, bool],
    fields: views.ContactFields,
    today: date,
) -> views.ContactDetail:
    """The page; `cadence` is (days, whether the person has their own)."""
    promises = [promise_view(p, summary.name, today=today) for p in history.promises]
    return views.ContactDetail(
        summary=summary,
        introduced_by=introduced_by,
        cadence_days=cadence[0],
        cadence_overridden=cadence[1],
        timeline=_timeline(summary, history.touches, promises, history.notes, history.others),
        promises=promises,
        ledger=build_ledger(
            LedgerEntry(t.happened_on, TouchKind(t.kind), Direction(t.direction))
            for t in history.touches
        ),
        fields=fields,
    )


# Same-day items read in the order they happened: met, wrote it down, promised, followed up.
_SAME_DAY_ORDER = {
    "met": 0,
    "connected": 0,
    "note": 1,
    "promise": 2,
    "touch": 3,
    "promise-done": 4,
    "promise-dropped": 4,
}


def _timeline(
    summary: views.ContactSummary,
    touches: Sequence[TouchLike],
    promises: Sequence[views.PromiseView],
    notes: Sequence[NoteLike],
    others: dict[int, str],
) -> list[views.TimelineItem]:
    """Everything that happened with the person, oldest first."""
    items = _meetings(summary)
    items += [_touch_item(touch, others) for touch in touches]
    items += [
        views.TimelineItem(note.written_on, "note", note.text, {"note_id": note.id})
        for note in notes
    ]
    for promise in promises:
        items += _promise_items(promise)
    return sorted(items, key=lambda item: (item.on, _SAME_DAY_ORDER[item.kind]))


def _meetings(summary: views.ContactSummary) -> list[views.TimelineItem]:
    """The dated events the person was met at; without any, the date kept is when they
    connected (LinkedIn's "Connected On"), worded as the plans word it."""
    items = [
        views.TimelineItem(event.held_on, "met", f"Met at {event.name}", {"event": event.name})
        for event in summary.events
        if event.held_on
    ]
    if not summary.events and summary.met_on:
        items.append(views.TimelineItem(summary.met_on, "connected", "Connected"))
    return items


def _touch_item(touch: TouchLike, others: dict[int, str]) -> views.TimelineItem:
    """A touch as one line: what, how, which way, how often, with whom, and its summary."""
    with_name = others.get(touch.with_contact_id) if touch.with_contact_id else None
    arrow = "from them" if touch.direction == "in" else "to them"
    times = f", {touch.count} times" if touch.count > 1 else ""
    label = f"{touch.kind} via {touch.channel} ({arrow}{times})"
    if with_name:
        label += f" with {with_name}"
    text = f"{label}: {touch.summary}" if touch.summary else label
    details = {
        "touch_id": touch.id,
        "via": touch.channel,
        "touch_kind": touch.kind,
        "direction": touch.direction,
        "with": with_name,
        "summary": touch.summary,
    }
    return views.TimelineItem(touch.happened_on, "touch", text, details)


def _promise_items(promise: views.PromiseView) -> list[views.TimelineItem]:
    """A promise when made and, once kept or dropped, again on the day it closed."""
    made = f"{_owner_phrase(promise.owner)}: {promise.what}"
    items = [views.TimelineItem(promise.made_on, "promise", made, {"promise_id": promise.id})]
    if promise.closed_on and promise.status in (PromiseStatus.DONE, PromiseStatus.DROPPED):
        closed = (
            "kept"
            if promise.status == PromiseStatus.DONE
            else f"dropped ({promise.drop_reason or 'no reason'})"
        )
        kind = f"promise-{promise.status}"
        what = f"Promise #{promise.id} {closed}: {promise.what}"
        items.append(views.TimelineItem(promise.closed_on, kind, what, {"promise_id": promise.id}))
    return items


def _owner_phrase(owner: str) -> str:
    return {"me": "I promised", "them": "They promised", "both": "We agreed"}[owner]
