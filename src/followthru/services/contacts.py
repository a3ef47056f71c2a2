"""Adding, changing, listing and showing people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from followthru.domain.fields import normalize_email
from followthru.domain.names import split_name
from followthru.domain.occasions import parse_birthday
from followthru.domain.vocab import Pile, parse_choice
from followthru.errors import BadInput
from followthru.services import notes, plain_reads, views
from followthru.services.lookup import (
    ContactRef,
    contact_by_id,
    describe,
    find_contact,
    find_event,
)
from followthru.services.runtime import Context
from followthru.store import contacts as contact_store
from followthru.store import events as event_store
from followthru.store import journal, keys
from followthru.store.limits import clip
from followthru.store.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactExtra,
    ContactPhone,
    ContactUrl,
    Event,
)
from followthru.store.plain import Details


def normalize_tag(raw: str) -> str:
    tag = " ".join(raw.strip().lower().split()).replace(" ", "-")
    if not tag:
        raise BadInput("A tag is empty.", "Tags are words such as investor or needs:designer.")
    return tag


def parse_pile(raw: str | None) -> Pile | None:
    return parse_choice(Pile, raw, "pile") if raw else None


@dataclass
class NewContact:
    """What `add` accepts; everything optional but a name or an e-mail."""

    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    event: str | None = None
    pile: str | None = None
    note: str | None = None
    introduced_by: str | None = None
    tags: list[str] = field(default_factory=list)
    met_on: date | None = None
    birthday: str | None = None  # YYYY-MM-DD or MM-DD
    detect_promises: bool = True  # hear "let's do lunch" in the note and file it as a promise


def _name_from_email(address: str) -> str:
    local = address.split("@", 1)[0]
    words = [w for w in local.replace("_", ".").replace("-", ".").split(".") if w]
    return " ".join(w.capitalize() for w in words) or address


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text and text.strip() else None


def _check_unused(session: Session, emails: Sequence[str]) -> None:
    """A person named after their address only: someone with that address is them."""
    for address in emails:
        owners = contact_store.by_email_key(session, keys.email_key(address))
        if owners:
            raise BadInput(
                f"{address} already belongs to {describe(owners[0])}.",
                f"Change that contact instead: followthru edit '#{owners[0].id}' ...",
            )


def _also_of(
    session: Session,
    emails: Sequence[str],
    phones: Sequence[tuple[str, str]],
    *,
    own_id: int | None = None,
) -> list[str]:
    """Who else has these addresses and numbers: a colleague's switchboard or a shared
    inbox is no reason to refuse a new person (or an edit), but worth saying."""
    said: list[str] = []
    for address in emails:
        for owner in contact_store.by_email_key(session, keys.email_key(address)):
            if owner.id != own_id:
                said.append(f"{address} is also the address of #{owner.id} {owner.name}")
    for raw, e164 in phones:
        for owner in contact_store.by_phone(session, e164):
            if owner.id != own_id:
                said.append(f"{raw} is also the number of #{owner.id} {owner.name}")
    return said


def event_for(session: Session, name: str, *, today: date) -> Event:
    """The named event, created on the spot (dated today) when it does not exist yet."""
    from followthru.errors import EventNotFound

    try:
        return find_event(session, name)
    except EventNotFound:
        clean = _clean(name)
        if not clean:
            raise BadInput("An event name is empty.") from None
        event = Event(name=clean, name_key=keys.name_key(clean), held_on=today)
        session.add(event)
        session.flush()
        journal.created(session, [], events=[event.id])
        return event


def set_name(contact: Contact, name: str, parts: tuple[str, str] | None = None) -> None:
    """`parts` (given, family) when a file already split the name: parsing costs more."""
    contact.name = name
    contact.name_key = keys.name_key(name)
    given, family = parts or split_name(name)
    contact.given_name = clip("contacts.given_name", given)
    contact.family_name = clip("contacts.family_name", family)


@dataclass(frozen=True)
class _Checked:
    """A NewContact read and checked before the database is opened, so that bad input
    costs no write lock."""

    name: str
    emails: list[str]
    phones: list[tuple[str, str]]  # (as typed, E.164)
    pile: Pile | None
    tags: list[str]


def _checked(new: NewContact, region: str) -> _Checked:
    """The same address or number given twice (in any case or format) is kept once, as
    first typed; a person with no name is named after their first address."""
    by_key: dict[str, str] = {}
    for address in (normalize_email(e) for e in new.emails if e.strip()):
        by_key.setdefault(keys.email_key(address), address)
    emails = list(by_key.values())
    by_number: dict[str, str] = {}
    for raw in (r.strip() for r in new.phones if r.strip()):
        by_number.setdefault(keys.phone_key(raw, region), raw)
    phones = [(raw, e164) for e164, raw in by_number.items()]
    name = _clean(new.name) or (_name_from_email(emails[0]) if emails else None)
    if not name:
        raise BadInput(
            "A contact needs a name or an e-mail address.",
            'followthru add "Jane Doe" --email jane@example.com',
        )
    pile = parse_pile(new.pile)
    return _Checked(name, emails, phones, pile, sorted({normalize_tag(t) for t in new.tags}))


def add(ctx: Context, new: NewContact, *, today: date) -> Added:
    """Save someone met, as one change `undo` takes back: the event they were met at is
    created if new, and promises heard in the note are filed."""
    checked = _checked(new, ctx.settings.phone_region)
    with ctx.db.write() as session:
        if not _clean(new.name):  # made up from the address: the owner is this very person
            _check_unused(session, checked.emails)
        change = journal.ChangeSet(session, "add", f"added {checked.name}")
        also = _also_of(session, checked.emails, checked.phones)
        introducer = find_contact(session, new.introduced_by) if new.introduced_by else None
        event = event_for(session, new.event, today=today) if new.event else None
        contact = _new_row(new, checked, introducer, event, today=today)
        session.add(contact)
        session.flush()
        journal.created(session, [contact.id])
        contact_store.set_tags(session, contact, checked.tags, [])
        if event:
            event_store.link(session, contact.id, event.id)
        note = _first_note(session, contact, new, today=today)
        session.flush()
        change.save()
        summary = summaries(session, [contact])[0]
        return Added(summary, note.promises if note else [], also)


def _new_row(
    new: NewContact,
    checked: _Checked,
    introducer: Contact | None,
    event: Event | None,
    *,
    today: date,
) -> Contact:
    """The contact's row with its addresses and numbers in the order given; met on the
    day given, else the event's day, else today."""
    contact = Contact(
        company=_clean(new.company),
        title=_clean(new.title),
        pile=checked.pile.value if checked.pile else None,
        introduced_by_id=introducer.id if introducer else None,
        met_on=new.met_on or (event.held_on if event and event.held_on else today),
        birthday=parse_birthday(new.birthday) if new.birthday else None,
        archived=False,
    )
    set_name(contact, checked.name)
    contact.emails = [
        ContactEmail(address=a, address_key=keys.email_key(a), position=i)
        for i, a in enumerate(checked.emails)
    ]
    contact.phones = [
        ContactPhone(raw=raw, e164=e164, position=i) for i, (raw, e164) in enumerate(checked.phones)
    ]
    return contact


