"""Signing in and out. Only reachable when a password is set; never needs a session."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from followthru.services import access
from followthru.web import security
from followthru.web.render import render

router = APIRouter(include_in_schema=False)
FAILED_SIGN_IN_DELAY = 1.0


def _safe_next(target: str | None) -> str:
    """Only a path on this app: `next=https://evil.example` must not become a redirect."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/today"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    if not request.app.state.web.access.password_hash:
        return render(
            request,
            "error.html",
            status_code=404,
            message="No password is set, so there is nothing to sign in to.",
            hint="Set one with `followthru serve --set-password`.",
        )
    return render(request, "login.html", next=_safe_next(next), failed=False)


@router.post("/login")
async def login(
    request: Request,
    password: Annotated[str, Form()],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    await security.check_write(request)
    web = request.app.state.web
    # One check at a time, off the event loop (argon2 takes ~0.1 s of CPU on purpose), and
    # a wrong guess holds the line for a second: guessing is slow however many are sent.
    async with web.sign_in_lock:
        right = await run_in_threadpool(access.check_password, web.access, password)
        if not right:
            await asyncio.sleep(FAILED_SIGN_IN_DELAY)
    if not right:
        return render(request, "login.html", status_code=401, next=_safe_next(next), failed=True)
    security.sign_in(request)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await security.check_write(request)
    await run_in_threadpool(access.end_sessions)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
