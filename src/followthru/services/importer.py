"""Importing people from files: one person, one contact, however many files name them.

Every file is read and checked before the database is touched; then the whole import runs
as one transaction, so a fatal error leaves the database as it was. Each record is matched
to who is already there — by the key of the record it came from (so the same file twice
changes nothing), then by e-mail, E.164 phone and profile URL — and merged field by field:
what the contact lacks is filled in, nothing they have is overwritten.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from followthru.domain.fields import email_key, normalize_email, normalize_phone, url_key
from followthru.domain.names import fold, split_name
from followthru.domain.vocab import Pile
from followthru.errors import BadInput
from followthru.files import collect
from followthru.formats.records import ContactRecord, Photo, ReadResult
from followthru.services import notes
from followthru.services.contacts import event_for, normalize_tag, parse_pile
from followthru.services.runtime import Context
from followthru.store import contacts as contact_store
from followthru.store import imports
from followthru.store.limits import clip, record_problem
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
    Event,
    Note,
    new_uid,
)

LAYOUTS = ("auto", "vcard", "linkedin", "google", "outlook", "csv", "json")
SUFFIXES = {".vcf": "vcard", ".vcard": "vcard", ".csv": "csv", ".json": "json"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportOptions:
    layout: str = "auto"
    event: str | None = None
    pile: str | None = None
    tags: Sequence[str] = ()
    encoding: str | None = None
    mapping: dict[str, str] | None = None
    dry_run: bool = False
    strict: bool = False
    detect_promises: bool = False


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # file -> reader used
    created: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    promises: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "formats": self.formats,
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "skipped": [s.as_json() for s in self.skipped],
            "warnings": [w.as_json() for w in self.warnings],
            "promises": self.promises,
            "dry_run": self.dry_run,
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back after it was fully computed."""


def gather(paths: Sequence[Path]) -> list[Path]:
    """The files to read: each file named, and the contact files inside each folder."""
    files, problems = collect(paths, SUFFIXES)
    for path, problem in problems:
        if problem == "missing":
            raise BadInput(f"{path} does not exist.", "Check the path.")
        raise BadInput(f"{path} holds no .vcf, .csv or .json files.", "Name the files to import.")
    return files


def read_file(path: Path, options: ImportOptions) -> ReadResult:
    """Bytes to records with the reader the file needs (or the one the user named)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"Cannot read {path}: {exc.strerror}.") from exc
    layout = options.layout if options.layout != "auto" else _guess_layout(path, data)
    if layout == "vcard":
        from followthru.formats.vcard import read_vcards

        return read_vcards(data, source=str(path))
    if layout == "json":
        raise BadInput(
            f"{path} is a followthru backup: it restores only into an empty database.",
            "Use `followthru import --format json FILE` with a new --db.",
        )
    from followthru.formats.csv_contacts import read_csv

    return read_csv(
        data,
        source=str(path),
        layout=layout if layout in ("linkedin", "google", "outlook", "csv") else "auto",
        encoding=options.encoding,
        mapping=options.mapping,
    )


def _guess_layout(path: Path, data: bytes) -> str:
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if by_suffix in ("vcard", "json"):
        return by_suffix
    head = data[:4096]
    for encoding in ("utf-8", "utf-16"):
        text = head.decode(encoding, errors="ignore").lstrip("\ufeff").lstrip()
        if text[:11].lower() == "begin:vcard":
            return "vcard"
        if text.startswith("{") and "followthru_backup" in text:
            return "json"
    return "auto"


def source_key(kind: str, record: ContactRecord) -> str:
    """The same record read again gets the same key: its own UID, else its content."""
    if record.uid:
        return f"{kind}:uid:{record.uid.strip()[:200]}"

    def norm(text: str | None) -> str:  # a stable hash input, not a lookup key: no folding
        return " ".join((text or "").casefold().split())

    content = "|".join(
        [
            norm(record.display_name()),
            ",".join(sorted(e.strip().casefold() for e in record.emails)),
            ",".join(sorted("".join(ch for ch in p if ch.isdigit()) for p in record.phones)),
            norm(record.company),
            norm(record.title),
            ",".join(sorted(url_key(u) for u in record.urls)),
        ]
    )
    return f"{kind}:{hashlib.sha256(content.encode()).hexdigest()[:32]}"


@dataclass
class _Clean:
    """A record's identifying fields, normalised, with what had to be left out."""

    emails: list[str]
    phones: list[tuple[str, str]]  # (as typed, E.164 or "" when it is no dialable number)
    urls: list[tuple[str, str]]  # (as written, key)
    problems: list[str]


