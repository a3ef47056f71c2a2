"""Opening a database: engine set-up, SQLite tuning, automatic migrations.

A CLI run and the web app may share one SQLite file, so SQLite runs in WAL mode with a
busy timeout, and write sessions start with BEGIN IMMEDIATE: a writer waits for the lock
up front instead of failing half-way through with 'database is locked'.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from followthru.errors import BadInput, DatabaseError, NotADatabase, Refused
from followthru.store.limits import column_named_in, enforce, label
from followthru.store.revision import MIGRATIONS as MIGRATIONS
from followthru.store.revision import head_revision as head_revision

# Long enough to outwait the bulk write of a large import (the reading and matching happen
# before the lock is taken), short enough that a stuck writer is reported, not waited on.
BUSY_TIMEOUT_MS = 30_000
_WRITE = "followthru_write"
SQLITE_RETRY_S = 0.1  # the longest sleep of SQLite's busy handler between two retries


def _normalise_url(url: str) -> str:
    """Let users write postgresql:// and get psycopg 3, the driver we ship."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _tune_postgresql(engine: Engine) -> None:
    """No JIT compilation for our statements. PostgreSQL compiles a query to machine code
    once its estimated cost passes `jit_above_cost`, which the plan's reads reach at
    10,000 people through estimates, not work: compiling took 40 ms of a read that ran
    in 45 (docs/benchmarks.md). Every statement here is an interactive read or write;
    none is the long analytical query JIT pays off for."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute("SET jit = off")
        dbapi_conn.commit()


_SQLITE_CONSTRAINT = re.compile(
    r"(NOT NULL|UNIQUE|CHECK|FOREIGN KEY) constraint failed(?::\s*(\w+)\.(\w+))?"
)
_WHAT = {
    "NOT NULL": "needs a value",
    "UNIQUE": "is already taken",
    "CHECK": "has a value that is not allowed",
    "FOREIGN KEY": "points at something that does not exist",
}
_PG_STATES = {"23502": "NOT NULL", "23505": "UNIQUE", "23514": "CHECK", "23503": "FOREIGN KEY"}


def refused(exc: DBAPIError) -> Refused:
    """A constraint or value error as one sentence naming the field; never the statement
    or its parameters, which hold the user's personal data."""
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    if diag is not None:  # PostgreSQL says which table and column
        kind = _PG_STATES.get(str(getattr(orig, "sqlstate", "")), "CHECK")
        table = diag.table_name
        column = diag.column_name or column_named_in(table, diag.constraint_name)
    else:
        found = _SQLITE_CONSTRAINT.search(str(orig))
        kind = found.group(1) if found else "CHECK"
        table, column = (found.group(2), found.group(3)) if found else (None, None)
    field = label(table, column) if table and column else "change"
    if isinstance(exc, DataError):
        return Refused(f"The database refused the {field}: the value does not fit.", _NOTHING)
    return Refused(f"The {field} {_WHAT[kind]}.", _NOTHING)


_NOTHING = "Nothing was changed."


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database or one held in memory."""
    try:
        parsed = make_url(_normalise_url(url))
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def _private_file(path: Path) -> list[str]:
    """Create the database file (and its folder) readable by the user alone; SQLite gives
    its -wal and -shm files the database file's permissions. Returns a warning when an
    existing database is open to other users of the computer."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            # Never open an existing database file ourselves: closing any descriptor of it
            # drops the POSIX locks that this process's SQLite connections hold on it, and
            # another process could then write at the same time and corrupt the file.
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise DatabaseError(
            f"Cannot create the database {path}: {exc.strerror}.",
            "Choose another place with --db PATH or FOLLOWTHRU_DB.",
        ) from exc
    if not mode & 0o077:
        return []
    return [
        f"The database {path} can be read by other users of this computer "
        f"(permissions {mode:o}); `chmod 600 {path}` makes it yours alone."
    ]


