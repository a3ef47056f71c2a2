"""The web app through its HTTP interface (on SQLite): pages, the JSON API,
and every security rule (sign-in, CSRF, cross-site writes, host names, escaping, feed)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followthru.domain.vocab import PromiseStatus
from followthru.services import access, contacts, events, promises, touches
from followthru.services.runtime import Context
from followthru.web.app import create_app

TODAY = date(2026, 11, 20)
BASE = "http://127.0.0.1"


def client_for(ctx: Context, **kwargs: Any) -> TestClient:
    return TestClient(create_app(ctx, today=TODAY, **kwargs), base_url=BASE)


@pytest.fixture
def web(ctx: Context) -> Iterator[TestClient]:
    with client_for(ctx) as client:
        yield client


def token_of(client: TestClient, path: str = "/today") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'"X-CSRF-Token": "([^"]+)"', page.text)
    assert found, "every page carries the CSRF token for its forms and htmx"
    return found.group(1)


def person(ctx: Context, name: str, **fields: Any) -> int:
    added = contacts.add(ctx, contacts.NewContact(name=name, **fields), today=TODAY)
    return added.contact.id


def test_every_page_renders(ctx: Context, web: TestClient) -> None:
    events.add(ctx, "PyData London", held_on=TODAY - timedelta(days=3), where="London")
    jane = person(ctx, "Jane Doe", emails=["jane@example.com"], event="PyData London")
    promises.add(ctx, f"#{jane}", "send the deck", owner="me", due=TODAY, today=TODAY)
    for path in (
        "/today",
        "/triage",
        "/triage?event=PyData+London",
        "/contacts",
        f"/contacts/{jane}",
        "/events",
        "/events/1",
        "/insight",
        "/import",
    ):
        page = web.get(path)
        assert page.status_code == 200, (path, page.text[:500])
        assert page.headers["content-type"].startswith("text/html")
    assert web.get("/").status_code == 200  # redirected to today
    insight = web.get("/insight").text
    assert insight.count("<svg") == 4
    assert "send the deck" in web.get("/today").text


def test_user_text_is_escaped_everywhere(ctx: Context, web: TestClient) -> None:
    evil = "<script>alert(1)</script>"
    cid = person(ctx, evil, company="<img src=x onerror=alert(2)>", event="<b>Night</b>")
    promises.add(ctx, f"#{cid}", "<i>lunch</i>", owner="me", due=TODAY, today=TODAY)
    for path in ("/contacts", f"/contacts/{cid}", "/triage", "/today", "/events", "/events/1"):
        text = web.get(path).text
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "<b>Night</b>" not in text and "<i>lunch</i>" not in text, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in web.get(f"/contacts/{cid}").text


def test_form_posts_need_the_session_token(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Sam Lee")
    refused = web.post(f"/triage/{cid}", data={"pile": "target"}, follow_redirects=False)
    assert refused.status_code == 403
    wrong = web.post(
        f"/triage/{cid}", data={"pile": "target", "csrf_token": "forged"}, follow_redirects=False
    )
    assert wrong.status_code == 403
    assert contacts.listing(ctx, contacts.ListQuery(pile="untriaged"), today=TODAY)
    token = token_of(web, "/triage")
    moved = web.post(
        f"/triage/{cid}", data={"pile": "target", "csrf_token": token}, follow_redirects=False
    )
    assert moved.status_code == 303
    assert [p.name for p in contacts.listing(ctx, contacts.ListQuery(pile="target"), today=TODAY)]
    # htmx sends the token as a header instead of a form field
    by_header = web.post(
        f"/triage/{cid}", data={"pile": "general"}, headers={"X-CSRF-Token": token}
    )
    assert by_header.status_code == 200


def test_cross_site_writes_are_refused_even_with_a_token(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Sam Lee")
    token = token_of(web)
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        sent = web.post(
            f"/triage/{cid}", data={"pile": "target", "csrf_token": token}, headers=headers
        )
        assert sent.status_code == 403, headers
        api = web.post("/api/v1/contacts", json={"name": "Mallory"}, headers=headers)
        assert api.status_code == 403, headers
    same = web.post(
        f"/triage/{cid}",
        data={"pile": "target", "csrf_token": token},
        headers={"Origin": BASE, "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert same.status_code == 303


def test_unknown_host_names_are_refused_on_loopback(web: TestClient) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: the Host header tells."""
    assert web.get("/today", headers={"Host": "evil.example"}).status_code == 400
    assert web.get("/today", headers={"Host": "localhost:8765"}).status_code == 200


