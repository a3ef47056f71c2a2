"""vCard 2.1 / 3.0 / 4.0: a tolerant reader and a strict writer.

Real address-book exports rarely follow their own RFC: Android writes 2.1 with
quoted-printable soft breaks, Outlook indents base64 by four spaces, Apple groups
properties (``item1.EMAIL`` + ``item1.X-ABLabel``), Japanese phones put raw Shift-JIS bytes
next to UTF-8 ones, Gmail escapes the colon in ``http\\://``. So the reader works on BYTES:
every property is decoded with its own CHARSET/ENCODING before any unescaping, because a
Shift-JIS trail byte can be 0x5C (a backslash) and would otherwise be taken for an escape.

Nothing here raises anything but `BadInput`, and only for a file that holds no usable card
at all (empty, binary, not a vCard, every card cut short). A single bad card is a `Skipped`
with its line, never fatal: one broken contact must not block importing a thousand others.

Properties followthru has no field for are kept in `ContactRecord.extra` as normalised,
unfolded 3.0-style content lines (``NAME;PARAM=value:value``) and written back verbatim by
`write_vcards`, so an import followed by an export loses as little as possible.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote_to_bytes

from followthru.errors import BadInput
from followthru.formats.records import ContactRecord, Photo, ReadResult, Skipped

__all__ = ["read_vcards", "write_vcards"]

# --------------------------------------------------------------------------------------
# reading: bytes -> physical lines -> cards -> logical (unfolded) lines -> properties
# --------------------------------------------------------------------------------------

_BEGIN = re.compile(rb"BEGIN[ \t]*:[ \t]*VCARD[ \t]*", re.IGNORECASE)
_END = re.compile(rb"END[ \t]*:[ \t]*VCARD[ \t]*", re.IGNORECASE)
_VERSION = re.compile(rb"VERSION[ \t]*:[ \t]*([0-9.]+)", re.IGNORECASE)
# A line that starts a property: optional group, a name, then ';' or ':'.
_PROPERTY_START = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_-]+[ \t]*[;:]")
_AGENT_EMPTY = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?AGENT[^:]*:[ \t]*", re.IGNORECASE)
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_QP_SOFT_BREAK = re.compile(rb"=[ \t]*(?:\r\n|\r|\n)")
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ANGLE_ADDRESS = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>")

# Control bytes that never occur in a text file (TAB, LF, VT, FF, CR and DOS EOF allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26))
_ENCODING_WORDS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_SINGLE_BYTE_WESTERN = {"latin-1", "iso8859-1", "iso8859-15", "cp1252", "ascii"}
_EXCLUDED = {"BEGIN", "END", "VERSION", "PRODID"}

_TRUNCATED = "truncated vCard: no END:VCARD"
_GROUP = "a contact group, not a person"
_NO_IDENTITY = "no name, e-mail or phone"


@dataclass
class _Card:
    line: int  # the BEGIN:VCARD line, 1-based
    lines: list[tuple[int, bytes]] = field(default_factory=list)
    complete: bool = False


@dataclass
class _Property:
    line: int
    group: str | None
    name: str  # upper case
    params: list[tuple[str, list[str]]]  # (NAME upper, values)
    raw: bytes  # the value as found, still encoded and escaped

    def values(self, name: str) -> list[str]:
        return [v for k, vs in self.params if k == name for v in vs]

    def upper_values(self, name: str) -> set[str]:
        return {v.upper() for v in self.values(name)}

    @property
    def encoding(self) -> str:
        found = self.upper_values("ENCODING")
        for word in ("QUOTED-PRINTABLE", "BASE64", "B"):
            if word in found:
                return "B" if word == "BASE64" else word
        return ""


def read_vcards(data: bytes, *, source: str) -> ReadResult:
    """Every person in a .vcf file, plus the cards that could not be used and why.

    Raises `BadInput` (naming `source` and a line) only when the file as a whole is
    unusable; any other problem becomes a `Skipped` entry.
    """
    text, unicode_file = _prepare(data, source)
    lines = _physical_lines(text)
    cards = _split_cards(lines)
    if not cards:
        raise BadInput(
            f"{source}, line 1: not a vCard file (no BEGIN:VCARD anywhere).",
            "Export the contacts as vCard (.vcf) from your address book and try again.",
        )
    outcomes = [_outcome(card, unicode_file) for card in cards]
    if all(not card.complete for card in cards):
        count = len(cards)
        what = "the only vCard" if count == 1 else f"all {count} vCards"
        raise BadInput(
            f"{source}, line {cards[0].line}: {_TRUNCATED} ({what} in the file).",
            "The file seems cut short: export the contacts again.",
        )
    records = [outcome for outcome in outcomes if isinstance(outcome, ContactRecord)]
    skipped = [outcome for outcome in outcomes if isinstance(outcome, Skipped)]
    return ReadResult(records=records, skipped=skipped, format="vcard")


def _outcome(card: _Card, unicode_file: bool) -> ContactRecord | Skipped:
    """One card as a record, or why it was skipped."""
    if not card.complete:
        return Skipped(card.line, _TRUNCATED)
    try:
        return _read_card(card, unicode_file)
    except Exception as exc:  # a safety net: one odd card must never sink the file
        return Skipped(card.line, f"unreadable vCard ({type(exc).__name__})")


def _prepare(data: bytes, source: str) -> tuple[bytes, bool]:
    """Strip a BOM, turn UTF-16/32 into UTF-8 bytes, refuse empty and binary files.

    Returns the bytes and whether the whole file was Unicode-encoded (then a property's
    CHARSET cannot apply to its raw bytes any more).
    """
    empty = BadInput(
        f"{source}, line 1: the file is empty.",
        "Export the contacts again, or check that you chose the right file.",
    )
    if not data.strip():
        raise empty
    data, unicode_file = _as_utf8(data)
    _refuse_binary(data, source)
    if not data.strip():
        raise empty
    return data, unicode_file


def _as_utf8(data: bytes) -> tuple[bytes, bool]:
    """The file without a UTF-8 BOM, or UTF-16/32 (by BOM, or by the NULs of "BEGIN")
    re-encoded as UTF-8; and whether it was re-encoded."""
    wide: str | None = None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        wide = "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        wide = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        return data[3:], False
    elif len(data) >= 4 and b"\x00" in data[:4]:
        # UTF-16 without a BOM: every other byte of the ASCII "BEGIN" is NUL.
        if data[0] != 0 and data[1] == 0 and data[3] == 0:
            wide = "utf-16-le"
        elif data[0] == 0 and data[2] == 0 and data[1] != 0:
            wide = "utf-16-be"
    if wide:
        decoded = data.decode(wide, errors="replace")
        if "\x00" not in decoded:
            return decoded.encode("utf-8"), True
    return data, False


def _refuse_binary(data: bytes, source: str) -> None:
    """Raise `BadInput` at the first NUL or control byte when the file is binary data."""
    nul = data.find(b"\x00")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if nul >= 0 or controls * 20 > len(data):
        first = re.search(b"[" + re.escape(_CONTROL_BYTES) + b"]", data)
        at = nul if nul >= 0 else (first.start() if first else 0)
        line = data[:at].count(b"\n") + 1
        raise BadInput(
            f"{source}, line {line}: this is binary data, not a vCard file.",
            "Choose the .vcf file your address book exported.",
        )


def _physical_lines(data: bytes) -> list[tuple[int, bytes]]:
    # CR CR LF (a CRLF file converted once more by a Windows tool) is one line break.
    data = data.replace(b"\r\r\n", b"\r\n")
    return [(number, line) for number, line in enumerate(_LINE_BREAK.split(data), start=1)]


def _split_cards(lines: list[tuple[int, bytes]]) -> list[_Card]:
    """Cut the file into cards; a BEGIN inside an open card means that card was cut short.

    A vCard 2.1 AGENT may embed a whole card on the following lines (after an empty
    ``AGENT:``); that nested card belongs to its parent and is not a person of its own.
    """
    cards: list[_Card] = []
    current: _Card | None = None
    nested = 0
    for number, line in lines:
        stripped = line.rstrip()
        if _BEGIN.fullmatch(stripped):
            if current is not None:
                previous = next((text for _, text in reversed(current.lines) if text.strip()), b"")
                if nested or _AGENT_EMPTY.fullmatch(previous.rstrip()):
                    nested += 1
                    continue
            current = _Card(number)
            cards.append(current)
            continue
        if current is None:
            continue  # text between cards is ignored
        if _END.fullmatch(stripped):
            if nested:
                nested -= 1
                continue
            current.complete = True
            current = None
            continue
        if not nested:
            current.lines.append((number, line))
    return cards


def _card_version(card: _Card) -> str:
    for _, line in card.lines:
        match = _VERSION.match(line.strip())
        if match:
            return match.group(1).decode("ascii")
    return "3.0"


def _header_end(line: bytes) -> int:
    """Index of the ':' ending name and parameters (quotes may hide ':'), or -1."""
    in_quotes = False
    for index, byte in enumerate(line):
        if byte == 0x22:  # "
            in_quotes = not in_quotes
        elif byte == 0x3A and not in_quotes:  # :
            return index
    if in_quotes:  # an unbalanced quote: fall back to the first colon
        return line.find(b":")
    return -1


@dataclass
class _Logical:
    line: int
    data: bytearray
    value_start: int  # -1 when the line has no ':' at all
    quoted_printable: bool

    @classmethod
    def start(cls, number: int, line: bytes) -> _Logical:
        """A logical line begun by a physical one that starts a property."""
        end = _header_end(line)
        header = line[:end] if end >= 0 else line
        qp = b"QUOTED-PRINTABLE" in header.upper()
        return cls(number, bytearray(line), end + 1 if end >= 0 else -1, qp)

    def soft_break_before(self, line: bytes) -> bool:
        """Whether a quoted-printable value ends in '=' (a soft break), so `line` is its rest
        whatever it looks like, unless it opens or closes a card."""
        return (
            self.quoted_printable
            and self.value_start >= 0
            and len(self.data) > self.value_start
            and self.data.endswith(b"=")
            and not _BEGIN.fullmatch(line.rstrip())
            and not _END.fullmatch(line.rstrip())
        )

    def continue_with(self, line: bytes) -> None:
        """Add a line that cannot start a property: after a 2.1 value's trailing backslash
        (a literal line break) or quoted-printable text, or as base64 body."""
        if _trailing_backslashes(self.data) % 2 == 1:
            del self.data[-1]
            self.data += b"\n" + line
        elif self.quoted_printable:
            self.data += b"\r\n" + line
        else:
            self.data += b"\n" + line


def _unfold(lines: list[tuple[int, bytes]], v21: bool) -> list[_Logical]:
    """Join continuation lines into logical lines, tolerating every folding seen in the wild.

    - a quoted-printable value ending in '=' (a soft break) takes the next line verbatim;
    - a line starting with a space or TAB continues the previous one (3.0/4.0 drop that one
      character; 2.1 folds at whitespace and keeps it);
    - a line that cannot start a property (no ``NAME:`` / ``NAME;``) continues the previous
      one: base64 bodies without indentation, quoted-printable text broken without '=',
      2.1 values whose lines end in a backslash (a literal line break).
    """
    out: list[_Logical] = []
    after_blank = False
    for number, line in lines:
        last = out[-1] if out else None
        if last is not None and last.soft_break_before(line):
            del last.data[-1]
            last.data += line
            after_blank = False
        elif not line.strip():
            after_blank = True
        elif last is not None and line[:1] in (b" ", b"\t"):
            last.data += line if v21 else line[1:]
        elif last is not None and not _PROPERTY_START.match(line):
            if not after_blank:  # stray text after a blank line is not part of anything
                last.continue_with(line)
        else:
            after_blank = False
            out.append(_Logical.start(number, line))
    return out


def _trailing_backslashes(data: bytearray) -> int:
    count = 0
    while count < len(data) and data[-1 - count] == 0x5C:
        count += 1
    return count


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    for char in text:
        if char == '"':
            in_quotes = not in_quotes
            current.append(char)
        elif char == separator and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _param_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _parse_property(logical: _Logical) -> _Property | None:
    line = bytes(logical.data)
    end = _header_end(line)  # again: a fold may fall inside the parameters
    if end < 0:
        return None
    header = _param_text(line[:end]).strip()
    pieces = _split_unquoted(header, ";")
    group, _, name = pieces[0].strip().rpartition(".")
    if not name:
        return None
    params = [_parameter(piece.strip()) for piece in pieces[1:] if piece.strip()]
    return _Property(logical.line, group or None, name.upper(), params, line[end + 1 :])


def _parameter(piece: str) -> tuple[str, list[str]]:
    """One parameter as (NAME, values), its values unquoted."""
    key, equals, value = piece.partition("=")
    if not equals:  # 2.1 bare parameter: TEL;CELL;PREF, PHOTO;JPEG, LABEL;QUOTED-PRINTABLE
        word = key.strip().strip('"')
        return ("ENCODING" if word.upper() in _ENCODING_WORDS else "TYPE", [word])
    key = key.strip().upper()
    values: list[str] = []
    for item in _split_unquoted(value, ","):
        item = item.strip()
        if len(item) >= 2 and item.startswith('"') and item.endswith('"'):
            item = item[1:-1]
            if key == "TYPE":  # TYPE="work,voice" is a list (RFC 6350)
                values.extend(part.strip() for part in item.split(",") if part.strip())
                continue
        values.append(item.replace('"', ""))
    return key, values


# --------------------------------------------------------------------------------------
# values
# --------------------------------------------------------------------------------------


def _qp_decode(raw: bytes) -> bytes:
    raw = _QP_SOFT_BREAK.sub(b"", raw)
    return _QP_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)


def _codec(charset: str) -> str | None:
    try:
        info = codecs.lookup(charset.strip())
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # "base64", "zlib" … are codecs but not character sets
    return info.name


def _decode_bytes(data: bytes, charset: str | None) -> str:
    """Bytes to text: the declared charset, unless it is clearly wrong, then sane guesses.

    A western single-byte CHARSET on bytes that form valid UTF-8 with non-ASCII characters
    is almost always a mislabel (XING and others declare ISO-8859-1 on UTF-8 data).
    """
    name = _codec(charset) if charset else None
    if name:
        if name in _SINGLE_BYTE_WESTERN:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(name)
        except (UnicodeError, LookupError, ValueError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a damaged byte or two (a cut quoted-printable line) stays UTF-8;
    # text with no valid multi-byte sequence at all is a legacy Windows/ISO code page.
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    if sum(1 for char in lenient if ord(char) > 0x7F) > 2 * damaged:
        return lenient
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _raw_bytes(prop: _Property) -> bytes:
    """The value's bytes after the transfer encoding (quoted-printable) is undone."""
    if prop.encoding == "QUOTED-PRINTABLE":
        return _qp_decode(prop.raw)
    return prop.raw


