"""One check of a model: its assumptions, the breadth-first search, the postconditions, then liveness."""
from __future__ import annotations

import time
from typing import Callable, Sequence

from ..semantics.model import Model
from ..semantics.natives.tlc_ext import counterexample
from ..semantics.values import make_record
from ..syntax.errors import EvalError
from . import outcome as O
from .tlc_liveness import TLCOrderChecker, generated_successors
from .checkpoint import Checkpointer, Resumed
from .diagnose import located_message
from .observers import GraphRecorder, Observer, ProfileObserver, ProgressCallback
from .search import BreadthFirst
from .store import make_store
from .traces import lasso_steps


def check_assumptions(model: Model) -> O.Outcome | None:
    """The first ASSUME that is false or fails to evaluate, as an outcome (exit 10); None if all hold.
    A failure in Python's words (an ASSUME reading a variable) is evaluated again on the checked
    model, for TLC's message and the failing expression."""
    for i, a in enumerate(model.assumptions):
        try:
            ok = a.fn()
        except EvalError as err:
            return O.assumption_failed(a.label, err.message)
        except Exception as err:   # noqa: BLE001 - diagnosed below
            msg = located_message(model, err, lambda m: m.assumptions[i].fn())
            return O.assumption_failed(a.label, msg)
        if ok is not True:
            return O.assumption_false(a.label)
    return None


def run_check(model: Model, observers: Sequence[Observer] = (), check_deadlock: bool | None = None,
              max_states: int | None = None, progress: Callable[[dict], None] | None = None,
              exact: bool = False, workers: int = 1, checkpoint: Checkpointer | None = None,
              resume: Resumed | None = None, memory: int | None = None,
              progress_every: float = 5.0, connect: Callable | None = None,
              keep_going: bool = False, max_depth: int | None = None) -> O.Outcome:
    """Check ``model`` as TLC does; every outcome carries the model and its variables.  ``exact``
    keeps states exactly (``--exact``) instead of their fingerprints; ``workers`` > 1 searches over
    that many worker processes (``parallel.py``) with the same answers.  ``checkpoint`` writes
    checkpoints at level boundaries; ``resume`` starts from one (``checkpoint.py``); ``memory``
    bounds the bytes of a level's states held in memory (the rest spill to disk).  ``connect``
    starts the workers elsewhere than in local processes (``--ray``: ``raytransport.connector``).
    ``max_depth`` explores the states up to that depth only (``--max-depth``): no postcondition or
    temporal property is checked on such a partial graph (the CLI refuses them)."""
    t0 = time.monotonic()
    out = check_assumptions(model)
    found: list[O.Violation] = []
    if out is None:
        watchers = list(observers)
        graph = GraphRecorder() if model.liveness is not None else None
        if graph is not None:
            watchers.append(graph)
        if progress is not None:
            watchers.append(ProgressCallback(progress))
        if model.profile is not None:
            watchers.append(ProfileObserver(model.profile))
        if workers > 1 or connect is not None:
            from .parallel import ParallelSearch   # late: it imports numpy (80 ms at start-up)
            search = ParallelSearch(model, workers, check_deadlock, max_states, progress, observers=watchers,
                                    connect=connect, max_depth=max_depth)
            out = search.run()
            out.store = search.report()
        else:
            search = BreadthFirst(model, watchers, check_deadlock, max_states, store=make_store(model, exact),
                                  checkpoint=checkpoint, budget=memory, progress_every=progress_every,
                                  max_depth=max_depth)
            collect = search.keep_going() if keep_going else None
            if resume is not None:
                search.resume(resume)
                if checkpoint is not None:
                    checkpoint.resume_from(len(resume.fps))
            out = search.run()
            out.store = search.store.report()
            if collect is not None:   # -continue: TLC reports every violation and ends as the search ends
                found = collect()
                if found:
                    out.error = "\n".join(f"Invariant {v.name} is violated." for v in found)
        if out.result == "success" and out.max_depth is None:
            counts = search.counts()
            store = out.store
            live = _liveness(model, graph, counts) if graph is not None else None
            out = live or _postconditions(model, counts) or out
            out.complete = True
            out.store = store
        if out.violation is not None and out.violation.kind not in ("assumption", "postcondition"):
            _postconditions_on_counterexample(model, out)
        out.found = found
    out.seconds = time.monotonic() - t0
    out.variables = list(model.variables)
    out.model = model
    return out


