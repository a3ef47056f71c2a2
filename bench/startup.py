"""How long the CLI takes to start, against bare Python on the same machine.

    python bench/startup.py [--runs 7] [--db bench/out/net10k.db] [--baseline OLD/src]

A command line tool is judged by its start-up: `followthru --help` should cost little more
than `python -c pass`, and the everyday commands (`today`, `show NAME`, `list -s NAME`) on
10,000 people should still feel instant. The package is byte-compiled first, as an
installed copy is. Each command runs once to warm the file cache, then `--runs` times; the
table shows the median wall time (and the spread), as Markdown ready for
docs/benchmarks.md. With `--baseline`, each command runs alternately on another copy of
the sources (e.g. `git worktree add /tmp/old main`, then `--baseline /tmp/old/src`) and on
this one, so a change is measured against what it replaces on the same busy machine.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import followthru
from make_network import build_network_db, default_out

BIN = Path(sys.executable).parent
FOLLOWTHRU = BIN / "followthru"


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: list[float]
    cpu_seconds: list[float]
    failure: str | None = None

    def row(self) -> str:
        if self.failure:
            return f"| `{self.label}` | n/a | n/a | n/a | n/a | {self.failure} |"
        ms = sorted(s * 1000 for s in self.seconds)
        cpu = statistics.median(self.cpu_seconds) * 1000
        return (
            f"| `{self.label}` | {statistics.median(ms):.0f} | {ms[0]:.0f} | {ms[-1]:.0f}"
            f" | {cpu:.0f} | {len(ms)} runs |"
        )


def _children_cpu() -> float:
    """CPU seconds used so far by finished children: on a busy machine the wall time
    swings with the neighbours, the CPU time a command needs much less."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(label: str, argv: list[str], runs: int) -> Timing:
    """Median of `runs` timed runs after one untimed warm-up; a failing command is reported."""
    if not Path(argv[0]).exists():
        return Timing(label, [], [], f"not found: {argv[0]}")
    warm = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if warm.returncode != 0:
        reason = (warm.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        return Timing(label, [], [], f"fails (exit {warm.returncode}): {reason[:80]}")
    seconds, cpu_seconds = [], []
    for _ in range(runs):
        started, cpu_before = time.perf_counter(), _children_cpu()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(_children_cpu() - cpu_before)
    return Timing(label, seconds, cpu_seconds)


def ensure_network(db: Path) -> None:
    if db.exists():
        return
    print(f"building {db} (10,000 contacts, 20 touches each) …", file=sys.stderr)
    report = build_network_db(str(db), contacts=10_000, touches_per_contact=20)
    print(f"built in {report.total_seconds:.1f} s", file=sys.stderr)


def someone(db: Path) -> str:
    """A name that picks out exactly one person, as a user types it."""
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT name FROM contacts GROUP BY name HAVING count(*) = 1 ORDER BY min(id) LIMIT 1"
        ).fetchone()
    return str(row[0])


def cases(db: Path) -> list[tuple[str, list[str]]]:
    """Bare Python, the import alone, help, then the everyday commands on `db`."""
    python, ft, name = sys.executable, str(FOLLOWTHRU), someone(db)
    on_db = [ft, "--db", str(db)]
    return [
        ("python -c pass", [python, "-c", "pass"]),
        ("python -c 'import followthru.cli.main'", [python, "-c", "import followthru.cli.main"]),
        ("followthru --help", [ft, "--help"]),
        ("followthru --version", [ft, "--version"]),
        (f"followthru --db {db.name} today", [*on_db, "today"]),
        (f"followthru --db {db.name} show NAME", [*on_db, "show", name]),
        (f"followthru --db {db.name} list -s SURNAME", [*on_db, "list", "-s", name.split()[-1]]),
        (f"followthru --db {db.name} list --json", [*on_db, "list", "--json"]),
    ]


def compare(label: str, argv: list[str], runs: int, baseline: Path) -> str:
    """A row of medians, the baseline sources beside these, taking turns run by run."""
    trees = (baseline, Path(followthru.__file__).resolve().parents[1])
    both = [Timing(label, [], []) for _ in trees]
    for _ in range(runs):
        for tree, timing in zip(trees, both, strict=True):
            os.environ["PYTHONPATH"] = str(tree)
            once = measure(label, argv, 1)
            if once.failure:
                return f"| `{label}` | {once.failure} | | | |"
            timing.seconds.extend(once.seconds)
            timing.cpu_seconds.extend(once.cpu_seconds)
    cells = [
        f"{statistics.median(t.seconds) * 1000:.0f} | {statistics.median(t.cpu_seconds) * 1000:.0f}"
        for t in both
    ]
    return f"| `{label}` | {' | '.join(cells)} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, default=default_out(10_000))
    parser.add_argument("--baseline", type=Path, help="another copy's src/ folder to compare")
    args = parser.parse_args(argv)
    ensure_network(args.db)
    compileall.compile_dir(Path(followthru.__file__).parent, quiet=1)
    print(f"Python {platform.python_version()} on {platform.platform()}, {args.runs} runs each\n")
    if args.baseline:
        compileall.compile_dir(args.baseline / "followthru", quiet=1)
        print("| command | baseline ms | baseline CPU ms | this ms | this CPU ms |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for label, command in cases(args.db):
            print(compare(label, command, args.runs, args.baseline), flush=True)
        return 0
    print("| command | median ms | min ms | max ms | median CPU ms | note |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for label, command in cases(args.db):
        print(measure(label, command, args.runs).row(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
