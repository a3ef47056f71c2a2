"""Tools that only read: the plans, promises, people, and ideas for adding value.

Each takes the desk and typed arguments whose descriptions tell an assistant what to pass,
calls one service, and answers with a few lines of text and the service's `as_json()` shape
(the same keys as the CLI's --json).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from pydantic import Field

from followthru.domain.drafting import DRAFT_KINDS
from followthru.domain.vocab import Pile, WeekItemStatus
from followthru.errors import BadInput
from followthru.mcp.tooling import Desk, Reply
from followthru.services import contact_detail, contacts, drafts, network, planning, promises
from followthru.services import stats as insight
from followthru.services import week as weeks
from followthru.services.plan_reads import PlanItemView

ContactId = Annotated[int, Field(ge=1, strict=True)]
"""A contact's id as a JSON number: looked up by id only, never as a name."""
TypedName = Annotated[str, Field(min_length=1, max_length=300)]
Person = Annotated[
    ContactId | TypedName,
    Field(
        description="Who: their id as a number (e.g. 12, as other results show it), or text: "
        "their name (a unique part of it is enough), an e-mail address, or '#12'.",
    ),
]
OtherPerson = Annotated[
    ContactId | Annotated[str, Field(max_length=300)] | None,
    Field(
        description="With kind 'connect': the other person of the introduction (an id, a "
        "name, an e-mail or #ID).",
    ),
]
Limit = Annotated[int, Field(ge=1, le=100, description="At most this many results.")]
WithDrafts = Annotated[
    bool, Field(description="Include a drafted message for each item (longer answer).")
]


# What search_people takes.
SearchText = Annotated[
    str | None,
    Field(max_length=200, description="Words in the name, company, title, e-mail or tags."),
]
OnlyPile = Annotated[Pile | None, Field(description="Only people in this pile.")]
Untriaged = Annotated[bool, Field(description="Only people not in any pile yet.")]
OnlyEvent = Annotated[
    str | None, Field(max_length=300, description="Only people met at this event.")
]
OnlyTag = Annotated[str | None, Field(max_length=100, description="Only people with this tag.")]
Dormant = Annotated[
    str | None,
    Field(max_length=20, description="Not touched for this long, e.g. 90d, 6w, 3m, 1y."),
]


def plan_lines(items: list[PlanItemView]) -> list[str]:
    """One line per plan item: number, person (#ID), why, and what to do."""
    lines = []
    for item in items:
        status = (
            f" [{item.status}]" if item.status and item.status != WeekItemStatus.PLANNED else ""
        )
        lines.append(
            f"{item.number}. {item.name} (#{item.contact_id}){status} — {item.why}; "
            f"{item.action} via {item.channel}"
        )
    return lines


def today(
    desk: Desk,
    reconnects: Annotated[
        int | None,
        Field(ge=0, le=50, description="How many people to reconnect with (default: settings)."),
    ] = None,
    with_drafts: WithDrafts = True,
) -> Reply:
    """Today's plan: promises due first, then first follow-ups after events, then a few
    people to reconnect with — each with the reason and, optionally, a drafted message."""
    day = desk.today()
    plan = planning.today(desk.ctx, today=day, n=reconnects, drafts=with_drafts)
    lines = [f"Today, {day.isoformat()}: {len(plan.items)} to do.", *plan_lines(plan.items)]
    lines += [
        f"{count} from {event} not triaged yet (put them in a pile)."
        for event, count in sorted(plan.untriaged.items())
    ]
    return Reply("\n".join(lines), plan.as_json(day))


def week(
    desk: Desk,
    last: Annotated[
        bool, Field(description="Last week's plan and completion instead of this week's.")
    ] = False,
    with_drafts: WithDrafts = False,
) -> Reply:
    """This week's 12-4-1 plan (12 light touches, 4 messages, 1 deeper conversation),
    made the first time anyone looks, with what is done and the weekly streak."""
    view = weeks.show(desk.ctx, today=desk.today(), last=last, drafts=with_drafts)
    head = (
        f"Week of {view.week_of.isoformat()}: {view.done}/{len(view.items)} done, "
        f"streak {view.streak}."
    )
    return Reply("\n".join([head, *plan_lines(view.items)]), view.as_json())


def list_promises(
    desk: Desk,
    include_closed: Annotated[
        bool, Field(description="Also list kept and dropped promises.")
    ] = False,
) -> Reply:
    """Promises, open ones first with the overdue ones at the top; each has an ID that
    keep_promise, drop_promise and edit_promise take."""
    rows = promises.listing(desk.ctx, today=desk.today(), include_closed=include_closed)
    lines = [
        f"#{p.id} {p.contact_name} [{p.owner}] {p.what}"
        + (f", due {p.due_on}" if p.due_on else "")
        + (f" ({p.days_late}d late)" if p.days_late else "")
        + (f" — {p.status}" if p.status != "open" else "")
        for p in rows
    ]
    text = "\n".join(lines) if lines else "No open promises."
    return Reply(text, {"promises": [p.as_json() for p in rows]})


