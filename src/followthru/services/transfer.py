"""Taking the network out: vCard and CSV for other tools, JSON as the complete backup.

A user stays with a tool they can leave. The JSON backup holds every row of every table and
the settings, and restores exactly into an empty database (`import --format json`, see
services/restore.py).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from followthru.errors import BadInput
from followthru.formats.records import ContactRecord, Photo
from followthru.services.restore import BACKUP_FORMAT
from followthru.services.runtime import Context
from followthru.settings import config_path, read_config_file
from followthru.store import backup as store_backup
from followthru.store import contacts as contact_store
from followthru.store.database import head_revision

EXPORT_FORMATS = ("vcard", "json", "csv")


def backup(ctx: Context) -> dict[str, Any]:
    with ctx.db.read() as session:
        tables = store_backup.dump(session)
    return {
        "followthru_backup": BACKUP_FORMAT,
        "schema": head_revision(),
        "config": read_config_file(config_path()),
        "tables": tables,
    }


def records(ctx: Context) -> tuple[list[ContactRecord], list[list[str]]]:
    """Everyone as records, with followthru's own fields as X- lines for vCard."""
    with ctx.db.read() as session:
        found = people_records(session)
    return [record for _, record, _ in found], [own for _, _, own in found]


def people_records(session: Session) -> list[tuple[int, ContactRecord, list[str]]]:
    """(contact id, record, followthru's own X- lines) for everyone: what an export writes
    and what a CardDAV sync compares with the server."""
    people, details = contact_store.everyone_with_details(session)
    d = details  # per kind: contact id -> values (empty list when none)
    out: list[tuple[int, ContactRecord, list[str]]] = []
    for c in people:
        record = ContactRecord(
            line=0,
            name=c.name,
            given=c.given_name or None,
            family=c.family_name or None,
            emails=d["emails"][c.id],
            phones=d["phones"][c.id],
            company=c.company,
            title=c.title,
            urls=d["urls"][c.id],
            addresses=d["addresses"][c.id],
            birthday=c.birthday,
            notes=d["notes"][c.id],
            tags=d["tags"][c.id],
            photo=Photo(*d["photos"][c.id]) if c.id in d["photos"] else None,
            met_on=c.met_on,
            uid=c.uid,
            extra=d["extras"][c.id],
        )
        mine = [f"X-FOLLOWTHRU-PILE:{c.pile}"] if c.pile else []
        if c.cadence_days:
            mine.append(f"X-FOLLOWTHRU-CADENCE:{c.cadence_days}")
        if c.met_on:
            mine.append(f"X-FOLLOWTHRU-MET:{c.met_on.isoformat()}")
        out.append((c.id, record, mine))
    return out


def export(ctx: Context, fmt: str, *, vcard_version: str = "3.0") -> str:
    if fmt not in EXPORT_FORMATS:
        raise BadInput(
            f"Unknown export format {fmt!r}.", f"Choose one of: {', '.join(EXPORT_FORMATS)}."
        )
    if fmt == "json":
        return json.dumps(backup(ctx), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    people, props = records(ctx)
    if fmt == "csv":
        from followthru.formats.csv_contacts import write_csv

        return write_csv(people)
    if vcard_version not in ("3.0", "4.0"):
        raise BadInput(f"vCard version {vcard_version!r} is not offered.", "Use 3.0 or 4.0.")
    from followthru.formats.vcard import write_vcards

    return write_vcards(people, version=vcard_version, extra_props=props)
