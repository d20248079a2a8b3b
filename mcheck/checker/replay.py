"""Replay a given behaviour against a spec: is it a behaviour of the spec?

``replay(model, states)`` checks that the first state is an initial state and that every
later state is produced from the one before by some action, and, on the way, what the
breadth-first search checks (the ``StepFilter``): the invariants on every state, the properties
of initial states on the first, the action properties on every step.  It answers with a
:class:`ReplayResult`.

``load_model`` loads a spec and its .cfg exactly as :func:`mcheck.checker.run.check_spec`
does (the same defaults and the same exit codes for errors), without searching it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..semantics.model import Model, State
from ..semantics.tlcstate import RunConfig
from ..semantics.runtime import AssertionFailed, UnsetVariable
from ..semantics.values import tla_repr
from ..syntax.errors import EvalError
from . import outcome as O
from .check import check_assumptions
from .diagnose import diagnose_step
from .filter import StepFilter
from .run import build_model


def load_model(tla_path: str, cfg_path: str | None = None, constants: dict[str, Any] | None = None,
               invariants: Sequence[str] = (), no_deadlock: bool = False,
               run: RunConfig | None = None) -> tuple[Model | None, O.Outcome | None]:
    """``(model, None)``, or ``(None, error outcome)`` carrying TLC's exit code: see ``run.build_model``."""
    return build_model(tla_path, cfg_path, constants, invariants, no_deadlock, run=run)


@dataclass
class ReplayResult:
    ok: bool
    states: int                          # states replayed successfully
    exit_code: int = O.EXIT_SUCCESS        # 20 for a step no action takes, 12 for an invariant violation
    message: str = ""                    # one line: "ok: N states replayed" or the first problem
    details: list[str] = field(default_factory=list)
    bad_step: int | None = None          # 1-based number of the first bad state
    differing: list[str] = field(default_factory=list)   # variables differing from the nearest candidate
    actions: list[str] = field(default_factory=list)      # the action label found for each state
    violation: O.Violation | None = None  # an invariant or property violated on the way (exit 12, 13)
    trace: list[O.TraceStep] = field(default_factory=list)  # the replayed prefix, with actions
    notes: list[str] = field(default_factory=list)


def _nearest(target: tuple, candidates: list[tuple[str, tuple]]):
    best = None
    for label, t in candidates:
        diff = [i for i, (a, b) in enumerate(zip(t, target)) if a != b]
        if best is None or len(diff) < len(best[2]):
            best = (label, t, diff)
    return best


def _diff_lines(variables: list[str], target: tuple, best) -> tuple[list[str], list[str]]:
    label, t, diff = best
    names = [variables[i] for i in diff]
    lines = [f"nearest candidate ({label}) differs in: {', '.join(names)}"]
    for i in diff:
        lines.append(f"  {variables[i]}: trace has {tla_repr(target[i])}, candidate has {tla_repr(t[i])}")
    return names, lines


