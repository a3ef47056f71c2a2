"""Corrections on the web: edit and delete a touch, note or promise from the contact page,
and an event from its page.

Each route is thin over services/corrections.py (the same use cases as `touch edit`,
`note delete`, `event edit`…), answers with a redirect back to the page it came from
(post/redirect/get, so it works without JavaScript) and leaves bad input to the app's one
error handler.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from followthru.services import corrections, promises
from followthru.web.state import WebState, web

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web)]


def _done(request: Request, message: str, path: str, *, undo: bool = False) -> RedirectResponse:
    """Back to the page, with the message (and, after a delete, a link to History's Undo)."""
    request.session["flash"] = message
    request.session["flash_undo"] = undo
    return RedirectResponse(path, status_code=303)


@router.post("/touches/{touch_id}/edit")
def edit_touch(
    request: Request,
    w: Web,
    touch_id: int,
    on: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    via: Annotated[str, Form()],
    summary: Annotated[str, Form()] = "",
) -> Response:
    change = corrections.TouchChange(on=w.date(on), via=via, kind=kind, summary=summary)
    touch = corrections.edit_touch(w.ctx, touch_id, change)
    return _done(request, f"Changed touch #{touch.id}.", f"/contacts/{touch.contact_id}")


@router.post("/touches/{touch_id}/delete")
def delete_touch(request: Request, w: Web, touch_id: int) -> Response:
    gone = corrections.delete_touch(w.ctx, touch_id)
    return _done(request, f"Deleted touch #{gone.id}.", f"/contacts/{gone.contact_id}", undo=True)


@router.post("/notes/{note_id}/edit")
def edit_note(request: Request, w: Web, note_id: int, text: Annotated[str, Form()]) -> Response:
    note = corrections.edit_note(w.ctx, note_id, text)
    return _done(request, f"Changed note #{note.id}.", f"/contacts/{note.contact_id}")


@router.post("/notes/{note_id}/delete")
def delete_note(request: Request, w: Web, note_id: int) -> Response:
    gone = corrections.delete_note(w.ctx, note_id)
    return _done(request, f"Deleted note #{gone.id}.", f"/contacts/{gone.contact_id}", undo=True)


@router.post("/promises/{promise_id}/edit")
def edit_promise(
    request: Request,
    w: Web,
    promise_id: int,
    what: Annotated[str, Form()],
    owner: Annotated[str, Form()],
    due: Annotated[str | None, Form()] = None,
) -> Response:
    p = promises.edit(w.ctx, promise_id, today=w.today(), what=what, owner=owner, due=w.date(due))
    return _done(request, f"Changed promise #{p.id}.", f"/contacts/{p.contact_id}")


@router.post("/events/{event_id}/edit")
def edit_event(
    request: Request,
    w: Web,
    event_id: int,
    name: Annotated[str, Form()],
    held_on: Annotated[str | None, Form()] = None,
    where: Annotated[str, Form()] = "",
) -> Response:
    change = corrections.EventChange(name=name, held_on=w.date(held_on), where=where)
    event = corrections.edit_event(w.ctx, event_id, change)
    return _done(request, f"Changed event {event.name}.", f"/events/{event.id}")


@router.post("/events/{event_id}/delete")
def delete_event(request: Request, w: Web, event_id: int) -> Response:
    name = corrections.delete_event(w.ctx, event_id)
    return _done(request, f"Deleted event {name}; its people stay.", "/events", undo=True)
