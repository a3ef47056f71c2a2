"""Contacts from CSV exports: LinkedIn, Google, Outlook (and Thunderbird), or any CSV.

Address books export CSV in as many shapes as there are programs, and people re-save those
files in spreadsheets that change the encoding, the delimiter and the date format. So the
reader guesses everything it can from the bytes (encoding, delimiter, which row is the
header, which layout wrote it, whether dates are day- or month-first) and lets the user
name columns with `mapping` (`--map`) where guessing is not enough.

Values stay as the file wrote them, only trimmed: validating e-mails and phones is the
import service's job, which reports what it leaves out.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from followthru.errors import BadInput
from followthru.formats.records import ContactRecord, ReadResult, Skipped

LAYOUTS = ("auto", "linkedin", "google", "outlook", "csv")
# What `mapping` may name, in the order write_csv writes them.
FIELDS = (
    "name",
    "given",
    "family",
    "email",
    "phone",
    "company",
    "title",
    "url",
    "address",
    "birthday",
    "tags",
    "notes",
    "met_on",
)
_MULTI = ("email", "phone", "url", "notes", "tags")
_DELIMITERS = (",", ";", "\t")
_PROGRAMS = {
    "linkedin": "a LinkedIn Connections",
    "google": "a Google Contacts",
    "outlook": "an Outlook or Thunderbird",
}
_HEADER_SEARCH = 50  # rows looked at for a header: LinkedIn puts a preamble first
_EMAIL_LIKE = re.compile(r"^[^@\s,;]+@[^@\s,;]+$")
_NEWLINES = re.compile(r"\r\n?")

# ---------------------------------------------------------------- decoding


def _decode(data: bytes, source: str, encoding: str | None) -> str:
    """The file's text, from the encoding given or the one the bytes reveal."""
    text = _decode_as(data, source, encoding) if encoding else _decode_guess(data)
    text = text.removeprefix("\ufeff").rstrip("\x1a")  # BOM; DOS end-of-file mark
    if not text.strip():
        raise BadInput(f"{source} is empty.", "Export the contacts again and import that file.")
    _refuse_binary(text, data, source)
    return text


