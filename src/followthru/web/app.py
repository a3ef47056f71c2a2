"""The FastAPI application: one context, the checks of security.py, and the one place where
errors become pages or JSON.

Services raise `FollowthruError` with a sentence and a hint; here it becomes a 4xx page
(or, for an htmx request, a message in the page's flash area) or a JSON error body — never
a traceback.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from followthru import __version__
from followthru.errors import (
    ContactNotFound,
    DatabaseError,
    EventNotFound,
    FollowthruError,
    PromiseNotFound,
)
from followthru.logs import record_crash
from followthru.services.runtime import Context
from followthru.web import (
    api,
    corrections,
    feed,
    history,
    pages,
    photos,
    scan_page,
    security,
    signin,
    suggestions,
    uploads,
)
from followthru.web.headers import SecurityHeaders
from followthru.web.render import is_htmx, render
from followthru.web.state import WebState

HERE = Path(__file__).parent
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
SESSION_DAYS = 14
LOGGER = logging.getLogger(__name__)
DATABASE_UNAVAILABLE = "The database could not complete the request; nothing was changed."
DATABASE_HINT = "Wait a moment and try again; if it keeps failing, see the server's log."
# Signed in when access is protected, and writes from this site only: all but the open routes.
GUARDED = [Depends(security.guard)]


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def _status(error: FollowthruError) -> int:
    if isinstance(error, ContactNotFound | EventNotFound | PromiseNotFound):
        return 404
    return 400


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def _problem(request: Request, status: int, message: str, hint: str | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "hint": hint}, status_code=status)
    if is_htmx(request):
        # htmx swaps nothing on a 4xx: answer 200 and point the swap at the flash area.
        response = render(request, "_flash.html", message=message, hint=hint, level="error")
        response.headers["HX-Retarget"] = "#flash"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    return render(request, "error.html", status_code=status, message=message, hint=hint)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(FollowthruError)
    async def user_error(request: Request, exc: FollowthruError) -> Response:
        if isinstance(exc, DatabaseError):
            # Its sentence names the database (a path, a server, a user name) and the
            # driver's reason: for the server's log, not for a browser on another machine.
            LOGGER.warning("%s %s: %s", request.method, request.url.path, exc.message)
            return _problem(request, 503, DATABASE_UNAVAILABLE, DATABASE_HINT)
        return _problem(request, _status(exc), exc.message, exc.hint)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        # The log's path stays on the server: a browser may be on another machine.
        record_crash(exc, f"{request.method} {request.url.path}")
        return _problem(
            request,
            500,
            "followthru failed unexpectedly; nothing more was changed.",
            "The details are in followthru's log file on the machine running the server.",
        )

    @app.exception_handler(security.Refused)
    async def refused(request: Request, exc: security.Refused) -> Response:
        return _problem(request, 403, exc.reason)

    @app.exception_handler(security.NotSignedIn)
    async def not_signed_in(request: Request, exc: security.NotSignedIn) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"error": "Sign in first: send the API token as a Bearer token.", "hint": None},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": "/login"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        what = f" ({', '.join(fields)})." if fields else "."
        if _wants_json(request):  # one error shape for the whole API, as its schema says
            return _problem(
                request,
                400,
                "The request has missing or unusable values" + what,
                "See /openapi.json for what each operation accepts.",
            )
        return _problem(
            request,
            400,
            "The form was sent with missing or unusable values" + what,
            "Reload the page and try again.",
        )

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        return _problem(request, 404, "There is no such page.", "Start again from Today.")


def create_app(
    ctx: Context,
    *,
    host: str = "127.0.0.1",
    today: date | None = None,
) -> FastAPI:
    """The app over an opened context. `host` is the address `serve` binds to: on a loopback
    address only loopback host names are accepted (a DNS-rebinding guard)."""
    state = WebState(ctx, today)
    app = FastAPI(
        lifespan=_lifespan(state),
        title="followthru",
        version=__version__,
        description="Your networking follow-through: contacts, events, touches, promises, "
        "today's plan and the weekly 12-4-1.",
        # The schema is served below, behind the same guard as the API; no docs page, as
        # FastAPI's loads its script from a CDN.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.web = state
    _install_handlers(app)
    _add_middleware(app, state, host)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _include_routers(app)
    _add_own_routes(app)
    return app


def _lifespan(state: WebState) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Runs the background plan cache while the server is up, and on the way down stops it
    and removes the uploads and scanned photos still waiting for review.

    While it is up, what was loaded at start (modules, the app, its routes: some 140,000
    objects) is kept out of the cycle collector's full passes: each pass over all of it
    stopped every request for ~70 ms about once in 60 requests, the slowest 5 % of them.
    Those objects live as long as the server anyway; they are handed back on the way down.
    """

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        gc.freeze()  # no collection first: start-up leaves no garbage, and one costs ~85 ms
        state.plans.start()
        yield
        state.plans.stop()
        uploads.discard_all()
        scan_page.discard_all()
        gc.unfreeze()

    return lifespan


def _add_middleware(app: FastAPI, state: WebState, host: str) -> None:
    """The host guard, the signed session cookie and the security headers, outermost last."""
    if is_loopback(host):
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=[*LOOPBACK, host])
    app.add_middleware(
        SessionMiddleware,
        secret_key=state.access.session_secret,
        session_cookie="followthru_session",
        max_age=SESSION_DAYS * 24 * 3600,
        same_site="strict",
        https_only=False,  # a local app is served over plain HTTP; put TLS in front to share it
    )
    app.add_middleware(SecurityHeaders)  # added last: it wraps every other layer's answers


# Open to anyone who reaches the server: signing in, and the calendar feed (its own token).
OPEN_ROUTERS: tuple[APIRouter, ...] = (signin.router, feed.router)
# Behind security.guard, in this order: corrections first, as pages' /promises/{id}/{outcome}
# would take /promises/{id}/edit.
GUARDED_ROUTERS: tuple[APIRouter, ...] = (
    corrections.router,
    pages.router,
    scan_page.router,
    suggestions.router,
    api.router,
    history.router,
    history.api,
    photos.router,
)


def _include_routers(app: FastAPI) -> None:
    """Every router of the package, the guard put on all but the open ones."""
    for router in OPEN_ROUTERS:
        app.include_router(router)
    for router in GUARDED_ROUTERS:
        app.include_router(router, dependencies=GUARDED)


def _add_own_routes(app: FastAPI) -> None:
    """The schema (guarded like the API it describes), a health check and an empty icon."""

    @app.get("/openapi.json", include_in_schema=False, dependencies=GUARDED)
    def openapi() -> dict[str, Any]:
        return api.document(app.openapi())

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"ok": True, "version": __version__}

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)
