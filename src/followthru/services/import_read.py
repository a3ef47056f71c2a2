"""The import's first stage: files to records, before the database is even opened."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from followthru.errors import BadInput
from followthru.files import collect
from followthru.formats.records import ReadResult
from followthru.services.import_report import ImportOptions

LAYOUTS = ("auto", "vcard", "linkedin", "google", "outlook", "csv", "json")
SUFFIXES = {".vcf": "vcard", ".vcard": "vcard", ".csv": "csv", ".json": "json"}


def gather(paths: Sequence[Path]) -> list[Path]:
    """The files to read: each file named, and the contact files inside each folder."""
    files, problems = collect(paths, SUFFIXES)
    for path, problem in problems:
        if problem == "missing":
            raise BadInput(f"{path} does not exist.", "Check the path.")
        raise BadInput(f"{path} holds no .vcf, .csv or .json files.", "Name the files to import.")
    return files


def read_file(path: Path, options: ImportOptions) -> ReadResult:
    """Bytes to records with the reader the file needs (or the one the user named)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"Cannot read {path}: {exc.strerror}.") from exc
    layout = options.layout if options.layout != "auto" else _guess_layout(path, data)
    if layout == "vcard":
        from followthru.formats.vcard import read_vcards

        return read_vcards(data, source=str(path))
    if layout == "json":
        raise BadInput(
            f"{path} is a followthru backup: it restores only into an empty database.",
            "Use `followthru import --format json FILE` with a new --db.",
        )
    from followthru.formats.csv_contacts import read_csv

    return read_csv(
        data,
        source=str(path),
        layout=layout if layout in ("linkedin", "google", "outlook", "csv") else "auto",
        encoding=options.encoding,
        mapping=options.mapping,
    )


def _guess_layout(path: Path, data: bytes) -> str:
    by_suffix = SUFFIXES.get(path.suffix.lower())
    if by_suffix in ("vcard", "json"):
        return by_suffix
    head = data[:4096]
    for encoding in ("utf-8", "utf-16"):
        text = head.decode(encoding, errors="ignore").lstrip("\ufeff").lstrip()
        if text[:11].lower() == "begin:vcard":
            return "vcard"
        if text.startswith("{") and "followthru_backup" in text:
            return "json"
    return "auto"
