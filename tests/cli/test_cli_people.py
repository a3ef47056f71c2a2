"""The foundation's commands end to end, through the CLI (on SQLite).

People (add, show, list, edit, tag, pile, archive, delete), events, triage, touches and
promises, name lookup, and every kind of bad input: exit code 2, one clear message, no
traceback, and nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

TODAY = date(2026, 11, 20)

Json = dict[str, Any]
AddContact = Callable[..., Json]


# --- helpers -----------------------------------------------------------------------------


def flat(text: str) -> str:
    """Rich wraps at 80 columns: compare text with its whitespace collapsed."""
    return " ".join(text.split())


def assert_clean(result: Any) -> None:
    """No crash: any exception is the SystemExit of an exit code, and no traceback shows."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert "failed unexpectedly" not in result.output, result.output


def refused(result: Any, *fragments: str) -> str:
    """Exit code 2 with exactly one error message, containing each fragment."""
    assert_clean(result)
    assert result.exit_code == 2, f"exit {result.exit_code}:\n{result.output}"
    err = flat(result.stderr)
    assert err.count("Error:") == 1, err
    for fragment in fragments:
        assert fragment in err, f"{fragment!r} not in {err!r}"
    assert result.stdout == "", result.stdout
    return err


def names(rows: list[Json]) -> list[str]:
    return [r["name"] for r in rows]


def by_name(rows: list[Json]) -> dict[str, Json]:
    return {r["name"]: r for r in rows}


