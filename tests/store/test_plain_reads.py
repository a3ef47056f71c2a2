"""The quick read path (store/plain.py) answers exactly as the SQLAlchemy path does, and
steps aside whenever it cannot be trusted with a database."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Cli
from followthru.demo.network import generate_network
from followthru.services import contacts, plain_reads
from followthru.services.runtime import Context
from followthru.settings import Settings, sqlite_url
from followthru.store.bulk import insert_network
from followthru.store.database import open_database

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def network_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Context]]:
    """400 generated people, a few archived: more than a page, with every kind of detail."""
    path = tmp_path_factory.mktemp("plain") / "net.db"
    database = open_database(sqlite_url(path))
    with database.write() as session:
        insert_network(session, generate_network(today=TODAY, seed=3, contacts=400))
    with database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE contacts SET archived = 1 WHERE id % 17 = 0")
    with database.engine.connect() as conn:  # all in the main file: copies take it all
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    defaults = Settings.load(path.with_name("absent.toml"), env={})  # `show` reads cadences
    yield str(path), Context(settings=defaults, db=database)
    database.dispose()


def _full(ctx: Context, **query: Any) -> list[dict[str, Any]]:
    rows = contacts.listing(ctx, contacts.ListQuery(**query), today=TODAY)
    return [r.as_json() for r in rows]


def _plain(path: str, **query: Any) -> list[dict[str, Any]] | None:
    """The quick path's objects, the same whether made from summaries or straight from rows
    (as `list --json` makes them)."""
    chosen = {
        "pile": query.get("pile"),
        "search": query.get("search"),
        "include_archived": query.get("include_archived", False),
    }
    rows = plain_reads.listing(path, **chosen)
    straight = plain_reads.listing_json(path, **chosen)
    as_json = None if rows is None else [r.as_json() for r in rows]
    assert (None if straight is None else list(straight)) == as_json
    return as_json


@settings(max_examples=60, deadline=None)
@given(
    search=st.none() | st.text(alphabet="aeinorstlmcé%_\\@. -Ö", max_size=4),
    pile=st.sampled_from([None, "target", "connector", "general", "untriaged", "Target"]),
    include_archived=st.booleans(),
)
def test_the_same_people_in_the_same_order_as_the_full_path(
    network_db: tuple[str, Context], search: str | None, pile: str | None, include_archived: bool
) -> None:
    path, ctx = network_db
    query = {"search": search, "pile": pile, "include_archived": include_archived}
    assert _plain(path, **query) == _full(ctx, **query)


def test_everyone_with_their_details(network_db: tuple[str, Context]) -> None:
    path, ctx = network_db
    everyone = _plain(path)
    assert everyone is not None and len(everyone) == 400 - 400 // 17
    assert everyone == _full(ctx)
    assert any(p["emails"] and p["phones"] and p["tags"] and p["events"] for p in everyone)


@pytest.mark.parametrize("pile", ["target", "untriaged"])
def test_a_few_read_their_details_as_everyone_does(
    network_db: tuple[str, Context], pile: str
) -> None:
    """Under half of everyone, the details are looked up by id rather than read whole."""
    path, ctx = network_db
    few = _plain(path, pile=pile, include_archived=True)
    assert few is not None and 0 < 2 * len(few) < 400
    assert few == _full(ctx, pile=pile, include_archived=True)


def test_a_bad_pile_is_the_same_user_error() -> None:
    from followthru.errors import BadInput

    with pytest.raises(BadInput, match="Unknown pile"):
        plain_reads.pile_filter("vip")


def _copy(source: str, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.db"
    shutil.copy(source, copy)
    os.chmod(copy, 0o600)
    return copy


def test_steps_aside_for_another_schema(network_db: tuple[str, Context], tmp_path: Path) -> None:
    copy = _copy(network_db[0], tmp_path)
    assert _plain(str(copy)) is not None
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert _plain(str(copy)) is None  # the full path migrates it first


def test_steps_aside_for_a_file_others_can_read(
    network_db: tuple[str, Context], tmp_path: Path
) -> None:
    copy = _copy(network_db[0], tmp_path)
    os.chmod(copy, 0o644)
    assert _plain(str(copy)) is None  # the full path warns about it


def test_steps_aside_for_a_server_or_a_missing_file(tmp_path: Path) -> None:
    assert _plain("postgresql://someone@127.0.0.1/none") is None
    assert _plain(str(tmp_path / "nothing-here.db")) is None
    assert not (tmp_path / "nothing-here.db").exists()  # never created by the quick path


@pytest.mark.parametrize("count", [0, 1, 499, 500, 1001])
def test_streamed_json_is_byte_for_byte_the_whole_array(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followthru.cli import output

    items = [{"id": i, "name": f"Zoë {i}", "tags": ["a", "b"][: i % 3]} for i in range(count)]
    sink = io.StringIO()
    monkeypatch.setattr("sys.stdout", sink)
    output.stream_json(iter(items))
    assert sink.getvalue() == json.dumps(items, ensure_ascii=False) + "\n"


def test_a_long_list_prints_as_plain_aligned_lines(
    network_db: tuple[str, Context], config_file: Path
) -> None:
    from typer.testing import CliRunner

    from followthru.cli import output

    assert output.RICH_ROWS < 400 - 400 // 17
    result = Cli(sqlite_url(Path(network_db[0])), CliRunner()).ok("list")
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "#",
        "Name",
        "Company",
        "Title",
        "Pile",
        "Last",
        "touch",
        "Promises",
    ]
    assert len(lines) == 1 + (400 - 400 // 17) + 1
    assert lines[-1] == f"{400 - 400 // 17} contacts"


@settings(max_examples=30, deadline=None)
@given(
    search=st.none() | st.text(alphabet="aeinorstlm%_ ", max_size=3),
    offset=st.integers(min_value=0, max_value=420),
    limit=st.integers(min_value=1, max_value=60),
)
def test_a_page_is_a_slice_of_the_listing_and_knows_its_total(
    network_db: tuple[str, Context], search: str | None, offset: int, limit: int
) -> None:
    """The search's page and count come from one windowed query; the rest from two."""
    _, ctx = network_db
    query = contacts.ListQuery(search=search)
    everyone = [r.as_json() for r in contacts.listing(ctx, query, today=TODAY)]
    page = contacts.page(ctx, query, today=TODAY, limit=limit, offset=offset)
    assert page.total == len(everyone)
    assert [p.as_json() for p in page.people] == everyone[offset : offset + limit]


