"""A demo database: a realistic network to try every command on without typing a contact.

Why a separate file rather than the user's database: trying the tool must never touch
real data, and a demo that can be rebuilt at will can be wiped without a second thought.
The network comes from the seeded generator, so the same seed and day give the same demo.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followthru.demo.network import SyntheticNetwork, generate_network
from followthru.settings import data_dir, sqlite_url
from followthru.store.bulk import insert_network
from followthru.store.database import open_database

SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    contacts: int
    events: int
    touches: int
    notes: int
    promises: int
    piles: dict[str, int] = field(default_factory=dict)  # target, connector, general, untriaged
    open_promises: int = 0
    overdue_promises: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "contacts": self.contacts,
            "events": self.events,
            "touches": self.touches,
            "notes": self.notes,
            "promises": self.promises,
            "piles": dict(self.piles),
            "open_promises": self.open_promises,
            "overdue_promises": self.overdue_promises,
        }


def default_demo_path() -> Path:
    """Beside the real database, never instead of it."""
    return data_dir() / "demo.db"


def build_demo(path: Path, *, today: date, seed: int = 7, contacts: int = 150) -> DemoSummary:
    """(Re)build the demo database at `path`, replacing any file there.

    The database is written beside the target and renamed over it at the end, so a failure
    half-way leaves the previous demo as it was.
    """
    network = generate_network(today=today, seed=seed, contacts=contacts)
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    _remove_sqlite_file(building)
    database = open_database(sqlite_url(building))
    try:
        with database.write() as session:
            insert_network(session, network)
    finally:
        database.dispose()  # the last connection closing folds the WAL into the file
    _remove_sqlite_file(path)
    os.replace(building, path)
    return summarise(network, path)


def summarise(network: SyntheticNetwork, path: Path) -> DemoSummary:
    return DemoSummary(
        path=path,
        contacts=len(network.contacts),
        events=len(network.events),
        touches=len(network.touches),
        notes=len(network.notes),
        promises=len(network.promises),
        piles=network.pile_counts(),
        open_promises=network.open_promises(),
        overdue_promises=network.overdue_promises(),
    )


def _remove_sqlite_file(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_SIDE_FILES)):
        candidate.unlink(missing_ok=True)
