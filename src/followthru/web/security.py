"""Who may call the app, and which requests are refused before any service runs.

Three independent checks, each aimed at a different attack:
- authentication (a session from the login form, or an API bearer token) whenever a
  password or token is set — `serve` insists on one for any non-loopback address;
- a cross-site write is refused outright: browsers say where a request comes from
  (Sec-Fetch-Site, else Origin), so another site's form or script cannot act for the user;
- every HTML form also carries a per-session CSRF token, checked on each write.
The Host header is checked too (see app.py), so a DNS-rebinding page cannot reach a
loopback server under a name of its own.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request

from followthru.services import access

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_USER = "signed_in"
SESSION_CSRF = "csrf"


class NotSignedIn(Exception):
    """No session and no valid token while the app is protected."""


class Refused(Exception):
    """A write that fails the cross-site or CSRF check."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use; forms and htmx send it back."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _by_token(request: Request, current: access.Access) -> bool:
    token = bearer_token(request)
    return token is not None and access.check_api_token(current, token)


def _cross_site(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:  # not a browser (curl, a script): nothing ambient to abuse
        return False
    return urlsplit(origin).netloc != request.headers.get("host", "")


def sign_in(request: Request) -> None:
    """A new session on sign-in: a token planted before it is not carried over. The
    session remembers the access epoch it began in (see access.end_sessions)."""
    request.session.clear()
    request.session[SESSION_USER] = request.app.state.web.access.session_epoch
    csrf_token(request)


def _signed_in(request: Request, current: access.Access) -> bool:
    epoch = request.session.get(SESSION_USER)
    return isinstance(epoch, int) and not isinstance(epoch, bool) and epoch == current.session_epoch


async def guard(request: Request) -> None:
    """Every page and API route depends on this; the login form and the feed do not."""
    current = request.app.state.web.access  # the access file is looked at once per request
    by_token = _by_token(request, current)
    if current.protected and not (by_token or _signed_in(request, current)):
        raise NotSignedIn
    if request.method not in SAFE_METHODS and not by_token:
        await check_write(request)


async def check_write(request: Request) -> None:
    """Cross-site writes are refused; form posts must also carry the session's token."""
    if _cross_site(request):
        raise Refused("This request came from another site, so it was refused.")
    if request.url.path.startswith("/api/"):
        return  # API writes carry JSON, which a cross-site form cannot send without CORS
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = request.session.get(SESSION_CSRF)
    if not sent or not isinstance(expected, str) or not hmac.compare_digest(sent, expected):
        raise Refused("The form's security token is missing or out of date. Reload the page.")
