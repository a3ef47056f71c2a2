"""Reading message headers from an IMAP server, folder by folder, from a UID onwards.

Only INBOX and the folders the server marks as sent mail (RFC 6154 SPECIAL-USE `\\Sent`)
are read, and of each message only the header fields the caller names, fetched with
BODY.PEEK so that nothing is marked as read.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from followthru.errors import ServerError

TIMEOUT = 30.0
BATCH = 500
_SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "INBOX.Sent", "[Gmail]/Sent Mail")


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    tls: bool

    @classmethod
    def parse(cls, text: str) -> Endpoint:
        """`imap.example.com` (TLS on 993), `imaps://host:port`, or `imap://host:port`
        (no TLS: for a server on this machine)."""
        parts = urlsplit(text if "://" in text else f"imaps://{text}")
        if parts.scheme not in ("imap", "imaps") or not parts.hostname:
            raise ServerError(
                f"{text!r} is not an IMAP server.",
                "Give a host name such as imap.example.com, or imaps://host:port.",
            )
        tls = parts.scheme == "imaps"
        return cls(parts.hostname, parts.port or (993 if tls else 143), tls)

    @property
    def url(self) -> str:
        return f"{'imaps' if self.tls else 'imap'}://{self.host}:{self.port}"


class Mailbox:
    """One logged-in connection; use as a context manager so it always logs out."""

    def __init__(self, endpoint: Endpoint, user: str, password: str) -> None:
        from imapclient import IMAPClient

        self.endpoint = endpoint
        try:
            self.client = IMAPClient(
                endpoint.host,
                port=endpoint.port,
                ssl=endpoint.tls,
                ssl_context=ssl.create_default_context() if endpoint.tls else None,
                timeout=TIMEOUT,
            )
            self.client.login(user, password)
        except Exception as exc:
            raise _refused(endpoint, exc) from exc

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.client.logout()
        except Exception:  # the connection may already be gone; nothing left to close
            self.client.shutdown()

    def folders(self) -> list[str]:
        """INBOX and the sent-mail folders (by SPECIAL-USE, else by their usual names)."""
        listed = self._call(self.client.list_folders)
        sent = [name for flags, _, name in listed if b"\\Sent" in flags]
        if not sent:
            names = {name for _, _, name in listed}
            sent = [name for name in _SENT_NAMES if name in names][:1]
        return ["INBOX", *sent]

    def open(self, folder: str) -> int:
        """Select a folder read-only; its UIDVALIDITY."""
        status = self._call(self.client.select_folder, folder, readonly=True)
        return int(status[b"UIDVALIDITY"])

    def uids_after(self, last_uid: int) -> list[int]:
        found = self._call(self.client.search, ["UID", f"{last_uid + 1}:*"])
        return sorted(uid for uid in found if uid > last_uid)  # n:* always names the last one

    def headers(self, uids: list[int], fields: Sequence[str]) -> Iterator[list[tuple[int, bytes]]]:
        """These header fields of these messages, in batches, in UID order."""
        wanted = f"BODY.PEEK[HEADER.FIELDS ({' '.join(fields).upper()})]"
        for start in range(0, len(uids), BATCH):
            batch = uids[start : start + BATCH]
            fetched = self._call(self.client.fetch, batch, [wanted])
            yield [(uid, _header(fetched.get(uid, {}))) for uid in batch if uid in fetched]

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except Exception as exc:
            raise _refused(self.endpoint, exc) from exc


def _header(data: dict[bytes, Any]) -> bytes:
    for key, value in data.items():
        if key.startswith(b"BODY[HEADER.FIELDS") and isinstance(value, bytes):
            return value
    return b""


def _refused(endpoint: Endpoint, exc: Exception) -> ServerError:
    from imapclient.exceptions import LoginError

    if isinstance(exc, LoginError):
        return ServerError(
            f"The mail server {endpoint.url} refused the user name or password.",
            "Check them, then add the account again.",
        )
    if isinstance(exc, (OSError, socket.timeout)):
        return ServerError(
            f"The mail server {endpoint.url} cannot be reached ({exc}).",
            "Check the host name and your connection; sync resumes where it stopped.",
        )
    return ServerError(f"The mail server {endpoint.url} answered with an error: {exc}.")
