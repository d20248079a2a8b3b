"""Natives of Functions (Range is in core: SequencesExt's ToSet is the same operator).

FoldFunction(OnSet) take the domain in TLC's normal order x1, x2, ..., xn and compute
``op(f[xn], ... op(f[x2], op(f[x1], base)))``, as TLC's Java does; Inverse picks the first element
in that order.
"""
from __future__ import annotations

import itertools
from typing import Callable

from ...syntax.errors import EvalError
from ..values import Fcn, LazyFcn, apply, contains, domain, enumerate_set, fcn_from, make_fcn, subseteq, tla_eq
from .core import CHOOSE_FAILED, bool_result, fcn_items, finite_elems, one_arg_error, plus, range_, value_key


def restrict(f, S):
    return fcn_from(S, lambda x: apply(f, x))


def restrict_domain(f, test: Callable):
    return make_fcn({x: v for x, v in fcn_items(f, 0, "RestrictDomain") if bool_result(test(x), 1, "RestrictDomain")})


def restrict_values(f, test: Callable):
    return make_fcn({x: v for x, v in fcn_items(f, 0, "RestrictValues") if bool_result(test(v), 1, "RestrictValues")})


def is_restriction(narrow, wide):
    if not subseteq(domain(narrow), domain(wide)):
        return False
    return all(tla_eq(v, apply(wide, x)) for x, v in fcn_items(narrow, 0, "IsRestriction"))


def pointwise(f, g, T: Callable):
    return make_fcn({x: T(v, apply(g, x)) for x, v in fcn_items(f, 0, "Pointwise")})


def inverse(f, S, T):
    rng = range_(f)
    src = enumerate_set(S)

    def back(t):
        if contains(rng, t):
            for s in src:
                if tla_eq(apply(f, s), t):
                    return s
        elif src:
            return src[0]
        raise EvalError(CHOOSE_FAILED)

    return fcn_from(T, back)


def anti_function(f):
    return inverse(f, domain(f), range_(f))


def is_injective(f):
    if type(f) not in (tuple, Fcn) and not (type(f) is LazyFcn and f.domain.is_finite()):
        raise one_arg_error("IsInjective", "function", f)
    values = [v for _, v in fcn_items(f, None, "IsInjective")]
    return len({value_key(v) for v in values}) == len(values)


def _set_pair(S, T, op: str) -> tuple[list, list]:
    return finite_elems(S, 0, op), finite_elems(T, 1, op)


def injection(S, T):
    src, dst = _set_pair(S, T, "Injection")
    return frozenset(make_fcn(dict(zip(src, vals))) for vals in itertools.permutations(dst, len(src)))


def surjection(S, T):
    src, dst = _set_pair(S, T, "Surjection")
    need = {value_key(t) for t in dst}
    return frozenset(make_fcn(dict(zip(src, vals))) for vals in itertools.product(dst, repeat=len(src))
                     if {value_key(v) for v in vals} >= need)


def bijection(S, T):
    src, dst = _set_pair(S, T, "Bijection")
    if len(src) != len(dst):
        return frozenset()
    return frozenset(make_fcn(dict(zip(src, vals))) for vals in itertools.permutations(dst))


def exists_injection(S, T):
    src, dst = _set_pair(S, T, "ExistsInjection")
    return len(src) <= len(dst)


def exists_surjection(S, T):
    src, dst = _set_pair(S, T, "ExistsSurjection")
    return len(src) >= len(dst) and (len(dst) > 0 or len(src) == 0)


def exists_bijection(S, T):
    src, dst = _set_pair(S, T, "ExistsBijection")
    return len(src) == len(dst)


def fold_function_on_set(op: Callable, base, f, I):
    acc = base
    for i in finite_elems(I, 3, "FoldFunctionOnSet"):
        acc = op(apply(f, i), acc)
    return acc


def fold_function(op: Callable, base, f):
    acc = base
    for _, v in fcn_items(f, 2, "FoldFunction"):
        acc = op(v, acc)
    return acc


def sum_function_on_set(f, I):
    return fold_function_on_set(plus, 0, f, I)


def sum_function(f):
    acc = 0
    for _, v in fcn_items(f, None, "SumFunction"):
        acc = plus(v, acc)
    return acc


NATIVES: dict[tuple[str, str], Callable] = {
    ("Functions", "Restrict"): restrict,
    ("Functions", "RestrictDomain"): restrict_domain,
    ("Functions", "RestrictValues"): restrict_values,
    ("Functions", "IsRestriction"): is_restriction,
    ("Functions", "Range"): range_,
    ("Functions", "Pointwise"): pointwise,
    ("Functions", "Inverse"): inverse,
    ("Functions", "AntiFunction"): anti_function,
    ("Functions", "IsInjective"): is_injective,
    ("Functions", "Injection"): injection,
    ("Functions", "Surjection"): surjection,
    ("Functions", "Bijection"): bijection,
    ("Functions", "ExistsInjection"): exists_injection,
    ("Functions", "ExistsSurjection"): exists_surjection,
    ("Functions", "ExistsBijection"): exists_bijection,
    ("Functions", "FoldFunctionOnSet"): fold_function_on_set,
    ("Functions", "FoldFunction"): fold_function,
    ("Functions", "SumFunctionOnSet"): sum_function_on_set,
    ("Functions", "SumFunction"): sum_function,
}
