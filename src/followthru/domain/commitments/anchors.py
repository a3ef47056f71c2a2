"""Anchors: the words that make a clause a promise ("will", "need to", "let's", a to-do verb
opening a fragment). Each rule is a small function; the table runs them in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from followthru.domain.commitments.clauses import (
    assignee,
    clause_start,
    imperative_ok,
    note_to_self,
    recipient_at,
    remind_me,
)
from followthru.domain.commitments.model import Anchor, Tok
from followthru.domain.commitments.names import (
    name_like,
    self_reference,
    skip_adverbs,
    subject_of,
    third_person_verb,
)
from followthru.domain.commitments.negatives import is_verbish
from followthru.domain.commitments.past import past_action, unkept_words
from followthru.domain.commitments.words import (
    ACTION_BASE,
    ACTION_ING,
    ASSIGN_BREAKS,
    COMMIT_VERBS,
    DETERMINERS,
    IMPERATIVE,
    JOINT_ING,
    NONVERB,
    NOTE_VERBS,
    PAST_AUX,
    PLAN_HEADERS,
    PLAN_VERBS,
    PRONOUN_SUBJECTS,
    REPORT_VERBS,
    STATIVE,
    WH_WORDS,
)
from followthru.domain.vocab import Owner


class _Step(Enum):
    """What a rule says besides an anchor: not mine (try the next rule), or skip the word."""

    PASS = "pass"
    SKIP = "skip"


@dataclass
class _Scan:
    """One sentence being scanned, and what earlier words licensed."""

    tokens: list[Tok]
    start: int
    end: int
    earlier: bool = False  # an anchor was found before in this sentence
    licensed: bool = False  # a reporting verb ("said", "told him") licenses "I'd", "she would"
    planned: bool = False  # "plan:", "next steps:" license the present tense ("I quote by …")
    unkept: bool = False  # the sentence says a promise was not kept ("never did", "forgot")
    reported: bool = False  # the sentence reports a promise ("promised", "said I'd", "owe")

    def norm(self, i: int) -> str:
        """The word at i, or "" past the sentence."""
        return self.tokens[i].norm if self.start <= i < self.end else ""

    def subject(self, i: int) -> tuple[str, int]:
        """The subject before tokens[i]; an elided one only where a clause may start."""
        subj, head = subject_of(self.tokens, i, self.start)
        if subj == "none" and not clause_start(self.tokens, head, self.start, self.earlier):
            subj = ""
        return subj, head


_Found = Anchor | _Step | None


def _remind(s: _Scan, i: int) -> _Found:
    """ "Remind me (on Monday) to email Sofia": one promise, the email, not a "remind"."""
    prefixed = remind_me(s.tokens, i, s.end) if s.norm(i) == "remind" else -1
    if prefixed <= 0 or not clause_start(s.tokens, i, s.start, s.earlier):
        return _Step.PASS
    return Anchor("none", i, skip_adverbs(s.tokens, prefixed), "remind")


def _will(s: _Scan, i: int) -> _Found:
    """ "I'll send", "she will call", "(said) she'd intro me"."""
    word = s.norm(i)
    if not (word in ("will", "shall") or (word == "would" and s.licensed)):
        return _Step.PASS
    verb = skip_adverbs(s.tokens, i + 1)
    if s.norm(verb) == "be" and (s.norm(verb + 1) in ACTION_ING or s.norm(verb + 1) in JOINT_ING):
        verb += 1  # "I'll be sending"
    subj, head = s.subject(i)
    if subj == "none" and word != "will":
        subj = ""
    return Anchor(subj, head, verb, "future") if subj and verb < s.end else None


def _subject_before_aux(s: _Scan, i: int) -> tuple[str, int]:
    """The subject of "I am going to", "she's planning to": before the auxiliary if any."""
    aux = s.norm(i - 1)
    return s.subject(i - 1 if aux in ("am", "is", "are", "'s") else i)


def _going_to(s: _Scan, i: int) -> _Found:
    """ "I'm going to send", but not "was going to"."""
    if not (s.norm(i) == "going" and s.norm(i + 1) == "to" and i + 2 < s.end):
        return _Step.PASS
    if s.norm(i - 1) in PAST_AUX:  # "was going to intro Pia, but it slipped"
        return _past_step(s, i - 1, i + 2) if s.unkept else _Step.SKIP
    subj, head = _subject_before_aux(s, i)
    verb = skip_adverbs(s.tokens, i + 2)
    return Anchor(subj, head, verb, "future") if subj and verb < s.end else None


def _past_step(s: _Scan, subject_at: int, verb: int) -> _Found:
    """A step reported as not taken: the user's unless someone else is named."""
    subj, head = subject_of(s.tokens, subject_at, s.start)
    if not subj or verb >= s.end:
        return None
    return Anchor("them" if subj == "them" else "me", head, skip_adverbs(s.tokens, verb), "unkept")


