"""Today's plan, `why` and Done through the app's database session (the plan itself is
made in `plan_reads`, which the command line also runs without SQLAlchemy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from followthru.domain.scoring import Score, score
from followthru.domain.vocab import (
    Channel,
    Direction,
    Owner,
    PromiseStatus,
    TouchKind,
    parse_choice,
)
from followthru.errors import BadInput
from followthru.services.lookup import ContactRef, find_contact
from followthru.services.plan_reads import TodayPlan, person_states, plan_rules, today_from
from followthru.services.promises import close_in
from followthru.services.runtime import Context
from followthru.services.touches import log_in
from followthru.services.views import PromiseView, TouchView
from followthru.store import activity, journal, planning, touch_stats
from followthru.store.rows import of_session


def today(ctx: Context, *, today: date, n: int | None = None, drafts: bool = True) -> TodayPlan:
    with ctx.db.read() as session:
        return today_from(of_session(session), ctx.settings, today=today, n=n, drafts=drafts)


def why(ctx: Context, ref: ContactRef, *, today: date) -> Score:
    """The score breakdown for one person today: exactly the terms the plans use."""
    with ctx.db.read() as session:
        contact = find_contact(session, ref)
        rows = of_session(session)
        states, _ = person_states(rows, ctx.settings, planning.among(rows, [contact.id]))
        if not states:  # archived people are left out of plans, but `why` still explains
            raise BadInput(
                f"{contact.name} is archived, so they are left out of every plan.",
                f"`followthru archive '#{contact.id}' --undo` brings them back.",
            )
        result = score(states[0], plan_rules(ctx.settings), today=today)
        if not any(t.name == "cooldown" for t in result.terms):
            return result
        sent = "; ".join(
            f"{channel} on {on.isoformat()}" + (f" ({summary})" if summary else "")
            for on, channel, summary in touch_stats.unanswered_messages(session, contact.id)
        )
        terms = tuple(
            t._replace(fact=f"{t.fact}. Unanswered: {sent}") if t.name == "cooldown" else t
            for t in result.terms
        )
        return Score(result.person, terms)


def why_json(result: Score, today: date) -> dict[str, Any]:
    """The stable shape of `why` for every interface."""
    return {
        "contact": result.person.name,
        "date": today.isoformat(),
        "total": result.total,
        "terms": [{"term": t.name, "value": t.value, "fact": t.fact} for t in result.terms],
    }


@dataclass(frozen=True)
class Completed:
    touch: TouchView
    promise: PromiseView | None

    def as_json(self) -> dict[str, Any]:
        return {
            "touch": self.touch.as_json(),
            "promise": self.promise.as_json() if self.promise else None,
        }


def complete(
    ctx: Context,
    contact_id: int,
    *,
    action: str,
    via: str,
    summary: str,
    promise_id: int | None = None,
    due: date | None = None,
    today: date,
) -> Completed:
    """One click on a plan item: the touch it names is logged today, with the user's own
    summary (never the planner's reason). On my promise, or a joint one with its date, the
    promise is kept; on a joint plan without a date ("let's grab coffee") `due` is required
    and becomes its date — the coffee is not had yet. Both writes or neither."""
    kind = TouchKind.CHECKIN if action == "promise" else parse_choice(TouchKind, action, "action")
    if kind is TouchKind.CONNECT:
        raise BadInput(
            "An introduction names two people, so it cannot be ticked off in one click.",
            "Log it with both names: followthru log NAME --kind connect --with OTHER.",
        )
    channel = parse_choice(Channel, via, "channel")
    text = " ".join(summary.split()) or f"{kind.value} via {channel.value}"
    with ctx.db.write() as session:
        change = journal.ChangeSet(session, "log", f"done: {text}")
        kept = None
        if promise_id is not None:
            kept, text = _settle_promise(session, contact_id, promise_id, due, text, today=today)
        touch = log_in(
            session,
            contact_id,
            channel=channel,
            kind=kind,
            direction=Direction.OUT,
            summary=text,
            on=today,
        )
        change.save()
        return Completed(touch, kept)


def _settle_promise(
    session: Session, contact_id: int, promise_id: int, due: date | None, text: str, *, today: date
) -> tuple[PromiseView | None, str]:
    """What Done does to the item's promise; the touch summary to log with it."""
    row = activity.promise(session, promise_id)
    if row is None or row.contact_id != contact_id:
        raise BadInput(
            f"Promise #{promise_id} is not one of #{contact_id}'s promises.",
            "Reload today's plan: it may have changed since it was shown.",
        )
    if row.owner == Owner.THEM.value:  # a nudge: their promise stays theirs to keep
        return None, text
    if row.owner == Owner.BOTH.value and row.due_on is None:
        if due is None:
            raise BadInput(
                f"“{row.what}” has no date yet: Done sets the date you agreed.",
                "Give the date, e.g. followthru promise edit "
                f"{promise_id} --due {today + timedelta(days=7)}",
            )
        row.due_on = due
        session.flush()
        return None, f"Set a date: {row.what} on {due.isoformat()}"
    return close_in(session, promise_id, status=PromiseStatus.DONE, today=today), text
