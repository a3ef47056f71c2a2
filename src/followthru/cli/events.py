"""`followthru event add|list|show`: where people were met."""

from __future__ import annotations

from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.groups import FollowthruGroup
from followthru.cli.options import JsonOpt, TodayOpt
from followthru.cli.state import state

event_app = typer.Typer(
    cls=FollowthruGroup, help="Events where you meet people.", no_args_is_help=True
)


@event_app.command("add")
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="e.g. 'PyData London 2026'.")],
    date: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="When it took place (YYYY-MM-DD).")
    ] = None,
    where: Annotated[
        str | None, typer.Option("--where", metavar="PLACE", help="Where it took place.")
    ] = None,
    _json: JsonOpt = False,
) -> None:
    """Record an event."""
    from followthru.services import events

    st = state()
    added = events.add(st.context, name, held_on=st.date(date), where=where)
    if st.as_json:
        output.print_json(added.as_json())
    else:
        output.done(f"Added event {added.name}" + (f" on {added.held_on}" if added.held_on else ""))


@event_app.command("list")
def list_(today: TodayOpt = None, _json: JsonOpt = False) -> None:
    """List events, newest first, with how many people were met and triaged."""
    from followthru.services import events

    rows = events.listing(state().context)
    if state().as_json:
        output.print_json([r.as_json() for r in rows])
        return
    grid = output.table(
        None,
        ["#", "Event", "Date", "Where", "People", "Target", "Connector", "General", "Untriaged"],
    )
    for r in rows:
        grid.add_row(
            str(r.id),
            output.escape(r.name),
            output.day(r.held_on),
            output.escape(r.location or ""),
            str(r.people),
            *(str(r.piles.get(p, 0)) for p in ("target", "connector", "general")),
            f"[yellow]{r.untriaged}[/]" if r.untriaged else "0",
        )
    output.out.print(grid)


@event_app.command("show")
def show(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Event name (a unique prefix will do).")
    ],
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Who you met at an event, the pile of each, and what is left to triage."""
    from followthru.services import events

    st = state()
    detail = events.show(st.context, name)
    if st.as_json:
        output.print_json(detail.as_json())
        return
    e = detail.event
    where = f" · {e.location}" if e.location else ""
    output.out.print(
        f"[bold]{output.escape(e.name)}[/]  {output.day(e.held_on)}{output.escape(where)}"
    )
    counts = " · ".join(
        f"{p} {e.piles.get(p, 0)}" for p in ("target", "connector", "general", "untriaged")
    )
    output.out.print(f"{e.people} people: {counts}")
    grid = output.table(None, ["#", "Name", "Company", "Title", "Pile"])
    for p in detail.people:
        grid.add_row(
            str(p.id),
            output.escape(p.name),
            output.escape(p.company or ""),
            output.escape(p.title or ""),
            output.pile(p.pile),
        )
    output.out.print(grid)
    for warning in detail.warnings:
        output.warn(warning)
    if e.untriaged:
        output.out.print(
            f"[yellow]{e.untriaged} untriaged[/]: run `followthru triage --event {output.escape(repr(e.name))}`"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(event_app, name="event")
