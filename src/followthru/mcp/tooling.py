"""What every tool shares: the open database and today's date, the reply shape, and the one
place where a `FollowthruError` becomes a tool error with the CLI's sentence and hint."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from mcp.shared.exceptions import MCPError
from mcp.types import INTERNAL_ERROR, INVALID_PARAMS, CallToolResult, TextContent

from followthru.domain.dates import parse_date
from followthru.errors import FollowthruError
from followthru.logs import crash_hint, crash_sentence, record_crash
from followthru.services.runtime import Context

T = TypeVar("T")


@dataclass(frozen=True)
class Desk:
    """The opened database and a clock: `today` is asked on every call, so a server left
    running overnight plans the new day."""

    ctx: Context
    today: Callable[[], date]

    def date(self, text: str | None) -> date | None:
        """A date as the CLI reads it (2026-12-01, today, yesterday), or None when blank."""
        return parse_date(text, today=self.today()) if text and text.strip() else None


@dataclass(frozen=True)
class Reply:
    """A tool's answer: a few lines for the assistant to read, and the same as data."""

    text: str
    data: dict[str, Any] = field(default_factory=dict)


def error_text(error: FollowthruError) -> str:
    return f"{error.message}\n{error.hint}" if error.hint else error.message


def _result(reply: Reply) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=reply.text)], structured_content=reply.data
    )


def _failure(error: FollowthruError) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=error_text(error))],
        structured_content={"error": error.message, "hint": error.hint},
        is_error=True,
    )


def bind(
    fn: Callable[..., T], desk: Desk, answer: Callable[[Callable[[], T]], Any], returns: Any
) -> Callable[..., Any]:
    """`fn(desk, **arguments)` as the SDK wants a handler: the desk bound, the remaining
    typed parameters as the published schema, and `answer` running the call (it decides
    what a user mistake becomes)."""
    signature = inspect.signature(fn, eval_str=True)
    params = list(signature.parameters.values())[1:]

    @functools.wraps(fn)
    def handler(**arguments: Any) -> Any:
        return answer(lambda: fn(desk, **arguments))

    handler.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=params, return_annotation=returns
    )
    handler.__annotations__ = {p.name: p.annotation for p in params} | {"return": returns}
    del handler.__wrapped__  # the schema comes from the signature above, not from `fn`
    return handler


def _crashed(error: Exception, where: str) -> FollowthruError:
    """A bug, not a user mistake: its traceback goes to the log file, and the assistant
    gets one sentence saying where (the server runs on the user's own machine)."""
    return FollowthruError(crash_sentence(error), crash_hint(record_crash(error, where)))


def as_tool(fn: Callable[..., Reply], desk: Desk) -> Callable[..., CallToolResult]:
    """A tool: its reply as text and structured content, a user mistake as a tool error
    with the CLI's sentence and hint, and a bug as a tool error naming the log file."""

    def answer(run: Callable[[], Reply]) -> CallToolResult:
        try:
            return _result(run())
        except FollowthruError as error:
            return _failure(error)
        except Exception as error:
            return _failure(_crashed(error, f"mcp tool {fn.__name__}"))

    return bind(fn, desk, answer, CallToolResult)


def as_text(fn: Callable[..., str], desk: Desk) -> Callable[..., str]:
    """A resource or prompt: its text, or an error carrying the CLI's sentence and hint
    (the SDK would answer any exception with a bare "internal error")."""

    def answer(run: Callable[[], str]) -> str:
        try:
            return run()
        except FollowthruError as error:
            raise MCPError(code=INVALID_PARAMS, message=error_text(error)) from error
        except Exception as error:
            crash = _crashed(error, f"mcp {fn.__name__}")
            raise MCPError(code=INTERNAL_ERROR, message=error_text(crash)) from error

    return bind(fn, desk, answer, str)
