"""The MCP server, driven by the official SDK's client: in memory for the tools, resources
and prompts; over HTTP behind the API token; and once as `followthru mcp` on stdio.

The server is thin over the services, whose behaviour the storage suite already checks on
SQLite and PostgreSQL, so these tests run on SQLite only.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st
from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError
from mcp.types import CallToolResult

from followthru.domain.names import closest_names, fold
from followthru.mcp.reading import READING
from followthru.mcp.server import build
from followthru.mcp.tooling import Desk
from followthru.mcp.writing import WRITING
from followthru.services import contact_detail, contacts
from followthru.services.runtime import Context
from followthru.settings import sqlite_url

DAY = date(2026, 11, 20)
T = TypeVar("T")
READING_NAMES = {fn.__name__ for fn in READING}
WRITING_NAMES = {fn.__name__ for fn in WRITING}


@pytest.fixture
def db_url(tmp_path: Path, sqlite_template: Path) -> str:
    """SQLite only (see above)."""
    path = tmp_path / "followthru.db"
    shutil.copy(sqlite_template, path)
    return sqlite_url(path)


def talk(server: Any, script: Callable[[Client], Awaitable[T]]) -> T:
    """Run `script` with a connected client, and return what it returns."""

    async def main() -> T:
        async with Client(server) as client:
            return await script(client)

    return anyio.run(main)


@pytest.fixture
def desk(ctx: Context) -> Desk:
    new = contacts.NewContact
    contacts.add(ctx, new(name="Jane Doe", pile="target", event="PyData London"), today=DAY)
    contacts.add(ctx, new(name="Sam Lee", company="Contoso", tags=["data"]), today=DAY)
    return Desk(ctx, lambda: DAY)


@pytest.fixture
def call(desk: Desk) -> Callable[..., CallToolResult]:
    server = build(desk.ctx, desk.today)

    def run(tool: str, /, **arguments: Any) -> CallToolResult:
        return talk(server, lambda c: c.call_tool(tool, arguments))

    return run


def ok(result: CallToolResult) -> dict[str, Any]:
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


def text(result: CallToolResult) -> str:
    first = result.content[0]
    assert first.type == "text"
    return first.text


def test_tools_have_described_schemas_and_read_only_hides_writes(desk: Desk) -> None:
    listed = talk(build(desk.ctx, desk.today), lambda c: c.list_tools()).tools
    assert {t.name for t in listed} == READING_NAMES | WRITING_NAMES
    for tool in listed:
        assert tool.description, tool.name
        for name, prop in tool.input_schema.get("properties", {}).items():
            assert prop.get("description"), f"{tool.name}.{name} has no description"
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint is (tool.name in READING_NAMES)
    read_only = build(desk.ctx, desk.today, read_only=True)
    assert {t.name for t in talk(read_only, lambda c: c.list_tools()).tools} == READING_NAMES
    refused = talk(read_only, lambda c: c.call_tool("log_touch", {"person": "jane"}))
    assert refused.is_error and "log_touch" in text(refused)

    async def instructions(c: Client) -> str | None:
        return c.instructions

    assert "log_touch" not in (talk(read_only, instructions) or "")
    assert "log_touch" in (talk(build(desk.ctx, desk.today), instructions) or "")


def test_today_then_log_then_today(call: Callable[..., CallToolResult], ctx: Context) -> None:
    plan = ok(call("today"))
    assert [i["contact"] for i in plan["items"]] == ["Jane Doe"]
    assert "1. Jane Doe (#1)" in text(call("today"))
    logged = ok(call("log_touch", person="#1", summary="coffee", via="meeting", kind="meeting"))
    assert logged["contact"] == "Jane Doe" and logged["via"] == "meeting"
    assert ok(call("today"))["items"] == []
    timeline = contact_detail.show(ctx, "jane", today=DAY).timeline
    assert any(t.kind == "touch" and "coffee" in t.text for t in timeline)


def test_unknown_and_misspelt_names_are_tool_errors_with_the_cli_sentence(
    call: Callable[..., CallToolResult],
) -> None:
    unknown = call("show_person", person="Nobody Atall")
    assert unknown.is_error
    assert text(unknown).startswith("No contact matches 'Nobody Atall'.\nTry `followthru list")
    assert unknown.structured_content == {
        "error": "No contact matches 'Nobody Atall'.",
        "hint": "Try `followthru list --search TEXT` to find the name, or use an e-mail or #ID.",
    }
    misspelt = call("log_touch", person="Jane Deo")
    assert misspelt.is_error and "Did you mean 'Jane Doe'?" in text(misspelt)


def test_bad_values_are_refused_before_anything_is_written(
    call: Callable[..., CallToolResult], ctx: Context
) -> None:
    assert call("log_touch", person="jane", via="pigeon").is_error  # not in the schema's enum
    bad_day = call("log_touch", person="jane", on="someday")
    assert bad_day.is_error and "is not a date" in text(bad_day)
    future = call("log_touch", person="jane", on="tomorrow")
    assert future.is_error and "cannot happen in the future" in text(future)
    assert contact_detail.show(ctx, "jane", today=DAY).summary.last_touch_on is None


def test_arguments_outside_the_schema_are_one_sentence_naming_the_argument(
    call: Callable[..., CallToolResult],
) -> None:
    """A misnamed argument is refused, not ignored (which answered a search with everyone);
    a value outside the schema is a sentence and hint, not a validation dump."""
    misnamed = call("search_people", query="lee")
    assert misnamed.is_error
    assert text(misnamed).startswith("search_people has no argument 'query'; it takes text, ")
    assert misnamed.structured_content is not None and misnamed.structured_content["hint"]
    wrong = call("set_pile", person="jane", pile="vip")
    assert wrong.is_error
    assert text(wrong).startswith("set_pile cannot take pile='vip': input should be 'target'")
    assert "pydantic" not in text(wrong) and "validation error" not in text(wrong)
    missing = call("log_touch", summary="coffee")
    assert missing.is_error and text(missing).startswith("log_touch needs person.")


def test_a_note_files_its_promises_and_reports_them(call: Callable[..., CallToolResult]) -> None:
    written = call("write_note", person="sam", text="I'll send him the deck tomorrow")
    heard = ok(written)["promises"]
    assert [(p["owner"], p["due"]) for p in heard] == [("me", "2026-11-21")]
    assert f"Heard: Promise #{heard[0]['id']} [me]" in text(written)
    listed = ok(call("list_promises"))["promises"]
    assert [p["id"] for p in listed] == [heard[0]["id"]]


def test_promises_are_made_edited_kept_and_dropped(call: Callable[..., CallToolResult]) -> None:
    lunch = ok(call("add_promise", person="jane", what="lunch", owner="both", due="2026-12-01"))
    edited = ok(call("edit_promise", promise_id=lunch["id"], what="a long lunch", clear_due=True))
    assert (edited["what"], edited["owner"], edited["due"]) == ("a long lunch", "both", None)
    assert ok(call("keep_promise", promise_id=lunch["id"]))["status"] == "done"
    again = call("keep_promise", promise_id=lunch["id"])
    assert again.is_error and "already done" in text(again)
    intro = ok(call("add_promise", person="sam", what="intro to the CFO", owner="them"))
    assert call("drop_promise", promise_id=intro["id"], why="").is_error
    dropped = ok(call("drop_promise", promise_id=intro["id"], why="she left the company"))
    assert (dropped["status"], dropped["drop_reason"]) == ("dropped", "she left the company")
    missing = call("edit_promise", promise_id=999, what="x")
    assert missing.is_error and "There is no promise #999." in text(missing)


def test_people_are_added_and_put_in_piles(call: Callable[..., CallToolResult]) -> None:
    added = ok(
        call(
            "add_person",
            name="Ola Nordmann",
            emails=["ola@example.com"],
            event="PyData London",
            pile="connector",
            note="let's do lunch next week",
            tags=["fintech"],
        )
    )
    assert (added["pile"], added["events"], added["tags"]) == (
        "connector",
        ["PyData London"],
        ["fintech"],
    )
    assert [p["what"] for p in added["promises"]] == ["lunch"]
    moved = ok(call("set_pile", person="ola@example.com", pile="target"))
    assert moved["pile"] == "target"
    # Another name with a known address is another person (a shared inbox), said, not refused.
    twice = ok(call("add_person", name="Ola Again", emails=["OLA@example.com"]))
    assert twice["also"] == ["OLA@example.com is also the address of #3 Ola Nordmann"]
    found = ok(call("search_people", text="nordmann"))
    assert [c["name"] for c in found["contacts"]] == ["Ola Nordmann"]


def test_reading_tools_answer_with_text_and_data(call: Callable[..., CallToolResult]) -> None:
    shown = call("show_person", person="jane")
    assert ok(shown)["name"] == "Jane Doe" and "Pile: target" in text(shown)
    assert ok(call("why", person="jane"))["contact"] == "Jane Doe"
    drafted = ok(call("draft", person="jane", kind="post-event"))
    assert drafted["kind"] == "post-event" and "Jane" in drafted["text"]
    assert ok(call("week"))["week_of"] == "2026-11-16"
    assert ok(call("stats"))["people"] == 2
    assert ok(call("intros"))["pairs"] == []
    assert [p["contact"] for p in ok(call("share", topic="data"))["people"]] == ["Sam Lee"]
    untriaged = ok(call("search_people", untriaged=True))
    assert [c["name"] for c in untriaged["contacts"]] == ["Sam Lee"]


def test_a_number_is_an_id_and_text_is_a_name(
    call: Callable[..., CallToolResult], ctx: Context
) -> None:
    """Jane is #1; someone *named* "1" is found by that text, never mistaken for #1."""
    named_one = contacts.add(ctx, contacts.NewContact(name="1"), today=DAY).contact.id
    assert ok(call("show_person", person=1))["name"] == "Jane Doe"
    assert ok(call("show_person", person="1"))["id"] == named_one
    assert ok(call("show_person", person="#1"))["name"] == "Jane Doe"
    assert call("show_person", person=99).is_error
    assert call("show_person", person=True).is_error  # a JSON true is not the id 1