def _text(prop: _Property, unicode_file: bool) -> str:
    """The value as text, still escaped, line breaks normalised to LF."""
    charsets = prop.values("CHARSET")
    data = _raw_bytes(prop)
    if prop.encoding == "B":
        decoded = _b64decode(data.decode("latin-1"))
        data = decoded if decoded is not None else data
    if unicode_file and prop.encoding not in ("QUOTED-PRINTABLE", "B"):
        text = data.decode("utf-8", errors="replace")
    else:
        text = _decode_bytes(data, charsets[0] if charsets else None)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ESCAPES_30 = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ",", ":": ":"}
_ESCAPES_21 = {"\\": "\\", ";": ";", ":": ":"}


def _unescape(text: str, v21: bool) -> str:
    """Undo vCard escapes (2.1 backslashes are literal except before ';' ':' and '\\').

    In 3.0/4.0 an unknown escape before punctuation loses its backslash; before a letter or
    digit it is kept, so a Windows path in a note survives.
    """
    table = _ESCAPES_21 if v21 else _ESCAPES_30
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            if following in table:
                out.append(table[following])
                index += 2
                continue
            if not v21 and not following.isalnum() and not following.isspace():
                out.append(following)  # Gmail's \" and DAVx5's \': drop the stray backslash
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def _split_escaped(text: str, separators: str) -> list[str]:
    """Split on unescaped separators, leaving escapes in place for `_unescape`."""
    parts: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _b64decode(text: str) -> bytes | None:
    cleaned = "".join(text.split())
    if not cleaned or not re.fullmatch(r"[A-Za-z0-9+/_-]*=*", cleaned):
        return None
    cleaned = cleaned.rstrip("=").replace("-", "+").replace("_", "/")
    if len(cleaned) % 4 == 1:
        return None
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        return None


