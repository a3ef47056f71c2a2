"""Every table to plain JSON values and back: the complete, exact backup.

Generic over the models, so a table added later is backed up without anyone remembering
to: each column is encoded by its type (dates as ISO text, instants as ISO text in UTC,
binary as base64) and restored with its original id, so touches, promises and notes keep
pointing at the right people.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Column, Date, LargeBinary, Table, func, insert, select, text
from sqlalchemy.orm import Session

from followthru.store.limits import limits
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


class Unusable(ValueError):
    """A backup that cannot be restored whole; the sentence names a table, a row number and
    a column, never a value (the values are the user's personal data)."""


def _required(column: Column[Any]) -> bool:
    """A column the row must give: NOT NULL, and nothing fills it in."""
    filled = column.default is not None or column.server_default is not None
    generated = column.primary_key and column.autoincrement in (True, "auto")
    return not column.nullable and not filled and not generated


def _python_type(column: Column[Any]) -> type | None:
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return None
    return kind if kind in (str, int, bool, float) else None


@dataclass(frozen=True)
class _Rule:
    """What a backup row's value for one column must be, worked out once per table."""

    name: str
    required: bool  # must be given, and not null
    nullable: bool
    kind: type | None  # the JSON kind it must have, when it has one
    limit: int | None  # the longest text it may hold


@cache
def _rules(table: Table) -> tuple[_Rule, ...]:
    bounded = limits(table)
    return tuple(
        _Rule(c.name, _required(c), bool(c.nullable), _python_type(c), bounded.get(c.name))
        for c in table.columns
    )


def _problem(rule: _Rule, value: Any, given: bool) -> str | None:
    if value is None:
        return f"has no {rule.name}" if rule.required or (given and not rule.nullable) else None
    if isinstance(value, datetime):
        return f"has a {rule.name} without a time zone" if value.utcoffset() is None else None
    kind = rule.kind
    if kind is not None and type(value) is not kind and not (kind is float and type(value) is int):
        return f"has a {rule.name} of the wrong kind"
    if rule.limit is not None and len(value) > rule.limit:
        return f"has a {rule.name} longer than {rule.limit} characters"
    return None


def _decode_checked(table: Table, number: int, row: object) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise Unusable(f"row {number} of {table.name} is not a record")
    try:
        clean = decode_row(table, row)
    except (TypeError, ValueError, AttributeError) as exc:
        raise Unusable(f"row {number} of {table.name} has a value that cannot be read") from exc
    for rule in _rules(table):
        problem = _problem(rule, clean.get(rule.name), rule.name in clean)
        if problem:
            raise Unusable(f"row {number} of {table.name} {problem}")
    return clean


def _unique_sets(table: Table) -> list[tuple[str, ...]]:
    keys = [tuple(c.name for c in table.primary_key.columns)]
    return keys + [(c.name,) for c in table.columns if c.unique]


def _check_unique(table: Table, rows: list[dict[str, Any]]) -> None:
    for key in _unique_sets(table):
        seen: set[tuple[Any, ...]] = set()
        for number, row in enumerate(rows, start=1):
            value = tuple(row.get(name) for name in key)
            if None in value:
                continue
            if value in seen:
                raise Unusable(
                    f"row {number} of {table.name} repeats the {', '.join(key)} of another row"
                )
            seen.add(value)


REFERENCED = {(fk.column.table.name, fk.column.name) for t in TABLES for fk in t.foreign_keys}
Held = dict[tuple[str, str], set[Any]]


def _check_references(table: Table, rows: list[dict[str, Any]], held: Held) -> None:
    """Every reference points at a row of the backup: it restores into an empty database."""
    for fk in table.foreign_keys:
        target = (fk.column.table.name, fk.column.name)
        for number, row in enumerate(rows, start=1):
            value = row.get(fk.parent.name)
            if value is not None and value not in held[target]:
                raise Unusable(
                    f"row {number} of {table.name} points at a row of {target[0]} "
                    "the backup does not hold"
                )


def validate(tables: object) -> dict[str, list[dict[str, Any]]]:
    """The backup's rows decoded and checked whole (kinds, required values, lengths,
    duplicates, references between rows) before anything is written; raises Unusable."""
    if not isinstance(tables, dict):
        raise Unusable("it has no tables")
    unknown = sorted(set(tables) - {t.name for t in TABLES})
    if unknown:
        raise Unusable(f"it has a table this version does not know ({unknown[0][:40]})")
    out: dict[str, list[dict[str, Any]]] = {}
    held: Held = {}
    for table in TABLES:  # parents before children, so references can be looked up
        raw = tables.get(table.name, [])
        if not isinstance(raw, list):
            raise Unusable(f"its {table.name} is not a list of rows")
        rows = [_decode_checked(table, n, row) for n, row in enumerate(raw, start=1)]
        _check_unique(table, rows)
        for key in REFERENCED:
            if key[0] == table.name:
                held[key] = {row.get(key[1]) for row in rows}
        _check_references(table, rows, held)
        out[table.name] = rows
    return out


def is_empty(session: Session) -> bool:
    return all(not session.scalar(select(func.count()).select_from(table)) for table in TABLES)


def restore(session: Session, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert every row, as `validate` decoded it; returns the row count per table."""
    for table in TABLES:
        clean = tables.get(table.name, [])
        if clean:
            session.execute(insert(table), clean)
    if session.get_bind().dialect.name == "postgresql":
        _reset_sequences(session)
    return counts(tables)


def counts(tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """The row count per table of a decoded backup: what a restore writes, or would."""
    return {table.name: len(tables.get(table.name, [])) for table in TABLES}


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
