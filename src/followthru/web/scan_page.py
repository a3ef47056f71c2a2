"""The Scan page: photos of business cards from the phone, read, reviewed, saved.

At the event the user photographs a card (on a phone the file input opens the camera),
or picks several; the photos are read by the same service as `followthru scan`, and each
card's fields are shown beside its photo to correct before saving into the chosen event
and pile. The photos wait in a private temporary folder under a random id — the only way
to name them — and are removed once the cards are saved, the review is cancelled, or the
app stops.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import FileResponse, Response
from starlette.datastructures import FormData

from followthru.domain.card_fields import CardFields
from followthru.errors import BadInput
from followthru.services import scan as scanning
from followthru.web.render import render
from followthru.web.state import WebState, web
from followthru.web.uploads import MAX_BYTES

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web)]
MAX_PHOTOS = 30  # cards in one upload: a stack from one evening
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
_TEXT_FIELDS = ("name", "title", "company", "website", "linkedin", "address")


@dataclass(frozen=True)
class Card:
    """One photo of a batch and what was read from it (None: nothing readable)."""

    index: int
    name: str  # as the user's browser named the photo
    fields: CardFields | None
    error: str | None


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="followthru-scans-"))


def discard_all() -> None:
    """When the app stops: photos never saved leave nothing behind."""
    if _folder.cache_info().currsize:
        shutil.rmtree(_folder(), ignore_errors=True)
        _folder.cache_clear()


def _batch(batch_id: str) -> Path:
    folder = _folder() / batch_id
    if not _ID.fullmatch(batch_id) or not folder.is_dir():
        raise BadInput(
            "Those photos are no longer here (saved already, or the app restarted).",
            "Upload the photos again.",
        )
    return folder


async def _store(files: list[UploadFile]) -> tuple[str, list[str]]:
    """The photos in a new batch folder, as photo-N.<suffix>; their own names returned in
    order. Bad files are refused before anything is kept."""
    photos = [f for f in files if f.filename]
    if not photos:
        raise BadInput("No photo was sent.", "Choose or take a photo of a card.")
    if len(photos) > MAX_PHOTOS:
        raise BadInput(f"At most {MAX_PHOTOS} photos at a time.", "Send the rest next.")
    kept: list[tuple[str, str, bytes]] = []
    for upload in photos:
        name = Path(upload.filename or "photo").name
        suffix = Path(name).suffix.lower() or ".jpg"
        if suffix not in PHOTO_SUFFIXES:
            raise BadInput(f"{name} is not a photo followthru reads.", "Send JPEG or PNG photos.")
        data = await upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise BadInput(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        kept.append((name, suffix, data))
    batch_id = secrets.token_urlsafe(18)
    folder = _folder() / batch_id
    folder.mkdir()
    for i, (_, suffix, data) in enumerate(kept):
        (folder / f"photo-{i}{suffix}").write_bytes(data)
    return batch_id, [name for name, _, _ in kept]


def _photos(folder: Path) -> list[Path]:
    return sorted(folder.glob("photo-*"), key=lambda p: _index(p) or 0)


def _read(state: WebState, folder: Path, names: list[str]) -> list[Card]:
    """Every photo of the batch read by one engine (its models loaded once), in the order
    the photos were sent."""
    settings = state.ctx.settings
    results = scanning.scan(_photos(folder), settings.phone_region, engine=settings["scan.engine"])
    cards = [
        Card(i, names[i], r.fields, r.error)
        for r in results
        if (i := _index(Path(r.file))) is not None and i < len(names)
    ]
    return sorted(cards, key=lambda card: card.index)


def _index(photo: Path) -> int | None:
    match = re.fullmatch(r"photo-(\d+)", photo.stem)
    return int(match.group(1)) if match else None


@router.get("/scan")
def scan_page(request: Request) -> Response:
    return render(request, "scan.html", cards=None)


@router.post("/scan")
async def scan_photos(
    request: Request,
    w: Web,
    photos: Annotated[list[UploadFile], File()],
    event: Annotated[str | None, Form()] = None,
    pile: Annotated[str | None, Form()] = None,
) -> Response:
    batch_id, names = await _store(photos)
    cards = await asyncio.to_thread(_read, w, _folder() / batch_id, names)
    return render(
        request, "scan.html", cards=cards, batch_id=batch_id, event=event or "", pile=pile or ""
    )


@router.get("/scan/photo/{batch_id}/{index}")
def scan_photo(batch_id: str, index: int) -> Response:
    photos = _photos(_batch(batch_id))
    if not 0 <= index < len(photos):
        raise BadInput("There is no such photo in that batch.")
    return FileResponse(photos[index], headers={"Cache-Control": "no-store"})


@router.post("/scan/save")
async def scan_save(request: Request, w: Web) -> Response:
    form = await request.form()
    folder = _batch(str(form.get("batch_id") or ""))
    event, pile = str(form.get("event") or "") or None, str(form.get("pile") or "") or None
    cards = [(str(i), f) for i, f in _reviewed(form) if not f.is_empty()]
    report = None
    if cards and form.get("action") != "cancel":
        report = await asyncio.to_thread(
            scanning.save_cards, w.ctx, cards, event=event, pile=pile, today=w.today()
        )
    shutil.rmtree(folder, ignore_errors=True)
    return render(request, "scan.html", cards=None, report=report, saved=len(cards))


def _reviewed(form: FormData) -> list[tuple[int, CardFields]]:
    """The cards ticked for saving, with the fields as the user corrected them."""
    found: list[tuple[int, CardFields]] = []
    for key in form:
        match = re.fullmatch(r"keep-(\d+)", key)
        if not match:
            continue
        i = int(match.group(1))

        def value(name: str, i: int = i) -> str | None:
            text = " ".join(str(form.get(f"{name}-{i}") or "").split())
            return text or None

        def listed(name: str) -> list[str]:
            return [v.strip() for v in (value(name) or "").split(",") if v.strip()]

        card = CardFields(emails=listed("emails"), phones=listed("phones"))
        for name in _TEXT_FIELDS:
            setattr(card, name, value(name))
        found.append((i, card))
    return sorted(found, key=lambda item: item[0])
