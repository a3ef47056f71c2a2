"""Where a clause may start a promise, and what kind of step its verb names."""

from __future__ import annotations

from followthru.domain.commitments.dates import DATE_HEADS
from followthru.domain.commitments.model import Tok
from followthru.domain.commitments.names import bracket_start, known_word, name_like, self_reference
from followthru.domain.commitments.words import (
    ACTION_BASE,
    ACTION_ING,
    ADVERBS,
    ASSIGN_BREAKS,
    ASSIGNEES,
    CLAUSE_BREAKS,
    CONTINUERS,
    DETERMINERS,
    FRESH_STARTERS,
    HEADING_NOUNS,
    IMPERATIVE,
    JOINT_ING,
    JOINT_NOUNS,
    JOINT_VERBS,
    LIGHT_VERBS,
    NEGATIONS,
    NONVERB,
    NOTE_NOUNS,
    NOTE_VERBS,
    PERSON_OBJECTS,
    REMINDER_WORDS,
    ROLE_NOUNS,
    STATIVE,
    THING_LEADS,
    TODO_PREFIX,
    word_set,
)


def has_person_object(tokens: list[Tok], start: int, stop: int) -> bool:
    return any(tok.norm in PERSON_OBJECTS for tok in tokens[start:stop])


def is_joint(tokens: list[Tok], verb: int, stop: int) -> bool:
    """Does the verb phrase name a joint plan (meet, catch up, grab lunch, a call)?"""
    if verb >= stop:
        return False
    word = tokens[verb].norm
    if word in JOINT_VERBS or word in JOINT_ING:
        if word in ("talk", "talking", "chat", "chatting") and stop > verb + 1:
            return tokens[verb + 1].norm not in ("to", "about") or has_person_object(
                tokens, verb + 1, min(stop, verb + 4)
            )
        return True
    light = word in LIGHT_VERBS or word in ("grabbing", "getting", "having", "doing", "going")
    if light or word in ("hop", "jump"):
        for tok in tokens[verb + 1 : min(stop, verb + 5)]:
            if tok.norm in JOINT_NOUNS:
                return word not in ("schedule", "set", "book", "plan", "organize", "arrange")
            if tok.norm in ("hiking", "running", "skiing", "climbing", "cycling", "bowling"):
                return True
    return False


def note_to_self(tokens: list[Tok], index: int, end: int) -> int:
    """Past the end of "set a reminder", "add a task" at tokens[index], or -1."""
    k = index
    while k < end and k < index + 3 and tokens[k].norm in NOTE_VERBS:
        k += 1
    if k > index and k < end and tokens[k].norm in NOTE_NOUNS:
        return k + 1
    return -1


def before_todo_prefix(tokens: list[Tok], j: int, floor: int) -> int:
    """Step back over "TODO:", "remember to", "don't forget to", "make sure to" and the like."""
    while j >= floor:
        word = tokens[j].norm
        if word in NOTE_NOUNS:
            j -= 1
            while j >= floor and tokens[j].norm in NOTE_VERBS:
                j -= 1
        elif (
            word in TODO_PREFIX
            or word in ADVERBS
            or (
                word == "to"
                and j - 1 >= floor
                and tokens[j - 1].norm in REMINDER_WORDS | NOTE_NOUNS | {"me"}
            )
        ):
            j -= 1
        elif word in REMINDER_WORDS:
            j -= 1
            while j >= floor and tokens[j].norm in ("do", "not", "make", "be", "must", "me"):
                j -= 1
        else:
            break
    return j


def clause_start(tokens: list[Tok], index: int, sent_start: int, earlier: bool) -> bool:
    """May an elided-subject anchor ("Will email", "Send her…") begin at tokens[index]?"""
    j = before_todo_prefix(tokens, index - 1, sent_start)
    if j < sent_start:
        return True
    word = tokens[j].norm
    if word in (":", "+", "&", "(") or word in FRESH_STARTERS:
        return True
    if word in (",", "-", "/", "so", "then", "but"):
        return not earlier
    return False


