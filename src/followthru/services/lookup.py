"""Finding the person or event a user means, the way a person would.

A name matches case- and accent-insensitively; a unique prefix of the name or of any word
in it is enough; an e-mail address or `#ID` always works. Archived people are found only
when nobody active matches, so an old namesake never makes a lookup ambiguous.

Ids are a separate path: the web, the API and MCP hold integer ids and pass them as `int`;
the by-id functions never try names, and only text goes through the name lookup.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from followthru.domain.names import closest_names
from followthru.errors import (
    AmbiguousContact,
    AmbiguousEvent,
    BadInput,
    ContactNotFound,
    EventNotFound,
)
from followthru.store import contacts as contact_store
from followthru.store import events as event_store
from followthru.store import keys
from followthru.store.models import Contact, Event

ContactRef = int | str
"""A contact as an interface holds it: its id, or the text a person typed (see `contact_by_ref`)."""
EventRef = int | str
"""An event as an interface holds it: its id, or the text a person typed (see `event_by_ref`)."""


def describe(contact: Contact) -> str:
    """One line that tells namesakes apart."""
    extra = [
        x for x in (contact.company, contact.emails[0].address if contact.emails else None) if x
    ]
    suffix = f" ({', '.join(extra)})" if extra else ""
    archived = " [archived]" if contact.archived else ""
    return f"#{contact.id} {contact.name}{suffix}{archived}"


def _one(ref: str, found: list[Contact]) -> Contact | None:
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousContact(ref, [describe(c) for c in found])
    return None


def contact_by_id(session: Session, contact_id: int) -> Contact:
    """By id only: a web link or an API path names a record, never a name."""
    contact = contact_store.by_id(session, contact_id)
    if contact is None:
        raise ContactNotFound(f"#{contact_id}")
    return contact


def contact_by_ref(session: Session, ref: str) -> Contact:
    """What a person typed: `#ID`, an e-mail address, a name or a unique prefix of one."""
    text = ref.strip()
    if not text:
        raise BadInput("A contact name is empty.", "Give a name, an e-mail address or #ID.")
    if text.startswith("#") and text[1:].isdigit():
        return contact_by_id(session, int(text[1:]))
    if "@" in text:
        match = _one(ref, contact_store.by_email_key(session, keys.email_key(text)))
        if match:
            return match
    key = keys.name_key(text)
    for include_archived in (False, True):
        match = _one(
            ref, contact_store.by_name_key(session, key, include_archived=include_archived)
        )
        match = match or _one(
            ref, contact_store.by_name_prefix(session, key, include_archived=include_archived)
        )
        if match:
            return match
    raise ContactNotFound(ref, closest_names(text, contact_store.active_names(session)))


def find_contact(session: Session, who: ContactRef) -> Contact:
    """An id (int) goes to `contact_by_id`, typed text to `contact_by_ref`: the type says
    which, so an id is never mistaken for a name."""
    if isinstance(who, int):
        return contact_by_id(session, who)
    return contact_by_ref(session, who)


def find_pair(
    session: Session, ref: ContactRef, with_ref: ContactRef | None
) -> tuple[Contact, Contact | None]:
    """The person, and the other side of an introduction when there is one."""
    contact = find_contact(session, ref)
    other = find_contact(session, with_ref) if with_ref not in (None, "") else None
    if other is not None and other.id == contact.id:
        raise BadInput("An introduction needs two different people.")
    return contact, other


def event_by_id(session: Session, event_id: int) -> Event:
    """By id only: `/events/1` is event 1 even when another event is named "#1"."""
    event = event_store.by_id(session, event_id)
    if event is None:
        raise EventNotFound(f"#{event_id}")
    return event


def event_by_ref(session: Session, ref: str) -> Event:
    """What a person typed: the exact folded name, `#ID`, or a unique prefix of the name.
    The name comes first: an event may be called "#1"."""
    key = keys.name_key(ref)
    exact = event_store.by_name_key(session, key)
    if exact:
        return exact
    text = ref.strip()
    if text.startswith("#") and text[1:].isdigit():
        return event_by_id(session, int(text[1:]))
    found = event_store.by_prefix(session, key) if key else []
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousEvent(ref, [e.name for e in found])
    raise EventNotFound(ref)


def find_event(session: Session, which: EventRef) -> Event:
    """An id (int) goes to `event_by_id`, typed text to `event_by_ref`."""
    if isinstance(which, int):
        return event_by_id(session, which)
    return event_by_ref(session, which)
