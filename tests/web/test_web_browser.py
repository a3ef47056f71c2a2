"""The web app in a real browser: Chromium, driven by Playwright, against a real server.

Why a browser and not only the test client: triage keys live in app.js, the Done button and
the search box swap fragments through htmx, and the CSRF token travels in hx-headers. None
of that runs in a test client, so only a browser shows that a click really files a person,
that a keystroke moves the right card, and that a `<script>` name stays text.

The browser is Debian's Chromium at /usr/bin/chromium (never a downloaded one); without it
these tests skip on a user's machine and fail under CI=true. They run on SQLite only: the
storage layer is tested on both databases elsewhere, the browser need not repeat it.
Screenshots go to $FOLLOWTHRU_SCREENSHOTS, else build/screenshots/ (not kept in git).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import need
from followthru.services import contact_detail, contacts, events, notes, promises, touches
from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url

# Every test drives Chromium against a served app.
pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
TODAY = date(2026, 11, 20)
REPO = Path(__file__).resolve().parents[2]
# Read at import: the config_file fixture clears every FOLLOWTHRU_* variable before tests run.
SCREENSHOTS = Path(os.environ.get("FOLLOWTHRU_SCREENSHOTS") or REPO / "build" / "screenshots")
CURRENT = re.compile(r"\bcurrent\b")  # the card the keys act on
DASH = "\u2013"  # the en dash of the "1-50 of 67" line
WAIT_MS = 5_000  # every browser wait is bounded; a local page answers in milliseconds

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_COMPANY = "<img src=x onerror=alert(2)>"


# --- the browser and the server -------------------------------------------------------


@contextmanager
def one_chromium_at_a_time(factory: pytest.TempPathFactory) -> Iterator[None]:
    """Under pytest-xdist, hold a lock in the run's shared temporary folder while a browser
    runs: two Chromiums on `make test`'s two cores made page loads time out."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    with (factory.getbasetemp().parent / "chromium.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Chromium for the module: starting it costs far more than a fresh context."""
    need(CHROMIUM.exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - a dev dependency
        need(False, "Playwright for Python is not installed")
        raise
    args = ["--disable-dev-shm-usage"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to sandbox as root
    with one_chromium_at_a_time(tmp_path_factory), sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Served:
    """A running app: its address, and the context the test builds data through."""

    url: str
    ctx: Context


@pytest.fixture
def served(tmp_path: Path, sqlite_template: Path, config_file: Path) -> Iterator[Served]:
    """The app on a port of its own, served by uvicorn as `followthru serve` would.

    The socket is bound here (port 0) so there is no race for a free port, and every wait
    is bounded so a server that never starts fails the test instead of hanging it.
    """
    import uvicorn

    from followthru.store.database import open_database
    from followthru.web.app import create_app

    db_path = tmp_path / "followthru.db"
    shutil.copy(sqlite_template, db_path)
    database = open_database(sqlite_url(db_path))
    ctx = Context(settings=Settings.load(), db=database)
    app = create_app(ctx, host="127.0.0.1", today=TODAY)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("uvicorn did not start within 10 s")
        time.sleep(0.02)
    try:
        yield Served(f"http://127.0.0.1:{port}", ctx)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        database.dispose()


@dataclass
class Tab:
    """A page plus what it must never do: open a dialog or throw a script error."""

    page: Any
    url: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def go(self, path: str) -> Any:
        response = self.page.goto(self.url + path)
        assert response is not None and response.status == 200, f"GET {path}: {response}"
        return response


@pytest.fixture
def tab(browser: Any, served: Served) -> Iterator[Tab]:
    """A fresh browser context per test: its own cookies, so its own session and token."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    opened = Tab(page, served.url)

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()


def expect(target: Any) -> Any:
    """Playwright's retrying assertions, imported late so a missing Playwright only skips."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


# --- data -------------------------------------------------------------------------------


def person(
    ctx: Context,
    name: str,
    *,
    event: str | None = None,
    company: str | None = None,
    title: str | None = None,
    pile: str | None = None,
    email: str | None = None,
    tags: list[str] | None = None,
) -> int:
    """Add one contact through the service the CLI uses, and return their id."""
    added = contacts.add(
        ctx,
        contacts.NewContact(
            name=name,
            emails=[email] if email else [],
            company=company,
            title=title,
            event=event,
            pile=pile,
            tags=tags or [],
        ),
        today=TODAY,
    )
    return added.contact.id


def piles_of(ctx: Context, event: str) -> dict[int, str | None]:
    """What the database holds, read through the service, not through the page."""
    return {p.id: p.pile for p in events.show(ctx, event).people}


def card_ids(tab: Tab) -> list[int]:
    """The triage cards still waiting, in the order the page shows them."""
    ids: list[str] = tab.page.locator("[data-triage] [data-person]").evaluate_all(
        "cards => cards.map(c => c.id)"
    )
    return [int(i.removeprefix("person-")) for i in ids]


# --- triage -----------------------------------------------------------------------------


def test_triage_by_clicking_files_each_card(tab: Tab, served: Served) -> None:
    """Each click must store the pile and turn the card into its one-line note in place."""
    ctx = served.ctx
    events.add(ctx, "PyData", held_on=TODAY - timedelta(days=6), where="London")
    ids = [
        person(ctx, "Amara Okafor", event="PyData", company="Northwind"),
        person(ctx, "Bao Tran", event="PyData", company="Contoso"),
        person(ctx, "Carmen Ruiz", event="PyData", company="Fabrikam"),
    ]
    tab.go("/triage?event=PyData")
    expect(tab.page.locator("#triage-summary")).to_contain_text("3 untriaged")

    wanted = dict(zip(ids, ["connector", "target", "general"], strict=True))
    for number, (contact_id, pile) in enumerate(wanted.items(), start=1):
        card = tab.page.locator(f"#person-{contact_id}")
        index = ["target", "connector", "general"].index(pile) + 1
        card.get_by_role("button", name=f"{index} · {pile}").click()
        expect(card).to_have_attribute("data-moved", "")
        expect(card).to_contain_text(f"→ {pile}")
        expect(card.get_by_role("button")).to_have_count(0)
        expect(tab.page.locator("#triage-summary")).to_contain_text(f"{3 - number} untriaged")

    assert piles_of(ctx, "PyData") == wanted
    expect(tab.page.locator("#triage-summary")).to_contain_text("1 target")
    expect(tab.page.get_by_role("alert")).to_have_count(0)  # 1 of 3 in target: no warning
    tab.page.reload()
    expect(
        tab.page.get_by_text("Nothing to triage: everyone from PyData has a pile")
    ).to_be_visible()
    assert tab.dialogs == [] and tab.errors == []


def press_and_wait(tab: Tab, key: str, contact_id: int) -> None:
    """A key files the highlighted card; the next key waits until its note replaced it."""
    tab.page.keyboard.press(key)
    expect(tab.page.locator(f"#person-{contact_id}[data-moved]")).to_be_visible()


def test_triage_by_keys_follows_card_order_and_warns_when_target_heavy(
    tab: Tab, served: Served
) -> None:
    """Keys file the highlighted card, top to bottom; an all-target event gets the warning."""
    ctx = served.ctx
    events.add(ctx, "PyCon", held_on=TODAY - timedelta(days=3), where=None)
    events.add(ctx, "DjangoCon", held_on=TODAY - timedelta(days=10), where=None)
    for name in ("Dana Kim", "Eli Cohen", "Farah Aziz"):
        person(ctx, name, event="PyCon")
    for name in ("Gus Moreau", "Hana Sato", "Ivo Petrov"):
        person(ctx, name, event="DjangoCon")

    tab.go("/triage?event=PyCon")
    order = card_ids(tab)
    assert len(order) == 3
    expect(tab.page.locator(f"#person-{order[0]}")).to_have_class(CURRENT)
    for key, contact_id in zip("123", order, strict=True):
        press_and_wait(tab, key, contact_id)
    assert piles_of(ctx, "PyCon") == dict(
        zip(order, ["target", "connector", "general"], strict=True)
    )
    expect(tab.page.get_by_role("alert")).to_have_count(0)

    tab.go("/triage?event=DjangoCon")
    order = card_ids(tab)
    for contact_id in order:
        press_and_wait(tab, "1", contact_id)
    assert set(piles_of(ctx, "DjangoCon").values()) == {"target"}
    warning = tab.page.get_by_role("alert")
    expect(warning).to_contain_text("Not everyone is target market")
    expect(warning).to_contain_text("3 of 3 triaged people")
    assert tab.dialogs == [] and tab.errors == []


def test_j_moves_the_highlight_and_the_key_files_that_card(tab: Tab, served: Served) -> None:
    """The keys act on the highlighted card, not always on the first one."""
    ctx = served.ctx
    events.add(ctx, "PyCon", held_on=TODAY - timedelta(days=3), where=None)
    for name in ("Dana Kim", "Eli Cohen", "Farah Aziz"):
        person(ctx, name, event="PyCon")
    tab.go("/triage?event=PyCon")
    first, second, third = card_ids(tab)
    tab.page.keyboard.press("j")
    tab.page.keyboard.press("j")
    tab.page.keyboard.press("k")
    expect(tab.page.locator(f"#person-{second}")).to_have_class(CURRENT)
    press_and_wait(tab, "2", second)
    assert piles_of(ctx, "PyCon") == {first: None, second: "connector", third: None}
    assert tab.dialogs == [] and tab.errors == []


def test_fast_keys_file_each_card_once(tab: Tab, served: Served) -> None:
    """Someone who knows their piles types 1 2 3 without waiting for the server."""
    ctx = served.ctx
    events.add(ctx, "PyCon", held_on=TODAY - timedelta(days=3), where=None)
    for name in ("Dana Kim", "Eli Cohen", "Farah Aziz"):
        person(ctx, name, event="PyCon")
    tab.go("/triage?event=PyCon")
    order = card_ids(tab)
    held: list[Any] = []
    posted: list[str] = []

    def hold(route: Any) -> None:
        posted.append(route.request.url.rsplit("/", 1)[-1])
        held.append(route)

    # Hold the answers until all three keys are down: a slow network, made deterministic.
    tab.page.route("**/triage/*", hold)
    for key in "123":
        tab.page.keyboard.press(key)
    tab.page.wait_for_timeout(300)
    for route in held:
        route.continue_()
    expect(tab.page.locator("[data-moved]")).to_have_count(3)
    assert sorted(posted) == sorted({*posted}), f"a card was posted twice: {posted}"
    stored = piles_of(ctx, "PyCon")
    assert [stored[c] for c in order] == ["target", "connector", "general"]
    for contact_id in order:
        note = tab.page.locator(f"#person-{contact_id}[data-moved]")
        assert f"→ {stored[contact_id]}" in note.inner_text()


def test_triage_without_javascript_returns_to_an_event_with_an_ampersand(
    browser: Any, served: Served
) -> None:
    """The pile forms are plain forms too: the page must work with scripts off."""
    ctx = served.ctx
    events.add(ctx, "AI & Data", held_on=TODAY - timedelta(days=3), where=None)
    events.add(ctx, "AI Summit", held_on=TODAY - timedelta(days=4), where=None)
    first = person(ctx, "Dana Kim", event="AI & Data")
    second = person(ctx, "Eli Cohen", event="AI & Data")
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(WAIT_MS)
    try:
        page = context.new_page()
        page.goto(f"{served.url}/triage?event=AI%20%26%20Data")
        with page.expect_navigation() as landed:
            page.locator(f"#person-{first}").get_by_role("button", name="1 · target").click()
        assert piles_of(ctx, "AI & Data") == {first: "target", second: None}
        assert landed.value is not None and landed.value.status == 200
        expect(page.locator(f"#person-{second}")).to_be_visible()
    finally:
        context.close()


def test_triage_keys_are_ignored_while_typing(tab: Tab, served: Served) -> None:
    """A "1" typed into the event picker must not file anyone."""
    ctx = served.ctx
    events.add(ctx, "PyCon", held_on=TODAY - timedelta(days=3), where=None)
    contact_id = person(ctx, "Dana Kim", event="PyCon")
    tab.go("/triage")
    tab.page.locator("select[name=event]").focus()
    tab.page.keyboard.press("1")
    tab.page.wait_for_timeout(300)
    assert piles_of(ctx, "PyCon") == {contact_id: None}


# --- today --------------------------------------------------------------------------------


def test_done_on_today_logs_the_touch_and_keeps_the_promise(tab: Tab, served: Served) -> None:
    """One click on Today is the whole follow-through: a touch logged, the promise kept."""
    ctx = served.ctx
    ada = person(ctx, "Ada Lovelace", company="Analytical Engines", pile="target")
    promise = promises.add(
        ctx, f"#{ada}", "send the deck", owner="me", due=TODAY - timedelta(days=2), today=TODAY
    )
    touches.log(
        ctx,
        f"#{ada}",
        via="email",
        kind="checkin",
        summary="said hello",
        on=TODAY - timedelta(days=40),
        today=TODAY,
    )
    tab.go("/today")
    item = tab.page.locator("ol.plan li.item").filter(
        has=tab.page.get_by_role("link", name="Ada Lovelace")
    )
    expect(item).to_have_count(1)
    expect(item).to_contain_text("due 2026-11-18")
    item.get_by_role("button", name="Done").click()

    done = tab.page.locator(f"li.item.done#item-{ada}")
    expect(done).to_contain_text("Logged")
    expect(done).to_contain_text("with Ada Lovelace")
    expect(done).to_contain_text("“send the deck” kept")

    detail = contact_detail.show(ctx, f"#{ada}", today=TODAY)
    assert detail.summary.last_touch_on == TODAY
    assert [t.on for t in detail.timeline if t.kind == "touch"].count(TODAY) == 1
    [kept] = [p for p in detail.promises if p.id == promise.id]
    assert kept.status == "done" and kept.closed_on == TODAY

    tab.page.reload()  # and it is gone from the plan, not merely hidden
    expect(tab.page.locator("ol.plan li.item", has_text="send the deck")).to_have_count(0)
    assert tab.dialogs == [] and tab.errors == []


# --- contacts: search and pages -----------------------------------------------------------

FIRST = ("Alex", "Blair", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan")
LAST = ("Andersen", "Brooks", "Castillo", "Dubois", "Eriksen", "Fischer", "Gallo", "Haddad")
FINDABLE = ("Marisol Quintero", "Quinn Ito", "Aquila Brandt")  # the only ones with "qui"


def test_search_box_filters_the_list_in_place(tab: Tab, served: Served) -> None:
    """Typing searches without a submit (htmx), and the count line follows the results."""
    ctx = served.ctx
    for first in FIRST:
        for last in LAST:
            person(ctx, f"{first} {last}", company="Acme", email=f"{first}.{last}@example.com")
    for name in FINDABLE:
        person(ctx, name, company="Globex")

    tab.go("/contacts")
    total = len(FIRST) * len(LAST) + len(FINDABLE)
    expect(tab.page.locator("#results p.muted").first).to_have_text(f"1{DASH}50 of {total}")
    expect(tab.page.locator("#results tbody tr")).to_have_count(50)
    expect(tab.page.get_by_role("link", name="Next →")).to_be_visible()

    tab.page.locator("input[name=q]").press_sequentially("QUI", delay=30)
    rows = tab.page.locator("#results tbody tr")
    expect(rows).to_have_count(len(FINDABLE))
    expect(tab.page.locator("#results p.muted").first).to_have_text(f"1{DASH}3 of {len(FINDABLE)}")
    shown = sorted(rows.locator("td:first-child a").all_inner_texts())
    assert shown == sorted(FINDABLE)
    expect(tab.page.get_by_role("link", name="Next →")).to_have_count(0)
    assert "q=QUI" in tab.page.url  # the search is in the address, so reload keeps it

    tab.page.locator("input[name=q]").fill("nobody-by-this-name")
    expect(tab.page.locator("#results")).to_contain_text("No one matches.")
    expect(rows).to_have_count(0)

    tab.go("/contacts?page=2")
    expect(tab.page.locator("#results p.muted").first).to_have_text(f"51{DASH}{total} of {total}")
    expect(tab.page.get_by_role("link", name="← Previous")).to_be_visible()
    assert tab.dialogs == [] and tab.errors == []


# --- escaping -------------------------------------------------------------------------------


def test_markup_in_a_name_is_shown_as_text_everywhere(tab: Tab, served: Served) -> None:
    """Names come from imported files, so they are untrusted: never markup, never script."""
    ctx = served.ctx
    events.add(ctx, "PyData", held_on=TODAY - timedelta(days=4), where=None)
    evil = person(ctx, SCRIPT_NAME, event="PyData", company=IMG_COMPANY)
    promises.add(ctx, f"#{evil}", "send <b>the</b> deck", owner="me", due=TODAY, today=TODAY)
    event_id = events.show(ctx, "PyData").event.id

    for path in ("/contacts", f"/contacts/{evil}", "/triage?event=PyData", "/today"):
        tab.go(path)
        expect(tab.page.get_by_text(SCRIPT_NAME).first).to_be_visible()
        assert tab.page.locator("img").count() == 0, path
        assert tab.page.locator("main script").count() == 0, path
    tab.go(f"/contacts/{evil}")
    expect(tab.page.get_by_text(IMG_COMPANY).first).to_be_visible()
    expect(tab.page.get_by_text("send <b>the</b> deck", exact=True)).to_be_visible()
    tab.go(f"/events/{event_id}")
    expect(tab.page.get_by_text(IMG_COMPANY, exact=True)).to_be_visible()

    # Fragments swapped in by htmx are escaped too: the search results and the triage note.
    tab.go("/contacts")
    tab.page.locator("input[name=q]").press_sequentially("<script", delay=30)
    expect(tab.page.locator("#results tbody tr")).to_have_count(1)
    expect(tab.page.locator("#results").get_by_text(SCRIPT_NAME)).to_be_visible()
    tab.go("/triage?event=PyData")
    tab.page.locator(f"#person-{evil}").get_by_role("button", name="2 · connector").click()
    expect(tab.page.locator(f"#person-{evil}[data-moved]")).to_contain_text(SCRIPT_NAME)

    # The flash after a plain form post, and a note with markup that yields a promise.
    tab.go(f"/contacts/{evil}")
    tab.page.locator("form.piles").get_by_role("button", name="general").click()
    expect(tab.page.locator("#flash")).to_contain_text(f"{SCRIPT_NAME} is now in general.")
    note = "I'll send you the <script>alert(3)</script> deck on Friday"
    tab.page.locator("textarea[name=text]").fill(note)
    tab.page.get_by_role("button", name="Save note").click()
    expect(tab.page.locator(".timeline")).to_contain_text(note)

    tab.page.wait_for_timeout(200)  # give a smuggled onerror the time to fire
    assert tab.dialogs == []
    assert tab.errors == []


# --- CSRF -----------------------------------------------------------------------------------

POST_FORM = """async ([url, fields, headers]) => {
  const response = await fetch(url, {
    method: "POST", body: new URLSearchParams(fields), headers: headers, redirect: "manual",
  });
  return response.type === "opaqueredirect" ? 303 : response.status;
}"""


def test_a_post_without_the_csrf_token_is_refused(tab: Tab, served: Served) -> None:
    """Only the token tells the app's own forms from a forged request with the same cookie."""
    ctx = served.ctx
    events.add(ctx, "PyData", held_on=TODAY - timedelta(days=4), where=None)
    contact_id = person(ctx, "Nadia Haddad", event="PyData")
    tab.go("/triage?event=PyData")  # the session (and its token) now exists
    token = tab.page.locator("input[name=csrf_token]").first.input_value()
    assert len(token) >= 32
    path = f"/triage/{contact_id}"

    assert tab.page.evaluate(POST_FORM, [path, {"pile": "target"}, {}]) == 403
    assert piles_of(ctx, "PyData") == {contact_id: None}
    wrong = {"pile": "target", "csrf_token": token[:-2] + "xx"}
    assert tab.page.evaluate(POST_FORM, [path, wrong, {}]) == 403
    assert tab.page.evaluate(POST_FORM, [path, {"pile": "target"}, {"X-CSRF-Token": ""}]) == 403
    assert piles_of(ctx, "PyData") == {contact_id: None}

    good = {"pile": "target", "csrf_token": token}
    assert tab.page.evaluate(POST_FORM, [path, good, {}]) in (200, 303)
    assert piles_of(ctx, "PyData") == {contact_id: "target"}
    # htmx's way: the token in the X-CSRF-Token header instead of the body.
    by_header = [path, {"pile": "general"}, {"X-CSRF-Token": token, "HX-Request": "true"}]
    assert tab.page.evaluate(POST_FORM, by_header) == 200
    assert piles_of(ctx, "PyData") == {contact_id: "general"}
    assert tab.dialogs == [] and tab.errors == []


# --- screenshots ----------------------------------------------------------------------------

PEOPLE = (
    # name, company, title, event, pile
    ("Amara Okafor", "Northwind Analytics", "Head of Data", "PyData London 2026", "target"),
    ("Bao Tran", "Contoso", "ML Engineer", "PyData London 2026", "connector"),
    ("Carmen Ruiz", "Fabrikam", "CTO", "PyData London 2026", None),
    ("Dmitri Volkov", "Tailspin Toys", "Data Scientist", "PyData London 2026", None),
    ("Elena Rossi", "Wide World Importers", "VP Engineering", "PyData London 2026", "target"),
    ("Farid Haddad", "Litware", "Founder", "PyData London 2026", None),
    ("Grace Mbeki", "Adventure Works", "Platform Lead", "DevOpsDays Berlin", "general"),
    ("Hiro Tanaka", "Proseware", "SRE Manager", "DevOpsDays Berlin", "connector"),
    ("Ingrid Larsen", "Coho Vineyard", "Director of IT", "DevOpsDays Berlin", "target"),
    ("Jonas Weber", "Fourth Coffee", "Staff Engineer", "DevOpsDays Berlin", "general"),
    ("Keiko Ito", "Lucerne Publishing", "Developer Advocate", "DevOpsDays Berlin", "connector"),
    ("Luis Ortega", "Margie's Travel", "Engineering Manager", "DevOpsDays Berlin", None),
)


def realistic_network(ctx: Context) -> dict[str, int]:
    """A dozen people over two events, with touches, promises and notes, so the pages in the
    screenshots look as they would a few weeks into real use."""
    events.add(ctx, "PyData London 2026", held_on=TODAY - timedelta(days=6), where="London")
    events.add(ctx, "DevOpsDays Berlin", held_on=TODAY - timedelta(days=45), where="Berlin")
    ids: dict[str, int] = {}
    for name, company, title, event, pile in PEOPLE:
        first, last = name.lower().split()
        ids[name] = person(
            ctx,
            name,
            company=company,
            title=title,
            event=event,
            pile=pile,
            email=f"{first}.{last}@{company.split()[0].lower().strip(chr(39))}.example",
            tags=["python"] if "PyData" in event else ["devops"],
        )
    touch_plan = (
        ("Amara Okafor", "email", "checkin", "Thanks for the chat about feature stores", 5),
        ("Bao Tran", "linkedin", "engage", "Liked the post on model monitoring", 3),
        ("Grace Mbeki", "meeting", "meeting", "Coffee near Alexanderplatz", 44),
        ("Hiro Tanaka", "email", "content", "Sent the SLO article", 30),
        ("Ingrid Larsen", "call", "checkin", "Talked about the migration project", 41),
        ("Keiko Ito", "message", "thanks", "Thanked her for the intro to Jonas", 20),
    )
    for name, via, kind, summary, days in touch_plan:
        touches.log(
            ctx,
            f"#{ids[name]}",
            via=via,
            kind=kind,
            summary=summary,
            on=TODAY - timedelta(days=days),
            today=TODAY,
        )
    promise_plan = (
        ("Amara Okafor", "send the benchmark notebook", "me", -1),
        ("Elena Rossi", "intro to Hiro about SRE hiring", "me", 0),
        ("Ingrid Larsen", "lunch when she is in London", "both", 12),
        ("Bao Tran", "share the conference slides", "them", 3),
    )
    for name, what, owner, due_in in promise_plan:
        promises.add(
            ctx,
            f"#{ids[name]}",
            what,
            owner=owner,
            due=TODAY + timedelta(days=due_in),
            today=TODAY - timedelta(days=5),
        )
    for name, text in (
        ("Amara Okafor", "Building a feature store on Postgres; two kids; runs marathons."),
        ("Elena Rossi", "Hiring three data engineers in Q1. Prefers e-mail over calls."),
        ("Grace Mbeki", "Moved from Nairobi last year, speaks at KubeCon in March."),
    ):
        notes.add(
            ctx,
            f"#{ids[name]}",
            text,
            written_on=TODAY - timedelta(days=5),
            detect=False,
            today=TODAY,
        )
    return ids


def test_screenshots_of_every_page(tab: Tab, served: Served, tmp_path: Path) -> None:
    """PNGs for a human to look at; the test checks each page rendered with content."""
    ctx = served.ctx
    ids = realistic_network(ctx)
    pydata = events.show(ctx, "PyData London 2026").event.id
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = (
        ("today", "/today", "Today"),
        ("triage", "/triage?event=PyData%20London%202026", "Triage"),
        ("contacts", "/contacts", "Contacts"),
        ("contact", f"/contacts/{ids['Amara Okafor']}", "Amara Okafor"),
        ("events", "/events", "Events"),
        ("event", f"/events/{pydata}", "PyData London 2026"),
        ("insight", "/insight", "Insight"),
        ("import", "/import", "Import contacts"),
    )
    for stem, path, heading in pages:
        tab.go(path)
        expect(tab.page.locator("h1").first).to_contain_text(heading)
        shot = SCREENSHOTS / f"{stem}.png"
        tab.page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5_000
    tab.go("/insight")
    assert tab.page.locator("main svg").count() >= 1

    # The import's dry run, which only exists after an upload.
    card = tmp_path / "card.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Maya Lindqvist\r\nN:Lindqvist;Maya;;;\r\n"
        "EMAIL:maya@example.org\r\nORG:Initech\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    tab.go("/import")
    tab.page.locator("input[type=file]").set_input_files(str(card))
    tab.page.get_by_role("button", name="Check the file").click()
    expect(tab.page.locator("main")).to_contain_text("What importing card.vcf would do")
    tab.page.screenshot(path=str(SCREENSHOTS / "import-dry-run.png"), full_page=True)
    assert contacts.listing(ctx, contacts.ListQuery(search="Lindqvist"), today=TODAY) == []
    tab.page.get_by_role("button", name="Import these contacts").click()
    expect(tab.page.locator("main")).to_contain_text("Imported: 1 new")
    assert [
        p.name for p in contacts.listing(ctx, contacts.ListQuery(search="Lindqvist"), today=TODAY)
    ] == ["Maya Lindqvist"]
    assert tab.dialogs == [] and tab.errors == []


def test_pages_run_under_the_content_security_policy(tab: Tab, served: Served) -> None:
    """No inline script or style element is refused by the policy, and the triage event
    filter (once an inline handler) still applies on choosing."""
    events.add(served.ctx, "RustConf", held_on=TODAY, where=None)
    person(served.ctx, "Ada Lovelace", event="RustConf")
    refused: list[str] = []
    tab.page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in ("/today", "/contacts", "/events", "/insight", "/import", "/triage"):
        tab.go(path)
    tab.page.select_option("select[name=event]", "RustConf")
    expect(tab.page).to_have_url(re.compile(r"event=RustConf"))
    assert refused == [] and tab.errors == []
