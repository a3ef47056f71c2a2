"""The lookup keys the database matches on, computed here and nowhere else.

A person is found by a name, an e-mail address, a phone number or a web address typed many
ways; each is stored beside a *key* that makes the many ways one (`contacts.name_key`,
`contact_emails.address_key`, `contact_phones.number`, `contact_urls.url_key`,
`events.name_key`, `contacts.work_key`). Writing a key one way and looking it up another
would lose people silently, so every writer and every lookup asks this module. The rules
themselves are pure and live in the domain (`names.fold`, `fields`); this module fixes how
a web address's key is stored (cut to the column's `KEY_LENGTH`, on writing and on looking
up alike) and offers the bulk variant used when thousands of rows are written at once.
Names are not cut: an overlong one is refused by the column limits (store/limits.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from followthru.domain import fields
from followthru.domain.names import fold

KEY_LENGTH = 300
"""The width of `contact_urls.url_key`: a longer address is cut to it."""


def name_key(name: str) -> str:
    """A person's or an event's name as matched: case- and accent-insensitive."""
    return fold(name)


def email_key(address: str) -> str:
    """An e-mail address as matched: case-insensitive."""
    return fields.email_key(address)


def url_key(raw: str) -> str:
    """A web address as matched: one key per page, one per LinkedIn profile."""
    return fields.url_key(raw)[:KEY_LENGTH]


def phone_key(raw: str, region: str) -> str:
    """A phone number as stored and matched: E.164, `region` for numbers without a code."""
    return fields.normalize_phone(raw, region)


def work_key(company: str | None, title: str | None) -> str:
    """Company and title folded like names, so 'societe' finds 'Société Générale'."""
    return fold(" ".join(part for part in (company, title) if part))


def name_keys() -> Callable[[str], str]:
    """`name_key` remembered for one bulk write: names repeat by the thousand in a large
    network. A fresh one per write, so a long-running process does not keep every name."""
    return cache(name_key)
