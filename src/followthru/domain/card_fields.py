"""A business card's text, as OCR read it, into a person's fields.

Pure: the input is OCR words with their boxes (or plain lines), the output the fields with a
confidence each. Position alone decides little — cards put the name anywhere — so every
field is found by what it looks like: validators for e-mails, phones and web addresses
(repairing the usual OCR slips: a lost '+', 'O' for '0', a stray letter from an icon, spaces
inside an address), a lexicon of job titles, company suffixes and the e-mail's domain; the
largest line that looks like a person's name is the name, and a name that matches the
e-mail's local part wins over a larger one that does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from followthru.domain.fields import normalize_phone, url_key
from followthru.domain.title_words import is_role, is_title_word
from followthru.errors import BadInput


@dataclass(frozen=True)
class Word:
    """One word as OCR saw it: text, confidence 0-100 (-1 unknown) and its box."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, ...]  # which line it belongs to (block, paragraph, line)


@dataclass
class Line:
    text: str
    height: float  # median word height, the text size
    top: int
    left: int
    conf: float  # 0-1
    used: bool = False  # taken by a field already
    width: int = 0  # across, where OCR gave boxes (0: unknown)


@dataclass
class CardFields:
    name: str | None = None
    title: str | None = None
    company: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # E.164
    website: str | None = None
    linkedin: str | None = None
    address: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.name or self.emails or self.phones or self.company or self.website)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "company": self.company,
            "emails": self.emails,
            "phones": self.phones,
            "website": self.website,
            "linkedin": self.linkedin,
            "address": self.address,
            "confidence": {k: round(v, 2) for k, v in self.confidence.items()},
        }


def merge_fields(first: CardFields, other: CardFields) -> CardFields:
    """One card read twice: the first reading, with what it missed taken from the other
    (each of the other's e-mails and phones passed the same validators)."""
    if first.is_empty():
        return other
    merged = CardFields(
        name=first.name,
        title=first.title,
        company=first.company,
        emails=list(first.emails),
        phones=list(first.phones),
        website=first.website,
        linkedin=first.linkedin,
        address=first.address,
        confidence=dict(first.confidence),
    )
    for key in ("name", "title", "company", "website", "linkedin", "address"):
        if getattr(merged, key) is None and getattr(other, key) is not None:
            setattr(merged, key, getattr(other, key))
            if key in other.confidence:
                merged.confidence[key] = other.confidence[key]
    for key in ("emails", "phones"):
        if not getattr(merged, key) and getattr(other, key):
            setattr(merged, key, list(getattr(other, key)))
            if key in other.confidence:
                merged.confidence[key] = other.confidence[key]
    return merged


# ---------------------------------------------------------------- lines


