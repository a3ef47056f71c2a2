"""`account` and `sync` against real servers: Dovecot for IMAP, Radicale for CalDAV."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import need
from helpers import servers
from helpers.mail import conversation, make_mbox, message, setup_people, touches

# Every test starts or reaches a real server.
pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 20)
PASSWORD_COMMAND = f"printf '%s\\n' {servers.PASSWORD}"


# The servers behave the same whatever the database: most tests run on SQLite alone.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def dovecot_server() -> Iterator[servers.Dovecot]:
    need(os.path.exists(servers.DOVECOT), "Dovecot (Debian dovecot-imapd) is not installed")
    with servers.dovecot() as server:
        yield server


@pytest.fixture
def imap(dovecot_server: servers.Dovecot) -> servers.Dovecot:
    """A mailbox of this test's own on the shared server."""
    return dovecot_server.with_user()


def add_imap(cli: Any, server: servers.Dovecot) -> None:
    cli.ok(
        "account", "add", "imap", server.url, "--user", server.user,
        "--password-command", PASSWORD_COMMAND,
    )  # fmt: skip


def test_sync_reads_inbox_and_sent_once(cli: Any, imap: servers.Dovecot) -> None:
    setup_people(cli)
    mail = conversation()
    imap.deliver([m for m in mail if m["From"] != "me@example.com" and "Me" not in m["From"]])
    imap.deliver([m for m in mail if m["From"] == "me@example.com" or "Me" in m["From"]], "Sent")
    add_imap(cli, imap)
    (first,) = cli.json("sync")
    assert (first["read"], first["touches"]) == (10, 4)
    assert [(t["date"], t["direction"]) for t in touches(cli, "jane")] == [
        ("2026-11-10", "out"),
        ("2026-11-12", "in"),
    ]
    (again,) = cli.json("sync")
    assert (again["read"], again["touches"]) == (0, 0)
    imap.deliver([message("jane@example.com", "me@example.com", 14, "Thanks", mid="a9")])
    (later,) = cli.json("sync")
    assert (later["read"], later["touches"]) == (1, 1)
    assert cli.json("show", "jane")["last_touch_on"] == "2026-11-14"


