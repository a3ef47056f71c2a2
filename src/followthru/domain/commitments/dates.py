"""Time words to due dates, resolved against the day the note was written.

One regular expression names every date form; a resolver per form turns a match into a
date. Vague times ("sometime", "after Christmas") give no due date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, time, timedelta

from followthru.domain.commitments.words import word_set

WD_NAMES = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "weds": 2,
    "wed": 2, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip


MONTH_NAMES = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip


NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2,
    "a couple": 2, "a couple of": 2, "couple of": 2, "few": 3, "a few": 3, "several": 3,
}  # fmt: skip


WD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|weds|wed"
    r"|thurs|thur|thu|fri|sat|sun)"
)


MON_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)


MON_ANY = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)


ORD = r"(?:st|nd|rd|th)"


HOUR_WORD = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}"
NUM_WORD = r"(?:\d+|a couple of|a couple|couple of|couple|a few|few|several|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


# Every form starts a word, so the pattern first checks for a word start: twice as fast.
DATE = re.compile(
    r"(?<!\w)(?=\w)(?:"
    r"(?P<pre>\b(?:before|by|until|till|til|after|since|last|from)\s+(?:the\s+)?)?"
    r"(?:"
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<slash>\b(?P<sa>\d{1,2})(?P<sep>[/.])(?P<sb>\d{1,2})(?:(?P=sep)(?P<sy>\d{2,4}))?\b"
    r"(?![.:/]\d)(?!\s*(?:%|k\b|m\b|bn\b|million|billion|x\b|am\b|pm\b)))"
    r"|(?P<dash>\b(?P<da>\d{1,2})-(?P<db>\d{1,2})-(?P<dy>\d{2}|\d{4})\b)"
    rf"|(?P<md>\b(?:{WD},?\s+)?(?P<mdm>{MON_ANY})\.?\s+(?P<mdd>\d{{1,2}}){ORD}?\b(?!:|\s*(?:am|pm)\b)(?:,?\s+(?P<mdy>\d{{4}}))?)"
    rf"|(?P<dm>\b(?P<dmd>\d{{1,2}}){ORD}?\s+(?:of\s+)?(?P<dmm>{MON_ANY})\b\.?(?:,?\s+(?P<dmy>\d{{4}}))?)"
    rf"|(?P<nth>\b(?:{WD},?\s+)?the\s+(?P<nthd>\d{{1,2}}){ORD}\b(?!\s+(?:of\s+)?{MON_ANY}\b))"
    r"|(?P<dat>\b(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw|tmr)\b)"
    rf"|(?P<eodwd>\b(?:eod|e\.o\.d|cob|end\s+of\s+(?:the\s+)?day|close\s+of\s+(?:business|play))\s+(?:on\s+)?(?P<eodn>{WD}|tomorrow|tmrw|tmr)\b)"
    r"|(?P<ttnw>\bthis\s+time\s+(?P<ttnu>next\s+(?:week|wk)|tomorrow|tmrw)\b)"
    rf"|(?P<wdafter>\b(?:the\s+)?(?P<wdaw>{WD})\s+(?:after|following)\s+(?P<wdah>thanksgiving|christmas|xmas|new\s+year(?:['\u2019]?s)?(?:\s+day)?)\b)"
    rf"|(?P<wdwk>\b(?:(?:on|by|until|till|before)\s+)?(?P<wdwkd>{WD})\s+week\b(?!\s*(?:of|after|before|end|-)))"
    rf"|(?P<wkfrom>\b(?P<wkfq>a|one|two|three|\d)\s+weeks?\s+(?:from|on)\s+(?:this\s+|next\s+)?(?P<wkfd>{WD})\b)"
    r"|(?P<term>\b(?:(?:in|during|for|by|before|until|over|next)\s+)?(?:the\s+)?(?:next\s+|coming\s+)?(?P<termn>spring|summer|autumn|fall|winter|michaelmas|lent|trinity|hilary)\s+(?:term|semester)\b)"
    r"|(?P<tod>\b(?:today|tonight|tonite|this\s+(?:morning|afternoon|evening)|later\s+today|eod|e\.o\.d|end\s+of\s+(?:the\s+)?day|cob|close\s+of\s+business|asap|a\.s\.a\.p|right\s+away|straight\s+away|immediately)\b)"
    r"|(?P<tom>\b(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|tmw|tmrow|2moro|2morrow)\b)"
    rf"|(?P<pw>\b(?P<pwq>early|mid|middle\s+of|late|later|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of)[\s-]+(?:the\s+)?(?P<pww>this|next|nxt|the\s+following)\s+(?:week|wk)\b)"
    rf"|(?P<wan>\b(?:the\s+)?(?:(?P<wanw>{WD})|week|wk)\s+after\s+(?:next|this\s+coming|the\s+next)\b)"
    r"|(?P<wknd>\b(?:(?P<wkq>this|next|nxt|the|over\s+the|coming)\s+)?weekend\b)"
    r"|(?P<wk>\b(?P<wkw>this|next|nxt|the\s+following|coming)\s+(?:week|wk)\b)"
    r"|(?P<eow>\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?week|eow|e\.o\.w)\b)"
    rf"|(?P<inn>\b(?:in|within|after|in\s+the\s+next|over\s+the\s+next)\s+(?P<inq>{NUM_WORD})(?:\s+(?:or|to|-)\s+(?P<inq2>{NUM_WORD}))?\s+(?P<inu>days?|weeks?|wks?|months?|hours?|hrs?|business\s+days?)\b(?:\s+or\s+(?P<inq3>(?!a\b|an\b){NUM_WORD})\b)?)"
    rf"|(?P<fromnow>\b(?P<fnq>{NUM_WORD})\s+(?P<fnu>days?|weeks?|wks?|months?)\s+from\s+(?:now|today)\b)"
    r"|(?P<fort>\b(?:(?:in|within)\s+)?(?:a|the)\s+fortnight\b)"
    r"|(?P<pm>\b(?P<pmq>early|mid|middle\s+of|late|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+(?:the\s+)?(?P<pmw>this|next|the)\s+month\b)"
    r"|(?P<mo>\b(?P<mow>this|next|nxt|the\s+following)\s+month\b)"
    r"|(?P<eom>\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?month|eom|month[\s-]end)\b)"
    r"|(?P<eoy>\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year|eoy|year[\s-]end)\b)"
    r"|(?P<ny>\b(?:(?P<nyq>early|late|mid|end\s+of)[\s-]+)?next\s+year\b)"
    r"|(?P<q>\b(?:in|by|during|before|until|for|(?P<qq>early|end\s+of|late|mid|start\s+of|beginning\s+of))\s+(?:the\s+)?q(?P<qn>[1-4])\b)"
    rf"|(?P<pmn>\b(?P<pmnq>early|mid|middle\s+of|late|end\s+of|the\s+end\s+of|beginning\s+of|start\s+of|the\s+beginning\s+of|the\s+start\s+of|first\s+week\s+of|second\s+week\s+of|third\s+week\s+of|last\s+week\s+of)[\s-]+(?:of\s+)?(?P<pmnm>{MON_ANY})\b)"
    rf"|(?P<mon>\b(?:in|by|until|till|before|during|around|for|this|next|from)\s+(?P<monm>{MON_FULL}|jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b(?!\s+\d))"
    rf"|(?P<wd>\b(?:(?P<wdq>this|next|nxt|coming|on|by|until|till|before|last|this\s+coming)\s+)?(?P<wdn>{WD})\b(?!['\u2019]s)(?!,?\s+(?:the\s+)?\d{{1,2}}{ORD}\b)(?!,?\s+{MON_ANY}\.?\s+\d)(?!,?\s+\d{{1,2}}{ORD}?\s+(?:of\s+)?{MON_ANY}\b))"
    r"|(?P<newyr>\b(?:(?:early|start\s+of|beginning\s+of|first\s+thing)\s+)?(?:in\s+|into\s+|of\s+)?(?:the\s+)?new\s+year\b(?!\s*['\u2019]?s\b))"
    r"|(?P<hol>\b(?P<holn>christmas\s+eve|christmas|xmas|x-mas|thanksgiving|new\s+year'?s\s+eve|new\s+year'?s(?:\s+day)?|nye)\b)"
    r"|(?P<clock>\b(?:(?:by|before|at|until|till|til)\s+(?:(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?![a-z]))"
    r"|\d{1,2}[:.][0-5]\d\b|\d{1,2}(?:\s*o['\u2019]?clock)?\b(?!\s*[a-z%/.:-])"
    rf"|(?:half|quarter)\s+(?:past\s+|to\s+)?(?:{HOUR_WORD})\b)|(?:by|before|at)\s+(?:the\s+)?(?:noon|midday|lunch\s*time|lunch)\b|noon\b|midday\b|lunchtime\b|this\s+arvo\b"
    r"|(?:in|within)\s+(?:an|the)\s+(?:next\s+)?hour\b|close\s+of\s+play\b|end\s+of\s+business\b|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b))"
    r"|(?P<vague>\b(?:sometime|some\s+time|soon|one\s+of\s+these\s+days|at\s+some\s+point|someday|some\s+day|eventually|down\s+the\s+road|in\s+the\s+future|the\s+holidays|holidays|in\s+the\s+(?:spring|summer|fall|autumn|winter)|next\s+(?:spring|summer|fall|autumn|winter))\b)"
    r"))",
    re.IGNORECASE,
)


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_month_start(today: date) -> date:
    return add_months(today.replace(day=1), 1)


def upcoming_month(today: date, month: int) -> int:
    """The year in which `month` next comes round (this month counts as upcoming)."""
    return today.year if month >= today.month else today.year + 1


def next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())


def month_part(year: int, month: int, part: str) -> date:
    part = " ".join(part.split())
    if part.startswith(("mid", "middle")):
        return date(year, month, 15)
    if part.startswith("late"):
        return date(year, month, 25)
    if "end" in part or part.startswith("last"):
        return month_end(year, month)
    if part.startswith("second"):
        return date(year, month, 8)
    if part.startswith("third"):
        return date(year, month, 15)
    return date(year, month, 1)


def upcoming_weekday(today: date, weekday: int) -> date:
    """The next such weekday after today ("Monday" said on a Monday is a week on)."""
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def term_start(name: str, today: date) -> date:
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


def count_of(raw: str) -> int:
    raw = " ".join(raw.lower().split())
    if raw.isdigit():
        return min(int(raw), 3650)
    return NUMBERS.get(raw, 1)


def holiday_date(name: str, today: date) -> date:
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


def _iso(match: re.Match[str], today: date) -> date | None:
    group = match.group
    return date(int(group("iy")), int(group("im")), int(group("id")))


# The orders numeric dates are read in, by the `date_order` setting: 03/04 is 3 April
# (dmy), 4 March (mdy), or whichever of the two comes next (auto).
DATE_ORDERS = ("auto", "dmy", "mdy")


def _readings(order: str, first: int, second: int) -> tuple[tuple[int, int], ...]:
    """(month, day) pairs a numeric date 'first/second' may mean."""
    if order == "dmy":
        return ((second, first),)
    if order == "mdy":
        return ((first, second),)
    return ((first, second), (second, first))


def _slash(match: re.Match[str], today: date, order: str = "auto") -> date | None:
    """12/3, 15.01.2027: dotted dates are day first; with slashes, of the two readings the
    next to come (a note's dates are near), so 03/12 and 12/3 are both 3 December."""
    group = match.group
    first, second = int(group("sa")), int(group("sb"))
    year_raw = group("sy")
    options: list[date] = []
    orders = _readings("dmy" if group("sep") == "." else order, first, second)
    for month, dom in orders:
        if 1 <= month <= 12 and 1 <= dom <= calendar.monthrange(2000, month)[1]:
            if year_raw:
                year = int(year_raw) + (2000 if len(year_raw) == 2 else 0)
                options.append(date(year, month, min(dom, month_end(year, month).day)))
            else:
                day = day_in_year(today, month, dom)
                options.extend([day] if day is not None else [])
    future = [d for d in options if d >= today]
    return min(future) if future else (options[0] if options else None)


def _md_dm(match: re.Match[str], today: date) -> date | None:
    group = match.group
    kind = match.lastgroup or ""
    month = MONTH_NAMES[group(kind + "m").lower()]
    dom = int(group(kind + "d"))
    year_raw = group(kind + "y")
    if not 1 <= dom <= 31:
        return None
    if year_raw:
        year = int(year_raw)
        return date(year, month, min(dom, month_end(year, month).day))
    return day_in_year(today, month, dom)


def _dash(match: re.Match[str], today: date) -> date | None:
    """15-01-27: day first, as Europe writes it."""
    year = int(match.group("dy"))
    year += 2000 if year < 100 else 0
    return date(year, int(match.group("db")), int(match.group("da")))


def _clock(match: re.Match[str], today: date) -> date | None:
    """ "by 3pm", "by noon", "this arvo", "by half three": due today."""
    return today


def _nth(match: re.Match[str], today: date) -> date | None:
    group = match.group
    dom = int(group("nthd"))
    if not 1 <= dom <= 31:
        return None
    after = match.string[match.end() : match.end() + 16].lower().split()
    if after and (after[0] in ORDINAL_NOUNS or after[0].endswith("est")):
        return None  # "the 3rd floor", "the 2nd round", "the 3rd largest"
    base = today.replace(day=1) if dom >= today.day else next_month_start(today)
    return base.replace(day=min(dom, month_end(base.year, base.month).day))


def _dat(match: re.Match[str], today: date) -> date | None:
    return today + timedelta(days=2)


def _eodwd(match: re.Match[str], today: date) -> date | None:
    group = match.group
    name = group("eodn").lower()
    if name.startswith("t") and name not in WD_NAMES:
        return today + timedelta(days=1)
    return upcoming_weekday(today, WD_NAMES[name])


def _ttnw(match: re.Match[str], today: date) -> date | None:
    group = match.group
    unit = group("ttnu").lower()
    return today + timedelta(days=7 if unit.startswith("next") else 1)


def _wdafter(match: re.Match[str], today: date) -> date | None:
    group = match.group
    feast = holiday_date(group("wdah"), today)
    weekday = WD_NAMES[group("wdaw").lower()]
    return feast + timedelta(days=(weekday - feast.weekday()) % 7 or 7)


def _wdwk(match: re.Match[str], today: date) -> date | None:
    group = match.group
    return upcoming_weekday(today, WD_NAMES[group("wdwkd").lower()]) + timedelta(days=7)


def _wkfrom(match: re.Match[str], today: date) -> date | None:
    group = match.group
    weeks = count_of(group("wkfq"))
    anchor_day = upcoming_weekday(today, WD_NAMES[group("wkfd").lower()])
    return anchor_day + timedelta(days=7 * weeks)


def _term(match: re.Match[str], today: date) -> date | None:
    group = match.group
    return term_start(group("termn").lower(), today)


def _tod(match: re.Match[str], today: date) -> date | None:
    return today


def _tom(match: re.Match[str], today: date) -> date | None:
    return today + timedelta(days=1)


def _pw(match: re.Match[str], today: date) -> date | None:
    group = match.group
    which = group("pww").lower()
    part = group("pwq").lower()
    monday = next_monday(today) if which != "this" else today - timedelta(today.weekday())
    if part.startswith("early") or part.startswith(("beginning", "start")):
        offset = 0
    elif part.startswith(("mid", "middle")):
        offset = 2
    elif part.startswith("late"):
        offset = 3
    else:
        offset = 4
    return max(today, monday + timedelta(days=offset))


def _wan(match: re.Match[str], today: date) -> date | None:
    group = match.group
    name = group("wanw")
    return next_monday(today) + timedelta(days=7 + (WD_NAMES[name.lower()] if name else 0))


def _newyr(match: re.Match[str], today: date) -> date | None:
    year = today.year + 1 if today.month >= 7 else today.year
    jan2 = date(year, 1, 2)
    return max(today, jan2 + timedelta(days=(7 - jan2.weekday()) % 7))


def _wknd(match: re.Match[str], today: date) -> date | None:
    group = match.group
    which = (group("wkq") or "").lower()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    if today.weekday() == 6:
        saturday = today
    if which in ("next", "nxt"):
        return today + timedelta(
            days=(5 - today.weekday()) % 7 + 7 if today.weekday() < 5 else 12 - today.weekday()
        )
    return saturday


def _wk(match: re.Match[str], today: date) -> date | None:
    group = match.group
    which = group("wkw").lower()
    if which == "this":
        return max(today, today + timedelta(days=4 - today.weekday()))
    return next_monday(today)


def _eow(match: re.Match[str], today: date) -> date | None:
    return max(today, today + timedelta(days=4 - today.weekday()))


def _inn_fromnow(match: re.Match[str], today: date) -> date | None:
    group = match.group
    kind = match.lastgroup or ""
    amount = count_of(group("inq") if kind == "inn" else group("fnq"))
    other = (group("inq2") or group("inq3")) if kind == "inn" else None
    if other:
        amount = (amount + count_of(other) + 1) // 2 if count_of(other) > amount else amount
    unit = (group("inu") if kind == "inn" else group("fnu")).lower()
    if unit.startswith("hour") or unit.startswith("hr"):
        return today + timedelta(days=max(0, (amount + 12) // 24))
    if unit.startswith("business"):
        return today + timedelta(days=amount + 2 * (amount // 5) + (2 if amount % 5 else 0))
    if unit.startswith("day"):
        return today + timedelta(days=amount)
    if unit.startswith("w"):
        return today + timedelta(days=7 * amount)
    return add_months(today, amount)


def _fort(match: re.Match[str], today: date) -> date | None:
    return today + timedelta(days=14)


def _pm(match: re.Match[str], today: date) -> date | None:
    group = match.group
    which = group("pmw").lower()
    base = today if which in ("this", "the") else next_month_start(today)
    return max(today, month_part(base.year, base.month, group("pmq").lower()))


def _mo(match: re.Match[str], today: date) -> date | None:
    group = match.group
    if group("mow").lower() == "this":
        return min(today + timedelta(days=7), month_end(today.year, today.month))
    return next_month_start(today)


def _eom(match: re.Match[str], today: date) -> date | None:
    return month_end(today.year, today.month)


def _eoy(match: re.Match[str], today: date) -> date | None:
    return date(today.year, 12, 31)


def _ny(match: re.Match[str], today: date) -> date | None:
    group = match.group
    part = (group("nyq") or "early").lower()
    if part.startswith("mid"):
        return date(today.year + 1, 6, 15)
    if part.startswith(("late", "end")):
        return date(today.year + 1, 10, 1)
    return date(today.year + 1, 1, 1)


def _q(match: re.Match[str], today: date) -> date | None:
    group = match.group
    quarter = int(group("qn"))
    start_month = 3 * quarter - 2
    year = today.year if (quarter - 1) * 3 + 3 >= today.month else today.year + 1
    part = (group("qq") or "").lower()
    if part.startswith(("end", "late")):
        return max(today, month_end(year, start_month + 2))
    return max(today, date(year, start_month, 1))


def _pmn(match: re.Match[str], today: date) -> date | None:
    group = match.group
    month = MONTH_NAMES[group("pmnm").lower()]
    year = upcoming_month(today, month)
    return max(today, month_part(year, month, group("pmnq").lower()))


def _mon(match: re.Match[str], today: date) -> date | None:
    group = match.group
    month = MONTH_NAMES[group("monm").lower()]
    year = upcoming_month(today, month)
    return max(today, date(year, month, 1))


def _wd(match: re.Match[str], today: date) -> date | None:
    group = match.group
    which = " ".join((group("wdq") or "").lower().split())
    if which == "last":
        return None
    name = group("wdn").lower()
    if name in ("sat", "sun") and not which and not DAYPART.match(match.string, match.end()):
        return None  # "sat next to him", "sun was out"; but "Sat morning" is a day
    weekday = WD_NAMES[name]
    if which in ("next", "nxt"):
        return next_monday(today) + timedelta(days=weekday)
    ahead = (weekday - today.weekday()) % 7
    if which in ("this", "this coming") and ahead == 0:
        return today
    return today + timedelta(days=ahead or 7)


def _hol(match: re.Match[str], today: date) -> date | None:
    group = match.group
    return holiday_date(group("holn"), today)


# The resolver of each named form of the date pattern.
RESOLVERS: dict[str, Callable[[re.Match[str], date], date | None]] = {
    "iso": _iso,
    "slash": _slash,
    "dash": _dash,
    "clock": _clock,
    "md": _md_dm,
    "dm": _md_dm,
    "nth": _nth,
    "dat": _dat,
    "eodwd": _eodwd,
    "ttnw": _ttnw,
    "wdafter": _wdafter,
    "wdwk": _wdwk,
    "wkfrom": _wkfrom,
    "term": _term,
    "tod": _tod,
    "tom": _tom,
    "pw": _pw,
    "wan": _wan,
    "newyr": _newyr,
    "wknd": _wknd,
    "wk": _wk,
    "eow": _eow,
    "inn": _inn_fromnow,
    "fromnow": _inn_fromnow,
    "fort": _fort,
    "pm": _pm,
    "mo": _mo,
    "eom": _eom,
    "eoy": _eoy,
    "ny": _ny,
    "q": _q,
    "pmn": _pmn,
    "mon": _mon,
    "wd": _wd,
    "hol": _hol,
}


def resolve(match: re.Match[str], today: date, order: str = "auto") -> date | None:
    """The date one match names, or None when it names none (or only a vague time)."""
    if match.lastgroup == "slash":
        return _slash(match, today, order)
    resolver = RESOLVERS.get(match.lastgroup or "")
    return resolver(match, today) if resolver is not None else None


ORDINAL_NOUNS = word_set(
    """
    floor round time times place quarter grade party person people generation year years
    edition draft version attempt try week weeks option one ones step interview chapter
    page row item point line street st avenue ave annual anniversary birthday most hire
    company child kid son daughter cohort batch level tier slide question company's team
    """
)


DAYPART = re.compile(
    r"\s+(?:morning|am|afternoon|pm|evening|eve|night|lunch|lunchtime|brunch|\d)", re.IGNORECASE
)


# After "after the Dec 10 …": a word that makes the date name an event held that day.
EVENT_AFTER = re.compile(r"\s+(?!(?:and|or|but|so|then|to|i|we|he|she|they|you|it)\b)[a-z]")


def after_date(match: re.Match[str], today: date, order: str = "auto") -> date | None:
    """The date an "after …" names, where it names one: the Monday after Thanksgiving
    weekend, the first working Monday after the holidays, or the day of an event ("after the
    Dec 10 board meeting"). Other "after X" times stay vague ("after Christmas")."""
    kind = match.lastgroup or ""
    text = match.group().lower()
    if kind == "vague" and text.endswith("holidays"):
        return resolve_newyear(today)
    if kind == "hol" and "thanksgiving" in text:
        return holiday_date("thanksgiving", today) + timedelta(days=4)
    if kind in ("md", "dm", "slash", "iso", "nth", "wd") and EVENT_AFTER.match(
        match.string, match.end()
    ):
        return resolve(match, today, order)
    return None


def resolve_newyear(today: date) -> date:
    """The first Monday after New Year's Day: when work starts again."""
    year = today.year + 1 if today.month >= 7 else today.year
    jan2 = date(year, 1, 2)
    return max(today, jan2 + timedelta(days=(7 - jan2.weekday()) % 7))


RECENT_PAST_DAYS = 31


def day_in_year(today: date, month: int, dom: int) -> date | None:
    """Month and day without a year: this year unless already past, then next year. A day
    passed in the last month names the past ("Catch-up with Rhea, 12 Nov"): no due date."""
    dom = min(dom, month_end(today.year, month).day)
    candidate = date(today.year, month, dom)
    if candidate >= today:
        return candidate
    if (today - candidate).days <= RECENT_PAST_DAYS:
        return None
    return date(today.year + 1, month, min(dom, month_end(today.year + 1, month).day))


def _reading(match: re.Match[str], today: date, order: str) -> tuple[str, date | None]:
    """What one time expression says: ("due", day), ("vague", None) for "after Christmas" or
    "sometime", ("clock", None) for "by 3pm", or ("none", None) for a past or empty one."""
    if match.lastgroup == "clock":
        return "clock", None
    pre = (match.group("pre") or "").lower().split()
    first = pre[0] if pre else ""
    if first == "after":
        after = after_date(match, today, order)
        return ("vague", None) if after is None else ("due", after)
    if match.lastgroup == "vague":
        if first in ("before", "by", "until", "till", "til") and match.group().lower().endswith(
            "holidays"
        ):
            eve = date(today.year, 12, 24)  # "before the holidays": by Christmas Eve
            return "due", max(today, eve if eve >= today else date(today.year + 1, 12, 24))
        return "vague", None
    if first in ("last", "since", "from"):
        return "none", None
    try:
        due = resolve(match, today, order)
    except (ValueError, OverflowError, KeyError):
        return "none", None
    if due is not None and first == "before" and due > today:
        due = max(today, due - timedelta(days=1))
    return ("none", None) if due is None else ("due", due)


def find_due(
    text: str, start: int, end: int, today: date, order: str = "auto"
) -> tuple[bool, date | None]:
    """(found, due) for the first time expression in text[start:end].

    A concrete date wins over a vague word ("sometime next week" is next week) and over a
    clock time ("at 4pm on Thursday"); a clock time alone is today; a date after "after" is
    vague ("after Christmas"); "before X" is the day before X; "last Friday" is past and
    ignored.
    """
    vague = clock = False
    for match in DATE.finditer(text, start, end):
        verdict, due = _reading(match, today, order)
        if verdict == "due":
            return True, due
        vague = vague or verdict == "vague"
        clock = clock or verdict == "clock"
    return (True, today) if clock else (vague, None)


_CLOCK_TIME = re.compile(
    r"(?P<part>half|quarter)\s+(?P<dir>past\s+|to\s+)?(?P<hw>\w+)"
    r"|(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?:o['\u2019]?clock)?\s*(?P<ap>[ap])?"
    r"|(?P<noon>noon|midday|lunch)|(?P<close>close\s+of\s+play|end\s+of\s+business)",
    re.IGNORECASE,
)
_HOUR_WORDS = {name: n for n, name in enumerate(HOUR_WORD.split("|")[:12], start=1)}


def _time_of(raw: str) -> time | None:
    """ "3pm" -> 15:00, "half three" -> 15:30, "noon" -> 12:00; hours 1 to 7 without am/pm
    are afternoon, as in "by 5"."""
    found = _CLOCK_TIME.search(raw.split(None, 1)[-1] if raw[:1].isalpha() else raw)
    if found is None or found.group("noon"):
        return time(12) if found is not None else None
    if found.group("close"):
        return time(17)
    if found.group("part"):
        word = found.group("hw").lower()
        hour = _HOUR_WORDS.get(word) or (int(word) if word.isdigit() else 0)
        minute = 30 if found.group("part").lower() == "half" else 15
        if (found.group("dir") or "").strip().lower() == "to":
            hour, minute = hour - 1, 45
        ampm = None
    else:
        hour, minute, ampm = int(found.group("h")), int(found.group("m") or 0), found.group("ap")
    if (ampm is None and 1 <= hour <= 7) or ((ampm or "").lower() == "p" and hour < 12):
        hour += 12
    if (ampm or "").lower() == "a" and hour == 12:
        hour = 0
    return time(hour, minute) if 0 <= hour < 24 and 0 <= minute < 60 else None


def clock_time(text: str, start: int, end: int) -> time | None:
    """The clock time in text[start:end] ("by 3pm", "at half three"), for the calendar."""
    for match in DATE.finditer(text, start, end):
        if match.lastgroup == "clock":
            return _time_of(match.group())
    return None


def first_date_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    for match in DATE.finditer(text, start, end):
        return match.span()
    return None


DATE_HEADS = (
    frozenset(WD_NAMES)
    | frozenset(MONTH_NAMES)
    | word_set(
        """
    tomorrow tmrw today tonight next this later soon asap eod
    """
    )
)
