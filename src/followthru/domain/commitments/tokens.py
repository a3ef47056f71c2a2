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


def _clitic(base: str, clitic: str, start: int, end: int) -> list[Tok]:
    """ "she'll" -> she will, "let's" -> let us, "intro'd" -> introduced."""
    low = base.lower()
    mid = start + len(base)
    if low == "let" and clitic == "s":
        return [Tok("let", start, mid, base[0].isupper()), Tok("us", mid, end, False)]
    cap = base[0].isupper() and not base.isupper()
    if clitic == "d" and low in ACTION_BASE:  # "intro'd", "cc'd": a past tense, not "would"
        return [Tok(SLANG.get(low + "'d", (low + "ed",))[0], start, end, cap)]
    return [Tok(low, start, mid, cap), Tok(CLITIC[clitic], mid, end, False)]


def _word(word: str, start: int, end: int, before: list[Tok]) -> list[Tok]:
    """A plain word, with hurried spellings expanded ("gonna" -> going to, "need 2" -> to)."""
    low = word.lower()
    if low.endswith(".") and len(low) > 1:
        low = low[:-1]
    slang = SLANG.get(low)
    if slang is not None:
        return [Tok(part, start, end, False) for part in slang]
    if low == "2" and before and before[-1].norm in ("need", "needs", "have", "going"):
        return [Tok("to", start, end, False)]
    return [Tok(low, start, end, word[0].isupper() and not word.isupper())]


def tokenize(text: str, offset: int) -> list[Tok]:
    """The words of a sentence with their offsets in the note (text starts at `offset`)."""
    tokens: list[Tok] = []
    for match in TOKEN.finditer(text):
        start, end = match.start() + offset, match.end() + offset
        group = match.group
        if group("nt") is not None:
            base = group("nt")
            low, mid = base.lower(), start + len(base)
            tokens.append(Tok(NT_BASE.get(low, low), start, mid, base[0].isupper()))
            tokens.append(Tok("not", mid, end, False))
        elif group("base") is not None:
            tokens.extend(_clitic(group("base"), group("cl")[1:].lower(), start, end))
        elif group("abbr") is not None:
            tokens.append(Tok(SLANG[group("abbr").lower()][0], start, end, False))
        elif group("word") is not None:
            tokens.extend(_word(group("word"), start, end, tokens))
        else:
            tokens.append(Tok(group("punct"), start, end, False))
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