def _decode_as(data: bytes, source: str, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise BadInput(
            f"Unknown encoding {encoding!r}.",
            "Use a name Python knows, such as utf-8, utf-16, cp1252 or latin-1.",
        ) from None
    try:
        return data.decode("utf-8-sig" if name == "utf-8" else name)
    except LookupError:  # a codec that is not a text encoding, e.g. base64
        raise BadInput(
            f"{encoding!r} is not a text encoding.", "Use utf-8, utf-16, cp1252 or latin-1."
        ) from None
    except (UnicodeError, ValueError) as exc:
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise BadInput(
            f"{source} cannot be read as {encoding}{where}.",
            "Leave out --encoding to let followthru detect it, or try cp1252.",
        ) from None


def _decode_guess(data: bytes) -> str:
    """BOM, then UTF-16 by its NUL bytes, then UTF-8, then Windows-1252 (Outlook's)."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # never fails; junk is refused by its control characters


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte: LE at odd, BE at even."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    if odd >= 0.3 * pairs and even <= odd / 10:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= even / 10:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, data: bytes, source: str) -> None:
    """A spreadsheet, image or archive decodes to control characters; say what to do."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if _is_control(ch))
    if "\x00" not in sample and controls <= len(sample) / 100:
        return
    hint = "Export the contacts as CSV (comma-separated values) and import that file."
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        hint = "This looks like a spreadsheet: save it as CSV first, then import the CSV."
    raise BadInput(f"{source} is not a text file.", hint)


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return (code < 32 and ch not in "\t\n\r\f\v") or 0x7F <= code < 0xA0


# ---------------------------------------------------------------- rows


def _norm(header: str) -> str:
    """A header as compared: 'E-mail 1 - Value' → 'email 1 value'."""
    words = re.sub(r"[^\w]+|_", " ", header.casefold()).split()
    return re.sub(r"\be mail\b", "email", " ".join(words))


def _choose_delimiter(text: str) -> str:
    """The delimiter whose split of the first rows gives the most known column names.

    A file without a recognisable header falls back on csv.Sniffer, then on counting the
    candidates in the first line.
    """
    sample = text[:8192]
    best, best_score = "", 0
    for delimiter in _DELIMITERS:
        score = max((_header_score(cells) for _, cells in _rows(sample, delimiter, 30)), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    if best:
        return best
    first = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in _DELIMITERS and sniffed in first:
        return sniffed
    return max(_DELIMITERS, key=first.count)  # ties: comma, listed first


def _rows(
    text: str, delimiter: str, limit: int | None = None, source: str = ""
) -> list[tuple[int, list[str]]]:
    """Non-empty rows with the physical line each starts on (quoted fields span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    while limit is None or len(rows) < limit:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if limit is not None:  # a sample cut mid-field: what was read is enough
                break
            raise BadInput(
                f"{source}: line {line} cannot be read as CSV: {exc}.",
                "Check the quotes around that line.",
            ) from None
        if any(cell.strip() for cell in cells):
            rows.append((line, cells))
        line = reader.line_num + 1
    return rows


# ---------------------------------------------------------------- layouts

# Field -> header names (normalised), first present wins for single values, all for lists.
_LINKEDIN: dict[str, tuple[str, ...]] = {
    "given": ("first name",),
    "family": ("last name",),
    "url": ("url", "profile url"),
    "email": ("email address", "email"),
    "company": ("company",),
    "title": ("position",),
    "met_on": ("connected on",),
}
_OUTLOOK: dict[str, tuple[str, ...]] = {
    "given": ("first name",),
    "middle": ("middle name",),
    "family": ("last name",),
    "company": ("company",),
    "title": ("job title",),  # Outlook's "Title" is Mr/Ms/Dr
    "email": ("email address", "email 2 address", "email 3 address"),
    "phone": (
        "primary phone",
        "mobile phone",
        "business phone",
        "business phone 2",
        "company main phone",
        "home phone",
        "home phone 2",
        "other phone",
        "car phone",
    ),
    "url": ("web page", "personal web page"),
    "notes": ("notes",),
    "tags": ("categories",),
    "birthday": ("birthday",),
}
_THUNDERBIRD: dict[str, tuple[str, ...]] = {
    "name": ("display name",),
    "given": ("first name",),
    "family": ("last name",),
    "email": ("primary email", "secondary email"),
    "phone": ("mobile number", "work phone", "home phone"),
    "company": ("organization",),
    "title": ("job title",),
    "url": ("web page 1", "web page 2"),
    "notes": ("notes",),
}
_GOOGLE: dict[str, tuple[str, ...]] = {
    "name": ("name",),  # legacy layout only; the current one has no full-name column
    "given": ("first name", "given name"),
    "middle": ("middle name", "additional name"),
    "family": ("last name", "family name"),
    "company": ("organization name", "organization 1 name"),
    "title": ("organization title", "organization 1 title"),
    "notes": ("notes",),
    "tags": ("labels", "group membership"),
    "birthday": ("birthday",),
}
_GOOGLE_MARKS = {
    "email 1 value",
    "phone 1 value",
    "group membership",
    "labels",
    "file as",
    "given name",
    "family name",
    "organization name",
    "organization 1 name",
}
_OUTLOOK_MARKS = {
    "email 2 address",
    "email 3 address",
    "email type",
    "email display name",
    "business phone",
    "home phone",
    "mobile phone",
    "business street",
    "job title",
    "middle name",
    "web page",
    "categories",
}


def _detect(norms: set[str]) -> str | None:
    """Which program wrote a header row, or None for anything else."""
    if "connected on" in norms and norms & {"first name", "last name"}:
        return "linkedin"
    if len(norms & _GOOGLE_MARKS) >= 2:
        return "google"
    if "primary email" in norms and norms & {"display name", "first name", "secondary email"}:
        return "thunderbird"
    if (
        "email address" in norms
        and len(norms & _OUTLOOK_MARKS) >= 2
        and not norms & {"name", "full name", "display name"}  # Outlook has none of these
    ):
        return "outlook"
    return None


def _exact_names() -> dict[str, tuple[str, int]]:
    """Generic CSV headers by exact name, ranked so "Job Title" beats a bare "Title"."""
    table = (
        ("name", 3, "name|full name|fullname|display name|displayname|contact name|contact|person"),
        ("given", 3, "first name|firstname|given name|givenname|first|given|forename"),
        ("middle", 3, "middle name|middle|additional name"),
        ("family", 3, "last name|lastname|family name|familyname|surname|last|family"),
        ("company", 3, "company|company name|organization|organisation|organization name|employer"),
        ("company", 2, "org|business"),
        ("title", 3, "job title|jobtitle|position|role|organization title|job"),
        ("title", 2, "title|occupation"),
        ("birthday", 3, "birthday|birth date|birthdate|date of birth|dob|bday"),
        ("met_on", 3, "met on|connected on|date met|first met|met"),
    )
    return {name: (field, rank) for field, rank, names in table for name in names.split("|")}


_EXACT = _exact_names()

# Then words in a short header, for the fields a file may have several columns of.
_WORDS: tuple[tuple[str, set[str], set[str]], ...] = (
    ("email", {"email", "emails", "mail"}, {"type", "label", "display", "kind"}),
    (
        "phone",
        {"phone", "phones", "mobile", "tel", "telephone", "cell", "cellphone", "whatsapp"},
        {"fax", "type", "label", "pager", "assistant", "manager", "company", "kind"},
    ),
    (
        "url",
        {"url", "urls", "website", "websites", "web", "homepage", "linkedin", "site", "blog"},
        {"type", "label", "photo", "image", "avatar", "kind"},
    ),
    ("notes", {"notes", "note", "comments", "comment", "memo", "remarks"}, {"type"}),
    (
        "tags",
        {"tags", "tag", "labels", "categories", "category", "group", "groups", "keywords"},
        {"type", "kind"},
    ),
)
_ADDRESS_PART = re.compile(
    r"^(?:(?P<prefix>home|business|work|other|private|postal|mailing)\s+)?"
    r"(?P<part>street(?: \d)?|addresses|address(?: \d)?|city|state|region|province|"
    r"zip|zipcode|zip code|postal code|postcode|country(?: region)?)$"
)


def _guess(norm: str) -> tuple[str, int] | None:
    """The field a generic header probably holds, with how sure we are (3 = exact name)."""
    if norm in _EXACT:
        return _EXACT[norm]
    words = set(norm.split())
    if len(words) > 5:  # a sentence (a preamble line), not a column name
        return None
    for name, wanted, unwanted in _WORDS:
        if words & wanted and not words & unwanted:
            return (name, 1)
    if _ADDRESS_PART.match(norm):
        return ("address", 1)
    return None


def _header_score(cells: Sequence[str]) -> int:
    norms = {_norm(c) for c in cells if c.strip()}
    if _detect(norms):
        return 100 + len(norms)
    return sum(1 for n in norms if _guess(n))


# ---------------------------------------------------------------- plans


@dataclass
class _Plan:
    """Where each field is in a row of this file, and how its cells are split."""

    layout: str
    header: list[str]
    columns: dict[str, list[int]] = field(default_factory=dict)
    # Address groups: a formatted column (preferred when filled) and the parts to join.
    addresses: list[tuple[int | None, list[int]]] = field(default_factory=list)
    birth_parts: tuple[int, int, int] | None = None  # Thunderbird: year, month, day
    types: dict[int, int] = field(default_factory=dict)  # value column -> its type column
    separators: dict[str, str] = field(
        default_factory=lambda: {
            "email": r"[;,]",
            "phone": r";",
            "url": r";",
            "tags": r"[;,]",
            "address": r";",
        }
    )
    google_labels: bool = False

    def has_identity(self) -> bool:
        return any(self.columns.get(f) for f in ("name", "given", "family", "email"))


def _build_plan(layout: str, header: list[str]) -> _Plan:
    """A plan for a known layout, or a guessed one for generic CSV."""
    norms = [_norm(h) for h in header]
    index: dict[str, int] = {}
    for i, n in enumerate(norms):
        index.setdefault(n, i)
    if layout == "csv":
        return _generic_plan(header, norms)
    table = {
        "linkedin": _LINKEDIN,
        "outlook": _OUTLOOK,
        "thunderbird": _THUNDERBIRD,
        "google": _GOOGLE,
    }[layout]
    plan = _Plan("outlook" if layout == "thunderbird" else layout, header)
    for name, wanted in table.items():
        found = [index[w] for w in wanted if w in index]
        if found:
            plan.columns[name] = found if name in _MULTI else found[:1]
    if layout == "google":
        _google_columns(plan, norms)
    elif layout in ("outlook", "thunderbird"):
        plan.addresses = _address_groups(norms, set())
        if layout == "thunderbird" and {"birth year", "birth month", "birth day"} <= index.keys():
            plan.birth_parts = (index["birth year"], index["birth month"], index["birth day"])
    return plan


def _google_columns(plan: _Plan, norms: list[str]) -> None:
    """Google numbers its repeated columns: 'E-mail 2 - Value', 'Address 1 - City' …"""
    numbered = re.compile(r"^(email|phone|website|address) (\d+) (\w+(?: \w+)?)$")
    groups: dict[tuple[str, str], dict[str, int]] = {}
    for i, n in enumerate(norms):
        m = numbered.match(n)
        if m:
            groups.setdefault((m[1], m[2]), {}).setdefault(m[3], i)
    for (kind, _), cols in groups.items():
        if kind == "address":
            parts = ["street", "extended address", "po box", "city", "region", "postal code"]
            plan.addresses.append(
                (cols.get("formatted"), [cols[p] for p in [*parts, "country"] if p in cols])
            )
        elif "value" in cols:
            name = {"email": "email", "phone": "phone", "website": "url"}[kind]
            plan.columns.setdefault(name, []).append(cols["value"])
            kind_col = cols.get("type", cols.get("label"))
            if kind == "phone" and kind_col is not None:
                plan.types[cols["value"]] = kind_col
    for name in ("email", "phone", "url", "tags"):
        plan.separators[name] = r"\s*:::\s*"
    plan.google_labels = True


def _address_groups(norms: list[str], taken: set[int]) -> list[tuple[int | None, list[int]]]:
    """Street, city, zip … columns grouped by their prefix ('Home', 'Business')."""
    groups: dict[str, list[int]] = {}
    for i, n in enumerate(norms):
        m = _ADDRESS_PART.match(n)
        if m and i not in taken:
            prefix = {"business": "work"}.get(m["prefix"] or "", m["prefix"] or "")
            groups.setdefault(prefix, []).append(i)
    return [(None, cols) for cols in groups.values()]


def _generic_plan(header: list[str], norms: list[str]) -> _Plan:
    plan = _Plan("csv", header)
    best: dict[str, tuple[int, int]] = {}  # single field -> (rank, column)
    taken: set[int] = set()
    for i, n in enumerate(norms):
        guess = _guess(n) if n else None
        if guess is None or guess[0] == "address":
            continue
        name, rank = guess
        taken.add(i)
        if name in _MULTI:
            plan.columns.setdefault(name, []).append(i)
        elif name not in best or rank > best[name][0]:
            best[name] = (rank, i)
    for name, (_, i) in best.items():
        plan.columns[name] = [i]
    plan.addresses = _address_groups(norms, taken)
    return plan


def _apply_mapping(plan: _Plan, mapping: dict[str, str], source: str) -> None:
    """The user's --map wins over every guess."""
    for name, column in mapping.items():
        i = _find_column(plan.header, column)
        if i is None:
            shown = ", ".join(repr(h) for h in plan.header if h.strip())
            raise BadInput(
                f"{source} has no column {column!r} (from --map {name}={column}).",
                f"Its columns are: {shown}.",
            )
        if name == "address":
            plan.addresses = [(None, [i])]
        elif name == "birthday":
            plan.birth_parts = None
            plan.columns["birthday"] = [i]
        else:
            plan.columns[name] = [i]
            plan.types.pop(i, None)


def _find_column(header: list[str], column: str) -> int | None:
    for wanted in (column, column.strip().casefold()):
        for i, h in enumerate(header):
            if h == wanted or h.strip().casefold() == wanted:
                return i
    return None


def _check_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise BadInput(
            f"--map names unknown field(s): {', '.join(unknown)}.",
            f"Fields: {', '.join(FIELDS)}.",
        )
    return mapping


# ---------------------------------------------------------------- finding the header


def _find_header(
    rows: list[tuple[int, list[str]]], source: str, layout: str, mapping: dict[str, str]
) -> tuple[_Plan, int]:
    """The plan and the position of the header row among `rows` (-1 when there is none)."""
    kind, best = _header_row(rows, layout, mapping)
    if kind is not None and best is not None:
        return _build_plan(kind, rows[best][1]), best
    if layout not in ("auto", "csv"):
        raise BadInput(
            f"{source} does not look like {_PROGRAMS[layout]} export: "
            "no row has that program's column names.",
            "Import it with the format `auto` or `csv`, naming columns with --map.",
        )
    if best is None and mapping and not any(_EMAIL_LIKE.match(c.strip()) for c in rows[0][1]):
        best = 0  # its columns are listed in the error about the mapping
    if best is None:
        return _no_header(rows, source, mapping), -1
    plan = _build_plan("csv", rows[best][1])
    _apply_mapping(plan, mapping, source)
    if not plan.has_identity():
        shown = ", ".join(repr(c) for c in rows[best][1] if c.strip())
        raise BadInput(
            f"{source} has no column for a name or an e-mail address; its columns are: {shown}.",
            'Name them with --map, e.g. --map name="Full Name" --map email="E-mail".',
        )
    return plan, best


_SURE_HEADER = 2  # a row this much like a header is one: what follows is data


def _header_row(
    rows: list[tuple[int, list[str]]], layout: str, mapping: dict[str, str]
) -> tuple[str | None, int | None]:
    """The known program whose header was found (or None) and the header's position.

    The header is looked for among the first rows (LinkedIn writes a preamble), stopping
    where data plainly starts, so that a contact whose notes say "Phone 1 - Value" is
    never taken for a header.
    """
    best, best_score = None, 0
    for pos, (_, cells) in enumerate(rows[:_HEADER_SEARCH]):
        is_data = any(_EMAIL_LIKE.match(c.strip()) for c in cells)
        if is_data and layout in ("auto", "csv"):
            break
        kind = _detect({_norm(c) for c in cells if c.strip()}) if layout != "csv" else None
        if kind and layout in ("auto", kind, "outlook" if kind == "thunderbird" else ""):
            return kind, pos
        if layout not in ("auto", "csv") or is_data:
            continue
        score = _header_likeness(cells, mapping)
        if score > best_score:
            best, best_score = pos, score
        if score >= _SURE_HEADER:
            break
    return None, best


def _header_likeness(cells: list[str], mapping: dict[str, str]) -> int:
    """How much a row looks like a header: with --map, sure when it names every mapped
    column and not at all otherwise; without, how many cells are known column names."""
    if mapping:
        named = all(_find_column(cells, column) is not None for column in mapping.values())
        return _SURE_HEADER if named else 0
    return sum(1 for c in cells if _guess(_norm(c)))


def _no_header(rows: list[tuple[int, list[str]]], source: str, mapping: dict[str, str]) -> _Plan:
    """A file without a header: read it only when the content leaves no doubt."""
    first = rows[0][1]
    has_data = any(_EMAIL_LIKE.match(c.strip()) for c in first)
    plan = None if mapping or not has_data else _headerless_plan([cells for _, cells in rows])
    if plan is not None:
        return plan
    if has_data:
        raise BadInput(
            f"{source} has no header row: its first line is already a contact.",
            "Add a first line naming the columns (e.g. Name,Email); --map refers to those names.",
        )
    shown = ", ".join(repr(c) for c in first if c.strip())
    raise BadInput(
        f"{source} has no column for a name or an e-mail address; its first row is: {shown}.",
        'Name the columns with --map, e.g. --map name="Full Name" --map email="E-mail".',
    )


def _headerless_plan(rows: list[list[str]]) -> _Plan | None:
    """E-mail columns by their values; names when one is plainly 'given family'.

    Thunderbird writes CSV without a header when asked to; its first columns are First,
    Last, Display Name. Anything less certain than that is refused, not guessed.
    """
    sample = rows[:200]
    width = max(len(r) for r in sample)
    values = [[r[i].strip() for r in sample if i < len(r) and r[i].strip()] for i in range(width)]
    emails = [
        i
        for i, v in enumerate(values)
        if v and sum(map(bool, map(_EMAIL_LIKE.match, v))) >= 0.8 * len(v)
    ]
    texts = [
        i
        for i, v in enumerate(values)
        if i not in emails
        and len(v) >= 0.5 * len(sample)
        and not any(c.isdigit() for x in v for c in x)
    ][:8]
    plan = _Plan("csv", [""] * width, columns={"email": emails})
    for a in texts:
        for b in texts:
            for c in texts:
                if len({a, b, c}) == 3 and _joins(sample, a, b, c):
                    plan.columns.update(name=[a], given=[b], family=[c])
                    return plan
    if not emails or len(texts) > 1:
        return None
    plan.columns["name"] = texts  # one text column: the name; none: e-mails only
    return plan


def _joins(rows: list[list[str]], whole: int, first: int, last: int) -> bool:
    """True when column `whole` is `first` + ' ' + `last` in (nearly) every row."""
    width = max(whole, first, last)
    hits = sum(
        1
        for r in rows
        if len(r) > width
        and r[whole].split() == (r[first] + " " + r[last]).split()
        and r[whole].strip()
    )
    return hits >= 0.8 * len(rows)


# ---------------------------------------------------------------- dates

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:\s.*)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s./-]+([^\W\d_]+)\.?,?[\s./-]+(\d{4}|\d{2})$")
_MONTH_DAY = re.compile(r"^([^\W\d_]+)\.?[\s./-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s./-]+(\d{4}|\d{2})$")

