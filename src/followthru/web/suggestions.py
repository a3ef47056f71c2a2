"""The Suggestions page: correspondents from mail, calendar and LinkedIn who are not
contacts, each to add (with the history already seen) or to set aside for good."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from followthru.services import suggestions
from followthru.web.render import render
from followthru.web.state import WebState, web

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web)]


@router.get("/suggestions")
def suggestions_page(request: Request, w: Web) -> Response:
    return render(request, "suggestions.html", suggestions=suggestions.suggestions(w.ctx))


@router.post("/suggestions/add")
def add(request: Request, w: Web, ref: Annotated[str, Form()]) -> Response:
    added = suggestions.add(w.ctx, ref, today=w.today())
    return RedirectResponse(f"/contacts/{added.contact.id}", status_code=303)


@router.post("/suggestions/dismiss")
def dismiss(request: Request, w: Web, ref: Annotated[str, Form()]) -> Response:
    suggestions.dismiss(w.ctx, ref)
    request.session["flash"] = f"{ref} will not be suggested again."
    return RedirectResponse("/suggestions", status_code=303)
