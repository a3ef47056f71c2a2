"""Two-way CardDAV sync of contacts, by status (see `domain.dav_sync`).

One sync: list the server (ETags only) and make every contact's card, compare both with
the status, decide. Then, in this order: fetch what the server changed; let new cards in
through the import rules (identity rules, one journaled change); write the server's
changes onto their contacts in one journaled transaction with their status rows (so
`followthru undo` takes a sync back like an import); last, write followthru's changes to
the server, saving the status after every batch. An interruption anywhere leaves each
side either as it was or with a change the next sync recognises as already made.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from sqlalchemy.orm import Session

from followthru.domain.dav_sync import Action, Move, Pair, Plan, merge_fields, plan
from followthru.errors import ServerError
from followthru.formats.records import ContactRecord
from followthru.formats.vcard import read_vcards, write_vcards
from followthru.remote import dav
from followthru.services.accounts import AccountView
from followthru.services.card_merge import (
    CONFLICT_PREFIX,
    apply_fields,
    conflict_lines,
    fields_of,
    for_import,
    for_server,
)
from followthru.services.import_match import source_key
from followthru.services.import_report import ImportOptions
from followthru.services.importer import import_records
from followthru.services.runtime import Context
from followthru.services.transfer import people_records
from followthru.store import dav as store
from followthru.store import journal
from followthru.store.models import CardStatus, Contact

Progress = Callable[[int, int], None]
SOURCE_KIND = "carddav"
WRITE_BATCH = 50  # server writes between two saves of the status


@dataclass
class Card:
    """A contact as the card followthru would put on the server. Its hash is taken from
    the record, not the vCard text: a sync with nothing new writes no card at all."""

    record: ContactRecord
    own: list[str]  # followthru's own X- lines (cadence, met)

    @cached_property
    def hash(self) -> str:
        # Without the labels: followthru keeps none, they come from the server's card.
        record = replace(self.record, phone_labels={}, email_labels={})
        return hashlib.sha256(repr((record, self.own)).encode()).hexdigest()

    @cached_property
    def text(self) -> str:
        """The vCard sent; conflict markers are followthru's own notes and stay here."""
        extra = [x for x in self.record.extra if not x.upper().startswith(CONFLICT_PREFIX)]
        return write_vcards([replace(self.record, extra=extra)], extra_props=[self.own])

    def labelled(self, server_text: str | None) -> Card:
        """This card with the TYPE labels (CELL, WORK, PREF…) the server's card gives the
        phones and e-mails it still has, so a write keeps what a phone set."""
        theirs = parse(server_text) if server_text else None
        if theirs is None:
            return self
        mine = self.record
        phones = {p: x for p, x in theirs.phone_labels.items() if p in mine.phones}
        emails = {e: x for e, x in theirs.email_labels.items() if e in mine.emails}
        labelled = replace(
            mine,
            phone_labels=phones | mine.phone_labels,
            email_labels=emails | mine.email_labels,
        )
        return Card(labelled, self.own)

    def fields(self) -> dict[str, Any]:
        return fields_of(replace(self.record, extra=[*self.record.extra, *self.own]))


@dataclass
class CardReport:
    """What moved each way; `conflicts` names the people and fields both sides changed."""

    arrived: int = 0  # new cards made into contacts (or merged into one)
    updated_here: int = 0
    deleted_here: int = 0
    sent: int = 0  # new cards put on the server
    updated_there: int = 0
    deleted_there: int = 0
    conflicts: list[str] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def local_cards(session: Session) -> dict[int, Card]:
    return {cid: Card(*for_server(record, own)) for cid, record, own in people_records(session)}


def file_name(uid: str | None, local_id: int) -> str:
    """A new card's name on the server: its UID when that needs no escaping (servers list
    escaped names in different ways, and the status must match the listing), else a hash."""
    if uid and re.fullmatch(r"[A-Za-z0-9._-]{1,100}", uid):
        return f"{uid}.vcf"
    return f"{hashlib.sha256((uid or str(local_id)).encode()).hexdigest()[:32]}.vcf"


def parse(text: str) -> ContactRecord | None:
    """The one person a server's card describes; None for a group or an unreadable card."""
    found = read_vcards(text.encode(), source="card").records
    return found[0] if len(found) == 1 else None


def sync_contacts(
    ctx: Context,
    account: AccountView,
    secret: str,
    *,
    today: date,
    dry_run: bool = False,
    force_delete: bool = False,
    progress: Progress | None = None,
) -> CardReport:
    """Sync one address book both ways."""
    with dav.Client(account.url, account.user, secret) as client:
        remote = client.etags(account.url)
        with ctx.db.read() as session:
            rows = store.card_status(session, account.id)
            status = {row.href: _pair(row) for row in rows}
            bases = {row.href: row.content for row in rows}
            local = local_cards(session)
        hashes = {cid: card.hash for cid, card in local.items()}
        decided = plan(list(status.values()), hashes, remote, force_delete=force_delete)
        _refuse_emptied(decided, account.url, len(status))
        report = CardReport(dry_run=dry_run)
        if dry_run:
            return _counted(decided, report)
        run = _Run(ctx, client, account, local, status, bases, report, progress, today)
        run.execute(decided)
        return report


