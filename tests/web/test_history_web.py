"""Suggestions on the web: correspondents offered, added with their history, or set aside."""

from __future__ import annotations

from datetime import date
from typing import Any

from followthru.domain.history import Exchange, Me, Party
from followthru.services import contact_detail, interactions
from followthru.services.runtime import Context
from test_web import TODAY, client_for, token_of

ME = Party("Me", "me@example.com")


def talk(ctx: Context, stranger: Party) -> None:
    """Three messages both ways with someone who is not a contact."""
    exchanges = [
        Exchange(f"k{i}{stranger.email}", date(2026, 11, 1 + i), "email", *pair, "Plans")
        for i, pair in enumerate([(stranger, (ME,)), (ME, (stranger,)), (stranger, (ME,))])
    ]
    with ctx.db.write() as session:
        interactions.record(session, exchanges, Me.of([ME.email], ""), subjects=True, today=TODAY)


def test_a_suggestion_is_added_with_its_history(ctx: Context) -> None:
    talk(ctx, Party("<b>Sam</b> Stranger", "sam@else.example"))
    talk(ctx, Party("Robin", "robin@else.example"))
    with client_for(ctx) as web:
        page = web.get("/suggestions").text
        assert "&lt;b&gt;Sam&lt;/b&gt; Stranger" in page and "<b>Sam" not in page
        token = token_of(web, "/suggestions")
        added = web.post(
            "/suggestions/add",
            data={"ref": "sam@else.example", "csrf_token": token},
            follow_redirects=False,
        )
        assert added.status_code == 303
        contact_id = int(added.headers["location"].rsplit("/", 1)[1])
        dismissed = web.post(
            "/suggestions/dismiss",
            data={"ref": "robin@else.example", "csrf_token": token},
        )
        assert "will not be suggested again" in dismissed.text
        page = web.get("/suggestions").text
        assert "sam@else.example" not in page and "robin@else.example" not in page
    detail: Any = contact_detail.show(ctx, f"#{contact_id}", today=TODAY)
    assert [t.kind for t in detail.timeline].count("touch") == 3


def test_adding_someone_unknown_is_a_clear_error(ctx: Context) -> None:
    with client_for(ctx) as web:
        token = token_of(web, "/suggestions")
        answer = web.post("/suggestions/add", data={"ref": "nobody@x.example", "csrf_token": token})
        assert answer.status_code == 400 and "Nobody waiting matches" in answer.text