def search_people(
    desk: Desk,
    text: SearchText = None,
    pile: OnlyPile = None,
    untriaged: Untriaged = False,
    event: OnlyEvent = None,
    tag: OnlyTag = None,
    dormant: Dormant = None,
    limit: Limit = 20,
) -> Reply:
    """Find people: by text, pile, event, tag or time since the last touch."""
    if pile is not None and untriaged:
        raise BadInput("Ask for one pile or for untriaged people, not both.")
    query = contacts.ListQuery(
        pile="untriaged" if untriaged else (pile.value if pile else None),
        event=event,
        tag=tag,
        dormant=dormant,
        search=text,
    )
    found = contacts.page(desk.ctx, query, today=desk.today(), limit=limit)
    lines = [
        f"#{c.id} {c.name}"
        + "".join(f", {x}" for x in (c.title, c.company) if x)
        + f" — {c.pile or 'untriaged'}, last touch {c.last_touch_on or 'never'}"
        for c in found.people
    ]
    more = f" (showing {len(found.people)})" if found.has_next else ""
    return Reply("\n".join([f"{found.total} found{more}.", *lines]), found.as_json())


def show_person(desk: Desk, person: Person) -> Reply:
    """Everything about one person: details, pile and cadence, open promises, the
    give/ask ledger and the timeline of touches, notes and promises."""
    detail = contact_detail.show(desk.ctx, person, today=desk.today())
    s = detail.summary
    lines = [
        f"#{s.id} {s.name}" + "".join(f", {x}" for x in (s.title, s.company) if x),
        f"Pile: {s.pile or 'untriaged'}; every {detail.cadence_days} days; "
        f"last touch {s.last_touch_on or 'never'}.",
        f"Given: {', '.join(f'{k} {v}' for k, v in detail.ledger.given.items() if v) or 'nothing'}; "
        f"asks: {detail.ledger.asks}.",
        *(
            f"Promise #{p.id} [{p.owner}] {p.what}" + (f", due {p.due_on}" if p.due_on else "")
            for p in detail.promises
            if p.status == "open"
        ),
        *(f"{t.on.isoformat()} {t.kind}: {t.text}" for t in detail.timeline),
    ]
    return Reply("\n".join(lines), detail.as_json())


def why(desk: Desk, person: Person) -> Reply:
    """Why someone ranks where they do today: every term of their follow-up score."""
    day = desk.today()
    score = planning.why(desk.ctx, person, today=day)
    lines = [f"{score.person.name}: {score.total:+.2f}"]
    lines += [f"{t.name} {t.value:+.2f} — {t.fact}" for t in score.terms]
    return Reply("\n".join(lines), planning.why_json(score, day))


def draft(
    desk: Desk,
    person: Person,
    kind: Annotated[
        str,
        Field(
            json_schema_extra={"enum": list(DRAFT_KINDS)},
            description="What the message is for: " + ", ".join(DRAFT_KINDS) + ".",
        ),
    ] = "checkin",
    with_person: OtherPerson = None,
    about: Annotated[
        str, Field(max_length=1000, description="What it is about (an article, a win …).")
    ] = "",
) -> Reply:
    """Draft a short personal message for someone, in the user's templates; warns when
    the user is about to ask someone they have given nothing."""
    made = drafts.draft(
        desk.ctx, person, kind=kind, with_ref=with_person, about=about, today=desk.today()
    )
    warnings = [f"Warning: {w}" for w in made.warnings]
    return Reply("\n".join([*warnings, made.text]), made.as_json())


def intros(desk: Desk, limit: Limit = 10) -> Reply:
    """Pairs of people worth introducing to each other, with the reason (a need one has
    that the other offers, or shared interests)."""
    pairs = network.intros(desk.ctx, limit=limit)
    lines = [
        f"#{p.first.id} {p.first.name} ↔ #{p.second.id} {p.second.name} — {p.reason}" for p in pairs
    ]
    text = "\n".join(lines) or "No introductions to suggest yet: people need tags in common."
    return Reply(text, {"pairs": [network.intro_json(p) for p in pairs]})


def share(
    desk: Desk,
    topic: Annotated[
        str, Field(min_length=1, max_length=2000, description="A topic or an article's URL.")
    ],
    limit: Limit = 10,
) -> Reply:
    """Who in the network would value an article or topic, best first, each with a draft."""
    found = network.share(desk.ctx, topic, limit=limit)
    lines = [f"#{s.match.profile.id} {s.match.profile.name} — {s.match.reason}" for s in found]
    text = "\n".join(lines) or "Nobody's tags, role or notes match that topic."
    return Reply(text, {"people": [s.as_json() for s in found]})


def stats(desk: Desk) -> Reply:
    """The user's numbers: follow-through rate on promises, touches per week against the
    12-4-1 plan, share of each pile within cadence, dormant people, untriaged backlog."""
    s = insight.stats(desk.ctx, today=desk.today())
    ft = s.follow_through
    rate = f"{ft.rate:.0%}" if ft.rate is not None else "—"
    lines = [
        f"Follow-through: {rate} ({ft.kept_on_time} of {ft.due} due kept on time).",
        f"Dormant: {s.dormant} of {s.people}; untriaged: {s.untriaged}.",
        *(f"{h.pile}: {h.within_cadence} of {h.people} within cadence" for h in s.piles),
    ]
    return Reply("\n".join(lines), s.as_json())


READING: list[Callable[..., Reply]] = [
    today,
    week,
    list_promises,
    search_people,
    show_person,
    why,
    draft,
    intros,
    share,
    stats,
]
