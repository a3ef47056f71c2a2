"""Every table to plain JSON values and back: the complete, exact backup.

Generic over the models, so a table added later is backed up without anyone remembering
to: each column is encoded by its type (dates as ISO text, instants as ISO text in UTC,
binary as base64) and restored with its original id, so touches, promises and notes keep
pointing at the right people.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date, LargeBinary, Table, func, insert, select, text
from sqlalchemy.orm import Session

from followthru.store.models import Base
from followthru.store.types import UTCDateTime

TABLES = list(Base.metadata.sorted_tables)


def _encoder(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return lambda v: v.isoformat()
    if isinstance(kind, Date):
        return lambda v: v.isoformat()
    if isinstance(kind, LargeBinary):
        return lambda v: base64.b64encode(v).decode("ascii")
    return lambda v: v


def _decoder(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, LargeBinary):
        return base64.b64decode
    return lambda v: v


@cache
def _encoders(table: Table) -> dict[str, Any]:
    return {c.name: _encoder(c) for c in table.columns}


@cache
def _decoders(table: Table) -> dict[str, Any]:
    return {c.name: _decoder(c) for c in table.columns}


def encode_row(table: Table, row: Mapping[Any, Any]) -> dict[str, Any]:
    """One row as plain JSON values (the backup's, and a merge snapshot's, row format)."""
    encoders = _encoders(table)
    return {k: (encoders[k](v) if v is not None else None) for k, v in row.items()}


def decode_row(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """Back to column values; keys that are not columns of `table` are left out."""
    decoders = _decoders(table)
    return {k: (decoders[k](v) if v is not None else None) for k, v in row.items() if k in decoders}


def dump(session: Session) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        order = list(table.primary_key.columns)
        rows = session.execute(select(table).order_by(*order)).mappings()
        out[table.name] = [encode_row(table, row) for row in rows]
    return out


def is_empty(session: Session) -> bool:
    return all(not session.scalar(select(func.count()).select_from(table)) for table in TABLES)


def restore(session: Session, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert every row as it was; returns the row count per table."""
    counts: dict[str, int] = {}
    for table in TABLES:
        clean = [decode_row(table, row) for row in tables.get(table.name, [])]
        if clean:
            session.execute(insert(table), clean)
        counts[table.name] = len(clean)
    if session.get_bind().dialect.name == "postgresql":
        _reset_sequences(session)
    return counts


def _reset_sequences(session: Session) -> None:
    """Rows came with their ids: move each id sequence past them, or the next insert clashes."""
    for table in TABLES:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
            )
        )
