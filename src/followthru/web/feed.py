"""The calendar feed: the same events as `followthru calendar`, behind a secret address.

Calendar apps cannot sign in, so the address itself is the secret; `followthru serve
--rotate-feed` replaces it when it leaks.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from followthru.services import access
from followthru.services.calendar_export import calendar

router = APIRouter(include_in_schema=False)


@router.get("/feed/{token}.ics")
def feed(request: Request, token: str) -> Response:
    web = request.app.state.web
    if not access.check_feed_token(web.access, token):
        return Response("No such feed.\n", status_code=404, media_type="text/plain")
    return Response(
        calendar(web.ctx, today=web.today()),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )
