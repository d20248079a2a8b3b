"""Natives of TLCExt: AssertEq, AssertError, TLCModelValue, ToTrace, and the CounterExample value."""
from __future__ import annotations

import re
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, ModelValue, apply, make_record, tla_eq, tla_repr
from .core import one_arg_error

EMPTY_COUNTEREXAMPLE = make_record({"action": frozenset(), "state": frozenset()})
"""TLCExt's CounterExample when there is no violation: no state, no action."""

_LABEL = re.compile(r"^<(.*) line (\d+), col (\d+) to line (\d+), col (\d+) of module (.*)>$")


def action_record(label: str) -> Fcn:
    """TLC's record of an action, from its trace label ``<Name line L, col C to line L2, col C2 of
    module M>``: ``[name |-> Name, location |-> [beginLine, beginColumn, endLine, endColumn, module]]``.
    A label with no location (a step no action is known to take) has an all-zero location."""
    m = _LABEL.match(label)
    if m is None:
        name, nums, module = label.strip("<>"), (0, 0, 0, 0), ""
    else:
        name, nums, module = m.group(1), tuple(int(m.group(i)) for i in range(2, 6)), m.group(6)
    loc = dict(zip(("beginLine", "beginColumn", "endLine", "endColumn"), nums), module=module)
    return make_record({"name": name, "location": make_record(loc)})


def counterexample(states: list, labels: list[str], loop_index: int | None = None,
                   loop_label: str | None = None) -> Fcn:
    """TLCExt's CounterExample of a trace (TLC's CounterExample value, a graph so that it can hold a
    lasso): ``state`` is the set of ``<<i, s_i>>``, ``action`` the set of ``<<<<i, s_i>>, A, <<i+1,
    s_i+1>>>>`` with A the record of the action that takes the step (``labels[i]`` reaches state
    i), and for a lasso one more edge from the last state back to ``loop_index`` (the step that
    closes it, or for a stuttering lasso the action that reached the last state)."""
    nodes = [(i + 1, s) for i, s in enumerate(states)]
    edges = [(nodes[i - 1], action_record(labels[i]), nodes[i]) for i in range(1, len(nodes))]
    if loop_index is not None and nodes:
        edges.append((nodes[-1], action_record(loop_label or labels[-1]), nodes[loop_index]))
    return make_record({"action": frozenset(edges), "state": frozenset(nodes)})


def to_trace(ce):
    """``ToTrace(CE)``: the states of a CounterExample as a sequence, in their order."""
    try:
        pairs = apply(ce, "state")
        out = dict(pairs)
        return tuple(out[i] for i in range(1, len(out) + 1))
    except (EvalError, TypeError, ValueError, KeyError):
        raise EvalError(f"ToTrace expects a CounterExample, but was given {tla_repr(ce)}") from None


def assert_eq(a, b):
    """``AssertEq(a, b)``: TRUE if equal; otherwise prints both values (as TLC does) and is FALSE."""
    if tla_eq(a, b):
        return True
    print(f"{tla_repr(a)}\n{tla_repr(b)}")
    return False


def assert_error(msg, thunk: Callable[[], Any]):
    """``AssertError(msg, expr)``: expr arrives unevaluated as a thunk; TRUE iff evaluating it
    fails with exactly the message ``msg``."""
    try:
        thunk()
    except EvalError as e:
        return e.message == msg
    return False


def tlc_model_value(name):
    if type(name) is not str:
        raise one_arg_error("TLCModelValue", "string", name)
    return ModelValue.get(name)


NATIVES: dict[tuple[str, str], Callable] = {
    ("TLCExt", "AssertEq"): assert_eq,
    ("TLCExt", "AssertError"): assert_error,
    ("TLCExt", "TLCModelValue"): tlc_model_value,
    ("TLCExt", "ToTrace"): to_trace,
}
