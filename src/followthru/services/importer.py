"""Importing people from files: one person, one contact, however many files name them.

Three stages, one module each: `import_read` turns files into records before the database
is opened; `import_match` decides who every record is against a read-only look at the
database (`domain.identity` says which keys may merge two records); `import_write` writes
it all in a few bulk statements. Only the last holds the write lock, so a `log` or a web
note from another process waits for the bulk write alone, not for the whole import. Inside
the lock the journal tells whether anyone the match rests on changed meanwhile; if so, the
match runs again there. The write is one journaled transaction: a crash or kill at any
moment leaves the database as it was, and `followthru undo` takes the whole import back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from followthru.errors import BadInput
from followthru.formats.records import ContactRecord
from followthru.services.import_match import Matched, Progress, match, still_valid
from followthru.services.import_read import LAYOUTS, SUFFIXES, gather, read_file
from followthru.services.import_report import ImportOptions, ImportReport, MergeNote, Problem
from followthru.services.import_write import write
from followthru.services.runtime import Context
from followthru.store import journal

__all__ = [
    "SUFFIXES",
    "ImportOptions",
    "ImportReport",
    "MergeNote",
    "Problem",
    "Progress",
    "import_files",
    "import_records",
]


def import_files(
    ctx: Context,
    paths: Sequence[Path],
    options: ImportOptions,
    *,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    if options.layout not in LAYOUTS:
        raise BadInput(
            f"Unknown format {options.layout!r}.", f"Choose one of: {', '.join(LAYOUTS)}."
        )
    files = gather(paths)
    results = [(str(path), read_file(path, options)) for path in files]
    skipped = [Problem(f, s.line, s.reason) for f, r in results for s in r.skipped]
    if options.strict and skipped:
        raise BadInput(
            f"{len(skipped)} record(s) could not be read, first {skipped[0]}.",
            "Fix the file, or import without --strict to skip them with a warning.",
        )
    labelled = [
        (file, result.format, record) for file, result in results for record in result.records
    ]
    report = import_records(ctx, labelled, options, today=today, progress=progress)
    report.skipped[:0] = skipped
    for file, result in results:  # files with no usable record are still reported
        if file not in report.files:
            report.files.append(file)
            report.formats[file] = result.format
    return report


def import_records(
    ctx: Context,
    records: Sequence[tuple[str, str, ContactRecord]],
    options: ImportOptions,
    *,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    """Records read from files or made elsewhere (a scanned card), matched and merged, then
    written in one transaction: each is (label for messages, kind for its source key, record)."""
    region = ctx.settings.phone_region
    with ctx.db.read() as session:
        matched = match(session, region, records, options, today=today, progress=progress)
    _check_strict(matched, options)
    if options.dry_run or not (matched.touched() or options.event):
        return matched.report  # nothing to write: no lock taken, no empty change journaled
    with ctx.db.write() as session:
        if not still_valid(session, matched):
            # Someone changed what the match rests on meanwhile: match again, locked.
            matched = match(session, region, records, options, today=today)
            _check_strict(matched, options)
        change = journal.ChangeSet(session, "import", _summary(matched, options))
        write(session, matched, options, today=today)
        matched.report.change_id = change.save()
    return matched.report


def _check_strict(matched: Matched, options: ImportOptions) -> None:
    report = matched.report
    if options.strict and report.skipped:
        raise BadInput(
            f"{len(report.skipped)} record(s) could not be used, first {report.skipped[0]}.",
            "Fix the file, or import without --strict to skip them with a warning.",
        )


def _summary(matched: Matched, options: ImportOptions) -> str:
    report = matched.report
    files = options.source or ", ".join(Path(f).name for f in report.files) or "records"
    return f"import {files}: {report.created} new, {report.updated} updated, {report.merged} merged"
