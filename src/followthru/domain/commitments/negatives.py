"""Checks that turn an anchor down: negations, hedges, pleasantries, states and plans of
others that owe the user nothing."""

from __future__ import annotations

import re

from followthru.domain.commitments.clauses import has_person_object, is_joint
from followthru.domain.commitments.model import Anchor, Tok
from followthru.domain.commitments.names import third_person_verb
from followthru.domain.commitments.past import kept
from followthru.domain.commitments.words import (
    ACTION_BASE,
    ACTION_ING,
    ACTION_OR_ING,
    BE_ING_OK,
    DELIVERABLES,
    DETERMINERS,
    HEDGES,
    JOINT_ING,
    JOINT_NOUNS,
    NEGATIONS,
    NONVERB,
    PERSON_OBJECTS,
    STATIVE,
)


def has_deliverable(tokens: list[Tok], verb: int, stop: int) -> bool:
    """ "have a decision", "have the final numbers": a result handed over, not a state."""
    for tok in tokens[verb + 1 : min(stop, verb + 5)]:
        if tok.norm in DELIVERABLES:
            return True
        if tok.norm not in DETERMINERS and tok.norm not in ("final", "firm", "new", "revised"):
            return False
    return False


PLEASANTRY = re.compile(
    r"^(?:(?:keep|stay)\s+in\s+touch|stay\s+connected|keep\s+(?:\w+\s+){0,2}"
    r"(?:posted|updated|in\s+the\s+loop)(?!\s+(?:on|about|re|regarding|with|abt)\b)|(?:see|hope|face|say|just\s+say|pray|agree|be\s+honest"
    r"|be\s+real|be\s+clear|not|admit|grant|confess|bet|dare|guess|imagine|suppose|power|wait\s+and\s+see|do\s+this\s+again|do\s+it\s+again"
    r"|keep\s+it|go\s+with\s+the\s+flow|play\s+it\s+by\s+ear|take\s+it\s+from\s+there)\b)"
)


IN_TOUCH = re.compile(r"^be\s+(?:in\s+touch|there|sure\s+to|back\s+(?:to|with)\s+(?:me|us))")


def is_verbish(tok: Tok, first_in_sentence: bool) -> bool:
    word = tok.norm
    if not word.isalpha() and "-" not in word:
        return False
    if word in NONVERB:
        return False
    return not (tok.cap and not first_in_sentence)


def looking_forward(tokens: list[Tok], verb: int, stop: int) -> bool | None:
    """None unless "look(ing) forward to …"; then whether a joint plan follows ("… to lunch")."""
    if not (
        verb + 1 < stop
        and tokens[verb].norm in ("look", "looking", "looks")
        and tokens[verb + 1].norm == "forward"
    ):
        return None
    return any(
        t.norm in JOINT_NOUNS or t.norm in JOINT_ING for t in tokens[verb + 2 : min(stop, verb + 7)]
    )


def _negated(tokens: list[Tok], anchor: Anchor, sent_start: int) -> bool:
    """Negation between the subject and the verb: "I won't", "not going to", "no need to"."""
    verb = anchor.verb
    for k in range(max(sent_start, anchor.head - 2), verb):
        if tokens[k].norm in NEGATIONS and not (
            k + 1 < verb and tokens[k + 1].norm in ("forget", "hesitate")
        ):
            return True
    return anchor.kind != "imper" and tokens[verb].norm in NEGATIONS


def _hedged(tokens: list[Tok], anchor: Anchor, sent_start: int) -> bool:
    """Hedges before the anchor: "if they raise, they'll…", "not sure if he'll…"."""
    for tok in tokens[sent_start : anchor.head + 1]:
        if tok.norm in HEDGES:
            return True
        if tok.norm in ("would", "could", "might") and anchor.kind != "future":
            return True
    return False


