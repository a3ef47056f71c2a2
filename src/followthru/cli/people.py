"""Commands about people: add, show, list, edit, tag, pile, archive, delete."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated

import typer

from followthru.cli import output
from followthru.cli.activity import print_heard
from followthru.cli.options import JsonOpt, TodayOpt
from followthru.cli.state import state
from followthru.memory import collector_paused

if TYPE_CHECKING:
    from datetime import date

    from followthru.services.contacts import Added
    from followthru.services.views import ContactDetail, ContactSummary


# `add`'s own arguments, declared apart so that its signature reads as a list of names.
NameArg = Annotated[str | None, typer.Argument(metavar="NAME", help="Full name, e.g. 'Jane Doe'.")]
EmailsOpt = Annotated[
    list[str] | None,
    typer.Option("--email", "-e", metavar="EMAIL", help="E-mail (repeatable)."),
]
PhonesOpt = Annotated[
    list[str] | None, typer.Option("--phone", "-p", metavar="PHONE", help="Phone (repeatable).")
]
CompanyOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="Company or organisation.")]
TitleOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="Job title.")]
MetAtOpt = Annotated[
    str | None, typer.Option(metavar="NAME", help="Where you met (created if new).")
]
TriageOpt = Annotated[
    str | None, typer.Option(metavar="PILE", help="target, connector or general.")
]
NoteOpt = Annotated[
    str | None,
    typer.Option(metavar="TEXT", help="What you talked about (promises in it are filed)."),
]
NoDetectOpt = Annotated[
    bool, typer.Option("--no-detect", help="Do not look for promises in the note.")
]
IntroducerOpt = Annotated[str | None, typer.Option(metavar="NAME", help="Who introduced you.")]
TagsOpt = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="Tag (repeatable).")
]
MetOpt = Annotated[
    str | None,
    typer.Option(
        "--met", metavar="DATE", help="Date you met (default: the event's date or today)."
    ),
]
BirthdayOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="Birthday: YYYY-MM-DD, or MM-DD without the year."),
]


def add(
    name: NameArg = None,
    email: EmailsOpt = None,
    phone: PhonesOpt = None,
    company: CompanyOpt = None,
    title: TitleOpt = None,
    event: MetAtOpt = None,
    pile: TriageOpt = None,
    note: NoteOpt = None,
    no_detect: NoDetectOpt = False,
    introduced_by: IntroducerOpt = None,
    tag: TagsOpt = None,
    met: MetOpt = None,
    birthday: BirthdayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Add someone you met. Everything is optional but a name or an e-mail."""
    from followthru.services import contacts

    st = state()
    new = contacts.NewContact(
        name=name,
        emails=email or [],
        phones=phone or [],
        company=company,
        title=title,
        event=event,
        pile=pile,
        note=note,
        introduced_by=introduced_by,
        tags=tag or [],
        met_on=st.date(met),
        birthday=birthday,
        detect_promises=not no_detect,
    )
    result = contacts.add(st.context, new, today=st.today)
    if st.as_json:
        output.print_json(result.as_json())
    else:
        _say_added(result)


def _say_added(result: Added) -> None:
    """Who was added and where met, the addresses they share, the promises heard in the
    note, and a nudge to triage them when no pile was given."""
    added = result.contact
    output.done(f"Added #{added.id} {added.name}{_where(added)}")
    _say_also(result.also)
    print_heard(result.promises)
    if added.pile is None:
        output.out.print(
            "[dim]Not triaged yet: `followthru pile NAME target|connector|general` or `followthru triage`.[/]"
        )


def _where(c: ContactSummary) -> str:
    role = ", ".join(x for x in (c.title, c.company) if x)
    met = f", met at {c.events[-1].name}" if c.events else ""
    pile = f" — {c.pile}" if c.pile else ""
    return f"{f' ({role})' if role else ''}{pile}{met}"