def test_resources_and_prompts(desk: Desk) -> None:
    server = build(desk.ctx, desk.today)

    async def script(c: Client) -> list[str]:
        person = await c.read_resource("followthru://people/1")
        week = await c.read_resource("followthru://week")
        event = await c.get_prompt("post-event-follow-up", {"event": "pydata"})
        review = await c.get_prompt("weekly-12-4-1-review", {})
        return [
            str(getattr(x, "text", ""))
            for x in (
                person.contents[0],
                week.contents[0],
                event.messages[0].content,
                review.messages[0].content,
            )
        ]

    person, week, event, review = talk(server, script)
    assert '"name": "Jane Doe"' in person and '"week_of": "2026-11-16"' in week
    assert "follow-up session for PyData London" in event and "#1 Jane Doe — target" in event
    assert "12 light touches" in review and "log_touch" in review

    async def unknown(c: Client) -> str:
        try:
            await c.get_prompt("post-event-follow-up", {"event": "Nowhere Conf"})
        except MCPError as error:
            return error.message
        return "no error"

    assert talk(server, unknown).startswith("No event matches 'Nowhere Conf'.\nSee ")


@given(
    typed=st.text(max_size=30),
    names=st.lists(st.text(min_size=1, max_size=30), max_size=20),
)
def test_closest_names_offers_known_names_once(typed: str, names: list[str]) -> None:
    known = [(n, fold(n)) for n in names]
    offered = closest_names(typed, known)
    assert len(offered) <= 3 and len(offered) == len(set(map(fold, offered)))
    assert set(offered) <= set(names)
    if fold(typed) and fold(typed) in {k for _, k in known}:
        assert fold(offered[0]) == fold(typed)


