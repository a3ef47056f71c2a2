"""What duplicate detection reads: every active person's name, company, e-mails and phones,
in flat Core queries (no ORM objects or ORM result processing: 100,000 people load in
well under a second)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from followthru.store.models import Contact, ContactAddress, ContactEmail, ContactPhone, ContactUrl


@dataclass
class CandidateRow:
    id: int
    name: str
    given_name: str
    family_name: str
    company: str | None
    emails: list[str] = field(default_factory=list)  # e-mail keys
    phones: list[str] = field(default_factory=list)  # E.164
    pages: list[str] = field(default_factory=list)  # web page keys
    places: list[str] = field(default_factory=list)  # postal addresses as written


def candidates(session: Session) -> list[CandidateRow]:
    """Everyone not archived, in id order."""
    active = Contact.archived.is_(False)
    rows = {
        cid: CandidateRow(cid, name, given or "", family or "", company)
        for cid, name, given, family, company in session.connection().execute(
            select(
                Contact.id,
                Contact.name,
                Contact.given_name,
                Contact.family_name,
                Contact.company,
            )
            .where(active)
            .order_by(Contact.id)
        )
    }
    emails: dict[int, list[str]] = defaultdict(list)
    for cid, key in session.connection().execute(
        select(ContactEmail.contact_id, ContactEmail.address_key)
        .join(Contact, Contact.id == ContactEmail.contact_id)
        .where(active)
    ):
        emails[cid].append(key)
    phones: dict[int, list[str]] = defaultdict(list)
    for cid, e164 in session.connection().execute(
        select(ContactPhone.contact_id, ContactPhone.e164)
        .join(Contact, Contact.id == ContactPhone.contact_id)
        .where(active)
    ):
        phones[cid].append(e164)
    pages = _per_person(session, ContactUrl.contact_id, ContactUrl.url_key)
    places = _per_person(session, ContactAddress.contact_id, ContactAddress.text)
    for cid, row in rows.items():
        row.emails = emails.get(cid, [])
        row.phones = phones.get(cid, [])
        row.pages = pages.get(cid, [])
        row.places = places.get(cid, [])
    return list(rows.values())


def _per_person(session: Session, owner: Any, value: Any) -> dict[int, list[str]]:
    """One column of a person's detail table, grouped by the active person it belongs to."""
    found: dict[int, list[str]] = defaultdict(list)
    for cid, text in session.connection().execute(
        select(owner, value).join(Contact, Contact.id == owner).where(Contact.archived.is_(False))
    ):
        found[cid].append(text)
    return found
