"""The tables, as SQLAlchemy 2.0 typed models.

Naming: calendar dates end in `_on` (stored as DATE), instants in `_at` (UTC). Every
person-owned row cascades with its contact, so deleting a contact leaves nothing behind.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from followthru.domain.vocab import WeekItemStatus
from followthru.store.keys import work_key
from followthru.store.types import UTCDateTime

# Named constraints make Alembic's batch mode (SQLite) able to alter them later.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return str(uuid4())


def _work_key_default(context: Any) -> str:
    params = context.get_current_parameters()
    return work_key(params.get("company"), params.get("title"))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Contact(Base):
    __tablename__ = "contacts"
    # Few people have a birthday on record; `today` reads theirs only (store.planning).
    __table_args__ = (
        Index(
            "ix_contacts_birthday",
            "birthday",
            sqlite_where=text("birthday IS NOT NULL"),
            postgresql_where=text("birthday IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    company: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(String(300))
    # Derived from company and title on every insert and ORM update (see `_refresh_work_key`).
    work_key: Mapped[str] = mapped_column(String(700), default=_work_key_default, server_default="")
    pile: Mapped[str | None] = mapped_column(String(16), index=True)
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    introduced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    met_on: Mapped[date | None] = mapped_column(Date)
    birthday: Mapped[str | None] = mapped_column(String(10))  # YYYY-MM-DD, or --MM-DD
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    # A summary of this person's touches, kept by `store.touch_stats.refresh` whenever
    # touches change: plans and lists read it instead of aggregating millions of touches.
    last_touch_on: Mapped[date | None] = mapped_column(Date, index=True)
    last_in_on: Mapped[date | None] = mapped_column(Date)
    last_out_on: Mapped[date | None] = mapped_column(Date)
    unanswered: Mapped[int] = mapped_column(Integer, default=0)
    given_count: Mapped[int] = mapped_column(Integer, default=0)
    ask_count: Mapped[int] = mapped_column(Integer, default=0)
    last_given_on: Mapped[date | None] = mapped_column(Date)
    last_ask_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    emails: Mapped[list[ContactEmail]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactEmail.position"
    )
    phones: Mapped[list[ContactPhone]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactPhone.position"
    )
    tags: Mapped[list[ContactTag]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactTag.tag"
    )
    urls: Mapped[list[ContactUrl]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactUrl.position"
    )
    addresses: Mapped[list[ContactAddress]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactAddress.position"
    )
    extras: Mapped[list[ContactExtra]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactExtra.position"
    )
    photo: Mapped[ContactPhoto | None] = relationship(
        back_populates="contact", cascade="all, delete-orphan"
    )
    sources: Mapped[list[ContactSource]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="ContactSource.id"
    )
    introduced_by: Mapped[Contact | None] = relationship(remote_side=[id])


class ContactEmail(Base):
    __tablename__ = "contact_emails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    address: Mapped[str] = mapped_column(String(320))
    address_key: Mapped[str] = mapped_column(String(320), index=True)
    label: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="emails")


class ContactPhone(Base):
    __tablename__ = "contact_phones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    raw: Mapped[str] = mapped_column(String(80))
    e164: Mapped[str] = mapped_column(String(20), index=True)
    label: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="phones")


class ContactTag(Base):
    __tablename__ = "contact_tags"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)

    contact: Mapped[Contact] = relationship(back_populates="tags")


class ContactUrl(Base):
    """A web address; `url_key` (see `domain.fields.url_key`) matches a LinkedIn profile
    however it was written."""

    __tablename__ = "contact_urls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(Text)
    url_key: Mapped[str] = mapped_column(String(300), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="urls")


class ContactAddress(Base):
    __tablename__ = "contact_addresses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="addresses")


class ContactExtra(Base):
    """A vCard line followthru has no field for, kept verbatim so an export loses nothing."""

    __tablename__ = "contact_extras"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="extras")


class ContactPhoto(Base):
    __tablename__ = "contact_photos"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    media_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    contact: Mapped[Contact] = relationship(back_populates="photo")


class ContactSource(Base):
    """Where a person came from: a file record, by a key that stays the same on re-import,
    so importing the same file twice changes nothing."""

    __tablename__ = "contact_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # vcard, linkedin, google, outlook, csv, json
    key: Mapped[str] = mapped_column(String(300), unique=True)
    label: Mapped[str] = mapped_column(Text)  # the file it came from, as the user named it
    imported_on: Mapped[date] = mapped_column(Date)

    contact: Mapped[Contact] = relationship(back_populates="sources")


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), unique=True)
    held_on: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ContactEvent(Base):
    """Where a person was met; one person can be met at several events."""

    __tablename__ = "contact_events"

    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Touch(Base):
    """Any contact with a person, either way; every touch resets the keep-in-touch clock."""

    __tablename__ = "touches"
    __table_args__ = (Index("ix_touches_contact_on", "contact_id", "happened_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    happened_on: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(3), default="out")
    summary: Mapped[str] = mapped_column(Text, default="")
    # How many messages or meetings this touch stands for: a day's thread read from a
    # mailbox is one touch with a count, so timelines stay readable.
    count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    with_contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Note(Base):
    __tablename__ = "notes"
    __table_args__ = (
        Index("ix_notes_contact_on", "contact_id", "written_on"),
        Index("ix_notes_written_on", "written_on"),  # the notes of lately: noted wins
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    written_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Promise(Base):
    """Anything promised, by either side; open until kept or consciously dropped."""

    __tablename__ = "promises"
    __table_args__ = (Index("ix_promises_status_due", "status", "due_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(8), default="me")
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8), default="open")
    made_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    drop_reason: Mapped[str | None] = mapped_column(Text)
    source_text: Mapped[str | None] = mapped_column(Text)
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WeekItem(Base):
    """One line of a week's 12-4-1 plan, kept so the week can be ticked off and reviewed."""

    __tablename__ = "week_items"
    __table_args__ = (Index("ix_week_items_week", "week_of", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_of: Mapped[date] = mapped_column(Date)  # the Monday
    position: Mapped[int] = mapped_column(Integer)
    slot: Mapped[str] = mapped_column(String(8))  # light, message, deep
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))  # a touch kind
    channel: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(
        String(8), default=WeekItemStatus.PLANNED.value
    )  # a WeekItemStatus
    closed_on: Mapped[date | None] = mapped_column(Date)


