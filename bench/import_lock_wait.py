"""How long a write from another process waits while a large import runs.

    python bench/import_lock_wait.py [--rows 100000] [--every 0.25]

A `followthru import` of a LinkedIn CSV (demo generator, same seed) runs in a subprocess
against a SQLite database that already holds one person. Meanwhile this process logs a
touch for that person through the service layer every `--every` seconds, on its own
connection, and times each write from start to commit, until the import ends. The import
takes the write lock for one batch of people at a time, so the longest wait is about one
batch's length; every write must succeed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from followthru.errors import DatabaseError
from followthru.services import contacts, touches
from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url
from followthru.store.database import open_database
from import_files import TODAY, people, write_linkedin
from startup import FOLLOWTHRU


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--every", type=float, default=0.25)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv = write_linkedin(folder, people(args.rows))
        db = folder / "wait.db"
        ctx = Context(Settings.load(), open_database(sqlite_url(db)))
        contacts.add(ctx, contacts.NewContact(name="Writer Elsewhere"), today=TODAY)
        started = time.perf_counter()
        importer = subprocess.Popen(
            [str(FOLLOWTHRU), "--db", str(db), "import", str(csv), "--json"],
            stdout=subprocess.DEVNULL,
        )
        waits: list[float] = []
        failed = 0
        while importer.poll() is None:
            start = time.perf_counter()
            try:
                touches.log(
                    ctx, "writer", via="email", kind="checkin", summary="", on=TODAY, today=TODAY
                )
            except DatabaseError:  # waited the whole busy timeout (30 s) for the lock
                failed += 1
            waits.append(time.perf_counter() - start)
            time.sleep(args.every)
        total = time.perf_counter() - started
        ctx.db.dispose()
    if importer.returncode != 0:
        print(f"the import failed (exit {importer.returncode})")
        return 1
    print("| import rows | import s | writes | failed | median write ms | longest write ms |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {args.rows:,} | {total:.1f} | {len(waits)} | {failed} "
        f"| {statistics.median(waits) * 1000:.0f} | {max(waits) * 1000:.0f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
