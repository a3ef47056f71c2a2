"""Options several commands share, declared once so their flags and help read alike."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _set_today(value: str | None) -> None:
    """`--today` after a command means what it means before one: the run's one State."""
    if value is not None:
        from followthru.cli.state import state

        state().today_text = value


TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DATE",
        help="Plan or list as if today were DATE (YYYY-MM-DD).",
        callback=_set_today,
        expose_value=False,
    ),
]
EventOpt = Annotated[
    str | None, typer.Option(metavar="NAME", help="Mark everyone as met at this event.")
]
PileOpt = Annotated[str | None, typer.Option(metavar="PILE", help="Put new people in this pile.")]
