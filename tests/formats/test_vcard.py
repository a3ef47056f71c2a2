"""The vCard reader and writer: every quirk real exports have, fuzzing, round trips.

The quirk table uses small byte strings written here; the last tests run over the shared
folder of real-world files (read in place, never copied into the repository).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import need
from followthru.errors import BadInput
from followthru.formats.records import ContactRecord, Photo, ReadResult
from followthru.formats.vcard import read_vcards, write_vcards

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "vcard"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(40))
JPEG_B64 = base64.b64encode(JPEG)


def card(*lines: str | bytes, eol: bytes = b"\r\n") -> bytes:
    """BEGIN/END around content lines (str lines are UTF-8)."""
    body = [line.encode() if isinstance(line, str) else line for line in lines]
    return eol.join([b"BEGIN:VCARD", *body, b"END:VCARD"]) + eol


def one(data: bytes) -> ContactRecord:
    result = read_vcards(data, source="test.vcf")
    assert result.format == "vcard"
    assert len(result.records) == 1, result
    return result.records[0]


# ----------------------------------------------------------------------------------------
# the quirk table: (id, bytes, {field: expected})
# ----------------------------------------------------------------------------------------

QUIRKS: list[tuple[str, bytes, dict[str, Any]]] = [
    ("crlf", card("VERSION:3.0", "FN:Ann Lee"), {"name": "Ann Lee"}),
    ("lf", card("VERSION:3.0", "FN:Ann Lee", eol=b"\n"), {"name": "Ann Lee"}),
    ("cr only", card("VERSION:3.0", "FN:Ann Lee", eol=b"\r"), {"name": "Ann Lee"}),
    ("cr cr lf", card("VERSION:3.0", "FN:Ann", " Lee", eol=b"\r\r\n"), {"name": "AnnLee"}),
    ("utf-8 bom", b"\xef\xbb\xbf" + card("VERSION:3.0", "FN:Zoë"), {"name": "Zoë"}),
    (
        "utf-16 le bom",
        "\ufeff".encode("utf-16-le") + card("VERSION:3.0", "FN:Zoë").decode().encode("utf-16-le"),
        {"name": "Zoë"},
    ),
    (
        "utf-16 be bom",
        "\ufeff".encode("utf-16-be") + card("VERSION:3.0", "FN:Zoë").decode().encode("utf-16-be"),
        {"name": "Zoë"},
    ),
    (
        "utf-16 le without bom",
        card("VERSION:3.0", "FN:Zoë").decode().encode("utf-16-le"),
        {"name": "Zoë"},
    ),
    ("lower-case begin", b"begin:vCard\r\nVERSION:3.0\r\nfn:Ann\r\nEnd:VCARD\r\n", {"name": "Ann"}),
    (
        "fold with space and tab",
        card("VERSION:3.0", "FN:A", "NOTE:one two th", " ree fo", "\tur"),
        {"notes": ["one two three four"]},
    ),
    (
        "fold inside parameters",
        card("VERSION:4.0", "FN:A", 'ADR;TYPE=home;LABEL="x\\ny"', " :;;Main St 1;Town;;123;DE"),
        {"addresses": ["Main St 1, Town, 123, DE"]},
    ),
    (
        "2.1 quoted-printable soft breaks, continuation keeps its space",
        card(
            "VERSION:2.1",
            "FN:A",
            "NOTE;ENCODING=QUOTED-PRINTABLE:Now's the time =",
            "for all folk to come=",
            " to the aid=0D=0Aof them.",
        ),
        {"notes": ["Now's the time for all folk to come to the aid\nof them."]},
    ),
    (
        "2.1 quoted-printable utf-8 split across a soft break",
        card("VERSION:2.1", "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=", "=91and=C3=BA"),
        {"name": "Ñandú"},
    ),
    (
        "2.1 bare QUOTED-PRINTABLE parameter",
        card("VERSION:2.1", "FN;CHARSET=UTF-8;QUOTED-PRINTABLE:Ren=C3=A9"),
        {"name": "René"},
    ),
    (
        "2.1 quoted-printable line broken without '='",
        card("VERSION:2.1", "FN:A", "NOTE;ENCODING=QUOTED-PRINTABLE:line one", "line two"),
        {"notes": ["line one\nline two"]},
    ),
    (
        "2.1 illegal folding: next line starts with spaces",
        card("VERSION:2.1", "N:;Omega;;;", 'EMAIL;INTERNET:"Omega"', "  <omega@example.com>"),
        {"emails": ["omega@example.com"], "given": "Omega"},
    ),
    (
        "2.1 base64 body on indented lines ending with a blank line",
        card(
            "VERSION:2.1",
            "FN:A",
            "PHOTO;ENCODING=BASE64;JPEG:",
            b"    " + JPEG_B64[:20],
            b"    " + JPEG_B64[20:],
            "",
            "TITLE:Boss",
        ),
        {"photo": Photo("image/jpeg", JPEG), "title": "Boss"},
    ),
    (
        "2.1 base64 continuation without indentation",
        card("VERSION:2.1", "FN:A", b"PHOTO;ENCODING=BASE64:" + JPEG_B64[:20], JPEG_B64[20:]),
        {"photo": Photo("image/jpeg", JPEG)},
    ),
    (
        "2.1 lines ending in a backslash continue",
        card("VERSION:2.1", "N:x", "ADR;HOME:;;Hermann\\", "9999\\", "Packstation 9;Hamburg;;1;DE"),
        {"addresses": ["Hermann, 9999, Packstation 9, Hamburg, 1, DE"]},
    ),
    (
        "charset shift_jis raw bytes",
        card("VERSION:2.1", b"FN;CHARSET=SHIFT_JIS:" + "安藤 ロイド".encode("shift_jis")),
        {"name": "安藤 ロイド"},
    ),
    (
        "shift_jis 0x5C trail byte is not an escape",
        card("VERSION:3.0", b"N;CHARSET=SHIFT_JIS:" + "能;表".encode("shift_jis") + b";;;"),
        {"family": "能", "given": "表"},
    ),
    (
        "charset shift_jis with quoted-printable",
        card(
            "VERSION:2.1", "FN:A", "NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=81=83=82"
        ),
        {"notes": ["メモ"]},
    ),
    (
        "charset iso-8859-1 really latin-1",
        card("VERSION:2.1", "FN;CHARSET=ISO-8859-1:M" + "\xfc" + "ller"),
        {"name": "M?ller"},  # placeholder, replaced below
    ),
    (
        "charset iso-8859-1 declared on utf-8",
        card("VERSION:2.1", "FN;CHARSET=ISO-8859-1:Müller"),
        {"name": "Müller"},
    ),
    ("charset us-ascii", card("VERSION:2.1", "FN;CHARSET=us-ascii:Ann"), {"name": "Ann"}),
    ("unknown charset", card("VERSION:2.1", "FN;CHARSET=x-nonsense:Ann"), {"name": "Ann"}),
    (
        "no charset, windows-1252 bytes",
        card("VERSION:2.1", b"FN:Jos\xe9 \x93Pepe\x94"),
        {"name": "José “Pepe”"},
    ),
    (
        "2.1 bare type params",
        card("VERSION:2.1", "FN:A", "TEL;CELL;PREF:+1 555 0100", "EMAIL;PREF;INTERNET:a@x.org"),
        {"phones": ["+1 555 0100"], "emails": ["a@x.org"]},
    ),
    (
        "3.0/4.0 parameters: quoted list, PREF=1, lower case",
        card("VERSION:4.0", "FN:A", 'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-418-656-9254'),
        {"phones": ["+1-418-656-9254"]},
    ),
    (
        "tel: uri with ;ext=",
        card("VERSION:4.0", "FN:A", "TEL;VALUE=uri:tel:+1-418-656-9254;ext=102"),
        {"phones": ["+1-418-656-9254 ext. 102"]},
    ),
    (
        "VALUE=uri with a bare number",
        card("VERSION:3.0", "FN:A", "TEL;TYPE=cell;VALUE=URI:67545678"),
        {"phones": ["67545678"]},
    ),
    (
        "pause and wait characters stay",
        card("VERSION:3.0", "FN:A", "TEL:p1234p5678w9"),
        {"phones": ["p1234p5678w9"]},
    ),
    ("empty TEL dropped", card("VERSION:3.0", "FN:A", 'TEL;TYPE="HOME,VOICE":'), {"phones": []}),
    (
        "quoted parameter containing ':' and ','",
        card("VERSION:3.0", "FN:A", 'item8.IMPP;X-SERVICE-TYPE="Mike\u2019s, IM:":x-apple:m@x.org'),
        {"extra": ['IMPP;X-SERVICE-TYPE="Mike\u2019s, IM:":x-apple:m@x.org']},
    ),
    (
        "groups: mapped property plus its label",
        card("VERSION:3.0", "FN:A", "item1.EMAIL;TYPE=INTERNET:a@x.org", "item1.X-ABLabel:Work"),
        {"emails": ["a@x.org"], "extra": ["X-ABLABEL:Work"]},
    ),
    (
        "group kept while it ties extra lines together",
        card("VERSION:3.0", "FN:A", "item1.X-ABDATE:1975-03-01", "item1.X-ABLabel:Anniversary"),
        {"extra": ["item1.X-ABDATE:1975-03-01", "item1.X-ABLABEL:Anniversary"]},
    ),
    (
        "group of one is dropped",
        card("VERSION:3.0", "FN:A", "item2.X-ABFOOBAR:thing"),
        {"extra": ["X-ABFOOBAR:thing"]},
    ),
    (
        "3.0 escaping",
        card("VERSION:3.0", "FN:A\\, B", "NOTE:a\\\\b\\;c\\,d\\ne\\Nf", "TITLE:x\\:y"),
        {"name": "A, B", "notes": ["a\\b;c,d\ne\nf"], "title": "x:y"},
    ),
    (
        "gmail's stray escape before a quote",
        card("VERSION:3.0", "FN:A", 'NOTE:\\"AS IS\\" C:\\Users'),
        {"notes": ['"AS IS" C:\\Users']},
    ),
    (
        "2.1 literal backslashes",
        card("VERSION:2.1", "N:;A\\;B\\\\;C\\\\\\;;D;\\:E;\\\\\\\\;", "FN:A;B\\C\\;D:E\\\\"),
        {"family": None, "given": "A;B\\", "name": "A;B\\C\\;D:E\\\\"},
    ),
    (
        "N, FN, ORG with units",
        card("VERSION:3.0", "N:Doe;John;Richter\\, James;Mr.;Sr.", "FN:John Doe", "ORG:IBM;Acct"),
        {"family": "Doe", "given": "John", "name": "John Doe", "company": "IBM"},
    ),
    (
        "ORG 'Company, The' in 2.1",
        card("VERSION:2.1", "FN:A", "ORG:Company, The;TheDepartment"),
        {"company": "Company, The"},
    ),
    (
        "org only, no name",
        card("VERSION:3.0", "ORG:Lotus Development Corporation"),
        {"company": "Lotus Development Corporation", "name": None},
    ),
    ("TITLE", card("VERSION:3.0", "FN:A", "TITLE:Director\\, R&D"), {"title": "Director, R&D"}),
    (
        "several URLs and an escaped colon",
        card("VERSION:3.0", "FN:A", "URL;TYPE=WORK:http\\://www.ibm.com", "URL:www.b.com"),
        {"urls": ["http://www.ibm.com", "www.b.com"]},
    ),
    (
        "ADR with newline in street, empties skipped",
        card("VERSION:3.0", "FN:A", "ADR;TYPE=HOME:;;1 Main St\\nFlat 2;Town;;;"),
        {"addresses": ["1 Main St, Flat 2, Town"]},
    ),
    (
        "ADR all seven components",
        card("VERSION:3.0", "FN:A", "ADR:PO 1;Suite 2;3 Rd;Quebec;QC;G1V 2M2;Canada"),
        {"addresses": ["PO 1, Suite 2, 3 Rd, Quebec, QC, G1V 2M2, Canada"]},
    ),
    (
        "ADR all empty dropped",
        card("VERSION:3.0", "FN:A", "ADR;TYPE=HOME:;;;;;;"),
        {"addresses": []},
    ),
    ("BDAY basic", card("VERSION:2.1", "FN:A", "BDAY:19800322"), {"birthday": "1980-03-22"}),
    ("BDAY extended", card("VERSION:3.0", "FN:A", "BDAY:1980-03-22"), {"birthday": "1980-03-22"}),
    (
        "BDAY with time",
        card("VERSION:3.0", "FN:A", "BDAY:1996-04-15T201243+04:00"),
        {"birthday": "1996-04-15"},
    ),
    ("BDAY --MMDD", card("VERSION:4.0", "FN:A", "BDAY:--0203"), {"birthday": "--02-03"}),
    ("BDAY --MM-DD", card("VERSION:4.0", "FN:A", "BDAY:--02-03"), {"birthday": "--02-03"}),
    ("BDAY sentinel 1604", card("VERSION:3.0", "FN:A", "BDAY:16040101"), {"birthday": "--01-01"}),
    (
        "BDAY VALUE=text kept as extra",
        card("VERSION:4.0", "FN:A", "BDAY;VALUE=text:circa 1800"),
        {"birthday": None, "extra": ["BDAY;VALUE=text:circa 1800"]},
    ),
    (
        "BDAY impossible date kept as extra",
        card("VERSION:3.0", "FN:A", "BDAY:1980-02-31"),
        {"birthday": None, "extra": ["BDAY:1980-02-31"]},
    ),
    (
        "several NOTEs, empty one dropped",
        card("VERSION:3.0", "FN:A", "NOTE:one", "NOTE:", "NOTE:two"),
        {"notes": ["one", "two"]},
    ),
    (
        "CATEGORIES",
        card("VERSION:3.0", "FN:A", "CATEGORIES:a,b\\,c", "CATEGORIES:d,a"),
        {"tags": ["a", "b,c", "d"]},
    ),
    (
        "CATEGORIES with escaped separating commas (Thunderbird)",
        card("VERSION:3.0", "FN:A", "CATEGORIES;CHARSET=UTF-8:category1\\, category2\\, category3"),
        {"tags": ["category1", "category2", "category3"]},
    ),
    (
        "PHOTO 3.0 base64 with TYPE",
        card("VERSION:3.0", "FN:A", b"PHOTO;ENCODING=b;TYPE=PNG:" + JPEG_B64),
        {"photo": Photo("image/png", JPEG)},
    ),
    (
        "PHOTO base64 without parameters is sniffed",
        card("VERSION:3.0", "FN:A", b"PHOTO:" + JPEG_B64),
        {"photo": Photo("image/jpeg", JPEG)},
    ),
    (
        "PHOTO 4.0 data uri with escaped comma",
        card("VERSION:4.0", "FN:A", b"PHOTO:data:image/png;base64\\," + JPEG_B64),
        {"photo": Photo("image/png", JPEG)},
    ),
    (
        "PHOTO 3.0 encoding=b but a data uri",
        card("VERSION:3.0", "FN:A", b"PHOTO;ENCODING=b;TYPE=png:data:image/png;base64," + JPEG_B64),
        {"photo": Photo("image/png", JPEG)},
    ),
    (
        "PHOTO uri kept as extra",
        card("VERSION:3.0", "FN:A", "PHOTO;VALUE=URL;TYPE=JPEG:http://x.org/a.jpg"),
        {"photo": None, "extra": ["PHOTO;VALUE=URL;TYPE=JPEG:http://x.org/a.jpg"]},
    ),
    ("UID", card("VERSION:3.0", "FN:A", "UID:abc-123"), {"uid": "abc-123"}),
    (
        "everything else is extra; PRODID/VERSION/empty values are not",
        card(
            "VERSION:3.0",
            "PRODID:-//x//y",
            "FN:A",
            "X-SPOUSE:Jane",
            "IMPP;X-SERVICE-TYPE=Skype:skype:jane",
            "NICKNAME:Jo\\,Jay",
            "KEY;TYPE=work;VALUE=uri:http://x.org/k.asc",
            "ANNIVERSARY:20090808",
            "REV:20120305T131933Z",
            "X-EMPTY:",
        ),
        {
            "extra": [
                "X-SPOUSE:Jane",
                "IMPP;X-SERVICE-TYPE=Skype:skype:jane",
                "NICKNAME:Jo\\,Jay",
                "KEY;TYPE=work;VALUE=uri:http://x.org/k.asc",
                "ANNIVERSARY:20090808",
                "REV:20120305T131933Z",
            ]
        },
    ),
    (
        "2.1 quoted-printable LABEL becomes a normal 3.0 line",
        card("VERSION:2.1", "FN:A", "LABEL;WORK;ENCODING=QUOTED-PRINTABLE:1 Rd=0D=0ATown"),
        {"extra": ["LABEL;TYPE=WORK:1 Rd\\nTown"]},
    ),
    (
        "2.1 base64 KEY kept with ENCODING=b",
        card("VERSION:2.1", "FN:A", "KEY;X509;ENCODING=BASE64:", "    TUlJ", "    QQ=="),
        {"extra": ["KEY;TYPE=X509;ENCODING=b:TUlJQQ=="]},
    ),
    (
        "second N/FN/ORG/TITLE/BDAY are extra",
        card(
            "VERSION:4.0",
            "FN:A",
            "N;ALTID=1:one;x;;;",
            "N;ALTID=1:two;y;;;",
            "ORG:O1",
            "ORG:O2",
            "TITLE:T1",
            "TITLE:T2",
            "BDAY:20160801",
            "BDAY:20160802",
        ),
        {
            "family": "one",
            "company": "O1",
            "title": "T1",
            "birthday": "2016-08-01",
            "extra": ["N;ALTID=1:two;y;;;", "ORG:O2", "TITLE:T2", "BDAY:20160802"],
        },
    ),
    (
        "VERSION near the end still decides 2.1 rules",
        card("N:Gump;Forrest", "FN:A\\,B", "VERSION:2.1"),
        {"name": "A\\,B", "family": "Gump"},
    ),
    (
        "blank lines inside a card",
        card("VERSION:3.0", "", "FN:A", "", "EMAIL:a@x.org", ""),
        {"name": "A", "emails": ["a@x.org"]},
    ),
    (
        "an AGENT's embedded card belongs to its parent",
        card(
            "VERSION:2.1", "FN:Boss", "AGENT:", "BEGIN:VCARD", "FN:Helper", "END:VCARD", "TITLE:T"
        ),
        {"name": "Boss", "title": "T"},
    ),
    ("e-mail only", card("VERSION:2.1", "EMAIL;PREF:john@x.org"), {"emails": ["john@x.org"]}),
    ("mailto: e-mail", card("VERSION:4.0", "EMAIL:mailto:j@x.org"), {"emails": ["j@x.org"]}),
]
# Latin-1 bytes written literally (the str above would be UTF-8 encoded)
QUIRKS = [
    (
        (q[0], card("VERSION:2.1", b"FN;CHARSET=ISO-8859-1:M\xfcller"), {"name": "Müller"})
        if q[0] == "charset iso-8859-1 really latin-1"
        else q
    )
    for q in QUIRKS
]


@pytest.mark.parametrize(("data", "expected"), [q[1:] for q in QUIRKS], ids=[q[0] for q in QUIRKS])
def test_quirk(data: bytes, expected: dict[str, Any]) -> None:
    record = one(data)
    for name, value in expected.items():
        assert getattr(record, name) == value, name
    assert record.line == 1


def test_several_cards_and_line_numbers() -> None:
    data = b"\r\n\r\n" + card("VERSION:3.0", "FN:A") + b"junk between\r\n" + card("FN:B")
    result = read_vcards(data, source="x.vcf")
    assert [(r.line, r.name) for r in result.records] == [(3, "A"), (8, "B")]
    assert result.skipped == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (card("VERSION:3.0", "FN:Staff", "X-ADDRESSBOOKSERVER-KIND:group"), "a contact group"),
        (card("VERSION:4.0", "FN:Staff", "KIND:group"), "a contact group"),
        (card("VERSION:3.0", "N:;;;;", "FN:", "NOTE:hello"), "no name, e-mail or phone"),
        (card("VERSION:2.1", b"PHOTO;ENCODING=BASE64;JPEG:" + JPEG_B64), "no name, e-mail"),
    ],
    ids=["apple group", "kind group", "no identity", "photo only"],
)
def test_skipped_cards(data: bytes, reason: str) -> None:
    good = card("VERSION:3.0", "FN:Kept")
    result = read_vcards(good + data, source="x.vcf")
    assert [r.name for r in result.records] == ["Kept"]
    assert len(result.skipped) == 1
    assert result.skipped[0].line == 5  # after the 4-line good card
    assert result.skipped[0].reason.startswith(reason)


def test_truncated_card_is_skipped_and_reading_continues() -> None:
    data = b"BEGIN:VCARD\r\nFN:Cut\r\nE\r\n" + card("FN:Whole") + b"BEGIN:VCARD\r\nFN:End"
    result = read_vcards(data, source="x.vcf")
    assert [r.name for r in result.records] == ["Whole"]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (1, "truncated vCard: no END:VCARD"),
        (7, "truncated vCard: no END:VCARD"),
    ]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b" \r\n\t\r\n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"BEGIN:VCARD\r\nFN:A\x00B\r\nEND:VCARD\r\n", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Name,Email\r\nAnn,a@x.org\r\n", "not a vCard"),
        ("Ünïcödé junk ÿ".encode("cp1252") * 10, "not a vCard"),
        (b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:second contact\r\n", "truncated"),
        (b"BEGIN:VCARD\r\nFN:a\r\nBEGIN:VCARD\r\nFN:b\r\n", "truncated"),
    ],
    ids=[
        "empty",
        "whitespace",
        "bom only",
        "nul byte",
        "binary",
        "png",
        "csv",
        "junk",
        "only card truncated",
        "all truncated",
    ],
)
def test_fatal_input_raises_bad_input(data: bytes, words: str) -> None:
    with pytest.raises(BadInput) as caught:
        read_vcards(data, source="people.vcf")
    assert "people.vcf" in caught.value.message
    assert "line " in caught.value.message
    assert words in caught.value.message
    assert caught.value.hint
    assert caught.value.exit_code == 2


# ----------------------------------------------------------------------------------------
# the writer
# ----------------------------------------------------------------------------------------


def test_writer_basics() -> None:
    record = ContactRecord(
        line=1,
        name="Ann, the; Great\\",
        given="Ann",
        family="Lee",
        emails=["ann@x.org"],
        phones=["+1 555 0100"],
        company="Company, The",
        title="CEO",
        urls=["https://ann.example"],
        addresses=["1 Main St, Town"],
        birthday="--03-22",
        notes=["line 1\nline 2"],
        tags=["vip", "x;y"],
        photo=Photo("image/jpeg", JPEG),
        uid="u-1",
        extra=["X-SPOUSE:Jane"],
    )
    text = write_vcards([record], extra_props=[["X-FOLLOWTHRU-PILE:target"]])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\\, the\\; Great\\\\\r\n")
    assert "\r\nN:Lee;Ann;;;\r\n" in text
    assert "\r\nNOTE:line 1\\nline 2\r\n" in text
    assert "\r\nCATEGORIES:vip,x\\;y\r\n" in text
    assert "\r\nX-SPOUSE:Jane\r\nX-FOLLOWTHRU-PILE:target\r\nEND:VCARD\r\n" in text
    assert text.replace("\r\n", "").count("\n") == 0  # no bare LF anywhere
    back = one(text.encode())
    assert back.birthday == "--03-22"
    assert back.extra == ["X-SPOUSE:Jane", "X-FOLLOWTHRU-PILE:target"]
    assert "BDAY:--0322" in write_vcards([record], version="4.0")


def test_writer_always_writes_version_fn_n() -> None:
    text = write_vcards([ContactRecord(line=1, emails=["a@x.org"])], version="4.0")
    assert text.splitlines()[:4] == ["BEGIN:VCARD", "VERSION:4.0", "FN:", "N:;;;;"]
    with pytest.raises(ValueError):
        write_vcards([], version="2.1")


def test_writer_folds_at_75_octets_without_splitting_characters() -> None:
    record = ContactRecord(line=1, name="名" * 100, notes=["é" * 200 + "x" * 77])
    text = write_vcards([record])
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
        line.encode().decode("utf-8")  # each physical line is whole UTF-8
    assert one(text.encode()).name == "名" * 100


# ----------------------------------------------------------------------------------------
# hypothesis: round trips and fuzzing
# ----------------------------------------------------------------------------------------

_chars = st.characters(blacklist_categories=("Cc", "Cs"))
_word = st.text(_chars, min_size=1, max_size=30).map(str.strip).filter(bool)
_clean = _word.filter(lambda s: not s.endswith(","))
_note = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n"), max_size=60
).map(str.strip)
_ascii = st.text("abcdefghijklmnopqrstuvwxyz0123456789.-_", min_size=1, max_size=12)


@st.composite
def _birthdays(draw: st.DrawFn) -> str:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    if draw(st.booleans()):
        return f"--{month:02d}-{day:02d}"
    return f"{draw(st.integers(1700, 2100)):04d}-{month:02d}-{day:02d}"


@st.composite
def _records(draw: st.DrawFn) -> ContactRecord:
    emails = draw(st.lists(st.builds("{}@{}.org".format, _ascii, _ascii), max_size=3, unique=True))
    phones = draw(
        st.lists(
            st.text("0123456789 +-()pwx", min_size=1).map(str.strip).filter(bool),
            max_size=3,
            unique=True,
        )
    )
    record = ContactRecord(
        line=1,
        name=draw(st.none() | _word),
        given=draw(st.none() | _word),
        family=draw(st.none() | _word),
        emails=emails,
        phones=phones,
        company=draw(st.none() | _word),
        title=draw(st.none() | _word),
        urls=draw(
            st.lists(
                st.builds("https://{}.example/{}".format, _ascii, _ascii), max_size=2, unique=True
            )
        ),
        addresses=draw(st.lists(_clean, max_size=2, unique=True)),
        birthday=draw(st.none() | _birthdays()),
        notes=draw(st.lists(_note.filter(bool), max_size=2)),
        tags=draw(
            st.lists(_word.filter(lambda t: "," not in t and ";" not in t), max_size=3, unique=True)
        ),
        photo=draw(
            st.none()
            | st.builds(
                Photo,
                st.sampled_from(["image/jpeg", "image/png", "image/gif", "image/webp"]),
                st.binary(min_size=1, max_size=80),
            )
        ),
        uid=draw(st.none() | _ascii),
        extra=draw(
            st.lists(
                st.builds(
                    "X-{}{}:{}".format,
                    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=10),
                    st.sampled_from(["", ";TYPE=home", ";X-SERVICE-TYPE=Skype"]),
                    _word,
                ),
                max_size=3,
            )
        ),
    )
    if not (record.display_name() or record.emails or record.phones or record.company):
        record.emails.append("fallback@x.org")
    return record


def _fields(record: ContactRecord) -> dict[str, Any]:
    fields = dict(vars(record))
    fields.pop("line")
    fields.pop("met_on")
    return fields


@pytest.mark.slow
@pytest.mark.parametrize("version", ["3.0", "4.0"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(_records(), min_size=1, max_size=3))
def test_round_trip(version: str, records: list[ContactRecord]) -> None:
    text = write_vcards(records, version=version)
    result = read_vcards(text.encode("utf-8"), source="round.vcf")
    assert result.skipped == []
    assert len(result.records) == len(records)
    for before, after in zip(records, result.records, strict=True):
        expected = _fields(before)
        expected["name"] = before.name or before.display_name()
        assert _fields(after) == expected


def _only_bad_input(data: bytes) -> None:
    try:
        result = read_vcards(data, source="fuzz.vcf")
    except BadInput:
        return
    assert isinstance(result, ReadResult)
    # the per-card safety net must never be what saved us
    assert not any(s.reason.startswith("unreadable") for s in result.skipped), result.skipped


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_only_raise_bad_input(data: bytes) -> None:
    _only_bad_input(data)


# the quirk cards above, plus the small real-world files when the shared folder is there
SEEDS = [q[1] for q in QUIRKS] + (
    [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.stat().st_size < 2500]
    if FIXTURES.is_dir()
    else []
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "insert", "replace"]),
            st.floats(0, 1),
            st.sampled_from(
                [
                    b"\r\n",
                    b"\n",
                    b" ",
                    b"=",
                    b"\\",
                    b";",
                    b":",
                    b",",
                    b'"',
                    b"\xff",
                    b"\xc3",
                    b"BEGIN:VCARD\r\n",
                    b"END:VCARD",
                    b"=\r\n",
                    b";ENCODING=b",
                    b";CHARSET=zlib",
                    b";CHARSET=utf-16",
                    b"data:",
                    b"tel:",
                    b"\x00",
                    b"item1.",
                    b"AGENT:\r\n",
                ]
            ),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_mutated_cards_only_raise_bad_input(
    seed: bytes, edits: list[tuple[str, float, bytes]]
) -> None:
    data = bytearray(seed)
    for action, where, piece in edits:
        at = int(where * len(data))
        if action == "delete":
            del data[at : at + len(piece)]
        elif action == "insert":
            data[at:at] = piece
        else:
            data[at : at + len(piece)] = piece
    _only_bad_input(bytes(data))


# ----------------------------------------------------------------------------------------
# the real-world files (read in place)
# ----------------------------------------------------------------------------------------


def _fixture(name: str) -> bytes:
    need(FIXTURES.is_dir(), f"the shared vCard fixtures are missing ({FIXTURES})")
    return (FIXTURES / name).read_bytes()


def test_every_real_world_file_reads_or_raises_bad_input() -> None:
    need(FIXTURES.is_dir(), f"the shared vCard fixtures are missing ({FIXTURES})")
    files = sorted(p for p in FIXTURES.iterdir() if p.is_file())
    assert files
    for path in files:
        try:
            result = read_vcards(path.read_bytes(), source=path.name)
        except BadInput:
            continue
        assert isinstance(result, ReadResult), path.name
        assert not any(s.reason.startswith("unreadable") for s in result.skipped), path.name


def _check(name: str, predicate: Callable[[ReadResult], bool]) -> None:
    result = read_vcards(_fixture(name), source=name)
    assert predicate(result), (name, result)


def test_android_export_has_six_people() -> None:
    result = read_vcards(_fixture("ezvcard__John_Doe_ANDROID.vcf"), source="a.vcf")
    assert len(result.records) == 6 and not result.skipped
    assert result.records[0].emails == ["john.doe@company.com"]
    assert result.records[2].name == "Ñ Ñ Ñ Ñ Ñ"
    assert result.records[0].tags == ["My Contacts"]


def test_shift_jis_name() -> None:
    record = one(_fixture("android__v21_japanese_2.vcf"))
    assert record.name == "安藤 ロイド 1"
    assert (record.family, record.given) == ("安藤", "ロイド1")
    assert record.addresses == ["東京都渋谷区桜丘町26-1セルリアンタワー6階, 150-8512"]
    assert one(_fixture("android__v30_japanese.vcf")).family == "伊能"


@pytest.mark.parametrize("name", ["khard__unparsable.vcf", "evolution__9.vcf"])
def test_truncated_files_raise(name: str) -> None:
    with pytest.raises(BadInput, match="truncated"):
        read_vcards(_fixture(name), source=name)


def test_real_world_expectations() -> None:
    _check("rcmcarddav__Group.vcf", lambda r: not r.records and "group" in r.skipped[0].reason)
    _check("rcmcarddav__EmptyFNBlank.vcf", lambda r: not r.records and len(r.skipped) == 1)
    _check("sabre__issue64.vcf", lambda r: not r.records and len(r.skipped) == 1)
    assert one(_fixture("radicale__contact4-with-bday-no-year.vcf")).birthday == "--01-01"
    assert one(_fixture("ezvcard__rfc6350-example.vcf")).birthday == "--02-03"
    assert one(_fixture("ezvcard__rfc6350-example.vcf")).phones[0] == "+1-418-656-9254 ext. 102"
    assert one(_fixture("ezvcard__John_Doe_MS_OUTLOOK.vcf")).birthday == "1980-03-22"
    assert one(_fixture("ezvcard__outlook-2003.vcf")).company == "Company, The"
    assert one(_fixture("ezvcard__John_Doe_GMAIL.vcf")).urls == ["http://www.ibm.com"]
    assert one(_fixture("khard__text-bday.vcf")).extra == ["BDAY;VALUE=text:circa 1800"]
    assert one(_fixture("khard__tel-value-uri.vcf")).phones == ["67545678"]
    assert one(_fixture("android__v30_pause_wait.vcf")).phones == ["p1234p5678w9"]
    assert one(_fixture("android__v21_invalid_multiple_line.vcf")).emails == ["omega@example.com"]
    photo = one(_fixture("khard__photov4.vcf")).photo
    assert photo is not None and photo.media_type == "image/png"
    assert photo.data.startswith(b"\x89PNG")
    webp = one(_fixture("thunderbird__v4-uri-webp.vcf")).photo
    assert webp is not None and webp.media_type == "image/webp"
    iphone = one(_fixture("ezvcard__John_Doe_IPHONE.vcf"))
    assert iphone.photo is not None and iphone.photo.data.startswith(b"\xff\xd8")
    assert iphone.emails == ["john.doe@ibm.com"] and len(iphone.phones) == 7
    tb = one(_fixture("ezvcard__thunderbird-MoreFunctionsForAddressBook-extension.vcf"))
    assert tb.tags == ["category1", "category2", "category3"]
    assert [
        len(read_vcards(_fixture(n), source=n).records)
        for n in (
            "ezvcard__rfc2426-example.vcf",
            "nodevcf__multiple.vcf",
            "thunderbird__emptylines_vcard_addressbook.vcf",
            "radicale__broken-vcards2-no_uid.vcf",
        )
    ] == [2, 3, 2, 2]
    outlook = one(_fixture("ezvcard__outlook-2007.vcf"))
    assert outlook.notes[0].startswith("This is the NOTE field\t\nI assume")


def test_real_world_files_survive_a_round_trip() -> None:
    """Whatever was read from a real file is written and read back unchanged."""
    need(FIXTURES.is_dir(), f"the shared vCard fixtures are missing ({FIXTURES})")
    for path in sorted(FIXTURES.iterdir()):
        try:
            records = read_vcards(path.read_bytes(), source=path.name).records
        except BadInput:
            continue
        if not records:
            continue
        for version in ("3.0", "4.0"):
            text = write_vcards(records, version=version)
            again = read_vcards(text.encode(), source="again.vcf").records
            for before, after in zip(records, again, strict=True):
                expected = _fields(before)
                expected["name"] = before.name or before.display_name()
                got = _fields(after)
                assert got == expected, (path.name, version)


def test_email_types_and_a_v4_pref_survive_a_write() -> None:
    card = (
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nEMAIL;TYPE=work:ann@lee.example\r\n"
        b"TEL;PREF=1;TYPE=cell:+44 7700 900123\r\nEND:VCARD\r\n"
    )
    (record,) = read_vcards(card, source="ann.vcf").records
    written = write_vcards([record])
    assert "EMAIL;TYPE=work:ann@lee.example" in written
    assert "TEL;TYPE=cell,PREF:+44 7700 900123" in written
