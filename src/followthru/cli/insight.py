"""Commands that look across the network: session, calendar, stats, intros, share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.options import JsonOpt, TodayOpt
from followthru.cli.plan import render_items
from followthru.cli.state import state
from followthru.cli.targets import ForceOpt, check_output

OutOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the .ics file here (- for stdout)."),
]


def _write_ics(data: bytes, out: Path | None, *, quiet: bool = False) -> None:
    """Write the calendar to a file checked by check_output (or stdout, for None); `quiet`
    keeps stdout for --json alone."""
    if out is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    from followthru.files import write_atomic

    write_atomic(out, data)
    if not quiet:
        output.done(f"Wrote {out}")


def session(
    event: Annotated[str, typer.Argument(metavar="EVENT", help="The event to follow up.")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help="When: 'friday 14:00', 'tomorrow 9am' (default: next working day, 9:00).",
        ),
    ] = None,
    out: OutOpt = None,
    preview: Annotated[
        bool, typer.Option("--preview", help="Show the agenda without booking anything.")
    ] = False,
    cancel: Annotated[bool, typer.Option("--cancel", help="Remove the booked session.")] = False,
    force: ForceOpt = False,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Book a post-event follow-up session: agenda with drafts, and a calendar entry.

    One session per event: booking again moves it. --json and --preview never book."""
    from followthru.services import session as sessions

    st = state()
    if cancel:
        output.done(f"Follow-up session for {sessions.cancel(st.context, event)} cancelled.")
        return
    to_stdout = out is not None and str(out) == "-"
    out = check_output(out, force=force)
    view = sessions.book(st.context, event, at=at, today=st.today, preview=preview or st.as_json)
    if out is not None or to_stdout:
        _write_ics(view.ics, out, quiet=st.as_json)
    if st.as_json:
        output.print_json(view.as_json())
        return
    output.out.print(
        ("[bold]Preview, nothing booked:[/] " if not view.booked else "")
        + f"[bold]Follow-up session for {output.escape(view.event)}[/]: {view.starts_at:%A %d %B %H:%M}, {view.minutes} minutes"
    )
    for warning in view.warnings:
        output.warn(warning)
    if not view.items:
        output.done("Nobody from this event waits for a follow-up.")
    render_items(view.items)
    if out is None and not to_stdout:
        output.out.print("\n[dim]Add -o session.ics to put the block in your calendar.[/]")


def calendar(out: OutOpt = None, force: ForceOpt = False, today: TodayOpt = None) -> None:
    """An iCalendar file of open promises, keep-in-touch dates and booked sessions."""
    from followthru.services.calendar_export import calendar as build

    target = check_output(out, force=force)
    st = state()
    _write_ics(build(st.context, today=st.today), target)


def stats(today: TodayOpt = None, _json: JsonOpt = False) -> None:
    """Follow-through rate, touches against the 12-4-1 plan, pile health, backlog."""
    from followthru.services.stats import stats as compute

    st = state()
    s = compute(st.context, today=st.today)
    if st.as_json:
        output.print_json(s.as_json())
        return
    o = output.out
    ft = s.follow_through
    rate = f"{ft.rate:.0%}" if ft.rate is not None else "—"
    o.print(
        f"[bold]Follow-through[/]: {rate} of your promises kept on time ({ft.kept_on_time} of {ft.due} due; {ft.kept_late} kept late, {ft.open_late} still open)"
    )
    light, messages, deep = s.plan
    grid = output.table(
        f"Touches per week (plan: {light}-{messages}-{deep})",
        ["Week of", "Light", "Messages", "Deeper"],
    )
    for w in s.weeks:
        grid.add_row(
            w.week_of.isoformat(),
            f"{w.light}/{light}",
            f"{w.message}/{messages}",
            f"{w.deep}/{deep}",
        )
    o.print(grid)
    for h in s.piles:
        share = f"{h.share:.0%}" if h.share is not None else "—"
        o.print(
            f"[bold]{h.pile.capitalize()}[/]: {share} within cadence ({h.within_cadence} of {h.people})"
        )
    o.print(
        f"[bold]Dormant[/] (no touch for {s.dormant_after_days}+ days): {s.dormant} of {s.people}"
    )
    o.print(
        f"[bold]Untriaged[/]: {s.untriaged}" + (" — run `followthru triage`" if s.untriaged else "")
    )


def intros(
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="How many pairs.")] = 10,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Pairs of people worth introducing, with the reason."""
    from followthru.services.network import intro_json
    from followthru.services.network import intros as find

    pairs = find(state().context, limit=limit)
    if state().as_json:
        output.print_json([intro_json(p) for p in pairs])
        return
    if not pairs:
        output.out.print(
            "No introductions to suggest yet. Tag people with interests, or needs:X / offers:X."
        )
        return
    for n, p in enumerate(pairs, start=1):
        o = output.out
        o.print(
            f"[bold]{n}.[/] {output.escape(p.first.name)} ↔ {output.escape(p.second.name)} — {output.escape(p.reason)}"
        )
    output.out.print(
        "\n[dim]Draft a double opt-in introduction: followthru draft NAME --kind connect --with OTHER[/]"
    )


def share(
    topic: Annotated[
        str, typer.Argument(metavar="TOPIC_OR_URL", help="A topic or an article's URL.")
    ],
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="How many people.")] = 10,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Who in your network would value this, best first, with a draft for each."""
    from followthru.services.network import share as find

    found = find(state().context, topic, limit=limit)
    if state().as_json:
        output.print_json([s.as_json() for s in found])
        return
    if not found:
        output.out.print("Nobody's tags, role or notes match that topic.")
        return
    for n, s in enumerate(found, start=1):
        output.out.print(
            f"[bold]{n}. {output.escape(s.match.profile.name)}[/] — {output.escape(s.match.reason)}"
        )
        output.quoted(s.draft)


def register(app: typer.Typer) -> None:
    app.command()(session)
    app.command()(calendar)
    app.command()(stats)
    app.command()(intros)
    app.command()(share)