Ymd = tuple[int | None, int, int]


def _day_first(values: Iterable[str]) -> bool:
    """Whether this file writes 11/12/24 day-first: a 13 or more in first place says so.

    Outlook and US Excel write month-first, which is also the answer when nothing decides.
    """
    votes = 0
    for value in values:
        m = _NUMERIC.match(value.strip())
        if m and m[2] != ".":
            a, b = int(m[1]), int(m[3])
            votes += (a > 12 >= b) - (b > 12 >= a)
    return votes > 0


def _parse_date(text: str, day_first: bool) -> Ymd | None:
    """(year or None, month, day) from the forms contact exports write; None otherwise."""
    text = text.strip()
    found: tuple[int | None, int, int] | None = None
    if m := _ISO.match(text) or _BASIC.match(text):
        found = (int(m[1]), int(m[2]), int(m[3]))
    elif m := _NO_YEAR.match(text):
        found = (None, int(m[1]), int(m[2]))
    elif m := _NUMERIC.match(text):
        a, b = int(m[1]), int(m[3])
        first_is_day = m[2] == "." or (day_first and b <= 12) or a > 12
        day, month = (a, b) if first_is_day else (b, a)
        found = (_year(m[4]), month, day)
    elif (m := _DAY_MONTH.match(text)) and (named := _month(m[2])):
        found = (_year(m[3]), named, int(m[1]))
    elif (m := _MONTH_DAY.match(text)) and (named := _month(m[1])):
        found = (_year(m[3]), named, int(m[2]))
    if found is None:
        return None
    try:
        date(found[0] or 2000, found[1], found[2])  # 2000: a leap year allows --02-29
    except ValueError:
        return None
    return found


