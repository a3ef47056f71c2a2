"""Names as people type them: folded for lookup, split for greetings."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Letters that Unicode does not decompose into base + accent but that people type plainly.
_EXTRA_FOLDS = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"}
)


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zoë Ó Briain' and 'zoe o briain' fold alike."""
    if text.isascii():  # what the steps below come to for ASCII, at a tenth of the cost
        return " ".join(text.lower().split())
    # Casefold between two decompositions: some letters only fold after decomposing
    # (a blackletter H becomes H, then h), and some only decompose after folding.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_EXTRA_FOLDS).split())


def split_name(full: str) -> tuple[str, str]:
    """(given, family) from a full name; titles and suffixes are left out."""
    from nameparser import HumanName

    parsed = HumanName(full)
    given = " ".join(p for p in (parsed.first, parsed.middle) if p)
    return given, parsed.last


def greeting_name(given: str, full: str) -> str:
    """The name to greet someone by: the first given name, else the first word, else all."""
    for source in (given, full):
        words = source.split()
        if words:
            return words[0]
    return full


def closest_names(
    typed: str, known: Sequence[tuple[str, str]], *, limit: int = 3, cutoff: float = 80
) -> list[str]:
    """The names in `known` (name, folded name) that look most like a misspelt `typed`,
    best first, each once: what a "did you mean …?" offers. rapidfuzz's WRatio, so a
    misspelt first name alone ('Olla') still finds 'Ola Nordmann'."""
    from rapidfuzz import fuzz, process

    key = fold(typed)
    by_key = {k: name for name, k in known}
    if not key or not by_key:
        return []
    found = process.extract(key, list(by_key), scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    return [by_key[choice] for choice, _, _ in found]
