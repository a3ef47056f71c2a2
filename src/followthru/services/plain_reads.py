"""The everyday reads a command line runs most, without SQLAlchemy when the database
allows it (see `store.plain`); None tells the caller to take the full path."""

from __future__ import annotations

from followthru.domain.vocab import Pile, parse_choice
from followthru.services import views
from followthru.store import keys, plain


def pile_filter(raw: str | None) -> str | None:
    """A pile as `list --pile` takes it: a pile's name, or "untriaged"."""
    if not raw:
        return None
    if raw.strip().lower() == "untriaged":
        return "untriaged"
    return parse_choice(Pile, raw, "pile").value


def search_key(raw: str | None) -> str | None:
    """Search text folded as the stored keys are; blank searches nothing."""
    return keys.name_key(raw) if raw and raw.strip() else None


def listing(
    db_path: str | None, *, pile: str | None, search: str | None, include_archived: bool
) -> list[views.ContactSummary] | None:
    """`list` by pile and search text straight from a SQLite file, or None."""
    from followthru.settings import database_url

    flt = plain.ContactFilter(
        pile=pile_filter(pile), search=search_key(search), include_archived=include_archived
    )
    conn = plain.open_reader(database_url(db_path))
    if conn is None:
        return None
    try:
        rows, details = plain.listing(conn, flt)
    finally:
        conn.close()
    return views.summaries(rows, details)
