"""The weekly 12-4-1 routine: plan once a week, tick off, review the streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from followthru.domain.plans import slot_of, streak, week_plan, week_start
from followthru.domain.scoring import score
from followthru.domain.vocab import Channel, Direction, TouchKind, WeekItemStatus
from followthru.errors import BadInput
from followthru.services.draft_text import compose, facts_for
from followthru.services.plan_reads import (
    PlanItemView,
    occasions,
    person_states,
    pile_cadences,
    plan_rules,
)
from followthru.services.runtime import Context
from followthru.services.touches import log_in
from followthru.settings import Settings
from followthru.store import planning, weeks
from followthru.store.models import Contact, WeekItem
from followthru.store.rows import Rows, of_session

DRAFTED_SLOTS = {"message", "deep"}


@dataclass(frozen=True)
class WeekView:
    week_of: date
    items: list[PlanItemView]
    streak: int
    network: int = 0  # active people in the network
    wanted: int = 0  # what the 12-4-1 numbers ask for, within the week's capacity

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.status == WeekItemStatus.DONE)

    @property
    def completion(self) -> float:
        return round(self.done / len(self.items), 2) if self.items else 0.0

    @property
    def shortfall(self) -> str | None:
        """Why the plan holds fewer people than the numbers ask for; None when it is full."""
        if len(self.items) >= self.wanted:
            return None
        if self.network < self.wanted:
            return (
                f"Your network has {self.network} people and the week asks for {self.wanted}: "
                "add or import more (followthru import FILE)."
            )
        return (
            f"Only {len(self.items)} of your {self.network} people were free when this plan was "
            "made: the others were touched within their cadence, are cooling down after "
            "unanswered messages, or are snoozed."
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "week_of": self.week_of.isoformat(),
            "done": self.done,
            "total": len(self.items),
            "completion": self.completion,
            "streak": self.streak,
            "shortfall": self.shortfall,
            "items": [i.as_json() for i in self.items],
        }


def _ensure_plan(session: Session, ctx: Context, week_of: date, *, today: date) -> None:
    """A week's plan is made once, on first look, so ticking off has something stable."""
    if weeks.count_items(session, week_of):
        return
    cadences = pile_cadences(ctx.settings)
    rows = of_session(session)
    found = occasions(rows, first=week_of, last=week_of + timedelta(days=6))
    who = planning.due_for_a_touch(rows, today, cadences)
    if found:
        who = who | planning.among(rows, found, name="occasion_ids")
    states, _ = person_states(rows, ctx.settings, who)
    plan = week_plan(states, plan_rules(ctx.settings), today=today, occasions=found)
    for position, item in enumerate(plan, start=1):
        session.add(
            WeekItem(
                week_of=week_of,
                position=position,
                slot=item.section,
                contact_id=item.person.id,
                action=item.action,
                channel=item.channel,
                reason=item.why,
                status=WeekItemStatus.PLANNED,
            )
        )
    session.flush()


def _statuses(
    session: Session, week_of: date, rows: list[tuple[WeekItem, str]]
) -> dict[int, WeekItemStatus]:
    """A planned item counts as done once a matching touch is logged in its week."""
    logged = {
        (cid, slot_of(kind, channel))
        for cid, kind, channel in weeks.outbound_touches(
            session, [r.contact_id for r, _ in rows], week_of, week_of + timedelta(days=6)
        )
    }
    return {
        row.id: WeekItemStatus.DONE
        if row.status == WeekItemStatus.PLANNED and (row.contact_id, row.slot) in logged
        else WeekItemStatus(row.status)
        for row, _ in rows
    }


def _item_view(
    row: WeekItem,
    name: str,
    draft: str | None,
    status: WeekItemStatus,
    reach: tuple[float, str | None] = (0.0, None),
) -> PlanItemView:
    """A stored week item as shown: week items carry no due date; `reach` is the person's
    score now and first e-mail address, which `_reach` loads for the whole week at once."""
    return PlanItemView(
        row.position,
        row.slot,
        row.contact_id,
        name,
        row.reason,
        row.action,
        row.channel,
        None,
        reach[0],
        None,
        draft,
        status,
        email=reach[1],
    )


def _reach(
    rows: Rows, settings: Settings, ids: list[int], today: date
) -> dict[int, tuple[float, str | None]]:
    """Each person's score as `today` ranks them and their first e-mail address, so the
    week's items carry the same figures as today's plan (the stored item keeps neither)."""
    states, _ = person_states(rows, settings, planning.among(rows, ids))
    rules = plan_rules(settings)
    scores = {s.id: score(s, rules, today=today).total for s in states}
    emails = planning.first_emails(rows, ids)
    return {i: (scores.get(i, 0.0), emails.get(i)) for i in ids}


