"""The words of the method: piles, channels, kinds of touch, promise owners.

Each is a closed set; `parse_choice` turns user text into a member or a clear error
that lists what would have been accepted.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from followthru.errors import BadInput


class Pile(StrEnum):
    TARGET = "target"
    CONNECTOR = "connector"
    GENERAL = "general"


class Channel(StrEnum):
    EMAIL = "email"
    CALL = "call"
    MEETING = "meeting"
    MESSAGE = "message"
    LINKEDIN = "linkedin"
    IN_PERSON = "in-person"


class TouchKind(StrEnum):
    CHECKIN = "checkin"
    RECONNECT = "reconnect"
    CONTENT = "content"
    CONNECT = "connect"
    CONGRATULATE = "congratulate"
    ASK = "ask"
    ENGAGE = "engage"
    MEETING = "meeting"
    THANKS = "thanks"


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


class Owner(StrEnum):
    ME = "me"
    THEM = "them"
    BOTH = "both"


class PromiseStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class WeekItemStatus(StrEnum):
    """Where an item of the week's 12-4-1 plan stands; the values are what the database holds."""

    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"


# The three kinds of value action: what the user gives before asking.
VALUE_KINDS = frozenset({TouchKind.CONTENT, TouchKind.CONNECT, TouchKind.CONGRATULATE})

E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], raw: str, what: str) -> E:
    """Accept a member by value, case-insensitively, with `_` and `-` treated alike."""
    wanted = raw.strip().lower().replace("_", "-")
    for member in enum:
        if member.value == wanted or member.value.replace("-", "") == wanted.replace("-", ""):
            return member
    choices = ", ".join(m.value for m in enum)
    raise BadInput(f"Unknown {what} {raw!r}.", f"Choose one of: {choices}.")