def test_a_sync_run_is_one_change_that_undo_takes_back(
    cli: Any, imap: servers.Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several batches in several folders, saved one by one, are still one change."""
    from followthru.remote import imap as imap_client

    setup_people(cli)
    monkeypatch.setattr(imap_client, "BATCH", 2)
    mail = conversation()
    imap.deliver([m for m in mail if "Me" not in m["From"] and m["From"] != "me@example.com"])
    imap.deliver([m for m in mail if "Me" in m["From"] or m["From"] == "me@example.com"], "Sent")
    add_imap(cli, imap)
    jane, omar = cli.json("show", "jane"), cli.json("show", "omar")
    assert cli.json("sync")[0]["touches"] == 4
    assert cli.json("sync")[0]["read"] == 0  # nothing new: no second change
    syncs = [c for c in cli.json("history") if c["kind"] == "sync"]
    assert len(syncs) == 1 and syncs[0]["records"] == 2, syncs
    cli.ok("undo")
    assert (cli.json("show", "jane"), cli.json("show", "omar")) == (jane, omar)
    assert touches(cli, "jane") == [] and cli.json("suggest") == []


@sqlite_only
def test_a_message_in_two_folders_or_a_file_and_a_server_counts_once(
    cli: Any, imap: servers.Dovecot, tmp_path: Path
) -> None:
    setup_people(cli)
    reply = message("jane@example.com", "me@example.com", 12, "Hi", mid="dup")
    imap.deliver([reply])
    imap.deliver([reply], "Sent")
    add_imap(cli, imap)
    (result,) = cli.json("sync")
    assert (result["read"], result["touches"], result["known"]) == (2, 1, 1)
    box = make_mbox(tmp_path / "saved.mbox", [reply])
    assert cli.json("import", str(box))["history"]["known"] == 1
    (only,) = touches(cli, "jane")
    assert "2 times" not in only["text"]


@sqlite_only
def test_a_stranger_who_writes_back_is_suggested_and_added_with_history(
    cli: Any, imap: servers.Dovecot
) -> None:
    setup_people(cli)
    imap.deliver(conversation())
    add_imap(cli, imap)
    cli.json("sync")
    (sam,) = cli.json("suggest")
    assert (sam["ref"], sam["name"], sam["inbound"], sam["outbound"]) == (
        "sam@else.example",
        "Sam Stranger",
        2,
        1,
    )
    cli.ok("suggest", "--add", "sam@else.example")
    assert cli.json("suggest") == []
    assert [t["direction"] for t in touches(cli, "sam")] == ["in", "out", "in"]
    assert cli.json("show", "sam")["met_on"] == "2026-11-06"


@sqlite_only
def test_a_wrong_password_is_one_sentence(cli: Any, imap: servers.Dovecot) -> None:
    setup_people(cli)
    cli.ok(
        "account", "add", "imap", imap.url, "--user", imap.user,
        "--password-command", "printf wrong",
    )  # fmt: skip
    result = cli("sync")
    assert result.exit_code == 1
    assert "refused the user name or password" in result.output
    assert "Traceback" not in result.output


@sqlite_only
def test_an_unreachable_server_is_one_sentence(cli: Any) -> None:
    setup_people(cli)
    port = servers.free_port()
    cli.ok(
        "account", "add", "imap", f"imap://127.0.0.1:{port}", "--user", "u",
        "--password-command", "printf x",
    )  # fmt: skip
    result = cli("sync")
    assert result.exit_code == 1 and "cannot be reached" in result.output


class MemoryKeyring:
    """A keyring backend kept in memory, so tests never touch the user's own keyring."""

    priority = 1

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, user: str, password: str) -> None:
        self.store[service, user] = password

    def get_password(self, service: str, user: str) -> str | None:
        return self.store.get((service, user))

    def delete_password(self, service: str, user: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.store.pop((service, user), None) is None:
            raise PasswordDeleteError(user)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    import keyring
    from keyring.backend import KeyringBackend

    backend = type("Memory", (MemoryKeyring, KeyringBackend), {})()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    yield backend
    keyring.set_keyring(previous)


@sqlite_only
def test_a_typed_password_goes_to_the_keyring_not_the_database(
    cli: Any, imap: servers.Dovecot, memory_keyring: MemoryKeyring, db_url: str
) -> None:
    setup_people(cli)
    imap.deliver(conversation()[:3])
    cli.ok("account", "add", "imap", imap.url, "--user", imap.user, input=servers.PASSWORD + "\n")
    assert list(memory_keyring.store.values()) == [servers.PASSWORD]
    (listed,) = cli.json("account", "list")
    assert listed["password_from"] == "keyring"
    (result,) = cli.json("sync")
    assert result["touches"] == 2
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM accounts")).all()
    engine.dispose()
    assert servers.PASSWORD not in repr(rows)
    cli.ok("account", "remove", listed["name"])
    assert memory_keyring.store == {} and cli.json("account", "list") == []


CALENDAR_EVENT = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:coffee-1
DTSTART:20261115T140000Z
DTEND:20261115T150000Z
SUMMARY:Coffee with Jane
ORGANIZER:mailto:me@example.com
ATTENDEE;CN=Jane;PARTSTAT=ACCEPTED:mailto:jane@example.com
END:VEVENT
END:VCALENDAR
"""


@sqlite_only
def test_calendar_sync_reads_meetings_from_caldav(cli: Any, tmp_path: Path) -> None:
    need(shutil.which("python3") is not None, "python3 is needed to run Radicale")
    setup_people(cli)
    with servers.radicale(tmp_path) as base:
        from caldav.davclient import DAVClient

        with DAVClient(url=base, username="me", password="x") as client:
            calendar = client.principal().make_calendar(name="Work", cal_id="work")
            calendar.save_event(CALENDAR_EVENT)
        cli.ok(
            "account", "add", "calendar", f"{base}/me/work/", "--user", "me",
            "--password-command", "printf x",
        )  # fmt: skip
        (result,) = cli.json("sync")
        assert result["touches"] == 1
        (coffee,) = touches(cli, "jane")
        assert (coffee["via"], coffee["direction"]) == ("meeting", "out")
        (again,) = cli.json("sync")
        assert again["touches"] == 0


@sqlite_only
def test_an_interrupted_sync_resumes_after_the_last_saved_batch(
    ctx: Any, imap: servers.Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followthru.remote import imap as imap_client
    from followthru.services import accounts, sync
    from followthru.settings import Settings

    ctx.settings = Settings({**ctx.settings.values, "user.emails": ["me@example.com"]})
    imap.deliver(
        [message("jane@example.com", "me@example.com", d, "Hi", mid=f"r{d}") for d in range(1, 8)]
    )
    accounts.add(
        ctx, accounts.NewAccount("imap", imap.url, imap.user, None, None, PASSWORD_COMMAND)
    )
    monkeypatch.setattr(imap_client, "BATCH", 3)

    def stop_after_first_batch(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sync.sync(ctx, today=TODAY, progress=stop_after_first_batch)
    (rest,) = sync.sync(ctx, today=TODAY)
    assert rest.report.read == 4  # the first batch of 3 was saved with its cursor
