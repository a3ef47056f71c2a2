"""A person's photo, as a vCard brought it: served only as a raster image type, so a photo
claiming to be SVG or HTML can never run in the page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from followthru.services import contact_detail
from followthru.web.state import WebState, web

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web)]
SHOWN = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


@router.get("/contacts/{contact_id}/photo")
def photo(w: Web, contact_id: int) -> Response:
    found = contact_detail.photo(w.ctx, contact_id)
    if found is None or found[0].lower() not in SHOWN:
        return Response(status_code=404)
    return Response(
        found[1],
        media_type=found[0].lower(),
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300"},
    )