def assignee(tokens: list[Tok], index: int, floor: int) -> tuple[str, int] | None:
    """Who an action-item "<X> to <verb>" hands the step to: "Teo to send", "me to share"."""
    p = index - 1
    if p < floor:
        return None
    prev = tokens[p]
    bracketed = False
    if prev.norm == ")":
        self_head = self_reference(tokens, p, floor)
        opened = bracket_start(tokens, p, floor)
        if self_head >= 0:
            return "me", self_head
        if opened <= floor:
            return None
        p, bracketed = opened - 1, True  # "jen (initech) to send": the name before brackets
        prev = tokens[p]
    if prev.norm in ASSIGNEES:
        subj, head = ASSIGNEES[prev.norm], p
    elif bracketed and prev.norm.isalpha() and not known_word(prev.norm):
        subj, head = "them", p
    elif prev.norm in ROLE_NOUNS or (
        p - 2 >= floor and tokens[p - 1].norm == "of" and tokens[p - 2].norm in ROLE_NOUNS
    ):
        subj, head = "them", _role_start(tokens, p if prev.norm in ROLE_NOUNS else p - 2, floor)
    elif name_like(prev, p == floor):
        subj, head = "them", p
        if p - 1 >= floor and name_like(tokens[p - 1], p - 1 == floor):
            head = p - 1  # "Teo Alvarez to send"
    else:
        return None
    j = before_todo_prefix(tokens, head - 1, floor)
    if j >= floor and tokens[j].norm not in ASSIGN_BREAKS:
        return None
    return subj, head


def _role_start(tokens: list[Tok], head: int, floor: int) -> int:
    """Where a role's phrase starts: up to two words before the role noun that qualify it
    ("hiring manager", "their CFO", "the legal team"), not a verb or a clause break."""
    for _ in range(2):
        k = head - 1
        if k < floor or not _qualifies_role(tokens[k].norm):
            break
        head = k
    return head


def _qualifies_role(word: str) -> bool:
    if word in ASSIGN_BREAKS or not word.isalpha() or word in ACTION_BASE or word in STATIVE:
        return False
    return word not in NONVERB or word in DETERMINERS


def recipient_at(tokens: list[Tok], j: int, stop: int) -> int:
    """Index of the thing after a person in "promised Hana a copy", "owe her a reply",
    "offered him an intro", or -1. The person is a pronoun, a name or "the/our <role>"."""
    if j >= stop:
        return -1
    word = tokens[j].norm
    after = j + 1
    if word in ("him", "them", "you", "her"):
        pass
    elif word in ("the", "our", "their", "his", "her", "my") and j + 1 < stop:
        if tokens[j + 1].norm not in ROLE_NOUNS:
            return -1
        after = j + 2
    elif name_like(tokens[j], False) and word not in DATE_HEADS:
        if after < stop and name_like(tokens[after], False):
            after += 1  # "Hana Sato"
    else:
        return -1
    if after >= stop:
        return -1
    thing = tokens[after]
    if thing.norm in THING_LEADS:
        return after
    if word == "her" or not thing.norm.isalpha() or thing.cap:
        return -1  # "promised her slides": "her" may be a possessive
    if (
        thing.norm in NONVERB
        or thing.norm in DATE_HEADS
        or thing.norm in STATIVE
        or thing.norm in ADVERBS
        or thing.norm.endswith("ed")
    ):
        return -1
    return after


def remind_me(tokens: list[Tok], i: int, stop: int) -> int:
    """Index of the verb after "remind me [date words] to", or -1."""
    if i + 2 >= stop or tokens[i + 1].norm not in ("me", "myself", "us"):
        return -1
    for k in range(i + 2, min(stop - 1, i + 8)):
        word = tokens[k].norm
        if word == "to":
            return k + 1
        if word in CLAUSE_BREAKS or word in CONTINUERS or word in NEGATIONS:
            return -1
    return -1


