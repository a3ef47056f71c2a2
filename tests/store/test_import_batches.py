"""A large import is written in batches, each its own short transaction, so that other
writers wait for one batch at most; it stays all or nothing: batches left by a dead process
are rolled back when the database is next opened, and a finished import is one change that
`undo` takes back whole. On SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from followthru.errors import DatabaseError
from followthru.services import contacts, history, importer
from followthru.services.import_report import ImportOptions
from followthru.services.runtime import Context
from followthru.store import pending
from followthru.store.database import open_database
from followthru.store.journal import CHANGES
from followthru.store.models import Change, Contact, utcnow
from test_killed_midway import linkedin_csv

TODAY = date(2026, 11, 22)
PEOPLE = 250
BATCH = 60


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH", BATCH)


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(linkedin_csv(PEOPLE))
    return path


def people_count(ctx: Context) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


@pytest.fixture
def after_each_commit(ctx: Context) -> Iterator[list[Any]]:
    """Call each function put in the list after every commit on ctx's database."""
    hooks: list[Any] = []

    def committed(session: Session) -> None:
        if session.get_bind().url == ctx.db.engine.url:
            for hook in list(hooks):
                hook()

    event.listen(Session, "after_commit", committed)
    yield hooks
    event.remove(Session, "after_commit", committed)


def import_people(ctx: Context, path: Path) -> importer.ImportReport:
    return importer.import_files(ctx, [path], ImportOptions(layout="linkedin"), today=TODAY)


def test_no_transaction_of_an_import_writes_more_than_a_batch(
    ctx: Context, people: Path, small_batches: None, after_each_commit: list[Any]
) -> None:
    seen = [people_count(ctx)]
    after_each_commit.append(lambda: seen.append(people_count(ctx)))
    report = import_people(ctx, people)
    after_each_commit.clear()
    assert seen[-1] == PEOPLE == report.created
    steps = [later - earlier for earlier, later in itertools.pairwise(seen)]
    assert max(steps) <= BATCH
    assert sum(1 for step in steps if step) >= PEOPLE // BATCH
    listed = history.recent(ctx, limit=5)
    assert [c.kind for c in listed][:1] == ["import"] and listed[0].records == PEOPLE
    history.undo(ctx)
    assert people_count(ctx) == 0


def test_a_write_between_batches_that_the_match_rests_on_restarts_the_import(
    ctx: Context, people: Path, small_batches: None, after_each_commit: list[Any]
) -> None:
    """Someone adds, between two batches, a person with the e-mail of a later record of
    the file: the import starts again and merges that record into them."""
    last = PEOPLE - 2  # its record has an e-mail (every third has none) and a late batch
    added: list[int] = []

    def add_once() -> None:
        if not added and people_count(ctx) > 0:
            added.append(0)  # before adding: the add's own commit calls this again
            new = contacts.NewContact(
                name=f"Given{last} Family{last}", emails=[f"person{last}@example.com"]
            )
            contacts.add(ctx, new, today=TODAY)

    after_each_commit.append(add_once)
    report = import_people(ctx, people)
    after_each_commit.clear()
    assert added and people_count(ctx) == PEOPLE
    assert report.created == PEOPLE - 1 and report.updated + report.merged >= 1
    assert [c.kind for c in history.recent(ctx, limit=2)] == ["import", "add"]


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def half_written(ctx: Context, people: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """An import stopped after its batches, before it is finished, and left pending."""

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(pending, "finish", stop)
        patched.setattr(importer, "_take_back", lambda *_: None)
        import_people(ctx, people)
    assert people_count(ctx) == PEOPLE
    with ctx.db.read() as session:
        return int(
            session.scalar(select(func.max(Change.id)).where(Change.kind == pending.PENDING))
        )


def set_owner(ctx: Context, change_id: int, **values: Any) -> None:
    with ctx.db.write() as session:
        session.execute(update(CHANGES).where(CHANGES.c.id == change_id).values(**values))


def test_an_import_left_by_a_dead_process_is_rolled_back_on_the_next_open(
    ctx: Context, people: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = history.recent(ctx, limit=5)
    change_id = half_written(ctx, people, monkeypatch)
    assert history.recent(ctx, limit=5) == before, "a pending import is not listed"
    # Still its writer's (this live process): opening the database leaves it alone.
    open_database(ctx.db.url).dispose()
    assert people_count(ctx) == PEOPLE
    owner = {"pending": {"host": pending.socket.gethostname(), "pid": dead_pid()}}
    set_owner(ctx, change_id, before=json.dumps(owner))
    reopened = open_database(ctx.db.url)
    reopened.dispose()
    assert any("taken back" in w for w in reopened.warnings)
    assert people_count(ctx) == 0
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Change)) == 0


def test_an_import_silent_for_longer_than_the_lease_is_rolled_back_and_stops(
    ctx: Context, people: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    change_id = half_written(ctx, people, monkeypatch)
    set_owner(ctx, change_id, made_at=utcnow() - pending.LEASE - timedelta(minutes=1))
    open_database(ctx.db.url).dispose()
    assert people_count(ctx) == 0
    with ctx.db.write() as session, pytest.raises(DatabaseError, match="taken back"):
        pending.renew(session, change_id)


def test_after_its_tries_an_import_is_written_in_one_transaction(
    ctx: Context, people: Path, small_batches: None, after_each_commit: list[Any]
) -> None:
    """Others kept changing what the match rests on: the last try takes the lock once."""
    seen = [people_count(ctx)]
    after_each_commit.append(lambda: seen.append(people_count(ctx)))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(importer, "TRIES", 0)
        report = import_people(ctx, people)
    after_each_commit.clear()
    assert report.created == PEOPLE and [n for n in seen if n] == [PEOPLE]
    assert [c.kind for c in history.recent(ctx, limit=5)] == ["import"]
