"""Plans: what to do today, this week, and in a post-event follow-up session.

Pure functions over scored people. The order of `today` is the method's: promises first
(mine, then joint, then theirs as a gentle nudge), then the people from recent events who
still wait for a first follow-up, then a few reconnects with people gone quiet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from followthru.domain.occasions import Occasion
from followthru.domain.scoring import (
    PILE_WEIGHT,
    OpenPromise,
    PersonState,
    Rules,
    Score,
    awaiting_first_followup,
    cooling_down,
    needs_value_first,
    rank,
    reconnect_band,
    score,
)
from followthru.domain.vocab import Owner, WeekItemStatus

OWNER_ORDER = {Owner.ME: 0, Owner.BOTH: 1, Owner.THEM: 2}
# An undated promise is nudged once it has been open this long: "let's do lunch" with no
# date is exactly the promise that gets forgotten.
UNDATED_NUDGE_DAYS = 7


@dataclass(frozen=True)
class PlanRules(Rules):
    """Rules for plans, from settings."""

    target_followup_days: int = 2
    connector_followup_days: int = 7
    reconnects: int = 3
    promises_today: int = 10
    week_light: int = 12
    week_messages: int = 4
    week_deep: int = 1
    week_capacity: int = 25


@dataclass(frozen=True)
class PlanItem:
    section: str  # promise, follow-up, reconnect, light, message, deep
    score: Score
    why: str
    action: str  # a touch kind, or "promise"
    channel: str
    promise: OpenPromise | None = None
    due: date | None = None
    draft_kind: str | None = None  # which template drafts this item (None: no message)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def person(self) -> PersonState:
        return self.score.person


_VERB = {Owner.ME: "You promised", Owner.BOTH: "You agreed", Owner.THEM: "They promised"}
_ACTION = {Owner.ME: "keep it", Owner.BOTH: "set a date", Owner.THEM: "nudge gently"}


def _promise_items(
    scores: Sequence[Score], made_on: dict[int, date], *, today: date
) -> list[PlanItem]:
    """Promises due or overdue: mine, then joint, then theirs; the longest overdue first.

    An undated promise counts as due a week after it was made ("let's do lunch" with no
    date is exactly the promise that gets forgotten), so both kinds share one order.
    """
    items: list[tuple[tuple[int, int, int], PlanItem]] = []
    for s in scores:
        for p in s.person.promises:
            if p.due_on is not None:
                if p.due_on > today:
                    continue
                late = (today - p.due_on).days
                when = "due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} late"
                why = f"{_VERB[p.owner]}: {p.what} ({when}) — {_ACTION[p.owner]}"
            else:
                made = made_on.get(p.id)
                if made is None or (today - made).days < UNDATED_NUDGE_DAYS:
                    continue
                late = (today - made).days - UNDATED_NUDGE_DAYS
                why = f"{_VERB[p.owner]}: {p.what} ({(today - made).days} days ago, no date set)"
            item = PlanItem(
                "promise",
                s,
                why,
                "promise",
                message_channel(s.person),
                promise=p,
                due=p.due_on,
                draft_kind="promise",
            )
            items.append(((OWNER_ORDER[p.owner], -late, s.person.id), item))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def followup_deadline(person: PersonState, rules: PlanRules) -> date | None:
    """When the first follow-up after an event is due; None when the pile needs none.

    General people need none, unless a promise was made: "let's do lunch" makes even a
    general contact worth a follow-up, on the connectors' timetable.
    """
    if person.event_on is None:
        return None
    if person.pile == "target":
        return person.event_on + timedelta(days=rules.target_followup_days)
    if person.pile == "connector" or (person.pile == "general" and person.promises):
        return person.event_on + timedelta(days=rules.connector_followup_days)
    return None


def _followup_items(
    scores: Sequence[Score], rules: PlanRules, *, today: date, taken: set[int]
) -> list[PlanItem]:
    items: list[PlanItem] = []
    for s in scores:
        person = s.person
        deadline = followup_deadline(person, rules)
        if person.id in taken or deadline is None or not awaiting_first_followup(person):
            continue
        assert person.event_on is not None
        if not (
            person.event_on <= today <= person.event_on + timedelta(days=rules.fresh_window_days)
        ):
            continue
        left = (deadline - today).days
        when = (
            f"due in {left} days"
            if left > 1
            else "due tomorrow"
            if left == 1
            else "due today"
            if left == 0
            else f"{-left} days late"
        )
        pile = person.pile
        if pile == "general" and person.promises:
            pile = f"general, open promise: {person.promises[0].what}"
        why = f"Met at {person.event_name} on {person.event_on.isoformat()} ({pile}); first follow-up {when}"
        channel = message_channel(person, "email" if person.pile == "target" else "linkedin")
        items.append(
            PlanItem(
                "follow-up",
                s,
                why,
                "checkin",
                channel,
                promise=person.promises[0] if person.promises else None,
                due=deadline,
                draft_kind="post-event",
            )
        )
    return sorted(items, key=lambda i: (i.due or today, -i.score.total, i.person.name))


def untriaged_backlog(
    people: Iterable[PersonState], rules: PlanRules, *, today: date
) -> dict[str, int]:
    """People from recent events still without a pile, by event: nobody can follow them up
    until they are sorted, so `today` shows the backlog instead of silently skipping them."""
    backlog: dict[str, int] = {}
    for person in people:
        if person.pile is not None or person.event_on is None or person.event_name is None:
            continue
        if 0 <= (today - person.event_on).days <= rules.fresh_window_days:
            backlog[person.event_name] = backlog.get(person.event_name, 0) + 1
    return backlog


BAND_ORDER = {"recent": 0, "older": 1, "undated": 2}


def reconnect_candidate(person: PersonState, rules: PlanRules, *, today: date) -> str | None:
    """The person's reconnect band (see `reconnect_band`), or None when they cannot be
    offered today: in touch too lately, cooling down or snoozed."""
    if cooling_down(person, rules, today=today):
        return None
    if person.snoozed_until and person.snoozed_until > today:
        return None
    return reconnect_band(person, rules, today=today)


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def acquaintance(person: PersonState, *, today: date) -> str:
    """Since when we know this person, said from what the data holds: someone imported
    with a "Connected On" date was never in touch, but was connected, and that is what
    makes a hello after years natural rather than strange."""
    if person.last_touch_on is not None:
        return f"no contact for {_days((today - person.last_touch_on).days)}"
    if person.event_on is not None and person.event_name:
        ago = _days(max(0, (today - person.event_on).days))
        return f"met at {person.event_name} {ago} ago, no contact since"
    if person.met_on is not None:
        return f"connected {_days(max(0, (today - person.met_on).days))} ago, no contact since"
    return "no date known, never in touch"


def message_channel(person: PersonState, prefer: str = "email") -> str:
    """Where a personal message can reach this person, from the details known: never
    e-mail without an address, never LinkedIn without a profile."""
    if prefer == "linkedin" and person.has_profile:
        return "linkedin"
    if person.has_email:
        return "email"
    if person.has_profile:
        return "linkedin"
    return "message" if person.has_phone else "in-person"


def _reconnect_items(
    scores: Sequence[Score], rules: PlanRules, *, today: date, taken: set[int], n: int
) -> list[PlanItem]:
    """Targets let lapse past their cadence first (sorting someone as a target is asking to
    hear about them, band or not), then the 3-6-month band, then older, then undated;
    within that by pile (target first), then the most recently in touch (they remember you
    best), then by score."""
    banded: list[tuple[tuple[int, int, float, int, float], Score]] = []
    for s in scores:
        band = reconnect_candidate(s.person, rules, today=today)
        if s.person.id not in taken and band is not None:
            since_day = s.person.last_touch_on or s.person.met_on
            quiet = (today - since_day).days if since_day else 0
            pile = -PILE_WEIGHT.get(s.person.pile, 0.0)
            lapsed = 0 if lapsed_past_cadence(s.person, today=today) else 1
            banded.append(((lapsed, BAND_ORDER[band], pile, quiet, -s.total), s))
    banded.sort(key=lambda pair: pair[0])  # stable: ties keep the rank order
    return [_reconnect_item(s, rules, today=today) for _, s in banded[:n]]


LAPSE_FIRST_PILES = ("target",)  # the pile whose lapse outranks the reconnect bands


def lapsed_past_cadence(person: PersonState, *, today: date) -> bool:
    """A target never in touch, or quiet for at least their cadence. Connectors and the
    rest keep the bands' order: the 3-6-month band still remembers you best."""
    if person.pile not in LAPSE_FIRST_PILES:
        return False
    since_day = person.last_touch_on or person.met_on
    return since_day is None or (today - since_day).days >= person.cadence_days


