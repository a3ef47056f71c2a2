"""A bug shows one sentence and where the traceback went, in every interface.

A user mistake is a `FollowthruError` with its own message; anything else is a bug, and the
person hitting it should neither read a traceback nor lose the details a fix needs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from followthru.services import plain_plan, planning
from followthru.services.runtime import Context
from followthru.web.app import create_app
from followthru.web.plan_cache import PlanCache


def explode(*args: Any, **kwargs: Any) -> Any:
    raise ZeroDivisionError("a bug deep inside")


def test_cli_bug_is_a_sentence_and_a_log_entry(
    cli: Any, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planning, "today", explode)
    monkeypatch.setattr(plain_plan, "today", explode)  # the path a private SQLite file takes
    result = cli("today")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "failed unexpectedly (ZeroDivisionError)" in result.output
    log = config_file.parent / "followthru.log"
    assert str(log) in " ".join(result.output.split()).replace(" ", "") or log.name in result.output
    text = log.read_text()
    assert "Traceback" in text and "a bug deep inside" in text and "followthru today" in text


@pytest.mark.slow
def test_a_reader_that_stops_early_is_not_a_crash(cli: Any, tmp_path: Path) -> None:
    """`followthru list | head -1`: the pipe closes under us, which is no bug."""
    network = tmp_path / "net.db"
    cli.ok("demo", "--out", str(network), "--contacts", "1000")
    env = {**os.environ, "FOLLOWTHRU_LOG_FILE": str(tmp_path / "crash.log")}
    command = [sys.executable, "-m", "followthru", "--db", str(network)]
    with subprocess.Popen(
        [*command, "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as listing:
        assert listing.stdout is not None and listing.stderr is not None
        assert listing.stdout.readline().startswith(b"#")
        listing.stdout.close()  # as `head -1` does: far more than a pipe's buffer is unread
        said = listing.stderr.read().decode()
        assert listing.wait(timeout=120) == 141
    assert said == "" and not (tmp_path / "crash.log").exists()


def test_usage_errors_are_still_clicks(cli: Any) -> None:
    result = cli("today", "--no-such-option")
    assert result.exit_code == 2 and "No such option" in result.output


def test_web_bug_is_a_page_without_server_paths(
    ctx: Context, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planning, "today", explode)
    app = create_app(ctx, today=date(2026, 11, 20))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as web:
        page = web.get("/today")
        api = web.get("/api/v1/today")
    assert page.status_code == 500 and "failed unexpectedly" in page.text
    assert api.status_code == 500 and api.json()["error"].startswith("followthru failed")
    assert str(config_file.parent) not in page.text + api.text
    assert "ZeroDivisionError" in (config_file.parent / "followthru.log").read_text()


def test_background_plan_refresh_survives_a_bug(
    ctx: Context, config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) < 3:
            raise ZeroDivisionError("first tries fail")
        cache._stop.set()  # the third try ends the loop: it was still running
        raise ZeroDivisionError("last")

    monkeypatch.setattr("followthru.web.plan_cache.POLL_SECONDS", 0.01)
    cache = PlanCache(ctx, lambda: date(2026, 11, 20))
    monkeypatch.setattr(planning, "today", flaky)
    monkeypatch.setattr(ctx.db, "change_token", lambda: 1)
    cache._run()
    assert len(calls) == 3
    log = (config_file.parent / "followthru.log").read_text()
    assert log.count("unexpected error in the background plan refresh") == 3