_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
    (b"BM", "image/bmp"),
)


def _media_type(prop: _Property, data: bytes) -> str:
    for value in (*prop.values("MEDIATYPE"), *prop.values("TYPE")):
        value = value.strip().lower()
        if not value or value.upper() in _ENCODING_WORDS or value in ("pref", "work", "home"):
            continue
        return value if "/" in value else f"image/{value}"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    return "application/octet-stream"


def _photo(prop: _Property) -> Photo | None:
    """An inline photo: 2.1/3.0 base64 (any ENCODING spelling) or a 4.0 data: URI."""
    value = _raw_bytes(prop).decode("latin-1").strip()
    value = value.replace("\\,", ",").replace("\\:", ":")
    if value[:5].lower() == "data:":
        header, comma, payload = value[5:].partition(",")
        if not comma:
            return None
        media = header.split(";")[0].strip().lower()
        base64_payload = ";base64" in header.lower()
        data = _b64decode(payload) if base64_payload else unquote_to_bytes(payload)
        if not data:
            return None
        return Photo(media_type=media or _media_type(prop, data), data=data)
    if prop.upper_values("VALUE") & {"URI", "URL"} or _URI_SCHEME.match(value):
        return None
    data = _b64decode(value)
    if not data:
        return None
    return Photo(media_type=_media_type(prop, data), data=data)


