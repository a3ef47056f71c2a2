"""The `followthru` command: root options and the command modules it is made of."""

from __future__ import annotations

from typing import Annotated

import typer

from followthru import __version__
from followthru.cli.groups import Entry, LazyGroup, plain_values_as_given
from followthru.cli.state import State, begin

#: Every command `followthru` has, in `--help` order: the module under `followthru.cli`
#: whose `register(app)` declares it, and the first sentence of its help. Only the module
#: of the command being run is imported; `--help` lists them all from this table alone.
#: tests/test_cli_structure.py checks the table against the commands the modules declare.
COMMANDS: dict[str, Entry] = {
    "add": Entry("people", "Add someone you met."),
    "show": Entry("people", "Show a contact with their timeline and give/ask ledger."),
    "list": Entry("people", "List contacts, optionally filtered."),
    "edit": Entry("people", "Change a contact's details."),
    "tag": Entry("people", "Add or remove tags: followthru tag NAME +investor -student"),
    "pile": Entry("people", "Put a contact in a pile: target, connector or general."),
    "archive": Entry("people", "Archive a contact: kept, but out of lists and plans."),
    "delete": Entry("people", "Delete a contact and everything recorded about them."),
    "dupes": Entry("dupes", "List people who are probably the same person, most likely first."),
    "merge": Entry(
        "dupes",
        "Merge OTHER into KEEP: touches, notes, promises and details move; OTHER is deleted.",
    ),
    "triage": Entry(
        "triage",
        "Walk through untriaged people, most promising first: "
        "1 target, 2 connector, 3 general, s skip, q quit.",
    ),
    "log": Entry(
        "activity", "Log a touch: any contact, either way, resets the keep-in-touch clock."
    ),
    "extract": Entry(
        "activity", "Read notes from stdin, one a line, and print the promises each holds."
    ),
    "promises": Entry("activity", "Open promises, overdue first."),
    "today": Entry(
        "plan",
        "What to do today: promises due, first follow-ups after events, a few reconnects.",
    ),
    "why": Entry("plan", "Why someone ranks where they do today: every term of their score."),
    "draft": Entry("plan", "Draft a personal message for someone."),
    "session": Entry(
        "insight",
        "Book a post-event follow-up session: agenda with drafts, and a calendar entry.",
    ),
    "calendar": Entry(
        "insight",
        "An iCalendar file of open promises, keep-in-touch dates and booked sessions.",
    ),
    "stats": Entry(
        "insight", "Follow-through rate, touches against the 12-4-1 plan, pile health, backlog."
    ),
    "intros": Entry("insight", "Pairs of people worth introducing, with the reason."),
    "share": Entry(
        "insight", "Who in your network would value this, best first, with a draft for each."
    ),
    "import": Entry(
        "transfer",
        "Import people from vCard, LinkedIn, Google, Outlook or other CSV files, and the "
        "history of who spoke last from mailboxes (mbox, Maildir, .eml), calendars (.ics) "
        "and LinkedIn's messages.csv and Invitations.csv.",
    ),
    "export": Entry(
        "transfer", "Export everyone: vCard or CSV for other tools, JSON as a complete backup."
    ),
    "scan": Entry("scan", "Read business cards with OCR and add (or update) the people on them."),
    "serve": Entry(
        "serve",
        "Open the web app: today's plan, triage board, contacts, events, insight, import.",
    ),
    "demo": Entry("admin", "Build a realistic demo network in its own database file, and show it."),
    "sync": Entry(
        "accounts",
        "Sync every account: new mail and meetings in, contacts both ways, promises out.",
    ),
    "suggest": Entry(
        "accounts", "People you write with who are not contacts (3+ messages, both ways)."
    ),
    "mcp": Entry(
        "mcp", "Let an AI assistant read your plan and record what happened (MCP over stdio)."
    ),
    "history": Entry(
        "history",
        "List recent changes (imports, merges, edits, deletes, logs …) that `undo` can take back.",
    ),
    "undo": Entry(
        "history",
        "Take back the most recent change, or change ID when no later change depends on it.",
    ),
    "event": Entry("events", "Events where you meet people."),
    "note": Entry(
        "activity", "Write a note (followthru note NAME TEXT), or edit or delete one by ID."
    ),
    "promise": Entry(
        "activity", "Make a promise (followthru promise NAME WHAT), or keep or drop one by ID."
    ),
    "touch": Entry(
        "corrections", "Touches already logged: list them with their IDs, edit or delete one."
    ),
    "week": Entry(
        "plan", "The weekly 12-4-1 plan: 12 light touches, 4 messages, 1 deeper conversation."
    ),
    "db": Entry("admin", "The database."),
    "config": Entry("admin", "Settings in your config file."),
    "account": Entry(
        "accounts", "Mail, calendar and address-book accounts that `sync` reads and writes."
    ),
    "digest": Entry(
        "digest", "Digests that come to you: the weekly 12-4-1 e-mail and a daily notification."
    ),
}


#: `corrections` adds `event edit`, `note edit`, `promise edit` … to those groups.
EXTENDED_BY: dict[str, tuple[str, ...]] = {"events": ("corrections",), "activity": ("corrections",)}


plain_values_as_given()  # before any parameter is processed


class RootGroup(LazyGroup):
    entries = COMMANDS
    extended_by = EXTENDED_BY


app = typer.Typer(
    cls=RootGroup,
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


def run() -> None:
    app()
