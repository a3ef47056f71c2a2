"""`followthru triage`: sort new people into piles, one key per person."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.options import TodayOpt
from followthru.cli.state import state

KEYS = {"1": "target", "2": "connector", "3": "general"}


def triage(
    event: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only people met at this event.")
    ] = None,
    batch: Annotated[
        int, typer.Option(min=1, metavar="N", help="How many people in one sitting.")
    ] = 10,
    today: TodayOpt = None,
) -> None:
    """Walk through untriaged people, most promising first: 1 target, 2 connector,
    3 general, s skip, q quit. Keys come from standard input when it is not a terminal."""
    from followthru.services import contacts

    st = state()
    query = contacts.ListQuery(pile="untriaged", event=event, promising_first=True)
    waiting = contacts.listing(st.context, query, today=st.today)
    if not waiting:
        output.done("Nothing to triage." + (f" Everyone from {event} has a pile." if event else ""))
        return
    queue = waiting[:batch]
    output.out.print(
        f"{len(waiting)} to triage, {len(queue)} in this batch. Keys: [bold]1[/] target · [bold]2[/] connector · [bold]3[/] general · [bold]s[/] skip · [bold]q[/] quit"
    )
    moves: list[tuple[int, str]] = []
    skipped = 0
    for position, person in enumerate(queue, start=1):
        role = ", ".join(x for x in (person.title, person.company) if x)
        met = ", ".join(e.name for e in person.events)
        output.out.print(
            f"\n[dim]{position}/{len(queue)}[/] [bold]{output.escape(person.name)}[/]"
            + (f" — {output.escape(role)}" if role else "")
            + (f" [dim]({output.escape(met)})[/]" if met else "")
        )
        key = _read_key()
        if key == "q":
            break
        if key in KEYS:
            moves.append((person.id, KEYS[key]))
            output.out.print(f"  → {output.pile(KEYS[key])}")
        else:
            output.out.print("  skipped")
            skipped += 1
    # The sitting is one change: `followthru undo` takes the whole batch back.
    sorted_count = contacts.triage_batch(st.context, moves)
    left = len(waiting) - sorted_count
    output.out.print(f"\nSorted {sorted_count}, skipped {skipped}, {left} still untriaged.")


def _read_key() -> str:
    """One key press (or one character of piped input); q on end of input, so a script
    can feed keys and stop."""
    while True:
        try:
            key = typer.getchar().lower() if sys.stdin.isatty() else sys.stdin.read(1).lower()
        except (EOFError, KeyboardInterrupt):
            return "q"
        if key in ("", "\x03", "\x04", "\x1b"):
            return "q"
        if key in KEYS or key in ("s", "q"):
            return key


def register(app: typer.Typer) -> None:
    app.command()(triage)
