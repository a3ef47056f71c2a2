"""Corrections on the web: edit and delete a touch, note or promise from the contact page,
and an event from its page.

Each route is thin over services/corrections.py (the same use cases as `touch edit`,
`note delete`, `event edit`…), answers with a redirect back to the page it came from
(post/redirect/get, so it works without JavaScript) and leaves bad input to the app's one
error handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from followthru.services import corrections, promises
from followthru.services.runtime import Context
from followthru.web.state import WebState, web

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web)]


def _done(request: Request, message: str, path: str, *, undo: bool = False) -> RedirectResponse:
    """Back to the page, with the message (and, after a delete, a link to History's Undo)."""
    request.session["flash"] = message
    request.session["flash_undo"] = undo
    return RedirectResponse(path, status_code=303)


class _OfPerson(Protocol):
    """A touch, note or promise as a service returns it after changing it."""

    @property
    def id(self) -> int: ...
    @property
    def contact_id(self) -> int: ...


def _to_person(request: Request, done: str, row: _OfPerson, *, undo: bool = False) -> Response:
    """Back to the person's page, saying what was done to which row: every correction of
    a touch, note or promise ends the same way."""
    return _done(request, f"{done} #{row.id}.", f"/contacts/{row.contact_id}", undo=undo)


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
    return _to_person(request, "Changed touch", corrections.edit_touch(w.ctx, touch_id, change))


@router.post("/notes/{note_id}/edit")
def edit_note(request: Request, w: Web, note_id: int, text: Annotated[str, Form()]) -> Response:
    return _to_person(request, "Changed note", corrections.edit_note(w.ctx, note_id, text))


def _deleting(kind: str, plural: str, remove: Callable[[Context, int], _OfPerson]) -> None:
    """POST /{plural}/{id}/delete: the row goes, and the person's page offers Undo."""

    def delete(request: Request, w: Web, row_id: int) -> Response:
        return _to_person(request, f"Deleted {kind}", remove(w.ctx, row_id), undo=True)

    router.post(f"/{plural}/{{row_id}}/delete", name=f"delete_{kind}")(delete)


_deleting("touch", "touches", corrections.delete_touch)
_deleting("note", "notes", corrections.delete_note)


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
    return _to_person(request, "Changed promise", p)


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
