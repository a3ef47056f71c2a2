"""Sending one e-mail through the user's SMTP server (starttls, ssl or plain).

Certificates are checked against the system's trust store (or SSL_CERT_FILE); every call
has a timeout; every refusal becomes one sentence naming the server.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from followthru.errors import DeliveryError

TIMEOUT_S = 30


@dataclass(frozen=True)
class SmtpAccount:
    host: str
    port: int
    security: str  # starttls, ssl, none
    user: str
    password: str | None

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def _connect(account: SmtpAccount) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if account.security == "ssl":
        return smtplib.SMTP_SSL(account.host, account.port, timeout=TIMEOUT_S, context=context)
    client = smtplib.SMTP(account.host, account.port, timeout=TIMEOUT_S)
    if account.security == "starttls":
        client.starttls(context=context)
    return client


def send(account: SmtpAccount, message: EmailMessage) -> None:
    """Deliver the message or raise DeliveryError; nothing is retried here."""
    try:
        with _connect(account) as client:
            if account.user:
                client.login(account.user, account.password or "")
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise _refusal(account, exc) from exc


def _refusal(account: SmtpAccount, exc: smtplib.SMTPException | OSError) -> DeliveryError:
    """One sentence for what went wrong with the server, and what to check."""
    where = f"The SMTP server {account.address}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(
            f"{where} refused the password for {account.user!r}.",
            "Check smtp.user and the password in your keyring or smtp.password_command.",
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError(
            f"{where} does not offer {_feature(account)}.",
            "Check smtp.security and smtp.port (587 with starttls, 465 with ssl).",
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        reason = error.decode(errors="replace") if isinstance(error, bytes) else error
        return DeliveryError(f"{where} refused the message: {exc.smtp_code} {reason}.")
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return DeliveryError(
            f"{where} refused the recipient {', '.join(exc.recipients)}.", "Check digest.to."
        )
    if isinstance(exc, ssl.SSLError):
        return DeliveryError(
            f"No secure connection to the SMTP server {account.address}: {exc.reason or exc}.",
            "Check smtp.security and smtp.port, and that the server's certificate is trusted.",
        )
    return DeliveryError(
        f"Cannot reach the SMTP server {account.address}: {_reason(exc)}.",
        "Check smtp.host and smtp.port, and that the server is running.",
    )


def _feature(account: SmtpAccount) -> str:
    return "STARTTLS" if account.security == "starttls" else "login (AUTH)"


def _reason(exc: Exception) -> str:
    if isinstance(exc, socket.timeout):
        return f"no answer within {TIMEOUT_S} s"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
