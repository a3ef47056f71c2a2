"""The follow-up engine as whole commands, against the floor of merely opening the database.

    python bench/engine.py [--runs 5] [--sizes 10000,100000]

`today` and `week` must be computed in a few queries, never one per person. Each size is a
synthetic network (20 touches a person: 200,000 at 10k, 2,000,000 at 100k) built once by
make_network.py. The floor is a Python process that imports the CLI and opens (and checks
the schema of) the same database: what any command pays before it does anything.
The week is planned once per calendar week and then read back, so `week` is timed on a
copy of the database with the plan table emptied before every run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from make_network import build_network_db, default_out
from startup import FOLLOWTHRU, Timing, measure

TODAY = "2026-11-22"


def network(size: int) -> Path:
    db = default_out(size)
    if not db.exists():
        print(f"building {db} …", file=sys.stderr)
        build_network_db(
            str(db), contacts=size, touches_per_contact=20, today=date.fromisoformat(TODAY)
        )
    return db


def fresh_week_copy(db: Path, folder: Path) -> Path:
    """A copy whose weekly plan is empty, so `week` plans from scratch each time."""
    import sqlite3

    copy = folder / db.name
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM week_items")
    return copy


def cases(db: Path, folder: Path) -> list[tuple[str, list[str]]]:
    floor = (
        "from followthru.services.runtime import open_context; import followthru.cli.main; "
        f"open_context({str(db)!r})"
    )
    base = [str(FOLLOWTHRU), "--today", TODAY, "--db"]
    week_db = fresh_week_copy(db, folder)
    wipe = f"import sqlite3; c = sqlite3.connect({str(week_db)!r}); c.execute('DELETE FROM week_items'); c.commit()"
    return [
        ("floor: import CLI + open database", [sys.executable, "-c", floor]),
        ("today", [*base, str(db), "today"]),
        ("today --no-drafts", [*base, str(db), "today", "--no-drafts"]),
        (
            "week (planned from scratch)",
            ["/bin/sh", "-c", f'{sys.executable} -c "{wipe}" && {" ".join(base)} {week_db} week'],
        ),
        ("week (plan already made)", [*base, str(week_db), "week"]),
        ("stats", [*base, str(db), "stats"]),
        ("list --json", [*base, str(db), "list", "--json"]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args(argv)
    print("| network | command | median ms | min ms | max ms | CPU ms | note |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            db = network(size)
            for label, command in cases(db, Path(tmp)):
                timing: Timing = measure(label, command, args.runs)
                print(f"| {size:,} | " + timing.row().removeprefix("| "), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
