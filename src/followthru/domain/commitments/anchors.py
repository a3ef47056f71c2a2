"""Anchors: the words that make a clause a promise ("will", "need to", "let's", a to-do verb
opening a fragment). Each rule is a small function; the table runs them in order."""

from __future__ import annotations

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


def find_anchors(tokens: list[Tok], sent_start: int, sent_end: int) -> list[Anchor]:
    anchors: list[Anchor] = []
    licensed = False  # a reporting verb ("said", "told him") licenses "I'd", "she would"
    planned = False  # "plan:", "next steps:" license the present tense ("I quote by the 27th")
    i = sent_start
    last_verb = -1
    while i < sent_end:
        tok = tokens[i]
        word = tok.norm
        nxt = tokens[i + 1].norm if i + 1 < sent_end else ""
        found: Anchor | None = None
        if word in REPORT_VERBS:
            licensed = True
        if word == ":" and any(t.norm in PLAN_HEADERS for t in tokens[max(sent_start, i - 2) : i]):
            planned = True
        if i <= last_verb:
            i += 1
            continue
        prefixed = remind_me(tokens, i, sent_end) if word == "remind" else -1
        if prefixed > 0 and clause_start(tokens, i, sent_start, bool(anchors)):
            # "Remind me (on Monday) to email Sofia": one promise, the email, not a "remind"
            found = Anchor("none", i, skip_adverbs(tokens, prefixed), "remind")
        elif word in ("will", "shall") or (word == "would" and licensed):
            verb = skip_adverbs(tokens, i + 1)
            subj, head = subject_of(tokens, i, sent_start)
            if (
                verb + 1 < sent_end
                and tokens[verb].norm == "be"
                and (tokens[verb + 1].norm in ACTION_ING or tokens[verb + 1].norm in JOINT_ING)
            ):
                verb += 1  # "I'll be sending"
            if subj == "none" and not clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            if subj == "none" and word != "will":
                subj = ""
            if subj and verb < sent_end:
                found = Anchor(subj, head, verb, "future")
        elif word == "going" and nxt == "to" and i + 2 < sent_end:
            j = i - 1
            aux = tokens[j].norm if j >= sent_start else ""
            if aux in PAST_AUX:
                i += 1
                continue
            subj_at = i - 1 if aux in ("am", "is", "are", "'s") else i
            subj, head = subject_of(tokens, subj_at, sent_start)
            if subj == "none" and not clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            verb = skip_adverbs(tokens, i + 2)
            if subj and verb < sent_end:
                found = Anchor(subj, head, verb, "future")
        elif word in PLAN_VERBS and nxt == "to":
            j = i - 1
            aux = tokens[j].norm if j >= sent_start else ""
            subj_at = i - 1 if aux in ("am", "is", "are", "'s") else i
            subj, head = subject_of(tokens, subj_at, sent_start)
            if subj == "none" and word in ("plans", "intends"):
                subj = "them"
            if subj == "none" and not clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            verb = skip_adverbs(tokens, i + 2)
            if subj and verb < sent_end:
                found = Anchor(subj, head, verb, "future")
        elif (word in ("need", "needs", "have", "has", "got", "ought") and nxt == "to") or (
            word in ("must", "should") and nxt not in ("have", "be", "'ve")
        ):
            verb = skip_adverbs(tokens, i + (2 if nxt == "to" else 1))
            if word == "have" and i - 1 >= sent_start and tokens[i - 1].norm in ("will", "would"):
                i += 1
                continue  # "I'll have to think" is taken by "will"
            subj, head = subject_of(tokens, i, sent_start)
            if subj == "none" and not clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            if word in ("needs", "has") and subj == "none":
                subj = "them"
            if subj and verb < sent_end:
                found = Anchor(subj, head, verb, "oblig")
        elif word in ("better",) and i - 1 >= sent_start and tokens[i - 1].norm == "would":
            subj, head = subject_of(tokens, i - 1, sent_start)
            if subj:
                found = Anchor(subj, head, i + 1, "oblig")
        elif word in COMMIT_VERBS:
            subj, head = subject_of(tokens, i, sent_start)
            if subj == "none" and not clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            j = i + 1
            thing = recipient_at(tokens, j, sent_end) if subj in ("none", "me", "we") else -1
            if thing > 0:  # "Promised Hana a copy of the report": the user owes Hana
                found = Anchor(subj, head, thing, "commit", None, (j, thing))
            elif j < sent_end and tokens[j].norm == "to":
                found = Anchor(subj, head, j + 1, "commit") if subj else None
            elif (
                j + 1 < sent_end
                and tokens[j + 1].norm == "to"
                and tokens[j].norm not in ("i", "we", "she", "he", "they")
            ):
                found = Anchor(subj, head, j + 2, "commit") if subj else None
            elif j < sent_end and tokens[j].norm in ("me", "us") and subj in ("them", "none"):
                if j + 1 < sent_end and tokens[j + 1].norm not in PRONOUN_SUBJECTS:
                    found = Anchor("them" if subj == "them" else "", head, j, "commit")
            elif (
                j + 1 < sent_end
                and tokens[j].norm in DETERMINERS
                and tokens[j + 1].norm not in PRONOUN_SUBJECTS
                and tokens[j + 1].norm not in ("that", "to")
                and subj
            ):
                found = Anchor(subj, head, j, "commit")
            # "promised her I'd …": the later "would" takes over (licensed above).
        elif word in ("owe", "owes"):
            subj, head = subject_of(tokens, i, sent_start)
            if subj == "none" and word == "owe":
                subj = "me"
            elif subj == "none":
                subj = "them"
            thing = recipient_at(tokens, i + 1, sent_end) if subj == "me" else -1
            if thing > 0:  # "Owe her a follow-up email"
                found = Anchor(subj, head, thing, "commit", None, (i + 1, thing))
            elif subj in ("me", "them") and i + 1 < sent_end:
                found = Anchor(subj, head, i, "commit")
        elif (
            word in ("am", "is", "are")
            and nxt == "to"
            and i + 2 < sent_end
            and i - 1 >= sent_start
            and tokens[i + 2].norm.isalpha()
            and tokens[i + 2].norm not in NONVERB
            and tokens[i + 2].norm not in STATIVE
            and (
                tokens[i - 1].norm in ("i", "we", "she", "he", "they")
                or self_reference(tokens, i - 1, sent_start) >= 0
                or name_like(tokens[i - 1], i - 1 == sent_start)
            )
        ):
            subj, head = subject_of(tokens, i, sent_start)
            if subj in ("me", "we", "them"):  # "I am to draft the intro": an assigned step
                found = Anchor(subj, head, skip_adverbs(tokens, i + 2), "future")
        elif word == "let" and nxt == "us":
            if i + 2 < sent_end and tokens[i + 2].norm != "know":
                verb = skip_adverbs(tokens, i + 2)
                if verb < sent_end:
                    found = Anchor("we", i, verb, "lets")
        elif word == "lets" and i + 1 < sent_end:
            subj, head = subject_of(tokens, i, sent_start)
            if subj == "none" and is_verbish(tokens[i + 1], False):
                found = Anchor("we", i, skip_adverbs(tokens, i + 1), "lets")
        elif word == "let" and nxt == "me" and i + 2 < sent_end:
            verb_word = tokens[i + 2].norm
            if verb_word != "know" and verb_word in ACTION_BASE:
                found = Anchor("me", i, i + 2, "future")
        elif word in ("asked", "asks", "wants", "wanted", "needs", "expects") and nxt == "me":
            if i + 2 < sent_end and tokens[i + 2].norm == "to":
                subj, head = subject_of(tokens, i, sent_start)
                found = Anchor("me", head, i + 3, "ask", Owner.ME)
        elif (
            word == "to"
            and i + 1 < sent_end
            and nxt.isalpha()
            and not tokens[i + 1].cap
            and nxt not in NONVERB
            and nxt not in STATIVE
            and nxt not in ("go", "do")
        ):
            assigned = assignee(tokens, i, sent_start)
            if assigned is not None:  # "Teo to send the draft", "me to chase legal"
                found = Anchor(assigned[0], assigned[1], skip_adverbs(tokens, i + 1), "assign")
        elif (
            planned
            and word in ("i", "we", "she", "he", "they")
            and (i == sent_start or tokens[i - 1].norm in ASSIGN_BREAKS)
            and (nxt in ACTION_BASE if word in ("i", "we", "they") else third_person_verb(nxt))
        ):
            found = Anchor(PRONOUN_SUBJECTS[word], i, i + 1, "plan")
        elif (
            planned
            and (i == sent_start or tokens[i - 1].norm in ASSIGN_BREAKS)
            and third_person_verb(nxt)
            and name_like(tok, i == sent_start)
        ):
            found = Anchor("them", i, i + 1, "plan")  # "Plan: Raj books the venue"
        elif word in ("expecting", "awaiting", "waiting"):
            subj, head = subject_of(tokens, i, sent_start)
            if subj in ("none", "me", "we") and i + 1 < sent_end:
                found = Anchor("them", head, i + 1, "expect", Owner.THEM)
        elif word == "can" and i + 1 < sent_end and nxt in IMPERATIVE:
            subj, head = subject_of(tokens, i, sent_start)
            if subj == "me":
                found = Anchor("me", head, i + 1, "future")
        elif word in ("happy", "glad") and nxt == "to" and i + 2 < sent_end:
            subj, head = subject_of(tokens, i, sent_start)
            if subj == "" and tokens[i - 1].norm == "am":
                subj, head = subject_of(tokens, i - 1, sent_start)
            verb_word = tokens[i + 2].norm
            if subj in ("none", "me") and verb_word in ACTION_BASE and verb_word != "help":
                found = Anchor("me", head, i + 2, "future")
        elif (
            word in ("am", "are", "is", "'s")
            and (nxt in ACTION_ING or nxt in JOINT_ING)
            and not (nxt == "going" and i + 2 < sent_end and tokens[i + 2].norm == "to")
        ):
            subj, head = subject_of(tokens, i, sent_start)
            embedded = head - 1 >= sent_start and tokens[head - 1].norm in WH_WORDS
            if subj and not embedded:  # not "what we're doing with the marketplace"
                found = Anchor(subj, head, i + 1, "prog")
        if found is None and word in NOTE_VERBS:
            past = note_to_self(tokens, i, sent_end)
            if past > 0:  # "Set a reminder: call the Oslo office": the call is the step
                i = past
                continue
        if (
            found is None
            and (word in IMPERATIVE or word in ACTION_ING or word in JOINT_ING)
            and clause_start(tokens, i, sent_start, bool(anchors))
            and imperative_ok(tokens, i, sent_start, sent_end)
        ):
            found = Anchor("none", i, i, "imper")
        if found is not None:
            anchors.append(found)
            last_verb = found.verb
        i += 1
    return anchors
