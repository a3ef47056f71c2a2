"""Which digests went out: asked before sending, written after the server said yes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from followthru.store.models import DigestSent


def sent_channels(session: Session, kind: str, period: date) -> dict[str, datetime]:
    """The channels this period's digest already went through, with when."""
    stmt = select(DigestSent.channel, DigestSent.sent_at).where(
        DigestSent.kind == kind, DigestSent.period == period
    )
    return {channel: at for channel, at in session.execute(stmt)}


def record(
    session: Session, kind: str, period: date, channel: str, *, items: int, recipient: str
) -> None:
    """Mark a delivery; a forced resend replaces the period's earlier row for the channel."""
    session.execute(
        delete(DigestSent).where(
            DigestSent.kind == kind, DigestSent.period == period, DigestSent.channel == channel
        )
    )
    session.add(
        DigestSent(kind=kind, period=period, channel=channel, items=items, recipient=recipient)
    )
    session.flush()


def latest(session: Session) -> list[DigestSent]:
    """The newest delivery of each kind and channel, newest first."""
    newest = (
        select(func.max(DigestSent.id))
        .group_by(DigestSent.kind, DigestSent.channel)
        .scalar_subquery()
    )
    stmt = select(DigestSent).where(DigestSent.id.in_(newest)).order_by(DigestSent.sent_at.desc())
    return list(session.scalars(stmt))
