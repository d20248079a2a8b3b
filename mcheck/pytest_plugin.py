"""mcheck's pytest plugin: a .cfg file that says what checking it must give is a test.

Registered as the ``pytest11`` entry point ``mcheck.pytest_plugin`` (so ``pytest specs/`` picks it up
once mcheck is installed; ``pytest -p mcheck.pytest_plugin DIR`` does the same without the entry
point).  A .cfg is collected when it carries an expectation comment, one of::

    \\* expect: success 2573 states depth 9
    \\* expect: violation CountsIffToldSucceeded length 5 (18 states)
    \\* expect: liveness EventuallyAnswers length 4
    \\* expect: deadlock length 3

``success`` means no error; ``violation NAME`` an invariant or property NAME violated (a safety
failure); ``liveness NAME`` a temporal property NAME violated; ``deadlock`` a deadlock.  The figures are
optional and may come in any order: ``N states`` (distinct states), ``depth D`` and ``length L`` (the
counterexample's states).  The spec is the .tla of the same name, else the one named by the part
before the first ``_`` (``SingleWriterLog_OneWriter.cfg`` checks ``SingleWriterLog.tla``), as in specs/.

Why a plugin: the figures a spec must give live beside the spec, in the file that configures it, and
a failure reads as a model checker's answer (the counterexample in the changes view of
``trace/text.py``), not as an assertion about a table in another file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .api import CheckResult, check
from .trace.text import format_trace

_LINE = re.compile(r"^\s*\\\*\s*expect:\s*(.*?)\s*$", re.M)
_KIND = re.compile(r"^(success|deadlock|violation\s+(\w+)|liveness\s+(\w+))\b")
_RESULTS = {"success": "success", "violation": "safety failure", "liveness": "liveness failure",
            "deadlock": "deadlock failure"}


class ExpectationError(ValueError):
    """An ``expect:`` comment that cannot be read; the message names the file and the text."""


@dataclass(frozen=True)
class Expectation:
    """What checking one .cfg must give: a result, the violated name, and the figures given."""

    kind: str                   # "success", "violation", "liveness" or "deadlock"
    name: str | None = None     # the violated invariant or property
    states: int | None = None   # distinct states
    depth: int | None = None
    length: int | None = None   # states in the counterexample

    def describe(self) -> str:
        parts = [self.kind] + ([self.name] if self.name else [])
        parts += [f"{self.states} states"] if self.states is not None else []
        parts += [f"depth {self.depth}"] if self.depth is not None else []
        parts += [f"length {self.length}"] if self.length is not None else []
        return " ".join(parts)


def _figure(pattern: str, text: str) -> int | None:
    m = re.search(pattern, text)
    return int(m.group(1)) if m else None


def parse_expectation(text: str, where: str = "<cfg>") -> Expectation | None:
    """The expectation a .cfg's text carries, or None when it has no ``expect:`` comment."""
    found = _LINE.findall(text)
    if not found:
        return None
    if len(found) > 1:
        raise ExpectationError(f"{where}: more than one 'expect:' comment")
    body = found[0]
    m = _KIND.match(body)
    if m is None:
        raise ExpectationError(f"{where}: cannot read 'expect: {body}' (success, violation NAME, "
                               "liveness NAME or deadlock, then figures)")
    kind = m.group(1).split()[0]
    rest = body[m.end():]
    return Expectation(kind, m.group(2) or m.group(3), _figure(r"(\d+)\s+states", rest),
                       _figure(r"depth\s+(\d+)", rest), _figure(r"length\s+(\d+)", rest))


def spec_of(cfg: Path) -> Path:
    """The .tla a .cfg configures: the same name, else the name before the first ``_``."""
    same = cfg.with_suffix(".tla")
    return same if same.exists() else cfg.with_name(cfg.stem.split("_")[0] + ".tla")


def mismatches(want: Expectation, r: CheckResult) -> list[str]:
    """What differs between the expectation and the result: an empty list when they agree."""
    got_name = r.violation.name if r.violation is not None else None
    got_len = len(r.violation.trace) if r.violation is not None else None
    wrong = []
    if r.result != _RESULTS[want.kind] or (want.name is not None and got_name != want.name):
        wrong.append(f"expected {_RESULTS[want.kind]}{' of ' + want.name if want.name else ''}, "
                     f"got {r.result}{' of ' + got_name if got_name else ''}"
                     + (f": {r.error}" if r.error else ""))
    for label, w, g in (("distinct states", want.states, r.distinct_states), ("depth", want.depth, r.depth),
                        ("counterexample length", want.length, got_len)):
        if w is not None and w != g:
            wrong.append(f"expected {label} {w}, got {g}")
    return wrong


def failure_text(want: Expectation, r: CheckResult, wrong: list[str]) -> str:
    """The report of a failed expectation: what differs, the figures, and the counterexample."""
    lines = [f"expect: {want.describe()}"] + [f"  {w}" for w in wrong]
    lines.append(f"  mcheck: {r.result}, {r.distinct_states} distinct states, depth {r.depth}")
    if r.violation is not None and r.violation.trace:
        lines += ["", f"Counterexample ({r.violation.kind} {r.violation.name or ''}):".replace(" )", ")"),
                  format_trace(r.variables, r.violation.trace, full=False)]
    return "\n".join(lines)


class ExpectationFailed(Exception):
    """Checking a .cfg did not give what its ``expect:`` comment says."""


class SpecItem(pytest.Item):
    """One .cfg checked against its expectation."""

    def __init__(self, *, expectation: Expectation, **kw):
        super().__init__(**kw)
        self.expectation = expectation

    def runtest(self) -> None:
        r = check(str(spec_of(self.path)), str(self.path))
        wrong = mismatches(self.expectation, r)
        if wrong:
            raise ExpectationFailed(failure_text(self.expectation, r, wrong))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (ExpectationFailed, ExpectationError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"{self.path.name}: expect {self.expectation.describe()}"


class CfgFile(pytest.File):
    """A .cfg with an ``expect:`` comment: one test item."""

    def collect(self):
        want = parse_expectation(self.path.read_text(encoding="utf-8"), str(self.path))
        if want is not None:
            yield SpecItem.from_parent(self, name=self.path.name, expectation=want)


def pytest_collect_file(file_path: Path, parent):
    """Collect a .cfg only when it says what to expect (other .cfg files are not tests)."""
    if file_path.suffix == ".cfg" and "expect:" in file_path.read_text(encoding="utf-8", errors="replace"):
        return CfgFile.from_parent(parent, path=file_path)
    return None
