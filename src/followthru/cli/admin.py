"""Housekeeping: the database, the config file, and the demo network."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followthru.cli import output
from followthru.cli.groups import FollowthruGroup
from followthru.cli.options import json_flag
from followthru.cli.state import state
from followthru.cli.targets import check_output

if TYPE_CHECKING:
    from followthru.services.demo import DemoSummary

db_app = typer.Typer(cls=FollowthruGroup, help="The database.", no_args_is_help=True)
config_app = typer.Typer(
    cls=FollowthruGroup, help="Settings in your config file.", no_args_is_help=True
)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring it to the newest schema (done automatically on use)."""
    from followthru.services.runtime import upgrade_database

    st = state()
    st.announce_new_database()
    url, revision = upgrade_database(st.db_path)
    output.done(f"{url} is at schema {revision}.")


@db_app.command("path")
def db_path() -> None:
    """Print which database followthru uses."""
    from followthru.settings import database_url

    output.out.print(output.escape(database_url(state().db_path)), soft_wrap=True)


@config_app.command("path")
def config_path() -> None:
    """Print where the config file lives."""
    from followthru.settings import config_path as path

    output.out.print(output.escape(str(path())), soft_wrap=True)


@config_app.command("show")
def config_show(
    _json: Annotated[bool, json_flag("Print JSON.")] = False,
) -> None:
    """Every setting with its value and where that value comes from."""
    from followthru.settings import SETTINGS

    settings = state().settings
    if state().as_json:
        output.print_json({s.name: settings[s.name] for s in SETTINGS})
        return
    grid = output.table(None, ["Setting", "Value", "From", "Meaning"])
    for s in SETTINGS:
        grid.add_row(
            s.name,
            output.escape(str(settings[s.name])),
            output.escape(settings.sources.get(s.name, "default")),
            output.escape(s.help),
        )
    output.out.print(grid)


@config_app.command("set")
def config_set(key: str, value: str) -> None:
    """Change a setting, e.g. `followthru config set cadence.target 21`."""
    from followthru.settings import config_path as path
    from followthru.settings import write_setting

    stored = write_setting(path(), key, value)
    output.done(f"{key} = {stored!r} (in {path()})")


def demo(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Where to build it (default: demo.db in your data folder).",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Random seed: the same seed gives the same network.")
    ] = 7,
    contacts: Annotated[int, typer.Option(help="How many people.", min=1, max=100_000)] = 150,
    _json: Annotated[bool, json_flag("Print the summary as JSON.")] = False,
) -> None:
    """Build a realistic demo network in its own database file, and show it."""
    from followthru.services.demo import build_demo, default_demo_path

    st = state()
    # The demo is rebuilt on every run, so its file is replaced; never the database in use.
    path = check_output(out, force=True) or default_demo_path()
    summary = build_demo(path, today=st.today, seed=seed, contacts=contacts)
    if st.as_json:
        output.print_json(summary.as_json())
        return
    _show_demo(path, summary)


def _show_demo(path: Path, summary: DemoSummary) -> None:
    """A tour of the demo: its events, its open promises, and what to try next."""
    from followthru.cli.plan import render_backlog, render_items
    from followthru.services import events, planning, promises
    from followthru.services.runtime import open_context

    st = state()
    demo_ctx = open_context(str(path), st.settings)
    rows = events.listing(demo_ctx)
    o = output.out
    o.print(f"[bold]Demo network[/] built in {output.escape(str(path))}")
    o.print(
        f"{summary.contacts} people, {len(rows)} events, {summary.touches} touches, "
        f"{summary.notes} notes, {summary.promises} promises\n"
    )
    grid = output.table(
        "Events", ["Event", "Date", "People", "Target", "Connector", "General", "Untriaged"]
    )
    for r in rows:
        grid.add_row(
            output.escape(r.name),
            output.day(r.held_on),
            str(r.people),
            *(str(r.piles.get(p, 0)) for p in ("target", "connector", "general", "untriaged")),
        )
    o.print(grid)
    open_promises = promises.listing(demo_ctx, today=st.today)
    late = [p for p in open_promises if p.days_late]
    o.print(f"\n[bold]{len(open_promises)} open promises[/], {len(late)} overdue.")
    plan = planning.today(demo_ctx, today=st.today, n=None, drafts=False)
    items = plan.items
    o.print(f"\n[bold]What to do today ({st.today:%A %d %B %Y})[/]")
    render_items(items, show_drafts=False)
    render_backlog(plan.untriaged, plan.backlog)
    db = output.escape(str(path))
    o.print("\nTry it (the demo never touches your own contacts):")
    latest = max((r for r in rows if r.held_on), key=lambda r: r.held_on or st.today, default=None)
    first = items[0].name if items else "NAME"
    tour = ["today", f'why "{first}"', "week", "promises", "stats"]
    if latest is not None:
        tour += [f'session "{latest.name}" --at "friday 14:00"', f'triage --event "{latest.name}"']
    tour.append("serve --open   # the same in your browser")
    for command in tour:
        o.print(f"  followthru --db {db} {output.escape(command)}")
    demo_ctx.db.dispose()


def register(app: typer.Typer) -> None:
    app.command()(demo)
    app.add_typer(db_app, name="db")
    app.add_typer(config_app, name="config")
