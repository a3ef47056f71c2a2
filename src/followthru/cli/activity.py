"""Commands about what happens with people: `log` a touch, make and keep promises."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from followthru.cli import output
from followthru.cli.groups import DefaultCommandGroup
from followthru.cli.options import JsonOpt, TodayOpt, json_flag
from followthru.cli.state import state

if TYPE_CHECKING:
    from datetime import date

    from followthru.domain.commitments import Commitment
    from followthru.services.views import PromiseView


def log(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    summary: Annotated[str, typer.Argument(help="What happened, in a few words.")] = "",
    via: Annotated[
        str,
        typer.Option(
            metavar="CHANNEL", help="email, call, meeting, message, linkedin or in-person."
        ),
    ] = "email",
    kind: Annotated[
        str,
        typer.Option(
            metavar="KIND",
            help="checkin, reconnect, content, connect, congratulate, ask, engage, meeting or thanks.",
        ),
    ] = "checkin",
    inbound: Annotated[
        bool, typer.Option("--inbound", help="They reached out to you (a reply counts).")
    ] = False,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When (YYYY-MM-DD, default today).")
    ] = None,
    with_: Annotated[
        str | None,
        typer.Option(
            "--with", metavar="NAME", help="With --kind connect: the person you introduced them to."
        ),
    ] = None,
    _json: JsonOpt = False,
) -> None:
    """Log a touch: any contact, either way, resets the keep-in-touch clock."""
    from followthru.services import touches

    st = state()
    logged = touches.log(
        st.context,
        ref,
        via=via,
        kind=kind,
        summary=summary,
        inbound=inbound,
        on=st.date(on) or st.today,
        today=st.today,
        with_ref=with_,
    )
    if st.as_json:
        output.print_json(logged.as_json())
        return
    for warning in logged.warnings:
        output.warn(warning)
    arrow = "from" if logged.direction == "in" else "with"
    extra = f" and {logged.with_contact}" if logged.with_contact else ""
    output.done(
        f"Logged {logged.kind} via {logged.channel} {arrow} {logged.contact_name}{extra} on {logged.happened_on}"
    )


def note(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    text: Annotated[str, typer.Argument(help='What was said, e.g. "let\'s do lunch next week".')],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="When it was written (default today)."),
    ] = None,
    no_detect: Annotated[
        bool, typer.Option("--no-detect", help="Store the note without looking for promises.")
    ] = False,
    _json: JsonOpt = False,
) -> None:
    """Write a note; promises in it ("let's do lunch", "I'll send the deck") are filed."""
    from followthru.services import notes

    st = state()
    written = notes.add(
        st.context,
        ref,
        text,
        written_on=st.date(on) or st.today,
        detect=not no_detect,
        today=st.today,
    )
    if st.as_json:
        output.print_json(written.as_json())
        return
    output.done(f"Note #{written.id} on {written.contact_name}, {written.written_on}")
    print_heard(written.promises)


note_app = typer.Typer(
    cls=DefaultCommandGroup,
    help="Write a note (followthru note NAME TEXT), or edit or delete one by ID.",
    no_args_is_help=True,
)
note_app.command("add")(note)


def print_heard(heard: list[PromiseView]) -> None:
    """Say which promises a note produced, and how to undo a wrong one."""
    for p in heard:
        due = f", due {p.due_on}" if p.due_on else ""
        output.out.print(f"  [bold]promise #{p.id}[/] \\[{p.owner}] {output.escape(p.what)}{due}")
    if heard:
        output.out.print("  [dim]A wrong one? followthru promise drop ID[/]")


def extract(
    today: TodayOpt = None,  # the day the notes were written
    _json: Annotated[
        bool,
        json_flag("JSON lines even on a terminal (always so when piped)."),
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Say which rule found each promise.")
    ] = False,
) -> None:
    """Read notes from stdin, one a line, and print the promises each holds."""
    import json
    import sys

    from followthru.domain.commitments import detect

    st = state()
    day = st.today
    order = str(st.settings["date_order"])
    readable = not st.as_json and sys.stdout.isatty()
    write = sys.stdout.write
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        found = [_heard_record(c, explain) for c in detect(text, today=day, date_order=order)]
        if readable:
            write(f"{text}\n  -> {'; '.join(map(_heard_line, found)) or 'no promise'}\n")
            continue
        write(json.dumps({"text": text, "promises": found}, ensure_ascii=False) + "\n")


def _heard_record(found: Commitment, explain: bool) -> dict[str, Any]:
    """One promise `extract` heard, as its JSON object; the rule and note with --explain."""
    record: dict[str, Any] = {
        "what": found.what,
        "owner": found.owner.value,
        "due": found.due.isoformat() if found.due else None,
        "at": found.at.isoformat("minutes") if found.at else None,
        "span": list(found.span),
    }
    if explain:
        record |= {"rule": found.rule, "note": found.note or None}
    return record


def _heard_line(record: dict[str, Any]) -> str:
    """One promise `extract` heard, for a terminal."""
    line = f"[{record['owner']}] {record['what']}"
    line += (
        f" (due {record['due']}{' ' + record['at'] if record['at'] else ''})"
        if record["due"]
        else ""
    )
    line += f" <{record['rule']}>" if record.get("rule") else ""
    return line + (f" {record['note']}" if record.get("note") else "")


promise_app = typer.Typer(
    cls=DefaultCommandGroup,
    help="Make a promise (followthru promise NAME WHAT), or keep or drop one by ID.",
    no_args_is_help=True,
)


@promise_app.command("add")
def promise_add(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    what: Annotated[
        str, typer.Argument(help="What was promised, e.g. 'lunch' or 'send the deck'.")
    ],
    due: Annotated[
        str | None, typer.Option(metavar="DATE", help="When it is due (YYYY-MM-DD).")
    ] = None,
    owner: Annotated[
        str, typer.Option(metavar="OWNER", help="Who owes it: me, them or both.")
    ] = "me",
    _json: JsonOpt = False,
) -> None:
    """Record a promise (this is what `followthru promise NAME WHAT` runs)."""
    from followthru.services import promises

    st = state()
    made = promises.add(st.context, ref, what, owner=owner, due=st.date(due), today=st.today)
    if st.as_json:
        output.print_json(made.as_json())
    else:
        due_text = f", due {made.due_on}" if made.due_on else ""
        output.done(
            f"Promise #{made.id} [{made.owner}] {made.what} — {made.contact_name}{due_text}"
        )


@promise_app.command("done")
def promise_done(
    promise_id: Annotated[int, typer.Argument(metavar="ID")], _json: JsonOpt = False
) -> None:
    """Mark a promise as kept."""
    from followthru.domain.vocab import PromiseStatus
    from followthru.services import promises

    st = state()
    kept = promises.close(st.context, promise_id, status=PromiseStatus.DONE, today=st.today)
    _closed(kept, st.as_json)


@promise_app.command("drop")
def promise_drop(
    promise_id: Annotated[int, typer.Argument(metavar="ID")],
    why: Annotated[
        str, typer.Option("--why", metavar="TEXT", help="Why it no longer applies.")
    ] = "",
    _json: JsonOpt = False,
) -> None:
    """Drop a promise consciously, saying why."""
    from followthru.domain.vocab import PromiseStatus
    from followthru.services import promises

    st = state()
    dropped = promises.close(
        st.context, promise_id, status=PromiseStatus.DROPPED, today=st.today, why=why
    )
    _closed(dropped, st.as_json)


def _closed(p: PromiseView, as_json: bool) -> None:
    if as_json:
        output.print_json(p.as_json())
    else:
        output.done(
            f"Promise #{p.id} {'kept' if p.status == 'done' else 'dropped'}: {p.what} — {p.contact_name}"
        )


def promises_list(
    all_: Annotated[
        bool, typer.Option("--all", help="Also show kept and dropped promises.")
    ] = False,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Open promises, overdue first."""
    from followthru.services import plain_reads

    st = state()
    rows = plain_reads.promises(st.db_path, include_closed=all_, today=st.today)
    if rows is None:
        from followthru.services import promises

        rows = promises.listing(st.context, today=st.today, include_closed=all_)
    if st.as_json:
        output.print_json([p.as_json() for p in rows])
        return
    if not rows:
        output.done("No open promises.")
        return
    _print_promises(rows, st.today)


