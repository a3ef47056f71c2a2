"""`scan` on cards from anywhere: the parser on accented names, titles in a dozen languages,
ccTLD addresses and national phones (plain text, no OCR), then RapidOCR itself — its models
from the wheel, nothing fetched — on rendered cards."""

from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Cli, need
from followthru.domain.card_fields import (
    Line,
    card_region,
    domain_stem,
    extract,
    lines_from_text,
)
from followthru.domain.title_words import is_role

BENCH = Path(__file__).resolve().parents[2] / "bench"


def fields(text: str, region: str = "US") -> dict[str, Any]:
    return extract(lines_from_text(text), region).as_json()


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("José Martínez", "jose.martinez@iberia.es"),
        ("Bjørn Haugen", "bjorn@fjordtech.no"),
        ("François-Xavier Dubé", "fxdube@lumiere.fr"),
        ("Siobhán Ní Bhriain", "siobhan@brooksvale.ie"),
        ("Daan van den Berg", "daan@noordzee.nl"),
        ("Nguyễn Thị Mai", "mai@tidewater.com.sg"),
        ("João Gonçalves", "joao@azulejo.com.br"),
    ],
)
def test_names_keep_their_accents_and_all_their_parts(name: str, email: str) -> None:
    got = fields(f"{name}\nDirector\n{email}")
    assert got["name"] == name  # never spelled like the e-mail's local part
    assert got["emails"] == [email]


@pytest.mark.parametrize(
    "title",
    [
        "Geschäftsführerin",
        "Directrice commerciale",
        "Jefe de Proyecto",
        "Responsabile Marketing",
        "Diretora Comercial",
        "Projectleider",
        "Kierownik Projektu",
        "Vedoucí projektu",
        "Daglig leder",
        "Försäljningschef",
        "Myyntipäällikkö",
        "Satış Müdürü",
        "Partner",
    ],
)
def test_titles_in_the_cards_languages(title: str) -> None:
    got = fields(f"Anna Kowalska\n{title}\nanna@firma.pl")
    assert got["title"] == title
    assert got["name"] == "Anna Kowalska"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Leiter Einkauf", "und Logistik"),
        ("Senior Vice President,", "Global Strategic Partnerships"),
        ("Talent Acquisition", "Specialist"),
        ("Director of Business", "Development"),
    ],
)
def test_a_title_wrapped_onto_two_lines_is_joined(first: str, second: str) -> None:
    lines = [
        Line("Marta Nowak", 60, 100, 50, 0.99, width=300),
        Line(first, 30, 170, 50, 0.99, width=330),
        Line(second, 30, 205, 52, 0.99, width=280),
        Line("marta@bursztyn.pl", 26, 300, 600, 0.99, width=250),
        Line("Bursztyn Software S.A.", 40, 450, 50, 0.99, width=400),
    ]
    got = extract(lines, "US").as_json()
    assert got["title"] == f"{first.rstrip(',')} {second}"  # the comma OCR-cleaned away
    assert got["company"] == "Bursztyn Software S.A."


def test_the_company_is_never_the_cctld_nor_the_logos_initials() -> None:
    lines = [
        Line("BP", 90, 40, 800, 0.99, width=120),  # the initials in a box
        Line("Chloe Whitfield", 60, 60, 50, 0.99, width=400),
        Line("Partner", 30, 130, 50, 0.99, width=120),
        Line("chloe@brooksvale.co.uk", 26, 300, 50, 0.99, width=330),
        Line("www.brooksvale.co.uk", 26, 330, 50, 0.99, width=300),
    ]
    got = extract(lines, "US").as_json()
    assert got["title"] == "Partner"
    assert got["company"] == "Brooksvale"  # from the domain, not 'Co' nor 'BP'
    assert got["website"] == "www.brooksvale.co.uk"
    printed = fields("Chloe Whitfield\nchloe@brooksvale.co.uk\nBrooksvale Partners LLP")
    assert printed["company"] == "Brooksvale Partners LLP"


