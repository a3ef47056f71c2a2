"""Notes: what was said, kept with its date — and the promises heard in it.

A "let's do lunch" written in a note is a promise like any other, so every path that
listens for promises (`note`, `add --note`, `import --detect-promises`) goes through `record`,
which runs the detector and files what it hears as open promises in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from followthru.errors import BadInput
from followthru.services import views
from followthru.services.lookup import ContactRef, find_contact
from followthru.services.promise_views import promise_view
from followthru.services.runtime import Context
from followthru.store import journal
from followthru.store.models import Contact, Note, Promise


@dataclass(frozen=True)
class NoteView:
    id: int
    contact_id: int
    contact_name: str
    written_on: date
    text: str
    promises: list[views.PromiseView]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "contact_id": self.contact_id,
            "contact": self.contact_name,
            "written_on": self.written_on.isoformat(),
            "text": self.text,
            "promises": [p.as_json() for p in self.promises],
        }


def record(
    session: Session,
    contact: Contact,
    text: str,
    *,
    written_on: date,
    detect: bool,
    today: date,
    date_order: str = "auto",
) -> NoteView:
    """Store a note and, unless told not to, the promises it holds (dated from the note)."""
    journal.touch(session, [contact.id])
    note = Note(contact_id=contact.id, written_on=written_on, text=text)
    session.add(note)
    session.flush()
    made: list[Promise] = []
    if detect:
        from followthru.domain.commitments import detect as hear

        for heard in hear(text, today=written_on, date_order=date_order):
            start, end = heard.span
            made.append(
                Promise(
                    contact_id=contact.id,
                    what=f"{heard.what} ({heard.note})" if heard.note else heard.what,
                    owner=heard.owner.value,
                    due_on=heard.due,
                    status="open",
                    made_on=written_on,
                    source_text=text[start:end].strip(),
                    note_id=note.id,
                )
            )
        session.add_all(made)
        session.flush()
    return NoteView(
        note.id,
        contact.id,
        contact.name,
        written_on,
        text,
        [promise_view(p, contact.name, today=today) for p in made],
    )


def add(
    ctx: Context, ref: ContactRef, text: str, *, written_on: date, detect: bool, today: date
) -> NoteView:
    body = text.strip()
    if not body:
        raise BadInput("A note needs some text.", 'followthru note jane "let\'s do lunch"')
    with ctx.db.write() as session:
        contact = find_contact(session, ref)
        change = journal.ChangeSet(session, "note", f"note on {contact.name}")
        order = str(ctx.settings["date_order"])
        written = record(
            session,
            contact,
            body,
            written_on=written_on,
            detect=detect,
            today=today,
            date_order=order,
        )
        change.save()
        return written
