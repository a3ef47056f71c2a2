"""Notes per second through `followthru extract`, start-up included.

    python bench/extract_speed.py [--notes 20000] [--runs 3] [FILE.jsonl ...]

The notes are the texts of labelled sets (default: the project's own and blind sets),
repeated to --notes lines, and piped into the real command as a script would.
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

from startup import FOLLOWTHRU

DATA = Path(__file__).resolve().parent / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    files = args.files or sorted(DATA.glob("commitments-*.jsonl"))
    texts = [
        " ".join(json.loads(line)["text"].split())
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    lines = [texts[i % len(texts)] for i in range(args.notes)]
    with tempfile.TemporaryFile("w+b") as notes:
        notes.write(("\n".join(lines) + "\n").encode("utf-8"))
        seconds = []
        for _ in range(args.runs):
            notes.seek(0)
            start = time.perf_counter()
            subprocess.run(
                [str(FOLLOWTHRU), "extract", "--today", "2026-11-20"],
                stdin=notes,
                stdout=subprocess.DEVNULL,
                check=True,
            )
            seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    print(f"{args.notes:,} notes in {median:.2f} s (median of {args.runs}): "
          f"{args.notes / median:,.0f} notes/s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
