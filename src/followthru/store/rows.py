"""One way to run a read's SQL text on either kind of database, with or without SQLAlchemy.

`today` is the command people run most, and importing SQLAlchemy and its models costs
more than making the plan. The plan's reads (`store.planning`) are therefore written once
as SQL text that SQLite and PostgreSQL both accept, and run through `Rows`: straight on a
`sqlite3` connection (the command line's quick path, or the raw connection under a
SQLAlchemy session on SQLite: the same code either way), or through a session's
`text()` on PostgreSQL. The few spellings the two disagree on — a list of ids, a date
minus a per-row number of days — are the only dialect-specific parts, and live here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Params = Mapping[str, object]


class Rows(Protocol):
    """Runs a SELECT written with `:name` parameters and returns its rows as tuples."""

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]: ...

    def id_list(self, param: str) -> str:
        """A SELECT of the ids given as the list parameter `param`."""
        ...

    def in_ids(self, column: str, param: str) -> str:
        """`column` is one of the ids given as the list parameter `param`."""
        ...

    def days_before(self, day: str, days: str) -> str:
        """The date `days` (an SQL number, per row) before the date parameter `day`."""
        ...


class SqliteRows:
    """`Rows` on a `sqlite3` connection: dates go in as ISO text, as SQLAlchemy stores
    them, and id lists as one JSON parameter (no statement built per list length)."""

    def __init__(
        self, conn: sqlite3.Connection, before: Callable[[], object] | None = None
    ) -> None:
        self.conn = conn
        self.before = before  # a session's flush: what it has written is read too

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        if self.before is not None:
            self.before()
        values = {k: _sqlite_value(v) for k, v in (params or {}).items()}
        return self.conn.execute(sql, values).fetchall()

    def id_list(self, param: str) -> str:
        return f"SELECT value FROM json_each(:{param})"

    def in_ids(self, column: str, param: str) -> str:
        return f"{column} IN ({self.id_list(param)})"

    def days_before(self, day: str, days: str) -> str:
        return f"date(:{day}, '-' || ({days}) || ' days')"


def _sqlite_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value)
    return value


class SessionRows:
    """`Rows` through a SQLAlchemy session on a server database (PostgreSQL)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        from sqlalchemy import text

        return [tuple(row) for row in self.session.execute(text(sql), dict(params or {}))]

    def id_list(self, param: str) -> str:
        return f"SELECT unnest(CAST(:{param} AS bigint[]))"

    def in_ids(self, column: str, param: str) -> str:
        return f"{column} = ANY(:{param})"

    def days_before(self, day: str, days: str) -> str:
        return f"(CAST(:{day} AS DATE) - ({days}))"


def of_session(session: Session) -> Rows:
    """The `Rows` of a session: on SQLite its own `sqlite3` connection, so the command
    line's quick path and the full one run the very same statements the same way."""
    if session.get_bind().dialect.name == "sqlite":
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        return SqliteRows(raw, before=session.flush)
    return SessionRows(session)


def day(value: object) -> date | None:
    """A date column as a `date`: SQLite hands back its ISO text, PostgreSQL a date."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def a_day(value: object) -> date:
    """A date column that is never empty."""
    found = day(value)
    if found is None:
        raise ValueError("a required date column is empty")
    return found