def dump(ctx: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: equal before and after means nothing was written."""
    from followthru.store.models import Base

    with ctx.db.read() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns)).all()
            ]
            for table in Base.metadata.sorted_tables
        }


# --- add -----------------------------------------------------------------------------------


def test_add_with_every_option(cli: Any, add_contact: AddContact, ctx: Any) -> None:
    from followthru.store.models import ContactPhone

    sam = add_contact("Sam Lee")
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14", "--where", "London")
    jane = cli.json(
        "add",
        "Jane  Doe ",
        "--email",
        "Jane.Doe@Example.COM",
        "--email",
        "jd@contoso.example",
        "--phone",
        "(519) 555-0101",
        "--phone",
        "+44 20 7946 0958",
        "--company",
        "Contoso",
        "--title",
        "CTO",
        "--event",
        "pydata",  # a unique prefix of an existing event links to it
        "--pile",
        "Target",
        "--note",
        "talked about pipeline costs",
        "--introduced-by",
        "sam",
        "--tag",
        "Investor",
        "--tag",
        "data eng",
    )
    assert jane["name"] == "Jane Doe"
    assert jane["company"] == "Contoso"
    assert jane["title"] == "CTO"
    assert jane["pile"] == "target"
    assert jane["emails"] == ["Jane.Doe@example.com", "jd@contoso.example"]  # domain lower-cased
    assert jane["phones"] == ["+15195550101", "+442079460958"]  # E.164
    assert jane["tags"] == ["data-eng", "investor"]
    assert jane["events"] == ["PyData London 2026"]
    assert jane["met_on"] == "2026-11-14"  # the event's date, not today
    assert jane["last_touch_on"] is None
    assert jane["open_promises"] == 0
    assert jane["archived"] is False

    detail = cli.json("show", f"#{jane['id']}")
    assert detail["introduced_by"] == "Sam Lee"
    assert detail["cadence_days"] == 30  # the target pile's default
    assert [(t["date"], t["kind"], t["text"]) for t in detail["timeline"]] == [
        ("2026-11-14", "met", "Met at PyData London 2026"),
        ("2026-11-20", "note", "talked about pipeline costs"),
    ]

    # The number as typed is kept beside the E.164 form.
    with ctx.db.read() as session:
        phones = session.execute(
            select(ContactPhone.raw, ContactPhone.e164)
            .where(ContactPhone.contact_id == jane["id"])
            .order_by(ContactPhone.position)
        ).all()
    assert [tuple(p) for p in phones] == [
        ("(519) 555-0101", "+15195550101"),
        ("+44 20 7946 0958", "+442079460958"),
    ]

    # The existing event was reused, not duplicated.
    events = cli.json("event", "list")
    assert [(e["name"], e["people"], e["piles"]["target"]) for e in events] == [
        ("PyData London 2026", 1, 1)
    ]
    assert names(cli.json("list")) == ["Jane Doe", "Sam Lee"]
    assert sam["pile"] is None


def test_add_text_output_mentions_triage(cli: Any) -> None:
    result = cli.ok("add", "Ann Lee", "--company", "Initech", "--title", "CFO")
    out = flat(result.stdout)
    assert "Added #1 Ann Lee (CFO, Initech)" in out
    assert "Not triaged yet" in out


def test_add_with_a_new_event_creates_it_dated_today(cli: Any) -> None:
    ann = cli.json("add", "Ann Lee", "--event", "RustConf 2026")
    assert ann["events"] == ["RustConf 2026"]
    assert ann["met_on"] == "2026-11-20"
    (event,) = cli.json("event", "list")
    assert event["name"] == "RustConf 2026"
    assert event["date"] == "2026-11-20"
    assert event["people"] == 1
    assert event["untriaged"] == 1


def test_add_met_overrides_the_event_date(cli: Any) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    ann = cli.json("add", "Ann Lee", "--event", "PyData London 2026", "--met", "2026-11-15")
    assert ann["met_on"] == "2026-11-15"
    assert cli.json("add", "Bo Chen", "--met", "yesterday")["met_on"] == "2026-11-19"
    assert cli.json("add", "Cy Dunn")["met_on"] == "2026-11-20"


def test_add_with_only_an_email_derives_the_name(cli: Any) -> None:
    bob = cli.json("add", "--email", "bob.smith@example.com")
    assert bob["name"] == "Bob Smith"
    assert bob["emails"] == ["bob.smith@example.com"]
    assert cli.json("show", "BOB.SMITH@EXAMPLE.COM")["id"] == bob["id"]
    assert cli.json("show", "bob")["id"] == bob["id"]


def test_add_without_name_or_email_is_refused(cli: Any) -> None:
    refused(cli("add"), "A contact needs a name or an e-mail address.")
    refused(cli("add", "   "), "A contact needs a name or an e-mail address.")
    assert cli.json("list") == []


def test_add_phone_uses_the_region_and_a_shared_number_is_said_in_any_form(
    cli: Any, add_contact: AddContact
) -> None:
    """A colleague with the same switchboard number is a new person, not a refusal."""
    jane = add_contact("Jane Doe", phone="519 555 0101")
    assert jane["phones"] == ["+15195550101"]  # phone_region US by default
    result = cli.ok("add", "Other Person", "--phone", "+1 (519) 555-0101")
    assert "+1 (519) 555-0101 is also the number of #1 Jane Doe" in flat(result.output)
    assert names(cli.json("list")) == ["Jane Doe", "Other Person"]
    added = cli.json("add", "Third Person", "--phone", "5195550101")
    assert added["also"] == [
        "5195550101 is also the number of #1 Jane Doe",
        "5195550101 is also the number of #2 Other Person",
    ]


def test_email_lookup_is_case_insensitive_and_a_shared_address_is_said(
    cli: Any, add_contact: AddContact
) -> None:
    jane = add_contact("Jane Doe", email="Jane.Doe@Example.com")
    for ref in ("jane.doe@example.com", "JANE.DOE@EXAMPLE.COM", "Jane.Doe@Example.com"):
        assert cli.json("show", ref)["id"] == jane["id"]
    added = cli.json("add", "Imposter", "--email", "JANE.DOE@example.COM")
    assert added["also"] == ["JANE.DOE@example.com is also the address of #1 Jane Doe"]
    # With no name, the address is the person: that is Jane again, refused.
    refused(cli("add", "--email", "jane.doe@EXAMPLE.com"), "already belongs to")
    assert names(cli.json("list")) == ["Imposter", "Jane Doe"]


def test_edit_with_someone_elses_address_or_number_saves_and_says_whose(
    cli: Any, add_contact: AddContact
) -> None:
    add_contact("Jane Doe", email="jane@example.com", phone="+1 519 555 0101")
    add_contact("Sam Lee")
    edited = cli.json("edit", "sam", "--add-email", "Jane@Example.com", "--add-phone", "5195550101")
    assert edited["also"] == [
        "Jane@example.com is also the address of #1 Jane Doe",
        "5195550101 is also the number of #1 Jane Doe",
    ]
    out = flat(cli.ok("edit", "sam", "--title", "CTO").output)
    assert "also" not in out  # his own address and number are nobody else's news
    out = flat(cli.ok("edit", "jane doe", "--add-email", "jd@example.com").output)
    assert "Updated #1 Jane Doe" in out and "also" not in out


def test_the_same_email_twice_in_one_add_is_not_stored_twice(cli: Any) -> None:
    result = cli("add", "Ann Lee", "--email", "ann@example.com", "--email", "ANN@example.com")
    assert_clean(result)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:  # refusing is as good as keeping it once
        assert cli.json("list") == []
    else:
        assert cli.json("show", "ann")["emails"] == ["ann@example.com"]


# --- events --------------------------------------------------------------------------------


def test_event_add_and_list_newest_first(cli: Any) -> None:
    added = cli.json(
        "event", "add", "PyData London 2026", "--date", "2026-11-14", "--where", "London"
    )
    assert added == {
        "id": added["id"],
        "name": "PyData London 2026",
        "date": "2026-11-14",
        "where": "London",
        "people": 0,
        "piles": {"target": 0, "connector": 0, "general": 0, "untriaged": 0},
        "untriaged": 0,
    }
    cli.ok("event", "add", "Old Conf", "--date", "2026-09-01")
    cli.ok("event", "add", "Fresh Meetup", "--date", "2026-11-19", "--where", "Leeds")
    rows = cli.json("event", "list")
    assert [(e["name"], e["date"], e["where"]) for e in rows] == [
        ("Fresh Meetup", "2026-11-19", "Leeds"),
        ("PyData London 2026", "2026-11-14", "London"),
        ("Old Conf", "2026-09-01", None),
    ]
    text = flat(cli.ok("event", "list").stdout)
    assert text.index("Fresh") < text.index("PyData") < text.index("Old")


def test_event_list_puts_undated_events_after_dated_ones_on_every_database(cli: Any) -> None:
    cli.ok("event", "add", "Someday Meetup")
    cli.ok("event", "add", "Old Conf", "--date", "2026-09-01")
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    rows = cli.json("event", "list")
    assert [e["name"] for e in rows] == ["PyData London 2026", "Old Conf", "Someday Meetup"]


def test_event_add_refuses_a_duplicate_name(cli: Any) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    refused(
        cli("event", "add", "pydata  LONDON 2026", "--date", "2026-11-15"),
        "There is already an event called 'pydata LONDON 2026'.",
    )
    rows = cli.json("event", "list")
    assert [(e["name"], e["date"]) for e in rows] == [("PyData London 2026", "2026-11-14")]


def _event_with_people(cli: Any, add_contact: AddContact, piles: list[str | None]) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14", "--where", "London")
    for index, pile in enumerate(piles):
        fields = {"event": "PyData London 2026"}
        if pile:
            fields["pile"] = pile
        add_contact(f"Person {chr(ord('A') + index)}", **fields)


def test_event_show_lists_people_piles_and_untriaged_and_warns_when_target_heavy(
    cli: Any, add_contact: AddContact
) -> None:
    # 2 of 3 triaged are target: more than half. The 3 untriaged do not count as triaged.
    _event_with_people(cli, add_contact, ["target", "target", "connector", None, None, None])
    add_contact("Elsewhere Person", pile="target")  # not at the event
    shown = cli.json("event", "show", "pydata")
    assert shown["name"] == "PyData London 2026"
    assert shown["date"] == "2026-11-14"
    assert shown["where"] == "London"
    assert shown["people"] == 6
    assert shown["piles"] == {"target": 2, "connector": 1, "general": 0, "untriaged": 3}
    assert shown["untriaged"] == 3
    assert [(p["name"], p["pile"]) for p in shown["people_met"]] == [
        ("Person A", "target"),
        ("Person B", "target"),
        ("Person C", "connector"),
        ("Person D", None),
        ("Person E", None),
        ("Person F", None),
    ]
    assert len(shown["warnings"]) == 1
    assert "2 of 3 triaged people are in the target pile" in shown["warnings"][0]
    assert "Not everyone is target market" in shown["warnings"][0]

    result = cli.ok("event", "show", "PyData")
    out, err = flat(result.stdout), flat(result.stderr)
    assert "6 people: target 2 · connector 1 · general 0 · untriaged 3" in out
    assert "3 untriaged" in out
    assert "followthru triage --event 'PyData London 2026'" in out
    assert "Warning:" in err
    assert "Not everyone is target market" in err


def test_event_show_does_not_warn_at_exactly_half_target(cli: Any, add_contact: AddContact) -> None:
    _event_with_people(cli, add_contact, ["target", "connector", None])
    shown = cli.json("event", "show", "pydata")
    assert shown["piles"] == {"target": 1, "connector": 1, "general": 0, "untriaged": 1}
    assert shown["warnings"] == []
    result = cli.ok("event", "show", "pydata")
    assert "Not everyone is target market" not in flat(result.output)


def test_event_show_unknown_or_ambiguous_event_is_refused(cli: Any) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    cli.ok("event", "add", "PyData Berlin 2026", "--date", "2026-10-01")
    refused(cli("event", "show", "rustconf"), "No event matches 'rustconf'.")
    refused(cli("event", "show", "pydata"), "matches several events", "PyData Berlin 2026")
    assert cli.json("event", "show", "pydata london")["name"] == "PyData London 2026"


# --- triage and piles ----------------------------------------------------------------------


def test_triage_interactive_keys(cli: Any, add_contact: AddContact) -> None:
    for name in ("Ann Lee", "Bo Chen", "Cy Dunn", "Di Eve"):
        add_contact(name)
    add_contact("Zed Already", pile="general")
    # x is not a key and is ignored; then 1 → target, 2 → connector, s skips, 3 → general.
    result = cli.ok("triage", input="x12s3")
    out = flat(result.stdout)
    assert "4 to triage" in out
    assert "1/4 Ann Lee" in out
    assert "Zed Already" not in out
    assert "Sorted 3, skipped 1, 1 still untriaged." in out
    piles = {r["name"]: r["pile"] for r in cli.json("list")}
    assert piles == {
        "Ann Lee": "target",
        "Bo Chen": "connector",
        "Cy Dunn": None,
        "Di Eve": "general",
        "Zed Already": "general",
    }
    # The sitting is one change: one undo puts all three back untriaged.
    assert cli.json("history")[0]["summary"] == "triaged 3 people"
    cli.ok("undo")
    assert {r["name"]: r["pile"] for r in cli.json("list")} == {
        **piles,
        "Ann Lee": None,
        "Bo Chen": None,
        "Di Eve": None,
    }


def test_triage_quits_on_q_and_at_end_of_input(cli: Any, add_contact: AddContact) -> None:
    for name in ("Ann Lee", "Bo Chen", "Cy Dunn"):
        add_contact(name)
    out = flat(cli.ok("triage", input="2q1").stdout)
    assert "Sorted 1, skipped 0, 2 still untriaged." in out
    assert names(cli.json("list", "--pile", "untriaged")) == ["Bo Chen", "Cy Dunn"]
    out = flat(cli.ok("triage", input="3").stdout)  # input runs out: stop, nothing skipped
    assert "2 to triage" in out
    assert "Sorted 1, skipped 0, 1 still untriaged." in out
    assert names(cli.json("list", "--pile", "untriaged")) == ["Cy Dunn"]


def test_triage_by_event_only_walks_that_event(cli: Any, add_contact: AddContact) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    add_contact("Ann Lee", event="PyData London 2026")
    add_contact("Bo Chen", event="PyData London 2026")
    add_contact("Cy Dunn", event="PyData London 2026", pile="target")
    add_contact("Di Eve")  # untriaged, met elsewhere
    out = flat(cli.ok("triage", "--event", "pydata", input="21").stdout)
    assert "2 to triage" in out
    assert "Di Eve" not in out
    assert "Sorted 2, skipped 0, 0 still untriaged." in out
    piles = {r["name"]: r["pile"] for r in cli.json("list")}
    assert piles == {
        "Ann Lee": "connector",
        "Bo Chen": "target",
        "Cy Dunn": "target",
        "Di Eve": None,
    }
    assert cli.json("event", "show", "pydata")["untriaged"] == 0
    done = flat(cli.ok("triage", "--event", "pydata").stdout)
    assert "Nothing to triage." in done


def test_pile_sets_the_pile(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe")
    moved = cli.json("pile", "jane", "target")
    assert moved["pile"] == "target"
    assert "Moved #1 Jane Doe — connector" in flat(cli.ok("pile", "jane", "Connector").stdout)
    assert cli.json("list", "--pile", "connector")[0]["name"] == "Jane Doe"
    assert cli.json("show", "jane")["cadence_days"] == 90


# --- log -----------------------------------------------------------------------------------


def test_log_records_a_touch_with_defaults_and_options(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe", pile="target")
    first = cli.json("log", "jane", "  caught up on their hiring plans ")
    assert {k: v for k, v in first.items() if k not in ("id", "contact_id")} == {
        "contact": "Jane Doe",
        "date": "2026-11-20",
        "via": "email",
        "kind": "checkin",
        "direction": "out",
        "summary": "caught up on their hiring plans",
        "with": None,
        "warnings": [],
    }
    second = cli.json(
        "log",
        "jane",
        "--via",
        "LinkedIn",
        "--kind",
        "congratulate",
        "--inbound",
        "--on",
        "2026-11-02",
        "thanked me",
    )
    assert (second["via"], second["kind"], second["direction"], second["date"]) == (
        "linkedin",
        "congratulate",
        "in",
        "2026-11-02",
    )
    third = cli.json("log", "jane", "--via", "in_person", "--kind", "meeting", "--on", "yesterday")
    assert (third["via"], third["date"], third["summary"]) == ("in-person", "2026-11-19", "")

    # The last touch is the latest one, not the last logged.
    assert cli.json("list")[0]["last_touch_on"] == "2026-11-20"
    detail = cli.json("show", "jane")
    touches = [t for t in detail["timeline"] if t["kind"] == "touch"]
    assert [(t["date"], t["touch_kind"], t["via"], t["direction"]) for t in touches] == [
        ("2026-11-02", "congratulate", "linkedin", "in"),
        ("2026-11-19", "meeting", "in-person", "out"),
        ("2026-11-20", "checkin", "email", "out"),
    ]
    # An inbound congratulation is theirs, not value given.
    assert detail["ledger"]["given_total"] == 0

    text = flat(cli.ok("log", "jane", "--via", "call", "quick call").stdout)
    assert "Logged checkin via call with Jane Doe on 2026-11-20" in text


def test_log_connect_records_the_introduction_on_both_people(
    cli: Any, add_contact: AddContact
) -> None:
    jane = add_contact("Jane Doe")
    sam = add_contact("Sam Lee")
    add_contact("Bo Chen")
    logged = cli.json(
        "log", "jane", "--kind", "connect", "--with", "sam lee", "intro: both on data infra"
    )
    assert logged["contact"] == "Jane Doe"
    assert logged["with"] == "Sam Lee"
    assert logged["kind"] == "connect"

    for person, other in ((jane, "Sam Lee"), (sam, "Jane Doe")):
        detail = cli.json("show", f"#{person['id']}")
        touches = [t for t in detail["timeline"] if t["kind"] == "touch"]
        assert len(touches) == 1
        assert touches[0]["touch_kind"] == "connect"
        assert touches[0]["with"] == other
        assert touches[0]["text"] == (
            f"connect via email (to them) with {other}: intro: both on data infra"
        )
        assert detail["ledger"]["given"]["connect"] == 1
        assert detail["last_touch_on"] == "2026-11-20"
    rows = by_name(cli.json("list"))
    assert rows["Bo Chen"]["last_touch_on"] is None

    text = flat(cli.ok("log", "jane", "--kind", "connect", "--with", "bo", "again").stdout)
    assert "Logged connect via email with Jane Doe and Bo Chen" in text


def test_log_ask_warns_when_nothing_was_given_since_the_last_ask(
    cli: Any, add_contact: AddContact
) -> None:
    add_contact("Jane Doe")
    first = cli.json("log", "jane", "--kind", "ask", "--on", "2026-11-01", "a first ask")
    assert len(first["warnings"]) == 1
    assert "given Jane Doe nothing since your last ask" in first["warnings"][0]

    cli.ok("log", "jane", "--kind", "content", "--on", "2026-11-05", "sent the dbt article")
    after_giving = cli.json("log", "jane", "--kind", "ask", "--on", "2026-11-10", "intro?")
    assert after_giving["warnings"] == []

    inbound = cli.json("log", "jane", "--kind", "ask", "--inbound", "they asked me")
    assert inbound["warnings"] == []

    result = cli.ok("log", "jane", "--kind", "ask", "another favour")
    assert "Warning:" in result.stderr
    assert "given Jane Doe nothing since your last ask" in flat(result.stderr)
    assert "Logged ask via email with Jane Doe" in flat(result.stdout)

    ledger = cli.json("show", "jane")["ledger"]
    assert ledger == {
        "given": {"congratulate": 0, "connect": 0, "content": 1},
        "given_total": 1,
        "asks": 3,  # the inbound ask was theirs
        "last_given": "2026-11-05",
        "last_ask": "2026-11-20",
    }


# --- promises ------------------------------------------------------------------------------


def test_promise_add_with_due_and_owner_and_defaults(cli: Any, add_contact: AddContact) -> None:
    jane = add_contact("Jane Doe")
    lunch = cli.json("promise", "jane", "lunch", "--due", "2026-12-01", "--owner", "both")
    assert {k: v for k, v in lunch.items() if k != "id"} == {
        "contact_id": jane["id"],
        "contact": "Jane Doe",
        "what": "lunch",
        "owner": "both",
        "due": "2026-12-01",
        "status": "open",
        "made_on": "2026-11-20",
        "closed_on": None,
        "drop_reason": None,
        "days_late": 0,
        "source_text": None,
    }
    deck = cli.json("promise", "jane", "send  the deck")
    assert (deck["what"], deck["owner"], deck["due"]) == ("send the deck", "me", None)
    assert cli.json("list")[0]["open_promises"] == 2
    text = flat(cli.ok("promise", "jane", "intro to CFO", "--owner", "THEM").stdout)
    assert "[them] intro to CFO — Jane Doe" in text


def test_promises_lists_overdue_first_then_by_due_date_then_undated(
    cli: Any, add_contact: AddContact
) -> None:
    add_contact("Jane Doe")
    add_contact("Sam Lee")
    made = {
        what: cli.json("promise", who, what, *extra)["id"]
        for who, what, extra in (
            ("jane", "send the deck", []),
            ("jane", "lunch", ["--due", "2026-12-01", "--owner", "both"]),
            ("sam", "intro to CFO", ["--due", "2026-11-10", "--owner", "them"]),
            ("sam", "call back", ["--due", "2026-11-18"]),
            ("jane", "coffee", ["--due", "2026-12-01"]),
            ("sam", "references", ["--due", "2026-12-01", "--owner", "them"]),
            ("jane", "feedback", ["--due", "today"]),
        )
    }
    rows = cli.json("promises")
    assert [(p["what"], p["days_late"]) for p in rows] == [
        ("intro to CFO", 10),
        ("call back", 2),
        ("feedback", 0),
        ("coffee", 0),  # same day: mine, then joint, then theirs
        ("lunch", 0),
        ("references", 0),
        ("send the deck", 0),
    ]
    assert rows[0]["contact"] == "Sam Lee"
    text = flat(cli.ok("promises").stdout)
    assert "10d late" in text
    assert text.index("intro to CFO") < text.index("call back") < text.index("send the deck")
    assert made["send the deck"] == rows[-1]["id"]


def test_promise_done_and_drop(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe")
    lunch = cli.json("promise", "jane", "lunch", "--due", "2026-11-10", "--owner", "both")
    deck = cli.json("promise", "jane", "send the deck")
    cfo = cli.json("promise", "jane", "intro to CFO", "--owner", "them")

    kept = cli.json("promise", "done", str(lunch["id"]))
    assert (kept["status"], kept["closed_on"], kept["days_late"]) == ("done", "2026-11-20", 0)
    dropped = cli.json("promise", "drop", str(cfo["id"]), "--why", " they moved on ")
    assert (dropped["status"], dropped["drop_reason"]) == ("dropped", "they moved on")
    assert "kept: send the deck — Jane Doe" in flat(
        cli.ok("promise", "done", str(deck["id"])).stdout
    )

    assert cli.json("promises") == []
    assert "No open promises." in cli.ok("promises").stdout
    everything = cli.json("promises", "--all")
    assert sorted((p["what"], p["status"]) for p in everything) == [
        ("intro to CFO", "dropped"),
        ("lunch", "done"),
        ("send the deck", "done"),
    ]
    assert cli.json("list")[0]["open_promises"] == 0

    timeline = cli.json("show", "jane")["timeline"]
    closed = [(t["kind"], t["text"]) for t in timeline if t["kind"].startswith("promise-")]
    assert (
        "promise-dropped",
        f"Promise #{cfo['id']} dropped (they moved on): intro to CFO",
    ) in closed
    assert ("promise-done", f"Promise #{lunch['id']} kept: lunch") in closed

    before = cli.json("promises", "--all")
    refused(cli("promise", "done", str(lunch["id"])), f"Promise #{lunch['id']} is already done.")
    refused(cli("promise", "drop", str(deck["id"]), "--why", "x"), "is already done")
    assert cli.json("promises", "--all") == before


def test_promise_drop_needs_a_reason_and_unknown_ids_are_refused(
    cli: Any, add_contact: AddContact
) -> None:
    add_contact("Jane Doe")
    lunch = cli.json("promise", "jane", "lunch")
    refused(cli("promise", "drop", str(lunch["id"])), "Say why the promise is dropped.")
    refused(cli("promise", "drop", str(lunch["id"]), "--why", "   "), "Say why")
    refused(cli("promise", "done", "999"), "There is no promise #999.")
    refused(cli("promise", "drop", "999", "--why", "gone"), "There is no promise #999.")
    (row,) = cli.json("promises", "--all")
    assert (row["status"], row["closed_on"]) == ("open", None)


# --- show ----------------------------------------------------------------------------------


def test_show_timeline_and_ledger(cli: Any, add_contact: AddContact) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    add_contact(
        "Jane Doe",
        event="PyData London 2026",
        pile="target",
        note="talked about pipeline costs",
        company="Contoso",
        title="CTO",
    )
    add_contact("Sam Lee")
    cli.ok("log", "jane", "--kind", "content", "--on", "2026-11-15", "sent the article")
    cli.ok("log", "jane", "--kind", "congratulate", "--on", "2026-11-16", "the Series A")
    cli.ok("log", "jane", "--kind", "ask", "--on", "2026-11-17", "an intro to their CFO")
    cli.ok("log", "jane", "--kind", "checkin", "--inbound", "--on", "2026-11-18", "replied")
    cli.ok("log", "jane", "--kind", "connect", "--with", "sam", "--on", "2026-11-19", "intro")
    promise = cli.json("promise", "jane", "lunch", "--due", "2026-11-18", "--owner", "both")

    detail = cli.json("show", "jane")
    assert [(t["date"], t["kind"]) for t in detail["timeline"]] == [
        ("2026-11-14", "met"),
        ("2026-11-15", "touch"),
        ("2026-11-16", "touch"),
        ("2026-11-17", "touch"),
        ("2026-11-18", "touch"),
        ("2026-11-19", "touch"),
        ("2026-11-20", "note"),  # the note was written today
        ("2026-11-20", "promise"),
    ]
    assert detail["timeline"][4]["text"] == "checkin via email (from them): replied"
    assert detail["timeline"][-1]["text"] == "We agreed: lunch"
    assert detail["timeline"][-1]["promise_id"] == promise["id"]
    assert detail["ledger"] == {
        "given": {"congratulate": 1, "connect": 1, "content": 1},
        "given_total": 3,
        "asks": 1,
        "last_given": "2026-11-19",
        "last_ask": "2026-11-17",
    }
    assert detail["last_touch_on"] == "2026-11-19"
    assert [(p["what"], p["days_late"]) for p in detail["promises"]] == [("lunch", 2)]

    out = flat(cli.ok("show", "jane").stdout)
    assert "Jane Doe #1 target" in out
    assert "CTO, Contoso" in out
    assert "Met 2026-11-14 at PyData London 2026" in out
    assert "Cadence every 30 days (target pile)" in out
    assert "Given / asked congratulate 1, connect 1, content 1 · asks 1" in out
    assert f"#{promise['id']} [both] lunch — due 2026-11-18 2d late" in out
    ask = next(i for i in detail["timeline"] if i["date"] == "2026-11-17")
    # Each timeline line names the ID a correction takes (touch edit ID, note delete ID).
    assert (
        f"2026-11-17 touch #{ask['touch_id']} ask via email (to them): an intro to their CFO" in out
    )
    assert out.index("Open promises") < out.index("Timeline")


# --- list ----------------------------------------------------------------------------------


@pytest.fixture
def crowd(cli: Any, add_contact: AddContact) -> dict[str, Json]:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    people = {
        "jane": add_contact(
            "Jane Doe",
            email="jane@contoso.example",
            company="Contoso",
            pile="target",
            event="PyData London 2026",
            tag="investor",
        ),
        "zoe": add_contact(
            "Zoë Ó Briain", title="Head of Data", pile="connector", met="2026-06-01"
        ),
        "alvaro": add_contact("Álvaro Díaz", pile="target", met="2026-08-22", tag="investor"),
        "bo": add_contact("Bo Chen", event="PyData London 2026", met="2026-08-23"),
        "cy": add_contact("Cy Dunn", company="Initech", pile="general", met="2025-01-01"),
    }
    cli.ok("log", "cy", "--on", "2026-11-01", "recent")  # met long ago, touched recently
    cli.ok("log", "zoe", "--on", "2026-05-01", "long ago")  # touched before we "met"
    return people


def test_list_orders_by_name_ignoring_case_and_accents(cli: Any, crowd: dict[str, Json]) -> None:
    assert names(cli.json("list")) == [
        "Álvaro Díaz",
        "Bo Chen",
        "Cy Dunn",
        "Jane Doe",
        "Zoë Ó Briain",
    ]
    out = cli.ok("list").stdout
    assert "5 contacts" in out


def test_list_filters(cli: Any, crowd: dict[str, Json]) -> None:
    assert names(cli.json("list", "--pile", "target")) == ["Álvaro Díaz", "Jane Doe"]
    assert names(cli.json("list", "--pile", "UNTRIAGED")) == ["Bo Chen"]
    assert names(cli.json("list", "--event", "pydata")) == ["Bo Chen", "Jane Doe"]
    assert names(cli.json("list", "--pile", "target", "--event", "pydata")) == ["Jane Doe"]
    assert names(cli.json("list", "--tag", "Investor")) == ["Álvaro Díaz", "Jane Doe"]
    assert names(cli.json("list", "--tag", "investor", "--pile", "connector")) == []
    # Company, e-mail, title, name (accent-insensitive) and tag are all searched.
    assert names(cli.json("list", "--search", "CONTOSO")) == ["Jane Doe"]
    assert names(cli.json("list", "--search", "initech")) == ["Cy Dunn"]
    assert names(cli.json("list", "--search", "head of")) == ["Zoë Ó Briain"]
    assert names(cli.json("list", "--search", "diaz")) == ["Álvaro Díaz"]
    assert names(cli.json("list", "-s", "contoso.example")) == ["Jane Doe"]
    assert names(cli.json("list", "--search", "invest")) == ["Álvaro Díaz", "Jane Doe"]
    assert cli.json("list", "--search", "nobody-matches-this") == []


def test_list_dormant(cli: Any, crowd: dict[str, Json]) -> None:
    # today - 90d = 2026-08-22: Álvaro (met that day) is dormant, Bo (a day later) is not;
    # Zoë's last touch (2026-05-01) counts, Cy's recent touch keeps him out.
    assert names(cli.json("list", "--dormant", "90d")) == ["Álvaro Díaz", "Zoë Ó Briain"]
    assert names(cli.json("list", "--dormant", "89")) == ["Álvaro Díaz", "Bo Chen", "Zoë Ó Briain"]
    assert names(cli.json("list", "--dormant", "6m")) == ["Zoë Ó Briain"]
    rows = cli.json("list", "--dormant", "90d")
    assert [r["last_touch_on"] for r in rows] == [None, "2026-05-01"]


def test_list_search_finds_a_company_written_with_accents(
    cli: Any, add_contact: AddContact
) -> None:
    add_contact("Ann Lee", company="Société Générale")
    assert names(cli.json("list", "--search", "Société")) == ["Ann Lee"]
    assert names(cli.json("list", "--search", "societe")) == ["Ann Lee"]


def test_list_bad_filters_are_refused(cli: Any, crowd: dict[str, Json]) -> None:
    refused(cli("list", "--pile", "hot"), "Unknown pile 'hot'.", "target, connector, general")
    refused(cli("list", "--event", "rustconf"), "No event matches 'rustconf'.")
    refused(cli("list", "--dormant", "soon"), "'soon' is not a span of time.")


# --- edit, tag, archive, delete ------------------------------------------------------------


def test_edit(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe", company="Contoso", title="CTO", pile="target", phone="519 555 0101")
    add_contact("Sam Lee")
    edited = cli.json("edit", "jane", "--title", "VP Engineering", "--company", "Contoso Ltd")
    assert (edited["title"], edited["company"]) == ("VP Engineering", "Contoso Ltd")
    out = flat(cli.ok("edit", "jane", "--cadence", "45d").stdout)
    assert "Updated #1 Jane Doe (VP Engineering, Contoso Ltd) — target" in out
    detail = cli.json("show", "jane")
    assert detail["cadence_days"] == 45
    assert "every 45 days (own)" in flat(cli.ok("show", "jane").stdout)
    cli.ok("edit", "jane", "--cadence", "default")
    assert cli.json("show", "jane")["cadence_days"] == 30

    cleared = cli.json("edit", "jane", "--title", "", "--met", "2026-10-01")
    assert (cleared["title"], cleared["company"], cleared["met_on"]) == (
        None,
        "Contoso Ltd",
        "2026-10-01",
    )
    cli.ok("edit", "jane", "--introduced-by", "sam", "--add-email", "jane@contoso.example")
    cli.ok("edit", "jane", "--remove-phone", "(519) 555-0101", "--add-phone", "+44 20 7946 0958")
    detail = cli.json("show", "jane")
    assert detail["introduced_by"] == "Sam Lee"
    assert detail["emails"] == ["jane@contoso.example"]
    assert detail["phones"] == ["+442079460958"]
    renamed = cli.json("edit", "jane", "--name", "Jane Doe-Smith")
    assert renamed["name"] == "Jane Doe-Smith"
    assert names(cli.json("list")) == ["Jane Doe-Smith", "Sam Lee"]


def test_tag_adds_and_removes(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe", tag="student")
    tagged = cli.json("tag", "jane", "+investor", "-student", "Data  Eng")
    assert tagged["tags"] == ["data-eng", "investor"]
    assert "Tagged #1 Jane Doe · tags: data-eng, investor" in flat(
        cli.ok("tag", "jane", "-unused").stdout
    )
    assert names(cli.json("list", "--tag", "investor")) == ["Jane Doe"]
    assert cli.json("list", "--tag", "student") == []
    refused(cli("tag", "jane", "+"), "A tag is empty.")
    assert cli.json("show", "jane")["tags"] == ["data-eng", "investor"]


@pytest.mark.parametrize("tag", ["fintech", "healthcare", "phd"])
def test_tag_removes_a_tag_with_an_h_in_it(cli: Any, add_contact: AddContact, tag: str) -> None:
    """`-h` is the help flag: a removal like -fintech must not be read as -f -i -n -t -e -c -h."""
    add_contact("Jane Doe", tag=tag)
    result = cli("tag", "jane", f"-{tag}", "+investor")
    assert_clean(result)
    assert result.exit_code == 0, result.output
    assert "Usage:" not in result.output
    assert "Tagged #1 Jane Doe · tags: investor" in flat(result.stdout)
    assert cli.json("show", "jane")["tags"] == ["investor"]


def test_show_says_connected_for_a_date_without_a_meeting(
    cli: Any, add_contact: AddContact
) -> None:
    """An imported "Connected On" date is a connection, not a meeting; untriaged is no pile."""
    add_contact("Ann Lee", met="2025-07-29")
    out = flat(cli.ok("show", "ann").stdout)
    assert "Connected 2025-07-29" in out and "Met " not in out
    assert "Cadence every 180 days (untriaged: the default)" in out
    assert "general pile" not in out and "First met" not in out
    timeline = cli.json("show", "ann")["timeline"]
    assert [(t["kind"], t["text"]) for t in timeline] == [("connected", "Connected")]


def test_one_person_triaged_is_worded_in_the_singular(cli: Any, add_contact: AddContact) -> None:
    add_contact("Ann Lee")
    cli.ok("triage", input="1")
    assert cli.json("history")[0]["summary"] == "triaged 1 person"


def test_undo_of_a_change_that_does_not_exist_points_to_history(cli: Any) -> None:
    result = cli("undo", "99999")
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "There is no change #99999." in said and "`followthru history`" in said
    assert "later change" not in said


def test_archive_and_undo(cli: Any, add_contact: AddContact) -> None:
    cli.ok("event", "add", "PyData London 2026", "--date", "2026-11-14")
    add_contact("Jane Doe", event="PyData London 2026", pile="target")
    add_contact("Sam Lee")
    assert "Archived #1 Jane Doe" in cli.ok("archive", "jane").stdout
    assert names(cli.json("list")) == ["Sam Lee"]
    rows = by_name(cli.json("list", "--archived"))
    assert rows["Jane Doe"]["archived"] is True
    assert rows["Sam Lee"]["archived"] is False
    assert cli.json("event", "show", "pydata")["people"] == 0
    # Still found by name when nobody active matches.
    assert cli.json("show", "jane")["archived"] is True
    assert "Restored #1 Jane Doe" in cli.ok("archive", "jane", "--undo").stdout
    assert names(cli.json("list")) == ["Jane Doe", "Sam Lee"]
    assert cli.json("event", "show", "pydata")["people"] == 1


def test_delete_asks_first(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe", email="jane@example.com")
    add_contact("Sam Lee")
    cli.ok("promise", "jane", "lunch")
    cli.ok("log", "jane", "--kind", "connect", "--with", "sam", "intro")

    declined = cli("delete", "jane", input="n\n")
    assert_clean(declined)
    assert declined.exit_code == 1
    assert "Delete #1 Jane Doe (jane@example.com) with all their touches" in flat(declined.stdout)
    assert "Aborted" in declined.output
    assert names(cli.json("list")) == ["Jane Doe", "Sam Lee"]
    assert len(cli.json("promises")) == 1

    accepted = cli.ok("delete", "jane", input="y\n")
    assert "Deleted #1 Jane Doe (jane@example.com)" in flat(accepted.stdout)
    assert names(cli.json("list", "--archived")) == ["Sam Lee"]
    assert cli.json("promises", "--all") == []
    refused(cli("show", "jane@example.com"), "No contact matches 'jane@example.com'.")
    # Sam keeps the introduction on his timeline; the other side is gone.
    sam = cli.json("show", "sam")
    (touch,) = [t for t in sam["timeline"] if t["kind"] == "touch"]
    assert (touch["touch_kind"], touch["with"]) == ("connect", None)


def test_delete_with_yes_does_not_ask(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe")
    add_contact("Sam Lee")
    result = cli.ok("delete", "sam", "--yes")
    assert "[y/N]" not in result.output
    assert "Deleted #2 Sam Lee" in flat(result.stdout)
    assert names(cli.json("list")) == ["Jane Doe"]
    cli.ok("delete", "#1", "-y")
    assert cli.json("list", "--archived") == []


# --- name lookup ---------------------------------------------------------------------------


def test_lookup_by_accentless_name_prefix_word_email_and_number(
    cli: Any, add_contact: AddContact
) -> None:
    jose = add_contact("José Núñez", email="jose@example.com")
    jane = add_contact("Jane Doe")
    add_contact("Jane Doeson")
    for ref in ("jose", "JOSE NUNEZ", "josé núñez", "núñ", "nunez", "jose@example.com"):
        assert cli.json("show", ref)["id"] == jose["id"], ref
    assert cli.json("show", f"#{jose['id']}")["name"] == "José Núñez"
    # An exact name wins over a longer name it is the start of.
    assert cli.json("show", "jane doe")["id"] == jane["id"]
    assert cli.json("show", "JANE DOES")["name"] == "Jane Doeson"
    logged = cli.json("log", "nunez", "--kind", "checkin", "hola")
    assert logged["contact"] == "José Núñez"


def test_ambiguous_name_lists_the_candidates(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe", company="Contoso", email="jane@example.com")
    add_contact("Jane Smith")
    err = refused(cli("show", "jane"), "'jane' matches 2 contacts:")
    assert "#1 Jane Doe (Contoso, jane@example.com)" in err
    assert "#2 Jane Smith" in err
    assert "Use more of the name, an e-mail address, or the #ID" in err
    assert cli.json("show", "jane s")["name"] == "Jane Smith"
    # An archived namesake does not make the name ambiguous.
    cli.ok("archive", "jane smith")
    assert cli.json("show", "jane")["name"] == "Jane Doe"


def test_ambiguous_name_shows_at_most_ten_candidates(cli: Any, add_contact: AddContact) -> None:
    for index in range(12):
        add_contact(f"Jane {chr(ord('A') + index)}son")
    err = refused(cli("log", "jane", "hi"), "'jane' matches 12 contacts:")
    assert "#1 Jane Ason" in err
    assert "#10 Jane Json" in err
    assert "Jane Kson" not in err
    assert "… and 2 more" in err
    assert all(r["last_touch_on"] is None for r in cli.json("list"))


def test_names_are_shown_as_typed_not_as_markup(cli: Any) -> None:
    out = flat(cli.ok("add", "[bold]Evil[/] Corp", "--company", "[red]x[/red]").stdout)
    assert "Added #1 [bold]Evil[/] Corp ([red]x[/red])" in out
    assert "[bold]Evil[/] Corp #1 untriaged" in flat(cli.ok("show", "#1").stdout)


def test_unknown_number_is_refused(cli: Any, add_contact: AddContact) -> None:
    add_contact("Jane Doe")
    refused(cli("show", "#42"), "No contact matches '#42'.")
    refused(cli("show", "nobody@example.com"), "No contact matches 'nobody@example.com'.")


# --- bad input: exit 2, one message, no traceback, nothing written ---------------------------


@pytest.fixture
def seeded(ctx: Any) -> dict[str, Any]:
    """A small network made through the services, so each bad-input case starts fast."""
    from followthru.services import contacts, events, promises, touches

    events.add(ctx, "PyData London 2026", held_on=date(2026, 11, 14), where="London")
    contacts.add(
        ctx,
        contacts.NewContact(
            name="Jane Doe",
            emails=["jane@example.com"],
            phones=["+1 519 555 0101"],
            company="Contoso",
            event="PyData London 2026",
            pile="target",
            tags=["investor"],
        ),
        today=TODAY,
    )
    contacts.add(ctx, contacts.NewContact(name="Jane Smith", pile="connector"), today=TODAY)
    contacts.add(ctx, contacts.NewContact(name="Sam Lee"), today=TODAY)
    touches.log(
        ctx,
        "jane doe",
        via="email",
        kind="content",
        summary="article",
        on=date(2026, 11, 15),
        today=TODAY,
    )
    promises.add(ctx, "jane doe", "lunch", owner="both", due=date(2026, 12, 1), today=TODAY)
    return {
        "rows": [
            r.as_json()
            for r in contacts.listing(ctx, contacts.ListQuery(include_archived=True), today=TODAY)
        ],
        "promises": [p.as_json() for p in promises.listing(ctx, today=TODAY, include_closed=True)],
        "events": [e.as_json() for e in events.listing(ctx)],
        "dump": dump(ctx),
    }


UNKNOWN = "No contact matches"
AMBIGUOUS = "'jane' matches 2 contacts:"
NOT_A_DATE = "is not a date."
BAD_EMAIL = "is not a valid e-mail address."
BAD_PHONE = "phone number"

BAD_INPUT: list[tuple[str, list[str], str]] = [
    # unknown contact
    ("unknown-show", ["show", "nobody"], f"{UNKNOWN} 'nobody'."),
    ("unknown-log", ["log", "nobody", "hi"], f"{UNKNOWN} 'nobody'."),
    ("unknown-log-with", ["log", "sam", "--kind", "connect", "--with", "nobody"], UNKNOWN),
    ("unknown-promise", ["promise", "nobody", "lunch"], f"{UNKNOWN} 'nobody'."),
    ("unknown-edit", ["edit", "nobody", "--title", "CEO"], UNKNOWN),
    ("unknown-tag", ["tag", "nobody", "+vip"], UNKNOWN),
    ("unknown-pile", ["pile", "nobody", "target"], UNKNOWN),
    ("unknown-archive", ["archive", "nobody"], UNKNOWN),
    ("unknown-delete", ["delete", "nobody", "--yes"], UNKNOWN),
    ("unknown-id", ["log", "#99", "hi"], f"{UNKNOWN} '#99'."),
    ("unknown-introducer", ["add", "Ann Lee", "--introduced-by", "nobody"], UNKNOWN),
    (
        "unknown-introducer-new-event",
        ["add", "Ann Lee", "--event", "Brand New Conf", "--introduced-by", "nobody"],
        UNKNOWN,
    ),
    # ambiguous name
    ("ambiguous-log", ["log", "jane", "hi"], AMBIGUOUS),
    ("ambiguous-promise", ["promise", "jane", "lunch"], AMBIGUOUS),
    ("ambiguous-with", ["log", "sam", "--kind", "connect", "--with", "jane"], AMBIGUOUS),
    ("ambiguous-edit", ["edit", "jane", "--title", "CEO"], AMBIGUOUS),
    ("ambiguous-tag", ["tag", "jane", "+vip"], AMBIGUOUS),
    ("ambiguous-pile", ["pile", "jane", "general"], AMBIGUOUS),
    ("ambiguous-archive", ["archive", "jane"], AMBIGUOUS),
    ("ambiguous-delete", ["delete", "jane", "--yes"], AMBIGUOUS),
    ("ambiguous-introducer", ["add", "Ann Lee", "--introduced-by", "jane"], AMBIGUOUS),
    # impossible dates
    *(
        (f"date-{cmd}-{raw}", [*args, raw], f"'{raw}' {NOT_A_DATE}")
        for raw in ("32/13/2026", "2026-13-40")
        for cmd, args in (
            ("log", ["log", "jane doe", "hi", "--on"]),
            ("promise", ["promise", "jane doe", "lunch", "--due"]),
            ("add", ["add", "Ann Lee", "--met"]),
            ("edit", ["edit", "jane doe", "--met"]),
            ("event", ["event", "add", "RustConf", "--date"]),
        )
    ),
    # malformed e-mail
    ("email-no-at", ["add", "Ann Lee", "--email", "ann.example.com"], BAD_EMAIL),
    ("email-no-dot", ["add", "Ann Lee", "--email", "ann@example"], BAD_EMAIL),
    ("email-space", ["add", "Ann Lee", "--email", "ann lee@example.com"], BAD_EMAIL),
    ("email-only-bad", ["add", "--email", "not-an-email"], BAD_EMAIL),
    ("email-second-bad", ["add", "Ann", "--email", "a@example.com", "--email", "b@"], BAD_EMAIL),
    ("email-edit", ["edit", "jane doe", "--add-email", "jane@@example.com"], BAD_EMAIL),
    # malformed phone
    ("phone-short", ["add", "Ann Lee", "--phone", "12"], BAD_PHONE),
    ("phone-words", ["add", "Ann Lee", "--phone", "call me maybe"], BAD_PHONE),
    ("phone-edit", ["edit", "jane doe", "--add-phone", "abc"], BAD_PHONE),
    # unknown pile, channel, kind, owner
    ("pile-add", ["add", "Ann Lee", "--pile", "hot"], "Unknown pile 'hot'."),
    ("pile-set", ["pile", "jane doe", "hot"], "Unknown pile 'hot'."),
    ("pile-untriaged", ["pile", "jane doe", "untriaged"], "Unknown pile 'untriaged'."),
    ("channel", ["log", "jane doe", "--via", "fax", "hi"], "Unknown channel 'fax'."),
    ("kind", ["log", "jane doe", "--kind", "pitch", "hi"], "Unknown kind of touch 'pitch'."),
    ("owner", ["promise", "jane doe", "lunch", "--owner", "santa"], "Unknown owner 'santa'."),
    # other refusals
    ("no-name", ["add", "--company", "Contoso"], "A contact needs a name or an e-mail address."),
    ("dup-email-no-name", ["add", "--email", "JANE@example.com"], "already belongs to #1"),
    ("connect-without-with", ["log", "sam", "--kind", "connect", "hi"], "--with NAME"),
    ("with-without-connect", ["log", "sam", "--with", "jane doe", "hi"], "--kind connect"),
    ("connect-self", ["log", "sam", "--kind", "connect", "--with", "sam lee"], "two different"),
    ("promise-empty", ["promise", "jane doe", "   "], "needs to say what was promised"),
    ("event-duplicate", ["event", "add", "PYDATA LONDON 2026"], "already an event"),
    ("event-unknown", ["event", "show", "rustconf"], "No event matches 'rustconf'."),
    ("tag-none", ["tag", "jane doe", "-"], "A tag is empty."),
    # an edit is all or nothing: the title change before the failing part is not kept
    (
        "edit-remove-unknown-email",
        ["edit", "jane doe", "--title", "CEO", "--remove-email", "nope@example.com"],
        "Jane Doe has no e-mail nope@example.com.",
    ),
    (
        "edit-remove-unknown-phone",
        ["edit", "jane doe", "--title", "CEO", "--remove-phone", "+44 20 7946 0958"],
        "Jane Doe has no phone +442079460958.",
    ),
    ("edit-empty-name", ["edit", "sam", "--name", "  "], "name cannot be empty"),
    ("edit-cadence-zero", ["edit", "sam", "--cadence", "0d"], "at least one day"),
    ("edit-cadence-words", ["edit", "sam", "--cadence", "often"], "not a span of time"),
    ("edit-self-intro", ["edit", "sam", "--introduced-by", "sam"], "Nobody introduces"),
]


@pytest.mark.parametrize(
    ("args", "message"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_is_refused_and_nothing_is_written(
    cli: Any, ctx: Any, seeded: dict[str, Any], args: list[str], message: str
) -> None:
    result = cli(*args)
    err = refused(result, message)
    if message == AMBIGUOUS:
        assert "Jane Doe" in err
        assert "Jane Smith" in err
    assert cli.json("list", "--archived") == seeded["rows"]
    assert cli.json("promises", "--all") == seeded["promises"]
    assert cli.json("event", "list") == seeded["events"]
    assert dump(ctx) == seeded["dump"]
