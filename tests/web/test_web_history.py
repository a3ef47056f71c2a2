"""Undo on the web: after an import, a triage move, and from the History page (and API)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followthru.services import contacts
from followthru.services.runtime import Context
from test_web import TODAY, client_for, person, token_of


@pytest.fixture
def web(ctx: Context) -> Iterator[TestClient]:
    with client_for(ctx) as client:
        yield client


def everyone(ctx: Context) -> list[str]:
    return sorted(p.name for p in contacts.listing(ctx, contacts.ListQuery(), today=TODAY))


def test_an_import_is_undone_from_its_own_page(ctx: Context, web: TestClient) -> None:
    person(ctx, "Julia Jensen", emails=["julia@example.com"])
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Julia M. Jensen\r\nEMAIL:julia@example.com\r\n"
        "ORG:Fabrikam\r\nEND:VCARD\r\n"
    )
    token = token_of(web, "/import")
    preview = web.post(
        "/import",
        data={"csrf_token": token},
        files={"file": ("phone.vcf", cards.encode(), "text/vcard")},
    )
    assert "1 record(s) will join someone already known" in preview.text
    assert "same e-mail julia@example.com" in preview.text
    upload = re.search(r'name="upload_id" value="([^"]+)"', preview.text)
    assert upload
    done = web.post("/import/confirm", data={"csrf_token": token, "upload_id": upload.group(1)})
    assert "Undo this import" in done.text
    change = re.search(r'name="change" value="(\d+)"', done.text)
    assert change and everyone(ctx) == ["Ada Lovelace", "Julia Jensen"]
    undone = web.post(
        "/history/undo", data={"csrf_token": token, "change": change.group(1), "back": "/import"}
    )
    assert undone.status_code == 200 and "Undone: import phone.vcf" in undone.text
    assert everyone(ctx) == ["Julia Jensen"]
    assert contacts.listing(ctx, contacts.ListQuery(), today=TODAY)[0].company is None


def test_triage_moves_are_undone_one_by_one(ctx: Context, web: TestClient) -> None:
    ids = [person(ctx, name) for name in ("Ann Lee", "Bob Kim")]
    token = token_of(web, "/triage")
    for cid, pile in zip(ids, ("target", "general"), strict=True):
        web.post(f"/triage/{cid}", data={"csrf_token": token, "pile": pile})
    page = web.get("/triage")
    assert "Undo the last move" in page.text and "Ann Lee" not in page.text
    for _ in ids:
        back = web.post(
            "/history/undo", data={"csrf_token": token, "kind": "pile", "back": "/triage"}
        )
        assert back.status_code == 200
    assert "Ann Lee" in back.text and "Bob Kim" in back.text
    refused = web.post("/history/undo", data={"csrf_token": token, "kind": "pile"})
    assert refused.status_code == 400 and "no pile to undo" in refused.text


def test_history_page_and_api(ctx: Context, web: TestClient) -> None:
    person(ctx, "Ann Lee")
    page = web.get("/history")
    assert "added Ann Lee" in page.text and "Undo" in page.text
    token = token_of(web, "/history")
    listed = web.get("/api/v1/history").json()
    assert [c["kind"] for c in listed] == ["add"]
    undone = web.post(
        f"/api/v1/history/{listed[0]['id']}/undo", headers={"X-CSRF-Token": token}
    ).json()
    assert undone["undone"] is True and everyone(ctx) == []
    again = web.post(f"/api/v1/history/{listed[0]['id']}/undo", headers={"X-CSRF-Token": token})
    assert again.status_code == 400 and "already undone" in again.text


def test_history_limits_are_bounded_in_the_api_and_the_cli(web: TestClient, cli: Any) -> None:
    """A limit too large for a database key is bad input, not a driver error (schemathesis)."""
    huge = "9223372036854775808"
    answer = web.get(f"/api/v1/history?limit={huge}")
    assert answer.status_code == 400 and set(answer.json()) == {"error", "hint"}
    assert web.get("/api/v1/history?limit=5").status_code == 200
    result = cli("history", "--limit", huge)
    assert result.exit_code == 2 and "Traceback" not in result.output
