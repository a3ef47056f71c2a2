"""A contact card as named fields, for the three-way merge of a two-way CardDAV sync, and
those fields written back onto a contact.

A field is compared whole (all e-mails together, all phones together), so a phone added
on the phone and an e-mail added in followthru merge cleanly, while two different edits
of the phone numbers are a conflict. Notes are not fields: followthru keeps them as dated
notes, so a note edited on the server is not taken back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from followthru.domain.fields import email_key
from followthru.domain.vocab import Pile
from followthru.formats.records import ContactRecord, Photo
from followthru.services.contacts import normalize_tag, set_name
from followthru.services.import_match import OWN_PREFIX, clean
from followthru.store.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactExtra,
    ContactPhone,
    ContactPhoto,
    ContactTag,
    ContactUrl,
)

Fields = dict[str, Any]
CONFLICT_PREFIX = "X-FOLLOWTHRU-CONFLICT-"  # the server's value of a field both sides changed
PILE_CATEGORY = "followthru:"  # a pile travels as a category: followthru:target
_PILE_LINE = "X-FOLLOWTHRU-PILE"


def for_server(record: ContactRecord, own: Sequence[str]) -> tuple[ContactRecord, list[str]]:
    """The card followthru puts on the server: the pile as a category a phone can show
    and filter by (not an X- line), next to the tags."""
    piles = [x.partition(":")[2].strip() for x in own if x.upper().startswith(_PILE_LINE)]
    rest = [x for x in own if not x.upper().startswith(_PILE_LINE)]
    return replace(record, tags=[*record.tags, *(PILE_CATEGORY + p for p in piles)]), rest


def for_import(record: ContactRecord) -> ContactRecord:
    """An arriving card: a pile category becomes the pile line an import understands."""
    piles = [t for t in record.tags if t.strip().lower().startswith(PILE_CATEGORY)]
    line = [f"{_PILE_LINE}:{piles[0].strip()[len(PILE_CATEGORY) :]}"] if piles else []
    return replace(
        record, tags=[t for t in record.tags if t not in piles], extra=[*record.extra, *line]
    )


def fields_of(record: ContactRecord) -> Fields:
    """What a sync compares; the pile (a category) and the cadence (an X- line) too."""
    mine = _own_lines(record)
    own = {
        line.partition(":")[0].split(";")[0].upper()[len(OWN_PREFIX) :]: line.partition(":")[2]
        for line in mine
    }
    rest = [x for x in record.extra if x not in mine]
    tags = {" ".join(t.casefold().split()) for t in record.tags}
    piles = sorted(t[len(PILE_CATEGORY) :] for t in tags if t.startswith(PILE_CATEGORY))
    return {
        "name": record.display_name() or "",
        "given": record.given or "",
        "family": record.family or "",
        "company": record.company or "",
        "title": record.title or "",
        "birthday": record.birthday or "",
        "emails": tuple(record.emails),
        "phones": tuple(record.phones),
        "urls": tuple(record.urls),
        "addresses": tuple(record.addresses),
        "tags": tuple(sorted(t for t in tags if not t.startswith(PILE_CATEGORY))),
        "extra": tuple(sorted(rest)),
        "photo": record.photo,
        "pile": piles[0] if piles else own.get("PILE", "").strip().lower(),
        "cadence": own.get("CADENCE", "").strip(),
    }


def _own_lines(record: ContactRecord) -> set[str]:
    return {
        x
        for x in record.extra
        if x.upper().startswith(OWN_PREFIX) and not x.upper().startswith(CONFLICT_PREFIX)
    }


def conflict_lines(names: Sequence[str], remote: Fields) -> list[str]:
    """The server's side of each conflicting field, kept among the contact's extra lines."""
    out = []
    for name in names:
        value = remote.get(name)
        text = ", ".join(value) if isinstance(value, tuple) else str(value or "")
        if name != "photo" and name != "extra":
            out.append(f"{CONFLICT_PREFIX}{name.upper()}:{text}")
    return out


def apply_fields(contact: Contact, fields: Mapping[str, Any], region: str) -> None:
    """Make the contact say what the merged fields say, keeping rows that stay (their ids)."""
    name = str(fields.get("name") or contact.name)
    set_name(contact, name, (str(fields.get("given", "")), str(fields.get("family", ""))))
    contact.company = str(fields.get("company") or "") or None
    contact.title = str(fields.get("title") or "") or None
    contact.birthday = str(fields.get("birthday") or "") or None
    _apply_rows(contact, fields, region)
    _apply_photo(contact, fields.get("photo"))
    pile = str(fields.get("pile") or "")
    contact.pile = pile if pile in {p.value for p in Pile} else contact.pile if pile else None
    cadence = str(fields.get("cadence") or "")
    contact.cadence_days = int(cadence) if cadence.isdigit() else None


def _apply_rows(contact: Contact, fields: Mapping[str, Any], region: str) -> None:
    """E-mails, phones, web pages, addresses, tags and extra lines: the merged lists."""
    found = clean(
        ContactRecord(
            line=0,
            emails=list(fields.get("emails", ())),
            phones=list(fields.get("phones", ())),
            urls=list(fields.get("urls", ())),
        ),
        region,
    )
    _keep(
        contact.emails,
        "address_key",
        {email_key(a): a for a in found.emails},
        lambda k, a: ContactEmail(address=a, address_key=k),
    )
    _keep(
        contact.phones,
        lambda row: row.e164 or row.raw,
        {e or raw: (raw, e) for raw, e in found.phones},
        lambda k, p: ContactPhone(raw=p[0], e164=p[1]),
    )
    _keep(
        contact.urls,
        "url_key",
        {k: raw for raw, k in found.urls},
        lambda k, raw: ContactUrl(url=raw, url_key=k),
    )
    texts = [" ".join(a.split()) for a in fields.get("addresses", ()) if a.strip()]
    _keep(contact.addresses, "text", {t: t for t in texts}, lambda k, t: ContactAddress(text=t))
    tags = {normalize_tag(t)[:100] for t in fields.get("tags", ()) if t.strip()}
    _keep(
        contact.tags, "tag", {t: t for t in tags}, lambda k, t: ContactTag(tag=t), positions=False
    )
    extra = [x.strip() for x in fields.get("extra", ()) if x.strip()]
    _keep(contact.extras, "line", {x: x for x in extra}, lambda k, x: ContactExtra(line=x))


def _keep(
    rows: list[Any],
    key: str | Callable[[Any], str],
    wanted: Mapping[str, Any],
    make: Callable[[str, Any], Any],
    *,
    positions: bool = True,
) -> None:
    """Remove the rows no longer wanted, then add the missing ones, in the wanted order;
    `key` names the row's attribute that `wanted` is keyed by (or computes that key)."""
    of = key if callable(key) else lambda row: str(getattr(row, key))
    for row in [r for r in rows if of(r) not in wanted]:
        rows.remove(row)
    have = {of(r) for r in rows}
    rows.extend(make(k, v) for k, v in wanted.items() if k not in have)
    if positions:
        order = {k: i for i, k in enumerate(wanted)}
        for row in rows:
            row.position = order[of(row)]


def _apply_photo(contact: Contact, photo: Photo | None) -> None:
    if photo is None or not photo.data:
        contact.photo = None
    elif contact.photo is None:
        contact.photo = ContactPhoto(media_type=photo.media_type, data=photo.data)
    else:
        contact.photo.media_type, contact.photo.data = photo.media_type, photo.data
