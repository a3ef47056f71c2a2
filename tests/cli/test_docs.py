"""The user guide mentions every command and every setting, so docs cannot fall behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.core import TyperGroup

from followthru.cli import reference
from followthru.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE = (DOCS / "guide.md").read_text(encoding="utf-8")


def _command_paths() -> Iterator[str]:
    """Every command a user types; a group's default command is spelled as the group
    (`promise add` is `promise NAME WHAT`, `week show` is `week`)."""
    for ctx in reference.contexts(reference.root_context()):
        if isinstance(ctx.command, TyperGroup) or ctx.parent is None:
            continue
        if ctx.info_name == getattr(ctx.parent.command, "default_command", None):
            yield ctx.parent.command_path
        else:
            yield ctx.command_path


COMMANDS = sorted(_command_paths())


def test_command_tree_is_found() -> None:
    assert "followthru add" in COMMANDS
    assert "followthru event show" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert command in GUIDE, f"docs/guide.md never shows `{command}`"


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in GUIDE, f"docs/guide.md does not describe the setting {setting}"


def test_command_reference_is_current() -> None:
    """docs/commands.md is every `--help` as the CLI prints it today."""
    written = (DOCS / "commands.md").read_text(encoding="utf-8")
    assert written == reference.render(), "docs/commands.md is out of date: run `make docs`"
