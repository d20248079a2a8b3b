"""The ``mcheck`` command group: ``mcheck spec.tla`` is ``mcheck check spec.tla``."""
from __future__ import annotations

import difflib
import os

import click

from .check_cmd import check_command
from .explore_cmd import explore_command
from .parse_cmd import parse_command
from .replay_cmd import replay_command
from .simulate_cmd import simulate_command


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a command name, goes to ``check``.

    ``mcheck Spec`` finds ``Spec.tla``, as TLC does; a first argument that is neither a command nor
    a file but is close to a command's name (``mcheck chek X.tla``) is a usage error suggesting it.
    """

    def parse_args(self, ctx, args):
        args = list(args)
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            if not os.path.exists(args[0]) and not os.path.exists(args[0] + ".tla"):
                close = difflib.get_close_matches(args[0], list(self.commands), n=1, cutoff=0.6)
                if close:
                    ctx.fail(f"No such command or file {args[0]!r}. Did you mean {close[0]!r}?")
            args = ["check"] + args
        elif args and args[0].startswith("-") and args[0] not in ("--help", "-h", "--version"):
            args = ["check"] + args
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mcheck")
def main() -> None:
    """mcheck: a TLA+ model checker in pure Python."""


main.add_command(check_command, "check")
main.add_command(parse_command, "parse")
main.add_command(replay_command, "replay")
main.add_command(simulate_command, "simulate")
main.add_command(explore_command, "explore")

if __name__ == "__main__":
    main()
