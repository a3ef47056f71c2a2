"""What every use case needs: the settings, an opened database, and today's date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followthru.settings import Settings, database_url

if TYPE_CHECKING:  # `today_for` alone must not import SQLAlchemy: the quick reads use it
    from followthru.store.database import Database


@dataclass
class Context:
    settings: Settings
    db: Database


def open_context(db_path: str | None = None, settings: Settings | None = None) -> Context:
    """The settings and the opened database; settings that a restore killed after its
    commit left unwritten go to the config file first, and are the ones used."""
    from followthru.services.restore import write_held_settings
    from followthru.store.database import open_database

    ctx = Context(settings=settings or Settings.load(), db=open_database(database_url(db_path)))
    if write_held_settings(ctx):
        ctx.settings = Settings.load()
        ctx.db.warnings.append("The settings of an unfinished restore were written now.")
    return ctx


def today_for(settings: Settings) -> date:
    """Today in the user's time zone: a note written at 23:30 belongs to that evening."""
    return datetime.now(settings.zone).date() if settings.zone else date.today()


def upgrade_database(db_path: str | None) -> tuple[str, str]:
    """Explicit upgrade for servers: returns the database shown to users and its revision."""
    from followthru.store.database import Database

    database = Database(database_url(db_path))
    database.upgrade()
    revision = database.current_revision() or "none"
    shown = database.display_url()
    database.dispose()
    return shown, revision
