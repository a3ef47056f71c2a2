"""`import` and `export` end to end (on SQLite)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED, need

JANE_VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\nORG:Contoso\r\n"
    "TITLE:CTO\r\nEMAIL;TYPE=work:Jane.Doe@Example.com\r\nTEL;TYPE=cell:+1 519 555 0101\r\n"
    "URL:https://www.linkedin.com/in/jane-doe-42/\r\nNOTE:Met at the bar. Let's do lunch "
    "next week.\r\nCATEGORIES:investor,friends\r\nX-SPOUSE:Sam\r\nBDAY:1980-03-22\r\n"
    "UID:jane-1\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Omar Haddad\r\nEMAIL:omar@example.org\r\nEND:VCARD\r\n"
)
LINKEDIN_CSV = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Jane,Doe,https://uk.linkedin.com/in/jane-doe-42,,Contoso Ltd,Chief Technology Officer,"
    "12 Nov 2024\n"
    "Priya,Natarajan,https://www.linkedin.com/in/priya-n,priya@example.net,Fabrikam,"
    "Head of Data,03 Feb 2025\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def people(cli: Any) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in cli.json("list")}


def test_vcard_import_creates_people_with_every_field(cli: Any, tmp_path: Path) -> None:
    report = cli.json("import", str(write(tmp_path, "a.vcf", JANE_VCF)))
    assert (report["created"], report["updated"], report["skipped"]) == (2, 0, [])
    jane = cli.json("show", "jane")
    assert jane["company"] == "Contoso" and jane["title"] == "CTO"
    assert jane["emails"] == ["Jane.Doe@example.com"]
    assert jane["phones"] == ["+15195550101"]
    assert set(jane["tags"]) == {"investor", "friends"}
    assert any("lunch" in e["text"] for e in jane["timeline"] if e["kind"] == "note")
    assert cli.json("promises") == []  # notes are kept; promises only with --detect-promises


def test_reimporting_the_same_file_changes_nothing(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, "a.vcf", JANE_VCF)
    cli.json("import", str(path))
    again = cli.json("import", str(path))
    assert (again["created"], again["updated"], again["merged"], again["unchanged"]) == (
        0,
        0,
        0,
        2,
    )
    assert len(cli.json("list")) == 2


def test_the_same_person_from_linkedin_and_a_phone_is_one_contact(cli: Any, tmp_path: Path) -> None:
    cli.json("import", str(write(tmp_path, "phone.vcf", JANE_VCF)))
    report = cli.json("import", str(write(tmp_path, "Connections.csv", LINKEDIN_CSV)))
    assert report["formats"][str(tmp_path / "Connections.csv")] == "linkedin"
    assert (report["created"], report["updated"]) == (1, 1)  # Priya new, Jane matched by URL
    everyone = people(cli)
    assert sorted(everyone) == ["Jane Doe", "Omar Haddad", "Priya Natarajan"]
    assert everyone["Jane Doe"]["company"] == "Contoso"  # kept, not overwritten
    assert everyone["Priya Natarajan"]["met_on"] == "2025-02-03"  # Connected On


def test_records_of_one_import_merge(cli: Any, tmp_path: Path) -> None:
    files = [write(tmp_path, "phone.vcf", JANE_VCF), write(tmp_path, "li.csv", LINKEDIN_CSV)]
    report = cli.json("import", *map(str, files))
    assert (report["created"], report["merged"]) == (3, 1)
    assert len(cli.json("list")) == 3


def test_event_pile_and_tag_options(cli: Any, tmp_path: Path) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    path = write(tmp_path, "li.csv", LINKEDIN_CSV)
    cli.json("import", str(path), "--event", "pydata", "--pile", "general", "--tag", "Badge Scan")
    shown = cli.json("event", "show", "pydata")
    assert shown["people"] == 2 and len(shown["people_met"]) == 2
    for person in cli.json("list"):
        assert person["pile"] == "general" and "badge-scan" in person["tags"]


def test_detect_promises_in_imported_notes(cli: Any, tmp_path: Path) -> None:
    report = cli.json("import", str(write(tmp_path, "a.vcf", JANE_VCF)), "--detect-promises")
    assert report["promises"] == 1
    [promise] = cli.json("promises")
    assert (promise["owner"], promise["what"]) == ("both", "lunch")


def test_dry_run_writes_nothing(cli: Any, tmp_path: Path) -> None:
    report = cli.json("import", str(write(tmp_path, "a.vcf", JANE_VCF)), "--dry-run")
    assert report["created"] == 2 and report["dry_run"] is True
    assert cli.json("list") == []


@pytest.mark.parametrize(
    ("name", "content", "args", "words"),
    [
        ("empty.vcf", "", (), "empty"),
        ("blob.csv", "\x00\x01\x02\x03binary\x00", (), "text"),
        ("cards.csv", LINKEDIN_CSV, ("--format", "vcard"), "vcard"),
        ("cut.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n", (), "truncated"),
        ("noname.csv", "colour,size\nred,4\n", (), "column"),
        ("a.vcf", JANE_VCF, ("--format", "yaml"), "format"),
        ("a.csv", LINKEDIN_CSV, ("--map", "email"), "--map"),
        ("a.csv", LINKEDIN_CSV, ("--pile", "vip"), "pile"),
    ],
)
def test_bad_files_exit_2_and_write_nothing(
    cli: Any, tmp_path: Path, name: str, content: str, args: tuple[str, ...], words: str
) -> None:
    path = write(tmp_path, name, content)
    result = cli("import", str(path), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert words.lower() in result.output.lower()
    assert cli.json("list") == []


def test_missing_file_is_bad_input(cli: Any, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "nope.vcf"))
    assert result.exit_code == 2 and "does not exist" in result.output


def test_strict_stops_on_an_unreadable_record(cli: Any, tmp_path: Path) -> None:
    text = JANE_VCF + "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n"
    path = write(tmp_path, "a.vcf", text)
    assert cli("import", str(path), "--strict").exit_code == 2
    assert cli.json("list") == []
    report = cli.json("import", str(path))
    assert report["created"] == 2 and len(report["skipped"]) == 1
    assert report["skipped"][0]["line"] > 1


def test_vcard_export_round_trip(cli: Any, tmp_path: Path, fresh: Any) -> None:
    cli.json("import", str(write(tmp_path, "a.vcf", JANE_VCF)))
    cli.ok("pile", "jane", "target")
    first = cli.ok("export").stdout
    assert "X-FOLLOWTHRU-PILE:target" in first and "X-SPOUSE:Sam" in first
    exported = write(tmp_path, "out.vcf", first)
    other = fresh
    other.json("import", str(exported))
    assert other.ok("export").stdout == first
    assert people(other)["Jane Doe"]["pile"] == "target"


@pytest.fixture
def fresh(tmp_path: Path, cli: Any) -> Any:
    """A second, empty database (SQLite) to restore or re-import into."""
    from conftest import Cli

    return Cli(f"sqlite:///{tmp_path / 'fresh.db'}", cli.runner)


def test_json_backup_restores_exactly(cli: Any, tmp_path: Path, fresh: Any) -> None:
    cli.json("import", str(write(tmp_path, "a.vcf", JANE_VCF)), "--detect-promises")
    cli.ok("log", "jane", "--kind", "content", "sent the article")
    cli.ok("config", "set", "cadence.target", "21")
    backup = cli.ok("export", "--format", "json").stdout
    path = write(tmp_path, "backup.json", backup)
    assert cli("import", "--format", "json", str(path)).exit_code == 2  # not into a full db
    other = fresh
    restored = other.json("import", "--format", "json", str(path))
    assert restored["restored"]["contacts"] == 2
    assert json.loads(other.ok("export", "--format", "json").stdout) == json.loads(backup)


def test_a_dry_run_on_a_missing_database_does_not_create_it(
    tmp_path: Path, config_file: Path
) -> None:
    """`--dry-run` promises nothing is written: the database file is not made either."""
    from typer.testing import CliRunner

    from followthru.cli.main import app

    missing = tmp_path / "new.db"
    csv = str(write(tmp_path, "Connections.csv", LINKEDIN_CSV))
    result = CliRunner().invoke(app, ["--db", str(missing), "import", csv, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "2 created" in result.output and "Created a new" not in result.output
    assert not missing.exists()


def test_a_dry_run_restore_checks_the_backup_and_writes_nothing(
    cli: Any, tmp_path: Path, fresh: Any, config_file: Path
) -> None:
    cli.json("import", str(write(tmp_path, "a.vcf", JANE_VCF)))
    cli.ok("config", "set", "cadence.target", "21")
    path = write(tmp_path, "backup.json", cli.ok("export", "--format", "json").stdout)
    config_file.unlink()
    would = fresh.json("import", "--format", "json", "--dry-run", str(path))
    assert would["dry_run"] is True and would["restored"]["contacts"] == 2
    assert [s["name"] for s in would["settings"]] == ["cadence.target"]
    assert not config_file.exists()
    shown = fresh.ok("import", "--format", "json", "--dry-run", str(path)).stdout
    assert "Would restore 2 people" in shown
    refused = cli("import", "--format", "json", "--dry-run", str(path))
    assert refused.exit_code == 2 and "already holds people" in refused.output
    # Nothing was written: the real restore still finds the database empty.
    assert fresh.json("import", "--format", "json", str(path))["restored"] == would["restored"]


@pytest.mark.slow
def test_every_real_world_file_imports_without_a_traceback(cli: Any) -> None:
    folder = SHARED / "fixtures"
    need(folder.is_dir(), f"{folder} holds the real-world contact files")
    files = sorted(p for sub in ("vcard", "csv") for p in (folder / sub).iterdir())
    assert len(files) > 50
    created = 0
    for path in files:
        result = cli("import", str(path), "--json")
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            path,
            result.output,
        )
        assert "Traceback" not in result.output, path
        assert result.exit_code in (0, 2), (path, result.output)
        if result.exit_code == 0:
            created += json.loads(result.stdout)["created"]
    assert created > 60
