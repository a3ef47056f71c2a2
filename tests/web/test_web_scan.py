"""The Scan page in Chromium, from the photo to the saved contact, and the app's manifest.

The browser, the server and the tab are test_web_browser's fixtures; a card is rendered
and photographed at test time by the benchmark's generator and read by the real engine.
"""

from __future__ import annotations

import importlib.util
import io
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from followthru.services import events
from followthru.services.runtime import Context
from test_web import client_for, token_of
from test_web_browser import Served, Tab, browser, expect, served, tab

BENCH = Path(__file__).resolve().parents[2] / "bench"
READ_MS = 120_000  # reading a photo on a busy 2-core machine: bounded, but not hurried


def _card_photo(folder: Path) -> tuple[Path, dict[str, str]]:
    spec = importlib.util.spec_from_file_location("make_cards", BENCH / "make_cards.py")
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    sys.modules["make_cards"] = make
    spec.loader.exec_module(make)
    rng = random.Random(8)
    card, _ = make.random_world_card(rng)
    photo = make.photograph(make.render_world(card, rng, make.world_fonts()), rng, size="phone")
    path = folder / "card.jpg"
    photo.save(path, quality=90)
    return path, make.labels_of(card)


@pytest.mark.slow
def test_scan_page_from_photo_to_saved_contact(tab: Tab, served: Served, tmp_path: Path) -> None:
    from followthru.web import scan_page

    photo, want = _card_photo(tmp_path)
    tab.go("/scan")
    page: Any = tab.page
    picker = page.locator("input[name=photos]")
    assert picker.get_attribute("accept") == "image/*"
    assert picker.get_attribute("capture") == "environment"  # a phone opens its camera
    picker.set_input_files(str(photo))
    page.locator("input[name=event]").fill("Web Summit")
    page.locator("select[name=pile]").select_option("target")
    page.get_by_role("button", name="Read the cards").click(timeout=READ_MS)
    expect(page.locator("#scan-card-0")).to_be_visible(timeout=READ_MS)
    # the photo beside the fields: it loads after the fragment shows, so wait for it (bounded)
    page.wait_for_function(
        "() => { const i = document.querySelector('#scan-card-0 img');"
        " return i && i.complete && i.naturalWidth > 0; }",
        timeout=READ_MS,
    )
    assert page.locator("input[name=emails-0]").input_value() == want["email"]
    page.locator("input[name=name-0]").fill(want["name"])  # what a person corrects
    page.locator("input[name=title-0]").fill("Chief Card Reader")
    page.get_by_role("button", name="Save the ticked cards").click()
    expect(page.locator("#scan-saved")).to_contain_text("1 new")

    people = events.show(served.ctx, "Web Summit").people
    assert [(p.name, p.pile) for p in people] == [(want["name"], "target")]
    assert not any(scan_page._folder().iterdir())  # the photo is gone once saved
    assert tab.dialogs == [] and tab.errors == []


@pytest.mark.slow
def test_the_app_can_be_installed_on_a_phone(tab: Tab) -> None:
    tab.go("/today")
    page: Any = tab.page
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = json.loads(tab.go(href).text())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/today"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert tab.go(icon["src"]).headers["content-type"] == "image/png"


def test_scan_uploads_are_checked_and_cancel_keeps_nothing(ctx: Context) -> None:
    """No browser needed: what the page refuses, and a cancelled review leaves no photo."""
    from PIL import Image

    from followthru.web import scan_page

    with client_for(ctx) as client:
        token = token_of(client, "/scan")
        wrong = client.post(
            "/scan",
            data={"csrf_token": token},
            files={"photos": ("notes.txt", b"hi", "text/plain")},
        )
        assert wrong.status_code == 400 and "not a photo" in wrong.text
        stale = client.post("/scan/save", data={"csrf_token": token, "batch_id": "x" * 24})
        assert stale.status_code == 400 and "no longer here" in stale.text
        blank = io.BytesIO()
        Image.new("RGB", (600, 350), (250, 250, 250)).save(blank, "PNG")
        read = client.post(
            "/scan",
            data={"csrf_token": token},
            files={"photos": ("blank.png", blank.getvalue(), "image/png")},
        )
        assert read.status_code == 200 and "Nothing read: this photo no text found" in read.text
        batch = re.search(r'name="batch_id" value="([^"]+)"', read.text)
        assert batch and (scan_page._folder() / batch.group(1)).is_dir()
        data = {"csrf_token": token, "batch_id": batch.group(1), "action": "cancel"}
        done = client.post("/scan/save", data=data)
        assert "Nothing was saved" in done.text
        assert not (scan_page._folder() / batch.group(1)).exists()
