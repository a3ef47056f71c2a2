"""Per-field accuracy of `followthru scan` on a folder of card photos with a labels.json.

    python bench/eval_cards.py DIR [--engine rapidocr|tesseract] [--region US] [--show]

labels.json: {file: {name, title, company, email, phone, website}}; a field left out (or
null) is not scored for that card. Names, titles and companies are compared case- and
space-insensitively, accents as printed (a "Dr." before the name is no error); a card is
"fully right" when every field scored on it is. The engine's models are loaded once,
before the clock starts: seconds/card is a card in a batch. The phone must be one the
scanner found, compared as E.164 ("phone(1st)": the first one it lists); e-mails exactly
(case-insensitive); websites by host and path (no scheme, no "www.").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from followthru.domain.fields import normalize_phone, url_key
from followthru.errors import BadInput
from followthru.services.scan import open_reader, read_card

FIELDS = ("name", "title", "company", "email", "phone", "phone(1st)", "website")


def _text(value: str | None) -> str:
    text = " ".join((value or "").casefold().replace(".", " ").replace(",", " ").split())
    return re.sub(r"^(dr|mr|mrs|ms|prof) ", "", text)


def _e164(value: str, region: str) -> str:
    try:
        return normalize_phone(value, region)
    except BadInput:
        return value


def score(found: dict[str, object] | None, want: dict[str, str], region: str) -> dict[str, bool]:
    got = found or {}
    result: dict[str, bool] = {}
    phones = [str(p) for p in got.get("phones", []) or []]  # type: ignore[attr-defined]
    emails = [str(e).casefold() for e in got.get("emails", []) or []]  # type: ignore[attr-defined]
    for key in FIELDS:
        label = want.get(key.replace("(1st)", ""))
        if not label:
            continue
        if key in ("name", "title", "company"):
            result[key] = _text(str(got.get(key) or "")) == _text(label)
        elif key == "email":
            result[key] = label.casefold() in emails
        elif key == "phone":
            result[key] = _e164(label, region) in phones
        elif key == "phone(1st)":
            result[key] = bool(phones) and phones[0] == _e164(label, region)
        elif key == "website":
            result[key] = bool(got.get("website")) and url_key(str(got["website"])) == url_key(
                label
            )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--labels", type=Path, help="labels.json elsewhere (default: DIR's)")
    parser.add_argument("--region", default="US", help="phone region hint (config phone_region)")
    parser.add_argument("--show", action="store_true", help="print every miss")
    parser.add_argument("--engine", default="auto", choices=("auto", "rapidocr", "tesseract"))
    args = parser.parse_args()
    reader = open_reader(args.engine)
    labels: dict[str, dict[str, str]] = json.loads(
        (args.labels or args.folder / "labels.json").read_text()
    )
    hits = {k: 0 for k in FIELDS}
    totals = {k: 0 for k in FIELDS}
    seconds: list[float] = []
    whole = 0
    for file, want in sorted(labels.items()):
        start = time.perf_counter()
        try:
            found: dict[str, object] | None = read_card(
                args.folder / file, args.region, reader
            ).as_json()
        except BadInput as exc:
            found = None
            print(f"{file}: failed: {exc.message}", file=sys.stderr)
        seconds.append(time.perf_counter() - start)
        scored = score(found, want, args.region)
        whole += all(scored.values())
        for key, ok in scored.items():
            totals[key] += 1
            hits[key] += ok
            if not ok and args.show:
                got = (found or {}).get(
                    {"email": "emails", "phone": "phones", "phone(1st)": "phones"}.get(key, key)
                )
                print(f"{file}: {key}: want {want.get(key.replace('(1st)', ''))!r}, got {got!r}")
    engine = reader.name if reader is not None else "tesseract"
    print(f"{len(labels)} cards in {args.folder}, read by {engine}")
    print(f"  {'fully right':<11} {whole / len(labels):6.1%}  ({whole}/{len(labels)})")
    for key in FIELDS:
        if totals[key]:
            print(f"  {key:<11} {hits[key] / totals[key]:6.1%}  ({hits[key]}/{totals[key]})")
    slowest = max(zip(seconds, sorted(labels), strict=True))[1]
    seconds.sort()
    print(
        f"  seconds/card: mean {sum(seconds) / len(seconds):.2f}, "
        f"median {seconds[len(seconds) // 2]:.2f}, max {seconds[-1]:.2f} ({slowest})"
    )


if __name__ == "__main__":
    main()