def lines_from_words(words: Iterable[Word]) -> list[Line]:
    """Group OCR words into lines, top to bottom; words below 20% confidence are noise —
    unless they look like a word beside a confidently read one of the same size: Tesseract
    gives a correctly read surname it has no dictionary entry for ('Ivanova') 0%."""
    groups: dict[tuple[int, ...], list[Word]] = {}
    for word in words:
        if word.text.strip():
            groups.setdefault(word.line, []).append(word)
    lines: list[Line] = []
    for group in groups.values():
        group = [w for w in group if _kept(w, group)]
        if not group:
            continue
        group.sort(key=lambda w: w.left)
        heights = sorted(w.height for w in group)
        confs = [w.conf for w in group if w.conf >= 0]
        lines.append(
            Line(
                text=" ".join(w.text.strip() for w in group),
                height=float(heights[len(heights) // 2]),
                top=min(w.top for w in group),
                left=min(w.left for w in group),
                conf=(sum(confs) / len(confs) / 100) if confs else 0.8,
                width=max(w.left + w.width for w in group) - min(w.left for w in group),
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.left))
    return lines


Box = tuple[int, int, int, int]  # left, top, right, bottom
_CONTACT_HINT = re.compile(r"(?i)@|ttps?:|www")


def doubtful_lines(words: Sequence[Word]) -> list[tuple[tuple[int, ...], Box]]:
    """Lines that look like an e-mail or a web address ('@', 'www', 'https:') but do not
    read as one, with their box: small print where OCR lost or garbled a piece, worth a
    second look on their own (largest first, the likeliest to be read right)."""
    groups: dict[tuple[int, ...], list[Word]] = {}
    for word in words:
        if word.text.strip():
            groups.setdefault(word.line, []).append(word)
    found: list[tuple[int, tuple[int, ...], Box]] = []
    for line, group in groups.items():
        group.sort(key=lambda w: w.left)
        text = " ".join(w.text.strip() for w in group)
        if not _CONTACT_HINT.search(text) or reads_as_contact(text):
            continue
        box = (
            min(w.left for w in group),
            min(w.top for w in group),
            max(w.left + w.width for w in group),
            max(w.top + w.height for w in group),
        )
        found.append((box[3] - box[1], line, box))
    found.sort(key=lambda item: -item[0])
    return [(line, box) for _, line, box in found]


def runs_off_edge(words: Sequence[Word], width: int, height: int) -> bool:
    """Whether confidently read text reaches the picture's edge. A card keeps a margin
    round its print, so text cut by the edge says the card found is only part of the card
    (a shadow across it split it in two) and the whole photo is worth reading."""
    margin = 0.025 * min(width, height)
    return any(
        w.conf >= 60
        and sum(ch.isalnum() for ch in w.text) >= 2
        and (
            w.left <= margin
            or w.top <= margin
            or w.left + w.width >= width - margin
            or w.top + w.height >= height - margin
        )
        for w in words
    )


def reads_as_contact(text: str) -> bool:
    """An e-mail or a web address the validators accept is in this line."""
    emails, _, rest = find_emails(_clean_line(text))
    return bool(emails) or find_urls(rest)[0] is not None


def lines_from_text(text: str) -> list[Line]:
    """Plain text, one line per line, all the same size (for tests and pasted text)."""
    return [
        Line(text=raw.strip(), height=10.0, top=i, left=0, conf=0.9)
        for i, raw in enumerate(text.splitlines())
        if raw.strip()
    ]


def _kept(word: Word, line: list[Word]) -> bool:
    """Whether a word is text, not noise. A low-confidence piece of a word-like shape
    beside an '@' is kept too: OCR splits an address at its dot or underscore and doubts
    the first half ('hannah.' 12%, 'okafor@foxglove.design'), which the address needs."""
    text = word.text.strip()
    if not 0 <= word.conf < 20 or _has_signal(text):
        return True
    if re.fullmatch(r"[A-Za-z0-9][\w.\-]*", text) and any("@" in w.text for w in line):
        return True
    return bool(re.fullmatch(r"[A-Z]?[a-z]{2,}|[A-Z]{3,}", text)) and any(
        other.conf >= 60 and abs(other.height - word.height) <= 0.3 * max(other.height, 1)
        for other in line
        if other is not word
    )


def _has_signal(text: str) -> bool:
    """A low-confidence word worth keeping: the validators will judge it. Tesseract gives
    a web address read right ('www.', 'granitepeak.com') 14%."""
    return (
        "@" in text
        or sum(ch.isdigit() for ch in text) >= 3
        or bool(re.search(r"(?i)^(?:www|https?)\b|[a-z0-9]\.[a-z]{2,}", text))
    )


# ---------------------------------------------------------------- domain endings

_TLDS = (
    "com|org|net|io|co|ai|dev|app|biz|info|eu|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|"
    "ie|pl|pt|ca|au|nz|in|jp|sg|hk|br|mx|za|tech|studio|design|agency|consulting|digital|"
    "global|group|cloud|xyz|me|tv|ly|gg|so|to|health|law|edu|gov|vc|fm|am|ventures|"
    "capital|partners|email|works|company|live|online|site|space|store|shop|ac"
)
_COUNTRY_TLDS = {  # every country's code phone numbers know, and the UK's own
    "ac", "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "ar", "as", "at", "au", "aw", "ax",
    "az", "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bl", "bm", "bn", "bo", "bq",
    "br", "bs", "bt", "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl",
    "cm", "cn", "co", "cr", "cu", "cv", "cw", "cx", "cy", "cz", "de", "dj", "dk", "dm", "do",
    "dz", "ec", "ee", "eg", "eh", "er", "es", "et", "fi", "fj", "fk", "fm", "fo", "fr", "ga",
    "gb", "gd", "ge", "gf", "gg", "gh", "gi", "gl", "gm", "gn", "gp", "gq", "gr", "gt", "gu",
    "gw", "gy", "hk", "hn", "hr", "ht", "hu", "id", "ie", "il", "im", "in", "io", "iq", "ir",
    "is", "it", "je", "jm", "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp", "kr", "kw",
    "ky", "kz", "la", "lb", "lc", "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma", "mc",
    "md", "me", "mf", "mg", "mh", "mk", "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt",
    "mu", "mv", "mw", "mx", "my", "mz", "na", "nc", "ne", "nf", "ng", "ni", "nl", "no", "np",
    "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg", "ph", "pk", "pl", "pm", "pr", "ps", "pt",
    "pw", "py", "qa", "re", "ro", "rs", "ru", "rw", "sa", "sb", "sc", "sd", "se", "sg", "sh",
    "si", "sj", "sk", "sl", "sm", "sn", "so", "sr", "ss", "st", "sv", "sx", "sy", "sz", "ta",
    "tc", "td", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to", "tr", "tt", "tv", "tw", "tz",
    "ua", "ug", "us", "uy", "uz", "va", "vc", "ve", "vg", "vi", "vn", "vu", "wf", "ws", "xk",
    "ye", "yt", "za", "zm", "zw", "uk", "eu",
}  # fmt: skip
_KNOWN_TLDS = set(_TLDS.split("|")) | set(_COUNTRY_TLDS) | {
    "cat", "pro", "mobi", "name", "jobs", "travel", "aero", "coop", "museum", "asia", "tel",
    "int", "mil", "news", "media", "network", "systems", "solutions", "services", "energy",
    "finance", "legal", "money", "tax", "team", "world", "life", "blog", "art", "club",
    "page", "one", "zone", "codes", "software", "technology", "bio", "eco", "green", "earth",
    "ltd", "inc", "llc", "gmbh", "berlin", "london", "nyc", "paris", "swiss", "cz", "sk",
    "hu", "ro", "gr", "tr", "ru", "ua", "il", "ae", "sa", "cn", "kr", "tw", "th", "my", "id",
    "ph", "vn", "ar", "cl", "pe", "ng", "ke", "eg", "ma", "is", "lu", "li", "mc", "ee", "lv",
    "lt", "si", "hr", "rs", "bg", "cy", "mt", "fo", "gl", "ws", "cc", "la", "sh", "nu",
}  # fmt: skip
_TLDS = "|".join(sorted(_KNOWN_TLDS, key=lambda t: (-len(t), t)))
# The labels countries put under their code: brooksvale.co.uk, azulejo.com.br.
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "ne", "or", "go",
                 "gob", "nic", "sch", "nom", "gen", "biz", "info", "firm", "mil"}  # fmt: skip


# ---------------------------------------------------------------- e-mails

_FREE_MAIL = {
    "gmail",
    "googlemail",
    "yahoo",
    "hotmail",
    "outlook",
    "live",
    "icloud",
    "me",
    "aol",
    "proton",
    "protonmail",
    "gmx",
    "web",
    "mail",
    "yandex",
    "zoho",
    "fastmail",
    "hey",
    "msn",
}
_TLD_SLIPS = {
    "corn": "com",
    "c0m": "com",
    "com,": "com",
    "cam": "com",
    "con": "com",
    "comn": "com",
    "0rg": "org",
    "orq": "org",
    "nct": "net",
    "iO": "io",
}
_EMAIL_FIND = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+'\-_]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_EMAIL_LABEL = re.compile(r"^(?:e-?mail|mail|email|e)\s*[:.]?\s*", re.IGNORECASE)


# OCR's ways of breaking an address, each with its repair, applied in this order.
_EMAIL_REPAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s*[(\[]at[)\]]\s*", re.IGNORECASE), "@"),  # 'jane (at) acme.com'
    (re.compile(r"\s*@\s*"), "@"),
    # An underscore too faint to print: 'clara mendes@…' is 'clara_mendes@…'.
    (
        re.compile(r"(?<![\w.])(?!(?:e-?mail|mail|email)\b)([a-z]{3,})\s(?=[a-z][a-z0-9._\-]*@)"),
        r"\1_",
    ),
    # 'omar _dubois@…': a word, then the rest of the address from its underscore or dot.
    (re.compile(r"(?<=[A-Za-z0-9])\s+(?=[._][A-Za-z0-9._\-]*@)"), ""),
    # Addresses are lower case: a capital I opening one is an l ('Ischmidt@…').
    (re.compile(r"(?<![\w.])I(?=[a-z][a-z0-9._\-]*@)"), "l"),
    # OCR splits an address at its dots, or reads a dot as a comma: join the pieces back.
    (re.compile(r"(@[A-Za-z0-9.\-]*?)\s*[,·]\s*(?=[A-Za-z]{2,4}\b)"), r"\1."),
    # ... or loses the dot before the ending altogether: '@contoso com'.
    (re.compile(rf"(@[A-Za-z0-9\-]+)\s+(?=(?:{_TLDS})\b)"), r"\1."),
    (re.compile(r"(?<=[A-Za-z0-9])\s*\.\s+(?=[A-Za-z0-9][^@\s]*@)"), "."),
    (re.compile(r"(@\S*?[A-Za-z0-9])\s+\.\s*(?=[A-Za-z]{2,})"), r"\1."),
    (re.compile(r"(@\S*?[A-Za-z0-9])\s*\.\s+(?=[A-Za-z]{2,})"), r"\1."),
)