def _year(digits: str) -> int:
    """Two-digit years as strptime reads them: 69-99 → 1900s, 00-68 → 2000s."""
    n = int(digits)
    if len(digits) == 4:
        return n
    return n + (1900 if n >= 69 else 2000)


def _month(word: str) -> int | None:
    word = word.casefold()
    if len(word) < 3:
        return None
    for i, full in enumerate(_MONTHS, start=1):
        if full.startswith(word) or (word == "sept" and i == 9):
            return i
    return None


def _birthday(ymd: Ymd | None) -> str | None:
    if ymd is None:
        return None
    year, month, day = ymd
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


# ---------------------------------------------------------------- records

_SYSTEM_LABELS = {"*mycontacts", "*starred", "mycontacts", "starred"}
# A header that only names the field ("Phones", "Tel") says nothing about the line.
_PLAIN_HEADERS = frozenset(word for _, words, _ in _WORDS for word in words)
_NOT_A_PHONE = re.compile(r"fax|pager", re.IGNORECASE)


class _Row:
    """One CSV row read through a plan: the helpers every field needs."""

    def __init__(self, plan: _Plan, cells: list[str]) -> None:
        self.plan = plan
        self.cells = cells

    def cell(self, i: int) -> str:
        return self.cells[i].strip() if i < len(self.cells) else ""

    def first(self, name: str) -> str | None:
        return next((v for i in self.plan.columns.get(name, []) if (v := self.cell(i))), None)

    def many(self, name: str) -> list[str]:
        sep = self.plan.separators.get(name)
        found: list[str] = []
        for i in self.plan.columns.get(name, []):
            value = self.cell(i)
            if i in self.plan.types and _NOT_A_PHONE.search(self.cell(self.plan.types[i])):
                continue
            found += [p.strip() for p in re.split(sep, value)] if sep else [value]
        return list(dict.fromkeys(p for p in found if p))

    def labels(self, name: str) -> dict[str, str]:
        """Each value of a many-valued field with its label: the type column beside it
        (Google's "Phone 1 - Type") or else the column's own header ("Business Phone")."""
        sep = self.plan.separators.get(name)
        found: dict[str, str] = {}
        for i in self.plan.columns.get(name, []):
            label = self.cell(self.plan.types[i]) if i in self.plan.types else self.plan.header[i]
            label = "" if label.casefold() in _PLAIN_HEADERS else label
            for value in re.split(sep, self.cell(i)) if sep else [self.cell(i)]:
                if value.strip():
                    found.setdefault(value.strip(), label)
        return found

    def notes(self) -> list[str]:
        found = (_NEWLINES.sub("\n", self.cell(i)) for i in self.plan.columns.get("notes", []))
        return list(dict.fromkeys(n for n in found if n))

    def tags(self) -> list[str]:
        tags = self.many("tags")
        if self.plan.google_labels:
            tags = [
                t.removeprefix("* ").strip()
                for t in tags
                if re.sub(r"\s", "", t).casefold() not in _SYSTEM_LABELS
            ]
        return list(dict.fromkeys(t for t in tags if t))

    def addresses(self) -> list[str]:
        found: list[str] = []
        for formatted, parts in self.plan.addresses:
            text = self.cell(formatted) if formatted is not None else ""
            if text:
                found.append(_one_line(text))
            elif len(parts) == 1 and formatted is None:
                sep = self.plan.separators["address"]
                found += [_one_line(a) for a in re.split(sep, self.cell(parts[0]))]
            else:
                found.append(", ".join(_one_line(v) for i in parts if (v := self.cell(i))))
        return list(dict.fromkeys(a for a in found if a))

    def name(self) -> str | None:
        if "name" in self.plan.columns:
            return self.first("name")
        parts = [self.first(p) for p in ("given", "middle", "family")]
        return " ".join(p for p in parts if p) or None

    def birthday(self, day_first: bool) -> str | None:
        if self.plan.birth_parts is not None:
            y, m, d = (self.cell(i) for i in self.plan.birth_parts)
            if not (m.isdecimal() and d.isdecimal() and len(m) <= 2 and len(d) <= 2):
                return None
            has_year = y.isdecimal() and len(y) == 4 and int(y) > 0
            text = f"{y}-{m}-{d}" if has_year else f"--{int(m):02d}-{int(d):02d}"
            return _birthday(_parse_date(text, day_first))
        raw = self.first("birthday")
        return _birthday(_parse_date(raw, day_first)) if raw else None

    def met_on(self, day_first: bool) -> date | None:
        raw = self.first("met_on")
        ymd = _parse_date(raw, day_first) if raw else None
        return date(ymd[0], ymd[1], ymd[2]) if ymd and ymd[0] else None


