"""Today's list and `why`: the network's state, scored and ordered, with drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from followthru.domain.plans import PlanItem, PlanRules, today_plan, untriaged_backlog
from followthru.domain.scoring import OpenPromise, PersonState, Score, score
from followthru.domain.vocab import (
    Channel,
    Direction,
    Owner,
    PromiseStatus,
    TouchKind,
    parse_choice,
)
from followthru.errors import BadInput
from followthru.services.drafts import compose, facts_for
from followthru.services.lookup import find_contact
from followthru.services.promises import close_in
from followthru.services.runtime import Context
from followthru.services.touches import log_in
from followthru.services.views import PromiseView, TouchView
from followthru.settings import Settings
from followthru.store import activity, planning
from followthru.store import contacts as contact_store
from followthru.store.models import Contact, Promise


def plan_rules(settings: Settings, *, reconnects: int | None = None) -> PlanRules:
    n = settings.number
    return PlanRules(
        cooldown_unanswered=n("cooldown.unanswered"),
        cooldown_days=n("cooldown.days"),
        target_followup_days=n("followup.target_days"),
        connector_followup_days=n("followup.connector_days"),
        reconnect_min_days=n("reconnect.min_days"),
        reconnect_max_days=n("reconnect.max_days"),
        reconnects=n("reconnect.per_day") if reconnects is None else reconnects,
        promises_today=n("today.promises"),
        week_light=n("week.light"),
        week_messages=n("week.messages"),
        week_deep=n("week.deep"),
        week_capacity=n("week.capacity"),
    )


def person_states(
    session: Session,
    settings: Settings,
    *,
    contact_ids: list[int] | None = None,
    where: ColumnElement[bool] | None = None,
) -> tuple[list[PersonState], dict[int, date]]:
    """The state for scoring of everyone (or those chosen), and when open promises were made."""
    facts = planning.people_facts(session, contact_ids=contact_ids, where=where)
    promises = planning.open_promises(session, contact_ids=contact_ids)
    made_on = {p.id: p.made_on for rows in promises.values() for p in rows}
    states = [_state(f, promises.get(f.id, []), settings) for f in facts.values()]
    return states, made_on


def _state(f: planning.PersonFacts, promises: list[Promise], settings: Settings) -> PersonState:
    event = f.latest_event
    return PersonState(
        id=f.id,
        name=f.name,
        pile=f.pile,
        cadence_days=f.cadence_days or settings.cadence_days(f.pile),
        met_on=f.met_on,
        last_touch_on=f.last_touch_on,
        unanswered=f.unanswered,
        last_outbound_on=f.last_out_on,
        event_name=event[1] if event else None,
        event_on=event[2] if event else None,
        given=f.given,
        asks=f.asks,
        promises=tuple(OpenPromise(p.id, p.what, Owner(p.owner), p.due_on) for p in promises),
        snoozed_until=f.snoozed_until,
    )


@dataclass(frozen=True)
class PlanItemView:
    number: int
    section: str
    contact_id: int
    name: str
    why: str
    action: str
    channel: str
    due: date | None
    score: float
    promise_id: int | None
    draft: str | None
    status: str | None = None
    email: str | None = None  # where a drafted message goes (the first address)

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "section": self.section,
            "contact_id": self.contact_id,
            "contact": self.name,
            "why": self.why,
            "action": self.action,
            "via": self.channel,
            "due": self.due.isoformat() if self.due else None,
            "score": self.score,
            "promise_id": self.promise_id,
            "draft": self.draft,
            "email": self.email,
            **({"status": self.status} if self.status is not None else {}),
        }


def item_views(
    session: Session, settings: Settings, items: list[PlanItem], *, with_drafts: bool = True
) -> list[PlanItemView]:
    """Items as shown to the user, with drafts; the facts for all drafts load in bulk."""
    ids = sorted({i.person.id for i in items if i.draft_kind}) if with_drafts else []
    contacts = {c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(ids)))}
    facts = facts_for(session, ids)
    emails = contact_store.emails_of(session, ids)
    views = []
    for number, item in enumerate(items, start=1):
        text = None
        if item.person.id in contacts and item.draft_kind:
            p = item.promise
            text = compose(
                settings,
                contacts[item.person.id],
                facts[item.person.id],
                item.draft_kind,
                promise_what=p.what if p else "",
                promise_owner=p.owner.value if p else None,
            ).text
        views.append(
            PlanItemView(
                number,
                item.section,
                item.person.id,
                item.person.name,
                item.why,
                item.action,
                item.channel,
                item.due,
                item.score.total,
                item.promise.id if item.promise else None,
                text,
                email=next(iter(emails.get(item.person.id, [])), None),
            )
        )
    return views


@dataclass(frozen=True)
class TodayPlan:
    items: list[PlanItemView]
    untriaged: dict[str, int]  # recent event -> people met there still without a pile

    def as_json(self, today: date) -> dict[str, Any]:
        return {
            "date": today.isoformat(),
            "items": [i.as_json() for i in self.items],
            "untriaged": self.untriaged,
        }


def today(ctx: Context, *, today: date, n: int | None = None, drafts: bool = True) -> TodayPlan:
    rules = plan_rules(ctx.settings, reconnects=n)
    candidates = planning.today_candidates(
        today,
        fresh_days=rules.fresh_window_days,
        min_days=rules.reconnect_min_days,
        max_days=rules.reconnect_max_days,
    )
    with ctx.db.read() as session:
        states, made_on = person_states(session, ctx.settings, where=candidates)
        items = today_plan(states, rules, today=today, promise_made_on=made_on)
        return TodayPlan(
            item_views(session, ctx.settings, items, with_drafts=drafts),
            untriaged_backlog(states, rules, today=today),
        )


def why(ctx: Context, ref: str, *, today: date) -> Score:
    """The score breakdown for one person today: exactly the terms the plans use."""
    with ctx.db.read() as session:
        contact = find_contact(session, ref)
        states, _ = person_states(session, ctx.settings, contact_ids=[contact.id])
        if not states:  # archived people are left out of plans, but `why` still explains
            raise BadInput(
                f"{contact.name} is archived, so they are left out of every plan.",
                f"`followthru archive '#{contact.id}' --undo` brings them back.",
            )
        return score(states[0], plan_rules(ctx.settings), today=today)


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
    today: date,
) -> Completed:
    """One click on a plan item: the touch it asked for is logged today and, when the item
    was a promise, the promise is kept — both in one transaction, so neither happens alone."""
    kind = TouchKind.CHECKIN if action == "promise" else parse_choice(TouchKind, action, "action")
    if kind is TouchKind.CONNECT:
        raise BadInput(
            "An introduction names two people, so it cannot be ticked off in one click.",
            "Log it with both names: followthru log NAME --kind connect --with OTHER.",
        )
    channel = parse_choice(Channel, via, "channel")
    text = " ".join(summary.split()) or f"{kind.value} via {channel.value}"
    with ctx.db.write() as session:
        kept = None
        if promise_id is not None:
            row = activity.promise(session, promise_id)
            if row is None or row.contact_id != contact_id:
                raise BadInput(
                    f"Promise #{promise_id} is not one of #{contact_id}'s promises.",
                    "Reload today's plan: it may have changed since it was shown.",
                )
            kept = close_in(session, promise_id, status=PromiseStatus.DONE, today=today)
        touch = log_in(
            session,
            f"#{contact_id}",
            channel=channel,
            kind=kind,
            direction=Direction.OUT,
            summary=text,
            on=today,
        )
        return Completed(touch, kept)
