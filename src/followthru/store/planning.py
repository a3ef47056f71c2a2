"""The network's state for planning, read in a handful of aggregate queries.

Plans for 100,000 people must not cost one query per person: every figure the scorer
needs (last touch, unanswered messages, give/ask counts, latest event) comes from a few
GROUP BY queries over the touches, joined in Python by contact id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Row, and_, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Date

from followthru.domain.plans import LAPSE_FIRST_PILES, PlanRules
from followthru.domain.scoring import PILE_WEIGHT
from followthru.store.models import (
    Contact,
    ContactEmail,
    ContactEvent,
    ContactPhone,
    ContactTag,
    ContactUrl,
    Event,
    Note,
    Promise,
    Touch,
)


@dataclass
class PersonFacts:
    id: int
    name: str
    pile: str | None
    cadence_days: int | None
    met_on: date | None
    snoozed_until: date | None
    last_touch_on: date | None
    last_in_on: date | None
    last_out_on: date | None
    unanswered: int
    given: int
    asks: int
    last_given_on: date | None
    last_ask_on: date | None
    has_email: bool
    has_phone: bool
    has_profile: bool
    latest_event: tuple[int, str, date] | None = None  # id, name, held_on


def people_facts(
    session: Session,
    *,
    contact_ids: list[int] | None = None,
    where: ColumnElement[bool] | None = None,
) -> dict[int, PersonFacts]:
    """Facts about every active person (or the given ones), keyed by contact id.

    The touch summary comes from the contacts' stored columns (see `touch_stats`), so this
    costs one pass over the contacts, not over their touches.
    """
    stmt = select(
        Contact.id,
        Contact.name,
        Contact.pile,
        Contact.cadence_days,
        Contact.met_on,
        Contact.snoozed_until,
        Contact.last_touch_on,
        Contact.last_in_on,
        Contact.last_out_on,
        Contact.unanswered,
        Contact.given_count,
        Contact.ask_count,
        Contact.last_given_on,
        Contact.last_ask_on,
        *_reachable(),
    ).where(Contact.archived.is_(False))
    if contact_ids is not None:
        stmt = stmt.where(Contact.id.in_(contact_ids))
    if where is not None:
        stmt = stmt.where(where)
    facts = {row[0]: PersonFacts(*cast(tuple[Any, ...], row)) for row in session.execute(stmt)}
    if facts:
        _latest_events(session, facts, contact_ids, where)
    return facts


# Profile hosts where a person posts: a light touch there is "engage with their post".
PROFILE_HOSTS = ("linkedin.com/in/", "twitter.com/", "x.com/", "github.com/", "mastodon.")


def _reachable() -> tuple[Any, ...]:
    """Whether each person has an e-mail address, a phone, a profile URL: which channel
    a message can take."""
    profile = or_(*(ContactUrl.url_key.startswith(host) for host in PROFILE_HOSTS))
    return (
        select(ContactEmail.id).where(ContactEmail.contact_id == Contact.id).exists(),
        select(ContactPhone.id).where(ContactPhone.contact_id == Contact.id).exists(),
        select(ContactUrl.id).where(ContactUrl.contact_id == Contact.id, profile).exists(),
    )


def occasion_facts(
    session: Session, *, notes_since: date
) -> tuple[dict[int, str], dict[int, list[tuple[date, str]]], dict[int, date]]:
    """What congratulations are read from, for active people: stored birthdays, notes
    written since `notes_since`, and the last congratulation sent to each."""
    active = Contact.archived.is_(False)
    birthdays: dict[int, str] = {
        cid: day
        for cid, day in session.execute(
            select(Contact.id, Contact.birthday).where(active, Contact.birthday.is_not(None))
        )
        if day
    }
    notes: dict[int, list[tuple[date, str]]] = defaultdict(list)
    recent = (
        select(Note.contact_id, Note.written_on, Note.text)
        .join(Contact, Contact.id == Note.contact_id)
        .where(active, Note.written_on >= notes_since)
    )
    for cid, on, text in session.execute(recent):
        notes[cid].append((on, text))
    sent = (  # only a noted win asks when it was last congratulated: read it for them alone
        select(Touch.contact_id, func.max(Touch.happened_on))
        .where(
            Touch.kind == "congratulate",
            Touch.direction == "out",
            Touch.contact_id.in_(recent.with_only_columns(Note.contact_id)),
        )
        .group_by(Touch.contact_id)
    )
    return birthdays, dict(notes), {cid: on for cid, on in session.execute(sent)}


def untriaged_count(session: Session) -> int:
    """Active people without a pile: the backlog `today` mentions."""
    stmt = select(func.count()).where(Contact.pile.is_(None), Contact.archived.is_(False))
    return int(session.scalar(stmt) or 0)


def active_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).where(Contact.archived.is_(False))) or 0)


def today_candidates(today: date, *, fresh_days: int) -> ColumnElement[bool]:
    """Who `today` must score whatever else holds: promise holders and people from events
    of the last `fresh_days` days. Reconnects come from `reconnect_pool`."""
    recent_event = (
        select(ContactEvent.contact_id)
        .join(Event, Event.id == ContactEvent.event_id)
        .where(Event.held_on >= today - timedelta(days=fresh_days), Event.held_on <= today)
    )
    return or_(
        Contact.id.in_(select(Promise.contact_id).where(Promise.status == "open")),
        Contact.id.in_(recent_event),
    )


def reconnect_pool(
    session: Session,
    today: date,
    rules: PlanRules,
    *,
    cadences: dict[str, int],
    besides: ColumnElement[bool],
) -> list[int]:
    """Who, outside `besides`, can be one of today's `rules.reconnects` reconnects.

    At 100,000 people most of the network is quiet enough to reconnect with; scoring all of
    them to keep three costs seconds. The reconnect order (`domain.plans`: targets lapsed
    past their cadence, band, pile, then the most recently in touch, then
    score) is computed here up to the score: the first n
    people in it, with everyone tied with the n-th (their scores decide among them), can
    make the list; anyone further down has n people ahead who are never taken by another
    section (those are all in `besides`), so they cannot.
    """
    since = func.coalesce(Contact.last_touch_on, Contact.met_on)
    band = case(
        (since.is_(None), 2), (since >= today - timedelta(rules.reconnect_max_days), 0), else_=1
    )
    weight = case(
        (Contact.pile.is_(None), PILE_WEIGHT[None]),
        *((Contact.pile == pile, w) for pile, w in PILE_WEIGHT.items() if pile is not None),
        else_=0.0,
    )
    cooling = and_(
        Contact.unanswered >= rules.cooldown_unanswered,
        Contact.last_out_on.is_not(None),
        Contact.last_out_on > today - timedelta(rules.cooldown_days),
    )
    snoozed = and_(Contact.snoozed_until.is_not(None), Contact.snoozed_until > today)
    quiet = or_(since.is_(None), since <= today - timedelta(rules.reconnect_min_days))
    lapsed = case(
        (
            and_(
                Contact.pile.in_(LAPSE_FIRST_PILES),
                or_(since.is_(None), since <= _days_before(today, _cadence(cadences))),
            ),
            0,
        ),
        else_=1,
    )
    stmt = (
        select(Contact.id, lapsed, band, weight, since)
        .where(Contact.archived.is_(False), quiet, ~cooling, ~snoozed, ~besides)
        .order_by(lapsed, band, weight.desc(), since.desc())
    )
    n = rules.reconnects
    limit = n + TIES_READ_AHEAD
    rows = list(session.execute(stmt.limit(limit)))
    if len(rows) == limit and len(_first_with_ties(rows, n)) == limit:  # ties run further
        rows = list(session.execute(stmt))
    return _first_with_ties(rows, n)


TIES_READ_AHEAD = 50  # rows read past the n-th, where ties with it usually end


def _first_with_ties(rows: list[Row[Any]], n: int) -> list[int]:
    """The ids of the first n rows (id, *key), and of every later row whose key equals the
    n-th one's."""
    chosen: list[int] = []
    last: tuple[Any, ...] | None = None
    for row in rows:
        key: tuple[Any, ...] = tuple(row[1:])
        if len(chosen) >= n and key != last:
            break
        chosen.append(row[0])
        last = key
    return chosen


