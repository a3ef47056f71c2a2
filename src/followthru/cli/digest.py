"""`followthru digest`: the weekly e-mail, the daily notification, and their schedule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.groups import FollowthruGroup
from followthru.cli.options import JsonOpt, TodayOpt
from followthru.cli.state import state

digest_app = typer.Typer(
    cls=FollowthruGroup,
    help="Digests that come to you: the weekly 12-4-1 e-mail and a daily notification.",
    no_args_is_help=True,
)
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print what would be sent; send and record nothing.")
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Send again even if this period's digest went out.")
]
PERIOD = {"week": "this week", "today": "today"}


def _send(kind: str, dry_run: bool, force: bool, as_json: bool) -> None:
    from followthru.services import digests

    st = state()
    outcome = digests.send(st.context, kind, today=st.today, dry_run=dry_run, force=force)
    if as_json:
        output.print_json(outcome.as_json())
    elif outcome.status == "dry-run":
        output.out.print(output.escape(outcome.preview), soft_wrap=True)
    elif outcome.status == "empty":
        output.done(f"Nothing to say {PERIOD[kind]}: no digest sent.")
    elif outcome.status == "already":
        when = min(outcome.already.values())
        output.done(
            f"The digest for {PERIOD[kind]} went out at {when:%Y-%m-%d %H:%M} UTC; "
            "--force sends it again."
        )
    else:
        items = f"{outcome.items} item{'s' if outcome.items != 1 else ''}"
        output.done(f"Sent {PERIOD[kind]}'s digest ({items}): {output.join(outcome.sent)}.")


def _digest_command(kind: str, summary: str) -> Callable[..., None]:
    """`digest week` and `digest today` take the same options and differ only in kind."""

    def command(
        dry_run: DryRunOpt = False,
        force: ForceOpt = False,
        today: TodayOpt = None,
        _json: JsonOpt = False,
    ) -> None:
        _send(kind, dry_run, force, state().as_json)

    command.__doc__ = summary
    return command


digest_app.command("week")(
    _digest_command(
        "week", "E-mail this week's 12-4-1 plan, promises due, and last week's score (once a week)."
    )
)
digest_app.command("today")(
    _digest_command(
        "today", "Notify today's promises, follow-ups and reconnects to notify.urls (once a day)."
    )
)


@digest_app.command("schedule")
def digest_schedule(
    install: Annotated[
        bool, typer.Option("--install", help="Write the files and switch the schedule on.")
    ] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", metavar="KIND", help="systemd, launchd or cron (default: this system's)."
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            metavar="FOLDER",
            help="Write the files here and switch nothing on (default: the scheduler's own folder).",
        ),
    ] = None,
) -> None:
    """Print (or install) what runs `digest today` on working days and `digest week` on Mondays."""
    from followthru.services import schedule

    st = state()
    plan = schedule.build(st.settings, db=st.db_path, kind=kind, folder=folder)
    if not install and folder is None:
        for name, content in plan.files.items():
            output.out.print(f"[bold]# {name}[/]")
            output.out.print(output.escape(content), soft_wrap=True)
        return
    written = schedule.install(plan)
    for path in written:
        output.done(f"Wrote {path}")
    if plan.folder is None:
        output.done("Added the digests to your crontab.")
    elif plan.activate:
        output.done(f"Switched on with: {'; '.join(' '.join(step) for step in plan.activate)}")
    else:
        output.out.print(f"Files written only; the {plan.kind} scheduler was not told.")


def register(app: typer.Typer) -> None:
    app.add_typer(digest_app, name="digest")
