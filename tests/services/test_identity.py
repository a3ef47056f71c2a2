"""Identity and data safety: different people are never merged, and every change can be
undone (SQLite and PostgreSQL)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHARED
from followthru.domain.identity import (
    Shared,
    is_desk_label,
    is_profile,
    is_role_address,
    same_names,
)

# Two companies; colleagues share the switchboard, a role inbox and the company website.
COLLEAGUES_VCF = "".join(
    "BEGIN:VCARD\r\nVERSION:3.0\r\n"
    f"FN:{name}\r\nORG:{org}\r\nEMAIL;TYPE=work:{inbox}\r\nTEL;TYPE=work:{phone}\r\n"
    f"URL:{site}\r\nADR;TYPE=work:;;1 Main Street;Springfield;;12345;USA\r\nEND:VCARD\r\n"
    for name, org, inbox, phone, site in [
        ("Maren Holt", "Acme", "info@acme.example", "+1 416 555 0100", "https://www.acme.example"),
        ("Tomas Berg", "Acme", "info@acme.example", "+1 416 555 0100", "https://www.acme.example"),
        ("Ines Vidal", "Acme", "info@acme.example", "+1 416 555 0100", "http://acme.example/"),
        ("Kofi Mensah", "Globex", "team@globex.example", "+1 416 555 0199", "globex.example"),
        ("Lea Roth", "Globex", "team@globex.example", "+1 416 555 0199", "globex.example"),
    ]
)
# Two people of one company who even share one ordinary-looking address.
SHARED_ADDRESS_VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:office.berlin@initech.example\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Kim\r\nEMAIL:office.berlin@initech.example\r\n"
    "END:VCARD\r\n"
)
JULIA_VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Julia Jensen\r\nN:Jensen;Julia;;;\r\n"
    "EMAIL:julia.jensen@gmail.com\r\nTEL;TYPE=cell:+1 416 555 0123\r\nEND:VCARD\r\n"
)
JULIA_CSV = "Name,E-mail Address,Company\nJúlia M. Jensen,Julia.Jensen@gmail.com,Fabrikam\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def names(cli: Any) -> list[str]:
    return sorted(p["name"] for p in cli.json("list"))


# -- the pure rules --------------------------------------------------------------------------


def test_role_addresses_and_profiles() -> None:
    assert is_role_address("info@acme.example") and is_role_address("No-Reply@x.example")
    assert is_role_address("sales+eu@x.example") and is_role_address("front.desk@x.example")
    assert not is_role_address("julia.jensen@gmail.com")
    assert is_profile("linkedin.com/in/julia") and is_profile("github.com/julia")
    assert not is_profile("acme.example") and not is_profile("linkedin.com")
    assert not is_profile("acme.example/team/julia")


def test_names_that_can_be_one_person() -> None:
    assert same_names("Julia Jensen", "Júlia M. Jensen")
    assert same_names("Bob Smith", "Robert Smith") and same_names("Jensen Julia", "julia jensen")
    assert same_names("Julia Jensen", None) and same_names("J. Jensen", "Julia Jensen")
    assert not same_names("Maren Holt", "Tomas Berg")
    assert not same_names("Julia Jensen", "Peter Jensen")


@given(st.text(max_size=30), st.text(max_size=30))
def test_same_names_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert same_names(a, a)
    assert same_names(a, b) == same_names(b, a)


def test_keys_shared_by_different_names_are_not_personal() -> None:
    shared = Shared.among(
        [("Ann Lee", ["e:x@y", "p:+1"]), ("Bob Kim", ["e:x@y"]), ("Ann M. Lee", ["p:+1"])]
    )
    assert shared.keys == {"e:x@y"}


def test_work_main_and_switchboard_labels_are_desk_lines() -> None:
    for label in ("WORK", "work,VOICE", "Main", "Switchboard", "Business Phone 2", "_$!<Work>!$_"):
        assert is_desk_label(label), label
    assert is_desk_label("Company Main Phone")
    for label in ("CELL", "WORK,CELL", "Mobile Phone", "home", "", "iPhone"):
        assert not is_desk_label(label), label


# -- imports ---------------------------------------------------------------------------------


def test_colleagues_sharing_switchboard_inbox_and_website_stay_apart(
    cli: Any, tmp_path: Path
) -> None:
    report = cli.json("import", str(write(tmp_path, "team.vcf", COLLEAGUES_VCF)))
    assert (report["created"], report["merged"], report["merges"]) == (5, 0, [])
    assert names(cli) == ["Ines Vidal", "Kofi Mensah", "Lea Roth", "Maren Holt", "Tomas Berg"]
    shared = cli.json("import", str(write(tmp_path, "office.vcf", SHARED_ADDRESS_VCF)))
    assert shared["created"] == 2
    # A third colleague added by hand with the switchboard: a person, and a word about it.
    added = cli.json("add", "Nils Aas", "--phone", "+1 416 555 0100")
    assert len(added["also"]) == 3
    # What they share is a question for `dupes`, with the reason, never a merge.
    pairs = cli.json("dupes", "--min", "0")
    together = {frozenset((p["a"]["name"], p["b"]["name"])) for p in pairs}
    assert frozenset(("Maren Holt", "Tomas Berg")) in together
    assert all(p["reason"] for p in pairs)


def test_personal_email_under_two_spellings_is_one_person(cli: Any, tmp_path: Path) -> None:
    cli.ok("import", str(write(tmp_path, "phone.vcf", JULIA_VCF)))
    csv = write(tmp_path, "outlook.csv", JULIA_CSV)
    dry = cli.json("import", "--dry-run", str(csv))
    expected = {
        "file": str(csv),
        "line": 2,
        "name": "Júlia M. Jensen",
        "into": "Julia Jensen",
        "into_id": 1,
        "key": "same e-mail julia.jensen@gmail.com",
    }
    assert dry["merges"] == [expected] and dry["change"] is None
    assert cli.json("show", "#1")["company"] is None  # nothing written
    result = cli.ok("import", str(csv))
    assert "Júlia M. Jensen merged into #1 Julia Jensen: same e-mail" in " ".join(
        result.output.split()
    )
    assert names(cli) == ["Julia Jensen"]
    assert cli.json("show", "#1")["company"] == "Fabrikam"


def test_a_shared_personal_address_under_different_names_does_not_merge(
    cli: Any, tmp_path: Path
) -> None:
    cli.ok("import", str(write(tmp_path, "phone.vcf", JULIA_VCF)))
    other = "Name,E-mail Address\nPeter Olsen,julia.jensen@gmail.com\n"
    report = cli.json("import", str(write(tmp_path, "other.csv", other)))
    assert (report["created"], report["merges"]) == (1, [])


def test_outlook_export_with_a_shared_web_page_keeps_everyone(cli: Any) -> None:
    path = SHARED / "fixtures" / "csv" / "synthetic__outlook_contacts.csv"
    report = cli.json("import", str(path))
    assert report["merged"] == 0 and report["merges"] == []
    assert len(cli.json("list")) == report["created"] == 15


# -- history and undo ------------------------------------------------------------------------


def state(ctx: Any) -> dict[str, Any]:
    """Every table but the journal's own, as a JSON backup writes it."""
    from followthru.services.transfer import backup

    tables = backup(ctx)["tables"]
    for journal in ("changes", "change_people"):
        tables.pop(journal)
    return dict(tables)