def _birthday(value: str) -> str | None:
    """'YYYY-MM-DD' or '--MM-DD' from the spellings exporters use, else None.

    Year 1604 (Apple, CardBook) and 0000 mean "year unknown"; a time part is ignored.
    """
    value = value.strip()
    match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        if year in (0, 1604):
            return _yearless(month, day)
        try:
            date(year, month, day)
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    match = re.fullmatch(r"(?:--)?(\d{2})-?(\d{2})", value)
    if match and (value.startswith("--") or "-" in value):
        return _yearless(int(match.group(1)), int(match.group(2)))
    return None


def _yearless(month: int, day: int) -> str | None:
    try:
        date(2000, month, day)  # a leap year, so --02-29 is fine
    except ValueError:
        return None
    return f"--{month:02d}-{day:02d}"


def _phone(value: str) -> str:
    """A tel: URI becomes the number (';ext=' as ' ext. '); anything else stays as typed."""
    value = value.strip()
    if value[:4].lower() != "tel:":
        return value
    parts = value[4:].split(";")
    number = unquote_to_bytes(parts[0]).decode("utf-8", errors="replace").strip()
    for part in parts[1:]:
        if part[:4].lower() == "ext=" and part[4:].strip():
            number += f" ext. {part[4:].strip()}"
    return number


