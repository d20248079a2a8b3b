"""Natives of FiniteSets: Cardinality and IsFiniteSet."""
from __future__ import annotations

from typing import Callable

from ...syntax.errors import EvalError
from ..values import LazySet, counted, tla_repr


def card(S):
    if type(S) is frozenset:
        return len(S)
    if isinstance(S, LazySet):
        if not S.is_finite():
            raise EvalError(f"Attemtped to compute cardinality of the value\n{tla_repr(S)}")
        return counted(S)
    raise EvalError(f"Attemtped to compute cardinality of the value\n{tla_repr(S)}")


def is_finite_set(S):
    if type(S) is frozenset:
        return True
    if isinstance(S, LazySet):
        return S.is_finite()
    raise EvalError(f"Applying IsFiniteSet to the following value,\nwhich is not a set:\n{tla_repr(S)}")


NATIVES: dict[tuple[str, str], Callable] = {
    ("FiniteSets", "Cardinality"): card,
    ("FiniteSets", "IsFiniteSet"): is_finite_set,
}
