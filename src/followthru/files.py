"""Files on the user's disk: finding the ones a command was given, writing safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from followthru.errors import BadInput

SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target: a reader
    sees the old file or the new one, never half of it. The file is the user's alone (0600)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise BadInput(f"Cannot write {path}: {exc.strerror}.", "Choose another place.") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BadInput(
                f"Cannot write {path}: {exc.strerror}.", "Choose another place."
            ) from exc
        raise


def sqlite_files(database: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it while it is open."""
    return [database.with_name(database.name + suffix) for suffix in SQLITE_COMPANIONS]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.exists() and a.samefile(b))
    except OSError:
        return False


def check_target(
    path: Path,
    *,
    protected: Sequence[Path] = (),
    force: bool = False,
    confirm: Callable[[str], bool] | None = None,
) -> None:
    """Refuse, before any work, a target that would lose something the user cares about:
    a file of the open database, a folder, or an existing file not meant to be replaced.

    `confirm` asks the user (on a terminal) whether an existing file may be replaced;
    without it, replacing needs `force`.
    """
    if path.is_dir():
        raise BadInput(f"{path} is a folder.", "Give the name of a file to write.")
    for kept in protected:
        if _same_file(path, kept):
            raise BadInput(
                f"{path} is a file of the open database; writing there would destroy it.",
                "Choose another file name.",
            )
    if not path.exists() or force:
        return
    if confirm is not None and confirm(f"{path} exists. Replace it?"):
        return
    raise BadInput(f"{path} already exists.", "Add --force to replace it, or choose another name.")


def collect(
    paths: Sequence[Path], suffixes: Collection[str]
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Each file named, and the files with these suffixes inside each folder (recursively),
    plus what could not be used: (path, "missing") or (folder, "empty")."""
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
            if not found:
                problems.append((path, "empty"))
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.append((path, "missing"))
    return files, problems
