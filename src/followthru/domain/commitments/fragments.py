"""Promises with no anchor word: verbless joint plans ("Coffee w/ Ben Monday"), a short order
that dates the step before it ("Do it Monday!") and a reply taking on a request ("on it")."""

from __future__ import annotations

import re
from datetime import date

from followthru.domain.commitments.dates import (
    DATE,
    WD,
    WD_NAMES,
    clock_time,
    find_due,
    upcoming_weekday,
)
from followthru.domain.commitments.model import Commitment, Tok
from followthru.domain.commitments.words import HEADING_NOUNS, JOINT_NOUNS, MOVED_PLAN, word_set
from followthru.domain.vocab import Owner

JOINT_RE = re.compile(
    r"\b(?:lunch|coffee|coffees|dinner|breakfast|brunch|drinks?|beers?|pints?|call|zoom"
    r"|ramen|sushi|pizza|tacos|pho|noodles|curry|dim\s+sum|burgers?|cocktails|wine|bagels"
    r"|catch[\s-]?up|meeting|meet[\s-]?up|get[\s-]together|facetime|hike|squash|tennis|golf"
    r"|bbq|tea|walk)\b",
    re.IGNORECASE,
)


# Meetings that are joint only when held with someone: "Demo w/ their ops team Thursday".
WITH_PLAN_RE = re.compile(
    r"\b(?:demo|sync|session|workshop|walk-?through|presentation|check-?in|kick-?off"
    r"|intro\s+call|visit|tour|onsite|on-site|offsite|stand-?up|1:1|1-on-1|one-on-one"
    r"|brainstorm|jam|review|debrief|deep[\s-]dive)(?=\s+(?:with|w/))",
    re.IGNORECASE,
)


EVENT_RE = re.compile(r"\bnext\s+\w+\s+(?:will|is|are)\b|\bwill\s+be\b", re.IGNORECASE)


PAST_RE = re.compile(
    r"\b(?:was|were|had|did|went|yesterday|ago|already|last|earlier|previously|used\s+to)\b",
    re.IGNORECASE,
)


NEG_RE = re.compile(
    r"\b(?:not|never|no|can't|cannot|won't|didn't|couldn't|cancel(?:led|ed)?|postponed"
    r"|fell\s+through)\b|n't\b",
    re.IGNORECASE,
)


HEDGE_RE = re.compile(
    r"\b(?:if|unless|whether|maybe|perhaps|might|could|wonder(?:ing)?|not\s+sure|unsure)\b",
    re.IGNORECASE,
)


FRAGMENT_LEAD = word_set(
    """
    a an the quick tentative tentatively follow-up follow up video phone zoom booked
    scheduled set pencilled penciled confirmed planned plan and we are on for also then
    another second next-step intro group team product proper first final live in-person
    virtual online short in hold save pencil floated suggested proposed mooted pitched
    offer kickoff kick-off kick off discovery sales strategy planning onboarding check-in
    holiday celebratory celebration farewell welcome leaving xmas christmas festive
    birthday catch-up debrief review long late early working
    casual informal formal lunchtime morning evening prep pre-read
    """
)


# "30-min call", "1hr zoom", "2-hour workshop": a length before the plan.
DURATION = re.compile(r"^\d+(?:[-.]\d+)?(?:-?(?:min|mins|minute|minutes|h|hr|hrs|hour|hours))?$")


# A plan with no time is still a plan when it is booked: "Lunch booked w/ Rhea".
BOOKED = re.compile(
    r"\b(?:booked|scheduled|pencill?ed|confirmed|arranged|set\s+up|lined\s+up|locked\s+in"
    r"|in\s+the\s+(?:diary|calendar)|on\s+the\s+calendar|planned|floated|suggested|proposed"
    r"|mooted)\b",
    re.IGNORECASE,
)


WITH_SOMEONE = re.compile(r"\b(?:with|w/)\s+(?!(?:it|that|this|them|him|her)\b)\S", re.IGNORECASE)


