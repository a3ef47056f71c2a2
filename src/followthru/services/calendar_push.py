"""CalDAV push: open promises and booked follow-up sessions into the user's calendar.

Every item has a stable UID of its own (`followthru-promise-<uid>@followthru`), and a row
in `pushed_items` once it is on the server; an item is written again only when the hash
of what it says changed (DTSTAMP aside), so a calendar shows one entry however often sync
runs. A promise kept or dropped becomes COMPLETED or CANCELLED, or leaves the calendar
(the setting `calendar.closed_promises`). Items without a row were
not made by followthru and are never read, written or deleted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote, urljoin

from followthru.formats.ical import UID_DOMAIN, PushItem, push_item_text
from followthru.remote import dav
from followthru.services.accounts import AccountView
from followthru.services.calendar_export import OWNER_LABEL
from followthru.services.runtime import Context
from followthru.store import activity
from followthru.store import dav as store
from followthru.store import events as event_store
from followthru.store.models import PushedItem

CLOSED = {"done": "COMPLETED", "dropped": "CANCELLED"}


@dataclass
class PushReport:
    created: int = 0
    updated: int = 0
    closed: int = 0  # promises kept or dropped, marked so in the calendar
    unchanged: int = 0
    kept_their_edit: int = 0  # changed in the calendar meanwhile: left as the user made it
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def items(ctx: Context, *, today: date, todos: bool) -> list[PushItem]:
    """What the calendar should hold: every promise (open, kept, dropped) and the sessions
    from yesterday on. Without to-dos, a promise is an all-day event with an alarm."""
    with ctx.db.read() as session:
        promises = activity.promises_with_names(session, statuses=("open", *CLOSED))
        since = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=1)
        sessions = event_store.booked_sessions(session, since)
    found = [
        PushItem(
            f"followthru-promise-{p.uid}@{UID_DOMAIN}",
            "VTODO" if todos else "VEVENT",
            f"{OWNER_LABEL.get(p.owner, 'Promise')}: {p.what} ({name})",
            p.source_text or p.what,
            CLOSED.get(p.status, "NEEDS-ACTION" if todos else "CONFIRMED"),
            day=p.due_on if todos else p.due_on or p.made_on,
        )
        for p, name in promises
    ]
    found += [
        PushItem(
            f"followthru-session-{s.uid}@{UID_DOMAIN}",
            "VEVENT",
            f"Follow-ups: {name}",
            s.agenda,
            "CONFIRMED",
            start=s.starts_at,
            minutes=s.minutes,
        )
        for s, name in sessions
    ]
    return found


def _hash(item: PushItem) -> str:
    return hashlib.sha256(repr(item).encode()).hexdigest()


def push_calendar(
    ctx: Context, account: AccountView, secret: str, *, today: date, dry_run: bool = False
) -> PushReport:
    """Bring followthru's items in the calendar `account` up to date."""
    report = PushReport(dry_run=dry_run)
    remove_closed = ctx.settings["calendar.closed_promises"] == "remove"
    with dav.Client(account.url, account.user, secret) as client:
        todos = "VTODO" in client.components(account.url)
        with ctx.db.read() as session:
            done = store.pushed(session, account.id)
        for item in items(ctx, today=today, todos=todos):
            row = done.get(item.uid)
            digest = _hash(item)
            if row is not None and row.content_hash == digest:
                report.unchanged += 1
                continue
            if row is None and item.status in CLOSED.values():
                continue  # closed before it was ever pushed: nothing to show
            if row is not None and item.status in CLOSED.values() and remove_closed:
                _remove(ctx, client, account, row, dry_run)
                report.closed += 1
            elif dry_run or _write(ctx, client, account, item, digest, row):
                _count(report, item, row)
            else:
                report.kept_their_edit += 1
    return report


def _remove(
    ctx: Context, client: dav.Client, account: AccountView, row: PushedItem, dry_run: bool
) -> None:
    """A kept or dropped promise leaves the calendar (`calendar.closed_promises = remove`)."""
    if dry_run:
        return
    client.delete(row.href, row.etag)
    with ctx.db.write() as session:
        store.forget_pushed(session, account.id, row.uid)


def _count(report: PushReport, item: PushItem, row: PushedItem | None) -> None:
    if row is None:
        report.created += 1
    elif item.status in CLOSED.values():
        report.closed += 1
    else:
        report.updated += 1


def _write(
    ctx: Context,
    client: dav.Client,
    account: AccountView,
    item: PushItem,
    digest: str,
    row: PushedItem | None,
) -> bool:
    """Put one item on the server, then remember it (its own transaction: resumable);
    False when the user changed it in their calendar meanwhile (their edit stays)."""
    href = row.href if row is not None else urljoin(account.url, quote(item.uid) + ".ics")
    text = push_item_text(item, stamp=datetime.now(UTC))
    etag = client.put(href, text, "text/calendar", row.etag if row else None, keep_theirs=True)
    if etag is None:
        return False
    with ctx.db.write() as session:
        store.set_pushed(session, account.id, item.uid, href=href, etag=etag, content_hash=digest)
    return True
