"""A short, human description of the promised step: the verb phrase, minus date words."""

from __future__ import annotations

import re

from followthru.domain.commitments.words import word_set

WHAT_TRIM = " \t,.;:!?-+&()\"'"


TRAILING_WORDS = word_set(
    """
    on by for at in before until till and then so but to the of
    """
)


GIVE_VERBS = word_set(
    """
    send email mail forward text give show get lend bring ping
    """
)


JOINT_WHAT = re.compile(
    r"^(?:(?:do|grab|get|have|go\s+for|meet\s+(?:up\s+)?for|hop\s+on|jump\s+on|set\s+up"
    r"|schedule|book|plan|organize|arrange)\s+)(?:a\s+|an\s+|the\s+|some\s+|another\s+)?"
    r"(?P<noun>(?:quick\s+|follow[\s-]up\s+|video\s+|phone\s+)?(?:lunch|coffee|dinner|breakfast"
    r"|brunch|drinks?|beers?|call|zoom|catch[\s-]?up|meeting|site\s+visit|walk|hike|run"
    r"|tea|pint))\b",
    re.IGNORECASE,
)


def describe(text: str, start: int, end: int, due_span: tuple[int, int] | None) -> str:
    """A short description of the promised step: the verb phrase, minus date words."""
    if due_span and start <= due_span[0] < end:
        phrase = text[start : due_span[0]] + " " + text[due_span[1] : end]
    else:
        phrase = text[start:end]
    words = phrase.split()
    while words and words[-1].lower().strip(WHAT_TRIM) in TRAILING_WORDS:
        words.pop()
    if len(words) > 2 and words[0].lower() in GIVE_VERBS and words[1].lower() == "you":
        del words[1]
    phrase = " ".join(words).strip(WHAT_TRIM)
    joint = JOINT_WHAT.match(phrase)
    if joint:
        return " ".join(joint.group("noun").lower().split())
    if len(phrase) > 80:
        phrase = phrase[:80].rsplit(" ", 1)[0]
    return phrase