def _email(value: str) -> str:
    value = value.strip()
    if value[:7].lower() == "mailto:":
        value = value[7:].strip()
    match = _ANGLE_ADDRESS.search(value)  # '"Omega" <omega@example.com>'
    return match.group(1) if match else value


def _address(components: list[str]) -> str:
    parts: list[str] = []
    for component in components:
        lines = [piece.strip() for piece in component.split("\n")]
        text = ", ".join(piece for piece in lines if piece)
        text = text.rstrip(",").strip()
        if text:
            parts.append(text)
    return ", ".join(parts)


# --------------------------------------------------------------------------------------
# a card -> a record
# --------------------------------------------------------------------------------------


def _param_value(value: str) -> str:
    value = value.replace('"', "'")
    return f'"{value}"' if any(c in value for c in ",;:") else value


def _extra_line(prop: _Property, unicode_file: bool, keep_group: bool) -> str | None:
    """A normalised 3.0-style content line for a property followthru keeps only verbatim."""
    params: list[str] = []
    binary = prop.encoding == "B"
    for key, values in prop.params:
        if key == "CHARSET":
            continue  # the value is Unicode now
        if key == "ENCODING":
            if binary and "ENCODING=b" not in params:
                params.append("ENCODING=b")
            continue
        params.append(f"{key}=" + ",".join(_param_value(v) for v in values))
    if binary:
        value = "".join(_raw_bytes(prop).decode("latin-1").split())
    else:
        value = _text(prop, unicode_file).replace("\n", "\\n")
    if not value.strip():
        return None
    name = f"{prop.group}.{prop.name}" if keep_group and prop.group else prop.name
    return ";".join([name, *params]) + ":" + value