def find_emails(text: str) -> tuple[list[str], bool, str]:
    """E-mail addresses in one line: (addresses, repaired?, the line without them)."""
    if "@" not in text and not re.search(r"[(\[]at[)\]]", text, re.IGNORECASE):
        return [], False, text
    fixed = text
    for pattern, repair in _EMAIL_REPAIRS:
        fixed = pattern.sub(repair, fixed)
    repaired = fixed != text
    found: list[str] = []
    rest = fixed
    for match in _EMAIL_FIND.finditer(fixed):
        raw = match.group(0).strip(".-'")
        address = _mended_address(raw)
        if address is None:
            continue
        repaired |= address != raw
        if address not in found:
            found.append(address)
        rest = rest.replace(match.group(0), " ")
    return found, repaired, rest


def _mended_address(raw: str) -> str | None:
    """An address as found, without an 'E-mail:' label stuck to it and with its host and
    ending mended; None when it has no ending that could be one."""
    local, _, domain = raw.partition("@")
    local = _EMAIL_LABEL.sub("", local) if re.match(r"(?i)e-?mail", local) else local
    labels = [lab for lab in domain.split(".") if lab]
    if len(labels) < 2:
        return None
    tld = _mended_tld(labels[-1])
    if tld is None:
        return None
    host = [_fix_label(lab) for lab in labels[:-1]]
    return f"{_undouble(local)}@{'.'.join([*host, tld]).lower()}"


def _mended_tld(tld: str) -> str | None:
    """A domain's ending with OCR's slips undone ('c0m', 'corn'), or None without letters."""
    tld = _TLD_SLIPS.get(tld, _TLD_SLIPS.get(tld.lower(), tld)).lower()
    tld = tld.replace("0", "o").replace("1", "l")
    if not re.fullmatch(r"[a-z]{2,12}", tld):
        tld = re.sub(r"[^a-z]", "", tld)
        if len(tld) < 2:
            return None
    return _known_tld(tld)


def _known_tld(tld: str) -> str:
    """'vce' -> 'vc': a letter OCR added after a short ending (the next glyph, a speck). An
    unknown ending whose longest known prefix is one letter shorter is that prefix."""
    if tld in _KNOWN_TLDS or len(tld) < 3 or tld[:-1] not in _KNOWN_TLDS:
        return tld
    return tld[:-1]


def _undouble(local: str) -> str:
    """'samuelLm' -> 'samuelm': OCR reads one lower-case letter twice, the second as a
    capital; an address's local part is otherwise lower case."""
    if sum(ch.isupper() for ch in local) != 1:
        return local
    return re.sub(
        r"([a-z])([A-Z])",
        lambda m: m.group(1) if m.group(2).lower() == m.group(1) else m.group(0),
        local,
    )


def _fix_label(label: str) -> str:
    """'c0ntoso' -> 'contoso': digits among letters in a domain name are OCR slips."""
    letters = sum(ch.isalpha() for ch in label)
    if letters >= 3 and letters >= len(label) - 2:
        return label.translate(str.maketrans("015", "ols"))
    return label


def _strip_stray_letter(address: str, name: str | None) -> tuple[str, bool]:
    """An icon read as a letter glued to the address: 'eavery.smith@…' on Avery Smith's card."""
    local, _, domain = address.partition("@")
    if not name or len(local) < 4:
        return address, False
    parts = [_fold(p) for p in name.split() if len(p) > 1]
    if not parts:
        return address, False
    low = local.lower()

    def fits(text: str) -> bool:
        return any(text.startswith(p) for p in parts) or (
            len(parts) >= 2 and text.startswith(parts[0][0] + parts[-1])
        )

    initials = {p[0] for p in parts}
    if low[0] not in initials and not fits(low) and fits(low[1:]):
        return f"{local[1:]}@{domain}", True
    return address, False


# ---------------------------------------------------------------- web addresses


def domain_stem(domain: str) -> str:
    """The part of a domain that names the organisation: 'brooksvale' of www.brooksvale.co.uk
    (never the 'co' under the country's code)."""
    labels = [label for label in domain.lower().split(".") if label]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")


def card_region(hosts: Sequence[str], numbers: Sequence[str], default: str) -> str:
    """The country a card's phones are written for: its web or e-mail address's country
    code (.de, .co.uk), else the country of a number printed with its +code, else the
    user's own region."""
    import phonenumbers

    for host in hosts:
        code = host.lower().rsplit(".", 1)[-1]
        region = "GB" if code == "uk" else code.upper()
        if len(code) == 2 and region in phonenumbers.SUPPORTED_REGIONS:
            return region
    for text in numbers:
        match = re.search(r"\+\s*(\d{1,3})", text)
        if match:
            for digits in (match.group(1)[:n] for n in (1, 2, 3)):
                region = phonenumbers.region_code_for_country_code(int(digits))
                if region != "ZZ":
                    return str(region)
    return default