def show(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """Show a contact with their timeline and give/ask ledger."""
    from followthru.services import plain_reads

    st = state()
    detail = plain_reads.show(st.db_path, ref, settings=st.settings, today=st.today)
    if detail is None:  # not plain to see: the full path finds, explains or migrates
        from followthru.services import contact_detail

        detail = contact_detail.show(st.context, ref, today=st.today)
    if st.as_json:
        output.print_json(detail.as_json())
    else:
        _render_detail(detail, st.today)


def _kept(d: ContactDetail) -> list[tuple[str, str]]:
    """The fields an import may have brought, shown only when there is something."""
    f = d.fields
    rows = [("Web", u) for u in f.urls] + [("Address", a) for a in f.addresses]
    rows += [("Birthday", f.birthday)] if f.birthday else []
    rows += [("Other", x) for x in f.extras]
    return rows + ([("Photo", f.photo)] if f.photo else [])


def _first_known(s: ContactSummary) -> tuple[str, str]:
    """Met at an event, or only connected: a date with no event is the day of connecting
    (LinkedIn's "Connected On"), as the plans word it, not a meeting that never happened."""
    if s.events:
        return "Met", f"{output.day(s.met_on) if s.met_on else 'unknown'} at " + ", ".join(
            e.name for e in s.events
        )
    return ("Connected", output.day(s.met_on)) if s.met_on else ("Met", "unknown")


def _cadence_source(d: ContactDetail) -> str:
    """Where the cadence comes from: the person's own, their pile's, or the default an
    untriaged person gets until sorted into a pile."""
    if d.cadence_overridden:
        return "own"
    return f"{d.summary.pile} pile" if d.summary.pile else "untriaged: the default"


def _render_detail(d: ContactDetail, today: object) -> None:
    from datetime import date

    assert isinstance(today, date)
    s = d.summary
    o = output.out
    o.print(
        f"[bold]{output.escape(s.name)}[/]  [dim]#{s.id}[/]  {output.pile(s.pile)}"
        + ("  [red]archived[/]" if s.archived else "")
    )
    role = ", ".join(x for x in (s.title, s.company) if x)
    if role:
        o.print(output.escape(role))
    for label, value in (
        ("E-mail", output.join(s.emails)),
        ("Phone", output.join(s.phones)),
        ("Tags", output.join(s.tags)),
        _first_known(s),
        *_kept(d),
        ("Introduced by", d.introduced_by or "—"),
        ("Last touch", output.ago(s.last_touch_on, today)),
        ("Cadence", f"every {d.cadence_days} days ({_cadence_source(d)})"),
    ):
        o.print(f"  [dim]{label:<14}[/]{output.escape(value)}")
    led = d.ledger
    given = ", ".join(f"{k} {v}" for k, v in led.given.items())
    o.print(f"  [dim]{'Given / asked':<14}[/]{output.escape(given)} · asks {led.asks}")
    open_promises = [p for p in d.promises if p.status == "open"]
    if open_promises:
        o.print("\n[bold]Open promises[/]")
        for p in open_promises:
            late = f" [red]{p.days_late}d late[/]" if p.days_late else ""
            o.print(
                f"  #{p.id} \\[{p.owner}] {output.escape(p.what)} — due {output.day(p.due_on, today)}{late}"
            )
            if p.source_text:  # heard in a note: show the words it came from
                o.print(f"     [dim]“{output.escape(p.source_text)}”[/]")
    if d.timeline:
        o.print("\n[bold]Timeline[/]")
        for item in d.timeline:
            o.print(
                f"  [dim]{item.on.isoformat()}[/]  [cyan]{item.kind:<15}[/] {item.ref:>5} {output.escape(item.text)}"
            )


def list_(
    pile: Annotated[
        str | None, typer.Option(metavar="PILE", help="target, connector, general or untriaged.")
    ] = None,
    event: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only people met at this event.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option(metavar="TAG", help="Only people with this tag.")
    ] = None,
    dormant: Annotated[
        str | None,
        typer.Option(metavar="SPAN", help="Not touched for this long, e.g. 90d, 6w, 3m."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", "-s", metavar="TEXT", help="Text in name, company, title, e-mail or tags."
        ),
    ] = None,
    archived: Annotated[bool, typer.Option("--archived", help="Include archived people.")] = False,
    today: TodayOpt = None,
    _json: JsonOpt = False,
) -> None:
    """List contacts, optionally filtered."""
    from followthru.services import plain_reads

    st = state()
    plain = (event, tag, dormant) == (None, None, None)  # the plain filters: no SQLAlchemy
    full = partial(_full_listing, pile, event, tag, dormant, search, archived)
    with collector_paused():  # tens of thousands of rows, lists and dicts, no cycles
        if st.as_json:
            found = None
            if plain:
                found = plain_reads.listing_json(
                    st.db_path, pile=pile, search=search, include_archived=archived
                )
            output.stream_json(found if found is not None else [r.as_json() for r in full()])
            return
        rows = None
        if plain:
            rows = plain_reads.listing(
                st.db_path, pile=pile, search=search, include_archived=archived
            )
        _print_listing(rows if rows is not None else full(), st.today)


