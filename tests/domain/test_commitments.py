"""The promise detector: each rule family, each date form, robustness, and the shared dev set."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import need
from followthru.domain.commitments import Commitment, detect
from followthru.domain.vocab import Owner

TODAY = date(2026, 11, 20)  # a Friday, as in the shared eval set
DEV_SET = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "commitments-dev.jsonl"
OWN_SET = Path(__file__).resolve().parents[2] / "bench" / "data" / "commitments-own.jsonl"


def first(text: str) -> Commitment:
    found = detect(text, today=TODAY)
    assert found, f"no promise found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # joint plans
        ("Let's do lunch next week.", Owner.BOTH),
        ("lets grab a beer", Owner.BOTH),
        ("Let us set up a call.", Owner.BOTH),
        ("We should catch up over coffee.", Owner.BOTH),
        ("We'll talk again soon.", Owner.BOTH),
        ("Agreed to meet for dinner.", Owner.BOTH),
        ("Coffee w/ Ben on Monday", Owner.BOTH),
        ("We're grabbing lunch Thursday.", Owner.BOTH),
        # the user owes it
        ("I'll send you the deck.", Owner.ME),
        ("ill email him the notes", Owner.ME),
        ("I will introduce her to Chen.", Owner.ME),
        ("I'm going to review his resume.", Owner.ME),
        ("im gonna ping her", Owner.ME),
        ("Will email the brochure.", Owner.ME),
        ("Need to thank Leila.", Owner.ME),
        ("Must send the quote.", Owner.ME),
        ("Offered to send her my notes.", Owner.ME),
        ("Told him I would review the plan.", Owner.ME),
        ("promised her I'd forward the posting", Owner.ME),
        ("Send Priya the case study.", Owner.ME),
        ("TODO: connect Sara with the recruiter", Owner.ME),
        ("Remember to text Dana.", Owner.ME),
        ("He asked me to send our rate card.", Owner.ME),
        ("I owe Kenji an intro.", Owner.ME),
        # the contact owes it
        ("She'll send me her availability.", Owner.THEM),
        ("He'll intro me to procurement.", Owner.THEM),
        ("They'll get back to me about the pilot.", Owner.THEM),
        ("She promised to put me in touch with her investor.", Owner.THEM),
        ("He offered to review my plan.", Owner.THEM),
        ("Mei will introduce me to her manager.", Owner.THEM),
        ("He said he'd email the floor plans.", Owner.THEM),
        ("Greg's going to check with legal and get back to me.", Owner.THEM),
        ("He'll be in touch about the board seat.", Owner.THEM),
        ("Victor's sending the term sheet Monday.", Owner.THEM),
    ],
)
def test_owner_rules(text: str, owner: Owner) -> None:
    assert first(text).owner is owner


@pytest.mark.parametrize(
    "text",
    [
        # pleasantries
        "Nice to meet you!",
        "Keep in touch!",
        "let's stay in touch",
        "Let's keep each other posted.",
        # past actions
        "Already sent the slides on Tuesday.",
        "Sent the deck on Monday.",
        "We had lunch together in 2019.",
        "Told him I had already sent the invoice.",
        "We were going to meet but it fell through.",
        # facts, and plans of others that owe the user nothing
        "She will be in Berlin for most of December.",
        "Their fiscal year starts in April.",
        "They're hiring three backend engineers.",
        "He's moving to Austin next month.",
        "The next meetup will be in January.",
        "She has a call with her board on Tuesday.",
        "Going to Japan for two weeks over Christmas.",
        "Will is the CTO at Brightline.",
        # questions and hypotheticals
        "Should I send her the deck?",
        "Will they renew in March",
        "If they raise, they might need a fractional CFO.",
        "Not sure if he'll want an intro.",
        # negations
        "I won't be able to make the Thursday event.",
        "No need to follow up.",
        "I'm not going to send the proposal after all.",
        "Don't need to send the deck, she already has it.",
        # idioms
        "Let's face it, the event was too crowded.",
        "Let's see how the pilot goes.",
    ],
)
def test_not_promises(text: str) -> None:
    assert detect(text, today=TODAY) == []


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("tomorrow", date(2026, 11, 21)),
        ("tmrw", date(2026, 11, 21)),
        ("tonight", date(2026, 11, 20)),
        ("today", date(2026, 11, 20)),
        ("EOD", date(2026, 11, 20)),
        ("next week", date(2026, 11, 23)),
        ("on Friday", date(2026, 11, 27)),
        ("Thursday", date(2026, 11, 26)),
        ("on Monday", date(2026, 11, 23)),
        ("next Tuesday", date(2026, 11, 24)),
        ("this weekend", date(2026, 11, 21)),
        ("over the weekend", date(2026, 11, 21)),
        ("in two weeks", date(2026, 12, 4)),
        ("in a couple of weeks", date(2026, 12, 4)),
        ("in 3 days", date(2026, 11, 23)),
        ("by the end of the month", date(2026, 11, 30)),
        ("by end of next month", date(2026, 12, 31)),
        ("next month", date(2026, 12, 1)),
        ("early December", date(2026, 12, 1)),
        ("mid December", date(2026, 12, 15)),
        ("late December", date(2026, 12, 25)),
        ("on December 12", date(2026, 12, 12)),
        ("on 12 December", date(2026, 12, 12)),
        ("Dec 12th", date(2026, 12, 12)),
        ("on the 3rd", date(2026, 12, 3)),
        ("by the 25th", date(2026, 11, 25)),
        ("on 2026-12-09", date(2026, 12, 9)),
        ("on 12/3", date(2026, 12, 3)),
        ("in January", date(2027, 1, 1)),
        ("before Thanksgiving", date(2026, 11, 25)),
        ("in Q1", date(2027, 1, 1)),
        ("Monday the 30th", date(2026, 11, 30)),
    ],
)
def test_due_dates(phrase: str, due: date) -> None:
    assert first(f"I'll send the report {phrase}.").due == due


@pytest.mark.parametrize(
    "phrase", ["sometime", "soon", "after Christmas", "one of these days", "", "at some point"]
)
def test_vague_times_have_no_due(phrase: str) -> None:
    assert first(f"Let's grab coffee {phrase}.").due is None


def test_several_promises_in_one_note() -> None:
    text = "Great chat. I'll send the deck Monday and she'll loop in her CTO. Let's do lunch."
    found = detect(text, today=TODAY)
    assert [c.owner for c in found] == [Owner.ME, Owner.THEM, Owner.BOTH]
    assert found[0].due == date(2026, 11, 23)
    for commitment in found:
        start, end = commitment.span
        assert 0 <= start < end <= len(text)


def test_what_is_short_and_human() -> None:
    assert first("Let's do lunch on Friday.").what == "lunch"
    assert first("I'll send you the white paper tomorrow.").what == "send the white paper"
    assert first("I'm going to introduce her to Chen.").what == "introduce her to Chen"


def test_span_points_at_the_clause() -> None:
    text = "Met at the mixer, let's do a site visit next month."
    commitment = first(text)
    assert text[commitment.span[0] : commitment.span[1]].startswith("let's do a site visit")


@pytest.mark.parametrize(
    ("text", "owner", "due"),
    [
        # action items: "<who> to <verb>"
        ("Priya to forward the security questionnaire by Tuesday", Owner.THEM, date(2026, 11, 24)),
        ("Next steps: Dana Kim to circulate the minutes", Owner.THEM, None),
        ("Action items: me to chase the invoice Monday", Owner.ME, date(2026, 11, 23)),
        ("Follow-ups - us to draft the SOW by Dec 4", Owner.BOTH, date(2026, 12, 4)),
        # present tense licensed by "plan:" / "next steps:"
        ("right, plan: I draft the brief by the 30th", Owner.ME, date(2026, 11, 30)),
        ("Plan: we meet at the roastery Tuesday", Owner.BOTH, date(2026, 11, 24)),
        ("Next steps: Raj books the venue for Friday", Owner.THEM, date(2026, 11, 27)),
        ("Plan: brunch w/ Ola & Tim at the market Sunday", Owner.BOTH, date(2026, 11, 22)),
        # noun-phrase plans held with someone, with a time
        ("Demo with the Acme procurement team next Wednesday", Owner.BOTH, date(2026, 11, 25)),
        ("Workshop w/ their design leads tomorrow", Owner.BOTH, date(2026, 11, 21)),
        ("Call w/ Noor next Tuesday re: pricing", Owner.BOTH, date(2026, 11, 24)),
        # imperatives ending in -ing
        ("Ping Lukas on Monday re: the offsite", Owner.ME, date(2026, 11, 23)),
        ("Bring the samples to Ola on Tuesday", Owner.ME, date(2026, 11, 24)),
        # subjectless continuation after a third-person subject
        (
            "He's keen on the pilot, will send the data room link Monday",
            Owner.THEM,
            date(2026, 11, 23),
        ),
        (
            "Mira's on board, will send over her sales numbers tomorrow",
            Owner.THEM,
            date(2026, 11, 21),
        ),
        ("She's swamped, will follow up with her next week", Owner.ME, date(2026, 11, 23)),
        # a reminder header before the step
        ("Set a reminder: email the Lyon team Feb 2", Owner.ME, date(2027, 2, 2)),
        ("add a task to text Bea tmrw", Owner.ME, date(2026, 11, 21)),
        # looking forward to a joint plan
        ("Looking forward to dinner next Friday", Owner.BOTH, date(2026, 11, 27)),
    ],
)
def test_action_item_and_plan_forms(text: str, owner: Owner, due: date | None) -> None:
    commitment = first(text)
    assert commitment.owner is owner
    assert commitment.due == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'll circle back the week after next.", date(2026, 11, 30)),
        ("Will call Ines Thursday after next.", date(2026, 12, 3)),
        ("Let's meet in the new year.", date(2027, 1, 4)),
        ("We'll regroup early in the new year.", date(2027, 1, 4)),
        ("I'll send the budget after the new year.", None),
        ("Told Jo I'd send the contract. Send it by Dec 2!", date(2026, 12, 2)),
        ("Promised to review her deck. Do that Tuesday.", date(2026, 11, 24)),
        ("Will send Kai the pricing. Deadline: Dec 3", date(2026, 12, 3)),
        ("I'll intro her to Sam. Monday was fun though.", None),
    ],
)
def test_more_date_forms(text: str, due: date | None) -> None:
    assert first(text).due == due


@pytest.mark.parametrize(
    "text",
    [
        "Looking forward to seeing how the launch lands",
        "Look forward to hearing how the raise goes.",
        "Nice to meet you at the mixer",
        "Marta to Lisbon in January",
        "Back to Berlin on Monday",
        "Wanted to send it but forgot.",
        "Demo w/ their board went well yesterday",
        "Intro to Sam was useful",
        "Intro'd by Nadia at the summit.",
        "Update: her demo with Stripe is next week",
        "Planning to relax over xmas",
    ],
)
def test_new_forms_do_not_overreach(text: str) -> None:
    assert detect(text, today=TODAY) == []


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_stay_inside(text: str) -> None:
    for commitment in detect(text, today=TODAY):
        start, end = commitment.span
        assert 0 <= start <= end <= len(text)
        assert isinstance(commitment.owner, Owner)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "I'll",
                "let's",
                "we",
                "should",
                "she'll",
                "send",
                "lunch",
                "tomorrow",
                "next",
                "Friday",
                "the",
                "31st",
                "2/30",
                "Dec",
                "32",
                "in",
                "99999",
                "weeks",
                "not",
                "?",
                ",",
                ".",
                ";",
                "-",
                ":",
                "+",
                "won't",
                "need",
                "to",
                "told",
                "him",
                "I'd",
            ]
        ),
        max_size=30,
    ),
    st.dates(),
)
def test_never_raises_on_promise_like_noise(words: list[str], today: date) -> None:
    text = " ".join(words)
    for commitment in detect(text, today=today):
        assert 0 <= commitment.span[0] <= commitment.span[1] <= len(text)


def _scores(path: Path) -> tuple[float, float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    tp = fp = fn = 0
    for row in rows:
        found = bool(detect(row["text"], today=TODAY))
        tp += found and row["promise"]
        fp += found and not row["promise"]
        fn += (not found) and row["promise"]
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def test_shared_dev_set_precision_and_recall() -> None:
    need(DEV_SET.exists(), f"the shared eval set is missing at {DEV_SET}")
    precision, recall = _scores(DEV_SET)
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


def test_own_labelled_set_precision_and_recall() -> None:
    precision, recall = _scores(OWN_SET)
    assert precision >= 0.9, precision
    assert recall >= 0.9, recall


def test_module_is_pure() -> None:
    """No I/O or clock in the detector: its imports are the standard library and vocab."""
    package = Path(sys.modules[detect.__module__].__file__ or "").parent
    for module in package.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        for banned in (
            "import os",
            "open(",
            "datetime.now",
            "date.today",
            "import time",
            "requests",
        ):
            assert banned not in source, module.name


@pytest.mark.parametrize(
    ("text", "owner", "due"),
    [
        # verbless bookings and plans: a joint noun with someone and/or a time
        ("Tacos w/ Marguerite on Sunday", Owner.BOTH, date(2026, 11, 22)),
        ("Dim sum with the Wongs on the 6th", Owner.BOTH, date(2026, 12, 6)),
        ("Dinner booked with the Okoro twins — Fri 4 Dec, 7pm", Owner.BOTH, date(2026, 12, 4)),
        ("Discovery call w/ Halvard confirmed Wed 2 Dec", Owner.BOTH, date(2026, 12, 2)),
        ("Intro call with Beatriz locked in for Mon 30 Nov", Owner.BOTH, date(2026, 11, 30)),
        ("Strategy call the Tuesday after Thanksgiving", Owner.BOTH, date(2026, 12, 1)),
        ("Follow-up: 45-min zoom with their COO, Dec 8th 3pm", Owner.BOTH, date(2026, 12, 8)),
        ("Pencilled in coffee with Bram for the 9th", Owner.BOTH, date(2026, 12, 9)),
        ("save 12/18 for festive drinks w/ the ops team", Owner.BOTH, date(2026, 12, 18)),
        ("Suggested breakfast next week, he's up for it", Owner.BOTH, date(2026, 11, 23)),
        ("Beers after the Dec 3 demo day", Owner.BOTH, date(2026, 12, 3)),
        ("Brunch Sun morning w/ Hattie", Owner.BOTH, date(2026, 11, 22)),
        ("Coffee set up with Mariam", Owner.BOTH, None),
        # shorthand to-dos and action items
        ("omar (stripe) to share pricing deck nxt wk", Owner.THEM, date(2026, 11, 23)),
        ("Head of ops to confirm headcount by Tuesday", Owner.THEM, date(2026, 11, 24)),
        ("Their recruiter to send the offer letter Monday", Owner.THEM, date(2026, 11, 23)),
        ("recap: Lotte sends the brief Thursday, we review Friday", Owner.THEM, date(2026, 11, 26)),
        ("left a msg for Priyanka. try her again thurs", Owner.ME, date(2026, 11, 26)),
        ("no reply from Sven. chase again tues", Owner.ME, date(2026, 11, 24)),
        ("boss wants the deck by Tuesday — on it", Owner.ME, date(2026, 11, 24)),
        ("Prof asked for the revised chapter by Monday. On it!", Owner.ME, date(2026, 11, 23)),
        ("I am to present the findings at the offsite on 7 Dec.", Owner.ME, date(2026, 12, 7)),
        ("He is to send the signed copy by Wednesday", Owner.THEM, date(2026, 11, 25)),
        ("Action for DB (me): book the venue for the 12th", Owner.ME, date(2026, 12, 12)),
        ("Action for Sam: chase legal on the NDA Monday", Owner.THEM, date(2026, 11, 23)),
        ("Note for AK (me!): renew the domain before Dec 1", Owner.ME, date(2026, 11, 30)),
        # the writer in the third person
        ("Yours truly will write up the minutes tonight", Owner.ME, date(2026, 11, 20)),
        ("The undersigned owes Petra a reference letter by Friday", Owner.ME, date(2026, 11, 27)),
        ("Muggins here agreed to run the raffle next month", Owner.ME, date(2026, 12, 1)),
        ("This guy (me) has to ship the patch Monday", Owner.ME, date(2026, 11, 23)),
        # the time in a short follow-on, "have" a result, compound verbs
        ("He asked for the logs; sending them first thing Monday", Owner.ME, date(2026, 11, 23)),
        ("He'll have an answer for me by end of month", Owner.THEM, date(2026, 11, 30)),
        ("Legal will have the redlines back Tuesday week", Owner.THEM, date(2026, 12, 1)),
        ("She'll hand-carry the contract to legal next time she's in", Owner.THEM, None),
    ],
)
def test_shorthand_and_verbless_plans(text: str, owner: Owner, due: date | None) -> None:
    commitment = first(text)
    assert commitment.owner is owner
    assert commitment.due == due


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("Friday week", date(2026, 12, 4)),
        ("Monday week", date(2026, 11, 30)),
        ("a week from Wednesday", date(2026, 12, 2)),
        ("a week on Tuesday", date(2026, 12, 1)),
        ("this time next week", date(2026, 11, 27)),
        ("EOD tues", date(2026, 11, 24)),
        ("EOD tomorrow", date(2026, 11, 21)),
        ("after Thanksgiving", date(2026, 11, 30)),
        ("the Wednesday after Thanksgiving", date(2026, 12, 2)),
        ("the Monday after Christmas", date(2026, 12, 28)),
        ("after the holidays", date(2027, 1, 4)),
        ("before the holidays", date(2026, 12, 24)),
        ("by year end", date(2026, 12, 31)),
        ("in the spring term", date(2027, 1, 4)),
        ("on Tue 1 Dec", date(2026, 12, 1)),
        ("after the Dec 3 board meeting", date(2026, 12, 3)),
        ("in the next couple of weeks", date(2026, 12, 4)),
    ],
)
def test_more_due_phrases(phrase: str, due: date) -> None:
    assert first(f"I'll send the report {phrase}.").due == due


@pytest.mark.parametrize(
    "phrase", ["after Christmas", "after Dec 10", "after the new year", "over the holidays"]
)
def test_open_after_times_stay_vague(phrase: str) -> None:
    assert first(f"I'll send the report {phrase}.").due is None


@pytest.mark.parametrize(
    "text",
    [
        "Had ramen with Kai, great chat",
        "Lunch with Rhea was lovely",
        "Coffee with Tom, talked about his startup",
        "Coffee with the Figma team was useful",
        "Lunch w/ Dan cancelled",
        "Team lunch every Friday at the office",
        "Weekly lunch w/ Dan on Fridays",
        "Will be fun to see how the launch goes.",
        "Will be tricky to get budget approved.",
        "What we're building is complicated",
        "The plan is to launch in March",
        "He is to blame for the delay",
        "Procurement team to blame for the delay, apparently",
        "Hiring manager to be confirmed",
        "Great dinner. On it.",
        "On it, there was a typo",
        "Call with the bank went fine",
    ],
)
def test_verbless_and_shorthand_forms_do_not_overreach(text: str) -> None:
    assert detect(text, today=TODAY) == []


# "Remind me to / Reminder: / Note to self: / Don't forget to / Remember to" only introduce
# the step after them: one promise, owned by the user, carrying the note's date.
@pytest.mark.parametrize(
    ("text", "what", "due"),
    [
        ("Remind me to send Kai the pricing sheet on Thursday.", "send Kai the pricing sheet",
         date(2026, 11, 26)),
        ("remind me to ping Odile next Tuesday", "ping Odile", date(2026, 11, 24)),
        ("Remind me on Monday to book the room for Raj.", "book the room for Raj",
         date(2026, 11, 23)),
        ("pls remind me tmrw to call the Lyon office", "call the Lyon office", date(2026, 11, 21)),
        ("On Friday, remind me to forward Tariq the brief.", "forward Tariq the brief",
         date(2026, 11, 27)),
        ("Remind myself to draft the pitch for Jo by Dec 1.", "draft the pitch for Jo",
         date(2026, 12, 1)),
        ("Reminder: email Bruno the floor plan Wednesday", "email Bruno the floor plan",
         date(2026, 11, 25)),
        ("Note to self: text Imogen about the venue tomorrow", "text Imogen about the venue",
         date(2026, 11, 21)),
        ("Don't forget to send Yusuf the NDA next week.", "send Yusuf the NDA", date(2026, 11, 23)),
        ("Remember to call Petra back on Sunday.", "call Petra back", date(2026, 11, 22)),
    ],
)  # fmt: skip
def test_reminder_prefixes_introduce_one_promise(text: str, what: str, due: date) -> None:
    found = detect(text, today=TODAY)
    assert [(c.what, c.owner, c.due) for c in found] == [(what, Owner.ME, due)]


# "(I) promised / offered / owe <person> <thing>": the user owes the person the thing.
@pytest.mark.parametrize(
    ("text", "what", "due"),
    [
        ("Promised Hana a copy of the market report by the end of the month.",
         "a copy of the market report (to Hana)", date(2026, 11, 30)),
        ("Promised him an intro to our CFO.", "an intro to our CFO (to him)", None),
        ("Owe her a follow-up email", "a follow-up email (to her)", None),
        ("I promised Ilse the benchmark numbers next week.", "the benchmark numbers (to Ilse)",
         date(2026, 11, 23)),
        ("Offered Kwame a tour of the lab on Sunday.", "a tour of the lab (to Kwame)",
         date(2026, 11, 22)),
        ("i owe Marguerite feedback on her deck by Friday", "feedback on her deck (to Marguerite)",
         date(2026, 11, 27)),
        ("Offered the team a demo next Tuesday.", "a demo (to the team)", date(2026, 11, 24)),
        ("promised them a revised quote by Dec 2", "a revised quote (to them)", date(2026, 12, 2)),
    ],
)  # fmt: skip
def test_promised_a_person_a_thing(text: str, what: str, due: date | None) -> None:
    found = first(text)
    assert (found.what, found.owner, found.due) == (what, Owner.ME, due)


# "<Name> and I / we both / the two of us … agreed to / will / are going to": a joint step.
@pytest.mark.parametrize(
    "text",
    [
        "Leo and I agreed to co-write a blog post",
        "Anouk and I will co-host the panel in March.",
        "She and I agreed to split the booth costs.",
        "Me and Tobias are going to draft the grant application.",
        "Saanvi & I are going to run the workshop together next month.",
        "Met at the gala. Rafa Ortiz and I will pitch the joint offer in January.",
        "We both agreed to review the term sheet by Friday.",
        "The two of us are going to put together a proposal.",
        "Both of us will tidy up the shared roadmap.",
    ],
)
def test_joint_subjects_are_both(text: str) -> None:
    assert first(text).owner is Owner.BOTH


@pytest.mark.parametrize(
    "text",
    [
        "Met Lukas and I'll send him the deck Monday.",  # Lukas is the object of "met"
        "My cofounder and I will send her the deck.",  # the user's side, not the contact
        "Thanked Ines and I'll forward the slides.",
    ],
)
def test_joint_subjects_need_the_contact_opening_the_clause(text: str) -> None:
    assert first(text).owner is Owner.ME


# "we" + a giving verb + them/her/him/you: the user's side owes the contact the step.
@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("We'll send them a revised contract by the end of next week.", Owner.ME),
        ("We'll share the pilot results with her on Monday.", Owner.ME),
        ("we will forward him the onboarding pack", Owner.ME),
        ("We're going to intro her to our head of sales.", Owner.ME),
        ("We'll get back to you on pricing by Wednesday.", Owner.ME),
        ("We need to send them the signed NDA.", Owner.ME),
        ("We'll follow up with him after the board meeting.", Owner.ME),
        # joint plans stay joint
        ("We'll grab lunch at the Thai place next week.", Owner.BOTH),
        ("We'll meet at the expo on Thursday.", Owner.BOTH),
        ("We'll catch up in January.", Owner.BOTH),
        ("We're going to co-host a webinar in February.", Owner.BOTH),
        ("We'll send the partner survey out together.", Owner.BOTH),
    ],
)
def test_we_giving_to_the_contact_is_mine(text: str, owner: Owner) -> None:
    assert first(text).owner is owner


@pytest.mark.parametrize(
    "text",
    [
        "Remind me why we met.",
        "She offered him a job last year.",  # a third party's offer owes the user nothing
        "Never promised him a discount.",
        "The offer to Hana still stands.",
        "Offer letter arrives Monday.",
    ],
)
def test_prefix_and_recipient_forms_do_not_overreach(text: str) -> None:
    assert detect(text, today=TODAY) == []
