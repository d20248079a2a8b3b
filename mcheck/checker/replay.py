"""Replay a given behaviour against a spec: is it a behaviour of the spec?

``replay(model, states)`` checks that the first state is an initial state and that every
later state is produced from the one before by some action (and, on the way, that every
state satisfies the invariants).  It answers with a :class:`ReplayResult`.

``load_model`` loads a spec and its .cfg exactly as :func:`mcheck.checker.run.check_spec`
does (the same defaults and the same exit codes for errors), without searching it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..semantics.model import Model
from ..semantics.runtime import AssertionFailed, UnsetVariable
from ..semantics.values import tla_repr
from ..syntax.errors import EvalError
from .bfs import Result, TraceStep, Violation, check_assumptions, diagnose
from .run import build_model


def load_model(tla_path: str, cfg_path: str | None = None, constants: dict[str, Any] | None = None,
               invariants: Sequence[str] = (), no_deadlock: bool = False) -> tuple[Model | None, Result | None]:
    """``(model, None)``, or ``(None, error Result)`` carrying TLC's exit code: see ``run.build_model``."""
    return build_model(tla_path, cfg_path, constants, invariants, no_deadlock)


@dataclass
class ReplayResult:
    ok: bool
    states: int                          # states replayed successfully
    exit_code: int = 0
    message: str = ""                    # one line: "ok: N states replayed" or the first problem
    details: list[str] = field(default_factory=list)
    bad_step: int | None = None          # 1-based number of the first bad state
    differing: list[str] = field(default_factory=list)   # variables differing from the nearest candidate
    actions: list[str] = field(default_factory=list)      # the action label found for each state
    violation: Violation | None = None   # an invariant violated on the way (exit 12)
    trace: list[TraceStep] = field(default_factory=list)  # the replayed prefix, with actions
    notes: list[str] = field(default_factory=list)


def _nearest(variables: list[str], target: tuple, candidates: list[tuple[str, tuple]]):
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


def replay(model: Model, states: Sequence[tuple], max_candidates: int | None = 100000) -> ReplayResult:
    """Replay ``states`` (tuples in ``model.variables`` order) against the model.

    State numbers in messages are 1-based, as in TLC's traces.  Exit codes: 0 when the trace is
    a behaviour of the spec, 12 for a bad step or an invariant violated on the way, 10 for a
    false ASSUME, 75 for an evaluation error.
    """
    variables = list(model.variables)
    bad = check_assumptions(model)
    if bad is not None:
        return ReplayResult(False, 0, bad.exit_code, bad.error or "assumption failure")
    if not states:
        return ReplayResult(False, 0, 12, "the trace has no states")
    invariants = [(p.name, p.fn) for p in model.invariants]
    constraints = [(p.name, p.fn) for p in model.constraints]
    aconstraints = [(p.name, p.fn) for p in model.action_constraints]
    trace: list[TraceStep] = []
    actions: list[str] = []
    notes: list[str] = []
    k = 0
    try:
        for k, target in enumerate(states, 1):
            if len(target) != len(variables):
                return ReplayResult(False, k - 1, 12, f"step {k}: state {k} has {len(target)} values for "
                                    f"{len(variables)} variables", bad_step=k, actions=actions, trace=trace)
            model.tlc.level = k
            candidates: list[tuple[str, tuple]] = []
            found = None
            if k == 1:
                for t in model.init():
                    if t == target:
                        found = "<Initial predicate>"
                        break
                    if max_candidates is None or len(candidates) < max_candidates:
                        candidates.append(("<Initial predicate>", t))
            else:
                s = states[k - 2]
                for a in model.actions:
                    for t in a.fn(s, *a.args):
                        if t == target:
                            found = a.label
                            break
                        if max_candidates is None or len(candidates) < max_candidates:
                            candidates.append((a.label, t))
                    if found is not None:
                        break
            if found is None:
                if k == 1:
                    msg = "step 1: state 1 is not an initial state"
                else:
                    msg = f"step {k}: state {k} is not a successor of state {k - 1} under any action"
                if not candidates:
                    details = ["the spec has no initial state" if k == 1
                               else f"state {k - 1} has no successor at all"]
                    names: list[str] = []
                else:
                    names, details = _diff_lines(variables, target, _nearest(variables, target, candidates))
                return ReplayResult(False, k - 1, 12, msg, details, bad_step=k, differing=names,
                                    actions=actions, trace=trace, notes=notes)
            actions.append(found)
            trace.append(TraceStep(found, target))
            for name, c in constraints:
                if not c(target):
                    notes.append(f"state {k} is outside CONSTRAINT {name}: the model checker would not "
                                 "explore beyond it")
            if k > 1:
                for name, c in aconstraints:
                    if not c(states[k - 2], target):
                        notes.append(f"step {k} is outside ACTION_CONSTRAINT {name}")
            for name, inv in invariants:
                if not inv(target):
                    v = Violation("invariant", name, list(trace), initial=(k == 1))
                    return ReplayResult(False, k, 12, f"Invariant {name} is violated by state {k}.",
                                        bad_step=k, actions=actions, violation=v, trace=trace, notes=notes)
    except UnsetVariable as u:
        return ReplayResult(False, k - 1, 75, f"step {k}: evaluation error: {', '.join(u.names)} not assigned",
                            bad_step=k, actions=actions, trace=trace, notes=notes)
    except AssertionFailed as err:
        return ReplayResult(False, k - 1, 14, f"step {k}: {err.message}", bad_step=k, actions=actions,
                            trace=trace, notes=notes)
    except EvalError as err:
        return ReplayResult(False, k - 1, 75, f"step {k}: evaluation error: {err.message}", bad_step=k,
                            actions=actions, trace=trace, notes=notes)
    except RecursionError:
        return ReplayResult(False, k - 1, 75, f"step {k}: recursion too deep while evaluating", bad_step=k,
                            actions=actions, trace=trace, notes=notes)
    except Exception as err:  # a Python-level failure of compiled code
        msg = diagnose(getattr(model, "recheck", None), states[k - 2] if k > 1 else None, err)
        return ReplayResult(False, k - 1, 75, f"step {k}: evaluation error: {msg}", bad_step=k,
                            actions=actions, trace=trace, notes=notes)
    n = len(states)
    return ReplayResult(True, n, 0, f"ok: {n} states replayed", actions=actions, trace=trace, notes=notes)


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
