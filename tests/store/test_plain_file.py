"""The quick reads open a SQLite file only when the full path would do nothing first
(`store.plain_file`): private, at the head schema, and without an unfinished change."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from followthru.settings import sqlite_url
from followthru.store.plain_file import UNFINISHED, open_reader


@pytest.fixture
def private(tmp_path: Path, sqlite_template: Path) -> Path:
    path = tmp_path / "followthru.db"
    shutil.copy(sqlite_template, path)
    path.chmod(0o600)
    return path


def opens(path: Path) -> bool:
    conn = open_reader(sqlite_url(path))
    if conn is None:
        return False
    conn.close()
    return True


def test_a_private_file_at_the_head_schema_is_read_quickly(private: Path) -> None:
    assert opens(private)


def test_a_file_others_can_read_goes_the_full_way(private: Path) -> None:
    private.chmod(0o644)
    assert not opens(private)


def test_a_server_database_or_a_missing_file_goes_the_full_way(tmp_path: Path) -> None:
    assert open_reader("postgresql+psycopg://127.0.0.1/test") is None
    assert not opens(tmp_path / "missing.db")


@pytest.mark.parametrize("kind", UNFINISHED)
def test_an_unfinished_change_goes_the_full_way(private: Path, kind: str) -> None:
    """A killed import's first batches must not show: the full path rolls it back."""
    with sqlite3.connect(private) as conn:
        conn.execute(
            "INSERT INTO changes (made_at, kind, summary, records, before, undone) "
            "VALUES ('2026-11-20 10:00:00', ?, '', 0, '{}', 0)",
            (kind,),
        )
    conn.close()
    assert not opens(private)


def test_an_older_schema_goes_the_full_way(private: Path) -> None:
    with sqlite3.connect(private) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    assert not opens(private)


def test_a_relative_path_in_the_url_is_read_too(
    private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(private.parent)
    conn = open_reader(f"sqlite+pysqlite:///{private.name}")
    assert conn is not None
    conn.close()


def test_the_reads_share_one_snapshot(private: Path) -> None:
    """A change committed while the quick path reads is wholly in or wholly out."""
    conn = open_reader(sqlite_url(private))
    assert conn is not None
    before = conn.execute("SELECT count(*) FROM changes").fetchone()
    with sqlite3.connect(private) as writer:
        writer.execute(
            "INSERT INTO changes (made_at, kind, summary, records, before, undone) "
            "VALUES ('2026-11-20 10:00:00', 'add', 'Ann', 1, '{}', 0)"
        )
    writer.close()
    assert conn.execute("SELECT count(*) FROM changes").fetchone() == before
    conn.close()
    assert opens(private)  # read afresh, it is there: a finished change
