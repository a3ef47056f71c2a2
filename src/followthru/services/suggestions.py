"""People the user talks with who are not contacts: offered, never added silently.

A correspondent becomes a suggestion after a real conversation (three messages or more, at
least one each way, see `domain.history.worth_suggesting`). Adding one creates the contact
and puts every message already seen with them on the new timeline; dismissing one keeps
them out of the suggestions for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from followthru.domain.fields import is_linkedin
from followthru.domain.history import Party, worth_suggesting
from followthru.errors import BadInput
from followthru.services import contacts
from followthru.services.interactions import link
from followthru.services.runtime import Context
from followthru.store import history as store
from followthru.store.models import ContactUrl


@dataclass(frozen=True)
class Suggestion:
    ref: str  # what `suggest --add` and `--dismiss` accept: the address, profile or name
    name: str
    inbound: int
    outbound: int
    last_on: date

    def as_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "name": self.name,
            "inbound": self.inbound,
            "outbound": self.outbound,
            "last_on": self.last_on.isoformat(),
        }


def _ref(party: str) -> str:
    kind, _, value = party.partition(":")
    return f"https://www.{value}" if kind == "profile" else value


def party_of(ref: str) -> str:
    """The stored key of whoever `ref` names: an e-mail, a LinkedIn profile or a name."""
    text = ref.strip()
    if "@" in text:
        return Party(email=text).key
    if is_linkedin(text):
        return Party(profile=text).key
    return Party(text).key


def suggestions(ctx: Context) -> list[Suggestion]:
    with ctx.db.read() as session:
        found = store.strangers(session)
    return [
        Suggestion(_ref(s.party), s.name or _ref(s.party), s.inbound, s.outbound, s.last_on)
        for s in found
        if worth_suggesting(s.inbound, s.outbound)
    ]


def _stranger(ctx: Context, ref: str) -> store.Stranger:
    party = party_of(ref)
    with ctx.db.read() as session:
        found = next((s for s in store.strangers(session) if s.party == party), None)
    if found is None:
        raise BadInput(
            f"Nobody waiting matches {ref!r}.",
            "`followthru suggest` lists who can be added, with the address to give.",
        )
    return found


def add(ctx: Context, ref: str, *, today: date) -> contacts.Added:
    """Make a contact of this correspondent, with the history already seen."""
    stranger = _stranger(ctx, ref)
    kind, _, value = stranger.party.partition(":")
    name = stranger.name if stranger.name and "@" not in stranger.name else None
    added = contacts.add(
        ctx,
        contacts.NewContact(
            name=name or (value if kind == "name" else None),
            emails=[value] if kind == "email" else [],
            met_on=stranger.first_on,
        ),
        today=today,
    )
    with ctx.db.write() as session:
        if kind == "profile":
            session.add(
                ContactUrl(contact_id=added.contact.id, url=_ref(stranger.party), url_key=value)
            )
        link(session)
    return added


def dismiss(ctx: Context, ref: str) -> int:
    """Never suggest this correspondent again; how many messages were set aside."""
    stranger = _stranger(ctx, ref)
    with ctx.db.write() as session:
        return store.dismiss(session, stranger.party)