@pytest.mark.parametrize(
    ("line", "email", "website"),
    [
        ("marcus+cards@bluefin-analytics.fi", "marcus+cards@bluefin-analytics.fi", None),
        ("https://www.azulejo.com.br", None, "https://www.azulejo.com.br"),
        ("fjordtech.no", None, "fjordtech.no"),
        ("E-mail: t.dvorak@vltava.cz", "t.dvorak@vltava.cz", None),
        ("www.bogazici.com.tr", None, "www.bogazici.com.tr"),
    ],
)
def test_addresses_on_any_tld(line: str, email: str | None, website: str | None) -> None:
    got = fields(f"Jan Novak\n{line}")
    assert got["emails"] == ([email] if email else [])
    assert got["website"] == website


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tel. 030 12345678\nwww.kuehne.de", "+493012345678"),  # national, .de on the card
        ("M: 0412 345 678\njo@copperleaf.com.au", "+61412345678"),
        ("T: +44 (0)20 7946 0958", "+442079460958"),  # the trunk digit in brackets
        ("Tel. 312 247 5614\nwww.cantieri.it", "+393122475614"),
        ("(415) 555-2671", "+14155552671"),  # nothing says a country: the user's own
    ],
)
def test_phones_by_the_cards_country(text: str, expected: str) -> None:
    assert fields(f"Ana Lopes\n{text}")["phones"] == [expected]


def test_card_region_and_domain_stem() -> None:
    assert domain_stem("www.brooksvale.co.uk") == "brooksvale"
    assert domain_stem("azulejo.com.br") == "azulejo"
    assert domain_stem("bluefin.io") == "bluefin"
    assert card_region(["brooksvale.co.uk"], [], "US") == "GB"
    assert card_region(["acme.com"], ["+49 30 1234567"], "US") == "DE"
    assert card_region(["acme.com"], [], "FR") == "FR"
    assert is_role("Vertriebsleiterin") and not is_role("Weiß")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="AaÉéßØøıŞ .,@+-()0123456789wcoukde", max_size=30), max_size=8))
def test_extraction_never_crashes_on_accented_text(lines: list[str]) -> None:
    extract(lines_from_text("\n".join(lines)), "DE")


# ------------------------------------------------------------------ RapidOCR


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _need_rapidocr() -> None:
    from followthru.formats import card_ocr

    need(card_ocr.available(), "the OCR extra (rapidocr, onnxruntime) is not installed")


@pytest.fixture(scope="module")
def world_cards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Four harshly photographed cards from the benchmark's world set."""
    _need_rapidocr()
    make = _bench("make_cards")
    folder = tmp_path_factory.mktemp("world")
    labels = make.make_world(folder, 4, seed=5)
    return folder, labels


@pytest.mark.slow
def test_models_come_from_the_wheel_and_nothing_is_fetched(
    world_cards: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from followthru.formats import card_ocr
    from followthru.services.scan import read_card

    paths = card_ocr.model_paths()
    assert all(p.is_file() and "site-packages" in str(p) for p in paths.values())

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    reader = card_ocr.CardReader()
    folder, labels = world_cards
    file, want = sorted(labels.items())[0]
    got = read_card(folder / file, "US", reader)
    assert got.emails == [want["email"]]


@pytest.mark.slow
def test_scan_json_says_which_engine_read_the_cards(
    cli: Cli, world_cards: tuple[Path, dict[str, Any]]
) -> None:
    folder, labels = world_cards
    got = cli.json("scan", "--json", str(folder))
    assert [item["engine"] for item in got] == ["rapidocr"] * len(labels)
    right = sum(
        item["name"] == labels[Path(item["file"]).name]["name"]
        and labels[Path(item["file"]).name]["email"] in item["emails"]
        for item in got
    )
    assert right >= 3  # harsh photos: most, and the benchmark counts the rest
    shown = cli.ok("scan", "--yes", str(folder / "card000.jpg"))
    assert "Read with RapidOCR" in shown.stdout


@pytest.mark.slow
def test_the_engine_can_be_chosen_and_a_missing_one_is_named(
    cli: Cli, world_cards: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = world_cards
    need(__import__("shutil").which("tesseract") is not None, "Tesseract is not installed")
    got = cli.json("scan", "--json", "--engine", "tesseract", str(folder / "card000.jpg"))
    assert got["engine"] == "tesseract"
    bad = cli("scan", "--json", "--engine", "easyocr", str(folder))
    assert bad.exit_code == 2
    from followthru.formats import card_ocr

    monkeypatch.setattr(card_ocr, "available", lambda: False)
    missing = cli("scan", "--json", "--engine", "rapidocr", str(folder))
    assert missing.exit_code == 2
    assert "followthru[ocr]" in " ".join(missing.stderr.split())
    fallback = cli.json("scan", "--json", str(folder / "card000.jpg"))
    assert fallback["engine"] == "tesseract"  # auto without the extra
