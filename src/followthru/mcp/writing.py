"""Tools that record what happened: touches, notes, promises, new people, piles.

Every write goes through the same service as the CLI's command, with the same validation
and the same sentences when something is wrong, so an assistant cannot store what the
user could not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import Field

from followthru.domain.vocab import Channel, Owner, Pile, PromiseStatus, TouchKind
from followthru.mcp.reading import OtherPerson, Person
from followthru.mcp.tooling import Desk, Reply
from followthru.services import contacts, notes, promises, touches
from followthru.services.views import PromiseView

Day = Annotated[
    str | None,
    Field(
        max_length=40,
        description="A date as YYYY-MM-DD, or today / yesterday; today when left out.",
    ),
]
PromiseId = Annotated[
    int, Field(ge=1, description="The promise's ID, as list_promises or show_person give it.")
]
NoteText = Annotated[
    str,
    Field(
        min_length=1,
        max_length=10000,
        description="What was said or learnt, in the user's words. Promises in it "
        '("let\'s do lunch", "I\'ll send the deck", "she\'ll intro me to her CFO") are '
        "filed as open promises and reported back.",
    ),
]

# What log_touch takes.
Summary = Annotated[str, Field(max_length=2000, description="What happened, in a few words.")]
Via = Annotated[Channel, Field(description="How you were in touch.")]
Kind = Annotated[
    TouchKind,
    Field(
        description="What it was: a check-in, a value action (content, connect, "
        "congratulate), an ask, engaging with their posts (engage), a meeting, thanks."
    ),
]
Inbound = Annotated[bool, Field(description="They reached out to the user (a reply counts).")]

# What add_person takes.
FullName = Annotated[str, Field(min_length=1, max_length=300, description="Full name.")]
Emails = Annotated[tuple[str, ...], Field(max_length=20, description="E-mail addresses.")]
Phones = Annotated[tuple[str, ...], Field(max_length=20, description="Phone numbers.")]
Company = Annotated[str | None, Field(max_length=300, description="Company.")]
Title = Annotated[str | None, Field(max_length=300, description="Job title.")]
MetAt = Annotated[
    str | None,
    Field(max_length=300, description="Where you met; an event is created if it is new."),
]
NewPile = Annotated[
    Pile | None,
    Field(
        description="target (a potential lead), connector (can introduce, mentor, or "
        "you clicked) or general (no reason to follow up); leave out if unsure."
    ),
]
FirstNote = Annotated[
    str | None,
    Field(max_length=10000, description="What you talked about; promises in it are filed."),
]
IntroducedBy = Annotated[
    str | None, Field(max_length=300, description="Who introduced you (an existing person).")
]
Tags = Annotated[
    tuple[str, ...], Field(max_length=50, description="Tags, e.g. investor or needs:designer.")
]


def promise_line(p: PromiseView) -> str:
    due = f", due {p.due_on}" if p.due_on else ""
    return f"Promise #{p.id} [{p.owner}] {p.what} — {p.contact_name}{due} ({p.status})"


def _hearing(head: str, heard: list[PromiseView], data: dict[str, Any]) -> Reply:
    """A write that listened for promises: what was done, then each promise heard."""
    return Reply("\n".join([head, *(f"Heard: {promise_line(p)}" for p in heard)]), data)


def log_touch(
    desk: Desk,
    person: Person,
    summary: Summary = "",
    via: Via = Channel.EMAIL,
    kind: Kind = TouchKind.CHECKIN,
    inbound: Inbound = False,
    on: Day = None,
    with_person: OtherPerson = None,
) -> Reply:
    """Record a touch with someone (a call, coffee, e-mail, a reply, a comment on their
    post): it resets their keep-in-touch clock and ticks off a matching plan item."""
    day = desk.today()
    logged = touches.log(
        desk.ctx,
        person,
        via=via.value,
        kind=kind.value,
        summary=summary,
        inbound=inbound,
        on=desk.date(on) or day,
        today=day,
        with_ref=with_person,
    )
    arrow = "from" if logged.direction == "in" else "with"
    extra = f" and {logged.with_contact}" if logged.with_contact else ""
    lines = [
        f"Logged {logged.kind} via {logged.channel} {arrow} {logged.contact_name}{extra} "
        f"on {logged.happened_on}.",
        *(f"Warning: {w}" for w in logged.warnings),
    ]
    return Reply("\n".join(lines), logged.as_json())


def write_note(desk: Desk, person: Person, text: NoteText, on: Day = None) -> Reply:
    """Keep a note about someone (what you talked about, what they need); any promise in
    it is filed, and the answer lists the promises heard so the user can check them."""
    day = desk.today()
    written = notes.add(
        desk.ctx, person, text, written_on=desk.date(on) or day, detect=True, today=day
    )
    head = f"Note #{written.id} on {written.contact_name}, {written.written_on}."
    return _hearing(head, written.promises, written.as_json())


def add_promise(
    desk: Desk,
    person: Person,
    what: Annotated[
        str, Field(min_length=1, max_length=2000, description="What was promised, e.g. 'lunch'.")
    ],
    owner: Annotated[
        Owner, Field(description="Who owes it: me (the user), them, or both.")
    ] = Owner.ME,
    due: Day = None,
) -> Reply:
    """Record a promise made to or by someone; promises come first in every plan."""
    day = desk.today()
    made = promises.add(desk.ctx, person, what, owner=owner.value, due=desk.date(due), today=day)
    return Reply(promise_line(made) + ".", made.as_json())


def keep_promise(desk: Desk, promise_id: PromiseId) -> Reply:
    """Mark an open promise as kept."""
    kept = promises.close(desk.ctx, promise_id, status=PromiseStatus.DONE, today=desk.today())
    return Reply(f"Kept: {promise_line(kept)}.", kept.as_json())


def drop_promise(
    desk: Desk,
    promise_id: PromiseId,
    why: Annotated[
        str, Field(min_length=1, max_length=2000, description="Why it no longer applies.")
    ],
) -> Reply:
    """Drop an open promise consciously, saying why (it no longer counts against the user)."""
    dropped = promises.close(
        desk.ctx, promise_id, status=PromiseStatus.DROPPED, today=desk.today(), why=why
    )
    return Reply(f"Dropped: {promise_line(dropped)}.", dropped.as_json())


def edit_promise(
    desk: Desk,
    promise_id: PromiseId,
    what: Annotated[
        str | None, Field(max_length=2000, description="New wording; unchanged when left out.")
    ] = None,
    owner: Annotated[
        Owner | None, Field(description="Who owes it now; unchanged when left out.")
    ] = None,
    due: Day = None,
    clear_due: Annotated[bool, Field(description="Remove the due date.")] = False,
) -> Reply:
    """Change an open promise: its wording, who owes it, or when it is due."""
    changed = promises.edit(
        desk.ctx,
        promise_id,
        today=desk.today(),
        what=what,
        owner=owner.value if owner else None,
        due=desk.date(due),
        clear_due=clear_due,
    )
    return Reply(f"Changed: {promise_line(changed)}.", changed.as_json())


def add_person(
    desk: Desk,
    name: FullName,
    emails: Emails = (),
    phones: Phones = (),
    company: Company = None,
    title: Title = None,
    event: MetAt = None,
    pile: NewPile = None,
    note: FirstNote = None,
    introduced_by: IntroducedBy = None,
    tags: Tags = (),
) -> Reply:
    """Add someone the user met, with where they met, a pile and what they talked about."""
    new = contacts.NewContact(
        name=name,
        emails=list(emails),
        phones=list(phones),
        company=company,
        title=title,
        event=event,
        pile=pile.value if pile else None,
        note=note,
        introduced_by=introduced_by,
        tags=list(tags),
    )
    added = contacts.add(desk.ctx, new, today=desk.today())
    c = added.contact
    head = f"Added #{c.id} {c.name} — {c.pile or 'untriaged'}."
    return _hearing(head, added.promises, added.as_json())


def set_pile(
    desk: Desk,
    person: Person,
    pile: Annotated[
        Pile,
        Field(description="target (a potential lead), connector (relationship) or general."),
    ],
) -> Reply:
    """Put someone in a pile; the pile sets how soon and how often to follow up."""
    moved = contacts.set_pile(desk.ctx, person, pile.value, today=desk.today())
    return Reply(f"#{moved.id} {moved.name} is now in {moved.pile}.", moved.as_json())


WRITING: list[Callable[..., Reply]] = [
    log_touch,
    write_note,
    add_promise,
    keep_promise,
    drop_promise,
    edit_promise,
    add_person,
    set_pile,
]
