"""Who may use the web app, kept in a file of its own beside the config file.

The file holds an argon2 hash of the password, a SHA-256 digest of the API token (a token
is 256 random bits, so a fast digest is enough and keeps every API call cheap), the secret
that signs session cookies, and the calendar feed token. Nothing here is a plain password,
but the session secret and the feed token are secrets, so the file is readable by its
owner only. Config stays shareable; this file does not.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import tomllib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from followthru.errors import BadInput, ConfigError
from followthru.settings import config_path

MIN_PASSWORD = 8


@dataclass(frozen=True)
class Access:
    session_secret: str
    feed_token: str
    password_hash: str | None = None
    api_token_digest: str | None = None
    session_epoch: int = 0  # sessions signed in under an older epoch are no longer valid

    @property
    def protected(self) -> bool:
        """A password or a token is set: every page and API call must prove it."""
        return bool(self.password_hash or self.api_token_digest)


def access_path() -> Path:
    return config_path().with_name("web-access.toml")


def _fresh() -> Access:
    return Access(session_secret=secrets.token_urlsafe(32), feed_token=secrets.token_urlsafe(24))


def _write(access: Access) -> None:
    import tomli_w

    path = access_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {k: v for k, v in asdict(access).items() if v is not None}
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        tomli_w.dump(data, handle)
    tmp.replace(path)


def load() -> Access:
    """The access file, made on first use with a new session secret and feed token."""
    path = access_path()
    if not path.exists():
        access = _fresh()
        _write(access)
        return access
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        access = Access(
            session_secret=str(data["session_secret"]),
            feed_token=str(data["feed_token"]),
            password_hash=data.get("password_hash"),
            api_token_digest=data.get("api_token_digest"),
            session_epoch=int(data.get("session_epoch", 0)),
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise ConfigError(
            f"The web access file {path} cannot be read ({exc.__class__.__name__}).",
            "Delete it and set the password again with `followthru serve --set-password`.",
        ) from exc
    return access


def set_password(password: str) -> Access:
    from argon2 import PasswordHasher

    if len(password) < MIN_PASSWORD:
        raise BadInput(f"A password needs at least {MIN_PASSWORD} characters.")
    current = load()
    # A new password ends every session signed in with the old one.
    access = replace(
        current,
        password_hash=PasswordHasher().hash(password),
        session_epoch=current.session_epoch + 1,
    )
    _write(access)
    return access


def end_sessions() -> None:
    """Signing out ends every session: a signed cookie cannot be taken back one by one,
    but all of them can be made stale at once."""
    current = load()
    _write(replace(current, session_epoch=current.session_epoch + 1))


def check_password(access: Access, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    if not access.password_hash:
        return False
    try:
        return PasswordHasher().verify(access.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_api_token() -> str:
    """A new API token, shown once: only its digest is kept, and the old one stops working."""
    token = secrets.token_urlsafe(32)
    _write(replace(load(), api_token_digest=_digest(token)))
    return token


def check_api_token(access: Access, token: str) -> bool:
    if not access.api_token_digest:
        return False
    return hmac.compare_digest(access.api_token_digest, _digest(token))


def rotate_feed_token() -> str:
    """A new feed address: calendars subscribed to the old one stop receiving updates."""
    token = secrets.token_urlsafe(24)
    _write(replace(load(), feed_token=token))
    return token


def check_feed_token(access: Access, token: str) -> bool:
    return hmac.compare_digest(access.feed_token.encode(), token.encode())


class Watched:
    """The access file as it is now: read again whenever it changes on disk (every write
    replaces the file, so its inode changes), so a new password, token or sign-out takes
    effect on a running server at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._access: Access | None = None

    @staticmethod
    def _stamp_now() -> tuple[int, int, int] | None:
        try:
            info = access_path().stat()
        except OSError:
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def get(self) -> Access:
        stamp = self._stamp_now()
        with self._lock:
            if self._access is None or stamp is None or stamp != self._stamp:
                self._access = load()
                self._stamp = self._stamp_now()
            return self._access
