"""A hostile-input corpus, made here from real files: truncations, byte flips,
re-encodings, nesting and huge fields, through every importer. Each ends in exit 2 with
the database unchanged, or exit 0 with whole records only (what the report says was
created is what the database gained); never a traceback."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHARED, TODAY
from followthru.store.models import Base

# A corpus of damaged files through every importer.
pytestmark = pytest.mark.slow

SEEDS = {
    "vcard": "vcard/ezvcard__rfc6350-example.vcf",
    "vcard-many": "vcard/nodevcf__multiple.vcf",
    "linkedin": "csv/synthetic__linkedin_connections.csv",
    "google": "csv/synthetic__google_contacts.csv",
    "outlook": "csv/synthetic__outlook_contacts.csv",
    "csv": "csv/thunderbird__basic_addressbook.csv",
}
HUGE = 1024 * 1024


def _truncations(data: bytes) -> Iterator[bytes]:
    for cut in (len(data) // 3, 2 * len(data) // 3, len(data) - 1):
        yield data[:cut]


def _flips(data: bytes, rng: random.Random) -> Iterator[bytes]:
    for _ in range(3):
        mutated = bytearray(data)
        for _ in range(max(1, len(data) // 200)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        yield bytes(mutated)


def _encodings(data: bytes) -> Iterator[bytes]:
    text = data.decode("utf-8", errors="replace")
    yield text.encode("utf-16")
    yield text.encode("latin-1", errors="replace")
    yield b"\xef\xbb\xbf" + data + b"\x00" * 64


def _nesting(kind: str) -> bytes:
    if kind.startswith("vcard"):
        return b"BEGIN:VCARD\r\nVERSION:3.0\r\n" * 5000 + b"FN:Deep\r\n" + b"END:VCARD\r\n" * 5000
    return b'Name,E-mail\r\n"' + b'""' * 50_000 + b'",a@example.com\r\n'


def _huge(kind: str, data: bytes) -> bytes:
    if kind.startswith("vcard"):
        return data.replace(b"FN:", b"FN:" + b"A" * HUGE, 1)
    first, _, rest = data.partition(b"\n")
    return first + b"\n" + b"B" * HUGE + rest


def corpus(kind: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(f"{kind}-16")
    yield from ((f"truncated-{i}", d) for i, d in enumerate(_truncations(data)))
    yield from ((f"flipped-{i}", d) for i, d in enumerate(_flips(data, rng)))
    yield from ((f"encoded-{i}", d) for i, d in enumerate(_encodings(data)))
    yield "nested", _nesting(kind)
    yield "huge", _huge(kind, data)


def fingerprint(db: Path) -> dict[str, int]:
    """Rows per table: enough to see a half-written import."""
    with sqlite3.connect(db) as conn:
        return {
            t.name: conn.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
            for t in Base.metadata.sorted_tables
        }


def invoke(db: Path, *args: str) -> object:
    from followthru.cli.main import app

    return CliRunner().invoke(app, ["--db", str(db), "--today", TODAY, *args])


def check(result: object, before: dict[str, int], after: dict[str, int], label: str) -> None:
    output = result.output  # type: ignore[attr-defined]
    code = result.exit_code  # type: ignore[attr-defined]
    assert code in (0, 2), f"{label}: exit {code}\n{output[:500]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), label  # type: ignore[attr-defined]
    assert "Traceback" not in output, label
    if code == 2:
        assert after == before, f"{label}: refused, yet the database changed"
        return
    report = json.loads(result.stdout)  # type: ignore[attr-defined]
    gained = after["contacts"] - before["contacts"]
    assert gained == report.get("created", gained), f"{label}: half an import"


@pytest.mark.parametrize("kind", SEEDS)
def test_every_importer_survives_the_corpus(
    kind: str, tmp_path: Path, sqlite_template: Path, config_file: Path
) -> None:
    seed = SHARED / "fixtures" / SEEDS[kind]
    if not seed.exists():
        pytest.skip(f"{seed} is not here")
    db = tmp_path / "hostile.db"
    shutil.copy(sqlite_template, db)
    invoke(db, "add", "Already Here", "--email", "here@example.com")
    layout = "auto" if kind.startswith("vcard") or kind == "csv" else kind
    suffix = seed.suffix
    for label, data in corpus(kind, seed.read_bytes()):
        path = tmp_path / f"{label}{suffix}"
        path.write_bytes(data)
        before = fingerprint(db)
        result = invoke(db, "import", str(path), "--format", layout, "--json")
        check(result, before, fingerprint(db), f"{kind}/{label}")


def test_the_restore_survives_the_corpus(
    tmp_path: Path, sqlite_template: Path, config_file: Path
) -> None:
    source = tmp_path / "source.db"
    shutil.copy(sqlite_template, source)
    invoke(source, "add", "Ada Lovelace", "--email", "ada@example.com", "--tag", "x" * 90)
    invoke(source, "note", "Ada Lovelace", "I will send her the deck by Friday")
    backup = invoke(source, "export", "--format", "json").stdout  # type: ignore[attr-defined]
    mutations: list[tuple[str, Callable[[], bytes]]] = [
        (label, lambda d=data: d) for label, data in corpus("json", backup.encode())
    ]
    mutations.append(("array-nesting", lambda: b"[" * 200_000 + b"]" * 200_000))
    for number, (label, make) in enumerate(mutations):
        db = tmp_path / f"restore-{number}.db"
        shutil.copy(sqlite_template, db)
        path = tmp_path / f"{label}.json"
        path.write_bytes(make())
        before = fingerprint(db)
        result = invoke(db, "import", "--format", "json", str(path), "--json")
        after = fingerprint(db)
        code = result.exit_code  # type: ignore[attr-defined]
        assert code in (0, 2) and "Traceback" not in result.output, label  # type: ignore[attr-defined]
        assert after == before if code == 2 else after == fingerprint(source), label
