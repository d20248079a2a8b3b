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

Plain values: ``r.trace.to_python()`` (or ``r.trace[i].to_python()``) gives JSON-ready values:
model values as their names (so ``r.trace.to_python()[4]["phase"]["B"]`` works), records and
functions whose keys become strings as dicts, tuples and sequences as lists, and ITF's conventions
for the rest (``{"#set": [...]}``, ``{"#map": [[k, v], ...]}``).  A state's ``repr`` is TLA+
(``/\\ x = 1 /\\ phase = (B :> "idle")``), so a failing ``assert`` shows the spec's own notation.

``mcheck.simulate(spec, ...)`` runs random walks and ``mcheck.replay(spec, trace)`` checks that
an ITF trace is a behaviour of the spec; both return results with the same ``.trace``.

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

from .checker.outcome import Outcome, TraceStep, Violation
from .checker.replay import align_states
from .checker.replay import replay as _replay
from .checker.run import build_model, check_spec
from .checker.simulate import simulate as _simulate
from .semantics.tlcstate import RunConfig
from .semantics import values as V
from .semantics.constants import cfg_value
from .semantics.values import Fcn, ModelValue
from .trace.html import notebook_frame, render_report, render_trace
from .trace.itf import itf_to_states, load_itf, trace_to_itf
from .trace.why import explain_violation

__all__ = ["check", "simulate", "replay", "CheckResult", "SimulateResult", "ReplayResult", "Trace", "State",
           "CfgText", "ModelValue", "Fcn", "to_python"]


class CfgText(str):
    """A constant's value written as in a .cfg file, e.g. ``CfgText("{p1, p2}")``."""


def to_python(v: Any) -> Any:
    """A TLA+ value as plain JSON-ready Python: see the module docstring."""
    t = type(v)
    if t is bool or t is int or t is str:
        return v
    if t is ModelValue:
        return v.name
    if t is tuple:
        return [to_python(x) for x in v]
    if t is frozenset or isinstance(v, V.LazySet):
        return {"#set": [to_python(x) for x in V.tlc_sorted(v)]} if t is frozenset or v.is_finite() \
            else {"#unserializable": V.tla_repr(v)}
    if isinstance(v, dict):
        keys = V.tlc_sorted(v)
        plain = [to_python(k) for k in keys]
        if all(type(k) is str and not k.startswith("#") for k in plain) and len(set(plain)) == len(plain):
            return {pk: to_python(v[k]) for pk, k in zip(plain, keys)}
        return {"#map": [[pk, to_python(v[k])] for pk, k in zip(plain, keys)]}
    return {"#unserializable": V.tla_repr(v)}


class State(dict):
    """One state: variable -> value (mcheck's values), printed as TLA+."""

    def to_python(self) -> dict[str, Any]:
        return {k: to_python(x) for k, x in self.items()}

    def __repr__(self) -> str:
        return " ".join(f"/\\ {k} = {V.tla_repr(x)}" for k, x in self.items()) or "State()"


class Trace(list):
    """A list of states (:class:`State`: dicts variable -> value) with ``.actions``: the label of each
    step (``"<Initial predicate>"`` for the first)."""

    def __init__(self, states: Iterable[dict] = (), actions: Iterable[str] = ()):
        super().__init__(s if isinstance(s, State) else State(s) for s in states)
        self.actions: list[str] = list(actions)

    def to_python(self) -> list[dict[str, Any]]:
        """The states as plain JSON-ready values (``json.dumps(r.trace.to_python())`` works)."""
        return [s.to_python() for s in self]

    def steps(self) -> list[TraceStep]:
        """The states as the checker's ``TraceStep``s (variables in the first state's order)."""
        variables = list(self[0]) if self else []
        actions = self.actions or [""] * len(self)
        return [TraceStep(a, tuple(s[v] for v in variables)) for a, s in zip(actions, self)]

    def _repr_html_(self) -> str:
        """Jupyter shows a trace as the HTML report's counterexample table (a frame of its own)."""
        return notebook_frame(render_trace(list(self[0]) if self else [], self.steps(), f"{len(self)} states"))

    def __repr__(self) -> str:
        if not self:
            return "Trace([])"
        return "Trace(\n" + "\n".join(f"  {i + 1}: {a}\n     {s!r}" for i, (a, s) in
                                       enumerate(zip(self.actions or [""] * len(self), self))) + "\n)"


