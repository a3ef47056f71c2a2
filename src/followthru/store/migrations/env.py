"""Alembic environment: runs against the engine handed over by `Database.upgrade`."""

from __future__ import annotations

from typing import Any

from alembic import context

from followthru.store.models import Base

engine = context.config.attributes["engine"]


def _raw(connection: Any, sql: str) -> list[Any]:
    """Run outside any transaction: SQLite ignores PRAGMA foreign_keys inside one."""
    cursor = connection.connection.driver_connection.execute(sql)
    return list(cursor.fetchall())


with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a table by copying it and dropping the old one. With foreign
        # keys on, that DROP would cascade: every touch, note and promise of every contact
        # would be deleted. So keys are off while migrating, and checked afterwards.
        _raw(connection, "PRAGMA foreign_keys = OFF")
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies
                compare_type=True,
            )
            context.run_migrations()
        if sqlite and _raw(connection, "PRAGMA foreign_key_check"):
            raise RuntimeError("the migration left rows pointing at missing rows")
    finally:
        if sqlite:
            _raw(connection, "PRAGMA foreign_keys = ON")
