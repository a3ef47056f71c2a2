"""A drafted message's text: the facts it speaks of, loaded for many people at once, and
the template rendered with them.

No SQLAlchemy here: `today` drafts its messages on the command line's quick path
(`store.rows`), the same way the web app, `week` and digests do through a session.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from followthru.domain.drafting import (
    DRAFT_KINDS,
    DraftContext,
    render,
    split_variants,
    template_name,
    topic_from,
)
from followthru.domain.names import greeting_name
from followthru.domain.promise_text import promise_words, second_person, spoken_owner
from followthru.errors import BadInput
from followthru.services.template_cache import compiled
from followthru.settings import Settings, config_path
from followthru.store import planning
from followthru.store.rows import Rows


class Addressee(Protocol):
    """Who a draft is to (or about): a stored contact, or `planning.Addressee`."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def given_name(self) -> str: ...
    @property
    def company(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def pile(self) -> str | None: ...


def user_templates_dir() -> Path:
    """Users override a template by putting a file of the same name here."""
    return config_path().parent / "templates"


def load_variants(name: str) -> list[str]:
    override = user_templates_dir() / f"{name}.txt"
    if override.is_file():
        try:
            return split_variants(override.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"Cannot read the template {override}: {exc}.") from exc
    shipped = resources.files("followthru").joinpath("templates", "drafts", f"{name}.txt")
    if not shipped.is_file():
        raise BadInput(
            f"There is no draft template called {name!r}.", f"Kinds: {', '.join(DRAFT_KINDS)}."
        )
    return split_variants(shipped.read_text(encoding="utf-8"))


class Draft(NamedTuple):
    contact_id: int
    name: str
    kind: str
    template: str
    text: str
    warnings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "contact": self.name,
            "kind": self.kind,
            "template": self.template,
            "text": self.text,
            "warnings": list(self.warnings),
        }


def context_for(
    contact: Addressee,
    settings: Settings,
    *,
    event: str = "",
    last_topic: str = "",
    connected: str = "",
    promise: str = "",
    promise_owner: str | None = None,
    about: str = "",
    other: Addressee | None = None,
) -> DraftContext:
    words = promise_words(promise, promise_owner or "me") if promise else None
    return DraftContext(
        first_name=greeting_name(contact.given_name, contact.name),
        name=contact.name,
        company=contact.company or "",
        title=contact.title or "",
        pile=contact.pile or "",
        event=event,
        last_topic=second_person(last_topic),  # a note says "their hiring problem"
        connected=connected,
        promise=words.noun if words else "",
        promise_action=words.action if words else "",
        promise_gift=words.gift if words else "",
        about=about,
        other_name=other.name if other else "",
        other_first_name=greeting_name(other.given_name, other.name) if other else "",
        other_title=(other.title or "") if other else "",
        other_company=(other.company or "") if other else "",
        user_name=str(settings["user.name"]),
        signature=str(settings["user.signature"]),
    )


class PersonFacts(NamedTuple):
    """What drafting needs beyond the contact row, loaded in bulk for a whole plan."""

    event: str
    topic: str
    sent: dict[str, int]
    connected: str = ""  # "in March 2016", only for someone never in touch nor met at an event


def connected_words(facts: planning.PersonFacts | None) -> str:
    """When we connected, for a draft to someone we never talked to: "in March 2016".
    Empty once there is a touch or an event to speak of instead."""
    if facts is None or facts.met_on is None or facts.last_touch_on or facts.latest_event:
        return ""
    return f"in {facts.met_on:%B %Y}"


def facts_for(rows: Rows, contact_ids: list[int]) -> dict[int, PersonFacts]:
    if not contact_ids:  # nothing to draft (`--no-drafts`): no reads
        return {}
    people = planning.people_facts(rows, planning.among(rows, contact_ids))
    texts = planning.recent_texts(rows, contact_ids)
    counts = planning.kind_counts(rows, contact_ids)
    result: dict[int, PersonFacts] = {}
    for cid in contact_ids:
        event = people[cid].latest_event if cid in people else None
        sent = {kind: n for (c, kind), n in counts.items() if c == cid}
        topic = topic_from(texts.get(cid, []))
        result[cid] = PersonFacts(
            event[1] if event else "", topic, sent, connected_words(people.get(cid))
        )
    return result


def compose(
    settings: Settings,
    contact: Addressee,
    facts: PersonFacts,
    kind: str,
    *,
    about: str = "",
    other: Addressee | None = None,
    promise_what: str = "",
    promise_owner: str | None = None,
) -> Draft:
    """A draft for one person; the wording rotates with the messages of that kind sent."""
    promise_owner = spoken_owner(promise_what, promise_owner)
    name = template_name(kind, pile=contact.pile, owner=promise_owner)
    touch_kind = "checkin" if kind in ("post-event", "promise") else kind
    context = context_for(
        contact,
        settings,
        event=facts.event,
        last_topic=facts.topic,
        connected=facts.connected,
        promise=promise_what,
        promise_owner=promise_owner,
        about=about,
        other=other,
    )
    sent = facts.sent.get(touch_kind, 0)
    return Draft(
        contact.id,
        contact.name,
        kind,
        name,
        render(load_variants(name), context, sent_before=sent, compile=compiled),
    )
