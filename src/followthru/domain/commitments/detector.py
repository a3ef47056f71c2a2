"""The detector: sentences, anchors, checks and owners put together into promises."""

from __future__ import annotations

from datetime import date

from followthru.domain.commitments.anchors import find_anchors
from followthru.domain.commitments.dates import find_due, first_date_span
from followthru.domain.commitments.describe import describe
from followthru.domain.commitments.fragments import joint_fallback, referred_due, taken_on
from followthru.domain.commitments.model import Anchor, Commitment
from followthru.domain.commitments.negatives import rejected
from followthru.domain.commitments.owner import inherit_subject, owner_of
from followthru.domain.commitments.tokens import sentences, tokenize
from followthru.domain.commitments.words import (
    CLAUSE_BREAKS,
    CONTINUERS,
    PRONOUN_SUBJECTS,
    QUESTION_OPENERS,
)


def detect_all(text: str, today: date) -> list[Commitment]:
    results: list[Commitment] = []
    mark = 0
    spans = sentences(text)
    for index, (s_lo, s_hi, question) in enumerate(spans):
        fresh, mark = len(results) > mark, len(results)  # did the last sentence add any?
        if question:
            continue
        tokens = tokenize(text[s_lo:s_hi], s_lo)
        if not tokens:
            continue
        n = len(tokens)
        if fresh and results[-1].due is None:
            due = referred_due(text, tokens, today)
            if due is not None:
                prior = results[-1]
                results[-1] = Commitment(prior.what, prior.owner, due, prior.span)
                mark = len(results)
                continue
        if tokens[0].norm in QUESTION_OPENERS and n > 1 and tokens[1].norm in PRONOUN_SUBJECTS:
            continue  # "Will they renew in March" without the question mark
        if not fresh and index > 0:
            taken = taken_on(text, tokens, spans[index - 1], today)
            if taken is not None:  # "prof wants the abstract by friday — on it"
                results.append(taken)
                continue
        anchors = find_anchors(tokens, 0, n)
        kept: list[tuple[Anchor, int]] = []
        for k, anchor in enumerate(anchors):
            stop = anchors[k + 1].head if k + 1 < len(anchors) else n
            stop = max(stop, anchor.verb + 1) if stop > anchor.verb else stop
            if stop <= anchor.verb:
                continue
            anchor = inherit_subject(tokens, anchor, [a for a, _ in kept], stop)
            if rejected(tokens, anchor, 0, stop):
                continue
            kept.append((anchor, stop))
        if not anchors:
            following = spans[index + 1][:2] if index + 1 < len(spans) else None
            if following is not None:
                skip = len(text[following[0] : following[1]]) - len(
                    text[following[0] : following[1]].lstrip()
                )
                following = (following[0] + skip, following[1])
            fallback = joint_fallback(text, tokens, 0, n, today, following)
            if fallback is not None:
                results.append(fallback)
            continue
        previous_end = tokens[0].start
        for anchor, stop in kept:
            last = stop - 1
            while last > anchor.verb and tokens[last].norm in CONTINUERS | CLAUSE_BREAKS:
                last -= 1
            head_start = tokens[anchor.head].start
            verb_start = tokens[anchor.verb].start
            end = tokens[last].end
            found, due = find_due(text, verb_start, end, today)
            if not found and previous_end < head_start:
                found, due = find_due(text, previous_end, head_start, today)
            if not found and anchor.kind == "remind":  # "Remind me on Monday to …"
                found, due = find_due(text, head_start, verb_start, today)
            what = describe(text, verb_start, end, first_date_span(text, verb_start, end))
            if not what:
                what = tokens[anchor.verb].norm
            if anchor.recipient is not None:
                lo_r, hi_r = anchor.recipient
                person = text[tokens[lo_r].start : tokens[hi_r - 1].end]
                what = f"{what} (to {person})"
            owner = owner_of(anchor, tokens, stop)
            results.append(Commitment(what, owner, due, (head_start, end)))
            previous_end = end
    return results


def detect(text: str, *, today: date) -> list[Commitment]:
    """Every follow-up promise in `text`, in the order written; `today` dates the note.

    Never raises: a note that defeats the rules yields no promises rather than an error,
    because a capture tool must not lose the note it was given.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return detect_all(text, today)
    except Exception:  # pragma: no cover - a safety net; the tests fuzz for this
        return []