def _reconnect_item(s: Score, rules: PlanRules, *, today: date) -> PlanItem:
    person = s.person
    quiet = acquaintance(person, today=today)
    channel = message_channel(person)
    if needs_value_first(person, rules):
        why = f"{quiet} and {person.unanswered} messages unanswered: offer something useful"
        return PlanItem("reconnect", s, why, "content", channel, draft_kind="content")
    pile = person.pile or "untriaged"
    if lapsed_past_cadence(person, today=today):
        pile = f"{pile}, every {_days(person.cadence_days)}: due"
    why = f"{quiet} ({pile}): a low-effort hello, expect nothing back"
    return PlanItem("reconnect", s, why, "reconnect", channel, draft_kind="reconnect")


def congratulate_item(s: Score, occasion: Occasion, *, section: str = "congratulate") -> PlanItem:
    """A congratulation for a true reason: a birthday in the planned days or a noted win."""
    return PlanItem(
        section,
        s,
        f"Congratulate: {occasion.why}",
        "congratulate",
        message_channel(s.person, "linkedin"),
        draft_kind="birthday" if occasion.kind == "birthday" else "congratulate",
    )


def today_plan(
    people: Iterable[PersonState],
    rules: PlanRules,
    *,
    today: date,
    promise_made_on: dict[int, date] | None = None,
    occasions: Mapping[int, Occasion] | None = None,
) -> list[PlanItem]:
    """Promises due (mine, joint, theirs), then first follow-ups after events, then
    congratulations (birthdays, noted wins), then reconnects."""
    scores = rank([score(p, rules, today=today) for p in people])
    promises = _promise_items(scores, promise_made_on or {}, today=today)
    promises = promises[: rules.promises_today]  # the rest wait in `followthru promises`
    taken = {i.person.id for i in promises}
    followups = _followup_items(scores, rules, today=today, taken=taken)
    taken |= {i.person.id for i in followups}
    found = occasions or {}
    congrats = [
        congratulate_item(s, found[s.person.id])
        for s in scores
        if s.person.id in found and s.person.id not in taken
    ]
    taken |= {i.person.id for i in congrats}
    reconnects = _reconnect_items(scores, rules, today=today, taken=taken, n=rules.reconnects)
    return promises + followups + congrats + reconnects


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def within_cadence(person: PersonState, *, today: date) -> bool:
    """Touched more recently than their cadence: too soon to plan them again."""
    if person.last_touch_on is None:
        return False
    return (today - person.last_touch_on).days < person.cadence_days