def _verb_word(word: str) -> str:
    """ "hand-deliver", "re-send", "double-check": the verb inside a hyphenated word."""
    if "-" in word:
        prefix, _sep, tail = word.rpartition("-")
        if tail in ACTION_BASE:
            return tail
        if prefix == "hand":
            return "deliver"  # "hand-carry", "hand-walk"
    return word


def _no_step(tokens: list[Tok], anchor: Anchor, stop: int, phrase: str, word: str) -> bool:
    """A state or a comment rather than a step: "will be interesting", "I'll have a think"."""
    verb = anchor.verb
    if word == "be" and not IN_TOUCH.match(phrase):
        after = tokens[verb + 1].norm if verb + 1 < stop else ""
        if after not in ACTION_ING and after not in JOINT_ING and after not in BE_ING_OK:
            return True  # "Will be interesting to see …": a comment, not a step
    if word == "have" and anchor.kind != "commit" and not has_deliverable(tokens, verb, stop):
        # "I'll have the specs to her", "they'll have an answer for us"
        window = [t.norm for t in tokens[verb + 1 : min(stop, verb + 8)]]
        if (
            not any(w in ("to", "for") for w in window)
            or not any(w in PERSON_OBJECTS or w in ("her", "him", "them", "you") for w in window)
        ) and not is_joint(tokens, verb, stop):
            return True
    if word in ("go", "going") and not (
        verb + 1 < stop and tokens[verb + 1].norm in ("for", "over", "through", "hiking", "running")
    ):
        return True
    return (
        word in STATIVE
        and word not in ("have", "be")
        and anchor.kind != "commit"
        and not phrase.startswith(("hear back", "hear from", "work on", "work up", "start on"))
    )


def _owes_nothing(tokens: list[Tok], anchor: Anchor, stop: int, phrase: str, word: str) -> bool:
    """A plan of the contact's that hands the user nothing: "they'll launch in March"."""
    if anchor.subj != "them" or anchor.kind not in ("future", "prog", "oblig", "plan"):
        return False
    verb = anchor.verb
    mine = has_person_object(tokens, verb, stop)
    if anchor.kind == "plan" and third_person_verb(word):  # "Plan: she sends the spec"
        word = word[:-2] if word[:-1] not in ACTION_BASE else word[:-1]
    deliver = word in ACTION_OR_ING and word not in ("get", "getting", "take", "do", "make")
    if word in ("get", "getting") and verb + 1 < stop:
        deliver = tokens[verb + 1].norm in ("back", "in", "me", "us") or mine
    if phrase.startswith(("hear back", "hear from", "be in touch", "be back to")):
        deliver = True
    if word in ("going", "go"):
        deliver = False
    if anchor.kind == "oblig" and not mine:
        return True
    return not (deliver or mine)


def rejected(tokens: list[Tok], anchor: Anchor, sent_start: int, stop: int) -> bool:
    """Does a check turn this anchor down? Each check is one kind of false alarm."""
    verb = anchor.verb
    if verb >= stop or _hedged(tokens, anchor, sent_start) or kept(tokens, verb, stop):
        return True  # "I said I'd send it and I did": reported, and already kept
    if anchor.kind != "unkept" and _negated(tokens, anchor, sent_start):
        return True
    first = tokens[verb]
    if (
        not is_verbish(first, verb == sent_start)
        and anchor.kind not in ("commit", "expect")
        and not (anchor.kind == "ask" and first.norm.isalpha())
    ):
        return True
    phrase = " ".join(tok.norm for tok in tokens[verb : min(stop, verb + 6)])
    if PLEASANTRY.match(phrase) or looking_forward(tokens, verb, stop) is False:
        return True  # "Looking forward to seeing how Ramp grows": a pleasantry
    word = _verb_word(first.norm)
    if _no_step(tokens, anchor, stop, phrase, word):
        return True
    if _owes_nothing(tokens, anchor, stop, phrase, word):
        return True
    if anchor.subj == "we" and anchor.kind == "prog" and not is_joint(tokens, verb, stop):
        return bool(word not in ACTION_ING)
    return False