class Database:
    """An opened, migrated database and the sessions to use it."""

    def __init__(self, url: str) -> None:
        self.url = _normalise_url(url)
        try:
            parsed = make_url(self.url)
        except ArgumentError as exc:
            raise BadInput(
                f"{url!r} is not a database URL.",
                "Use a path with --db, or a URL such as postgresql://user@host/dbname.",
            ) from exc
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self.file = sqlite_path(self.url)
        self.warnings: list[str] = []
        if self.file is not None:
            self.warnings += _private_file(self.file)
        try:
            self.engine = create_engine(self.url, pool_pre_ping=not self.is_sqlite)
        except NoSuchModuleError as exc:
            raise BadInput(
                f"{parsed.get_backend_name()!r} is not a kind of database followthru can use.",
                "Use a file path (SQLite) or a postgresql:// URL.",
            ) from exc
        except ModuleNotFoundError as exc:
            raise DatabaseError(
                f"The driver for {parsed.get_backend_name()} is not installed ({exc.name}).",
                "Install it with: pip install 'followthru[postgres]'.",
            ) from exc
        if self.is_sqlite:
            _tune_sqlite(self.engine)
        else:
            _tune_postgresql(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{_WRITE: True}), expire_on_commit=False
        )
        enforce(self._sessions)
        enforce(self._writer)

    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def current_revision(self) -> str | None:
        """The schema revision, or None for a database followthru has not set up yet."""
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    return None
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError as exc:
            raise self._unreachable(exc) from exc

    def upgrade(self) -> None:
        """Bring the schema to the newest revision (creating it on first use)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["engine"] = self.engine
        try:
            command.upgrade(config, "head")
        except DBAPIError as exc:
            raise self._unreachable(exc) from exc

    def ensure_schema(self) -> None:
        revision = self.current_revision()
        if revision == head_revision():
            return
        if revision is not None and revision > head_revision():
            raise DatabaseError(
                f"The database {self.display_url()} was written by a newer followthru "
                f"(schema {revision}, this version knows up to {head_revision()}).",
                "Upgrade followthru: pip install -U followthru.",
            )
        self.upgrade()

    def _unreachable(self, exc: Exception) -> DatabaseError:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        if self.file is not None and "not a database" in reason:
            return NotADatabase(
                f"{self.file} is not a followthru database (or is damaged).",
                "Pass another file with --db, or restore a backup of it over this one.",
            )
        return DatabaseError(
            f"Cannot open the database {self.display_url()}: {reason}.",
            "Check --db / FOLLOWTHRU_DB / FOLLOWTHRU_DATABASE_URL and that the server is running.",
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except OperationalError as exc:
            raise self._unavailable(exc) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One all-or-nothing transaction: commits on success, rolls back on any error."""
        try:
            with self._writer() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise self._unavailable(exc) from exc
        except (IntegrityError, DataError) as exc:
            raise refused(exc) from None  # the driver's text holds SQL and the user's rows

    def _unavailable(self, exc: OperationalError) -> DatabaseError:
        """A locked file or a dropped connection mid-command: nothing was written."""
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return DatabaseError(
            f"The database {self.display_url()} could not complete the command: {reason}.",
            "Nothing was changed. If another followthru is writing, wait a moment and retry.",
        )

    def let_others_write(self) -> None:
        """Between two transactions of a long job (an import's batches). A SQLite writer
        waiting for the lock retries about every 100 ms, so a job that begins its next
        transaction at once would take the lock again before them, batch after batch; a
        pause of one retry interval lets the waiting one in. PostgreSQL queues waiters."""
        if self.is_sqlite:
            time.sleep(SQLITE_RETRY_S)

    def change_token(self) -> int | None:
        """A number that changes whenever another connection, in any process, commits to
        this database; None when that cannot be told cheaply (PostgreSQL, memory).

        SQLite's `PRAGMA data_version` on one long-lived connection gives exactly that:
        it reads the file's change counter, without a transaction worth speaking of.
        """
        if self.file is None:
            return None
        with self._watch_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(self.file, check_same_thread=False)
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        return int(version)

    def dispose(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self.engine.dispose()


def open_database(url: str) -> Database:
    """An opened, migrated database; an import left unfinished by a dead process is rolled
    back before anything else reads it (see store.pending)."""
    from followthru.store import pending

    database = Database(url)
    database.ensure_schema()
    database.warnings += pending.recover(database)
    return database
