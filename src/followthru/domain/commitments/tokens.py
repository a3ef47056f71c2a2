"""Notes into sentences, sentences into words: offsets kept, contractions and hurried
spellings expanded ("she'll" -> "she will", "gonna" -> "going to") so one rule covers each."""

from __future__ import annotations

import re

from followthru.domain.commitments.model import Tok
from followthru.domain.commitments.words import ACTION_BASE, word_set

TOKEN = re.compile(
    r"(?P<nt>[A-Za-z]+?)[n](?:'|\u2019)t\b"
    r"|(?P<base>[A-Za-z0-9]+)(?P<cl>(?:'|\u2019)(?:ll|m|re|s|d|ve)\b)"
    r"|(?P<abbr>\b[Ww]/(?!o\b)(?=[\sA-Za-z]|$)|\b[Rr][Ee]:)"
    r"|(?P<word>[A-Za-z0-9]+(?:[-/.'][A-Za-z0-9]+)*)"
    r"|(?P<punct>[,:;+&()/-])"
)


CLITIC = {"ll": "will", "m": "am", "re": "are", "s": "'s", "d": "would", "ve": "have"}


NT_BASE = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


# Apostrophe-less spellings people type in a hurry.
SLANG: dict[str, tuple[str, ...]] = {
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "ill": ("i", "will"),
    "theyll": ("they", "will"),
    "theyre": ("they", "are"),
    "youll": ("you", "will"),
    "shes": ("she", "'s"),
    "hes": ("he", "'s"),
    "dont": ("do", "not"),
    "wont": ("will", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "didnt": ("did", "not"),
    "doesnt": ("does", "not"),
    "isnt": ("is", "not"),
    "wasnt": ("was", "not"),
    "shouldnt": ("should", "not"),
    "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"),
    "havent": ("have", "not"),
    "gonna": ("going", "to"),
    "gotta": ("got", "to"),
    "wanna": ("want", "to"),
    "wil": ("will",),
    "willl": ("will",),
    "nxt": ("next",),
    "tho": ("though",),
    "w/": ("with",),
    "re:": ("about",),
    "pls": ("please",),
    "plz": ("please",),
    "u": ("you",),
    "f/u": ("follow", "up"),
    "fu": ("follow", "up"),
    "followup": ("follow", "up"),
    "follow-up": ("follow", "up"),
    "intro'd": ("introduced",),
}


def tokenize(text: str, offset: int) -> list[Tok]:
    tokens: list[Tok] = []
    append = tokens.append
    for match in TOKEN.finditer(text):
        start, end = match.start() + offset, match.end() + offset
        if match.group("nt") is not None:
            base = match.group("nt")
            low = base.lower()
            mid = start + len(base)
            append(Tok(NT_BASE.get(low, low), start, mid, base[0].isupper()))
            append(Tok("not", mid, end, False))
        elif match.group("base") is not None:
            base = match.group("base")
            low = base.lower()
            clitic = match.group("cl")[1:].lower()
            mid = start + len(base)
            if low == "let" and clitic == "s":
                append(Tok("let", start, mid, base[0].isupper()))
                append(Tok("us", mid, end, False))
                continue
            if clitic == "d" and low in ACTION_BASE:
                # "intro'd", "cc'd": a past tense, not "would"
                past = SLANG.get(low + "'d", (low + "ed",))
                append(Tok(past[0], start, end, base[0].isupper() and not base.isupper()))
                continue
            append(Tok(low, start, mid, base[0].isupper() and not base.isupper()))
            append(Tok(CLITIC[clitic], mid, end, False))
        elif match.group("abbr") is not None:
            append(Tok(SLANG[match.group("abbr").lower()][0], start, end, False))
        elif match.group("word") is not None:
            word = match.group("word")
            low = word.lower()
            if low.endswith(".") and len(low) > 1:
                low = low[:-1]
            slang = SLANG.get(low)
            if slang is not None:
                for part in slang:
                    append(Tok(part, start, end, False))
            elif low == "2" and tokens and tokens[-1].norm in ("need", "needs", "have", "going"):
                append(Tok("to", start, end, False))
            else:
                append(Tok(low, start, end, word[0].isupper() and not word.isupper()))
        else:
            append(Tok(match.group("punct"), start, end, False))
    return tokens


# Sentence ends: . ! ? ; newline, a spaced dash. Periods after a few abbreviations do not
# end a sentence ("Dr. Lee", "Dec. 12").
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$|[\"')\]])|[;\n\u2022]+|\s[-\u2013\u2014]+\s")


ABBREVIATIONS = word_set(
    """
    dr mr mrs ms st mt jr sr prof vs etc e.g i.e approx dept inc ltd co jan feb mar apr
    jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun no
    """
)


LAST_WORD = re.compile(r"([A-Za-z.]+)$")


def sentences(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_question) of each sentence."""
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        mark = match.group()
        if mark.startswith("."):
            word = LAST_WORD.search(text, max(start, match.start() - 12), match.start())
            if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS and len(mark) == 1:
                continue
        if (
            text.startswith(")", match.end())
            and "(" in text[max(start, match.start() - 12) : match.start()]
        ):
            continue  # "(me!)": an aside in brackets does not end the sentence
        end = match.start()
        if end > start:
            spans.append((start, end, "?" in mark))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text), False))
    return spans
