"""The weekly 12-4-1 e-mail and the daily notification: what goes in, where it goes, and
the record that sends each one once per week or day.

Content comes from the plan services (`week.show`, `planning.today`, promises), so a
digest says exactly what `followthru week` and `followthru today` say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from followthru.domain.insight import follow_through
from followthru.domain.plans import week_start
from followthru.domain.vocab import WeekItemStatus
from followthru.errors import ConfigError
from followthru.formats import digest as layout
from followthru.formats.digest import Digest, DigestItem, Section
from followthru.remote import credentials, notify, smtp
from followthru.services import planning, promises, week
from followthru.services.draft_text import compose, facts_for
from followthru.services.plan_reads import PlanItemView
from followthru.services.runtime import Context
from followthru.services.views import PromiseView
from followthru.settings import Settings
from followthru.store import activity
from followthru.store import digests as digest_store
from followthru.store.models import Contact
from followthru.store.rows import of_session

KEYRING_SERVICE = "followthru-smtp"
TITLES = {
    "promise": "Promises",
    "follow-up": "First follow-ups after events",
    "reconnect": "Reconnect",
    "deep": "1 deeper conversation",
    "message": "Personal messages",
    "light": "Light touches",
}
OWNERS = {"me": "yours", "both": "joint", "them": "theirs"}


@dataclass(frozen=True)
class Outcome:
    """What a run did: sent, already sent, nothing to say, or a dry run's text."""

    kind: str
    period: date
    status: str  # sent, already, empty, dry-run
    items: int = 0
    sent: list[str] = field(default_factory=list)  # channel descriptions delivered now
    already: dict[str, datetime] = field(default_factory=dict)
    preview: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "period": self.period.isoformat(),
            "status": self.status,
            "items": self.items,
            "sent": self.sent,
            "already": {c: at.isoformat() for c, at in sorted(self.already.items())},
            "preview": self.preview,
        }


def _link(settings: Settings, path: str) -> str | None:
    base = str(settings["web.url"]).rstrip("/")
    return f"{base}{path}" if base else None


def _plan_item(settings: Settings, item: PlanItemView) -> DigestItem:
    action = "keep the promise" if item.action == "promise" else item.action
    return DigestItem(
        item.name,
        item.why,
        f"{action} via {item.channel}",
        item.draft,
        _link(settings, f"/contacts/{item.contact_id}"),
    )


def _sections(settings: Settings, items: list[PlanItemView]) -> list[Section]:
    order = list(dict.fromkeys(i.section for i in items))
    return [
        Section(
            TITLES.get(name, name),
            [_plan_item(settings, i) for i in items if i.section == name],
        )
        for name in order
    ]


def _when(p: PromiseView, today: date) -> str:
    assert p.due_on is not None
    late = (today - p.due_on).days
    if late > 0:
        return f"{late} day{'s' if late != 1 else ''} late"
    return "due today" if p.due_on == today else f"due {p.due_on:%A %d %B}"


def _promise_items(ctx: Context, due: list[PromiseView], today: date) -> list[DigestItem]:
    """Promises with a drafted message each, facts for all drafts loaded at once."""
    ids = sorted({p.contact_id for p in due})
    with ctx.db.read() as session:
        people = {c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(ids)))}
        facts = facts_for(of_session(session), ids)
        return [
            DigestItem(
                p.contact_name,
                f"{p.what} ({OWNERS.get(p.owner, p.owner)}, {_when(p, today)})",
                "keep the promise",
                compose(
                    ctx.settings,
                    people[p.contact_id],
                    facts[p.contact_id],
                    "promise",
                    promise_what=p.what,
                    promise_owner=p.owner,
                ).text,
                _link(ctx.settings, f"/contacts/{p.contact_id}"),
            )
            for p in due
        ]


def _score_lines(ctx: Context, today: date) -> list[str]:
    last = week.show(ctx, today=today, last=True, drafts=False)
    with ctx.db.read() as session:
        rate = follow_through(activity.promises_due_by(session, today)).rate
    weeks = "week" if last.streak == 1 else "weeks"
    lines = [f"Streak: {last.streak} {weeks} of plans kept."]
    if last.items:
        lines.insert(0, f"Last week: {last.done}/{len(last.items)} done ({last.completion:.0%}).")
    if rate is not None:
        lines.append(f"Follow-through rate: {rate:.0%} of your promises kept on time.")
    return lines


def week_digest(ctx: Context, *, today: date) -> Digest:
    """This week's plan, the promises due by Sunday or overdue, and last week's score."""
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    plan = week.show(ctx, today=today)
    due = [
        p for p in promises.listing(ctx, today=today) if p.due_on is not None and p.due_on <= sunday
    ]
    sections = [Section(TITLES["promise"], _promise_items(ctx, due, today))] if due else []
    sections += _sections(
        ctx.settings, [i for i in plan.items if i.status == WeekItemStatus.PLANNED]
    )
    return Digest(
        "week",
        f"followthru: your week of {monday:%d %B %Y}",
        sections,
        _score_lines(ctx, today),
        _link(ctx.settings, "/today"),
    )


