"""Which schema revision this followthru writes, known without importing SQLAlchemy: the
quick read path checks it before trusting a database file's layout."""

from __future__ import annotations

from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


def head_revision() -> str:
    """Revisions are numbered files (0001_initial.py …): the highest is the head."""
    return max(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
