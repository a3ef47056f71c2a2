"""Likely duplicates: which people are probably the same person, and why.

Pure: people in, scored pairs out. Comparing every pair of 100,000 people is five billion
comparisons, so pairs are only looked for inside *blocks* of people who already share
something: a family name, the start of given and family name, a work e-mail domain, an
e-mail address or a phone number. Names are compared once per distinct name, not once per
person, and a block too big to compare fully is compared in a sliding window over its
sorted names.

A pair's confidence (0 to 1) starts from how alike the folded names are (rapidfuzz's
token_sort_ratio, so word order does not matter), rises with the same company or the same
work e-mail domain (free mail such as gmail.com says nothing), falls when both have a
company and they differ, and is near-certain when they share a personal e-mail address or
a phone under names that can be one person (`domain.identity.same_names`). A role inbox or
a switchboard shared under two different names keeps the pair a question (0.5).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import log2

import numpy as np
from rapidfuzz import fuzz, process

from followthru.domain.identity import is_profile, is_role_address, same_names
from followthru.domain.names import fold

NAME_CUTOFF = 0.8  # names less alike than this are different people, unless a contact is shared
MIN_CONFIDENCE = 0.5
# The confidence: from the names, then up or down with what else is known.
SAME_NAME = 0.7  # the same name and nothing else: likely, not certain (namesakes exist)
PER_NAME_POINT = 2.5  # each point of name similarity below 100% costs this much
SAME_COMPANY = 0.25
SAME_DOMAIN = 0.15  # 0.1 beside the same company: mostly the same evidence twice
OTHER_COMPANY = -0.2  # both have a company, and they differ
MOST_BOOST = SAME_COMPANY + SAME_DOMAIN - 0.05
MOST_COMMON = 0.3  # the most a common name takes off
MAX_FULL_BLOCK = 400  # distinct names compared all-against-all; bigger blocks use a window
WINDOW = 8
MAX_SHARED = 50  # an address shared by more people than this is a role inbox, not a person
SHARED_ONLY = 0.5  # a shared address or number under names that cannot be one person

# Free mail: the same domain says nothing about two people.
FREE_MAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "ymail.com",
        "rocketmail.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "t-online.de",
        "mail.com",
        "mail.ru",
        "yandex.com",
        "yandex.ru",
        "zoho.com",
        "fastmail.com",
        "hey.com",
        "tutanota.com",
        "qq.com",
        "163.com",
        "126.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "comcast.net",
        "btinternet.com",
    }
)
# Country variants: yahoo.co.uk, hotmail.fr, outlook.de, live.ca …
_FREE_MAIL_NAMES = frozenset(
    {"gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "ymail", "aol", "gmx"}
)


_fold = lru_cache(maxsize=1 << 16)(fold)  # 100,000 people share far fewer names and companies


def is_free_mail(domain: str) -> bool:
    domain = domain.casefold()
    return domain in FREE_MAIL or domain.split(".", 1)[0] in _FREE_MAIL_NAMES


@dataclass(frozen=True, slots=True)
class Person:
    """What the comparison needs of a person: folded keys, plus how to show them."""

    id: int
    name: str  # folded full name
    given: str  # folded
    family: str  # folded
    company: str  # folded, "" when unknown
    emails: frozenset[str]  # e-mail keys (case-folded addresses)
    phones: frozenset[str]  # E.164
    domains: frozenset[str] = frozenset()  # work e-mail domains: free mail left out
    pages: frozenset[str] = frozenset()  # web page keys (domain.fields.url_key)
    places: frozenset[str] = frozenset()  # postal addresses, folded, one line each
    shown_name: str = ""
    shown_company: str = ""


def work_domains(emails: Iterable[str]) -> frozenset[str]:
    return frozenset(
        d for d in (e.rsplit("@", 1)[-1] for e in emails if "@" in e) if not is_free_mail(d)
    )


def person(
    id: int,
    name: str,
    *,
    given: str = "",
    family: str = "",
    company: str | None = None,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    pages: Iterable[str] = (),
    places: Iterable[str] = (),
) -> Person:
    """A Person from fields as stored: names and company are folded here."""
    folded = _fold(name)
    words = folded.split()
    keys = frozenset(e.strip().casefold() for e in emails if e.strip())
    return Person(
        id=id,
        name=folded,
        given=_fold(given) or (words[0] if words else ""),
        family=_fold(family) or (words[-1] if len(words) > 1 else ""),
        company=_fold(company or ""),
        emails=keys,
        phones=frozenset(p for p in phones if p),
        domains=work_domains(keys),
        pages=frozenset(u for u in pages if u),
        places=frozenset(" ".join(fold(a).replace(",", " ").split()) for a in places if a.strip()),
        shown_name=name,
        shown_company=company or "",
    )


@dataclass(frozen=True, slots=True)
class Score:
    confidence: float  # 0 to 1
    reason: str


@dataclass(frozen=True, slots=True)
class Pair:
    a: Person  # the lower id: the one to keep, by default
    b: Person
    confidence: float
    reason: str


def name_similarity(a: str, b: str) -> float:
    """0 to 1, word order ignored: 'lee ann' and 'ann lee' are the same name."""
    if not a and not b:
        return 1.0
    return float(fuzz.token_sort_ratio(a, b)) / 100.0


def name_confidence(similarity: float) -> float:
    """What the names alone say: the same name .7, 90% alike .45, 80% alike .2."""
    return max(0.0, SAME_NAME - (1.0 - similarity) * PER_NAME_POINT)


def commonness(namesakes: int) -> float:
    """What a common name takes off: nothing for two people, .1 for 4, .2 for 8, .3 for 16+."""
    return min(MOST_COMMON, 0.1 * log2(namesakes / 2)) if namesakes > 2 else 0.0


def _shown(p: Person) -> str:
    return p.shown_company or p.company


@dataclass(frozen=True, slots=True)
class _Shared:
    """What two people have in common, each kind sorted so the first one shown is stable."""

    emails: list[str]
    phones: list[str]
    domains: list[str]
    pages: list[str]
    places: list[str]

    @classmethod
    def of(cls, a: Person, b: Person) -> _Shared:
        return cls(
            sorted(a.emails & b.emails),
            sorted(a.phones & b.phones),
            sorted(a.domains & b.domains),
            sorted(a.pages & b.pages),
            sorted(a.places & b.places),
        )


def score(a: Person, b: Person, similarity: float | None = None, *, namesakes: int = 2) -> Score:
    """How likely two people are one, and the evidence in words. Symmetric.

    `namesakes`: how many people in the network carry the more common of the two names; a
    name many people share says less about any two of them."""
    s = name_similarity(a.name, b.name) if similarity is None else similarity
    shared = _Shared.of(a, b)
    reasons = ["same name" if s >= 1.0 else f"similar name ({round(s * 100)}%)"]
    if namesakes > 2:
        reasons[0] += f" (one of {namesakes})"
    reasons += [f"shared e-mail {shared.emails[0]}"] if shared.emails else []
    reasons += [f"shared phone {shared.phones[0]}"] if shared.phones else []
    confidence = _weigh_companies(a, b, shared, name_confidence(s) - commonness(namesakes), reasons)
    reasons += [f"same web page {shared.pages[0]}"] if shared.pages else []
    reasons += ["same postal address"] if shared.places else []
    confidence = _settle(a, b, s, shared, confidence)
    return Score(round(min(1.0, max(0.0, confidence)), 3), ", ".join(reasons))


def _weigh_companies(
    a: Person, b: Person, shared: _Shared, confidence: float, reasons: list[str]
) -> float:
    """The confidence after what the companies and work domains say; their reasons are
    added to `reasons`."""
    same_company = bool(a.company) and a.company == b.company
    if same_company:
        # Both spellings fold alike; show the smaller so the reason reads the same both ways.
        reasons.append(f"same company ({min(_shown(a), _shown(b))})")
        confidence += SAME_COMPANY
    if shared.domains:
        reasons.append(f"same e-mail domain ({shared.domains[0]})")
        confidence += SAME_DOMAIN - 0.05 if same_company else SAME_DOMAIN
    elif a.company and b.company and not same_company:
        first, second = sorted((_shown(a), _shown(b)))
        reasons.append(f"different companies ({first} / {second})")
        confidence += OTHER_COMPANY
    return confidence


def _settle(a: Person, b: Person, s: float, shared: _Shared, confidence: float) -> float:
    """The confidence once shared details have their say: a personal address or profile
    under the same names is near-certain; any shared detail is at least worth a question."""
    personal = [e for e in shared.emails if not is_role_address(e)] or shared.phones
    profiles = [u for u in shared.pages if is_profile(u)]
    if (personal or profiles) and same_names(a.name, b.name):
        confidence = max(confidence, 0.9 + 0.09 * s)  # near-certain
    elif shared.emails or shared.phones or shared.pages or shared.places:
        # A switchboard, a team inbox, a company's web page or office under two names: a
        # question for the user, never a certainty.
        confidence = max(confidence, SHARED_ONLY)
    if (a.name, a.company, a.emails, a.phones) == (b.name, b.company, b.emails, b.phones):
        confidence = 1.0  # nothing at all tells them apart
    return confidence


def _similar_names(names: Sequence[str]) -> Iterator[tuple[int, int, float]]:
    """Index pairs of alike names in one block (each name once): all against all when the
    block is small, else a window over the names sorted forwards and backwards."""
    cutoff = NAME_CUTOFF * 100
    if len(names) < 2:
        return
    if len(names) <= MAX_FULL_BLOCK:
        # The whole block in one call (C++, no Python per pair); float64 keeps each score
        # exactly what scoring the pair alone gives, so confidences do not move.
        scores = process.cdist(
            names, names, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff, dtype=np.float64
        )
        rows, cols = np.nonzero(np.triu(scores, 1))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            yield i, j, float(scores[i, j]) / 100.0
        return
    for key in (lambda k: names[k], lambda k: names[k][::-1]):
        order = sorted(range(len(names)), key=key)
        for pos, i in enumerate(order):
            for j in order[pos + 1 : pos + 1 + WINDOW]:
                sim = fuzz.token_sort_ratio(names[i], names[j], score_cutoff=cutoff)
                if sim:
                    yield i, j, sim / 100.0


def _name_blocks(p: Person) -> Iterator[str]:
    """The blocks a name is compared in: one typo anywhere still leaves one key in common."""
    if p.family:
        yield "f:" + p.family  # a typo in the given name
    if p.given:
        yield f"g:{p.given}|{p.family[:1]}"  # a typo in the family name
    if p.given or p.family:
        yield f"p:{p.given[:3]}|{p.family[:3]}"  # typos late in both
    yield "w:" + " ".join(sorted(p.name.split()))  # the same words in another order


_Candidates = dict[tuple[int, int], float | None]


def candidate_pairs(
    people: Sequence[Person], min_confidence: float = MIN_CONFIDENCE
) -> _Candidates:
    """Index pairs (i < j) worth scoring, with their name similarity when already known.

    Pairs that cannot reach `min_confidence` are never made: names alike enough to count
    on their own pair everyone of the one name with everyone of the other; names less alike
    pair only people who also share a company or a work e-mail domain."""
    found: _Candidates = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        by_name[p.name].append(i)
    alike = _alike_names(by_name, _blocks(people, by_name))
    _pair_by_names(found, people, by_name, alike, min_confidence)
    _pair_by_shared_details(found, people)
    return found


def _add(found: _Candidates, i: int, j: int, sim: float | None) -> None:
    """Note a pair once, keeping a known name similarity over an unknown one."""
    key = (i, j) if i < j else (j, i)
    if i != j and (key not in found or found[key] is None):
        found[key] = sim


def _blocks(people: Sequence[Person], by_name: dict[str, list[int]]) -> dict[str, list[str]]:
    """The distinct names to compare with each other: by name keys, and by work e-mail domain."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for name, group in by_name.items():
        for key in _name_blocks(people[group[0]]):
            blocks[key].append(name)
    for p in people:
        for domain in p.domains:
            blocks["d:" + domain].append(p.name)
    return blocks


