"""What the root options decide for every command: which database, which day is today."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followthru.services.runtime import Context
    from followthru.settings import Settings


@dataclass
class State:
    db_path: str | None = None
    today_text: str | None = None
    as_json: bool = False  # `--json`: print JSON for scripts rather than text for people
    _context: Context | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from followthru.settings import Settings

            self._settings = Settings.load()
        return self._settings

    @property
    def context(self) -> Context:
        """The opened database; opened (and migrated) on first use only."""
        if self._context is None:
            from followthru.cli import output
            from followthru.services.runtime import open_context

            self.announce_new_database()
            self._context = open_context(self.db_path, self.settings)
            for warning in self._context.db.warnings:
                output.warn(warning)
        return self._context

    def announce_new_database(self) -> None:
        """Say so on stderr, before it is created, when the database file does not exist:
        a mistyped --db must not look like "all my contacts are gone"."""
        import typer

        new_file = self._missing_file()
        if new_file is not None:
            typer.echo(f"Created a new, empty database at {new_file}", err=True)

    def without_creating(self) -> None:
        """For a dry run: when the database file does not exist yet, read from an empty one
        held in memory instead, so a run that promises to write nothing leaves no file."""
        if self._context is None and self._missing_file() is not None:
            self.db_path = "sqlite://"

    def _missing_file(self) -> Path | None:
        from followthru.settings import database_url
        from followthru.store.database import sqlite_path

        file = sqlite_path(database_url(self.db_path))
        return file if file is not None and not file.exists() else None

    @property
    def today(self) -> date:
        from followthru.services.runtime import today_for

        real = today_for(self.settings)
        if self.today_text is None:
            return real
        from followthru.domain.dates import parse_date

        return parse_date(self.today_text, today=real)

    def date(self, text: str | None) -> date | None:
        from followthru.domain.dates import parse_date

        return parse_date(text, today=self.today) if text is not None else None


_current: ContextVar[State] = ContextVar("followthru_state")


def begin(new: State) -> None:
    """Called by the root command: every command of this run shares one State."""
    _current.set(new)


def state() -> State:
    try:
        return _current.get()
    except LookupError:  # a command invoked without the root group (e.g. from Python)
        begin(State())
        return _current.get()
