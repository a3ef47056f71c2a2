"""The detector: sentences, anchors, checks and owners put together into promises."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from followthru.domain.commitments.anchors import find_anchors
from followthru.domain.commitments.dates import (
    DATE_ORDERS,
    clock_time,
    find_due,
    first_date_span,
)
from followthru.domain.commitments.describe import describe
from followthru.domain.commitments.fragments import (
    joint_fallback,
    referred_due,
    shorthand_plan,
    taken_on,
)
from followthru.domain.commitments.model import Anchor, Commitment, Tok
from followthru.domain.commitments.negatives import rejected
from followthru.domain.commitments.owner import inherit_subject, owner_of
from followthru.domain.commitments.past import past_due, unkept
from followthru.domain.commitments.tokens import sentences, tokenize
from followthru.domain.commitments.words import (
    CLAUSE_BREAKS,
    CONTINUERS,
    PRONOUN_SUBJECTS,
    QUESTION_OPENERS,
)


def _kept_anchors(tokens: list[Tok], anchors: list[Anchor]) -> list[tuple[Anchor, int]]:
    """The anchors no check turns down, each with the token its clause stops at."""
    kept: list[tuple[Anchor, int]] = []
    n = len(tokens)
    for k, anchor in enumerate(anchors):
        stop = anchors[k + 1].head if k + 1 < len(anchors) else n
        stop = max(stop, anchor.verb + 1) if stop > anchor.verb else stop
        if stop <= anchor.verb:
            continue
        anchor = inherit_subject(tokens, anchor, [a for a, _ in kept], stop)
        if rejected(tokens, anchor, 0, stop):
            continue
        kept.append((anchor, stop))
    return kept


@dataclass(frozen=True)
class _Note:
    """The note being read: its text and sentences, the day it was written, how numeric
    dates are read."""

    text: str
    today: date
    order: str
    spans: list[tuple[int, int, bool]]

    def due(self, start: int, end: int) -> tuple[bool, date | None]:
        return find_due(self.text, start, end, self.today, self.order)


def _unkept_due(
    note: _Note, tokens: list[Tok], anchor: Anchor, due: date | None
) -> tuple[date | None, str]:
    """A promise the sentence says was not kept is due on the past day it names, and says so:
    "Promised to send the slides on Wednesday, never did" was due last Wednesday."""
    lo, hi = tokens[0].start, tokens[-1].end
    if anchor.kind != "unkept" and not unkept(note.text[lo:hi]):
        return due, ""
    reported = anchor.kind in ("unkept", "commit") or any(
        t.norm == "would" for t in tokens[anchor.head : anchor.verb]
    )
    past = past_due(note.text, lo, hi, note.today)
    if past is not None and (reported or due is None):
        due = past
    if anchor.kind == "unkept" or (due is not None and due < note.today):
        return due, "reported as not kept: overdue"
    return due, ""


def _promise(
    note: _Note, tokens: list[Tok], anchor: Anchor, stop: int, previous_end: int
) -> Commitment:
    """The promise one kept anchor makes: its step, owner and due date."""
    text = note.text
    last = stop - 1
    while last > anchor.verb and tokens[last].norm in CONTINUERS | CLAUSE_BREAKS:
        last -= 1
    head_start = tokens[anchor.head].start
    verb_start = tokens[anchor.verb].start
    end = tokens[last].end
    found, due = note.due(verb_start, end)
    if not found and previous_end < head_start:
        found, due = note.due(previous_end, head_start)
    if not found and anchor.kind == "remind":  # "Remind me on Monday to …"
        found, due = note.due(head_start, verb_start)
    what = describe(text, verb_start, end, first_date_span(text, verb_start, end))
    if not what:
        what = tokens[anchor.verb].norm
    if anchor.recipient is not None:
        lo_r, hi_r = anchor.recipient
        what = f"{what} (to {text[tokens[lo_r].start : tokens[hi_r - 1].end]})"
    owner = owner_of(anchor, tokens, stop)
    due, said = _unkept_due(note, tokens, anchor, due)
    at = clock_time(text, head_start, end) if due is not None else None
    return Commitment(what, owner, due, (head_start, end), anchor.rule, said, at)


def _fallback(note: _Note, tokens: list[Tok], index: int) -> Commitment | None:
    """A sentence with no anchor word may still be a joint plan; its time may follow a dash."""
    spans = note.spans
    following = spans[index + 1][:2] if index + 1 < len(spans) else None
    if following is not None:
        chunk = note.text[following[0] : following[1]]
        following = (following[0] + len(chunk) - len(chunk.lstrip()), following[1])
    return joint_fallback(note.text, tokens, 0, len(tokens), note.today, following, note.order)


def _plan_before(
    note: _Note, tokens: list[Tok], kept: list[tuple[Anchor, int]]
) -> list[Commitment]:
    """ "Coffee with Lise tomorrow, bring the samples": a joint plan in the clause before the
    first step."""
    head = kept[0][0].head if kept else 0
    if head < 2 or tokens[head - 1].norm not in (",", "-", "+", "&", "and"):
        return []
    plan = joint_fallback(note.text, tokens, 0, head - 1, note.today, None, note.order)
    return [plan] if plan is not None else []


def _sentence_promises(note: _Note, tokens: list[Tok], index: int) -> list[Commitment]:
    """The promises of one sentence that no earlier sentence takes over."""
    anchors = find_anchors(tokens, 0, len(tokens))
    if not anchors:
        fallback = _fallback(note, tokens, index)
        return [fallback] if fallback is not None else []
    kept = _kept_anchors(tokens, anchors)
    found = _plan_before(note, tokens, kept)
    previous_end = tokens[0].start
    for anchor, stop in kept:
        found.append(_promise(note, tokens, anchor, stop, previous_end))
        previous_end = found[-1].span[1]
    return found


def _question(tokens: list[Tok]) -> bool:
    """ "Will they renew in March" without the question mark."""
    return (
        len(tokens) > 1
        and tokens[0].norm in QUESTION_OPENERS
        and tokens[1].norm in PRONOUN_SUBJECTS
    )


def detect_all(note: _Note) -> list[Commitment]:
    """Every promise in the note, sentence by sentence; may raise on text that defeats a rule."""
    text, today, order = note.text, note.today, note.order
    results: list[Commitment] = []
    mark = 0
    for index, (s_lo, s_hi, question) in enumerate(note.spans):
        fresh, mark = len(results) > mark, len(results)  # did the last sentence add any?
        tokens = tokenize(text[s_lo:s_hi], s_lo)
        if question:
            plan = shorthand_plan(text, tokens, today, order) if tokens else None
            results.extend([plan] if plan is not None else [])
            continue
        if not tokens:
            continue
        if fresh and results[-1].due is None:
            due = referred_due(text, tokens, today, order)
            if due is not None:  # "Do it Monday!": dates the step before it
                results[-1] = replace(results[-1], due=due)
                mark = len(results)
                continue
        if _question(tokens):
            continue
        before = note.spans[index - 1]
        taken = taken_on(text, tokens, before, today, order) if not fresh and index else None
        if taken is not None:  # "prof wants the abstract by friday — on it"
            results.append(taken)
            continue
        results.extend(_sentence_promises(note, tokens, index))
    return results


def detect(text: str, *, today: date, date_order: str = "auto") -> list[Commitment]:
    """Every follow-up promise in `text`, in the order written; `today` dates the note, and
    `date_order` ("auto", "dmy", "mdy") says how numeric dates such as 03/04 are read.

    Never raises: a note that defeats the rules yields no promises rather than an error,
    because a capture tool must not lose the note it was given.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    order = date_order if date_order in DATE_ORDERS else "auto"
    try:
        return detect_all(_Note(text, today, order, sentences(text)))
    except Exception:  # pragma: no cover - a safety net; the tests fuzz for this
        return []