def _unkept(s: _Scan, i: int) -> _Found:
    """ "Forgot to send Emma the recording", "was meant to call", "never sent Hugo the links
    I promised", "didn't call her back like I promised": an open promise, already late."""
    word, nxt = s.norm(i), s.norm(i + 1)
    if word in ("forgot", "meant", "supposed") and nxt == "to" and s.unkept:
        return _past_step(s, i - 1 if s.norm(i - 1) in ("was", "were") else i, i + 2)
    negated = word == "never" or (word == "not" and s.norm(i - 1) in ("have", "has", "did"))
    if not (negated and s.reported):
        return _Step.PASS
    if past_action(nxt) or (s.norm(i - 1) == "did" and nxt in ACTION_BASE):
        head = i - 1 if word == "not" else i
        while head - 1 >= s.start and s.norm(head - 1) in ("still", "i", "yet"):
            head -= 1
        return Anchor("me", head, i + 1, "unkept")
    return _Step.PASS


def _plan_to(s: _Scan, i: int) -> _Found:
    """ "I plan to", "she intends to"."""
    word = s.norm(i)
    if not (word in PLAN_VERBS and s.norm(i + 1) == "to"):
        return _Step.PASS
    subj, head = subject_of(
        s.tokens, i - 1 if s.norm(i - 1) in ("am", "is", "are", "'s") else i, s.start
    )
    if subj == "none" and word in ("plans", "intends"):
        subj = "them"
    if subj == "none" and not clause_start(s.tokens, head, s.start, s.earlier):
        subj = ""
    verb = skip_adverbs(s.tokens, i + 2)
    return Anchor(subj, head, verb, "future") if subj and verb < s.end else None


def _obligation(s: _Scan, i: int) -> _Found:
    """ "need to", "has to", "must", "should"; "I'll have to" is taken by "will"."""
    word, nxt = s.norm(i), s.norm(i + 1)
    if not (
        (word in ("need", "needs", "have", "has", "got", "ought") and nxt == "to")
        or (word in ("must", "should") and nxt not in ("have", "be", "'ve"))
    ):
        return _Step.PASS
    verb = skip_adverbs(s.tokens, i + (2 if nxt == "to" else 1))
    if word == "have" and s.norm(i - 1) in ("will", "would"):
        return _Step.SKIP
    subj, head = s.subject(i)
    if word in ("needs", "has") and subj == "none":
        subj = "them"
    return Anchor(subj, head, verb, "oblig") if subj and verb < s.end else None


def _had_better(s: _Scan, i: int) -> _Found:
    """ "I'd better call her"."""
    if not (s.norm(i) == "better" and s.norm(i - 1) == "would"):
        return _Step.PASS
    subj, head = subject_of(s.tokens, i - 1, s.start)
    return Anchor(subj, head, i + 1, "oblig") if subj else None


