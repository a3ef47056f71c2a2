"""`followthru account …`, `sync` and `suggest`: history from live mailboxes and calendars,
contacts synced both ways with a CardDAV address book, promises pushed to a calendar."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from followthru.cli import output
from followthru.cli.groups import FollowthruGroup
from followthru.cli.options import JsonOpt
from followthru.cli.state import state
from followthru.errors import FollowthruError

account_app = typer.Typer(
    cls=FollowthruGroup,
    help="Mail, calendar and address-book accounts that `sync` reads and writes.",
    no_args_is_help=True,
)
add_app = typer.Typer(
    cls=FollowthruGroup,
    help="Add an IMAP mailbox, a CalDAV calendar or a CardDAV address book.",
    no_args_is_help=True,
)
UserOpt = Annotated[str, typer.Option("--user", "-u", metavar="USER", help="Your login.")]
NameOpt = Annotated[
    str | None,
    typer.Option("--name", metavar="NAME", help="What to call it (default USER@HOST KIND)."),
]
CommandOpt = Annotated[
    str | None,
    typer.Option(
        "--password-command",
        metavar="COMMAND",
        help="A command printing the password (e.g. 'pass show mail'); else it is asked for "
        "once and kept in the system keyring.",
    ),
]
NoSubjectsOpt = Annotated[
    bool, typer.Option("--no-subjects", help="Keep no subjects from this account.")
]


def _add(
    kind: str, where: str, user: str, name: str | None, command: str | None, no_subjects: bool
) -> None:
    from followthru.services import accounts

    password = None if command else typer.prompt(f"Password for {user}", hide_input=True)
    new = accounts.NewAccount(kind, where, user, name, password, command, not no_subjects)
    view = accounts.add(state().context, new)
    output.done(f"Added {view.kind} account {view.name} ({view.url}); `followthru sync` reads it.")


@add_app.command("imap")
def add_imap(
    host: Annotated[
        str, typer.Argument(metavar="HOST", help="imap.example.com, or imaps://host:port.")
    ],
    user: UserOpt,
    name: NameOpt = None,
    password_command: CommandOpt = None,
    no_subjects: NoSubjectsOpt = False,
) -> None:
    """Add a mailbox: sync reads the headers of INBOX and Sent, never the bodies."""
    _add("imap", host, user, name, password_command, no_subjects)


@add_app.command("calendar")
def add_calendar(
    url: Annotated[str, typer.Argument(metavar="URL", help="The CalDAV calendar's address.")],
    user: UserOpt,
    name: NameOpt = None,
    password_command: CommandOpt = None,
    no_subjects: NoSubjectsOpt = False,
) -> None:
    """Add a CalDAV calendar: meetings read, your promises and sessions put in it.

    Sync reads its meetings and their attendees (history), and keeps your open promises in
    it (to-dos with their due date, or all-day events with an alarm where the calendar
    takes no to-dos) and your booked follow-up sessions (events). Kept or dropped promises
    become completed or cancelled (or leave it: setting calendar.closed_promises). Items
    you made yourself are never touched.
    """
    _add("calendar", url, user, name, password_command, no_subjects)


@add_app.command("contacts")
def add_contacts(
    url: Annotated[
        str,
        typer.Argument(
            metavar="URL", help="The address book's address, or the server's (it is looked up)."
        ),
    ],
    user: UserOpt,
    name: NameOpt = None,
    password_command: CommandOpt = None,
) -> None:
    """Add a CardDAV address book (your phone's contacts), synced both ways.

    A server's address is enough: the address book is looked up. Tags and the pile
    (followthru:target) travel as CATEGORIES; what followthru does not model (photo, X-
    lines) is kept.
    """
    _add("contacts", url, user, name, password_command, False)


@account_app.command("list")
def list_(_json: JsonOpt = False) -> None:
    """List accounts, where their password comes from, and when they last synced."""
    from followthru.services import accounts

    views = accounts.listing(state().context)
    if state().as_json:
        output.print_json([v.as_json() for v in views])
        return
    grid = output.table(None, ["#", "Name", "Kind", "URL", "User", "Password", "Synced"])
    for v in views:
        synced = v.synced_at.strftime("%Y-%m-%d %H:%M") if v.synced_at else "never"
        grid.add_row(
            str(v.id),
            *(output.escape(x) for x in (v.name, v.kind, v.url, v.user)),
            v.password_from,
            synced,
        )
    output.out.print(grid if views else "No accounts yet: `followthru account add imap HOST`.")


@account_app.command("remove")
def remove(ref: Annotated[str, typer.Argument(metavar="NAME|#ID")]) -> None:
    """Forget an account and its stored password; the history it brought stays."""
    from followthru.services import accounts

    view = accounts.remove(state().context, ref)
    output.done(f"Removed {view.name}.")


def sync(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would move each way; change nothing.")
    ] = False,
    force_delete: Annotated[
        bool,
        typer.Option(
            "--force-delete", help="Mirror an address book emptied on one side (else refused)."
        ),
    ] = False,
    _json: JsonOpt = False,
) -> None:
    """Sync every account: new mail and meetings in, contacts both ways, promises out."""
    from followthru.services.sync import sync as run

    st = state()
    with output.progress_bar("Syncing", not st.as_json and sys.stderr.isatty()) as progress:
        results = run(
            st.context,
            today=st.today,
            progress=progress,
            dry_run=dry_run,
            force_delete=force_delete,
        )
    if st.as_json:
        output.print_json([r.as_json() for r in results])
    else:
        for r in results:
            output.out.print(f"[bold]{output.escape(r.account)}[/]: {output.escape(_moved(r))}")
        if not results:
            output.out.print("No accounts yet: `followthru account add imap HOST --user USER`.")
    _fail_if_any(results)


def _fail_if_any(results: list[Any]) -> None:
    """Exit 1 after reporting every account when any of them did not sync."""
    failed = [r for r in results if r.failed]
    if failed:
        raise FollowthruError(
            "; ".join(f"{r.account} did not sync: {r.failed}" for r in failed),
            "The other accounts synced; fix the above and run `followthru sync` again.",
        )


def _moved(result: Any) -> str:
    """One line per account: what moved each way (what would, in a dry run)."""
    if result.failed:
        return f"did not sync: {result.failed}"
    parts = []
    read = not result.notes  # a note says what was not read (meetings without user.emails)
    if result.kind in ("imap", "calendar") and read and not _dry(result):
        h = result.report
        parts.append(
            f"{h.read} new, {h.touches} new touches, {h.waiting} with people who are not contacts"
        )
    if (c := result.cards) is not None:
        parts.append(
            f"{c.arrived} arrived, {c.updated_here} updated here, {c.deleted_here} deleted here; "
            f"{c.sent} sent, {c.updated_there} updated there, {c.deleted_there} deleted there"
        )
        parts += [f"conflict kept here, theirs in the card's extras: {x}" for x in c.conflicts]
    if (p := result.pushed) is not None:
        parts.append(
            f"calendar: {p.created} added, {p.updated} updated, {p.closed} completed or cancelled"
        )
    prefix = "would move: " if (result.cards or result.pushed) and _dry(result) else ""
    return prefix + "; ".join([*parts, *result.notes])


def _dry(result: Any) -> bool:
    return bool(
        (result.cards and result.cards.dry_run) or (result.pushed and result.pushed.dry_run)
    )


def suggest(
    add: Annotated[
        str | None,
        typer.Option("--add", metavar="WHO", help="Make a contact of this correspondent."),
    ] = None,
    dismiss: Annotated[
        str | None, typer.Option("--dismiss", metavar="WHO", help="Never suggest them again.")
    ] = None,
    _json: JsonOpt = False,
) -> None:
    """People you write with who are not contacts (3+ messages, both ways)."""
    from followthru.services import suggestions

    st = state()
    if add:
        added = suggestions.add(st.context, add, today=st.today)
        output.done(f"Added {added.contact.name} with their history.")
        return
    if dismiss:
        count = suggestions.dismiss(st.context, dismiss)
        output.done(f"Set aside {count} messages; they will not be suggested again.")
        return
    found = suggestions.suggestions(st.context)
    if st.as_json:
        output.print_json([s.as_json() for s in found])
        return
    grid = output.table(None, ["Who", "Name", "From them", "From you", "Last"])
    for s in found:
        grid.add_row(
            output.escape(s.ref),
            output.escape(s.name),
            str(s.inbound),
            str(s.outbound),
            output.day(s.last_on, st.today),
        )
    output.out.print(grid if found else "Nobody to suggest.")


account_app.add_typer(add_app, name="add")  # once, at import: `register` may run often


def register(app: typer.Typer) -> None:
    app.add_typer(account_app, name="account")
    app.command()(sync)
    app.command()(suggest)