_URL_FIND = re.compile(
    r"(?:https?\s*:\s*/\s*/\s*)?(?:w{2,4}\s*[.,]\s*)?[A-Za-z0-9][A-Za-z0-9\-]*"
    rf"(?:\s*[.,]\s*[A-Za-z0-9\-]+)*\s*[.,]\s*(?:{_TLDS})(?:\.[a-z]{{2}})?\b(?:/[^\s]*)?",
    re.IGNORECASE,
)
_LINKEDIN_FIND = re.compile(
    r"(?:(?:www\.)?linkedin\s*\.\s*com\s*)?/?\s*(?:in|pub)\s*/\s*([A-Za-z0-9\-_%]{3,})",
    re.IGNORECASE,
)


def find_urls(text: str) -> tuple[str | None, str | None, str]:
    """(website, LinkedIn profile, the line without them)."""
    linkedin, rest = _find_linkedin(text)
    # 'www contoso com', 'www.contoso com': dots lost, after a marker that says web.
    rest = re.sub(r"(?i)\bwww\s+(?=[A-Za-z0-9])", "www.", rest)
    rest = re.sub(
        rf"(?i)((?:https?:\S*|\bwww[.,]\s*)[A-Za-z0-9\-]+)\s+(?=(?:{_TLDS})\b)", r"\1.", rest
    )
    for match in _URL_FIND.finditer(rest):
        raw = match.group(0)
        if "@" in rest[max(0, match.start() - 1) : match.start() + 1]:
            continue  # the domain of an e-mail address
        url = _mended_url(raw)
        if "linkedin" in url.lower():
            continue
        host = url_key(url).split("/")[0]
        if host.count(".") == 0 or len(host) < 4:
            continue
        # A bare "name.tld" among words is too often a sentence ("Inc.Co"): want a marker
        # or a line of its own.
        if re.match(r"(?i)(https?://|www\.)", url) or len(rest.split()) <= 3:
            return url, linkedin, rest.replace(raw, " ")
    return None, linkedin, rest


def _find_linkedin(text: str) -> tuple[str | None, str]:
    """A LinkedIn profile in the line, by its address or after a 'LinkedIn' label, and the
    line without it."""
    if not ("linkedin" in text.lower() or re.search(r"(?:^|\s)/?in/\S", text)):
        return None, text
    match = _LINKEDIN_FIND.search(text)
    if match:
        return f"linkedin.com/in/{match.group(1).strip('-_').lower()}", text.replace(
            match.group(0), " "
        )
    if "linkedin" in text.lower():
        slug = re.sub(r"(?i).*linkedin\s*[:.]?\s*", "", text).strip(" :/")
        if re.fullmatch(r"[A-Za-z0-9\-_]{3,}", slug):
            return f"linkedin.com/in/{slug.lower()}", ""
    return None, text


def _mended_url(raw: str) -> str:
    """A web address with OCR's slips in its prefix undone and its host in lower case."""
    url = re.sub(r"\s+", "", raw).replace(",", ".")
    url = re.sub(r"(?i)^(https?):/+", r"\1://", url)
    url = re.sub(r"(?i)^(https?://)?w{2,4}[-_]?\.", r"\1www.", url)
    # 'wiww.', 'vvww.': a 'w' read as 'vv', 'iw' or 'v' in a prefix of w-like letters.
    url = re.sub(r"(?i)^(https?://)?(?=[wvi]*w[wvi]*w)[wvi]{3,5}\.", r"\1www.", url)
    url = url.rstrip(".,;:)")
    return re.sub(r"^((?:https?://)?[^/]+)", lambda m: m.group(1).lower(), url)  # bLuefin


# ---------------------------------------------------------------- phones

_PHONE_LABEL = re.compile(
    r"(?i)\b(tel(?:ephone)?|phone|ph|mob(?:ile)?|cell|office|direct|dir|work|fax|main|[tmpfcwo])\b\s*[:.]?"
)
_PHONE_SPAN = re.compile(r"(?<![A-Za-z])[+(]?[\dOoIl|SB][\dOoIl|SB()\-./\s]{5,}[\dOoIl|SB]")
_CONFUSABLE = str.maketrans("OoIl|SB", "0011158")


@dataclass(frozen=True)
class _Phone:
    e164: str
    kind: str  # mobile, fax, other
    repaired: bool


def find_phones(text: str, region: str) -> tuple[list[_Phone], str]:
    """Phone numbers in one line (valid for their region only), and the line without them."""
    import phonenumbers

    if sum(ch.isdigit() for ch in text) < 6:
        return [], text
    found: list[_Phone] = []
    rest = text
    labels = [(m.start(), m.group(1).lower()) for m in _PHONE_LABEL.finditer(text)]
    # A '+' misread as 't' or '4' before a country code, glued to a label: 't44 20 …'.
    work = re.sub(r"(?<![A-Za-z])[tT](?=\d{1,3}[\s(])", "+", text)
    for match in _PHONE_SPAN.finditer(work):
        span = match.group(0).strip()
        digits_before = sum(ch.isdigit() for ch in span)
        if digits_before < 6:
            continue
        candidate = span.translate(_CONFUSABLE)
        repaired = candidate != span
        number = _parse_phone(candidate, region)
        if number is None and not candidate.startswith("+"):
            number = _parse_phone("+" + candidate.lstrip("(0 "), region)
            repaired = number is not None or repaired
        if number is None:
            # Two numbers on one line with nothing but spaces between them.
            for sub in phonenumbers.PhoneNumberMatcher(candidate, region):
                e164 = phonenumbers.format_number(sub.number, phonenumbers.PhoneNumberFormat.E164)
                found.append(_Phone(str(e164), _kind(labels, match.start()), repaired))
            continue
        kind = _kind(labels, match.start())
        if number.startswith("+") and kind == "other" and _is_mobile(number):
            kind = "mobile"
        found.append(_Phone(number, kind, repaired))
        rest = rest.replace(match.group(0), " ")
    return found, rest


