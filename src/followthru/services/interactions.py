"""Interaction history from where it already lives: mailboxes, calendars, LinkedIn.

Files and live accounts both end here as `Exchange`s. `record` stores each one once per
correspondent (so re-reading adds nothing), then `link` puts what concerns known people on
their timelines: one touch per person, day, channel and direction, with a count. Unknown
correspondents wait, never added silently; `suggest` offers those worth a contact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from followthru.domain.history import Exchange, Me, sightings
from followthru.errors import BadInput
from followthru.formats import history_files
from followthru.formats.history_files import split as split_paths
from followthru.services.runtime import Context
from followthru.settings import Settings
from followthru.store import history as store
from followthru.store import journal, keys, touch_stats
from followthru.store.models import utcnow

Progress = Callable[[int, int], None]
__all__ = ["HistoryReport", "import_files", "link", "me_for", "record", "split_paths"]
_MAIL_KINDS = frozenset({"mbox", "maildir", "eml", "ical", "imap", "calendar"})


@dataclass
class HistoryReport:
    files: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    read: int = 0  # messages and meetings read
    ignored: int = 0  # automated, or neither from nor to the user
    known: int = 0  # already recorded by an earlier import or sync
    touches: int = 0  # new touches on people's timelines
    linked: int = 0  # messages that went onto a timeline (new touch or a count)
    waiting: int = 0  # messages with correspondents who are not contacts
    dry_run: bool = False

    def add(self, other: HistoryReport) -> None:
        for name in ("read", "ignored", "known", "touches", "linked", "waiting"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def me_for(settings: Settings, kinds: Iterable[str]) -> Me:
    """The user's own identities; without the ones these sources need, a clear stop."""
    emails = list(settings["user.emails"])
    linkedin = str(settings["user.linkedin"])
    wanted = set(kinds)
    if wanted & _MAIL_KINDS and not emails:
        raise BadInput(
            "followthru needs your own e-mail addresses to tell sent mail from received.",
            'Set them first: followthru config set user.emails "me@example.com,me@work.example"',
        )
    if any(k.startswith("linkedin") for k in wanted) and not linkedin:
        raise BadInput(
            "followthru needs your LinkedIn profile to tell your messages from theirs.",
            "Set it first: followthru config set user.linkedin https://www.linkedin.com/in/you",
        )
    return Me.of(emails, linkedin, str(settings["user.name"]))


def import_files(
    ctx: Context,
    sources: Sequence[tuple[Path, str]],
    *,
    subjects: bool = True,
    dry_run: bool = False,
    today: date,
    progress: Progress | None = None,
) -> HistoryReport:
    """Read every history file, then record it all in one transaction (all or nothing);
    a dry run computes everything, then rolls it back. `progress` hears how far each
    mailbox has been read (reading is the long part: recording is a few bulk writes)."""
    me = me_for(ctx.settings, [kind for _, kind in sources])
    report = HistoryReport()
    exchanges = _read(ctx, sources, report, today=today, progress=progress)
    names = ", ".join(path.name for path, _ in sources)
    try:
        with ctx.db.write() as session:
            with journal.Ongoing("history", f"history from {names}").joined(session) as change:
                report.add(record(session, exchanges, me, subjects=subjects, today=today))
                adopted = link(session)
                report.touches += adopted.touches
                report.linked += adopted.linked
                change.summary += f": {report.touches} new touches"
            if dry_run:
                raise _DryRun
    except _DryRun:
        report.dry_run = True
    return report


def _read(
    ctx: Context,
    sources: Sequence[tuple[Path, str]],
    report: HistoryReport,
    *,
    today: date,
    progress: Progress | None,
) -> list[Exchange]:
    """Every exchange in the files, each file named in the report; a file that cannot be
    read stops the import before anything is written."""
    exchanges: list[Exchange] = []
    for path, kind in sources:
        report.files.append(str(path))
        report.formats[str(path)] = kind
        try:
            exchanges += history_files.read(
                path, kind, ctx.settings.zone, until=today, tick=progress
            )
        except (OSError, ValueError, UnicodeError) as exc:
            raise BadInput(f"Cannot read {path}: {exc}.", "Is it a complete file?") from exc
    return exchanges


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back after it was fully computed."""


def record(
    session: Session, exchanges: Sequence[Exchange], me: Me, *, subjects: bool, today: date
) -> HistoryReport:
    """Store what is new in these exchanges, then put it on known people's timelines."""
    report = HistoryReport(read=len(exchanges))
    fresh: dict[tuple[str, str], dict[str, Any]] = {}
    for exchange in exchanges:
        seen = sightings(exchange, me) if exchange.on <= today else []
        report.ignored += not seen
        for s in seen:
            fresh.setdefault(
                (s.key, s.party.key),
                {
                    "key": s.key,
                    "party": s.party.key,
                    "name": s.party.name[:300],
                    "happened_on": s.on,
                    "channel": s.channel,
                    "direction": s.direction,
                    "subject": s.subject if subjects else "",
                    "dismissed": False,
                },
            )
    old = store.seen(session, list(fresh))
    report.known = len(old)
    new = [row for pair, row in fresh.items() if pair not in old]
    store.add_items(session, new)
    linked = link(session, {row["party"] for row in new})
    report.touches, report.linked = linked.touches, linked.linked
    report.waiting = sum(row["party"] not in linked.parties for row in new)
    return report


@dataclass
class Linked:
    touches: int = 0
    linked: int = 0
    parties: set[str] = field(default_factory=set)
    contacts: set[int] = field(default_factory=set)


def link(session: Session, parties: set[str] | None = None) -> Linked:
    """Put every waiting item (of these parties) whose correspondent is now a contact on
    that timeline: a person added since an earlier import gets their history too."""
    session.flush()
    items = store.waiting(session, store.known_parties(session) if parties is None else parties)
    owner = store.owners(session, {(i.party, keys.name_key(i.name)) for i in items})
    mine = [(i, owner[i.party]) for i in items if i.party in owner]
    result = Linked()
    if not mine:
        return result
    result.contacts = {cid for _, cid in mine}
    groups: dict[store.GroupKey, list[store.Waiting]] = {}
    for item, cid in sorted(mine, key=lambda pair: (pair[0].on, pair[0].id)):
        groups.setdefault((cid, item.on, item.channel, item.direction), []).append(item)
    journal.touch(session, result.contacts)  # counts and cool-downs come back on undo
    touch_of = store.touches_for(session, result.contacts)
    missing = [g for g in groups if g not in touch_of]
    store.add_touches(session, [_touch_row(g, groups[g]) for g in missing])
    result.touches = len(missing)
    if missing:
        touch_of = store.touches_for(session, {g[0] for g in missing}) | touch_of
    links = [(item.id, g[0], touch_of[g]) for g, members in groups.items() for item in members]
    store.attach(session, links)
    store.recount(session, {touch_of[g] for g in groups})
    touch_stats.refresh(session, result.contacts)
    result.linked = len(links)
    result.parties = {i.party for i, _ in mine}
    return result


def _touch_row(group: store.GroupKey, members: Sequence[store.Waiting]) -> dict[str, Any]:
    contact_id, on, channel, direction = group
    subject = next((m.subject for m in members if m.subject), "")
    return {
        "contact_id": contact_id,
        "happened_on": on,
        "channel": channel,
        "kind": "meeting" if channel == "meeting" else "checkin",
        "direction": direction,
        "summary": subject,
        "count": len(members),
        "created_at": utcnow(),
    }
