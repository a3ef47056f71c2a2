"""E-mail headers → `Exchange`s: from mbox files, Maildir folders, .eml files or IMAP.

Only the header block of a message is ever read (the body is skipped unread), and only
the fields in `HEADER_FIELDS` are looked at. Mail sent by machines — mailing lists,
newsletters, auto-replies — is marked `automated` so that it never becomes a touch.
"""

from __future__ import annotations

import hashlib
import mailbox
from collections.abc import Callable, Iterator
from datetime import date, datetime, tzinfo
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from followthru.domain.history import Exchange, Party

# What an IMAP sync asks for (BODY.PEEK[HEADER.FIELDS (...)]) and all a file read uses.
HEADER_FIELDS = (
    "From",
    "To",
    "Cc",
    "Bcc",
    "Date",
    "Subject",
    "Message-ID",
    "List-Id",
    "List-Unsubscribe",
    "Precedence",
    "Auto-Submitted",
)
_WANTED = frozenset(name.lower().encode() for name in HEADER_FIELDS)
_PARSER = BytesHeaderParser()
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})


def header_block(stream: BinaryIO) -> bytes:
    """The wanted header lines of the message at the stream's position (with their folded
    continuations); the other headers are skipped and the body stays unread."""
    lines = []
    keep = False
    for line in stream:
        if line in (b"\n", b"\r\n"):
            break
        if line[:1] not in (b" ", b"\t"):
            keep = line.split(b":", 1)[0].strip().lower() in _WANTED
        if keep:
            lines.append(line)
    return b"".join(lines)


@lru_cache(maxsize=65536)
def _decoded(raw: str) -> str:
    """A header as text, RFC 2047 words decoded. Cached: a mailbox repeats its names."""
    try:
        return " ".join(str(make_header(decode_header(raw))).split())
    except (ValueError, LookupError, UnicodeError):
        return " ".join(str(raw).split())


def _text(raw: str | None) -> str:
    return _decoded(str(raw)) if raw else ""


@lru_cache(maxsize=65536)
def _addresses(value: str) -> tuple[Party, ...]:
    """The people in one address header. Cached: the same From and To lines recur."""
    return tuple(
        Party(_text(name), address.strip())
        for name, address in getaddresses([value])
        if "@" in address
    )


def _parties(message: Message, *fields: str) -> list[Party]:
    return [p for f in fields for v in message.get_all(f, []) for p in _addresses(str(v))]


def _day(raw: str | None, zone: tzinfo | None) -> date | None:
    if not raw:
        return None
    try:
        when: datetime = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return when.date()
    return when.astimezone(zone).date()


def is_automated(message: Message) -> bool:
    """Mail no person wrote for the user alone: a list, a newsletter, an auto-reply."""
    if message.get("List-Id") or message.get("List-Unsubscribe"):
        return True
    if str(message.get("Precedence", "")).strip().lower() in _BULK_PRECEDENCE:
        return True
    auto = str(message.get("Auto-Submitted", "")).strip().lower()
    return bool(auto) and auto != "no"


def message_key(message: Message, header: bytes) -> str:
    """The Message-ID when there is one; else a hash of who, when and what."""
    message_id = str(message.get("Message-ID", "")).strip().strip("<>").strip()
    if message_id:
        return f"mid:{message_id[:290]}"
    fields = "\n".join(str(message.get(f, "")) for f in ("From", "To", "Cc", "Date", "Subject"))
    return "sha:" + hashlib.sha256((fields or header.decode("latin-1")).encode()).hexdigest()


def exchange(header: bytes, zone: tzinfo | None = None) -> Exchange | None:
    """The message these header lines describe; None without a sender or a date."""
    message = _PARSER.parsebytes(header)
    senders = _parties(message, "From")
    on = _day(message.get("Date"), zone)
    if not senders or on is None:
        return None
    return Exchange(
        key=message_key(message, header),
        on=on,
        channel="email",
        sender=senders[0],
        others=tuple(_parties(message, "To", "Cc", "Bcc")),
        subject=_text(message.get("Subject"))[:500],
        automated=is_automated(message),
    )


Tick = Callable[[int, int], None]  # (messages read, messages in the mailbox): a progress bar


def _headers(box: mailbox.Mailbox[Any], keys: list[str], tick: Tick | None) -> Iterator[bytes]:
    for done, key in enumerate(keys, start=1):
        with box.get_file(key) as stream:
            yield header_block(stream)  # type: ignore[arg-type]
        if tick is not None:
            tick(done, len(keys))


def mbox_headers(path: Path, tick: Tick | None = None) -> Iterator[bytes]:
    box = mailbox.mbox(path, create=False)
    try:
        yield from _headers(box, box.keys(), tick)  # the keys come from one scan of the file
    finally:
        box.close()


def maildir_headers(path: Path, tick: Tick | None = None) -> Iterator[bytes]:
    box = mailbox.Maildir(path, factory=None, create=False)
    yield from _headers(box, sorted(box.iterkeys()), tick)


def eml_headers(path: Path, tick: Tick | None = None) -> Iterator[bytes]:
    with path.open("rb") as stream:
        yield header_block(stream)
