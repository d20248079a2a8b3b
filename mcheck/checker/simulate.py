"""Random simulation: random walks through the state space, checking invariants and deadlock.

Walk ``i`` (0-based) of a run with seed ``S`` uses its own ``random.Random(S + i)``, so a
violation found by walk ``i`` is reproduced by ``--seed S+i --traces 1`` (and the whole run by
the same ``--seed S``).  Each walk starts from an initial state chosen uniformly among the
distinct initial states, and at each step moves to a successor chosen uniformly among the
distinct in-model successors of the current state (over all actions).  As in TLC's simulator,
the invariants are checked on every in-model successor generated, not only on the one chosen;
a state with no successor at all is a deadlock (when deadlock is checked); a walk ends after
``depth`` states or when every successor is outside the CONSTRAINTs.  The checks are the
``StepFilter``'s, as in the breadth-first search.

Candidates are put in TLC's order before choosing, so that a seed gives the same walks in
every process (Python's set iteration order depends on string hashing).
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from ..semantics.model import Model, State
from ..semantics.runtime import AssertionFailed, UnsetVariable
from ..semantics.values import tlc_key
from . import outcome as O
from .check import check_assumptions
from .diagnose import diagnose_invariant, diagnose_step
from .filter import InvariantError, StepFilter


@dataclass
class SimResult:
    result: str                      # "success", "safety failure", "deadlock failure", "error", ...
    exit_code: int = 0
    seed: int = 0
    traces: int = 0                  # walks completed (or under way when a violation was found)
    states_generated: int = 0
    max_depth: int = 0               # the longest walk, in states
    violation: O.Violation | None = None
    walk: int | None = None          # 0-based index of the walk that found the violation
    walk_seed: int | None = None     # the seed that reproduces it with --traces 1
    error: str | None = None
    seconds: float = 0.0
    variables: list[str] = field(default_factory=list)

    def as_result(self) -> O.Outcome:
        """The same outcome as an ``Outcome`` (for ``format_result``; without TLC's statistics)."""
        return O.Outcome(self.result, 0, self.states_generated, self.max_depth, 0, self.violation, self.error,
                         self.exit_code, self.seconds, stats_printed=False, variables=self.variables)


class _Found(Exception):
    """A walk ended the run: ``outcome`` says how."""

    def __init__(self, outcome: O.Outcome):
        super().__init__(outcome.result)
        self.outcome = outcome


def _state_key(st: State) -> tuple:
    return tuple(tlc_key(x) for x in st)


def simulate(model: Model, depth: int = 100, traces: int = 1000, seed: int = 0,
             check_deadlock: bool | None = None) -> SimResult:
    """Run ``traces`` random walks of at most ``depth`` states; stop at the first violation."""
    t0 = time.monotonic()
    out = SimResult("success", seed=seed, variables=list(model.variables))
    sim = _Simulation(model, out, model.check_deadlock if check_deadlock is None else check_deadlock)
    bad = check_assumptions(model)
    if bad is None:
        bad = sim.run(depth, traces, seed)
    if bad is not None:
        out.result, out.exit_code, out.violation, out.error = bad.result, bad.exit_code, bad.violation, bad.error
        if bad.violation is not None:
            out.max_depth = max(out.max_depth, len(bad.violation.trace))
        if sim.walk is not None:
            out.walk, out.walk_seed = sim.walk, seed + sim.walk
    out.seconds = time.monotonic() - t0
    return out


class _Simulation:
    def __init__(self, model: Model, out: SimResult, deadlock: bool):
        self.model, self.out, self.deadlock = model, out, deadlock
        self.filter = StepFilter(model)
        self.walk: int | None = None
        self.path: list[O.TraceStep] = []

    def run(self, depth: int, traces: int, seed: int) -> O.Outcome | None:
        try:
            inits = self._initial_states()
            for i in range(traces):
                if not inits:
                    break
                self.walk = i
                self.out.traces = i + 1
                self._walk(random.Random(seed + i), inits, depth)
            self.walk = None
        except _Found as f:
            return f.outcome
        except KeyboardInterrupt:
            self.walk = None
            return O.interrupted(O.Counts())
        except Exception as err:
            return self._failure(err)
        return None

    def _initial_states(self) -> list[State]:
        m, filt = self.model, self.filter
        m.set_level(1)
        self.walk = 0
        inits: dict[State, None] = {}
        for st in m.init():
            self.out.states_generated += 1
            step = [O.TraceStep(O.INITIAL, st)]
            name = filt.invariant_violated_unchecked(st)   # as the search: an error here is exit 75
            if name is not None:
                raise _Found(O.invariant_violated(name, step, O.Counts(), initial=True))
            name = filt.init_property_violated(st)
            if name is not None:
                raise _Found(O.property_violated(name, step, O.Counts(), initial=True))
            if filt.accepts(None, st):
                inits.setdefault(st, None)
        return sorted(inits, key=_state_key)

    def _walk(self, rng: random.Random, inits: list[State], depth: int) -> None:
        m, filt = self.model, self.filter
        cur = inits[rng.randrange(len(inits))]
        self.path = path = [O.TraceStep(O.INITIAL, cur)]
        while len(path) < depth:
            m.set_level(len(path) + 1)
            succ: dict[State, str] = {}
            generated = 0
            for ai, t in m.successors(cur):
                generated += 1
                if not filt.accepts(cur, t):
                    continue
                label = m.actions[ai].label
                if t not in succ:
                    name = filt.invariant_violated(t)
                    if name is not None:
                        raise _Found(O.invariant_violated(name, path + [O.TraceStep(label, t)], O.Counts()))
                    succ[t] = label
                name = filt.step_violated(cur, t) if filt.check_step is not None else None
                if name is not None:
                    raise _Found(O.property_violated(name, path + [O.TraceStep(label, t)], O.Counts()))
            self.out.states_generated += generated
            if generated == 0 and self.deadlock:
                raise _Found(O.deadlock(path, O.Counts()))
            if not succ:
                break
            cands = sorted(succ, key=_state_key)
            cur = cands[rng.randrange(len(cands))]
            path.append(O.TraceStep(succ[cur], cur))
        self.out.max_depth = max(self.out.max_depth, len(path))

    def _failure(self, err: Exception) -> O.Outcome:
        """An evaluation error in a walk, worded as the breadth-first search words it."""
        path = list(self.path)
        if isinstance(err, InvariantError):
            msg = diagnose_invariant(self.model, err.name, err.state, err.err)
            return O.invariant_error(err.name, msg, path, O.Counts())
        if isinstance(err, UnsetVariable):
            return O.unassigned_successor(err.names, path, O.Counts())
        if isinstance(err, AssertionFailed):
            return O.assert_failed(err.message, path, O.Counts())
        msg = diagnose_step(self.model, path[-1].state if path else None, err)
        return O.evaluation_error(msg, O.Counts(), path, msg)
