"""Rendering for the terminal and for scripts (`--json`), and the one place errors are shown.

Rich honours NO_COLOR and drops colour when output is piped, so scripts get plain text.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from followthru.errors import FollowthruError

    out: Console
    err: Console

_consoles: dict[str, Any] = {}


def _console(name: str) -> Console:
    if name not in _consoles:
        from rich.console import Console

        _consoles[name] = Console(stderr=name == "err", highlight=False)
    console: Console = _consoles[name]
    return console


def __getattr__(name: str) -> Any:
    """`output.out` and `output.err` are made on first use: `--help` never loads Rich."""
    if name not in ("out", "err"):
        raise AttributeError(name)
    return _console(name)


def escape(text: str) -> str:
    """User text is data, never Rich markup: a name like '[bold]' prints as typed."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


QUOTE_INDENT = "   │ "
ITEM_INDENT = "   "


def _wrapped(text: str, first: str, rest: str) -> list[str]:
    """`text` wrapped to the terminal behind its indents: a line Rich wraps itself would
    continue at the margin, under the item's number or outside a draft's bar. Breaks fall
    between words only ("check-in", an address, a web link stay whole), and a line is
    measured in terminal cells, as Rich measures it: "Sven 🚀 Duarte" is one cell wider
    than its length (`textwrap` counts characters, and Rich broke such lines again)."""
    from rich.cells import cell_len

    width = max(20, _console("out").width)
    lines: list[str] = []
    line, indent = first, first
    for n, (space, word) in enumerate(_WORDS.findall(text.expandtabs())):
        # spaces between words are kept, and those opening the text where its first word
        # still fits behind them; never those at a break
        gap = " " * len(space) if n == 0 or line != indent else ""
        if n == 0 and cell_len(line + gap + word) > width:
            gap = ""
        if line != indent and cell_len(line + gap + word) > width:
            lines.append(line)
            line, indent = rest + word, rest
        else:
            line += gap + word
    return [*lines, line]


_WORDS = re.compile(r"(\s*)(\S+)")


def quoted_lines(text: str) -> list[str]:
    """A drafted message behind a bar, every line of it, as markup lines."""
    return [
        f"[italic]{escape(part)}[/]"
        for line in text.splitlines()
        for part in _wrapped(line, QUOTE_INDENT, QUOTE_INDENT)
    ]


def quoted(text: str) -> None:
    print_lines(quoted_lines(text))


def print_lines(lines: Sequence[str]) -> None:
    """Markup lines printed in one call, each parsed on its own: one Rich call costs about
    half a millisecond, and a tag may not run from one line into the next (a wrapped
    "send [deck" with "v2] to her" below would read as a tag and vanish)."""
    from rich.text import Text

    if lines:
        _console("out").print(Text("\n").join(Text.from_markup(line) for line in lines))


def item_lines(lead: str, text: str, status: str = "") -> list[str]:
    """A plan item's first line, its `lead` (number and name) in bold and its `status` in
    green, wrapped under itself so the next item's number stands alone at the margin."""
    head = lead + status
    lines = _wrapped(f"{head}{text}", "", ITEM_INDENT)
    first = escape(lines[0])
    if lines[0].startswith(head):
        shown = f"[green]{escape(status)}[/]" if status else ""
        first = f"[bold]{escape(lead)}[/]{shown}{escape(lines[0][len(head) :])}"
    return [first, *map(escape, lines[1:])]


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; compact (and several times faster) for a pipe."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def stream_json(items: Iterable[Any], batch: int = 500) -> None:
    """A JSON array written as it is encoded, a batch of items at a time, so a listing of
    100,000 people never becomes one string in memory; byte for byte `print_json`'s."""
    if sys.stdout.isatty():
        print_json(list(items))
        return
    # `check_circular` would note every list and dict on the way: printed data has no cycles.
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    rest = iter(items)
    sys.stdout.write("[")
    separator = ""
    while chunk := list(islice(rest, batch)):
        sys.stdout.write(separator + encode(chunk)[1:-1])  # the batch without its brackets
        separator = ", "
    sys.stdout.write("]\n")


# Past this many rows a table is printed as plain aligned text: Rich lays out every cell
# of every row before printing the first (about 2 ms a row of `list`: a quarter of a
# second for a search that finds 130 people, seconds for 10,000), and a screen and a short
# scroll show no more than this anyway.
RICH_ROWS = 100


def plain_table(columns: Sequence[str], rows: Sequence[Sequence[str]], footer: str) -> None:
    """Columns padded to their widest cell (the last one left ragged), then `footer`."""
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    lines = [columns, *rows]
    sys.stdout.writelines(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in lines
    )
    sys.stdout.write(footer + "\n")


def print_error(error: FollowthruError) -> None:
    _console("err").print(f"[bold red]Error:[/] {escape(error.message)}")
    if error.hint:
        _console("err").print(f"[dim]{escape(error.hint)}[/]")


def print_crash(error: Exception, log: Path) -> None:
    """A bug, not a user mistake: one sentence and where the traceback went."""
    from followthru.logs import crash_hint, crash_sentence

    _console("err").print(f"[bold red]Error:[/] {escape(crash_sentence(error))}")
    _console("err").print(f"[dim]{escape(crash_hint(log))}[/]")


def warn(message: str) -> None:
    _console("err").print(f"[yellow]Warning:[/] {escape(message)}")


def done(message: str) -> None:
    _console("out").print(f"[green]✓[/] {escape(message)}")


def day(value: date | None, today: date | None = None) -> str:
    if value is None:
        return "—"
    if today is not None:
        delta = (value - today).days
        relative = {0: "today", -1: "yesterday", 1: "tomorrow"}.get(delta)
        if relative:
            return relative
    return value.isoformat()


def ago(value: date | None, today: date) -> str:
    if value is None:
        return "never"
    days = (today - value).days
    if days <= 0:
        return "today"
    if days < 60:
        return f"{days}d ago"
    if days < 730:
        return f"{days // 30}mo ago"
    return f"{days // 365}y ago"


def join(items: Iterable[str]) -> str:
    return ", ".join(items) or "—"


PILE_STYLE = {"target": "bold magenta", "connector": "cyan", "general": "dim", None: "yellow"}


def pile(value: str | None) -> str:
    return f"[{PILE_STYLE.get(value, '')}]{value or 'untriaged'}[/]"


def table(title: str | None, columns: Sequence[str]) -> Any:
    from rich.table import Table

    grid = Table(
        title=title, title_justify="left", header_style="bold", show_edge=False, pad_edge=False
    )
    for column in columns:
        grid.add_column(column, overflow="fold", min_width=min(len(column), 12))
    return grid


@contextmanager
def progress_bar(label: str, enabled: bool, *, from_total: int = 0) -> Iterator[Any]:
    """A transient bar on stderr, or None: only on a terminal, and only for enough work
    (`from_total`) that a bar helps rather than flickers. Yields `advance(done, total)`."""
    if not enabled:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=_console("err"), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            if total >= from_total and (total < 1000 or done % 100 == 0 or done == total):
                bar.update(task, completed=done, total=total)

        yield advance
