"""Resources an assistant can attach (a person, the week's plan) and the two routines of
the method as prompts: the post-event follow-up session and the weekly 12-4-1 review.

A prompt carries the facts it is about (the people met at the event, this week's plan) and
says, step by step, which tools do the work, so the assistant starts from the user's data.
"""

from __future__ import annotations

import json
from typing import Annotated

from pydantic import Field

from followthru.mcp.reading import plan_lines
from followthru.mcp.tooling import Desk
from followthru.services import contact_detail, events, stats
from followthru.services import week as weeks


def person_json(desk: Desk, contact_id: int) -> str:
    """A person with timeline, promises and ledger: the CLI's `show --json`."""
    detail = contact_detail.show(desk.ctx, contact_id, today=desk.today())
    return json.dumps(detail.as_json(), ensure_ascii=False, indent=1)


def week_json(desk: Desk) -> str:
    """This week's 12-4-1 plan: the CLI's `week --json`."""
    view = weeks.show(desk.ctx, today=desk.today(), drafts=False)
    return json.dumps(view.as_json(), ensure_ascii=False, indent=1)


# How a follow-up session after an event goes: promises first, then each pile by urgency.
_SESSION_STEPS = (
    "Work through it in this order, one person at a time, and ask me before recording anything:",
    "1. Promises first: list_promises, and keep or follow up on those with these people.",
    "2. Anyone untriaged: ask me which pile (target, connector, general) and use set_pile.",
    "3. Target people (within about 2 days): a first message that learns their need; "
    "never a pitch. Use draft with kind post-event.",
    "4. Connectors (within about a week): coffee, an introduction, something useful.",
    "5. General: nothing, unless something was promised.",
    "When I say I sent or did something, record it with log_touch; notes with "
    "write_note (promises in them are filed).",
)


def post_event_follow_up(
    desk: Desk,
    event: Annotated[str, Field(description="The event's name (a unique part is enough).")],
) -> str:
    """The follow-up session after an event, with the people met there."""
    detail = events.show(desk.ctx, event)
    e = detail.event
    people = [
        f"- #{p.id} {p.name}"
        + "".join(f", {x}" for x in (p.title, p.company) if x)
        + f" — {p.pile or 'untriaged'}"
        + (" (already followed up)" if detail.followed_up(p) else "")
        for p in detail.people
    ]
    return "\n".join(
        [
            f"Help me run my follow-up session for {e.name}"
            + (f" ({e.held_on.isoformat()})" if e.held_on else "")
            + f". I met {e.people} {'person' if e.people == 1 else 'people'} there:",
            *people,
            *(f"Note: {w}" for w in detail.warnings),
            "",
            *_SESSION_STEPS,
        ]
    )


def weekly_review(desk: Desk) -> str:
    """The weekly 12-4-1 review, with this week's plan and last week's score."""
    day = desk.today()
    this = weeks.show(desk.ctx, today=day, drafts=False)
    last = weeks.show(desk.ctx, today=day, last=True, drafts=False)
    numbers = stats.stats(desk.ctx, today=day)
    rate = numbers.follow_through.rate
    return "\n".join(
        [
            "Let's do my weekly 12-4-1 review (about 20 minutes): 12 light touches, "
            "4 personal messages, 1 deeper conversation.",
            f"Last week: {last.done} of {len(last.items)} done; streak {this.streak} weeks; "
            f"follow-through {f'{rate:.0%}' if rate is not None else 'not measured yet'}.",
            f"This week's plan (from {this.week_of.isoformat()}):",
            *(plan_lines(this.items) or ["(nothing planned: everyone is within their cadence)"]),
            "",
            "Go through the plan with me: for messages, use draft for the person and the "
            "suggested kind; when I say something is done, record it with log_touch (that "
            "ticks the item off). Then check list_promises for anything overdue, and "
            "suggest one value action from intros or share.",
        ]
    )
