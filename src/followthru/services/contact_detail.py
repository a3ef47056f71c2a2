"""One person in full: details, timeline and the give/ask ledger (`followthru show`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from followthru.domain.ledger import LedgerEntry, build_ledger
from followthru.domain.vocab import Direction, PromiseStatus, TouchKind
from followthru.services import views
from followthru.services.contacts import summaries
from followthru.services.lookup import ContactRef, find_contact
from followthru.services.promises import promise_view
from followthru.services.runtime import Context
from followthru.store import activity
from followthru.store import contacts as contact_store
from followthru.store.models import Note, Touch


def show(ctx: Context, ref: ContactRef, *, today: date) -> views.ContactDetail:
    with ctx.db.read() as session:
        contact = find_contact(session, ref)
        summary = summaries(session, [contact])[0]
        touches = activity.touches_of(session, contact.id)
        promises = activity.promises_of(session, contact.id)
        notes = activity.notes_of(session, contact.id)
        others = contact_store.names_by_id(
            session, [t.with_contact_id for t in touches if t.with_contact_id]
        )
        promise_views = [promise_view(p, contact.name, today=today) for p in promises]
        return views.ContactDetail(
            summary=summary,
            introduced_by=contact.introduced_by.name if contact.introduced_by else None,
            cadence_days=contact.cadence_days or ctx.settings.cadence_days(contact.pile),
            cadence_overridden=contact.cadence_days is not None,
            timeline=_timeline(summary, touches, promise_views, notes, others),
            promises=promise_views,
            ledger=build_ledger(
                LedgerEntry(t.happened_on, TouchKind(t.kind), Direction(t.direction))
                for t in touches
            ),
            fields=views.ContactFields(
                urls=[u.url for u in contact.urls],
                addresses=[a.text for a in contact.addresses],
                birthday=contact.birthday,
                extras=[x.line for x in contact.extras],
                photo=contact.photo.media_type if contact.photo else None,
            ),
        )


def photo(ctx: Context, contact_id: int) -> tuple[str, bytes] | None:
    """The person's photo as (media type, bytes), or None."""
    with ctx.db.read() as session:
        found = contact_store.photo_of(session, contact_id)
        return (found.media_type, found.data) if found else None


# Same-day items read in the order they happened: met, wrote it down, promised, followed up.
_SAME_DAY_ORDER = {
    "met": 0,
    "note": 1,
    "promise": 2,
    "touch": 3,
    "promise-done": 4,
    "promise-dropped": 4,
}


def _timeline(
    summary: views.ContactSummary,
    touches: Sequence[Touch],
    promises: Sequence[views.PromiseView],
    notes: Sequence[Note],
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
    """The dated events the person was met at, or the bare first meeting without any."""
    items = [
        views.TimelineItem(event.held_on, "met", f"Met at {event.name}", {"event": event.name})
        for event in summary.events
        if event.held_on
    ]
    if not summary.events and summary.met_on:
        items.append(views.TimelineItem(summary.met_on, "met", "First met"))
    return items


def _touch_item(touch: Touch, others: dict[int, str]) -> views.TimelineItem:
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
