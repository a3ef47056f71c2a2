"""The detector on the kinds of note people really write: clock deadlines, day-first dates,
several promises a note, headings, false alarms, chat shorthand, both sides' people, and
promises reported as not kept. Sentences here are not in the labelled sets."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from followthru.domain.commitments import detect
from followthru.domain.vocab import Owner

TODAY = date(2026, 11, 20)  # a Friday
KINDS_DEV = Path(__file__).resolve().parents[2] / "bench" / "data" / "commitments-kinds-dev.jsonl"


def heard(text: str) -> list[tuple[Owner, date | None]]:
    return [(c.owner, c.due) for c in detect(text, today=TODAY)]


@pytest.mark.parametrize(
    "text",
    [
        "I'll send Ruth the price list by 2pm.",
        "Will call the caterer back before noon",
        "She'll get the lease back to us by 5:15.",
        "I'll reply to Enzo this arvo.",
        "Need to sign the NDA by half four",
        "I'll post the minutes within the hour.",
        "Get the specs to Moritz by close of play",
    ],
)
def test_clock_deadlines_fall_due_today(text: str) -> None:
    assert heard(text)[0][1] == TODAY


def test_a_named_day_wins_over_a_clock_time() -> None:
    assert heard("I'll call Ivo at 4pm on Thursday.") == [(Owner.ME, date(2026, 11, 26))]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'll send the budget by 09.12.2026.", date(2026, 12, 9)),
        ("Will chase the deposit on 3.12", date(2026, 12, 3)),
        ("He'll ship the parts by 21-01-27.", date(2027, 1, 21)),
        ("I'll call Noa Thursday week.", date(2026, 12, 3)),
        ("I'll ping Sven after three weeks.", date(2026, 12, 11)),
        ("Will book the hall within the fortnight.", date(2026, 12, 4)),
        ("I'll send the plan at the end of Q2.", date(2027, 6, 30)),
    ],
)
def test_day_first_and_relative_dates(text: str, due: date) -> None:
    assert heard(text)[0][1] == due


@pytest.mark.parametrize(
    "text",
    [
        "I'll send it by 4.30 today.",  # a time, not 4 March
        "We raised 3.5 million, I'll send the deck tomorrow.",  # an amount, not a date
    ],
)
def test_dotted_numbers_that_are_not_dates(text: str) -> None:
    assert heard(text)[0][1] in (TODAY, date(2026, 11, 21))


def test_several_promises_each_with_owner_and_date() -> None:
    text = "Review notes \u2013 18 Nov. I'll send the brief Monday; Ada will reply by Wednesday."
    assert heard(text) == [(Owner.ME, date(2026, 11, 23)), (Owner.THEM, date(2026, 11, 25))]


@pytest.mark.parametrize(
    "text",
    [
        "Meeting notes \u2013 2 Dec",
        "Call notes: Vera, Lumen AG. Mostly small talk.",
        "Follow-up \u2013",
        "Thank you for hosting us on Wednesday!",
        "I'll admit their product is better than ours.",
        "Sheer will power got him through the raise.",
        "Presumably they'll expand to Spain next year.",
        "His twins turn ten on Sunday.",
        "Coffee with Jana \u2013 13 Nov. Nice but nothing to follow up.",
        "I promised to send her the paper and did, she loved it.",
    ],
)
def test_false_alarms_and_headings_are_not_promises(text: str) -> None:
    assert heard(text) == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("brunch sat?", date(2026, 11, 21)),
        ("fancy a coffee next tues?", date(2026, 11, 24)),
        ("Moved dinner with Aiko to Thursday.", date(2026, 11, 26)),
        ("Rescheduled our call to the 3rd.", date(2026, 12, 3)),
        ("Our weekly call is now on Tuesday.", date(2026, 11, 24)),
    ],
)
def test_chat_shorthand_and_moved_plans_are_joint(text: str, due: date) -> None:
    assert heard(text)[0] == (Owner.BOTH, due)


def test_questions_without_a_plan_stay_questions() -> None:
    assert heard("coffee?") == [] and heard("Will they renew?") == []


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Their head of sales will send the contract.", Owner.THEM),
        ("The partner will revert on the scope.", Owner.THEM),
        ("My colleague Ines will send them the invoice.", Owner.ME),
        ("Our legal team will send the redlines.", Owner.ME),
        ("My co-founder will call her on Monday.", Owner.ME),
    ],
)
def test_each_sides_people(text: str, owner: Owner) -> None:
    assert heard(text)[0][0] == owner


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Promised to send Lea the slides on Wednesday, never did.", date(2026, 11, 18)),
        ("I was supposed to call Omar yesterday but didn't.", date(2026, 11, 19)),
        ("Forgot to email Kai the link like I said I would.", None),
        ("Still haven't sent Rui the intro I promised last week.", date(2026, 11, 13)),
    ],
)
def test_unkept_promises_are_mine_open_and_overdue(text: str, due: date | None) -> None:
    found = detect(text, today=TODAY)
    assert [(c.owner, c.due) for c in found] == [(Owner.ME, due)]
    assert "not kept" in found[0].note


def test_each_promise_names_its_rule() -> None:
    rules = [c.rule for c in detect("I'll send it. Let's meet Monday. coffee thurs?", today=TODAY)]
    assert rules == ["will", "let_us", "shorthand_plan"]


def test_kinds_dev_set_precision_and_recall() -> None:
    rows = [json.loads(line) for line in KINDS_DEV.read_text(encoding="utf-8").splitlines()]
    found = [(bool(detect(row["text"], today=TODAY)), row["promise"]) for row in rows]
    tp = sum(f and w for f, w in found)
    assert tp / sum(f for f, _ in found) >= 0.95
    assert tp / sum(w for _, w in found) >= 0.95


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "by",
                "at",
                "3pm",
                "noon",
                "half",
                "three",
                "15.01.2027",
                "03/12",
                "21-01-27",
                "never",
                "did",
                "forgot",
                "to",
                "promised",
                "I'll",
                "coffee",
                "thurs",
                "?",
                "\u2013",
                ":",
                "notes",
                "thank",
                "you",
                "our",
                "my",
                "colleague",
                "their",
                "CTO",
                "last",
                "week",
                "ago",
                "Monday",
                "week",
                "fortnight",
                "Q1",
                "and",
                ",",
                ".",
            ]
        ),
        max_size=25,
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
)
def test_never_raises_on_the_new_forms(words: list[str], today: date) -> None:
    text = " ".join(words)
    for commitment in detect(text, today=today):
        assert 0 <= commitment.span[0] <= commitment.span[1] <= len(text)


def test_extract_explains_the_rule(config_file: Any) -> None:
    from followthru.cli.main import app

    notes = "Promised to call him back last Tuesday, never did.\n"
    result = CliRunner().invoke(app, ["extract", "--today", "2026-11-20", "--explain"], input=notes)
    assert result.exit_code == 0, result.output
    (promise,) = json.loads(result.stdout)["promises"]
    assert (promise["owner"], promise["due"], promise["rule"]) == ("me", "2026-11-17", "committed")
    assert promise["note"] == "reported as not kept: overdue"


@pytest.mark.parametrize(
    ("order", "due"),
    [("dmy", date(2027, 4, 3)), ("mdy", date(2027, 3, 4)), ("auto", date(2027, 3, 4))],
)
def test_date_order_reads_numeric_dates(order: str, due: date) -> None:
    found = detect("I'll send the plan by 03/04.", today=TODAY, date_order=order)
    assert found[0].due == due
    dotted = detect("I'll send the plan by 03.04.", today=TODAY, date_order=order)
    assert dotted[0].due == date(2027, 4, 3)  # dots are always day first


def test_date_order_setting_reaches_extract(config_file: Any, monkeypatch: Any) -> None:
    from followthru.cli.main import app

    monkeypatch.setenv("FOLLOWTHRU_DATE_ORDER", "dmy")
    result = CliRunner().invoke(app, ["extract", "--today", "2026-11-20"], input="Call Al 03/04\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["promises"][0]["due"] == "2027-04-03"


def test_note_files_an_unkept_promise_as_overdue(cli: Any, add_contact: Any) -> None:
    add_contact("Hal Berg")
    written = cli.json("note", "hal", "Promised to call him back last Tuesday, never did.")
    [promise] = written["promises"]
    assert (promise["owner"], promise["due"]) == ("me", "2026-11-17")
    assert "not kept" in promise["what"]


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("I'll send Ruth the price list by 2pm.", time(14)),
        ("Need to sign the NDA by half four", time(16, 30)),
        ("Drinks with Oda tonight at 7", time(19)),
        ("Will call the caterer back before noon", time(12)),
        ("I'll call Ivo at 10:15am on Thursday.", time(10, 15)),
        ("I'll reply to Enzo this arvo.", None),
        ("Let's do lunch on Friday.", None),
    ],
)
def test_clock_times_are_kept_for_the_calendar(text: str, at: time | None) -> None:
    assert detect(text, today=TODAY)[0].at == at
