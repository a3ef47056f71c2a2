"""Two-way CardDAV contacts and CalDAV push against real servers started here: Radicale,
and Xandikos to catch what differs between servers.

Each test has collections of its own on a server shared by the module: a user of its own
on Radicale, address books and calendars of their own names on Xandikos (one user).
"""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from conftest import need
from helpers import servers

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
_users = itertools.count(1)


@dataclass(frozen=True)
class Server:
    kind: str
    base: str
    root: Path

    def collection(self, home: str, kind: str) -> tuple[str, str]:
        """A new address book or calendar of its own (URL, user) under `home`. On Xandikos,
        made as its users make them (`xandikos create-collection`): an empty collection made
        by MKCOL there refuses calendar queries until something is put in it."""
        number = next(_users)
        if self.kind == "radicale":
            url, user = f"{self.base}/user{number}/{home}/", f"user{number}"
            return servers.make_collection(url, kind, user), user
        subprocess.run(
            [sys.executable, "-m", "xandikos", "create-collection", "--type", kind,
             "-d", str(self.root / "dav" / "user" / home), "--name", f"c{number}"],
            check=True, capture_output=True,
        )  # fmt: skip
        return f"{self.base}/user/{home}/c{number}/", servers.XANDIKOS_USER


@pytest.fixture(scope="module", params=["radicale", "xandikos"])
def dav_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    kind = request.param
    need(
        importlib.util.find_spec(kind) is not None, f"{kind} is not installed (pip install {kind})"
    )
    start = servers.radicale if kind == "radicale" else servers.xandikos
    root = tmp_path_factory.mktemp(kind)
    with start(root) as base:
        yield Server(kind, base, root)


@pytest.fixture(scope="module")
def radicale_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need(importlib.util.find_spec("radicale") is not None, "radicale is not installed")
    with servers.radicale(tmp_path_factory.mktemp("radicale")) as base:
        yield base


@dataclass
class Book:
    """An address book of one test's own user, read and written as a phone would."""

    url: str
    user: str

    def put(self, name: str, card: str) -> None:
        answer = requests.put(
            self.url + name, data=card.replace("\n", "\r\n").encode(), auth=(self.user, "x"),
            headers={"Content-Type": "text/vcard"}, timeout=30,
        )  # fmt: skip
        answer.raise_for_status()

    def delete(self, name: str) -> None:
        requests.delete(self.url + name, auth=(self.user, "x"), timeout=30).raise_for_status()

    def cards(self) -> dict[str, str]:
        from followthru.remote import dav

        with dav.Client(self.url, self.user, "x") as client:
            hrefs = list(client.etags(self.url))
            return {
                href.rsplit("/", 1)[1]: text.replace("\r\n ", "").replace("\r\n", "\n")
                for href, _, text in client.fetch(self.url, dav.CONTACTS, hrefs)
            }


@pytest.fixture
def book(dav_server: Server) -> Book:
    return Book(*dav_server.collection("contacts", "addressbook"))


def add_book(cli: Any, book: Book, url: str | None = None) -> None:
    cli.ok(
        "account", "add", "contacts", url or book.url, "--user", book.user,
        "--password-command", "printf x",
    )  # fmt: skip


def moved(cli: Any, *args: str) -> dict[str, Any]:
    (result,) = cli.json("sync", *args)
    found: dict[str, Any] = result["contacts"]
    return found


def assert_nothing_moves(cli: Any) -> None:
    again = moved(cli)
    assert {k: v for k, v in again.items() if k not in ("dry_run", "conflicts")} == dict.fromkeys(
        ("arrived", "updated_here", "deleted_here", "sent", "updated_there", "deleted_there"), 0
    )


ANN = """BEGIN:VCARD
VERSION:3.0
UID:ann-on-the-phone
FN:Ann Lee
N:Lee;Ann;;;
EMAIL:ann@lee.example
TEL;TYPE=CELL:+44 7700 900123
CATEGORIES:climbing
X-PHONETIC-FIRST-NAME:An
PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo=
END:VCARD
"""


@sqlite_only
def test_cards_made_on_the_phone_arrive_and_a_second_sync_moves_nothing(
    cli: Any, book: Book
) -> None:
    book.put("ann.vcf", ANN)
    add_book(cli, book)
    first = moved(cli)
    assert (first["arrived"], first["sent"]) == (1, 0)
    ann = cli.json("show", "Ann Lee")
    assert ann["emails"] == ["ann@lee.example"]
    assert "climbing" in ann["tags"]
    assert_nothing_moves(cli)