def _clean(record: ContactRecord, region: str) -> _Clean:
    problems: list[str] = []
    emails: dict[str, str] = {}
    for raw in record.emails:
        try:
            address = normalize_email(raw)
        except BadInput:
            problems.append(f"{raw!r} is not a valid e-mail address; left out")
            continue
        emails.setdefault(email_key(address), address)
    phones: dict[str, tuple[str, str]] = {}  # E.164 (or the text) -> (as typed, E.164)
    for raw in record.phones:
        text = raw.strip()[:80]
        if not text:
            continue
        try:
            e164 = normalize_phone(text, region)
        except BadInput:
            # An extension, a short code or a fictional 555 number: kept as the file wrote
            # it (shown as typed, never used to match people), not silently lost.
            e164 = ""
        phones.setdefault(e164 or text, (text, e164))
    urls: dict[str, str] = {}
    for raw in record.urls:
        if raw.strip():
            urls.setdefault(url_key(raw)[:300], raw.strip())
    return _Clean(
        list(emails.values()),
        list(phones.values()),
        [(raw, key) for key, raw in urls.items()],
        problems,
    )


@dataclass
class _Person:
    """A contact as the import sees it: plain values, so thousands can be merged in memory
    and written with a few bulk statements instead of one ORM object graph per person."""

    contact: Contact | None  # None: created by this import
    fields: dict[str, Any]  # scalar columns (new people) or their current values (others)
    changed: set[str] = field(default_factory=set)  # scalar columns to update (others)
    have: dict[str, set[str]] = field(default_factory=dict)  # keys already there, per kind
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # child rows to add
    photo: Photo | None = None
    has_photo: bool = False
    notes: list[str] = field(default_factory=list)

    @classmethod
    def existing(cls, contact: Contact, session: Session) -> _Person:
        return cls(
            contact,
            {name: getattr(contact, name) for name in _SCALARS},
            have={
                "emails": {e.address_key for e in contact.emails},
                "phones": {p.e164 or p.raw for p in contact.phones},
                "urls": {u.url_key for u in contact.urls},
                "addresses": {a.text for a in contact.addresses},
                "extras": {x.line for x in contact.extras},
                "tags": {t.tag for t in contact.tags},
                "notes": contact_store.note_texts(session, contact.id),
            },
            has_photo=contact.photo is not None,
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


_SCALARS = ("company", "title", "birthday", "met_on", "pile", "cadence_days")


class _Importer:
    """Matches and merges records in memory, then writes everything in bulk."""

    def __init__(self, session: Session, ctx: Context, options: ImportOptions, today: date) -> None:
        self.session = session
        self.region = ctx.settings.phone_region
        self.options = options
        self.today = today
        self.report = ImportReport(dry_run=options.dry_run)
        self.index = contact_store.identity_index(session)
        self.people: list[_Person] = []  # everyone this import touches, in order
        self.existing: dict[int, _Person] = {}  # contact id -> person, for matched contacts
        self.by_key: dict[str, _Person] = {}  # source and identity keys seen in this import
        self.tags = sorted({normalize_tag(t) for t in options.tags})
        pile = parse_pile(options.pile)
        self.pile = pile.value if pile else None
        self.event: Event | None = (
            event_for(session, options.event, today=today) if options.event else None
        )

    def apply(self, file: str, kind: str, record: ContactRecord) -> None:
        if too_long := record_problem(record):
            self.report.skipped.append(Problem(file, record.line, too_long))
            return
        key = source_key(kind, record)
        if key in self.index.sources or key in self.by_key:
            self.report.unchanged += 1
            return
        clean = _clean(record, self.region)
        for problem in clean.problems:
            self.report.warnings.append(Problem(file, record.line, problem))
        name = (
            record.display_name()
            or (clean.emails[0].split("@")[0] if clean.emails else None)
            or record.company
        )
        identities = (
            [f"e:{email_key(e)}" for e in clean.emails]
            + [f"p:{e164}" for _, e164 in clean.phones if e164]
            + [f"u:{k}" for _, k in clean.urls]
        )
        if not name and not identities:
            self.report.skipped.append(Problem(file, record.line, "no name, e-mail or phone"))
            return
        person, seen_here = self._match(identities)
        if person is None:
            person = self._create(
                name or (clean.phones[0][0] if clean.phones else "?"),
                _uid_of(record),
                (record.given or "", record.family or "")
                if record.given or record.family
                else None,
            )
            self.report.created += 1
            changed = True
        else:
            changed = False
        changed |= self._merge(person, record, clean)
        person.add(
            "sources", key, {"kind": kind, "key": key, "label": file, "imported_on": self.today}
        )
        self.by_key[key] = person
        for identity in identities:
            self.by_key.setdefault(identity, person)
        if seen_here:
            self.report.merged += 1
        elif person.contact is not None:
            if changed:
                self.report.updated += 1
            else:
                self.report.unchanged += 1

    def _match(self, identities: list[str]) -> tuple[_Person | None, bool]:
        """Who these identities point at, and whether this import already met them."""
        for identity in identities:
            if identity in self.by_key:
                return self.by_key[identity], True
        for identity in identities:
            kind, value = identity[0], identity[2:]
            table = {"e": self.index.emails, "p": self.index.phones, "u": self.index.urls}[kind]
            if value in table:
                cid = table[value]
                if cid not in self.existing:
                    contact = self.session.get(Contact, cid)
                    if contact is None:
                        continue
                    self.existing[cid] = _Person.existing(contact, self.session)
                    self.people.append(self.existing[cid])
                return self.existing[cid], False
        return None, False

    def _create(self, name: str, uid: str | None, parts: tuple[str, str] | None) -> _Person:
        given, family = parts or split_name(name)
        given, family = clip("contacts.given_name", given), clip("contacts.family_name", family)
        # A card that followthru exported comes back as the same person, UID and all.
        uid = uid if uid and uid not in self.index.uids else new_uid()
        self.index.uids.add(uid)
        person = _Person(
            None,
            {
                "uid": uid,
                "name": name[:300],
                "name_key": fold(name[:300]),
                "given_name": given,
                "family_name": family,
                "company": None,
                "title": None,
                "birthday": None,
                "pile": self.pile,
                "cadence_days": None,
                "met_on": self.event.held_on if self.event and self.event.held_on else self.today,
                "archived": False,
            },
        )
        self.people.append(person)
        return person

    def _merge(self, person: _Person, record: ContactRecord, clean: _Clean) -> bool:
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
        for address in clean.emails:
            key = email_key(address)
            person.add("emails", key, {"address": address, "address_key": key})
        for raw, e164 in clean.phones:
            person.add("phones", e164 or raw, {"raw": raw, "e164": e164})
        for raw, key in clean.urls:
            person.add("urls", key, {"url": raw, "url_key": key})
        for text in record.addresses:
            if text.strip():
                person.add("addresses", text.strip(), {"text": text.strip()})
        own, extra = _own_lines(record.extra)
        self._apply_own(person, own)
        for line in extra:
            if line.strip():
                person.add("extras", line.strip(), {"line": line.strip()})
        for tag in sorted({*self._record_tags(record), *self.tags}):
            person.add("tags", tag, {"tag": tag})
        if record.photo is not None and not person.has_photo:
            person.photo, person.has_photo = record.photo, True
        notes_had = person.have.setdefault("notes", set())
        for text in dict.fromkeys(n.strip() for n in record.notes if n.strip()):
            if text not in notes_had:
                notes_had.add(text)
                person.notes.append(text)
        return person.pending() > before

    @staticmethod
    def _apply_own(person: _Person, own: dict[str, str]) -> None:
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
        if met != current and (person.contact is None or current is None or met < current):
            person.set("met_on", met)

    @staticmethod
    def _record_tags(record: ContactRecord) -> set[str]:
        tags = set()
        for raw in record.tags:
            try:
                tags.add(normalize_tag(raw)[:100])
            except BadInput:
                continue
        return tags

    def finish(self) -> None:
        """Write it all: new people in one batch, then every kind of child row in one each."""
        new = [p for p in self.people if p.contact is None]
        ids = imports.insert_contacts(self.session, [p.fields for p in new])
        ids_of: dict[int, int] = {id(p): cid for p, cid in zip(new, ids, strict=True)}
        for person in self.people:
            if person.contact is not None:
                ids_of[id(person)] = person.contact.id
                for name in person.changed:
                    setattr(person.contact, name, person.fields[name])
        self.session.flush()
        for kind, model in _CHILD_TABLES.items():
            rows = [
                {**row, "contact_id": ids_of[id(p)]}
                for p in self.people
                for row in p.rows.get(kind, [])
            ]
            if kind == "tags":
                rows = [{"contact_id": r["contact_id"], "tag": r["tag"]} for r in rows]
            imports.insert_rows(self.session, model, rows)
        imports.insert_rows(
            self.session,
            ContactPhoto,
            [
                {
                    "contact_id": ids_of[id(p)],
                    "media_type": p.photo.media_type[:100],
                    "data": p.photo.data,
                }
                for p in self.people
                if p.photo is not None
            ],
        )
        self._write_notes(ids_of)
        if self.event is not None:
            linked = contact_store.event_members(self.session, self.event.id)
            imports.insert_rows(
                self.session,
                ContactEvent,
                [
                    {"contact_id": cid, "event_id": self.event.id}
                    for cid in sorted(set(ids_of.values()) - linked)
                ],
            )
        self.session.expire_all()

    def _write_notes(self, ids_of: dict[int, int]) -> None:
        pending = [(ids_of[id(p)], text) for p in self.people for text in p.notes]
        if not self.options.detect_promises:
            imports.insert_rows(
                self.session,
                Note,
                [{"contact_id": cid, "written_on": self.today, "text": t} for cid, t in pending],
            )
            return
        for cid, text in pending:
            contact = self.session.get(Contact, cid)
            assert contact is not None
            heard = notes.record(
                self.session, contact, text, written_on=self.today, detect=True, today=self.today
            )
            self.report.promises += len(heard.promises)


_CHILD_TABLES: dict[str, Any] = {
    "emails": ContactEmail,
    "phones": ContactPhone,
    "urls": ContactUrl,
    "addresses": ContactAddress,
    "extras": ContactExtra,
    "tags": ContactTag,
    "sources": ContactSource,
}


OWN_PREFIX = "X-FOLLOWTHRU-"


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


def import_files(
    ctx: Context,
    paths: Sequence[Path],
    options: ImportOptions,
    *,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    if options.layout not in LAYOUTS:
        raise BadInput(
            f"Unknown format {options.layout!r}.", f"Choose one of: {', '.join(LAYOUTS)}."
        )
    files = gather(paths)
    results = [(str(path), read_file(path, options)) for path in files]
    skipped = [Problem(f, s.line, s.reason) for f, r in results for s in r.skipped]
    if options.strict and skipped:
        raise BadInput(
            f"{len(skipped)} record(s) could not be read, first {skipped[0]}.",
            "Fix the file, or import without --strict to skip them with a warning.",
        )
    labelled = [
        (file, result.format, record) for file, result in results for record in result.records
    ]
    report = import_records(ctx, labelled, options, today=today, progress=progress)
    report.skipped[:0] = skipped
    for file, result in results:  # files with no usable record are still reported
        if file not in report.files:
            report.files.append(file)
            report.formats[file] = result.format
    return report


def import_records(
    ctx: Context,
    records: Sequence[tuple[str, str, ContactRecord]],
    options: ImportOptions,
    *,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    """Records read from files or made elsewhere (a scanned card), matched and merged in one
    transaction: each is (label for messages, kind for its source key, record)."""
    try:
        with ctx.db.write() as session:
            importer = _Importer(session, ctx, options, today)
            for done, (label, kind, record) in enumerate(records, start=1):
                if label not in importer.report.formats:
                    importer.report.files.append(label)
                    importer.report.formats[label] = kind
                with session.no_autoflush:  # nothing is written until `finish`
                    importer.apply(label, kind, record)
                if progress is not None:
                    progress(done, len(records))
            importer.finish()
            report = importer.report
            if options.strict and report.skipped:
                raise BadInput(
                    f"{len(report.skipped)} record(s) could not be used, first {report.skipped[0]}.",
                    "Fix the file, or import without --strict to skip them with a warning.",
                )
            if options.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report
