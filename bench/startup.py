"""How long the CLI takes to start, against bare Python and against khard, on one machine.

    python bench/startup.py [--runs 7] [--db bench/out/net10k.db | --url URL] [--no-peer]

A command line tool is judged by its start-up: `followthru --help` should cost little more
than `python -c pass`, and listing 10,000 people should still feel instant. Each command
runs once to warm the file cache, then `--runs` times; the table shows the median
wall time (and the spread), as Markdown ready for docs/benchmarks.md.

The peer is khard (`pip install 'followthru[bench]'`), a command-line address book that
reads a folder of vCards: the same people, exported by `followthru export`, one file
each. Rows pair a followthru command with khard's nearest one and give the ratio. The
package is byte-compiled first (`python -m compileall`), as an installed copy is.
`--url` runs the same commands on a server database (PostgreSQL, filled by
`make_network.py --url URL --fresh`): figures for the page, not goals.
"""

from __future__ import annotations

import argparse
import compileall
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import followthru
from make_network import build_network_db, default_out

BIN = Path(sys.executable).parent
FOLLOWTHRU = BIN / "followthru"
KHARD = BIN / "khard"


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: list[float]
    failure: str | None = None
    cpu: list[float] | None = None  # user + system seconds of each run, for a loaded machine

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000 if self.seconds else float("nan")

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu) * 1000 if self.cpu else float("nan")

    def row(self) -> str:
        if self.failure:
            return f"| `{self.label}` | n/a | n/a | n/a | n/a | {self.failure} |"
        ms = sorted(s * 1000 for s in self.seconds)
        median = statistics.median(ms)
        return (
            f"| `{self.label}` | {median:.0f} | {ms[0]:.0f} | {ms[-1]:.0f} | {self.cpu_ms:.0f} "
            f"| {len(ms)} runs |"
        )


def measure(label: str, argv: list[str], runs: int) -> Timing:
    """Median of `runs` timed runs after one untimed warm-up; a failing command is reported."""
    if not Path(argv[0]).exists():
        return Timing(label, [], f"not found: {argv[0]}")
    warm = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if warm.returncode != 0:
        reason = (warm.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        return Timing(label, [], f"fails (exit {warm.returncode}): {reason[:80]}")
    seconds, cpu = [], []
    for _ in range(runs):
        before = children_cpu()
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds.append(time.perf_counter() - started)
        cpu.append(children_cpu() - before)
    return Timing(label, seconds, cpu=cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ensure_network(db: Path) -> None:
    if db.exists():
        return
    print(f"building {db} (10,000 contacts, 20 touches each) …", file=sys.stderr)
    report = build_network_db(str(db), contacts=10_000, touches_per_contact=20)
    print(f"built in {report.total_seconds:.1f} s", file=sys.stderr)


def vcard_folder(db: str, folder: Path) -> Path:
    """Everyone in `db` as one .vcf file a person, the layout khard reads."""
    exported = subprocess.run(
        [str(FOLLOWTHRU), "--db", db, "export", "--format", "vcard"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cards = folder / "cards"
    cards.mkdir()
    for n, card in enumerate(exported.split("END:VCARD")[:-1]):
        (cards / f"{n:06d}.vcf").write_text(card.strip() + "\r\nEND:VCARD\r\n")
    config = folder / "khard.conf"
    config.write_text(f"[addressbooks]\n[[bench]]\npath = {cards}\n[general]\n")
    return config


def someone(db: str) -> str:
    """A full name only one person has: what `show` and `khard show` can both open."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        name = conn.execute(
            text(
                "SELECT min(name) FROM contacts WHERE NOT archived GROUP BY name_key "
                "HAVING count(*) = 1 ORDER BY name_key LIMIT 1 OFFSET 500"
            )
        ).scalar_one()
    engine.dispose()
    return str(name)


def peer_pairs(db: str, config: Path) -> list[tuple[str, list[str], str, list[str]]]:
    """(our label, our command, khard's label, khard's command) for each everyday read."""
    ours = [str(FOLLOWTHRU), "--db", db]
    khard = [str(KHARD), "-c", str(config)]
    name = someone(db)
    family = name.split()[-1]
    return [
        ("list --json", [*ours, "list", "--json"], "khard list", [*khard, "list"]),
        (
            f"list -s {family}",
            [*ours, "list", "-s", family],
            f"khard list -f {family}",
            [*khard, "list", "-f", family],
        ),
        (
            f"show '{name}'",
            [*ours, "show", name],
            f"khard show -f '{name}'",
            [*khard, "show", "-f", name],
        ),
        ("today", [*ours, "today"], "followthru --help", [str(FOLLOWTHRU), "--help"]),
    ]


def compare(db: str, runs: int) -> None:
    """Each pair measured back to back, so both see the same machine load."""
    print("\nWall and CPU (user + system) medians; the ratios are the peer's over ours.\n")
    print("| followthru | wall ms | CPU ms | peer | wall ms | CPU ms | ratio wall | ratio CPU |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        config = vcard_folder(db, Path(tmp))
        for label, command, peer_label, peer in peer_pairs(db, config):
            a, b = measure(label, command, runs), measure(peer_label, peer, runs)
            note = a.failure or b.failure
            print(
                f"| `{label}` | {a.median_ms:.0f} | {a.cpu_ms:.0f} | `{peer_label}` "
                f"| {b.median_ms:.0f} | {b.cpu_ms:.0f} | {b.median_ms / a.median_ms:.2f} "
                f"| {b.cpu_ms / a.cpu_ms:.2f} |" + (f" {note}" if note else ""),
                flush=True,
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, default=default_out(10_000))
    where.add_argument("--url", help="a server database holding a network instead")
    parser.add_argument("--no-peer", action="store_true", help="skip the khard comparison")
    args = parser.parse_args(argv)
    if args.url is None:
        ensure_network(args.db)
    db, label = (args.url, "URL") if args.url else (str(args.db), args.db.name)
    compileall.compile_dir(Path(followthru.__file__).parent, quiet=1)
    python = sys.executable
    cases = [
        ("python -c pass", [python, "-c", "pass"]),
        ("python -c 'import followthru.cli.main'", [python, "-c", "import followthru.cli.main"]),
        ("followthru --help", [str(FOLLOWTHRU), "--help"]),
        (
            f"followthru --db {label} list --json",
            [str(FOLLOWTHRU), "--db", db, "list", "--json"],
        ),
    ]
    print(f"Python {platform.python_version()} on {platform.platform()}, {args.runs} runs each\n")
    print("| command | median ms | min ms | max ms | CPU ms | note |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for label, command in cases:
        print(measure(label, command, args.runs).row(), flush=True)
    if not args.no_peer:
        if KHARD.exists():
            compare(db, args.runs)
        else:
            print(f"\nno peer: {KHARD} not found (pip install 'followthru[bench]')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
