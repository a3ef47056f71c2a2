"""Templates and the helpers every page gets: the CSRF token, the navigation, dates.

Jinja2 autoescapes every value in these .html templates, so user text (a contact named
`<script>…`) is always shown as text; no template marks user data as safe.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from followthru.web import security

NAV = (
    ("today", "Today", "/today"),
    ("triage", "Triage", "/triage"),
    ("contacts", "Contacts", "/contacts"),
    ("events", "Events", "/events"),
    ("insight", "Insight", "/insight"),
    ("import", "Import", "/import"),
    ("history", "History", "/history"),
    ("scan", "Scan", "/scan"),
    ("suggestions", "Suggestions", "/suggestions"),
)


def _days_ago(day: date | None, today: date) -> str:
    if day is None:
        return "never"
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} days"
    return f"{days} days ago"


@cache
def templates() -> Jinja2Templates:
    found = Jinja2Templates(directory=Path(__file__).with_name("templates"))
    found.env.filters["days_ago"] = _days_ago
    found.env.trim_blocks = True
    found.env.lstrip_blocks = True
    return found


def is_htmx(request: Request) -> bool:
    """htmx asks for a fragment: answer with the part that changed, not a whole page."""
    return bool(request.headers.get("hx-request"))


def render(request: Request, name: str, *, status_code: int = 200, **values: Any) -> HTMLResponse:
    web = request.app.state.web
    response: HTMLResponse = templates().TemplateResponse(
        request,
        name,
        {
            "csrf_token": security.csrf_token(request),
            "nav": NAV,
            "today": web.today(),
            "protected": web.access.protected,
            "flash": request.session.pop("flash", None),
            "flash_undo": request.session.pop("flash_undo", False),
            **values,
        },
        status_code=status_code,
    )
    return response


def fragment(name: str, **values: Any) -> Markup:
    """A template rendered to markup outside any request, to keep and embed in pages; its
    values are autoescaped as on any page, so the markup is safe to embed as it is."""
    return Markup(templates().get_template(name).render(**values))
