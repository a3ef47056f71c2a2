"""The plan is printed in one Rich call, yet every line stays the user's own text: a
bracket in a promise is never read as markup, wherever the line wraps."""

from __future__ import annotations

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
