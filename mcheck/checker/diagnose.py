"""TLC's message for a failed evaluation: re-run it on the checked model and locate the culprit.

The fast model compiles TLA+ operators to inline Python, which fails with Python's words (a
``TypeError``) or not at all.  The checked model, built from the same recipe with ``checked=True``,
calls the natives with TLC's type checks: re-running the failed evaluation there raises an
``EvalError`` with TLC's message and the innermost failing expression, printed with its source
line and a caret.
"""
from __future__ import annotations

from typing import Callable

from ..semantics.model import Model, State
from ..syntax.errors import RECURSION_TOO_DEEP, EvalError, render_message


def checked_model(model: Model) -> Model | None:
    """The same model compiled with checked natives, or None when it has no recipe (a model made by hand)."""
    recipe = model.recipe
    if recipe is None:
        return None
    try:
        return recipe.checked_variant().build()
    except Exception:
        return None


def diagnose_init(model: Model, err: Exception) -> str:
    """TLC's message for an error while computing the initial states (or an invariant on one)."""
    def rerun(m: Model) -> None:
        for st in m.init():
            for p in m.invariants:
                p.fn(st)
    return located_message(model, err, rerun)


def diagnose_step(model: Model, state: State | None, err: Exception) -> str:
    """TLC's message for an error while computing the successors of ``state`` (None: the initial states)."""
    if state is None:
        return diagnose_init(model, err)

    def rerun(m: Model) -> None:
        for a in m.actions:
            for t in a.successors(state):
                for c in m.constraints:
                    c.fn(t)
                for p in m.invariants:
                    p.fn(t)
    return located_message(model, err, rerun)


def diagnose_invariant(model: Model, name: str, state: State, err: Exception) -> str:
    """TLC's message for an invariant that failed to evaluate on ``state``."""
    def rerun(m: Model) -> None:
        for p in m.invariants:
            if p.name == name:
                p.fn(state)
    return located_message(model, err, rerun)


def diagnose_constraint(model: Model, state: State | None, err) -> str:
    """TLC's message for a CONSTRAINT or ACTION_CONSTRAINT (``err``, a ``ConstraintError``) that failed
    to evaluate on the successor ``err.state`` of ``state`` (None: on an initial state)."""
    def rerun(m: Model) -> None:
        for c in m.constraints:
            if c.name == err.name:
                c.fn(err.state)
        if state is not None:
            for c in m.action_constraints:
                if c.name == err.name:
                    c.fn(state, err.state)
    return located_message(model, err.err, rerun)


def located_message(model: Model, err: Exception, rerun: Callable[[Model], None]) -> str:
    """Repeat the failed evaluation (``rerun``) on the checked model: its EvalError carries TLC's
    message and the innermost failing expression."""
    if isinstance(err, EvalError):
        fallback = err.message
    elif isinstance(err, RecursionError):
        fallback = RECURSION_TOO_DEEP
    else:
        fallback = f"Evaluation failed: {type(err).__name__}: {err}"
    checked = checked_model(model)
    if checked is None:
        return fallback
    if model.set_stats is not None and checked.set_stats is not None:   # TLCGet("distinct") as the search had it
        checked.set_stats.figures = model.set_stats.figures
    try:
        rerun(checked)
    except EvalError as e:
        if e.span is not None:
            return e.message + "\n" + render_message("the failing expression", e.span, "note", e.notes)
        return e.message
    except Exception:
        return fallback
    return fallback
