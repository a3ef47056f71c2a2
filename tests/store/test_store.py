"""The storage layer on SQLite and PostgreSQL: schema, time, transactions, summaries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import StatementError

from followthru.errors import BadInput, DatabaseError
from followthru.services import contacts, promises, touches
from followthru.services.contacts import NewContact
from followthru.settings import sqlite_url
from followthru.store import touch_stats
from followthru.store.database import MIGRATIONS, Database, head_revision, open_database
from followthru.store.models import Base, Contact, Event, Note, Promise, Touch

TODAY = date(2026, 11, 20)


def _add(ctx: Any, name: str, **fields: Any) -> int:
    return contacts.add(ctx, NewContact(name=name, **fields), today=TODAY).contact.id


def test_head_revision_is_alembic_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == head_revision()


def test_migrations_build_exactly_the_models(ctx: Any) -> None:
    """Autogenerate finds nothing to add: the migrations and the models agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    assert ctx.db.current_revision() == head_revision()
    with ctx.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_with_busy_timeout(tmp_path: Path) -> None:
    database = open_database(sqlite_url(tmp_path / "n.db"))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()


def test_first_use_creates_folder_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "followthru.db"
    database = open_database(sqlite_url(path))
    assert path.exists()
    assert database.current_revision() == head_revision()
    database.dispose()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "n.db")
    database = open_database(url)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.dispose()
    with pytest.raises(DatabaseError, match="newer followthru"):
        open_database(url)


@pytest.mark.parametrize("url", ["not a url at all://", "mongodb://localhost/x"])
def test_unusable_url_is_bad_input(url: str) -> None:
    with pytest.raises((BadInput, DatabaseError)):
        open_database(url)


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="Cannot open the database"):
        open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_naive_datetimes_are_refused(ctx: Any) -> None:
    cid = _add(ctx, "Nia Naive")
    with pytest.raises(StatementError, match="naive datetime"), ctx.db.write() as session:
        session.add(
            Note(contact_id=cid, text="x", written_on=TODAY, created_at=datetime(2026, 1, 1, 12))
        )
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 0


def test_aware_datetimes_come_back_in_utc(ctx: Any) -> None:
    cid = _add(ctx, "Ute Zone")
    plus_two = timezone(timedelta(hours=2))
    with ctx.db.write() as session:
        session.add(
            Note(
                contact_id=cid,
                text="x",
                written_on=TODAY,
                created_at=datetime(2026, 3, 1, 14, tzinfo=plus_two),
            )
        )
    with ctx.db.read() as session:
        stored = session.scalar(select(Note.created_at))
    assert stored == datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert stored is not None and stored.utcoffset() == timedelta(0)


def test_calendar_dates_stay_dates(ctx: Any) -> None:
    with ctx.db.write() as session:
        session.add(Event(name="PyData", name_key="pydata", held_on=date(2026, 11, 14)))
    with ctx.db.read() as session:
        held = session.scalar(select(Event.held_on))
    assert type(held) is date and held == date(2026, 11, 14)


def test_write_is_all_or_nothing(ctx: Any) -> None:
    cid = _add(ctx, "Rolf Back")
    with pytest.raises(RuntimeError), ctx.db.write() as session:
        session.add(Note(contact_id=cid, text="half-way", written_on=TODAY))
        session.flush()
        raise RuntimeError("crash mid-command")
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 0


def test_failed_command_writes_nothing(ctx: Any) -> None:
    """A bad e-mail found after the contact row was built must not leave the row behind."""
    with pytest.raises(BadInput):
        contacts.add(ctx, NewContact(name="Half Written", emails=["not-an-email"]), today=TODAY)
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 0


def test_deleting_a_contact_leaves_nothing_behind(ctx: Any) -> None:
    cid = _add(
        ctx,
        "Del Ete",
        emails=["del@example.com"],
        phones=["+44 20 7946 0958"],
        tags=["investor"],
        note="met at the bar",
        event="PyData London 2026",
    )
    other = _add(ctx, "Stay Here")
    touches.log(ctx, "Del Ete", via="email", kind="checkin", summary="hi", on=TODAY, today=TODAY)
    touches.log(
        ctx,
        "Stay Here",
        via="email",
        kind="connect",
        summary="intro",
        on=TODAY,
        today=TODAY,
        with_ref="Del",
    )
    promises.add(ctx, "Del Ete", "lunch", due=TODAY, owner="me", today=TODAY)
    contacts.delete(ctx, "Del Ete")
    with ctx.db.read() as session:
        for table in Base.metadata.sorted_tables:
            if "contact_id" in table.c:
                left = session.scalar(
                    select(func.count()).select_from(table).where(table.c.contact_id == cid)
                )
                assert left == 0, table.name
        # the other side of the introduction keeps its touch, without the dangling link
        kept = session.scalars(select(Touch).where(Touch.contact_id == other)).all()
        assert [t.with_contact_id for t in kept] == [None]
        assert session.scalar(select(func.count()).select_from(Event)) == 1