def test_undo_of_an_import_restores_the_exact_previous_state(
    cli: Any, ctx: Any, tmp_path: Path
) -> None:
    cli.ok("import", str(write(tmp_path, "phone.vcf", JULIA_VCF)))
    cli.ok("log", "julia", "--on", "2026-11-18", "coffee")
    before = state(ctx)
    report = cli.json(
        "import", "--event", "Brand New Conf", str(write(tmp_path, "outlook.csv", JULIA_CSV))
    )
    report = cli.json("import", str(write(tmp_path, "team.vcf", COLLEAGUES_VCF)))
    assert report["created"] == 5
    history = cli.json("history")
    assert [c["kind"] for c in history[:4]] == ["import", "import", "log", "import"]
    assert history[0]["records"] == 5
    refused = cli("undo", str(history[1]["id"]))  # the team import came later: still fine
    assert refused.exit_code == 0, refused.output
    cli.ok("undo")
    assert state(ctx) == before
    assert len(cli.json("list")) == 1
    assert [c["undone"] for c in cli.json("history")[:3]] == [True, True, False]
    again = cli("undo", str(history[0]["id"]))
    assert again.exit_code == 2 and "already undone" in again.output


def test_undo_refuses_while_a_later_change_depends(cli: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", email="jane@example.com")
    cli.ok("edit", "jane", "--title", "CTO")
    first = cli.json("history")[-1]["id"]
    result = cli("undo", str(first))
    assert result.exit_code == 2
    assert "came later and changed the same people" in " ".join(result.output.split())
    cli.ok("undo")
    cli.ok("undo", str(first))
    assert cli.json("list") == []


def test_every_kind_of_change_is_undone(cli: Any, ctx: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", email="jane@example.com")
    add_contact("Sam Lee")
    before = state(ctx)
    steps = [
        ("pile", "jane", "target"),
        ("edit", "jane", "--company", "Contoso", "--add-email", "j@contoso.example"),
        ("tag", "jane", "+investor"),
        ("log", "jane", "--kind", "connect", "--with", "sam", "intro"),
        ("note", "jane", "Let's do lunch next week."),
        ("promise", "sam", "send the deck"),
        ("promise", "done", "1"),
        ("archive", "sam"),
        ("merge", "jane", "sam", "--yes"),
        ("delete", "jane", "--yes"),
    ]
    for step in steps:
        cli.ok(*step)
    assert cli.json("list") == []
    for _ in steps:
        cli.ok("undo")
    assert state(ctx) == before
    assert len(cli.json("history")) == len(steps) + 2


def test_history_text_and_nothing_to_undo(cli: Any) -> None:
    assert "Nothing changed yet" in cli.ok("history").output
    result = cli("undo")
    assert result.exit_code == 2 and "nothing to undo" in result.output
    assert cli("history", "--limit", "0").exit_code == 2


# -- imports do not hold the write lock while they match -------------------------------------


@pytest.mark.slow
def test_a_write_from_elsewhere_succeeds_during_a_large_import(ctx: Any, db_url: str) -> None:
    """While the import matches (here: half-way through its records) another connection
    logs a touch and adds a person. With the write lock held that write would wait and fail
    on SQLite; it succeeds, and the import, matching again inside its lock, merges its record
    of the person added meanwhile instead of making a second one."""
    from datetime import date

    from followthru.formats.records import ContactRecord
    from followthru.services import contacts, touches
    from followthru.services.importer import ImportOptions, import_records
    from followthru.services.runtime import Context
    from followthru.store.database import open_database

    today = date(2026, 11, 20)
    other = Context(ctx.settings, open_database(db_url))
    try:
        contacts.add(other, contacts.NewContact(name="Jane Doe"), today=today)
        records = [
            ("big.csv", "csv", ContactRecord(line=i + 2, name=f"Person {i}", emails=[f"p{i}@x.io"]))
            for i in range(2000)
        ]
        records.append(
            ("big.csv", "csv", ContactRecord(line=9999, name="Zoe Park", emails=["zoe@park.io"]))
        )
        wrote: list[str] = []

        def meanwhile(done: int, total: int) -> None:
            if done == total // 2 and not wrote:
                touches.log(
                    other, "jane", via="email", kind="checkin", summary="hi", on=today, today=today
                )
                contacts.add(
                    other, contacts.NewContact(name="Zoe Park", emails=["zoe@park.io"]), today=today
                )
                wrote.append("done")

        report = import_records(ctx, records, ImportOptions(), today=today, progress=meanwhile)
    finally:
        other.db.dispose()
    assert wrote == ["done"]
    assert (report.created, len(report.merges)) == (2000, 1)
    assert report.merges[0].key == "same e-mail zoe@park.io"
    from followthru.services.contacts import ListQuery, listing

    everyone = listing(ctx, ListQuery(), today=today)
    assert len(everyone) == 2002
    assert [p.last_touch_on for p in everyone if p.name == "Jane Doe"] == [today]


@given(st.sets(st.integers(1, 300)))
def test_runs_cover_exactly_the_ids_in_separate_stretches(ids: set[int]) -> None:
    from followthru.store.journal import runs

    found = runs(ids)
    assert {i for first, last in found for i in range(first, last + 1)} == ids
    assert all(first <= last for first, last in found)
    assert all(a[1] + 1 < b[0] for a, b in pairwise(found))


@pytest.mark.slow
def test_an_import_killed_in_its_write_leaves_the_database_as_it_was(
    tmp_path: Path, config_file: Path, sqlite_template: Path
) -> None:
    """`kill -9` the moment the import takes the write lock (seen from outside: a writer
    that may not wait is refused): the file is sound, and once opened again (which rolls
    back an import its dead process left pending) it holds everyone or no one."""
    import shutil
    import signal
    import sqlite3
    import subprocess
    import sys

    from followthru.settings import sqlite_url
    from followthru.store.database import open_database

    db = tmp_path / "killed.db"
    shutil.copy(sqlite_template, db)
    rows = "".join(f"Person {i},p{i}@example.com\n" for i in range(3000))
    csv = write(tmp_path, "big.csv", "Name,E-mail Address\n" + rows)
    command = [sys.executable, "-m", "followthru", "--db", str(db), "import", str(csv)]
    importer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        while importer.poll() is None:  # ends when the import does, at the latest
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:  # the import holds the lock: kill it now
                importer.send_signal(signal.SIGKILL)
                break
        importer.wait()
        assert probe.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        open_database(sqlite_url(db)).dispose()  # recovers a pending import
        people = probe.execute("SELECT count(*) FROM contacts").fetchone()[0]
        journaled = probe.execute("SELECT count(*) FROM changes").fetchone()[0]
    finally:
        probe.close()
    assert (people, journaled) in ((0, 0), (3000, 1)), importer.returncode


# Three colleagues whose names could be one person's, sharing the office's work line.
SWITCHBOARD_VCF = "".join(
    "BEGIN:VCARD\r\nVERSION:3.0\r\n"
    f"FN:{name}\r\nEMAIL:{email}\r\n{tel}:+1 416 555 0100\r\nEND:VCARD\r\n"
    for name, email, tel in [
        ("Jon Smith", "jon@smith.example", "TEL;TYPE=WORK,VOICE"),
        ("Jan Smith", "jan@smith.example", "TEL;TYPE=WORK"),
        ("Joan Smith", "joan@smith.example", "item1.TEL\r\nitem1.X-ABLabel:Switchboard"),
    ]
)
SWITCHBOARD_CSV = (
    "First Name,Last Name,E-mail Address,Business Phone,Company Main Phone,Mobile Phone\n"
    "Jon,Smith,jon@smith.example,+1 416 555 0100,,\n"
    "Jan,Smith,jan@smith.example,,+1 416 555 0100,\n"
    "Joan,Smith,joan@smith.example,,,+1 416 555 0177\n"
)


def test_a_shared_work_line_never_merges_people_on_its_own(cli: Any, tmp_path: Path) -> None:
    report = cli.json("import", str(write(tmp_path, "team.vcf", SWITCHBOARD_VCF)))
    assert (report["created"], report["merged"]) == (3, 0)
    assert names(cli) == ["Jan Smith", "Joan Smith", "Jon Smith"]


def test_business_and_company_main_phones_in_csv_are_desk_lines(cli: Any, tmp_path: Path) -> None:
    report = cli.json("import", str(write(tmp_path, "outlook.csv", SWITCHBOARD_CSV)))
    assert (report["created"], report["merged"]) == (3, 0)
    # Joan's own mobile is hers: the same card again with it finds her.
    again = "First Name,Last Name,Mobile Phone,Job Title\nJoan,Smith,+1 416 555 0177,CTO\n"
    report = cli.json("import", str(write(tmp_path, "again.csv", again)))
    assert report["created"] == 0
    assert names(cli) == ["Jan Smith", "Joan Smith", "Jon Smith"]
