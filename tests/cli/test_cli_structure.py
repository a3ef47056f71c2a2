"""The CLI's structure: a command imports only its own module, `--help` lists every
command from a table these tests hold to the commands themselves, and the options many
commands share are read once into the run's State."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._click.utils import make_default_short_help
from typer.testing import CliRunner

from followthru.cli import main
from followthru.cli.groups import declared_commands

MODULES = sorted({entry.module for entry in main.COMMANDS.values()})


def _every_declared_command() -> dict[str, tuple[str, Any]]:
    """What each module's `register` declares, with every module imported first."""
    for module in MODULES:
        __import__(f"followthru.cli.{module}")
    found: dict[str, tuple[str, Any]] = {}
    for module in MODULES:
        for name, command in declared_commands(module).items():
            assert name not in found, f"{name} is declared by {module} and {found[name][0]}"
            found[name] = (module, command)
    return found


DECLARED = _every_declared_command()


def test_the_table_names_every_command_and_its_module() -> None:
    assert {name: module for name, (module, _) in DECLARED.items()} == {
        name: entry.module for name, entry in main.COMMANDS.items()
    }


@pytest.mark.parametrize("name", sorted(main.COMMANDS))
def test_help_lists_a_command_as_the_command_itself_would(name: str) -> None:
    """At any terminal width: the summary is the first sentence of the command's help."""
    command = DECLARED[name][1]
    for width in range(10, 200, 3):
        expected = command.get_short_help_str(width)
        assert make_default_short_help(main.COMMANDS[name].summary, width) == expected


@pytest.mark.parametrize("name", sorted(main.COMMANDS))
def test_a_command_loaded_alone_is_the_whole_command(name: str) -> None:
    """Loading one command's module (and its extensions) builds all of its subcommands,
    as when every module is imported."""
    group: Any = typer.main.get_command(main.app)
    ctx = typer.Context(group, info_name="followthru")
    alone = group.get_command(ctx, name)
    assert alone is not None
    assert sorted(getattr(alone, "commands", {})) == sorted(
        getattr(DECLARED[name][1], "commands", {})
    )


def _imported(*args: str, tmp_path: Path) -> set[str]:
    """The modules a real `followthru ARGS` run imports, from `python -X importtime`."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "followthru", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = [line for line in run.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[-1].strip() for line in lines[1:]}


HEAVY = {"sqlalchemy", "sqlalchemy.orm", "followthru.services", "rich", "pydantic"}
OTHER_COMMANDS = {f"followthru.cli.{m}" for m in ("people", "scan", "serve", "transfer")}


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_no_command_and_no_database(
    args: list[str], tmp_path: Path
) -> None:
    imported = _imported(*args, tmp_path=tmp_path)
    assert "followthru.cli.main" in imported
    assert not imported & (HEAVY | OTHER_COMMANDS)


def test_a_command_imports_its_own_module_only(tmp_path: Path) -> None:
    db = tmp_path / "followthru.db"
    imported = _imported("--db", str(db), "--today", "2026-11-20", "today", tmp_path=tmp_path)
    assert "followthru.cli.plan" in imported
    assert not imported & OTHER_COMMANDS


def test_text_options_and_unset_ones_build_no_pydantic_validator(tmp_path: Path) -> None:
    """`--db PATH`, a search text and the unset `-n` pass as typed: Typer's pydantic check
    is for values it can change (tests of `-n abc` keep its message)."""
    db = tmp_path / "followthru.db"
    assert "pydantic" not in _imported("--db", str(db), "list", "-s", "Ada", tmp_path=tmp_path)
    assert "pydantic" not in _imported("--db", str(db), "today", tmp_path=tmp_path)
    assert "pydantic" in _imported("--db", str(db), "today", "-n", "2", tmp_path=tmp_path)


def test_a_number_is_still_checked(cli: Any) -> None:
    result = cli("today", "-n", "many")
    assert result.exit_code == 2
    assert "valid integer" in result.output


def _leaf_commands() -> list[tuple[str, Any]]:
    from followthru.cli import reference

    return [
        (ctx.command_path, ctx.command)
        for ctx in reference.contexts(reference.root_context())
        if not isinstance(ctx.command, typer.core.TyperGroup)
    ]


@pytest.mark.parametrize("flag", ["--json", "--today"])
def test_shared_options_go_to_the_state_not_to_the_command(flag: str) -> None:
    """Every command that takes `--json` or `--today` hands it to the State: no command
    function gets a copy of its own to read."""
    taking = [
        (path, param)
        for path, command in _leaf_commands()
        for param in command.params
        if flag in getattr(param, "opts", ())
    ]
    assert len(taking) > 10
    assert [path for path, param in taking if param.expose_value] == []


def test_json_after_the_command_and_today_before_it_reach_the_same_state(
    cli: Any, add_contact: Any
) -> None:
    add_contact("Ada Lovelace")
    listed = cli.ok("list", "--json").stdout
    assert [row["name"] for row in json.loads(listed)] == ["Ada Lovelace"]
    shown = cli.ok("list").stdout  # the next run of the same process starts without --json
    assert "Ada Lovelace" in shown and not shown.startswith("[")


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main.app, ["todya"])
    assert result.exit_code == 2
    assert "No such command 'todya'" in result.output
