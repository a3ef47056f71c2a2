"""Who spoke to whom, read from where it already lives: the rules, without any I/O.

A mailbox, a calendar and LinkedIn's export all yield `Exchange`s: one message or meeting
with a sender (or organizer) and its other people. Seen from the user (`Me`), each one
becomes a `Sighting` per correspondent: the day, the channel, and whether the user sent it
(out) or received it (in). Automated mail never counts; nor does mail that names neither
the user as sender nor as a recipient's peer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from followthru.domain.fields import email_key, url_key
from followthru.domain.names import fold

# Senders no person answers: no-reply addresses and the usual robots.
_ROBOT = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer-daemon|postmaster|bounces?|notifications?)"
    r"([-+_.].*)?@",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Party:
    """Someone on a message: an e-mail address, a profile URL, or only a name."""

    name: str = ""
    email: str = ""
    profile: str = ""

    @property
    def key(self) -> str:
        """How a correspondent is told apart and found again: the strongest identity."""
        if self.email:
            return f"email:{email_key(self.email)}"
        if self.profile:
            return f"profile:{url_key(self.profile)}"
        return f"name:{fold(self.name)}"


@dataclass(frozen=True)
class Exchange:
    """One message or meeting; `key` is the same wherever it is read again."""

    key: str
    on: date
    channel: str  # email, meeting, linkedin
    sender: Party
    others: tuple[Party, ...]
    subject: str = ""
    automated: bool = False  # a mailing list, a newsletter, an auto-reply


@dataclass(frozen=True)
class Me:
    """The user's own identities, from the `user.emails` and `user.linkedin` settings."""

    emails: frozenset[str]
    profiles: frozenset[str]
    name: str = ""

    @classmethod
    def of(cls, emails: list[str], linkedin: str, name: str = "") -> Me:
        profile = url_key(linkedin) if linkedin.strip() else ""
        return cls(
            frozenset(email_key(e) for e in emails if e.strip()),
            frozenset({profile} if profile else set()),
            fold(name),
        )

    def owns(self, party: Party) -> bool:
        if party.email:
            return email_key(party.email) in self.emails
        if party.profile:
            return url_key(party.profile) in self.profiles
        return bool(self.name) and fold(party.name) == self.name


@dataclass(frozen=True)
class Sighting:
    """One exchange as it concerns one correspondent."""

    key: str
    party: Party
    on: date
    channel: str
    direction: str  # out: the user sent it (or organized the meeting); in: received
    subject: str


def is_robot(address: str) -> bool:
    return bool(_ROBOT.match(address.strip()))


def sightings(exchange: Exchange, me: Me) -> list[Sighting]:
    """Who this exchange was with, and which way it went; [] for automated mail."""
    if exchange.automated or (exchange.sender.email and is_robot(exchange.sender.email)):
        return []
    if me.owns(exchange.sender):
        direction = "out"
        parties = [p for p in exchange.others if not me.owns(p)]
    elif exchange.channel == "meeting" or any(me.owns(p) for p in exchange.others):
        direction = "in"
        parties = [exchange.sender]
        if exchange.channel == "meeting":  # everyone at a meeting was met, not only its host
            parties += [p for p in exchange.others if not me.owns(p)]
    else:
        return []  # neither from nor to the user: someone else's conversation
    unique = {p.key: p for p in parties if not (p.email and is_robot(p.email))}
    return [
        Sighting(exchange.key, party, exchange.on, exchange.channel, direction, exchange.subject)
        for party in unique.values()
    ]


def worth_suggesting(inbound: int, outbound: int, *, at_least: int = 3) -> bool:
    """A stranger is offered as a contact only after a real conversation: three messages
    or more, at least one each way (never a newsletter or an unanswered pitch)."""
    return inbound > 0 and outbound > 0 and inbound + outbound >= at_least
