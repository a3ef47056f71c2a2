"""History from files: mailboxes, calendars and LinkedIn's messages through `import`."""

from __future__ import annotations

import mailbox
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from conftest import SHARED, TODAY
from followthru.store.models import Base
from helpers.mail import BODY, ME, conversation, make_mbox, message, setup_people, touches

# Reading files does not depend on the database: those tests run on SQLite alone.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def test_an_mbox_import_makes_one_touch_per_day_and_direction(cli: Any, tmp_path: Path) -> None:
    setup_people(cli)
    box = make_mbox(tmp_path / "mail.mbox", conversation())
    report = cli.json("import", str(box))["history"]
    assert (report["read"], report["ignored"], report["touches"]) == (10, 2, 4)
    jane = touches(cli, "jane")
    assert [(t["date"], t["direction"]) for t in jane] == [
        ("2026-11-10", "out"),
        ("2026-11-12", "in"),
    ]
    assert "2 times" in jane[0]["text"] and "Lunch?" in jane[0]["text"]
    assert cli.json("show", "jane")["last_touch_on"] == "2026-11-12"
    assert "cooldown" not in {t["term"] for t in cli.json("why", "jane")["terms"]}
    assert "cooldown" in {t["term"] for t in cli.json("why", "omar")["terms"]}


def test_a_reimport_adds_nothing_and_strangers_are_not_contacts(
    cli: Any, tmp_path: Path, db_url: str
) -> None:
    setup_people(cli)
    box = make_mbox(tmp_path / "mail.mbox", conversation())
    cli.json("import", str(box))
    again = cli.json("import", str(box))["history"]
    assert (again["touches"], again["linked"], again["known"]) == (0, 0, 8)
    assert {p["name"] for p in cli.json("list")} == {"Jane Doe", "Omar Haddad"}
    engine = create_engine(db_url)
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:  # no body anywhere in the database
            assert "secret body" not in repr(conn.execute(select(table)).all()), table.name
        assert conn.execute(text("SELECT count(*) FROM touches")).scalar() == 4
    engine.dispose()


@sqlite_only
def test_a_maildir_with_a_sent_folder_and_eml_files_are_read(cli: Any, tmp_path: Path) -> None:
    setup_people(cli)
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(conversation()[2])
    sent = box.add_folder("Sent")
    sent.add(conversation()[0])
    eml = tmp_path / "one.eml"
    eml.write_bytes(bytes(conversation()[3]))
    report = cli.json("import", str(tmp_path / "Maildir"), str(eml))["history"]
    assert report["touches"] == 3
    assert [t["direction"] for t in touches(cli, "jane")] == ["out", "in"]


@sqlite_only
def test_no_subjects_keeps_summaries_empty(cli: Any, tmp_path: Path) -> None:
    setup_people(cli)
    box = make_mbox(tmp_path / "mail.mbox", conversation())
    cli.json("import", str(box), "--no-subjects")
    assert all("Lunch" not in t["text"] for t in touches(cli, "jane"))


@sqlite_only
def test_without_own_addresses_the_import_says_how_to_set_them(cli: Any, tmp_path: Path) -> None:
    box = make_mbox(tmp_path / "mail.mbox", conversation())
    result = cli("import", str(box))
    assert result.exit_code == 2
    assert "config set user.emails" in result.output


