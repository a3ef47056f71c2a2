"""What every tool shares: the open database and today's date, the reply shape, and the one
place where a `FollowthruError` becomes a tool error with the CLI's sentence and hint."""

from __future__ import annotations

import functools
import inspect
import reprlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError
from mcp.types import INTERNAL_ERROR, INVALID_PARAMS, CallToolResult, TextContent
from pydantic import ValidationError

from followthru.domain.dates import parse_date
from followthru.errors import BadInput, FollowthruError
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


SCHEMA_HINT = "The tool's input schema says what each argument takes."


def _unknown(tool: str, given: list[str], known: list[str]) -> BadInput:
    takes = f"it takes {', '.join(known)}" if known else "it takes none"
    return BadInput(f"{tool} has no argument {given[0]!r}; {takes}.", SCHEMA_HINT)


def _refused(tool: str, error: ValidationError) -> BadInput:
    """Pydantic's report as one sentence: which argument, what it got, what it wants."""
    problems = []
    for problem in error.errors():
        name = ".".join(str(part) for part in problem["loc"])
        if problem["type"] == "missing":
            problems.append(f"{tool} needs {name}")
        else:
            wants = problem["msg"][:1].lower() + problem["msg"][1:]
            problems.append(f"{tool} cannot take {name}={reprlib.repr(problem['input'])}: {wants}")
    return BadInput("; ".join(problems) + ".", SCHEMA_HINT)


class Server(MCPServer[Any]):
    """The SDK's server, but arguments outside a tool's schema are a mistake like any other:
    the SDK drops unknown names silently (a misnamed `query` then searched for everyone)
    and answers a bad value with pydantic's whole report."""

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Any = None
    ) -> CallToolResult | Any:
        tools = {tool.name: tool for tool in await self.list_tools()}
        if name in tools:
            known = list(tools[name].input_schema.get("properties", {}))
            unknown = sorted(set(arguments) - set(known))
            if unknown:
                return _failure(_unknown(name, unknown, known))
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as error:
            if isinstance(error.__cause__, ValidationError):
                return _failure(_refused(name, error.__cause__))
            raise
