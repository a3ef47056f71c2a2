"""Over-long values and refused rows: one sentence naming the field, the same on SQLite
and PostgreSQL, in the CLI, the importer and the API; nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from conftest import Cli
from followthru.services.runtime import Context


def test_a_name_longer_than_its_column_is_refused_on_both_databases(cli: Cli) -> None:
    result = cli("add", "N" * 301)
    assert result.exit_code == 2, result.output
    assert "The name is longer than 300 characters." in " ".join(result.output.split())
    assert "Traceback" not in result.output and "INSERT" not in result.output
    assert cli.json("list") == []


def test_an_over_long_imported_name_is_skipped_not_stored(cli: Cli, tmp_path: Path) -> None:
    card = tmp_path / "huge.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + "A" * 100_000 + "\r\nN:;;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
        "TEL:" + "1" * 200 + "\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lin Chen\r\nEND:VCARD\r\n"
    )
    report = cli.json("import", str(card))
    assert report["created"] == 1
    reasons = [s["reason"] for s in report["skipped"]]
    assert "the name is longer than 300 characters" in reasons
    assert "the phone number is longer than 80 characters" in reasons
    assert [c["name"] for c in cli.json("list")] == ["Lin Chen"]


def test_the_api_refuses_an_over_long_tag_with_its_error_shape(ctx: Context) -> None:
    from followthru.web.app import create_app

    app = create_app(ctx, host="0.0.0.0")
    with TestClient(app) as web:
        answer = web.post("/api/v1/contacts", json={"name": "Ada", "tags": ["t" * 200]})
        assert answer.status_code == 400
        body: dict[str, Any] = answer.json()
        assert body["error"] == "The tag is longer than 100 characters."
        assert web.get("/api/v1/contacts").json()["total"] == 0
        bad = web.post("/api/v1/contacts", json={"emails": "not a list"})
        assert bad.status_code == 400 and set(bad.json()) == {"error", "hint"}
        assert "name" in bad.json()["error"]


def test_a_refused_constraint_names_the_field_and_hides_the_row(ctx: Context) -> None:
    import pytest

    from followthru.errors import Refused
    from followthru.store.models import Event

    with ctx.db.write() as session:
        session.add(Event(name="Secret Summit", name_key="secret summit"))
    with pytest.raises(Refused) as caught, ctx.db.write() as session:
        session.add(Event(name="Secret Summit", name_key="secret summit"))
    assert caught.value.message == "The event name is already taken."
    assert "Secret" not in caught.value.message + str(caught.value.hint)
    assert caught.value.__cause__ is None


def test_a_long_one_word_name_fits_on_both_databases(cli: Cli, tmp_path: Path) -> None:
    """The defect: 250 letters fit the name but not the given name split from it, which
    SQLite stored and PostgreSQL refused with a driver traceback."""
    name = "A" * 250
    assert cli.json("add", name)["name"] == name
    card = tmp_path / "long.vcf"
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B{name}\r\nEND:VCARD\r\n")
    assert cli.json("import", str(card))["created"] == 1
    assert len(cli.json("list")) == 2
