"""A restore is whole or nothing: a damaged or hostile backup is one sentence and exit 2,
the database stays empty and the config file untouched (on SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import Cli

SECRET = "Ada Secretperson"


@pytest.fixture(scope="module")
def made_backup(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> dict[str, Any]:
    """A real backup of two people with a touch, a promise and a setting, made once."""
    folder = tmp_path_factory.mktemp("made")
    db = folder / "source.db"
    shutil.copy(sqlite_template, db)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FOLLOWTHRU_CONFIG", str(folder / "config.toml"))
        run = Cli(str(db), CliRunner())
        ada = run.json("add", SECRET, "--email", "ada@example.com")
        run.json("add", "Lin Chen")
        run.ok("log", f"#{ada['id']}", "--via", "call")
        run.ok("promise", f"#{ada['id']}", "send the deck")
        run.ok("config", "set", "cadence.target", "21")
        data: dict[str, Any] = json.loads(run.ok("export", "--format", "json").stdout)
    return data


@pytest.fixture
def backup(made_backup: dict[str, Any]) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(made_backup))
    return copy


def restore(target: str, path: Path, content: bytes) -> Any:
    from followthru.cli.main import app

    path.write_bytes(content)
    return CliRunner().invoke(app, ["--db", target, "import", "--format", "json", str(path)])


def people(target: str) -> list[Any]:
    from followthru.cli.main import app

    listed: list[Any] = json.loads(
        CliRunner().invoke(app, ["--db", target, "list", "--json"]).stdout
    )
    return listed


def _nest(depth: int) -> bytes:
    return (
        b'{"followthru_backup": 1, "schema": "0001", "tables": '
        + b"[" * depth
        + b"]" * depth
        + b"}"
    )


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], bytes]:
    def make(data: dict[str, Any]) -> bytes:
        copy = json.loads(json.dumps(data))
        change(copy)
        return json.dumps(copy).encode()

    return make


def _duplicate_contact(d: dict[str, Any]) -> None:
    d["tables"]["contacts"].append(dict(d["tables"]["contacts"][0]))


def _dangling_touch(d: dict[str, Any]) -> None:
    d["tables"]["touches"][0]["contact_id"] = 999_999


def _null_name(d: dict[str, Any]) -> None:
    d["tables"]["contacts"][0]["name"] = None


def _bad_zone(d: dict[str, Any]) -> None:
    d["config"]["timezone"] = "Mars/Olympus_Mons"


def _long_name(d: dict[str, Any]) -> None:
    d["tables"]["contacts"][0]["name"] = "x" * 400


def _wrong_kind(d: dict[str, Any]) -> None:
    d["tables"]["contacts"][0]["id"] = "seven"


def _naive_time(d: dict[str, Any]) -> None:
    d["tables"]["contacts"][0]["created_at"] = "2026-01-01T10:00:00"


DAMAGED: dict[str, tuple[Callable[[dict[str, Any]], bytes], str]] = {
    "nested 100,000 deep": (lambda d: _nest(100_000), "nested too deeply"),
    "a PNG named .json": (lambda d: b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not JSON"),
    "truncated": (lambda d: json.dumps(d).encode()[: len(json.dumps(d)) // 2], "not JSON"),
    "a duplicated row": (_edit(_duplicate_contact), "repeats the id"),
    "a dangling contact_id": (_edit(_dangling_touch), "points at a row of contacts"),
    "a NULL name": (_edit(_null_name), "has no name"),
    "a bad time zone": (_edit(_bad_zone), "unknown time zone"),
    "an over-long name": (_edit(_long_name), "longer than 300 characters"),
    "an id of the wrong kind": (_edit(_wrong_kind), "wrong kind"),
    "a time without a zone": (_edit(_naive_time), "without a time zone"),
    "not a backup": (lambda d: b'{"hello": "world"}', "not a followthru backup"),
}


@pytest.mark.parametrize("case", DAMAGED, ids=list(DAMAGED))
def test_a_damaged_backup_changes_nothing(
    tmp_path: Path, config_file: Path, backup: dict[str, Any], case: str
) -> None:
    make, expected = DAMAGED[case]
    config_file.write_text("[cadence]\ntarget = 45\n")
    target = str(tmp_path / "new.db")
    result = restore(target, tmp_path / "backup.json", make(backup))
    said = " ".join(result.output.split())
    assert result.exit_code == 2, said
    assert expected in said
    assert "Traceback" not in said and "INSERT" not in said and SECRET not in said
    assert config_file.read_text() == "[cadence]\ntarget = 45\n"
    assert people(target) == []


def test_a_bad_setting_leaves_both_databases_and_the_config_as_they_were(
    cli: Cli, tmp_path: Path, config_file: Path, backup: dict[str, Any]
) -> None:
    """The defect: rows restored, then a bad time zone stopped the settings half-way."""
    _bad_zone(backup)
    backup["config"]["user.name"] = "Someone Else"
    config_file.write_text('[user]\nname = "Me"\n')
    answer = restore(cli.db_url, tmp_path / "b.json", json.dumps(backup).encode())
    assert answer.exit_code == 2
    assert cli.json("list") == []
    assert config_file.read_text() == '[user]\nname = "Me"\n'


def test_a_restore_lists_the_settings_it_replaces_and_keeps_a_copy(
    cli: Cli, tmp_path: Path, config_file: Path, backup: dict[str, Any]
) -> None:
    cli.ok("config", "set", "cadence.target", "45")
    before = config_file.read_text()
    backup["config"]["timezone"] = "Europe/Paris"
    result = restore(cli.db_url, tmp_path / "b.json", json.dumps(backup).encode())
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "setting cadence.target: 45 → 21" in said
    assert "setting timezone: default → 'Europe/Paris'" in said
    copy = config_file.with_name(config_file.name + ".before-restore")
    assert copy.read_text() == before
    assert "Europe/Paris" in config_file.read_text()
    assert sorted(p["name"] for p in cli.json("list")) == ["Ada Secretperson", "Lin Chen"]


def test_a_restore_killed_after_its_commit_gets_its_settings_on_the_next_command(
    cli: Cli,
    tmp_path: Path,
    config_file: Path,
    backup: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The moment between the commit and the config file: the rows are in, the file is
    not written yet. The settings wait in the database, and the next command writes them."""
    from followthru.services import restore as restoring

    config_file.write_text("[cadence]\ntarget = 45\n")
    with monkeypatch.context() as killed:
        killed.setattr(restoring, "write_held_settings", lambda ctx: False)
        result = restore(cli.db_url, tmp_path / "b.json", json.dumps(backup).encode())
    assert result.exit_code == 0, result.output
    assert config_file.read_text() == "[cadence]\ntarget = 45\n", "not written before the commit"
    listed = cli("history")  # the next command
    assert listed.exit_code == 0 and "settings of an unfinished restore" in listed.output
    assert "target = 21" in config_file.read_text()
    assert "restore settings" not in cli("history").output
    assert config_file.with_name("config.toml.before-restore").read_text() == (
        "[cadence]\ntarget = 45\n"
    )
