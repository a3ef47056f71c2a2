"""Shared fixtures: the storage and service tests run on SQLite and on PostgreSQL.

Tests are laid out by layer (tests/README.md). Only `tests/store` and `tests/services` hold
the contract suites that must behave the same on both databases; every other folder reaches
the database through those layers, so it runs on SQLite alone.

PostgreSQL is the machine's server (127.0.0.1:5432, database `test`, or the URL in
FOLLOWTHRU_TEST_PG_URL). Each test run works in a schema of its own, dropped at the end.
Without a server the PostgreSQL half skips on a user's machine, but fails under CI=true.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from followthru.settings import Settings, sqlite_url

IN_CI = os.environ.get("CI", "").lower() == "true"
PG_BASE = os.environ.get(
    "FOLLOWTHRU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TODAY = "2026-11-20"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def need(condition: bool, reason: str) -> None:
    """Skip on a user's machine, fail in CI: CI must never quietly test less."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied per test: migrating once keeps the suite fast."""
    from followthru.store.database import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    database = open_database(sqlite_url(path))
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str | None]:
    """A migrated schema of this run's own on the PostgreSQL server, or None without one."""
    try:
        import psycopg
        from sqlalchemy import create_engine
    except ImportError:
        yield None
        return
    schema = f"ft_test_{uuid.uuid4().hex[:10]}"
    base = PG_BASE
    try:
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception:  # no server: the tests that need it decide whether to skip or fail
        yield None
        return
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"
    from followthru.store.database import open_database

    open_database(url).dispose()
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
        del psycopg


def _truncate_pg(url: str) -> None:
    from sqlalchemy import create_engine

    from followthru.store.models import Base

    engine = create_engine(url)
    with engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    engine.dispose()


BOTH_DATABASES = ("store", "services", "sync")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give `db_url` both databases in the contract folders and SQLite elsewhere.

    A test that parametrizes `db_url` itself (e.g. SQLite alone) keeps its own choice.
    """
    if "db_url" not in metafunc.fixturenames:
        return
    for mark in metafunc.definition.iter_markers("parametrize"):
        if "db_url" in str(mark.args[0]):
            return
    folder = metafunc.definition.path.relative_to(Path(__file__).parent).parts[0]
    kinds = ["sqlite", "postgresql"] if folder in BOTH_DATABASES else ["sqlite"]
    metafunc.parametrize("db_url", kinds, indirect=True)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """An empty, migrated database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "followthru.db"
        shutil.copy(sqlite_template, path)
        return sqlite_url(path)
    url = request.getfixturevalue("pg_schema_url")
    need(url is not None, f"PostgreSQL is not reachable at {PG_BASE}")
    assert url is not None
    _truncate_pg(url)
    return url


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never read the user's own config or environment settings."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("FOLLOWTHRU_CONFIG", str(path))
    for name in list(os.environ):
        if name.startswith("FOLLOWTHRU_") and name not in (
            "FOLLOWTHRU_CONFIG",
            "FOLLOWTHRU_TEST_PG_URL",
        ):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FOLLOWTHRU_LOG_FILE", str(tmp_path / "followthru.log"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # compiled templates
    return path


@pytest.fixture
def ctx(db_url: str, config_file: Path) -> Iterator[Any]:
    """A services Context on an empty database, with default settings."""
    from followthru.services.runtime import Context
    from followthru.store.database import open_database

    database = open_database(db_url)
    yield Context(settings=Settings.load(), db=database)
    database.dispose()


@functools.cache
def _click_command() -> Any:
    from typer.main import get_command

    from followthru.cli.main import app

    return get_command(app)


@pytest.fixture(autouse=True)
def _build_the_command_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer's runner rebuilds the click command on every invoke (~70 ms, most of a run).

    The command is the same object a real run builds once; reusing it keeps the suite's
    thousands of invocations fast. Each invocation still parses its own arguments and opens
    the database afresh.
    """
    import typer.testing

    from followthru.cli.main import app

    build = getattr(typer.testing, "_get_command", None)
    if build is None:  # another Typer: run unpatched, just slower
        return
    monkeypatch.setattr(
        typer.testing, "_get_command", lambda a: _click_command() if a is app else build(a)
    )


@dataclass
class Cli:
    """Runs `followthru` in-process against one database, with today fixed."""

    db_url: str
    runner: CliRunner

    def __call__(self, *args: str, input: str | None = None, today: str = TODAY) -> Any:
        from followthru.cli.main import app

        return self.runner.invoke(app, ["--db", self.db_url, "--today", today, *args], input=input)

    def ok(self, *args: str, input: str | None = None) -> Any:
        result = self(*args, input=input)
        assert result.exit_code == 0, f"{args} exited {result.exit_code}:\n{result.output}"
        return result

    def json(self, *args: str) -> Any:
        import json

        return json.loads(self.ok(*args, "--json").stdout)


@pytest.fixture
def cli(db_url: str, config_file: Path) -> Cli:
    return Cli(db_url, CliRunner())


@pytest.fixture
def add_contact(cli: Cli) -> Callable[..., dict[str, Any]]:
    """A factory: add_contact("Jane Doe", email="jane@example.com", pile="target")."""

    def make(name: str, **fields: str) -> dict[str, Any]:
        args = ["add", name]
        for key, value in fields.items():
            args += [f"--{key.replace('_', '-')}", value]
        result: dict[str, Any] = cli.json(*args)
        return result

    return make
