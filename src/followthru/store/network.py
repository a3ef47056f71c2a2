"""Reads for the network-wide suggestions (`intros`, `share`) and the calendar export:
who is who, their tags, who was introduced, whose notes mention a topic."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from followthru.store.models import Contact, ContactTag, Note, Touch


def contact_uids(session: Session) -> dict[int, str]:
    return {cid: uid for cid, uid in session.execute(select(Contact.id, Contact.uid))}


def profiles(session: Session) -> list[tuple[int, str, str | None, str, str]]:
    """(id, name, pile, title, company) of every active person."""
    stmt = select(Contact.id, Contact.name, Contact.pile, Contact.title, Contact.company).where(
        Contact.archived.is_(False)
    )
    return [
        (cid, name, pile, title or "", company or "")
        for cid, name, pile, title, company in session.execute(stmt)
    ]


def all_tags(session: Session) -> dict[int, list[str]]:
    by_contact: dict[int, list[str]] = defaultdict(list)
    for cid, tag in session.execute(
        select(ContactTag.contact_id, ContactTag.tag).order_by(ContactTag.tag)
    ):
        by_contact[cid].append(tag)
    return by_contact


def introduced_pairs(session: Session) -> set[frozenset[int]]:
    stmt = select(Touch.contact_id, Touch.with_contact_id).where(
        Touch.kind == "connect", Touch.with_contact_id.is_not(None)
    )
    return {frozenset((a, b)) for a, b in session.execute(stmt) if b is not None}


def text_hits(session: Session, words: list[str]) -> dict[int, set[str]]:
    """Which of `words` appear in each person's notes or touch summaries."""
    hits: dict[int, set[str]] = defaultdict(set)
    for word in words:
        pattern = f"%{word}%"
        for table_stmt in (
            select(Touch.contact_id).where(func.lower(Touch.summary).like(pattern)).distinct(),
            select(Note.contact_id).where(func.lower(Note.text).like(pattern)).distinct(),
        ):
            for (cid,) in session.execute(table_stmt):
                hits[cid].add(word)
    return hits
