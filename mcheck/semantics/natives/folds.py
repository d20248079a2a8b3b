"""Natives of Folds: MapThenFoldSet (FoldSet, FoldFunction, FoldSeq are in the modules that export them).

MapThenFoldSet follows its ``choose`` argument, exactly as its definition.
"""
from __future__ import annotations

from typing import Callable

from ...syntax.errors import EvalError
from ..values import is_set, materialize, tla_repr
from .core import arg_error


def map_then_fold_set(op: Callable, base, f: Callable, choose: Callable, S):
    """``op(f(x1), op(f(x2), ... op(f(xn), base)))`` with x1 = choose(S), x2 = choose(S \\ {x1}), ..."""
    if not is_set(S):
        raise arg_error(4, "MapThenFoldSet", "set", S)
    rest = materialize(S)
    mapped = []
    while rest:
        x = choose(rest)
        if x not in rest:
            raise EvalError("The fourth argument of MapThenFoldSet should choose an element of the set it is "
                            f"given, but given\n{tla_repr(rest)}\nit chose\n{tla_repr(x)}")
        mapped.append(f(x))
        rest = rest - {x}
    acc = base
    for v in reversed(mapped):
        acc = op(v, acc)
    return acc


NATIVES: dict[tuple[str, str], Callable] = {
    ("Folds", "MapThenFoldSet"): map_then_fold_set,
}
