"""Plans on networks as users really have them: imported, untriaged, mostly silent.

Issue 13: a LinkedIn export alone, a vCard dump without dates, months of likes and no
replies. Each test builds the network the way a user gets it and asserts the plans.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from followthru.domain.plans import PlanRules, week_eligible, week_plan
from followthru.domain.scoring import PersonState

LINKEDIN = SHARED / "fixtures" / "csv" / "synthetic__linkedin_connections.csv"


def plan(cli: Any, command: str, *args: str, today: str = "2026-11-20") -> Any:
    result = cli(command, *args, "--json", today=today)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_linkedin_export_alone_gives_reconnects_a_backlog_and_a_full_week(cli: Any) -> None:
    cli.ok("import", str(LINKEDIN))
    today = plan(cli, "today", "--no-drafts")
    reconnects = [i for i in today["items"] if i["section"] == "reconnect"]
    assert len(reconnects) == 3
    assert today["backlog"] == 41  # 45 rows, some the same person
    text = cli.ok("today", "--no-drafts").stdout
    assert "41 people not sorted yet — `followthru triage` (10 take about 2 minutes)" in text
    assert "Nothing due today" not in text
    week = plan(cli, "week", "--no-drafts")
    counts = Counter(i["section"] for i in week["items"])
    assert counts == {"light": 12, "message": 4, "deep": 1}
    assert len({i["contact_id"] for i in week["items"]}) == 17
    assert week["shortfall"] is None
    for item in week["items"]:
        if item["section"] == "light":  # every connection has a profile to engage with
            assert (item["via"], item["why"].endswith("engage with their post")) == (
                "linkedin",
                True,
            )


def test_reconnects_rank_the_three_to_six_month_band_first(cli: Any) -> None:
    cli.ok("import", str(LINKEDIN))
    # On 2026-03-01 Nadia Eze (connected 10 Sep 2025) is the one person 3-6 months quiet.
    items = plan(cli, "today", "--no-drafts", today="2026-03-01")["items"]
    assert items[0]["contact"] == "Nadia Eze"
    assert "connected 172 days ago, no contact since" in items[0]["why"]
    quiet = [int(i["why"].split()[1]) for i in items]
    assert quiet[1] > 180 and quiet[1:] == sorted(quiet[1:])
    why = plan(cli, "why", f"#{items[0]['contact_id']}", today="2026-03-01")
    reconnect = next(t for t in why["terms"] if t["term"] == "reconnect")
    assert "they still remember you" in reconnect["fact"]


def test_a_target_from_years_ago_shows_up_today_once_triaged(cli: Any) -> None:
    cli.ok("import", str(LINKEDIN))
    who = plan(cli, "list", "--search", "kwame")[0]
    cli.ok("pile", f"#{who['id']}", "target")
    ids = [i["contact_id"] for i in plan(cli, "today", "--no-drafts")["items"]]
    assert who["id"] in ids


def test_a_lapsed_target_comes_before_the_three_to_six_month_band(cli: Any) -> None:
    cli.ok("import", str(LINKEDIN))
    who = plan(cli, "list", "--search", "kwame")[0]
    cli.ok("pile", f"#{who['id']}", "target")
    # On 2026-03-01 Nadia Eze is in the 3-6-month band; the target, connected years ago and
    # never contacted, is past a target's 30 days: sorting him was asking to hear about him.
    items = plan(cli, "today", "--no-drafts", today="2026-03-01")["items"]
    assert [i["contact"] for i in items[:2]] == [who["name"], "Nadia Eze"]
    assert "(target, every 30 days: due)" in items[0]["why"]
    terms = plan(cli, "why", f"#{who['id']}", today="2026-03-01")["terms"]
    cadence = next(t for t in terms if t["term"] == "cadence")
    assert cadence["fact"].startswith("connected ") and " met " not in cadence["fact"]


def test_a_first_week_starts_with_the_people_most_recently_connected(cli: Any) -> None:
    """Day one: nobody has a touch, every score ties at the cadence cap; the week must not
    be whoever's name comes first, and a coffee is not offered to a connection made online."""
    cli.ok("import", str(LINKEDIN))
    items = plan(cli, "week", "--no-drafts", today="2026-12-06")["items"]
    quiet = [int(i["why"].split("connected ")[1].split()[0]) for i in items]
    assert quiet == sorted(quiet)  # deep, then messages, then light touches: recent first
    names = [i["contact"] for i in items]
    assert names != sorted(names)
    deep = next(i for i in items if i["section"] == "deep")
    assert (deep["contact"], deep["via"]) == ("Nadia Eze", "call")


def test_an_import_never_sets_met_to_the_import_day(cli: Any, tmp_path: Path) -> None:
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nN:{n};Person;;;\r\n"
        f"EMAIL:person{n}@example.org\r\nEND:VCARD\r\n"
        for n in range(1, 6)
    )
    path = tmp_path / "dump.vcf"
    path.write_text(cards)
    cli.ok("import", str(path))
    shown = plan(cli, "show", "Person 1")
    assert shown["met_on"] is None
    assert "unknown" in cli.ok("show", "Person 1").stdout
    # Undated people are reconnect candidates too, ranked last.
    items = plan(cli, "today", "--no-drafts")["items"]
    assert len(items) == 3
    assert all("no date known, never in touch" in i["why"] for i in items)


