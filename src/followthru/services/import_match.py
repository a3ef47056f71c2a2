"""The import's second stage: who each record is, decided in memory from a read-only look
at the database, so no write lock is held while thousands of records are compared.

A record joins someone already known (or met earlier in the same import) only on a strong
personal key (`domain.identity`): the key of the record it came from (the same file twice
changes nothing), its vCard UID, a personal e-mail address, a number no other name in the
import shares, a profile URL — and only when the names do not contradict it. Merged field
by field: what the person lacks is filled in, nothing they have is overwritten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from followthru.domain.fields import normalize_email
from followthru.domain.identity import (
    Shared,
    is_desk_label,
    is_profile,
    is_role_address,
    same_names,
)
from followthru.domain.names import split_name
from followthru.domain.vocab import Pile
from followthru.errors import BadInput, EventNotFound
from followthru.formats.records import ContactRecord, Photo
from followthru.services.contacts import normalize_tag, parse_pile
from followthru.services.import_report import ImportOptions, ImportReport, MergeNote, Problem
from followthru.services.lookup import find_event
from followthru.store import contacts as contact_store
from followthru.store import journal, keys
from followthru.store.limits import clip, record_problem
from followthru.store.models import new_uid

Progress = Callable[[int, int], None]
OWN_PREFIX = "X-FOLLOWTHRU-"
SCALARS = ("company", "title", "birthday", "met_on", "pile", "cadence_days")
_SAID = {"e": "e-mail", "p": "phone", "u": "profile", "i": "card UID"}


def source_key(kind: str, record: ContactRecord) -> str:
    """The same record read again gets the same key: its own UID, else its content."""
    if record.uid:
        return f"{kind}:uid:{record.uid.strip()[:200]}"

    def norm(text: str | None) -> str:  # a stable hash input, not a lookup key: no folding
        return " ".join((text or "").casefold().split())

    content = "|".join(
        [
            norm(record.display_name()),
            ",".join(sorted(keys.email_key(e) for e in record.emails)),
            ",".join(sorted("".join(ch for ch in p if ch.isdigit()) for p in record.phones)),
            norm(record.company),
            norm(record.title),
            ",".join(sorted(keys.url_key(u) for u in record.urls)),
        ]
    )
    return f"{kind}:{hashlib.sha256(content.encode()).hexdigest()[:32]}"


@dataclass
class Clean:
    """A record's identifying fields, normalised, with what had to be left out."""

    emails: list[str]
    phones: list[tuple[str, str]]  # (as typed, E.164 or "" when it is no dialable number)
    desk: set[str]  # E.164 of the phones labelled as a shared work line: never a key alone
    urls: list[tuple[str, str]]  # (as written, key)
    problems: list[str]

    def keys(self) -> list[str]:
        """Every identity the record carries, strong or not."""
        return (
            [f"e:{keys.email_key(e)}" for e in self.emails]
            + [f"p:{e164}" for _, e164 in self.phones if e164]
            + [f"u:{k}" for _, k in self.urls]
        )


def clean(record: ContactRecord, region: str) -> Clean:
    problems: list[str] = []
    emails: dict[str, str] = {}
    for raw in record.emails:
        try:
            address = normalize_email(raw)
        except BadInput:
            problems.append(f"{raw!r} is not a valid e-mail address; left out")
            continue
        emails.setdefault(keys.email_key(address), address)
    phones: dict[str, tuple[str, str]] = {}  # E.164 (or the text) -> (as typed, E.164)
    desk: set[str] = set()
    for raw in record.phones:
        text = raw.strip()[:80]
        if not text:
            continue
        try:
            e164 = keys.phone_key(text, region)
        except BadInput:
            # An extension, a short code or a fictional 555 number: kept as the file wrote
            # it (shown as typed, never used to match people), not silently lost.
            e164 = ""
        phones.setdefault(e164 or text, (text, e164))
        if e164 and is_desk_label(record.phone_labels.get(raw, "")):
            desk.add(e164)
    urls: dict[str, str] = {}
    for raw in record.urls:
        if raw.strip():
            urls.setdefault(keys.url_key(raw), raw.strip())
    return Clean(
        list(emails.values()),
        list(phones.values()),
        desk,
        [(raw, key) for key, raw in urls.items()],
        problems,
    )


