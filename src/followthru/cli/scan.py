"""`scan`: photos of business cards into contacts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followthru.cli import output
from followthru.cli.options import EventOpt, PileOpt, json_flag
from followthru.cli.state import state
from followthru.errors import BadInput

if TYPE_CHECKING:
    from followthru.domain.card_fields import CardFields
    from followthru.services.scan import ScanResult

_ENGINES = {"rapidocr": "RapidOCR", "tesseract": "Tesseract"}
_SHOWN = (
    ("name", "Name"),
    ("title", "Title"),
    ("company", "Company"),
    ("emails", "E-mail"),
    ("phones", "Phone"),
    ("website", "Website"),
    ("linkedin", "LinkedIn"),
    ("address", "Address"),
)


def scan(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="IMAGE|FOLDER...", help="Photos of cards (JPEG, PNG) or folders."),
    ],
    event: EventOpt = None,
    pile: PileOpt = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            "-y",
            help="Accept what was read without asking. Without it, each card is confirmed "
            "on the terminal, or with one answer per line read from piped input.",
        ),
    ] = False,
    _json: Annotated[bool, json_flag("Print the fields read as JSON; save nothing.")] = False,
    engine: Annotated[
        str | None,
        typer.Option(
            metavar="ENGINE",
            help="OCR engine: rapidocr, tesseract or auto (default: the scan.engine setting).",
        ),
    ] = None,
) -> None:
    """Read business cards with OCR and add (or update) the people on them.

    Without --yes or --json each card waits for a yes, an edit or a skip. Piped input
    answers those prompts line by line (so a script can confirm or edit); input that ends
    before every card is answered saves nothing and exits 2 rather than half a batch."""
    from followthru.services.scan import scan as read_all
    from followthru.settings import parse_value

    st = state()
    region = st.settings.phone_region
    engine = (
        parse_value("scan.engine", engine, "--engine") if engine else st.settings["scan.engine"]
    )
    several = len(paths) > 1 or any(p.is_dir() for p in paths)
    with output.progress_bar(
        "Scanning", several and not st.as_json and sys.stderr.isatty()
    ) as progress:
        results = read_all(paths, region, engine=str(engine), progress=progress)
    failed = [r for r in results if r.error]
    for result in failed:
        output.err.print(
            f"[red]✗[/] {output.escape(result.file)}: {output.escape(result.error or '')}"
        )
    if st.as_json:
        items = [_as_json(r) for r in results if r.fields is not None]
        output.print_json(items[0] if len(items) == 1 and not several else items)
    else:
        if results:
            output.out.print(f"[dim]Read with {_ENGINES.get(results[0].engine, '?')}.[/]")
        _save(results, event=event, pile=pile, yes=yes)
    if failed:
        raise typer.Exit(2)


def _as_json(result: ScanResult) -> dict[str, object]:
    assert result.fields is not None
    return {"file": result.file, "engine": result.engine, **result.fields.as_json()}


def _save(results: list[ScanResult], *, event: str | None, pile: str | None, yes: bool) -> None:
    from followthru.services.scan import save_cards

    st = state()
    cards: list[tuple[str, CardFields]] = []
    for result in results:
        if result.fields is None:
            continue
        _show(result)
        fields = result.fields if yes else _confirm(result.fields, result.file)
        if fields is None:
            output.out.print("  [dim]skipped[/]")
            continue
        cards.append((result.file, fields))
    if not cards:
        return
    report = save_cards(st.context, cards, event=event, pile=pile, today=st.today)
    output.done(
        f"Scanned {len(cards)} card(s): {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged"
        + (f", {len(report.skipped)} skipped" if report.skipped else "")
    )
    for problem in [*report.skipped, *report.warnings]:
        output.out.print(f"  [dim]note[/] {output.escape(str(problem))}")


def _show(result: ScanResult) -> None:
    assert result.fields is not None
    fields = result.fields.as_json()
    confidence = result.fields.confidence
    o = output.out
    o.print(f"[bold]{output.escape(result.file)}[/]")
    for key, label in _SHOWN:
        value = fields.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        if not value:
            continue
        sure = confidence.get(key, 0.0)
        colour = "green" if sure >= 0.8 else "yellow" if sure >= 0.5 else "red"
        o.print(f"  {label:<9}{output.escape(str(value))}  [{colour}]{sure:.0%}[/]")


def _confirm(fields: CardFields, file: str) -> CardFields | None:
    """The user's answer for one card (None: skip it).

    Click turns the end of input into a bare "Aborted!" (exit 1); when the input is not a
    terminal that end is a usage slip — no --yes, nothing piped — so it becomes one of
    our errors (exit 2) naming the card and the way out. At a terminal, Ctrl-C or Ctrl-D
    is the user's own choice to stop and keeps Click's behaviour."""
    try:
        return _ask_fields(fields)
    except typer.Abort:
        if sys.stdin is not None and sys.stdin.isatty():
            raise
        raise BadInput(
            f"No answer for {file}: input ended before every card was confirmed; "
            "nothing was saved.",
            "Pass --yes to save what was read without asking, or --json to print it and "
            "save nothing.",
        ) from None


def _ask_fields(fields: CardFields) -> CardFields | None:
    """Accept, skip, or edit each field (Enter keeps what was read, '-' clears it)."""
    from dataclasses import replace

    answer = typer.prompt("  Save? [y]es / [e]dit / [s]kip", default="y").strip().lower()
    if answer.startswith("s") or answer.startswith("n"):
        return None
    if not answer.startswith("e"):
        return fields

    def ask(label: str, value: str | None) -> str | None:
        text: str = typer.prompt(f"  {label}", default=value or "", show_default=bool(value))
        text = text.strip()
        return None if text in ("", "-") else text

    def ask_list(label: str, values: list[str]) -> list[str]:
        text = ask(label, ", ".join(values))
        return [v.strip() for v in (text or "").split(",") if v.strip()]

    return replace(
        fields,
        name=ask("Name", fields.name),
        title=ask("Title", fields.title),
        company=ask("Company", fields.company),
        emails=ask_list("E-mails", fields.emails),
        phones=ask_list("Phones", fields.phones),
        website=ask("Website", fields.website),
        linkedin=ask("LinkedIn", fields.linkedin),
        address=ask("Address", fields.address),
    )


def register(app: typer.Typer) -> None:
    app.command()(scan)
