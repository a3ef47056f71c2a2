"""`followthru draft`: one message for one person named on the command line."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from followthru.domain.drafting import DRAFT_KINDS
from followthru.errors import BadInput
from followthru.services.draft_text import Draft, compose, facts_for
from followthru.services.lookup import ContactRef, find_pair
from followthru.services.runtime import Context
from followthru.store import planning
from followthru.store.models import Contact
from followthru.store.rows import of_session


def draft(
    ctx: Context,
    ref: ContactRef,
    *,
    kind: str,
    with_ref: ContactRef | None = None,
    about: str = "",
    today: date,
) -> Draft:
    """`followthru draft NAME --kind K`: one message, with the give-before-ask warning."""
    if kind not in DRAFT_KINDS:
        raise BadInput(
            f"Unknown kind of draft {kind!r}.", f"Choose one of: {', '.join(DRAFT_KINDS)}."
        )
    if kind == "connect" and not with_ref:
        raise BadInput("An introduction needs the other person.", "Add --with NAME.")
    with ctx.db.read() as session:
        contact, other = find_pair(session, ref, with_ref)
        rows = of_session(session)
        promise_what, promise_owner = "", None
        if kind in ("promise", "post-event"):
            mine = planning.among(rows, [contact.id])
            open_ones = planning.open_promises(rows, mine).get(contact.id, [])
            if open_ones:
                promise_what, promise_owner = open_ones[0].what, open_ones[0].owner
            elif kind == "promise":
                raise BadInput(f"{contact.name} has no open promise.", "See `followthru promises`.")
        facts = facts_for(rows, [contact.id])[contact.id]
        warnings = _ask_warnings(session, contact) if kind == "ask" else ()
        result = compose(
            ctx.settings,
            contact,
            facts,
            kind,
            about=about.strip(),
            other=other,
            promise_what=promise_what,
            promise_owner=promise_owner,
        )
        return result._replace(warnings=warnings)


def _ask_warnings(session: Session, contact: Contact) -> tuple[str, ...]:
    """Add value before asking: the same warning as logging an ask."""
    from followthru.domain.ledger import LedgerEntry
    from followthru.domain.vocab import Direction, TouchKind
    from followthru.services.touches import ask_warning
    from followthru.store import activity

    history = [
        LedgerEntry(t.happened_on, TouchKind(t.kind), Direction(t.direction))
        for t in activity.touches_of(session, contact.id)
    ]
    warning = ask_warning(history, contact.name)
    return (warning,) if warning else ()