class FollowupSession(Base):
    """A booked block of time to do an event's follow-ups."""

    __tablename__ = "followup_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True, default=new_uid)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    minutes: Mapped[int] = mapped_column(Integer)
    agenda: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@event.listens_for(Contact, "before_update")
def _refresh_work_key(_mapper: Any, _connection: Any, contact: Contact) -> None:
    contact.work_key = work_key(contact.company, contact.title)


class Change(Base):
    """One change a user made (an import, a merge, an edit …), with the before-image of
    every person it touched, so `followthru undo` can put them back exactly. See
    `store.journal` for how a write joins the journal."""

    __tablename__ = "changes"
    # Never reuse an id: `undo ID` must never mean a different change than it did.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # import, merge, edit, delete …
    summary: Mapped[str] = mapped_column(Text)
    records: Mapped[int] = mapped_column(Integer, default=0)  # people it touched
    # JSON: the touched people's rows as they were before (encoded like the backup), the
    # people and events the change created (undo removes them).
    before: Mapped[str] = mapped_column(Text)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


class ChangePeople(Base):
    """Which people a change touched or created, as runs of ids (`first_id` to `last_id`):
    a later change touching one of them depends on it. The 10,000 people an import creates
    are one row, not 10,000. No foreign key: a person may be gone (deleted, merged away)
    and come back by undo."""

    __tablename__ = "change_people"

    change_id: Mapped[int] = mapped_column(
        ForeignKey("changes.id", ondelete="CASCADE"), primary_key=True
    )
    first_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    last_id: Mapped[int] = mapped_column(Integer, index=True)


class HistoryItem(Base):
    """One message or meeting seen with one correspondent, by a key that stays the same
    wherever it is read again (Message-ID, else a content hash), so re-reading adds nothing.

    A known person's item points at the touch it counts in; an unknown correspondent's item
    waits with their address and name, to be offered by `suggest` and replayed if added.
    Bodies are never kept; the subject only while it may become a touch's summary.
    """

    __tablename__ = "history_items"
    __table_args__ = (
        UniqueConstraint("key", "party", name="uq_history_items_key_party"),
        Index("ix_history_items_party", "party"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    party: Mapped[str] = mapped_column(String(330))  # email:…, profile:… or name:…
    name: Mapped[str] = mapped_column(String(300), default="")
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    touch_id: Mapped[int | None] = mapped_column(
        ForeignKey("touches.id", ondelete="SET NULL"), index=True
    )
    happened_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(3))
    subject: Mapped[str] = mapped_column(Text, default="")
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)


class Account(Base):
    """An outside source read by `sync` (or written, for later kinds): where and as whom.

    Never a password: that lives in the system keyring, or comes from `password_command`.
    """

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # imap, calendar
    url: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(String(300), default="")
    password_command: Mapped[str | None] = mapped_column(Text)
    no_subjects: Mapped[bool] = mapped_column(Boolean, default=False)
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncCursor(Base):
    """How far one folder of an account has been read: a sync resumes after `last_uid`
    while the folder's `validity` (IMAP UIDVALIDITY) is unchanged, and starts over if not."""

    __tablename__ = "sync_cursors"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    folder: Mapped[str] = mapped_column(String(300), primary_key=True)
    validity: Mapped[int] = mapped_column(BigInteger, default=0)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)


class CardStatus(Base):
    """One contact as both sides held it at the end of the last CardDAV sync (vdirsyncer's
    status): the server's ETag, the hash of the card followthru made of the contact, and
    that card's text, the common base of a field-by-field merge. `contact_id` is None for a
    server item followthru leaves alone (a contact group); no foreign key, so a deleted
    contact's row stays and tells the next sync to delete the card too."""

    __tablename__ = "card_status"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    href: Mapped[str] = mapped_column(String(500), primary_key=True)
    etag: Mapped[str] = mapped_column(String(200))
    contact_id: Mapped[int | None] = mapped_column(Integer)
    local_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)


class PushedItem(Base):
    """A calendar item followthru put on a CalDAV server, by its stable UID: updated in
    place only when its content hash changes; items without a row were not made by us."""

    __tablename__ = "pushed_items"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[str] = mapped_column(String(200), primary_key=True)
    href: Mapped[str] = mapped_column(String(500))
    etag: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))


class DigestSent(Base):
    """One digest delivered through one channel: the record that makes sending idempotent.

    A row is written only after the server accepted the message, so a failed send leaves
    nothing behind and the next run tries again.
    """

    __tablename__ = "digests_sent"
    __table_args__ = (UniqueConstraint("kind", "period", "channel", name="uq_digests_sent_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))  # week, today
    period: Mapped[date] = mapped_column(Date)  # the Monday, or the day
    channel: Mapped[str] = mapped_column(String(8))  # email, notify
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    items: Mapped[int] = mapped_column(Integer)
    recipient: Mapped[str] = mapped_column(Text, default="")  # an address or "3 URLs": no secrets