def _one_line(text: str) -> str:
    """A multi-line address cell as one line: '2 King St W, Toronto, ON M5H 1A1, Canada'."""
    return ", ".join(part.strip() for part in text.splitlines() if part.strip())


def _to_record(row: _Row, line: int, day_first: bool) -> ContactRecord:
    return ContactRecord(
        line=line,
        name=row.name(),
        given=row.first("given"),
        family=row.first("family"),
        emails=row.many("email"),
        phones=row.many("phone"),
        phone_labels={p: label for p, label in row.labels("phone").items() if label},
        company=row.first("company"),
        title=row.first("title"),
        urls=row.many("url"),
        addresses=row.addresses(),
        birthday=row.birthday(day_first),
        notes=row.notes(),
        tags=row.tags(),
        met_on=row.met_on(day_first),
    )


def read_csv(
    data: bytes,
    *,
    source: str,
    layout: str = "auto",
    encoding: str | None = None,
    mapping: dict[str, str] | None = None,
) -> ReadResult:
    """Contacts from a CSV export; rows without a name, e-mail or phone are reported, not fatal."""
    if layout not in LAYOUTS:
        raise BadInput(f"Unknown CSV layout {layout!r}.", f"Choose one of: {', '.join(LAYOUTS)}.")
    wanted = _check_mapping(mapping)
    text = _decode(data, source, encoding)
    delimiter = _choose_delimiter(text)
    rows = _rows(text, delimiter, source=source)
    if not rows:
        raise BadInput(f"{source} is empty.", "Export the contacts again and import that file.")
    plan, pos = _find_header(rows, source, layout, wanted)
    if plan.layout != "csv" and wanted:
        _apply_mapping(plan, wanted, source)
    header = [_norm(c) for c in plan.header]
    body = rows[pos + 1 :]
    date_columns = plan.columns.get("birthday", []) + plan.columns.get("met_on", [])
    day_first = _day_first(_Row(plan, cells).cell(i) for _, cells in body for i in date_columns)
    result = ReadResult(records=[], format=plan.layout)
    for line, cells in body:
        if pos >= 0 and [_norm(c) for c in cells] == header:
            continue  # the header again: two exports pasted together
        record = _to_record(_Row(plan, cells), line, day_first)
        if record.display_name() or record.emails or record.phones:
            result.records.append(record)
        else:
            result.skipped.append(Skipped(line, "no name, e-mail or phone"))
    return result


