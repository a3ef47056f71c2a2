"""The follow-up engine through the CLI: small hand-built networks whose right answer is known.

Every test builds a handful of people with `add`, `event add`, `log --on` and `promise --due`,
then checks the plans (`today`, `why`, `week`, `session`, `draft`, `intros`, `share`,
`calendar`, `stats`) against what the method in docs/guide.md says they must be.
Today is Friday 2026-11-20 unless a test says otherwise; its week starts on 2026-11-16.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from followthru.domain import scoring
from followthru.domain.vocab import Owner

TODAY = "2026-11-20"
EVENT = "PyData London 2026"


# ---------------------------------------------------------------- helpers


def run(cli: Any, *args: str, today: str = TODAY) -> Any:
    """Run a command as if today were `today`, and insist that it succeeded."""
    result = cli(*args, today=today)
    assert result.exit_code == 0, f"{args} exited {result.exit_code}:\n{result.output}"
    return result


def run_json(cli: Any, *args: str, today: str = TODAY) -> Any:
    return json.loads(run(cli, *args, "--json", today=today).stdout)


def promise(cli: Any, who: str, what: str, *extra: str, made: str = TODAY) -> int:
    """Record a promise (made on `made`) and return its id."""
    made_one: dict[str, Any] = run_json(cli, "promise", who, what, *extra, today=made)
    return int(made_one["id"])


def session_json(cli: Any, *args: str) -> Any:
    """`session … --json`, read from its last line: with -o it also reports the file written
    (see test_session_json_with_output_file_is_only_json for that on its own)."""
    result = cli.ok("session", *args, "--json")
    return json.loads(result.stdout.strip().splitlines()[-1])


def names(items: list[dict[str, Any]]) -> list[str]:
    return [i["contact"] for i in items]


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["contact"]: i for i in items}


def first_name(full: str) -> str:
    return full.split()[0]


def set_config(cli: Any, **values: str) -> None:
    """config.set("week.light", ...) with dots written as double underscores."""
    for key, value in values.items():
        cli.ok("config", "set", key.replace("__", "."), value)


def build_today_network(cli: Any, add_contact: Any) -> None:
    """A network whose `today` is known exactly (see test_today_order)."""
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact(
        "Tara Target",
        event=EVENT,
        pile="target",
        note="talked about pipeline costs",
        email="tara@example.com",
    )  # follow-up due 11-20
    add_contact("Conn Connector", event=EVENT, pile="connector")  # follow-up due 11-25
    add_contact("Gene General", event=EVENT, pile="general")  # never a follow-up
    for who in ("Mia Mine", "Bo Both", "Theo Theirs"):
        add_contact(who, pile="general", met="2026-03-01")
    promise(cli, "mia", "send the deck", "--due", "2026-11-19")
    promise(cli, "bo", "lunch", "--due", "2026-11-20", "--owner", "both")
    promise(cli, "theo", "an intro to their CFO", "--due", "2026-11-10", "--owner", "them")
    promise(cli, "mia", "a demo next month", "--due", "2026-12-15")  # not due: not today
    # Reconnect candidates, last touched 102, 120 and 150 days ago; one too old, one too new.
    add_contact("Rex Recent", pile="target", met="2026-06-01")
    cli.ok("log", "rex", "--on", "2026-08-10", "coffee, talked about their hiring plans")
    add_contact("Cleo Middle", pile="connector", met="2026-06-01")
    cli.ok("log", "cleo", "--on", "2026-07-23")
    add_contact("Gail Longago", pile="general", met="2026-05-01")
    cli.ok("log", "gail", "--on", "2026-06-23")
    add_contact("Olga Old", pile="connector", met="2026-01-01")
    cli.ok("log", "olga", "--on", "2026-04-01")  # 233 days: past the window
    add_contact("Yves Yesterday", pile="connector", met="2026-06-01")
    cli.ok("log", "yves", "--on", "2026-11-19")  # touched yesterday: not a reconnect


# ---------------------------------------------------------------- today


def test_today_order_promises_followups_reconnects(cli: Any, add_contact: Any) -> None:
    build_today_network(cli, add_contact)
    plan = cli.json("today", "--n", "2")
    assert plan["date"] == TODAY
    items = plan["items"]
    assert names(items) == [
        "Mia Mine",  # my promise, 1 day late
        "Bo Both",  # joint promise, due today
        "Theo Theirs",  # theirs, 10 days late: still after mine and joint ones
        "Tara Target",  # target: follow-up due 2 days after the event
        "Conn Connector",  # connector: due 7 days after
        "Rex Recent",  # the best reconnect
        "Cleo Middle",  # the second; --n 2 leaves Gail out
    ]
    assert [i["section"] for i in items] == ["promise"] * 3 + ["follow-up"] * 2 + ["reconnect"] * 2
    assert [i["number"] for i in items] == list(range(1, 8))
    for item in items:
        assert item["why"]
        assert item["action"]
        assert item["via"] in {"email", "call", "meeting", "message", "linkedin", "in-person"}
        assert first_name(item["contact"]) in item["draft"]
    mine, both, theirs, tara, conn, rex, cleo = items
    assert (mine["due"], both["due"], theirs["due"]) == ("2026-11-19", "2026-11-20", "2026-11-10")
    assert "send the deck" in mine["why"] and "1 day late" in mine["why"]
    assert "attached the deck" in mine["draft"]
    assert "lunch" in both["draft"]
    assert "the intro to your CFO" in theirs["draft"]
    assert "10 days late" in theirs["why"]
    assert all(i["action"] == "promise" for i in (mine, both, theirs))
    assert (tara["due"], tara["action"], tara["via"]) == ("2026-11-20", "checkin", "email")
    # Connectors hear from us on LinkedIn, but Conn has no profile, e-mail or phone: in person.
    assert (conn["due"], conn["action"], conn["via"]) == ("2026-11-25", "checkin", "in-person")
    assert EVENT in tara["why"] and EVENT in tara["draft"]
    assert "pipeline costs" in tara["draft"]
    assert "102 days" in rex["why"] and "120 days" in cleo["why"]
    assert rex["action"] == cleo["action"] == "reconnect"
    assert rex["score"] > cleo["score"]
    assert "hiring plans" in rex["draft"]
    # An open promise comes before anything without one.
    assert min(i["score"] for i in items[:3]) > max(i["score"] for i in items[3:])


def test_today_reconnect_count_default_and_config(cli: Any, add_contact: Any) -> None:
    build_today_network(cli, add_contact)
    reconnects = [i for i in cli.json("today")["items"] if i["section"] == "reconnect"]
    assert names(reconnects) == ["Rex Recent", "Cleo Middle", "Gail Longago"]  # 3 by default
    assert [i["number"] for i in reconnects] == [6, 7, 8]
    set_config(cli, reconnect__per_day="1")
    reconnects = [i for i in cli.json("today")["items"] if i["section"] == "reconnect"]
    assert names(reconnects) == ["Rex Recent"]
    zero = cli.json("today", "--n", "0")["items"]
    assert [i["section"] for i in zero] == ["promise"] * 3 + ["follow-up"] * 2
    everyone = names(cli.json("today", "--n", "10")["items"])
    for absent in ("Gene General", "Yves Yesterday"):
        assert absent not in everyone
    # Past six months is still a reconnect, after the 3-6-month band.
    assert everyone[-2:] == ["Gail Longago", "Olga Old"]
    bare = cli.json("today", "--no-drafts")["items"]
    assert len(bare) == 6  # 3 promises, 2 follow-ups, 1 reconnect (per_day is now 1)
    assert all(i["draft"] is None for i in bare)


def test_touched_yesterday_is_not_a_reconnect(cli: Any, add_contact: Any) -> None:
    add_contact("Rita Quiet", pile="connector", met="2026-05-01")
    cli.ok("log", "rita", "--on", "2026-07-23")
    assert names(cli.json("today")["items"]) == ["Rita Quiet"]
    cli.ok("log", "rita", "--on", "2026-11-19", "--inbound")
    assert cli.json("today")["items"] == []


def test_reconnect_window_bounds_are_inclusive(cli: Any, add_contact: Any) -> None:
    for who, last in (
        ("Ann Eightynine", "2026-08-23"),  # 89 days
        ("Bob Ninety", "2026-08-22"),  # 90 days
        ("Cat Oneeighty", "2026-05-24"),  # 180 days
        ("Dan Oneeightyone", "2026-05-23"),  # 181 days
    ):
        add_contact(who, pile="general", met="2026-01-01")
        cli.ok("log", who, "--on", last)
    # Bob and Cat in the 3-6-month band (the most recently in touch first), then Dan.
    assert names(cli.json("today")["items"]) == ["Bob Ninety", "Cat Oneeighty", "Dan Oneeightyone"]
    set_config(cli, reconnect__min_days="80", reconnect__max_days="100")
    assert names(cli.json("today")["items"]) == ["Ann Eightynine", "Bob Ninety", "Cat Oneeighty"]


def test_followup_windows_and_first_outbound_touch(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact("Tara Target", event=EVENT, pile="target")
    add_contact("Conn Connector", event=EVENT, pile="connector")
    add_contact("Gene General", event=EVENT, pile="general")
    add_contact("Una Untriaged", event=EVENT)
    plan = cli.json("today")
    followups = plan["items"]
    assert names(followups) == ["Tara Target", "Conn Connector"]
    assert plan["untriaged"] == {EVENT: 1}  # Una gets no follow-up until she is triaged
    assert "first follow-up due today" in followups[0]["why"]
    assert "first follow-up due in 5 days" in followups[1]["why"]
    # A reply from them is not a follow-up from us; a message from us is.
    cli.ok("log", "conn", "--inbound", "--via", "linkedin", "--on", "2026-11-19")
    cli.ok("log", "tara", "--on", "2026-11-19", "thanks for the chat")
    assert names(cli.json("today")["items"]) == ["Conn Connector"]
    # Two weeks after the event nobody is fresh any more; the day after, Conn still is.
    assert names(run_json(cli, "today", today="2026-12-02")["items"]) == ["Conn Connector"]
    assert run_json(cli, "today", today="2026-12-03")["items"] == []


def test_target_followup_late_after_two_days(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact("Tara Target", event=EVENT, pile="target")
    items = run_json(cli, "today", today="2026-11-21")["items"]
    assert names(items) == ["Tara Target"]
    assert items[0]["due"] == "2026-11-20"
    assert "1 days late" in items[0]["why"] or "1 day late" in items[0]["why"]


def test_general_person_with_open_promise_gets_a_followup(cli: Any, add_contact: Any) -> None:
    """Guide: general people never appear after the event "unless they hold an open promise"."""
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact("Gene General", event=EVENT, pile="general")
    add_contact("Gail Promised", event=EVENT, pile="general")
    promise(cli, "gail", "send the slides", "--due", "2026-11-27")
    items = cli.json("today")["items"]
    assert names(items) == ["Gail Promised"]
    assert items[0]["section"] == "follow-up"
    assert "attached the slides" in items[0]["draft"]


def test_undated_promise_is_nudged_after_a_week(cli: Any, add_contact: Any) -> None:
    add_contact("Lou Lunch", pile="connector", met="2026-11-01")
    add_contact("Ned New", pile="connector", met="2026-11-01")
    promise(cli, "lou", "lunch", "--owner", "both", made="2026-11-10")
    promise(cli, "ned", "coffee", "--owner", "both", made="2026-11-17")
    items = cli.json("today")["items"]
    assert names(items) == ["Lou Lunch"]
    assert items[0]["section"] == "promise"
    assert "10 days ago, no date set" in items[0]["why"]
    assert items[0]["due"] is None
    assert "lunch" in items[0]["draft"]


# ---------------------------------------------------------------- pest guard


def _unanswered(cli: Any, add_contact: Any) -> None:
    add_contact("Petra Pest", pile="target", met="2026-06-01")
    cli.ok("log", "petra", "--on", "2026-07-01", "talked about the data platform")
    cli.ok("log", "petra", "--on", "2026-08-10")
    add_contact("Quinn Replied", pile="target", met="2026-06-01")
    cli.ok("log", "quinn", "--on", "2026-07-01")
    cli.ok("log", "quinn", "--on", "2026-08-08")
    cli.ok("log", "quinn", "--on", "2026-08-10", "--inbound")


def test_pest_guard_today_offers_value_not_a_checkin(cli: Any, add_contact: Any) -> None:
    _unanswered(cli, add_contact)
    items = by_name(cli.json("today")["items"])
    assert set(items) == {"Petra Pest", "Quinn Replied"}
    petra, quinn = items["Petra Pest"], items["Quinn Replied"]
    assert petra["section"] == "reconnect"
    assert petra["action"] == "content"
    assert "2 messages unanswered" in petra["why"]
    content = cli.json("draft", "petra", "--kind", "content")["text"]
    checkin = cli.json("draft", "petra", "--kind", "checkin")["text"]
    assert petra["draft"] == content
    assert petra["draft"] != checkin
    assert "Petra" in petra["draft"]
    # A reply ends it: Quinn gets an ordinary hello.
    assert quinn["action"] == "reconnect"


def test_pest_guard_cooling_down_is_left_out(cli: Any, add_contact: Any) -> None:
    add_contact("Pia Resting", pile="target", met="2026-06-01")
    cli.ok("log", "pia", "--on", "2026-11-01")
    cli.ok("log", "pia", "--on", "2026-11-05")
    cli.ok("edit", "pia", "--cadence", "7d")  # outside her cadence: only the cool-down holds her
    add_contact("Ivo Answered", pile="target", met="2026-06-01")
    cli.ok("log", "ivo", "--on", "2026-09-01")
    cli.ok("log", "ivo", "--on", "2026-09-05")
    cli.ok("log", "ivo", "--on", "2026-09-06", "--inbound")
    terms = {t["term"]: t for t in cli.json("why", "pia")["terms"]}
    assert terms["cooldown"]["value"] == -40.0
    assert "resting 15 more days" in terms["cooldown"]["fact"]
    week = cli.json("week")
    assert names(week["items"]) == ["Ivo Answered"]
    # A reply ends the cool-down at once.
    cli.ok("log", "pia", "--inbound", "--on", "2026-11-19")
    assert "cooldown" not in {t["term"] for t in cli.json("why", "pia")["terms"]}


def test_pest_guard_week_message_is_value(cli: Any, add_contact: Any) -> None:
    _unanswered(cli, add_contact)
    set_config(cli, week__deep="0", week__messages="4", week__light="0")
    items = by_name(cli.json("week")["items"])
    assert set(items) == {"Petra Pest", "Quinn Replied"}
    assert items["Petra Pest"]["action"] == "content"
    assert "give before you ask" in items["Petra Pest"]["why"]
    assert items["Petra Pest"]["draft"] == cli.json("draft", "petra", "--kind", "content")["text"]
    assert items["Quinn Replied"]["action"] == "checkin"


def test_pest_guard_week_never_hands_a_checkin_draft(cli: Any, add_contact: Any) -> None:
    """With default numbers the unanswered target lands in the deep slot; still no check-in."""
    _unanswered(cli, add_contact)
    items = by_name(cli.json("week")["items"])
    petra = items["Petra Pest"]
    checkin = cli.json("draft", "petra", "--kind", "checkin")["text"]
    assert petra["action"] != "checkin"
    assert petra["draft"] != checkin


def test_week_deeper_conversation_asks_for_a_call_or_coffee(cli: Any, add_contact: Any) -> None:
    """The deep slot's draft invites a call or a coffee; it is never a bare check-in."""
    add_contact("Dana Deep", email="dana@example.com", pile="target")
    run(cli, "log", "dana", "--via", "call", "--on", "2026-06-01", "caught up on hiring")
    set_config(cli, week__deep="1", week__messages="0", week__light="0")
    (item,) = cli.json("week")["items"]
    assert (item["contact"], item["action"]) == ("Dana Deep", "meeting")
    assert "call or a coffee" in item["draft"] and "checking in" not in item["draft"].lower()


