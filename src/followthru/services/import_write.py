"""The import's last stage: what the match decided, written in a few bulk statements per
batch of people, inside that batch's write transaction (and journaled, so that a dead
import is rolled back and `followthru undo` takes the whole file back).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from followthru.services import notes
from followthru.services.contacts import event_for
from followthru.services.import_match import Person
from followthru.services.import_report import ImportOptions
from followthru.store import contacts as contact_store
from followthru.store import imports, journal, keys
from followthru.store.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactEvent,
    ContactExtra,
    ContactPhone,
    ContactPhoto,
    ContactSource,
    ContactTag,
    ContactUrl,
    Note,
    utcnow,
)

CHILD_TABLES: dict[str, Any] = {
    "emails": ContactEmail,
    "phones": ContactPhone,
    "urls": ContactUrl,
    "addresses": ContactAddress,
    "extras": ContactExtra,
    "tags": ContactTag,
    "sources": ContactSource,
}


def write(session: Session, people: list[Person], options: ImportOptions, *, today: date) -> int:
    """New people in one statement, changed fields by id, then every kind of child row in
    one statement each. The people changed are journaled before anything is written.
    Returns how many promises the notes held (with --detect-promises)."""
    journal.touch(session, [p.contact_id for p in people if p.contact_id is not None])
    event = event_for(session, options.event, today=today) if options.event else None
    new = [p for p in people if p.contact_id is None]
    new_ids = imports.insert_contacts(session, [p.fields for p in new])
    journal.created(session, new_ids)
    ids_of: dict[int, int] = {id(p): cid for p, cid in zip(new, new_ids, strict=True)}
    for person in people:
        if person.contact_id is not None:
            ids_of[id(person)] = person.contact_id
            _update(session, person)
    for kind, model in CHILD_TABLES.items():
        rows = [
            {**row, "contact_id": ids_of[id(p)]} for p in people for row in p.rows.get(kind, [])
        ]
        if kind == "tags":
            rows = [{"contact_id": r["contact_id"], "tag": r["tag"]} for r in rows]
        imports.insert_rows(session, model, rows)
    imports.insert_rows(
        session,
        ContactPhoto,
        [
            {
                "contact_id": ids_of[id(p)],
                "media_type": p.photo.media_type[:100],
                "data": p.photo.data,
            }
            for p in people
            if p.photo is not None
        ],
    )
    promises = _write_notes(session, people, ids_of, options, today)
    if event is not None:
        linked = contact_store.event_members(session, event.id)
        imports.insert_rows(
            session,
            ContactEvent,
            [
                {"contact_id": cid, "event_id": event.id}
                for cid in sorted(set(ids_of.values()) - linked)
            ],
        )
    session.expire_all()
    return promises


def _update(session: Session, person: Person) -> None:
    if not person.changed:
        return
    values = {name: person.fields[name] for name in person.changed}
    if {"company", "title"} & person.changed:
        values["work_key"] = keys.work_key(person.fields["company"], person.fields["title"])
    values["updated_at"] = utcnow()
    session.execute(update(Contact).where(Contact.id == person.contact_id).values(values))


def _write_notes(
    session: Session,
    people: list[Person],
    ids_of: dict[int, int],
    options: ImportOptions,
    today: date,
) -> int:
    """The notes the files held; with --detect-promises, the promises in them. Returns how
    many promises were heard."""
    pending = [(ids_of[id(p)], text) for p in people for text in p.notes]
    if not options.detect_promises:
        imports.insert_rows(
            session,
            Note,
            [{"contact_id": cid, "written_on": today, "text": t} for cid, t in pending],
        )
        return 0
    heard = 0
    for cid, text in pending:
        contact = session.get(Contact, cid)
        assert contact is not None
        written = notes.record(session, contact, text, written_on=today, detect=True, today=today)
        heard += len(written.promises)
    return heard
