"""Opening a SQLite file for the quick reads (`store.plain`, `services.plain_plan`).

The quick reads trust a file only when nothing the full path would do first is needed:
the file is SQLite, private (the full path warns about one others can read), at the
schema this followthru writes (else it migrates), and holds no unfinished change (an
import whose process died is rolled back when the full path opens the file; until then
its first batches would show). Anything else answers None and the caller takes the full
path. Kept apart from `store.plain`, whose row types `today` does not need.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from followthru.store.revision import head_revision

BUSY_TIMEOUT_MS = 30_000  # as the full path: a reader waits out a writer's checkpoint
SQLITE_PREFIX = "sqlite+pysqlite:///"  # the URL `settings.sqlite_url` makes of a path

# An import being written in batches, a restore's settings not yet in the config file
# (store.pending): changes the journal neither lists nor undoes, and the quick reads
# leave to the full path.
PENDING_IMPORT, IMPORT_PART, HELD_SETTINGS = "pending import", "import part", "restore settings"
UNFINISHED = (PENDING_IMPORT, IMPORT_PART, HELD_SETTINGS)

T = TypeVar("T")


def read_quickly(url: str, read: Callable[[sqlite3.Connection], T]) -> T | None:
    """What `read` makes of the file at `url`, or None: the file is not one the quick
    reads trust, or SQLite refused on the way (busy past the timeout, damaged), which the
    full path then waits out, reports or repairs."""
    conn = open_reader(url)
    if conn is None:
        return None
    try:
        return read(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def open_reader(url: str) -> sqlite3.Connection | None:
    """A read-only connection to a private SQLite file at the head schema with no
    unfinished change, or None (also when this SQLite lacks `json_each`, which the quick
    reads pass lists of ids through). Its reads share one transaction, so one snapshot:
    an import or a Done committed meanwhile is wholly in or wholly out."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    path = Path(url.removeprefix(SQLITE_PREFIX)).absolute()
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            return None
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("BEGIN")
        conn.execute("SELECT value FROM json_each('[]')")  # an SQLite built without JSON
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        unfinished = conn.execute(
            f"SELECT 1 FROM changes WHERE kind IN ({', '.join('?' * len(UNFINISHED))}) LIMIT 1",
            UNFINISHED,
        ).fetchone()
    except sqlite3.Error:
        found, unfinished = None, None
    if found is None or found[0] != head_revision() or unfinished is not None:
        conn.close()
        return None
    return conn
