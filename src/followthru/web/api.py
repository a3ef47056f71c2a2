"""The JSON API under /api/v1: the same services and the same shapes as the CLI's --json.

Request bodies are pydantic models, so the OpenAPI schema at /openapi.json says exactly
what each write accepts; responses are the services' `as_json()` dictionaries.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from followthru.domain.vocab import PromiseStatus, WeekItemStatus
from followthru.errors import BadInput
from followthru.services import (
    contact_detail,
    contacts,
    events,
    notes,
    planning,
    promises,
    touches,
    week,
)
from followthru.web.state import WebState, web


class ApiError(BaseModel):
    """The one shape of every API error: a sentence, and what to do about it."""

    error: str
    hint: str | None = None


def _error(description: str) -> dict[str, Any]:
    return {"model": ApiError, "description": description}


ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("Bad input: a body, parameter or value the API cannot use."),
    401: _error("Not signed in: send the API token as a Bearer token."),
    403: _error("Refused: a cross-site request."),
    404: _error("No such contact, event, promise or week item."),
    503: _error("The database could not complete the request; nothing was changed."),
}
router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS)
Web = Annotated[WebState, Depends(web)]
Json = dict[str, Any]


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as the API answers: bad bodies are 400 with `ApiError`, not the
    framework's 422, so that entry and its models are taken out."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            operation.get("responses", {}).pop("422", None)
    models = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        models.pop(name, None)
    return schema


Text = Annotated[str, Field(min_length=1, max_length=2000)]
Short = Annotated[str, Field(max_length=300)]


class ContactIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=300)]
    emails: Annotated[list[Short], Field(max_length=20)] = []
    phones: Annotated[list[Short], Field(max_length=20)] = []
    company: Short | None = None
    title: Short | None = None
    pile: Literal["target", "connector", "general"] | None = None
    event: Short | None = None
    tags: Annotated[list[Short], Field(max_length=50)] = []
    note: Annotated[str, Field(max_length=5000)] | None = None


class PileIn(BaseModel):
    pile: Literal["target", "connector", "general"]


class EventIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=300)]
    date: dt.date | None = None
    where: Short | None = None


class TouchIn(BaseModel):
    contact_id: int
    via: Literal["email", "call", "meeting", "message", "linkedin", "in-person"] = "email"
    kind: Literal[
        "checkin",
        "reconnect",
        "content",
        "connect",
        "congratulate",
        "ask",
        "engage",
        "meeting",
        "thanks",
    ] = "checkin"
    summary: Annotated[str, Field(max_length=2000)] = ""
    on: dt.date | None = Field(None, description="When it happened; today when left out.")
    inbound: bool = False
    with_contact_id: int | None = Field(None, description="The other person of an introduction.")


class PromiseIn(BaseModel):
    contact_id: int
    what: Text
    owner: Literal["me", "them", "both"] = "me"
    due: dt.date | None = None


class DropIn(BaseModel):
    why: Text


class NoteIn(BaseModel):
    contact_id: int
    text: Annotated[str, Field(min_length=1, max_length=10000)]
    on: dt.date | None = None
    detect: bool = True


class WeekMarkIn(BaseModel):
    status: Literal[WeekItemStatus.DONE, WeekItemStatus.SKIPPED]


@router.get("/contacts", summary="List contacts, a page at a time")
def list_contacts(
    w: Web,
    search: Annotated[str | None, Query(max_length=200)] = None,
    pile: Literal["target", "connector", "general", "untriaged"] | None = None,
    event: Annotated[str | None, Query(max_length=300)] = None,
    tag: Annotated[str | None, Query(max_length=100)] = None,
    dormant_days: Annotated[int | None, Query(ge=1, le=36500)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=contacts.MAX_OFFSET)] = 0,
) -> Json:
    query = contacts.ListQuery(
        pile=pile,
        event=event,
        tag=tag,
        dormant=f"{dormant_days}d" if dormant_days else None,
        search=search,
    )
    return contacts.page(w.ctx, query, today=w.today(), limit=limit, offset=offset).as_json()


@router.post("/contacts", status_code=201, summary="Add a contact")
def add_contact(w: Web, body: ContactIn) -> Json:
    new = contacts.NewContact(
        name=body.name,
        emails=body.emails,
        phones=body.phones,
        company=body.company,
        title=body.title,
        pile=body.pile,
        event=body.event,
        tags=body.tags,
        note=body.note,
    )
    return contacts.add(w.ctx, new, today=w.today()).as_json()


@router.get("/contacts/{contact_id}", summary="A contact with timeline, promises and ledger")
def get_contact(w: Web, contact_id: int) -> Json:
    return contact_detail.show(w.ctx, contact_id, today=w.today()).as_json()


@router.get("/contacts/{contact_id}/why", summary="The score behind a contact's place today")
def get_why(w: Web, contact_id: int) -> Json:
    day = w.today()
    return planning.why_json(planning.why(w.ctx, contact_id, today=day), day)


@router.put("/contacts/{contact_id}/pile", summary="Put a contact in a pile")
def put_pile(w: Web, contact_id: int, body: PileIn) -> Json:
    return contacts.set_pile(w.ctx, contact_id, body.pile, today=w.today()).as_json()


@router.get("/events", summary="Events with their triage counts")
def list_events(w: Web) -> list[Json]:
    return [e.as_json() for e in w.event_counts()]


@router.post("/events", status_code=201, summary="Add an event")
def add_event(w: Web, body: EventIn) -> Json:
    return events.add(w.ctx, body.name, held_on=body.date, where=body.where).as_json()


@router.get("/events/{event_id}", summary="An event and the people met there")
def get_event(w: Web, event_id: int) -> Json:
    return events.show(w.ctx, event_id).as_json()


@router.post("/touches", status_code=201, summary="Log a touch")
def add_touch(w: Web, body: TouchIn) -> Json:
    day = w.today()
    return touches.log(
        w.ctx,
        body.contact_id,
        via=body.via,
        kind=body.kind,
        summary=body.summary,
        inbound=body.inbound,
        on=body.on or day,
        today=day,
        with_ref=body.with_contact_id,
    ).as_json()


@router.post("/notes", status_code=201, summary="Add a note; promises in it are filed")
def add_note(w: Web, body: NoteIn) -> Json:
    day = w.today()
    return notes.add(
        w.ctx,
        body.contact_id,
        body.text,
        written_on=body.on or day,
        detect=body.detect,
        today=day,
    ).as_json()


@router.get("/promises", summary="Promises, open ones first (overdue first)")
def list_promises(w: Web, include_closed: bool = False) -> list[Json]:
    found = promises.listing(w.ctx, today=w.today(), include_closed=include_closed)
    return [p.as_json() for p in found]


@router.post("/promises", status_code=201, summary="Record a promise")
def add_promise(w: Web, body: PromiseIn) -> Json:
    return promises.add(
        w.ctx, body.contact_id, body.what, owner=body.owner, due=body.due, today=w.today()
    ).as_json()


@router.post("/promises/{promise_id}/done", summary="Mark a promise kept")
def keep_promise(w: Web, promise_id: int) -> Json:
    return promises.close(w.ctx, promise_id, status=PromiseStatus.DONE, today=w.today()).as_json()


@router.post("/promises/{promise_id}/drop", summary="Drop a promise, saying why")
def drop_promise(w: Web, promise_id: int, body: DropIn) -> Json:
    return promises.close(
        w.ctx, promise_id, status=PromiseStatus.DROPPED, today=w.today(), why=body.why
    ).as_json()


@router.get("/today", summary="Today's plan: promises, first follow-ups, reconnects")
def get_today(
    w: Web,
    reconnects: Annotated[int | None, Query(ge=0, le=100)] = None,
    drafts: bool = True,
) -> Json:
    return w.plans.get(n=reconnects, drafts=drafts).as_json(w.today())


@router.get("/week", summary="This week's 12-4-1 plan (made on first look)")
def get_week(w: Web, last: bool = False) -> Json:
    return week.show(w.ctx, today=w.today(), last=last).as_json()


@router.post("/week/{number}", summary="Tick off or skip an item of this week's plan")
def mark_week(w: Web, number: int, body: WeekMarkIn) -> Json:
    if number < 1:
        raise BadInput("Week items are numbered from 1.")
    return week.mark(w.ctx, number, body.status, today=w.today()).as_json()
