"""Who owes the step an anchor found: the user (me), the contact (them) or both."""

from __future__ import annotations

from followthru.domain.commitments.clauses import has_person_object, is_joint
from followthru.domain.commitments.dates import DATE_HEADS
from followthru.domain.commitments.model import Anchor, Tok
from followthru.domain.commitments.names import name_like, skip_adverbs
from followthru.domain.commitments.negatives import looking_forward
from followthru.domain.commitments.words import NONVERB, ROLE_NOUNS, SELF_MARKS, word_set
from followthru.domain.vocab import Owner


def header_owner(tokens: list[Tok], head: int) -> Owner | None:
    """ "Action for Sam: chase legal" hands the step to Sam; "Action for JT (me):" to the user."""
    if head < 2 or tokens[head - 1].norm != ":":
        return None
    header = tokens[: head - 1]
    if len(header) > 8 or header[0].norm not in ("action", "actions", "task", "tasks", "owner"):
        return None
    if any(t.norm in SELF_MARKS for t in header):
        return Owner.ME
    for k, tok in enumerate(header[:-1]):
        if tok.norm in ("for", "owner", "on") and (
            name_like(header[k + 1], False) or header[k + 1].norm in ROLE_NOUNS
        ):
            return Owner.THEM
    return None


# Verbs by which the user's side hands the contact something: "we'll send them …".
WE_GIVE = word_set(
    """
    send sending email emailing mail forward forwarding share sharing intro introduce
    introducing give giving pass refer connect loop cc
    """
)


WE_RETURN = frozenset(["get", "getting", "circle", "circling", "come", "coming", "report"])


WE_REACH = frozenset(["follow", "following", "reach", "reaching"])


CONTACT_OBJECTS = frozenset(["them", "her", "him", "you"])


def gives_to_contact(tokens: list[Tok], verb: int, stop: int) -> bool:
    """ "send them the contract", "share it with her", "get back to you": a step owed to the
    contact rather than a plan made with them."""
    if verb >= stop:
        return False
    word = tokens[verb].norm
    window = [t.norm for t in tokens[verb + 1 : min(stop, verb + 6)]]
    if word in WE_GIVE:
        return any(w in CONTACT_OBJECTS for w in window)
    if (word in WE_RETURN and window[:1] == ["back"]) or (
        word in WE_REACH and window[:1] in (["up"], ["out"])
    ):
        return len(window) > 2 and window[1] in ("to", "with") and window[2] in CONTACT_OBJECTS
    return False


# Anchor kinds where a joint plan (meet, catch up, grab lunch, a call) is both sides' step.
JOINT_KINDS = frozenset({"future", "plan", "assign", "oblig", "commit", "imper", "prog"})


def owner_of(anchor: Anchor, tokens: list[Tok], stop: int) -> Owner:
    if anchor.owner is not None:
        return anchor.owner
    if anchor.kind == "imper":
        named = header_owner(tokens, anchor.head)
        if named is not None:
            return named
    if (
        anchor.subj == "we"
        and tokens[anchor.head].norm == "we"
        and (anchor.recipient is not None or gives_to_contact(tokens, anchor.verb, stop))
    ):
        return Owner.ME  # "We'll send them the contract": the user's side owes it
    if anchor.subj == "we" or anchor.kind == "lets":
        return Owner.BOTH
    if anchor.subj == "them":
        joint = is_joint(tokens, anchor.verb, stop) and has_person_object(tokens, anchor.verb, stop)
        return Owner.BOTH if joint else Owner.THEM
    if anchor.verb < stop and tokens[anchor.verb].norm in ("hear",):
        return Owner.THEM
    if looking_forward(tokens, anchor.verb, stop):
        return Owner.BOTH
    if is_joint(tokens, anchor.verb, stop) and anchor.kind in JOINT_KINDS:
        return Owner.BOTH
    return Owner.ME


# The first clause says the contact is away or busy: "He's out till Jan, will follow up then"
# is the user's step, not his.
UNAVAILABLE = word_set(
    """
    out away busy swamped slammed travelling traveling off ooo leave vacation holiday
    holidays sick offline underwater
    """
)


OPENER_VERBS = frozenset(["'s", "is", "will", "says", "said", "has", "seems", "sounds"])


CLAUSE_JOINS = frozenset([",", "and", "then", "&", "+", "but", "so"])


def third_person_opener(tokens: list[Tok], head: int) -> bool:
    """Does the sentence open with she/he/they or "Name's/Name is …" before tokens[head]?"""
    k = skip_adverbs(tokens, 0)
    if k >= head:
        return False
    first_tok = tokens[k]
    if first_tok.norm in ("she", "he", "they"):
        return True
    return k + 1 < head and tokens[k + 1].norm in OPENER_VERBS and name_like(first_tok, k == 0)


def inherit_subject(tokens: list[Tok], anchor: Anchor, prior: list[Anchor], stop: int) -> Anchor:
    """ "She's happy to help, will send contact details": the elided subject is still she."""
    head = anchor.head
    if anchor.subj != "none" or anchor.kind != "future" or head == 0:
        return anchor
    if tokens[head - 1].norm not in CLAUSE_JOINS:
        return anchor
    if prior:
        if prior[-1].subj != "them":
            return anchor
    elif not third_person_opener(tokens, head) or any(t.norm in UNAVAILABLE for t in tokens[:head]):
        return anchor
    for k in range(anchor.verb, stop):
        word = tokens[k].norm
        if word in ("him", "them"):
            return anchor  # "…, will ping him Monday": the user acts on the third person
        if word == "her":
            after = tokens[k + 1].norm if k + 1 < stop else ""
            if not after or after in NONVERB or after in DATE_HEADS:
                return anchor
    return Anchor("them", head, anchor.verb, anchor.kind)
