"""The status tables of CardDAV and CalDAV sync: what each account's server held after
the last sync, so the next one finds what moved by comparing listings."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from followthru.store.models import CardStatus, ContactSource, PushedItem


def card_status(session: Session, account_id: int) -> list[CardStatus]:
    stmt = select(CardStatus).where(CardStatus.account_id == account_id)
    return list(session.scalars(stmt.order_by(CardStatus.href)))


def set_card(
    session: Session,
    account_id: int,
    href: str,
    *,
    etag: str,
    contact_id: int | None,
    local_hash: str = "",
    content: str = "",
) -> None:
    """Remember (or replace) one pair after it was synced."""
    row = session.get(CardStatus, (account_id, href))
    if row is None:
        row = CardStatus(account_id=account_id, href=href)
        session.add(row)
    row.etag, row.contact_id, row.local_hash, row.content = etag, contact_id, local_hash, content


def forget_cards(session: Session, account_id: int, hrefs: Iterable[str]) -> None:
    wanted = list(hrefs)
    if wanted:
        session.execute(
            delete(CardStatus).where(
                CardStatus.account_id == account_id, CardStatus.href.in_(wanted)
            )
        )


def pushed(session: Session, account_id: int) -> dict[str, PushedItem]:
    """Every item this account's calendar received from followthru, by UID."""
    stmt = select(PushedItem).where(PushedItem.account_id == account_id)
    return {row.uid: row for row in session.scalars(stmt)}


def set_pushed(
    session: Session, account_id: int, uid: str, *, href: str, etag: str, content_hash: str
) -> None:
    row = session.get(PushedItem, (account_id, uid))
    if row is None:
        row = PushedItem(account_id=account_id, uid=uid)
        session.add(row)
    row.href, row.etag, row.content_hash = href, etag, content_hash


def forget_pushed(session: Session, account_id: int, uid: str) -> None:
    session.execute(
        delete(PushedItem).where(PushedItem.account_id == account_id, PushedItem.uid == uid)
    )


def owners(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """Source key -> the contact an imported record became (or was merged into)."""
    wanted = list(keys)
    out: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        stmt = select(ContactSource.key, ContactSource.contact_id).where(
            ContactSource.key.in_(wanted[start : start + 500])
        )
        out.update({key: cid for key, cid in session.execute(stmt)})
    return out
