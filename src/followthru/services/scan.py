"""Scanning business cards: photos in, contacts out, through the import's matching.

Reading a card (OCR and field extraction) writes nothing; saving builds a ContactRecord and
hands it to the importer, so a person already there — matched by e-mail, phone or LinkedIn
profile — is filled in rather than added twice.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from followthru.domain.card_fields import (
    CardFields,
    doubtful_lines,
    extract,
    lines_from_words,
    merge_fields,
    reads_as_contact,
    runs_off_edge,
)
from followthru.errors import BadInput
from followthru.files import collect
from followthru.formats.records import ContactRecord
from followthru.services.importer import ImportOptions, ImportReport, Progress, import_records
from followthru.services.runtime import Context

if TYPE_CHECKING:
    from PIL import Image as PILImage

    from followthru.formats.card_ocr import CardReader

MAX_RETRIES = 2  # extra OCR passes for a card missing its e-mail or phone
MAX_REREADS = 3  # lines per pass read again on their own
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".bmp", ".gif", ".heic"}


@dataclass
class ScanResult:
    file: str
    fields: CardFields | None = None
    error: str | None = None
    seconds: float = 0.0
    engine: str = "tesseract"


def open_reader(engine: str = "auto") -> CardReader | None:
    """RapidOCR with its models loaded (once, for a whole batch), or None for Tesseract:
    `engine` is the scan.engine setting — auto takes RapidOCR when the `ocr` extra is
    installed. Either way a missing engine is BadInput with the way to install it."""
    from followthru.formats import card_ocr
    from followthru.formats.card_image import require_tesseract

    if engine == "tesseract" or (engine == "auto" and not card_ocr.available()):
        require_tesseract()
        return None
    if not card_ocr.available():
        raise BadInput(
            "`scan` was asked for RapidOCR, which is not installed.", card_ocr.INSTALL_HINT
        )
    return card_ocr.CardReader()


def gather_images(paths: Sequence[Path]) -> tuple[list[Path], list[ScanResult]]:
    """The images to read (each file named, the pictures in each folder) and the paths that
    are missing, reported per file rather than stopping the others."""
    files, problems = collect(paths, IMAGE_SUFFIXES)
    reasons = {"missing": "does not exist", "empty": "holds no JPEG or PNG images"}
    return files, [ScanResult(str(path), error=reasons[problem]) for path, problem in problems]


def read_card(path: Path, region: str, reader: CardReader | None = None) -> CardFields:
    """One photo's fields, read by RapidOCR (a reader) or Tesseract (None); BadInput (with
    the reason) when it is no readable card."""
    from followthru.formats.card_image import open_image

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot be read: {exc.strerror}") from exc
    image = open_image(data)
    if image.width < 40 or image.height < 25:
        raise BadInput("is too small to hold a readable card")
    if reader is None:
        fields = _read_with_tesseract(image, region)
    else:  # the raw photo: the preparation Tesseract needs makes RapidOCR worse
        fields = extract(lines_from_words(reader.words(image)), region)
    if fields.is_empty():
        raise BadInput("no text found: a blank card, or too blurred to read")
    return fields


def _read_with_tesseract(image: PILImage.Image, region: str) -> CardFields:
    """The card found, squared up and flattened, then read, and read again as needed."""
    from followthru.formats.card_image import prepare, variants

    prepared = prepare(image)
    fields, cut = _read(prepared.image, region, reread=True)
    # A second look when the first finds no valid e-mail or phone, or text running off the
    # card found: that card may be wrong (read the whole photo; when it was cut, the whole
    # reading wins a tie), or Tesseract may read the same card better thresholded or at
    # another size. What a retry finds only fills the fields still missing.
    retries = 0
    if prepared.cropped and (cut or not (fields.emails or fields.phones)):
        whole = prepare(image, find_card=False)
        again, _ = _read(whole.image, region)
        retries += 1
        if _found(again) > _found(fields) or (cut and _found(again) == _found(fields)):
            fields, prepared = merge_fields(again, fields), whole
        else:
            fields = merge_fields(fields, again)
    for variant in variants(prepared.image):
        if (fields.emails and fields.phones) or retries >= MAX_RETRIES:
            break
        fields = merge_fields(fields, _read(variant, region)[0])
        retries += 1
    return fields


def _read(image: PILImage.Image, region: str, *, reread: bool = False) -> tuple[CardFields, bool]:
    """One OCR pass over a prepared card, then (reread) its doubtful e-mail and web lines
    read again one by one: a line alone, at the size Tesseract reads small print best,
    often comes out whole where the page-wide pass lost a piece. A re-read replaces the
    line only when it validates, so it can mend a line but never spoil one. Only the first
    pass does it: the retries see the same lines, and each re-read costs a Tesseract
    start (0.1 s). Also whether the text runs off the picture's edge."""
    from followthru.formats.card_image import LINE_HEIGHTS, ocr_line, ocr_words

    words = ocr_words(image)
    for line, box in doubtful_lines(words)[:MAX_REREADS] if reread else []:
        for height in LINE_HEIGHTS:
            again = ocr_line(image, box, line, height)
            if reads_as_contact(" ".join(w.text for w in again)):
                words = [w for w in words if w.line != line] + again
                break
    return extract(lines_from_words(words), region), runs_off_edge(words, *image.size)


def _found(fields: CardFields) -> int:
    """How much a reading holds: e-mails and phones count most."""
    return (
        2 * bool(fields.emails)
        + 2 * bool(fields.phones)
        + sum(bool(v) for v in (fields.name, fields.title, fields.company, fields.website))
    )


def scan(
    paths: Sequence[Path],
    region: str,
    *,
    engine: str = "auto",
    progress: Progress | None = None,
) -> list[ScanResult]:
    """Every card in the paths read by one engine, its models loaded once for the batch."""
    reader = open_reader(engine)
    used = reader.name if reader is not None else "tesseract"
    files, results = gather_images(paths)
    for i, path in enumerate(files):
        start = time.perf_counter()
        try:
            results.append(ScanResult(str(path), fields=read_card(path, region, reader)))
        except BadInput as exc:  # the reasons are predicates: "<file> is not an image …"
            results.append(ScanResult(str(path), error=exc.message.rstrip(".")))
        results[-1].seconds = time.perf_counter() - start
        if progress is not None:
            progress(i + 1, len(files))
    for result in results:
        result.engine = used
    return results


def record_of(fields: CardFields, line: int = 1) -> ContactRecord:
    urls = [u for u in (fields.linkedin, fields.website) if u]
    return ContactRecord(
        line=line,
        name=fields.name,
        emails=list(fields.emails),
        phones=list(fields.phones),
        company=fields.company,
        title=fields.title,
        urls=urls,
        addresses=[fields.address] if fields.address else [],
    )


def save_cards(
    ctx: Context,
    cards: Sequence[tuple[str, CardFields]],
    *,
    event: str | None,
    pile: str | None,
    today: date,
) -> ImportReport:
    options = ImportOptions(event=event, pile=pile)
    records = [(file, "scan", record_of(fields)) for file, fields in cards]
    return import_records(ctx, records, options, today=today)
