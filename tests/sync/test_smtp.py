"""Each way an SMTP server can refuse a message becomes its own sentence naming the server.

The servers are aiosmtpd on 127.0.0.1, told to refuse at the step under test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import pytest

from followthru.errors import DeliveryError
from followthru.remote.smtp import SmtpAccount, send
from helpers.servers import free_port


class Refusing:
    """An SMTP handler that refuses recipients, or the message itself, when told to."""

    def __init__(self, at: str) -> None:
        self.at = at

    async def handle_RCPT(
        self, _server: Any, _session: Any, envelope: Any, address: str, _options: Any
    ) -> str:
        if self.at == "recipient":
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, _session: Any, _envelope: Any) -> str:
        return "554 5.7.1 looks like spam" if self.at == "message" else "250 OK"


@pytest.fixture
def plain_server() -> Iterator[Callable[[str], int]]:
    """Starts a server without TLS or AUTH that refuses at the step named; all are stopped."""
    from aiosmtpd.controller import Controller

    started: list[Controller] = []

    def start(at: str) -> int:
        port = free_port()
        controller = Controller(Refusing(at), hostname="127.0.0.1", port=port, ready_timeout=10)
        controller.start()
        started.append(controller)
        return port

    yield start
    for controller in started:
        controller.stop()


def _message() -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "me@example.com", "you@example.com", "Hi"
    message.set_content("Today's plan.")
    return message


def _refusal(port: int, security: str = "none") -> str:
    account = SmtpAccount("127.0.0.1", port, security, user="", password=None)
    with pytest.raises(DeliveryError) as caught:
        send(account, _message())
    return f"{caught.value} | {caught.value.hint}"


def test_a_delivered_message_raises_nothing(plain_server: Callable[[str], int]) -> None:
    send(SmtpAccount("127.0.0.1", plain_server("nowhere"), "none", "", None), _message())


def test_a_refused_recipient_is_named(plain_server: Callable[[str], int]) -> None:
    port = plain_server("recipient")
    said = _refusal(port)
    assert said == (
        f"The SMTP server 127.0.0.1:{port} refused the recipient you@example.com. | "
        "Check digest.to."
    )


def test_a_refused_message_gives_the_servers_reason(plain_server: Callable[[str], int]) -> None:
    port = plain_server("message")
    said = _refusal(port)
    assert said == (
        f"The SMTP server 127.0.0.1:{port} refused the message: 554 5.7.1 looks like spam. | None"
    )


def test_starttls_on_a_server_without_it(plain_server: Callable[[str], int]) -> None:
    port = plain_server("nowhere")
    said = _refusal(port, "starttls")
    assert said.startswith(f"The SMTP server 127.0.0.1:{port} does not offer STARTTLS. | ")
    assert "587 with starttls" in said


def test_ssl_on_a_plain_server_is_no_secure_connection(plain_server: Callable[[str], int]) -> None:
    port = plain_server("nowhere")
    said = _refusal(port, "ssl")
    assert said.startswith(f"No secure connection to the SMTP server 127.0.0.1:{port}: ")
    assert said.endswith("the server's certificate is trusted.")


def test_nothing_listening_is_cannot_reach() -> None:
    port = free_port()
    assert _refusal(port).startswith(f"Cannot reach the SMTP server 127.0.0.1:{port}: ")