def _full_listing(
    pile: str | None,
    event: str | None,
    tag: str | None,
    dormant: str | None,
    search: str | None,
    archived: bool,
) -> list[ContactSummary]:
    """`list` through SQLAlchemy: any filter, on any database, migrated first if need be."""
    from followthru.services import contacts

    st = state()
    query = contacts.ListQuery(
        pile=pile, event=event, tag=tag, dormant=dormant, search=search, include_archived=archived
    )
    return contacts.listing(st.context, query, today=st.today)


LISTING_COLUMNS = ["#", "Name", "Company", "Title", "Pile", "Last touch", "Promises"]


def _print_listing(rows: list[ContactSummary], today: date) -> None:
    """A Rich table for what a screen holds; past that, plain aligned lines, which a pager
    or grep takes as well and which cost a fraction of laying out thousands of cells."""
    count = f"{len(rows)} contact{'s' if len(rows) != 1 else ''}"
    cells = [
        [
            str(r.id),
            r.name,
            r.company or "",
            r.title or "",
            r.pile or "untriaged",
            output.ago(r.last_touch_on, today),
            str(r.open_promises or ""),
        ]
        for r in rows
    ]
    if len(rows) > output.RICH_ROWS:
        output.plain_table(LISTING_COLUMNS, cells, count)
        return
    grid = output.table(None, LISTING_COLUMNS)
    for r, row in zip(rows, cells, strict=True):
        grid.add_row(*map(output.escape, row[:4]), output.pile(r.pile), *row[5:])
    output.out.print(grid)
    output.out.print(f"[dim]{count}[/]")


# `edit`'s own options: a value replaces, '' clears, and each --add-X has its --remove-X.
NewNameOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="New full name.")]
CompanyChangeOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="Company ('' clears).")]
TitleChangeOpt = Annotated[str | None, typer.Option(metavar="TEXT", help="Job title ('' clears).")]
CadenceOpt = Annotated[
    str | None,
    typer.Option(metavar="SPAN", help="Own keep-in-touch cadence, e.g. 45d, or 'default'."),
]
MetChangeOpt = Annotated[str | None, typer.Option("--met", metavar="DATE", help="Date you met.")]
IntroducerChangeOpt = Annotated[
    str | None, typer.Option(metavar="NAME", help="Who introduced you ('' clears).")
]
AddEmailOpt = Annotated[
    list[str] | None, typer.Option("--add-email", metavar="EMAIL", help="Add an e-mail.")
]
RemoveEmailOpt = Annotated[
    list[str] | None, typer.Option("--remove-email", metavar="EMAIL", help="Remove an e-mail.")
]
AddPhoneOpt = Annotated[
    list[str] | None, typer.Option("--add-phone", metavar="PHONE", help="Add a phone.")
]
RemovePhoneOpt = Annotated[
    list[str] | None, typer.Option("--remove-phone", metavar="PHONE", help="Remove a phone.")
]
AddUrlOpt = Annotated[
    list[str] | None, typer.Option("--add-url", metavar="URL", help="Add a web page.")
]
RemoveUrlOpt = Annotated[
    list[str] | None, typer.Option("--remove-url", metavar="URL", help="Remove a web page.")
]
AddAddressOpt = Annotated[
    list[str] | None,
    typer.Option("--add-address", metavar="TEXT", help="Add a postal address (one line)."),
]
RemoveAddressOpt = Annotated[
    list[str] | None,
    typer.Option("--remove-address", metavar="TEXT", help="Remove a postal address."),
]
AddLineOpt = Annotated[
    list[str] | None,
    typer.Option("--add-line", metavar="LINE", help="Add a vCard line, e.g. X-SPOUSE:Sam."),
]
RemoveLineOpt = Annotated[
    list[str] | None,
    typer.Option("--remove-line", metavar="LINE", help="Remove a vCard line (as shown)."),
]
BirthdayChangeOpt = Annotated[
    str | None,
    typer.Option(metavar="DATE", help="YYYY-MM-DD, or --MM-DD without a year ('' clears)."),
]
RemovePhotoOpt = Annotated[bool, typer.Option("--remove-photo", help="Remove the photo.")]


