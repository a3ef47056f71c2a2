"""The `followthru` command: root options and the command modules it is made of."""

from __future__ import annotations

from typing import Annotated

import typer

from followthru import __version__
from followthru.cli import (
    accounts,
    activity,
    admin,
    corrections,
    digest,
    dupes,
    events,
    history,
    insight,
    mcp,
    people,
    plan,
    scan,
    serve,
    transfer,
    triage,
)
from followthru.cli.groups import FollowthruGroup
from followthru.cli.state import State, begin

app = typer.Typer(
    cls=FollowthruGroup,
    name="followthru",
    help="Follow through on networking: capture people, sort them into piles, keep every promise.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich.markdown alone costs ~0.13 s of start-up
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followthru {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            envvar="FOLLOWTHRU_DB",
            help="Database file (or a full database URL). Default: your user data folder.",
            show_envvar=True,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="DATE",
            help="Pretend today is this date (YYYY-MM-DD), e.g. to replay a plan.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Follow through on networking: capture people, sort them into piles, keep every promise."""
    ctx.obj = State(db_path=db, today_text=today)  # the run's one context, built once
    begin(ctx.obj)


people.register(app)
dupes.register(app)
events.register(app)
triage.register(app)
activity.register(app)
corrections.register(app)
plan.register(app)
insight.register(app)
transfer.register(app)
scan.register(app)
serve.register(app)
admin.register(app)
accounts.register(app)
mcp.register(app)
digest.register(app)
history.register(app)


def run() -> None:
    app()
