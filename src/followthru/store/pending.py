"""Imports written in batches, each its own short transaction, yet all or nothing.

A large import holding the write lock for its whole write would make every other writer
(a note typed in the web app, a `log` from the CLI) wait for a minute. So the import is
journaled as it goes:

1. `open_import` records a *pending* change (kind `pending import`) naming the process
   that writes it, in a transaction of its own;
2. each batch is an ordinary journaled change of kind `import part` (its before-images,
   the people it created), committed with the batch's rows; `renew` first checks, inside
   the batch's transaction, that the import was not taken back meanwhile, and stamps it;
3. `finish` folds the parts into the pending change, which becomes one `import` that
   `followthru undo` takes back whole.

An import whose process died (kill -9, power cut) is left pending. `recover`, run when a
database is opened and before every import, rolls it back from its parts — the database
is then exactly as before the import. A pending import belongs to a dead process when
that process, on this computer, no longer exists, or when it has not written a batch for
`LEASE` (a process on another computer, or one stopped for that long: its next batch
then finds the import taken back and stops).
"""

from __future__ import annotations

import json
import os
import socket
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from followthru.errors import DatabaseError
from followthru.store import journal, plain_file
from followthru.store.journal import CHANGE_PEOPLE, CHANGES
from followthru.store.models import utcnow

if TYPE_CHECKING:
    from followthru.store.database import Database

PENDING, PART, SETTINGS = (
    plain_file.PENDING_IMPORT,
    plain_file.IMPORT_PART,
    plain_file.HELD_SETTINGS,
)
LEASE = timedelta(minutes=10)


def open_import(session: Session, summary: str) -> int:
    """Record an import about to be written in batches; returns the id it will keep."""
    owner = {"pending": {"host": socket.gethostname(), "pid": os.getpid()}}
    return int(
        session.execute(
            insert(CHANGES)
            .values(
                made_at=utcnow(),
                kind=PENDING,
                summary=summary,
                records=0,
                before=json.dumps(owner),
                undone=False,
            )
            .returning(CHANGES.c.id)
        ).scalar_one()
    )


def renew(session: Session, change_id: int) -> None:
    """Inside a batch's transaction: stop if the import was taken back, else stamp it alive."""
    done = session.execute(
        update(CHANGES)
        .where(CHANGES.c.id == change_id, CHANGES.c.kind == PENDING)
        .values(made_at=utcnow())
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise DatabaseError(
            "The import was interrupted for too long and has been taken back.",
            "Nothing of it was kept; run the import again.",
        )


def part(session: Session, change_id: int) -> journal.ChangeSet:
    """The change set one batch of the import joins."""
    return journal.ChangeSet(session, PART, str(change_id))


def finish(session: Session, change_id: int, records: int) -> None:
    """Make the pending import one ordinary change holding all its parts."""
    renew(session, change_id)
    _fold_parts(session, change_id)
    session.execute(
        update(CHANGES).where(CHANGES.c.id == change_id).values(kind="import", records=records)
    )


def roll_back(session: Session, change_id: int) -> None:
    """Take back everything the import wrote, and the import itself: as if never begun.
    Nothing to do when it was taken back already (by `recover`, say)."""
    still = session.scalar(
        select(CHANGES.c.id).where(CHANGES.c.id == change_id, CHANGES.c.kind == PENDING)
    )
    if still is None:
        return
    _fold_parts(session, change_id)
    journal.undo(session, change_id, force=True)
    session.execute(delete(CHANGE_PEOPLE).where(CHANGE_PEOPLE.c.change_id == change_id))
    session.execute(delete(CHANGES).where(CHANGES.c.id == change_id))


def _fold_parts(session: Session, change_id: int) -> None:
    """The parts' before-images and people become the import's own; the parts go."""
    parts = session.execute(
        select(CHANGES.c.id, CHANGES.c.before)
        .where(CHANGES.c.kind == PART, CHANGES.c.summary == str(change_id))
        .order_by(CHANGES.c.id)
    ).all()
    ids = [row.id for row in parts]
    merged = journal.merge_befores([json.loads(row.before) for row in parts])
    if ids:
        session.execute(
            update(CHANGE_PEOPLE)
            .where(CHANGE_PEOPLE.c.change_id.in_(ids))
            .values(change_id=change_id)
        )
        session.execute(delete(CHANGES).where(CHANGES.c.id.in_(ids)))
    session.execute(
        update(CHANGES)
        .where(CHANGES.c.id == change_id)
        .values(before=json.dumps(merged, ensure_ascii=False, sort_keys=True))
    )


def recover(database: Database) -> list[str]:
    """Roll back every pending import whose process is gone; a sentence for each."""
    rolled: list[str] = []
    with database.read() as session:
        if not _abandoned(session):
            return rolled  # the common case: one cheap look, no write lock taken
    with database.write() as session:
        for change_id, summary in _abandoned(session, lock=True):
            try:
                roll_back(session, change_id)
            except journal.UndoRefused as exc:  # someone built on it since: theirs to decide
                rolled.append(f"An import left unfinished ({summary}) cannot be taken back: {exc}")
                continue
            rolled.append(f"An import left unfinished ({summary}) was taken back.")
    return rolled


def _abandoned(session: Session, *, lock: bool = False) -> list[tuple[int, str]]:
    query = select(CHANGES.c.id, CHANGES.c.summary, CHANGES.c.made_at, CHANGES.c.before).where(
        CHANGES.c.kind == PENDING
    )
    found = session.execute(query.with_for_update() if lock else query).all()
    now = utcnow()
    return [
        (row.id, row.summary)
        for row in found
        if now - row.made_at > LEASE or _gone(json.loads(row.before).get("pending", {}))
    ]


def _gone(owner: dict[str, Any]) -> bool:
    """Whether the process that writes an import surely no longer exists."""
    pid = owner.get("pid")
    if owner.get("host") != socket.gethostname() or not isinstance(pid, int) or os.name != "posix":
        return False  # not ours to tell: the lease decides
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # it exists, as another user's process
    return False


# -- a restore's settings --------------------------------------------------------------------
# A restore commits its rows with the settings it will write to the config file; the file is
# written after the commit, then the held settings are dropped. A restore killed in between
# leaves them held: the next command writes them (services.restore.write_held_settings).


def hold_settings(session: Session, config: dict[str, Any]) -> None:
    """Keep the backup's settings (as the backup holds them) in the restore's transaction."""
    session.execute(
        insert(CHANGES).values(
            made_at=utcnow(),
            kind=SETTINGS,
            summary="settings restored, for the config file",
            records=0,
            before=json.dumps(config, ensure_ascii=False, sort_keys=True),
            undone=False,
        )
    )


def held_settings(session: Session) -> list[tuple[int, dict[str, Any]]]:
    """Settings a restore committed that may not be in the config file yet, oldest first."""
    found = session.execute(
        select(CHANGES.c.id, CHANGES.c.before)
        .where(CHANGES.c.kind == SETTINGS)
        .order_by(CHANGES.c.id)
    )
    return [(row.id, json.loads(row.before)) for row in found]


def release_settings(session: Session, ids: list[int]) -> None:
    """The settings are in the config file now."""
    session.execute(delete(CHANGES).where(CHANGES.c.id.in_(ids), CHANGES.c.kind == SETTINGS))