def _alike_names(
    by_name: dict[str, list[int]], blocks: dict[str, list[str]]
) -> dict[tuple[str, str], float]:
    """Alike names within each block, with their similarity (a name is alike itself)."""
    alike: dict[tuple[str, str], float] = {(name, name): 1.0 for name in by_name}
    for names in blocks.values():
        distinct = sorted(set(names))
        for x, y, sim in _similar_names(distinct):
            alike[(distinct[x], distinct[y])] = sim
    return alike


def _pair_by_names(
    found: _Candidates,
    people: Sequence[Person],
    by_name: dict[str, list[int]],
    alike: dict[tuple[str, str], float],
    min_confidence: float,
) -> None:
    """Every person of one name against every of the other, when the names alone can be
    enough; else only those who share a company or a work domain too; else nobody."""
    links: dict[str, dict[str, list[int]]] = {}  # name -> company or domain -> people
    for (first, second), sim in alike.items():
        mine, theirs = by_name[first], by_name[second]
        if first == second and len(mine) < 2:
            continue
        best = name_confidence(sim) - commonness(max(len(mine), len(theirs)))
        if best >= min_confidence:
            for i in mine:
                for j in theirs:
                    _add(found, i, j, sim)
        elif best + MOST_BOOST >= min_confidence:
            for name in (first, second):
                if name not in links:
                    links[name] = _workplaces(people, by_name[name])
            for key, group in links[first].items():
                for i in group:
                    for j in links[second].get(key, ()):
                        _add(found, i, j, sim)