@sqlite_only
def test_local_contacts_and_edits_leave_and_unknown_properties_survive(
    cli: Any, book: Book, tmp_path: Path
) -> None:
    book.put("ann.vcf", ANN)
    cli.ok("add", "Omar Haddad", "--email", "omar@haddad.example")
    cli.ok("pile", "Omar Haddad", "target")
    zoe = tmp_path / "zoe.vcf"  # a UID no file name on the server can hold as it is
    zoe.write_text("BEGIN:VCARD\nVERSION:3.0\nUID:zoë@phone/1\nFN:Zoë Ó\nEND:VCARD\n")
    cli.ok("import", str(zoe))
    add_book(cli, book)
    first = moved(cli)
    assert (first["arrived"], first["sent"]) == (1, 2)
    assert_nothing_moves(cli)
    cli.ok("edit", "Ann Lee", "--company", "Lee & Partners")
    assert moved(cli)["updated_there"] == 1
    cards = book.cards()
    ann = cards["ann.vcf"]
    assert "ORG:Lee & Partners" in ann
    assert "X-PHONETIC-FIRST-NAME:An" in ann and "PHOTO" in ann and "UID:ann-on-the-phone" in ann
    (omar,) = [c for c in cards.values() if "Omar" in c]
    assert any("UID:zoë@phone/1" in c for c in cards.values())
    assert "EMAIL:omar@haddad.example" in omar and "CATEGORIES:followthru:target" in omar


@sqlite_only
def test_a_pile_set_on_the_phone_as_a_category_arrives_as_the_pile(cli: Any, book: Book) -> None:
    book.put("ann.vcf", ANN)
    add_book(cli, book)
    moved(cli)
    book.put(
        "ann.vcf", ANN.replace("CATEGORIES:climbing", "CATEGORIES:climbing,followthru:connector")
    )
    assert moved(cli)["updated_here"] == 1
    ann = cli.json("show", "Ann Lee")
    assert (ann["pile"], ann["tags"]) == ("connector", ["climbing"])
    book.put(
        "bo.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nUID:bo\nFN:Bo Chen\nCATEGORIES:followthru:target\nEND:VCARD\n",
    )
    assert moved(cli)["arrived"] == 1
    assert (cli.json("show", "Bo Chen")["pile"], cli.json("show", "Bo Chen")["tags"]) == (
        "target",
        [],
    )


def test_a_change_and_a_deletion_on_the_phone_arrive_and_can_be_undone(
    cli: Any, book: Book
) -> None:
    book.put("ann.vcf", ANN)
    book.put("bo.vcf", "BEGIN:VCARD\nVERSION:3.0\nUID:bo\nFN:Bo Chen\nN:Chen;Bo;;;\nEND:VCARD\n")
    add_book(cli, book)
    moved(cli)
    book.put(
        "ann.vcf", ANN.replace("TEL;TYPE=CELL:+44 7700 900123", "TEL;TYPE=CELL:+44 7700 900999")
    )
    book.delete("bo.vcf")
    result = moved(cli)
    assert (result["updated_here"], result["deleted_here"]) == (1, 1)
    assert cli.json("show", "Ann Lee")["phones"] == ["+44 7700 900999"]
    assert cli("show", "Bo Chen").exit_code == 2
    cli.ok("undo")
    assert cli.json("show", "Bo Chen")["name"] == "Bo Chen"


@sqlite_only
def test_disjoint_changes_on_both_sides_merge_and_a_clash_keeps_both_values(
    cli: Any, book: Book
) -> None:
    book.put("ann.vcf", ANN)
    add_book(cli, book)
    moved(cli)
    cli.ok("edit", "Ann Lee", "--title", "CTO", "--company", "Mine Ltd")
    book.put(
        "ann.vcf",
        ANN.replace("END:VCARD", "ORG:Theirs Inc\nNOTE:x\nEND:VCARD").replace(
            "TEL;TYPE=CELL:+44 7700 900123", "TEL;TYPE=CELL:+44 7700 900999"
        ),
    )
    result = moved(cli)
    assert result["conflicts"] == ["Ann Lee: company"]
    ann = cli.json("show", "Ann Lee")
    assert (ann["company"], ann["title"], ann["phones"]) == ("Mine Ltd", "CTO", ["+44 7700 900999"])
    assert result["updated_there"] == 1  # the merge went back: every PUT is counted
    card = book.cards()["ann.vcf"]
    assert "ORG:Mine Ltd" in card and "TITLE:CTO" in card
    assert "TEL;TYPE=CELL:+44 7700 900999" in card
    assert "CONFLICT" not in card  # the marker stays here
    assert "X-FOLLOWTHRU-CONFLICT-COMPANY:Theirs Inc" in cli("show", "Ann Lee").output
    assert moved(cli)["updated_here"] + moved(cli)["updated_there"] == 0
    book.put("ann.vcf", card.replace("TITLE:CTO", "TITLE:CEO"))
    later = book.cards()["ann.vcf"]
    assert (moved(cli)["updated_there"], book.cards()["ann.vcf"]) == (0, later)


