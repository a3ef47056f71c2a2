"""Files the CLI writes never destroy what the user keeps, and a new database is private
and announced (issue: nothing lost, nothing exposed)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TODAY

WRITERS = [
    ("export", "--format", "json", "-o"),
    ("calendar", "-o"),
    ("session", "RustConf", "--at", "2026-11-23 09:00", "-o"),
]


@pytest.fixture
def db(tmp_path: Path, sqlite_template: Path, config_file: Path) -> Path:
    path = tmp_path / "mine.db"
    shutil.copy(sqlite_template, path)
    path.chmod(0o600)
    return path


def run(db: Path, *args: str, input: str | None = None) -> object:
    from followthru.cli.main import app

    return CliRunner().invoke(app, ["--db", str(db), "--today", TODAY, *args], input=input)


def said(result: object) -> str:
    """Everything printed, with Rich's line wrapping undone."""
    return " ".join(result.output.split())  # type: ignore[attr-defined]


def with_event(db: Path) -> None:
    assert run(db, "add", "Ada Lovelace", "--event", "RustConf").exit_code == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_writing_onto_the_open_database_is_refused(db: Path, command: tuple, suffix: str) -> None:
    with_event(db)
    result = run(db, *command, str(db) + suffix)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "open database" in said(result)  # type: ignore[attr-defined]
    assert run(db, "list", "--json").stdout.count("Ada Lovelace") == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_an_existing_file_is_replaced_only_with_force(
    db: Path, tmp_path: Path, command: tuple
) -> None:
    with_event(db)
    target = tmp_path / "keep.txt"
    target.write_text("precious")
    refused = run(db, *command, str(target))
    assert refused.exit_code == 2  # type: ignore[attr-defined]
    assert "already exists" in said(refused) and "--force" in said(refused)  # type: ignore[attr-defined]
    assert target.read_text() == "precious"
    replaced = run(db, *command, str(target), "--force")
    assert replaced.exit_code == 0, replaced.output  # type: ignore[attr-defined]
    assert target.read_text() != "precious"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: c[0])
def test_a_folder_as_the_target_is_a_sentence(db: Path, tmp_path: Path, command: tuple) -> None:
    with_event(db)
    result = run(db, *command, str(tmp_path))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "is a folder" in said(result) and "Traceback" not in said(result)  # type: ignore[attr-defined]


def test_session_books_nothing_when_its_file_is_refused(db: Path, tmp_path: Path) -> None:
    with_event(db)
    run(db, "session", "RustConf", "--at", "2026-11-23 09:00", "-o", str(tmp_path))
    assert run(db, "calendar").stdout.count("BEGIN:VEVENT") == 0  # type: ignore[attr-defined]


def test_demo_never_replaces_the_database_in_use(db: Path) -> None:
    before = db.read_bytes()
    result = run(db, "demo", "--contacts", "5", "-o", str(db))
    assert result.exit_code == 2 and "open database" in said(result)  # type: ignore[attr-defined]
    assert db.read_bytes() == before


def test_a_missing_database_file_is_announced_and_private(
    tmp_path: Path, config_file: Path
) -> None:
    path = tmp_path / "new" / "typo.db"
    result = run(path, "list", "--json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert f"Created a new, empty database at {path}" in result.stderr  # type: ignore[attr-defined]
    assert result.stdout.strip() == "[]"  # type: ignore[attr-defined]
    run(path, "add", "Ada Lovelace")
    for file in (path, path.with_name("typo.db-wal"), path.with_name("typo.db-shm")):
        if file.exists():
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    again = run(path, "list", "--json")
    assert "Created" not in again.stderr  # type: ignore[attr-defined]


def test_a_database_others_can_read_is_warned_about(db: Path) -> None:
    db.chmod(0o644)
    result = run(db, "list", "--json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "can be read by other users" in said(result)
    assert f"chmod 600 {db}" in said(result)


def test_replacing_a_file_asks_on_a_terminal(tmp_path: Path) -> None:
    from followthru.errors import BadInput
    from followthru.files import check_target

    target = tmp_path / "out.vcf"
    target.write_text("kept")
    asked: list[str] = []
    check_target(target, confirm=lambda q: asked.append(q) or True)
    assert asked == [f"{target} exists. Replace it?"]
    with pytest.raises(BadInput, match="already exists"):
        check_target(target, confirm=lambda q: False)