def week_plan(
    people: Iterable[PersonState],
    rules: PlanRules,
    *,
    today: date,
    occasions: Mapping[int, Occasion] | None = None,
) -> list[PlanItem]:
    """The 12-4-1: light engagements, personal messages, one deeper conversation.

    Drawn from the whole network, untriaged people included: due people rank first (their
    cadence term), then dormant ones; a birthday or noted win this week takes a message
    slot first, as a congratulation, even inside their cadence window or cool-down (as in
    `today`). Distinct people; otherwise nobody inside their cadence window, cooling down
    or snoozed; and never more than the week's capacity.
    """
    found = occasions or {}
    scores = rank(
        [
            score(p, rules, today=today)
            for p in people
            if week_eligible(p, rules, today=today) or _congratulable(p, found, today=today)
        ]
    )
    wanted = [
        ("deep", rules.week_deep),
        ("message", rules.week_messages),
        ("light", rules.week_light),
    ]
    room = rules.week_capacity
    plan: list[PlanItem] = []
    pool = list(scores)
    for slot, count in wanted:
        count = max(0, min(count, room))
        room -= count
        eligible = [  # only a message slot congratulates
            s
            for s in pool
            if week_eligible(s.person, rules, today=today)
            or (slot == "message" and s.person.id in found)
        ]
        chosen = _pick(eligible, slot, count, found)
        picked = {s.person.id for s in chosen}
        pool = [s for s in pool if s.person.id not in picked]
        plan += [
            congratulate_item(s, found[s.person.id], section="message")
            if slot == "message" and s.person.id in found
            else _week_item(s, slot, rules, today=today)
            for s in chosen
        ]
    return plan


