"""``mcheck parse FILE...``: parse and resolve TLA+ modules, report the first problems of each.

Prints ``FILE: ok`` for a module that loads (with everything it EXTENDS or
INSTANCEs) and whose names all resolve; otherwise the rendered errors.  Exits
0 when every file is fine and 150 (TLC's exit code for parse and semantic
errors) when any file failed.
"""
from __future__ import annotations

import click

from ..checker.outcome import EXIT_SPEC_ERROR, EXIT_SUCCESS
from ..semantics.modules import load
from ..semantics.resolve import check_all
from ..syntax.errors import TLAError


def parse_file_report(path: str, max_errors: int = 20) -> list[TLAError]:
    """The errors of one file: a syntax or loading error, or the resolution errors (empty when fine)."""
    try:
        loaded = load(path)
    except TLAError as e:
        return [e]
    except OSError as e:
        return [TLAError(f"cannot read {path}: {e.strerror or e}")]
    return list(check_all(loaded, max_errors=max_errors))


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--max-errors", default=20, show_default=True, help="Errors to report per file.")
def parse_command(files: tuple[str, ...], max_errors: int) -> None:
    """Parse and resolve each FILE (a .tla module) and report its errors."""
    failed = False
    for path in files:
        errors = parse_file_report(path, max_errors)
        if not errors:
            click.echo(f"{path}: ok")
            continue
        failed = True
        for e in errors:
            click.echo(e.render(), err=False)
    click.get_current_context().exit(EXIT_SPEC_ERROR if failed else EXIT_SUCCESS)