def _first_note(
    session: Session, contact: Contact, new: NewContact, *, today: date
) -> notes.NoteView | None:
    """The note taken when adding someone, written today, with the promises it holds."""
    if not (new.note and new.note.strip()):
        return None
    return notes.record(
        session,
        contact,
        new.note.strip(),
        written_on=today,
        detect=new.detect_promises,
        today=today,
    )


@dataclass(frozen=True)
class Added:
    """A contact as `add` or `edit` saved it, the promises heard in the note that came with
    them, and whose addresses or numbers they share."""

    contact: views.ContactSummary
    promises: list[views.PromiseView]
    # "also the number of Maren Holt": a shared switchboard or inbox, said but not refused.
    also: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            **self.contact.as_json(),
            "promises": [p.as_json() for p in self.promises],
            "also": self.also,
        }


@dataclass
class ContactChanges:
    """What `edit` may change; None leaves a field as it is, "" clears a text field."""

    name: str | None = None
    company: str | None = None
    title: str | None = None
    cadence: str | None = None  # days, or "default"
    met_on: date | None = None
    introduced_by: str | None = None
    add_emails: list[str] = field(default_factory=list)
    remove_emails: list[str] = field(default_factory=list)
    add_phones: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    add_urls: list[str] = field(default_factory=list)
    remove_urls: list[str] = field(default_factory=list)
    add_addresses: list[str] = field(default_factory=list)
    remove_addresses: list[str] = field(default_factory=list)
    add_extras: list[str] = field(default_factory=list)  # vCard lines, e.g. "X-SPOUSE:Sam"
    remove_extras: list[str] = field(default_factory=list)
    birthday: str | None = None  # YYYY-MM-DD or --MM-DD; "" clears
    remove_photo: bool = False


