"""Every record a user creates can be corrected and removed, by the ID listings show."""

from __future__ import annotations

from typing import Any

import pytest


def test_touches_are_listed_with_ids_edited_and_deleted(cli: Any, add_contact: Any) -> None:
    add_contact("Ed Emailed", pile="connector", met="2026-01-05", email="ed@example.org")
    for day in ("2026-10-20", "2026-11-01"):
        cli.ok("log", "ed", "--via", "email", "--on", day)
    listed = cli.json("touch", "list", "ed")
    assert [t["date"] for t in listed] == ["2026-11-01", "2026-10-20"]
    assert f"#{listed[0]['id']}" in cli.ok("show", "ed").stdout
    assert "cooldown" in {t["term"] for t in cli.json("why", "ed")["terms"]}
    # The second "e-mail" was really a call: the cool-down goes with it.
    edited = cli.json("touch", "edit", str(listed[0]["id"]), "--via", "call", "--summary", "rang")
    assert (edited["via"], edited["summary"]) == ("call", "rang")
    assert "cooldown" not in {t["term"] for t in cli.json("why", "ed")["terms"]}
    cli.ok("touch", "delete", str(listed[1]["id"]))
    assert [t["id"] for t in cli.json("touch", "list", "ed")] == [listed[0]["id"]]
    missing = cli("touch", "delete", "999")
    assert missing.exit_code == 2 and "no touch #999" in missing.output


def test_promises_notes_and_events_can_be_corrected(cli: Any, add_contact: Any) -> None:
    add_contact("Ann Lee", pile="general", met="2026-01-05")
    note = cli.json("note", "ann", "I'll send her the deck")
    promise_id = note["promises"][0]["id"]
    changed = cli.json(
        "promise", "edit", str(promise_id), "--what", "the pricing deck", "--due", "2026-11-27"
    )
    assert (changed["what"], changed["due"], changed["owner"]) == (
        "the pricing deck",
        "2026-11-27",
        "me",
    )
    assert cli.json("note", "edit", str(note["id"]), "sent? not yet")["text"] == "sent? not yet"
    cli.ok("note", "delete", str(note["id"]))
    assert all(i["kind"] != "note" for i in cli.json("show", "ann")["timeline"])
    cli.ok("event", "add", "Expo", "--date", "2026-11-01")
    moved = cli.json("event", "edit", "expo", "--date", "2026-11-02", "--name", "Expo 2026")
    assert (moved["name"], moved["date"]) == ("Expo 2026", "2026-11-02")
    cli.ok("event", "delete", "expo 2026")
    assert cli.json("event", "list") == []


@pytest.mark.slow
def test_every_correction_is_undone_exactly(cli: Any, add_contact: Any) -> None:
    """Each correction joins the journal: `undo` puts the person back as they were."""
    add_contact("Ann Lee", pile="general", met="2026-01-05")
    cli.ok("log", "ann", "--via", "email", "--on", "2026-10-20")
    note = cli.json("note", "ann", "I'll send her the deck")
    touch_id = str(cli.json("touch", "list", "ann")[0]["id"])
    promise_id = str(note["promises"][0]["id"])
    corrections = [
        ("touch", "edit", touch_id, "--via", "call", "--on", "2026-10-21"),
        ("touch", "delete", touch_id),
        ("promise", "edit", promise_id, "--what", "the pricing deck", "--owner", "both"),
        ("note", "edit", str(note["id"]), "sent? not yet"),
        ("note", "delete", str(note["id"])),
    ]
    for correction in corrections:
        before = cli.json("show", "ann")
        cli.ok(*correction)
        assert cli.json("show", "ann") != before, correction
        cli.ok("undo")
        assert cli.json("show", "ann") == before, correction


def test_event_changes_are_undone_exactly(cli: Any, add_contact: Any) -> None:
    """Adding, renaming and removing an event each undo back to the event as it was."""
    cli.ok("event", "add", "Expo", "--date", "2026-11-01", "--where", "Lyon")
    add_contact("Ann Lee", pile="general", event="Expo")

    def state() -> tuple[Any, Any]:
        return cli.json("event", "list"), cli.json("show", "ann")

    for correction in (
        ("event", "edit", "expo", "--date", "2026-11-02", "--name", "Expo 2026", "--where", ""),
        ("event", "delete", "expo"),
    ):
        before = state()
        cli.ok(*correction)
        assert state() != before, correction
        cli.ok("undo")
        assert state() == before, correction
    cli.ok("event", "add", "Fair")
    cli.ok("undo")
    assert [e["name"] for e in cli.json("event", "list")] == ["Expo"]


def test_an_event_renamed_again_is_undone_newest_first(cli: Any) -> None:
    cli.ok("event", "add", "Expo")
    cli.ok("event", "edit", "expo", "--name", "Expo 2026")
    first = cli.json("history")[0]["id"]
    cli.ok("event", "edit", "expo 2026", "--name", "Expo 26")
    refused = cli("undo", str(first))
    assert refused.exit_code != 0 and "same event" in refused.output
    cli.ok("undo")
    cli.ok("undo")
    assert [e["name"] for e in cli.json("event", "list")] == ["Expo"]
