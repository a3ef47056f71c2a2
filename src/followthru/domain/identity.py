"""When two records are the same person: only on a strong personal key.

Merging two different people is the worst thing a contact tool can do, so an import merges
automatically only on keys that belong to one person — a personal e-mail address, a profile
URL (LinkedIn, X-SOCIALPROFILE and the like), a number no other name shares — and only when
the names do not contradict it. A company's website, a role inbox (info@, sales@ …), any
address or number two different names in one file share: these are a reason for `dupes` to
ask "probably the same?", never a merge on their own.

Pure: plain strings in, decisions out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from followthru.domain.names import fold

# Inboxes of a team or a function, not of a person.
ROLE_LOCALS = frozenset(
    [
        "info",
        "hello",
        "hi",
        "contact",
        "contacts",
        "office",
        "team",
        "support",
        "help",
        "helpdesk",
        "service",
        "sales",
        "marketing",
        "press",
        "media",
        "pr",
        "admin",
        "administrator",
        "billing",
        "accounts",
        "accounting",
        "finance",
        "invoices",
        "hr",
        "jobs",
        "careers",
        "recruiting",
        "enquiries",
        "enquiry",
        "inquiries",
        "inquiry",
        "mail",
        "post",
        "postmaster",
        "webmaster",
        "hostmaster",
        "noreply",
        "no-reply",
        "donotreply",
        "do-not-reply",
        "reception",
        "frontdesk",
        "general",
        "events",
        "booking",
        "bookings",
        "orders",
        "shop",
        "store",
        "team",
        "legal",
        "privacy",
        "security",
        "abuse",
        "feedback",
        "partners",
        "partnerships",
        "investors",
        "ir",
        "newsletter",
        "news",
    ]
)
# Sites where a path names one person: a URL there is a profile.
PROFILE_HOSTS = frozenset(
    {
        "linkedin.com",
        "xing.com",
        "twitter.com",
        "x.com",
        "github.com",
        "gitlab.com",
        "facebook.com",
        "instagram.com",
        "threads.net",
        "bsky.app",
        "mastodon.social",
        "about.me",
        "angel.co",
        "wellfound.com",
        "medium.com",
        "keybase.io",
        "t.me",
    }
)
# Common short forms, both ways: "Bob Smith" and "Robert Smith" may be one person.
NICKNAMES = {
    "bob": "robert",
    "rob": "robert",
    "bobby": "robert",
    "bill": "william",
    "will": "william",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "mike": "michael",
    "kate": "katherine",
    "katie": "katherine",
    "jim": "james",
    "jimmy": "james",
    "tom": "thomas",
    "dave": "david",
    "dick": "richard",
    "rick": "richard",
    "peggy": "margaret",
    "maggie": "margaret",
    "jack": "john",
    "johnny": "john",
    "jules": "julia",
    "sasha": "alexander",
    "hans": "johannes",
    "sepp": "josef",
    "pepe": "jose",
}


def is_role_address(address: str) -> bool:
    """info@, sales@, noreply@ … (plus-tags and dots ignored): a team's inbox."""
    local = address.split("@", 1)[0].casefold().split("+", 1)[0]
    return local in ROLE_LOCALS or local.replace(".", "").replace("_", "") in ROLE_LOCALS


# Words that label a line a team shares: a colleague's card may carry the same number.
DESK_WORDS = frozenset(
    {"work", "main", "switchboard", "company", "business", "office", "reception", "pbx"}
)
# Words that make a labelled line one person's own, whatever else it says ("work mobile").
OWN_WORDS = frozenset({"cell", "mobile", "iphone", "personal", "home", "private", "whatsapp"})


def is_desk_label(label: str) -> bool:
    """A phone labelled work, main, switchboard, company … (TYPE=WORK, X-ABLabel,
    "Business Phone", "Company Main Phone"): a shared line, never a key on its own."""
    words = set(re.split(r"[^a-z]+", fold(label)))
    return bool(words & DESK_WORDS) and not words & OWN_WORDS


def is_profile(key: str) -> bool:
    """A URL key (`domain.fields.url_key`) that names one person on a social site."""
    host, _, path = key.partition("/")
    return host in PROFILE_HOSTS and bool(path.strip("/"))


def _tokens(name: str) -> list[str]:
    """Folded words without initials ("Julia M. Jensen" → julia, jensen), nicknames
    resolved."""
    words = [w.strip(".") for w in fold(name).split()]
    return [NICKNAMES.get(w, w) for w in words if len(w) > 1]


def same_names(a: str | None, b: str | None) -> bool:
    """Whether two names can be one person: equal after folding case and accents, apart
    from a middle initial, a nickname, word order, or a near spelling. A missing name
    contradicts nothing."""
    if not a or not b:
        return True
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb or ta == tb:
        return True
    if set(ta) <= set(tb) or set(tb) <= set(ta):
        return True
    if ta[-1] == tb[-1] and (ta[0].startswith(tb[0]) or tb[0].startswith(ta[0])):
        return True
    return fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) >= 85


@dataclass(frozen=True)
class Shared:
    """Keys two different names use in one batch of records: not personal."""

    keys: frozenset[str]

    @classmethod
    def among(cls, named_keys: Iterable[tuple[str | None, Iterable[str]]]) -> Shared:
        """From (name, keys) pairs: the keys given under names that cannot be one person."""
        first: dict[str, str] = {}
        shared: set[str] = set()
        for name, keys in named_keys:
            if not name:
                continue
            for key in keys:
                if key in shared:
                    continue
                seen = first.setdefault(key, name)
                if seen is not name and not same_names(name, seen):
                    shared.add(key)
        return cls(frozenset(shared))
