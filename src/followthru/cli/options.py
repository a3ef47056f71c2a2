"""Options several commands share, declared once so their flags and help read alike."""

from __future__ import annotations

from typing import Annotated

import typer

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
EventOpt = Annotated[
    str | None, typer.Option(metavar="NAME", help="Mark everyone as met at this event.")
]
PileOpt = Annotated[str | None, typer.Option(metavar="PILE", help="Put new people in this pile.")]
