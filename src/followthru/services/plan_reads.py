"""Today's plan and the state plans are made from, without SQLAlchemy.

Everything here reads through `store.rows.Rows`: `followthru today` runs it on a plain
`sqlite3` connection (`services.plain_reads`), the web app, `week`, `why` and PostgreSQL
through a session (`store.rows.of_session`) — the same statements either way.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from followthru.domain.occasions import WIN_FRESH_DAYS, Occasion, occasion_for
from followthru.domain.plans import PlanItem, PlanRules, today_plan, untriaged_backlog
from followthru.domain.scoring import OpenPromise, PersonState
from followthru.domain.vocab import Owner, WeekItemStatus
from followthru.services.draft_text import compose, facts_for
from followthru.settings import Settings
from followthru.store import planning
from followthru.store.planning import Who
from followthru.store.rows import Rows


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
    rows: Rows, settings: Settings, who: Who | None = None
) -> tuple[list[PersonState], dict[int, date]]:
    """The state for scoring of everyone (or those `who` covers), and when open promises
    were made."""
    facts = planning.people_facts(rows, who)
    found = who if who is None else planning.among(rows, facts)  # the selection ran once
    promises = planning.open_promises(rows, found)
    made_on = {p.id: p.made_on for held in promises.values() for p in held}
    kept = planning.kept_promise_counts(rows, found)
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


class PlanItemView(NamedTuple):
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
    rows: Rows, settings: Settings, items: list[PlanItem], *, with_drafts: bool = True
) -> list[PlanItemView]:
    """Items as shown to the user, with drafts; the facts for all drafts load in bulk."""
    ids = sorted({i.person.id for i in items if i.draft_kind}) if with_drafts else []
    contacts = planning.addressees(rows, ids)
    facts = facts_for(rows, ids)
    emails = planning.first_emails(rows, ids)  # where the drafted messages go
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
                email=emails.get(item.person.id),
                asks_date=bool(
                    item.promise and item.promise.owner is Owner.BOTH and not item.promise.due_on
                ),
            )
        )
    return views


class TodayPlan(NamedTuple):
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


def today_from(
    rows: Rows, settings: Settings, *, today: date, n: int | None = None, drafts: bool = True
) -> TodayPlan:
    """Today's plan, scoring only who can make it: promise holders, people from recent
    events, today's occasions and the reconnect candidates `planning.reconnect_pool` keeps."""
    rules = plan_rules(settings, reconnects=n)
    found = occasions(rows, first=today, last=today)
    must = planning.today_candidates(today, fresh_days=rules.fresh_window_days)
    if found:
        must = must | planning.among(rows, found, name="occasion_ids")
    pool = planning.reconnect_pool(
        rows, today, rules, cadences=pile_cadences(settings), besides=must
    )
    who = must | planning.among(rows, pool, name="pool_ids") if pool else must
    return plan_today(rows, settings, rules, today=today, found=found, who=who, drafts=drafts)


def plan_today(
    rows: Rows,
    settings: Settings,
    rules: PlanRules,
    *,
    today: date,
    found: dict[int, Occasion],
    who: Who | None,
    drafts: bool = True,
) -> TodayPlan:
    """Today's plan from the people `who` covers: `today_from` narrows them in SQL to those
    who can appear; None scores everyone, the reference the narrowing is tested against."""
    states, made_on = person_states(rows, settings, who)
    items = today_plan(states, rules, today=today, promise_made_on=made_on, occasions=found)
    return TodayPlan(
        item_views(rows, settings, items, with_drafts=drafts),
        untriaged_backlog(states, rules, today=today),
        planning.untriaged_count(rows),
    )


def occasions(rows: Rows, *, first: date, last: date) -> dict[int, Occasion]:
    """Who has something to congratulate between `first` and `last`: a birthday there, or a
    win noted lately and not yet congratulated."""
    since = last - timedelta(days=WIN_FRESH_DAYS)
    birthdays, notes, congratulated = planning.occasion_facts(rows, notes_since=since)
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