def today_digest(ctx: Context, *, today: date) -> Digest:
    """Today's list: promises due, first follow-ups, the day's reconnects."""
    plan = planning.today(ctx, today=today)
    return Digest(
        "today",
        f"followthru: today, {today:%A %d %B}",
        _sections(ctx.settings, plan.items),
        [],
        _link(ctx.settings, "/today"),
    )


BUILDERS: dict[str, Callable[..., Digest]] = {"week": week_digest, "today": today_digest}


def _channels(settings: Settings, kind: str, *, strict: bool) -> list[str]:
    """Where this kind of digest goes: the week by e-mail; the day to every notify URL,
    and by e-mail too when digest.daily_email is on."""
    if kind == "week":
        return ["email"]
    channels = ["notify"] if settings["notify.urls"] else []
    channels += ["email"] if settings["digest.daily_email"] else []
    if strict and not channels:
        raise ConfigError(
            "The daily digest has nowhere to go.",
            "Set notify.urls to one or more Apprise URLs (e.g. ntfy://ntfy.sh/TOPIC), "
            "or digest.daily_email to true.",
        )
    return channels


def _account(settings: Settings) -> smtp.SmtpAccount:
    """The SMTP account, password included: resolved before anything is sent, so a missing
    setting or password never leaves a digest half-delivered."""
    missing = [name for name in ("smtp.host", "digest.to") if not settings[name]]
    if missing:
        raise ConfigError(
            f"E-mailing a digest needs {' and '.join(missing)}.",
            f"e.g. followthru config set {missing[0]} "
            + ("smtp.example.com" if missing[0] == "smtp.host" else "you@example.com"),
        )
    user = str(settings["smtp.user"])
    secret = None
    if user:
        secret = credentials.password(
            service=KEYRING_SERVICE,
            user=user,
            command=str(settings["smtp.password_command"]),
            setting="smtp.password_command",
        )
    return smtp.SmtpAccount(
        str(settings["smtp.host"]),
        settings.number("smtp.port"),
        str(settings["smtp.security"]),
        user,
        secret,
    )


def _deliver(
    settings: Settings, channel: str, digest: Digest, account: smtp.SmtpAccount | None
) -> str:
    """Send through one channel; returns what to tell the user (never a URL: they hold tokens)."""
    if channel == "email" and account is not None:
        to = str(settings["digest.to"])
        sender = str(settings["digest.from"]) or to
        domain = sender.rpartition("@")[2] or None
        smtp.send(account, layout.email(digest, sender=sender, to=to, domain=domain))
        return f"e-mail to {to}"
    urls = settings["notify.urls"]
    title, body = layout.notification(digest)
    notify.send(urls, title=title, body=body)
    return f"notification to {len(urls)} URL{'s' if len(urls) != 1 else ''}"


def _preview(digest: Digest, channels: list[str]) -> str:
    parts = []
    if "notify" in channels:
        title, body = layout.notification(digest)
        parts.append(f"Notification: {title}\n{body}\n")
    if "email" in channels or not channels:
        parts.append(layout.text(digest))
    return "\n".join(parts)


def period_of(kind: str, today: date) -> date:
    """The week's Monday, or the day: a digest goes out once per period."""
    return week_start(today) if kind == "week" else today


def send(
    ctx: Context, kind: str, *, today: date, dry_run: bool = False, force: bool = False
) -> Outcome:
    """Send the week's or the day's digest through every channel it has not reached yet.

    Each channel is recorded right after its server accepted the message; a failure
    raises before its record, so the next run retries just what did not arrive.
    """
    period = period_of(kind, today)
    channels = _channels(ctx.settings, kind, strict=not dry_run)
    with ctx.db.read() as session:
        already = digest_store.sent_channels(session, kind, period)
    pending = channels if force else [c for c in channels if c not in already]
    if not pending and not dry_run:
        return Outcome(kind, period, "already", already=already)
    digest = BUILDERS[kind](ctx, today=today)
    skipped = {c: at for c, at in already.items() if c not in pending}
    if not digest.count:
        return Outcome(kind, period, "empty", already=skipped)
    if dry_run:
        preview = _preview(digest, pending or channels)
        return Outcome(kind, period, "dry-run", digest.count, already=skipped, preview=preview)
    account = _account(ctx.settings) if "email" in pending else None
    sent = []
    for channel in pending:
        sent.append(_deliver(ctx.settings, channel, digest, account))
        with ctx.db.write() as session:
            digest_store.record(
                session, kind, period, channel, items=digest.count, recipient=sent[-1]
            )
    return Outcome(kind, period, "sent", digest.count, sent, skipped)


@dataclass(frozen=True)
class SentDigest:
    kind: str
    period: date
    channel: str
    sent_at: datetime
    items: int
    recipient: str

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "period": self.period.isoformat(),
            "channel": self.channel,
            "sent_at": self.sent_at.isoformat(),
            "items": self.items,
            "recipient": self.recipient,
        }


def last_sent(ctx: Context) -> list[SentDigest]:
    """The newest digest of each kind and channel, for the web app."""
    with ctx.db.read() as session:
        return [
            SentDigest(r.kind, r.period, r.channel, r.sent_at, r.items, r.recipient)
            for r in digest_store.latest(session)
        ]
