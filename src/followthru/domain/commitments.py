"""Find follow-up promises ("let's do lunch", "I'll send the deck") in free-typed notes.

Notes are short, hurried and ungrammatical, so the detector is a small rule system over
English, not a model: it must run offline, instantly (thousands of notes a second) and
explain itself. It works in three steps:

1. Split the note into sentences and each sentence into words, expanding contractions
   ("she'll" -> "she will", "won't" -> "will not") so one rule covers every spelling.
2. Find *anchors*: the words that make a clause a promise ("will", "going to", "need to",
   "let us", "promised to", a to-do verb at the start of a fragment). The word before the
   anchor names who owes the step; the verb after it says what.
3. Reject what only looks like a promise: negations, questions, hypotheticals,
   pleasantries ("let's stay in touch"), states rather than actions ("she'll be in
   Berlin") and plans of others that owe the user nothing ("they'll launch in March").

Dates are resolved by an own small resolver (no `dateparser` on the hot path) against the
day the note was written. Vague times ("sometime", "after Christmas") give no due date.

The module is pure: no I/O, no clock, no network. `detect` never raises.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from followthru.domain.vocab import Owner

__all__ = ["Commitment", "detect"]


def _words(text: str) -> frozenset[str]:
    """A word list written as prose: easier to read and extend than a column of strings."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Commitment:
    """One promise found in a note."""

    what: str  # short, human: "lunch", "send the white paper", "introduce her to Chen"
    owner: Owner  # ME (the user owes it), THEM (the contact), BOTH (a joint plan)
    due: date | None  # None when the text names no time or only a vague one
    span: tuple[int, int]  # character offsets of the clause it came from


# --------------------------------------------------------------------------------------
# Word lists. Kept as frozensets so membership tests on the hot path are O(1).
# --------------------------------------------------------------------------------------

# Verbs that hand something to, or do something for, the other side.
_ACTION_BASE = _words(
    """
    send email e-mail mail forward share intro introduce connect call ring phone text ping
    dm message msg reply respond confirm follow get circle reach set schedule book arrange
    organize organise invite review look check loop cc recommend refer pass mentor help
    host provide deliver draft write prepare put find dig come update drop bring lend give
    offer quote return swing pick thank congratulate remind add ask tell pitch post
    publish ship submit invoice pay order rsvp register sign try visit meet catch grab
    talk chat touch take read research show demo hook vouch sponsor fund buy treat
    reconnect make do have go play hop jump join attend keep sort figure work whip draw
    email/text nudge wrap finalize finalise circulate compile collect print fix test
    install open reserve block sync outline summarize summarise pull chase renew
    """
)
# Verbs a to-do fragment may start with ("Send Priya the deck"). Words that are as often
# nouns or past tenses ("read", "put", "set") are left out unless they cannot be misread.
_IMPERATIVE = _words(
    """
    send email e-mail mail forward share intro introduce connect call ring phone text ping
    dm message msg reply respond confirm follow get circle reach schedule book arrange
    organize organise invite review look check loop cc recommend refer pass draft write
    prepare find dig update drop bring lend give quote return swing pick thank
    congratulate remind add ask pitch ship submit invoice pay order rsvp register sign
    visit meet catch grab touch reconnect make hop jump join attend set put nudge
    circulate finalize finalise compile print reserve block outline summarize summarise
    pull talk chat take chase try renew
    """
)
# Joint activities: a plan for both sides rather than a step one side owes.
_JOINT_NOUNS = _words(
    """
    lunch lunches coffee coffees dinner breakfast brunch drinks drink beer beers call
    calls catch-up catchup meeting meetup meet-up zoom chat hike run squash tennis golf
    game get-together facetime bbq barbecue workout walk climb ski tea pint pints jog ride
    hangout hang-out videocall
    """
)
_JOINT_VERBS = _words(
    """
    meet catch hang talk chat reconnect touch hike play get-together jog
    """
)
_LIGHT_VERBS = _words(
    """
    grab get have do go schedule set book plan organize arrange hop jump
    """
)
# Verbs that describe a state or a plan of one's own, not a step owed to anyone.
_STATIVE = _words(
    """
    be have miss need want like love hate know retire move leave travel fly start stay
    probably likely definitely maybe prefer remain become turn live work die hear end
    begin close launch hire expand win lose raise sell graduate relocate fall seem
    look-forward enjoy wonder think consider relax rest chill unwind recharge blame
    """
)
_PERSON_OBJECTS = _words(
    """
    me us my our myself ourselves mine ours
    """
)
_ADVERBS = _words(
    """
    also definitely def defo probably prob prolly really then just still totally both all
    certainly surely absolutely hopefully soon actually finally quickly personally gladly
    happily def. likely
    """
)
_NEGATIONS = _words(
    """
    not never no nobody nothing neither nor
    """
)
_HEDGES = _words(
    """
    if unless whether maybe perhaps might could would wonder wondering
    """
)
_NONVERB = _words(
    """
    the a an my his her their our your its this that these those some any to of in on at
    by for from with about and or but so is are was were am been being it there here what
    which who whom whose when where why how me him them us you i we he she they one next
    last up out back off over not no never
    """
)
_PRONOUN_SUBJECTS = {
    "i": "me",
    "we": "we",
    "she": "them",
    "he": "them",
    "they": "them",
    "you": "them",
}
_NONPERSON_SUBJECTS = _words(
    """
    it this that there which what where when how why these those everything something
    nothing anything event deck report conference meetup office app product website it's
    thing things weather time date price prices budget plan plans
    """
)
_FUNCTION_WORDS = _words(
    """
    and or but so then also the a an of to in on at by for from with about as if when
    while because after before until since not no
    """
)
# Prefixes that only mark a note line as a to-do.
_TODO_PREFIX = _words(
    """
    todo to-do action item items reminder note next step steps pls please ps p.s fyi asap
    urgent important
    """
)
_PAST_AUX = frozenset(["was", "were", "had", "did"])
_QUESTION_OPENERS = _words(
    """
    should will would could can do does did shall is are was were may might
    """
)
_REPORT_VERBS = _words(
    """
    said told promised assured agreed offered mentioned committed confirmed replied wrote
    say says tell tells promise promises insisted swore texted emailed
    """
)
_COMMIT_VERBS = _words(
    """
    promised promise promises offered offer offers agreed agree agrees volunteered
    committed pledged vowed
    """
)
_PLAN_VERBS = frozenset(["plan", "plans", "planning", "intend", "intends", "intending"])
_CLAUSE_BREAKS = frozenset({",", ":", "+", "&", "(", ")", "/", "-"})
_CONTINUERS = frozenset(["and", "then", "but", "so", "or"])
_FRESH_STARTERS = frozenset(["also", "plus"])


def _ing_forms(verbs: frozenset[str]) -> frozenset[str]:
    forms: set[str] = set()
    for verb in verbs:
        forms.add(verb + "ing")
        if verb.endswith("e") and verb != "be":
            forms.add(verb[:-1] + "ing")
        forms.add(verb + verb[-1] + "ing")
    return frozenset(forms)


_ACTION_ING = _ing_forms(_ACTION_BASE) - {
    "hoping",
    "caring",
    "meaning",
}  # "hoping" is hope, not hop
_ACTION_OR_ING = _ACTION_BASE | _ACTION_ING
_JOINT_ING = _ing_forms(_JOINT_VERBS) | frozenset({"grabbing", "getting", "having", "doing"})

