"""Located errors: every error mcheck reports carries the span it is about.

Layers raise these; only the CLI turns them into text (``render``), so that a
library user gets the structured exception and a terminal user gets
``file:line:col: error: message``, the source line and a caret.
"""
from __future__ import annotations

import linecache

from .ast import Span


class TLAError(Exception):
    """Base of all mcheck errors that are the user's input's fault."""

    kind = "error"

    def __init__(self, message: str, span: Span | None = None, notes: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.span = span
        self.notes = notes

    def render(self) -> str:
        return render_message(self.message, self.span, self.kind, self.notes)


class ParseError(TLAError):
    """Syntax errors and name-resolution errors in a .tla file (TLC exit 150)."""


class ConfigError(TLAError):
    """Errors in a .cfg file or in what it names (TLC exit 151)."""


class InvariantLevelError(ConfigError):
    """An INVARIANT that is not a state predicate: TLC reports it as a failed invariant (exit 76)."""

    exit_code = 76


class CfgSyntaxError(ConfigError):
    """A .cfg file that does not parse: an unknown keyword, a missing name (TLC exit 255)."""


class EvalError(TLAError):
    """An evaluation failed: type error, function applied outside its domain, ... (TLC exit 75)."""


# Python's RecursionError, worded as TLC words its StackOverflowError (exit 75 as well).
RECURSION_TOO_DEEP = ("The evaluation recursed too deeply. It was probably the result of an incorrect\n"
                      "recursive definition that never reaches its base case, or of one applied to an\n"
                      "element outside its putative domain (TLC reports a StackOverflowError here).")


_source_cache: dict[str, list[str]] = {}


def register_source(file: str, text: str) -> None:
    """Remember a file's text so that error messages can quote it even when it is not on disk."""
    _source_cache[file] = text.splitlines()


def source_line(file: str, line: int) -> str | None:
    lines = _source_cache.get(file)
    if lines is not None:
        return lines[line - 1] if 0 < line <= len(lines) else None
    text = linecache.getline(file, line)
    return text.rstrip("\n") if text else None


def render_message(message: str, span: Span | None, kind: str = "error", notes: tuple[str, ...] = ()) -> str:
    """``file:line:col: error: message``, then the source line and a caret under the column."""
    if span is None:
        out = [f"{kind}: {message}"]
    else:
        out = [f"{span.file}:{span.line}:{span.col}: {kind}: {message}"]
        text = source_line(span.file, span.line)
        if text is not None:
            width = 1
            if span.end_line == span.line and span.end_col > span.col:
                width = span.end_col - span.col
            out.append("  " + text.expandtabs(1))
            out.append("  " + " " * (span.col - 1) + "^" * width)
    out.extend(notes)
    return "\n".join(out)
