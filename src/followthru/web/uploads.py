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
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from fastapi import UploadFile

from followthru.errors import BadInput
from followthru.services.importer import SUFFIXES, ImportOptions, ImportReport, import_files
from followthru.services.runtime import Context

MAX_BYTES = 50 * 1024 * 1024
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
    name = Path(file.filename or "upload").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise BadInput(
            f"{name} is not a contact file followthru reads.",
            "Upload a vCard (.vcf) or CSV file (LinkedIn, Google, Outlook) or a JSON backup.",
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
    return import_files(ctx, [upload.path], options, today=today)
