"""Click groups with the behaviour the whole CLI shares.

`FollowthruGroup` is where every `FollowthruError` becomes a message and an exit code, so
no command handles errors itself. `DefaultCommandGroup` lets `followthru promise NAME WHAT`
and `followthru promise done ID` live side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typer import Abort, Exit
from typer.core import TyperGroup
from typer.exceptions import TyperException

from followthru.errors import FollowthruError

if TYPE_CHECKING:
    # Typer hands its groups the context class of the Click copy it vendors.
    from typer._click.core import Context


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
        except Exception as error:
            from followthru.cli.output import print_crash
            from followthru.logs import record_crash

            print_crash(error, record_crash(error, f"followthru {ctx.invoked_subcommand or ''}"))
            ctx.exit(1)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # keep the order commands were declared in


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
