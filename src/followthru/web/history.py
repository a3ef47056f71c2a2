"""The change journal on the web: a History page with an Undo button per change, the
Undo after an import and a triage move, and the same under /api/v1/history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from followthru.services import history
from followthru.web.api import ERRORS
from followthru.web.render import render
from followthru.web.state import WebState, web

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)  # the API's one error shape
Web = Annotated[WebState, Depends(web)]


@router.get("/history")
def history_page(request: Request, w: Web) -> Response:
    return render(request, "history.html", changes=history.recent(w.ctx, limit=50))


@router.post("/history/undo")
def undo_form(
    request: Request,
    w: Web,
    change: Annotated[int | None, Form()] = None,
    kind: Annotated[str | None, Form()] = None,
    back: Annotated[str, Form()] = "/history",
) -> Response:
    """Undo one change (or the newest of a kind: the last triage move), then go back."""
    undone = history.undo(w.ctx, change, kind=kind or None)
    request.session["flash"] = f"Undone: {undone.summary}."
    # Only a path of this app: never an address elsewhere.
    target = back if back.startswith("/") and not back.startswith("//") else "/history"
    return RedirectResponse(target, status_code=303)


@api.get("/history", summary="Recent changes, newest first")
def api_history(
    w: Web, limit: Annotated[int, Query(ge=1, le=history.MAX_LIMIT)] = history.DEFAULT_LIMIT
) -> list[dict[str, Any]]:
    return [c.as_json() for c in history.recent(w.ctx, limit=limit)]


@api.post("/history/{change_id}/undo", summary="Undo a change")
def api_undo(w: Web, change_id: int) -> dict[str, Any]:
    return history.undo(w.ctx, change_id).as_json()
