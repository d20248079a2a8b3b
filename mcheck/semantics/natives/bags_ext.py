"""Natives of BagsExt (a bag is a function from elements to positive integers)."""
from __future__ import annotations

from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, make_fcn, tla_repr
from .core import arg_error, finite_items, plus, times


def _bag(op: str, pos: int, B: Any) -> list:
    items = finite_items(B)
    if items is None:
        raise arg_error(pos, op, "bag", B)
    return items


def _copies(op: str, k: Any, n: Any) -> int:
    if type(n) is not int or n <= 0:
        raise EvalError(f"Applying {op} to the following value,\nwhich is not an element of Nat:\n"
                        f"{tla_repr(n)} (in: {tla_repr(k)}:>{tla_repr(n)})")
    return n


def _graph(op: str, B: Any) -> dict:
    """B's graph as a dict to update: a function's own points (their order is not the bag's: the
    result is a function, compared and hashed whatever its order), without sorting them in TLC's
    order first, which was most of EWD998PCal's BagAdd and BagRemove."""
    if type(B) is Fcn:
        return dict(B)
    return dict(_bag(op, 0, B))


def bag_add(B, x):
    d = _graph("BagAdd", B)
    d[x] = d.get(x, 0) + 1
    return make_fcn(d)


def bag_remove(B, x):
    d = _graph("BagRemove", B)
    n = d.get(x)
    if n is None:
        return B
    if n == 1:
        del d[x]
    else:
        d[x] = n - 1
    return make_fcn(d)


def bag_remove_all(B, x):
    d = _graph("BagRemoveAll", B)
    if x not in d:
        return B
    del d[x]
    return make_fcn(d)


def fold_bag(op: Callable[[Any, Any], Any], base, B):
    """TLC's override: acc := op(acc, x) once per copy of each x, x in TLC's order of DOMAIN B."""
    acc = base
    for k, n in _bag("FoldBag", 2, B):
        for _ in range(_copies("FoldBag", k, n)):
            acc = op(acc, k)
    return acc




def sum_bag(B):
    return fold_bag(plus, 0, B)


def product_bag(B):
    return fold_bag(times, 1, B)


def map_then_fold_bag(op, base, f, choose, B):
    """The module's definition (TLC has no override): each x of DOMAIN B contributes
    op(...op(op(base, f(x)), f(x))..., f(x)) (B[x] times); the contributions are combined with op from the
    last element (TLC's order) to the first, starting from base.  choose is not used, as in the module."""
    acc = base
    for k, n in reversed(_bag("MapThenFoldBag", 4, B)):
        _copies("MapThenFoldBag", k, n)
        fx = f(k)
        c = op(base, fx)
        for _ in range(n - 1):
            c = op(c, fx)
        acc = op(c, acc)
    return acc


NATIVES: dict[tuple[str, str], Callable] = {
    ("BagsExt", "BagAdd"): bag_add,
    ("BagsExt", "BagRemove"): bag_remove,
    ("BagsExt", "BagRemoveAll"): bag_remove_all,
    ("BagsExt", "FoldBag"): fold_bag,
    ("BagsExt", "SumBag"): sum_bag,
    ("BagsExt", "ProductBag"): product_bag,
    ("BagsExt", "MapThenFoldBag"): map_then_fold_bag,
}