MEETING = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:m-1
DTSTART:20261115T140000Z
SUMMARY:Coffee
ORGANIZER;CN=Jane:mailto:jane@example.com
ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.com
ATTENDEE;CN=Omar;PARTSTAT=DECLINED:mailto:omar@example.org
END:VEVENT
BEGIN:VEVENT
UID:m-2
DTSTART:20261116T140000Z
STATUS:CANCELLED
ORGANIZER:mailto:me@example.com
ATTENDEE:mailto:omar@example.org
END:VEVENT
END:VCALENDAR
"""


def test_a_calendar_meeting_is_a_touch_with_its_attendees(cli: Any, tmp_path: Path) -> None:
    setup_people(cli)
    path = tmp_path / "cal.ics"
    path.write_text(MEETING)
    report = cli.json("import", str(path))["history"]
    assert report["touches"] == 1
    (coffee,) = touches(cli, "jane")
    assert coffee["via"] == "meeting" and coffee["direction"] == "in"
    assert touches(cli, "omar") == []


@sqlite_only
def test_shared_calendar_fixtures_are_read_without_error(cli: Any) -> None:
    setup_people(cli)
    files = [str(p) for p in sorted((SHARED / "fixtures" / "ics").glob("*.ics"))]
    report = cli.json("import", *files)["history"]
    assert report["touches"] == 0 and report["read"] >= 2


MESSAGES_CSV = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Priya Natarajan,https://www.linkedin.com/in/priya-n,Me Myself,"
    "https://www.linkedin.com/in/me-myself,2026-11-01 09:00:00 UTC,,"
    f'"{BODY}",INBOX\n'
    "c1,,Me Myself,https://www.linkedin.com/in/me-myself,Priya Natarajan,"
    "https://www.linkedin.com/in/priya-n,2026-11-02 09:00:00 UTC,,Thanks!,INBOX\n"
    "c2,,Ravi Kumar,https://www.linkedin.com/in/ravi-k-123,Me Myself,"
    "https://www.linkedin.com/in/me-myself,2026-11-03 09:00:00 UTC,,Hi,INBOX\n"
)
INVITATIONS_CSV = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    'Me Myself,Priya Natarajan,"10/20/26, 10:12 AM",,OUTGOING,'
    "https://www.linkedin.com/in/me-myself,https://www.linkedin.com/in/priya-n\n"
)
CONNECTIONS_CSV = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Natarajan,https://www.linkedin.com/in/priya-n,,Fabrikam,Head of Data,20 Oct 2026\n"
)


def test_a_linkedin_export_folder_brings_people_and_their_messages(
    cli: Any, tmp_path: Path
) -> None:
    setup_people(cli)
    cli.ok("add", "Ravi Kumar")  # no profile: found by exact name
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(CONNECTIONS_CSV)
    (folder / "messages.csv").write_text(MESSAGES_CSV)
    (folder / "Invitations.csv").write_text(INVITATIONS_CSV)
    report = cli.json("import", str(folder))
    assert report["created"] == 1
    assert report["history"]["touches"] == 4
    priya = touches(cli, "priya")
    assert [(t["date"], t["direction"]) for t in priya] == [
        ("2026-10-20", "out"),
        ("2026-11-01", "in"),
        ("2026-11-02", "out"),
    ]
    assert [t["direction"] for t in touches(cli, "ravi")] == ["in"]


@sqlite_only
def test_a_dry_run_reports_and_writes_nothing(cli: Any, tmp_path: Path) -> None:
    setup_people(cli)
    box = make_mbox(tmp_path / "mail.mbox", conversation())
    report = cli.json("import", str(box), "--dry-run")["history"]
    assert (report["touches"], report["dry_run"]) == (4, True)
    assert touches(cli, "jane") == []
    assert cli.json("import", str(box))["history"]["touches"] == 4


def counts(db_url: str) -> tuple[int, int]:
    """Touches and history items in the database."""
    engine = create_engine(db_url)
    with engine.connect() as conn:
        found = tuple(
            int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
            for table in ("touches", "history_items")
        )
    engine.dispose()
    return found[0], found[1]


def test_a_history_import_is_one_change_that_undo_takes_back_exactly(
    cli: Any, tmp_path: Path, db_url: str
) -> None:
    setup_people(cli)
    mail = conversation()
    cli.json("import", str(make_mbox(tmp_path / "first.mbox", [mail[0], mail[3], mail[4]])))
    jane, omar = cli.json("show", "jane"), cli.json("show", "omar")
    assert "cooldown" in {t["term"] for t in cli.json("why", "omar")["terms"]}
    stored = counts(db_url)
    reply = message("Omar <omar@example.org>", ME, 9, "Re: Following up", mid="b3")
    later = [mail[1], mail[2], reply, *mail[7:]]  # a second Lunch? that day, replies, Sam
    report = cli.json("import", str(make_mbox(tmp_path / "second.mbox", later)))["history"]
    assert report["touches"] == 2 and "2 times" in touches(cli, "jane")[0]["text"]
    assert "cooldown" not in {t["term"] for t in cli.json("why", "omar")["terms"]}
    newest = cli.json("history")[0]
    assert (newest["kind"], newest["undone"]) == ("history", False)
    assert "second.mbox" in newest["summary"] and "2 new touches" in newest["summary"]
    cli.ok("undo")
    assert (cli.json("show", "jane"), cli.json("show", "omar")) == (jane, omar)
    assert "cooldown" in {t["term"] for t in cli.json("why", "omar")["terms"]}
    assert counts(db_url) == stored  # Sam's waiting messages went too
    assert cli.json("import", str(tmp_path / "second.mbox"))["history"] == report
    assert not cli.json("import", str(tmp_path / "first.mbox"))["history"]["touches"]
    changes = [(c["kind"], c["undone"]) for c in cli.json("history")]  # nothing new: no change
    assert changes == [
        ("history", False),
        ("history", True),
        ("history", False),
        *[("add", False)] * 2,
    ]


@sqlite_only
def test_a_dry_run_or_an_import_of_nothing_new_is_not_a_change(cli: Any, tmp_path: Path) -> None:
    setup_people(cli)
    box = make_mbox(tmp_path / "mail.mbox", conversation())
    cli.json("import", str(box), "--dry-run")
    before = cli.json("history")
    assert before[0]["kind"] == "add"
    cli.json("import", str(box))
    cli.json("import", str(box))
    assert [c["kind"] for c in cli.json("history")] == ["history", *(c["kind"] for c in before)]


WEEKLY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:one-to-one
DTSTART:20261005T090000Z
RRULE:FREQ=WEEKLY
EXDATE:20261019T090000Z
SUMMARY:One-to-one
ORGANIZER:mailto:me@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:jane@example.com
END:VEVENT
BEGIN:VEVENT
UID:one-to-one
RECURRENCE-ID:20261026T090000Z
DTSTART:20261027T090000Z
SUMMARY:One-to-one (moved)
ORGANIZER:mailto:me@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:jane@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:omar@example.org
END:VEVENT
BEGIN:VEVENT
UID:standup
DTSTART;VALUE=DATE:19900101
RRULE:FREQ=DAILY
SUMMARY:Stand-up
ORGANIZER:mailto:me@example.com
ATTENDEE:mailto:omar@example.org
END:VEVENT
BEGIN:VEVENT
UID:every-minute
DTSTART:20261101T000000Z
RRULE:FREQ=MINUTELY
ORGANIZER:mailto:me@example.com
ATTENDEE:mailto:jane@example.com
END:VEVENT
END:VCALENDAR
"""


