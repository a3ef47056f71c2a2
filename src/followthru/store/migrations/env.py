"""Alembic environment: runs against the engine handed over by `Database.upgrade`."""

from __future__ import annotations

from alembic import context

from followthru.store.models import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
    )
    context.run_migrations()