@sqlite_only
def test_a_card_changed_on_the_server_only_is_not_written_back_and_keeps_its_types(
    cli: Any, book: Book
) -> None:
    mine = ANN.replace("EMAIL:", "EMAIL;TYPE=WORK,PREF:")
    book.put("ann.vcf", mine.replace("END:VCARD", "TEL;TYPE=WORK:+44 20 7946 0000\nEND:VCARD"))
    add_book(cli, book)
    moved(cli)
    theirs = mine.replace("END:VCARD", "TITLE:Guide\nTEL;TYPE=WORK:+44 20 7946 0000\nEND:VCARD")
    book.put("ann.vcf", theirs)
    before = book.cards()["ann.vcf"]
    result = moved(cli)
    assert (result["updated_here"], result["updated_there"]) == (1, 0)
    assert book.cards()["ann.vcf"] == before
    assert cli.json("show", "Ann Lee")["title"] == "Guide"
    cli.ok("edit", "Ann Lee", "--company", "Lee & Partners")
    assert moved(cli)["updated_there"] == 1
    card = book.cards()["ann.vcf"]
    assert "ORG:Lee & Partners" in card and "TITLE:Guide" in card
    assert "TEL;TYPE=CELL:+44 7700 900123" in card and "TEL;TYPE=WORK:+44 20 7946 0000" in card
    assert "EMAIL;TYPE=WORK,PREF:ann@lee.example" in card
    assert_nothing_moves(cli)


@sqlite_only
def test_an_emptied_server_is_refused_with_a_sentence_unless_forced(cli: Any, book: Book) -> None:
    book.put("ann.vcf", ANN)
    add_book(cli, book)
    moved(cli)
    book.delete("ann.vcf")
    refused = cli("sync")
    assert refused.exit_code == 1
    assert "is empty" in refused.output and "--force-delete" in refused.output
    assert "Traceback" not in refused.output
    assert cli.json("show", "Ann Lee")["name"] == "Ann Lee"
    assert moved(cli, "--dry-run", "--force-delete")["deleted_here"] == 1
    assert cli.json("show", "Ann Lee")["name"] == "Ann Lee"
    assert moved(cli, "--force-delete")["deleted_here"] == 1
    assert cli("show", "Ann Lee").exit_code == 2


@sqlite_only
def test_a_server_root_is_enough_and_groups_are_left_alone(cli: Any, radicale_base: str) -> None:
    group = "BEGIN:VCARD\nVERSION:4.0\nUID:g1\nKIND:group\nFN:Climbers\nMEMBER:urn:uuid:ann-on-the-phone\nEND:VCARD\n"
    user = f"user{next(_users)}"
    book = Book(servers.make_collection(f"{radicale_base}/{user}/book/", "addressbook", user), user)
    book.put("ann.vcf", ANN)
    book.put("group.vcf", group)
    add_book(cli, book, url=f"{radicale_base}/")
    (account,) = cli.json("account", "list")
    assert account["url"] == book.url
    assert moved(cli)["arrived"] == 1
    assert moved(cli)["arrived"] == 0
    assert "MEMBER:urn:uuid:ann-on-the-phone" in book.cards()["group.vcf"]


@sqlite_only
def test_an_unreachable_server_is_one_sentence(cli: Any) -> None:
    port = servers.free_port()
    cli.ok("config", "set", "user.emails", "me@example.com")
    cli.ok(
        "account", "add", "calendar", f"http://127.0.0.1:{port}/x/", "--user", "me",
        "--password-command", "printf x",
    )  # fmt: skip
    failed = cli("sync")
    assert failed.exit_code == 1
    assert "could not be reached" in failed.output and "Traceback" not in failed.output


