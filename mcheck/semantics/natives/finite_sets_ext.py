"""Natives of FiniteSetsExt.

Each computes what the TLA+ definition in ``stdlib/FiniteSetsExt.tla`` means, only faster (kSubset
enumerates k-subsets, not SUBSET S).  FoldSet takes the elements in TLC's normal order x1, x2, ..., xn
and computes ``op(xn, ... op(x2, op(x1, base)))``, as TLC's Java does; CHOOSE-based operators (Max,
Min, ...) pick the first element in that order.
"""
from __future__ import annotations

import itertools
from typing import Callable

from ...syntax.errors import EvalError
from ..values import big_union, difference, union
from .core import CHOOSE_FAILED, bool_result, finite_elems, ge, int_arg, le, plus, times


def fold_set(op: Callable, base, S):
    acc = base
    for x in finite_elems(S, 2, "FoldSet"):
        acc = op(x, acc)
    return acc


def reduce_set(op: Callable, S, base):
    acc = base
    for x in finite_elems(S, 1, "ReduceSet"):
        acc = op(x, acc)
    return acc


def sum_set(S):
    acc = 0
    for x in finite_elems(S, None, "SumSet"):
        acc = plus(x, acc)
    return acc


def product_set(S):
    acc = 1
    for x in finite_elems(S, None, "ProductSet"):
        acc = times(x, acc)
    return acc


def map_then_sum_set(f: Callable, S):
    mapped = [f(x) for x in finite_elems(S, 1, "MapThenSumSet")]
    acc = 0
    for v in reversed(mapped):
        acc = plus(v, acc)
    return acc


def flatten_set(S):
    return big_union(S)


def sym_diff(A, B):
    return union(difference(A, B), difference(B, A))


def quantify(S, P: Callable):
    n = 0
    for x in finite_elems(S, 0, "Quantify"):
        if bool_result(P(x), 1, "Quantify"):
            n += 1
    return n


def k_subset(k, S):
    k = int_arg(0, "kSubset", k, "natural number")
    elems = finite_elems(S, 1, "kSubset")
    if k < 0 or k > len(elems):
        return frozenset()
    return frozenset(frozenset(c) for c in itertools.combinations(elems, k))


def _extreme(S, op: str, cmp: str):
    elems = finite_elems(S, None, op)
    if not elems:
        raise EvalError(CHOOSE_FAILED)
    if all(type(x) is int for x in elems):
        return max(elems) if cmp == ">=" else min(elems)
    # As the definition: the first x (in TLC's order) with x >= y (x =< y) for all y,
    # so that a non-integer raises the comparison's own error.
    test = ge if cmp == ">=" else le
    for x in elems:
        if all(test(x, y) for y in elems):
            return x
    raise EvalError(CHOOSE_FAILED)


def max_(S):
    return _extreme(S, "Max", ">=")


def min_(S):
    return _extreme(S, "Min", "=<")


def choices(Sets):
    families = [finite_elems(T, None, "Choices") for T in finite_elems(Sets, None, "Choices")]
    return frozenset(frozenset(pick) for pick in itertools.product(*families))


def choose_unique(S, P: Callable):
    found = [x for x in finite_elems(S, 0, "ChooseUnique") if bool_result(P(x), 1, "ChooseUnique")]
    if len(found) != 1:
        raise EvalError(CHOOSE_FAILED)
    return found[0]


NATIVES: dict[tuple[str, str], Callable] = {
    ("FiniteSetsExt", "FoldSet"): fold_set,
    ("FiniteSetsExt", "SumSet"): sum_set,
    ("FiniteSetsExt", "ProductSet"): product_set,
    ("FiniteSetsExt", "ReduceSet"): reduce_set,
    ("FiniteSetsExt", "MapThenSumSet"): map_then_sum_set,
    ("FiniteSetsExt", "FlattenSet"): flatten_set,
    ("FiniteSetsExt", "SymDiff"): sym_diff,
    ("FiniteSetsExt", "Quantify"): quantify,
    ("FiniteSetsExt", "kSubset"): k_subset,
    ("FiniteSetsExt", "Max"): max_,
    ("FiniteSetsExt", "Min"): min_,
    ("FiniteSetsExt", "Choices"): choices,
    ("FiniteSetsExt", "ChooseUnique"): choose_unique,
}