@pytest.fixture
def http_url(desk: Desk) -> Iterator[str]:
    """`followthru mcp --http` in this process, on a port of its own; always stopped."""
    import uvicorn

    from followthru.mcp.server import http_app

    app = http_app(build(desk.ctx, desk.today))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/mcp"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_http_needs_a_token_to_start(desk: Desk, config_file: Path) -> None:
    from followthru.errors import BadInput
    from followthru.mcp.server import http_app

    with pytest.raises(BadInput, match="needs the web app's API token"):
        http_app(build(desk.ctx, desk.today))


@pytest.fixture
def token(config_file: Path) -> str:
    from followthru.services import access

    return access.new_api_token()


def test_http_is_guarded_by_the_api_token(token: str, http_url: str) -> None:
    import httpx2
    from mcp.client.streamable_http import streamable_http_client

    def connect(bearer: str) -> Any:
        headers = {"Authorization": f"Bearer {bearer}"}
        client = httpx2.AsyncClient(headers=headers, timeout=10)
        return streamable_http_client(http_url, http_client=client)

    refused = httpx2.post(http_url, json={}, headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401 and "API token" in refused.json()["error"]
    plan = talk(connect(token), lambda c: c.call_tool("today", {}))
    assert "1. Jane Doe (#1)" in text(plan)


@pytest.mark.slow
def test_stdio_subprocess_plan_log_plan(desk: Desk, db_url: str, config_file: Path) -> None:
    """What an assistant does: launch `followthru mcp`, read the plan, log, read again."""
    env = {**os.environ, "FOLLOWTHRU_CONFIG": str(config_file)}
    command = [sys.executable, "-m", "followthru", "--db", db_url, "--today", DAY.isoformat()]
    params = StdioServerParameters(command=command[0], args=[*command[1:], "mcp"], env=env)

    async def script(c: Client) -> list[CallToolResult]:
        return [
            await c.call_tool("today", {}),
            await c.call_tool("log_touch", {"person": "jane", "summary": "sent the slides"}),
            await c.call_tool("today", {}),
            await c.call_tool("show_person", {"person": "Nobody Atall"}),
        ]

    before, logged, after, unknown = talk(params, script)
    assert "1. Jane Doe (#1)" in text(before)
    assert text(logged) == "Logged checkin via email with Jane Doe on 2026-11-20."
    assert ok(after)["items"] == []
    assert unknown.is_error and "No contact matches 'Nobody Atall'." in text(unknown)
    timeline = contact_detail.show(desk.ctx, "jane", today=DAY).timeline
    assert any("sent the slides" in t.text for t in timeline)


def test_the_command_line_suggests_the_closest_names_too(cli: Any, desk: Desk) -> None:
    """The suggestion lives in the services, so every interface gives it."""
    result = cli("show", "Jane Deo")
    assert result.exit_code == 2
    assert "No contact matches 'Jane Deo'. Did you mean 'Jane Doe'?" in " ".join(
        result.stderr.split()
    )
    assert "Did you mean" not in cli("show", "Nobody Atall").stderr


def test_a_bug_is_one_sentence_and_the_traceback_goes_to_the_log(
    call: Callable[..., CallToolResult], monkeypatch: pytest.MonkeyPatch, config_file: Path
) -> None:
    from followthru.services import planning

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the planner")

    monkeypatch.setattr(planning, "today", broken)
    crashed = call("today")
    log = config_file.parent / "followthru.log"
    assert crashed.is_error
    assert text(crashed) == (
        "followthru failed unexpectedly (RuntimeError); nothing more was changed.\n"
        f"The details are in {log}; please attach that file if you report it."
    )
    assert "a bug in the planner" in log.read_text(encoding="utf-8")
