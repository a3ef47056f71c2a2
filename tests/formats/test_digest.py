"""Digests reach the user through real servers: aiosmtpd (STARTTLS, SSL, AUTH) and an HTTP
receiver for Apprise's json:// webhooks. Each is sent once per period, never empty, and
a refused send leaves no record so the next run retries."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from conftest import Cli
from followthru.formats import digest as layout
from followthru.formats.digest import Digest, DigestItem, Section

USER, PASSWORD = "me@example.com", "s3cret"


def said(result: Any) -> str:
    """The output with Rich's line wrapping undone."""
    return " ".join(result.output.split())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Mailbox:
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"


def _authenticator(_server: Any, _session: Any, _envelope: Any, mechanism: str, auth: Any) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth, LoginPassword) and (auth.login, auth.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    """A CA made here (trustme) and a server context for 127.0.0.1 signed by it."""
    import trustme

    ca = trustme.CA()
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    return ca_file, server


@pytest.fixture
def smtp_server(
    certificate: tuple[Path, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Mailbox]:
    """Starts aiosmtpd on 127.0.0.1 (starttls or ssl, with AUTH); every server is stopped."""
    from aiosmtpd.controller import Controller

    ca_file, context = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # the client trusts our CA like a system CA
    started: list[Controller] = []

    def start(security: str = "starttls") -> Mailbox:
        box = Mailbox(free_port())
        tls = {"ssl_context": context} if security == "ssl" else {"tls_context": context}
        controller = Controller(
            box,
            hostname="127.0.0.1",
            port=box.port,
            require_starttls=security == "starttls",
            authenticator=_authenticator,
            auth_required=True,
            # aiosmtpd only counts STARTTLS as TLS; an implicit-TLS socket is encrypted anyway
            auth_require_tls=security != "ssl",
            ready_timeout=10,
            **tls,
        )
        controller.start()
        started.append(controller)
        return box

    yield start  # type: ignore[misc]
    for controller in started:
        controller.stop()


@dataclass
class Webhook:
    url: str
    posts: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    """A real HTTP server on 127.0.0.1 that records what Apprise's json:// posts to it."""
    hook = Webhook("")

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if hook.status == 200:
                hook.posts.append(json.loads(body))
            self.send_response(hook.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    hook.url = f"json://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def configure(config_file: Path, **values: Any) -> None:
    import tomli_w

    nested: dict[str, Any] = {}
    for key, value in values.items():
        section, _, leaf = key.partition("__")
        nested.setdefault(section, {})[leaf] = value
    config_file.write_text(tomli_w.dumps(nested), encoding="utf-8")


def mail_settings(config_file: Path, box: Mailbox, **extra: Any) -> None:
    settings = {
        "smtp__host": "127.0.0.1",
        "smtp__port": box.port,
        "smtp__security": "starttls",
        "smtp__user": USER,
        "smtp__password_command": f"printf {PASSWORD}",
        "digest__to": "me@example.com",
        "web__url": "http://127.0.0.1:8765",
    }
    configure(config_file, **{**settings, **extra})


def small_network(cli: Cli) -> None:
    """Jane owes a deck (a day late on the 20th), an old connector is due a reconnect."""
    cli.ok(
        "add", "Jane Doe", "--email", "jane@example.com", "--pile", "target", "--met", "2026-10-01"
    )
    cli.ok("promise", "jane", "send the deck", "--due", "2026-11-19")
    cli.ok("add", "Old Friend", "--pile", "connector", "--met", "2026-06-01")


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_week_digest_arrives_once_a_week_with_drafts_and_links(
    cli: Cli, config_file: Path, smtp_server: Callable[..., Mailbox]
) -> None:
    box = smtp_server("starttls")
    mail_settings(config_file, box)
    small_network(cli)
    sent = cli.ok("digest", "week")
    assert "Sent this week's digest (3 items): e-mail to me@example.com" in said(sent)
    (message,) = box.messages
    assert message["Subject"] == "followthru: your week of 16 November 2026"
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    for part in (text, html):
        assert "Jane Doe" in part and "Old Friend" in part
        assert "send the deck" in part and "attached the deck." in part
        assert "http://127.0.0.1:8765/contacts/1" in part
    assert "Follow-through rate: 0% of your promises kept on time." in text
    assert "<blockquote" in html
    again = cli("digest", "week", today="2026-11-22")
    assert again.exit_code == 0 and "went out at" in said(again)
    assert len(box.messages) == 1
    cli.ok("digest", "week", "--force")
    assert len(box.messages) == 2
    cli.json("digest", "week")  # --json: already sent
    assert cli("digest", "week", today="2026-11-23").exit_code == 0  # a new week
    assert len(box.messages) == 3


def test_an_empty_network_gets_no_mail(
    cli: Cli, config_file: Path, smtp_server: Callable[..., Mailbox]
) -> None:
    box = smtp_server("starttls")
    mail_settings(config_file, box)
    for _ in range(2):
        assert "Nothing to say this week" in said(cli.ok("digest", "week"))
    assert cli.json("digest", "week")["status"] == "empty"
    assert box.messages == []


def test_a_refused_password_is_one_sentence_and_the_next_run_retries(
    cli: Cli, config_file: Path, smtp_server: Callable[..., Mailbox]
) -> None:
    box = smtp_server("starttls")
    mail_settings(config_file, box, smtp__password_command="printf wrong")
    small_network(cli)
    refused = cli("digest", "week")
    assert refused.exit_code == 1
    assert f"refused the password for '{USER}'" in said(refused)
    assert "Traceback" not in said(refused)
    mail_settings(config_file, box)
    assert "Sent this week's digest" in said(cli.ok("digest", "week"))
    assert len(box.messages) == 1


def test_a_server_that_is_down_is_retried_next_run(
    cli: Cli, config_file: Path, smtp_server: Callable[..., Mailbox]
) -> None:
    mail_settings(config_file, Mailbox(free_port()))  # nobody listens there
    small_network(cli)
    down = cli("digest", "week")
    assert down.exit_code == 1 and "Cannot reach the SMTP server 127.0.0.1:" in said(down)
    box = smtp_server("starttls")
    mail_settings(config_file, box)
    cli.ok("digest", "week")
    assert len(box.messages) == 1


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_with_the_password_in_the_keyring(
    cli: Cli,
    config_file: Path,
    smtp_server: Callable[..., Mailbox],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        stored: ClassVar[dict[tuple[str, str], str]] = {("followthru-smtp", USER): PASSWORD}

        def get_password(self, service: str, username: str) -> str | None:
            return self.stored.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.stored[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.stored.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        box = smtp_server("ssl")
        mail_settings(config_file, box, smtp__security="ssl", smtp__password_command="")
        small_network(cli)
        cli.ok("digest", "week")
        assert len(box.messages) == 1
        Memory.stored.clear()
        missing = cli("digest", "week", "--force")
        assert missing.exit_code == 2 and "No password for" in said(missing)
    finally:
        keyring.set_keyring(previous)


def test_today_notifies_every_url_once_a_day(cli: Cli, config_file: Path, webhook: Webhook) -> None:
    configure(config_file, notify__urls=[webhook.url])
    small_network(cli)
    cli.ok("digest", "today")
    (post,) = webhook.posts
    assert post["title"] == "followthru: today, Friday 20 November"
    assert "Jane Doe — You promised: send the deck" in post["message"]
    assert "Old Friend" in post["message"]
    assert "Hi Jane" not in post["message"]  # a notification is short: no drafts
    assert "went out" in said(cli.ok("digest", "today"))
    assert cli("digest", "today", today="2026-11-23").exit_code == 0
    assert len(webhook.posts) == 2


def test_a_failing_webhook_is_not_recorded(cli: Cli, config_file: Path, webhook: Webhook) -> None:
    configure(config_file, notify__urls=[webhook.url])
    small_network(cli)
    webhook.status = 500
    failed = cli("digest", "today")
    assert failed.exit_code == 1
    assert "could not be delivered to json://" in said(failed)
    assert "127.0.0.1" not in said(failed)  # URLs may hold tokens: only the scheme is named
    webhook.status = 200
    cli.ok("digest", "today")
    assert len(webhook.posts) == 1


def test_an_unusable_url_stops_the_day_before_any_url_is_notified(
    cli: Cli, config_file: Path, webhook: Webhook
) -> None:
    """A typo in the second URL must not leave the first one notified and unrecorded (the
    next run would notify it again)."""
    configure(config_file, notify__urls=[webhook.url, "bogus://nowhere"])
    small_network(cli)
    refused = cli("digest", "today")
    assert refused.exit_code == 2 and "cannot use (bogus://)" in said(refused)
    assert webhook.posts == []


def test_daily_email_goes_with_the_notification(
    cli: Cli, config_file: Path, webhook: Webhook, smtp_server: Callable[..., Mailbox]
) -> None:
    box = smtp_server("starttls")
    mail_settings(config_file, box, notify__urls=[webhook.url], digest__daily_email=True)
    small_network(cli)
    result = cli.json("digest", "today")
    assert result["status"] == "sent" and len(result["sent"]) == 2
    (message,) = box.messages
    assert "As promised, I've attached the deck." in parts(message)[0]
    assert len(webhook.posts) == 1


def test_dry_run_prints_and_sends_nothing(cli: Cli, config_file: Path, webhook: Webhook) -> None:
    small_network(cli)
    preview = cli.ok("digest", "week", "--dry-run").output
    assert "As promised, I've attached the deck." in preview
    configure(config_file, notify__urls=[webhook.url])
    assert "Notification: followthru: today" in said(cli.ok("digest", "today", "--dry-run"))
    assert webhook.posts == []
    cli.ok("digest", "today")
    assert len(webhook.posts) == 1


def test_today_without_anywhere_to_go_says_how(cli: Cli) -> None:
    result = cli("digest", "today")
    assert result.exit_code == 2 and "notify.urls" in said(result)


# Names and reasons are one line each (the e-mail library rewrites bare CRs); drafts span lines.
one_line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)
names = one_line.filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None)
@given(name=names, why=one_line, draft=one_line)
def test_both_parts_carry_every_item_and_html_is_escaped(name: str, why: str, draft: str) -> None:
    digest = Digest(
        "week", "Your week", [Section("Promises", [DigestItem(name, why, "call", draft)])]
    )
    message = layout.email(digest, sender="a@example.com", to="b@example.com")
    text_part = message.get_body(("plain",))
    html_part = message.get_body(("html",))
    assert text_part is not None and html_part is not None
    assert name.strip() in text_part.get_content()
    html = html_part.get_content()
    assert str(escape(name)) in html


def test_the_web_app_shows_the_last_digest_sent(
    cli: Cli, ctx: Any, config_file: Path, webhook: Webhook
) -> None:
    from fastapi.testclient import TestClient

    from followthru.web.app import create_app

    configure(config_file, notify__urls=[webhook.url])
    small_network(cli)
    app = create_app(ctx, today=date(2026, 11, 20))
    with TestClient(app, base_url="http://127.0.0.1") as web:
        assert "No digest sent yet" in web.get("/today").text
        cli.ok("digest", "today")
        page = web.get("/today").text
    assert "Daily notification:" in page and "2 items · notification to 1 URL" in page


def test_a_missing_password_stops_the_day_before_anything_is_sent(
    cli: Cli, config_file: Path, webhook: Webhook
) -> None:
    configure(
        config_file,
        notify__urls=[webhook.url],
        digest__daily_email=True,
        digest__to="me@example.com",
        smtp__host="127.0.0.1",
        smtp__user=USER,
        smtp__password_command="false",
    )
    small_network(cli)
    result = cli("digest", "today")
    assert result.exit_code == 2 and "printed no password" in said(result)
    assert webhook.posts == []
