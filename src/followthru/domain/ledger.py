"""The give/ask ledger: has the user added value before asking?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from followthru.domain.vocab import VALUE_KINDS, Direction, TouchKind


@dataclass(frozen=True)
class LedgerEntry:
    on: date
    kind: TouchKind
    direction: Direction


@dataclass(frozen=True)
class Ledger:
    given: dict[str, int] = field(default_factory=dict)
    asks: int = 0
    last_given: date | None = None
    last_ask: date | None = None

    @property
    def given_total(self) -> int:
        return sum(self.given.values())

    @property
    def value_since_last_ask(self) -> bool:
        """True when something was given after the latest ask (or nothing was ever asked)."""
        if self.last_ask is None:
            return self.given_total > 0
        return self.last_given is not None and self.last_given >= self.last_ask

    @property
    def balance(self) -> int:
        return self.given_total - self.asks


def build_ledger(entries: Iterable[LedgerEntry]) -> Ledger:
    """Only what the user did counts: an inbound ask is the contact's, not ours."""
    given = {kind.value: 0 for kind in sorted(VALUE_KINDS)}
    asks = 0
    last_given: date | None = None
    last_ask: date | None = None
    for entry in entries:
        if entry.direction is not Direction.OUT:
            continue
        if entry.kind in VALUE_KINDS:
            given[entry.kind.value] += 1
            last_given = max(filter(None, (last_given, entry.on)))
        elif entry.kind is TouchKind.ASK:
            asks += 1
            last_ask = max(filter(None, (last_ask, entry.on)))
    return Ledger(given=given, asks=asks, last_given=last_given, last_ask=last_ask)
