"""Options several commands share, declared once so their flags and help read alike.

`--json` and `--today` are accepted after a command (`followthru today --json`), so each
command declares them; their values go into the run's one State, never into the
command's arguments: a command reads `state().as_json` and `state().today`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer


def _set_json(value: bool) -> None:
    if value:
        from followthru.cli.state import state

        state().as_json = True


def json_flag(help: str = "Print JSON for scripts.") -> Any:
    """`--json`, with a help line of the command's own where JSON means more."""
    return typer.Option("--json", help=help, callback=_set_json, expose_value=False)


JsonOpt = Annotated[bool, json_flag()]


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
