"""What every contact file reader produces and every writer consumes.

Readers (vCard, LinkedIn, Google, Outlook, generic CSV, JSON) turn bytes into
`ContactRecord`s without touching the database, so a whole file can be read, checked and
reported on before anything is written; the import service decides what each record
becomes (a new contact, an update, a merge). Values stay as the file wrote them (phones
as typed, e-mails untrimmed of case): normalising is the service's job, with the user's
settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Photo:
    media_type: str  # e.g. image/jpeg
    data: bytes


@dataclass
class ContactRecord:
    """One person as a file describes them."""

    line: int  # where the record starts in its file (1-based), for messages
    name: str | None = None  # the display name (vCard FN, "First Last" in CSV)
    given: str | None = None
    family: str | None = None
    emails: list[str] = field(default_factory=list)
    email_labels: dict[str, str] = field(default_factory=dict)  # as typed: "WORK,PREF"
    phones: list[str] = field(default_factory=list)
    # How the file labels a phone (as typed -> "WORK,VOICE", "Business Phone", "Main"), when it
    # does: a work line or switchboard is shared, so the matcher never merges on it alone.
    phone_labels: dict[str, str] = field(default_factory=dict)
    company: str | None = None
    title: str | None = None
    urls: list[str] = field(default_factory=list)  # a LinkedIn profile among them is matched
    addresses: list[str] = field(default_factory=list)  # one line each: "street, city, zip"
    birthday: str | None = None  # "YYYY-MM-DD", or "--MM-DD" when the year is unknown
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    photo: Photo | None = None
    met_on: date | None = None  # LinkedIn's "Connected On"
    uid: str | None = None  # the file's own id for the person (vCard UID), when it has one
    # vCard content lines followthru has no field for, kept verbatim so an export loses
    # nothing ("X-SPOUSE:Jane", "IMPP;X-SERVICE-TYPE=Skype:skype:jane").
    extra: list[str] = field(default_factory=list)

    def display_name(self) -> str | None:
        """The name to store: FN, else given + family, else None (the e-mail may stand in)."""
        if self.name and self.name.strip():
            return " ".join(self.name.split())
        parts = [p for p in (self.given, self.family) if p and p.strip()]
        return " ".join(" ".join(parts).split()) or None


@dataclass(frozen=True)
class Skipped:
    """A record a reader could not use, and why: reported with its line, never fatal."""

    line: int
    reason: str


@dataclass
class ReadResult:
    records: list[ContactRecord]
    skipped: list[Skipped] = field(default_factory=list)
    format: str = ""  # which reader ran: vcard, linkedin, google, outlook, csv, json
