"""The MCP server itself: which tools, resources and prompts an assistant sees, and the
same server as streamable HTTP.

Read-only mode leaves the writing tools out altogether (not refused on call), so an
assistant cannot even offer to change anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mcp.server import MCPServer
from mcp.types import ToolAnnotations
from starlette.types import ASGIApp

from followthru import __version__
from followthru.errors import BadInput
from followthru.mcp import guides
from followthru.mcp.http import NO_TOKEN_HINT, TokenGuard
from followthru.mcp.reading import READING
from followthru.mcp.tooling import Desk, Server, as_text, as_tool
from followthru.mcp.writing import WRITING
from followthru.services import access
from followthru.services.runtime import Context

ABOUT = (
    "followthru keeps the user's professional network and makes them follow through: "
    "promises first, then first follow-ups after events, then reconnects, and a weekly "
    "12-4-1 plan. Start with `today` or `week`. People are named by name, e-mail or #ID "
    "(results show the #ID; prefer it once known)."
)
RECORDING = (
    " Record what the user did with `log_touch`, and what they learnt or said with "
    "`write_note` (promises in a note are filed and reported back: tell the user). Ask "
    "before recording anything the user did not say."
)

READS = ToolAnnotations(read_only_hint=True, open_world_hint=False)
WRITES = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)


def build(ctx: Context, today: Callable[[], date], *, read_only: bool = False) -> MCPServer:
    """The server over an opened database; `today` is asked on every call."""
    desk = Desk(ctx, today)
    server = Server(
        "followthru",
        version=__version__,
        instructions=ABOUT if read_only else ABOUT + RECORDING,
        log_level="WARNING",
    )
    for fn in READING:
        server.add_tool(as_tool(fn, desk), annotations=READS)
    if not read_only:
        for fn in WRITING:
            server.add_tool(as_tool(fn, desk), annotations=WRITES)
    _add_resources(server, desk)
    _add_prompts(server, desk)
    return server


# (URI, name, description, text): JSON as the matching command's --json prints it
RESOURCES: list[tuple[str, str, str, Callable[..., str]]] = [
    (
        "followthru://people/{contact_id}",
        "person",
        "A person with their timeline, open promises and give/ask ledger.",
        guides.person_json,
    ),
    (
        "followthru://week",
        "week",
        "This week's 12-4-1 plan with what is done and the streak.",
        guides.week_json,
    ),
]
# (name, title, description, text)
PROMPTS: list[tuple[str, str, str, Callable[..., str]]] = [
    (
        "post-event-follow-up",
        "Post-event follow-up",
        "Run the follow-up session after an event: promises, triage, targets within 2 days, "
        "connectors within a week.",
        guides.post_event_follow_up,
    ),
    (
        "weekly-12-4-1-review",
        "Weekly 12-4-1 review",
        "Go through this week's 12 light touches, 4 messages and 1 deeper conversation, and "
        "last week's score.",
        guides.weekly_review,
    ),
]


def _add_resources(server: MCPServer, desk: Desk) -> None:
    for uri, name, description, text in RESOURCES:
        server.resource(uri, name=name, description=description, mime_type="application/json")(
            as_text(text, desk)
        )


def _add_prompts(server: MCPServer, desk: Desk) -> None:
    for name, title, description, text in PROMPTS:
        server.prompt(name, title=title, description=description)(as_text(text, desk))


def http_app(server: MCPServer) -> ASGIApp:
    """The server as streamable HTTP at /mcp, for assistants that connect to a URL: behind
    the API token, and refused outright while no token exists, since any program on this
    machine could otherwise use it."""
    if not access.load().api_token_digest:
        raise BadInput("The MCP server over HTTP needs the web app's API token.", NO_TOKEN_HINT)
    return TokenGuard(server.streamable_http_app(host="127.0.0.1"), access.Watched())