def due_for_a_touch(today: date, cadences: dict[str, int]) -> ColumnElement[bool]:
    """Not snoozed and not touched within their cadence, untriaged people included: who a
    week plan may hold."""
    within = and_(
        Contact.last_touch_on.is_not(None),
        Contact.last_touch_on > _days_before(today, _cadence(cadences)),
    )
    snoozed = and_(Contact.snoozed_until.is_not(None), Contact.snoozed_until > today)
    return and_(~within, ~snoozed)


def _cadence(cadences: dict[str, int]) -> ColumnElement[int]:
    """A person's own cadence, else their pile's (untriaged people take the general one)."""
    return func.coalesce(
        Contact.cadence_days,
        case(
            *((Contact.pile == pile, days) for pile, days in cadences.items()),
            else_=cadences["general"],
        ),
    )


class _days_before(FunctionElement[date]):
    """`day - n days` for a per-row n, in each dialect's own date arithmetic."""

    type = Date()
    inherit_cache = True

    def __init__(self, day: date, days: ColumnElement[int]) -> None:
        super().__init__(literal(day, Date()), days)


@compiles(_days_before, "sqlite")
def _days_before_sqlite(element: _days_before, compiler: Any, **kw: Any) -> str:
    day, days = list(element.clauses)
    return (
        f"date({compiler.process(day, **kw)}, '-' || ({compiler.process(days, **kw)}) || ' days')"
    )