def week_eligible(person: PersonState, rules: PlanRules, *, today: date) -> bool:
    """Not touched within their cadence, not cooling down, not snoozed."""
    return (
        not within_cadence(person, today=today)
        and not cooling_down(person, rules, today=today)
        and not (person.snoozed_until and person.snoozed_until > today)
    )


def _congratulable(person: PersonState, occasions: Mapping[int, Occasion], *, today: date) -> bool:
    """A birthday or a win is a reason to write inside the cadence window too, as in `today`."""
    snoozed = person.snoozed_until is not None and person.snoozed_until > today
    return person.id in occasions and not snoozed


def relationship(person: PersonState) -> int:
    """How much there is to build a call or a coffee on (0: nothing yet): a pile that
    says they matter, touches both ways, a promise kept. A stranger imported yesterday is
    asked for a light touch or a message first, never straight for a coffee."""
    strength = {"target": 3, "connector": 3}.get(person.pile or "", 0)
    if person.last_inbound_on is not None and person.last_outbound_on is not None:
        strength += 2
    elif person.last_touch_on is not None:
        strength += 1
    return strength + (1 if person.kept_promises else 0)


def _pick(
    pool: Sequence[Score], slot: str, count: int, occasions: Mapping[int, Occasion]
) -> list[Score]:
    """The best `count` for the slot, preferring who suits it: the people who matter most
    for a call or coffee, people with something to congratulate for a message, people
    with a profile to engage with for a light touch."""
    if slot == "deep":  # whoever has something to congratulate keeps it for a message
        free = [s for s in pool if s.person.id not in occasions]
        preferred = sorted(free, key=lambda s: -relationship(s.person))  # stable: rank order
    elif slot == "message":
        preferred = [s for s in pool if s.person.id in occasions]
    elif slot == "light":
        preferred = [s for s in pool if s.person.has_profile]
    else:
        preferred = []
    chosen = preferred[:count]
    ids = {s.person.id for s in chosen}
    return chosen + [s for s in pool if s.person.id not in ids][: count - len(chosen)]