def _read_card(card: _Card, unicode_file: bool) -> ContactRecord | Skipped:
    v21 = _card_version(card).startswith("2")
    props = [prop for prop in map(_parse_property, _unfold(card.lines, v21)) if prop is not None]
    if _is_group(props, unicode_file):
        return Skipped(card.line, _GROUP)
    reader = _CardReader(ContactRecord(line=card.line), props, v21, unicode_file)
    leftovers = [prop for prop in props if prop.name not in _EXCLUDED and not reader.take(prop)]
    record = reader.record
    record.extra.extend(_extra_lines(leftovers, unicode_file))
    if not (
        record.display_name() or record.emails or record.phones or (record.company or "").strip()
    ):
        return Skipped(card.line, _NO_IDENTITY)
    return record


def _is_group(props: list[_Property], unicode_file: bool) -> bool:
    """Whether the card stands for a contact group (Apple's X-ADDRESSBOOKSERVER-KIND, KIND)."""
    return any(
        prop.name in ("X-ADDRESSBOOKSERVER-KIND", "KIND")
        and _text(prop, unicode_file).strip().lower() == "group"
        for prop in props
    )


def _extra_lines(leftovers: list[_Property], unicode_file: bool) -> list[str]:
    """The properties no field took, as content lines kept verbatim for export.

    A group prefix is kept only when it still ties extra lines together (item1.X-ABDATE
    with its item1.X-ABLabel); a label whose property became a field stands alone.
    """
    group_sizes = Counter(prop.group.lower() for prop in leftovers if prop.group)
    lines = []
    for prop in leftovers:
        keep_group = bool(prop.group) and group_sizes[(prop.group or "").lower()] > 1
        line = _extra_line(prop, unicode_file, keep_group)
        if line is not None:
            lines.append(line)
    return lines


@dataclass
class _CardReader:
    """One card's properties read into a record, field by field, by the tables below."""

    record: ContactRecord
    props: list[_Property]
    v21: bool
    unicode_file: bool
    seen: set[str] = field(default_factory=set)

    def take(self, prop: _Property) -> bool:
        """Read one property into the record; False when it is to be kept verbatim instead.

        A single-valued field takes the first property that fills it; one that fills nothing
        is dropped when empty, or kept verbatim when it holds what we cannot read (a
        text birthday, a photo link).
        """
        if prop.name in _LIST_FIELDS:
            _LIST_FIELDS[prop.name](self, prop)
            return True
        single = _SINGLE_FIELDS.get(prop.name)
        if single is None or prop.name in self.seen:
            return False
        fill, keep_unread = single
        if fill(self, prop):
            self.seen.add(prop.name)
            return True
        return not keep_unread

    def raw(self, prop: _Property) -> str:
        return _text(prop, self.unicode_file)

    def text(self, prop: _Property) -> str:
        """A single text value; 2.1 ones keep their backslashes (Android, Outlook never escape)."""
        raw = self.raw(prop)
        return raw if self.v21 else _unescape(raw, v21=False)

    def components(self, prop: _Property) -> list[str]:
        """The ';'-separated parts of a structured value (N, ORG, ADR)."""
        return [_unescape(part, self.v21) for part in _split_escaped(self.raw(prop), ";")]


_Filler = Callable[[_CardReader, _Property], bool]
_Taker = Callable[[_CardReader, _Property], None]


def _text_field(attribute: str, *, escaped: bool = True) -> _Filler:
    """A filler for a field holding one line of text (FN, TITLE, UID)."""

    def fill(reader: _CardReader, prop: _Property) -> bool:
        value = (reader.text(prop) if escaped else reader.raw(prop)).strip()
        if value:
            setattr(reader.record, attribute, value)
        return bool(value)

    return fill


def _fill_name_parts(reader: _CardReader, prop: _Property) -> bool:
    parts = [p.strip() for p in reader.components(prop)]
    reader.record.family = parts[0] or None
    reader.record.given = (parts[1] if len(parts) > 1 else "") or None
    return True


def _fill_company(reader: _CardReader, prop: _Property) -> bool:
    """ORG: its first non-empty part (the rest are departments)."""
    company = next((p.strip() for p in reader.components(prop) if p.strip()), None)
    if company:
        reader.record.company = company
    return company is not None


