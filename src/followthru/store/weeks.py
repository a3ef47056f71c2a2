"""Stored weekly plans and the touches that tick them off."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from followthru.store.models import Contact, Touch, WeekItem
from followthru.store.types import storable_key


def items(session: Session, week_of: date) -> list[tuple[WeekItem, str]]:
    stmt = (
        select(WeekItem, Contact.name)
        .join(Contact, Contact.id == WeekItem.contact_id)
        .where(WeekItem.week_of == week_of)
        .order_by(WeekItem.position)
    )
    return [(item, name) for item, name in session.execute(stmt)]


def item_at(session: Session, week_of: date, position: int) -> WeekItem | None:
    if not storable_key(position):
        return None
    stmt = select(WeekItem).where(WeekItem.week_of == week_of, WeekItem.position == position)
    return session.scalars(stmt).first()


def planned_weeks(session: Session, before: date) -> list[date]:
    """Mondays of stored plans before `before`, newest first."""
    stmt = (
        select(WeekItem.week_of)
        .where(WeekItem.week_of < before)
        .group_by(WeekItem.week_of)
        .order_by(WeekItem.week_of.desc())
    )
    return list(session.scalars(stmt))


def outbound_touches(
    session: Session, contact_ids: Sequence[int], start: date, end: date
) -> list[tuple[int, str, str]]:
    """(contact, kind, channel) of the user's touches in [start, end]."""
    if not contact_ids:
        return []
    stmt = select(Touch.contact_id, Touch.kind, Touch.channel).where(
        Touch.contact_id.in_(contact_ids),
        Touch.direction == "out",
        Touch.happened_on >= start,
        Touch.happened_on <= end,
    )
    return [(cid, kind, channel) for cid, kind, channel in session.execute(stmt)]


def outbound_per_week(session: Session, start: date, end: date) -> list[tuple[date, str, str]]:
    """Every outbound touch's (day, kind, channel) in [start, end], for stats."""
    stmt = select(Touch.happened_on, Touch.kind, Touch.channel).where(
        Touch.direction == "out", Touch.happened_on >= start, Touch.happened_on <= end
    )
    return [(on, kind, channel) for on, kind, channel in session.execute(stmt)]


def count_items(session: Session, week_of: date) -> int:
    stmt = select(func.count()).select_from(WeekItem).where(WeekItem.week_of == week_of)
    return int(session.scalar(stmt) or 0)


def dormant_on(session: Session, days: Sequence[date], after_days: int) -> list[int]:
    """How many people were dormant on each day, as `domain.insight.dormant_count` counts
    today: their last touch by then (or, never touched, the day met) is `after_days` or
    more before it. One count per day asked."""
    counts = []
    for day in days:
        cut = day - timedelta(days=after_days)
        touched_since = exists().where(
            and_(Touch.contact_id == Contact.id, Touch.happened_on > cut, Touch.happened_on <= day)
        )
        touched_before = exists().where(
            and_(Touch.contact_id == Contact.id, Touch.happened_on <= cut)
        )
        stmt = (
            select(func.count())
            .select_from(Contact)
            .where(
                Contact.archived.is_(False),
                ~touched_since,
                or_(touched_before, Contact.met_on <= cut),
            )
        )
        counts.append(int(session.scalar(stmt) or 0))
    return counts
