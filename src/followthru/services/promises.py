"""Promises: made, listed (overdue first), kept or consciously dropped."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from followthru.domain.vocab import Owner, PromiseStatus, parse_choice
from followthru.errors import BadInput, PromiseNotFound
from followthru.services import views
from followthru.services.lookup import ContactRef, contact_by_id, find_contact
from followthru.services.promise_views import listed, promise_view, statuses
from followthru.services.runtime import Context
from followthru.store import activity, journal
from followthru.store.models import Promise


def add(
    ctx: Context, ref: ContactRef, what: str, *, owner: str, due: date | None, today: date
) -> views.PromiseView:
    text = " ".join(what.split())
    if not text:
        raise BadInput(
            "A promise needs to say what was promised.",
            'followthru promise NAME "lunch" --due 2026-12-01',
        )
    who = parse_choice(Owner, owner, "owner")
    with ctx.db.write() as session:
        contact = find_contact(session, ref)
        change = journal.ChangeSet(session, "promise", f"promise to {contact.name}: {text}")
        change.touch([contact.id])
        row = Promise(
            contact_id=contact.id,
            what=text,
            owner=who.value,
            due_on=due,
            status="open",
            made_on=today,
        )
        session.add(row)
        session.flush()
        change.save()
        return promise_view(row, contact.name, today=today)


def listing(ctx: Context, *, today: date, include_closed: bool = False) -> list[views.PromiseView]:
    with ctx.db.read() as session:
        rows = activity.promises_with_names(session, statuses=statuses(include_closed))
    return listed(rows, today=today)


def close(
    ctx: Context, promise_id: int, *, status: PromiseStatus, today: date, why: str | None = None
) -> views.PromiseView:
    with ctx.db.write() as session:
        change = journal.ChangeSet(session, "promise", f"promise #{promise_id} {status.value}")
        closed = close_in(session, promise_id, status=status, today=today, why=why)
        change.save()
        return closed


def close_in(
    session: Session,
    promise_id: int,
    *,
    status: PromiseStatus,
    today: date,
    why: str | None = None,
) -> views.PromiseView:
    """Closing inside the caller's transaction (a kept promise is also a logged touch)."""
    row = activity.promise(session, promise_id)
    if row is None:
        raise PromiseNotFound(promise_id)
    journal.touch(session, [row.contact_id])
    if row.status != PromiseStatus.OPEN:
        raise BadInput(
            f"Promise #{promise_id} is already {row.status}.",
            "Only open promises can be kept or dropped.",
        )
    if status is PromiseStatus.DROPPED and not (why and why.strip()):
        raise BadInput(
            "Say why the promise is dropped.",
            f'followthru promise drop {promise_id} --why "no longer relevant"',
        )
    row.status = status.value
    row.closed_on = today
    row.drop_reason = why.strip() if why else None
    session.flush()
    contact = contact_by_id(session, row.contact_id)
    return promise_view(row, contact.name, today=today)


def edit(
    ctx: Context,
    promise_id: int,
    *,
    today: date,
    what: str | None = None,
    owner: str | None = None,
    due: date | None = None,
    clear_due: bool = False,
) -> views.PromiseView:
    """Change what an open promise says, who owes it or when it is due; what is not
    given stays as it was. A kept or dropped promise is history and stays unchanged."""
    text = " ".join(what.split()) if what is not None else None
    if text == "":
        raise BadInput("A promise needs to say what was promised.")
    if due is not None and clear_due:
        raise BadInput("Give a new due date or clear it, not both.")
    who = parse_choice(Owner, owner, "owner") if owner is not None else None
    with ctx.db.write() as session:
        row = activity.promise(session, promise_id)
        if row is None:
            raise PromiseNotFound(promise_id)
        if row.status != PromiseStatus.OPEN:
            raise BadInput(
                f"Promise #{promise_id} is already {row.status}.", "Only open promises can change."
            )
        contact = contact_by_id(session, row.contact_id)
        change = journal.ChangeSet(
            session, "promise", f"edited promise #{promise_id} of {contact.name}"
        )
        journal.touch(session, [row.contact_id])
        row.what = text or row.what
        row.owner = who.value if who else row.owner
        row.due_on = None if clear_due else (due or row.due_on)
        session.flush()
        change.save()
        return promise_view(row, contact.name, today=today)
