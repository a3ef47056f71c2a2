"""`sync`: read what is new in every account, each kind with its own syncer.

Each folder is read in batches; after every batch its messages are recorded and the
folder's cursor (UIDVALIDITY and last UID) saved in the same transaction, so an
interrupted sync resumes where it stopped and never records a message twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from followthru.domain.history import Me
from followthru.errors import FollowthruError
from followthru.formats import mail, meetings
from followthru.remote import calendar
from followthru.remote.imap import Endpoint, Mailbox
from followthru.services import contact_sync
from followthru.services.accounts import AccountView, password
from followthru.services.calendar_push import PushReport, push_calendar
from followthru.services.contact_sync import CardReport
from followthru.services.interactions import HistoryReport, link, me_for, record
from followthru.services.runtime import Context
from followthru.store import accounts as store
from followthru.store import journal
from followthru.store.models import Account, utcnow

Progress = Callable[[int, int], None]
FIRST_CALENDAR_DAYS = 730  # a first calendar sync reads two years back
CALENDAR_OVERLAP_DAYS = 7  # later ones re-read a week, for meetings moved or added late


@dataclass
class SyncResult:
    account: str
    kind: str
    report: HistoryReport = field(default_factory=HistoryReport)
    cards: CardReport | None = None  # a contacts account: what moved each way
    pushed: PushReport | None = None  # a calendar: followthru's items put there
    notes: list[str] = field(default_factory=list)  # what was left out, and how to enable it
    failed: str | None = None  # why this account did not sync (the others still did)

    def as_json(self) -> dict[str, Any]:
        found = {"account": self.account, "kind": self.kind, **self.report.as_json()}
        found |= {"notes": self.notes, "failed": self.failed}
        if self.cards is not None:
            found["contacts"] = self.cards.as_json()
        if self.pushed is not None:
            found["pushed"] = self.pushed.as_json()
        return found


@dataclass(frozen=True)
class Job:
    """One account's sync, with what every syncer needs."""

    ctx: Context
    account: AccountView
    me: Me
    today: date
    progress: Progress | None
    change: journal.Ongoing  # the whole run is one change in the journal, undone at once
    dry_run: bool = False
    force_delete: bool = False


def sync(
    ctx: Context,
    *,
    today: date,
    progress: Progress | None = None,
    dry_run: bool = False,
    force_delete: bool = False,
) -> list[SyncResult]:
    """Sync every account, in the order they were added. A dry run reads listings only and
    says what would move; mailboxes and calendars' meetings are not read in one."""
    with ctx.db.read() as session:
        views = [AccountView.of(a) for a in store.all_accounts(session)]
    # Only mail needs the user's addresses up front; a calendar without them still pushes.
    me = me_for(ctx.settings, [v.kind for v in views if v.kind == "imap"])
    change = journal.Ongoing("sync", f"sync of {', '.join(v.name for v in views)}")
    results = []
    for view in views:
        result = SyncResult(view.name, view.kind)
        job = Job(ctx, view, me, today, progress, change, dry_run, force_delete)
        try:
            SYNCERS[view.kind](job, result)
        except FollowthruError as exc:  # one account failing leaves the others to sync
            result.failed = " ".join(x for x in (str(exc), exc.hint) if x)
            results.append(result)
            continue
        if dry_run:
            results.append(result)
            continue
        with ctx.db.write() as session, change.joined(session):
            adopted = link(session)
            result.report.touches += adopted.touches
            result.report.linked += adopted.linked
            account = session.get(Account, view.id)
            if account is not None:
                account.synced_at = utcnow()
        results.append(result)
    return results


def sync_imap(job: Job, result: SyncResult) -> None:
    if job.dry_run:
        return
    view, zone, report = job.account, job.ctx.settings.zone, result.report
    secret = password(view, _command(job))
    with Mailbox(Endpoint.parse(view.url), view.user, secret) as box:
        for folder in box.folders():
            validity = box.open(folder)
            with job.ctx.db.read() as session:
                cursor = store.cursor(session, view.id, folder)
                start = cursor.last_uid if cursor.validity == validity else 0
            uids = box.uids_after(start)
            done = 0
            for batch in box.headers(uids, mail.HEADER_FIELDS):
                found = [mail.exchange(header, zone) for _, header in batch]
                with job.ctx.db.write() as session, job.change.joined(session):
                    report.add(
                        record(
                            session,
                            [e for e in found if e is not None],
                            job.me,
                            subjects=view.subjects,
                            today=job.today,
                        )
                    )
                    cursor = store.cursor(session, view.id, folder)
                    cursor.validity, cursor.last_uid = validity, batch[-1][0]
                done += len(batch)
                if job.progress:
                    job.progress(done, len(uids))


def sync_calendar(job: Job, result: SyncResult) -> None:
    """Meetings in (history), then followthru's promises and sessions out."""
    view, report = job.account, result.report
    secret = password(view, _command(job))
    result.pushed = push_calendar(job.ctx, view, secret, today=job.today, dry_run=job.dry_run)
    if job.dry_run:
        return
    if not job.me.emails:
        result.notes.append(
            "meetings not read: set your addresses with "
            '`followthru config set user.emails "me@example.com"`'
        )
        return
    with job.ctx.db.read() as session:
        last = store.cursor(session, view.id, view.url).last_uid  # a day number, for calendars
    start = (
        date.fromordinal(last) - timedelta(days=CALENDAR_OVERLAP_DAYS)
        if last
        else job.today - timedelta(days=FIRST_CALENDAR_DAYS)
    )
    texts = calendar.events_between(view.url, view.user, secret, start, job.today)
    zone = job.ctx.settings.zone
    found = [
        m for text in texts for m in meetings.meetings(text, zone, since=start, until=job.today)
    ]
    with job.ctx.db.write() as session, job.change.joined(session):
        report.add(record(session, found, job.me, subjects=view.subjects, today=job.today))
        cursor = store.cursor(session, view.id, view.url)
        cursor.last_uid = job.today.toordinal()


def _command(job: Job) -> str | None:
    with job.ctx.db.read() as session:
        account = session.get(Account, job.account.id)
        return account.password_command if account else None


def sync_contacts(job: Job, result: SyncResult) -> None:
    secret = password(job.account, _command(job))
    result.cards = contact_sync.sync_contacts(
        job.ctx,
        job.account,
        secret,
        today=job.today,
        dry_run=job.dry_run,
        force_delete=job.force_delete,
        progress=job.progress,
    )


SYNCERS: dict[str, Callable[[Job, SyncResult], None]] = {
    "imap": sync_imap,
    "calendar": sync_calendar,
    "contacts": sync_contacts,
}
