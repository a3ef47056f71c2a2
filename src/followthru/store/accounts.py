"""Accounts read by `sync`, and how far each of their folders has been read."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from followthru.store.models import Account, SyncCursor


def all_accounts(session: Session) -> list[Account]:
    return list(session.scalars(select(Account).order_by(Account.id)))


def find(session: Session, ref: str) -> Account | None:
    """By name, or by #ID / ID."""
    number = ref.strip().lstrip("#")
    by_id = Account.id == int(number) if number.isdigit() and len(number) < 18 else None
    stmt = select(Account).where(
        or_(Account.name == ref.strip(), *([by_id] if by_id is not None else []))
    )
    return session.scalars(stmt).first()


def cursor(session: Session, account_id: int, folder: str) -> SyncCursor:
    """The folder's cursor, created at the start (nothing read) the first time."""
    found = session.get(SyncCursor, (account_id, folder))
    if found is None:
        found = SyncCursor(account_id=account_id, folder=folder, validity=0, last_uid=0)
        session.add(found)
    return found