@compiles(_days_before, "postgresql")
def _days_before_postgresql(element: _days_before, compiler: Any, **kw: Any) -> str:
    day, days = list(element.clauses)
    return f"(CAST({compiler.process(day, **kw)} AS DATE) - ({compiler.process(days, **kw)}))"


def _latest_events(
    session: Session,
    facts: dict[int, PersonFacts],
    contact_ids: list[int] | None,
    where: ColumnElement[bool] | None,
) -> None:
    stmt = (
        select(ContactEvent.contact_id, Event.id, Event.name, Event.held_on)
        .join(Event, Event.id == ContactEvent.event_id)
        .where(Event.held_on.is_not(None))
    )
    # the same people as the facts, chosen in SQL rather than in Python
    stmt = stmt.where(*_chosen(ContactEvent.contact_id, contact_ids, where))
    for cid, eid, name, held_on in session.execute(stmt):
        person = facts.get(cid)
        if person is None or held_on is None:
            continue
        if person.latest_event is None or held_on > person.latest_event[2]:
            person.latest_event = (eid, name, held_on)


@dataclass(frozen=True, slots=True)
class OpenPromiseRow:
    """An open promise as plans read it: plain columns, no ORM bookkeeping."""

    id: int
    contact_id: int
    what: str
    owner: str
    due_on: date | None
    made_on: date


def open_promises(
    session: Session,
    *,
    contact_ids: list[int] | None = None,
    where: ColumnElement[bool] | None = None,
) -> dict[int, list[OpenPromiseRow]]:
    """Open promises per person, oldest first, of everyone (or those chosen)."""
    stmt = (
        select(
            Promise.id,
            Promise.contact_id,
            Promise.what,
            Promise.owner,
            Promise.due_on,
            Promise.made_on,
        )
        .where(Promise.status == "open", *_chosen(Promise.contact_id, contact_ids, where))
        .order_by(Promise.id)
    )
    by_contact: dict[int, list[OpenPromiseRow]] = defaultdict(list)
    for row in session.execute(stmt):
        by_contact[row.contact_id].append(OpenPromiseRow(*row))
    return by_contact


