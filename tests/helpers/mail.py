"""Mail the history tests write and read: one known conversation, as messages and as an mbox.

Shared by the file-import tests (`tests/cli`) and the IMAP sync tests (`tests/sync`), which
must agree on what the same conversation turns into.
"""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path
from typing import Any

ME = "me@example.com"
BODY = "The secret body text that must never be stored."


def message(
    sender: str,
    to: str,
    day: int,
    subject: str,
    *,
    mid: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = f"Mon, {day:02d} Nov 2026 10:00:00 +0000"
    msg["Subject"] = subject
    if mid is not None:
        msg["Message-ID"] = f"<{mid}@example.com>"
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(BODY)
    return msg


def conversation() -> list[EmailMessage]:
    """Jane gets two e-mails on the 10th and answers on the 12th; Omar never answers;
    a newsletter and a no-reply robot write too; a stranger talks both ways."""
    return [
        message(f"Me <{ME}>", "Jane <jane@example.com>", 10, "Lunch?", mid="a1"),
        message(f"Me <{ME}>", "jane@example.com", 10, "Re: Lunch?", mid="a2"),
        message("Jane Doe <Jane@Example.com>", ME, 12, "Re: Lunch?", mid="a3"),
        message(ME, "omar@example.org", 3, "Intro", mid="b1"),
        message(ME, "omar@example.org", 5, "Following up", mid="b2"),
        message("News <news@letters.example>", ME, 11, "Weekly", headers={"List-Id": "<w.x>"}),
        message("noreply@service.example", ME, 11, "Your receipt"),
        message("Sam Stranger <sam@else.example>", ME, 6, "Hello", mid="s1"),
        message(ME, "sam@else.example", 7, "Re: Hello", mid="s2"),
        message("Sam Stranger <sam@else.example>", ME, 8, "Re: Re: Hello"),  # no Message-ID
    ]


def make_mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(path)
    for msg in messages:
        box.add(msg)
    box.close()
    return path


def setup_people(cli: Any) -> None:
    cli.ok("config", "set", "user.emails", f"{ME},me@work.example")
    cli.ok("config", "set", "user.linkedin", "https://www.linkedin.com/in/me-myself")
    cli.ok("add", "Jane Doe", "--email", "jane@example.com")
    cli.ok("add", "Omar Haddad", "--email", "omar@example.org")


def touches(cli: Any, name: str) -> list[dict[str, Any]]:
    return [e for e in cli.json("show", name)["timeline"] if e["kind"] == "touch"]
