"""Web responses carry the security headers; upload errors speak to a browser user (no
server paths, no command-line advice); abandoned upload previews are removed."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url
from followthru.web import uploads
from followthru.web.app import create_app

PATHS = ["/today", "/import", "/api/v1/contacts", "/static/app.css", "/nowhere", "/healthz"]


@pytest.fixture
def web(ctx: Context) -> Iterator[TestClient]:
    with TestClient(create_app(ctx, host="127.0.0.1"), base_url="http://127.0.0.1") as client:
        yield client


def token_of(web: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/import").text)
    assert found
    return found.group(1)


def upload(web: TestClient, name: str, content: bytes) -> object:
    return web.post(
        "/import",
        data={"csrf_token": token_of(web), "event": "", "pile": ""},
        files={"file": (name, content, "application/octet-stream")},
    )


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(web: TestClient, path: str) -> None:
    answer = web.get(path)
    policy = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "unsafe-eval" not in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "same-origin"


def test_templates_hold_no_inline_script(web: TestClient) -> None:
    folder = Path(uploads.__file__).with_name("templates")
    for template in folder.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template.name
        assert not re.search(r"\son[a-z]+=", text), template.name
        assert "hx-on" not in text and "javascript:" not in text, template.name


def test_an_upload_error_names_the_file_not_the_server(web: TestClient) -> None:
    answer = upload(web, "phone.vcf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert answer.status_code == 400  # type: ignore[attr-defined]
    text = answer.text  # type: ignore[attr-defined]
    assert "phone.vcf" in text
    assert "followthru-uploads" not in text and "/tmp" not in text
    assert "--" not in re.sub(r"<[^>]+>|<!--.*?-->", "", text.split("<main>")[1])
    assert not list(uploads._folder().iterdir()), "a failed preview is not kept"


def test_a_backup_upload_is_a_sentence_without_command_line_advice(web: TestClient) -> None:
    answer = upload(web, "backup.json", b'{"followthru_backup": 1}')
    text = answer.text  # type: ignore[attr-defined]
    assert answer.status_code == 400 and "restores only into an empty database" in text  # type: ignore[attr-defined]
    assert "--db" not in text and "followthru import" not in text


def test_an_abandoned_preview_is_removed(web: TestClient) -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"
    assert upload(web, "old.vcf", card).status_code == 200  # type: ignore[attr-defined]
    (old,) = list(uploads._folder().iterdir())
    hour_ago = old.stat().st_mtime - uploads.KEEP_SECONDS - 1
    os.utime(old, (hour_ago, hour_ago))
    assert upload(web, "new.vcf", card).status_code == 200  # type: ignore[attr-defined]
    left = list(uploads._folder().iterdir())
    assert old not in left and len(left) == 1


def _unreachable_server(tmp_path: Path) -> str:
    """A PostgreSQL URL with a user, a password and a database name, on a port where
    nothing listens: every request fails to connect."""
    return "postgresql://reader:s3cret-word@127.0.0.1:9/private_network"


def _damaged_file(tmp_path: Path) -> str:
    """A migrated SQLite file that has lost its contacts table: every read of people fails."""
    from followthru.store.database import open_database

    path = tmp_path / "hidden-folder" / "network.sqlite"
    url = sqlite_url(path)
    open_database(url).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TABLE contacts")
    return url


@pytest.mark.parametrize("broken", [_unreachable_server, _damaged_file])
@pytest.mark.parametrize("path", ["/contacts", "/api/v1/contacts"])
def test_an_unavailable_database_is_a_sentence_without_its_address(
    tmp_path: Path, config_file: Path, broken: Callable[[Path], str], path: str
) -> None:
    from followthru.store.database import Database

    url = broken(tmp_path)
    database = Database(url)
    ctx = Context(settings=Settings.load(), db=database)
    try:
        with TestClient(create_app(ctx, host="127.0.0.1"), base_url="http://127.0.0.1") as web:
            answer = web.get(path)
    finally:
        database.dispose()
    assert answer.status_code == 503
    assert "nothing was changed" in answer.text
    for secret in ("reader", "s3cret", ":9", "private_network", "hidden-folder", "contacts"):
        assert secret not in answer.text.split("<main>")[-1].lower(), secret
