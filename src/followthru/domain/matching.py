"""Adding value: whom to introduce to whom, and who would value a piece of content.

Both are blocked by tag, so the work grows with the people who share a tag rather than
with every pair in the network.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

# A tag held by a crowd says little about two people; pairs are not built from it.
MAX_GROUP = 60
NEEDS, OFFERS = "needs:", "offers:"
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "about",
        "into",
        "how",
        "why",
        "what",
        "when",
        "is",
        "are",
        "be",
        "this",
        "that",
        "http",
        "https",
        "www",
        "com",
        "org",
        "net",
        "io",
        "html",
        "htm",
        "php",
        "index",
        "article",
        "articles",
        "blog",
        "post",
        "posts",
        "news",
    ]
)


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    pile: str | None
    title: str
    company: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class IntroPair:
    first: Profile
    second: Profile
    score: float
    reason: str


_Needs = dict[frozenset[int], dict[int, list[str]]]  # pair -> who -> what the other offers


def intro_pairs(
    people: Sequence[Profile], introduced: set[frozenset[int]], *, limit: int = 10
) -> list[IntroPair]:
    """Needs met by offers first, then people with the most interests in common."""
    by_id = {p.id: p for p in people}
    offers, interests = _offers_and_interests(people)
    needs = _needs_met(people, offers)
    shared = _shared_interests(interests, by_id)
    pairs = [
        _intro_pair(key, by_id, needs.get(key, {}), shared.get(key, []))
        for key in set(needs) | set(shared)
        if key not in introduced
    ]
    pairs.sort(key=lambda pair: (-pair.score, pair.first.name, pair.second.name))
    return pairs[:limit]


def _offers_and_interests(
    people: Sequence[Profile],
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Who offers what ("offers:design"), and who is into what (any tag not a need)."""
    offers: dict[str, list[int]] = defaultdict(list)
    interests: dict[str, list[int]] = defaultdict(list)
    for p in people:
        for tag in p.tags:
            if tag.startswith(OFFERS):
                offers[tag[len(OFFERS) :]].append(p.id)
            elif not tag.startswith(NEEDS):
                interests[tag].append(p.id)
    return offers, interests


def _needs_met(people: Sequence[Profile], offers: dict[str, list[int]]) -> _Needs:
    """Each pair where one needs what the other offers, and what (offers too widely made,
    beyond MAX_GROUP people, pair only their first few)."""
    needs: _Needs = defaultdict(lambda: defaultdict(list))
    for p in people:
        for tag in p.tags:
            need = tag[len(NEEDS) :] if tag.startswith(NEEDS) else None
            for other in offers.get(need, [])[:MAX_GROUP] if need else []:
                if other != p.id:
                    needs[frozenset((p.id, other))][p.id].append(need or "")
    return needs


def _shared_interests(
    interests: dict[str, list[int]], by_id: dict[int, Profile]
) -> dict[frozenset[int], list[str]]:
    """Pairs of targets and connectors with an interest in common, and which ones; an
    interest too many share (over MAX_GROUP) says nothing about a pair."""
    shared: dict[frozenset[int], list[str]] = defaultdict(list)
    for tag, ids in interests.items():
        members = [i for i in ids if by_id[i].pile in ("target", "connector")]
        if len(members) <= MAX_GROUP:
            for a, b in combinations(sorted(members), 2):
                shared[frozenset((a, b))].append(tag)
    return shared


def _intro_pair(
    key: frozenset[int], by_id: dict[int, Profile], needs: dict[int, list[str]], shared: list[str]
) -> IntroPair:
    """One pair worth introducing: the one with the most needs met first, and why."""
    first, second = sorted(key, key=lambda i: (-len(needs.get(i, [])), by_id[i].name, i))
    reasons = [
        f"{by_id[who].name} needs {', '.join(sorted(set(wanted)))}; "
        f"{by_id[second if who == first else first].name} offers it"
        for who, wanted in sorted(needs.items())
    ]
    if shared:
        reasons.append(f"both into {', '.join(sorted(shared))}")
    score = 10.0 * sum(len(set(w)) for w in needs.values())
    return IntroPair(by_id[first], by_id[second], score + len(shared), "; ".join(reasons))


def topic_words(topic: str) -> list[str]:
    """Words worth matching in a topic or a URL: 'https://x.io/blog/data-pipelines' → data, pipelines."""
    words = re.split(r"[^0-9a-zà-ÿ]+", topic.lower())
    return sorted({w for w in words if len(w) > 2 and w not in _STOP and not w.isdigit()})


@dataclass(frozen=True)
class ShareMatch:
    profile: Profile
    score: float
    reason: str


def share_matches(
    people: Iterable[Profile],
    words: Sequence[str],
    text_hits: Mapping[int, set[str]],
    *,
    limit: int = 10,
) -> list[ShareMatch]:
    """Who would value content on these words: tags weigh most, then role, then notes."""
    matches = []
    for p in people:
        found: list[str] = []
        score = 0.0
        tag_words = {part for tag in p.tags for part in re.split(r"[^0-9a-zà-ÿ]+", tag)}
        role = f"{p.title} {p.company}".lower()
        for word in words:
            if word in tag_words:
                score += 3
                found.append(f"tag {word}")
            elif word in role:
                score += 2
                found.append(f"{word} in their role")
            elif word in text_hits.get(p.id, set()):
                score += 1
                found.append(f"{word} in your notes")
        if score:
            matches.append(ShareMatch(p, score, ", ".join(found)))
    matches.sort(key=lambda m: (-m.score, m.profile.name, m.profile.id))
    return matches[:limit]