def _sent(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as they go to the server: without the conflict markers kept here."""
    extra = fields.get("extra", ())
    return fields | {"extra": tuple(x for x in extra if not x.upper().startswith(CONFLICT_PREFIX))}


def _pair(row: CardStatus) -> Pair:
    return Pair(row.contact_id, row.href, row.local_hash, row.etag)


def _refuse_emptied(decided: Plan, url: str, count: int) -> None:
    if decided.emptied == "server":
        raise ServerError(
            f"The address book at {url} is empty, though {count} contacts were synced with it; "
            "nothing was deleted here.",
            "If you emptied it on purpose, run `followthru sync --force-delete`.",
        )
    if decided.emptied == "local":
        raise ServerError(
            f"Every contact synced with {url} is gone here; nothing was deleted on the server.",
            "If you deleted them on purpose, run `followthru sync --force-delete`.",
        )


def _counted(decided: Plan, report: CardReport) -> CardReport:
    """A dry run: what a sync would move, by the listings alone."""
    report.arrived = len(decided.of(Move.PULL_NEW))
    report.updated_here = len(decided.of(Move.PULL))
    report.deleted_here = len(decided.of(Move.DELETE_LOCAL))
    report.sent = len(decided.of(Move.PUSH_NEW))
    report.updated_there = len(decided.of(Move.PUSH))
    report.deleted_there = len(decided.of(Move.DELETE_REMOTE))
    return report


@dataclass
class _Write:
    """One server write still to make, and the status row it leaves."""

    href: str
    contact_id: int
    etag: str | None  # None: a new card
    card: Card | None  # None: a deletion


class _Run:
    def __init__(
        self,
        ctx: Context,
        client: dav.Client,
        account: AccountView,
        local: dict[int, Card],
        status: dict[str, Pair],
        bases: dict[str, str],
        report: CardReport,
        progress: Progress | None,
        today: date,
    ) -> None:
        self.ctx, self.client, self.account = ctx, client, account
        self.local, self.status, self.bases = local, status, bases
        self.report, self.progress, self.today = report, progress, today
        self.fetched: dict[str, tuple[str, str]] = {}  # href -> (ETag, text)
        self.writes: list[_Write] = []

    def execute(self, decided: Plan) -> None:
        pulls = decided.of(Move.PULL) + decided.of(Move.PULL_NEW)
        wanted = [a.href for a in pulls if a.href]
        for href, etag, text in self.client.fetch(self.account.url, dav.CONTACTS, wanted):
            self.fetched[href] = (etag, text)
            if self.progress and len(self.fetched) % dav.BATCH == 0:
                self.progress(len(self.fetched), len(wanted))
        arrived = [a for a in pulls if a.move is Move.PULL_NEW or a.local_id not in self.local]
        paired = self._arrive([a.href for a in arrived if a.href in self.fetched])
        changed = [a for a in decided.of(Move.PULL) if a.local_id in self.local]
        self._write_here(changed, decided.of(Move.DELETE_LOCAL), decided.of(Move.FORGET))
        self._queue(decided, paired)
        self._write_there()

    def _queue(self, decided: Plan, paired: set[int]) -> None:
        """followthru's side of the plan, as server writes (contacts just paired excepted)."""
        for action in decided.of(Move.PUSH_NEW):
            if action.local_id is not None and action.local_id not in paired:
                self._send_new(action.local_id, action.href)
        for action in decided.of(Move.PUSH):
            assert action.href is not None and action.local_id is not None
            etag = self.status[action.href].etag
            card = self._labelled(action.href, self.local[action.local_id])
            self.writes.append(_Write(action.href, action.local_id, etag, card))
            self.report.updated_there += 1
        for action in decided.of(Move.DELETE_REMOTE):
            assert action.href is not None and action.local_id is not None
            self.writes.append(
                _Write(action.href, action.local_id, self.status[action.href].etag, None)
            )
            self.report.deleted_there += 1

    def _arrive(self, hrefs: list[str]) -> set[int]:
        """New cards in through the import rules; the contacts they became or joined."""
        readable = {h: for_import(r) for h in hrefs if (r := parse(self.fetched[h][1])) is not None}
        if readable:
            options = ImportOptions(source=f"sync {self.account.name}")
            labelled = [(h, SOURCE_KIND, r) for h, r in readable.items()]
            done = import_records(self.ctx, labelled, options, today=self.today)
            self.report.arrived += done.created + done.merged + done.updated + done.unchanged
        keys = {h: source_key(SOURCE_KIND, r) for h, r in readable.items()}
        with self.ctx.db.write() as session:
            owners = store.owners(session, keys.values())
            cards = local_cards(session)
            for href in hrefs:
                cid = owners.get(keys.get(href, ""))
                card = cards.get(cid) if cid is not None else None
                etag = self.fetched[href][0]
                card = self._labelled(href, card) if card else None
                self._remember(session, href, etag, cid, card)
                if cid is not None:
                    self.status[href] = Pair(cid, href, card.hash if card else "", etag)
        self.local.update(cards)
        arrived = set(hrefs)
        return {p.local_id for p in self.status.values() if p.href in arrived and p.local_id}

    def _write_here(
        self, pulled: list[Action], deleted: list[Action], forgotten: list[Action]
    ) -> None:
        """The server's changes onto their contacts, journaled, with their status rows."""
        pulled = [a for a in pulled if a.href in self.fetched]
        if not (pulled or deleted or forgotten):
            return
        with self.ctx.db.write() as session:
            change = journal.ChangeSet(session, "sync", f"sync {self.account.name}")
            change.touch([a.local_id for a in pulled + deleted if a.local_id is not None])
            merged = {a.href: self._merge(session, a) for a in pulled}
            for action in deleted:
                contact = session.get(Contact, action.local_id)
                if contact is not None:
                    session.delete(contact)
                self.report.deleted_here += 1
            session.flush()
            cards = local_cards(session)
            for action in pulled:
                self._record_pull(session, action, cards, merged[action.href])
            store.forget_cards(
                session, self.account.id, [a.href for a in deleted + forgotten if a.href]
            )
            change.save()
        self.local = cards

    def _merge(self, session: Session, action: Action) -> bool:
        """Merge the server's card into its contact; True when the result must go back."""
        assert action.href is not None
        theirs = parse(self.fetched[action.href][1])
        contact = session.get(Contact, action.local_id)
        if theirs is None or contact is None:
            return False
        remote = fields_of(theirs)
        base_record = (
            parse(self.bases.get(action.href, "")) if self.bases.get(action.href) else None
        )
        base = fields_of(base_record) if base_record else {}
        local = self.local[contact.id].fields()
        result, conflicts = merge_fields(base, local, remote)
        if conflicts:
            result["extra"] = tuple(
                sorted({*result.get("extra", ()), *conflict_lines(conflicts, remote)})
            )
            self.report.conflicts.append(f"{contact.name}: {', '.join(conflicts)}")
        apply_fields(contact, result, self.ctx.settings.phone_region)
        self.report.updated_here += 1
        return _sent(result) != _sent(remote)

    def _record_pull(
        self, session: Session, action: Action, cards: dict[int, Card], back: bool
    ) -> None:
        assert action.href is not None and action.local_id is not None
        card = cards.get(action.local_id)
        etag = self.fetched[action.href][0]
        if card is None:
            return
        card = self._labelled(action.href, card)
        self._remember(session, action.href, etag, action.local_id, card)
        if back:  # the merge kept something of followthru's: it goes to the server too
            self.writes.append(_Write(action.href, action.local_id, etag, card))
            self.report.updated_there += 1

    def _labelled(self, href: str, card: Card) -> Card:
        """The card with the labels of the server's card: as just fetched, else as last
        synced (the status keeps the card written, labels included)."""
        fetched = self.fetched.get(href)
        return card.labelled(fetched[1] if fetched else self.bases.get(href))

    def _send_new(self, local_id: int, old_href: str | None) -> None:
        card = self.local[local_id]
        href = urlsplit(urljoin(self.account.url, file_name(card.record.uid, local_id))).path
        if old_href:
            self.status.pop(old_href, None)
            with self.ctx.db.write() as session:
                store.forget_cards(session, self.account.id, [old_href])
        self.writes.append(_Write(href, local_id, None, card))
        self.report.sent += 1

    def _write_there(self) -> None:
        """followthru's changes to the server, the status saved after every batch."""
        for start in range(0, len(self.writes), WRITE_BATCH):
            batch = self.writes[start : start + WRITE_BATCH]
            done = [(w, self._send(w)) for w in batch]
            with self.ctx.db.write() as session:
                for write, etag in done:
                    if write.card is None:
                        store.forget_cards(session, self.account.id, [write.href])
                    else:
                        self._remember(session, write.href, etag, write.contact_id, write.card)
            if self.progress:
                self.progress(start + len(batch), len(self.writes))

    def _remember(
        self, session: Session, href: str, etag: str, contact_id: int | None, card: Card | None
    ) -> None:
        """The status row of a pair just synced: the card is the merge base next time."""
        store.set_card(
            session,
            self.account.id,
            href,
            etag=etag,
            contact_id=contact_id,
            local_hash=card.hash if card else "",
            content=card.text if card else "",
        )

    def _send(self, write: _Write) -> str:
        url = urljoin(self.account.url, write.href)
        if write.card is None:
            self.client.delete(url, write.etag or "")
            return ""
        return self.client.put(url, write.card.text, "text/vcard", write.etag) or ""
