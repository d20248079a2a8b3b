"""Natives of Randomization (each call draws from ``core.draw_rng``, as RandomElement does)."""
from __future__ import annotations

from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import enumerate_set, is_set
from .core import arg_error, draw_rng


def _int_arg(pos: int, op: str, v: Any, what: str = "nonnegative integer") -> int:
    if type(v) is not int or v < 0:
        raise arg_error(pos, op, what, v)
    return v


def _finite_elems(pos: int, op: str, S: Any) -> list:
    if not is_set(S) or not (type(S) is frozenset or S.is_finite()):
        raise arg_error(pos, op, "finite set", S)
    return enumerate_set(S)


def random_subset(k, S):
    k = _int_arg(0, "RandomSubset", k)
    elems = _finite_elems(1, "RandomSubset", S)
    if k > len(elems):
        raise EvalError(f"The first argument of RandomSubset should be a nonnegative integer no greater than the "
                        f"cardinality of the second argument, but instead it is:\n{k}")
    return frozenset(draw_rng("RandomSubset", k, S).sample(elems, k))


def _random_set_of_subsets(op: str, k: int, prob: float, elems: list) -> frozenset:
    rng = draw_rng(op, k, str(prob), frozenset(elems))
    out = set()
    for _ in range(k):
        out.add(frozenset(e for e in elems if rng.random() < prob))
    return frozenset(out)


def random_set_of_subsets(k, n, S):
    k = _int_arg(0, "RandomSetOfSubsets", k)
    n = _int_arg(1, "RandomSetOfSubsets", n)
    elems = _finite_elems(2, "RandomSetOfSubsets", S)
    prob = n / len(elems) if elems else 0.0
    return _random_set_of_subsets("RandomSetOfSubsets", k, prob, elems)


def random_subset_set(k, prob, S):
    k = _int_arg(0, "RandomSubsetSet", k)
    try:
        p = float(prob) if type(prob) is str else None
    except ValueError:
        p = None
    if p is None or not 0.0 <= p <= 1.0:
        raise arg_error(1, "RandomSubsetSet", "string literal representing a probability", prob)
    elems = _finite_elems(2, "RandomSubsetSet", S)
    return _random_set_of_subsets("RandomSubsetSet", k, p, elems)


def test_random_set_of_subsets(k, n, S):
    return tuple(len(random_set_of_subsets(k, n, S)) for _ in range(5))


NATIVES: dict[tuple[str, str], Callable] = {
    ("Randomization", "RandomSubset"): random_subset,
    ("Randomization", "RandomSetOfSubsets"): random_set_of_subsets,
    ("Randomization", "RandomSubsetSet"): random_subset_set,
    ("Randomization", "TestRandomSetOfSubsets"): test_random_set_of_subsets,
}
