"""Who speaks before an anchor word: the user, the contact, both, or nobody named."""

from __future__ import annotations

from followthru.domain.commitments.dates import MONTH_NAMES, WD_NAMES
from followthru.domain.commitments.model import Tok
from followthru.domain.commitments.words import (
    ACTION_BASE,
    ADVERBS,
    AND,
    CLAUSE_BREAKS,
    COMMIT_VERBS,
    CONTINUERS,
    FRESH_STARTERS,
    FUNCTION_WORDS,
    HEDGES,
    JOINT_NOUNS,
    NONPERSON_SUBJECTS,
    NONVERB,
    NOT_NAMES,
    NOTE_NOUNS,
    OWN_SIDE,
    PARTNER_PRONOUNS,
    PAST_OPENERS,
    PLAN_VERBS,
    PRONOUN_SUBJECTS,
    REMINDER_WORDS,
    REPORT_VERBS,
    SELF_MARKS,
    STATIVE,
    SUBJECT_LEADS,
    TODO_PREFIX,
)


def bracket_start(tokens: list[Tok], close: int, floor: int) -> int:
    """Index of the "(" that the ")" at tokens[close] closes, or -1."""
    for k in range(close - 1, max(floor, close - 8) - 1, -1):
        if tokens[k].norm == "(":
            return k
    return -1


def self_reference(tokens: list[Tok], j: int, floor: int) -> int:
    """Head index when tokens[..j] name the writer in the third person, else -1.

    "The undersigned", "yours truly", "muggins (here)", "this one (me!)", "JT (that's me)".
    """
    word = tokens[j].norm
    prev = tokens[j - 1].norm if j - 1 >= floor else ""
    if word == "undersigned" and prev == "the":
        return j - 1
    if word == "truly" and prev == "yours":
        return j - 1
    if word == "muggins":
        return j
    if word == "here" and prev == "muggins":
        return j - 1
    if word == "servant" and prev == "humble":
        return max(floor, j - 2)
    if word == ")":
        opened = bracket_start(tokens, j, floor)
        if opened > floor and any(t.norm in SELF_MARKS for t in tokens[opened + 1 : j]):
            head = opened - 1
            while head - 1 >= floor and tokens[head - 1].norm in ("this", "the", "yours", "one"):
                head -= 1
            return head
    return -1


def partner(tokens: list[Tok], j: int, floor: int) -> int:
    """Head index when tokens[..j] name one person ("Leo", "Leo Park", "she"), else -1."""
    tok = tokens[j]
    if tok.norm in PARTNER_PRONOUNS:
        return j
    if tok.norm in WD_NAMES or tok.norm in MONTH_NAMES or not name_like(tok, j == floor):
        return -1
    if (
        j - 1 >= floor
        and name_like(tokens[j - 1], j - 1 == floor)
        and (j - 1 > floor or tokens[j - 1].norm not in PAST_OPENERS)
    ):
        return j - 1  # "Leo Park and I", but not "Met Leo and I'll …"
    return j


def joint_subject(tokens: list[Tok], j: int, floor: int) -> int:
    """Head index when tokens[..j] end a subject naming the user and the contact together:
    "Leo and I", "me & Leo", "she and I", "the two of us", "both of us"; else -1. The pair
    must open its clause, so "Met Leo and I'll send…" stays the user's own step."""
    word = tokens[j].norm
    head = -1
    if word == "us" and j - 2 >= floor and tokens[j - 1].norm == "of":
        lead = tokens[j - 2].norm
        if lead == "both":
            head = j - 2  # "both of us"
        elif lead in ("two", "pair") and j - 3 >= floor and tokens[j - 3].norm == "the":
            head = j - 3  # "the two of us"
    elif word in ("i", "me") and j - 2 >= floor and tokens[j - 1].norm in AND:
        head = partner(tokens, j - 2, floor)  # "Leo and I"
    elif (
        j - 2 >= floor
        and tokens[j - 1].norm in AND
        and tokens[j - 2].norm in ("i", "me")
        and partner(tokens, j, floor) == j
    ):
        head = j - 2  # "me and Leo"
    if head < 0:
        return -1
    if head > floor and tokens[head - 1].norm not in SUBJECT_LEADS:
        return -1
    return head