def _stored_summary(session: Any) -> dict[int, dict[str, Any]]:
    rows = session.execute(select(Contact)).scalars().all()
    return {
        c.id: {
            "last_touch_on": c.last_touch_on,
            "last_in_on": c.last_in_on,
            "last_out_on": c.last_out_on,
            "unanswered": c.unanswered,
            "given_count": c.given_count,
            "ask_count": c.ask_count,
            "last_given_on": c.last_given_on,
            "last_ask_on": c.last_ask_on,
        }
        for c in rows
    }


def test_touch_summary_follows_every_touch(ctx: Any) -> None:
    ann = _add(ctx, "Ann Summary")
    _add(ctx, "Bob Summary")
    log = [
        ("Ann", "email", "checkin", False, date(2026, 1, 5)),
        ("Ann", "email", "checkin", False, date(2026, 2, 5)),
        ("Ann", "call", "checkin", True, date(2026, 2, 10)),
        ("Ann", "linkedin", "content", False, date(2026, 3, 1)),
        ("Ann", "email", "ask", False, date(2026, 4, 1)),
        ("Ann", "email", "checkin", False, date(2026, 3, 20)),  # logged late, out of order
        ("Bob", "email", "congratulate", False, date(2026, 5, 1)),
    ]
    for who, via, kind, inbound, on in log:
        touches.log(ctx, who, via=via, kind=kind, summary="", inbound=inbound, on=on, today=TODAY)
    with ctx.db.read() as session:
        stored = _stored_summary(session)
        computed = touch_stats.compute(session)
    assert set(computed) == set(stored)
    for cid, expected in computed.items():
        assert stored[cid] == expected
    assert stored[ann] == {
        "last_touch_on": date(2026, 4, 1),
        "last_in_on": date(2026, 2, 10),
        "last_out_on": date(2026, 4, 1),
        "unanswered": 3,
        "given_count": 1,
        "ask_count": 1,
        "last_given_on": date(2026, 3, 1),
        "last_ask_on": date(2026, 4, 1),
    }


def test_refresh_repairs_a_summary_from_the_touches(ctx: Any) -> None:
    cid = _add(ctx, "Rea Fresh")
    touches.log(
        ctx, "Rea", via="call", kind="checkin", summary="", on=date(2026, 6, 1), today=TODAY
    )
    with ctx.db.write() as session:
        session.get(Contact, cid).last_touch_on = None  # type: ignore[union-attr]
    with ctx.db.write() as session:
        touch_stats.refresh(session)
    with ctx.db.read() as session:
        assert session.get(Contact, cid).last_touch_on == date(2026, 6, 1)  # type: ignore[union-attr]


def test_promise_keeps_its_source_text(ctx: Any) -> None:
    _add(ctx, "Pro Mise")
    view = promises.add(ctx, "Pro Mise", "send the deck", due=None, owner="me", today=TODAY)
    with ctx.db.read() as session:
        stored = session.scalar(select(Promise))
    assert stored is not None and stored.what == "send the deck"
    assert stored.uid and view.id == stored.id


def test_two_databases_do_not_share_state(tmp_path: Path) -> None:
    first = Database(sqlite_url(tmp_path / "a.db"))
    first.ensure_schema()
    second = open_database(sqlite_url(tmp_path / "b.db"))
    with first.write() as session:
        session.add(Contact(name="Only In A", name_key="only in a", uid="u-a"))
    with second.read() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 0
    first.dispose()
    second.dispose()


def _alembic(database: Database, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = database.engine
    getattr(command, direction)(config, revision)


def _row_counts(ctx: Any) -> dict[str, int]:
    with ctx.db.read() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def test_migrations_keep_every_row(ctx: Any) -> None:
    """Rebuilding a table in SQLite's batch mode must not cascade-delete what points at it."""
    _add(ctx, "Mig Rate", company="Société Générale", event="PyData", note="talked shop")
    touches.log(ctx, "Mig", via="call", kind="checkin", summary="", on=TODAY, today=TODAY)
    promises.add(ctx, "Mig", "lunch", due=TODAY, owner="both", today=TODAY)
    before = _row_counts(ctx)
    assert before["touches"] == 1 and before["promises"] == 1 and before["notes"] == 1
    _alembic(ctx.db, "downgrade", "0002")  # drops a column: a table rebuild on SQLite
    _alembic(ctx.db, "upgrade", "head")
    journal = ("changes", "change_people")  # dropped by a downgrade past 0006, as it must be
    after = _row_counts(ctx)
    assert {k: v for k, v in after.items() if k not in journal} == {
        k: v for k, v in before.items() if k not in journal
    }
    with ctx.db.read() as session:
        assert session.scalar(select(Contact.work_key)) == "societe generale"
    if ctx.db.is_sqlite:
        with ctx.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
