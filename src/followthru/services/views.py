"""Plain results that interfaces render: no ORM objects leak past a service.

`as_json()` is the stable shape behind every `--json`; scripts rely on its keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from followthru.domain.piles import target_heavy_warning
from followthru.services.plain_reads import summary_json
from followthru.store.plain import ContactRow, Details

if TYPE_CHECKING:
    from followthru.domain.ledger import Ledger


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class EventRef:
    id: int
    name: str
    held_on: date | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "date": _iso(self.held_on)}


@dataclass(frozen=True)
class ContactSummary:
    id: int
    name: str
    company: str | None
    title: str | None
    pile: str | None
    emails: list[str]
    phones: list[str]
    tags: list[str]
    events: list[EventRef]
    met_on: date | None
    last_touch_on: date | None
    open_promises: int
    archived: bool

    def as_json(self) -> dict[str, Any]:
        return summary_json(
            self.id,
            self.name,
            self.company,
            self.title,
            self.pile,
            self.emails,
            self.phones,
            self.tags,
            [e.name for e in self.events],
            _iso(self.met_on),
            _iso(self.last_touch_on),
            self.open_promises,
            self.archived,
        )


def summaries(rows: Sequence[ContactRow], details: Details) -> list[ContactSummary]:
    """Listing rows and their details as the summaries every interface shows."""
    return [
        ContactSummary(
            id=row.id,
            name=row.name,
            company=row.company,
            title=row.title,
            pile=row.pile,
            emails=details.emails.get(row.id, []),
            phones=details.phones.get(row.id, []),
            tags=details.tags.get(row.id, []),
            events=[EventRef(*e) for e in details.events.get(row.id, [])],
            met_on=row.met_on,
            last_touch_on=row.last_touch_on,
            open_promises=row.open_promises,
            archived=row.archived,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PromiseView:
    id: int
    contact_id: int
    contact_name: str
    what: str
    owner: str
    due_on: date | None
    status: str
    made_on: date
    closed_on: date | None
    drop_reason: str | None
    days_late: int
    source_text: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "contact": self.contact_name,
            "what": self.what,
            "owner": self.owner,
            "due": _iso(self.due_on),
            "status": self.status,
            "made_on": _iso(self.made_on),
            "closed_on": _iso(self.closed_on),
            "drop_reason": self.drop_reason,
            "days_late": self.days_late,
            "source_text": self.source_text,
        }


@dataclass(frozen=True)
class TimelineItem:
    on: date
    kind: str  # met, connected, touch, note, promise, promise-done, promise-dropped
    text: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        """The ID a correction takes (`touch edit 12`, `note delete 3`), as shown: "#12"."""
        for key in ("touch_id", "note_id", "promise_id"):
            if key in self.detail:
                return f"#{self.detail[key]}"
        return ""

    def as_json(self) -> dict[str, Any]:
        return {"date": self.on.isoformat(), "kind": self.kind, "text": self.text, **self.detail}


@dataclass(frozen=True)
class ContactFields:
    """Everything else kept about a person, so what an import brought in can be seen,
    changed and exported again: web addresses, postal addresses, birthday, the vCard lines
    followthru has no field for, and whether there is a photo (its media type)."""

    urls: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    birthday: str | None = None
    extras: list[str] = field(default_factory=list)
    photo: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "urls": self.urls,
            "addresses": self.addresses,
            "birthday": self.birthday,
            "extras": self.extras,
            "photo": self.photo,
        }


@dataclass(frozen=True)
class ContactDetail:
    summary: ContactSummary
    introduced_by: str | None
    cadence_days: int
    cadence_overridden: bool
    timeline: list[TimelineItem]
    promises: list[PromiseView]
    ledger: Ledger
    fields: ContactFields = field(default_factory=ContactFields)

    def as_json(self) -> dict[str, Any]:
        return {
            **self.summary.as_json(),
            **self.fields.as_json(),
            "introduced_by": self.introduced_by,
            "cadence_days": self.cadence_days,
            "timeline": [item.as_json() for item in self.timeline],
            "promises": [p.as_json() for p in self.promises],
            "ledger": {
                "given": self.ledger.given,
                "given_total": self.ledger.given_total,
                "asks": self.ledger.asks,
                "last_given": _iso(self.ledger.last_given),
                "last_ask": _iso(self.ledger.last_ask),
            },
        }


@dataclass(frozen=True)
class EventSummary:
    id: int
    name: str
    held_on: date | None
    location: str | None
    people: int
    piles: dict[str, int]

    @property
    def untriaged(self) -> int:
        return self.piles.get("untriaged", 0)

    @property
    def target_warning(self) -> str | None:
        """Not everyone is target market: the warning when most landed in target."""
        return target_heavy_warning(self.piles)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "date": _iso(self.held_on),
            "where": self.location,
            "people": self.people,
            "piles": {
                p: self.piles.get(p, 0) for p in ("target", "connector", "general", "untriaged")
            },
            "untriaged": self.untriaged,
        }


@dataclass(frozen=True)
class EventDetail:
    event: EventSummary
    people: list[ContactSummary]
    warnings: list[str]

    def followed_up(self, person: ContactSummary) -> bool:
        """Touched on or after the event: the first follow-up happened."""
        held = self.event.held_on
        return person.last_touch_on is not None and (held is None or person.last_touch_on >= held)

    @property
    def followed_up_count(self) -> int:
        return sum(1 for p in self.people if self.followed_up(p))

    def as_json(self) -> dict[str, Any]:
        return {
            **self.event.as_json(),
            "people_met": [p.as_json() for p in self.people],
            "followed_up": self.followed_up_count,
            "warnings": self.warnings,
        }


@dataclass(frozen=True)
class TouchView:
    id: int
    contact_id: int
    contact_name: str
    happened_on: date
    channel: str
    kind: str
    direction: str
    summary: str
    with_contact: str | None
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "contact": self.contact_name,
            "date": self.happened_on.isoformat(),
            "via": self.channel,
            "kind": self.kind,
            "direction": self.direction,
            "summary": self.summary,
            "with": self.with_contact,
            "warnings": self.warnings,
        }