def test_imported_people_are_connected_not_never_touched(cli: Any) -> None:
    """Issue 13 follow-up: a LinkedIn connection has a date; the plans and drafts say it."""
    cli.ok("import", str(LINKEDIN))
    items = plan(cli, "today")["items"] + plan(cli, "week")["items"]
    assert items and not [i["why"] for i in items if "never touched" in i["why"]]
    assert all(re.search(r"connected \d+ days ago", i["why"]) for i in items), items
    drafts = [i for i in items if i["draft"]]
    assert drafts and all("we connected in " in i["draft"].lower() for i in drafts), drafts
    # Nadia Eze, connected 10 Sep 2025: her reconnect on 2026-03-01 says when.
    nadia = plan(cli, "today", today="2026-03-01")["items"][0]
    assert nadia["contact"] == "Nadia Eze" and "September 2025" in nadia["draft"]


def test_met_at_an_event_is_said_so(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", "PyData", "--date", "2026-01-10")
    add_contact("Mo Met", event="PyData", email="mo@example.org")
    (item,) = plan(cli, "today", "--no-drafts")["items"]
    assert item["why"].startswith("met at PyData 314 days ago, no contact since"), item


def test_the_deep_conversation_goes_to_someone_with_history(cli: Any, add_contact: Any) -> None:
    """Not a stranger imported yesterday "via in-person": someone who once wrote back."""
    cli.ok("import", str(LINKEDIN))
    add_contact("Hal History", email="hal@example.org")
    cli.ok("log", "hal", "--via", "email", "--on", "2025-06-01", "the migration plan")
    cli.ok("log", "hal", "--via", "email", "--inbound", "--on", "2025-06-03", "thanks")
    (deep,) = [i for i in plan(cli, "week", "--no-drafts")["items"] if i["section"] == "deep"]
    assert deep["contact"] == "Hal History", deep


TODAY = date(2026, 11, 20)
DAY = st.dates(date(2018, 1, 1), date(2026, 11, 1))


@st.composite
def people(draw: st.DrawFn) -> list[PersonState]:
    """A network of strangers and people with some history, in any mix."""
    result = []
    for pid in range(draw(st.integers(1, 25))):
        touched = draw(st.booleans())
        result.append(
            PersonState(
                id=pid,
                name=f"P{pid}",
                pile=draw(st.sampled_from([None, None, "general", "target", "connector"])),
                cadence_days=draw(st.sampled_from([30, 90, 180])),
                met_on=draw(st.none() | DAY),
                last_touch_on=draw(DAY) if touched else None,
                last_outbound_on=draw(st.none() | DAY) if touched else None,
                last_inbound_on=draw(st.none() | DAY) if touched else None,
                kept_promises=draw(st.sampled_from([0, 0, 1])),
                has_email=draw(st.booleans()),
                has_profile=draw(st.booleans()),
            )
        )
    return result


def has_history(person: PersonState) -> bool:
    return (
        person.pile in ("target", "connector")
        or person.last_touch_on is not None
        or person.kept_promises > 0
    )


@settings(max_examples=200, deadline=None)
@given(people())
def test_a_stranger_is_never_the_deep_conversation_while_history_exists(
    network: list[PersonState],
) -> None:
    rules = PlanRules()
    deep = [i.person for i in week_plan(network, rules, today=TODAY) if i.section == "deep"]
    waiting = [p for p in network if has_history(p) and week_eligible(p, rules, today=TODAY)]
    assert deep or not waiting
    if waiting:
        assert has_history(deep[0]), f"{deep[0]} is the deep slot while {waiting[0]} waits"


def test_triage_reads_keys_from_piped_input_most_promising_first(cli: Any) -> None:
    cli.ok("import", str(LINKEDIN))
    result = cli("triage", "--batch", "3", input="1s2")
    assert result.exit_code == 0, result.output
    assert "Sorted 2, skipped 1, 39 still untriaged." in result.stdout
    piles = Counter(p["pile"] for p in plan(cli, "list"))
    assert piles["target"] == 1 and piles["connector"] == 1
    # The most recent connection (15 Oct 2026) comes first.
    first = result.stdout.split("1/3", 1)[1].splitlines()[0]
    target = next(p for p in plan(cli, "list") if p["pile"] == "target")
    assert target["name"] in first and target["met_on"] == "2026-10-15"


def test_likes_never_cool_down_unanswered_emails_do(cli: Any, add_contact: Any) -> None:
    add_contact("Lia Liked", pile="connector", met="2026-01-05")
    add_contact("Ed Emailed", pile="connector", met="2026-01-05", email="ed@example.org")
    for day in ("2026-08-20", "2026-09-15", "2026-10-10", "2026-11-01"):
        cli.ok("log", "lia", "--via", "linkedin", "--kind", "engage", "--on", day)
    for day in ("2026-10-20", "2026-11-01", "2026-11-10"):
        cli.ok("log", "ed", "--via", "email", "--on", day, "checking in")
    lia = {t["term"] for t in plan(cli, "why", "lia")["terms"]}
    assert "cooldown" not in lia
    ed = {t["term"]: t["fact"] for t in plan(cli, "why", "ed")["terms"]}
    assert "3 messages unanswered" in ed["cooldown"]
    assert "email on 2026-10-20 (checking in)" in ed["cooldown"]
    # A call ends the cool-down.
    cli.ok("log", "ed", "--via", "call", "--kind", "meeting", "--on", "2026-11-15")
    assert "cooldown" not in {t["term"] for t in plan(cli, "why", "ed")["terms"]}


def test_a_phone_only_person_is_not_emailed(cli: Any, add_contact: Any) -> None:
    add_contact("Pho Only", pile="connector", met="2026-06-01", phone="+44 20 7946 0000")
    items = plan(cli, "today", "--no-drafts")["items"]
    assert [(i["contact"], i["via"]) for i in items] == [("Pho Only", "message")]


def test_a_session_is_booked_once_per_event(cli: Any, add_contact: Any) -> None:
    cli.ok("event", "add", "PyData", "--date", "2026-11-18")
    add_contact("Tara Target", event="PyData", pile="target")
    preview = plan(cli, "session", "pydata", "--at", "monday 9am")
    assert preview["booked"] is False and preview["id"] is None
    assert "Follow-ups: PyData" not in cli.ok("calendar").stdout
    cli.ok("session", "pydata", "--at", "monday 9am")
    cli.ok("session", "pydata", "--at", "tuesday 14:00")  # booked again: moved
    calendar = cli.ok("calendar").stdout
    assert calendar.count("SUMMARY:Follow-ups: PyData") == 1
    assert "20261124T" in calendar and "20261123T" not in calendar
    cli.ok("session", "pydata", "--cancel")
    assert "Follow-ups: PyData" not in cli.ok("calendar").stdout
    assert cli("session", "pydata", "--cancel").exit_code == 2


def test_week_done_logs_the_touch_it_names_with_the_users_summary(
    cli: Any, add_contact: Any
) -> None:
    add_contact("Ada Target", pile="target", met="2026-01-05", email="ada@example.org")
    (item,) = plan(cli, "week", "--no-drafts")["items"]
    cli.ok("week", "done", "1", "--summary", "asked about her launch")
    shown = plan(cli, "show", "ada")
    assert shown["last_touch_on"] == "2026-11-20"
    assert "asked about her launch" in json.dumps(shown["timeline"])
    assert item["why"] not in json.dumps(shown["timeline"])  # never the planner's reason
    assert plan(cli, "week")["items"][0]["status"] == "done"


def test_done_on_a_joint_plan_without_a_date_sets_the_date(ctx: Any, cli: Any) -> None:
    from followthru.errors import BadInput
    from followthru.services import planning

    cli.ok("add", "Bo Both", "--pile", "general", "--met", "2026-03-01")
    made = json.loads(
        cli("promise", "bo", "coffee", "--owner", "both", "--json", today="2026-11-01").stdout
    )
    (item,) = plan(cli, "today", "--no-drafts")["items"]
    assert item["promise_id"] == made["id"]

    def done(due: date | None) -> None:
        planning.complete(
            ctx,
            item["contact_id"],
            action="promise",
            via="email",
            summary="",
            promise_id=made["id"],
            due=due,
            today=date(2026, 11, 20),
        )

    with pytest.raises(BadInput, match="no date yet"):
        done(None)
    done(date(2026, 12, 3))
    (still_open,) = plan(cli, "promises")
    assert (still_open["what"], still_open["due"]) == ("coffee", "2026-12-03")


def test_birthdays_and_noted_wins_become_congratulations(cli: Any, add_contact: Any) -> None:
    add_contact("Bea Day", pile="connector", met="2026-06-01", birthday="11-20")
    add_contact("Will Win", pile="target", met="2026-06-01", note="She got promoted to VP")
    add_contact("Old News", pile="general", met="2026-06-01")
    cli("note", "old", "launched the new app", "--on", "2026-10-01")
    items = {i["contact"]: i for i in plan(cli, "today")["items"]}
    assert items["Bea Day"]["section"] == "congratulate"
    assert "Happy birthday" in items["Bea Day"]["draft"]
    assert items["Will Win"]["section"] == "congratulate"
    assert "promoted to VP" in items["Will Win"]["why"]
    assert items.get("Old News", {}).get("section") != "congratulate"  # too old to be news
    cli.ok("log", "will", "--kind", "congratulate", "--via", "linkedin")
    after = {i["contact"]: i["section"] for i in plan(cli, "today")["items"]}
    assert after.get("Will Win") != "congratulate"
    # The week holds the birthday as a message too.
    week = plan(cli, "week", "--no-drafts", today="2026-11-16")
    assert any(i["contact"] == "Bea Day" and i["action"] == "congratulate" for i in week["items"])
    bad = cli("edit", "bea", "--birthday", "31-02")
    assert bad.exit_code == 2
