"""Which database a command opens: one documented precedence, the same for every interface:
`--db` > FOLLOWTHRU_DB > FOLLOWTHRU_DATABASE_URL > the default file in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from followthru.cli.main import app
from followthru.services.runtime import open_context
from followthru.settings import database_url, sqlite_url

URL = "postgresql://someone@db.invalid/followthru"


@pytest.mark.parametrize(
    ("flag", "env", "wanted"),
    [
        ("flag.db", {"FOLLOWTHRU_DB": "env.db", "FOLLOWTHRU_DATABASE_URL": URL}, "flag.db"),
        (None, {"FOLLOWTHRU_DB": "env.db", "FOLLOWTHRU_DATABASE_URL": URL}, "env.db"),
        (None, {"FOLLOWTHRU_DB": "", "FOLLOWTHRU_DATABASE_URL": URL}, URL),
        (None, {"FOLLOWTHRU_DATABASE_URL": URL}, URL),
        (None, {"FOLLOWTHRU_DB": URL}, URL),
        (URL, {"FOLLOWTHRU_DB": "env.db"}, URL),
    ],
)
def test_precedence(tmp_path: Path, flag: str | None, env: dict[str, str], wanted: str) -> None:
    def local(name: str | None) -> str | None:
        return str(tmp_path / name) if name and "://" not in name else name

    env = {key: local(value) or "" for key, value in env.items()}
    expected = wanted if "://" in wanted else sqlite_url(tmp_path / wanted)
    assert database_url(local(flag), env) == expected


def test_without_any_choice_the_default_file_is_in_the_data_folder() -> None:
    chosen = database_url(None, {})
    assert chosen.startswith("sqlite+pysqlite:///") and chosen.endswith("followthru.db")


def test_the_cli_and_the_services_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config_file: Path
) -> None:
    """Both variables set: the CLI (`db path`, and so `serve` and `mcp`, which open what it
    names) and a service context opened without `--db` choose FOLLOWTHRU_DB's file."""
    mine = tmp_path / "mine.db"
    monkeypatch.setenv("FOLLOWTHRU_DB", str(mine))
    monkeypatch.setenv("FOLLOWTHRU_DATABASE_URL", sqlite_url(tmp_path / "other.db"))
    shown = CliRunner().invoke(app, ["db", "path"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.strip() == sqlite_url(mine)
    context = open_context(None)
    try:
        assert context.db.url == sqlite_url(mine)
    finally:
        context.db.dispose()


def test_a_file_that_is_not_a_database_gives_a_sentence(tmp_path: Path, config_file: Path) -> None:
    """Pointed at some other file, a command says so in a sentence and leaves it alone."""
    other = tmp_path / "notes.db"
    other.write_bytes(b"These are my notes, not a database.\n" * 100)
    before = other.read_bytes()
    result = CliRunner().invoke(app, ["--db", str(other), "list"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    # the terminal may wrap inside a long temporary path: compare without the spaces
    unwrapped = "".join(result.output.split())
    assert "".join(f"{other} is not a followthru database".split()) in unwrapped
    assert "(or is damaged)." in said
    assert "restore a backup" in said and "--db" in said
    assert "sqlite+" not in said and "server" not in said and "Traceback" not in said
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert other.read_bytes() == before