def test_week_items_carry_the_score_and_email_today_gives(cli: Any, add_contact: Any) -> None:
    """A week item is the same person as on today's plan: the same score, the same address."""
    add_contact("Dana Deep", email="dana@example.com", pile="target", met="2026-01-05")
    set_config(cli, week__deep="1", week__messages="0", week__light="0")
    (item,) = cli.json("week")["items"]
    why = cli.json("why", "dana")
    assert item["score"] == pytest.approx(why["total"]) and item["score"] > 0
    assert item["email"] == "dana@example.com"


# ---------------------------------------------------------------- why


@pytest.mark.slow
def test_why_terms_sum_to_score_and_repeat_exactly(cli: Any, add_contact: Any) -> None:
    build_today_network(cli, add_contact)
    today = by_name(cli.json("today")["items"])
    for who, full in (("tara", "Tara Target"), ("theo", "Theo Theirs"), ("rex", "Rex Recent")):
        result = cli.json("why", who)
        assert result["contact"] == full
        assert result["date"] == TODAY
        assert sum(t["value"] for t in result["terms"]) == pytest.approx(result["total"], abs=0.01)
        assert result["total"] == pytest.approx(today[full]["score"])
        assert all(t["fact"] for t in result["terms"])
    # The weights are the scoring module's; the facts (days, piles, lateness) are ours.
    tara = {t["term"]: t["value"] for t in cli.json("why", "tara")["terms"]}
    fresh = round(scoring.FRESH_MAX * 0.5 ** (2 / scoring.FRESH_HALF_LIFE_DAYS), 2)
    assert tara == {"pile": scoring.PILE_WEIGHT["target"], "fresh": pytest.approx(fresh)}
    theo = {t["term"]: t["value"] for t in cli.json("why", "theo")["terms"]}
    late = scoring.PROMISE_BASE[Owner.THEM] + 10 * scoring.PROMISE_LATE_PER_DAY
    assert theo["promise"] == late  # theirs, 10 days late
    assert theo["pile"] == scoring.PILE_WEIGHT["general"]
    theo_later = {
        t["term"]: t["value"] for t in cli.json("why", "theo", "--today", "2026-11-21")["terms"]
    }
    assert theo_later["promise"] == late + scoring.PROMISE_LATE_PER_DAY
    rex = {t["term"]: t["value"] for t in cli.json("why", "rex")["terms"]}
    assert rex == {
        "pile": scoring.PILE_WEIGHT["target"],
        "cadence": scoring.CADENCE_MAX,
        "reconnect": scoring.RECONNECT_BAND["recent"],
    }
    tara_total = cli.json("why", "tara")["total"]
    first = run(cli, "why", "theo", "--json").stdout
    second = run(cli, "why", "theo", "--json").stdout
    assert first == second
    assert run(cli, "why", "tara").stdout == run(cli, "why", "tara").stdout
    # Another day, another freshness: the date is an input, not the clock.
    later = cli.json("why", "tara", "--today", "2026-11-24")
    assert later["date"] == "2026-11-24"
    assert later["total"] < tara_total


