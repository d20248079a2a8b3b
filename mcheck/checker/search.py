"""Breadth-first search over a ``Model``, counting states as TLC does, stopping at the first violation.

The order of checks for each generated successor is the ``StepFilter``'s (TLC's
Worker.addElement): completeness, in-model, dedup, invariants on new or excluded states, action
properties on every step, enqueue.  States are stored exactly (``ExactStore``: Python tuples in a
dict), so there are no fingerprint collisions; each keeps the index of its parent and of the
action that found it, which gives the shortest counterexample, labelled without re-running any
action.  Observers (``observers.py``) watch the one search: the state graph for ``--dump-graph``,
``--html`` and liveness, and progress reports.
"""
from __future__ import annotations

import time
from typing import Callable, Sequence

from ..semantics.model import Model, State
from ..semantics.runtime import AssertionFailed, UnsetVariable
from ..syntax.errors import EvalError
from . import outcome as O
from .checkpoint import Checkpointer, Resumed
from .diagnose import diagnose_constraint, diagnose_init, diagnose_invariant, diagnose_step
from .filter import ConstraintError, InvariantError, StepFilter
from .frontier import Frontier, default_budget
from .observers import Observer, fan_out
from .store import ExactStore, FingerprintStore, TraceRebuildError, make_store
from .traces import step_label

GC_THRESHOLD = (50000, 20, 100)
"""The search allocates millions of small containers and rarely makes a cycle: collecting cycles
less often saves a fifth of the time on large models (TwoPhase 7).  ``run.check_spec`` sets it for
the search, and every worker process of ``--workers`` for its own."""


