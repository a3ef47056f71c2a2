"""Queries about what happened with people: touches, notes and promises."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from followthru.store.models import Contact, Note, Promise, Touch
from followthru.store.types import storable_key


def touches_of(session: Session, contact_id: int) -> list[Touch]:
    stmt = select(Touch).where(Touch.contact_id == contact_id).order_by(Touch.happened_on, Touch.id)
    return list(session.scalars(stmt))


def notes_of(session: Session, contact_id: int) -> list[Note]:
    stmt = select(Note).where(Note.contact_id == contact_id).order_by(Note.written_on, Note.id)
    return list(session.scalars(stmt))


def promises_of(session: Session, contact_id: int) -> list[Promise]:
    stmt = (
        select(Promise)
        .where(Promise.contact_id == contact_id)
        .order_by(Promise.made_on, Promise.id)
    )
    return list(session.scalars(stmt))


def promises_with_names(
    session: Session, *, statuses: tuple[str, ...], include_archived: bool = False
) -> list[tuple[Promise, str]]:
    """Promises with the name of whom they concern; undated ones sort last."""
    stmt = (
        select(Promise, Contact.name)
        .join(Contact, Contact.id == Promise.contact_id)
        .where(Promise.status.in_(statuses))
        .order_by(case((Promise.due_on.is_(None), 1), else_=0), Promise.due_on, Promise.id)
    )
    if not include_archived:
        stmt = stmt.where(Contact.archived.is_(False))
    return [(p, name) for p, name in session.execute(stmt)]


def promise(session: Session, promise_id: int) -> Promise | None:
    return session.get(Promise, promise_id) if storable_key(promise_id) else None


def promises_due_by(session: Session, day: date) -> list[tuple[str, date, str, date | None]]:
    """(owner, due, status, closed) of every dated promise due on or before `day`."""
    stmt = select(Promise.owner, Promise.due_on, Promise.status, Promise.closed_on).where(
        Promise.due_on.is_not(None), Promise.due_on <= day
    )
    rows = session.execute(stmt)
    return [(owner, due, status, closed) for owner, due, status, closed in rows if due is not None]
