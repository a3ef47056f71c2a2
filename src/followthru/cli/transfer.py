"""Bringing the network in and out: `import` and `export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followthru.cli import output
from followthru.cli.options import EventOpt, JsonOpt, PileOpt
from followthru.cli.state import state
from followthru.cli.targets import ForceOpt, check_output
from followthru.errors import BadInput

if TYPE_CHECKING:
    from followthru.services.importer import ImportOptions, ImportReport

PROGRESS_FROM = 500  # records: below this a progress bar only flickers


def parse_mapping(raw: str | None) -> dict[str, str] | None:
    """'email=E-mail Address,name=Full' -> {'email': 'E-mail Address', 'name': 'Full'}."""
    if not raw:
        return None
    mapping: dict[str, str] = {}
    for part in raw.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise BadInput(
                f"Cannot read {part.strip()!r} in --map.",
                'Write FIELD=COLUMN pairs: --map "email=E-mail Address,name=Full Name".',
            )
        mapping[field.strip().lower()] = column.strip()
    return mapping


# `import`'s own arguments, declared apart so that its signature reads as a list of names.
PathsArg = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE|FOLDER...",
        help="vCard, CSV or JSON files; mailboxes, calendars, LinkedIn messages for history.",
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="auto, vcard, linkedin, google, outlook, csv or json (a backup to restore).",
    ),
]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="Tag everyone.")
]
EncodingOpt = Annotated[
    str | None, typer.Option(metavar="CODEC", help="The file's encoding, if not detected.")
]
MapOpt = Annotated[
    str | None,
    typer.Option("--map", metavar="FIELD=COLUMN,...", help="Which CSV column holds what."),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would happen; write nothing.")
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop at the first record that cannot be read.")
]
DetectPromisesOpt = Annotated[
    bool, typer.Option("--detect-promises", help="File promises heard in imported notes.")
]
NoSubjectsOpt = Annotated[
    bool, typer.Option("--no-subjects", help="Keep no e-mail subjects in the history.")
]


def import_(
    paths: PathsArg,
    fmt: FormatOpt = "auto",
    event: EventOpt = None,
    pile: PileOpt = None,
    tag: TagOpt = None,
    encoding: EncodingOpt = None,
    map_: MapOpt = None,
    dry_run: DryRunOpt = False,
    strict: StrictOpt = False,
    detect_promises: DetectPromisesOpt = False,
    no_subjects: NoSubjectsOpt = False,
    _json: JsonOpt = False,
) -> None:
    """Import people from vCard, LinkedIn, Google, Outlook or other CSV files, and the
    history of who spoke last from mailboxes (mbox, Maildir, .eml), calendars (.ics) and
    LinkedIn's messages.csv and Invitations.csv."""
    st = state()
    if dry_run:
        st.without_creating()
    if fmt == "json":
        _restore(paths, st.as_json, dry_run)
        return
    from followthru.services.interactions import split_paths

    sources, paths = split_paths(paths) if fmt == "auto" else ([], paths)
    if not paths:
        _import_history(sources, no_subjects, dry_run, st.as_json, None)
        return
    from followthru.services.importer import ImportOptions

    options = ImportOptions(
        layout=fmt,
        event=event,
        pile=pile,
        tags=tag or [],
        encoding=encoding,
        mapping=parse_mapping(map_),
        dry_run=dry_run,
        strict=strict,
        detect_promises=detect_promises,
    )
    report = _import_people(paths, options)
    if sources:
        _import_history(sources, no_subjects, dry_run, st.as_json, report)
    elif st.as_json:
        output.print_json(report.as_json())
    else:
        _render(report)


def _import_people(paths: list[Path], options: ImportOptions) -> ImportReport:
    """Contact files, with a progress bar on a terminal when there are many records."""
    from followthru.services.importer import import_files

    st = state()
    with output.progress_bar(
        "Importing", not st.as_json and sys.stderr.isatty(), from_total=PROGRESS_FROM
    ) as progress:
        return import_files(st.context, paths, options, today=st.today, progress=progress)