def _parse_phone(text: str, region: str) -> str | None:
    """The E.164 form of a valid number, or None: the same rule as for typed phones."""
    try:
        return normalize_phone(text, region)
    except BadInput:
        return None


def _is_mobile(e164: str) -> bool:
    import phonenumbers

    try:
        kind = phonenumbers.number_type(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:  # pragma: no cover - e164 always parses
        return False
    return bool(kind == phonenumbers.PhoneNumberType.MOBILE)


def _kind(labels: list[tuple[int, str]], at: int) -> str:
    before = [label for pos, label in labels if pos <= at]
    if not before:
        return "other"
    label = before[-1]
    if label in ("fax", "f"):
        return "fax"
    if label in ("mob", "mobile", "cell", "m", "c"):
        return "mobile"
    return "other"


# ---------------------------------------------------------------- lexicons

_COMPANY_SUFFIXES = {
    "inc", "inc.", "incorporated", "ltd", "ltd.", "limited", "llc", "l.l.c.", "llp", "lp",
    "plc", "gmbh", "ag", "kg", "ug", "se", "sa", "s.a.", "sas", "sarl", "srl", "s.r.l.",
    "spa", "s.p.a.", "bv", "b.v.", "nv", "n.v.", "ab", "as", "a/s", "oy", "oyj", "aps",
    "pty", "pty.", "pte", "co", "co.", "corp", "corp.", "corporation", "company", "kk",
    "group", "holdings", "partners", "associates", "labs", "lab", "studio", "studios",
    "consulting", "consultancy", "solutions", "technologies", "technology", "systems",
    "software", "ventures", "capital", "industries", "enterprises", "agency", "media",
    "foundation", "institute", "university", "college", "bank", "trust", "networks",
    "analytics", "logistics", "pharmaceuticals", "therapeutics", "bio", "health",
    "healthcare", "insurance", "realty", "properties", "motors", "airlines", "energy",
    "design", "collective", "works", "traders", "trading", "international", "global",
}  # fmt: skip
_STRONG_SUFFIXES = {
    "inc", "inc.", "incorporated", "ltd", "ltd.", "limited", "llc", "l.l.c.", "llp", "plc",
    "gmbh", "ag", "sa", "s.a.", "sas", "sarl", "srl", "s.r.l.", "spa", "s.p.a.", "bv", "b.v.",
    "nv", "oy", "pty", "pty.", "corp", "corp.", "corporation", "kk", "aps", "a/s",
}  # fmt: skip
_NAME_PARTICLES = {  # lower-case words inside a family name: Daan van den Berg
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du",
    "la", "le", "ter", "ten", "y", "bin", "binti", "al", "el", "zu",
}  # fmt: skip
_HONORIFICS = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "mx", "sir"}
_NAME_SUFFIXES = {
    "phd", "ph.d.", "ph.d", "mba", "md", "m.d.", "jr", "jr.", "sr", "sr.", "ii", "iii", "iv",
    "cpa", "pe", "esq", "esq.", "msc", "bsc", "ma", "ba", "frcs", "pmp", "cfa", "rn",
}  # fmt: skip
_STREET_WORDS = {
    "street", "st", "st.", "road", "rd", "rd.", "avenue", "ave", "ave.", "boulevard", "blvd",
    "blvd.", "lane", "ln", "drive", "dr", "way", "court", "ct", "place", "pl", "square", "sq",
    "suite", "ste", "floor", "fl", "building", "bldg", "unit", "parkway", "pkwy", "highway",
    "hwy", "terrace", "crescent", "close", "strasse", "straße", "str.", "rue", "via", "calle",
    "plaza", "house", "park", "p.o.", "po", "box", "street,", "road,", "row", "wharf",
    "gardens", "mews", "hill", "quay", "circle", "gate", "walk",
}  # fmt: skip
_US_STATE = re.compile(
    r"\b(A[LKZR]|C[AOT]|DE|DC|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|"
    r"S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b"
)
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_EU_POSTCODE = re.compile(r"\b\d{4,5}\s+[A-Z][a-zà-ÿ]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,|/·•]+", text) if w]


def _title_score(text: str) -> float:
    """0-1: how much this line looks like a job title: a role word (in any of the
    lexicon's languages) among words titles are built with."""
    words = [w.strip(".,;:()&").lower() for w in _words(text)]
    words = [w for w in words if w]
    if not words or len(words) > 9 or any(ch.isdigit() or ch == "@" for ch in text):
        return 0.0
    core = sum(1 for w in words if is_role(w))
    known = sum(1 for w in words if is_title_word(w))
    if core == 0 and not any(w in ("sales", "marketing", "senior") for w in words):
        return 0.0
    return min(1.0, 0.45 + 0.3 * min(core, 2) + 0.5 * known / len(words) - 0.2)


def _company_suffix(text: str) -> str | None:
    """The suffix that makes this line a company name, if any."""
    words = [w.strip(",()").lower() for w in _words(text)]
    if not words or len(words) > 7:
        return None
    for word in words[1:] if len(words) > 1 else words:
        if word in _STRONG_SUFFIXES:
            return word
    if len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        return words[-1]
    return None


def _is_address(text: str) -> bool:
    words = [w.lower().strip(",") for w in _words(text)]
    has_digit = any(ch.isdigit() for ch in text)
    if _US_STATE.search(text) or _UK_POSTCODE.search(text.upper()):
        return True
    if has_digit and any(w in _STREET_WORDS for w in words):
        return True
    return bool(has_digit and _EU_POSTCODE.search(text))


# ---------------------------------------------------------------- the card

_JUNK_EDGES = re.compile(r"^[^\w+(]+|[^\w).]+$")
_ICON_WORD = re.compile(r"^(?:[^\w\s]{1,3}|[a-zA-Z][^\w\s]|[A-Za-z]\W?)$")


