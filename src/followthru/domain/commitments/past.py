"""Promises reported after the fact: "promised to call him back last Tuesday, never did".

A promise the note says was not kept is still open, and already overdue: its due date is
the past day the note names. One the note says was kept ("… and did") is no promise at all.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from followthru.domain.commitments.dates import NUM_WORD, WD, WD_NAMES, count_of
from followthru.domain.commitments.model import Tok
from followthru.domain.commitments.words import ACTION_BASE

# Words that say a promise was not kept: "never did", "forgot", "haven't yet", "it slipped".
UNKEPT = re.compile(
    r"\b(?:never|forgot|slipped|owe|(?:did|have|has|had)(?:\s+not|n['\u2019]?t)"
    r"|didnt|havent|hasnt|not\s+yet)\b",
    re.IGNORECASE,
)
PAST_DATE = re.compile(
    r"\b(?:(?P<yest>yesterday)"
    rf"|(?P<ago>(?P<agoq>{NUM_WORD})\s+(?P<agou>days?|weeks?|months?)\s+ago)"
    r"|(?P<lastwk>last\s+week)|(?P<lastmo>last\s+month)"
    r"|(?P<wkend>(?:over|at|on)\s+the\s+weekend|last\s+weekend)"
    rf"|(?P<pwd>(?:last|on|this\s+past)\s+(?P<pwdn>{WD})))\b",
    re.IGNORECASE,
)
# Past forms of the verbs a step is made of: "never sent", "haven't called".
_IRREGULAR = {
    "sent": "send", "made": "make", "got": "get", "gave": "give", "wrote": "write",
    "rang": "ring", "brought": "bring", "took": "take", "put": "put",
    "told": "tell", "paid": "pay", "read": "read", "found": "find", "set": "set",
}  # fmt: skip


def past_action(word: str) -> bool:
    """ "sent", "called", "introduced": the past form of a step the user could owe."""
    if word in _IRREGULAR:
        return True
    if not word.endswith("ed"):
        return False
    return any(stem in ACTION_BASE for stem in (word[:-2], word[:-1], word[:-3]))


def unkept_words(tokens: list[Tok]) -> bool:
    """Do the words of a sentence say a promise was not kept ("never", "forgot", "didn't")?"""
    norms = [t.norm for t in tokens]
    if any(w in ("never", "forgot", "slipped") for w in norms):
        return True
    return any(
        w == "not" and k > 0 and norms[k - 1] in ("did", "have", "has", "had")
        for k, w in enumerate(norms)
    )


def unkept(text: str) -> bool:
    """Does the sentence say a promise was not kept?"""
    return UNKEPT.search(text) is not None


def kept(tokens: list[Tok], start: int, stop: int) -> bool:
    """ "… and did", "… and I did": the promise reported is already kept."""
    for k in range(start + 1, stop):
        if tokens[k].norm != "did" or tokens[k - 1].norm not in ("and", "i", "which"):
            continue
        if k + 1 >= stop or tokens[k + 1].norm not in ("not", "never"):
            return True
    return False


def past_due(text: str, start: int, end: int, today: date) -> date | None:
    """The past day a reported promise was due on: "last Tuesday", "a week ago"."""
    match = PAST_DATE.search(text, start, end)
    if match is None:
        return None
    kind = match.lastgroup
    if kind == "yest":
        return today - timedelta(days=1)
    if kind == "ago":
        amount, unit = count_of(match.group("agoq")), match.group("agou").lower()
        days = {"d": 1, "w": 7, "m": 30}[unit[0]]
        return today - timedelta(days=amount * days)
    last_monday = today - timedelta(days=today.weekday() + 7)
    if kind == "lastwk":
        return last_monday + timedelta(days=4)
    if kind == "lastmo":
        return today.replace(day=1) - timedelta(days=1)
    if kind == "wkend":
        return last_monday + timedelta(days=5)
    weekday = WD_NAMES[match.group("pwdn").lower()]
    return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)