def _fill_birthday(reader: _CardReader, prop: _Property) -> bool:
    birthday = None if "TEXT" in prop.upper_values("VALUE") else _birthday(reader.raw(prop))
    if birthday:
        reader.record.birthday = birthday
    return birthday is not None


def _fill_photo(reader: _CardReader, prop: _Property) -> bool:
    photo = _photo(prop)
    if photo is not None:
        reader.record.photo = photo
    return photo is not None


def _append_new(items: list[str], value: str) -> bool:
    """Add a non-empty value not yet in the list; whether it was added."""
    if not value or value in items:
        return False
    items.append(value)
    return True


def _take_email(reader: _CardReader, prop: _Property) -> None:
    record = reader.record
    _take_labelled(reader, prop, _email(reader.text(prop)), record.emails, record.email_labels)


def _take_phone(reader: _CardReader, prop: _Property) -> None:
    record = reader.record
    _take_labelled(reader, prop, _phone(reader.text(prop)), record.phones, record.phone_labels)


def _take_labelled(
    reader: _CardReader, prop: _Property, value: str, values: list[str], labels: dict[str, str]
) -> None:
    """A new e-mail address or phone, with the label its card gives it."""
    if _append_new(values, value):
        label = _label_of(prop, reader.props, reader.unicode_file)
        if label:
            labels[value] = label


def _take_url(reader: _CardReader, prop: _Property) -> None:
    value = _unescape(reader.raw(prop), reader.v21).replace("\\:", ":").replace("\\,", ",")
    _append_new(reader.record.urls, value.strip())


def _take_address(reader: _CardReader, prop: _Property) -> None:
    _append_new(reader.record.addresses, _address(reader.components(prop)))


def _take_note(reader: _CardReader, prop: _Property) -> None:
    value = reader.text(prop).strip()
    if value:
        reader.record.notes.append(value)


def _take_tags(reader: _CardReader, prop: _Property) -> None:
    for tag in _tags(reader.raw(prop), reader.v21):
        _append_new(reader.record.tags, tag)


# Fields with one value: the first property that fills one wins, and whether a property that
# fills nothing is kept verbatim (a birthday we cannot read) rather than dropped (an empty FN).
_SINGLE_FIELDS: dict[str, tuple[_Filler, bool]] = {
    "FN": (_text_field("name"), False),
    "N": (_fill_name_parts, False),
    "ORG": (_fill_company, False),
    "TITLE": (_text_field("title"), False),
    "BDAY": (_fill_birthday, True),
    "PHOTO": (_fill_photo, True),
    "UID": (_text_field("uid", escaped=False), False),
}
# Fields with many values: every property adds to them.
_LIST_FIELDS: dict[str, _Taker] = {
    "EMAIL": _take_email,
    "TEL": _take_phone,
    "URL": _take_url,
    "ADR": _take_address,
    "NOTE": _take_note,
    "CATEGORIES": _take_tags,
}


def _label_of(prop: _Property, props: list[_Property], unicode_file: bool) -> str:
    """A property's TYPE values and its Apple label (item1.X-ABLabel), as one text."""
    words = list(prop.values("TYPE"))
    if prop.values("PREF") and "PREF" not in {w.upper() for w in words}:
        words.append("PREF")  # vCard 4's PREF=1: TYPE=PREF in the 3.0 cards written
    if prop.group:
        group = prop.group.lower()
        words += [
            _text(other, unicode_file).strip()
            for other in props
            if other.name == "X-ABLABEL" and (other.group or "").lower() == group
        ]
    return ",".join(w for w in words if w)


def _typed(prop: str, label: str | None) -> str:
    """A property name with its label as TYPE values, so a work line stays one on export."""
    words = [w for w in (label or "").split(",") if w.strip()]
    return f"{prop};TYPE=" + ",".join(_param_value(w) for w in words) if words else prop


def _tags(raw: str, v21: bool) -> list[str]:
    """CATEGORIES: a comma list (2.1 writers also use ';').

    Thunderbird's MoreFunctionsForAddressBook escapes the separating commas themselves
    (``category1\\, category2``); a value with no plain comma but escaped ", " is read that way.
    """
    separators = ",;" if v21 else ","
    parts = _split_escaped(raw, separators)
    if len(parts) == 1 and "\\, " in raw:
        parts = raw.split("\\,")
    tags = []
    for part in parts:
        tag = _unescape(part, v21).strip()
        if tag:
            tags.append(tag)
    return tags


