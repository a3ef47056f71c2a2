"""The plan is printed in one Rich call, yet every line stays the user's own text: a
bracket in a promise is never read as markup, wherever the line wraps."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from followthru.cli import output


@pytest.mark.parametrize("width", [28, 34, 40, 60])
def test_brackets_in_a_wrapped_promise_survive(
    cli: Any, add_contact: Any, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr(output, "_consoles", {})  # consoles made at this width
    add_contact("Ann Lee", pile="target", met="2026-11-01")
    cli.ok("promise", "ann", "send [deck v2] and the [draft] notes", "--due", "2026-11-18")
    shown = " ".join(cli.ok("today").stdout.split())
    assert "send [deck v2] and the [draft] notes" in shown.replace("│ ", "")


@pytest.mark.parametrize("width", [40, 52, 60, 80])
def test_a_wide_character_in_a_name_does_not_break_a_line_twice(
    cli: Any, add_contact: Any, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """An emoji takes two terminal cells: lines are measured in cells, so Rich never has
    to break one again and a word never lands back at the margin."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr(output, "_consoles", {})
    for n, name in enumerate(["Sven 🚀 Duarte", "Ben 🚀🚀 O'Brien", "陳 美玲 Chen"]):
        add_contact(name, met=f"2023-0{n + 1}-15")
    lines = cli.ok("week", "--no-drafts").stdout.splitlines()
    items = [line for line in lines if line[:1].isdigit() or line.startswith(" ")]
    assert any("🚀" in line for line in items)
    assert all(cell_len(line) <= width for line in items), items
    for before, line in pairwise(lines):  # an item's next line
        if before[:1].isdigit() and line and not line[:1].isdigit():
            assert line.startswith("   "), (before, line)
