"""Notes per second through `followthru extract`, start-up included.

    python bench/extract_speed.py [--notes 20000] [--runs 3] [--peer FOLLOWTHRU] [FILE.jsonl ...]

The notes are the texts of labelled sets (default: the project's own and blind sets),
repeated to --notes lines, and piped into the real command as a script would. --peer times
another installed `followthru` (e.g. an older checkout's) in the same run, runs interleaved,
so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

from startup import FOLLOWTHRU

DATA = Path(__file__).resolve().parent / "data"


def _time_once(command: Path, notes: IO[bytes]) -> float:
    notes.seek(0)
    start = time.perf_counter()
    subprocess.run(
        [str(command), "extract", "--today", "2026-11-20"],
        stdin=notes,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peer", type=Path, help="another followthru to time alongside")
    args = parser.parse_args(argv)
    files = args.files or sorted(DATA.glob("commitments-*.jsonl"))
    texts = [
        " ".join(json.loads(line)["text"].split())
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    lines = [texts[i % len(texts)] for i in range(args.notes)]
    commands = {"this": FOLLOWTHRU} | ({"peer": args.peer} if args.peer else {})
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryFile("w+b") as notes:
        notes.write(("\n".join(lines) + "\n").encode("utf-8"))
        for _ in range(args.runs):
            for name, command in commands.items():
                seconds[name].append(_time_once(command, notes))
    for name, taken in seconds.items():
        median = statistics.median(taken)
        print(f"{name}: {args.notes:,} notes in {median:.2f} s (median of {args.runs}): "
              f"{args.notes / median:,.0f} notes/s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
