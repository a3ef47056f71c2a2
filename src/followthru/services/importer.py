"""Importing people from files: one person, one contact, however many files name them.

Three stages, one module each: `import_read` turns files into records before the database
is opened; `import_match` decides who every record is against a read-only look at the
database (`domain.identity` says which keys may merge two records); `import_write` writes
it all in a few bulk statements per batch of people, each batch its own short transaction,
so a `log` or a web note from another process waits for one batch at most, never for the
whole import. Before each batch the journal tells whether anyone the match rests on changed
meanwhile; if so, what was written is taken back and the import starts again. The import
is journaled as *pending* until its last batch (`store.pending`): a crash or kill at any
moment leaves batches that the next command rolls back, so the database ends as it was,
and `followthru undo` takes a finished import back whole.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from followthru.errors import BadInput, FollowthruError
from followthru.formats.records import ContactRecord
from followthru.services.import_match import Matched, Progress, match, still_valid
from followthru.services.import_read import LAYOUTS, SUFFIXES, gather, read_file
from followthru.services.import_report import ImportOptions, ImportReport, MergeNote, Problem
from followthru.services.import_write import write
from followthru.services.runtime import Context
from followthru.store import journal, pending

# People per write transaction: small enough that another writer waits well under a
# second for one batch, large enough that the per-batch journal work and the pause between
# batches (Database.let_others_write) stay a small share of the import.
BATCH = 1_000
TRIES = 2  # batched attempts before the import is written in one transaction

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
    written in batches: each is (label for messages, kind for its source key, record).

    When someone changes what the match rests on while the batches are written, the
    batches written are taken back and the import starts again; after `TRIES` such
    starts it is written in one transaction, which others wait for but cannot disturb."""
    pending.recover(ctx.db)
    for attempt in range(TRIES + 1):
        with ctx.db.read() as session:
            region = ctx.settings.phone_region
            matched = match(session, region, records, options, today=today, progress=progress)
        _check_strict(matched, options)
        if options.dry_run or not (matched.touched() or options.event):
            return matched.report  # nothing to write: no lock taken, no empty change journaled
        if attempt == TRIES:
            return _write_at_once(ctx, records, matched, options, today)
        if _write_in_batches(ctx, matched, options, today):
            return matched.report
        progress = None  # the bar was filled once
    raise AssertionError("unreachable: the last attempt writes at once")


def _write_in_batches(ctx: Context, matched: Matched, options: ImportOptions, today: date) -> bool:
    """Every `BATCH` people in a transaction of their own, so that other writers wait for
    one batch at most; False (and nothing kept) when the match stopped holding."""
    with ctx.db.write() as session:
        change_id = pending.open_import(session, _summary(matched, options))
    mine, people = {change_id}, matched.touched()
    try:
        for start in range(0, max(len(people), 1), BATCH):
            with ctx.db.write() as session:
                pending.renew(session, change_id)
                if not still_valid(session, matched, ignore=mine):
                    raise _MatchStale
                part = pending.part(session, change_id)
                batch = people[start : start + BATCH]
                matched.report.promises += write(session, batch, options, today=today)
                mine.add(part.save())
            ctx.db.let_others_write()
        with ctx.db.write() as session:
            pending.finish(session, change_id, len(people))
    except BaseException as exc:
        _take_back(ctx, change_id)
        if isinstance(exc, _MatchStale):
            matched.report.promises = 0
            return False
        raise
    matched.report.change_id = change_id
    return True


def _take_back(ctx: Context, change_id: int) -> None:
    """Roll back the batches written; when the database refuses even that, the next
    command finds the import pending, its process gone, and rolls it back."""
    with contextlib.suppress(FollowthruError, journal.UndoRefused), ctx.db.write() as session:
        pending.roll_back(session, change_id)


class _MatchStale(Exception):
    """Someone changed a person the match rests on between two batches."""


def _write_at_once(
    ctx: Context,
    records: Sequence[tuple[str, str, ContactRecord]],
    matched: Matched,
    options: ImportOptions,
    today: date,
) -> ImportReport:
    """The whole import in one transaction, matched again inside it if need be."""
    with ctx.db.write() as session:
        if not still_valid(session, matched):
            region = ctx.settings.phone_region
            matched = match(session, region, records, options, today=today)
            _check_strict(matched, options)
        change = journal.ChangeSet(session, "import", _summary(matched, options))
        matched.report.promises = write(session, matched.touched(), options, today=today)
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
