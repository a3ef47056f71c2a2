"""The follow-up engine's commands: today, why, draft."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Annotated

import typer

from followthru.cli import output
from followthru.cli.groups import ShowByDefault
from followthru.cli.options import JsonOpt, TodayOpt
from followthru.cli.state import state
from followthru.domain.vocab import WeekItemStatus

if TYPE_CHECKING:
    from followthru.services.plan_reads import PlanItemView

NoDraftsOpt = Annotated[bool, typer.Option("--no-drafts", help="Leave out the drafted messages.")]
SECTION_TITLES = {
    "promise": "Promises",
    "follow-up": "After the event",
    "congratulate": "Congratulate",
    "reconnect": "Reconnect",
    "deep": "1 deeper conversation",
    "message": "Personal messages",
    "light": "Light touches",
}


def render_items(items: list[PlanItemView], *, show_drafts: bool = True) -> None:
    """The plan's items under their section titles, printed at once (a day's plan with
    drafts is some 150 lines)."""
    section = None
    lines: list[str] = []
    for item in items:
        if item.section != section:
            section = item.section
            lines += ["", f"[bold underline]{SECTION_TITLES.get(section, section)}[/]"]
        status = f" {item.status}" if item.status and item.status != WeekItemStatus.PLANNED else ""
        lines += output.item_lines(f"{item.number}. {item.name}", f" — {item.why}", status)
        lines.append(f"   [dim]{item.action} via {item.channel}[/]")
        if show_drafts and item.draft:
            lines += output.quoted_lines(item.draft)
    output.print_lines(lines)


def today(
    n: Annotated[
        int | None,
        typer.Option("--n", "-n", min=0, max=50, help="How many reconnects (default from config)."),
    ] = None,
    no_drafts: NoDraftsOpt = False,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """What to do today: promises due, first follow-ups after events, a few reconnects."""
    from followthru.services import plain_plan

    st = state()
    drafts = not no_drafts
    plan = plain_plan.today(st.db_path, settings=st.settings, today=st.today, n=n, drafts=drafts)
    if plan is None:  # not a private SQLite file at this schema: the full path
        from followthru.services import planning

        plan = planning.today(st.context, today=st.today, n=n, drafts=drafts)
    if st.as_json:
        output.print_json(plan.as_json(st.today))
        return
    output.out.print(f"[bold]Today, {st.today:%A %d %B %Y}[/]")
    if plan.items:
        render_items(plan.items)
    elif not plan.backlog:
        output.done(
            "Nothing due today. A good day to add value: `followthru intros` or `followthru share TOPIC`."
        )
    render_backlog(plan.untriaged, plan.backlog)


def render_backlog(untriaged: dict[str, int], backlog: int) -> None:
    """Untriaged people get no first follow-up: say so, with the command that sorts them."""
    if backlog:
        people = "person" if backlog == 1 else "people"
        output.out.print(
            f"\n[yellow]{backlog} {people} not sorted yet[/] — `followthru triage` "
            "(10 take about 2 minutes)"
        )
    for event, count in sorted(untriaged.items()):
        people = "person" if count == 1 else "people"
        output.out.print(
            f"\n[yellow]{count} {people} from {output.escape(event)} not triaged yet[/]: "
            f"followthru triage --event {output.escape(shlex.quote(event))}"
        )


def why(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Why someone ranks where they do today: every term of their score."""
    from followthru.services import planning

    st = state()
    result = planning.why(st.context, ref, today=st.today)
    if st.as_json:
        output.print_json(planning.why_json(result, st.today))
        return
    grid = output.table(
        f"{result.person.name} on {st.today.isoformat()}", ["Term", "Value", "Because"]
    )
    for t in result.terms:
        grid.add_row(t.name, f"{t.value:+.2f}", output.escape(t.fact))
    grid.add_row("[bold]total[/]", f"[bold]{result.total:+.2f}[/]", "")
    output.out.print(grid)


def draft(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="reconnect, checkin, meeting, content, connect, congratulate, birthday, thanks, post-event, promise or ask.",
        ),
    ] = "checkin",
    with_: Annotated[
        str | None,
        typer.Option(
            "--with", metavar="NAME", help="With --kind connect: whom to introduce them to."
        ),
    ] = None,
    about: Annotated[
        str,
        typer.Option(
            "--about", metavar="TEXT", help="What the message is about (an article, a win …)."
        ),
    ] = "",
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Draft a personal message for someone."""
    from followthru.services import drafts

    st = state()
    result = drafts.draft(st.context, ref, kind=kind, with_ref=with_, about=about, today=st.today)
    if st.as_json:
        output.print_json(result.as_json())
        return
    for warning in result.warnings:
        output.warn(warning)
    output.out.print(output.escape(result.text), soft_wrap=True)


week_app = typer.Typer(
    cls=ShowByDefault,
    help="The weekly 12-4-1 plan: 12 light touches, 4 messages, 1 deeper conversation.",
)


@week_app.command("show")
def week_show(
    last: Annotated[
        bool, typer.Option("--last", help="Last week's completion and your streak.")
    ] = False,
    no_drafts: NoDraftsOpt = False,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """This week's plan (made the first time you look); `followthru week` runs this."""
    from followthru.services import week

    st = state()
    view = week.show(st.context, today=st.today, last=last, drafts=not no_drafts)
    if st.as_json:
        output.print_json(view.as_json())
        return
    label = "Last week" if last else "This week"
    output.out.print(
        f"[bold]{label}, from {view.week_of:%A %d %B}[/]: {view.done}/{len(view.items)} done · streak {view.streak} week{'s' if view.streak != 1 else ''}"
    )
    if view.shortfall:
        output.out.print(f"[yellow]{output.escape(view.shortfall)}[/]")
    if not view.items:
        if last:
            output.out.print("No plan was made for that week.")
        return
    render_items(view.items, show_drafts=not last)


def _mark(
    number: int, status: WeekItemStatus, until: str | None, as_json: bool, summary: str = ""
) -> None:
    from followthru.services import week

    st = state()
    item = week.mark(
        st.context, number, status, today=st.today, until=st.date(until), summary=summary
    )
    if as_json:
        output.print_json(item.as_json())
    else:
        output.done(f"{item.number}. {item.name}: {status}" + (f" until {until}" if until else ""))


@week_app.command("done")
def week_done(
    number: Annotated[int, typer.Argument(metavar="N")],
    summary: Annotated[
        str,
        typer.Option("--summary", metavar="TEXT", help="What you did, logged with the touch."),
    ] = "",
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Tick off item N: logs the touch it names (logging a matching touch ticks it too)."""
    _mark(number, WeekItemStatus.DONE, None, state().as_json, summary)


@week_app.command("skip")
def week_skip(
    number: Annotated[int, typer.Argument(metavar="N")],
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Skip item N this week."""
    _mark(number, WeekItemStatus.SKIPPED, None, state().as_json)


@week_app.command("snooze")
def week_snooze(
    number: Annotated[int, typer.Argument(metavar="N")],
    until: Annotated[
        str,
        typer.Option("--until", metavar="DATE", help="Leave this person out of plans until DATE."),
    ],
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Snooze item N: the person is left out of plans until the date."""
    _mark(number, WeekItemStatus.SNOOZED, until, state().as_json)


def register(app: typer.Typer) -> None:
    app.command()(today)
    app.command()(why)
    app.command()(draft)
    app.add_typer(week_app, name="week")
