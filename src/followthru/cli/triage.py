"""`followthru triage`: sort new people into piles, one key per person."""

from __future__ import annotations

from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.state import state

KEYS = {"1": "target", "2": "connector", "3": "general"}


def triage(
    event: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only people met at this event.")
    ] = None,
) -> None:
    """Walk through untriaged people: 1 target, 2 connector, 3 general, s skip, q quit."""
    from followthru.services import contacts

    st = state()
    queue = contacts.listing(
        st.context, contacts.ListQuery(pile="untriaged", event=event), today=st.today
    )
    if not queue:
        output.done("Nothing to triage." + (f" Everyone from {event} has a pile." if event else ""))
        return
    output.out.print(
        f"{len(queue)} to triage. Keys: [bold]1[/] target · [bold]2[/] connector · [bold]3[/] general · [bold]s[/] skip · [bold]q[/] quit"
    )
    sorted_count = skipped = 0
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
            contacts.set_pile(st.context, f"#{person.id}", KEYS[key], today=st.today)
            output.out.print(f"  → {output.pile(KEYS[key])}")
            sorted_count += 1
        else:
            output.out.print("  skipped")
            skipped += 1
    left = len(queue) - sorted_count
    output.out.print(f"\nSorted {sorted_count}, skipped {skipped}, {left} still untriaged.")


def _read_key() -> str:
    """One key press; q on end of input, so a script can feed keys and stop."""
    while True:
        try:
            key = typer.getchar().lower()
        except (EOFError, KeyboardInterrupt):
            return "q"
        if key in ("", "\x03", "\x04", "\x1b"):
            return "q"
        if key in KEYS or key in ("s", "q"):
            return key


def register(app: typer.Typer) -> None:
    app.command()(triage)
