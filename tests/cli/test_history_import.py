"""History from files: mailboxes, calendars and LinkedIn's messages through `import`."""

from __future__ import annotations

import mailbox
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from conftest import SHARED
from followthru.store.models import Base
from helpers.mail import BODY, conversation, make_mbox, setup_people, touches

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
