"""The everyday reads a command line runs most, without SQLAlchemy when the database
allows it (see `store.plain`); None tells the caller to take the full path. The views
and what only `show` or `promises` needs are imported where used: `list --json`, run
most, needs none of them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from followthru.store import keys, plain
from followthru.store.plain_file import read_quickly

if TYPE_CHECKING:
    from followthru.services import views
    from followthru.settings import Settings


def pile_filter(raw: str | None) -> str | None:
    """A pile as `list --pile` takes it: a pile's name, or "untriaged"."""
    if not raw:
        return None
    if raw.strip().lower() == "untriaged":
        return "untriaged"
    from followthru.domain.vocab import Pile, parse_choice

    return parse_choice(Pile, raw, "pile").value


def search_key(raw: str | None) -> str | None:
    """Search text folded as the stored keys are; blank searches nothing."""
    return keys.name_key(raw) if raw and raw.strip() else None


def _read_listing(
    db_path: str | None, *, pile: str | None, search: str | None, include_archived: bool
) -> plain.Listing | None:
    from followthru.settings import database_url

    flt = plain.ContactFilter(
        pile=pile_filter(pile), search=search_key(search), include_archived=include_archived
    )
    return read_quickly(database_url(db_path), lambda conn: plain.read_listing(conn, flt))


def listing(
    db_path: str | None, *, pile: str | None, search: str | None, include_archived: bool
) -> list[views.ContactSummary] | None:
    """`list` by pile and search text straight from a SQLite file, or None."""
    from followthru.services import views

    found = _read_listing(db_path, pile=pile, search=search, include_archived=include_archived)
    return None if found is None else views.summaries(*plain.typed(found))


def listing_json(
    db_path: str | None, *, pile: str | None, search: str | None, include_archived: bool
) -> Iterator[dict[str, Any]] | None:
    """`list --json`: what `listing` gives as JSON objects, made straight from the rows."""
    found = _read_listing(db_path, pile=pile, search=search, include_archived=include_archived)
    return None if found is None else listed_json(found)


def summary_json(
    id: int,
    name: str,
    company: str | None,
    title: str | None,
    pile: str | None,
    emails: list[str],
    phones: list[str],
    tags: list[str],
    events: list[str],
    met_on: str | None,
    last_touch_on: str | None,
    open_promises: int,
    archived: bool,
) -> dict[str, Any]:
    """A person as every `--json` shows them, and the one place its keys are written: from
    a `ContactSummary`, or straight from a listing's rows (`listed_json`). Kept here, not
    in `views`: `list --json` then never defines their dataclasses (5% of its time)."""
    return {
        "id": id,
        "name": name,
        "company": company,
        "title": title,
        "pile": pile,
        "emails": emails,
        "phones": phones,
        "tags": tags,
        "events": events,
        "met_on": met_on,
        "last_touch_on": last_touch_on,
        "open_promises": open_promises,
        "archived": archived,
    }


def listed_json(found: plain.Listing) -> Iterator[dict[str, Any]]:
    """What `views.summaries` then `as_json` make of a listing, straight from SQLite's rows: no
    dates parsed to be printed again, no objects made to be taken apart (at 10,000 people
    that was a third of `list --json`). The stored dates are the ISO text printed. Made as
    they are printed: a few hundred at a time in memory, not one per person."""
    emails, phones, tags, events = found.emails, found.phones, found.tags, found.events
    return (
        summary_json(
            i,
            name,
            company,
            title,
            pile,
            emails.get(i, []),
            phones.get(i, []),
            tags.get(i, []),
            [event[1] for event in events.get(i, ())],
            met_on or None,
            last_touch_on or None,
            promises,
            bool(archived),
        )
        for i, name, company, title, pile, met_on, archived, last_touch_on, promises in found.rows
    )


MAX_ID = 2**63 - 1  # larger ids are stored nowhere; the full path says who is not found


def _person_id(conn: sqlite3.Connection, ref: str) -> int | None:
    """The id `lookup.contact_by_ref` would find, when it is plain to see; else None."""
    text = ref.strip()
    if text.startswith("#") and text[1:].isdigit():
        return int(text[1:]) if int(text[1:]) <= MAX_ID else None
    if "@" in text:
        return plain.find_by_email(conn, keys.email_key(text))
    return plain.find_person(conn, keys.name_key(text)) if text else None


def show(
    db_path: str | None, ref: str, *, settings: Settings, today: date
) -> views.ContactDetail | None:
    """`show NAME` straight from a SQLite file, or None for anything the full path must
    answer: an ambiguous or unknown name, an archived one, an e-mail address shared."""
    from followthru.services import views
    from followthru.settings import database_url

    read = read_quickly(database_url(db_path), lambda conn: _person(conn, ref))
    if read is None:
        return None
    person, listed = read
    return _detail(views.summaries(*plain.typed(listed))[0], person, settings, today)


def _person(conn: sqlite3.Connection, ref: str) -> tuple[plain.Person, plain.Listing] | None:
    """The person `ref` plainly names, with their listing row, or None."""
    found = _person_id(conn, ref)
    person = plain.person(conn, found) if found is not None else None
    if found is None or person is None:
        return None
    return person, plain.read_listing(
        conn, plain.ContactFilter(contact_id=found, include_archived=True)
    )


def _detail(
    summary: views.ContactSummary, person: plain.Person, settings: Settings, today: date
) -> views.ContactDetail:
    from followthru.services import person_view, views

    return person_view.detail(
        summary,
        person_view.History(person.touches, person.notes, person.promises, person.others),
        introduced_by=person.introduced_by,
        cadence=person_view.cadence(settings, person.own_cadence, summary.pile),
        fields=views.ContactFields(
            person.urls, person.addresses, person.birthday, person.extras, person.photo
        ),
        today=today,
    )


def promises(
    db_path: str | None, *, include_closed: bool, today: date
) -> list[views.PromiseView] | None:
    """`promises` straight from a SQLite file, or None."""
    from followthru.services import promise_views
    from followthru.settings import database_url

    statuses = promise_views.statuses(include_closed)
    rows = read_quickly(database_url(db_path), lambda c: plain.promises_with_names(c, statuses))
    return None if rows is None else promise_views.listed(rows, today=today)