class _Replay:
    def __init__(self, model: Model, states: Sequence[State], max_candidates: int | None):
        self.model, self.states, self.max_candidates = model, states, max_candidates
        self.filter = StepFilter(model)
        self.variables = list(model.variables)
        self.trace: list[O.TraceStep] = []
        self.actions: list[str] = []
        self.notes: list[str] = []

    def result(self, ok: bool, states: int, code: int, message: str, **kw) -> ReplayResult:
        return ReplayResult(ok, states, code, message, actions=self.actions, trace=self.trace, notes=self.notes, **kw)

    def find(self, k: int, target: State) -> tuple[str | None, list[tuple[str, State]]]:
        """The label of the first way to reach ``target`` as state ``k``, and the candidates seen."""
        m, cap = self.model, self.max_candidates
        candidates: list[tuple[str, State]] = []
        if k == 1:
            gen = ((O.INITIAL, t) for t in m.init())
        else:
            gen = ((m.actions[ai].label, t) for ai, t in m.successors(self.states[k - 2]))
        for label, t in gen:
            if t == target:
                return label, candidates
            if cap is None or len(candidates) < cap:
                candidates.append((label, t))
        return None, candidates

    def step(self, k: int, target: State) -> ReplayResult | None:
        """Replay state ``k``; a result when it ends the replay."""
        if len(target) != len(self.variables):
            return self.result(False, k - 1, O.EXIT_NOT_A_BEHAVIOUR, f"step {k}: state {k} has {len(target)} values for "
                               f"{len(self.variables)} variables", bad_step=k)
        self.model.set_level(k)
        found, candidates = self.find(k, target)
        if found is None:
            return self.not_found(k, target, candidates)
        self.actions.append(found)
        self.trace.append(O.TraceStep(found, target))
        prev = self.states[k - 2] if k > 1 else None
        filt = self.filter
        for what in filt.excluded_by(prev, target):
            if what.startswith("CONSTRAINT"):
                self.notes.append(f"state {k} is outside {what}: the model checker would not explore beyond it")
            else:
                self.notes.append(f"step {k} is outside {what}")
        name = filt.invariant_violated_unchecked(target)
        if name is not None:
            v = O.Violation("invariant", name, list(self.trace), initial=(k == 1))
            return self.result(False, k, O.EXIT_INVARIANT, f"Invariant {name} is violated by state {k}.", bad_step=k, violation=v)
        name = filt.init_property_violated(target) if prev is None else (
            filt.step_violated(prev, target) if filt.check_step is not None else None)
        if name is not None:
            v = O.Violation("property", name, list(self.trace), initial=(k == 1))
            return self.result(False, k, O.EXIT_PROPERTY, f"Property {name} is violated by " +
                               ("state 1." if k == 1 else f"the step to state {k}."), bad_step=k, violation=v)
        return None

    def not_found(self, k: int, target: State, candidates: list[tuple[str, State]]) -> ReplayResult:
        if k == 1:
            msg = "step 1: state 1 is not an initial state"
        else:
            msg = f"step {k}: state {k} is not a successor of state {k - 1} under any action"
        if not candidates:
            details = ["the spec has no initial state" if k == 1 else f"state {k - 1} has no successor at all"]
            names: list[str] = []
        else:
            names, details = _diff_lines(self.variables, target, _nearest(target, candidates))
        return self.result(False, k - 1, O.EXIT_NOT_A_BEHAVIOUR, msg, details=details, bad_step=k, differing=names)

    def failure(self, k: int, err: Exception) -> ReplayResult:
        if isinstance(err, UnsetVariable):
            return self.result(False, k - 1, O.EXIT_EVAL_ERROR, f"step {k}: evaluation error: {O.unassigned_message(err.names)}",
                               bad_step=k)
        if isinstance(err, AssertionFailed):
            return self.result(False, k - 1, O.EXIT_ASSERT, f"step {k}: {err.message}", bad_step=k)
        if isinstance(err, EvalError):
            return self.result(False, k - 1, O.EXIT_EVAL_ERROR, f"step {k}: evaluation error: {err.message}", bad_step=k)
        msg = diagnose_step(self.model, self.states[k - 2] if k > 1 else None, err)
        return self.result(False, k - 1, O.EXIT_EVAL_ERROR, f"step {k}: evaluation error: {msg}", bad_step=k)


def replay(model: Model, states: Sequence[tuple], max_candidates: int | None = 100000) -> ReplayResult:
    """Replay ``states`` (tuples in ``model.variables`` order) against the model.

    State numbers in messages are 1-based, as in TLC's traces.  Exit codes: 0 when the trace is
    a behaviour of the spec, 12 for a bad step or an invariant violated on the way, 13 for a
    property violated on the way, 10 for a false ASSUME, 75 for an evaluation error.
    """
    bad = check_assumptions(model)
    if bad is not None:
        return ReplayResult(False, 0, bad.exit_code, bad.error or "assumption failure")
    if not states:
        return ReplayResult(False, 0, O.EXIT_INVARIANT, "the trace has no states")
    r = _Replay(model, states, max_candidates)
    for k, target in enumerate(states, 1):
        try:
            done = r.step(k, target)
        except Exception as err:
            return r.failure(k, err)
        if done is not None:
            return done
    n = len(states)
    return r.result(True, n, O.EXIT_SUCCESS, f"ok: {n} states replayed")


def align_states(model_vars: Sequence[str], trace_vars: Sequence[str], states: Sequence[tuple]) -> list[tuple]:
    """Reorder trace states to the model's variable order; ValueError when the variables differ."""
    mv, tv = list(model_vars), list(trace_vars)
    if set(mv) != set(tv) or len(mv) != len(tv):
        missing = [v for v in mv if v not in tv]
        extra = [v for v in tv if v not in mv]
        parts = []
        if missing:
            parts.append(f"the trace lacks {', '.join(missing)}")
        if extra:
            parts.append(f"the spec has no variable {', '.join(extra)}")
        raise ValueError("the trace's variables are not the spec's: " + "; ".join(parts))
    if mv == tv:
        return list(states)
    idx = [tv.index(v) for v in mv]
    return [tuple(st[i] for i in idx) for st in states]