# ---------------------------------------------------------------- week


def _week_people(add_contact: Any) -> None:
    add_contact("Ada Target", pile="target", met="2026-01-05")
    add_contact("Ben Target", pile="target", met="2026-01-05")
    add_contact("Cal Connector", pile="connector", met="2026-01-05")
    add_contact("Dot Connector", pile="connector", met="2026-01-05")
    add_contact("Eve General", pile="general", met="2026-01-05")
    add_contact("Fay General", pile="general", met="2026-01-05")
    add_contact("Gus General", pile="general", met="2026-01-05")


def test_week_numbers_from_config_distinct_people_and_cadence(cli: Any, add_contact: Any) -> None:
    _week_people(add_contact)
    add_contact("Hal Recent", pile="target", met="2026-01-05")
    cli.ok("log", "hal", "--on", "2026-11-10")  # inside his 30-day cadence
    add_contact("Ivy Untriaged", met="2026-01-05")
    set_config(cli, week__light="3", week__messages="2", week__deep="1")
    week = cli.json("week")
    assert week["week_of"] == "2026-11-16"
    sections = [i["section"] for i in week["items"]]
    assert sections == ["deep", "message", "message", "light", "light", "light"]
    who = names(week["items"])
    assert len(set(who)) == len(who) == 6
    assert "Hal Recent" not in who
    deep = week["items"][0]
    assert deep["contact"] in {"Ada Target", "Ben Target", "Cal Connector", "Dot Connector"}
    assert deep["action"] == "meeting"
    assert deep["via"] in {"call", "in-person"}
    for item in week["items"]:
        assert item["status"] == "planned"
        if item["section"] == "light":  # nobody here has a profile to engage with
            assert (item["action"], item["via"]) == ("engage", "message")
            assert item["draft"] is None
        else:
            assert first_name(item["contact"]) in item["draft"]
    assert (week["done"], week["total"], week["completion"]) == (0, 6, 0.0)
    # The plan is made once: a second look shows the same people in the same places.
    assert cli.json("week")["items"] == week["items"]


