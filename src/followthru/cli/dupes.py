"""Commands about the same person entered twice: dupes, merge (and merge --undo)."""

from __future__ import annotations

from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.options import JsonOpt, TodayOpt
from followthru.cli.state import state

TABLE_ROWS = 100  # a terminal table of 100,000 pairs would take a minute to draw


def dupes(
    min_confidence: Annotated[
        float,
        typer.Option("--min", metavar="0-1", help="Only pairs at least this likely (default 0.5)."),
    ] = 0.5,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", metavar="N", help="Show the first N pairs (default: 100; JSON: all). 0: all."
        ),
    ] = None,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """List people who are probably the same person, most likely first."""
    from followthru.services import dupes as service

    st = state()
    pairs = service.find(st.context, min_confidence=min_confidence)
    shown = limit if limit is not None else (0 if st.as_json else TABLE_ROWS)
    rest = pairs[shown:] if shown > 0 else []
    pairs = pairs[:shown] if shown > 0 else pairs
    if st.as_json:
        output.print_json([p.as_json() for p in pairs])
        return
    if not pairs:
        output.out.print("No likely duplicates.")
        return
    grid = output.table(None, ["Sure", "Keep", "Merge in", "Why"])
    for p in pairs:
        grid.add_row(
            f"{round(p.confidence * 100)}%",
            output.escape(f"#{p.a.id} {p.a.name}"),
            output.escape(f"#{p.b.id} {p.b.name}"),
            output.escape(p.reason),
        )
    output.out.print(grid)
    more = f", and {len(rest)} less likely (--limit 0 shows all)" if rest else ""
    output.out.print(
        f"[dim]{len(pairs)} pair(s){more}. Merge one with: followthru merge '#KEEP' '#OTHER'[/]"
    )


def merge(
    keep: Annotated[
        str | None, typer.Argument(metavar="KEEP", help="The person to keep: name, e-mail or #ID.")
    ] = None,
    other: Annotated[
        str | None,
        typer.Argument(metavar="OTHER", help="The person folded into KEEP, then deleted."),
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Take back the most recent merge.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    _json: JsonOpt = False,
) -> None:
    """Merge OTHER into KEEP: touches, notes, promises and details move; OTHER is deleted."""
    from followthru.errors import BadInput
    from followthru.services import dupes as service

    st = state()
    if undo:
        if keep or other:
            raise BadInput("merge --undo takes no names: it undoes the most recent merge.")
        undone = service.undo(st.context)
        if st.as_json:
            output.print_json(undone.as_json())
            return
        output.done(
            f"Undid merge #{undone.merge_id}: #{undone.restored.id} {undone.restored.name} "
            f"is back beside #{undone.kept.id} {undone.kept.name}"
        )
        return
    if not keep or not other:
        raise BadInput("merge needs two people.", "followthru merge KEEP OTHER, or merge --undo")
    kept_who, other_who = service.resolve_pair(st.context, keep, other)
    if not yes:
        typer.confirm(
            f"Merge {other_who} into {kept_who}? {other_who.split(' ', 1)[0]} will be deleted",
            abort=True,
            err=True,  # the question never mixes into --json output
        )
    merged = service.merge(st.context, keep, other)
    if st.as_json:
        output.print_json(merged.as_json())
        return
    output.done(
        f"Merged #{merged.removed_id} {merged.removed_name} into #{merged.kept.id} "
        f"{merged.kept.name} (undo: followthru merge --undo)"
    )


def register(app: typer.Typer) -> None:
    app.command()(dupes)
    app.command()(merge)
