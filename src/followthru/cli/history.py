"""Commands over the change journal: history (what changed lately) and undo."""

from __future__ import annotations

from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.options import JsonOpt
from followthru.cli.state import state


def history(
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", help="How many changes, newest first.")
    ] = 20,
    _json: JsonOpt = False,
) -> None:
    """List recent changes (imports, merges, edits, deletes, logs …) that `undo` can take back."""
    from followthru.services import history as service

    changes = service.recent(state().context, limit=limit)
    if state().as_json:
        output.print_json([c.as_json() for c in changes])
        return
    if not changes:
        output.out.print("[dim]Nothing changed yet.[/]")
        return
    grid = output.table(None, ["ID", "When", "What", "Change", "People"])
    for c in changes:
        when = c.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
        summary = output.escape(c.summary) + (" [dim](undone)[/]" if c.undone else "")
        grid.add_row(f"#{c.id}", when, c.kind, summary, str(c.records))
    output.out.print(grid)
    output.out.print("[dim]Take one back with: followthru undo [ID][/]")


def undo(
    change: Annotated[
        int | None,
        typer.Argument(metavar="[ID]", help="The change to undo (default: the most recent)."),
    ] = None,
    _json: JsonOpt = False,
) -> None:
    """Take back the most recent change, or change ID when no later change depends on it."""
    from followthru.services import history as service

    undone = service.undo(state().context, change)
    if state().as_json:
        output.print_json(undone.as_json())
        return
    output.done(f"Undid #{undone.id}: {undone.summary}")


def register(app: typer.Typer) -> None:
    app.command()(history)
    app.command()(undo)