class BreadthFirst:
    """One breadth-first search of ``model``; ``run()`` returns its ``Outcome``.

    ``check_deadlock`` overrides the model's; ``max_states`` stops the search (an error) past that
    many distinct states; ``observers`` see every new state, every in-model step and progress.
    """

    def __init__(self, model: Model, observers: Sequence[Observer] = (), check_deadlock: bool | None = None,
                 max_states: int | None = None, progress_every: float = 5.0,
                 store: ExactStore | FingerprintStore | None = None, checkpoint: Checkpointer | None = None,
                 budget: int | None = None, max_depth: int | None = None):
        self.model = model
        self.filter = StepFilter(model)
        self.store = store if store is not None else make_store(model)
        self.deadlock = model.check_deadlock if check_deadlock is None else check_deadlock
        self.max_states = max_states
        self.max_depth = max_depth   # --max-depth: the states of this depth are not expanded
        self.progress_every = progress_every
        self.on_state, self.on_edge, self.on_dead_end, self.on_progress = fan_out(observers)
        self.t0 = time.monotonic()
        self.generated = 0
        self.depth = 0
        self.level = 1            # the level being generated (TLCGet("level"))
        self.frontier: list[tuple[int, State]] | Frontier = []
        self.cur = -1             # the state whose successors are being generated (-1: initial states)
        self.cur_state: State | None = None
        self.left = 0             # states left on the queue when the search stopped
        self.checkpoint = checkpoint
        self.resumed = False
        self.budget = default_budget() if budget is None else budget   # bytes of a level's states in memory

    def counts(self) -> O.Counts:
        return O.Counts(len(self.store), self.generated, self.depth, self.left, time.monotonic() - self.t0)

    def resume(self, saved: Resumed) -> None:
        """Start from a checkpoint (``run`` then skips the initial states): its store, level and counts."""
        self.store.load(saved.fps, saved.parent, saved.action)
        self.frontier = saved.frontier
        self.level, self.generated, self.depth = saved.level, saved.generated, saved.depth
        self.resumed = True

    def run(self) -> O.Outcome:
        """Generate the initial states, then level after level; the first violation ends the search."""
        try:
            if not self.resumed:
                bad = self._initial()
                if bad is not None:
                    return bad
            return self._levels()
        except KeyboardInterrupt:
            self.left = len(self.frontier)
            return O.interrupted(self.counts())
        except TraceRebuildError as err:
            return O.trace_lost(str(err), self.counts())

    # ------------------------------------------------------------------ the initial states

    def _initial(self) -> O.Outcome | None:
        m, filt, store = self.model, self.filter, self.store
        m.set_level(1)
        if m.set_stats is not None:
            m.set_stats(0, 0, 0, 1)   # TLC's figures while it evaluates the initial predicate
        try:
            for st in m.init():
                self.generated += 1
                in_model = filt.accepts(None, st)
                new = False
                if in_model:
                    j = len(store)
                    new = store.insert(st, -1, -1) == j
                if new:
                    if self.on_state is not None:
                        self.on_state(j, st, -1, -1)
                    self.frontier.append((j, st))
                    self.depth = 1
                if not in_model or new:
                    name = filt.invariant_violated_unchecked(st)
                    if name is not None:
                        return O.invariant_violated(name, [O.TraceStep(O.INITIAL, st)], self.counts(), initial=True)
                name = filt.init_property_violated(st)
                if name is not None:
                    return O.property_violated(name, [O.TraceStep(O.INITIAL, st)], self.counts(), initial=True)
        except UnsetVariable as u:
            return O.unassigned_initial(u.names, self.counts())
        except AssertionFailed as err:
            return O.assert_failed(err.message, [], self.counts())
        except ConstraintError as err:   # on an initial state: an error of the initial states
            return O.evaluation_error(diagnose_constraint(m, None, err), self.counts())
        except Exception as err:  # EvalError, or a Python-level failure of compiled code: TLC's message
            return O.evaluation_error(diagnose_init(m, err), self.counts())
        return None

    # ------------------------------------------------------------------ the successors

    def _levels(self) -> O.Outcome:
        try:
            found = self._explore()
        except TraceRebuildError:
            raise
        except InvariantError as f:
            # TLC: "Evaluating invariant Inv failed." and the cause, exit 76 (ErrE)
            msg = diagnose_invariant(self.model, f.name, f.state, f.err)
            return O.invariant_error(f.name, msg, self._trace_to(self.cur, f.state), self.counts())
        except UnsetVariable as u:
            self.generated += 1
            tr = self._trace_to(self.cur)
            tr.append(O.TraceStep(self._failing_action(), u.partial))
            return O.unassigned_successor(u.names, tr, self.counts())
        except AssertionFailed as err:
            return O.assert_failed(err.message, self._trace_to(self.cur), self.counts())
        except ConstraintError as err:
            msg = diagnose_constraint(self.model, self._state(self.cur), err)
            return O.constraint_error(msg, self.counts(), self._trace_to(self.cur, err.state), err.message)
        except EvalError as err:
            msg = diagnose_step(self.model, self._state(self.cur), err)
            return O.evaluation_error(msg, self.counts(), self._trace_to(self.cur), err.message)
        except Exception as err:  # a Python-level failure of compiled code: find TLC's message
            msg = diagnose_step(self.model, self._state(self.cur), err)
            return O.evaluation_error(msg, self.counts(), self._trace_to(self.cur))
        if found is not None:
            return found
        if self.frontier and self.max_depth is not None:
            self.left = len(self.frontier)
            return O.bounded(self.max_depth, self.counts())
        out = O.success(self.counts())
        out.complete = True
        return out

    def _state(self, i: int) -> State | None:
        return self.cur_state if i >= 0 else None

    def _trace(self, i: int, extra: tuple[int, State] | None = None) -> list[O.TraceStep]:
        """The trace to stored state ``i`` (then ``extra``), with TLCGet("level") put back afterwards
        (a fingerprint store rebuilds the trace by generating its steps again)."""
        steps = self.store.trace(self.model, i, extra)
        self.model.set_level(self.level)
        return steps

    def _trace_to(self, i: int, extra: State | None = None) -> list[O.TraceStep]:
        if i < 0:
            return []
        steps = self._trace(i)
        if extra is not None:
            steps.append(O.TraceStep(step_label(self.model, self.cur_state, extra), extra))
        return steps

    def keep_going(self) -> Callable[[], list[O.Violation]]:
        """TLC's ``-continue``: invariant violations no longer stop the search; the function returned
        gives, once the search has ended, each of them with the behaviour to it (TLC prints each)."""
        found = self.filter.keep_going(lambda: (self.cur, self.cur_state))

        def violations() -> list[O.Violation]:
            out = []
            for name, t, (cur, s) in found:
                if cur < 0:
                    out.append(O.Violation("invariant", name, [O.TraceStep(O.INITIAL, t)], initial=True))
                    continue
                steps = self._trace(cur)
                steps.append(O.TraceStep(step_label(self.model, s, t), t))
                out.append(O.Violation("invariant", name, steps))
            return out
        return violations

    def _failing_action(self) -> str:
        """The label of the first action that fails on the current state (an unassigned variable)."""
        s = self._state(self.cur)
        for a in self.model.actions if s is not None else ():
            try:
                for _ in a.successors(s):
                    pass
            except Exception:
                return a.label
        return O.NO_ACTION

    def _violation(self, make: Callable, name: str, ai: int, t: State, left: int) -> O.Outcome:
        self.left = left
        return make(name, self._trace(self.cur, (ai, t)), self.counts())

    def _explore(self) -> O.Outcome | None:
        """The hot loop: every level, every state of it, every successor.  Counters live in locals
        and are written back when the loop ends, however it ends."""
        m, filt, store = self.model, self.filter, self.store
        insert, canonical, new_level = store.insert, store.canonical, store.new_level
        successors, set_level, set_stats = m.successors, m.set_level, m.set_stats
        in_model, check_inv, check_step = filt.in_model, filt.check_invariants, filt.check_step
        on_state, on_edge, on_dead_end = self.on_state, self.on_edge, self.on_dead_end
        generated, depth, level = self.generated, self.depth, self.frontier
        n = len(store)
        last_report = time.monotonic()
        checkpoint = self.checkpoint
        try:
            while level and self.level != self.max_depth:   # None (no --max-depth) is no level
                if checkpoint is not None and checkpoint.due():
                    level = checkpoint.save(store, level, self.level, generated, depth)
                self.level += 1
                lv = self.level
                set_level(lv)
                nxt = Frontier(self.budget)
                nxt.on_spill = store.spilled
                nxt_append = nxt.append
                self.frontier = level
                new_level()
                for qi, (cur, s) in enumerate(level):
                    self.cur, self.cur_state = cur, s
                    before = generated
                    if set_stats is not None:
                        set_stats(n, generated, len(level) - qi - 1 + len(nxt), depth)
                    for ai, t in successors(s):
                        generated += 1
                        new = False
                        idx = None
                        if in_model is None or in_model(s, t):
                            idx = insert(t, cur, ai)
                            if on_edge is not None:
                                on_edge(cur, idx, ai)
                            if idx == n:
                                n += 1
                                t = canonical(t)
                                nxt_append(idx, t)
                                new = True
                                if on_state is not None:
                                    on_state(idx, t, cur, ai)
                                if depth < lv:
                                    depth = lv
                            elif check_step is None:
                                continue            # seen before, in the model: nothing left to check
                        if check_inv is not None and (new or idx is None):
                            name = check_inv(t)
                            if name is not None:
                                # the violating state is stored but never enqueued (TLC: Stop.tla)
                                self.generated, self.depth = generated, depth
                                left = len(level) - qi - 1 + len(nxt) - (1 if new else 0)
                                return self._violation(O.invariant_violated, name, ai, t, left)
                        if check_step is not None:
                            name = check_step(s, t, cur, idx)
                            if name is not None:
                                self.generated, self.depth = generated, depth
                                left = len(level) - qi - 1 + len(nxt)
                                return self._violation(O.property_violated, name, ai, t, left)
                    if generated == before:
                        if on_dead_end is not None:
                            on_dead_end(cur)
                        if self.deadlock:
                            self.left = len(level) - qi - 1 + len(nxt)
                            self.generated, self.depth = generated, depth
                            return O.deadlock(self._trace(cur), self.counts())
                    if self.on_progress is not None and time.monotonic() - last_report > self.progress_every:
                        last_report = time.monotonic()
                        self.generated, self.depth = generated, depth
                        self.on_progress(self._progress(len(level) - qi - 1 + len(nxt)))
                    if self.max_states is not None and n > self.max_states:
                        self.generated, self.depth = generated, depth
                        return O.stopped(self.max_states, self.counts())
                level = nxt
            self.frontier = level
        finally:
            self.generated, self.depth = generated, depth
        return None

    def _progress(self, queue: int) -> dict:
        return {"depth": self.depth, "generated": self.generated, "distinct": len(self.store),
                "queue": queue, "seconds": time.monotonic() - self.t0}