def _import_history(
    sources: list[tuple[Path, str]],
    no_subjects: bool,
    dry_run: bool,
    as_json: bool,
    people: ImportReport | None,
) -> None:
    """History files, after the people in the same import (so their messages find them)."""
    from followthru.services.interactions import import_files

    st = state()
    with output.progress_bar(
        "Reading history", not as_json and sys.stderr.isatty(), from_total=PROGRESS_FROM
    ) as progress:
        report = import_files(
            st.context,
            sources,
            subjects=not no_subjects,
            dry_run=dry_run,
            today=st.today,
            progress=progress,
        )
    if as_json:
        output.print_json({**(people.as_json() if people else {}), "history": report.as_json()})
        return
    if people is not None:
        _render(people)
    what = "Would read" if dry_run else "Read"
    output.out.print(
        f"[bold]{what}[/] {report.read} messages and meetings from {len(report.files)} file(s): "
        f"{report.touches} new touches, {report.linked} on timelines, {report.known} seen "
        f"before, {report.ignored} ignored, {report.waiting} with people who are not contacts"
    )
    if report.waiting:
        output.out.print("[dim]`followthru suggest` offers the ones you talk with.[/]")


def _restore(paths: list[Path], as_json: bool, dry_run: bool) -> None:
    from followthru.services.restore import restore

    if len(paths) != 1 or not paths[0].is_file():
        raise BadInput(
            "A backup restores from one JSON file.", "followthru import --format json FILE"
        )
    restored = restore(state().context, paths[0], dry_run=dry_run)
    if as_json:
        output.print_json(restored.as_json())
        return
    counts, verb = restored.counts, "Would restore" if dry_run else "Restored"
    output.done(
        f"{verb} {counts.get('contacts', 0)} people, {counts.get('touches', 0)} touches, "
        f"{counts.get('promises', 0)} promises and {counts.get('notes', 0)} notes."
    )
    for change in restored.settings:
        shown = "default" if change.before is None else repr(change.before)
        output.out.print(f"  setting {output.escape(change.name)}: {shown} → {change.after!r}")
    if restored.config_copy is not None:
        output.out.print(f"  the previous settings are kept in {restored.config_copy}")


def _render(report: ImportReport) -> None:
    o = output.out
    what = "Would import" if report.dry_run else "Imported"
    o.print(
        f"[bold]{what}[/] {len(report.files)} file(s): {report.created} created, "
        f"{report.updated} updated, {report.merged} merged, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped"
        + (f", {report.promises} promises filed" if report.promises else "")
    )
    for problem in report.skipped:
        o.print(f"  [yellow]skipped[/] {output.escape(str(problem))}")
    for note in report.merges:
        o.print(f"  [cyan]merged[/] {output.escape(str(note))}")
    for problem in report.warnings:
        o.print(f"  [dim]note[/] {output.escape(str(problem))}")
    if report.dry_run:
        o.print("[dim]Nothing was written (--dry-run).[/]")
    elif report.change_id is not None:
        o.print(f"[dim]Take it all back with: followthru undo {report.change_id}[/]")


def export(
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="vcard, json (a full backup) or csv.")
    ] = "vcard",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write here instead of to stdout (-)."),
    ] = None,
    vcard_version: Annotated[
        str, typer.Option("--vcard-version", metavar="VERSION", help="3.0 or 4.0.")
    ] = "3.0",
    force: ForceOpt = False,
) -> None:
    """Export everyone: vCard or CSV for other tools, JSON as a complete backup."""
    from followthru.services.transfer import export as build

    target = check_output(out, force=force)
    text = build(state().context, fmt, vcard_version=vcard_version)
    if target is None:
        sys.stdout.write(text)
        return
    from followthru.files import write_atomic

    write_atomic(target, text.encode("utf-8"))
    output.done(f"Wrote {target}")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command()(export)
