"""The Python API: ``mcheck.check(spec, ...)``.

Example::

    import mcheck

    r = mcheck.check("DieHard.tla", invariants=["NotSolved"])
    r.result             # "safety failure"
    r.exit_code          # 12 (TLC's exit codes; 0 when no error was found)
    r.distinct_states, r.states_generated, r.depth
    r.violation          # None, or an object with .kind ("invariant", "deadlock", ...) and .name
    r.trace              # [{"big": 0, "small": 0}, {"big": 5, "small": 0}, ...]
    r.trace.actions      # ["<Initial predicate>", "<FillBigJug line 68, ...>", ...]
    r.ok                 # True when the check found no error
    r.error              # the message of an error, if any
    r.to_itf()           # the counterexample as an ITF document (a dict), or None

Values in ``r.trace`` are mcheck's representation of TLA+ values, all ordinary Python objects:
``int``, ``bool``, ``str``, ``frozenset`` for sets, ``tuple`` for functions on ``1..n``
(tuples, sequences, ``<<>>``), :class:`mcheck.semantics.values.Fcn` (a read-only ``dict``
subclass) for records and other functions, and :class:`~mcheck.semantics.values.ModelValue`
for model values (``str(v)`` is its name).

``constants`` take the same Python representation (a Python ``set``/``list``/``dict`` is
converted to ``frozenset``/``tuple``/function), or a string of .cfg text wrapped in
:class:`CfgText` (``CfgText("{a, b}")`` makes a set of model values ``a`` and ``b``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .checker.outcome import Outcome, Violation
from .checker.run import check_spec
from .semantics import values as V
from .semantics.constants import cfg_value
from .semantics.values import Fcn, ModelValue
from .trace.itf import trace_to_itf

__all__ = ["check", "CheckResult", "Trace", "CfgText", "ModelValue", "Fcn"]


class CfgText(str):
    """A constant's value written as in a .cfg file, e.g. ``CfgText("{p1, p2}")``."""


class Trace(list):
    """A list of states (dicts variable -> value) with ``.actions``: the label of each step
    (``"<Initial predicate>"`` for the first)."""

    def __init__(self, states: Iterable[dict] = (), actions: Iterable[str] = ()):
        super().__init__(states)
        self.actions: list[str] = list(actions)


@dataclass
class CheckResult:
    """The outcome of :func:`check`; see the module docstring."""

    result: str
    distinct_states: int
    states_generated: int
    depth: int
    exit_code: int
    left_on_queue: int = 0
    violation: Violation | None = None
    error: str | None = None
    seconds: float = 0.0
    variables: list[str] = field(default_factory=list)
    trace: Trace = field(default_factory=Trace)
    raw: Outcome | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def to_itf(self) -> dict | None:
        """The counterexample in the Informal Trace Format (a JSON-ready dict), or None."""
        v = self.violation
        if v is None or not v.trace:
            return None
        return trace_to_itf(self.variables, [s.state for s in v.trace], actions=[s.action for s in v.trace])


def _to_tla(v: Any) -> Any:
    if isinstance(v, CfgText):
        from .syntax.parser import parse_expr   # late: lark's grammar is the slow part of starting up
        return cfg_value(parse_expr(str(v), "<constant>"))
    t = type(v)
    if t in (bool, int, str, ModelValue, frozenset, Fcn) or isinstance(v, V.LazySet):
        return v
    if isinstance(v, (set, frozenset)):
        return frozenset(_to_tla(x) for x in v)
    if isinstance(v, (list, tuple)):
        return tuple(_to_tla(x) for x in v)
    if isinstance(v, dict):
        return V.make_fcn({_to_tla(k): _to_tla(x) for k, x in v.items()})
    raise TypeError(f"cannot use {v!r} ({t.__name__}) as a TLA+ value")


def check(spec: str, config: str | None = None, constants: dict[str, Any] | None = None,
          invariants: Iterable[str] = (), deadlock: bool = True) -> CheckResult:
    """Model-check ``spec`` (a .tla path) breadth-first, as ``mcheck check`` does.

    :param config: the .cfg path; by default ``SPEC.cfg`` beside the spec, or when there is
        none ``INIT Init`` / ``NEXT Next``.
    :param constants: values for (or overriding) constants, ``{"N": 3}``; see the module
        docstring for the accepted values.
    :param invariants: names of operators to check as invariants, besides the .cfg's.
    :param deadlock: report deadlocks (``False`` is ``--no-deadlock``).
    :returns: a :class:`CheckResult`.  Problems in the spec or the .cfg do not raise: they come
        back with ``result == "error"``, the message in ``.error`` and TLC's exit code.
    """
    consts = {k: _to_tla(v) for k, v in (constants or {}).items()}
    r = check_spec(spec, config, consts, tuple(invariants), not deadlock)
    variables = list(r.variables or [])
    if not variables and r.model is not None:
        variables = list(r.model.variables)
    trace = Trace()
    if r.violation is not None and r.violation.trace:
        trace = Trace([dict(zip(variables, s.state)) for s in r.violation.trace],
                      [s.action for s in r.violation.trace])
    return CheckResult(r.result, r.distinct_states, r.states_generated, r.depth, r.exit_code, r.left_on_queue,
                       r.violation, r.error, r.seconds, variables, trace, r)
