"""A digest as the user receives it: plain text, HTML, a short notification, an e-mail.

The service decides what goes in (a `Digest` of plain values); this module only lays it
out, so the text and HTML parts always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from functools import cache
from importlib import resources

import jinja2

NOTIFY_LINES = 12  # a phone shows a few lines; the rest is one "… and N more"


@dataclass(frozen=True)
class DigestItem:
    name: str
    why: str
    action: str  # e.g. "message via email"
    draft: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class Section:
    title: str
    items: list[DigestItem]


@dataclass(frozen=True)
class Digest:
    kind: str  # week, today
    subject: str
    sections: list[Section]
    summary: list[str] = field(default_factory=list)  # score lines, shown above the items
    link: str | None = None  # the web app's page for the same plan

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)


def text(digest: Digest) -> str:
    lines = [digest.subject, "=" * len(digest.subject), ""]
    lines += [*digest.summary, ""] if digest.summary else []
    for section in digest.sections:
        lines += [section.title, "-" * len(section.title)]
        for number, item in enumerate(section.items, start=1):
            lines.append(f"{number}. {item.name} — {item.why}")
            lines.append(f"   {item.action}" + (f" · {item.link}" if item.link else ""))
            for line in (item.draft or "").splitlines():
                lines.append(f"   | {line}")
        lines.append("")
    if digest.link:
        lines.append(f"Open the plan: {digest.link}")
    return "\n".join(lines).rstrip() + "\n"


@cache
def _template() -> jinja2.Template:
    source = resources.files("followthru").joinpath("templates", "digest", "email.html")
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(source.read_text(encoding="utf-8"))


def html(digest: Digest) -> str:
    return _template().render(digest=digest)


def notification(digest: Digest) -> tuple[str, str]:
    """Title and body for a push notification: names and reasons, no drafts."""
    lines = []
    for section in digest.sections:
        lines += [f"• {item.name} — {item.why}" for item in section.items]
    shown = lines[:NOTIFY_LINES]
    if len(lines) > NOTIFY_LINES:
        shown.append(f"… and {len(lines) - NOTIFY_LINES} more")
    if digest.link:
        shown.append(digest.link)
    return digest.subject, "\n".join(shown)


def email(digest: Digest, *, sender: str, to: str, domain: str | None = None) -> EmailMessage:
    """A multipart/alternative message: the text part first, the HTML part preferred."""
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid("followthru", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation replies stay away
    message.set_content(text(digest))
    message.add_alternative(html(digest), subtype="html")
    return message
