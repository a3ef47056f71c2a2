"""Duplicate detection at scale: `followthru dupes --json` over a 100,000-person network.

    python bench/dupes_speed.py [--contacts 100000] [--runs 3] [--db PATH]

Uses bench/out/net100k.db (built with make_network's `build_network_db` when missing). The
first run also brings the file's schema up to date, so it is run once untimed; then the
whole command is timed as a user runs it: start-up, loading, blocking, scoring and the JSON.
The goal is under 30 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from make_network import build_network_db, default_out
from startup import FOLLOWTHRU

GOAL_SECONDS = 30.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, default=None, help="default: bench/out/net100k.db")
    args = parser.parse_args(argv)
    db = args.db or default_out(args.contacts)
    if not db.exists():
        print(f"building {db} ({args.contacts:,} contacts) …", flush=True)
        build_network_db(str(db), contacts=args.contacts)
    command = [str(FOLLOWTHRU), "--db", str(db), "dupes", "--json"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # migrate, warm the cache
    seconds: list[float] = []
    pairs: list[dict[str, object]] = []
    for _ in range(args.runs):
        started = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
        pairs = json.loads(done.stdout)
    median = statistics.median(seconds)
    print(f"database   {db}")
    print(f"command    followthru --db {db.name} dupes --json")
    print(f"pairs      {len(pairs):,}")
    bands = Counter(min(9, int(float(str(p["confidence"])) * 10)) for p in pairs)
    print("confidence " + ", ".join(f"{b / 10:.1f}+: {bands[b]:,}" for b in sorted(bands)))
    print(
        f"time       median {median:.2f} s, min {min(seconds):.2f} s, max {max(seconds):.2f} s "
        f"over {len(seconds)} runs (goal < {GOAL_SECONDS:.0f} s)"
    )
    return 0 if median < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