# ---------------------------------------------------------------- writing

_WRITE_HEADER = ["name", "given", "family", "emails", "phones", "company", "title", "urls",
                 "addresses", "birthday", "tags"]  # fmt: skip
_JOIN = " ; "


def write_csv(records: Sequence[ContactRecord]) -> str:
    """A plain CSV that `read_csv(layout="csv")` reads back to the same fields.

    Lists share a cell, joined by ' ; ' (so a value containing ';' or, for e-mails and tags,
    ',' comes back split); notes get a column each ('notes', 'notes 2' …) because a note
    may hold any text.
    """
    note_columns = max([1, *(len(r.notes) for r in records)])
    notes_header = ["notes"] + [f"notes {i}" for i in range(2, note_columns + 1)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*_WRITE_HEADER, *notes_header, "met_on"])
    for r in records:
        cells: list[str] = [
            r.name or "",
            r.given or "",
            r.family or "",
            _JOIN.join(r.emails),
            _JOIN.join(r.phones),
            r.company or "",
            r.title or "",
            _JOIN.join(r.urls),
            _JOIN.join(r.addresses),
            r.birthday or "",
            _JOIN.join(r.tags),
        ]
        notes = [*r.notes, *[""] * (note_columns - len(r.notes))]
        writer.writerow([*cells, *notes, r.met_on.isoformat() if r.met_on else ""])
    return out.getvalue()
