"""Opening the database again in one process must not open the file behind SQLite's back.

POSIX advisory locks belong to the process and the file: closing any descriptor of the file
releases all of them, SQLite's included. A second open of the same database in one process
(the web app and an in-process command, a test) must therefore never open and close the
file itself, or another process may write at the same moment and corrupt it — seen once as
"database disk image is malformed" in the concurrent-writers test.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from followthru.settings import sqlite_url
from followthru.store import database
from followthru.store.database import open_database


def test_an_existing_database_file_is_never_opened_by_us(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locks.db"
    open_database(sqlite_url(path)).dispose()  # made once, as a new file
    opened: list[str] = []
    real_open = os.open

    def spy(target: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(database.os, "open", spy)
    open_database(sqlite_url(path)).dispose()
    assert str(path) not in opened
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o600)