def test_session_cookie_is_http_only_and_same_site(web: TestClient) -> None:
    cookie = web.get("/today").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_today_done_logs_the_touch_and_keeps_the_promise(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe", emails=["jane@example.com"])
    made = promises.add(ctx, f"#{cid}", "send the deck", owner="me", due=TODAY, today=TODAY)
    page = web.get("/today").text
    assert "mailto:jane%40example.com?body=" in page
    token = token_of(web)
    form = {
        "contact_id": str(cid),
        "action": "promise",
        "via": "email",
        "summary": "sent the deck",
        "promise_id": str(made.id),
        "csrf_token": token,
    }
    done = web.post("/today/done", data=form, headers={"HX-Request": "true"})
    assert done.status_code == 200
    assert "Logged checkin via email" in done.text and "kept" in done.text
    kept = promises.listing(ctx, today=TODAY, include_closed=True)[0]
    assert kept.status == "done"
    again = web.post("/today/done", data=form, headers={"HX-Request": "true"})
    assert "already done" in again.text and again.headers["HX-Retarget"] == "#flash"
    assert len(touches_of(ctx, cid)) == 1, "the failed second click wrote nothing"


def touches_of(ctx: Context, cid: int) -> list[Any]:
    from followthru.services.contact_detail import show

    return [t for t in show(ctx, f"#{cid}", today=TODAY).timeline if t.kind == "touch"]


def test_week_items_tick_off(ctx: Context, web: TestClient) -> None:
    for i in range(5):
        cid = person(ctx, f"Person {i}", pile="target")
        touches.log(
            ctx,
            f"#{cid}",
            via="email",
            kind="checkin",
            summary="hi",
            on=TODAY - timedelta(days=60),
            today=TODAY,
        )
    plan = web.get("/api/v1/week").json()
    assert plan["total"] >= 1
    token = token_of(web)
    ticked = web.post(
        "/week/1", data={"status": "done", "csrf_token": token}, headers={"HX-Request": "true"}
    )
    assert ticked.status_code == 200 and 'id="week"' in ticked.text
    assert web.get("/api/v1/week").json()["items"][0]["status"] == "done"


def test_contacts_are_paged_and_searched(ctx: Context, web: TestClient) -> None:
    for i in range(60):
        person(ctx, f"Person {i:02d}", company="Acme" if i % 2 else "Globex")
    first = web.get("/contacts").text
    assert "1\u201350 of 60" in first and 'rel="next"' in first
    second = web.get("/contacts?page=2").text
    assert "51\u201360 of 60" in second and 'rel="next"' not in second
    search = web.get("/contacts?q=globex", headers={"HX-Request": "true", "HX-Target": "results"})
    assert "of 30" in search.text and "<html" not in search.text
    api = web.get("/api/v1/contacts", params={"search": "acme", "limit": 10, "offset": 25}).json()
    assert api["total"] == 30 and len(api["contacts"]) == 5


def test_contact_page_forms(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe")
    token = token_of(web, f"/contacts/{cid}")
    web.post(
        f"/contacts/{cid}/notes",
        data={"text": "I'll send her the deck tomorrow", "csrf_token": token},
    )
    open_promises = promises.listing(ctx, today=TODAY)
    assert [p.what for p in open_promises] and open_promises[0].due_on == TODAY + timedelta(days=1)
    logged = web.post(
        f"/contacts/{cid}/touches",
        data={"via": "call", "kind": "checkin", "summary": "caught up", "csrf_token": token},
    )
    assert "Logged checkin via call" in logged.text
    future = web.post(
        f"/contacts/{cid}/touches",
        data={"via": "call", "kind": "checkin", "on": "2027-01-01", "csrf_token": token},
    )
    assert future.status_code == 400 and "cannot happen in the future" in future.text
    web.post(f"/contacts/{cid}/pile", data={"pile": "connector", "csrf_token": token})
    page = web.get(f"/contacts/{cid}").text
    assert "caught up" in page and "badge connector" in page and "total" in page
    web.post(
        f"/contacts/{cid}/promises",
        data={"what": "coffee", "owner": "both", "due": "2026-12-01", "csrf_token": token},
    )
    web.post("/events", data={"name": "RustConf", "held_on": "", "csrf_token": token})
    coffee = [p for p in promises.listing(ctx, today=TODAY) if p.what == "coffee"]
    assert coffee and coffee[0].due_on == date(2026, 12, 1)
    assert [e.held_on for e in events.listing(ctx)] == [None]


def test_import_is_previewed_then_confirmed(ctx: Context, web: TestClient) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\nEND:VCARD\r\n"
    token = token_of(web, "/import")
    preview = web.post(
        "/import",
        data={"csrf_token": token, "event": "", "pile": ""},
        files={"file": ("phone.vcf", card.encode(), "text/vcard")},
    )
    assert preview.status_code == 200 and "What importing phone.vcf would do" in preview.text
    assert contacts.listing(ctx, contacts.ListQuery(), today=TODAY) == []
    upload_id = re.search(r'name="upload_id" value="([^"]+)"', preview.text)
    assert upload_id
    done = web.post("/import/confirm", data={"csrf_token": token, "upload_id": upload_id.group(1)})
    assert "Imported: 1 new" in done.text
    assert [p.name for p in contacts.listing(ctx, contacts.ListQuery(), today=TODAY)] == [
        "Ada Lovelace"
    ]
    replay = web.post(
        "/import/confirm", data={"csrf_token": token, "upload_id": upload_id.group(1)}
    )
    assert replay.status_code == 400 and "no longer here" in replay.text
    wrong = web.post(
        "/import", data={"csrf_token": token}, files={"file": ("notes.txt", b"hello", "text/plain")}
    )
    assert wrong.status_code == 400 and "not a contact file" in wrong.text


def test_api_round_trip(ctx: Context, web: TestClient) -> None:
    made = web.post("/api/v1/events", json={"name": "RustConf", "date": "2026-11-18"})
    assert made.status_code == 201
    added = web.post(
        "/api/v1/contacts",
        json={
            "name": "Lin Chen",
            "emails": ["lin@example.com"],
            "event": "RustConf",
            "pile": "target",
        },
    )
    assert added.status_code == 201, added.text
    cid = added.json()["id"]
    assert web.post("/api/v1/touches", json={"contact_id": cid, "via": "email"}).status_code == 201
    promise = web.post(
        "/api/v1/promises", json={"contact_id": cid, "what": "coffee", "owner": "both"}
    )
    assert promise.status_code == 201
    note = web.post(
        "/api/v1/notes", json={"contact_id": cid, "text": "I will send the slides on Monday"}
    )
    assert note.status_code == 201 and note.json()["promises"]
    pid = promise.json()["id"]
    assert (
        web.post(f"/api/v1/promises/{pid}/drop", json={"why": "moved away"}).json()["status"]
        == "dropped"
    )
    assert (
        web.put(f"/api/v1/contacts/{cid}/pile", json={"pile": "connector"}).json()["pile"]
        == "connector"
    )
    detail = web.get(f"/api/v1/contacts/{cid}").json()
    assert detail["pile"] == "connector" and detail["events"] == ["RustConf"]
    assert web.get("/api/v1/events/1").json()["followed_up"] == 1
    assert web.get(f"/api/v1/contacts/{cid}/why").json()["terms"]
    assert "items" in web.get("/api/v1/today").json()
    bad = web.post("/api/v1/touches", json={"contact_id": cid, "on": "2030-01-01"})
    assert bad.status_code == 400 and "future" in bad.json()["error"]
    missing = web.get("/api/v1/contacts/9999")
    assert missing.status_code == 404 and missing.json()["error"].startswith("No contact")
    schema = web.get("/openapi.json").json()
    assert {"/api/v1/contacts", "/api/v1/today", "/api/v1/week", "/api/v1/promises"} <= set(
        schema["paths"]
    )


def test_password_protects_pages_and_api(ctx: Context, config_file: Path) -> None:
    access.set_password("correct horse")
    with client_for(ctx) as web:
        page = web.get("/today", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/today"
        api = web.get("/api/v1/contacts")
        assert api.status_code == 401 and api.headers["www-authenticate"] == "Bearer"
        token = token_of(web, "/login")
        wrong = web.post("/login", data={"password": "nope", "csrf_token": token})
        assert wrong.status_code == 401
        no_csrf = web.post("/login", data={"password": "correct horse"})
        assert no_csrf.status_code == 403
        signed = web.post(
            "/login",
            data={
                "password": "correct horse",
                "csrf_token": token,
                "next": "https://evil.example/",
            },
            follow_redirects=False,
        )
        assert signed.status_code == 303 and signed.headers["location"] == "/today"
        assert web.get("/today").status_code == 200
        assert web.get("/api/v1/contacts").status_code == 200
        web.post("/logout", data={"csrf_token": token_of(web)})
        assert web.get("/today", follow_redirects=False).status_code == 303


def test_api_token_works_without_a_session(ctx: Context, config_file: Path) -> None:
    token = access.new_api_token()
    with client_for(ctx, host="0.0.0.0") as web:
        assert web.get("/api/v1/contacts").status_code == 401
        auth = {"Authorization": f"Bearer {token}"}
        assert web.get("/api/v1/contacts", headers=auth).status_code == 200
        made = web.post("/api/v1/contacts", json={"name": "Bo"}, headers=auth)
        assert made.status_code == 201
        assert (
            web.get("/api/v1/contacts", headers={"Authorization": "Bearer nope"}).status_code == 401
        )
        # any host name is accepted off loopback: the password or token is the guard there
        assert (
            web.get("/api/v1/contacts", headers={**auth, "Host": "followthru.lan"}).status_code
            == 200
        )


def test_calendar_feed_behind_a_rotatable_secret(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe")
    promises.add(ctx, f"#{cid}", "send the deck", owner="me", due=TODAY, today=TODAY)
    feed = re.search(r'href="(/feed/[^"]+\.ics)"', web.get("/today").text)
    assert feed
    got = web.get(feed.group(1))
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in got.content and b"send the deck" in got.content
    assert web.get("/feed/guess.ics").status_code == 404
    access.rotate_feed_token()
    assert web.get(feed.group(1)).status_code == 404


def test_access_file_is_private(config_file: Path) -> None:
    access.set_password("correct horse")
    path = access.access_path()
    assert path.stat().st_mode & 0o077 == 0
    text = path.read_text()
    assert "correct horse" not in text and "$argon2" in text
    with pytest.raises(Exception, match="at least 8"):
        access.set_password("short")


def test_today_is_fresh_after_changes_made_elsewhere(ctx: Context, web: TestClient) -> None:
    """The app keeps today's plan between requests; a change by another process (here:
    the services directly, as the CLI would) must still show on the next request."""
    cid = person(ctx, "Jane Doe")
    made = promises.add(ctx, f"#{cid}", "send the deck", owner="me", due=TODAY, today=TODAY)
    assert "send the deck" in web.get("/today").text
    assert "send the deck" in web.get("/api/v1/today").text
    promises.close(ctx, made.id, status=PromiseStatus.DONE, today=TODAY)
    assert "send the deck" not in web.get("/today").text
    assert "send the deck" not in web.get("/api/v1/today").text
    promises.add(ctx, f"#{cid}", "book the lunch", owner="me", due=TODAY, today=TODAY)
    assert "book the lunch" in web.get("/today").text


def test_serve_refuses_other_addresses_without_a_password(cli: Any) -> None:
    refused = cli("serve", "--host", "0.0.0.0")
    assert refused.exit_code == 2
    assert "Refusing to listen on 0.0.0.0 without a password" in refused.output


def test_serve_sets_password_token_and_feed(cli: Any, config_file: Path) -> None:
    short = cli("serve", "--set-password", input="short\n")
    assert short.exit_code == 2 and "at least 8" in short.output
    cli.ok("serve", "--set-password", input="correct horse\n")
    assert access.check_password(access.load(), "correct horse")
    made = cli.ok("serve", "--new-token")
    token = made.stdout.strip().splitlines()[-1]
    assert access.check_api_token(access.load(), token)
    before = access.load().feed_token
    rotated = cli.ok("serve", "--rotate-feed")
    assert before not in rotated.stdout and access.load().feed_token in rotated.stdout


def test_plan_is_made_again_in_the_background_after_a_change(ctx: Context) -> None:
    """After a change by another process the background makes the new plan, so the next
    look at Today does not pay for it (SQLite files; elsewhere nothing is kept)."""
    from followthru.web.plan_cache import PlanCache

    cache = PlanCache(ctx, lambda: TODAY)
    cid = person(ctx, "Jane Doe")
    promises.add(ctx, f"#{cid}", "send the deck", owner="me", due=TODAY, today=TODAY)
    if ctx.db.change_token() is None:
        assert any("send the deck" in item.why for item in cache.get().items)
        return
    cache.start()
    try:
        promises.add(ctx, f"#{cid}", "book the lunch", owner="me", due=TODAY, today=TODAY)
        token = ctx.db.change_token()
        for _ in range(100):  # bounded: at most 10 s
            if any(key[0] == token for key in cache._plans):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the background never made the plan for the changed database")
        whats = [i.why for i in cache.get().items]
        assert any("book the lunch" in why for why in whats)
    finally:
        cache.stop()


def test_serve_says_when_the_port_is_taken(cli: Any) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = str(busy.getsockname()[1])
        taken = cli("serve", "--port", port)
    assert taken.exit_code == 2 and f"Cannot listen on 127.0.0.1:{port}" in taken.output


def test_serve_socket_is_tcp_so_nagle_is_turned_off() -> None:
    """asyncio sets TCP_NODELAY only on sockets that name TCP as their protocol; a socket
    made with protocol 0 made every response wait for a delayed ACK (~40 ms)."""
    import socket

    from followthru.cli.serve import _listen

    sock = _listen("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()


def test_mailto_links_cannot_carry_extra_headers(ctx: Context, web: TestClient) -> None:
    """An address from an imported file may hold `?bcc=`: encoded, it stays an address."""
    odd = "jane%40example.com?bcc=spy%40evil.example&x=@y.com"
    cid = person(ctx, "Jane Doe", emails=[odd])
    promises.add(ctx, f"#{cid}", "send the deck", owner="me", due=TODAY, today=TODAY)
    for path in ("/today", f"/contacts/{cid}"):
        links = re.findall(r'href="(mailto:[^"]*)"', web.get(path).text)
        assert links, path
        for link in links:
            address = link.removeprefix("mailto:").split("?body=")[0]
            assert "?" not in address and "&" not in address, link


def sign_in_with(web: TestClient, password: str) -> None:
    token = token_of(web, "/login")
    answer = web.post("/login", data={"password": password, "csrf_token": token})
    assert answer.status_code == 200, answer.text[:300]


def test_access_changes_take_effect_on_a_running_server(ctx: Context, config_file: Path) -> None:
    access.set_password("correct horse")
    with client_for(ctx) as web:
        sign_in_with(web, "correct horse")
        kept_cookie = dict(web.cookies)
        web.post("/logout", data={"csrf_token": token_of(web)})
        web.cookies.clear()
        web.cookies.update(kept_cookie)  # a copied cookie, replayed after signing out
        assert web.get("/today", follow_redirects=False).status_code == 303
        sign_in_with(web, "correct horse")
        access.set_password("battery staple")  # from the CLI, while serving
        assert web.get("/today", follow_redirects=False).status_code == 303
        assert (
            web.post(
                "/login", data={"password": "correct horse", "csrf_token": token_of(web, "/login")}
            ).status_code
            == 401
        )
        old = access.new_api_token()
        new = access.new_api_token()
        assert (
            web.get("/api/v1/contacts", headers={"Authorization": f"Bearer {old}"}).status_code
            == 401
        )
        assert (
            web.get("/api/v1/contacts", headers={"Authorization": f"Bearer {new}"}).status_code
            == 200
        )
        assert web.get("/openapi.json").status_code == 401, "the schema is behind the sign-in too"


def test_huge_numbers_and_spans_are_bad_input_not_server_errors(web: TestClient) -> None:
    assert web.get("/contacts?page=1180591620717411303424").status_code == 200
    assert web.get("/api/v1/contacts?offset=9223372036854775808").status_code == 400
    assert web.get("/contacts?dormant=99999999d").status_code == 400
    assert web.get("/api/v1/contacts/99999999999999999999").status_code == 404


def test_bad_form_values_get_a_page_not_a_json_dump(web: TestClient) -> None:
    token = token_of(web)
    sent = web.post("/today/done", data={"contact_id": "abc", "csrf_token": token})
    assert sent.status_code == 400 and "missing or unusable values" in sent.text
    assert sent.headers["content-type"].startswith("text/html")


def test_an_event_named_like_an_id_is_found_by_its_name(ctx: Context, web: TestClient) -> None:
    events.add(ctx, "PyCon", held_on=TODAY, where=None)
    events.add(ctx, "#1", held_on=TODAY, where=None)
    bob = person(ctx, "Bob Stone", event="#1")
    assert [
        e.name for e in contacts.listing(ctx, contacts.ListQuery(event="#1"), today=TODAY)[0].events
    ] == ["#1"]
    assert "Bob Stone" in web.get("/triage?event=%231").text
    assert web.get(f"/contacts/{bob}").status_code == 200


def test_a_path_id_is_an_id_never_a_name(ctx: Context, web: TestClient) -> None:
    """`/events/1` is event 1, even when another event is *named* "#1"; same for people."""
    first = events.add(ctx, "PyCon", held_on=TODAY, where=None)
    named = events.add(ctx, "#1", held_on=TODAY, where=None)
    zed, hash_one = person(ctx, "Zed Alpha"), person(ctx, "#1")
    assert (first.id, zed) == (1, 1) and (named.id, hash_one) == (2, 2)
    for path, shown, hidden in (("/events/1", "PyCon", "#1"), ("/contacts/1", "Zed Alpha", "#1")):
        title = re.search(r"<h1[^>]*>(.*?)</h1>", web.get(path).text, re.S)
        assert title and shown in title.group(1) and hidden not in title.group(1), path
    assert web.get("/api/v1/events/1").json()["name"] == "PyCon"
    assert web.get("/api/v1/events/2").json()["name"] == "#1"
    assert web.get("/api/v1/contacts/1").json()["name"] == "Zed Alpha"
    assert web.get("/api/v1/contacts/2").json()["name"] == "#1"


def test_dormant_trend_ends_at_the_dormant_count(ctx: Context) -> None:
    from followthru.services import stats

    person(ctx, "Never Touched")  # no met date, never touched: not dormant in either
    old = person(ctx, "Long Gone", met_on=TODAY - timedelta(days=400))
    touches.log(
        ctx,
        f"#{old}",
        via="email",
        kind="checkin",
        summary="",
        on=TODAY - timedelta(days=200),
        today=TODAY,
    )
    recent = person(ctx, "Recent", met_on=TODAY - timedelta(days=400))
    touches.log(
        ctx,
        f"#{recent}",
        via="email",
        kind="checkin",
        summary="",
        on=TODAY - timedelta(days=3),
        today=TODAY,
    )
    figures = stats.stats(ctx, today=TODAY)
    assert figures.dormant == 1
    assert figures.dormant_trend[-1] == (TODAY, 1)
    assert figures.dormant_trend[0][1] == 2  # eight weeks ago Recent had not been touched for long


def test_today_is_fresh_after_a_write_through_the_app(ctx: Context, web: TestClient) -> None:
    cid = person(ctx, "Jane Doe")
    made = promises.add(ctx, f"#{cid}", "send the deck", owner="me", due=TODAY, today=TODAY)
    assert "send the deck" in web.get("/today").text
    form = {
        "contact_id": str(cid),
        "action": "promise",
        "via": "email",
        "promise_id": str(made.id),
        "csrf_token": token_of(web),
    }
    assert web.post("/today/done", data=form, follow_redirects=False).status_code == 303
    assert "send the deck" not in web.get("/today").text


def test_kept_views_are_made_again_after_any_change(ctx: Context) -> None:
    """The events, the picker, the week and the digests are kept between requests until
    the database changes (SQLite files); with no change token each request makes them."""
    from followthru.web.kept import Kept

    kept, made = Kept(ctx), []

    def make() -> int:
        made.append(len(made) + 1)
        return made[-1]

    first = kept.get("view", make)
    again = kept.get("view", make)
    assert kept.get(("view", TODAY), make) == len(made)  # another key, another view
    events.add(ctx, "PyData London", held_on=None, where=None)
    after = kept.get("view", make)
    if ctx.db.change_token() is None:
        assert (first, again, after) == (1, 2, 4)
    else:
        assert (first, again, after) == (1, 1, 3)


def test_pages_show_a_change_made_by_another_connection(ctx: Context, web: TestClient) -> None:
    assert web.get("/api/v1/events").json() == []
    assert "PyData London" not in web.get("/contacts").text
    events.add(ctx, "PyData London", held_on=TODAY, where="London")
    assert [e["name"] for e in web.get("/api/v1/events").json()] == ["PyData London"]
    assert '<option value="PyData London">' in web.get("/contacts").text
    jane = person(ctx, "Jane Doe", event="PyData London")
    assert web.get("/api/v1/events").json()[0]["untriaged"] == 1
    contacts.set_pile(ctx, jane, "target", today=TODAY)
    assert web.get("/api/v1/events").json()[0]["piles"]["target"] == 1


def test_the_heap_frozen_while_serving_is_handed_back(ctx: Context) -> None:
    """What start-up loaded is kept out of the cycle collector only while the app runs."""
    import gc

    with client_for(ctx) as client:
        assert client.get("/healthz").status_code == 200
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_request_never_waits_for_a_plan_it_does_not_need(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the default plan is being made (by the background, say), a request for
    another plan makes its own at once instead of queueing behind it."""
    from followthru.web import plan_cache
    from followthru.web.plan_cache import PlanCache

    making, release = threading.Event(), threading.Event()
    real = plan_cache.planning.today

    def slow_default(c: Context, *, today: date, n: int | None, drafts: bool) -> Any:
        if n is None:
            making.set()
            release.wait(10)
        return real(c, today=today, n=n, drafts=drafts)

    monkeypatch.setattr(plan_cache.planning, "today", slow_default)
    monkeypatch.setattr(ctx.db, "change_token", lambda: 1)
    cache = PlanCache(ctx, lambda: TODAY)
    default = threading.Thread(target=cache.get)
    default.start()
    try:
        assert making.wait(10)
        assert cache.get(n=3).items == []  # made while the default one is still in the making
        assert default.is_alive()
    finally:
        release.set()
        default.join(10)
    assert cache.get() is cache.get()  # the default plan was kept once made