def _trace(variables: list[str], steps: Iterable[Any]) -> Trace:
    steps = list(steps or ())
    return Trace([dict(zip(variables, s.state)) for s in steps], [s.action for s in steps])


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

    def _repr_html_(self) -> str:
        """Jupyter shows a result as ``mcheck check --html``'s report: outcome, why, statistics, trace."""
        if self.raw is None:
            return self.trace._repr_html_()
        model = self.raw.model
        why = explain_violation(model, self.violation) if model is not None and self.violation is not None else None
        return notebook_frame(render_report(self.raw, model, explanation=why))


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
          invariants: Iterable[str] = (), deadlock: bool = True, workers: int = 1,
          max_depth: int | None = None) -> CheckResult:
    """Model-check ``spec`` (a .tla path) breadth-first, as ``mcheck check`` does.

    :param config: the .cfg path; by default ``SPEC.cfg`` beside the spec, or when there is
        none ``INIT Init`` / ``NEXT Next``.
    :param constants: values for (or overriding) constants, ``{"N": 3}``; see the module
        docstring for the accepted values.
    :param invariants: names of operators to check as invariants, besides the .cfg's.
    :param deadlock: report deadlocks (``False`` is ``--no-deadlock``).
    :param workers: worker processes (``--workers``), with the same answers.
    :param max_depth: explore the states up to that depth only (``--max-depth``); the result's
        ``raw.max_depth`` then says the success is bounded.
    :returns: a :class:`CheckResult`.  Problems in the spec or the .cfg do not raise: they come
        back with ``result == "error"``, the message in ``.error`` and TLC's exit code.
    """
    consts = {k: _to_tla(v) for k, v in (constants or {}).items()}
    r = check_spec(spec, config, consts, tuple(invariants), not deadlock, workers=workers, max_depth=max_depth)
    variables = list(r.variables or [])
    if not variables and r.model is not None:
        variables = list(r.model.variables)
    trace = _trace(variables, r.violation.trace if r.violation is not None else ())
    return CheckResult(r.result, r.distinct_states, r.states_generated, r.depth, r.exit_code, r.left_on_queue,
                       r.violation, r.error, r.seconds, variables, trace, r)


@dataclass
class SimulateResult:
    """The outcome of :func:`simulate`: ``result``, ``exit_code`` (as check's), the run's ``seed``,
    ``walk_seed`` (reproduces the violation with ``traces=1``), ``traces``, ``states_generated``,
    ``depth`` (the longest walk), ``violation``, ``trace`` and ``error``."""

    result: str
    exit_code: int
    seed: int
    traces: int = 0
    states_generated: int = 0
    depth: int = 0
    walk_seed: int | None = None
    violation: Violation | None = None
    error: str | None = None
    variables: list[str] = field(default_factory=list)
    trace: Trace = field(default_factory=Trace)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def _repr_html_(self) -> str:
        """Jupyter shows the outcome and the violating walk's trace."""
        note = f"{self.result} (exit code {self.exit_code})" + (f": {self.error}" if self.error else "")
        return notebook_frame(render_trace(self.variables, self.trace.steps(), "simulation", note))


def _model(spec: str, config: str | None, constants: dict[str, Any] | None, invariants: Iterable[str],
           deadlock: bool = True, run: RunConfig | None = None):
    consts = {k: _to_tla(v) for k, v in (constants or {}).items()}
    return build_model(spec, config, consts, tuple(invariants), not deadlock, run=run)


def simulate(spec: str, config: str | None = None, constants: dict[str, Any] | None = None,
             invariants: Iterable[str] = (), deadlock: bool = True, depth: int = 100, traces: int = 1000,
             seed: int = 0) -> SimulateResult:
    """Random walks through ``spec``'s states, as ``mcheck simulate`` does (the same seed gives the
    same walks); the arguments as :func:`check`'s, plus ``depth`` (states per walk), ``traces``
    (walks) and ``seed``."""
    model, err = _model(spec, config, constants, invariants, deadlock, RunConfig("simulate", depth, traces, seed))
    if err is not None:
        return SimulateResult(err.result, err.exit_code, seed, error=err.error)
    r = _simulate(model, depth=depth, traces=traces, seed=seed)
    variables = list(model.variables)
    return SimulateResult(r.result, r.exit_code, r.seed, r.traces, r.states_generated, r.max_depth, r.walk_seed,
                          r.violation, r.error, variables,
                          _trace(variables, r.violation.trace if r.violation is not None else ()))


@dataclass
class ReplayResult:
    """The outcome of :func:`replay`: ``ok``, ``exit_code`` (0; 20 not a behaviour of the spec; 12/13
    a violation; TLC's codes for errors), ``message``, ``details``, ``bad_step`` (1-based), the
    ``violation`` if any and the replayed ``trace`` with the action found for each step."""

    ok: bool
    exit_code: int
    message: str
    details: list[str] = field(default_factory=list)
    bad_step: int | None = None
    violation: Violation | None = None
    trace: Trace = field(default_factory=Trace)

    def _repr_html_(self) -> str:
        """Jupyter shows the replay's verdict and the replayed trace."""
        return notebook_frame(render_trace(list(self.trace[0]) if self.trace else [], self.trace.steps(), "replay",
                                           self.message))


def replay(spec: str, trace: str | dict, config: str | None = None, constants: dict[str, Any] | None = None,
           invariants: Iterable[str] = ()) -> ReplayResult:
    """Check that ``trace`` (an ITF file's path, or the parsed document) is a behaviour of ``spec``,
    as ``mcheck replay`` does. A trace that cannot be read raises ``ValueError``."""
    if isinstance(trace, dict):
        variables, states = itf_to_states(trace)
    else:
        _doc, variables, states = load_itf(trace)
    model, err = _model(spec, config, constants, invariants)
    if err is not None:
        return ReplayResult(False, err.exit_code, err.error or err.result)
    r = _replay(model, align_states(model.variables, variables, states))
    return ReplayResult(r.ok, r.exit_code, r.message, list(r.details), r.bad_step, r.violation,
                        _trace(list(model.variables), r.trace))
