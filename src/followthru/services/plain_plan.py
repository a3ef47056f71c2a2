"""`followthru today` straight from a SQLite file, without SQLAlchemy.

The plan is made by the same functions and statements as through a session
(`plan_reads`, `store.rows`); only the connection differs. Kept apart from
`plain_reads` so that `today` does not import what `list` and `show` build their pages
with.
"""

from __future__ import annotations

from datetime import date

from followthru.services.plan_reads import TodayPlan, today_from
from followthru.settings import Settings, database_url
from followthru.store.plain_file import read_quickly
from followthru.store.rows import SqliteRows


def today(
    db_path: str | None, *, settings: Settings, today: date, n: int | None, drafts: bool
) -> TodayPlan | None:
    """Today's plan from a private SQLite file at the current schema, or None: the caller
    then takes the full path, which migrates, warns and reads PostgreSQL."""
    return read_quickly(
        database_url(db_path),
        lambda conn: today_from(SqliteRows(conn), settings, today=today, n=n, drafts=drafts),
    )
