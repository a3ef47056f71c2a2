"""The records the detector works with: the promise it returns, and its tokens and anchors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from followthru.domain.vocab import Owner


@dataclass(frozen=True)
class Commitment:
    """One promise found in a note."""

    what: str  # short, human: "lunch", "send the white paper", "introduce her to Chen"
    owner: Owner  # ME (the user owes it), THEM (the contact), BOTH (a joint plan)
    due: date | None  # None when the text names no time or only a vague one
    span: tuple[int, int]  # character offsets of the clause it came from
    rule: str = field(default="", compare=False)  # the rule that found it, for --explain
    note: str = field(default="", compare=False)  # "reported as not kept" and the like
    at: time | None = field(default=None, compare=False)  # "by 3pm": the time on the due day


@dataclass(frozen=True)
class Tok:
    norm: str
    start: int
    end: int
    cap: bool  # written with a capital letter (a name when mid-sentence)


@dataclass
class Anchor:
    subj: str  # "me", "we", "them", "none" (elided: the note's writer)
    head: int  # index of the first token of the clause (subject or anchor word)
    verb: int  # index of the main verb
    # "future", "oblig", "commit", "lets", "imper", "expect", "ask", "prog", "plan", "assign"
    kind: str
    owner: Owner | None = None
    recipient: tuple[int, int] | None = None  # "promised Hana a copy": tokens naming Hana
    rule: str = ""  # the anchor rule that found it, for --explain