def test_a_searched_page_counts_its_total_on_every_database(ctx: Context) -> None:
    """The window count is standard SQL: the same page and total on SQLite and PostgreSQL,
    and past the end the total is still known."""
    for name in ("Ana Smith", "Bo Smithers", "Cy Jones"):
        contacts.add(ctx, contacts.NewContact(name=name), today=TODAY)
    query = contacts.ListQuery(search="smith")
    first = contacts.page(ctx, query, today=TODAY, limit=1, offset=0)
    assert (first.total, [p.name for p in first.people]) == (2, ["Ana Smith"])
    assert first.has_next
    beyond = contacts.page(ctx, query, today=TODAY, limit=1, offset=5)
    assert (beyond.total, beyond.people) == (2, [])


def _people(path: str) -> list[tuple[int, str, str | None, bool]]:
    """(id, name, first e-mail, archived) of everyone in the file."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT c.id, c.name, min(e.address), c.archived FROM contacts AS c"
            " LEFT JOIN contact_emails AS e ON e.contact_id = c.id GROUP BY c.id ORDER BY c.id"
        ).fetchall()


def _refs(path: str) -> st.SearchStrategy[str]:
    """What a person types to name someone: a name, a word of it, an e-mail, #ID, or noise."""
    people = _people(path)
    names = st.sampled_from([name for _, name, _, _ in people])
    return st.one_of(
        names,
        names.map(lambda n: n.split()[-1][:4].upper()),
        names.map(lambda n: f"  {n.lower()} "),
        st.sampled_from([f"#{i}" for i, *_ in people] + ["#0", "#99999999999999999999"]),
        st.sampled_from([e for _, _, e, _ in people if e] + ["nobody@example.org"]),
        st.text(alphabet="aeinorstlmé%_\\ @#1", max_size=4),
    )


def _shown(ctx: Context, ref: str) -> dict[str, Any] | str:
    """The full path's page for `ref`, or the message it answers with."""
    from followthru.errors import FollowthruError
    from followthru.services import contact_detail

    try:
        return contact_detail.show(ctx, ref, today=TODAY).as_json()
    except FollowthruError as error:
        return str(error)


def test_show_reads_the_same_page_as_the_full_path(network_db: tuple[str, Context]) -> None:
    path, ctx = network_db

    @settings(max_examples=150, deadline=None)
    @given(ref=_refs(path))
    def same(ref: str) -> None:
        quick = plain_reads.show(path, ref, settings=ctx.settings, today=TODAY)
        if quick is not None:
            assert quick.as_json() == _shown(ctx, ref)

    same()


def test_show_answers_for_everyone_named_in_full(network_db: tuple[str, Context]) -> None:
    """Unique active names, ids and e-mails are the everyday case: the quick path takes them."""
    path, ctx = network_db
    people = _people(path)
    names = [n for _, n, _, _ in people]
    for cid, name, email, archived in people:
        refs = [f"#{cid}"] + ([email] if email else [])
        refs += [name] if not archived and names.count(name) == 1 else []
        for ref in refs:
            quick = plain_reads.show(path, ref, settings=ctx.settings, today=TODAY)
            assert quick is not None and quick.summary.id == cid, ref


def test_show_leaves_an_unclear_name_to_the_full_path(network_db: tuple[str, Context]) -> None:
    path, ctx = network_db
    archived = next(name for _, name, _, gone in _people(path) if gone)
    for ref in ("", "   ", "a", "Zzyzx Nobody", archived):
        assert plain_reads.show(path, ref, settings=ctx.settings, today=TODAY) is None


