"""How long each text column's values may be, read from the models and enforced before
any row reaches the database.

SQLite stores a 20 MB name in a String(300) column without a word; PostgreSQL fails the
whole transaction with a driver error. Checking here makes both behave alike: the change
is refused with a sentence naming the field, in the CLI, the API and the importer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from sqlalchemy import String, Table, event
from sqlalchemy.orm import Session, sessionmaker

from followthru.errors import FieldTooLong
from followthru.store.models import Base

# The names people know these columns by; any other is shown as table.column.
LABELS = {
    "contacts.name": "name",
    "contacts.name_key": "name",
    "contacts.given_name": "given name",
    "contacts.family_name": "family name",
    "contacts.company": "company",
    "contacts.title": "title",
    "contacts.work_key": "company",
    "contacts.birthday": "birthday",
    "contacts.uid": "UID",
    "contact_emails.address": "e-mail address",
    "contact_emails.address_key": "e-mail address",
    "contact_emails.label": "e-mail label",
    "contact_phones.raw": "phone number",
    "contact_phones.e164": "phone number",
    "contact_phones.label": "phone label",
    "contact_tags.tag": "tag",
    "contact_urls.url_key": "web address",
    "contact_photos.media_type": "photo type",
    "events.name": "event name",
    "events.name_key": "event name",
    "events.location": "event place",
}
# A record's fields and the column each ends up in (a web address is kept whole, but its
# matching key is bounded).
RECORD_COLUMNS = {
    "name": "contacts.name",
    "given": "contacts.given_name",
    "family": "contacts.family_name",
    "company": "contacts.company",
    "title": "contacts.title",
    "birthday": "contacts.birthday",
    "uid": "contacts.uid",
    "emails": "contact_emails.address",
    "phones": "contact_phones.raw",
    "tags": "contact_tags.tag",
    "urls": "contact_urls.url_key",
}


@cache
def limits(table: Table) -> dict[str, int]:
    """Column name -> the longest value it holds, for bounded text columns."""
    return {
        c.name: c.type.length
        for c in table.columns
        if isinstance(c.type, String) and c.type.length is not None
    }


def _limit(dotted: str) -> int:
    table, column = dotted.split(".")
    return limits(Base.metadata.tables[table])[column]


def label(table: str, column: str) -> str:
    return LABELS.get(f"{table}.{column}", f"{table}.{column}")


def column_named_in(table: str, constraint: str | None) -> str | None:
    """The column a PostgreSQL constraint name speaks of ("events_name_key_key" ->
    "name_key"): its unique-violation reports name the constraint, not the column."""
    known = Base.metadata.tables.get(table)
    names = [c.name for c in known.columns] if known is not None else []
    found = [name for name in names if constraint and f"_{name}_" in f"_{constraint}_"]
    return max(found, key=len, default=None)


def clip(dotted: str, value: str) -> str:
    """A value followthru derives itself (never one the user typed), cut to what its column
    holds: a 250-letter single-word name still has a given name that fits."""
    return value[: _limit(dotted)]


def check_row(table: Table, row: Mapping[str, Any]) -> None:
    """Raise FieldTooLong for the first value longer than its column."""
    for column, limit in limits(table).items():
        value = row.get(column)
        if isinstance(value, str) and len(value) > limit:
            raise FieldTooLong(label(table.name, column), limit)


def record_problem(record: object) -> str | None:
    """Why an imported record (a formats.records.ContactRecord, read by field name) cannot
    be stored as it is, or None: the importer skips it."""
    for field, dotted in RECORD_COLUMNS.items():
        value = getattr(record, field)
        limit = _limit(dotted)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and len(text) > limit:
                table, column = dotted.split(".")
                return f"the {label(table, column)} is longer than {limit} characters"
    return None


def _pending(session: Session) -> Iterator[Any]:
    yield from session.new
    yield from session.dirty


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in _pending(session):
        table = getattr(obj, "__table__", None)
        if isinstance(table, Table):
            check_row(table, {c: getattr(obj, c, None) for c in limits(table)})


def enforce(sessions: sessionmaker[Session]) -> None:
    """Check every ORM row these sessions write against the column limits."""
    event.listen(sessions, "before_flush", _before_flush)
