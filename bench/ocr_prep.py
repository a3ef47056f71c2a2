"""What each preparation step does for RapidOCR: the same cards read after each, scored.

    python bench/ocr_prep.py DIR [--region US]

Steps, each on its own: the raw photo at 1024, 1280 (the default) and 1600 px on its long
side; the card found and squared up (Tesseract's perspective warp, colours kept); and the
whole Tesseract preparation (warp, flattened to dark text on white, levelled). A step is
kept only if it reads more fields right. Models are loaded once, before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval_cards import score
from followthru.domain.card_fields import extract, lines_from_words
from followthru.formats import card_image, card_ocr


def _squared(image: Any) -> Any:
    corners = card_image._find_card(image)
    return card_image._warp(image, corners) if corners else image


def _prepared(image: Any) -> Any:
    return card_image.prepare(image).image.convert("RGB")


STEPS: dict[str, tuple[int, Callable[[Any], Any]]] = {
    "raw 1024 px": (1024, lambda im: im),
    "raw 1280 px": (1280, lambda im: im),
    "raw 1600 px": (1600, lambda im: im),
    "card squared up": (1280, _squared),
    "Tesseract's preparation": (1280, _prepared),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--region", default="US")
    args = parser.parse_args()
    labels: dict[str, dict[str, str]] = json.loads((args.folder / "labels.json").read_text())
    photos = {f: card_image.open_image((args.folder / f).read_bytes()) for f in labels}
    reader = card_ocr.CardReader()
    print(f"{len(labels)} cards in {args.folder}; fields right of all scored, s/card")
    for step, (side, prepare) in STEPS.items():
        card_ocr.MAX_SIDE = side
        right = total = whole = 0
        start = time.perf_counter()
        for file, want in labels.items():
            words = reader.words(prepare(photos[file]))
            found = extract(lines_from_words(words), args.region).as_json()
            scored = score(found, want, args.region)
            right, total = right + sum(scored.values()), total + len(scored)
            whole += all(scored.values())
        seconds = (time.perf_counter() - start) / len(labels)
        print(f"  {step:<24} {right}/{total} fields, {whole} cards fully right, {seconds:.2f} s")


if __name__ == "__main__":
    main()
