"""Where a command writes a file, checked before any work is done.

A file written by `export -o`, `calendar -o`, `session -o` or `demo -o` never replaces the
open database (nor its -wal/-shm files), never silently replaces an existing file, and a
folder given as the target is a sentence, not a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from followthru.cli.state import state

ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]


def _ask(question: str) -> bool:
    return bool(typer.confirm(question, default=False, err=True))


def check_output(out: Path | None, *, force: bool) -> Path | None:
    """The file to write, checked; None when the output goes to stdout (no -o, or -)."""
    if out is None or str(out) == "-":
        return None
    from followthru.files import check_target, sqlite_files
    from followthru.settings import database_url
    from followthru.store.database import sqlite_path

    database = sqlite_path(database_url(state().db_path))
    protected = sqlite_files(database) if database is not None else []
    on_terminal = sys.stdin.isatty() and sys.stderr.isatty()
    check_target(out, protected=protected, force=force, confirm=_ask if on_terminal else None)
    return out