def edit(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    name: NewNameOpt = None,
    company: CompanyChangeOpt = None,
    title: TitleChangeOpt = None,
    cadence: CadenceOpt = None,
    met: MetChangeOpt = None,
    introduced_by: IntroducerChangeOpt = None,
    add_email: AddEmailOpt = None,
    remove_email: RemoveEmailOpt = None,
    add_phone: AddPhoneOpt = None,
    remove_phone: RemovePhoneOpt = None,
    add_url: AddUrlOpt = None,
    remove_url: RemoveUrlOpt = None,
    add_address: AddAddressOpt = None,
    remove_address: RemoveAddressOpt = None,
    add_line: AddLineOpt = None,
    remove_line: RemoveLineOpt = None,
    birthday: BirthdayChangeOpt = None,
    remove_photo: RemovePhotoOpt = False,
    _json: JsonOpt = False,
) -> None:
    """Change a contact's details."""
    from followthru.services import contacts

    st = state()
    changes = contacts.ContactChanges(
        name=name,
        company=company,
        title=title,
        cadence=cadence,
        met_on=st.date(met),
        introduced_by=introduced_by,
        add_emails=add_email or [],
        remove_emails=remove_email or [],
        add_phones=add_phone or [],
        remove_phones=remove_phone or [],
        add_urls=add_url or [],
        remove_urls=remove_url or [],
        add_addresses=add_address or [],
        remove_addresses=remove_address or [],
        add_extras=add_line or [],
        remove_extras=remove_line or [],
        birthday=birthday,
        remove_photo=remove_photo,
    )
    changed = contacts.edit(st.context, ref, changes, today=st.today)
    if st.as_json:
        output.print_json(changed.as_json())
        return
    _report(changed.contact, "Updated", st.as_json)
    _say_also(changed.also)


def _say_also(lines: list[str]) -> None:
    for line in lines:
        output.out.print(f"[dim]{output.escape(line)}[/]")


def _report(c: ContactSummary, verb: str, as_json: bool) -> None:
    if as_json:
        output.print_json(c.as_json())
    else:
        output.done(
            f"{verb} #{c.id} {c.name}{_where(c)}"
            + (f" · tags: {', '.join(c.tags)}" if c.tags else "")
        )


def tag(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    changes: Annotated[list[str], typer.Argument(help="+tag adds, -tag removes, a bare tag adds.")],
    _json: JsonOpt = False,
) -> None:
    """Add or remove tags: followthru tag NAME +investor -student"""
    from followthru.services import contacts

    st = state()
    _report(contacts.retag(st.context, ref, changes, today=st.today), "Tagged", st.as_json)


def pile(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    to: Annotated[str, typer.Argument(metavar="PILE", help="target, connector or general.")],
    _json: JsonOpt = False,
) -> None:
    """Put a contact in a pile: target, connector or general."""
    from followthru.services import contacts

    st = state()
    _report(contacts.set_pile(st.context, ref, to, today=st.today), "Moved", st.as_json)


def archive(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    undo: Annotated[bool, typer.Option("--undo", help="Bring an archived contact back.")] = False,
) -> None:
    """Archive a contact: kept, but out of lists and plans."""
    from followthru.services import contacts

    st = state()
    changed = contacts.set_archived(st.context, ref, not undo, today=st.today)
    output.done(f"{'Restored' if undo else 'Archived'} #{changed.id} {changed.name}")


def delete(
    ref: Annotated[str, typer.Argument(metavar="NAME", help="Name, e-mail or #ID.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a contact and everything recorded about them."""
    from followthru.services import contacts

    st = state()
    contact_id, who = contacts.resolve(st.context, ref)
    if not yes:
        typer.confirm(f"Delete {who} with all their touches, notes and promises?", abort=True)
    contacts.delete(st.context, contact_id)
    output.done(f"Deleted {who}")


def register(app: typer.Typer) -> None:
    app.command()(add)
    app.command()(show)
    app.command("list")(list_)
    app.command()(edit)
    # "-fintech" removes a tag: no short options here, or its "h" would be read as -h (help)
    app.command(context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})(
        tag
    )
    app.command()(pile)
    app.command()(archive)
    app.command()(delete)