# --------------------------------------------------------------------------------------
# Tokenising: words with offsets, contractions expanded into separate words.
# --------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<nt>[A-Za-z]+?)[n](?:'|\u2019)t\b"
    r"|(?P<base>[A-Za-z0-9]+)(?P<cl>(?:'|\u2019)(?:ll|m|re|s|d|ve)\b)"
    r"|(?P<abbr>\b[Ww]/(?!o\b)(?=[\sA-Za-z]|$)|\b[Rr][Ee]:)"
    r"|(?P<word>[A-Za-z0-9]+(?:[-/.'][A-Za-z0-9]+)*)"
    r"|(?P<punct>[,:;+&()/-])"
)
_CLITIC = {"ll": "will", "m": "am", "re": "are", "s": "'s", "d": "would", "ve": "have"}
_NT_BASE = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
# Apostrophe-less spellings people type in a hurry.
_SLANG: dict[str, tuple[str, ...]] = {
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


@dataclass(frozen=True)
class _Tok:
    norm: str
    start: int
    end: int
    cap: bool  # written with a capital letter (a name when mid-sentence)


def _tokenize(text: str, offset: int) -> list[_Tok]:
    tokens: list[_Tok] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        start, end = match.start() + offset, match.end() + offset
        if match.group("nt") is not None:
            base = match.group("nt")
            low = base.lower()
            mid = start + len(base)
            append(_Tok(_NT_BASE.get(low, low), start, mid, base[0].isupper()))
            append(_Tok("not", mid, end, False))
        elif match.group("base") is not None:
            base = match.group("base")
            low = base.lower()
            clitic = match.group("cl")[1:].lower()
            mid = start + len(base)
            if low == "let" and clitic == "s":
                append(_Tok("let", start, mid, base[0].isupper()))
                append(_Tok("us", mid, end, False))
                continue
            if clitic == "d" and low in _ACTION_BASE:
                # "intro'd", "cc'd": a past tense, not "would"
                past = _SLANG.get(low + "'d", (low + "ed",))
                append(_Tok(past[0], start, end, base[0].isupper() and not base.isupper()))
                continue
            append(_Tok(low, start, mid, base[0].isupper() and not base.isupper()))
            append(_Tok(_CLITIC[clitic], mid, end, False))
        elif match.group("abbr") is not None:
            append(_Tok(_SLANG[match.group("abbr").lower()][0], start, end, False))
        elif match.group("word") is not None:
            word = match.group("word")
            low = word.lower()
            if low.endswith(".") and len(low) > 1:
                low = low[:-1]
            slang = _SLANG.get(low)
            if slang is not None:
                for part in slang:
                    append(_Tok(part, start, end, False))
            elif low == "2" and tokens and tokens[-1].norm in ("need", "needs", "have", "going"):
                append(_Tok("to", start, end, False))
            else:
                append(_Tok(low, start, end, word[0].isupper() and not word.isupper()))
        else:
            append(_Tok(match.group("punct"), start, end, False))
    return tokens


# Sentence ends: . ! ? ; newline, a spaced dash. Periods after a few abbreviations do not
# end a sentence ("Dr. Lee", "Dec. 12").
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$|[\"')\]])|[;\n\u2022]+|\s[-\u2013\u2014]+\s")
_ABBREVIATIONS = _words(
    """
    dr mr mrs ms st mt jr sr prof vs etc e.g i.e approx dept inc ltd co jan feb mar apr
    jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun no
    """
)
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")


def _sentences(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_question) of each sentence."""
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        mark = match.group()
        if mark.startswith("."):
            word = _LAST_WORD.search(text, max(start, match.start() - 12), match.start())
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS and len(mark) == 1:
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


# --------------------------------------------------------------------------------------
# Dates.
# --------------------------------------------------------------------------------------

_WD_NAMES = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "weds": 2,
    "wed": 2, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_MONTH_NAMES = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2,
    "a couple": 2, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 3,
}  # fmt: skip

_WD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed"
    r"|thurs|thur|thu|fri|sat|sun)"
)
_MON_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_MON_ANY = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_ORD = r"(?:st|nd|rd|th)"
_NUM_WORD = r"(?:\d+|a couple of|a couple|couple of|couple|a few|few|several|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_DATE = re.compile(
    r"(?P<pre>\b(?:before|by|until|till|til|after|since|last|from)\s+(?:the\s+)?)?"
    r"(?:"
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<slash>\b(?P<sa>\d{1,2})/(?P<sb>\d{1,2})(?:/(?P<sy>\d{2,4}))?\b)"
    rf"|(?P<md>\b(?:{_WD},?\s+)?(?P<mdm>{_MON_ANY})\.?\s+(?P<mdd>\d{{1,2}}){_ORD}?\b(?!:|\s*(?:am|pm)\b)(?:,?\s+(?P<mdy>\d{{4}}))?)"
    rf"|(?P<dm>\b(?P<dmd>\d{{1,2}}){_ORD}?\s+(?:of\s+)?(?P<dmm>{_MON_ANY})\b\.?(?:,?\s+(?P<dmy>\d{{4}}))?)"
    rf"|(?P<nth>\b(?:{_WD},?\s+)?the\s+(?P<nthd>\d{{1,2}}){_ORD}\b(?!\s+(?:of\s+)?{_MON_ANY}\b))"
    r"|(?P<dat>\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmr)\b)"
    rf"|(?P<eodwd>\b(?:eod|e\.o\.d|cob|end\s+of\s+(?:the\s+)?day|close\s+of\s+(?:business|play))\s+(?:on\s+)?(?P<eodn>{_WD}|tomorrow|tmrw|tmr)\b)"
    r"|(?P<ttnw>\bthis\s+time\s+(?P<ttnu>next\s+(?:week|wk)|tomorrow|tmrw)\b)"
    rf"|(?P<wdafter>\b(?:the\s+)?(?P<wdaw>{_WD})\s+(?:after|following)\s+(?P<wdah>thanksgiving|christmas|xmas|new\s+year(?:['\u2019]?s)?(?:\s+day)?)\b)"
    rf"|(?P<wdwk>\b(?P<wdwkd>{_WD})\s+week\b(?!\s*(?:of|after|before|end|-)))"
    rf"|(?P<wkfrom>\b(?P<wkfq>a|one|two|three|\d)\s+weeks?\s+(?:from|on)\s+(?:this\s+|next\s+)?(?P<wkfd>{_WD})\b)"
    r"|(?P<term>\b(?:(?:in|during|for|by|before|until|over|next)\s+)?(?:the\s+)?(?:next\s+|coming\s+)?(?P<termn>spring|summer|autumn|fall|winter|michaelmas|lent|trinity|hilary)\s+(?:term|semester)\b)"
    r"|(?P<tod>\b(?:today|tonight|tonite|this\s+(?:morning|afternoon|evening)|later\s+today|eod|e\.o\.d|end\s+of\s+(?:the\s+)?day|cob|close\s+of\s+business|asap|a\.s\.a\.p|right\s+away|straight\s+away|immediately)\b)"
    r"|(?P<tom>\b(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|tmw|tmrow|2moro|2morrow)\b)"
    rf"|(?P<pw>\b(?P<pwq>early|mid|middle\s+of|late|later|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of)[\s-]+(?:the\s+)?(?P<pww>this|next|nxt|the\s+following)\s+(?:week|wk)\b)"
    rf"|(?P<wan>\b(?:the\s+)?(?:(?P<wanw>{_WD})|week|wk)\s+after\s+(?:next|this\s+coming|the\s+next)\b)"
    r"|(?P<wknd>\b(?:(?P<wkq>this|next|nxt|the|over\s+the|coming)\s+)?weekend\b)"
    r"|(?P<wk>\b(?P<wkw>this|next|nxt|the\s+following|coming)\s+(?:week|wk)\b)"
    r"|(?P<eow>\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?week|eow|e\.o\.w)\b)"
    rf"|(?P<inn>\b(?:in|within|in\s+the\s+next|over\s+the\s+next)\s+(?P<inq>{_NUM_WORD})(?:\s+(?:or|to|-)\s+(?P<inq2>{_NUM_WORD}))?\s+(?P<inu>days?|weeks?|wks?|months?|hours?|hrs?|business\s+days?)\b(?:\s+or\s+(?P<inq3>(?!a\b|an\b){_NUM_WORD})\b)?)"
    rf"|(?P<fromnow>\b(?P<fnq>{_NUM_WORD})\s+(?P<fnu>days?|weeks?|wks?|months?)\s+from\s+(?:now|today)\b)"
    r"|(?P<fort>\b(?:in\s+)?a\s+fortnight\b)"
    r"|(?P<pm>\b(?P<pmq>early|mid|middle\s+of|late|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+(?:the\s+)?(?P<pmw>this|next|the)\s+month\b)"
    r"|(?P<mo>\b(?P<mow>this|next|nxt|the\s+following)\s+month\b)"
    r"|(?P<eom>\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?month|eom|month[\s-]end)\b)"
    r"|(?P<eoy>\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|eoy|year[\s-]end)\b)"
    r"|(?P<ny>\b(?:(?P<nyq>early|late|mid|end\s+of)[\s-]+)?next\s+year\b)"
    r"|(?P<q>\b(?:in|by|during|before|until|for|(?P<qq>early|end\s+of|late|mid|start\s+of|beginning\s+of))\s+(?:the\s+)?q(?P<qn>[1-4])\b)"
    rf"|(?P<pmn>\b(?P<pmnq>early|mid|middle\s+of|late|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of|the\s+beginning\s+of|the\s+start\s+of|first\s+week\s+of|second\s+week\s+of|third\s+week\s+of|last\s+week\s+of)[\s-]+(?:of\s+)?(?P<pmnm>{_MON_ANY})\b)"
    rf"|(?P<mon>\b(?:in|by|until|till|before|during|around|for|this|next|from)\s+(?P<monm>{_MON_FULL}|jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b(?!\s+\d))"
    rf"|(?P<wd>\b(?:(?P<wdq>this|next|nxt|coming|on|by|until|till|before|last|this\s+coming)\s+)?(?P<wdn>{_WD})\b(?!['\u2019]s)(?!,?\s+(?:the\s+)?\d{{1,2}}{_ORD}\b)(?!,?\s+{_MON_ANY}\.?\s+\d)(?!,?\s+\d{{1,2}}{_ORD}?\s+(?:of\s+)?{_MON_ANY}\b))"
    r"|(?P<newyr>\b(?:(?:early|start\s+of|beginning\s+of|first\s+thing)\s+)?(?:in\s+|into\s+|of\s+)?(?:the\s+)?new\s+year\b(?!\s*['\u2019]?s\b))"
    r"|(?P<hol>\b(?P<holn>christmas\s+eve|christmas|xmas|x-mas|thanksgiving|new\s+year'?s\s+eve|new\s+year'?s(?:\s+day)?|nye)\b)"
    r"|(?P<vague>\b(?:sometime|some\s+time|soon|one\s+of\s+these\s+days|at\s+some\s+point|someday|some\s+day|eventually|down\s+the\s+road|in\s+the\s+future|the\s+holidays|holidays|in\s+the\s+(?:spring|summer|fall|autumn|winter)|next\s+(?:spring|summer|fall|autumn|winter))\b)"
    r")",
    re.IGNORECASE,
)


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_month_start(today: date) -> date:
    return _add_months(today.replace(day=1), 1)


def _upcoming_month(today: date, month: int) -> int:
    """The year in which `month` next comes round (this month counts as upcoming)."""
    return today.year if month >= today.month else today.year + 1


def _next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def _month_part(year: int, month: int, part: str) -> date:
    part = " ".join(part.split())
    if part.startswith(("mid", "middle")):
        return date(year, month, 15)
    if part.startswith("late"):
        return date(year, month, 25)
    if "end" in part or part.startswith("last"):
        return _month_end(year, month)
    if part.startswith("second"):
        return date(year, month, 8)
    if part.startswith("third"):
        return date(year, month, 15)
    return date(year, month, 1)


def _upcoming_weekday(today: date, weekday: int) -> date:
    """The next such weekday after today ("Monday" said on a Monday is a week on)."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _term_start(name: str, today: date) -> date:
    """The first day of a named academic term: spring/Lent in January, summer in April, autumn
    in September; a term already under way starts today."""
    if name in ("spring", "lent", "hilary", "winter"):
        first, last = (1, 4), (5, 31)
    elif name in ("summer", "trinity"):
        first, last = (4, 15), (8, 31)
    else:
        first, last = (9, 1), (12, 20)
    year = today.year
    if today > date(year, *last):
        year += 1
    start = date(year, *first)
    if first == (1, 4):
        jan2 = date(year, 1, 2)
        start = jan2 + timedelta(days=(7 - jan2.weekday()) % 7)
    return max(today, start)


def _amount(raw: str) -> int:
    raw = " ".join(raw.lower().split())
    if raw.isdigit():
        return min(int(raw), 3650)
    return _NUMBERS.get(raw, 1)


def _holiday(name: str, today: date) -> date:
    name = " ".join(name.lower().split())
    if name.startswith("thanksgiving"):
        year = today.year
        for _ in range(2):
            first = date(year, 11, 1)
            day = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            if day >= today:
                return day
            year += 1
        return day
    if name.startswith(("christmas eve",)):
        month, dom = 12, 24
    elif name.startswith(("christmas", "xmas", "x-mas")):
        month, dom = 12, 25
    elif "eve" in name or name == "nye":
        month, dom = 12, 31
    else:
        return date(today.year + 1, 1, 1)
    candidate = date(today.year, month, dom)
    return candidate if candidate >= today else date(today.year + 1, month, dom)


def _resolve(match: re.Match[str], today: date) -> date | None:
    """The date one match names, or None when it names none (or only a vague time)."""
    kind = match.lastgroup
    group = match.group
    if kind == "vague":
        return None
    if kind == "iso":
        return date(int(group("iy")), int(group("im")), int(group("id")))
    if kind == "slash":
        first, second = int(group("sa")), int(group("sb"))
        year_raw = group("sy")
        options: list[date] = []
        for month, dom in ((first, second), (second, first)):
            if 1 <= month <= 12 and 1 <= dom <= calendar.monthrange(2000, month)[1]:
                if year_raw:
                    year = int(year_raw) + (2000 if len(year_raw) == 2 else 0)
                    options.append(date(year, month, min(dom, _month_end(year, month).day)))
                else:
                    options.append(_day_in_year(today, month, dom))
        future = [d for d in options if d >= today]
        return min(future) if future else (options[0] if options else None)
    if kind in ("md", "dm"):
        month = _MONTH_NAMES[group(kind + "m").lower()]
        dom = int(group(kind + "d"))
        year_raw = group(kind + "y")
        if not 1 <= dom <= 31:
            return None
        if year_raw:
            year = int(year_raw)
            return date(year, month, min(dom, _month_end(year, month).day))
        return _day_in_year(today, month, dom)
    if kind == "nth":
        dom = int(group("nthd"))
        if not 1 <= dom <= 31:
            return None
        after = match.string[match.end() : match.end() + 16].lower().split()
        if after and (after[0] in _ORDINAL_NOUNS or after[0].endswith("est")):
            return None  # "the 3rd floor", "the 2nd round", "the 3rd largest"
        base = today.replace(day=1) if dom >= today.day else _next_month_start(today)
        return base.replace(day=min(dom, _month_end(base.year, base.month).day))
    if kind == "dat":
        return today + timedelta(days=2)
    if kind == "eodwd":
        name = group("eodn").lower()
        if name.startswith("t") and name not in _WD_NAMES:
            return today + timedelta(days=1)
        return _upcoming_weekday(today, _WD_NAMES[name])
    if kind == "ttnw":
        unit = group("ttnu").lower()
        return today + timedelta(days=7 if unit.startswith("next") else 1)
    if kind == "wdafter":
        feast = _holiday(group("wdah"), today)
        weekday = _WD_NAMES[group("wdaw").lower()]
        return feast + timedelta(days=(weekday - feast.weekday()) % 7 or 7)
    if kind == "wdwk":
        return _upcoming_weekday(today, _WD_NAMES[group("wdwkd").lower()]) + timedelta(days=7)
    if kind == "wkfrom":
        weeks = _amount(group("wkfq"))
        anchor_day = _upcoming_weekday(today, _WD_NAMES[group("wkfd").lower()])
        return anchor_day + timedelta(days=7 * weeks)
    if kind == "term":
        return _term_start(group("termn").lower(), today)
    if kind == "tod":
        return today
    if kind == "tom":
        return today + timedelta(days=1)
    if kind == "pw":
        which = group("pww").lower()
        part = group("pwq").lower()
        monday = _next_monday(today) if which != "this" else today - timedelta(today.weekday())
        if part.startswith("early") or part.startswith(("beginning", "start")):
            offset = 0
        elif part.startswith(("mid", "middle")):
            offset = 2
        elif part.startswith("late"):
            offset = 3
        else:
            offset = 4
        return max(today, monday + timedelta(days=offset))
    if kind == "wan":
        name = group("wanw")
        return _next_monday(today) + timedelta(days=7 + (_WD_NAMES[name.lower()] if name else 0))
    if kind == "newyr":
        # After the holidays: the first Monday after New Year's Day.
        year = today.year + 1 if today.month >= 7 else today.year
        jan2 = date(year, 1, 2)
        return max(today, jan2 + timedelta(days=(7 - jan2.weekday()) % 7))
    if kind == "wknd":
        which = (group("wkq") or "").lower()
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today
        if which in ("next", "nxt"):
            return today + timedelta(
                days=(5 - today.weekday()) % 7 + 7 if today.weekday() < 5 else 12 - today.weekday()
            )
        return saturday
    if kind == "wk":
        which = group("wkw").lower()
        if which == "this":
            return max(today, today + timedelta(days=4 - today.weekday()))
        return _next_monday(today)
    if kind == "eow":
        return max(today, today + timedelta(days=4 - today.weekday()))
    if kind in ("inn", "fromnow"):
        amount = _amount(group("inq") if kind == "inn" else group("fnq"))
        other = (group("inq2") or group("inq3")) if kind == "inn" else None
        if other:
            amount = (amount + _amount(other) + 1) // 2 if _amount(other) > amount else amount
        unit = (group("inu") if kind == "inn" else group("fnu")).lower()
        if unit.startswith("hour") or unit.startswith("hr"):
            return today + timedelta(days=max(0, (amount + 12) // 24))
        if unit.startswith("business"):
            return today + timedelta(days=amount + 2 * (amount // 5) + (2 if amount % 5 else 0))
        if unit.startswith("day"):
            return today + timedelta(days=amount)
        if unit.startswith("w"):
            return today + timedelta(days=7 * amount)
        return _add_months(today, amount)
    if kind == "fort":
        return today + timedelta(days=14)
    if kind == "pm":
        which = group("pmw").lower()
        base = today if which in ("this", "the") else _next_month_start(today)
        return max(today, _month_part(base.year, base.month, group("pmq").lower()))
    if kind == "mo":
        if group("mow").lower() == "this":
            return min(today + timedelta(days=7), _month_end(today.year, today.month))
        return _next_month_start(today)
    if kind == "eom":
        return _month_end(today.year, today.month)
    if kind == "eoy":
        return date(today.year, 12, 31)
    if kind == "ny":
        part = (group("nyq") or "early").lower()
        if part.startswith("mid"):
            return date(today.year + 1, 6, 15)
        if part.startswith(("late", "end")):
            return date(today.year + 1, 10, 1)
        return date(today.year + 1, 1, 1)
    if kind == "q":
        quarter = int(group("qn"))
        start_month = 3 * quarter - 2
        year = today.year if (quarter - 1) * 3 + 3 >= today.month else today.year + 1
        part = (group("qq") or "").lower()
        if part.startswith(("end", "late")):
            return max(today, _month_end(year, start_month + 2))
        return max(today, date(year, start_month, 1))
    if kind == "pmn":
        month = _MONTH_NAMES[group("pmnm").lower()]
        year = _upcoming_month(today, month)
        return max(today, _month_part(year, month, group("pmnq").lower()))
    if kind == "mon":
        month = _MONTH_NAMES[group("monm").lower()]
        year = _upcoming_month(today, month)
        return max(today, date(year, month, 1))
    if kind == "wd":
        which = " ".join((group("wdq") or "").lower().split())
        if which == "last":
            return None
        name = group("wdn").lower()
        if name in ("sat", "sun") and not which and not _DAYPART.match(match.string, match.end()):
            return None  # "sat next to him", "sun was out"; but "Sat morning" is a day
        weekday = _WD_NAMES[name]
        if which in ("next", "nxt"):
            return _next_monday(today) + timedelta(days=weekday)
        ahead = (weekday - today.weekday()) % 7
        if which in ("this", "this coming") and ahead == 0:
            return today
        return today + timedelta(days=ahead or 7)
    if kind == "hol":
        return _holiday(group("holn"), today)
    return None


_ORDINAL_NOUNS = _words(
    """
    floor round time times place quarter grade party person people generation year years
    edition draft version attempt try week weeks option one ones step interview chapter
    page row item point line street st avenue ave annual anniversary birthday most hire
    company child kid son daughter cohort batch level tier slide question company's team
    """
)


_DAYPART = re.compile(
    r"\s+(?:morning|am|afternoon|pm|evening|eve|night|lunch|lunchtime|brunch|\d)", re.IGNORECASE
)
# After "after the Dec 10 …": a word that makes the date name an event held that day.
_EVENT_AFTER = re.compile(r"\s+(?!(?:and|or|but|so|then|to|i|we|he|she|they|you|it)\b)[a-z]")


def _after(match: re.Match[str], today: date) -> date | None:
    """The date an "after …" names, where it names one: the Monday after Thanksgiving
    weekend, the first working Monday after the holidays, or the day of an event ("after the
    Dec 10 board meeting"). Other "after X" times stay vague ("after Christmas")."""
    kind = match.lastgroup
    text = match.group().lower()
    if kind == "vague" and text.endswith("holidays"):
        return _resolve_newyear(today)
    if kind == "hol" and "thanksgiving" in text:
        return _holiday("thanksgiving", today) + timedelta(days=4)
    if kind in ("md", "dm", "slash", "iso", "nth", "wd") and _EVENT_AFTER.match(
        match.string, match.end()
    ):
        return _resolve(match, today)
    return None


def _resolve_newyear(today: date) -> date:
    """The first Monday after New Year's Day: when work starts again."""
    year = today.year + 1 if today.month >= 7 else today.year
    jan2 = date(year, 1, 2)
    return max(today, jan2 + timedelta(days=(7 - jan2.weekday()) % 7))


def _day_in_year(today: date, month: int, dom: int) -> date:
    """Month and day without a year: this year unless already past, then next year."""
    dom = min(dom, _month_end(today.year, month).day)
    candidate = date(today.year, month, dom)
    if candidate >= today:
        return candidate
    return date(today.year + 1, month, min(dom, _month_end(today.year + 1, month).day))


def _find_due(text: str, start: int, end: int, today: date) -> tuple[bool, date | None]:
    """(found, due) for the first time expression in text[start:end].

    A concrete date wins over a vague word ("sometime next week" is next week); a date after
    "after" is vague ("after Christmas"); "before X" is the day before X; "last Friday" is past
    and ignored.
    """
    vague = False
    for match in _DATE.finditer(text, start, end):
        pre = (match.group("pre") or "").lower().split()
        first = pre[0] if pre else ""
        if first == "after":
            after = _after(match, today)
            if after is None:
                vague = True
                continue
            return True, after
        if (
            first in ("before", "by", "until", "till", "til")
            and match.lastgroup == "vague"
            and match.group().lower().endswith("holidays")
        ):
            eve = date(today.year, 12, 24)  # "before the holidays": by Christmas Eve
            return True, max(today, eve if eve >= today else date(today.year + 1, 12, 24))
        if first in ("last", "since", "from") or match.lastgroup == "vague":
            vague = vague or match.lastgroup == "vague"
            continue
        try:
            due = _resolve(match, today)
        except (ValueError, OverflowError, KeyError):
            due = None
        if due is None:
            continue
        if first == "before" and due > today:
            due = max(today, due - timedelta(days=1))
        return True, due
    return vague, None


# --------------------------------------------------------------------------------------
# Anchors: where a clause turns into a promise.
# --------------------------------------------------------------------------------------


@dataclass
class _Anchor:
    subj: str  # "me", "we", "them", "none" (elided: the note's writer)
    head: int  # index of the first token of the clause (subject or anchor word)
    verb: int  # index of the main verb
    # "future", "oblig", "commit", "lets", "imper", "expect", "ask", "prog", "plan", "assign"
    kind: str
    owner: Owner | None = None
    recipient: tuple[int, int] | None = None  # "promised Hana a copy": tokens naming Hana


_BE_ING_OK = _words(
    """
    working getting following looping reaching sending touching circling
    """
)
# What someone may "have" for the other side: "she'll have a decision by year-end".
_DELIVERABLES = _words(
    """
    decision answer answers update updates quote proposal feedback offer numbers draft
    figures estimate verdict response reply contract results report specs details list
    slides deck invoice shortlist recommendation recommendations sign-off approval redlines
    comments notes markup edits budget timeline schedule availability
    """
)


def _has_deliverable(tokens: list[_Tok], verb: int, stop: int) -> bool:
    """ "have a decision", "have the final numbers": a result handed over, not a state."""
    for tok in tokens[verb + 1 : min(stop, verb + 5)]:
        if tok.norm in _DELIVERABLES:
            return True
        if tok.norm not in _DETERMINERS and tok.norm not in ("final", "firm", "new", "revised"):
            return False
    return False


_PLEASANTRY = re.compile(
    r"^(?:(?:keep|stay)\s+in\s+touch|stay\s+connected|keep\s+(?:\w+\s+){0,2}"
    r"(?:posted|updated|in\s+the\s+loop)(?!\s+(?:on|about|re|regarding|with|abt)\b)|(?:see|hope|face|say|just\s+say|pray|agree|be\s+honest"
    r"|be\s+real|be\s+clear|not|wait\s+and\s+see|do\s+this\s+again|do\s+it\s+again"
    r"|keep\s+it|go\s+with\s+the\s+flow|play\s+it\s+by\s+ear|take\s+it\s+from\s+there)\b)"
)
_IN_TOUCH = re.compile(r"^be\s+(?:in\s+touch|there|sure\s+to|back\s+(?:to|with)\s+(?:me|us))")


def _is_verbish(tok: _Tok, first_in_sentence: bool) -> bool:
    word = tok.norm
    if not word.isalpha() and "-" not in word:
        return False
    if word in _NONVERB:
        return False
    return not (tok.cap and not first_in_sentence)


_SELF_MARKS = frozenset(["me", "myself", "i", "moi"])


def _bracket_start(tokens: list[_Tok], close: int, floor: int) -> int:
    """Index of the "(" that the ")" at tokens[close] closes, or -1."""
    for k in range(close - 1, max(floor, close - 8) - 1, -1):
        if tokens[k].norm == "(":
            return k
    return -1


def _self_reference(tokens: list[_Tok], j: int, floor: int) -> int:
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
        opened = _bracket_start(tokens, j, floor)
        if opened > floor and any(t.norm in _SELF_MARKS for t in tokens[opened + 1 : j]):
            head = opened - 1
            while head - 1 >= floor and tokens[head - 1].norm in ("this", "the", "yours", "one"):
                head -= 1
            return head
    return -1


_PARTNER_PRONOUNS = frozenset(["she", "he", "her", "him"])
_PAST_OPENERS = _words(
    """
    met saw told left ran bumped caught thanked pinged texted called emailed messaged
    joined visited found hit
    """
)
_AND = frozenset(["and", "&", "+"])
_SUBJECT_LEADS = _CLAUSE_BREAKS | _CONTINUERS | _FRESH_STARTERS | _TODO_PREFIX


def _partner(tokens: list[_Tok], j: int, floor: int) -> int:
    """Head index when tokens[..j] name one person ("Leo", "Leo Park", "she"), else -1."""
    tok = tokens[j]
    if tok.norm in _PARTNER_PRONOUNS:
        return j
    if tok.norm in _WD_NAMES or tok.norm in _MONTH_NAMES or not _name_like(tok, j == floor):
        return -1
    if (
        j - 1 >= floor
        and _name_like(tokens[j - 1], j - 1 == floor)
        and (j - 1 > floor or tokens[j - 1].norm not in _PAST_OPENERS)
    ):
        return j - 1  # "Leo Park and I", but not "Met Leo and I'll …"
    return j


def _joint_subject(tokens: list[_Tok], j: int, floor: int) -> int:
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
    elif word in ("i", "me") and j - 2 >= floor and tokens[j - 1].norm in _AND:
        head = _partner(tokens, j - 2, floor)  # "Leo and I"
    elif (
        j - 2 >= floor
        and tokens[j - 1].norm in _AND
        and tokens[j - 2].norm in ("i", "me")
        and _partner(tokens, j, floor) == j
    ):
        head = j - 2  # "me and Leo"
    if head < 0:
        return -1
    if head > floor and tokens[head - 1].norm not in _SUBJECT_LEADS:
        return -1
    return head


def _subject(tokens: list[_Tok], index: int, floor: int) -> tuple[str, int]:
    """Who speaks before tokens[index]: ("me"|"we"|"them"|"none"|"", head index)."""
    j = index - 1
    while j >= floor and tokens[j].norm in _ADVERBS:
        j -= 1
    if j < floor:
        return "none", index
    self_head = _self_reference(tokens, j, floor)
    if self_head >= 0:
        return "me", self_head
    if tokens[j].norm == ")":
        opened = _bracket_start(tokens, j, floor)
        if opened > floor:  # "Jen (Initech) will send": the subject stands before the brackets
            subj, head = _subject(tokens, opened, floor)
            return (subj, head) if subj in ("them", "me", "we") else ("", j)
    word = tokens[j].norm
    if word in _CLAUSE_BREAKS or word in _CONTINUERS or word in _FRESH_STARTERS:
        return "none", j + 1
    joint_head = _joint_subject(tokens, j, floor)
    if joint_head >= 0:
        return "we", joint_head
    if word in _PRONOUN_SUBJECTS:
        return _PRONOUN_SUBJECTS[word], j
    if word in _NONPERSON_SUBJECTS or word in _FUNCTION_WORDS:
        return "", j
    if word in _TODO_PREFIX:
        return "none", j + 1
    if word.isalpha():
        # "Greg", "her assistant", "their team", "Victor's": a third party.
        head = j
        if head - 1 >= floor and tokens[head - 1].norm in ("her", "his", "their", "the", "my"):
            head -= 1
            if tokens[head].norm == "my":
                return "them", head
        return "them", head
    return "", j


def _skip_adverbs(tokens: list[_Tok], index: int) -> int:
    while index < len(tokens) and tokens[index].norm in _ADVERBS:
        index += 1
    return index


def _has_person_object(tokens: list[_Tok], start: int, stop: int) -> bool:
    return any(tok.norm in _PERSON_OBJECTS for tok in tokens[start:stop])


def _is_joint(tokens: list[_Tok], verb: int, stop: int) -> bool:
    """Does the verb phrase name a joint plan (meet, catch up, grab lunch, a call)?"""
    if verb >= stop:
        return False
    word = tokens[verb].norm
    if word in _JOINT_VERBS or word in _JOINT_ING:
        if word in ("talk", "talking", "chat", "chatting") and stop > verb + 1:
            return tokens[verb + 1].norm not in ("to", "about") or _has_person_object(
                tokens, verb + 1, min(stop, verb + 4)
            )
        return True
    light = word in _LIGHT_VERBS or word in ("grabbing", "getting", "having", "doing", "going")
    if light or word in ("hop", "jump"):
        for tok in tokens[verb + 1 : min(stop, verb + 5)]:
            if tok.norm in _JOINT_NOUNS:
                return word not in ("schedule", "set", "book", "plan", "organize", "arrange")
            if tok.norm in ("hiking", "running", "skiing", "climbing", "cycling", "bowling"):
                return True
    return False


_DETERMINERS = _words(
    """
    a an the his her their my our some another
    """
)
_REMINDER_WORDS = frozenset(["remember", "forget", "sure", "remind", "self"])
_NOTE_NOUNS = frozenset(["reminder", "note", "todo", "to-do", "task"])
_NOTE_VERBS = frozenset(["set", "add", "put", "make", "create", "a", "an", "in", "myself"])


def _note_to_self(tokens: list[_Tok], index: int, end: int) -> int:
    """Past the end of "set a reminder", "add a task" at tokens[index], or -1."""
    k = index
    while k < end and k < index + 3 and tokens[k].norm in _NOTE_VERBS:
        k += 1
    if k > index and k < end and tokens[k].norm in _NOTE_NOUNS:
        return k + 1
    return -1


def _before_todo_prefix(tokens: list[_Tok], j: int, floor: int) -> int:
    """Step back over "TODO:", "remember to", "don't forget to", "make sure to" and the like."""
    while j >= floor:
        word = tokens[j].norm
        if word in _NOTE_NOUNS:
            j -= 1
            while j >= floor and tokens[j].norm in _NOTE_VERBS:
                j -= 1
        elif (
            word in _TODO_PREFIX
            or word in _ADVERBS
            or (
                word == "to"
                and j - 1 >= floor
                and tokens[j - 1].norm in _REMINDER_WORDS | _NOTE_NOUNS | {"me"}
            )
        ):
            j -= 1
        elif word in _REMINDER_WORDS:
            j -= 1
            while j >= floor and tokens[j].norm in ("do", "not", "make", "be", "must", "me"):
                j -= 1
        else:
            break
    return j


def _clause_start(tokens: list[_Tok], index: int, sent_start: int, earlier: bool) -> bool:
    """May an elided-subject anchor ("Will email", "Send her…") begin at tokens[index]?"""
    j = _before_todo_prefix(tokens, index - 1, sent_start)
    if j < sent_start:
        return True
    word = tokens[j].norm
    if word in (":", "+", "&", "(") or word in _FRESH_STARTERS:
        return True
    if word in (",", "-", "/", "so", "then", "but"):
        return not earlier
    return False


# Capitalised words that start a sentence before "to <verb>" without being a name:
# "Nice to meet", "Time to send", "Back to work".
_NOT_NAMES = _words(
    """
    nice good great lovely happy glad sad hard easy fun keen ready able sorry excited
    welcome time back due free best better okay ok cool awesome tough important hope
    try want wants need needs went came got used forgot thanks intro way same listen
    trip flight drive move switch rather love likes says said asked told invited decided
    tried managed failed wanted first second last next nothing something everything
    anything someone anyone nobody everyone reply answer response pleasure honor honour
    sure safe fine wise smart impossible possible tricky difficult simple interesting
    hoping planning going trying head heading question decision goal idea aim mission
    job chance opportunity up down close open hi hello hey dear great ugh oh yes yeah
    congrats congratulations cheers bye off en route home straight
    """
)
_ASSIGNEES = {
    "me": "me",
    "i": "me",
    "myself": "me",
    "we": "we",
    "us": "we",
    "both": "we",
    "she": "them",
    "he": "them",
    "they": "them",
    "you": "them",
}
_PLAN_HEADERS = _words(
    """
    so recap summary tldr tl;dr upshot decided decisions wrap-up wrapup
    plan plans steps step item items actions todo to-do agreed outcome outcomes deal
    takeaways agenda
    """
)
_ASSIGN_BREAKS = frozenset([":", "+", "&", "(", ",", "-", "/", "and", "then", "also", "plus"])


def _known_word(word: str) -> bool:
    return any(
        word in vocab
        for vocab in (
            _NOT_NAMES,
            _ACTION_BASE,
            _STATIVE,
            _NONVERB,
            _FUNCTION_WORDS,
            _TODO_PREFIX,
            _JOINT_NOUNS,
            _ADVERBS,
            _HEDGES,
            _REPORT_VERBS,
            _COMMIT_VERBS,
            _PLAN_VERBS,
            _NONPERSON_SUBJECTS,
            _NOTE_NOUNS,
            _REMINDER_WORDS,
        )
    )


def _name_like(tok: _Tok, at_start: bool) -> bool:
    """Could tokens[...] be a person's name ("Teo", "Ms Lin")? Capitalised, not a known word."""
    word = tok.norm
    if not tok.cap or not word.isalpha() or _known_word(word):
        return False
    if at_start:
        if word.endswith(("ing", "ly")) or (word.endswith("ed") and len(word) > 4):
            return False  # "Planning to", "Hopefully", "Wanted to"
        if word.endswith("s") and (word[:-1] in _ACTION_BASE or word[:-1] in _STATIVE):
            return False
    return True


_ROLE_NOUNS = _words(
    """
    manager cfo ceo cto coo cmo cpo cro vp founder cofounder co-founder recruiter assistant
    pa ea boss lawyer lawyers counsel legal hr procurement accountant advisor adviser mentor
    prof professor supervisor landlord agent broker banker client customer vendor supplier
    director head engineer designer editor chair secretary investor investors team
    """
)


def _assignee(tokens: list[_Tok], index: int, floor: int) -> tuple[str, int] | None:
    """Who an action-item "<X> to <verb>" hands the step to: "Teo to send", "me to share"."""
    p = index - 1
    if p < floor:
        return None
    prev = tokens[p]
    bracketed = False
    if prev.norm == ")":
        self_head = _self_reference(tokens, p, floor)
        opened = _bracket_start(tokens, p, floor)
        if self_head >= 0:
            return "me", self_head
        if opened <= floor:
            return None
        p, bracketed = opened - 1, True  # "jen (initech) to send": the name before brackets
        prev = tokens[p]
    if prev.norm in _ASSIGNEES:
        subj, head = _ASSIGNEES[prev.norm], p
    elif bracketed and prev.norm.isalpha() and not _known_word(prev.norm):
        subj, head = "them", p
    elif prev.norm in _ROLE_NOUNS or (
        p - 2 >= floor and tokens[p - 1].norm == "of" and tokens[p - 2].norm in _ROLE_NOUNS
    ):
        subj, head = "them", p if prev.norm in _ROLE_NOUNS else p - 2
        for _ in range(2):  # "hiring manager", "their CFO", "the legal team"
            k = head - 1
            if k < floor or tokens[k].norm in _ASSIGN_BREAKS or not tokens[k].norm.isalpha():
                break
            if tokens[k].norm in _ACTION_BASE or tokens[k].norm in _STATIVE:
                break
            if tokens[k].norm in _NONVERB and tokens[k].norm not in _DETERMINERS:
                break
            head = k
    elif _name_like(prev, p == floor):
        subj, head = "them", p
        if p - 1 >= floor and _name_like(tokens[p - 1], p - 1 == floor):
            head = p - 1  # "Teo Alvarez to send"
    else:
        return None
    j = _before_todo_prefix(tokens, head - 1, floor)
    if j >= floor and tokens[j].norm not in _ASSIGN_BREAKS:
        return None
    return subj, head


def _third_person_verb(word: str) -> bool:
    """ "sends", "pushes": a present-tense verb after she/he/a name."""
    if not word.endswith("s") or len(word) < 4:
        return False
    return word[:-1] in _ACTION_BASE or (word.endswith("es") and word[:-2] in _ACTION_BASE)


_WH_WORDS = _words(
    """
    what how where why whatever however which
    """
)


_THING_LEADS = _words(
    """
    a an the some another more two three few copy my our
    """
)


def _recipient(tokens: list[_Tok], j: int, stop: int) -> int:
    """Index of the thing after a person in "promised Hana a copy", "owe her a reply",
    "offered him an intro", or -1. The person is a pronoun, a name or "the/our <role>"."""
    if j >= stop:
        return -1
    word = tokens[j].norm
    after = j + 1
    if word in ("him", "them", "you", "her"):
        pass
    elif word in ("the", "our", "their", "his", "her", "my") and j + 1 < stop:
        if tokens[j + 1].norm not in _ROLE_NOUNS:
            return -1
        after = j + 2
    elif _name_like(tokens[j], False) and word not in _DATE_HEADS:
        if after < stop and _name_like(tokens[after], False):
            after += 1  # "Hana Sato"
    else:
        return -1
    if after >= stop:
        return -1
    thing = tokens[after]
    if thing.norm in _THING_LEADS:
        return after
    if word == "her" or not thing.norm.isalpha() or thing.cap:
        return -1  # "promised her slides": "her" may be a possessive
    if (
        thing.norm in _NONVERB
        or thing.norm in _DATE_HEADS
        or thing.norm in _STATIVE
        or thing.norm in _ADVERBS
        or thing.norm.endswith("ed")
    ):
        return -1
    return after


def _remind_me(tokens: list[_Tok], i: int, stop: int) -> int:
    """Index of the verb after "remind me [date words] to", or -1."""
    if i + 2 >= stop or tokens[i + 1].norm not in ("me", "myself", "us"):
        return -1
    for k in range(i + 2, min(stop - 1, i + 8)):
        word = tokens[k].norm
        if word == "to":
            return k + 1
        if word in _CLAUSE_BREAKS or word in _CONTINUERS or word in _NEGATIONS:
            return -1
    return -1


def _find_anchors(tokens: list[_Tok], sent_start: int, sent_end: int) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    licensed = False  # a reporting verb ("said", "told him") licenses "I'd", "she would"
    planned = False  # "plan:", "next steps:" license the present tense ("I quote by the 27th")
    i = sent_start
    last_verb = -1
    while i < sent_end:
        tok = tokens[i]
        word = tok.norm
        nxt = tokens[i + 1].norm if i + 1 < sent_end else ""
        found: _Anchor | None = None
        if word in _REPORT_VERBS:
            licensed = True
        if word == ":" and any(t.norm in _PLAN_HEADERS for t in tokens[max(sent_start, i - 2) : i]):
            planned = True
        if i <= last_verb:
            i += 1
            continue
        prefixed = _remind_me(tokens, i, sent_end) if word == "remind" else -1
        if prefixed > 0 and _clause_start(tokens, i, sent_start, bool(anchors)):
            # "Remind me (on Monday) to email Sofia": one promise, the email, not a "remind"
            found = _Anchor("none", i, _skip_adverbs(tokens, prefixed), "remind")
        elif word in ("will", "shall") or (word == "would" and licensed):
            verb = _skip_adverbs(tokens, i + 1)
            subj, head = _subject(tokens, i, sent_start)
            if (
                verb + 1 < sent_end
                and tokens[verb].norm == "be"
                and (tokens[verb + 1].norm in _ACTION_ING or tokens[verb + 1].norm in _JOINT_ING)
            ):
                verb += 1  # "I'll be sending"
            if subj == "none" and not _clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            if subj == "none" and word != "will":
                subj = ""
            if subj and verb < sent_end:
                found = _Anchor(subj, head, verb, "future")
        elif word == "going" and nxt == "to" and i + 2 < sent_end:
            j = i - 1
            aux = tokens[j].norm if j >= sent_start else ""
            if aux in _PAST_AUX:
                i += 1
                continue
            subj_at = i - 1 if aux in ("am", "is", "are", "'s") else i
            subj, head = _subject(tokens, subj_at, sent_start)
            if subj == "none" and not _clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            verb = _skip_adverbs(tokens, i + 2)
            if subj and verb < sent_end:
                found = _Anchor(subj, head, verb, "future")
        elif word in _PLAN_VERBS and nxt == "to":
            j = i - 1
            aux = tokens[j].norm if j >= sent_start else ""
            subj_at = i - 1 if aux in ("am", "is", "are", "'s") else i
            subj, head = _subject(tokens, subj_at, sent_start)
            if subj == "none" and word in ("plans", "intends"):
                subj = "them"
            if subj == "none" and not _clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            verb = _skip_adverbs(tokens, i + 2)
            if subj and verb < sent_end:
                found = _Anchor(subj, head, verb, "future")
        elif (word in ("need", "needs", "have", "has", "got", "ought") and nxt == "to") or (
            word in ("must", "should") and nxt not in ("have", "be", "'ve")
        ):
            verb = _skip_adverbs(tokens, i + (2 if nxt == "to" else 1))
            if word == "have" and i - 1 >= sent_start and tokens[i - 1].norm in ("will", "would"):
                i += 1
                continue  # "I'll have to think" is taken by "will"
            subj, head = _subject(tokens, i, sent_start)
            if subj == "none" and not _clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            if word in ("needs", "has") and subj == "none":
                subj = "them"
            if subj and verb < sent_end:
                found = _Anchor(subj, head, verb, "oblig")
        elif word in ("better",) and i - 1 >= sent_start and tokens[i - 1].norm == "would":
            subj, head = _subject(tokens, i - 1, sent_start)
            if subj:
                found = _Anchor(subj, head, i + 1, "oblig")
        elif word in _COMMIT_VERBS:
            subj, head = _subject(tokens, i, sent_start)
            if subj == "none" and not _clause_start(tokens, head, sent_start, bool(anchors)):
                subj = ""
            j = i + 1
            thing = _recipient(tokens, j, sent_end) if subj in ("none", "me", "we") else -1
            if thing > 0:  # "Promised Hana a copy of the report": the user owes Hana
                found = _Anchor(subj, head, thing, "commit", None, (j, thing))
            elif j < sent_end and tokens[j].norm == "to":
                found = _Anchor(subj, head, j + 1, "commit") if subj else None
            elif (
                j + 1 < sent_end
                and tokens[j + 1].norm == "to"
                and tokens[j].norm not in ("i", "we", "she", "he", "they")
            ):
                found = _Anchor(subj, head, j + 2, "commit") if subj else None
            elif j < sent_end and tokens[j].norm in ("me", "us") and subj in ("them", "none"):
                if j + 1 < sent_end and tokens[j + 1].norm not in _PRONOUN_SUBJECTS:
                    found = _Anchor("them" if subj == "them" else "", head, j, "commit")
            elif (
                j + 1 < sent_end
                and tokens[j].norm in _DETERMINERS
                and tokens[j + 1].norm not in _PRONOUN_SUBJECTS
                and tokens[j + 1].norm not in ("that", "to")
                and subj
            ):
                found = _Anchor(subj, head, j, "commit")
            # "promised her I'd …": the later "would" takes over (licensed above).
        elif word in ("owe", "owes"):
            subj, head = _subject(tokens, i, sent_start)
            if subj == "none" and word == "owe":
                subj = "me"
            elif subj == "none":
                subj = "them"
            thing = _recipient(tokens, i + 1, sent_end) if subj == "me" else -1
            if thing > 0:  # "Owe her a follow-up email"
                found = _Anchor(subj, head, thing, "commit", None, (i + 1, thing))
            elif subj in ("me", "them") and i + 1 < sent_end:
                found = _Anchor(subj, head, i, "commit")
        elif (
            word in ("am", "is", "are")
            and nxt == "to"
            and i + 2 < sent_end
            and i - 1 >= sent_start
            and tokens[i + 2].norm.isalpha()
            and tokens[i + 2].norm not in _NONVERB
            and tokens[i + 2].norm not in _STATIVE
            and (
                tokens[i - 1].norm in ("i", "we", "she", "he", "they")
                or _self_reference(tokens, i - 1, sent_start) >= 0
                or _name_like(tokens[i - 1], i - 1 == sent_start)
            )
        ):
            subj, head = _subject(tokens, i, sent_start)
            if subj in ("me", "we", "them"):  # "I am to draft the intro": an assigned step
                found = _Anchor(subj, head, _skip_adverbs(tokens, i + 2), "future")
        elif word == "let" and nxt == "us":
            if i + 2 < sent_end and tokens[i + 2].norm != "know":
                verb = _skip_adverbs(tokens, i + 2)
                if verb < sent_end:
                    found = _Anchor("we", i, verb, "lets")
        elif word == "lets" and i + 1 < sent_end:
            subj, head = _subject(tokens, i, sent_start)
            if subj == "none" and _is_verbish(tokens[i + 1], False):
                found = _Anchor("we", i, _skip_adverbs(tokens, i + 1), "lets")
        elif word == "let" and nxt == "me" and i + 2 < sent_end:
            verb_word = tokens[i + 2].norm
            if verb_word != "know" and verb_word in _ACTION_BASE:
                found = _Anchor("me", i, i + 2, "future")
        elif word in ("asked", "asks", "wants", "wanted", "needs", "expects") and nxt == "me":
            if i + 2 < sent_end and tokens[i + 2].norm == "to":
                subj, head = _subject(tokens, i, sent_start)
                found = _Anchor("me", head, i + 3, "ask", Owner.ME)
        elif (
            word == "to"
            and i + 1 < sent_end
            and nxt.isalpha()
            and not tokens[i + 1].cap
            and nxt not in _NONVERB
            and nxt not in _STATIVE
            and nxt not in ("go", "do")
        ):
            assigned = _assignee(tokens, i, sent_start)
            if assigned is not None:  # "Teo to send the draft", "me to chase legal"
                found = _Anchor(assigned[0], assigned[1], _skip_adverbs(tokens, i + 1), "assign")
        elif (
            planned
            and word in ("i", "we", "she", "he", "they")
            and (i == sent_start or tokens[i - 1].norm in _ASSIGN_BREAKS)
            and (nxt in _ACTION_BASE if word in ("i", "we", "they") else _third_person_verb(nxt))
        ):
            found = _Anchor(_PRONOUN_SUBJECTS[word], i, i + 1, "plan")
        elif (
            planned
            and (i == sent_start or tokens[i - 1].norm in _ASSIGN_BREAKS)
            and _third_person_verb(nxt)
            and _name_like(tok, i == sent_start)
        ):
            found = _Anchor("them", i, i + 1, "plan")  # "Plan: Raj books the venue"
        elif word in ("expecting", "awaiting", "waiting"):
            subj, head = _subject(tokens, i, sent_start)
            if subj in ("none", "me", "we") and i + 1 < sent_end:
                found = _Anchor("them", head, i + 1, "expect", Owner.THEM)
        elif word == "can" and i + 1 < sent_end and nxt in _IMPERATIVE:
            subj, head = _subject(tokens, i, sent_start)
            if subj == "me":
                found = _Anchor("me", head, i + 1, "future")
        elif word in ("happy", "glad") and nxt == "to" and i + 2 < sent_end:
            subj, head = _subject(tokens, i, sent_start)
            if subj == "" and tokens[i - 1].norm == "am":
                subj, head = _subject(tokens, i - 1, sent_start)
            verb_word = tokens[i + 2].norm
            if subj in ("none", "me") and verb_word in _ACTION_BASE and verb_word != "help":
                found = _Anchor("me", head, i + 2, "future")
        elif (
            word in ("am", "are", "is", "'s")
            and (nxt in _ACTION_ING or nxt in _JOINT_ING)
            and not (nxt == "going" and i + 2 < sent_end and tokens[i + 2].norm == "to")
        ):
            subj, head = _subject(tokens, i, sent_start)
            embedded = head - 1 >= sent_start and tokens[head - 1].norm in _WH_WORDS
            if subj and not embedded:  # not "what we're doing with the marketplace"
                found = _Anchor(subj, head, i + 1, "prog")
        if found is None and word in _NOTE_VERBS:
            past = _note_to_self(tokens, i, sent_end)
            if past > 0:  # "Set a reminder: call the Oslo office": the call is the step
                i = past
                continue
        if (
            found is None
            and (word in _IMPERATIVE or word in _ACTION_ING or word in _JOINT_ING)
            and _clause_start(tokens, i, sent_start, bool(anchors))
            and _imperative_ok(tokens, i, sent_start, sent_end)
        ):
            found = _Anchor("none", i, i, "imper")
        if found is not None:
            anchors.append(found)
            last_verb = found.verb
        i += 1
    return anchors


_COPULA_AFTER = _words(
    """
    is was went were are has had looked seemed ran lasted got went. 's felt sounded seems
    looks sounds took
    """
)


_SUBORDINATORS = _words(
    """
    when if once after before because since while who that which until unless so and
    """
)
_NOUNLIKE_VERBS = _words(
    """
    call email text message msg dm ping chat meet intro review update order quote invoice
    post visit demo catch touch return pitch drop book reply thank
    """
)


def _imperative_ok(tokens: list[_Tok], index: int, sent_start: int, sent_end: int) -> bool:
    """A to-do fragment's first word: "Send Priya the deck", not "Call went well"."""
    tok = tokens[index]
    if index + 1 >= sent_end:
        return False
    after = tokens[index + 1]
    if after.norm in _COPULA_AFTER or after.norm in ("with", "from", "about", "of"):
        # "Call with Dmitri Tuesday" is a joint plan, found by the joint-noun fallback.
        return False
    if tok.cap and index != sent_start and tokens[index - 1].norm not in (":", "+", "(", "-"):
        return False
    word = tok.norm
    if word == "remind" and after.norm in ("me", "myself"):
        return False  # "Remind me why we met": a reminder prefix, never a step of its own
    if word == "intro" and after.norm in _JOINT_NOUNS:
        return False  # "Intro call with Bea Monday": a joint plan, found by the fallback
    if word in _NOUNLIKE_VERBS and after.norm == ":":
        return False  # "Update: her demo is next week": a heading
    if word in _NOUNLIKE_VERBS or word == "intro":
        for later in tokens[index + 1 : min(sent_end, index + 6)]:
            if later.norm in _CLAUSE_BREAKS or later.norm in _SUBORDINATORS:
                break
            if later.norm in ("was", "were", "went", "is", "has", "had"):
                return False  # "Intro to Sam was useful": a noun phrase with its own verb
    if word in _NOUNLIKE_VERBS and (after.norm.endswith("ed") or after.norm in ("for", "at", "on")):
        return False  # "Call booked for Tuesday", "Email sent": a noun, not an order
    if word in ("do", "doing") and not any(
        t.norm in _JOINT_NOUNS for t in tokens[index + 1 : min(sent_end, index + 4)]
    ):
        return False
    if word == "try" and after.norm not in ("again", "back", "him", "her", "them", "calling"):
        return False  # "try again mon", not "try the new place"
    if word == "follow" and index + 2 < sent_end and tokens[index + 2].norm == ":":
        return False  # "Follow-up: 45-min zoom with …": a heading
    if word in ("follow", "following") and after.norm != "up":
        return False
    if word in ("catch", "catching") and after.norm not in ("up", "him", "her", "them"):
        return False
    if word in ("touch", "touching") and after.norm != "base":
        return False
    if word in ("meeting", "calling", "talking", "chatting", "having", "getting", "doing"):
        return True
    if word.endswith("ing") and word not in _IMPERATIVE:  # "ping", "bring" are verbs
        return word in _ACTION_ING or word in _JOINT_ING
    return True


# --------------------------------------------------------------------------------------
# Checks that turn an anchor down.
# --------------------------------------------------------------------------------------

_JOINT_RE = re.compile(
    r"\b(?:lunch|coffee|coffees|dinner|breakfast|brunch|drinks?|beers?|pints?|call|zoom"
    r"|ramen|sushi|pizza|tacos|pho|noodles|curry|dim\s+sum|burgers?|cocktails|wine|bagels"
    r"|catch[\s-]?up|meeting|meet[\s-]?up|get[\s-]together|facetime|hike|squash|tennis|golf"
    r"|bbq|tea|walk)\b",
    re.IGNORECASE,
)
# Meetings that are joint only when held with someone: "Demo w/ their ops team Thursday".
_WITH_PLAN_RE = re.compile(
    r"\b(?:demo|sync|session|workshop|walk-?through|presentation|check-?in|kick-?off"
    r"|intro\s+call|visit|tour|onsite|on-site|offsite|stand-?up|1:1|1-on-1|one-on-one"
    r"|brainstorm|jam|review|debrief|deep[\s-]dive)(?=\s+(?:with|w/))",
    re.IGNORECASE,
)
_EVENT_RE = re.compile(r"\bnext\s+\w+\s+(?:will|is|are)\b|\bwill\s+be\b", re.IGNORECASE)
_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|went|yesterday|ago|already|last|earlier|previously|used\s+to)\b",
    re.IGNORECASE,
)
_NEG_RE = re.compile(
    r"\b(?:not|never|no|can't|cannot|won't|didn't|couldn't|cancel(?:led|ed)?|postponed"
    r"|fell\s+through)\b|n't\b",
    re.IGNORECASE,
)
_HEDGE_RE = re.compile(
    r"\b(?:if|unless|whether|maybe|perhaps|might|could|wonder(?:ing)?|not\s+sure|unsure)\b",
    re.IGNORECASE,
)


def _looking_forward(tokens: list[_Tok], verb: int, stop: int) -> bool | None:
    """None unless "look(ing) forward to …"; then whether a joint plan follows ("… to lunch")."""
    if not (
        verb + 1 < stop
        and tokens[verb].norm in ("look", "looking", "looks")
        and tokens[verb + 1].norm == "forward"
    ):
        return None
    return any(
        t.norm in _JOINT_NOUNS or t.norm in _JOINT_ING
        for t in tokens[verb + 2 : min(stop, verb + 7)]
    )


def _rejected(tokens: list[_Tok], anchor: _Anchor, sent_start: int, stop: int) -> bool:
    verb = anchor.verb
    if verb >= stop:
        return True
    # Negation between the subject and the verb: "I won't", "not going to", "no need to".
    lo = max(sent_start, anchor.head - 2)
    for k in range(lo, verb):
        if tokens[k].norm in _NEGATIONS and not (
            k + 1 < verb and tokens[k + 1].norm in ("forget", "hesitate")
        ):
            return True
    if anchor.kind != "imper" and tokens[verb].norm in _NEGATIONS:
        return True
    # Hedges before the anchor: "if they raise, they'll…", "not sure if he'll…".
    for tok in tokens[sent_start : anchor.head + 1]:
        if tok.norm in _HEDGES:
            return True
        if tok.norm in ("would", "could", "might") and anchor.kind != "future":
            return True
    first = tokens[verb]
    if (
        not _is_verbish(first, verb == sent_start)
        and anchor.kind not in ("commit", "expect")
        and not (anchor.kind == "ask" and first.norm.isalpha())
    ):
        return True
    phrase = " ".join(tok.norm for tok in tokens[verb : min(stop, verb + 6)])
    if _PLEASANTRY.match(phrase):
        return True
    if _looking_forward(tokens, verb, stop) is False:
        return True  # "Looking forward to seeing how Ramp grows": a pleasantry
    word = first.norm
    if "-" in word:
        prefix, _sep, tail = word.rpartition("-")
        if tail in _ACTION_BASE:
            word = tail  # "hand-deliver", "re-send", "double-check"
        elif prefix == "hand":
            word = "deliver"  # "hand-carry", "hand-walk"
    if word == "be" and not _IN_TOUCH.match(phrase):
        after = tokens[verb + 1].norm if verb + 1 < stop else ""
        if after not in _ACTION_ING and after not in _JOINT_ING and after not in _BE_ING_OK:
            return True  # "Will be interesting to see …": a comment, not a step
    if word == "have" and anchor.kind != "commit" and not _has_deliverable(tokens, verb, stop):
        # "I'll have the specs to her", "they'll have an answer for us"
        window = [t.norm for t in tokens[verb + 1 : min(stop, verb + 8)]]
        if (
            not any(w in ("to", "for") for w in window)
            or not any(w in _PERSON_OBJECTS or w in ("her", "him", "them", "you") for w in window)
        ) and not _is_joint(tokens, verb, stop):
            return True
    if word in ("go", "going") and not (
        verb + 1 < stop and tokens[verb + 1].norm in ("for", "over", "through", "hiking", "running")
    ):
        return True
    if (
        word in _STATIVE
        and word not in ("have", "be")
        and anchor.kind != "commit"
        and not phrase.startswith(("hear back", "hear from", "work on", "work up", "start on"))
    ):
        return True
    if anchor.subj == "them" and anchor.kind in ("future", "prog", "oblig", "plan"):
        mine = _has_person_object(tokens, verb, stop)
        if anchor.kind == "plan" and _third_person_verb(word):  # "Plan: she sends the spec"
            word = word[:-2] if word[:-1] not in _ACTION_BASE else word[:-1]
        deliver = word in _ACTION_OR_ING and word not in ("get", "getting", "take", "do", "make")
        if word in ("get", "getting") and verb + 1 < stop:
            deliver = tokens[verb + 1].norm in ("back", "in", "me", "us") or mine
        if phrase.startswith(("hear back", "hear from", "be in touch", "be back to")):
            deliver = True
        if word in ("going", "go"):
            deliver = False
        if anchor.kind == "oblig" and not mine:
            return True
        if not (deliver or mine):
            return True
    if anchor.subj == "we" and anchor.kind == "prog" and not _is_joint(tokens, verb, stop):
        return bool(word not in _ACTION_ING)
    return False


# --------------------------------------------------------------------------------------
# Putting it together.
# --------------------------------------------------------------------------------------

_WHAT_TRIM = " \t,.;:!?-+&()\"'"
_TRAILING_WORDS = _words(
    """
    on by for at in before until till and then so but to the of
    """
)
_GIVE_VERBS = _words(
    """
    send email mail forward text give show get lend bring ping
    """
)
_JOINT_WHAT = re.compile(
    r"^(?:(?:do|grab|get|have|go\s+for|meet\s+(?:up\s+)?for|hop\s+on|jump\s+on|set\s+up"
    r"|schedule|book|plan|organize|arrange)\s+)(?:a\s+|an\s+|the\s+|some\s+|another\s+)?"
    r"(?P<noun>(?:quick\s+|follow[\s-]up\s+|video\s+|phone\s+)?(?:lunch|coffee|dinner|breakfast"
    r"|brunch|drinks?|beers?|call|zoom|catch[\s-]?up|meeting|site\s+visit|walk|hike|run"
    r"|tea|pint))\b",
    re.IGNORECASE,
)


def _describe(text: str, start: int, end: int, due_span: tuple[int, int] | None) -> str:
    """A short description of the promised step: the verb phrase, minus date words."""
    if due_span and start <= due_span[0] < end:
        phrase = text[start : due_span[0]] + " " + text[due_span[1] : end]
    else:
        phrase = text[start:end]
    words = phrase.split()
    while words and words[-1].lower().strip(_WHAT_TRIM) in _TRAILING_WORDS:
        words.pop()
    if len(words) > 2 and words[0].lower() in _GIVE_VERBS and words[1].lower() == "you":
        del words[1]
    phrase = " ".join(words).strip(_WHAT_TRIM)
    joint = _JOINT_WHAT.match(phrase)
    if joint:
        return " ".join(joint.group("noun").lower().split())
    if len(phrase) > 80:
        phrase = phrase[:80].rsplit(" ", 1)[0]
    return phrase


def _due_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    for match in _DATE.finditer(text, start, end):
        return match.span()
    return None


def _header_owner(tokens: list[_Tok], head: int) -> Owner | None:
    """ "Action for Sam: chase legal" hands the step to Sam; "Action for JT (me):" to the user."""
    if head < 2 or tokens[head - 1].norm != ":":
        return None
    header = tokens[: head - 1]
    if len(header) > 8 or header[0].norm not in ("action", "actions", "task", "tasks", "owner"):
        return None
    if any(t.norm in _SELF_MARKS for t in header):
        return Owner.ME
    for k, tok in enumerate(header[:-1]):
        if tok.norm in ("for", "owner", "on") and (
            _name_like(header[k + 1], False) or header[k + 1].norm in _ROLE_NOUNS
        ):
            return Owner.THEM
    return None


# Verbs by which the user's side hands the contact something: "we'll send them …".
_WE_GIVE = _words(
    """
    send sending email emailing mail forward forwarding share sharing intro introduce
    introducing give giving pass refer connect loop cc
    """
)
_WE_RETURN = frozenset(["get", "getting", "circle", "circling", "come", "coming", "report"])
_WE_REACH = frozenset(["follow", "following", "reach", "reaching"])
_CONTACT_OBJECTS = frozenset(["them", "her", "him", "you"])


def _gives_to_contact(tokens: list[_Tok], verb: int, stop: int) -> bool:
    """ "send them the contract", "share it with her", "get back to you": a step owed to the
    contact rather than a plan made with them."""
    if verb >= stop:
        return False
    word = tokens[verb].norm
    window = [t.norm for t in tokens[verb + 1 : min(stop, verb + 6)]]
    if word in _WE_GIVE:
        return any(w in _CONTACT_OBJECTS for w in window)
    if (word in _WE_RETURN and window[:1] == ["back"]) or (
        word in _WE_REACH and window[:1] in (["up"], ["out"])
    ):
        return len(window) > 2 and window[1] in ("to", "with") and window[2] in _CONTACT_OBJECTS
    return False


def _owner(anchor: _Anchor, tokens: list[_Tok], stop: int) -> Owner:
    if anchor.owner is not None:
        return anchor.owner
    if anchor.kind == "imper":
        named = _header_owner(tokens, anchor.head)
        if named is not None:
            return named
    if (
        anchor.subj == "we"
        and tokens[anchor.head].norm == "we"
        and (anchor.recipient is not None or _gives_to_contact(tokens, anchor.verb, stop))
    ):
        return Owner.ME  # "We'll send them the contract": the user's side owes it
    if anchor.subj == "we" or anchor.kind == "lets":
        return Owner.BOTH
    if anchor.subj == "them":
        if _is_joint(tokens, anchor.verb, stop) and _has_person_object(tokens, anchor.verb, stop):
            return Owner.BOTH
        if anchor.kind == "commit" and tokens[anchor.verb].norm in ("me", "us"):
            return Owner.THEM
        return Owner.THEM
    if anchor.verb < stop and tokens[anchor.verb].norm in ("hear",):
        return Owner.THEM
    if _looking_forward(tokens, anchor.verb, stop):
        return Owner.BOTH
    if _is_joint(tokens, anchor.verb, stop) and anchor.kind in (
        "future",
        "plan",
        "assign",
        "oblig",
        "commit",
        "imper",
        "prog",
    ):
        return Owner.BOTH
    return Owner.ME


_FRAGMENT_LEAD = _words(
    """
    a an the quick tentative tentatively follow-up follow up video phone zoom booked
    scheduled set pencilled penciled confirmed planned plan and we are on for also then
    another second next-step intro group team product proper first final live in-person
    virtual online short in hold save pencil floated suggested proposed mooted pitched
    offer kickoff kick-off kick off discovery sales strategy planning onboarding check-in
    holiday celebratory celebration farewell welcome leaving xmas christmas festive
    birthday catch-up debrief review long late early working
    casual informal formal lunchtime morning evening prep pre-read
    """
)
# "30-min call", "1hr zoom", "2-hour workshop": a length before the plan.
_DURATION = re.compile(r"^\d+(?:[-.]\d+)?(?:-?(?:min|mins|minute|minutes|h|hr|hrs|hour|hours))?$")
# A plan with no time is still a plan when it is booked: "Lunch booked w/ Rhea".
_BOOKED = re.compile(
    r"\b(?:booked|scheduled|pencill?ed|confirmed|arranged|set\s+up|lined\s+up|locked\s+in"
    r"|in\s+the\s+(?:diary|calendar)|on\s+the\s+calendar|planned|floated|suggested|proposed"
    r"|mooted)\b",
    re.IGNORECASE,
)
_WITH_SOMEONE = re.compile(r"\b(?:with|w/)\s+(?!(?:it|that|this|them|him|her)\b)\S", re.IGNORECASE)


_RECURRING = re.compile(
    r"\b(?:every|each\s+(?:week|month|day|morning)|usually|always|typically|normally"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b",
    re.IGNORECASE,
)
_DATE_LEAD = re.compile(rf"(?:(?:on|for|at)\s+)?(?:{_WD}\.?,?\s+)?", re.IGNORECASE)


def _lead_ok(tokens: list[_Tok], first: int, joint_at: int, text: str) -> bool:
    """Only modifiers, booking words and dates before the joint noun ("hold 12/17 for …")."""
    dated = [m.span() for m in _DATE.finditer(text, tokens[first].start, joint_at)]
    count = 0
    for tok in tokens[first:]:
        if tok.start >= joint_at:
            break
        if any(a <= tok.start < b for a, b in dated):
            continue
        count += 1
        if count > 4 or not (tok.norm in _FRAGMENT_LEAD or _DURATION.match(tok.norm)):
            return False
    return True


def _joint_fallback(
    text: str,
    tokens: list[_Tok],
    s_start: int,
    s_end: int,
    today: date,
    following: tuple[int, int] | None = None,
) -> Commitment | None:
    """A fragment naming a joint plan and a future day: "Coffee w/ Ben Monday 9am"."""
    lo, hi = tokens[s_start].start, tokens[s_end - 1].end
    chunk = text[lo:hi]
    joint = _JOINT_RE.search(chunk) or _WITH_PLAN_RE.search(chunk)
    if joint is None or _EVENT_RE.search(chunk) or _PAST_RE.search(chunk):
        return None
    if _RECURRING.search(chunk):
        return None  # "Team lunch every Friday": a habit, not a plan
    if _NEG_RE.search(chunk) or _HEDGE_RE.search(chunk):
        return None
    first = s_start
    for k in range(s_start, s_end):  # "Plan: dinner w/ Jo tonight": the lead starts after ":"
        if tokens[k].start >= lo + joint.start():
            break
        if tokens[k].norm == ":":
            first = k + 1
    if first < s_end and not _lead_ok(tokens, first, lo + joint.start(), text):
        return None  # "She has a call with her board": their plan, not one with the user
    found, due = _find_due(text, lo, hi, today)
    if due is None and following is not None and not found:
        # "Lunch booked w/ Rhea & Tom — Wed 9 Dec, 12:30": the time comes after a dash
        date_at = _DATE.search(text, following[0], following[1])
        if date_at is not None and _DATE_LEAD.fullmatch(text, following[0], date_at.start()):
            found, due = _find_due(text, following[0], date_at.end(), today)
    if due is None:
        booked = _BOOKED.search(chunk)
        if found or booked is None:
            return None  # vague or past-sounding with no booking: not a plan we can date
        with_at = _WITH_SOMEONE.search(chunk, joint.end())
        if with_at is None and booked.start() > joint.start():
            return None
    return Commitment(joint.group().lower(), Owner.BOTH, due, (lo, hi))


# The first clause says the contact is away or busy: "He's out till Jan, will follow up then"
# is the user's step, not his.
_UNAVAILABLE = _words(
    """
    out away busy swamped slammed travelling traveling off ooo leave vacation holiday
    holidays sick offline underwater
    """
)
_OPENER_VERBS = frozenset(["'s", "is", "will", "says", "said", "has", "seems", "sounds"])
_CLAUSE_JOINS = frozenset([",", "and", "then", "&", "+", "but", "so"])


def _third_person_opener(tokens: list[_Tok], head: int) -> bool:
    """Does the sentence open with she/he/they or "Name's/Name is …" before tokens[head]?"""
    k = _skip_adverbs(tokens, 0)
    if k >= head:
        return False
    first_tok = tokens[k]
    if first_tok.norm in ("she", "he", "they"):
        return True
    return k + 1 < head and tokens[k + 1].norm in _OPENER_VERBS and _name_like(first_tok, k == 0)


def _inherit_subject(
    tokens: list[_Tok], anchor: _Anchor, prior: list[_Anchor], stop: int
) -> _Anchor:
    """ "She's happy to help, will send contact details": the elided subject is still she."""
    head = anchor.head
    if anchor.subj != "none" or anchor.kind != "future" or head == 0:
        return anchor
    if tokens[head - 1].norm not in _CLAUSE_JOINS:
        return anchor
    if prior:
        if prior[-1].subj != "them":
            return anchor
    elif not _third_person_opener(tokens, head) or any(
        t.norm in _UNAVAILABLE for t in tokens[:head]
    ):
        return anchor
    for k in range(anchor.verb, stop):
        word = tokens[k].norm
        if word in ("him", "them"):
            return anchor  # "…, will ping him Monday": the user acts on the third person
        if word == "her":
            after = tokens[k + 1].norm if k + 1 < stop else ""
            if not after or after in _NONVERB or after in _DATE_HEADS:
                return anchor
    return _Anchor("them", head, anchor.verb, anchor.kind)


_DATE_HEADS = (
    frozenset(_WD_NAMES)
    | frozenset(_MONTH_NAMES)
    | _words(
        """
    tomorrow tmrw today tonight next this later soon asap eod
    """
    )
)


_REFER_WORDS = _words(
    """
    it that this them those all
    """
)
_REFER_LEADS = _words(
    """
    deadline due by before aim target ideally latest
    """
)
_REFER_OTHERS = (
    _REFER_WORDS
    | _REFER_LEADS
    | _words(
        """
    do get send finish make have need needs must should try to for the on at no later than
    please pls and , : - ! done out over sorted latest ok okay doing first thing will i am
    sending handling tackling on
    """
    )
)


def _referred_due(text: str, tokens: list[_Tok], today: date) -> date | None:
    """ "Do it Monday!", "Deadline: Friday": a short order that dates the step before it."""
    if len(tokens) > 8:
        return None
    lo, hi = tokens[0].start, tokens[-1].end
    spans = [m.span() for m in _DATE.finditer(text, lo, hi)]
    if not spans:
        return None
    rest = [t.norm for t in tokens if not any(a <= t.start < b for a, b in spans)]
    if not rest or not all(word in _REFER_OTHERS for word in rest):
        return None
    if rest[0] not in _REFER_LEADS and not any(word in _REFER_WORDS for word in rest[:3]):
        return None
    return _find_due(text, lo, hi, today)[1]


# A reply that takes on the request just before it: "… wants the abstract by Friday — on it".
_ACKS = frozenset(
    [
        ("on", "it"),
        ("onto", "it"),
        ("i", "am", "on", "it"),
        ("i", "am", "onto", "it"),
        ("on", "it", "now"),
        ("will", "do"),
        ("consider", "it", "done"),
        ("leave", "it", "with", "me"),
        ("i", "will", "handle", "it"),
        ("i", "will", "sort", "it"),
    ]
)
_REQUEST = re.compile(
    r"\b(?:wants?|wanted|needs|needed|asked|asks|request(?:ed|s)|would\s+like|'d\s+like"
    r"|expects?|expecting|chasing|waiting\s+(?:on|for))\b",
    re.IGNORECASE,
)


def _taken_on(
    text: str, tokens: list[_Tok], before: tuple[int, int, bool], today: date
) -> Commitment | None:
    words = tuple(t.norm for t in tokens if t.norm.isalpha())
    if words not in _ACKS:
        return None
    lo, hi = before[0], before[1]
    request = text[lo:hi].strip()
    if not request or not _REQUEST.search(request):
        return None
    lo += len(text[lo:hi]) - len(text[lo:hi].lstrip())
    _found, due = _find_due(text, lo, hi, today)
    what = request if len(request) <= 80 else request[:80].rsplit(" ", 1)[0]
    return Commitment(what, Owner.ME, due, (lo, tokens[-1].end))


def _detect(text: str, today: date) -> list[Commitment]:
    results: list[Commitment] = []
    mark = 0
    spans = _sentences(text)
    for index, (s_lo, s_hi, question) in enumerate(spans):
        fresh, mark = len(results) > mark, len(results)  # did the last sentence add any?
        if question:
            continue
        tokens = _tokenize(text[s_lo:s_hi], s_lo)
        if not tokens:
            continue
        n = len(tokens)
        if fresh and results[-1].due is None:
            due = _referred_due(text, tokens, today)
            if due is not None:
                prior = results[-1]
                results[-1] = Commitment(prior.what, prior.owner, due, prior.span)
                mark = len(results)
                continue
        if tokens[0].norm in _QUESTION_OPENERS and n > 1 and tokens[1].norm in _PRONOUN_SUBJECTS:
            continue  # "Will they renew in March" without the question mark
        if not fresh and index > 0:
            taken = _taken_on(text, tokens, spans[index - 1], today)
            if taken is not None:  # "prof wants the abstract by friday — on it"
                results.append(taken)
                continue
        anchors = _find_anchors(tokens, 0, n)
        kept: list[tuple[_Anchor, int]] = []
        for k, anchor in enumerate(anchors):
            stop = anchors[k + 1].head if k + 1 < len(anchors) else n
            stop = max(stop, anchor.verb + 1) if stop > anchor.verb else stop
            if stop <= anchor.verb:
                continue
            anchor = _inherit_subject(tokens, anchor, [a for a, _ in kept], stop)
            if _rejected(tokens, anchor, 0, stop):
                continue
            kept.append((anchor, stop))
        if not anchors:
            following = spans[index + 1][:2] if index + 1 < len(spans) else None
            if following is not None:
                skip = len(text[following[0] : following[1]]) - len(
                    text[following[0] : following[1]].lstrip()
                )
                following = (following[0] + skip, following[1])
            fallback = _joint_fallback(text, tokens, 0, n, today, following)
            if fallback is not None:
                results.append(fallback)
            continue
        previous_end = tokens[0].start
        for anchor, stop in kept:
            last = stop - 1
            while last > anchor.verb and tokens[last].norm in _CONTINUERS | _CLAUSE_BREAKS:
                last -= 1
            head_start = tokens[anchor.head].start
            verb_start = tokens[anchor.verb].start
            end = tokens[last].end
            found, due = _find_due(text, verb_start, end, today)
            if not found and previous_end < head_start:
                found, due = _find_due(text, previous_end, head_start, today)
            if not found and anchor.kind == "remind":  # "Remind me on Monday to …"
                found, due = _find_due(text, head_start, verb_start, today)
            what = _describe(text, verb_start, end, _due_span(text, verb_start, end))
            if not what:
                what = tokens[anchor.verb].norm
            if anchor.recipient is not None:
                lo_r, hi_r = anchor.recipient
                person = text[tokens[lo_r].start : tokens[hi_r - 1].end]
                what = f"{what} (to {person})"
            owner = _owner(anchor, tokens, stop)
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
        return _detect(text, today)
    except Exception:  # pragma: no cover - a safety net; the tests fuzz for this
        return []
