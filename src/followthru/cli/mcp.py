"""`followthru mcp`: serve followthru to an AI assistant over the Model Context Protocol."""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.state import state


def mcp(
    http: Annotated[
        bool,
        typer.Option("--http", help="Serve streamable HTTP on 127.0.0.1 instead of stdio."),
    ] = False,
    port: Annotated[
        int, typer.Option(min=1, max=65535, help="Port for --http (the path is /mcp).")
    ] = 8766,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Offer only the tools that read; none that write.")
    ] = False,
) -> None:
    """Let an AI assistant read your plan and record what happened (MCP over stdio)."""
    from followthru.mcp.server import build, http_app

    st = state()
    server = build(st.context, lambda: st.today, read_only=read_only)
    if not http:
        with contextlib.suppress(KeyboardInterrupt):
            server.run("stdio")
        return
    import uvicorn

    from followthru.cli.serve import _listen

    app = http_app(server)
    listening = _listen("127.0.0.1", port)
    output.done(f"MCP at http://127.0.0.1:{port}/mcp, with the API token (Ctrl+C stops it).")
    uvicorn.Server(uvicorn.Config(app, log_level="warning", server_header=False)).run(
        sockets=[listening]
    )


def register(app: typer.Typer) -> None:
    app.command()(mcp)
