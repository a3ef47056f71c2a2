"""Accounts: the outside sources `sync` reads, each of a kind with its own syncer.

An account row holds where (a URL), as whom (a user name), and optionally the command that
prints its password; the password itself goes to the system keyring (`remote.credentials`,
service `KEYRING_SERVICE`, user name the account's name).
Kinds: `imap` (mail headers), `calendar` (CalDAV: meetings read, promises and booked
sessions pushed) and `contacts` (a CardDAV address book, synced both ways).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError

from followthru.errors import BadInput, Refused
from followthru.remote import credentials
from followthru.remote.imap import Endpoint
from followthru.services.runtime import Context
from followthru.store import accounts as store
from followthru.store.models import Account

KINDS = ("imap", "calendar", "contacts")
KEYRING_SERVICE = "followthru"


@dataclass(frozen=True)
class AccountView:
    id: int
    name: str
    kind: str
    url: str
    user: str
    password_from: str  # keyring or command
    subjects: bool
    synced_at: datetime | None

    @classmethod
    def of(cls, account: Account) -> AccountView:
        return cls(
            account.id,
            account.name,
            account.kind,
            account.url,
            account.username,
            "command" if account.password_command else "keyring",
            not account.no_subjects,
            account.synced_at,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "synced_at": self.synced_at.isoformat() if self.synced_at else None,
        }


@dataclass(frozen=True)
class NewAccount:
    kind: str
    where: str  # an IMAP host or URL, a CalDAV calendar URL
    user: str
    name: str | None = None
    password: str | None = None
    password_command: str | None = None
    subjects: bool = True


def _url(kind: str, where: str) -> str:
    if kind == "imap":
        return Endpoint.parse(where).url
    parts = urlsplit(where.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(
            f"{where!r} is not a web address (http:// or https://).",
            "Give the server's address, e.g. https://dav.example.com/me/work/",
        )
    return where.strip()


def _address_book(url: str, new: NewAccount) -> str:
    """The address book itself, found from a server root when that is what was given."""
    from followthru.remote import dav

    secret = new.password or credentials.from_command(
        new.password_command or "", "the --password-command"
    )
    with dav.Client(url, new.user, secret) as client:
        return client.discover(dav.CONTACTS)


def add(ctx: Context, new: NewAccount) -> AccountView:
    """Remember an account; its password goes to the keyring unless a command gives it."""
    if new.kind not in KINDS:
        raise BadInput(f"Unknown kind of account {new.kind!r}.", f"Choose {' or '.join(KINDS)}.")
    if not new.password and not new.password_command:
        raise BadInput(
            "An account needs a password.", "Type it when asked, or give --password-command."
        )
    url = _url(new.kind, new.where)
    if new.kind == "contacts":
        url = _address_book(url, new)
    # By kind too: the guide adds the contacts and the calendar of one user on one host.
    name = (new.name or f"{new.user}@{urlsplit(url).hostname} {new.kind}").strip()
    account = Account(
        name=name,
        kind=new.kind,
        url=url,
        username=new.user,
        password_command=new.password_command or None,
        no_subjects=not new.subjects,
    )
    try:
        with ctx.db.write() as session:
            session.add(account)
            session.flush()
            if new.password and not new.password_command:
                credentials.store(KEYRING_SERVICE, name, new.password)
            return AccountView.of(account)
    except (IntegrityError, Refused) as exc:
        raise BadInput(
            f"There is already an account named {name!r}.",
            'Give this one another name with --name, e.g. --name "work calendar".',
        ) from exc


def listing(ctx: Context) -> list[AccountView]:
    with ctx.db.read() as session:
        return [AccountView.of(a) for a in store.all_accounts(session)]


def remove(ctx: Context, ref: str) -> AccountView:
    """Forget the account, its cursors and its stored password; the history stays."""
    with ctx.db.write() as session:
        account = store.find(session, ref)
        if account is None:
            raise BadInput(f"No account matches {ref!r}.", "`followthru account list` shows them.")
        view = AccountView.of(account)
        session.delete(account)
    credentials.forget(KEYRING_SERVICE, view.name)
    return view


def password(account: AccountView, command: str | None) -> str:
    """The account's password now: from its command if it has one, else the keyring."""
    return credentials.password(
        service=KEYRING_SERVICE,
        user=account.name,
        command=command or "",
        setting=f"the --password-command of account {account.name}",
    )
