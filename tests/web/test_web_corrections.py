"""Corrections on the web: every touch, note, promise and event can be edited and deleted
from its page, with the session token, and what the user typed comes back escaped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from followthru.services import contact_detail, corrections, events, notes, promises, touches
from followthru.services.runtime import Context
from test_web import TODAY, client_for, person, token_of
from test_web_browser import Served, Tab, browser, expect, served, tab

EVIL = "<script>alert(1)</script>"


@pytest.fixture
def web(ctx: Context) -> Iterator[TestClient]:
    with client_for(ctx) as client:
        yield client


def _post(client: TestClient, path: str, **data: str) -> str:
    """Post a form with the page's token; the page the redirect lands on."""
    token = token_of(client)
    sent = client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    landed = client.get(sent.headers["location"])
    assert landed.status_code == 200
    return landed.text


def _touch(ctx: Context, cid: int, summary: str = "coffee") -> int:
    touches.log(
        ctx,
        f"#{cid}",
        via="call",
        kind="checkin",
        summary=summary,
        inbound=False,
        on=TODAY - timedelta(days=2),
        today=TODAY,
    )
    return corrections.touches(ctx, f"#{cid}")[0].id


def _records(ctx: Context) -> tuple[int, int, int, int]:
    """A person with one touch, one note and one open promise: their IDs."""
    cid = person(ctx, "Jane Doe")
    tid = _touch(ctx, cid)
    nid = notes.add(ctx, f"#{cid}", "plain", written_on=TODAY, detect=False, today=TODAY).id
    pid = promises.add(ctx, f"#{cid}", "lunch", owner="me", due=None, today=TODAY).id
    return cid, tid, nid, pid


