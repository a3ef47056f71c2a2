"""Putting a JSON backup back: whole or not at all.

The file is read and checked completely — its structure, every row, the references
between rows and every setting — before anything is written. Then the rows are
committed with the settings held beside them, and only then is the config file replaced
(after a copy of the current one is kept beside it): a restore that fails or is killed
before its commit leaves the database empty and the config file as it was; one killed
after it leaves the settings held, and the next command writes them to the file. So a
restore never leaves a filled database with the old settings, or the reverse, for longer
than until the next command.
A damaged or hostile file is one sentence naming the problem, never a row of it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from followthru.errors import BadInput, ConfigError
from followthru.services.runtime import Context
from followthru.settings import config_path, parse_value, read_config_file, write_settings
from followthru.store import backup as store_backup
from followthru.store import pending
from followthru.store.database import head_revision

BACKUP_FORMAT = 1
MAX_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Change:
    """A setting the backup replaces: its value before (None: the default) and after."""

    name: str
    before: Any
    after: Any


@dataclass
class Restored:
    counts: dict[str, int]
    settings: list[Change] = field(default_factory=list)
    config_copy: Path | None = None
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "restored": self.counts,
            "settings": [
                {"name": c.name, "before": c.before, "after": c.after} for c in self.settings
            ],
            "config_copy": str(self.config_copy) if self.config_copy else None,
            **({"dry_run": True} if self.dry_run else {}),
        }


def _damaged(path: Path, reason: str) -> BadInput:
    return BadInput(
        f"{path.name} is not a usable followthru backup: {reason}.",
        "Nothing was changed. Restore from another copy of the backup.",
    )


def read_backup(path: Path) -> dict[str, Any]:
    """The backup's JSON, its format and schema checked; raises BadInput."""
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise BadInput(f"Cannot read {path}: {exc.strerror}.") from exc
    except RecursionError:
        raise _damaged(path, "it is nested too deeply") from None
    except ValueError:  # not JSON, not UTF-8: a picture or a truncated file
        raise _damaged(path, "it is not JSON") from None
    if not isinstance(data, dict) or data.get("followthru_backup") != BACKUP_FORMAT:
        raise _damaged(path, f"it is not a followthru backup (format {BACKUP_FORMAT})")
    if not isinstance(data.get("schema"), str):
        raise _damaged(path, "it does not say which schema wrote it")
    if data["schema"] > head_revision():
        raise BadInput(
            f"{path.name} was written by a newer followthru (schema {data['schema'][:8]}).",
            "Upgrade followthru, then restore.",
        )
    return data


def _settings(path: Path, config: object) -> dict[str, Any]:
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise _damaged(path, "its settings are not a table")
    try:
        return {
            str(k): parse_value(str(k), v, f"the backup {path.name}") for k, v in config.items()
        }
    except ConfigError as exc:
        raise BadInput(exc.message, "Nothing was changed. Fix the setting in the backup.") from None


def _changes(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> list[Change]:
    return [
        Change(name, current.get(name), value)
        for name, value in sorted(wanted.items())
        if current.get(name) != value
    ]


def _keep_copy(config: Path) -> Path | None:
    if not config.exists():
        return None
    copy = config.with_name(config.name + ".before-restore")
    shutil.copy2(config, copy)
    return copy


def restore(ctx: Context, path: Path, *, dry_run: bool = False) -> Restored:
    """Put a backup back, into an empty database only: merging two histories is not a restore.
    A dry run checks all of it, the database's emptiness included, and writes nothing."""
    data = read_backup(path)
    try:
        tables = store_backup.validate(data.get("tables"))
    except store_backup.Unusable as exc:
        raise _damaged(path, str(exc)) from None
    wanted = _settings(path, data.get("config"))
    config = config_path()
    result = Restored({}, _changes(read_config_file(config), wanted), dry_run=dry_run)
    if dry_run:
        with ctx.db.read() as session:
            _must_be_empty(session)
        result.counts = store_backup.counts(tables)
        return result
    with ctx.db.write() as session:
        _must_be_empty(session)
        result.counts = store_backup.restore(session, tables)
        if result.settings:
            result.config_copy = _keep_copy(config)  # the current file, still unchanged
            pending.hold_settings(session, data["config"])
    write_held_settings(ctx)
    return result


def _must_be_empty(session: Session) -> None:
    if not store_backup.is_empty(session):
        raise BadInput(
            "The database already holds people: a backup restores only into an empty one.",
            "Restore into a new file: followthru --db new.db import --format json FILE.",
        )


def write_held_settings(ctx: Context) -> bool:
    """Write to the config file the settings a restore committed with its rows, then drop
    them from the database. A restore killed between its commit and this is finished by
    the next command; writing the same settings twice is harmless. True when any were."""
    with ctx.db.read() as session:
        held = pending.held_settings(session)
    if not held:
        return False
    for _, config in held:
        write_settings(config_path(), _settings(Path("backup"), config))
    with ctx.db.write() as session:
        pending.release_settings(session, [held_id for held_id, _ in held])
    return True