def _week_item(s: Score, slot: str, rules: PlanRules, *, today: date) -> PlanItem:
    person = s.person
    quiet = acquaintance(person, today=today)
    pile = person.pile or "untriaged"
    if slot == "deep":
        # coffee with someone met at an event; a call for a target or a connection made online
        channel = "in-person" if person.event_on is not None and person.pile != "target" else "call"
        if needs_value_first(person, rules):  # the pest guard: earn the call with something useful
            return PlanItem(
                "deep",
                s,
                f"{pile}, {quiet} and {person.unanswered} messages unanswered: "
                "offer something useful, then suggest a call",
                "meeting",
                channel,
                draft_kind="content",
            )
        return PlanItem(
            "deep",
            s,
            f"{pile}, {quiet}: a call or coffee",
            "meeting",
            channel,
            draft_kind="meeting",
        )
    if slot == "message":
        if needs_value_first(person, rules) or person.asks > person.given:
            return PlanItem(
                "message",
                s,
                f"{quiet}; give before you ask: share something useful",
                "content",
                message_channel(person),
                draft_kind="content",
            )
        return PlanItem(
            "message",
            s,
            f"{quiet}: a personal check-in",
            "checkin",
            message_channel(person),
            draft_kind="checkin",
        )
    if person.has_profile:
        return PlanItem("light", s, f"{quiet}: engage with their post", "engage", "linkedin")
    return PlanItem(
        "light", s, f"{quiet}: a short hello (no profile to engage with)", "engage", "message"
    )


@dataclass(frozen=True)
class SessionAgenda:
    items: list[PlanItem]
    minutes: int


MINUTES_PER_ITEM = {"promise": 5, "target": 10, "connector": 7}


def session_agenda(
    people: Iterable[PersonState], rules: PlanRules, *, event_id_people: set[int], today: date
) -> SessionAgenda:
    """Promises first, then target people, then connectors; general people only with a promise."""
    scores = rank([score(p, rules, today=today) for p in people if p.id in event_id_people])
    promise_items = [
        PlanItem(
            "promise",
            s,
            f"Open promise: {p.what}",
            "promise",
            message_channel(s.person),
            promise=p,
            due=p.due_on,
            draft_kind="promise",
        )
        for s in scores
        for p in s.person.promises
    ]
    promised = {i.person.id for i in promise_items}
    followups: list[PlanItem] = []
    for pile in ("target", "connector"):
        for s in scores:
            if (
                s.person.pile == pile
                and s.person.id not in promised
                and awaiting_first_followup(s.person)
            ):
                deadline = followup_deadline(s.person, rules)
                why = f"{pile}: first follow-up" + (
                    f" due {deadline.isoformat()}" if deadline else ""
                )
                followups.append(
                    PlanItem(
                        "follow-up",
                        s,
                        why,
                        "checkin",
                        message_channel(s.person, "email" if pile == "target" else "linkedin"),
                        due=deadline,
                        draft_kind="post-event",
                    )
                )
    minutes = len(promise_items) * MINUTES_PER_ITEM["promise"] + sum(
        MINUTES_PER_ITEM.get(i.person.pile or "", 5) for i in followups
    )
    rounded = max(30, -(-minutes // 15) * 15)  # whole quarter hours, at least half an hour
    return SessionAgenda(promise_items + followups, rounded)


DEEP_CHANNELS = frozenset({"call", "meeting", "in-person"})


def slot_of(kind: str, channel: str) -> str:
    """Which 12-4-1 slot a logged touch fills: so logging it ticks the plan off."""
    if kind == "engage":
        return "light"
    if kind == "meeting" or channel in DEEP_CHANNELS:
        return "deep"
    return "message"


def week_complete(statuses: Sequence[str]) -> bool:
    """A week counts as completed when nothing in it was left simply undone."""
    closed = (WeekItemStatus.DONE, WeekItemStatus.SKIPPED, WeekItemStatus.SNOOZED)
    return bool(statuses) and all(s in closed for s in statuses)


def streak(weeks: Sequence[Sequence[str]]) -> int:
    """Completed weeks in a row, newest first, stopping at the first incomplete one."""
    count = 0
    for statuses in weeks:
        if not week_complete(statuses):
            break
        count += 1
    return count


def next_touch_due(person: PersonState, *, today: date) -> date | None:
    """The day this person should next hear from us by their cadence; never in the past."""
    last = person.last_touch_on or person.met_on
    if last is None:
        return None
    return max(last + timedelta(days=person.cadence_days), today)
