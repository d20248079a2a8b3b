"""Breadth-first state-space search, counting states as TLC does.

The order of checks for each generated successor follows TLC's
Worker.addElement (TLC-SEMANTICS.md §1): completeness, in-model (CONSTRAINT
and ACTION_CONSTRAINT), dedup, invariants (on new or excluded states),
action properties (on every transition), enqueue.  States are stored
exactly (Python tuples in a dict), so there are no fingerprint collisions;
each keeps the index of its parent and of the action that found it, which
gives the shortest counterexample.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from ..semantics.model import Model
from ..semantics.runtime import AssertionFailed, UnsetVariable
from ..syntax.errors import EvalError, render_message


@dataclass
class TraceStep:
    action: str          # "<Initial predicate>" or the action label
    state: tuple


_NONE = object()


@dataclass
class Violation:
    kind: str            # "invariant", "property", "deadlock", "assert", "assumption", "error"
    name: str | None
    trace: list[TraceStep]
    message: str = ""
    initial: bool = False
    # a liveness counterexample is a lasso: after the last state the behaviour goes back to
    # trace[loop_index] ("Back to state loop_index+1"), or, when stuttering is True, the last
    # step is the marker TraceStep("Stuttering", <the previous state>) and the behaviour stays there.
    loop_index: int | None = None
    stuttering: bool = False
    loop_action: str | None = None   # the label of the step that goes back to trace[loop_index]


@dataclass
class Result:
    result: str          # "success", "safety failure", "deadlock failure", "assumption failure", "error"
    distinct_states: int = 0
    states_generated: int = 0
    depth: int = 0
    left_on_queue: int = 0
    violation: Violation | None = None
    error: str | None = None
    exit_code: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    outdegree: tuple[int, int, int, int] | None = None
    stats_printed: bool = True
    variables: list[str] = field(default_factory=list)


class Stop(Exception):
    pass


def check_assumptions(model: Model) -> Result | None:
    for label, fn, unit in model.assumes:
        try:
            ok = fn()
        except EvalError as err:
            return Result("assumption failure", violation=Violation("assumption", label, [], err.message),
                          error=f"Evaluating assumption {label} failed.\n{err.message}", exit_code=10,
                          stats_printed=False)
        if ok is not True:
            return Result("assumption failure", violation=Violation("assumption", label, []),
                          error=f"Assumption {label} is false.", exit_code=10, stats_printed=False)
    return None


def _failing_action(model: Model, s: tuple) -> str:
    for a in model.actions:
        try:
            for _ in a.fn(s, *a.args):
                pass
        except Exception:
            return a.label
    return "<Action>"


def diagnose(recheck: Callable[[], Model] | None, state: tuple | None, err: Exception) -> str:
    """Re-evaluate a failed step with the checked model (natives with TLC's type checks) for TLC's message."""
    def rerun(m: Model) -> None:
        if state is None:
            for st in m.init():
                for p in m.invariants:
                    p.fn(st)
        else:
            for a in m.actions:
                for t in a.fn(state, *a.args):
                    for c in m.constraints:
                        c.fn(t)
                    for p in m.invariants:
                        p.fn(t)
    return _located_message(recheck, err, rerun)


def _diagnose_invariant(recheck: Callable[[], Model] | None, name: str, state: tuple, err: Exception) -> str:
    """TLC's message for an invariant that failed to evaluate, located with the checked model."""
    def rerun(m: Model) -> None:
        for p in m.invariants:
            if p.name == name:
                p.fn(state)
    return _located_message(recheck, err, rerun)


def _located_message(recheck: Callable[[], Model] | None, err: Exception, rerun: Callable[[Model], None]) -> str:
    """Repeat the failed evaluation (``rerun``) on the checked model: its EvalError carries TLC's message and
    the innermost failing expression, printed with its source line and a caret."""
    fallback = err.message if isinstance(err, EvalError) else f"Evaluation failed: {type(err).__name__}: {err}"
    if recheck is None:
        return fallback
    try:
        rerun(recheck())
    except EvalError as e:
        if e.span is not None:
            return e.message + "\n" + render_message("the failing expression", e.span, "note", e.notes)
        return e.message
    except Exception:
        return fallback
    return fallback


class _InvariantFailed(Exception):
    """An invariant could not be evaluated on a (non-initial) state."""

    def __init__(self, name: str, state: tuple, err: Exception):
        super().__init__(name)
        self.name, self.state, self.err = name, state, err


def bfs(model: Model, check_deadlock: bool | None = None, progress: Callable[[dict], None] | None = None,
        progress_every: float = 5.0, max_states: int | None = None,
        recheck: Callable[[], Model] | None = None) -> Result:
    """Explore every reachable state; stop at the first violation, as TLC does."""
    t0 = time.monotonic()
    res = check_assumptions(model)
    if res is not None:
        res.seconds = time.monotonic() - t0
        return res
    deadlock = model.check_deadlock if check_deadlock is None else check_deadlock
    invariants = [(p.name, p.fn) for p in model.invariants]
    constraints = [p.fn for p in model.constraints]
    aconstraints = [p.fn for p in model.action_constraints]
    aprops = [(p.name, p.fn) for p in model.action_properties if p.sub is None]
    # [A]_v with a state function v: v is computed once per state (kept by state index unless states
    # are compared through SYMMETRY/VIEW) and A only on the steps that change v
    sprops = [(p.name, p.sub, p.act, {}) for p in model.action_properties if p.sub is not None]
    actions = [(a.label, a.fn, a.args) for a in model.actions]
    tlc = model.tlc
    keyfn = model.state_key                      # SYMMETRY / VIEW: dedup through a key
    temporal = getattr(model, "temporal", None)
    succ: list[list[int]] | None = [] if temporal is not None else None  # the graph, for liveness

    states: list[tuple] = []
    parent: list[int] = []
    seen: dict[tuple, int] = {}
    generated = 0
    depth = 0
    stats = {"generated": 0, "distinct": 0}
    tlc.stats = stats

    def label(i: int) -> str:
        if parent[i] < 0:
            return "<Initial predicate>"
        ai = model.action_of(states[parent[i]], states[i])
        return actions[ai][0] if ai >= 0 else "<Action>"

    def trace_to(i: int, extra: tuple | None = None) -> list[TraceStep]:
        """The path of parent links back to an initial state; labels found as TLC finds them."""
        chain = []
        while i >= 0:
            chain.append(i)
            i = parent[i]
        chain.reverse()
        steps = [TraceStep(label(j), states[j]) for j in chain]
        if extra is not None:
            ai = model.action_of(states[chain[-1]], extra) if chain else -1
            steps.append(TraceStep(actions[ai][0] if ai >= 0 else "<Action>", extra))
        return steps

    def finish(result: str, code: int, violation: Violation | None = None, error: str | None = None,
               left: int = 0, stats_printed: bool = True) -> Result:
        return Result(result, len(seen), generated, depth, left, violation, error, code,
                      time.monotonic() - t0, stats_printed=stats_printed, variables=model.variables)

    # ---------------------------------------------------------------- initial states
    level: list[int] = []
    tlc.level = 1
    try:
        for st in model.init():
            generated += 1
            in_model = True
            for c in constraints:
                if not c(st):
                    in_model = False
                    break
            unseen = False
            k = st if keyfn is None else keyfn(st)
            if in_model and k not in seen:
                seen[k] = len(states)
                if succ is not None:
                    succ.append([])
                states.append(st)
                parent.append(-1)
                level.append(len(states) - 1)
                unseen = True
                depth = 1
            if not in_model or unseen:
                for name, inv in invariants:
                    if not inv(st):
                        return finish("safety failure", 12, Violation(
                            "invariant", name, [TraceStep("<Initial predicate>", st)], initial=True),
                            stats_printed=False)
            for p in model.init_properties:
                if not p.fn(st):
                    return finish("safety failure", 13, Violation(
                        "property", p.name, [TraceStep("<Initial predicate>", st)], initial=True),
                        stats_printed=False)
    except UnsetVariable as u:
        return finish("error", 255, None, "current state is not a legal state: the initial predicate does not "
                      f"assign {', '.join(u.names)}", stats_printed=False)
    except AssertionFailed as err:
        return finish("safety failure", 14, Violation("assert", None, [], err.message), err.message)
    except EvalError as err:
        return finish("error", 75, None, diagnose(recheck, None, err))
    except RecursionError:
        return finish("error", 75, None, "recursion too deep while computing the initial states")
    except Exception as err:  # a Python-level failure of compiled code: find TLC's message
        return finish("error", 75, None, diagnose(recheck, None, err))

    # ---------------------------------------------------------------- successors
    last_report = time.monotonic()
    filtered = bool(constraints or aconstraints)
    setdefault = seen.setdefault
    states_append, parent_append = states.append, parent.append
    next_all = model.next_all
    cur = None
    try:
        while level:
            tlc.level += 1
            nxt_level: list[int] = []
            for qi, cur in enumerate(level):
                s = states[cur]
                before = generated
                sl = succ[cur] if succ is not None else None
                if sprops:
                    svals = []
                    for _, sub, _, memo in sprops:
                        v = memo.get(cur, _NONE)
                        if v is _NONE:
                            v = sub(s)
                            if keyfn is None:
                                memo[cur] = v
                        svals.append(v)
                for t in next_all(s):
                    generated += 1
                    in_model = True
                    if filtered:
                        for c in constraints:
                            if not c(t):
                                in_model = False
                                break
                        if in_model:
                            for c in aconstraints:
                                if not c(s, t):
                                    in_model = False
                                    break
                    unseen = False
                    if in_model:
                        j = len(states)
                        idx = setdefault(t if keyfn is None else keyfn(t), j)  # one hash: lookup and insert
                        if sl is not None:
                            sl.append(idx)
                            if idx == j:
                                succ.append([])
                        if idx == j:
                            states_append(t)
                            parent_append(cur)
                            nxt_level.append(j)
                            unseen = True
                            if depth < tlc.level:
                                depth = tlc.level
                    if not in_model or unseen:
                        for name, inv in invariants:
                            try:
                                ok = inv(t)
                            except AssertionFailed:
                                raise
                            except Exception as err:
                                raise _InvariantFailed(name, t, err) from err
                            if not ok:
                                # the violating state is stored but never enqueued (TLC: Stop.tla)
                                left = len(level) - qi - 1 + len(nxt_level) - (1 if unseen else 0)
                                return finish("safety failure", 12, Violation(
                                    "invariant", name, trace_to(cur, t)), left=left)
                    for name, p in aprops:
                        if not p(s, t):
                            return finish("safety failure", 13, Violation(
                                "property", name, trace_to(cur, t)),
                                left=len(level) - qi - 1 + len(nxt_level))
                    for k, (name, sub, act, memo) in enumerate(sprops):
                        if in_model and keyfn is None:
                            tv = memo.get(idx, _NONE)
                            if tv is _NONE:
                                tv = memo[idx] = sub(t)
                        else:
                            tv = sub(t)
                        if tv != svals[k] and not act(s, t):
                            return finish("safety failure", 13, Violation(
                                "property", name, trace_to(cur, t)),
                                left=len(level) - qi - 1 + len(nxt_level))
                if deadlock and generated == before:
                    return finish("deadlock failure", 11, Violation("deadlock", None, trace_to(cur)),
                                  left=len(level) - qi - 1 + len(nxt_level))
                if progress is not None and time.monotonic() - last_report > progress_every:
                    last_report = time.monotonic()
                    progress({"depth": depth, "generated": generated, "distinct": len(seen),
                              "queue": len(level) - qi - 1 + len(nxt_level),
                              "seconds": last_report - t0})
                if max_states is not None and len(seen) > max_states:
                    return finish("error", 75, None, f"stopped after {max_states} distinct states")
            level = nxt_level
    except KeyboardInterrupt:
        r = finish("interrupted", 1, None, "interrupted", left=len(level))
        r.interrupted = True
        return r
    except _InvariantFailed as f:
        # TLC: "Evaluating invariant Inv failed." and the cause, exit 76 (ErrE)
        msg = _diagnose_invariant(recheck, f.name, f.state, f.err)
        return finish("error", 76, Violation("error", f.name, trace_to(cur, f.state), msg),
                      f"Evaluating invariant {f.name} failed.\n{msg}")
    except UnsetVariable as u:
        generated += 1
        tr = trace_to(cur) if cur is not None else []
        tr.append(TraceStep(_failing_action(model, states[cur]) if cur is not None else "<Action>", u.partial))
        return finish("error", 75, Violation("error", None, tr),
                      "Successor state is not completely specified by the next-state action. "
                      f"The following variable{'s are' if len(u.names) > 1 else ' is'} not defined: "
                      f"{', '.join(u.names)}.")
    except AssertionFailed as err:
        tr = trace_to(cur) if cur is not None else []
        return finish("safety failure", 14, Violation("assert", None, tr, err.message), err.message)
    except EvalError as err:
        tr = trace_to(cur) if cur is not None else []
        msg = diagnose(recheck, states[cur] if cur is not None else None, err)
        return finish("error", 75, Violation("error", None, tr, err.message), msg)
    except RecursionError:
        tr = trace_to(cur) if cur is not None else []
        return finish("error", 75, Violation("error", None, tr), "recursion too deep while evaluating")
    except Exception as err:  # a Python-level failure of compiled code: find TLC's message
        tr = trace_to(cur) if cur is not None else []
        msg = diagnose(recheck, states[cur] if cur is not None else None, err)
        return finish("error", 75, Violation("error", None, tr), msg)
    for p in model.postconditions:
        try:
            ok = p.fn()
        except EvalError as err:
            return finish("error", 75, None, f"Evaluating the POSTCONDITION {p.name} failed.\n{err.message}")
        if ok is not True:
            return finish("safety failure", 12, Violation("postcondition", p.name, []),
                          f"The POSTCONDITION {p.name} is violated.")
    if temporal is not None:
        from .liveness import LivenessChecker
        inits = [i for i in range(len(states)) if parent[i] < 0]
        lc = LivenessChecker(temporal, states, succ, inits)
        try:
            for prop in temporal.properties:
                lasso = lc.check(prop)
                if lasso is None:
                    continue
                steps, back = _lasso_steps(model, actions, states, lasso.states, lasso.loop_index, lasso.stuttering)
                if lasso.stuttering:
                    steps.append(TraceStep("Stuttering", steps[-1].state))
                    loop = len(steps) - 1
                else:
                    loop = lasso.loop_index
                v = Violation("temporal", prop.name, steps, loop_index=loop, stuttering=lasso.stuttering,
                              loop_action=back)
                return finish("liveness failure", 13, v, f"Temporal property {prop.name} was violated.")
        except EvalError as err:
            return finish("error", 77, None, err.message)
    return finish("success", 0)


def _lasso_steps(model, actions, states: list[tuple], path: list[int], loop_index: int | None,
                 stuttering: bool) -> tuple[list[TraceStep], str | None]:
    """The lasso's states as a behaviour, each labelled with the action that reaches it.

    Under VIEW or SYMMETRY the liveness graph's nodes are classes of states, and the state stored
    for a class need not be a successor of the state printed before it.  As TLC does, the trace is
    rebuilt from the first state: each next state is a successor of the previous one *in the
    next class*.  Where no successor is in that class the stored state is printed instead.
    """
    key = model.state_key
    steps: list[TraceStep] = []
    cur: tuple | None = None
    for n, i in enumerate(path):
        want = states[i]
        if n == 0:
            steps.append(TraceStep("<Initial predicate>", want))
            cur = want
            continue
        found = _successor_in_class(model, actions, cur, want, key)
        if found is None:
            steps.append(TraceStep("<Action>", want))
            cur = want
        else:
            steps.append(TraceStep(found[0], found[1]))
            cur = found[1]
    back = None
    if not stuttering and loop_index is not None and steps:
        found = _successor_in_class(model, actions, cur, steps[loop_index].state, key)
        back = found[0] if found is not None else None
    return steps, back


def _successor_in_class(model, actions, s: tuple, want: tuple, key) -> tuple[str, tuple] | None:
    """(label, t) for the first action (TLC's order) with a successor t of s equal to ``want``, or,
    with a key (VIEW, SYMMETRY), in ``want``'s class."""
    if key is None:
        ai = model.action_of(s, want)
        return (actions[ai][0], want) if ai >= 0 else None
    k = key(want)
    for i, a in enumerate(model.actions):
        try:
            for t in a.fn(s, *a.args):
                if t == want or key(t) == k:
                    return actions[i][0], t
        except Exception:
            continue
    return None