# --------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------


def _escape(value: str) -> str:
    value = value.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """CRLF-terminated, folded at 75 octets without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    chunks: list[bytes] = []
    start = 0
    limit = 75
    while True:
        end = min(start + limit, len(data))
        while end < len(data) and end > start + 1 and (data[end] & 0xC0) == 0x80:
            end -= 1
        chunks.append(data[start:end])
        start = end
        limit = 74  # continuation lines begin with a space
        if start >= len(data):
            break
    return "\r\n ".join(chunk.decode("utf-8") for chunk in chunks) + "\r\n"


def _single_line(line: str) -> str:
    return line.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _birthday_line(birthday: str, version: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", birthday)
    if match:
        year, month, day = match.groups()
        return f"BDAY:{year}{month}{day}" if version == "4.0" else f"BDAY:{birthday}"
    match = re.fullmatch(r"--(\d{2})-(\d{2})", birthday)
    if match:
        month, day = match.groups()
        if version == "4.0":
            return f"BDAY:--{month}{day}"
        return f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month}-{day}"  # 3.0 has no year-less date
    return f"BDAY;VALUE=text:{_escape(birthday)}"


def _photo_line(photo: Photo, version: str) -> str:
    payload = base64.b64encode(photo.data).decode("ascii")
    media = photo.media_type.strip().lower() or "application/octet-stream"
    if version == "4.0":
        return f"PHOTO:data:{media};base64,{payload}"
    kind = media[6:].upper() if media.startswith("image/") else media
    return f"PHOTO;ENCODING=b;TYPE={_param_value(kind)}:{payload}"


def write_vcards(
    records: Sequence[ContactRecord],
    *,
    version: str = "3.0",
    extra_props: Sequence[Sequence[str]] | None = None,
) -> str:
    """One card per record, CRLF line endings, folded at 75 octets.

    VERSION, FN and N are always written (3.0 requires both names). The record's `extra`
    lines and `extra_props[i]` (followthru's own X-FOLLOWTHRU-* lines) go out verbatim.
    """
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard version {version!r} cannot be written (use 3.0 or 4.0)")
    out: list[str] = []
    for index, record in enumerate(records):
        own = extra_props[index] if extra_props is not None and index < len(extra_props) else ()
        lines = [
            "BEGIN:VCARD",
            f"VERSION:{version}",
            *_field_lines(record, version),
            *(_single_line(line) for line in [*record.extra, *own] if line.strip()),
            "END:VCARD",
        ]
        out.extend(_fold(line) for line in lines)
    return "".join(out)


def _field_lines(record: ContactRecord, version: str) -> list[str]:
    """The content lines of a record's own fields, unfolded, in a fixed order."""
    name = (record.name or "").strip() or record.display_name() or ""
    lines = [f"FN:{_escape(name)}"]
    lines.append(f"N:{_escape(record.family or '')};{_escape(record.given or '')};;;")
    if record.company:
        lines.append(f"ORG:{_escape(record.company)}")
    if record.title:
        lines.append(f"TITLE:{_escape(record.title)}")
    lines += [f"{_typed('EMAIL', record.email_labels.get(e))}:{_escape(e)}" for e in record.emails]
    tel = "TEL;VALUE=text" if version == "4.0" else "TEL"
    lines += [f"{_typed(tel, record.phone_labels.get(p))}:{_escape(p)}" for p in record.phones]
    lines += [f"URL:{_single_line(url.replace(chr(92), chr(92) * 2))}" for url in record.urls]
    lines += [f"ADR:;;{_escape(address)};;;;" for address in record.addresses]
    if record.birthday:
        lines.append(_birthday_line(record.birthday, version))
    lines += [f"NOTE:{_escape(note)}" for note in record.notes]
    if record.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(tag) for tag in record.tags))
    if record.photo is not None and record.photo.data:
        lines.append(_photo_line(record.photo, version))
    if record.uid:
        lines.append(f"UID:{_single_line(record.uid)}")
    return lines