RECURRING = re.compile(
    r"\b(?:every|each\s+(?:week|month|day|morning)|usually|always|typically|normally"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b",
    re.IGNORECASE,
)


DATE_LEAD = re.compile(rf"(?:(?:on|for|at)\s+)?(?:{WD}\.?,?\s+)?", re.IGNORECASE)


def lead_ok(tokens: list[Tok], first: int, joint_at: int, text: str) -> bool:
    """Only modifiers, booking words and dates before the joint noun ("hold 12/17 for …")."""
    dated = [m.span() for m in DATE.finditer(text, tokens[first].start, joint_at)]
    count = 0
    for tok in tokens[first:]:
        if tok.start >= joint_at:
            break
        if any(a <= tok.start < b for a, b in dated):
            continue
        count += 1
        if count > 4 or not (
            tok.norm in FRAGMENT_LEAD or tok.norm in MOVED_PLAN or DURATION.match(tok.norm)
        ):
            return False
    return True


def _plan_noun(text: str, tokens: list[Tok], s_start: int, s_end: int) -> re.Match[str] | None:
    """The joint plan a fragment names ("Coffee w/ Ben Monday"), unless the fragment is past,
    a habit, negated, hedged, a heading, or a plan of someone else's."""
    lo, hi = tokens[s_start].start, tokens[s_end - 1].end
    chunk = text[lo:hi]
    joint = JOINT_RE.search(chunk) or WITH_PLAN_RE.search(chunk)
    if joint is None or EVENT_RE.search(chunk) or PAST_RE.search(chunk):
        return None
    if RECURRING.search(chunk):
        return None  # "Team lunch every Friday": a habit, not a plan
    if NEG_RE.search(chunk) or HEDGE_RE.search(chunk):
        return None
    title = HEADING_WORD.match(chunk, joint.end())
    if title is not None and title.group(1).lower() in HEADING_NOUNS:
        return None  # "Meeting notes, 4 Dec", "Call notes: Kris": a heading
    first = s_start
    for k in range(s_start, s_end):  # "Plan: dinner w/ Jo tonight": the lead starts after ":"
        if tokens[k].start >= lo + joint.start():
            break
        if tokens[k].norm == ":":
            first = k + 1
    if first < s_end and not lead_ok(tokens, first, lo + joint.start(), text):
        return None  # "She has a call with her board": their plan, not one with the user
    return joint


def joint_fallback(
    text: str,
    tokens: list[Tok],
    s_start: int,
    s_end: int,
    today: date,
    following: tuple[int, int] | None = None,
    order: str = "auto",
) -> Commitment | None:
    """A fragment naming a joint plan and a future day: "Coffee w/ Ben Monday 9am"."""
    joint = _plan_noun(text, tokens, s_start, s_end)
    if joint is None:
        return None
    lo, hi = tokens[s_start].start, tokens[s_end - 1].end
    found, due = find_due(text, lo, hi, today, order)
    if due is None and following is not None and not found:
        # "Lunch booked w/ Rhea & Tom — Wed 9 Dec, 12:30": the time comes after a dash
        date_at = DATE.search(text, following[0], following[1])
        if date_at is not None and DATE_LEAD.fullmatch(text, following[0], date_at.start()):
            found, due = find_due(text, following[0], date_at.end(), today, order)
    if due is None:
        chunk = text[lo:hi]
        booked = BOOKED.search(chunk)
        if found or booked is None:
            return None  # vague or past-sounding with no booking: not a plan we can date
        with_at = WITH_SOMEONE.search(chunk, joint.end())
        if with_at is None and booked.start() > joint.start():
            return None
    at = clock_time(text, lo, hi) if due is not None else None
    return Commitment(joint.group().lower(), Owner.BOTH, due, (lo, hi), "joint_plan", "", at)


REFER_WORDS = word_set(
    """
    it that this them those all
    """
)


