"""Corrections by ID: `touch list|edit|delete`, `promise edit`, `note edit|delete`,
`event edit|delete`. Each parses, calls one service in services/corrections, renders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from followthru.cli import output
from followthru.cli.activity import note_app, promise_app
from followthru.cli.events import event_app
from followthru.cli.groups import FollowthruGroup
from followthru.cli.options import JsonOpt, TodayOpt
from followthru.cli.state import state

if TYPE_CHECKING:
    from followthru.services.notes import NoteView
    from followthru.services.views import TouchView

IdArg = Annotated[int, typer.Argument(metavar="ID")]
DateOpt = Annotated[str | None, typer.Option("--on", metavar="DATE", help="The right date.")]

touch_app = typer.Typer(
    cls=FollowthruGroup,
    help="Touches already logged: list them with their IDs, edit or delete one.",
    no_args_is_help=True,
)


def _touch_line(t: TouchView) -> str:
    arrow = "from" if t.direction == "in" else "to"
    text = f" — {t.summary}" if t.summary else ""
    return f"#{t.id} {t.happened_on} {t.kind} via {t.channel} {arrow} {t.contact_name}{text}"


@touch_app.command("list")
def touch_list(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """One person's touches, newest first, with their IDs."""
    from followthru.services import corrections

    rows = corrections.touches(state().context, ref)
    if state().as_json:
        output.print_json([t.as_json() for t in rows])
        return
    if not rows:
        output.done("No touches logged yet.")
    for t in rows:
        output.out.print(output.escape(_touch_line(t)))


@touch_app.command("edit")
def touch_edit(
    touch_id: IdArg,
    on: DateOpt = None,
    via: Annotated[str | None, typer.Option("--via", metavar="CHANNEL")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND")] = None,
    inbound: Annotated[
        bool | None, typer.Option("--inbound/--outbound", help="Who reached out.")
    ] = None,
    summary: Annotated[str | None, typer.Option("--summary", metavar="TEXT")] = None,
    _json: JsonOpt = False,
) -> None:
    """Correct a logged touch: its date, channel, kind, direction or summary."""
    from followthru.services import corrections

    st = state()
    change = corrections.TouchChange(st.date(on), via, kind, inbound, summary)
    _touch_done(corrections.edit_touch(st.context, touch_id, change), "Changed", st.as_json)


@touch_app.command("delete")
def touch_delete(touch_id: IdArg, _json: JsonOpt = False) -> None:
    """Delete a touch logged by mistake."""
    from followthru.services import corrections

    _touch_done(corrections.delete_touch(state().context, touch_id), "Deleted", state().as_json)


def _touch_done(t: TouchView, verb: str, as_json: bool) -> None:
    _report(t.as_json(), f"{verb} {_touch_line(t)}", as_json)


def _report(record: dict[str, object], sentence: str, as_json: bool) -> None:
    if as_json:
        output.print_json(record)
    else:
        output.done(sentence)


@promise_app.command("edit")
def promise_edit(
    promise_id: IdArg,
    what: Annotated[str | None, typer.Option("--what", metavar="TEXT")] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="DATE")] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="OWNER", help="me, them or both.")
    ] = None,
    _json: JsonOpt = False,
) -> None:
    """Correct a promise: what it is, when it is due, who owes it."""
    from followthru.services import promises

    st = state()
    p = promises.edit(
        st.context, promise_id, today=st.today, what=what, owner=owner, due=st.date(due)
    )
    due_text = f", due {p.due_on}" if p.due_on else ""
    _report(
        p.as_json(),
        f"Promise #{p.id} [{p.owner}] {p.what} — {p.contact_name}{due_text}",
        st.as_json,
    )


@note_app.command("edit")
def note_edit(
    note_id: IdArg,
    text: Annotated[str, typer.Argument(help="The note's new text.")],
    _json: JsonOpt = False,
) -> None:
    """Rewrite a note."""
    from followthru.services import corrections

    _note_done(corrections.edit_note(state().context, note_id, text), "Changed", state().as_json)


@note_app.command("delete")
def note_delete(note_id: IdArg, _json: JsonOpt = False) -> None:
    """Delete a note (promises filed from it stay: drop them with `promise drop ID`)."""
    from followthru.services import corrections

    _note_done(corrections.delete_note(state().context, note_id), "Deleted", state().as_json)


def _note_done(note: NoteView, verb: str, as_json: bool) -> None:
    sentence = f"{verb} note #{note.id} on {note.contact_name}, {note.written_on}"
    _report(note.as_json(), sentence, as_json)


@event_app.command("edit")
def event_edit(
    ref: Annotated[str, typer.Argument(metavar="EVENT")],
    name: Annotated[str | None, typer.Option("--name", metavar="NAME")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE")] = None,
    where: Annotated[str | None, typer.Option("--where", metavar="PLACE")] = None,
    _json: JsonOpt = False,
) -> None:
    """Correct an event's name, date or place."""
    from followthru.services import corrections

    st = state()
    change = corrections.EventChange(name, st.date(date), where)
    event = corrections.edit_event(st.context, ref, change)
    when = f" on {event.held_on}" if event.held_on else ""
    _report(event.as_json(), f"Event #{event.id} {event.name}{when}", st.as_json)


@event_app.command("delete")
def event_delete(ref: Annotated[str, typer.Argument(metavar="EVENT")]) -> None:
    """Delete an event; the people met there stay."""
    from followthru.services import corrections

    output.done(f"Deleted event {corrections.delete_event(state().context, ref)}.")


def register(app: typer.Typer) -> None:
    app.add_typer(touch_app, name="touch")
