"""Build a synthetic network of any size into a database, and time it.

    python bench/make_network.py --contacts 10000 --touches-per-contact 20 --out bench/out/net10k.db
    python bench/make_network.py --contacts 100000 --url postgresql://user@host/bench --fresh

The same seeded generator and bulk writer as `followthru demo`, so benchmark databases are
reproducible: same --seed, --today and sizes give the same rows.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import text

from followthru.demo.network import generate_network
from followthru.settings import sqlite_url
from followthru.store.bulk import insert_network
from followthru.store.database import Database, open_database
from followthru.store.models import Base

OUT_DIR = Path(__file__).resolve().parent / "out"


@dataclass(frozen=True)
class BuildReport:
    url: str
    contacts: int
    events: int
    touches: int
    notes: int
    promises: int
    generate_seconds: float
    insert_seconds: float

    @property
    def total_seconds(self) -> float:
        return self.generate_seconds + self.insert_seconds

    @property
    def rows(self) -> int:
        return self.contacts + self.events + self.touches + self.notes + self.promises


def default_out(contacts: int) -> Path:
    label = f"{contacts // 1000}k" if contacts % 1000 == 0 and contacts else str(contacts)
    return OUT_DIR / f"net{label}.db"


def build_network_db(
    target: str,
    *,
    contacts: int,
    touches_per_contact: float = 20.0,
    seed: int = 7,
    today: date | None = None,
    fresh: bool = False,
) -> BuildReport:
    """Generate and write a network; `target` is a file path (replaced) or a database URL."""
    today = today or date.today()
    url = target if "://" in target else _fresh_sqlite(Path(target))
    if "://" in target and fresh:
        _drop_everything(url)
    started = time.perf_counter()
    network = generate_network(
        today=today, seed=seed, contacts=contacts, touches_per_contact=touches_per_contact
    )
    generated = time.perf_counter()
    database = open_database(url)
    try:
        with database.write() as session:
            insert_network(session, network)
    finally:
        database.dispose()
    return BuildReport(
        url=database.display_url(),
        contacts=len(network.contacts),
        events=len(network.events),
        touches=len(network.touches),
        notes=len(network.notes),
        promises=len(network.promises),
        generate_seconds=generated - started,
        insert_seconds=time.perf_counter() - generated,
    )


def _fresh_sqlite(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return sqlite_url(path)


def _drop_everything(url: str) -> None:
    """Empty a server database of followthru's tables so the network can be written anew."""
    database = Database(url)
    try:
        with database.engine.begin() as conn:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        database.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--touches-per-contact", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, help="SQLite file to (re)create")
    where.add_argument("--url", help="database URL, e.g. postgresql://user@host/dbname")
    parser.add_argument(
        "--fresh", action="store_true", help="with --url: drop followthru's tables first"
    )
    args = parser.parse_args(argv)
    target = args.url or str(args.out or default_out(args.contacts))
    try:
        report = build_network_db(
            target,
            contacts=args.contacts,
            touches_per_contact=args.touches_per_contact,
            seed=args.seed,
            today=args.today,
            fresh=args.fresh,
        )
    except Exception as exc:  # a benchmark script: say what failed, in one line
        print(f"make_network: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    _print(report)
    return 0


def _print(r: BuildReport) -> None:
    print(f"database   {r.url}")
    print(
        f"rows       {r.contacts:,} contacts, {r.events:,} events, {r.touches:,} touches, "
        f"{r.notes:,} notes, {r.promises:,} promises"
    )
    print(f"generate   {r.generate_seconds:8.2f} s")
    print(f"insert     {r.insert_seconds:8.2f} s  ({r.rows / r.insert_seconds:,.0f} rows/s)")
    print(f"total      {r.total_seconds:8.2f} s")


if __name__ == "__main__":
    sys.exit(main())
