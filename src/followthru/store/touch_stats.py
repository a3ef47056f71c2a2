"""The per-person summary of touches stored on each contact, and how it is kept true.

Plans for 100,000 people cannot aggregate two million touches on every run, so each
contact carries its last touch dates, unanswered count and give/ask counts. Every code
path that adds, removes or moves touches calls `refresh` for the people concerned (or for
everyone after a bulk load), inside the same transaction; the summary is always derived
from the touches, never edited on its own.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, func, or_, select, true, update
from sqlalchemy.orm import Session

from followthru.domain.vocab import VALUE_KINDS as DOMAIN_VALUE_KINDS
from followthru.store.models import Contact, Touch

VALUE_KINDS = sorted(kind.value for kind in DOMAIN_VALUE_KINDS)  # as stored in touches.kind
SUMMARY_FIELDS = (
    "last_touch_on",
    "last_in_on",
    "last_out_on",
    "unanswered",
    "given_count",
    "ask_count",
    "last_given_on",
    "last_ask_on",
)
_BATCH = 900


# The pest guard (DESIGN 1.7) counts only messages the person could have answered; a like,
# a comment, a call or a meeting is never an unanswered message.
MESSAGE_CHANNELS = ("email", "message", "linkedin")
NOT_MESSAGES = ("engage", "meeting")
CONVERSATION_CHANNELS = ("call", "meeting", "in-person")


def message() -> ColumnElement[bool]:
    """An outbound message: what may go unanswered."""
    return and_(
        Touch.direction == "out",
        Touch.channel.in_(MESSAGE_CHANNELS),
        Touch.kind.not_in(NOT_MESSAGES),
    )


def answer() -> ColumnElement[bool]:
    """What ends a cool-down: anything from them, or a call or meeting with them."""
    return or_(
        Touch.direction == "in",
        Touch.channel.in_(CONVERSATION_CHANNELS),
        Touch.kind == "meeting",
    )


def compute(
    session: Session, contact_ids: Collection[int] | None = None
) -> dict[int, dict[str, Any]]:
    """The summary as it should be, from the touches themselves."""
    scope: ColumnElement[bool] = (
        Touch.contact_id.in_(contact_ids) if contact_ids is not None else true()
    )
    out = Touch.direction == "out"
    value = and_(out, Touch.kind.in_(VALUE_KINDS))
    ask = and_(out, Touch.kind == "ask")
    stmt = (
        select(
            Touch.contact_id,
            func.max(Touch.happened_on),
            func.max(case((Touch.direction == "in", Touch.happened_on))),
            func.max(case((out, Touch.happened_on))),
            func.sum(case((value, 1), else_=0)),
            func.sum(case((ask, 1), else_=0)),
            func.max(case((value, Touch.happened_on))),
            func.max(case((ask, Touch.happened_on))),
        )
        .where(scope)
        .group_by(Touch.contact_id)
    )
    stats: dict[int, dict[str, Any]] = {}
    for cid, last, last_in, last_out, given, asks, last_given, last_ask in session.execute(stmt):
        stats[cid] = {
            "last_touch_on": last,
            "last_in_on": last_in,
            "last_out_on": last_out,
            "unanswered": 0,
            "given_count": int(given or 0),
            "ask_count": int(asks or 0),
            "last_given_on": last_given,
            "last_ask_on": last_ask,
        }
    last_in = (
        select(Touch.contact_id, func.max(Touch.happened_on).label("on"))
        .where(answer(), scope)
        .group_by(Touch.contact_id)
        .subquery()
    )
    unanswered = (
        select(Touch.contact_id, func.count())
        .outerjoin(last_in, last_in.c.contact_id == Touch.contact_id)
        .where(scope, message(), (last_in.c.on.is_(None)) | (Touch.happened_on > last_in.c.on))
        .group_by(Touch.contact_id)
    )
    for cid, n in session.execute(unanswered):
        stats[cid]["unanswered"] = int(n)
    return stats


def refresh(session: Session, contact_ids: Collection[int] | None = None) -> None:
    """Recompute the stored summary for these people (None: everyone)."""
    session.flush()
    stats = compute(session, contact_ids)
    if contact_ids is None:
        targets = list(session.scalars(select(Contact.id)))
    else:
        targets = sorted(set(contact_ids))
    empty = dict.fromkeys(SUMMARY_FIELDS)
    empty.update(unanswered=0, given_count=0, ask_count=0)
    rows = [{"cid": cid, **stats.get(cid, empty)} for cid in targets]
    stmt = (
        update(Contact.__table__)  # type: ignore[arg-type]
        .where(Contact.__table__.c.id == bindparam("cid"))
        .values({name: bindparam(name) for name in SUMMARY_FIELDS})
    )
    for start in range(0, len(rows), _BATCH):
        session.connection().execute(stmt, rows[start : start + _BATCH])
    session.expire_all()


def unanswered_messages(session: Session, contact_id: int) -> list[tuple[Any, str, str]]:
    """(day, channel, summary) of one person's messages since their last answer, oldest
    first: what `why` names when it explains a cool-down."""
    last_answer = (
        select(func.max(Touch.happened_on))
        .where(Touch.contact_id == contact_id, answer())
        .scalar_subquery()
    )
    stmt = (
        select(Touch.happened_on, Touch.channel, Touch.summary)
        .where(Touch.contact_id == contact_id, message())
        .where(or_(last_answer.is_(None), Touch.happened_on > last_answer))
        .order_by(Touch.happened_on, Touch.id)
    )
    return [(on, channel, summary) for on, channel, summary in session.execute(stmt)]