def _views(
    session: Session,
    settings: Settings,
    rows: list[tuple[WeekItem, str]],
    statuses: dict[int, WeekItemStatus],
    *,
    drafts: bool,
    today: date,
) -> list[PlanItemView]:
    ids = sorted({r.contact_id for r, _ in rows if r.slot in DRAFTED_SLOTS}) if drafts else []
    read = of_session(session)
    contacts = planning.addressees(read, ids)
    facts = facts_for(read, ids)
    unanswered_limit = settings.number("cooldown.unanswered")
    reach = _reach(read, settings, sorted({r.contact_id for r, _ in rows}), today)
    views = []
    for row, name in rows:
        text = None
        if row.contact_id in contacts and statuses[row.id] == WeekItemStatus.PLANNED:
            kind = row.action if row.action in ("content", "checkin", "meeting") else "checkin"
            if row.action == "congratulate":  # the reason says which: a birthday or a win
                kind = "birthday" if "birthday" in row.reason else "congratulate"
            if kind in ("checkin", "meeting") and (
                contacts[row.contact_id].unanswered >= unanswered_limit
            ):
                kind = "content"  # the pest guard: no "just checking in" after silence
            text = compose(settings, contacts[row.contact_id], facts[row.contact_id], kind).text
        views.append(_item_view(row, name, text, statuses[row.id], reach[row.contact_id]))
    return views


def _streak(session: Session, before: date) -> int:
    history = []
    for monday in weeks.planned_weeks(session, before):
        rows = weeks.items(session, monday)
        history.append(list(_statuses(session, monday, rows).values()))
    return streak(history)


def show(ctx: Context, *, today: date, last: bool = False, drafts: bool = True) -> WeekView:
    """This week's plan (made on first look), or last week's with its completion."""
    this_week = week_start(today)
    week_of = this_week - timedelta(days=7) if last else this_week
    if not last:
        with ctx.db.read() as session:
            made = bool(weeks.count_items(session, week_of))
        if not made:  # the write lock only for the first look of the week
            with ctx.db.write() as session:
                _ensure_plan(session, ctx, week_of, today=today)
    with ctx.db.read() as session:
        rows = weeks.items(session, week_of)
        statuses = _statuses(session, week_of, rows)
        views = _views(
            session, ctx.settings, rows, statuses, drafts=drafts and not last, today=today
        )
        rules = plan_rules(ctx.settings)
        wanted = min(rules.week_light + rules.week_messages + rules.week_deep, rules.week_capacity)
        return WeekView(
            week_of,
            views,
            _streak(session, this_week),
            network=planning.active_count(of_session(session)),
            wanted=0 if last else wanted,
        )


def mark(
    ctx: Context,
    number: int,
    status: WeekItemStatus,
    *,
    today: date,
    until: date | None = None,
    summary: str = "",
) -> PlanItemView:
    """Tick off, skip or snooze item N of this week's plan. Done logs the touch the item
    names (its kind and channel, with the user's summary), as Done does on today's plan."""
    week_of = week_start(today)
    with ctx.db.write() as session:
        row = weeks.item_at(session, week_of, number)
        if row is None:
            raise BadInput(
                f"This week's plan has no item {number}.",
                "`followthru week` shows the plan with its numbers.",
            )
        contact = session.get(Contact, row.contact_id)
        assert contact is not None
        if status is WeekItemStatus.SNOOZED:
            contact.snoozed_until = _snooze_until(number, until, today)
        if status is WeekItemStatus.DONE and row.status != WeekItemStatus.DONE:
            _log_done(session, row, summary, today)
        row.status = status.value
        row.closed_on = today
        session.flush()
        return _item_view(row, contact.name, None, status)


def _snooze_until(number: int, until: date | None, today: date) -> date:
    if until is None or until <= today:
        raise BadInput(
            "Snooze needs a date after today.",
            f"e.g. followthru week snooze {number} --until {today + timedelta(days=14)}",
        )
    return until


def _log_done(session: Session, row: WeekItem, summary: str, today: date) -> None:
    """The touch a ticked-off item names: its kind and channel, with the user's summary."""
    kind, channel = TouchKind(row.action), Channel(row.channel)
    log_in(
        session,
        row.contact_id,
        channel=channel,
        kind=kind,
        direction=Direction.OUT,
        summary=" ".join(summary.split()) or f"{kind.value} via {channel.value}",
        on=today,
    )
