"""CLI and web writers while a large import runs in another process, on SQLite and
PostgreSQL: every write is there afterwards, and so is the whole import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import TODAY, Cli
from followthru.services.runtime import Context
from followthru.web.app import create_app
from test_killed_midway import linkedin_csv

# A large import in a subprocess while other writers run.
pytestmark = pytest.mark.slow

PEOPLE = 800
WRITES = 4


def test_cli_and_web_writes_during_an_import_all_land(
    cli: Cli, ctx: Context, db_url: str, tmp_path: Path
) -> None:
    ada = cli.json("add", "Ada Lovelace", "--email", "ada@example.com")
    people = tmp_path / "people.csv"
    people.write_text(linkedin_csv(PEOPLE))
    command = ["import", str(people), "--format", "linkedin"]
    importing = subprocess.Popen(
        [sys.executable, "-m", "followthru", "--db", db_url, "--today", TODAY, *command],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        with TestClient(create_app(ctx, host="0.0.0.0")) as web:
            for i in range(WRITES):
                answer = web.post(
                    "/api/v1/touches",
                    json={"contact_id": ada["id"], "summary": f"web write {i}", "via": "call"},
                )
                assert answer.status_code == 201, answer.text
                cli.ok("log", f"#{ada['id']}", f"cli write {i}", "--via", "message")
        assert importing.wait(timeout=300) == 0, importing.stderr.read() if importing.stderr else ""
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.wait(timeout=30)
    shown = cli.json("show", f"#{ada['id']}")
    timeline = " | ".join(t["text"] for t in shown["timeline"])
    for i in range(WRITES):
        assert f"web write {i}" in timeline and f"cli write {i}" in timeline
    assert len(cli.json("list")) == PEOPLE + 1