def _parse_cadence(raw: str) -> int | None:
    from followthru.domain.dates import parse_span

    if raw.strip().lower() in ("default", "pile", ""):
        return None
    days = parse_span(raw)
    if days < 1:
        raise BadInput(
            "A cadence must be at least one day.", "e.g. --cadence 30d or --cadence default"
        )
    return days


def edit(ctx: Context, ref: ContactRef, changes: ContactChanges, *, today: date) -> Added:
    add_emails = [normalize_email(e) for e in changes.add_emails]
    region = ctx.settings.phone_region
    add_phones = [(raw.strip(), keys.phone_key(raw, region)) for raw in changes.add_phones]
    remove_phones = {keys.phone_key(raw, region) for raw in changes.remove_phones}
    cadence = _parse_cadence(changes.cadence) if changes.cadence is not None else None
    with ctx.db.write() as session:
        contact = find_contact(session, ref)
        change = journal.ChangeSet(session, "edit", f"edited {contact.name}")
        change.touch([contact.id])
        also = _also_of(session, add_emails, add_phones, own_id=contact.id)
        if changes.name is not None:
            name = _clean(changes.name)
            if not name:
                raise BadInput("A contact's name cannot be empty.")
            set_name(contact, name)
        if changes.company is not None:
            contact.company = _clean(changes.company)
        if changes.title is not None:
            contact.title = _clean(changes.title)
        if changes.cadence is not None:
            contact.cadence_days = cadence
        if changes.met_on is not None:
            contact.met_on = changes.met_on
        if changes.introduced_by is not None:
            introducer = (
                find_contact(session, changes.introduced_by)
                if changes.introduced_by.strip()
                else None
            )
            if introducer and introducer.id == contact.id:
                raise BadInput(
                    "Nobody introduces themselves.", "Name the person who introduced you."
                )
            contact.introduced_by_id = introducer.id if introducer else None
        emails = [ContactEmail(address=a, address_key=keys.email_key(a)) for a in add_emails]
        removed = [keys.email_key(e) for e in changes.remove_emails]
        _edit_rows(contact, contact.emails, "address_key", "e-mail", emails, removed)
        phones = [ContactPhone(raw=raw, e164=e164) for raw, e164 in add_phones]
        _edit_rows(contact, contact.phones, "e164", "phone", phones, sorted(remove_phones))
        _edit_kept(contact, changes)
        session.flush()
        change.save()
        return Added(summaries(session, [contact])[0], [], also)


def _edit_rows(
    contact: Contact,
    rows: list[Any],
    key: str,
    what: str,
    add: Sequence[Any],
    remove: Sequence[str],
) -> None:
    """Remove rows by their key (each must be there), then append the new ones not there
    yet: e-mails by address key, phones by E.164, web pages by URL key …"""
    known = {getattr(r, key): r for r in rows}
    for gone in remove:
        if gone not in known:
            raise BadInput(f"{contact.name} has no {what} {gone}.")
        rows.remove(known.pop(gone))
    for row in add:
        if getattr(row, key) not in known:
            row.position = len(rows)
            rows.append(row)
            known[getattr(row, key)] = row


