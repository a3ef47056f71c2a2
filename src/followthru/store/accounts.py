"""Accounts read by `sync`, and how far each of their folders has been read."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from followthru.store.models import Account, SyncCursor


def all_accounts(session: Session) -> list[Account]:
    return list(session.scalars(select(Account).order_by(Account.id)))


def find(session: Session, ref: str) -> Account | None:
    """By exact name first (an account may be called "2"), else by #ID or ID: a name is
    never shadowed by another account's id, nor an id tried before the name."""
    text = ref.strip()
    named = session.scalars(select(Account).where(Account.name == text)).first()
    if named is not None:
        return named
    number = text.removeprefix("#")
    return session.get(Account, int(number)) if number.isdigit() and len(number) < 18 else None


def cursor(session: Session, account_id: int, folder: str) -> SyncCursor:
    """The folder's cursor, created at the start (nothing read) the first time."""
    found = session.get(SyncCursor, (account_id, folder))
    if found is None:
        found = SyncCursor(account_id=account_id, folder=folder, validity=0, last_uid=0)
        session.add(found)
    return found