def _enrich(path: Path, cid: int) -> None:
    """Give one person every kind of kept field, and a touch shared with someone else."""
    with sqlite3.connect(path) as conn:
        conn.executescript(
            f"""INSERT INTO contact_urls (contact_id, url, url_key, position)
            VALUES ({cid}, 'https://b.example', 'b.example', 1),
                   ({cid}, 'https://a.example', 'a.example', 0);
            INSERT INTO contact_addresses (contact_id, text, position) VALUES ({cid}, 'Main St 1', 0);
            INSERT INTO contact_extras (contact_id, line, position) VALUES ({cid}, 'X-A:1', 0);
            INSERT INTO contact_photos (contact_id, media_type, data) VALUES ({cid}, 'image/png', x'00');
            UPDATE contacts SET birthday = '--03-04', cadence_days = 0 WHERE id = {cid};
            UPDATE touches SET with_contact_id = 2, count = 3 WHERE contact_id = {cid};"""
        )


def _both_paths(source: str, tmp_path: Path, enrich: int | None = None) -> tuple[Cli, Cli]:
    """The CLI on a private copy (the quick path reads it) and on a copy others can read
    (the full path reads it, as the quick one steps aside); `enrich` names a person
    given every kind of detail in both."""
    from typer.testing import CliRunner

    quick_file = _copy(source, tmp_path)
    full_file = tmp_path / "shared.db"
    shutil.copy(quick_file, full_file)
    os.chmod(full_file, 0o644)
    for copy in (quick_file, full_file) if enrich is not None else ():
        _enrich(copy, enrich)
    return Cli(sqlite_url(quick_file), CliRunner()), Cli(sqlite_url(full_file), CliRunner())


def test_show_prints_the_same_bytes_as_the_full_path(
    network_db: tuple[str, Context],
    tmp_path: Path,
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same page on a terminal and in JSON, whichever path read it; the private copy is
    read by the quick path alone (the full one would fail), the shared one by the full path."""
    quick, full = _both_paths(network_db[0], tmp_path, enrich=5)
    people = _people(network_db[0])
    names = [n for _, n, _, _ in people]
    refs = ["#5", "#1"] + [n for _, n, _, gone in people[:40] if not gone and names.count(n) == 1]
    flags: list[tuple[str, ...]] = [(), ("--json",)]
    expected = {(ref, j): full.ok("show", ref, *j).stdout for ref in refs for j in flags}
    monkeypatch.setattr("followthru.services.contact_detail.show", None)
    for (ref, as_json), page in expected.items():
        assert quick.ok("show", ref, *as_json).stdout == page


@pytest.mark.parametrize("include_closed", [False, True])
def test_promises_are_the_same_list_as_the_full_path(
    network_db: tuple[str, Context], include_closed: bool
) -> None:
    from followthru.services import promises

    path, ctx = network_db
    quick = plain_reads.promises(path, include_closed=include_closed, today=TODAY)
    full = promises.listing(ctx, today=TODAY, include_closed=include_closed)
    assert quick is not None and len(quick) > 10
    assert {p.status for p in quick} == (
        {"open", "done", "dropped"} if include_closed else {"open"}
    )
    assert [p.as_json() for p in quick] == [p.as_json() for p in full]


_TODAY = ("--today", TODAY.isoformat())


@pytest.mark.parametrize(
    ("command", "flags", "full_path"),
    [
        (
            "list",
            [
                _TODAY,
                ("--json",),
                ("--json", "--archived"),
                ("--json", "--pile", "connector"),
                ("--json", "-s", "an"),
                ("-s", "an", *_TODAY),
            ],
            "followthru.services.contacts.listing",
        ),
        (
            "promises",
            [(), ("--all",), ("--json",), ("--all", "--json")],
            "followthru.services.promises.listing",
        ),
    ],
)
def test_lists_print_the_same_bytes_as_the_full_path(
    network_db: tuple[str, Context],
    tmp_path: Path,
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    flags: list[tuple[str, ...]],
    full_path: str,
) -> None:
    """Each flag's page, whichever path read it: once the full path's function is taken
    away, the quick path alone reads the private copy. The collector runs again after."""
    import gc

    quick, full = _both_paths(network_db[0], tmp_path)
    expected = {flag: full.ok(command, *flag).stdout for flag in flags}
    monkeypatch.setattr(full_path, None)
    for flag, page in expected.items():
        assert quick.ok(command, *flag).stdout == page
    assert gc.isenabled()


def test_many_promises_print_as_plain_aligned_lines(
    network_db: tuple[str, Context], config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from followthru.cli import output

    cli = Cli(sqlite_url(Path(network_db[0])), CliRunner())
    rows = cli.json("promises", "--all")
    monkeypatch.setattr(output, "RICH_ROWS", 5)
    lines = cli.ok("promises", "--all").stdout.splitlines()
    assert len(rows) > 5 and len(lines) == 1 + len(rows) + 1
    assert lines[0].split() == ["#", "Who", "Owner", "What", "Due", "Status"]
    assert lines[1].startswith(f"{rows[0]['id']} ") and rows[0]["contact"] in lines[1]
    assert lines[-1] == f"{len(rows)} promises"
