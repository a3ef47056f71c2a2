"""The HTML pages. Each route reads the request, calls one service, renders one template.

Writes follow post/redirect/get (a reload never repeats them) unless htmx asked for a
fragment, in which case the fragment that changed comes back in place.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from followthru.domain.vocab import Channel, Pile, PromiseStatus, TouchKind, WeekItemStatus
from followthru.errors import BadInput
from followthru.services import (
    contact_detail,
    contacts,
    events,
    notes,
    planning,
    promises,
    stats,
    touches,
    week,
)
from followthru.web import charts, uploads
from followthru.web.render import fragment, is_htmx, render
from followthru.web.state import WebState, web

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
Web = Annotated[WebState, Depends(web)]


def _flash(request: Request, message: str) -> None:
    """A message shown once, on the page the redirect lands on."""
    request.session["flash"] = message


def _back(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


@router.get("/")
def home() -> Response:
    return _back("/today")


# --- Today and the week -------------------------------------------------------------


@router.get("/today")
def today_page(request: Request, w: Web) -> Response:
    plan = w.plans.get()
    feed = f"/feed/{w.access.feed_token}.ics"
    sent = w.digests_sent()
    return render(request, "today.html", plan=plan, week=w.this_week(), feed=feed, digests=sent)


@router.post("/today/done")
def today_done(
    request: Request,
    w: Web,
    contact_id: Annotated[int, Form()],
    action: Annotated[str, Form()],
    via: Annotated[str, Form()],
    summary: Annotated[str, Form()] = "",
    promise_id: Annotated[int | None, Form()] = None,
    due: Annotated[str | None, Form()] = None,
) -> Response:
    done = planning.complete(
        w.ctx,
        contact_id,
        action=action,
        via=via,
        summary=summary,
        promise_id=promise_id,
        due=w.date(due),
        today=w.today(),
    )
    if is_htmx(request):
        return render(request, "_done.html", done=done)
    _flash(request, f"Logged: {done.touch.kind} with {done.touch.contact_name}.")
    return _back("/today")


@router.post("/week/{number}")
def week_mark(request: Request, w: Web, number: int, status: Annotated[str, Form()]) -> Response:
    if status not in (WeekItemStatus.DONE, WeekItemStatus.SKIPPED):
        raise BadInput(f"Unknown status {status!r}.", "Use done or skipped.")
    week.mark(w.ctx, number, WeekItemStatus(status), today=w.today())
    if is_htmx(request):
        return render(request, "_week.html", week=w.this_week())
    return _back("/today")


# --- Triage ---------------------------------------------------------------------------


def _triage_summary(w: WebState, event: str | None) -> dict[str, Any]:
    if not event:
        return {"event": None, "warning": None}
    summary = events.summary(w.ctx, event)
    return {"event": summary, "warning": summary.target_warning}


@router.get("/triage")
def triage_page(request: Request, w: Web, event: str | None = None) -> Response:
    event = event or None
    queue = contacts.page(
        w.ctx,
        contacts.ListQuery(pile="untriaged", event=event, promising_first=True),
        today=w.today(),
        limit=PAGE_SIZE,
    )
    return render(
        request,
        "triage.html",
        queue=queue,
        events=w.event_counts(),
        piles=list(Pile),
        **_triage_summary(w, event),
    )


@router.post("/triage/{contact_id}")
def triage_move(
    request: Request,
    w: Web,
    contact_id: int,
    pile: Annotated[str, Form()],
    event: Annotated[str | None, Form()] = None,
) -> Response:
    moved = contacts.set_pile(w.ctx, contact_id, pile, today=w.today())
    if is_htmx(request):
        return render(request, "_triaged.html", moved=moved, **_triage_summary(w, event or None))
    return _back("/triage" + (f"?event={quote(event)}" if event else ""))


# --- Contacts -------------------------------------------------------------------------


@router.get("/contacts")
def contacts_page(
    request: Request,
    w: Web,
    q: str | None = None,
    pile: str | None = None,
    event: str | None = None,
    tag: str | None = None,
    dormant: str | None = None,
    page: int = 1,
) -> Response:
    query = contacts.ListQuery(
        pile=pile or None,
        event=event or None,
        tag=tag or None,
        dormant=dormant or None,
        search=q or None,
    )
    number = min(max(page, 1), contacts.MAX_OFFSET // PAGE_SIZE)
    found = contacts.page(
        w.ctx,
        query,
        today=w.today(),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
        tags_only=True,  # the listing shows no e-mails, phones or events
    )
    filters = {"q": q, "pile": pile, "event": event, "tag": tag, "dormant": dormant}
    values: dict[str, Any] = {
        "found": found,
        "number": number,
        "filters": {key: value or "" for key, value in filters.items()},
    }
    if is_htmx(request) and request.headers.get("hx-target") == "results":
        return render(request, "_contacts_results.html", **values)
    options = _event_options(w, filters["event"] or "")
    return render(request, "contacts.html", event_options=options, **values)


def _event_options(w: WebState, chosen: str) -> Markup:
    """The event picker's options: 700 of them were a third of the listing's rendering, so
    with no event chosen (the usual case) they are made once per change and kept."""
    names = w.event_names()
    if chosen in names:
        return fragment("_event_options.html", event_names=names, chosen=chosen)
    # The names are read again inside: a change since the line above must not be kept.
    return w.kept.get(
        "event options",
        lambda: fragment("_event_options.html", event_names=w.event_names(), chosen=None),
    )


@router.get("/contacts/{contact_id}")
def contact_page(request: Request, w: Web, contact_id: int) -> Response:
    detail = contact_detail.show(w.ctx, contact_id, today=w.today())
    try:
        score = planning.why(w.ctx, contact_id, today=w.today())
    except BadInput:  # archived people have no score; the page says so
        score = None
    return render(
        request,
        "contact.html",
        detail=detail,
        score=score,
        piles=list(Pile),
        channels=list(Channel),
        kinds=[k for k in TouchKind if k is not TouchKind.CONNECT],
    )


@router.post("/contacts/{contact_id}/notes")
def add_note(request: Request, w: Web, contact_id: int, text: Annotated[str, Form()]) -> Response:
    day = w.today()
    note = notes.add(w.ctx, contact_id, text, written_on=day, detect=True, today=day)
    heard = len(note.promises)
    _flash(request, "Note saved" + (f"; {heard} promise(s) heard in it." if heard else "."))
    return _back(f"/contacts/{contact_id}")


@router.post("/contacts/{contact_id}/touches")
def add_touch(
    request: Request,
    w: Web,
    contact_id: int,
    via: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    summary: Annotated[str, Form()] = "",
    on: Annotated[str | None, Form()] = None,
    inbound: Annotated[bool, Form()] = False,
) -> Response:
    day = w.today()
    touch = touches.log(
        w.ctx,
        contact_id,
        via=via,
        kind=kind,
        summary=summary,
        inbound=inbound,
        on=w.date(on) or day,
        today=day,
    )
    _flash(request, " ".join([f"Logged {touch.kind} via {touch.channel}.", *touch.warnings]))
    return _back(f"/contacts/{contact_id}")


@router.post("/contacts/{contact_id}/pile")
def change_pile(
    request: Request, w: Web, contact_id: int, pile: Annotated[str, Form()]
) -> Response:
    moved = contacts.set_pile(w.ctx, contact_id, pile, today=w.today())
    _flash(request, f"{moved.name} is now in {moved.pile}.")
    return _back(f"/contacts/{contact_id}")


@router.post("/contacts/{contact_id}/promises")
def add_promise(
    request: Request,
    w: Web,
    contact_id: int,
    what: Annotated[str, Form()],
    owner: Annotated[str, Form()] = "me",
    due: Annotated[str | None, Form()] = None,
) -> Response:
    promises.add(w.ctx, contact_id, what, owner=owner, due=w.date(due), today=w.today())
    _flash(request, "Promise noted.")
    return _back(f"/contacts/{contact_id}")


@router.post("/promises/{promise_id}/{outcome}")
def close_promise(
    request: Request,
    w: Web,
    promise_id: int,
    outcome: str,
    why: Annotated[str | None, Form()] = None,
) -> Response:
    status = {"done": PromiseStatus.DONE, "drop": PromiseStatus.DROPPED}.get(outcome)
    if status is None:
        raise BadInput(f"Unknown outcome {outcome!r}.", "Use done or drop.")
    closed = promises.close(w.ctx, promise_id, status=status, today=w.today(), why=why)
    _flash(request, f"Promise {'kept' if status is PromiseStatus.DONE else 'dropped'}.")
    return _back(f"/contacts/{closed.contact_id}")


# --- Events ---------------------------------------------------------------------------


@router.get("/events")
def events_page(request: Request, w: Web) -> Response:
    return render(request, "events.html", events=w.event_counts())


@router.post("/events")
def create_event(
    request: Request,
    w: Web,
    name: Annotated[str, Form()],
    held_on: Annotated[str | None, Form()] = None,
    where: Annotated[str | None, Form()] = None,
) -> Response:
    made = events.add(w.ctx, name, held_on=w.date(held_on), where=where or None)
    return _back(f"/events/{made.id}")


@router.get("/events/{event_id}")
def event_page(request: Request, w: Web, event_id: int) -> Response:
    detail = events.show(w.ctx, event_id)
    return render(request, "event.html", detail=detail)


# --- Insight --------------------------------------------------------------------------


@router.get("/insight")
def insight_page(request: Request, w: Web) -> Response:
    figures = stats.stats(w.ctx, today=w.today())
    return render(request, "insight.html", stats=figures, charts=charts.all_charts(figures))


# --- Import ---------------------------------------------------------------------------


@router.get("/import")
def import_page(request: Request) -> Response:
    return render(request, "import.html", report=None, upload=None)


@router.post("/import")
async def import_preview(
    request: Request,
    w: Web,
    file: Annotated[UploadFile, File()],
    event: Annotated[str | None, Form()] = None,
    pile: Annotated[str | None, Form()] = None,
) -> Response:
    upload = await uploads.save(file)
    report = uploads.run(w.ctx, upload, event=event, pile=pile, today=w.today(), dry_run=True)
    return render(request, "import.html", report=report, upload=upload, event=event, pile=pile)


@router.post("/import/confirm")
def import_confirm(
    request: Request,
    w: Web,
    upload_id: Annotated[str, Form()],
    event: Annotated[str | None, Form()] = None,
    pile: Annotated[str | None, Form()] = None,
) -> Response:
    upload = uploads.find(upload_id)
    report = uploads.run(w.ctx, upload, event=event, pile=pile, today=w.today(), dry_run=False)
    uploads.discard(upload)
    return render(request, "import.html", report=report, upload=None, done=True)