@pytest.fixture
def calendar(dav_server: Server) -> tuple[str, str]:
    return dav_server.collection("calendars", "calendar")


def calendar_items(url: str, user: str) -> dict[str, str]:
    from followthru.remote import dav

    with dav.Client(url, user, "x") as client:
        hrefs = list(client.etags(url))
        return {h: t for h, _, t in client.fetch(url, dav.CALENDAR, hrefs)}


def jane_with_a_promise(cli: Any) -> dict[str, Any]:
    """A contact with an open promise due 2026-12-10 (and the user's address set)."""
    cli.ok("config", "set", "user.emails", "me@example.com")
    cli.ok("add", "Jane Doe", "--email", "jane@example.com")
    promise: dict[str, Any] = cli.json(
        "promise", "add", "Jane Doe", "send the deck", "--due", "2026-12-10"
    )
    return promise


@sqlite_only
def test_a_promise_appears_once_however_often_sync_runs_and_completes_when_kept(
    cli: Any, calendar: tuple[str, str]
) -> None:
    url, user = calendar
    promise = jane_with_a_promise(cli)
    requests.put(
        url + "mine.ics", auth=(user, "x"), timeout=30,
        data=b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:me\r\nBEGIN:VTODO\r\nUID:mine\r\n"
        b"DTSTAMP:20261201T000000Z\r\nSUMMARY:My own\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
    ).raise_for_status()  # fmt: skip
    cli.ok("account", "add", "calendar", url, "--user", user, "--password-command", "printf x")
    assert cli.json("sync")[0]["pushed"]["created"] == 1
    for _ in range(2):
        assert cli.json("sync")[0]["pushed"]["created"] == 0
    items = calendar_items(url, user)
    ours = [t for t in items.values() if "followthru-promise-" in t]
    assert len(ours) == 1 and "BEGIN:VTODO" in ours[0] and "DUE;VALUE=DATE:20261210" in ours[0]
    cli.ok("promise", "done", str(promise["id"]))
    assert cli.json("sync")[0]["pushed"]["closed"] == 1
    (ours,) = [t for t in calendar_items(url, user).values() if "followthru-promise-" in t]
    assert "STATUS:COMPLETED" in ours
    mine = [t for t in calendar_items(url, user).values() if "UID:mine" in t]
    assert mine and "STATUS" not in mine[0]


@sqlite_only
def test_a_kept_promise_can_leave_the_calendar_instead(cli: Any, calendar: tuple[str, str]) -> None:
    url, user = calendar
    cli.ok("config", "set", "user.emails", "me@example.com")
    cli.ok("config", "set", "calendar.closed_promises", "remove")
    cli.ok("add", "Jane Doe", "--email", "jane@example.com")
    promise = cli.json("promise", "add", "Jane Doe", "send the deck", "--due", "2026-12-10")
    cli.ok("account", "add", "calendar", url, "--user", user, "--password-command", "printf x")
    cli.ok("sync")
    assert len(calendar_items(url, user)) == 1
    cli.ok("promise", "drop", str(promise["id"]), "--why", "they hired someone")
    assert cli.json("sync")[0]["pushed"]["closed"] == 1
    assert calendar_items(url, user) == {}


@sqlite_only
def test_a_calendar_without_todos_gets_events_with_an_alarm(cli: Any, radicale_base: str) -> None:
    user = f"user{next(_users)}"
    url = servers.make_collection(
        f"{radicale_base}/{user}/events/", "calendar", user, components="VEVENT"
    )
    jane_with_a_promise(cli)
    cli.ok("account", "add", "calendar", url, "--user", user, "--password-command", "printf x")
    assert cli.json("sync")[0]["pushed"]["created"] == 1
    (ours,) = calendar_items(url, user).values()
    assert "BEGIN:VEVENT" in ours and "BEGIN:VALARM" in ours and "VTODO" not in ours