@dataclass
class Person:
    """A person as the import sees them: plain values, so thousands can be merged in memory
    and written with a few bulk statements, and no database object outlives the look-up."""

    contact_id: int | None  # None: created by this import
    name: str
    named: str | None  # the name as a file or the user gave it; None when made up
    fields: dict[str, Any]  # scalar columns (new people) or their current values (others)
    changed: set[str] = field(default_factory=set)  # scalar columns to update (others)
    have: dict[str, set[str]] = field(default_factory=dict)  # keys already there, per kind
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # child rows to add
    photo: Photo | None = None
    has_photo: bool = False
    notes: list[str] = field(default_factory=list)

    @classmethod
    def existing(cls, known: contact_store.Known) -> Person:
        return cls(
            known.id,
            known.name,
            known.name,
            known.fields,
            have=known.have,
            has_photo=known.has_photo,
        )

    def set(self, name: str, value: Any) -> None:
        self.fields[name] = value
        self.changed.add(name)

    def add(self, kind: str, key: str, row: dict[str, Any]) -> None:
        """Add a child row unless one with this key is there."""
        have = self.have.setdefault(kind, set())
        if key not in have:
            have.add(key)
            self.rows.setdefault(kind, []).append({**row, "position": len(have) - 1})

    def pending(self) -> int:
        """How much this import will write for the person: grows whenever a record adds."""
        rows = sum(len(r) for r in self.rows.values())
        return len(self.changed) + rows + len(self.notes) + (self.photo is not None)


@dataclass
class Matched:
    """The match stage's result: everyone the import will write, and the report so far."""

    people: list[Person]
    report: ImportReport
    # Every look-up the match made in the database's keys ("e:ann@x.io" -> contact id or
    # None), and the journal's newest change when it looked: what `still_valid` re-checks.
    lookups: dict[str, int | None] = field(default_factory=dict)
    as_of: int = 0

    def touched(self) -> list[Person]:
        """The people the write stage writes: everyone new, and those gaining anything."""
        return [p for p in self.people if p.contact_id is None or p.pending()]