def _own_side(tokens: list[Tok], j: int, floor: int) -> int:
    """Head index when tokens[..j] name someone on the user's side ("my colleague Anil",
    "our legal team", "my boss"), who acts for the user; else -1."""
    for k in range(j, max(floor, j - 3) - 1, -1):
        word = tokens[k].norm
        if word in ("my", "our"):
            named = tokens[k + 1 : j + 1]
            return k if word == "our" or any(t.norm in OWN_SIDE for t in named) else -1
        if not word.replace("-", "").isalpha() or word in NONVERB:
            return -1
    return -1


def subject_of(tokens: list[Tok], index: int, floor: int) -> tuple[str, int]:
    """Who speaks before tokens[index]: ("me"|"we"|"them"|"none"|"", head index)."""
    j = index - 1
    while j >= floor and tokens[j].norm in ADVERBS:
        j -= 1
    if j < floor:
        return "none", index
    self_head = self_reference(tokens, j, floor)
    if self_head >= 0:
        return "me", self_head
    if tokens[j].norm == ")":
        opened = bracket_start(tokens, j, floor)
        if opened > floor:  # "Jen (Initech) will send": the subject stands before the brackets
            subj, head = subject_of(tokens, opened, floor)
            return (subj, head) if subj in ("them", "me", "we") else ("", j)
    word = tokens[j].norm
    if word in CLAUSE_BREAKS or word in CONTINUERS or word in FRESH_STARTERS:
        return "none", j + 1
    joint_head = joint_subject(tokens, j, floor)
    if joint_head >= 0:
        return "we", joint_head
    if word in PRONOUN_SUBJECTS:
        return PRONOUN_SUBJECTS[word], j
    if word in NONPERSON_SUBJECTS or word in FUNCTION_WORDS:
        return "", j
    if word in TODO_PREFIX:
        return "none", j + 1
    if word.replace("-", "").isalpha():
        # "Greg", "her assistant", "their team", "Victor's": a third party.
        head = j
        if head - 1 >= floor and tokens[head - 1].norm in ("her", "his", "their", "the", "my"):
            head -= 1
        own = _own_side(tokens, j, floor)
        return ("me", own) if own >= 0 else ("them", head)
    return "", j


def skip_adverbs(tokens: list[Tok], index: int) -> int:
    while index < len(tokens) and tokens[index].norm in ADVERBS:
        index += 1
    return index


def known_word(word: str) -> bool:
    return any(
        word in vocab
        for vocab in (
            NOT_NAMES,
            ACTION_BASE,
            STATIVE,
            NONVERB,
            FUNCTION_WORDS,
            TODO_PREFIX,
            JOINT_NOUNS,
            ADVERBS,
            HEDGES,
            REPORT_VERBS,
            COMMIT_VERBS,
            PLAN_VERBS,
            NONPERSON_SUBJECTS,
            NOTE_NOUNS,
            REMINDER_WORDS,
        )
    )


def name_like(tok: Tok, at_start: bool) -> bool:
    """Could tokens[...] be a person's name ("Teo", "Ms Lin")? Capitalised, not a known word."""
    word = tok.norm
    if not tok.cap or not word.isalpha() or known_word(word):
        return False
    if at_start:
        if word.endswith(("ing", "ly")) or (word.endswith("ed") and len(word) > 4):
            return False  # "Planning to", "Hopefully", "Wanted to"
        if word.endswith("s") and (word[:-1] in ACTION_BASE or word[:-1] in STATIVE):
            return False
    return True


def third_person_verb(word: str) -> bool:
    """ "sends", "pushes": a present-tense verb after she/he/a name."""
    if not word.endswith("s") or len(word) < 4:
        return False
    return word[:-1] in ACTION_BASE or (word.endswith("es") and word[:-2] in ACTION_BASE)
