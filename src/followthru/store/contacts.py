"""Queries about people: lookup, listing with filters, bulk detail loading."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import CTE, ColumnElement, Select, and_, case, exists, func, or_, select, union
from sqlalchemy.orm import Session

from followthru.store.models import (
    Contact,
    ContactEmail,
    ContactEvent,
    ContactPhone,
    ContactPhoto,
    ContactTag,
    Event,
    Promise,
)
from followthru.store.plain import ContactFilter as ContactFilter
from followthru.store.plain import ContactRow as ContactRow
from followthru.store.plain import like_escape
from followthru.store.types import storable_key


def by_id(session: Session, contact_id: int) -> Contact | None:
    return session.get(Contact, contact_id) if storable_key(contact_id) else None


def by_email_key(session: Session, key: str) -> list[Contact]:
    stmt = select(Contact).join(ContactEmail).where(ContactEmail.address_key == key).distinct()
    return list(session.scalars(stmt))


def by_phone(session: Session, e164: str) -> list[Contact]:
    stmt = select(Contact).join(ContactPhone).where(ContactPhone.e164 == e164).distinct()
    return list(session.scalars(stmt))


def by_name_key(session: Session, key: str, *, include_archived: bool = True) -> list[Contact]:
    stmt = select(Contact).where(Contact.name_key == key).order_by(Contact.id)
    if not include_archived:
        stmt = stmt.where(Contact.archived.is_(False))
    return list(session.scalars(stmt))


def by_name_prefix(session: Session, key: str, *, include_archived: bool) -> list[Contact]:
    """People whose full name, or any word of it, starts with `key` (already folded)."""
    pattern = like_escape(key)
    stmt = (
        select(Contact)
        .where(
            or_(
                Contact.name_key.like(f"{pattern}%", escape="\\"),
                Contact.name_key.like(f"% {pattern}%", escape="\\"),
            )
        )
        .order_by(Contact.name_key, Contact.id)
    )
    if not include_archived:
        stmt = stmt.where(Contact.archived.is_(False))
    return list(session.scalars(stmt))


# Connections this recent are still warm: triage offers them first.
RECENT_CONNECTION_DAYS = 90


def _promising_order(today: date) -> tuple[Any, ...]:
    """Most promising first: recent connections, then a known e-mail, then title and
    company present, then the most recently met."""
    recent = case((Contact.met_on >= today - timedelta(days=RECENT_CONNECTION_DAYS), 1), else_=0)
    email = case((exists().where(ContactEmail.contact_id == Contact.id), 2), else_=0)
    role = case((func.coalesce(Contact.title, "") != "", 1), else_=0) + case(
        (func.coalesce(Contact.company, "") != "", 1), else_=0
    )
    return (recent.desc(), (email + role).desc(), Contact.met_on.desc().nulls_last())


def _tag_names() -> CTE:
    """Every tag name once, read off the tag index one name at a time (a recursive query
    that asks for the next name up): a few dozen index look-ups, where a search used to
    read all 25,000 tags of 10,000 people to match their few dozen names."""
    names = select(func.min(ContactTag.tag).label("tag")).cte("tag_names", recursive=True)
    following = select(func.min(ContactTag.tag)).where(ContactTag.tag > names.c.tag)
    return names.union_all(select(following.scalar_subquery()).where(names.c.tag.is_not(None)))


def _tagged(pattern: str) -> Select[int]:
    """The people with a tag whose name matches `pattern`: the names matched first."""
    names = _tag_names()
    matching = select(names.c.tag).where(names.c.tag.like(pattern, escape="\\"))
    return select(ContactTag.contact_id).where(ContactTag.tag.in_(matching))


def _conditions(flt: ContactFilter, today: date) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if not flt.include_archived:
        conds.append(Contact.archived.is_(False))
    if flt.pile == "untriaged":
        conds.append(Contact.pile.is_(None))
    elif flt.pile:
        conds.append(Contact.pile == flt.pile)
    if flt.event_id is not None:
        conds.append(
            exists().where(
                and_(ContactEvent.contact_id == Contact.id, ContactEvent.event_id == flt.event_id)
            )
        )
    if flt.tag:
        conds.append(
            exists().where(and_(ContactTag.contact_id == Contact.id, ContactTag.tag == flt.tag))
        )
    if flt.dormant_days is not None:
        # Never touched counts from the day we met (or added) them: a new contact is not dormant.
        since = func.coalesce(Contact.last_touch_on, Contact.met_on, func.date(Contact.created_at))
        conds.append(since <= today - timedelta(days=flt.dormant_days))
    if flt.search:
        pattern = f"%{like_escape(flt.search)}%"
        # The e-mail and tag matches as one uncorrelated set, computed once: a correlated
        # EXISTS per person made a rare search walk all 10,000 people twice over.
        by_detail = union(
            select(ContactEmail.contact_id).where(
                ContactEmail.address_key.like(pattern, escape="\\")
            ),
            _tagged(pattern),
        )
        conds.append(
            or_(
                Contact.name_key.like(pattern, escape="\\"),
                Contact.work_key.like(pattern, escape="\\"),
                Contact.id.in_(by_detail.scalar_subquery()),
            )
        )
    return conds


def _plain(session: Session, stmt: Any) -> Any:
    """Rows of a column query through Core: the ORM's result processing cost more than the
    query itself on a listing of everyone."""
    return session.connection().execute(stmt).all()


_ROW_COLUMNS = (
    Contact.id,
    Contact.name,
    Contact.company,
    Contact.title,
    Contact.pile,
    Contact.met_on,
    Contact.archived,
    Contact.last_touch_on,
)


def _listing_stmt(flt: ContactFilter, today: date) -> Any:
    """The people a filter selects, in listing order, with their open promise count."""
    open_count = (
        select(Promise.contact_id, func.count().label("n"))
        .where(Promise.status == "open")
        .group_by(Promise.contact_id)
        .subquery()
    )
    return (
        select(*_ROW_COLUMNS, func.coalesce(open_count.c.n, 0))
        .outerjoin(open_count, open_count.c.contact_id == Contact.id)
        .where(*_conditions(flt, today))
        .order_by(*(_promising_order(today) if flt.promising_first else ()))
        .order_by(Contact.name_key, Contact.id)
    )


def _row(r: Any) -> ContactRow:
    return ContactRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]))


def listing(
    session: Session,
    flt: ContactFilter,
    *,
    today: date,
    limit: int | None = None,
    offset: int = 0,
) -> list[ContactRow]:
    """One query for the people, their last touch and open promise count; a page of them
    when `limit` is given, so a screen of 50 never loads all 10,000."""
    stmt = _listing_stmt(flt, today).limit(limit).offset(offset or None)
    return [_row(r) for r in _plain(session, stmt)]


def page(
    session: Session, flt: ContactFilter, *, today: date, limit: int, offset: int
) -> tuple[list[ContactRow], int]:
    """A page and the size of the whole listing. A search matches text in every row, so
    its page and its count come from one query (a window count) that reads the people
    once; without one, the first 50 by name come straight off the name index and the
    count is cheap, where a window would make the database read everyone."""
    if not flt.search:
        rows = listing(session, flt, today=today, limit=limit, offset=offset)
        return rows, count(session, flt, today=today)
    stmt = _listing_stmt(flt, today).add_columns(func.count().over())
    found = _plain(session, stmt.limit(limit).offset(offset or None))
    if not found:  # past the end: no row carries the count
        return [], count(session, flt, today=today)
    return [_row(r) for r in found], int(found[0][-1])


def count(session: Session, flt: ContactFilter, *, today: date) -> int:
    """How many people a filter selects: the size of a paged listing."""
    stmt = select(func.count()).select_from(Contact).where(*_conditions(flt, today))
    return int(session.scalar(stmt) or 0)


def emails_of(session: Session, ids: People) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for scope in _scopes(ContactEmail.contact_id, ids):
        stmt = (
            select(ContactEmail.contact_id, ContactEmail.address)
            .where(scope)
            .order_by(ContactEmail.contact_id, ContactEmail.position, ContactEmail.id)
        )
        for cid, address in _plain(session, stmt):
            out[cid].append(address)
    return out


def phones_of(session: Session, ids: People) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for scope in _scopes(ContactPhone.contact_id, ids):
        stmt = (
            select(ContactPhone.contact_id, ContactPhone.e164, ContactPhone.raw)
            .where(scope)
            .order_by(ContactPhone.contact_id, ContactPhone.position, ContactPhone.id)
        )
        for cid, number, raw in _plain(session, stmt):
            out[cid].append(number or raw)  # an imported extension or short code: as typed
    return out


def tags_of(session: Session, ids: People) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for scope in _scopes(ContactTag.contact_id, ids):
        stmt = (
            select(ContactTag.contact_id, ContactTag.tag)
            .where(scope)
            .order_by(ContactTag.contact_id, ContactTag.tag)
        )
        for cid, tag in _plain(session, stmt):
            out[cid].append(tag)
    return out


def events_of(session: Session, ids: People) -> dict[int, list[tuple[int, str, date | None]]]:
    """(id, name, date) of the events each person was met at, oldest first."""
    out: dict[int, list[tuple[int, str, date | None]]] = defaultdict(list)
    for scope in _scopes(ContactEvent.contact_id, ids):
        stmt = (
            select(ContactEvent.contact_id, Event.id, Event.name, Event.held_on)
            .join(Event, Event.id == ContactEvent.event_id)
            .where(scope)
            .order_by(ContactEvent.contact_id, Event.held_on, Event.id)
        )
        for cid, event_id, name, held_on in _plain(session, stmt):
            out[cid].append((event_id, name, held_on))
    return out


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[Sequence[int]]:
    """Stay under SQLite's bound-parameter limit on large listings."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


