"""The plan's reads are SQL text that SQLite and PostgreSQL both run (`store.rows`): the
spellings they disagree on — a list of ids, a date minus a per-row number of days — and
conditions joined with `|` must mean the same on both."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from conftest import need
from followthru.store import planning
from followthru.store.rows import of_session

TODAY = date(2026, 11, 20)


def test_two_id_lists_joined_keep_both(ctx: Any, add_contact: Any) -> None:
    ids = [add_contact(name)["id"] for name in ("Ann One", "Bob Two", "Cy Three")]
    with ctx.db.read() as session:
        rows = of_session(session)
        who = planning.among(rows, ids[:1], name="first") | planning.among(
            rows, ids[2:], name="last"
        )
        assert sorted(planning.people_facts(rows, who)) == [ids[0], ids[2]]


def test_conditions_that_disagree_on_a_parameter_do_not_join() -> None:
    first = planning.Who("SELECT :one", {"one": 1})
    with pytest.raises(ValueError, match="disagree"):
        first | planning.Who("SELECT :one", {"one": 2})


@pytest.mark.parametrize(
    ("pile", "cadence", "last_touch", "due"),
    [
        ("target", None, "2026-10-01", True),  # 50 days ago, target cadence 30
        ("general", None, "2026-10-01", False),  # the general cadence is longer
        ("general", "20", "2026-10-25", True),  # an own cadence of 20 days wins
        ("general", "40", "2026-10-25", False),
    ],
)
def test_a_cadence_in_days_counts_back_from_today_on_every_database(
    ctx: Any, cli: Any, add_contact: Any, pile: str, cadence: str | None, last_touch: str, due: bool
) -> None:
    person = add_contact("Dee Due", pile=pile, met="2026-01-05")
    if cadence:
        cli.ok("edit", "Dee Due", "--cadence", cadence)
    cli.ok("log", "Dee Due", "--on", last_touch)
    cadences = {"target": 30, "connector": 60, "general": 90}
    with ctx.db.read() as session:
        rows = of_session(session)
        found = planning.people_facts(rows, planning.due_for_a_touch(rows, TODAY, cadences))
    assert (person["id"] in found) is due


def test_postgresql_compiles_no_statement_to_machine_code(pg_schema_url: str | None) -> None:
    """JIT compiling cost the plan's reads more than running them (docs/benchmarks.md):
    every connection to a server has it off, whatever the server's default."""
    from followthru.store.database import open_database

    need(pg_schema_url is not None, "PostgreSQL is not reachable")
    assert pg_schema_url is not None
    database = open_database(pg_schema_url)
    try:
        with database.read() as session:
            assert session.execute(text("SHOW jit")).scalar() == "off"
    finally:
        database.dispose()