@sqlite_only
def test_a_booked_session_is_one_event_moved_in_place_when_rebooked(
    cli: Any, calendar: tuple[str, str]
) -> None:
    url, user = calendar
    cli.ok("config", "set", "user.emails", "me@example.com")
    cli.ok("event", "add", "PyData London", "--date", "2026-11-18")
    cli.ok("add", "Tara Target", "--event", "PyData London", "--pile", "target")
    cli.ok("session", "PyData London", "--at", "2026-12-11 14:00")
    cli.ok("account", "add", "calendar", url, "--user", user, "--password-command", "printf x")
    assert cli.json("sync")[0]["pushed"]["created"] == 1
    cli.ok("session", "PyData London", "--at", "2026-12-14 10:00")
    assert cli.json("sync")[0]["pushed"]["updated"] == 1
    (event,) = calendar_items(url, user).values()
    assert "UID:followthru-session-" in event and "DTSTART:20261214T" in event


@sqlite_only
def test_arriving_cards_follow_the_identity_rules(cli: Any, book: Book) -> None:
    cli.ok("add", "Jane Doe", "--email", "jane@doe.example", "--phone", "+44 20 7946 0018")
    book.put(
        "jane.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nUID:j\nFN:Jane Doe\nEMAIL:jane@doe.example\nTITLE:CFO\nEND:VCARD\n",
    )
    book.put(
        "sam.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nUID:s\nFN:Sam Roe\nTEL;TYPE=WORK:+44 20 7946 0018\nEND:VCARD\n",
    )
    add_book(cli, book)
    result = moved(cli)
    assert (result["arrived"], result["sent"]) == (2, 0)  # Jane joined, not sent back twice
    people = sorted(p["name"] for p in cli.json("list"))
    assert people == ["Jane Doe", "Sam Roe"]  # a shared office line merges nobody
    assert cli.json("show", "Jane Doe")["title"] == "CFO"
    assert sorted(book.cards()) == ["jane.vcf", "sam.vcf"]
    assert_nothing_moves(cli)


def book_and_calendar(radicale_base: str) -> tuple[Book, str]:
    """An address book and a calendar of one new user on Radicale."""
    user = f"user{next(_users)}"
    book = Book(servers.make_collection(f"{radicale_base}/{user}/book/", "addressbook", user), user)
    return book, servers.make_collection(f"{radicale_base}/{user}/cal/", "calendar", user)


@sqlite_only
def test_contacts_and_calendar_of_one_user_need_no_names_nor_addresses(
    cli: Any, radicale_base: str
) -> None:
    """The guide's steps: both accounts of one user on one host, no `user.emails` set."""
    from datetime import UTC, datetime

    book, cal = book_and_calendar(radicale_base)
    user = book.user
    add_book(cli, book)
    cli.ok("account", "add", "calendar", cal, "--user", user, "--password-command", "printf x")
    assert len({a["name"] for a in cli.json("account", "list")}) == 2
    cli.ok("add", "Jane Doe", "--email", "jane@example.com")
    cli.ok("promise", "add", "Jane Doe", "send the deck", "--due", "2026-12-10")
    before = datetime.now(UTC).replace(microsecond=0)
    done = cli.ok("sync")
    after = datetime.now(UTC)
    said = " ".join(done.output.split())  # the lines wrap at the terminal's width
    assert "meetings not read" in said and "config set user.emails" in said
    assert "new touches" not in said  # no meetings were read: no count of them
    (item,) = calendar_items(cal, user).values()
    stamp = next(x for x in item.splitlines() if x.startswith("DTSTAMP:"))
    pushed = datetime.strptime(stamp, "DTSTAMP:%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= pushed <= after


@sqlite_only
def test_a_taken_account_name_is_a_sentence_with_a_hint(cli: Any, book: Book) -> None:
    add_book(cli, book)
    taken = cli(
        "account", "add", "contacts", book.url, "--user", book.user,
        "--password-command", "printf x",
    )  # fmt: skip
    assert taken.exit_code == 2
    assert "--name" in taken.output and "accounts.name" not in taken.output


@sqlite_only
def test_one_failing_account_leaves_the_others_to_sync_then_exits_1(
    cli: Any, radicale_base: str
) -> None:
    book, cal = book_and_calendar(radicale_base)
    user = book.user
    book.put("ann.vcf", ANN)
    add_book(cli, book)
    moved(cli)
    book.delete("ann.vcf")
    jane_with_a_promise(cli)
    cli.ok("account", "add", "calendar", cal, "--user", user, "--password-command", "printf x")
    failed = cli("sync")
    said = " ".join(failed.output.split())
    assert failed.exit_code == 1 and "Traceback" not in said
    assert f"{user}@127.0.0.1 contacts did not sync" in said
    assert "is empty" in said and "1 added" in said
    assert len(calendar_items(cal, user)) == 1
