"""Which files hold history (mail, meetings, LinkedIn messages), told by their content.

`import` hands every path here first: what is history is read as `Exchange`s, the rest
(vCards, contact CSVs such as LinkedIn's Connections.csv) goes on to the contacts import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, tzinfo
from pathlib import Path

from followthru.domain.history import Exchange
from followthru.formats import linkedin_history, mail, meetings

CONTACT_SUFFIXES = (".vcf", ".vcard", ".csv", ".json")  # passed on to the contacts import
_SNIFF = 8192
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]", re.MULTILINE)


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def _text(head: bytes) -> str:
    return head.decode("utf-8-sig", errors="replace")


def detect(path: Path) -> str | None:
    """The kind of history this path holds, or None when it is something else."""
    if path.is_dir():
        return "maildir" if is_maildir(path) else None
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
    except OSError:
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"From ") and _HEADER_LINE.search(head):
        return "mbox"
    if re.match(rb"(?i)BEGIN:V(CALENDAR|EVENT|TODO|ALARM)\r?\n", stripped):
        return "ical"
    if linkedin_history.columns_match(_text(head), linkedin_history.MESSAGE_COLUMNS):
        return "linkedin-messages"
    if linkedin_history.columns_match(_text(head), linkedin_history.INVITATION_COLUMNS):
        return "linkedin-invitations"
    block = stripped.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    if _HEADER_LINE.match(stripped) and re.search(rb"(?mi)^from:", block):
        return "eml" if re.search(rb"(?mi)^date:", block) else None
    return None


def split(paths: Sequence[Path]) -> tuple[list[tuple[Path, str]], list[Path]]:
    """(history paths with their kind, everything else), looking inside folders; a folder
    with no history in it is passed on whole, as the contacts import expects."""
    return _sort(paths, top=True)


def _sort(paths: Iterable[Path], *, top: bool) -> tuple[list[tuple[Path, str]], list[Path]]:
    found: list[tuple[Path, str]] = []
    others: list[Path] = []
    for path in paths:
        kind = detect(path)
        if kind is not None:
            found.append((path, kind))
        elif path.is_dir():
            deeper, rest = _sort(sorted(path.iterdir()), top=False)
            found += deeper
            others += rest if deeper or not top else [path]
        elif top or path.suffix.lower() in CONTACT_SUFFIXES:
            others.append(path)
    return found, others


def read(
    path: Path,
    kind: str,
    zone: tzinfo | None = None,
    *,
    until: date | None = None,
    tick: mail.Tick | None = None,
) -> Iterator[Exchange]:
    """Every message or meeting in one history path (headers and columns only); recurring
    meetings once per day they took place, up to `until` (see `meetings.meetings`).
    `tick` hears how far a mailbox has been read."""
    if kind in ("mbox", "maildir", "eml"):
        headers = {
            "mbox": mail.mbox_headers,
            "maildir": mail.maildir_headers,
            "eml": mail.eml_headers,
        }[kind](path, tick)
        for header in headers:
            found = mail.exchange(header, zone)
            if found is not None:
                yield found
        if kind == "maildir":
            yield from _maildir_folders(path, zone, tick)
        return
    data = path.read_bytes()
    if kind == "ical":
        yield from meetings.meetings(data, zone, until=until)
        return
    reader = (
        linkedin_history.messages if kind == "linkedin-messages" else linkedin_history.invitations
    )
    yield from reader(_text(data), zone)


def _maildir_folders(path: Path, zone: tzinfo | None, tick: mail.Tick | None) -> Iterator[Exchange]:
    """Maildir++ subfolders (.Sent, .Archive …) live inside the top Maildir."""
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") and is_maildir(child):
            yield from read(child, "maildir", zone, tick=tick)