def _postconditions(model: Model, counts: O.Counts) -> O.Outcome | None:
    if model.set_stats is not None and model.postconditions:
        model.set_stats(counts.distinct, counts.generated, counts.left, counts.depth)
    for p in model.postconditions:
        try:
            ok = p.fn()
        except EvalError as err:
            return O.postcondition_failed(p.name, err.message, counts)
        if ok is not True:
            return O.postcondition_false(p.name, counts)
    return None


def _postconditions_on_counterexample(model: Model, out: O.Outcome) -> None:
    """TLC evaluates the POSTCONDITIONs after a violation too, with TLCExt's CounterExample bound
    to its trace; the verdict stays the violation's, and a postcondition that is false or fails is
    recorded in the outcome's message."""
    v = out.violation
    if not model.postconditions or not v.trace:
        return
    steps = v.trace[:-1] if v.stuttering else v.trace
    loop, back = (len(steps) - 1, steps[-1].action) if v.stuttering else (v.loop_index, v.loop_action)
    ce = counterexample([_state_record(model, steps, i) for i in range(len(steps))],
                        [st.action for st in steps], loop, back)
    for p in model.postconditions:
        try:
            note = None if p.fn(ce) is True else f"Postcondition {p.name} is false."
        except EvalError as err:
            note = f"Evaluating the POSTCONDITION {p.name} failed.\n{err.message}"
        if note is not None:
            out.error = f"{out.error}\n{note}" if out.error else note


def _state_record(model: Model, steps: list, i: int):
    """A trace state as TLC's CounterExample holds it: the ALIAS record if there is one (and it
    evaluates to a record), else the record of the variables."""
    alias = getattr(model.source, "alias", None)
    if alias is not None:
        try:
            rec = alias(steps[max(i - 1, 0)].state, steps[i].state) if model.source.alias_transition else (
                alias(steps[i].state))
            if isinstance(rec, dict):
                return rec
        except EvalError:
            pass
    return make_record(dict(zip(model.variables, steps[i].state)))


def _liveness(model: Model, graph: GraphRecorder, counts: O.Counts) -> O.Outcome | None:
    """The temporal properties checked together, as TLC checks them: the first fair counterexample
    in TLC's order, as a lasso, named by every property it violates."""
    lc = TLCOrderChecker(model.liveness, graph.states, graph.succ, graph.inits)
    lc.actual = generated_successors(model, graph.states)
    try:
        found = lc.check_all(model.liveness.properties)
    except EvalError as err:
        return O.liveness_error(err.message, counts)
    if found is None:
        return None
    lasso = found.lasso
    props = model.liveness.properties
    if found.prefix:
        steps, _ = lasso_steps(model, graph.states, lasso.states, None, False)
        return O.temporal_prefix_violated(props[found.props[0]].name, steps, counts)
    steps, back = lasso_steps(model, graph.states, lasso.states, lasso.loop_index, lasso.stuttering)
    try:   # named on the behaviour printed (under SYMMETRY or VIEW, not the states stored for classes)
        which = lc.violated_by(props, found.props[0], [st.state for st in steps], lasso.loop_index,
                               lasso.stuttering)
    except EvalError:
        which = found.props
    loop = lasso.loop_index
    if lasso.stuttering:
        steps.append(O.TraceStep("Stuttering", steps[-1].state))
        loop = len(steps) - 1
    names = list(dict.fromkeys(props[i].name for i in which))
    return O.temporal_violated(names, steps, counts, loop, lasso.stuttering, back)
