"""What an import was asked to do and what it did: options in, a report out.

Every stage (read, match, write) adds to the same report, so `import --dry-run` and
`--json` show exactly what a real run would write — every merge with the key it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportOptions:
    layout: str = "auto"
    event: str | None = None
    pile: str | None = None
    tags: Sequence[str] = ()
    encoding: str | None = None
    mapping: dict[str, str] | None = None
    dry_run: bool = False
    strict: bool = False
    detect_promises: bool = False
    source: str | None = None  # how History names what was imported (an upload's own name)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class MergeNote:
    """A record that joined someone already known, and the strong key it rests on."""

    file: str
    line: int
    name: str  # the record's name
    into: str  # the person it joined
    into_id: int | None  # None: a person this same import creates
    key: str  # "same e-mail julia@example.com"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "name": self.name,
            "into": self.into,
            "into_id": self.into_id,
            "key": self.key,
        }

    def __str__(self) -> str:
        who = f"#{self.into_id} {self.into}" if self.into_id else self.into
        return f"{self.file}:{self.line}: {self.name} merged into {who}: {self.key}"


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # file -> reader used
    created: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    promises: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    merges: list[MergeNote] = field(default_factory=list)
    dry_run: bool = False
    change_id: int | None = None  # the journal entry: `followthru undo ID` takes it back

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "formats": self.formats,
            "created": self.created,
            "updated": self.updated,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "skipped": [s.as_json() for s in self.skipped],
            "warnings": [w.as_json() for w in self.warnings],
            "merges": [m.as_json() for m in self.merges],
            "promises": self.promises,
            "dry_run": self.dry_run,
            "change": self.change_id,
        }
