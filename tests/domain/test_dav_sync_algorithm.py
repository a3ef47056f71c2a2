"""The pure two-way sync decision on two in-memory stores (vdirsyncer's property test):
random edits on both sides, then sync twice: both sides hold the same items, the second
sync moves nothing, and no edit made on either side is lost."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from followthru.domain.dav_sync import Move, Pair, merge_fields, plan

Item = dict[str, str]  # field -> value


@dataclass
class World:
    """A local store (id -> item), a server (href -> (etag, item)) and the status."""

    local: dict[int, Item] = field(default_factory=dict)
    remote: dict[str, tuple[str, Item]] = field(default_factory=dict)
    status: dict[str, Pair] = field(default_factory=dict)
    base: dict[str, Item] = field(default_factory=dict)
    counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def version(self, item: Item) -> str:
        return repr(sorted(item.items()))

    def put(self, href: str, item: Item) -> str:
        etag = f"e{next(self.counter)}"
        self.remote[href] = (etag, dict(item))
        return etag

    def pair(self, local_id: int, href: str, item: Item) -> None:
        self.status[href] = Pair(local_id, href, self.version(item), self.remote[href][0])
        self.base[href] = dict(item)

    def sync(self) -> int:
        """Apply one plan as the service does; the number of actions taken."""
        decided = plan(
            list(self.status.values()),
            {i: self.version(item) for i, item in self.local.items()},
            {h: etag for h, (etag, _) in self.remote.items()},
            force_delete=True,  # random edits may empty a side; the refusal is tested below
        )
        for action in decided.actions:
            self.apply(action.move, action.local_id, action.href)
        return len(decided.actions)

    def apply(self, move: Move, local_id: int | None, href: str | None) -> None:
        if move is Move.PUSH_NEW:
            assert local_id is not None
            if href is not None:
                self.status.pop(href)
            new = f"h{next(self.counter)}"
            self.put(new, self.local[local_id])
            self.pair(local_id, new, self.local[local_id])
        elif move is Move.PULL_NEW:
            assert href is not None
            new_id = next(self.counter)
            self.local[new_id] = dict(self.remote[href][1])
            self.pair(new_id, href, self.local[new_id])
        elif move is Move.PULL:
            assert href is not None and local_id is not None
            theirs = self.remote[href][1]
            if local_id not in self.local:
                self.local[local_id] = dict(theirs)
            else:
                merged, _ = merge_fields(self.base[href], self.local[local_id], theirs)
                self.local[local_id] = merged
                if merged != theirs:
                    self.put(href, merged)
            self.pair(local_id, href, self.local[local_id])
        elif move is Move.PUSH:
            assert href is not None and local_id is not None
            self.put(href, self.local[local_id])
            self.pair(local_id, href, self.local[local_id])
        elif move is Move.DELETE_REMOTE:
            assert href is not None
            del self.remote[href]
            del self.status[href]
        elif move is Move.DELETE_LOCAL:
            assert href is not None and local_id is not None
            del self.local[local_id]
            del self.status[href]
        else:
            assert href is not None
            del self.status[href]


values = st.sampled_from(["a", "b", "c"])
fields = st.sampled_from(["name", "phone", "email"])
edit = st.tuples(
    st.sampled_from(["local", "remote"]),
    st.sampled_from(["create", "change", "delete"]),
    st.integers(0, 20),
    fields,
    values,
)


Edits = dict[tuple[str, object, str], str]  # (side, item, field) -> value last written


def _edit(world: World, edits: Edits, step: tuple[str, str, int, str, str]) -> None:
    """Make one edit, remembering what it wrote (a deletion forgets the item's edits)."""
    side, kind, pick, name, value = step
    keys: list[object] = list(sorted(world.local) if side == "local" else sorted(world.remote))
    if kind == "create" or not keys:
        key: object = next(world.counter)
        if side == "local":
            world.local[key] = {name: value}  # type: ignore[index]
        else:
            key = f"h{key}"
            world.put(str(key), {name: value})
    else:
        key = keys[pick % len(keys)]
        if kind == "delete":
            for k in [k for k in edits if k[:2] == (side, key)]:
                del edits[k]
            world.local.pop(key) if side == "local" else world.remote.pop(key)  # type: ignore[call-overload]
            return
        current = world.local[key] if side == "local" else world.remote[str(key)][1]  # type: ignore[index]
        if current.get(name) == value:
            return  # no change: nothing to keep
        if side == "local":
            world.local[key][name] = value  # type: ignore[index]
        else:
            world.put(str(key), {**world.remote[str(key)][1], name: value})
    edits[(side, key, name)] = value


@settings(max_examples=300, deadline=None)
@given(st.lists(edit, max_size=12), st.lists(edit, max_size=12))
def test_two_syncs_make_both_sides_equal_and_lose_nothing(
    first: list[tuple[str, str, int, str, str]], second: list[tuple[str, str, int, str, str]]
) -> None:
    world = World()
    for step in first:
        _edit(world, {}, step)
    world.sync()
    world.sync()
    edits: Edits = {}
    for step in second:
        _edit(world, edits, step)
    synced = {p.local_id: p.local_version for p in world.status.values()}
    for side, key, name in list(edits):  # edited back to what was synced: no change at all
        if side == "local" and synced.get(key) == world.version(world.local[key]):  # type: ignore[arg-type,index]
            del edits[(side, key, name)]
    world.sync()
    assert world.sync() == 0, "a second sync moves nothing"
    local = sorted(world.version(i) for i in world.local.values())
    remote = sorted(world.version(i) for _, i in world.remote.values())
    assert local == remote
    assert len(world.status) == len(world.local)
    mine = {(key, name) for side, key, name in edits if side == "local"}
    for (side, key, name), value in edits.items():
        if side == "local":  # a local edit always survives: local wins a conflict
            assert world.local[key][name] == value  # type: ignore[index]
        elif not any(world.status[str(key)].local_id == k and n == name for k, n in mine):
            assert world.remote[str(key)][1][name] == value


def test_an_emptied_server_is_refused_unless_forced() -> None:
    status = [Pair(1, "a.vcf", "v1", "e1"), Pair(2, "b.vcf", "v2", "e2")]
    local = {1: "v1", 2: "v2"}
    assert plan(status, local, {}).emptied == "server"
    assert plan(status, {}, {"a.vcf": "e1", "b.vcf": "e2"}).emptied == "local"
    forced = plan(status, local, {}, force_delete=True)
    assert forced.emptied is None
    assert {a.move for a in forced.actions} == {Move.DELETE_LOCAL}


def test_a_noop_listing_decides_nothing() -> None:
    status = [Pair(1, "a.vcf", "v1", "e1"), Pair(None, "group.vcf", "", "g1")]
    assert plan(status, {1: "v1"}, {"a.vcf": "e1", "group.vcf": "g1"}).actions == []


def test_disjoint_changes_merge_and_overlapping_ones_keep_local() -> None:
    base = {"name": "Ann", "phone": "1", "email": "a@x.io"}
    merged, conflicts = merge_fields(
        base,
        {**base, "phone": "2", "email": "mine@x.io"},
        {**base, "name": "Ann Lee", "email": "theirs@x.io"},
    )
    assert merged == {"name": "Ann Lee", "phone": "2", "email": "mine@x.io"}
    assert conflicts == ["email"]