def _clean_line(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\|(?=[a-z0-9._\-]+@)", "l", text)  # '|schmidt@…' is 'lschmidt@…'
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("|", " | ")
    text = " ".join(text.split())
    return _JUNK_EDGES.sub("", text).strip()


def extract(lines: Sequence[Line], region: str = "US") -> CardFields:
    """The fields a card's lines hold, with a confidence each."""
    card = CardFields()
    lines = _split_at_bars(lines)
    if not lines:
        return card
    max_height = max(ln.height for ln in lines) or 1.0
    email_conf, phone_rests, contact = _mail_and_web(card, lines)
    hosts = [a.rsplit("@", 1)[1] for a in email_conf]
    hosts = [h for h in hosts if domain_stem(h) not in _FREE_MAIL] + _site(card)
    rests = _phones(card, lines, phone_rests, contact, card_region(hosts, phone_rests, region))
    for i, ln in enumerate(lines):  # what is left of a contact line may be a name or a title
        if ln.used and rests[i]:
            ln.text, ln.used = rests[i], False
    stems = _company_stems([a.rsplit("@", 1)[1] for a in email_conf] + _site(card))
    locals_ = [a.split("@")[0].lower() for a in email_conf]
    _find_address(card, lines)
    _find_company(card, lines, stems, max_height)
    _find_name(card, lines, locals_, max_height)
    _find_title(card, lines)
    _fall_back_on_mail(card, locals_, stems)
    _add_emails(card, email_conf)
    for key in list(card.confidence):
        card.confidence[key] = max(0.0, min(1.0, card.confidence[key]))
    return card


def _split_at_bars(lines: Sequence[Line]) -> list[Line]:
    """Cleaned lines, where the parts a bar separates ("Head of Sales | Acme Ltd") are lines
    of their own."""
    return [
        Line(_clean_line(part), ln.height, ln.top, ln.left + i, ln.conf, width=ln.width)
        for ln in lines
        for i, part in enumerate(re.split(r"\s[|•·]\s", _clean_line(ln.text)))
        if _clean_line(part)
    ]


def _site(card: CardFields) -> list[str]:
    """The host of the card's website, when it has one."""
    return [url_key(card.website).split("/")[0]] if card.website else []


def _company_stems(domains: list[str]) -> list[str]:
    """What the card's own domains say the company is called ("acme" for sales.acme.co.uk)."""
    stems = [domain_stem(d) for d in domains if d.split(".")[0] not in _FREE_MAIL]
    return [_fold(s) for s in stems if len(s) >= 2 and s not in _FREE_MAIL]


def _fall_back_on_mail(card: CardFields, locals_: list[str], stems: list[str]) -> None:
    """A name from the first address ("jane.doe@") and a company from its domain, when the
    lines gave none: a weak guess, so a low confidence."""
    if not card.name and locals_:
        guess = _name_from_local(locals_[0])
        if guess:
            card.name, card.confidence["name"] = guess, 0.35
    if card.company is None and stems:
        card.company = stems[0].capitalize()
        card.confidence["company"] = 0.35


def _add_emails(card: CardFields, email_conf: dict[str, float]) -> None:
    """The addresses, mended by the website's spelling and the name (a stray letter OCR
    read before them), each once; a mended one is trusted a little less."""
    site = _site(card)
    for address, conf in email_conf.items():
        fixed, stray = _strip_stray_letter(
            _like_website(address, site[0] if site else None), card.name
        )
        if fixed not in card.emails:
            card.emails.append(fixed)
            card.confidence.setdefault("emails", conf * (0.9 if stray else 1.0))


def _mail_and_web(
    card: CardFields, lines: list[Line]
) -> tuple[dict[str, float], list[str], list[bool]]:
    """The card's e-mails (with a confidence each), website and LinkedIn; each line
    without them, and whether it held any."""
    email_conf: dict[str, float] = {}
    phone_rests: list[str] = []
    contact: list[bool] = []
    for ln in lines:
        emails, repaired, rest = find_emails(ln.text)
        for address in emails:
            if address not in email_conf:
                email_conf[address] = ln.conf * (0.85 if repaired else 1.0)
        website, linkedin, rest = find_urls(rest)
        if website and not card.website:
            card.website = website
            card.confidence["website"] = ln.conf * (
                1.0 if re.match(r"(?i)(https?://|www\.)", website) else 0.8
            )
        if linkedin and not card.linkedin:
            card.linkedin = linkedin
            card.confidence["linkedin"] = ln.conf
        phone_rests.append(rest)
        contact.append(bool(emails or website or linkedin))
    return email_conf, phone_rests, contact


def _phones(
    card: CardFields, lines: list[Line], phone_rests: list[str], contact: list[bool], region: str
) -> list[str]:
    """The card's phones, for the card's region, mobile first and no fax; each line's text
    left over once its contact details are out (a name or title may share the line)."""
    phones: list[tuple[_Phone, float]] = []
    rests: list[str] = []
    for i, ln in enumerate(lines):
        found, rest = find_phones(phone_rests[i], region)
        phones += [(p, ln.conf * (0.85 if p.repaired else 1.0)) for p in found]
        leftover = _clean_line(
            re.sub(r"(?i)\b(e-?mail|web|www|tel|fax|mob|phone)\b\s*:?", "", rest)
        )
        if contact[i] or found:
            ln.used = True
            if sum(ch.isalpha() for ch in leftover) < 4:
                leftover = ""
        rests.append(leftover)
    if not phones:
        phones = _split_phones(lines, phone_rests, rests, region)
    ordered = sorted(
        (p for p in phones if p[0].kind != "fax"),
        key=lambda item: {"mobile": 0, "other": 1}.get(item[0].kind, 2),
    )
    for phone, conf in ordered:
        if phone.e164 not in card.phones:
            card.phones.append(phone.e164)
            card.confidence.setdefault("phones", conf)
    return rests


def _split_phones(
    lines: list[Line], phone_rests: list[str], rests: list[str], region: str
) -> list[tuple[_Phone, float]]:
    """A number OCR broke in two ('+44 20' and '7946 0958'): digit groups on neighbouring
    lines — the same row, or the one below — joined and validated as one number."""
    found: list[tuple[_Phone, float]] = []
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        first, second = phone_rests[i], phone_rests[i + 1]
        if sum(ch.isdigit() for ch in first) < 2 or sum(ch.isdigit() for ch in second) < 2:
            continue
        size = max(a.height, b.height, 1.0)
        if b.top - a.top > 2.5 * size:
            continue
        if abs(b.top - a.top) < 0.5 * size and b.left < a.left:
            first, second = second, first
        phones, _ = find_phones(f"{first} {second}", region)
        if phones:
            conf = 0.85 * min(a.conf, b.conf)
            found += [(p, conf) for p in phones]
            a.used = b.used = True
            rests[i] = rests[i + 1] = ""
            break
    return found


def _like_website(address: str, site: str | None) -> str:
    """'ealvarez@griverstone.com' on the card of riverstone.com: an e-mail domain that is the
    card's web address with one more letter — a speck or the '@' read as a letter before it,
    or a letter read twice ('blluefin.io') — is that address with a slip in it."""
    local, _, domain = address.partition("@")
    if not site or len(domain) != len(site) + 1 or domain.split(".")[0] in _FREE_MAIL:
        return address
    doubled = any(
        domain[i] == domain[i - 1] and domain[:i] + domain[i + 1 :] == site
        for i in range(1, len(domain))
    )
    if domain[1:] == site or doubled:
        return f"{local}@{site}"
    return address


def _find_address(card: CardFields, lines: list[Line]) -> None:
    parts: list[str] = []
    confs: list[float] = []
    for i, ln in enumerate(lines):
        if ln.used or not _is_address(ln.text):
            continue
        if parts and i > 0 and not lines[i - 1].used:
            pass
        ln.used = True
        parts.append(ln.text)
        confs.append(ln.conf)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        # "2 Kingdom Street" then "Paddington, London, W2 6BD": the city line follows.
        if (
            nxt is not None
            and not nxt.used
            and abs(nxt.height - ln.height) <= 0.25 * ln.height
            and (_is_address(nxt.text) or re.search(r"\d", nxt.text) or "," in nxt.text)
            and not _title_score(nxt.text)
        ):
            nxt.used = True
            parts.append(nxt.text)
            confs.append(nxt.conf)
        if len(parts) >= 2:
            break
    if parts:
        card.address = ", ".join(parts)
        card.confidence["address"] = 0.8 * sum(confs) / len(confs)


def _name_like(text: str) -> float:
    """0-1: how much this line looks like a person's name."""
    words = [w for w in text.split() if w.lower() not in _HONORIFICS]
    while words and words[-1].lower().strip(",") in _NAME_SUFFIXES:
        words.pop()
    if not 2 <= len(words) <= 4:
        return 0.0
    if any(ch.isdigit() or ch in "@/&:" for ch in text):
        return 0.0
    score = 1.0
    for word in words:
        core = word.strip(",.")
        if not core:
            return 0.0
        if not re.fullmatch(r"[^\W\d_]+(?:['\-.][^\W\d_]*)*\.?", core):
            return 0.0
        if not core[0].isupper() and core.lower() not in _NAME_PARTICLES:
            score -= 0.4
        if is_title_word(core) or core.lower() in _COMPANY_SUFFIXES:
            score -= 0.5
    if _title_score(text) > 0:
        score -= 0.5
    if "," in text and text.rsplit(",", 1)[1].strip().lower() not in _NAME_SUFFIXES:
        score -= 0.5  # "Paddington, London": a place
    if text.split()[0].lower() in _HONORIFICS:
        score += 0.2
    return max(0.0, min(1.0, score))


def _clean_name(text: str) -> str:
    """The name without honorifics and degrees, in its usual case. A name word opening
    with a lower-case 'l' before a consonant ('lvanova') is OCR's 'I': names are
    capitalised, and none starts "lv" or "lr" ("ll" and "ly" may be Lloyd or Lyon)."""
    words = [w.strip(",") for w in text.split()]
    words = ["I" + w[1:] if re.fullmatch(r"l[b-df-hj-kmnp-tv-xz][a-z]+", w) else w for w in words]
    while words and words[0].lower() in _HONORIFICS:
        words.pop(0)
    while words and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    name = " ".join(words)
    if name.isupper() and len(name) > 3:
        name = " ".join(w.capitalize() if len(w) > 2 else w for w in name.split())
    return name


def _matches_local(name: str, locals_: list[str]) -> bool:
    parts = [_fold(p) for p in name.split() if len(_fold(p)) >= 2]
    for local in locals_:
        flat = _fold(local)
        if any(p in flat for p in parts if len(p) >= 3):
            return True
        if len(parts) >= 2 and flat.startswith(parts[0][0]) and parts[-1] in flat:
            return True
    return False


def _find_name(card: CardFields, lines: list[Line], locals_: list[str], max_height: float) -> None:
    best: tuple[float, Line] | None = None
    for i, ln in enumerate(lines):
        if ln.used:
            continue
        looks = _name_like(ln.text)
        if looks <= 0:
            continue
        name = _clean_name(ln.text)
        score = 0.45 * looks + 0.35 * (ln.height / max_height) + 0.1 * ln.conf
        score += 0.05 * (1 - i / max(len(lines), 1))
        if locals_ and _matches_local(name, locals_):
            score += 0.5
        if card.company and _fold(name) == _fold(card.company):
            score -= 1.0
        if best is None or score > best[0]:
            best = (score, ln)
    if best is None:
        return
    score, ln = best
    ln.used = True
    card.name = _clean_name(ln.text)
    card.confidence["name"] = min(1.0, score) * ln.conf if score < 1 else ln.conf


def _find_title(card: CardFields, lines: list[Line]) -> None:
    best: tuple[float, int] | None = None
    name_at = next((i for i, ln in enumerate(lines) if card.name and card.name in ln.text), None)
    for i, ln in enumerate(lines):
        if ln.used:
            continue
        score = _title_score(ln.text)
        if score <= 0:
            continue
        if name_at is not None and 0 < i - name_at <= 2:
            score += 0.15
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        return
    score, i = best
    ln = lines[i]
    ln.used = True
    title = _company_split_off(card, _joined_title(lines, i), ln.conf)
    card.title = title.strip(" ,|-")
    card.confidence["title"] = min(1.0, score) * ln.conf


_TITLE_JOINERS = {
    "of", "and", "&", "for", "de", "des", "du", "et", "y", "e", "und", "für", "di", "del",
    "della", "en", "og", "och", "ve", "i", "a", "ds.", "do", "da",
}  # fmt: skip


def _company_split_off(card: CardFields, title: str, conf: float) -> str:
    """The title without the company riding along ("Head of Sales | Acme Ltd", "CTO at
    Acme", "CTO, Acme Ltd"); a company the card lacks is taken from it when it says Ltd."""
    for sep in (" | ", " at ", " @ ", " - ", " — ", ", "):
        head, found, tail = title.partition(sep)
        if not found or _title_score(head) <= 0:
            continue
        is_company = _fold(tail) == _fold(card.company or "") or (
            not card.company and _company_suffix(tail) is not None
        )
        if (sep in (" | ", " at ", " @ ") and (not card.company or is_company)) or is_company:
            if not card.company and _company_suffix(tail):
                card.company = tail.strip()
                card.confidence["company"] = 0.7 * conf
            return head
    return title


def _joined_title(lines: list[Line], i: int) -> str:
    """The title line with the lines it wrapped from or onto: a free line of the same size
    just above or below, in the same column, that continues it — the first ends on 'of',
    'und', a comma…, the second opens in lower case, or the added one is made of title
    words alone."""
    ln = lines[i]
    parts = [ln.text]
    below, above = _neighbour(lines, ln, 1), _neighbour(lines, ln, -1)
    if below is not None and _continues(ln, below, below):
        below.used = True
        parts.append(below.text)
    if above is not None and _continues(above, ln, above):
        above.used = True
        parts.insert(0, above.text)
    return " ".join(parts)


def _neighbour(lines: list[Line], ln: Line, direction: int) -> Line | None:
    """The nearest line just below (1) or above (-1) in the same column (left edges or
    centres aligned: left-set and centred cards both)."""
    size = max(ln.height, 1.0)
    found: tuple[float, Line] | None = None
    for other in lines:
        gap = direction * (other.top - ln.top)
        if other is ln or not 0 < gap <= 2.2 * size:
            continue
        centres = abs(2 * other.left + other.width - 2 * ln.left - ln.width) / 2
        if abs(other.left - ln.left) > 2 * size and (not ln.width or centres > 2 * size):
            continue
        if found is None or gap < found[0]:
            found = (gap, other)
    return found[1] if found else None


def _continues(first: Line, second: Line, added: Line) -> bool:
    if added.used or any(ch.isdigit() or ch == "@" for ch in added.text):
        return False
    if abs(second.height - first.height) > 0.3 * max(first.height, 1.0):
        return False
    words = [w.strip(".,") for w in _words(added.text)]
    return (
        first.text.endswith((",", "&", "-"))
        or first.text.split()[-1].lower() in _TITLE_JOINERS
        or second.text[:1].islower()
        or (bool(words) and all(is_title_word(w) for w in words if w))
    )


def _find_company(card: CardFields, lines: list[Line], stems: list[str], max_height: float) -> None:
    scored = [(_company_score(ln, stems, max_height), ln) for ln in lines]
    candidates = [(score, ln) for score, ln in scored if score > 0.3]
    if not candidates:
        return
    score, ln = max(candidates, key=lambda candidate: candidate[0])  # the first of equals
    ln.used = True
    card.company = ln.text.strip(" ,|")
    card.confidence["company"] = min(1.0, score) * ln.conf


def _company_score(ln: Line, stems: list[str], max_height: float) -> float:
    """How much a line reads as the company's name: its suffix ("Ltd"), its likeness to the
    card's own domains, or the largest letters on the card; 0 when it cannot be one."""
    text = ln.text
    folded = _fold(text)
    if ln.used or not any(ch.isalpha() for ch in text):
        return 0.0
    if re.fullmatch(r"[A-Z&.\s]{1,5}", text) and folded not in stems:
        return 0.0  # a logo's initials ("TC"), not the company's printed name
    suffix = _company_suffix(text)
    score = (0.75 if suffix in _STRONG_SUFFIXES else 0.55) if suffix else 0.0
    score = max(score, _domain_likeness(text, folded, stems))
    if not score and _looks_like_logo(ln, max_height):
        score = 0.4
    if score and _title_score(text) > 0.6 and not suffix:
        score -= 0.4
    if len(text.split()) > 6:
        score -= 0.3
    return score + 0.1 * ln.height / max_height


def _domain_likeness(text: str, folded: str, stems: list[str]) -> float:
    """How well a line matches a stem of the card's domains: the same name .95, its start
    .8, its initials .7, else 0."""
    first = _fold(text.split()[0]) if text.split() else ""
    score = 0.0
    for stem in stems:
        if folded and (folded == stem or (len(stem) >= 4 and stem in folded)):
            score = max(score, 0.95)
        elif (
            len(folded) >= 3
            and (stem.startswith(folded) or (len(first) >= 4 and stem.startswith(first)))
            and _name_like(text) < 1
        ):
            score = max(score, 0.8)
        elif _initials(text) == stem and len(stem) >= 2:
            score = max(score, 0.7)
    return score


def _looks_like_logo(ln: Line, max_height: float) -> bool:
    """'Contoso' in the largest letters on the card, with no suffix and no e-mail to confirm
    it: a short, confidently read line of words among the card's largest that is no
    person's name and no job title is the company's logo type."""
    words = ln.text.split()
    return (
        1 <= len(words) <= 3
        and ln.height >= 0.8 * max_height
        and ln.conf >= 0.6
        and all(re.fullmatch(r"[^\W\d_]{2,}(?:[&.'\-][^\W\d_]*)*", w) for w in words)
        and _name_like(ln.text) == 0
        and _title_score(ln.text) == 0
    )


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.split() if w and w[0].isalpha()).casefold()


def _name_from_local(local: str) -> str | None:
    parts = [p for p in re.split(r"[._\-]", local) if p.isalpha() and len(p) > 1]
    if len(parts) < 2:
        return None
    return " ".join(p.capitalize() for p in parts[:3])
