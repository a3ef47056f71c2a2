from __future__ import annotations

from typing import Any


def test_add_then_list(cli: Any, add_contact: Any) -> None:
    jane = add_contact("Jane Doe", email="jane@example.com", pile="target")
    assert jane["pile"] == "target"
    rows = cli.json("list")
    assert [r["name"] for r in rows] == ["Jane Doe"]