def kept_promise_counts(
    session: Session,
    *,
    contact_ids: list[int] | None = None,
    where: ColumnElement[bool] | None = None,
) -> dict[int, int]:
    """Promises kept, per person: a kept promise is a relationship the week's deeper
    conversation can build on."""
    stmt = (
        select(Promise.contact_id, func.count())
        .where(Promise.status == "done", *_chosen(Promise.contact_id, contact_ids, where))
        .group_by(Promise.contact_id)
    )
    return {cid: n for cid, n in session.execute(stmt)}


def _chosen(
    column: Any, contact_ids: list[int] | None, where: ColumnElement[bool] | None
) -> list[ColumnElement[bool]]:
    """Conditions keeping `column` (a contact id) to the given people and to those `where`
    selects among contacts: none when neither is given."""
    conds = []
    if contact_ids is not None:
        conds.append(column.in_(contact_ids))
    if where is not None:
        conds.append(column.in_(select(Contact.id).where(where)))
    return conds


def recent_texts(session: Session, contact_ids: list[int]) -> dict[int, list[str]]:
    """Touch summaries and notes per person, newest first: where the last topic is found."""
    if not contact_ids:
        return {}
    dated: dict[int, list[tuple[date, int, str]]] = defaultdict(list)
    touches = select(Touch.contact_id, Touch.happened_on, Touch.id, Touch.summary).where(
        Touch.contact_id.in_(contact_ids), Touch.summary != ""
    )
    notes = select(Note.contact_id, Note.written_on, Note.id, Note.text).where(
        Note.contact_id.in_(contact_ids)
    )
    for stmt in (touches, notes):
        for cid, on, row_id, text in session.execute(stmt):
            dated[cid].append((on, row_id, text))
    return {cid: [text for _, _, text in sorted(rows, reverse=True)] for cid, rows in dated.items()}


def kind_counts(session: Session, contact_ids: list[int]) -> dict[tuple[int, str], int]:
    """Outbound touches per (person, kind): drafts rotate their wording by this count."""
    if not contact_ids:
        return {}
    stmt = (
        select(Touch.contact_id, Touch.kind, func.count())
        .where(Touch.contact_id.in_(contact_ids), Touch.direction == "out")
        .group_by(Touch.contact_id, Touch.kind)
    )
    return {(cid, kind): int(n) for cid, kind, n in session.execute(stmt)}


def contact_uids(session: Session) -> dict[int, str]:
    return {cid: uid for cid, uid in session.execute(select(Contact.id, Contact.uid))}


def profiles(session: Session) -> list[tuple[int, str, str | None, str, str]]:
    """(id, name, pile, title, company) of every active person."""
    stmt = select(Contact.id, Contact.name, Contact.pile, Contact.title, Contact.company).where(
        Contact.archived.is_(False)
    )
    return [
        (cid, name, pile, title or "", company or "")
        for cid, name, pile, title, company in session.execute(stmt)
    ]


def all_tags(session: Session) -> dict[int, list[str]]:
    by_contact: dict[int, list[str]] = defaultdict(list)
    for cid, tag in session.execute(
        select(ContactTag.contact_id, ContactTag.tag).order_by(ContactTag.tag)
    ):
        by_contact[cid].append(tag)
    return by_contact


def introduced_pairs(session: Session) -> set[frozenset[int]]:
    stmt = select(Touch.contact_id, Touch.with_contact_id).where(
        Touch.kind == "connect", Touch.with_contact_id.is_not(None)
    )
    return {frozenset((a, b)) for a, b in session.execute(stmt) if b is not None}


def text_hits(session: Session, words: list[str]) -> dict[int, set[str]]:
    """Which of `words` appear in each person's notes or touch summaries."""
    hits: dict[int, set[str]] = defaultdict(set)
    for word in words:
        pattern = f"%{word}%"
        for table_stmt in (
            select(Touch.contact_id).where(func.lower(Touch.summary).like(pattern)).distinct(),
            select(Note.contact_id).where(func.lower(Note.text).like(pattern)).distinct(),
        ):
            for (cid,) in session.execute(table_stmt):
                hits[cid].add(word)
    return hits