def test_week_capacity_caps_the_plan(cli: Any, add_contact: Any) -> None:
    _week_people(add_contact)
    set_config(cli, week__light="3", week__messages="2", week__deep="1", week__capacity="4")
    items = cli.json("week")["items"]
    assert [i["section"] for i in items] == ["deep", "message", "message", "light"]
    assert len({i["contact_id"] for i in items}) == 4


def test_week_matching_touch_ticks_the_item_off(cli: Any, add_contact: Any) -> None:
    _week_people(add_contact)
    set_config(cli, week__light="2", week__messages="2", week__deep="1")
    items = cli.json("week")["items"]
    slot = {i["section"]: i for i in reversed(items)}  # one item of each slot
    light, message, deep = slot["light"], slot["message"], slot["deep"]
    lid, mid, did = (f"#{i['contact_id']}" for i in (light, message, deep))
    # A touch before the week and a touch that does not match the slot tick nothing off.
    cli.ok("log", lid, "--via", "linkedin", "--kind", "engage", "--on", "2026-11-15")
    cli.ok("log", mid, "--via", "linkedin", "--kind", "engage", "--on", "2026-11-17")
    cli.ok("log", did, "--via", "email", "--kind", "checkin", "--on", "2026-11-17")
    status = {i["number"]: i["status"] for i in cli.json("week")["items"]}
    assert set(status.values()) == {"planned"}
    cli.ok("log", lid, "--via", "linkedin", "--kind", "engage", "--on", "2026-11-18")
    cli.ok("log", mid, "--via", "email", "--kind", "checkin", "--on", "2026-11-18")
    cli.ok("log", did, "--via", "call", "--kind", "meeting", "--on", "2026-11-19")
    week = cli.json("week")
    status = {i["number"]: i["status"] for i in week["items"]}
    assert status[light["number"]] == "done"
    assert status[message["number"]] == "done"
    assert status[deep["number"]] == "done"
    assert week["done"] == 3
    assert week["total"] == 5
    assert week["completion"] == 0.6


def test_week_done_skip_snooze(cli: Any, add_contact: Any) -> None:
    _week_people(add_contact)
    set_config(cli, week__light="1", week__messages="1", week__deep="1")
    items = cli.json("week")["items"]
    assert len(items) == 3
    done = cli.json("week", "done", "1")
    assert (done["number"], done["status"], done["contact"]) == (1, "done", items[0]["contact"])
    assert cli.json("week", "skip", "2")["status"] == "skipped"
    snoozed = cli.json("week", "snooze", "3", "--until", "2026-12-15")
    assert snoozed["status"] == "snoozed"
    week = cli.json("week")
    assert [i["status"] for i in week["items"]] == ["done", "skipped", "snoozed"]
    assert week["done"] == 1
    who = items[2]["contact"]
    set_config(cli, week__light="10")  # later plans take everyone who may be planned
    terms = {t["term"]: t for t in cli.json("why", f"#{items[2]['contact_id']}")["terms"]}
    assert terms["snooze"]["value"] == -1000.0
    assert "2026-12-15" in terms["snooze"]["fact"]
    # Snoozed people stay out of plans until the date …
    next_week = run_json(cli, "week", today="2026-11-23")
    assert who not in names(next_week["items"])
    # … and come back after it.
    later = run_json(cli, "week", today="2026-12-16")
    assert who in names(later["items"])


def test_week_mark_rejects_bad_input(cli: Any, add_contact: Any) -> None:
    _week_people(add_contact)
    set_config(cli, week__light="0", week__messages="1", week__deep="0")
    cli.json("week")
    missing = cli("week", "done", "9")
    assert missing.exit_code == 2
    assert "no item 9" in missing.output
    past = cli("week", "snooze", "1", "--until", "2026-11-19")
    assert past.exit_code == 2
    assert cli.json("week")["items"][0]["status"] == "planned"


def test_week_last_completion_and_streak(cli: Any, add_contact: Any) -> None:
    _week_people(add_contact)
    set_config(cli, week__light="1", week__messages="1", week__deep="1")
    week1, week2, week3, week4 = "2026-11-04", "2026-11-11", "2026-11-18", "2026-11-25"
    # Week of 11-02: everything dealt with (done or skipped).
    assert run_json(cli, "week", today=week1)["week_of"] == "2026-11-02"
    run(cli, "week", "done", "1", today=week1)
    run(cli, "week", "done", "2", today=week1)
    run(cli, "week", "skip", "3", today=week1)
    # Week of 11-09: looked back on, it is complete and the streak is 1.
    last = run_json(cli, "week", "--last", today=week2)
    assert last["week_of"] == "2026-11-02"
    assert (last["done"], last["total"], last["completion"], last["streak"]) == (2, 3, 0.67, 1)
    assert [i["status"] for i in last["items"]] == ["done", "done", "skipped"]
    assert all(i["draft"] is None for i in last["items"])
    this = run_json(cli, "week", today=week2)
    assert (this["week_of"], this["streak"], this["total"]) == ("2026-11-09", 1, 3)
    for n in ("1", "2", "3"):
        run(cli, "week", "done", n, today=week2)
    # Week of 11-16: two complete weeks in a row.
    last = run_json(cli, "week", "--last", today=week3)
    assert (last["week_of"], last["completion"], last["streak"]) == ("2026-11-09", 1.0, 2)
    run_json(cli, "week", today=week3)
    run(cli, "week", "done", "1", today=week3)  # items 2 and 3 are left undone
    # Week of 11-23: last week was not complete, so the streak is broken.
    last = run_json(cli, "week", "--last", today=week4)
    assert last["week_of"] == "2026-11-16"
    # Each Done logged its touch, so fewer people were free to plan that week.
    assert (last["done"], last["streak"]) == (1, 0) and last["completion"] < 1


