"""`followthru serve`: the local web app, and who may use it."""

from __future__ import annotations

import socket
import sys
from typing import Annotated

import typer

from followthru.cli import output
from followthru.cli.state import state
from followthru.errors import BadInput


def _read_password() -> str:
    """Asked twice on a terminal; read from the first line of stdin in a script."""
    if sys.stdin.isatty():
        password: str = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
        return password
    return sys.stdin.readline().rstrip("\r\n")


def serve(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on. Anything but loopback needs a password or token."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the app in your browser.")
    ] = False,
    set_password: Annotated[
        bool, typer.Option("--set-password", help="Set the sign-in password, then exit.")
    ] = False,
    new_token: Annotated[
        bool,
        typer.Option("--new-token", help="Make a new API token (shown once), then exit."),
    ] = False,
    rotate_feed: Annotated[
        bool,
        typer.Option("--rotate-feed", help="Give the calendar feed a new secret address."),
    ] = False,
) -> None:
    """Open the web app: today's plan, triage board, contacts, events, insight, import."""
    from followthru.services import access

    if set_password:
        access.set_password(_read_password())
        output.done(f"Password set (argon2 hash in {access.access_path()}).")
        return
    if new_token:
        token = access.new_api_token()
        output.done("New API token (send it as 'Authorization: Bearer TOKEN'; shown once):")
        typer.echo(token)
        return
    if rotate_feed:
        token = access.rotate_feed_token()
        output.done("The calendar feed has a new address; the old one stops working:")
        typer.echo(f"http://{host}:{port}/feed/{token}.ics")
        return
    from followthru.web.app import create_app, is_loopback

    if not is_loopback(host) and not access.load().protected:
        raise BadInput(
            f"Refusing to listen on {host} without a password: anyone on the network "
            "could read and change your contacts.",
            "Set one with `followthru serve --set-password` (or make a token with "
            "--new-token), or keep the default --host 127.0.0.1.",
        )
    import uvicorn

    listening = _listen(host, port)
    st = state()
    app = create_app(st.context, host=host, today=st.today if st.today_text else None)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    output.done(f"followthru is at {url} (Ctrl+C stops it).")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", server_header=False)
    uvicorn.Server(config).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """The socket, bound before anything starts: a busy port is a clear message, not a
    server log line, and nothing else can take the port between the check and the start."""
    try:
        family, kind, proto, _, _ = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        # The protocol number matters: asyncio turns Nagle off (TCP_NODELAY) only on
        # sockets that say they are TCP, and without that every response waits ~40 ms.
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        raise BadInput(
            f"Cannot listen on {host}:{port}: {exc.strerror or exc}.",
            "Another program (or another `followthru serve`) may use it: choose --port.",
        ) from exc
    return sock


def register(app: typer.Typer) -> None:
    app.command()(serve)
