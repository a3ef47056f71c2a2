"""Today's list and `why`: the network's state, scored and ordered, with drafts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from followthru.domain.occasions import WIN_FRESH_DAYS, Occasion, occasion_for
from followthru.domain.plans import PlanItem, PlanRules, today_plan, untriaged_backlog
from followthru.domain.scoring import OpenPromise, PersonState, Score, score
from followthru.domain.vocab import (
    Channel,
    Direction,
    Owner,
    PromiseStatus,
    TouchKind,
    WeekItemStatus,
    parse_choice,
)
from followthru.errors import BadInput
from followthru.services.drafts import compose, facts_for
from followthru.services.lookup import ContactRef, find_contact
from followthru.services.promises import close_in
from followthru.services.runtime import Context
from followthru.services.touches import log_in
from followthru.services.views import PromiseView, TouchView
from followthru.settings import Settings
from followthru.store import activity, journal, planning, touch_stats
from followthru.store import contacts as contact_store
from followthru.store.models import Contact


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
    promises = planning.open_promises(session, contact_ids=contact_ids, where=where)
    made_on = {p.id: p.made_on for rows in promises.values() for p in rows}
    kept = planning.kept_promise_counts(session, contact_ids=contact_ids, where=where)
    states = [
        _state(f, promises.get(f.id, []), settings, kept.get(f.id, 0)) for f in facts.values()
    ]
    return states, made_on


def _state(
    f: planning.PersonFacts,
    promises: list[planning.OpenPromiseRow],
    settings: Settings,
    kept: int,
) -> PersonState:
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
        has_email=f.has_email,
        has_phone=f.has_phone,
        has_profile=f.has_profile,
        last_inbound_on=f.last_in_on,
        kept_promises=kept,
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
    status: WeekItemStatus | None = None
    email: str | None = None  # where a drafted message goes (the first address)
    asks_date: bool = False  # a joint plan without a date: Done sets the date

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
    drafted: set[int] = set()  # one draft per person: two promises to Ann make one message
    for number, item in enumerate(items, start=1):
        text = None
        if item.person.id in contacts and item.draft_kind and item.person.id not in drafted:
            drafted.add(item.person.id)
            p = item.promise
            text = compose(
                settings,
                contacts[item.person.id],
                facts[item.person.id],
                item.draft_kind,
                promise_what=p.what if p else "",
                promise_owner=p.owner.value if p else None,
                about=item.extra.get("about", ""),
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
                asks_date=bool(
                    item.promise and item.promise.owner is Owner.BOTH and not item.promise.due_on
                ),
            )
        )
    return views


@dataclass(frozen=True)
class TodayPlan:
    items: list[PlanItemView]
    untriaged: dict[str, int]  # recent event -> people met there still without a pile
    backlog: int = 0  # everyone without a pile, imported people included

    def as_json(self, today: date) -> dict[str, Any]:
        return {
            "date": today.isoformat(),
            "items": [i.as_json() for i in self.items],
            "untriaged": self.untriaged,
            "backlog": self.backlog,
        }


def pile_cadences(settings: Settings) -> dict[str, int]:
    """Each pile's keep-in-touch cadence in days, as the settings have it."""
    return {pile: settings.cadence_days(pile) for pile in ("target", "connector", "general")}


def today(ctx: Context, *, today: date, n: int | None = None, drafts: bool = True) -> TodayPlan:
    rules = plan_rules(ctx.settings, reconnects=n)
    with ctx.db.read() as session:
        found = occasions(session, first=today, last=today)
        must = planning.today_candidates(today, fresh_days=rules.fresh_window_days)
        if found:
            must = or_(must, Contact.id.in_(sorted(found)))
        pool = planning.reconnect_pool(
            session, today, rules, cadences=pile_cadences(ctx.settings), besides=must
        )
        who = or_(must, Contact.id.in_(pool))
        return plan_today(
            session, ctx.settings, rules, today=today, found=found, who=who, drafts=drafts
        )


def plan_today(
    session: Session,
    settings: Settings,
    rules: PlanRules,
    *,
    today: date,
    found: dict[int, Occasion],
    who: ColumnElement[bool] | None,
    drafts: bool = True,
) -> TodayPlan:
    """Today's plan from the people `who` selects: `today` narrows them in SQL to those who
    can appear; None scores everyone, the reference the narrowing is tested against."""
    states, made_on = person_states(session, settings, where=who)
    items = today_plan(states, rules, today=today, promise_made_on=made_on, occasions=found)
    return TodayPlan(
        item_views(session, settings, items, with_drafts=drafts),
        untriaged_backlog(states, rules, today=today),
        planning.untriaged_count(session),
    )


def occasions(session: Session, *, first: date, last: date) -> dict[int, Occasion]:
    """Who has something to congratulate between `first` and `last`: a birthday there, or a
    win noted lately and not yet congratulated."""
    since = last - timedelta(days=WIN_FRESH_DAYS)
    birthdays, notes, congratulated = planning.occasion_facts(session, notes_since=since)
    found: dict[int, Occasion] = {}
    for cid in birthdays.keys() | notes.keys():
        occasion = occasion_for(
            birthdays.get(cid),
            notes.get(cid, []),
            first=first,
            last=last,
            congratulated_on=congratulated.get(cid),
        )
        if occasion is not None:
            found[cid] = occasion
    return found


def why(ctx: Context, ref: ContactRef, *, today: date) -> Score:
    """The score breakdown for one person today: exactly the terms the plans use."""
    with ctx.db.read() as session:
        contact = find_contact(session, ref)
        states, _ = person_states(session, ctx.settings, contact_ids=[contact.id])
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
            replace(t, fact=f"{t.fact}. Unanswered: {sent}") if t.name == "cooldown" else t
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