class Matcher:
    """Matches and merges records in memory against one index of everyone's keys."""

    def __init__(self, session: Session, region: str, options: ImportOptions, today: date) -> None:
        self.session = session
        self.region = region
        self.today = today
        self.report = ImportReport(dry_run=options.dry_run)
        self.index = contact_store.identity_index(session)
        self.used_uids = set(self.index.uids)
        self.shared = Shared(frozenset())
        self.people: list[Person] = []  # everyone this import touches, in order
        self.existing: dict[int, Person] = {}  # contact id -> person, for matched contacts
        self.by_key: dict[str, Person] = {}  # source and identity keys seen in this import
        self.lookups: dict[str, int | None] = {}  # what was looked up in `index`, and found
        self.known: dict[int, contact_store.Known] = {}  # whom the records may merge into
        self.tags = sorted({normalize_tag(t) for t in options.tags})
        pile = parse_pile(options.pile)
        self.pile = pile.value if pile else None
        self.met_on = _event_day(session, options.event, today)

    def apply(self, file: str, kind: str, record: ContactRecord, found: Clean) -> None:
        if too_long := record_problem(record):
            self.report.skipped.append(Problem(file, record.line, too_long))
            return
        key = source_key(kind, record)
        self.lookups[f"s:{key}"] = self.index.sources.get(key)
        if key in self.index.sources or key in self.by_key:
            self.report.unchanged += 1
            return
        for problem in found.problems:
            self.report.warnings.append(Problem(file, record.line, problem))
        named = record.display_name()
        name = named or (found.emails[0].split("@")[0] if found.emails else None) or record.company
        if not name and not found.keys():
            self.report.skipped.append(Problem(file, record.line, "no name, e-mail or phone"))
            return
        strong = self._strong(record, found)
        person, via, seen_here = self._match(strong, named)
        if person is None:
            person = self._create(name or (found.phones[0][0] if found.phones else "?"), record)
            person.named = named
            self.report.created += 1
        else:
            self._note_merge(file, record.line, name or "?", person, via)
        changed = self._merge(person, record, found) or person.contact_id is None
        person.add(
            "sources", key, {"kind": kind, "key": key, "label": file, "imported_on": self.today}
        )
        self.by_key[key] = person
        for identity in strong:
            self.by_key.setdefault(identity, person)
        if seen_here:
            self.report.merged += 1
        elif person.contact_id is not None:
            if changed:
                self.report.updated += 1
            else:
                self.report.unchanged += 1

    def _strong(self, record: ContactRecord, found: Clean) -> list[str]:
        """The keys that may merge this record into someone: personal ones only."""
        uid = _uid_of(record)
        strong = [f"i:{uid}"] if uid else []
        for address in found.emails:
            identity = f"e:{keys.email_key(address)}"
            if not is_role_address(address) and identity not in self.shared.keys:
                strong.append(identity)
        strong += [
            f"p:{e164}"
            for _, e164 in found.phones
            if e164 and e164 not in found.desk and f"p:{e164}" not in self.shared.keys
        ]
        strong += [f"u:{k}" for _, k in found.urls if is_profile(k)]
        return strong

    def _match(self, strong: list[str], name: str | None) -> tuple[Person | None, str, bool]:
        """Who these keys point at (names agreeing), by which key, and whether this import
        already met them."""
        for identity in strong:
            person = self.by_key.get(identity)
            if person is not None and same_names(name, person.named):
                return person, identity, True
        for identity in strong:
            cid = self.lookups[identity] = self.lookup(identity)
            found = self._load(cid) if cid is not None else None
            if found is not None and same_names(name, found.named):
                return found, identity, False
        return None, "", False

    def lookup(self, identity: str) -> int | None:
        """Who in the database has this key ("e:ann@x.io", "p:+1…", "u:…", "i:UID")."""
        tables = {
            "e": self.index.emails,
            "p": self.index.phones,
            "u": self.index.urls,
            "i": self.index.uids,
        }
        return tables[identity[0]].get(identity[2:])

    def prefetch(self, records: Sequence[ContactRecord], found: Sequence[Clean]) -> None:
        """Everyone the records may merge into, loaded in a few statements up front."""
        ids = {
            cid
            for record, cleaned in zip(records, found, strict=True)
            for identity in self._strong(record, cleaned)
            if (cid := self.lookup(identity)) is not None
        }
        self.known = contact_store.known_people(self.session, sorted(ids), SCALARS)

    def _load(self, cid: int) -> Person | None:
        if cid not in self.existing:
            known = self.known.get(cid)
            if known is None:
                return None
            self.existing[cid] = Person.existing(known)
            self.people.append(self.existing[cid])
        return self.existing[cid]

    def _note_merge(self, file: str, line: int, name: str, into: Person, via: str) -> None:
        key = f"same {_SAID[via[0]]} {via[2:]}"
        self.report.merges.append(MergeNote(file, line, name, into.name, into.contact_id, key))

    def _create(self, name: str, record: ContactRecord) -> Person:
        parts = (record.given or "", record.family or "") if record.given or record.family else None
        given, family = parts or split_name(name)
        given, family = clip("contacts.given_name", given), clip("contacts.family_name", family)
        # A card that followthru exported comes back as the same person, UID and all.
        uid = _uid_of(record)
        uid = uid if uid and uid not in self.used_uids else new_uid()
        self.used_uids.add(uid)
        person = Person(
            None,
            name[:300],
            None,
            {
                "uid": uid,
                "name": name[:300],
                "name_key": keys.name_key(name[:300]),
                "given_name": given,
                "family_name": family,
                "company": None,
                "title": None,
                "birthday": None,
                "pile": self.pile,
                "cadence_days": None,
                "met_on": self.met_on,
                "archived": False,
            },
        )
        self.people.append(person)
        return person

    def _merge(self, person: Person, record: ContactRecord, found: Clean) -> bool:
        """Fill in what the person lacks; True when anything changed."""
        before = person.pending()
        for name, value in (
            ("company", record.company),
            ("title", record.title),
            ("birthday", record.birthday),
        ):
            if value and value.strip() and not person.fields.get(name):
                person.set(name, value.strip()[:300])
        met = person.fields.get("met_on")
        if record.met_on and (met is None or record.met_on < met):
            person.set("met_on", record.met_on)
        if self.pile and person.fields.get("pile") is None:
            person.set("pile", self.pile)
        for address in found.emails:
            key = keys.email_key(address)
            person.add("emails", key, {"address": address, "address_key": key})
        for raw, e164 in found.phones:
            person.add("phones", e164 or raw, {"raw": raw, "e164": e164})
        for raw, key in found.urls:
            person.add("urls", key, {"url": raw, "url_key": key})
        for text in record.addresses:
            if text.strip():
                person.add("addresses", text.strip(), {"text": text.strip()})
        own, extra = _own_lines(record.extra)
        _apply_own(person, own)
        for line in extra:
            if line.strip():
                person.add("extras", line.strip(), {"line": line.strip()})
        for tag in sorted({*_record_tags(record), *self.tags}):
            person.add("tags", tag, {"tag": tag})
        if record.photo is not None and not person.has_photo:
            person.photo, person.has_photo = record.photo, True
        notes_had = person.have.setdefault("notes", set())
        for text in dict.fromkeys(n.strip() for n in record.notes if n.strip()):
            if text not in notes_had:
                notes_had.add(text)
                person.notes.append(text)
        return person.pending() > before


