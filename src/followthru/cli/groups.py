"""Click groups with the behaviour the whole CLI shares.

`FollowthruGroup` is where every `FollowthruError` becomes a message and an exit code, so
no command handles errors itself. `LazyGroup` (the root) imports a command's module only
when that command runs. `DefaultCommandGroup` lets `followthru promise NAME WHAT` and
`followthru promise done ID` live side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from typer import Abort, Exit
from typer.core import TyperGroup
from typer.exceptions import TyperException

from followthru.errors import FollowthruError

if TYPE_CHECKING:
    # Typer hands its groups the context class of the Click copy it vendors.
    from typer._click.core import Command, Context
    from typer._click.formatting import HelpFormatter


class FollowthruGroup(TyperGroup):
    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except FollowthruError as error:
            from followthru.cli.output import print_error

            print_error(error)
            ctx.exit(error.exit_code)
        except (TyperException, Exit, Abort):
            raise  # usage errors and exits are Click's to show
        except BrokenPipeError:
            _reader_left()
            ctx.exit(SIGPIPE_EXIT)
        except Exception as error:
            from followthru.cli.output import print_crash
            from followthru.logs import record_crash

            print_crash(error, record_crash(error, f"followthru {ctx.invoked_subcommand or ''}"))
            ctx.exit(1)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # keep the order commands were declared in


SIGPIPE_EXIT = 141  # what a shell reports for a tool stopped by SIGPIPE, as `yes | head` is


def _reader_left() -> None:
    """The reader of our output went away (`followthru list | head`): that is no bug, so
    stop quietly, as the standard tools do, with stdout pointed at nothing so the final
    flush cannot fail again."""
    import os
    import sys
    from contextlib import suppress

    with suppress(OSError, ValueError):  # not a real file: a test runner's capture
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class Entry(NamedTuple):
    """A command as `--help` lists it, before the module that declares it is imported."""

    module: str  # under followthru.cli; its `register(app)` declares the command
    summary: str  # the first sentence of the command's help


class LazyGroup(FollowthruGroup):
    """A group that imports a command's module only when that command runs.

    Building every command's parameters costs more than most commands' own work, and
    `followthru today` has no use for `scan` or `serve`; `--help` lists `entries` as they
    are, importing none of them."""

    entries: ClassVar[Mapping[str, Entry]] = {}
    #: Modules that add commands to another module's groups when imported
    #: (`event edit` lives with the other corrections): imported before that module's
    #: commands are built.
    extended_by: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.entries)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        entry = self.entries.get(cmd_name)
        if cmd_name not in self.commands and entry is not None:
            extensions = self.extended_by.get(entry.module, ())
            built = declared_command(entry.module, cmd_name, extensions)
            if built is not None:
                self.commands[cmd_name] = built
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command list `TyperGroup` prints, from the summaries alone."""
        from typer._click.utils import make_default_short_help

        limit = formatter.width - 6 - max(map(len, self.entries))
        rows = [
            (name, make_default_short_help(e.summary, limit)) for name, e in self.entries.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _declared(module: str, extensions: tuple[str, ...] = ()) -> Any:
    """The Typer app `followthru.cli.<module>` registers its commands on, with what the
    `extensions` modules add to its groups."""
    import typer

    for extension in extensions:
        _import(extension)
    declared = typer.Typer(rich_markup_mode=None)  # the root's plain help
    _import(module).register(declared)
    return declared


def declared_commands(module: str, extensions: tuple[str, ...] = ()) -> dict[str, Command]:
    """Every command `followthru.cli.<module>` declares, built as the root group's own."""
    return _built(_declared(module, extensions))


def _built(declared: Any) -> dict[str, Command]:
    import typer.main

    return dict(typer.main.get_group(declared).commands)


def declared_command(module: str, name: str, extensions: tuple[str, ...] = ()) -> Command | None:
    """The one command `name` of `followthru.cli.<module>`, built alone: building a
    module's every command evaluates all their parameters (`today` would build `why`,
    `draft` and `week` too, a third of its start-up beyond `--help`)."""
    import typer.main

    declared = _declared(module, extensions)
    for info in declared.registered_commands:
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            return typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=declared.pretty_exceptions_short,
                rich_markup_mode=declared.rich_markup_mode,
            )
    return _built(declared).get(name)  # a group: built with the rest of the module


def plain_values_as_given() -> None:
    """Let text values through as the command line gives them, and build Typer's pydantic
    validator for any other parameter only when a value for it is given.

    Typer 0.29 checks each value with a pydantic `TypeAdapter`, built the first time a
    parameter is processed — `--help` and every unset option and flag included: importing
    pydantic and building adapters costs about 0.1 s, more than `followthru --db F list`
    spends reading 10,000 people. A text parameter is handed a `str`, which that check
    returns unchanged, so Typer's own pass-through (an isinstance check) gives the same
    value; numbers, flags given as text (an environment variable), paths, lists, choices
    and custom parsers keep Typer's validation and its messages. The seam is Typer's
    own, not public: a Typer without it runs as it is (tests/cli/test_cli_structure.py
    says so)."""
    try:
        import typer.core
        from typer._coercion import PassThroughRuntimeParam, RuntimeParam
    except ImportError:
        return
    seam: Any = typer.core  # the name Typer's parameters call; not exported, hence Any
    validated = seam.build_runtime_param
    if getattr(validated, "plain_values", False):
        return

    class ValidatedWhenGiven:
        """Typer's validation, built for the first value there is: an unset option is
        None (or no values at all), as Typer's own coercion gives it without a check."""

        def __init__(self, described: Any) -> None:
            self.described = described
            self.built: RuntimeParam | None = None

        def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
            if value is None:
                return () if param.multiple or param.nargs == -1 else None
            if self.built is None:
                self.built = validated(self.described)
            return self.built.coerce(value, param=param, ctx=ctx)

    def build(described: Any) -> Any:
        info = described.parameter_info
        if described.annotation is str and info.parser is None:
            return PassThroughRuntimeParam(parameter_info=info, annotation=str)
        return ValidatedWhenGiven(described)

    build.plain_values = True  # type: ignore[attr-defined]
    seam.build_runtime_param = build


def _import(module: str) -> Any:
    """`followthru.cli.<module>`, through `__import__` rather than `importlib`, so that
    `python -X importtime` still shows what a command costs."""
    return __import__(f"followthru.cli.{module}", fromlist=["register"])


class DefaultCommandGroup(TyperGroup):
    """A group that runs its `add` command when the first word is not a subcommand."""

    default_command = "add"
    run_default_when_bare = False  # True: the group alone runs the default (`week`)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        bare = not args and self.run_default_when_bare
        if bare or (args and args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args.insert(0, self.default_command)
        return super().parse_args(ctx, args)


class ShowByDefault(DefaultCommandGroup):
    """`followthru week` shows the plan; `week done 3` ticks an item off."""

    default_command = "show"
    run_default_when_bare = True
