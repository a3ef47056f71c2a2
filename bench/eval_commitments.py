"""Score the commitment detector on a labelled JSONL file, and time it.

    .venv/bin/python bench/eval_commitments.py /work/shared/eval/commitments-dev.jsonl -v

Each line: {"text", "promise", "owner", "due": [earliest, latest] | null} and optionally a
"kind" (same_day, dates, multi, false_alarm, joint, third_party, colleague, unkept) that
the per-kind precision and recall are reported by. A note counts as
a detected promise when `detect` returns anything. Owner and due are judged on the note's
*first* commitment (labels describe the first promise of a multi-promise note): owner over
true promises detected, due over true promises detected that carry a labelled window.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from followthru.domain.commitments import detect

DEFAULT_TODAY = date(2026, 11, 20)


def load(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file; blank lines are skipped."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _ratio(hit: int, total: int) -> float:
    return hit / total if total else 1.0


def evaluate(rows: Iterable[Mapping[str, Any]], today: date = DEFAULT_TODAY) -> dict[str, Any]:
    """Precision/recall of "holds a promise", owner and due accuracy, and the misses."""
    tp = fp = fn = tn = 0
    owner_hit = owner_total = due_hit = due_total = 0
    misses: list[str] = []
    for row in rows:
        text = str(row["text"])
        found = detect(text, today=today)
        wanted = bool(row["promise"])
        if found and wanted:
            tp += 1
            first = found[0]
            owner_total += 1
            if first.owner.value == row.get("owner"):
                owner_hit += 1
            else:
                misses.append(f"OWNER  {first.owner.value} != {row.get('owner')}: {text}")
            window = row.get("due")
            if window:
                due_total += 1
                lo, hi = date.fromisoformat(window[0]), date.fromisoformat(window[1])
                if first.due is not None and lo <= first.due <= hi:
                    due_hit += 1
                else:
                    shown = first.due.isoformat() if first.due else None
                    misses.append(f"DUE    {shown} not in {window}: {text}")
        elif found:
            fp += 1
            misses.append(f"FALSE+ {found[0].owner.value} {found[0].what!r}: {text}")
        elif wanted:
            fn += 1
            misses.append(f"MISSED ({row.get('owner')}): {text}")
        else:
            tn += 1
    return {
        "notes": tp + fp + fn + tn,
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "owner_accuracy": _ratio(owner_hit, owner_total),
        "due_accuracy": _ratio(due_hit, due_total),
        "counts": {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "tn": tn,
            "owner_n": owner_total,
            "due_n": due_total,
        },
        "misses": misses,
    }


def throughput(texts: list[str], today: date, minimum: int = 10_000) -> float:
    """Notes per second, single-threaded, over the texts repeated to at least `minimum`."""
    if not texts:
        return 0.0
    batch = texts * (minimum // len(texts) + 1)
    started = time.perf_counter()
    for text in batch:
        detect(text, today=today)
    elapsed = time.perf_counter() - started
    return len(batch) / elapsed if elapsed > 0 else float("inf")


def by_kind(rows: list[dict[str, Any]], today: date) -> dict[str, dict[str, Any]]:
    """The evaluation of each labelled kind of note on its own."""
    kinds = sorted({str(row["kind"]) for row in rows if row.get("kind")})
    return {kind: evaluate([r for r in rows if r.get("kind") == kind], today) for kind in kinds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    rows = load(args.file)
    result = evaluate(rows, args.today)
    counts = result["counts"]
    print(f"notes       {result['notes']}")
    print(f"precision   {result['precision']:.3f}  (tp {counts['tp']}, fp {counts['fp']})")
    print(f"recall      {result['recall']:.3f}  (fn {counts['fn']})")
    print(f"owner       {result['owner_accuracy']:.3f}  (of {counts['owner_n']})")
    print(f"due         {result['due_accuracy']:.3f}  (of {counts['due_n']})")
    for kind, part in by_kind(rows, args.today).items():
        print(
            f"  {kind:<12} P {part['precision']:.2f}  R {part['recall']:.2f}  "
            f"owner {part['owner_accuracy']:.2f}  due {part['due_accuracy']:.2f}  "
            f"(n {part['notes']}, fp {part['counts']['fp']}, fn {part['counts']['fn']})"
        )
    rate = throughput([str(row["text"]) for row in rows], args.today)
    print(f"throughput  {rate:,.0f} notes/s")
    if args.verbose:
        for miss in result["misses"]:
            print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