def match(
    session: Session,
    region: str,
    records: Sequence[tuple[str, str, ContactRecord]],
    options: ImportOptions,
    *,
    today: date,
    progress: Progress | None = None,
) -> Matched:
    """Every record matched and merged in memory; the session is only read."""
    as_of = journal.newest_id(session)
    matcher = Matcher(session, region, options, today)
    found = [clean(record, region) for _, _, record in records]
    matcher.shared = Shared.among(
        (record.display_name(), f.keys()) for (_, _, record), f in zip(records, found, strict=True)
    )
    matcher.prefetch([record for _, _, record in records], found)
    report = matcher.report
    for done, ((label, kind, record), cleaned) in enumerate(zip(records, found, strict=True), 1):
        if label not in report.formats:
            report.files.append(label)
            report.formats[label] = kind
        with session.no_autoflush:
            matcher.apply(label, kind, record, cleaned)
        if progress is not None:
            progress(done, len(records))
    for person in matcher.people:  # derived here, so the write lock is not held for it
        if person.contact_id is None:
            person.fields["work_key"] = keys.work_key(
                person.fields["company"], person.fields["title"]
            )
    return Matched(matcher.people, report, matcher.lookups, as_of)


def still_valid(session: Session, matched: Matched, *, ignore: Iterable[int] = ()) -> bool:
    """Whether a match made earlier still holds, by the journal (every write that changes
    people joins it): no one it merged into has changed since, and no one changed or added
    since has a key the match looked up. A few statements, not a new index of everyone.
    `ignore`: the changes of the import itself (its batches written so far)."""
    changed = journal.people_changed_since(session, matched.as_of, ignore=ignore)
    if any(p.contact_id in changed for p in matched.people):
        return False
    keys = contact_store.identity_keys(session, sorted(changed))
    return not any(key in matched.lookups for key in keys)


def _event_day(session: Session, event: str | None, today: date) -> date | None:
    """The day new people were met: the event's when it has one. An import never sets it
    to the day of the import: unknown stays unknown (DESIGN 1.5)."""
    if not event:
        return None
    try:
        return find_event(session, event).held_on
    except EventNotFound:
        return None


def _uid_of(record: ContactRecord) -> str | None:
    uid = (record.uid or "").strip()
    return uid if 0 < len(uid) <= 64 else None


def _own_lines(lines: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Split followthru's own X- lines from the rest of a card's extra lines."""
    own: dict[str, str] = {}
    rest: list[str] = []
    for line in lines:
        if line.upper().startswith(OWN_PREFIX):
            name, _, value = line.partition(":")
            own[name.split(";")[0][len(OWN_PREFIX) :].upper()] = value
        else:
            rest.append(line)
    return own, rest


def _apply_own(person: Person, own: dict[str, str]) -> None:
    """followthru's own fields, from a vCard it exported (X-FOLLOWTHRU-PILE …)."""
    pile = own.get("PILE", "").strip().lower()
    if pile in {p.value for p in Pile} and person.fields.get("pile") is None:
        person.set("pile", pile)
    cadence = own.get("CADENCE", "").strip()
    if cadence.isdigit() and person.fields.get("cadence_days") is None:
        person.set("cadence_days", int(cadence))
    try:
        met = date.fromisoformat(own.get("MET", "").strip())
    except ValueError:
        return
    current = person.fields.get("met_on")
    if met != current and (person.contact_id is None or current is None or met < current):
        person.set("met_on", met)


def _record_tags(record: ContactRecord) -> set[str]:
    tags = set()
    for raw in record.tags:
        try:
            tags.add(normalize_tag(raw)[:100])
        except BadInput:
            continue
    return tags
