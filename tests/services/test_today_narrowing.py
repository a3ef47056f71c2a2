"""`today` scores only the people who can appear in it (issue 23): promise holders, people
from recent events, people with something to congratulate, and the first few in reconnect
order with everyone tied with them. Whatever the network, day or number of reconnects,
its answer must be the one scoring everyone gives.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from followthru.demo.network import generate_network
from followthru.services import plain_plan, plan_reads, planning
from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url
from followthru.store.bulk import insert_network
from followthru.store.database import open_database
from followthru.store.planning import TIES_READ_AHEAD
from followthru.store.rows import of_session

GENERATED_ON = date(2026, 11, 20)


def both_ways(ctx: Any, day: date, n: int | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Today's plan as `today` narrows it, and scored over everyone."""
    narrowed = planning.today(ctx, today=day, n=n).as_json(day)
    rules = plan_reads.plan_rules(ctx.settings, reconnects=n)
    with ctx.db.read() as session:
        rows = of_session(session)
        found = plan_reads.occasions(rows, first=day, last=day)
        whole = plan_reads.plan_today(
            rows, ctx.settings, rules, today=day, found=found, who=None
        ).as_json(day)
    return narrowed, whole


@pytest.mark.parametrize("seed", [1, 7, 23])
def test_narrowed_today_equals_scoring_everyone_on_demo_networks(ctx: Any, seed: int) -> None:
    network = generate_network(today=GENERATED_ON, seed=seed, contacts=120)
    with ctx.db.write() as session:
        insert_network(session, network)
    for offset in (-400, -120, -30, 0, 3, 45, 200):  # before, during and after its events
        day = GENERATED_ON + timedelta(days=offset)
        for n in (0, 1, 3, 12, None):
            narrowed, whole = both_ways(ctx, day, n)
            assert narrowed == whole, (seed, day, n)
            assert n != 12 or offset < 0 or narrowed["items"], "a plan with nothing compared"


def test_more_ties_than_read_ahead_are_all_scored(cli: Any, ctx: Any, tmp_path: Any) -> None:
    """Imported people without any date all tie in the reconnect order: their scores, then
    their names, decide, so every one of them is read, however many there are."""
    count = TIES_READ_AHEAD + 30
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:03d}\r\nN:{i:03d};Person;;;\r\n"
        + (f"EMAIL:p{i}@example.org\r\n" if i % 3 == 0 else "")
        + "END:VCARD\r\n"
        for i in range(count, 0, -1)
    )
    (tmp_path / "people.vcf").write_text(cards)
    cli.ok("import", str(tmp_path / "people.vcf"))
    cli.ok("pile", "Person 077", "target")
    day = GENERATED_ON
    for n in (1, 3, count - 5, count + 5):
        narrowed, whole = both_ways(ctx, day, n)
        assert narrowed == whole, n
        reconnects = [i["contact"] for i in narrowed["items"] if i["section"] == "reconnect"]
        assert len(reconnects) == min(n, count)
    assert reconnects[0] == "Person 077"  # the target ranks first among the undated


@pytest.mark.parametrize("seed", [3, 11])
def test_the_command_lines_plain_sqlite_plan_is_the_sessions(
    tmp_path: Path, sqlite_template: Path, config_file: Path, seed: int
) -> None:
    """`followthru today` reads a private SQLite file with `sqlite3` alone
    (`services.plain_plan`): the same statements, so the same plan, drafts included."""
    path = tmp_path / "followthru.db"
    shutil.copy(sqlite_template, path)
    path.chmod(0o600)
    database = open_database(sqlite_url(path))
    ctx = Context(settings=Settings.load(), db=database)
    with ctx.db.write() as session:
        insert_network(session, generate_network(today=GENERATED_ON, seed=seed, contacts=150))
    for offset in (-60, 0, 5, 90):
        day = GENERATED_ON + timedelta(days=offset)
        for n in (1, 3, None):
            plain = plain_plan.today(str(path), settings=ctx.settings, today=day, n=n, drafts=True)
            assert plain is not None, "a private file at the head schema takes the plain path"
            through_session = planning.today(ctx, today=day, n=n)
            assert plain.as_json(day) == through_session.as_json(day), (seed, day, n)
    database.dispose()