def _workplaces(people: Sequence[Person], group: list[int]) -> dict[str, list[int]]:
    """The people of one name by company and by work e-mail domain."""
    keys: dict[str, list[int]] = defaultdict(list)
    for i in group:
        if people[i].company:
            keys["c:" + people[i].company].append(i)
        for domain in people[i].domains:
            keys["d:" + domain].append(i)
    return keys


def _pair_by_shared_details(found: _Candidates, people: Sequence[Person]) -> None:
    """A shared e-mail address, phone number, web page or postal address: worth asking
    about, whatever the names (unless so many share it that it says nothing)."""
    shared: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        for kind, values in (("e:", p.emails), ("t:", p.phones), ("u:", p.pages), ("a:", p.places)):
            for value in values:
                shared[kind + value].append(i)
    for group in shared.values():
        if 1 < len(group) <= MAX_SHARED:
            for x, i in enumerate(group):
                for j in group[x + 1 :]:
                    _add(found, i, j, None)


def find_pairs(people: Sequence[Person], min_confidence: float = MIN_CONFIDENCE) -> list[Pair]:
    """Likely duplicates, most certain first."""
    namesakes: dict[str, int] = defaultdict(int)
    for p in people:
        namesakes[p.name] += 1
    pairs: list[Pair] = []
    for (i, j), sim in candidate_pairs(people, min_confidence).items():
        a, b = people[i], people[j]
        if a.id > b.id:
            a, b = b, a
        if sim is None:  # found by a shared address or phone: any names will do
            sim = name_similarity(a.name, b.name)
        elif sim < NAME_CUTOFF:
            continue
        result = score(a, b, sim, namesakes=max(namesakes[a.name], namesakes[b.name]))
        if result.confidence >= min_confidence:
            pairs.append(Pair(a, b, result.confidence, result.reason))
    pairs.sort(key=lambda p: (-p.confidence, p.a.id, p.b.id))
    return pairs