def _committed(s: _Scan, i: int) -> _Found:
    """ "promised to", "offered Hana a copy", "agreed to", "promised us an intro"."""
    if s.norm(i) not in COMMIT_VERBS:
        return _Step.PASS
    subj, head = s.subject(i)
    j = i + 1
    thing = recipient_at(s.tokens, j, s.end) if subj in ("none", "me", "we") else -1
    if thing > 0:  # "Promised Hana a copy of the report": the user owes Hana
        return Anchor(subj, head, thing, "commit", None, (j, thing))
    after, then = s.norm(j), s.norm(j + 1)
    if after == "to":
        return Anchor(subj, head, j + 1, "commit") if subj else None
    if then == "to" and after not in ("i", "we", "she", "he", "they"):
        return Anchor(subj, head, j + 2, "commit") if subj else None
    if after in ("me", "us") and subj in ("them", "none"):
        if then and then not in PRONOUN_SUBJECTS:
            return Anchor("them" if subj == "them" else "", head, j, "commit")
        return None
    if (
        then
        and after in DETERMINERS
        and then not in PRONOUN_SUBJECTS
        and then not in ("that", "to")
    ):
        return Anchor(subj, head, j, "commit") if subj else None
    return None  # "promised her I'd …": the later "would" takes over (licensed)


def _owes(s: _Scan, i: int) -> _Found:
    """ "Owe her a follow-up email", "she owes me an intro"."""
    word = s.norm(i)
    if word not in ("owe", "owes"):
        return _Step.PASS
    subj, head = subject_of(s.tokens, i, s.start)
    if subj == "none":
        subj = "me" if word == "owe" else "them"
    thing = recipient_at(s.tokens, i + 1, s.end) if subj == "me" else -1
    if thing > 0:
        return Anchor(subj, head, thing, "commit", None, (i + 1, thing))
    if subj in ("me", "them") and i + 1 < s.end:
        return Anchor(subj, head, i, "commit")
    return None


def _is_to(s: _Scan, i: int) -> _Found:
    """ "I am to draft the intro", "Leo is to send": an assigned step."""
    then = s.norm(i + 2)
    if not (
        s.norm(i) in ("am", "is", "are")
        and s.norm(i + 1) == "to"
        and i - 1 >= s.start
        and then.isalpha()
        and then not in NONVERB
        and then not in STATIVE
        and (
            s.norm(i - 1) in ("i", "we", "she", "he", "they")
            or self_reference(s.tokens, i - 1, s.start) >= 0
            or name_like(s.tokens[i - 1], i - 1 == s.start)
        )
    ):
        return _Step.PASS
    subj, head = subject_of(s.tokens, i, s.start)
    if subj in ("me", "we", "them"):
        return Anchor(subj, head, skip_adverbs(s.tokens, i + 2), "future")
    return None


def _let_us(s: _Scan, i: int) -> _Found:
    """ "Let's do lunch" (but not "let us know")."""
    if not (s.norm(i) == "let" and s.norm(i + 1) == "us"):
        return _Step.PASS
    if i + 2 < s.end and s.norm(i + 2) != "know":
        verb = skip_adverbs(s.tokens, i + 2)
        if verb < s.end:
            return Anchor("we", i, verb, "lets")
    return None


def _lets(s: _Scan, i: int) -> _Found:
    """ "lets grab coffee" typed without the apostrophe."""
    if not (s.norm(i) == "lets" and i + 1 < s.end):
        return _Step.PASS
    subj, _head = subject_of(s.tokens, i, s.start)
    if subj == "none" and is_verbish(s.tokens[i + 1], False):
        return Anchor("we", i, skip_adverbs(s.tokens, i + 1), "lets")
    return None


def _let_me(s: _Scan, i: int) -> _Found:
    """ "Let me send you the link"."""
    if not (s.norm(i) == "let" and s.norm(i + 1) == "me" and i + 2 < s.end):
        return _Step.PASS
    verb_word = s.norm(i + 2)
    if verb_word != "know" and verb_word in ACTION_BASE:
        return Anchor("me", i, i + 2, "future")
    return None


def _asked_me(s: _Scan, i: int) -> _Found:
    """ "She asked me to send the deck": the user owes it."""
    if not (
        s.norm(i) in ("asked", "asks", "wants", "wanted", "needs", "expects")
        and s.norm(i + 1) == "me"
    ):
        return _Step.PASS
    if s.norm(i + 2) != "to":
        return None
    _subj, head = subject_of(s.tokens, i, s.start)
    return Anchor("me", head, i + 3, "ask", Owner.ME)