def _edit_kept(contact: Contact, changes: ContactChanges) -> None:
    """Web pages, postal addresses, birthday, other vCard lines and the photo."""
    urls = [
        ContactUrl(url=u.strip(), url_key=keys.url_key(u)) for u in changes.add_urls if u.strip()
    ]
    _edit_rows(
        contact,
        contact.urls,
        "url_key",
        "web page",
        urls,
        [keys.url_key(u) for u in changes.remove_urls],
    )
    addresses = [
        ContactAddress(text=" ".join(a.split())) for a in changes.add_addresses if a.strip()
    ]
    removed = [" ".join(a.split()) for a in changes.remove_addresses]
    _edit_rows(contact, contact.addresses, "text", "address", addresses, removed)
    extras = [ContactExtra(line=x.strip()) for x in changes.add_extras if x.strip()]
    removed = [x.strip() for x in changes.remove_extras]
    _edit_rows(contact, contact.extras, "line", "vCard line", extras, removed)
    if changes.birthday is not None:
        contact.birthday = _parse_birthday(changes.birthday)
    if changes.remove_photo:
        contact.photo = None


def _parse_birthday(raw: str) -> str | None:
    return parse_birthday(raw) if raw.strip() else None


def retag(
    ctx: Context, ref: ContactRef, changes: Sequence[str], *, today: date
) -> views.ContactSummary:
    """Changes like '+investor', '-student' or a bare 'investor' (which adds)."""
    add: list[str] = []
    remove: list[str] = []
    for change in changes:
        if change.startswith("-"):
            remove.append(normalize_tag(change[1:]))
        else:
            add.append(normalize_tag(change.removeprefix("+")))
    if not add and not remove:
        raise BadInput("No tag changes given.", "e.g. followthru tag NAME +investor -student")
    with ctx.db.write() as session:
        contact = find_contact(session, ref)
        tagging = journal.ChangeSet(session, "edit", f"tagged {contact.name} {' '.join(changes)}")
        tagging.touch([contact.id])
        contact_store.set_tags(session, contact, add, remove)
        session.flush()
        tagging.save()
        return summaries(session, [contact])[0]


def set_pile(ctx: Context, ref: ContactRef, pile: str, *, today: date) -> views.ContactSummary:
    chosen = parse_pile(pile)
    with ctx.db.write() as session:
        contact = find_contact(session, ref)
        change = journal.ChangeSet(session, "pile", f"{contact.name} to {pile}")
        change.touch([contact.id])
        contact.pile = chosen.value if chosen else None
        session.flush()
        change.save()
        return summaries(session, [contact])[0]


def triage_batch(ctx: Context, moves: Sequence[tuple[int, str]]) -> int:
    """A triage sitting's moves (person id, pile) as ONE change, so `undo` takes the whole
    batch back; returns how many people moved."""
    if not moves:
        return 0
    chosen = [(cid, parse_pile(pile)) for cid, pile in moves]
    with ctx.db.write() as session:
        people = "person" if len(chosen) == 1 else "people"
        change = journal.ChangeSet(session, "triage", f"triaged {len(chosen)} {people}")
        change.touch([cid for cid, _ in chosen])
        for cid, pile in chosen:
            contact_by_id(session, cid).pile = pile.value if pile else None
        session.flush()
        change.save()
    return len(chosen)


def set_archived(
    ctx: Context, ref: ContactRef, archived: bool, *, today: date
) -> views.ContactSummary:
    with ctx.db.write() as session:
        contact = find_contact(session, ref)
        verb = "archived" if archived else "restored"
        change = journal.ChangeSet(session, "edit", f"{verb} {contact.name}")
        change.touch([contact.id])
        contact.archived = archived
        session.flush()
        change.save()
        return summaries(session, [contact])[0]


