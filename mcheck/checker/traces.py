"""Labelling steps of behaviours that no search recorded: foreign traces, lassos, failed steps.

A trace from the breadth-first search is labelled from its parent links, which keep the action
of each step.  A step given from outside (an ITF file, a lasso rebuilt under VIEW or SYMMETRY, a
step that failed) is labelled as TLC labels it: by the first action, in TLC's order, that takes
the state before to the state after.
"""
from __future__ import annotations

from typing import Iterator

from ..semantics.model import Model, State
from .outcome import INITIAL, NO_ACTION, TraceStep


def successors_by_action(model: Model, s: State) -> Iterator[tuple[int, State]]:
    """``(action index, t)`` for every successor of ``s``, action by action; an action that fails
    to evaluate on ``s`` is skipped (the caller only wants to know which action fits)."""
    for i, a in enumerate(model.actions):
        try:
            for t in a.successors(s):
                yield i, t
        except Exception:
            continue


def first_action(model: Model, s: State, t: State) -> int:
    """The index of the first action (TLC's order) that takes ``s`` to ``t``, or -1."""
    for i, a in enumerate(model.actions):
        try:
            if any(u == t for u in a.successors(s)):
                return i
        except Exception:
            continue
    return -1


def step_label(model: Model, s: State, t: State) -> str:
    i = first_action(model, s, t)
    return model.actions[i].label if i >= 0 else NO_ACTION


def successor_in_class(model: Model, s: State, want: State) -> tuple[str, State] | None:
    """``(label, t)`` for the first action with a successor ``t`` of ``s`` equal to ``want``, or,
    under a dedup key (VIEW, SYMMETRY), in ``want``'s class."""
    key = model.key
    if key is None:
        i = first_action(model, s, want)
        return (model.actions[i].label, want) if i >= 0 else None
    k = key(want)
    for i, t in successors_by_action(model, s):
        if t == want or key(t) == k:
            return model.actions[i].label, t
    return None


def lasso_steps(model: Model, states: list[State], path: list[int], loop_index: int | None,
                stuttering: bool) -> tuple[list[TraceStep], str | None]:
    """The lasso's states as a behaviour, each labelled with the action that reaches it, and the
    label of the step back to ``loop_index``.

    Under VIEW or SYMMETRY the liveness graph's nodes are classes of states, and the state stored
    for a class need not be a successor of the state printed before it.  As TLC does, the trace is
    rebuilt from the first state: each next state is a successor of the previous one *in the
    next class*.  Where no successor is in that class the stored state is printed instead.
    """
    steps: list[TraceStep] = []
    cur: State | None = None
    for n, i in enumerate(path):
        want = states[i]
        found = None if n == 0 else successor_in_class(model, cur, want)
        if n == 0:
            steps.append(TraceStep(INITIAL, want))
        elif found is None:
            steps.append(TraceStep(NO_ACTION, want))
        else:
            steps.append(TraceStep(found[0], found[1]))
        cur = steps[-1].state
    back = None
    if not stuttering and loop_index is not None and steps:
        found = successor_in_class(model, cur, steps[loop_index].state)
        back = found[0] if found is not None else None
    return steps, back
