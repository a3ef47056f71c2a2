"""What the change journal costs an import: the same import with and without it.

    python bench/journal_cost.py [--rows 10000] [--runs 3]

Two imports of the demo network (same seed), in-process so only the import is timed:
a LinkedIn CSV into an empty database (the journal records the people created), then a
vCard file of the same people into that database (most are matched and updated: the
journal keeps the before-image of every one). "Without" replaces the journal's two
methods by no-ops in this process; runs alternate so both see the same machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from followthru.services.importer import ImportOptions, import_files
from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url
from followthru.store import journal
from followthru.store.database import open_database
from import_files import TODAY, people, write_linkedin, write_vcards


@contextmanager
def journal_off() -> Iterator[None]:
    touch, save = journal.ChangeSet.touch, journal.ChangeSet.save
    journal.ChangeSet.touch = lambda self, ids: None  # type: ignore[method-assign]
    journal.ChangeSet.save = lambda self, records=None: 0  # type: ignore[method-assign]
    try:
        yield
    finally:
        journal.ChangeSet.touch, journal.ChangeSet.save = touch, save  # type: ignore[method-assign]


def one_run(folder: Path, run: str, csv: Path, vcf: Path) -> tuple[float, float]:
    database = open_database(sqlite_url(folder / f"{run}.db"))
    ctx = Context(Settings.load(), database)
    times = []
    for path in (csv, vcf):
        start = time.perf_counter()
        import_files(ctx, [path], ImportOptions(), today=TODAY)
        times.append(time.perf_counter() - start)
    database.dispose()
    return times[0], times[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    found = people(args.rows)
    results: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv, vcf = write_linkedin(folder, found), write_vcards(folder, found)
        for run in range(args.runs):
            results["with"].append(one_run(folder, f"with-{run}", csv, vcf))
            with journal_off():
                results["without"].append(one_run(folder, f"without-{run}", csv, vcf))
    print("| import | rows | without journal s | with journal s | extra |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for index, label in enumerate(("LinkedIn CSV, new database", "vCard, same people again")):
        off = statistics.median(r[index] for r in results["without"])
        on = statistics.median(r[index] for r in results["with"])
        print(f"| {label} | {args.rows:,} | {off:.2f} | {on:.2f} | {on / off - 1:+.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
