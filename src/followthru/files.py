"""Files on the user's disk: finding the ones a command was given, writing safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