def test_week_last_without_a_plan(cli: Any, add_contact: Any) -> None:
    _week_people(add_contact)
    last = cli.json("week", "--last")
    assert last == {
        "week_of": "2026-11-09",
        "done": 0,
        "total": 0,
        "completion": 0.0,
        "streak": 0,
        "shortfall": None,
        "items": [],
    }


# ---------------------------------------------------------------- session


def _vevent_minutes(path: Path) -> tuple[datetime, int]:
    """The session's start and length, read by both icalendar and vobject (which must agree)."""
    data = path.read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    start = events[0]["DTSTART"].dt
    minutes = int((events[0]["DTEND"].dt - start).total_seconds() // 60)
    vcal = vobject.readOne(data.decode("utf-8"))
    vevents = vcal.contents["vevent"]
    assert len(vevents) == 1
    vstart = vevents[0].dtstart.value
    assert vstart == start
    assert int((vevents[0].dtend.value - vstart).total_seconds() // 60) == minutes
    assert str(vevents[0].summary.value) == f"Follow-ups: {EVENT}"
    return start, minutes


def test_session_agenda_order_drafts_and_ics(
    cli: Any, add_contact: Any, tmp_path: Path, config_file: Path
) -> None:
    set_config(cli, timezone="America/New_York")
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact("Tara Target", event=EVENT, pile="target", note="talked about pipeline costs")
    add_contact("Cora Connector", event=EVENT, pile="connector")
    small = tmp_path / "small.ics"
    view = session_json(cli, "pydata", "--at", "friday 14:00", "-o", str(small))
    assert view["event"] == EVENT
    assert view["starts_at"] == "2026-11-27T14:00:00-05:00"  # next Friday, New York time
    assert names(view["items"]) == ["Tara Target", "Cora Connector"]
    assert view["minutes"] == 30  # 10 + 7 minutes, at least half an hour
    assert view["warnings"] == []
    start, minutes = _vevent_minutes(small)
    assert start == datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
    assert minutes == 30

    add_contact("Tom Target", event=EVENT, pile="target")
    add_contact("Gina General", event=EVENT, pile="general")
    add_contact("Gus General", event=EVENT, pile="general")
    add_contact("Una Untriaged", event=EVENT)
    promise(cli, "gina", "send the slides", "--due", "2026-11-24")
    big = tmp_path / "big.ics"
    view = session_json(cli, "pydata", "--at", "friday 14:00", "-o", str(big))
    assert names(view["items"]) == ["Gina General", "Tara Target", "Tom Target", "Cora Connector"]
    assert [i["section"] for i in view["items"]] == ["promise"] + ["follow-up"] * 3
    for item in view["items"]:
        assert first_name(item["contact"]) in item["draft"]
    gina, tara, _, cora = view["items"]
    assert "attached the slides" in gina["draft"]
    assert EVENT in tara["draft"] and "pipeline costs" in tara["draft"]
    assert EVENT in cora["draft"]
    assert view["minutes"] == 45  # 5 + 10 + 10 + 7 = 32, in quarter hours
    assert view["warnings"] == []  # 2 of 5 triaged people are target
    start, minutes = _vevent_minutes(big)
    assert minutes == 45
    assert start == datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
    # Booked sessions appear in `calendar` too.
    # --json showed the agenda without booking; booking twice keeps one calendar entry.
    cli.ok("session", "pydata", "--at", "friday 14:00")
    cli.ok("session", "pydata", "--at", "friday 14:00")
    calendar = icalendar.Calendar.from_ical(run(cli, "calendar").stdout.encode())
    assert len([e for e in calendar.walk("VEVENT") if "Follow-ups" in str(e["SUMMARY"])]) == 1


def test_session_warns_when_most_are_target(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    for who in ("Tara One", "Tara Two", "Tara Three"):
        add_contact(who, event=EVENT, pile="target")
    add_contact("Cora Connector", event=EVENT, pile="connector")
    add_contact("Una Untriaged", event=EVENT)
    add_contact("Uri Untriaged", event=EVENT)
    view = cli.json("session", "pydata", "--at", "monday 9am")
    assert view["starts_at"].startswith("2026-11-23T09:00:00")
    assert len(view["warnings"]) == 1
    assert "3 of 4 triaged people" in view["warnings"][0]
    assert "Not everyone is target market" in view["warnings"][0]
    text = " ".join(run(cli, "session", "pydata", "--at", "monday 9am").output.split())
    assert "Not everyone is target market" in text
    # Exactly half is not "most".
    cli.ok("event", "add", "Ops Summit", "--date", "2026-11-18")
    add_contact("Tia Target", event="Ops Summit", pile="target")
    add_contact("Carl Connector", event="Ops Summit", pile="connector")
    assert cli.json("session", "ops summit", "--at", "monday 9am")["warnings"] == []


def test_session_json_with_output_file_is_only_json(
    cli: Any, add_contact: Any, tmp_path: Path
) -> None:
    """`--json` output is for scripts: writing the .ics must not add text to stdout."""
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact("Tara Target", event=EVENT, pile="target")
    out = tmp_path / "s.ics"
    result = cli.ok("session", "pydata", "--at", "friday 14:00", "-o", str(out), "--json")
    assert out.is_file()
    assert json.loads(result.stdout)["event"] == EVENT


def test_session_default_start_is_next_working_day(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact("Tara Target", event=EVENT, pile="target")
    view = cli.json("session", "pydata")  # Friday: the next working day is Monday
    assert view["starts_at"].startswith("2026-11-23T09:00:00")
    set_config(cli, working_days="sat")
    assert cli.json("session", "pydata")["starts_at"].startswith("2026-11-21T09:00:00")
    bad = cli("session", "pydata", "--at", "someday")
    assert bad.exit_code == 2


# ---------------------------------------------------------------- drafts


def test_draft_uses_first_name_event_and_last_topic(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    run(
        cli,
        *("add", "Jane Doe", "--event", EVENT, "--pile", "target", "--company", "Contoso"),
        *("--note", "talked about pipeline costs"),
        today="2026-11-18",
    )
    post = cli.json("draft", "jane", "--kind", "post-event")
    assert post["template"] == "post-event-target"
    assert post["kind"] == "post-event"
    assert post["text"].startswith("Hi Jane,")
    assert EVENT in post["text"]
    assert "pipeline costs" in post["text"]
    assert "Contoso" in post["text"]
    checkin = cli.json("draft", "jane")
    assert checkin["kind"] == "checkin"
    assert "Jane" in checkin["text"] and "pipeline costs" in checkin["text"]
    # The last thing talked about moves on with the newest touch.
    cli.ok("log", "jane", "--on", "2026-11-19", "call, discussed the Q1 budget")
    assert "the Q1 budget" in cli.json("draft", "jane")["text"]
    # The signature signs every draft.
    set_config(cli, user__signature="Sam")
    assert cli.json("draft", "jane")["text"].endswith("\n\nSam")


def test_draft_variant_moves_on_after_logging(cli: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", pile="connector", met="2026-06-01")
    first = cli.json("draft", "jane", "--kind", "reconnect")["text"]
    assert cli.json("draft", "jane", "--kind", "reconnect")["text"] == first  # deterministic
    cli.ok("log", "jane", "--kind", "reconnect", "--on", "2026-11-19")
    second = cli.json("draft", "jane", "--kind", "reconnect")["text"]
    assert second != first
    cli.ok("log", "jane", "--kind", "reconnect", "--on", "2026-11-20")
    third = cli.json("draft", "jane", "--kind", "reconnect")["text"]
    assert third not in (first, second)
    for text in (first, second, third):
        assert text.startswith("Hi Jane,")
    # An inbound touch of that kind is not a message we sent: the wording stays.
    cli.ok("log", "jane", "--kind", "reconnect", "--inbound", "--on", "2026-11-20")
    assert cli.json("draft", "jane", "--kind", "reconnect")["text"] == third


def test_draft_user_template_override(cli: Any, add_contact: Any, config_file: Path) -> None:
    add_contact("Jane Doe", pile="connector", company="Contoso")
    templates = config_file.parent / "templates"
    templates.mkdir()
    (templates / "checkin.txt").write_text(
        "Yo {{ first_name }} at {{ company }}, variant one.\n---\nHey {{ first_name }}, variant two.\n",
        encoding="utf-8",
    )
    assert cli.json("draft", "jane")["text"] == "Yo Jane at Contoso, variant one."
    cli.ok("log", "jane", "--kind", "checkin", "--on", "2026-11-19")
    assert cli.json("draft", "jane")["text"] == "Hey Jane, variant two."
    # Other kinds keep the shipped wording.
    assert cli.json("draft", "jane", "--kind", "thanks")["text"].startswith("Hi Jane,")


def test_draft_unsafe_template_is_refused(cli: Any, add_contact: Any, config_file: Path) -> None:
    add_contact("Jane Doe", pile="connector")
    templates = config_file.parent / "templates"
    templates.mkdir()
    (templates / "thanks.txt").write_text(
        "Hi {{ first_name.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
    )
    result = cli("draft", "jane", "--kind", "thanks")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "template" in result.output.lower()
    assert "__subclasses__" not in result.stdout
    (templates / "congratulate.txt").write_text("Hi {% if %}\n", encoding="utf-8")
    broken = cli("draft", "jane", "--kind", "congratulate")
    assert broken.exit_code == 2
    assert "Traceback" not in broken.output


def test_draft_ask_warns_without_value_given(cli: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", pile="connector")
    ask = cli.json("draft", "jane", "--kind", "ask", "--about", "an intro to your CFO")
    assert "an intro to your CFO" in ask["text"]
    assert len(ask["warnings"]) == 1
    assert "given Jane Doe nothing" in ask["warnings"][0]
    cli.ok("log", "jane", "--kind", "content", "--on", "2026-11-10", "sent the dbt article")
    assert cli.json("draft", "jane", "--kind", "ask")["warnings"] == []
    cli.ok("log", "jane", "--kind", "ask", "--on", "2026-11-12")
    assert len(cli.json("draft", "jane", "--kind", "ask")["warnings"]) == 1
    cli.ok("log", "jane", "--kind", "congratulate", "--on", "2026-11-15")
    assert cli.json("draft", "jane", "--kind", "ask")["warnings"] == []
    # The warning is for ask drafts only.
    cli.ok("log", "jane", "--kind", "ask", "--on", "2026-11-16")
    assert cli.json("draft", "jane", "--kind", "checkin")["warnings"] == []
    text = cli("draft", "jane", "--kind", "ask")
    assert text.exit_code == 0
    assert "Warning" in text.output


def test_draft_connect_is_double_opt_in(cli: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", pile="connector")
    add_contact("Sam Lee", pile="connector", title="Designer", company="Acme")
    intro = cli.json("draft", "jane", "--kind", "connect", "--with", "sam")
    assert intro["template"] == "connect"
    assert intro["text"].startswith("Hi Jane,")
    assert "Sam Lee (Designer, Acme)" in intro["text"]
    assert "open to an introduction" in intro["text"]
    assert "I'll ask Sam too" in intro["text"]
    assert cli("draft", "jane", "--kind", "connect").exit_code == 2  # needs --with
    assert cli("draft", "jane", "--kind", "connect", "--with", "jane").exit_code == 2
    assert cli("draft", "jane", "--kind", "pitch").exit_code == 2


def test_draft_promise_kind(cli: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", pile="connector")
    assert cli("draft", "jane", "--kind", "promise").exit_code == 2  # no open promise
    promise(cli, "jane", "coffee in December", "--owner", "them")
    text = cli.json("draft", "jane", "--kind", "promise")
    assert text["template"] == "promise-them"
    assert "coffee in December" in text["text"]


# ---------------------------------------------------------------- intros and share


def test_intros_pairs_needs_with_offers(cli: Any, add_contact: Any) -> None:
    add_contact("Dana Needs", pile="target", tag="needs:designer")
    add_contact("Ed Offers", pile="connector", tag="offers:designer")
    add_contact("Fay Plain", pile="connector")
    pairs = cli.json("intros")
    assert len(pairs) == 1
    pair = pairs[0]
    assert (pair["first"], pair["second"]) == ("Dana Needs", "Ed Offers")
    assert pair["why"] == "Dana Needs needs designer; Ed Offers offers it"
    assert pair["score"] > 0
    cli.ok("log", "dana", "--kind", "connect", "--with", "ed", "--on", "2026-11-19")
    assert cli.json("intros") == []  # already introduced


def test_intros_shared_interests(cli: Any, add_contact: Any) -> None:
    cli.ok("add", "Kim Data", "--pile", "target", "--tag", "dbt", "--tag", "python")
    cli.ok("add", "Lee Data", "--pile", "connector", "--tag", "dbt", "--tag", "python")
    cli.ok("add", "Max Gen", "--pile", "general", "--tag", "dbt")
    pairs = cli.json("intros")
    assert [(p["first"], p["second"]) for p in pairs] == [("Kim Data", "Lee Data")]
    assert pairs[0]["why"] == "both into dbt, python"


def test_share_ranks_matching_people_first(cli: Any, add_contact: Any) -> None:
    add_contact("Alma Tagged", pile="target", tag="pipeline", note="worried about cloud costs")
    add_contact("Bea Titled", pile="connector", title="Pipeline Engineer")
    add_contact("Cyd Noted", pile="connector")
    cli.ok("log", "cyd", "--on", "2026-11-01", "lunch, talked about pipeline costs")
    add_contact("Dov Nothing", pile="target", title="CFO", tag="finance")
    found = cli.json("share", "pipeline costs")
    assert names(found) == ["Alma Tagged", "Bea Titled", "Cyd Noted"]
    assert [f["score"] for f in found] == [4.0, 2.0, 2.0]
    assert found[0]["why"] == "costs in your notes, tag pipeline"
    assert found[1]["why"] == "pipeline in their role"
    for f in found:
        assert first_name(f["contact"]) in f["draft"]
        assert "pipeline costs" in f["draft"]
    by_url = names(cli.json("share", "https://example.com/blog/pipeline-tips"))
    assert by_url == ["Alma Tagged", "Bea Titled", "Cyd Noted"]
    assert cli("share", "the of and").exit_code == 2


# ---------------------------------------------------------------- calendar


def test_calendar_promises_as_todos_with_stable_uids(
    cli: Any, add_contact: Any, tmp_path: Path
) -> None:
    add_contact("Pam Mine", pile="connector", met="2026-11-01")
    add_contact("Bo Both", pile="general", met="2026-11-01")
    add_contact("Theo Theirs", pile="general", met="2026-11-01")
    promise(cli, "pam", "send the deck", "--due", "2026-11-25")
    promise(cli, "bo", "lunch", "--due", "2026-12-01", "--owner", "both")
    promise(cli, "theo", "an intro to their CFO", "--owner", "them")
    kept = promise(cli, "pam", "share the notes", "--due", "2026-11-21")
    cli.ok("promise", "done", str(kept))
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run(cli, "calendar", "-o", str(first))
    run(cli, "calendar", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()

    cal = icalendar.Calendar.from_ical(first.read_bytes())
    todos = {str(t["SUMMARY"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {
        "I promised: send the deck (Pam Mine)",
        "We agreed: lunch (Bo Both)",
        "They promised: an intro to their CFO (Theo Theirs)",
    }
    assert todos["I promised: send the deck (Pam Mine)"]["DUE"].dt == date(2026, 11, 25)
    assert todos["We agreed: lunch (Bo Both)"]["DUE"].dt == date(2026, 12, 1)
    assert "DUE" not in todos["They promised: an intro to their CFO (Theo Theirs)"]
    uids = sorted(str(t["UID"]) for t in todos.values())
    assert len(set(uids)) == 3

    vcal = vobject.readOne(second.read_text(encoding="utf-8"))
    vtodos = vcal.contents["vtodo"]
    assert sorted(t.uid.value for t in vtodos) == uids
    vdue = {t.summary.value: t.due.value for t in vtodos if "due" in t.contents}
    assert vdue == {
        "I promised: send the deck (Pam Mine)": date(2026, 11, 25),
        "We agreed: lunch (Bo Both)": date(2026, 12, 1),
    }
    # Stable across days too: the same promise keeps its UID, only its due date moves.
    later = icalendar.Calendar.from_ical(run(cli, "calendar", today="2026-11-22").stdout.encode())
    assert sorted(str(t["UID"]) for t in later.walk("VTODO")) == uids
    # Keep-in-touch dates: Pam (connector, met 11-01) is due 2027-01-30, past the 30 days.
    assert list(cal.walk("VEVENT")) == []


def test_calendar_keep_in_touch_dates(cli: Any, add_contact: Any) -> None:
    add_contact("Tara Target", pile="target", met="2026-10-01")  # due 10-31: overdue → today
    add_contact("Tess Target", pile="target", met="2026-11-10")  # due 12-10
    add_contact("Gene General", pile="general", met="2026-05-01")  # general: not in calendar
    cal = icalendar.Calendar.from_ical(run(cli, "calendar").stdout.encode())
    days = {str(e["SUMMARY"]): e["DTSTART"].dt for e in cal.walk("VEVENT")}
    assert days == {
        "Keep in touch: Tara Target": date(2026, 11, 20),
        "Keep in touch: Tess Target": date(2026, 12, 10),
    }


# ---------------------------------------------------------------- stats


def test_stats_follow_through_dormant_and_backlog(cli: Any, add_contact: Any) -> None:
    made = "2026-11-01"
    add_contact("Pam Promises", pile="connector", met="2026-10-20")
    on_time = promise(cli, "pam", "send the deck", "--due", "2026-11-10", made=made)
    late = promise(cli, "pam", "intro to Sam", "--due", "2026-11-12", made=made)
    promise(cli, "pam", "share the notes", "--due", "2026-11-14", made=made)  # still open
    dropped = promise(cli, "pam", "lunch", "--due", "2026-11-15", made=made)
    promise(cli, "pam", "the CFO intro", "--due", "2026-11-10", "--owner", "them", made=made)
    joint = promise(cli, "pam", "coffee", "--due", "2026-11-11", "--owner", "both", made=made)
    promise(cli, "pam", "a demo", "--due", "2026-12-01", made=made)  # not due yet
    run(cli, "promise", "done", str(on_time), today="2026-11-09")
    run(cli, "promise", "done", str(late), today="2026-11-15")
    run(cli, "promise", "drop", str(dropped), "--why", "they moved on", today="2026-11-13")
    run(cli, "promise", "done", str(joint), today="2026-11-11")
    # Dormant: not touched (or, never touched, not met) for 90+ days.
    add_contact("Dora Dormant", pile="connector", met="2026-03-01")
    cli.ok("log", "dora", "--on", "2026-08-01")  # 111 days
    add_contact("Ned Nevertouched", pile="general", met="2026-07-01")  # 142 days since met
    add_contact("Ray Recent", pile="target", met="2026-03-01")
    cli.ok("log", "ray", "--on", "2026-11-02", "--via", "call")
    add_contact("Una Untriaged", met="2026-11-01")
    add_contact("Uli Untriaged", met="2026-11-01")
    add_contact("Ali Archived", met="2026-01-01")
    cli.ok("archive", "ali")

    s = cli.json("stats")
    assert s["date"] == TODAY
    ft = s["follow_through"]
    assert (ft["due"], ft["kept_on_time"], ft["kept_late"], ft["open_late"]) == (4, 2, 1, 1)
    assert ft["rate"] == 0.5 == ft["kept_on_time"] / ft["due"]
    assert s["dormant"] == 2
    assert s["dormant_after_days"] == 90
    assert s["untriaged"] == 2
    assert s["people"] == 6  # the archived person is left out
    assert s["piles"]["target"] == {"people": 1, "within_cadence": 1, "share": 1.0}
    assert s["piles"]["connector"] == {"people": 2, "within_cadence": 0, "share": 0.0}
    assert s["plan"] == {"light": 12, "messages": 4, "deep": 1}
    weeks = {w["week_of"]: w for w in s["weeks"]}
    assert len(s["weeks"]) == 8 and s["weeks"][-1]["week_of"] == "2026-11-16"
    assert weeks["2026-11-02"] == {"week_of": "2026-11-02", "light": 0, "messages": 0, "deep": 1}
    assert sum(w["deep"] + w["messages"] + w["light"] for w in s["weeks"]) == 1
    # The rate falls as the open promise is joined by another that falls due.
    later = cli.json("stats", "--today", "2026-12-02")
    assert later["follow_through"]["due"] == 5
    assert later["follow_through"]["rate"] == 0.4


def test_stats_without_due_promises_has_no_rate(cli: Any, add_contact: Any) -> None:
    add_contact("Jane Doe", pile="target")
    s = cli.json("stats")
    assert s["follow_through"]["rate"] is None
    assert s["follow_through"]["due"] == 0
    assert (s["dormant"], s["untriaged"], s["people"]) == (0, 0, 1)


# ---------------------------------------------------------------- config and common options


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("cadence.target", "soon"),
        ("week.light", "3.5"),
        ("reconnect.per_day", "many"),
        ("working_days", "funday"),
        ("timezone", "Mars/Olympus"),
    ],
)
def test_config_set_rejects_invalid_values(
    cli: Any, config_file: Path, key: str, value: str
) -> None:
    result = cli("config", "set", key, value)
    assert result.exit_code == 2
    assert key in result.output
    assert "Traceback" not in result.output
    assert not config_file.exists()  # nothing was written


def test_config_set_valid_value_is_used(cli: Any, config_file: Path) -> None:
    cli.ok("config", "set", "cadence.target", "21")
    assert cli.json("config", "show")["cadence.target"] == 21
    assert "21" in config_file.read_text(encoding="utf-8")
    assert cli("config", "set", "cadence.nope", "3").exit_code == 2


def test_every_planning_command_takes_today_and_json(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", EVENT, "--date", "2026-11-18")
    add_contact("Tara Target", event=EVENT, pile="target")
    day = "2026-12-01"  # a Tuesday
    assert cli.json("today", "--today", day)["date"] == day
    assert cli.json("why", "tara", "--today", day)["date"] == day
    assert cli.json("week", "--today", day)["week_of"] == "2026-11-30"
    assert cli.json("week", "--last", "--today", day)["week_of"] == "2026-11-23"
    assert cli.json("stats", "--today", day)["date"] == day
    session = cli.json("session", "pydata", "--today", day)
    assert session["starts_at"].startswith("2026-12-02T09:00:00")
    assert session["booked"] is False  # --json never books
    run(cli, "session", "pydata", "--today", day)
    cal = icalendar.Calendar.from_ical(run(cli, "calendar", "--today", day).stdout.encode())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2  # Tara's keep-in-touch date and the session just booked
    assert all(e["DTSTAMP"].dt == datetime(2026, 12, 1, tzinfo=UTC) for e in events)
    # Non-JSON output of each also works with --today.
    for args in (
        ("today",),
        ("why", "tara"),
        ("week",),
        ("week", "--last"),
        ("stats",),
        ("session", "pydata"),
    ):
        result = run(cli, *args, "--today", day)
        assert result.stdout.strip()
    assert cli("today", "--today", "2026-02-30").exit_code == 2


def test_every_line_of_a_wrapped_draft_stays_behind_the_bar(cli: Any, add_contact: Any) -> None:
    build_today_network(cli, add_contact)
    lines = run(cli, "today").stdout.splitlines()
    drafts = [n for n, line in enumerate(lines) if line.startswith("   │ ")]
    assert drafts  # the network's items carry drafts
    width = max(len(line) for line in lines[drafts[0] : drafts[-1] + 1])
    assert any(len(lines[n]) > width - 15 for n in drafts)  # some lines needed wrapping
    for n, line in enumerate(lines):
        if n and lines[n - 1].startswith("   │ ") and line and not line[0].isdigit():
            assert line.startswith("   │ "), line  # a draft's next line is still the draft


def test_a_wrapped_item_line_continues_under_its_text(cli: Any, add_contact: Any) -> None:
    build_today_network(cli, add_contact)
    lines = run(cli, "today", "--no-drafts").stdout.splitlines()
    items = [n for n, line in enumerate(lines) if line[:1].isdigit()]
    spans = []
    for n in items:  # from the item's number down to its "ACTION via CHANNEL" line
        end = next(m for m in range(n + 1, len(lines)) if " via " in lines[m])
        spans.append(lines[n + 1 : end + 1])
    assert any(len(span) > 1 for span in spans)  # some reasons are long enough to wrap
    for span in spans:
        assert all(line.startswith("   ") for line in span), span  # never back at the margin


def test_today_human_output_lists_sections(cli: Any, add_contact: Any) -> None:
    build_today_network(cli, add_contact)
    out = run(cli, "today").stdout
    order = [out.index(title) for title in ("Promises", "After the event", "Reconnect")]
    assert order == sorted(order)
    assert "Mia Mine" in out and "Hi Tara," in out
    empty_day = (date.fromisoformat(TODAY) + timedelta(days=400)).isoformat()
    quiet = run(cli, "today", "--n", "0", today=empty_day).stdout
    assert "Promises" in quiet  # promises never expire from today
