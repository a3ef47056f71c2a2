"""The guard in front of MCP over streamable HTTP: the web app's API token, as for the
JSON API."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from followthru.services import access

NO_TOKEN_HINT = (
    "Make one with `followthru serve --new-token` and give it to the assistant as "
    "'Authorization: Bearer TOKEN'."
)


class TokenGuard:
    """Every HTTP request must carry the API token (`Authorization: Bearer …`); the access
    file is re-read when it changes, so a new token takes effect on a running server."""

    def __init__(self, app: ASGIApp, watched: access.Watched) -> None:
        self.app = app
        self.watched = watched

    def _allowed(self, scope: Scope) -> bool:
        headers = dict(scope.get("headers") or [])
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return False
        return access.check_api_token(self.watched.get(), token.strip())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._allowed(scope):
            refused = JSONResponse(
                {"error": "A valid API token is needed.", "hint": NO_TOKEN_HINT},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)