People = Sequence[int] | Select[int]  # ids in hand, or the query that selects them


def _scopes(owner: Any, people: People) -> Iterable[ColumnElement[bool]]:
    """WHERE clauses that together cover `people`: one sub-select for a whole listing (no
    list of 10,000 ids compiled and bound), chunks of ids for the few already in hand."""
    if isinstance(people, Select):
        yield owner.in_(people.scalar_subquery())
        return
    for chunk in _chunks(people):
        yield owner.in_(chunk)


def selected(flt: ContactFilter, *, today: date) -> Select[int]:
    """The ids a filter selects, as a query: what the details of a whole listing join to."""
    return select(Contact.id).where(*_conditions(flt, today))


def names_by_id(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    out: dict[int, str] = {}
    for chunk in _chunks(wanted):
        stmt = select(Contact.id, Contact.name).where(Contact.id.in_(chunk))
        out.update({cid: name for cid, name in session.execute(stmt)})
    return out


def active_names(session: Session) -> list[tuple[str, str]]:
    """(name, folded name) of everyone not archived: what a misspelt name is compared with."""
    stmt = select(Contact.name, Contact.name_key).where(Contact.archived.is_(False))
    return [(name, key) for name, key in session.execute(stmt)]


def set_tags(session: Session, contact: Contact, add: Iterable[str], remove: Iterable[str]) -> None:
    current = {t.tag: t for t in contact.tags}
    for tag in remove:
        if tag in current:
            contact.tags.remove(current.pop(tag))
    for tag in add:
        if tag not in current:
            current[tag] = ContactTag(tag=tag)
            contact.tags.append(current[tag])


def rows_for(session: Session, contacts: Sequence[Contact]) -> list[ContactRow]:
    """Listing rows for contacts already in hand (after add or edit)."""
    ids = [c.id for c in contacts]
    open_counts: dict[int, int] = {
        cid: n
        for cid, n in session.execute(
            select(Promise.contact_id, func.count())
            .where(Promise.contact_id.in_(ids), Promise.status == "open")
            .group_by(Promise.contact_id)
        )
    }
    return [
        ContactRow(
            c.id,
            c.name,
            c.company,
            c.title,
            c.pile,
            c.met_on,
            c.archived,
            c.last_touch_on,
            int(open_counts.get(c.id, 0)),
        )
        for c in contacts
    ]


@dataclass
class IdentityIndex:
    """Who is who by the things that identify a person: for matching imported records
    against everyone in one pass, instead of a query per record."""

    emails: dict[str, int]  # address_key -> contact id
    phones: dict[str, int]  # E.164 -> contact id
    urls: dict[str, int]  # url_key -> contact id
    sources: dict[str, int]  # import source key -> contact id
    uids: dict[str, int]  # contacts' own stable ids, which an imported card may bring back


def identity_index(session: Session) -> IdentityIndex:
    from followthru.store.models import ContactSource, ContactUrl

    def pairs(stmt: Any) -> dict[str, int]:
        out: dict[str, int] = {}
        for key, cid in session.execute(stmt):
            out.setdefault(key, cid)  # the oldest contact wins when two share a key
        return out

    return IdentityIndex(
        emails=pairs(
            select(ContactEmail.address_key, ContactEmail.contact_id).order_by(
                ContactEmail.contact_id
            )
        ),
        phones=pairs(
            select(ContactPhone.e164, ContactPhone.contact_id)
            .where(ContactPhone.e164 != "")
            .order_by(ContactPhone.contact_id)
        ),
        urls=pairs(
            select(ContactUrl.url_key, ContactUrl.contact_id).order_by(ContactUrl.contact_id)
        ),
        sources=pairs(select(ContactSource.key, ContactSource.contact_id)),
        uids={uid: cid for uid, cid in session.execute(select(Contact.uid, Contact.id))},
    )


def event_members(session: Session, event_id: int) -> set[int]:
    return set(
        session.scalars(select(ContactEvent.contact_id).where(ContactEvent.event_id == event_id))
    )


def everyone_with_details(session: Session) -> tuple[list[Contact], dict[str, dict[int, Any]]]:
    """Every contact and, per kind, their e-mails, phones (as typed), urls, addresses, extra
    vCard lines, tags, notes and photo: one query per kind, for an export of everyone."""
    from followthru.store.models import (
        ContactAddress,
        ContactExtra,
        ContactPhoto,
        ContactUrl,
        Note,
    )

    def grouped(model: Any, value: Any, order: Any) -> dict[int, list[Any]]:
        out: dict[int, list[Any]] = defaultdict(list)
        for cid, v in session.execute(select(model.contact_id, value).order_by(order)):
            out[cid].append(v)
        return out

    people = list(session.scalars(select(Contact).order_by(Contact.id)))
    details: dict[str, dict[int, Any]] = {
        "emails": grouped(ContactEmail, ContactEmail.address, ContactEmail.position),
        "phones": grouped(ContactPhone, ContactPhone.raw, ContactPhone.position),
        "urls": grouped(ContactUrl, ContactUrl.url, ContactUrl.position),
        "addresses": grouped(ContactAddress, ContactAddress.text, ContactAddress.position),
        "extras": grouped(ContactExtra, ContactExtra.line, ContactExtra.position),
        "tags": grouped(ContactTag, ContactTag.tag, ContactTag.tag),
        "notes": grouped(Note, Note.text, Note.id),
        "photos": {
            cid: (media_type, data)
            for cid, media_type, data in session.execute(
                select(ContactPhoto.contact_id, ContactPhoto.media_type, ContactPhoto.data)
            )
        },
    }
    return people, details


def photo_of(session: Session, contact_id: int) -> ContactPhoto | None:
    return session.get(ContactPhoto, contact_id)


@dataclass
class Known:
    """A person as an import needs them: name, some columns, and the keys of the rows they
    have (e-mail keys, numbers, URL keys, addresses, vCard lines, tags, note texts)."""

    id: int
    name: str
    fields: dict[str, Any]
    have: dict[str, set[str]]
    has_photo: bool


def known_people(session: Session, ids: Sequence[int], columns: Sequence[str]) -> dict[int, Known]:
    """Many people at once, a few statements per 900 of them: an import that matches
    10,000 people must not ask ten questions per person."""
    from followthru.store.models import ContactAddress, ContactExtra, ContactUrl, Note

    table = Contact.__table__
    found: dict[int, Known] = {}
    kinds: dict[str, tuple[Any, Any]] = {
        "emails": (ContactEmail.contact_id, ContactEmail.address_key),
        "phones": (
            ContactPhone.contact_id,
            func.coalesce(func.nullif(ContactPhone.e164, ""), ContactPhone.raw),
        ),
        "urls": (ContactUrl.contact_id, ContactUrl.url_key),
        "addresses": (ContactAddress.contact_id, ContactAddress.text),
        "extras": (ContactExtra.contact_id, ContactExtra.line),
        "tags": (ContactTag.contact_id, ContactTag.tag),
        "notes": (Note.contact_id, Note.text),
    }
    for chunk in _chunks(ids):
        rows = session.execute(
            select(table.c.id, table.c.name, *(table.c[c] for c in columns)).where(
                table.c.id.in_(chunk)
            )
        )
        for cid, name, *values in rows:
            have: dict[str, set[str]] = {kind: set() for kind in kinds}
            found[cid] = Known(cid, name, dict(zip(columns, values, strict=True)), have, False)
        for kind, (owner, value) in kinds.items():
            for cid, key in session.execute(select(owner, value).where(owner.in_(chunk))):
                found[cid].have[kind].add(key)
        for cid in session.scalars(
            select(ContactPhoto.contact_id).where(ContactPhoto.contact_id.in_(chunk))
        ):
            found[cid].has_photo = True
    return found


def identity_keys(session: Session, ids: Sequence[int]) -> set[str]:
    """These people's keys as the import writes them: "e:" e-mail key, "p:" E.164, "u:"
    URL key, "i:" uid, "s:" import source key."""
    from followthru.store.models import ContactSource, ContactUrl

    keys: set[str] = set()
    for chunk in _chunks(ids):
        for prefix, owner, value in (
            ("e", ContactEmail.contact_id, ContactEmail.address_key),
            ("p", ContactPhone.contact_id, ContactPhone.e164),
            ("u", ContactUrl.contact_id, ContactUrl.url_key),
            ("i", Contact.id, Contact.uid),
            ("s", ContactSource.contact_id, ContactSource.key),
        ):
            keys.update(
                f"{prefix}:{v}" for v in session.scalars(select(value).where(owner.in_(chunk)))
            )
    return keys
