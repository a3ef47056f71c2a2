"""Duplicate detection at scale: `followthru dupes --json` over 10,000 and 100,000 people.

    python bench/dupes_speed.py [--sizes 10000,100000] [--runs 3]

Uses bench/out/net10k.db and net100k.db (built with make_network's `build_network_db` when
missing). The first run also brings a file's schema up to date, so it is run once untimed;
then the whole command is timed as a user runs it: start-up, loading, blocking, scoring and
the JSON. Goals: under 10 s at 100,000 people, and at most 12 times the time of 10,000
(near-linear growth).
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
from startup import FOLLOWTHRU, children_cpu

GOAL_SECONDS = 10.0
GOAL_GROWTH = 12.0


def timed(db: Path, runs: int) -> tuple[list[float], list[float], list[dict[str, object]]]:
    """Wall and CPU seconds of each timed run of the whole command, and the pairs it printed."""
    command = [str(FOLLOWTHRU), "--db", str(db), "dupes", "--json"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # migrate, warm the cache
    seconds: list[float] = []
    cpu: list[float] = []
    pairs: list[dict[str, object]] = []
    for _ in range(runs):
        before, started = children_cpu(), time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
        cpu.append(children_cpu() - before)
        pairs = json.loads(done.stdout)
    return seconds, cpu, pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print("| people | pairs | confidence bands | median s | min s | max s | median CPU s |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    medians: list[float] = []
    cpus: list[float] = []
    for size in (int(s) for s in args.sizes.split(",")):
        db = default_out(size)
        if not db.exists():
            print(f"building {db} ({size:,} contacts) …", file=sys.stderr, flush=True)
            build_network_db(str(db), contacts=size)
        seconds, cpu, pairs = timed(db, args.runs)
        medians.append(statistics.median(seconds))
        cpus.append(statistics.median(cpu))
        bands = Counter(min(9, int(float(str(p["confidence"])) * 10)) for p in pairs)
        shown = ", ".join(f"{b / 10:.1f}+: {bands[b]:,}" for b in sorted(bands))
        print(
            f"| {size:,} | {len(pairs):,} | {shown} | {medians[-1]:.2f} "
            f"| {min(seconds):.2f} | {max(seconds):.2f} | {cpus[-1]:.2f} |",
            flush=True,
        )
    growth = medians[-1] / medians[0]
    print(
        f"\ngrowth {growth:.1f}x wall, {cpus[-1] / cpus[0]:.1f}x CPU (goal <= {GOAL_GROWTH:.0f}x); "
        f"largest {medians[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU (goal < {GOAL_SECONDS:.0f} s)"
    )
    return 0 if medians[-1] < GOAL_SECONDS and growth <= GOAL_GROWTH else 1


if __name__ == "__main__":
    sys.exit(main())