def _assigned(s: _Scan, i: int) -> _Found:
    """ "Teo to send the draft", "me to chase legal": an action item."""
    nxt = s.norm(i + 1)
    if not (
        s.norm(i) == "to"
        and nxt.isalpha()
        and not s.tokens[i + 1].cap
        and nxt not in NONVERB
        and nxt not in STATIVE
        and nxt not in ("go", "do")
    ):
        return _Step.PASS
    found = assignee(s.tokens, i, s.start)
    if found is None:
        return None
    return Anchor(found[0], found[1], skip_adverbs(s.tokens, i + 1), "assign")


def _opens_item(s: _Scan, i: int) -> bool:
    return s.planned and (i == s.start or s.norm(i - 1) in ASSIGN_BREAKS)


def _planned_pronoun(s: _Scan, i: int) -> _Found:
    """ "Next steps: I send the spec, she books the room"."""
    word, nxt = s.norm(i), s.norm(i + 1)
    if not (
        _opens_item(s, i)
        and word in ("i", "we", "she", "he", "they")
        and (nxt in ACTION_BASE if word in ("i", "we", "they") else third_person_verb(nxt))
    ):
        return _Step.PASS
    return Anchor(PRONOUN_SUBJECTS[word], i, i + 1, "plan")


def _planned_name(s: _Scan, i: int) -> _Found:
    """ "Plan: Raj books the venue"."""
    if not (
        _opens_item(s, i)
        and third_person_verb(s.norm(i + 1))
        and name_like(s.tokens[i], i == s.start)
    ):
        return _Step.PASS
    return Anchor("them", i, i + 1, "plan")


def _expecting(s: _Scan, i: int) -> _Found:
    """ "Expecting the term sheet from her": the contact owes it."""
    if s.norm(i) not in ("expecting", "awaiting", "waiting"):
        return _Step.PASS
    subj, head = subject_of(s.tokens, i, s.start)
    if subj in ("none", "me", "we") and i + 1 < s.end:
        return Anchor("them", head, i + 1, "expect", Owner.THEM)
    return None


def _can(s: _Scan, i: int) -> _Found:
    """ "I can send the notes"."""
    if not (s.norm(i) == "can" and s.norm(i + 1) in IMPERATIVE):
        return _Step.PASS
    subj, head = subject_of(s.tokens, i, s.start)
    return Anchor("me", head, i + 1, "future") if subj == "me" else None


def _happy_to(s: _Scan, i: int) -> _Found:
    """ "Happy to send the slides", "I'm glad to intro you"."""
    if not (s.norm(i) in ("happy", "glad") and s.norm(i + 1) == "to" and i + 2 < s.end):
        return _Step.PASS
    subj, head = subject_of(s.tokens, i, s.start)
    if subj == "" and s.tokens[i - 1].norm == "am":
        subj, head = subject_of(s.tokens, i - 1, s.start)
    verb_word = s.norm(i + 2)
    if subj in ("none", "me") and verb_word in ACTION_BASE and verb_word != "help":
        return Anchor("me", head, i + 2, "future")
    return None


def _progressive(s: _Scan, i: int) -> _Found:
    """ "I'm sending it over", "we're meeting Tuesday"."""
    nxt = s.norm(i + 1)
    if not (
        s.norm(i) in ("am", "are", "is", "'s")
        and (nxt in ACTION_ING or nxt in JOINT_ING)
        and not (nxt == "going" and s.norm(i + 2) == "to")
    ):
        return _Step.PASS
    subj, head = subject_of(s.tokens, i, s.start)
    embedded = head - 1 >= s.start and s.tokens[head - 1].norm in WH_WORDS
    if subj and not embedded:  # not "what we're doing with the marketplace"
        return Anchor(subj, head, i + 1, "prog")
    return None


