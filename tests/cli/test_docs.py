"""The user guide mentions every command and every setting, so docs cannot fall behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from followthru.cli.main import app
from followthru.settings import SETTINGS

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "guide.md").read_text(encoding="utf-8")


def _command_paths(command: object, prefix: str = "followthru") -> Iterator[str]:
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        yield prefix
        return
    for name, sub in subcommands.items():
        if name == getattr(command, "default_command", None):
            yield prefix  # `promise add` is spelled `promise NAME WHAT`, `week show` `week`
            continue
        yield from _command_paths(sub, f"{prefix} {name}")


COMMANDS = sorted(_command_paths(typer.main.get_command(app)))


def test_command_tree_is_found() -> None:
    assert "followthru add" in COMMANDS
    assert "followthru event show" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert command in GUIDE, f"docs/guide.md never shows `{command}`"


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in GUIDE, f"docs/guide.md does not describe the setting {setting}"
