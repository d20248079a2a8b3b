"""The files a command writes (--itf, --html, --dump-graph): checked before the search starts.

Why before: a check can take an hour, and a typo in an output path should not cost it. A path
whose directory does not exist or cannot be written, a path that is a directory, or a graph
format mcheck does not write is a usage error (click's exit code 2) with one line saying why.
``-`` is standard output (for ``--itf``).
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import Iterator

import click

from ..trace.graph_files import graph_format

STDOUT = "-"


class OutputError(click.UsageError):
    """A usage error said in one line (exit code 2), without click's usage banner: the option and
    what is wrong with its file are the whole story."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def check_output_path(path: str | None, option: str, allow_stdout: bool = False) -> None:
    """UsageError when ``path`` cannot be written (nothing is created)."""
    if path is None or (allow_stdout and path == STDOUT):
        return
    if path == STDOUT:
        raise OutputError(f"{option} -: this option cannot write to standard output; give a file name")
    if os.path.isdir(path):
        raise OutputError(f"{option} {path}: is a directory; give a file name")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(f"{option} {path}: the directory {os.path.dirname(path) or '.'} does not exist")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise OutputError(f"{option} {path}: cannot write there (permission denied)")


def check_graph_path(path: str | None) -> None:
    """``--dump-graph``: a writable path whose extension names a format mcheck writes."""
    if path is None:
        return
    check_output_path(path, "--dump-graph")
    try:
        graph_format(path)
    except ValueError as err:
        raise OutputError(f"--dump-graph {err}") from None


def needs_terminal(option: str) -> None:
    """The interactive explorer draws on a terminal: without one it would write escape codes into
    a pipe and wait for keys that never come. Say so and stop (usage exit code)."""
    if not interactive():
        raise OutputError(f"{option} opens an interactive explorer and needs a terminal "
                               "(standard input and output are not one); write the trace with --itf FILE "
                               "and run `mcheck explore FILE --spec SPEC` from a terminal")


def interactive() -> bool:
    """Standard input and output are both a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@contextlib.contextmanager
def stdout_to_stderr(active: bool = True) -> Iterator[None]:
    """While active, what the spec prints (Print, PrintT, AssertEq...) goes to stderr, so that under
    ``--json`` stdout is exactly one JSON object. Both Python's ``sys.stdout`` and file descriptor 1
    are redirected: worker processes started meanwhile inherit the descriptor."""
    if not active:
        yield
        return
    sys.stdout.flush()
    saved = None
    try:
        if sys.stdout.fileno() == 1 and sys.stderr.fileno() == 2:
            saved = os.dup(1)
            os.dup2(2, 1)
    except (OSError, ValueError, io.UnsupportedOperation):
        saved = None   # no real descriptors (e.g. click's test runner): sys.stdout alone is enough
    try:
        with contextlib.redirect_stdout(sys.stderr):
            yield
    finally:
        sys.stderr.flush()
        if saved is not None:
            os.dup2(saved, 1)
            os.close(saved)
