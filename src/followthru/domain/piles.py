"""Rules about the three piles."""

from __future__ import annotations

from collections.abc import Mapping


def target_heavy_warning(piles: Mapping[str, int]) -> str | None:
    """Not everyone is target market: say so when most triaged people landed in target."""
    triaged = sum(n for pile, n in piles.items() if pile in ("target", "connector", "general"))
    targets = piles.get("target", 0)
    if triaged and targets * 2 > triaged:
        return (
            f"{targets} of {triaged} triaged people are in the target pile. Not everyone is "
            "target market: keep target for real potential leads, and make the rest connectors."
        )
    return None
