"""One hierarchy of user-facing errors.

Every interface (CLI, web) translates these in exactly one place, so a service can raise
a sentence a person understands, with a hint for what to do next, and an exit code.
"""

from __future__ import annotations

from collections.abc import Sequence


class FollowthruError(Exception):
    """Something the user can act on; never shown with a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class BadInput(FollowthruError):
    """The user gave a value we cannot use (a date, a phone, a pile …)."""

    exit_code = 2


class ContactNotFound(BadInput):
    def __init__(self, ref: str, suggestions: Sequence[str] = ()) -> None:
        self.suggestions = list(suggestions)
        guess = ""
        if self.suggestions:
            names = [repr(s) for s in self.suggestions]
            listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
            guess = f" Did you mean {listed}?"
        super().__init__(
            f"No contact matches {ref!r}.{guess}",
            "Try `followthru list --search TEXT` to find the name, or use an e-mail or #ID.",
        )


class AmbiguousContact(BadInput):
    def __init__(self, ref: str, candidates: Sequence[str]) -> None:
        shown = "\n".join(f"  {c}" for c in candidates[:10])
        more = f"\n  … and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(
            f"{ref!r} matches {len(candidates)} contacts:\n{shown}{more}",
            "Use more of the name, an e-mail address, or the #ID shown above.",
        )


class EventNotFound(BadInput):
    def __init__(self, ref: str) -> None:
        super().__init__(
            f"No event matches {ref!r}.",
            "See `followthru event list`, or create it with `followthru event add NAME --date DATE`.",
        )


class AmbiguousEvent(BadInput):
    def __init__(self, ref: str, candidates: Sequence[str]) -> None:
        super().__init__(
            f"{ref!r} matches several events: {', '.join(candidates)}.",
            "Use more of the event's name.",
        )


class PromiseNotFound(BadInput):
    def __init__(self, promise_id: int) -> None:
        super().__init__(
            f"There is no promise #{promise_id}.",
            "`followthru promises --all` lists every promise with its ID.",
        )


class ConfigError(BadInput):
    """A setting in the config file or the environment has a value we cannot use."""


class DatabaseError(FollowthruError):
    """The database cannot be opened or is from an incompatible version."""


class NotADatabase(DatabaseError):
    """The file given as the database is something else: the user named the wrong file, so
    it is bad input (exit 2) and no server is involved."""

    exit_code = 2


class FieldTooLong(BadInput):
    """A value longer than its column holds: refused the same way on SQLite (which would
    store it) and PostgreSQL (which would fail mid-transaction)."""

    def __init__(self, field: str, limit: int) -> None:
        super().__init__(
            f"The {field} is longer than {limit} characters.", "Shorten it and try again."
        )
        self.field = field


class Refused(BadInput):
    """The database refused a change (a constraint); the sentence names the field."""


class ServerError(FollowthruError):
    """An outside server (IMAP, CalDAV) that cannot be reached or refuses us."""


class DeliveryError(FollowthruError):
    """A mail server or notification service refused or could not be reached."""
