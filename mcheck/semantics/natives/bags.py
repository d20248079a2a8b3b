"""Natives of Bags (a bag is a function from elements to positive integers)."""
from __future__ import annotations

import itertools
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, LazyFcn, domain, enumerate_set, make_fcn, materialize, tla_eq, tla_repr, tlc_key


def _bag_items(B: Any, op: str) -> list:
    if type(B) is tuple:
        return [(i + 1, v) for i, v in enumerate(B)]
    if type(B) is Fcn:
        return list(B.items())
    raise EvalError(f"Applying {op} to the following value,\nwhich is not a bag:\n{tla_repr(B)}")


def is_a_bag(B):
    if type(B) is tuple:
        return all(type(v) is int and v > 0 for v in B)
    if type(B) is Fcn:
        return all(type(v) is int and v > 0 for v in B.values())
    if type(B) is LazyFcn:
        return False
    return False


def bag_to_set(B):
    _bag_items(B, "BagToSet")
    return domain(B)


def set_to_bag(S):
    return make_fcn({e: 1 for e in materialize(S)})


def bag_in(e, B):
    for k, _ in _bag_items(B, "BagIn"):
        if tla_eq(k, e):
            return True
    return False


def empty_bag():
    return ()


def _bag_dict(B: Any, op: str) -> dict:
    return dict(_bag_items(B, op))


def bag_plus(B1, B2):
    d = _bag_dict(B1, "(+)")
    for k, v in _bag_items(B2, "(+)"):
        d[k] = d.get(k, 0) + v
    return make_fcn(d)


def bag_minus(B1, B2):
    d2 = _bag_dict(B2, "(-)")
    out = {}
    for k, v in _bag_items(B1, "(-)"):
        n = v - d2.get(k, 0)
        if n > 0:
            out[k] = n
    return make_fcn(out)


def bag_union(S):
    d: dict = {}
    for B in enumerate_set(S):
        if not is_a_bag(B):
            raise EvalError(f"Attemtped to apply BagUnion to the following set, whose\nelement is not a bag:\n{tla_repr(S)}")
        for k, v in _bag_items(B, "BagUnion"):
            d[k] = d.get(k, 0) + v
    return make_fcn(d)


def sqsubseteq(B1, B2):
    d2 = _bag_dict(B2, "\\sqsubseteq")
    for k, v in _bag_items(B1, "\\sqsubseteq"):
        if k not in d2 or v > d2[k]:
            return False
    return True


def sub_bag(B):
    items = sorted(_bag_items(B, "SubBag"), key=lambda kv: tlc_key(kv[0]))
    choices = [range(0, v + 1) for _, v in items]
    out = set()
    for counts in itertools.product(*choices):
        out.add(make_fcn({k: c for (k, _), c in zip(items, counts) if c > 0}))
    return frozenset(out)


def bag_of_all(F: Callable[[Any], Any], B):
    d: dict = {}
    for k, v in _bag_items(B, "BagOfAll"):
        fk = F(k)
        d[fk] = d.get(fk, 0) + v
    return make_fcn(d)


def bag_cardinality(B):
    return sum(v for _, v in _bag_items(B, "BagCardinality"))


def copies_in(e, B):
    for k, v in _bag_items(B, "CopiesIn"):
        if tla_eq(k, e):
            return v
    return 0


NATIVES: dict[tuple[str, str], Callable] = {
    ("Bags", "IsABag"): is_a_bag,
    ("Bags", "BagToSet"): bag_to_set,
    ("Bags", "SetToBag"): set_to_bag,
    ("Bags", "BagIn"): bag_in,
    ("Bags", "EmptyBag"): empty_bag,
    ("Bags", "(+)"): bag_plus,
    ("Bags", "\\oplus"): bag_plus,
    ("Bags", "(-)"): bag_minus,
    ("Bags", "\\ominus"): bag_minus,
    ("Bags", "BagUnion"): bag_union,
    ("Bags", "\\sqsubseteq"): sqsubseteq,
    ("Bags", "SubBag"): sub_bag,
    ("Bags", "BagOfAll"): bag_of_all,
    ("Bags", "BagCardinality"): bag_cardinality,
    ("Bags", "CopiesIn"): copies_in,
}
