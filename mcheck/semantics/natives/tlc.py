"""Natives of TLC (Print, PrintT, Assert, TLCGet and TLCSet are the compiler's; SortSeq is in core)."""
from __future__ import annotations

import itertools
import time
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import (
    ANY_SET, Fcn, FcnSet, LazyFcn, LazySet, ProductSet, RecordSet, enumerate_set, is_set, make_fcn, tla_repr,
)
from .core import arg_error, draw_rng, sort_seq


def make_single_fcn(d, e):
    """``d :> e``."""
    return make_fcn({d: e})


def _fcn_items(f: Any, pos: int) -> list:
    if type(f) is tuple:
        return [(i + 1, v) for i, v in enumerate(f)]
    if type(f) is Fcn:
        return list(f.items())
    if type(f) is LazyFcn and f.domain.is_finite():
        return _fcn_items(f.materialize(), pos)
    raise arg_error(pos, "@@", "function", f)


def combine_fcn(f, g):
    """``f @@ g``: f where defined, else g."""
    a = _fcn_items(f, 0)
    b = _fcn_items(g, 1)
    d = dict(b)
    d.update(a)
    return make_fcn(d)


def permutations(S):
    if not is_set(S) or not (type(S) is frozenset or S.is_finite()):
        raise EvalError(f"Applying Permutations to the following value,\nwhich is not a finite set:\n{tla_repr(S)}")
    elems = enumerate_set(S)
    return frozenset(make_fcn(dict(zip(elems, p))) for p in itertools.permutations(elems))


def to_string(v):
    return tla_repr(v)


def random_element(S):
    if isinstance(S, (FcnSet, RecordSet, ProductSet)) or (type(S) is frozenset and S) or \
            (isinstance(S, LazySet) and S.is_finite()):
        if isinstance(S, LazySet) and not S.is_finite():
            raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a finite set:\n{tla_repr(S)}")
        elems = enumerate_set(S)
        if not elems:
            raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a non-empty set:\n{tla_repr(S)}")
        return elems[draw_rng("RandomElement", S).randrange(len(elems))]
    if type(S) is frozenset:
        raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a non-empty set:\n{tla_repr(S)}")
    raise EvalError(f"Applying RandomElement to the following value,\nwhich is not a finite set:\n{tla_repr(S)}")


def java_time():
    return int(time.time() * 1000) & 0x7FFFFFFF


def tlc_eval(v):
    if isinstance(v, LazySet) and v.is_finite():
        return v.materialize()
    if type(v) is LazyFcn and v.domain.is_finite():
        return v.materialize()
    return v


NATIVES: dict[tuple[str, str], Callable] = {
    ("TLC", ":>"): make_single_fcn,
    ("TLC", "@@"): combine_fcn,
    ("TLC", "Permutations"): permutations,
    ("TLC", "SortSeq"): sort_seq,
    ("TLC", "ToString"): to_string,
    ("TLC", "RandomElement"): random_element,
    ("TLC", "Any"): lambda: ANY_SET,
    ("TLC", "JavaTime"): java_time,
    ("TLC", "TLCEval"): tlc_eval,
}