COPULA_AFTER = word_set(
    """
    is was went were are has had looked seemed ran lasted got went. 's felt sounded seems
    looks sounds took
    """
)


SUBORDINATORS = word_set(
    """
    when if once after before because since while who that which until unless so and
    """
)


NOUNLIKE_VERBS = word_set(
    """
    call email text message msg dm ping chat meet intro review update order quote invoice
    post visit demo catch touch return pitch drop book reply thank
    """
)


def _noun_not_order(tokens: list[Tok], index: int, sent_end: int) -> bool:
    """A word as often a noun as a verb used as a noun: "Call notes: …", "Update: her demo
    is next week", "Intro to Sam was useful", "Call booked for Tuesday"."""
    word, after = tokens[index].norm, tokens[index + 1].norm
    if after in HEADING_NOUNS and (word in NOUNLIKE_VERBS or word == "meeting"):
        return True
    if word == "intro" and after in JOINT_NOUNS:
        return True  # "Intro call with Bea Monday": a joint plan, found by the fallback
    if word not in NOUNLIKE_VERBS and word != "intro":
        return False
    if word in NOUNLIKE_VERBS and (
        after == ":" or after.endswith("ed") or after in ("for", "at", "on")
    ):
        return True
    for later in tokens[index + 1 : min(sent_end, index + 6)]:
        if later.norm in CLAUSE_BREAKS or later.norm in SUBORDINATORS:
            break
        if later.norm in ("was", "were", "went", "is", "has", "had"):
            return True  # a noun phrase with its own verb
    return False


def _particle_missing(tokens: list[Tok], index: int, sent_end: int) -> bool:
    """Verbs that are a step only with their particle: "follow up", "catch up", "touch base",
    "try again", "do lunch"; a bare "Follow-up" or "Follow-up:" is a heading."""
    word, after = tokens[index].norm, tokens[index + 1].norm
    if word in ("do", "doing"):
        return not any(t.norm in JOINT_NOUNS for t in tokens[index + 1 : min(sent_end, index + 4)])
    if word == "try":
        return after not in ("again", "back", "him", "her", "them", "calling")
    if word == "follow" and (index + 2 >= sent_end or tokens[index + 2].norm == ":"):
        return True
    if word in ("follow", "following"):
        return after != "up"
    if word in ("catch", "catching"):
        return after not in ("up", "him", "her", "them")
    if word in ("touch", "touching"):
        return after != "base"
    return False


def imperative_ok(tokens: list[Tok], index: int, sent_start: int, sent_end: int) -> bool:
    """A to-do fragment's first word: "Send Priya the deck", not "Call went well"."""
    tok = tokens[index]
    if index + 1 >= sent_end:
        return False
    after = tokens[index + 1]
    if after.norm in COPULA_AFTER or after.norm in ("with", "from", "about", "of"):
        # "Call with Dmitri Tuesday" is a joint plan, found by the joint-noun fallback.
        return False
    if tok.cap and index != sent_start and tokens[index - 1].norm not in (":", "+", "(", "-"):
        return False
    word = tok.norm
    if word == "thank" and after.norm == "you":
        return False  # "Thank you for your time": courtesy, not a step
    if word == "remind" and after.norm in ("me", "myself"):
        return False  # "Remind me why we met": a reminder prefix, never a step of its own
    if _noun_not_order(tokens, index, sent_end) or _particle_missing(tokens, index, sent_end):
        return False
    if word in ("meeting", "calling", "talking", "chatting", "having", "getting", "doing"):
        return True
    if word.endswith("ing") and word not in IMPERATIVE:  # "ping", "bring" are verbs
        return word in ACTION_ING or word in JOINT_ING
    return True
    if word.endswith("ing") and word not in IMPERATIVE:  # "ping", "bring" are verbs
        return word in ACTION_ING or word in JOINT_ING
    return True
