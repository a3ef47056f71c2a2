"""kill -9 at random moments of an import and of a restore (a bounded loop): each time,
once the database is opened again (which rolls back an import's batches left pending),
the SQLite file passes `PRAGMA integrity_check` and holds exactly the rows it held
before, or, when the command finished first, everything it wrote."""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY
from followthru.store.models import Base

# Imports and restores in subprocesses, killed again and again.
pytestmark = pytest.mark.slow

ROUNDS = 4
PEOPLE = 1_500  # two batches of an import
OLD_CONFIG = "[cadence]\ntarget = 45\n"


def linkedin_csv(count: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for i in range(count):
        writer.writerow(
            [
                f"Given{i}",
                f"Family{i}",
                f"https://www.linkedin.com/in/person-{i}",
                f"person{i}@example.com" if i % 3 else "",
                f"Company {i % 40}",
                "Engineer",
                "12 Mar 2024",
            ]
        )
    return out.getvalue()


def rows(db: Path) -> dict[str, list[Any]]:
    """Every row of every table, after checking the file's integrity."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            t.name: conn.execute(f'SELECT * FROM "{t.name}" ORDER BY 1, 2').fetchall()
            for t in Base.metadata.sorted_tables
        }


def counts(db: Path) -> dict[str, int]:
    return {name: len(found) for name, found in rows(db).items()}


def followthru(db: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "followthru", "--db", str(db), "--today", TODAY, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def finished(db: Path, *args: str) -> float:
    """Run to the end; returns how long it took, to choose kill moments within it."""
    started = time.monotonic()
    assert followthru(db, *args).wait(timeout=300) == 0
    return time.monotonic() - started


def killed_at(db: Path, delay: float, *args: str) -> int:
    process = followthru(db, *args)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=60)


def crash_loop(
    base: Path, work: Path, args: tuple[str, ...], full: dict[str, int], config: Path | None = None
) -> int:
    """ROUNDS kills at random moments; returns how many hit the command mid-way. With
    `config`, the command is a restore whose backup sets cadence.target to 21."""
    rng = random.Random(16)
    duration = finished(_fresh(base, work, config), *args)
    assert counts(work) == full
    before = rows(base)
    hits = 0
    for _ in range(ROUNDS):
        code = killed_at(_fresh(base, work, config), rng.uniform(0.05, duration), *args)
        if code == -signal.SIGKILL:
            hits += 1
            _check_after_kill(work, before, full, config)
        else:
            assert code == 0 and counts(work) == full
    return hits


def _check_after_kill(
    work: Path, before: dict[str, list[Any]], full: dict[str, int], config: Path | None
) -> None:
    """Once the next command has opened the database: exactly as before the command (and
    the config file untouched), or, killed after its commit, all of it (with its settings)."""
    assert followthru(work, "history").wait(timeout=300) == 0
    if rows(work) == before:
        assert config is None or config.read_text() == OLD_CONFIG
    else:
        assert counts(work) == full, "a killed command left part of its rows behind"
        assert config is None or "target = 21" in config.read_text()


def _fresh(base: Path, work: Path, config: Path | None) -> Path:
    if config is not None:
        config.write_text(OLD_CONFIG)
    return _copy(base, work)


def _copy(source: Path, target: Path) -> Path:
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copy(source, target)
    return target


def test_kill_9_during_an_import_and_a_restore_loses_nothing(
    tmp_path: Path, sqlite_template: Path, config_file: Path
) -> None:
    base = _copy(sqlite_template, tmp_path / "base.db")
    small = tmp_path / "small.csv"
    small.write_text(linkedin_csv(20))
    assert finished(base, "import", str(small), "--format", "linkedin") >= 0
    people = tmp_path / "people.csv"
    people.write_text(linkedin_csv(PEOPLE))
    full = tmp_path / "full.db"
    finished(_copy(base, full), "import", str(people), "--format", "linkedin")
    imported = counts(full)
    assert imported["contacts"] == PEOPLE
    hits = crash_loop(
        base, tmp_path / "work.db", ("import", str(people), "--format", "linkedin"), imported
    )

    backup = tmp_path / "backup.json"
    config_file.write_text("[cadence]\ntarget = 21\n")
    finished(full, "export", "--format", "json", "-o", str(backup))
    empty = _copy(sqlite_template, tmp_path / "empty.db")
    restore = ("import", "--format", "json", str(backup))
    hits += crash_loop(empty, tmp_path / "restored.db", restore, imported, config_file)
    assert hits >= 1, "no kill landed while a command was running"
