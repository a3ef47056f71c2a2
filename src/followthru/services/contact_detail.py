"""One person in full: details, timeline and the give/ask ledger (`followthru show`)."""

from __future__ import annotations

from datetime import date

from followthru.services import person_view, views
from followthru.services.contacts import summaries
from followthru.services.lookup import ContactRef, find_contact
from followthru.services.person_view import cadence
from followthru.services.runtime import Context
from followthru.store import activity
from followthru.store import contacts as contact_store


def show(ctx: Context, ref: ContactRef, *, today: date) -> views.ContactDetail:
    with ctx.db.read() as session:
        contact = find_contact(session, ref)
        touches = activity.touches_of(session, contact.id)
        others = contact_store.names_by_id(
            session, [t.with_contact_id for t in touches if t.with_contact_id]
        )
        notes = activity.notes_of(session, contact.id)
        promises = activity.promises_of(session, contact.id)
        return person_view.detail(
            summaries(session, [contact])[0],
            person_view.History(touches, notes, promises, others),
            introduced_by=contact.introduced_by.name if contact.introduced_by else None,
            cadence=cadence(ctx.settings, contact.cadence_days, contact.pile),
            today=today,
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