# The rules in the order they are tried, each with the words it can start at (None: any
# word); the first rule that claims a word decides it.
RULES: tuple[tuple[frozenset[str] | None, Callable[[_Scan, int], _Found]], ...] = (
    (frozenset(["remind"]), _remind),
    (frozenset(["forgot", "meant", "supposed", "never", "not"]), _unkept),
    (frozenset(["will", "shall", "would"]), _will),
    (frozenset(["going"]), _going_to),
    (PLAN_VERBS, _plan_to),
    (frozenset(["need", "needs", "have", "has", "got", "ought", "must", "should"]), _obligation),
    (frozenset(["better"]), _had_better),
    (COMMIT_VERBS, _committed),
    (frozenset(["owe", "owes"]), _owes),
    (frozenset(["am", "is", "are"]), _is_to),
    (frozenset(["let"]), _let_us),
    (frozenset(["lets"]), _lets),
    (frozenset(["let"]), _let_me),
    (frozenset(["asked", "asks", "wants", "wanted", "needs", "expects"]), _asked_me),
    (frozenset(["to"]), _assigned),
    (frozenset(["i", "we", "she", "he", "they"]), _planned_pronoun),
    (None, _planned_name),
    (frozenset(["expecting", "awaiting", "waiting"]), _expecting),
    (frozenset(["can"]), _can),
    (frozenset(["happy", "glad"]), _happy_to),
    (frozenset(["am", "are", "is", "'s"]), _progressive),
)


_Rule = Callable[[_Scan, int], _Found]


def _rules_by_word() -> tuple[dict[str, tuple[_Rule, ...]], tuple[_Rule, ...]]:
    """The rules to try for each trigger word, and for any other word, in table order."""
    words = set().union(*(w for w, _rule in RULES if w is not None))
    by_word = {word: tuple(rule for w, rule in RULES if w is None or word in w) for word in words}
    return by_word, tuple(rule for w, rule in RULES if w is None)


_BY_WORD, _ANY_WORD = _rules_by_word()


def _first_rule(s: _Scan, i: int) -> tuple[_Found, str]:
    for rule in _BY_WORD.get(s.tokens[i].norm, _ANY_WORD):
        found = rule(s, i)
        if found is not _Step.PASS:
            return found, rule.__name__.lstrip("_")
    return None, ""


def _imperative(s: _Scan, i: int) -> Anchor | None:
    """A to-do fragment's opening verb: "Send Priya the deck"."""
    word = s.norm(i)
    if (
        (word in IMPERATIVE or word in ACTION_ING or word in JOINT_ING)
        and clause_start(s.tokens, i, s.start, s.earlier)
        and imperative_ok(s.tokens, i, s.start, s.end)
    ):
        return Anchor("none", i, i, "imper")
    return None


def _license(s: _Scan, i: int) -> None:
    word = s.norm(i)
    if word in REPORT_VERBS:
        s.licensed = True
    if word == ":" and any(t.norm in PLAN_HEADERS for t in s.tokens[max(s.start, i - 2) : i]):
        s.planned = True


# Words that report a promise made earlier.
REPORTS = COMMIT_VERBS | REPORT_VERBS | frozenset(["owe", "would"])


def find_anchors(tokens: list[Tok], sent_start: int, sent_end: int) -> list[Anchor]:
    """Every anchor in tokens[sent_start:sent_end], each named by the rule that found it."""
    s = _Scan(tokens, sent_start, sent_end)
    s.unkept = unkept_words(tokens[sent_start:sent_end])
    s.reported = any(t.norm in REPORTS for t in tokens[sent_start:sent_end])
    anchors: list[Anchor] = []
    i, last_verb = sent_start, -1
    while i < sent_end:
        _license(s, i)
        if i <= last_verb:
            i += 1
            continue
        found, rule = _first_rule(s, i)
        if found is _Step.SKIP:
            i += 1
            continue
        if found is None and s.norm(i) in NOTE_VERBS:
            past = note_to_self(tokens, i, sent_end)
            if past > 0:  # "Set a reminder: call the Oslo office": the call is the step
                i = past
                continue
        if found is None:
            found, rule = _imperative(s, i), "imperative"
        if isinstance(found, Anchor):
            found.rule = rule
            anchors.append(found)
            s.earlier = True
            last_verb = found.verb
        i += 1
    return anchors