def test_a_touch_is_edited_and_deleted(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe")
    tid = _touch(ctx, cid)
    page = web.get(f"/contacts/{cid}").text
    assert f'action="/touches/{tid}/edit"' in page and f'action="/touches/{tid}/delete"' in page
    landed = _post(
        web, f"/touches/{tid}/edit", on="2026-11-01", kind="meeting", via="email", summary="sent"
    )
    assert f"Changed touch #{tid}." in landed
    [edited] = corrections.touches(ctx, f"#{cid}")
    assert (edited.happened_on.isoformat(), edited.kind, edited.channel) == (
        "2026-11-01",
        "meeting",
        "email",
    )
    assert edited.summary == "sent"
    landed = _post(web, f"/touches/{tid}/delete")
    assert f"Deleted touch #{tid}." in landed and "Undo in History</a>" in landed
    assert corrections.touches(ctx, f"#{cid}") == []


def test_a_note_is_edited_and_deleted(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe")
    nid = notes.add(
        ctx, f"#{cid}", "met at the bar", written_on=TODAY, detect=False, today=TODAY
    ).id
    landed = _post(web, f"/notes/{nid}/edit", text="met at the talk")
    assert f"Changed note #{nid}." in landed and "met at the talk" in landed
    _post(web, f"/notes/{nid}/delete")
    timeline = contact_detail.show(ctx, f"#{cid}", today=TODAY).timeline
    assert [i for i in timeline if i.kind == "note"] == []


def test_a_promise_is_edited(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe")
    pid = promises.add(ctx, f"#{cid}", "send deck", owner="me", due=TODAY, today=TODAY).id
    assert f'action="/promises/{pid}/edit"' in web.get(f"/contacts/{cid}").text
    _post(web, f"/promises/{pid}/edit", what="send the slides", owner="them", due="2026-12-01")
    [p] = promises.listing(ctx, today=TODAY)
    assert (p.what, p.owner, p.due_on.isoformat() if p.due_on else None) == (
        "send the slides",
        "them",
        "2026-12-01",
    )


def test_an_event_is_edited_and_deleted(ctx: Context, web: TestClient) -> None:
    made = events.add(ctx, "PyData", held_on=TODAY, where="London")
    cid = person(ctx, "Jane Doe", event="PyData")
    landed = _post(
        web,
        f"/events/{made.id}/edit",
        name="PyData London",
        held_on="2026-11-02",
        where="Docklands",
    )
    assert "PyData London" in landed and "2026-11-02" in landed and "Docklands" in landed
    landed = _post(web, f"/events/{made.id}/delete")
    assert "Deleted event PyData London" in landed
    assert events.listing(ctx) == []
    assert web.get(f"/contacts/{cid}").status_code == 200  # the person stays


def test_bad_corrections_are_refused_by_the_error_page(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe")
    nid = notes.add(ctx, f"#{cid}", "hello", written_on=TODAY, detect=False, today=TODAY).id
    token = token_of(web)
    empty = web.post(f"/notes/{nid}/edit", data={"text": "  ", "csrf_token": token})
    assert empty.status_code == 400 and "cannot be empty" in empty.text
    missing = web.post("/touches/999/delete", data={"csrf_token": token})
    assert missing.status_code == 400 and "no touch #999" in missing.text
    bad_kind = web.post(
        f"/touches/{_touch(ctx, cid)}/edit",
        data={"on": "2026-11-01", "kind": "nonsense", "via": "call", "csrf_token": token},
    )
    assert bad_kind.status_code == 400


def test_corrections_need_the_session_token(ctx: Context, web: TestClient) -> None:
    cid, tid, nid, pid = _records(ctx)
    event = events.add(ctx, "RustConf", held_on=None, where=None)
    for path, data in (
        (f"/touches/{tid}/edit", {"on": "2026-11-01", "kind": "meeting", "via": "call"}),
        (f"/touches/{tid}/delete", {}),
        (f"/notes/{nid}/edit", {"text": "changed"}),
        (f"/notes/{nid}/delete", {}),
        (f"/promises/{pid}/edit", {"what": "dinner", "owner": "me"}),
        (f"/events/{event.id}/edit", {"name": "Other"}),
        (f"/events/{event.id}/delete", {}),
    ):
        for token in ({}, {"csrf_token": "forged"}):
            sent = web.post(path, data={**data, **token}, follow_redirects=False)
            assert sent.status_code == 403, path
    assert len(corrections.touches(ctx, f"#{cid}")) == 1
    assert [e.name for e in events.listing(ctx)] == ["RustConf"]


def test_corrected_text_is_escaped(ctx: Context, web: TestClient) -> None:
    _, tid, nid, pid = _records(ctx)
    made = events.add(ctx, "Night", held_on=None, where=None)
    _post(web, f"/touches/{tid}/edit", on="2026-11-01", kind="meeting", via="call", summary=EVIL)
    _post(web, f"/notes/{nid}/edit", text=EVIL + " note")
    page = _post(web, f"/promises/{pid}/edit", what=EVIL + " promise", owner="me")
    event_page = _post(web, f"/events/{made.id}/edit", name=EVIL, where=EVIL)
    for text in (page, event_page):
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.slow
def test_a_note_is_edited_then_deleted_by_clicking(tab: Tab, served: Served) -> None:
    """In Chromium, under the page's Content-Security-Policy: Edit and Delete open in place,
    and a delete takes a second click."""
    other, _, _, _ = _records(served.ctx)
    cid = person(served.ctx, "Ada Lovelace")
    notes.add(served.ctx, f"#{cid}", "met at PyData", written_on=TODAY, detect=False, today=TODAY)
    tab.go(f"/contacts/{cid}")
    item = tab.page.locator(".timeline li.kind-note")
    item.locator("summary", has_text="Edit").click()
    item.locator("textarea[name=text]").fill("met at the PyData keynote")
    item.get_by_role("button", name="Save changes").click()
    expect(tab.page.locator("#flash")).to_contain_text("Changed note")
    expect(item).to_contain_text("met at the PyData keynote")
    item.locator("summary", has_text="Delete").click()
    item.get_by_role("button", name="Yes, delete note").click()
    expect(tab.page.locator("#flash")).to_contain_text("Deleted note")
    expect(tab.page.locator("#flash").get_by_role("link", name="Undo in History")).to_be_visible()
    expect(tab.page.locator(".timeline li.kind-note")).to_have_count(0)
    kept = contact_detail.show(served.ctx, f"#{other}", today=TODAY).timeline
    assert [i.text for i in kept if i.kind == "note"] == ["plain"]  # only the one deleted goes
    assert tab.dialogs == [] and tab.errors == []