def test_a_recurring_meeting_is_a_touch_on_each_past_day_it_took_place(
    cli: Any, tmp_path: Path
) -> None:
    """Weekly from 5 Oct: the 19th is cancelled (EXDATE), the 26th moved to the 27th with
    Omar too; instances after today (the 20th) are not touches. A daily stand-up since 1990
    is read five years back at most; a rule every minute counts once, as written."""
    setup_people(cli)
    path = tmp_path / "work.ics"
    path.write_text(WEEKLY)
    report = cli.json("import", str(path))["history"]
    days = [t["date"] for t in touches(cli, "jane")]
    assert days == ["2026-10-05", "2026-10-12", "2026-10-27", "2026-11-01", "2026-11-02",
                    "2026-11-09", "2026-11-16"]  # fmt: skip
    omar = [t["date"] for t in touches(cli, "omar")]
    assert omar[-1] == "2026-11-20" and "2026-10-27" in omar
    assert len(omar) == len(set(omar)) and 5 * 365 <= len(omar) <= 5 * 366 + 1
    assert report["touches"] == len(days) + len(omar)
    assert cli.json("import", str(path))["history"]["touches"] == 0


def on_a_terminal(*args: str) -> tuple[str, str]:
    """Runs `followthru` with stderr on a pseudo-terminal, as a user's shell does."""
    reader, writer = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "followthru", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=writer,
        env={**os.environ, "COLUMNS": "100"},
        timeout=300,
        check=True,
    )
    os.close(writer)
    err = b""
    while True:
        try:
            chunk = os.read(reader, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        err += chunk
    os.close(reader)
    return done.stdout.decode(), err.decode(errors="replace")


@sqlite_only
def test_a_history_import_on_a_terminal_shows_a_progress_bar(
    cli: Any, tmp_path: Path, db_url: str
) -> None:
    setup_people(cli)
    notes = [
        message(ME, "jane@example.com", 1 + n % 20, f"Note {n}", mid=f"n{n}") for n in range(600)
    ]
    box = make_mbox(tmp_path / "big.mbox", notes)
    out, err = on_a_terminal("--db", db_url, "--today", TODAY, "import", str(box))
    assert "Read 600 messages" in out
    assert "Reading history" in err and "100%" in err, err
    out, err = on_a_terminal("--db", db_url, "--today", TODAY, "import", str(box), "--json")
    assert '"known": 600' in out and "Reading history" not in err  # never with --json
