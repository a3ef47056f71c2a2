"""The command reference, docs/commands.md, written from the command tree itself.

    python -m followthru.cli.reference > docs/commands.md

Each command's `--help` text, as the command prints it, so the reference cannot say
anything the CLI does not; tests/test_docs.py fails when the file falls behind the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click.core import Command

#: A fixed width, so the file does not depend on the terminal that wrote it.
WIDTH = 88

HEADER = """\
# Command reference

Every command's `--help`, generated from the CLI: do not edit by hand. After changing a
command, run `make docs` (or `python -m followthru.cli.reference > docs/commands.md`):
tests/test_docs.py fails until you do. The guide (docs/guide.md) explains what the commands are for.
"""


def contexts(ctx: typer.Context) -> Iterator[typer.Context]:
    """`ctx` and the context of every command below it, depth first, in `--help` order.

    Commands are fetched through `get_command`, as a run does, so commands that are only
    loaded when used (see `LazyGroup`) are listed too."""
    yield ctx
    command = ctx.command
    if not isinstance(command, TyperGroup):
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            yield from contexts(_context(sub, name, ctx))


def _context(command: Command, name: str, parent: typer.Context | None = None) -> typer.Context:
    """The context a run would make for `command` (its own settings, e.g. `-h`)."""
    settings = {"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings}
    return typer.Context(command, info_name=name, parent=parent, **settings)


def root_context() -> typer.Context:
    """The context of `followthru` itself, as a run makes it."""
    from followthru.cli.main import app

    return _context(typer.main.get_command(app), "followthru")


def render() -> str:
    """The whole reference, as Markdown."""
    sections = [HEADER]
    for ctx in contexts(root_context()):
        sections.append(f"## `{ctx.command_path}`\n\n```text\n{ctx.get_help().rstrip()}\n```\n")
    return "\n".join(sections)


if __name__ == "__main__":
    print(render(), end="")
