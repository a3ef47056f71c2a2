"""Drafted messages: templates filled with what we know about a person.

Templates are Jinja2 text rendered in a sandbox, because users may override them with
their own files. A template file holds several wordings separated by a line `---`; the
wording is chosen by how many messages of that kind the person has already had, so the
same person does not get the same words twice in a row, and the same database always
gives the same draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from followthru.errors import BadInput

VARIANT_SEPARATOR = "\n---\n"

# What a user asks for with `draft --kind`, besides the kinds that are files of their own.
DRAFT_KINDS = (
    "reconnect",
    "checkin",
    "meeting",
    "content",
    "connect",
    "congratulate",
    "birthday",
    "thanks",
    "post-event",
    "promise",
    "ask",
)


@dataclass(frozen=True)
class DraftContext:
    """Everything a template may use; missing facts are empty strings, never errors."""

    first_name: str
    name: str
    company: str = ""
    title: str = ""
    pile: str = ""
    event: str = ""
    last_topic: str = ""
    connected: str = ""  # "in March 2016": when we connected, for someone never in touch
    promise: str = ""  # the promise as a noun phrase (see domain.promise_text)
    promise_action: str = ""  # as a verb phrase: "have lunch", "send you the deck"
    promise_gift: str = ""  # what I hand over, when the promise is a thing
    about: str = ""
    other_name: str = ""
    other_first_name: str = ""
    other_title: str = ""
    other_company: str = ""
    user_name: str = ""
    signature: str = ""


_TOPIC = re.compile(
    r"\b(?:talked about|spoke about|chatted about|discussed|about|regarding|re:|re)\s+(?P<topic>[^.;!?\n]+)",
    re.IGNORECASE,
)
_TOPIC_WORDS = 8


def topic_from(texts: Sequence[str]) -> str:
    """The last thing talked about, as a phrase that fits 'we spoke about …'.

    Notes are sentences ("coffee — talked about their Series A"); only the part after
    'about' reads well inside a message, so a text without such a part gives nothing
    rather than an awkward quotation.
    """
    for text in texts:
        match = _TOPIC.search(text)
        if match:
            words = match.group("topic").strip(" ,:-—").split()
            if words:
                return " ".join(words[:_TOPIC_WORDS]).rstrip(",")
    return ""


def template_name(kind: str, *, pile: str | None = None, owner: str | None = None) -> str:
    """The template file for a kind: post-event depends on the pile, promise on the owner."""
    if kind == "post-event":
        return f"post-event-{pile if pile in ('target', 'connector') else 'general'}"
    if kind == "promise":
        return f"promise-{owner or 'me'}"
    return kind


def split_variants(source: str) -> list[str]:
    variants = [v.strip() for v in source.replace("\r\n", "\n").split(VARIANT_SEPARATOR)]
    return [v for v in variants if v]


def sandbox(**options: Any) -> Any:
    """The one Jinja environment drafts are compiled in: sandboxed, because users write
    their own templates, and strict, so a misspelt name is an error, not a blank.
    `options` add a loader or a bytecode cache (`services.draft_text`)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False, **options
    )


def syntax_error(exc: Exception) -> BadInput:
    """A template that does not compile, as the user is told of it."""
    line = getattr(exc, "lineno", "?")
    return BadInput(
        f"A draft template has an error on line {line}: {getattr(exc, 'message', exc)}."
    )


@lru_cache(maxsize=64)
def _compile(source: str) -> Any:
    from jinja2 import TemplateSyntaxError

    try:
        return sandbox().from_string(source)
    except TemplateSyntaxError as exc:
        raise syntax_error(exc) from exc


def render(
    variants: Sequence[str],
    context: DraftContext,
    *,
    sent_before: int,
    compile: Callable[[str], Any] = _compile,
) -> str:
    """Fill the wording picked by `sent_before` (messages of this kind already sent);
    `compile` turns a wording into a Jinja template (the services keep them compiled
    between runs)."""
    if not variants:
        raise BadInput("A draft template is empty.", "Put at least one wording in the file.")
    source = variants[sent_before % len(variants)]
    template = compile(source)
    try:
        body = template.render(**asdict(context)).strip()
    except Exception as exc:  # a user's template can fail in any way: 1/0, include, range(10**9)
        raise BadInput(
            f"A draft template could not be filled: {exc}.",
            "Check the names and expressions used in it (templates cannot include files).",
        ) from exc
    sign_off = context.signature or context.user_name
    return f"{body}\n\n{sign_off}" if sign_off else body