PROMISE_COLUMNS = ["#", "Who", "Owner", "What", "Due", "Status"]


def _print_promises(rows: list[PromiseView], today: date) -> None:
    """A Rich table for what a screen holds; past that (`--all` on a big network), plain
    aligned lines, as `list` prints: laying out thousands of Rich cells takes seconds."""
    cells = [
        [str(p.id), p.contact_name, p.owner, p.what, output.day(p.due_on, today)] for p in rows
    ]
    if len(rows) > output.RICH_ROWS:
        late = [f"{p.days_late}d late" if p.days_late else p.status for p in rows]
        table = [[*row, status] for row, status in zip(cells, late, strict=True)]
        output.plain_table(PROMISE_COLUMNS, table, f"{len(rows)} promises")
        return
    grid = output.table(None, PROMISE_COLUMNS)
    for p, (pid, who, owner, what, due) in zip(rows, cells, strict=True):
        status = f"[red]{p.days_late}d late[/]" if p.days_late else p.status
        grid.add_row(pid, output.escape(who), owner, output.escape(what), due, status)
    output.out.print(grid)


def register(app: typer.Typer) -> None:
    app.command()(log)
    app.add_typer(note_app, name="note")
    app.command()(extract)
    app.add_typer(promise_app, name="promise")
    app.command("promises")(promises_list)
