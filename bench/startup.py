"""How long the CLI takes to start, against bare Python on the same machine.

    python bench/startup.py [--runs 7] [--db bench/out/net10k.db]

A command line tool is judged by its start-up: `followthru --help` should cost little more
than `python -c pass`, and listing 10,000 people should still feel instant. Each command
runs once to warm the file cache, then `--runs` times; the table shows the median
wall time (and the spread), as Markdown ready for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from make_network import build_network_db, default_out

BIN = Path(sys.executable).parent
FOLLOWTHRU = BIN / "followthru"


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: list[float]
    failure: str | None = None

    def row(self) -> str:
        if self.failure:
            return f"| `{self.label}` | n/a | n/a | n/a | {self.failure} |"
        ms = sorted(s * 1000 for s in self.seconds)
        median = statistics.median(ms)
        return f"| `{self.label}` | {median:.0f} | {ms[0]:.0f} | {ms[-1]:.0f} | {len(ms)} runs |"


def measure(label: str, argv: list[str], runs: int) -> Timing:
    """Median of `runs` timed runs after one untimed warm-up; a failing command is reported."""
    if not Path(argv[0]).exists():
        return Timing(label, [], f"not found: {argv[0]}")
    warm = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if warm.returncode != 0:
        reason = (warm.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        return Timing(label, [], f"fails (exit {warm.returncode}): {reason[:80]}")
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds.append(time.perf_counter() - started)
    return Timing(label, seconds)


def ensure_network(db: Path) -> None:
    if db.exists():
        return
    print(f"building {db} (10,000 contacts, 20 touches each) …", file=sys.stderr)
    report = build_network_db(str(db), contacts=10_000, touches_per_contact=20)
    print(f"built in {report.total_seconds:.1f} s", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, default=default_out(10_000))
    args = parser.parse_args(argv)
    ensure_network(args.db)
    python = sys.executable
    cases = [
        ("python -c pass", [python, "-c", "pass"]),
        ("python -c 'import followthru.cli.main'", [python, "-c", "import followthru.cli.main"]),
        ("followthru --help", [str(FOLLOWTHRU), "--help"]),
        (
            f"followthru --db {args.db.name} list --json",
            [str(FOLLOWTHRU), "--db", str(args.db), "list", "--json"],
        ),
    ]
    print(f"Python {platform.python_version()} on {platform.platform()}, {args.runs} runs each\n")
    print("| command | median ms | min ms | max ms | note |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, command in cases:
        print(measure(label, command, args.runs).row(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
