"""Logging a touch: anything that counts as being in contact."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from followthru.domain.ledger import LedgerEntry, build_ledger
from followthru.domain.vocab import Channel, Direction, TouchKind, parse_choice
from followthru.errors import BadInput
from followthru.services import views
from followthru.services.lookup import ContactRef, find_pair
from followthru.services.runtime import Context
from followthru.store import activity, journal, touch_stats
from followthru.store.models import Touch


def ask_warning(entries: list[LedgerEntry], name: str) -> str | None:
    """Add value before asking: warn when nothing was given since the last ask."""
    if build_ledger(entries).value_since_last_ask:
        return None
    return (
        f"You have given {name} nothing since your last ask (or ever). Consider a value action "
        "first: share something useful, introduce them to someone, or congratulate a win."
    )


def log(
    ctx: Context,
    ref: ContactRef,
    *,
    via: str,
    kind: str,
    summary: str,
    inbound: bool = False,
    on: date,
    today: date,
    with_ref: ContactRef | None = None,
) -> views.TouchView:
    if on > today:
        raise BadInput(
            f"A touch cannot happen in the future ({on.isoformat()}).",
            "Log it once it has happened; for a plan, use `followthru promise`.",
        )
    channel = parse_choice(Channel, via, "channel")
    touch_kind = parse_choice(TouchKind, kind, "kind of touch")
    direction = Direction.IN if inbound else Direction.OUT
    if with_ref and touch_kind is not TouchKind.CONNECT:
        raise BadInput(
            "--with goes with --kind connect (an introduction).",
            "e.g. --kind connect --with 'Sam Lee'",
        )
    if touch_kind is TouchKind.CONNECT and not with_ref:
        raise BadInput("An introduction needs the other person.", "Add --with NAME.")
    with ctx.db.write() as session:
        change = journal.ChangeSet(session, "log")
        logged = log_in(
            session,
            ref,
            channel=channel,
            kind=touch_kind,
            direction=direction,
            summary=summary,
            on=on,
            with_ref=with_ref,
        )
        change.summary = f"logged {logged.kind} with {logged.contact_name}"
        change.save()
        return logged


def log_in(
    session: Session,
    ref: ContactRef,
    *,
    channel: Channel,
    kind: TouchKind,
    direction: Direction,
    summary: str,
    on: date,
    with_ref: ContactRef | None = None,
) -> views.TouchView:
    """The write itself, inside the caller's transaction: a plan item that logs a touch
    and keeps a promise does both or neither."""
    contact, other = find_pair(session, ref, with_ref)
    journal.touch(session, [contact.id] + ([other.id] if other else []))
    warnings: list[str] = []
    if kind is TouchKind.ASK and direction is Direction.OUT:
        history = [
            LedgerEntry(t.happened_on, TouchKind(t.kind), Direction(t.direction))
            for t in activity.touches_of(session, contact.id)
        ]
        warning = ask_warning(history, contact.name)
        warnings += [warning] if warning else []

    def touch_on(person: int, with_person: int | None) -> Touch:
        return Touch(
            contact_id=person,
            happened_on=on,
            channel=channel.value,
            kind=kind.value,
            direction=direction.value,
            summary=summary.strip(),
            with_contact_id=with_person,
        )

    touch = touch_on(contact.id, other.id if other else None)
    session.add(touch)
    if other is not None:
        # An introduction is value given to both people: it goes on both timelines.
        session.add(touch_on(other.id, contact.id))
    touch_stats.refresh(session, [contact.id] + ([other.id] if other else []))
    return views.TouchView(
        touch.id,
        contact.id,
        contact.name,
        on,
        channel.value,
        kind.value,
        direction.value,
        touch.summary,
        other.name if other else None,
        warnings,
    )