REFER_LEADS = word_set(
    """
    deadline due by before aim target ideally latest
    """
)


REFER_OTHERS = (
    REFER_WORDS
    | REFER_LEADS
    | word_set(
        """
    do get send finish make have need needs must should try to for the on at no later than
    please pls and , : - ! done out over sorted latest ok okay doing first thing will i am
    sending handling tackling on
    """
    )
)


def referred_due(text: str, tokens: list[Tok], today: date, order: str = "auto") -> date | None:
    """ "Do it Monday!", "Deadline: Friday": a short order that dates the step before it."""
    if len(tokens) > 8:
        return None
    lo, hi = tokens[0].start, tokens[-1].end
    spans = [m.span() for m in DATE.finditer(text, lo, hi)]
    if not spans:
        return None
    rest = [t.norm for t in tokens if not any(a <= t.start < b for a, b in spans)]
    if not rest or not all(word in REFER_OTHERS for word in rest):
        return None
    if rest[0] not in REFER_LEADS and not any(word in REFER_WORDS for word in rest[:3]):
        return None
    return find_due(text, lo, hi, today, order)[1]


# A reply that takes on the request just before it: "… wants the abstract by Friday — on it".
ACKS = frozenset(
    [
        ("on", "it"),
        ("onto", "it"),
        ("i", "am", "on", "it"),
        ("i", "am", "onto", "it"),
        ("on", "it", "now"),
        ("will", "do"),
        ("consider", "it", "done"),
        ("leave", "it", "with", "me"),
        ("i", "will", "handle", "it"),
        ("i", "will", "sort", "it"),
    ]
)


REQUEST = re.compile(
    r"\b(?:wants?|wanted|needs|needed|asked|asks|request(?:ed|s)|would\s+like|'d\s+like"
    r"|expects?|expecting|chasing|waiting\s+(?:on|for))\b",
    re.IGNORECASE,
)


def taken_on(
    text: str, tokens: list[Tok], before: tuple[int, int, bool], today: date, order: str = "auto"
) -> Commitment | None:
    words = tuple(t.norm for t in tokens if t.norm.isalpha())
    if words not in ACKS:
        return None
    lo, hi = before[0], before[1]
    request = text[lo:hi].strip()
    if not request or not REQUEST.search(request):
        return None
    lo += len(text[lo:hi]) - len(text[lo:hi].lstrip())
    _found, due = find_due(text, lo, hi, today, order)
    what = request if len(request) <= 80 else request[:80].rsplit(" ", 1)[0]
    return Commitment(what, Owner.ME, due, (lo, tokens[-1].end), "taken_on")


HEADING_WORD = re.compile(r"\W*(\w+)")
_SHORTHAND_LEADS = frozenset(["fancy", "up", "for", "a", "an", "quick", "another"])


def shorthand_plan(
    text: str, tokens: list[Tok], today: date, order: str = "auto"
) -> Commitment | None:
    """A chat-style invitation: "coffee thurs?", "fancy a pint next week?" (a question with
    a joint noun up front and a day)."""
    if len(tokens) > 8:
        return None
    k = 0
    while k < len(tokens) - 1 and tokens[k].norm in _SHORTHAND_LEADS:
        k += 1
    if tokens[k].norm not in JOINT_NOUNS:
        return None
    lo, hi = tokens[0].start, tokens[-1].end
    _found, due = find_due(text, tokens[k].end, hi, today, order)
    weekend = [t.norm for t in tokens[k + 1 :] if t.norm in ("sat", "sun")]
    if due is None and weekend:  # "brunch sat?": after a plan, "sat" is the day
        due = upcoming_weekday(today, WD_NAMES[weekend[0]])
    if due is None:
        return None
    at = clock_time(text, lo, hi)
    return Commitment(tokens[k].norm, Owner.BOTH, due, (lo, hi), "shorthand_plan", "", at)
