"""Notes through the CLI: stored with their date, and the promises in them filed."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner


def test_note_files_the_promises_it_holds(cli: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", pile="target")
    written = cli.json(
        "note", "jane", "Great chat. Let's do lunch next week; I'll send her the deck tomorrow."
    )
    promises = {p["owner"]: p for p in written["promises"]}
    assert set(promises) == {"both", "me"}
    assert promises["both"]["what"] == "lunch"
    assert "2026-11-23" <= promises["both"]["due"] <= "2026-11-27"
    assert promises["me"]["due"] == "2026-11-21"
    assert "deck" in promises["me"]["what"]
    assert "I'll send her the deck tomorrow" in promises["me"]["source_text"]
    listed = cli.json("promises")
    assert sorted(p["id"] for p in listed) == sorted(p["id"] for p in written["promises"])
    timeline = cli.json("show", "jane")
    assert "Let's do lunch next week" in json.dumps(timeline)


def test_note_dates_are_read_from_the_day_it_was_written(cli: Any, add_contact: Any) -> None:
    add_contact("Ben Okafor")
    written = cli.json("note", "ben", "He'll send the contract tomorrow", "--on", "2026-11-02")
    assert written["written_on"] == "2026-11-02"
    [promise] = written["promises"]
    assert (promise["owner"], promise["due"], promise["made_on"]) == (
        "them",
        "2026-11-03",
        "2026-11-02",
    )
    # made three weeks ago and overdue: today puts it in front
    today = cli.json("today")["items"]
    assert today[0]["section"] == "promise" and today[0]["contact"] == "Ben Okafor"


def test_no_promise_in_pleasantries_or_past_actions(cli: Any, add_contact: Any) -> None:
    add_contact("Cleo Park")
    for text in ("Lovely to meet you, keep in touch!", "Already sent the slides on Monday."):
        assert cli.json("note", "cleo", text)["promises"] == []
    assert cli.json("promises") == []


def test_no_detect_stores_the_note_only(cli: Any, add_contact: Any) -> None:
    add_contact("Dan Wu")
    written = cli.json("note", "dan", "Let's do lunch on Friday", "--no-detect")
    assert written["promises"] == []
    assert cli.json("promises") == []


def test_add_note_goes_through_the_detector(cli: Any) -> None:
    added = cli.json("add", "Eve Stone", "--note", "We should grab a beer sometime")
    [promise] = added["promises"]
    assert (promise["owner"], promise["due"]) == ("both", None)
    quiet = cli.json("add", "Finn Hale", "--note", "Let's do lunch", "--no-detect")
    assert quiet["promises"] == []


def test_note_text_output_says_how_to_undo(cli: Any, add_contact: Any) -> None:
    add_contact("Gus Ray")
    out = cli.ok("note", "gus", "I'll send Gus the article tomorrow").output
    assert "promise #1 [me] send Gus the article, due 2026-11-21" in out
    assert "followthru promise drop ID" in out


def test_note_bad_input_writes_nothing(cli: Any, add_contact: Any) -> None:
    add_contact("Hal Ito")
    for args in (
        ("note", "nobody-here", "let's do lunch"),
        ("note", "hal", "   "),
        ("note", "hal", "let's do lunch", "--on", "32/13/2026"),
    ):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
    assert [e for e in cli.json("show", "hal")["timeline"] if e["kind"] == "note"] == []
    assert cli.json("promises") == []


def test_extract_prints_one_json_line_per_note(config_file: Any) -> None:
    from followthru.cli.main import app

    notes = "Let's do lunch on Friday.\nkeep in touch!\n\nHe'll send the contract on Monday.\n"
    result = CliRunner().invoke(app, ["extract", "--today", "2026-11-20"], input=notes)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in lines] == [
        "Let's do lunch on Friday.",
        "keep in touch!",
        "",
        "He'll send the contract on Monday.",
    ]
    lunch = lines[0]["promises"][0]
    assert (lunch["what"], lunch["owner"], lunch["due"]) == ("lunch", "both", "2026-11-27")
    start, end = lunch["span"]
    assert "lunch" in lines[0]["text"][start:end]
    assert lines[1]["promises"] == [] and lines[2]["promises"] == []
    assert lines[3]["promises"][0]["owner"] == "them"
    assert lines[3]["promises"][0]["due"] == "2026-11-23"


def test_extract_refuses_a_bad_date(config_file: Any) -> None:
    from followthru.cli.main import app

    result = CliRunner().invoke(app, ["extract", "--today", "someday"], input="x\n")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
