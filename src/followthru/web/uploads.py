"""Uploaded contact files between the dry run and the confirmation.

The importer reads files by path, so an upload is kept in a private temporary folder
under a random id until the user confirms or it is replaced; the id in the confirm form
is the only way to name it, and the original file name is kept for the report only.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from fastapi import UploadFile

from followthru.errors import BadInput, FollowthruError
from followthru.services.importer import SUFFIXES, ImportOptions, ImportReport, import_files
from followthru.services.runtime import Context

MAX_BYTES = 50 * 1024 * 1024
KEEP_SECONDS = 3600
_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Upload:
    id: str
    name: str  # as the user's browser named it
    path: Path


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="followthru-uploads-"))


async def save(file: UploadFile) -> Upload:
    sweep()
    name = Path(file.filename or "upload").name
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        raise BadInput(
            f"{name} looks like a followthru backup: a backup restores only into an empty "
            "database, so it is not imported here.",
            "Upload a vCard (.vcf) or CSV file (LinkedIn, Google, Outlook).",
        )
    if suffix not in SUFFIXES:
        raise BadInput(
            f"{name} is not a contact file followthru reads.",
            "Upload a vCard (.vcf) or CSV file (LinkedIn, Google, Outlook).",
        )
    data = await file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise BadInput(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise BadInput(f"{name} is empty.", "Choose the exported file itself.")
    upload_id = secrets.token_urlsafe(18)
    folder = _folder() / upload_id
    folder.mkdir()
    path = folder / f"upload{suffix}"
    path.write_bytes(data)
    (folder / "name").write_text(name, encoding="utf-8")
    return Upload(upload_id, name, path)


def find(upload_id: str) -> Upload:
    sweep()
    folder = _folder() / upload_id
    files = sorted(folder.glob("upload.*")) if _ID.fullmatch(upload_id) else []
    if not files:
        raise BadInput(
            "That upload is no longer here (it was imported already, or the app restarted).",
            "Upload the file again.",
        )
    name = (folder / "name").read_text(encoding="utf-8")
    return Upload(upload_id, name, files[0])


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.path.parent, ignore_errors=True)


def sweep(now: float | None = None) -> None:
    """Previews nobody confirmed within KEEP_SECONDS are removed: an abandoned upload (a
    closed tab, a Cancel) does not stay on disk until the server stops."""
    if not _folder.cache_info().currsize:
        return
    oldest = (now if now is not None else time.time()) - KEEP_SECONDS
    for folder in _folder().iterdir():
        try:
            if folder.stat().st_mtime < oldest:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # removed by another request meanwhile
            continue


def discard_all() -> None:
    """When the app stops: previews never confirmed leave nothing behind."""
    if _folder.cache_info().currsize:
        shutil.rmtree(_folder(), ignore_errors=True)
        _folder.cache_clear()


def run(
    ctx: Context,
    upload: Upload,
    *,
    event: str | None,
    pile: str | None,
    today: date,
    dry_run: bool,
) -> ImportReport:
    options = ImportOptions(
        event=event or None, pile=pile or None, dry_run=dry_run, source=upload.name
    )
    try:
        return import_files(ctx, [upload.path], options, today=today)
    except FollowthruError as exc:
        discard(upload)  # a file that cannot be imported is not kept for a confirmation
        _for_the_browser(exc, upload)
        raise


def _for_the_browser(error: FollowthruError, upload: Upload) -> None:
    """The importer speaks to a command line: here the file is named as the browser named
    it (never its place on the server), and advice about options is replaced."""
    error.message = error.message.replace(str(upload.path), upload.name).replace(
        str(upload.path.parent), "the upload"
    )
    error.args = (error.message,)
    hint = error.hint or ""
    if "--" in hint or "followthru " in hint or str(upload.path.parent) in hint:
        error.hint = "Export the file again from where it came from, or upload another one."
