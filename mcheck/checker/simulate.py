"""Random simulation: random walks through the state space, checking invariants and deadlock.

Walk ``i`` (0-based) of a run with seed ``S`` uses its own ``random.Random(S + i)``, so a
violation found by walk ``i`` is reproduced by ``--seed S+i --traces 1`` (and the whole run by
the same ``--seed S``).  Each walk starts from an initial state chosen uniformly among the
distinct initial states, and at each step moves to a successor chosen uniformly among the
distinct in-model successors of the current state (over all actions).  As in TLC's simulator,
the invariants are checked on every in-model successor generated, not only on the one chosen;
a state with no successor at all is a deadlock (when deadlock is checked); a walk ends after
``depth`` states or when every successor is outside the CONSTRAINTs.

Candidates are put in TLC's order before choosing, so that a seed gives the same walks in
every process (Python's set iteration order depends on string hashing).
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from ..semantics.model import Model
from ..semantics.runtime import AssertionFailed, UnsetVariable
from ..semantics.values import tlc_key
from ..syntax.errors import EvalError
from .bfs import Result, TraceStep, Violation, check_assumptions, diagnose

INITIAL = "<Initial predicate>"


@dataclass
class SimResult:
    result: str                      # "success", "safety failure", "deadlock failure", "error", ...
    exit_code: int = 0
    seed: int = 0
    traces: int = 0                  # walks completed (or under way when a violation was found)
    states_generated: int = 0
    max_depth: int = 0               # the longest walk, in states
    violation: Violation | None = None
    walk: int | None = None          # 0-based index of the walk that found the violation
    walk_seed: int | None = None     # the seed that reproduces it with --traces 1
    error: str | None = None
    seconds: float = 0.0
    variables: list[str] = field(default_factory=list)

    def as_result(self) -> Result:
        """The same outcome as a ``bfs.Result`` (for ``format_result``; without TLC's statistics)."""
        return Result(self.result, 0, self.states_generated, self.max_depth, 0, self.violation, self.error,
                      self.exit_code, self.seconds, stats_printed=False, variables=self.variables)


def _state_key(st: tuple) -> tuple:
    return tuple(tlc_key(x) for x in st)


def simulate(model: Model, depth: int = 100, traces: int = 1000, seed: int = 0,
             check_deadlock: bool | None = None) -> SimResult:
    """Run ``traces`` random walks of at most ``depth`` states; stop at the first violation."""
    t0 = time.monotonic()
    out = SimResult("success", seed=seed, variables=list(model.variables))

    def finish(result: str, code: int, violation: Violation | None = None, error: str | None = None,
               walk: int | None = None) -> SimResult:
        out.result, out.exit_code, out.violation, out.error = result, code, violation, error
        if walk is not None:
            out.walk, out.walk_seed = walk, seed + walk
        if violation is not None:
            out.max_depth = max(out.max_depth, len(violation.trace))
        out.seconds = time.monotonic() - t0
        return out

    bad = check_assumptions(model)
    if bad is not None:
        return finish(bad.result, bad.exit_code, bad.violation, bad.error)
    deadlock = model.check_deadlock if check_deadlock is None else check_deadlock
    invariants = [(p.name, p.fn) for p in model.invariants]
    constraints = [p.fn for p in model.constraints]
    aconstraints = [p.fn for p in model.action_constraints]
    aprops = [(p.name, p.fn) for p in model.action_properties]
    actions = [(a.label, a.fn, a.args) for a in model.actions]
    tlc = model.tlc

    def in_model(s, t) -> bool:
        for c in constraints:
            if not c(t):
                return False
        if s is not None:
            for c in aconstraints:
                if not c(s, t):
                    return False
        return True

    walk_i = 0
    path: list[TraceStep] = []
    try:
        tlc.level = 1
        inits: dict[tuple, None] = {}
        for st in model.init():
            out.states_generated += 1
            for name, inv in invariants:
                if not inv(st):
                    return finish("safety failure", 12, Violation("invariant", name, [TraceStep(INITIAL, st)],
                                                                  initial=True), walk=0)
            for p in model.init_properties:
                if not p.fn(st):
                    return finish("safety failure", 13, Violation("property", p.name, [TraceStep(INITIAL, st)],
                                                                  initial=True), walk=0)
            if in_model(None, st):
                inits.setdefault(st, None)
        init_list = sorted(inits, key=_state_key)
        if not init_list:
            return finish("success", 0)
        for walk_i in range(traces):
            rng = random.Random(seed + walk_i)
            out.traces = walk_i + 1
            cur = init_list[rng.randrange(len(init_list))]
            path = [TraceStep(INITIAL, cur)]
            while len(path) < depth:
                tlc.level = len(path) + 1
                succ: dict[tuple, str] = {}
                generated = 0
                for label, fn, args in actions:
                    for t in fn(cur, *args):
                        generated += 1
                        if not in_model(cur, t):
                            continue
                        if t not in succ:
                            for name, inv in invariants:
                                if not inv(t):
                                    return finish("safety failure", 12, Violation(
                                        "invariant", name, path + [TraceStep(label, t)]), walk=walk_i)
                            succ[t] = label
                        for name, p in aprops:
                            if not p(cur, t):
                                return finish("safety failure", 13, Violation(
                                    "property", name, path + [TraceStep(label, t)]), walk=walk_i)
                out.states_generated += generated
                if generated == 0:
                    if deadlock:
                        return finish("deadlock failure", 11, Violation("deadlock", None, path), walk=walk_i)
                    break
                if not succ:
                    break
                cands = sorted(succ, key=_state_key)
                cur = cands[rng.randrange(len(cands))]
                path.append(TraceStep(succ[cur], cur))
            out.max_depth = max(out.max_depth, len(path))
    except KeyboardInterrupt:
        return finish("interrupted", 1, None, "interrupted")
    except UnsetVariable as u:
        return finish("error", 75, Violation("error", None, list(path)),
                      f"a successor state does not define {', '.join(u.names)}", walk=walk_i)
    except AssertionFailed as err:
        return finish("safety failure", 14, Violation("assert", None, list(path), err.message), err.message,
                      walk=walk_i)
    except EvalError as err:
        return finish("error", 75, Violation("error", None, list(path), err.message), err.message, walk=walk_i)
    except RecursionError:
        return finish("error", 75, Violation("error", None, list(path)), "recursion too deep while evaluating",
                      walk=walk_i)
    except Exception as err:  # a Python-level failure of compiled code: find TLC's message
        cur_state = path[-1].state if path else None
        msg = diagnose(getattr(model, "recheck", None), cur_state, err)
        return finish("error", 75, Violation("error", None, list(path), msg), msg, walk=walk_i)
    return finish("success", 0)
