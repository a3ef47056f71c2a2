"""Finding the same person entered twice, merging them, and taking a merge back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from followthru.domain import dupes as domain
from followthru.errors import BadInput
from followthru.memory import collector_paused
from followthru.services import history, views
from followthru.services.contacts import summaries
from followthru.services.lookup import describe, find_contact
from followthru.services.runtime import Context
from followthru.store import dupes as dupe_store
from followthru.store import journal
from followthru.store import merges as merge_store
from followthru.store.models import Contact


@dataclass(frozen=True)
class Side:
    id: int
    name: str
    company: str | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "company": self.company}


@dataclass(frozen=True)
class DupePair:
    a: Side  # the lower id: kept by `merge A B`
    b: Side
    confidence: float
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "a": self.a.as_json(),
            "b": self.b.as_json(),
            "confidence": self.confidence,
            "reason": self.reason,
            "merge": f"followthru merge '#{self.a.id}' '#{self.b.id}'",
        }


def _side(p: domain.Person) -> Side:
    return Side(p.id, p.shown_name, p.shown_company or None)


def find(ctx: Context, *, min_confidence: float = domain.MIN_CONFIDENCE) -> list[DupePair]:
    """Likely duplicates among the people not archived, most certain first."""
    if not 0.0 <= min_confidence <= 1.0:
        raise BadInput("A confidence is between 0 and 1.", "e.g. --min 0.8")
    with collector_paused():
        return _find(ctx, min_confidence)


def _find(ctx: Context, min_confidence: float) -> list[DupePair]:
    with ctx.db.read() as session:
        rows = dupe_store.candidates(session)
    people = [
        domain.person(
            r.id,
            r.name,
            given=r.given_name,
            family=r.family_name,
            company=r.company,
            emails=r.emails,
            phones=r.phones,
            pages=r.pages,
            places=r.places,
        )
        for r in rows
    ]
    return [
        DupePair(_side(p.a), _side(p.b), p.confidence, p.reason)
        for p in domain.find_pairs(people, min_confidence)
    ]


@dataclass(frozen=True)
class Merged:
    merge_id: int
    kept: views.ContactSummary
    removed_id: int
    removed_name: str

    def as_json(self) -> dict[str, Any]:
        return {
            "merge": self.merge_id,
            "kept": self.kept.as_json(),
            "removed": {"id": self.removed_id, "name": self.removed_name},
        }


def resolve_pair(ctx: Context, keep_ref: str, fold_ref: str) -> tuple[str, str]:
    """The two people a merge means, described to confirm it; refuses one person twice."""
    with ctx.db.read() as session:
        a, b = _pair(find_contact(session, keep_ref), find_contact(session, fold_ref))
        return describe(a), describe(b)


def _pair(a: Contact, b: Contact) -> tuple[Contact, Contact]:
    if a.id == b.id:
        raise BadInput(
            f"{describe(a)} is named twice: a merge needs two different people.",
            "followthru merge KEEP OTHER: OTHER is folded into KEEP.",
        )
    return a, b


def merge(ctx: Context, keep_ref: str, fold_ref: str) -> Merged:
    """Fold the second person into the first: the first keeps their id and gains the
    other's touches, notes, promises, details and empty fields; the second is deleted.
    Journaled, so `followthru undo` (or `merge --undo`) puts both back."""
    with ctx.db.write() as session:
        a, b = _pair(find_contact(session, keep_ref), find_contact(session, fold_ref))
        kept_id, removed_id, removed_name = a.id, b.id, b.name
        change = journal.ChangeSet(session, "merge", f"merged {b.name} into {a.name}")
        change.touch([kept_id, removed_id])
        merge_store.merge(session, kept_id, removed_id)
        merge_id = change.save()
        session.expire_all()
        kept = session.get(Contact, kept_id)
        assert kept is not None
        return Merged(merge_id, summaries(session, [kept])[0], removed_id, removed_name)


@dataclass(frozen=True)
class Undone:
    merge_id: int
    kept: views.ContactSummary
    restored: views.ContactSummary

    def as_json(self) -> dict[str, Any]:
        return {
            "merge": self.merge_id,
            "kept": self.kept.as_json(),
            "restored": self.restored.as_json(),
        }


def undo(ctx: Context) -> Undone:
    """Take back the most recent merge not undone yet, exactly (a shortcut for `undo ID`)."""
    undone = history.undo(ctx, kind="merge")
    kept_id, removed_id = undone.people[:2]
    with ctx.db.read() as session:
        people = [session.get(Contact, i) for i in (kept_id, removed_id)]
        kept, restored = summaries(session, [p for p in people if p is not None])
        return Undone(undone.id, kept, restored)
