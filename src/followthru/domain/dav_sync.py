"""The two-way sync decision, by status (vdirsyncer's method): pure, no I/O, no clock.

Each side is listed as item -> version (a contact's content hash locally, an ETag on the
server). The status remembers, for every pair of items synced together, both versions as
they were at the end of the last sync. Comparing the two listings with it says what moved
on which side, without downloading anything: a sync where nothing moved costs one listing.

A pair whose local id is None is an item of the server followthru does not sync (a
contact group): it is remembered so it is never downloaded again, and never touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

T = TypeVar("T")


class Move(Enum):
    PUSH_NEW = "push new"  # a local item the server lacks: create it there
    PULL_NEW = "pull new"  # a server item never seen: create it locally
    PUSH = "push"  # changed locally only: update the server
    PULL = "pull"  # changed on the server (and maybe locally: merge): update locally
    DELETE_REMOTE = "delete remote"  # deleted locally, unchanged on the server
    DELETE_LOCAL = "delete local"  # deleted on the server, unchanged locally
    FORGET = "forget"  # gone on both sides: drop the status row


@dataclass(frozen=True)
class Pair:
    """One status row: what both sides held at the end of the last sync."""

    local_id: int | None
    href: str
    local_version: str
    etag: str


@dataclass(frozen=True)
class Action:
    move: Move
    local_id: int | None = None
    href: str | None = None


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    emptied: str | None = None  # "server" or "local" when one side lost every synced item

    def of(self, move: Move) -> list[Action]:
        return [a for a in self.actions if a.move is move]


def plan(
    status: Sequence[Pair],
    local: Mapping[int, str],
    remote: Mapping[str, str],
    *,
    force_delete: bool = False,
) -> Plan:
    """What to do so both sides agree. Deletions lose to changes (nothing is lost), and an
    emptied side is not mirrored unless `force_delete`: `emptied` says which side it was."""
    result = Plan(emptied=None if force_delete else _emptied(status, local, remote))
    if result.emptied:
        return result
    synced = [p for p in status if p.local_id is not None]
    paired_ids = {p.local_id for p in synced}
    known_hrefs = {p.href for p in status}
    for pair in status:
        if pair.local_id is None:
            if pair.href not in remote:
                result.actions.append(Action(Move.FORGET, None, pair.href))
            elif remote[pair.href] != pair.etag:
                result.actions.append(Action(Move.PULL_NEW, None, pair.href))
            continue
        move = _decide(pair, local.get(pair.local_id), remote.get(pair.href))
        if move is not None:
            result.actions.append(Action(move, pair.local_id, pair.href))
    result.actions += [Action(Move.PUSH_NEW, i, None) for i in sorted(local) if i not in paired_ids]
    result.actions += [
        Action(Move.PULL_NEW, None, h) for h in sorted(remote) if h not in known_hrefs
    ]
    return result


def _emptied(
    status: Sequence[Pair], local: Mapping[int, str], remote: Mapping[str, str]
) -> str | None:
    """The side that lost every item synced before, if one did."""
    synced = [p for p in status if p.local_id is not None]
    if synced and not any(p.href in remote for p in synced):
        return "server"
    if synced and not any(p.local_id in local for p in synced):
        return "local"
    return None


def _decide(pair: Pair, local: str | None, remote: str | None) -> Move | None:
    if local is None and remote is None:
        return Move.FORGET
    local_changed = local != pair.local_version
    remote_changed = remote != pair.etag
    if local is None:  # deleted here: mirror unless the server changed it meanwhile
        return Move.PULL if remote_changed else Move.DELETE_REMOTE
    if remote is None:
        return Move.PUSH_NEW if local_changed else Move.DELETE_LOCAL
    if remote_changed:
        return Move.PULL  # merged with the local change, if any, then pushed back
    return Move.PUSH if local_changed else None


def merge_fields(
    base: Mapping[str, T], local: Mapping[str, T], remote: Mapping[str, T]
) -> tuple[dict[str, T], list[str]]:
    """A three-way merge field by field: a field changed on one side only takes that side's
    value; changed on both to different values, the local one stays and the field is named
    among the conflicts (the caller keeps the remote value somewhere)."""
    merged: dict[str, T] = {}
    conflicts: list[str] = []
    for name in sorted({*base, *local, *remote}):
        mine, theirs, was = local.get(name), remote.get(name), base.get(name)
        if mine == theirs or theirs == was:
            value = mine
        elif mine == was:
            value = theirs
        else:
            value = mine
            conflicts.append(name)
        if value is not None:
            merged[name] = value
    return merged, conflicts