def delete(ctx: Context, ref: ContactRef) -> str:
    """Remove a person and everything recorded about them; returns who it was."""
    with ctx.db.write() as session:
        contact = find_contact(session, ref)
        who = describe(contact)
        change = journal.ChangeSet(session, "delete", f"deleted {who}")
        change.touch([contact.id])
        session.delete(contact)
        session.flush()
        change.save()
        return who


def resolve(ctx: Context, ref: ContactRef) -> tuple[int, str]:
    """Who a reference means: the ID and one line to confirm a destructive command with."""
    with ctx.db.read() as session:
        contact = find_contact(session, ref)
        return contact.id, describe(contact)


def summaries(session: Session, contacts: Sequence[Contact]) -> list[views.ContactSummary]:
    return _summaries_from_rows(session, contact_store.rows_for(session, contacts))


def _summaries_from_rows(
    session: Session,
    rows: Sequence[contact_store.ContactRow],
    people: contact_store.People | None = None,
    *,
    tags_only: bool = False,
) -> list[views.ContactSummary]:
    """Bulk-load emails, phones, tags and events: a few queries, whatever the row count.
    `people` is the query that selected a whole listing, so its details are one sub-select
    each rather than thousands of ids sent back to the database. `tags_only` leaves the
    e-mails, phones and events empty, for a screen that shows none of them."""
    ids = [row.id for row in rows] if people is None else people
    tags = contact_store.tags_of(session, ids)
    if tags_only:
        return views.summaries(rows, Details(emails={}, phones={}, tags=tags, events={}))
    details = Details(
        emails=contact_store.emails_of(session, ids),
        phones=contact_store.phones_of(session, ids),
        tags=tags,
        events=contact_store.events_of(session, ids),
    )
    return views.summaries(rows, details)


@dataclass(frozen=True)
class ListQuery:
    pile: str | None = None
    event: str | None = None
    tag: str | None = None
    dormant: str | None = None  # a span such as 90d
    search: str | None = None
    include_archived: bool = False
    promising_first: bool = False  # triage's order: recent, reachable, with a role first


def _filter(session: Session, query: ListQuery) -> contact_store.ContactFilter:
    from followthru.domain.dates import parse_span

    return contact_store.ContactFilter(
        pile=plain_reads.pile_filter(query.pile),
        event_id=find_event(session, query.event).id if query.event else None,
        tag=normalize_tag(query.tag) if query.tag else None,
        dormant_days=parse_span(query.dormant) if query.dormant else None,
        search=plain_reads.search_key(query.search),
        include_archived=query.include_archived,
        promising_first=query.promising_first,
    )


def listing(ctx: Context, query: ListQuery, *, today: date) -> list[views.ContactSummary]:
    with ctx.db.read() as session:
        flt = _filter(session, query)
        rows = contact_store.listing(session, flt, today=today)
        return _summaries_from_rows(session, rows, contact_store.selected(flt, today=today))


MAX_OFFSET = 2**62  # what both databases take as a LIMIT/OFFSET number, with room


@dataclass(frozen=True)
class ContactPage:
    """One screen of a listing and where it sits in the whole."""

    people: list[views.ContactSummary]
    total: int
    offset: int
    limit: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.people) < self.total

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "offset": self.offset,
            "limit": self.limit,
            "contacts": [p.as_json() for p in self.people],
        }


def page(
    ctx: Context,
    query: ListQuery,
    *,
    today: date,
    limit: int = 50,
    offset: int = 0,
    tags_only: bool = False,
) -> ContactPage:
    """A page of a listing for screens and the API: the count and one page, two queries;
    `tags_only` for a screen that shows no e-mails, phones or events (see _summaries_from_rows)."""
    if limit < 1 or not 0 <= offset <= MAX_OFFSET:
        raise BadInput("A page needs a limit of at least 1 and an offset from 0 to 2^62.")
    with ctx.db.read() as session:
        flt = _filter(session, query)
        rows, total = contact_store.page(session, flt, today=today, limit=limit, offset=offset)
        people = _summaries_from_rows(session, rows, tags_only=tags_only)
        return ContactPage(people, total, offset, limit)
