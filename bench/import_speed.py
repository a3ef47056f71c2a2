"""Import speed: a 10,000-row LinkedIn CSV and a 10,000-card vCard file, into a new database.

    python bench/import_speed.py [--rows 10000] [--runs 3]

Beside each, the limit: the raw sqlite3 `executemany` rate for the same number of contact
rows on the same machine. The files come from the demo generator (same seed, same file),
written as LinkedIn and as a phone would write them.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from import_files import people, write_linkedin, write_vcards
from startup import FOLLOWTHRU


def raw_executemany(rows: int, folder: Path) -> float:
    """The floor: inserting the same number of contact-sized rows with sqlite3 directly."""
    db = folder / "raw.db"
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, email TEXT, company TEXT,"
        " title TEXT, url TEXT)"
    )
    data = [(f"Person {i}", f"p{i}@example.com", "Contoso", "CTO", f"u{i}") for i in range(rows)]
    start = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO contacts (name, email, company, title, url) VALUES (?, ?, ?, ?, ?)", data
        )
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def timed_import(path: Path, folder: Path, runs: int) -> float:
    seconds = []
    for run in range(runs):
        db = folder / f"import-{path.suffix[1:]}-{run}.db"
        start = time.perf_counter()
        subprocess.run(
            [str(FOLLOWTHRU), "--db", str(db), "import", str(path), "--json"],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        found = people(args.rows)
        files = {
            "LinkedIn CSV": write_linkedin(folder, found),
            "vCard 3.0": write_vcards(folder, found),
        }
        raw = raw_executemany(args.rows, folder)
        print("| file | rows | median s | contacts/s |")
        print("| --- | ---: | ---: | ---: |")
        for label, path in files.items():
            seconds = timed_import(path, folder, args.runs)
            print(f"| {label} | {args.rows:,} | {seconds:.2f} | {args.rows / seconds:,.0f} |")
        print(f"| raw sqlite3 executemany | {args.rows:,} | {raw:.3f} | {args.rows / raw:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
