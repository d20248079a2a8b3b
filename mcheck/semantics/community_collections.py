"""Native implementations of community modules on sets, functions, sequences and folds
(FiniteSetsExt, Functions, Folds, SequencesExt), as TLC's Java overrides of them.

Each native computes what the TLA+ definition in ``stdlib/<Module>.tla`` means, only faster
(kSubset enumerates k-subsets, not SUBSET S; SetToSeq sorts instead of choosing among n^n
functions; ...).  Where the result depends on an order, it is TLC's:

* FoldSet, FoldFunction(OnSet), FoldSeq take the elements (indices) in TLC's normal order
  x1, x2, ..., xn and compute ``op(xn, ... op(x2, op(x1, base)))``, as TLC's Java does;
* MapThenFoldSet follows its ``choose`` argument, exactly as its definition;
* SetToSeq lists a set in TLC's normal order; CHOOSE-based operators (Max, Inverse, ...)
  pick the first element in that order.

Operator-valued arguments arrive as Python callables.  Errors are ``EvalError`` with TLC's
wording where TLC has one.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable

from ..syntax.errors import EvalError
from .values import (
    BoundedSeqSet, Fcn, FcnSet, LazyFcn, LazySet, apply, as_seq, big_union, contains, difference, domain,
    enumerate_set, except_, fcn_from, is_set, make_fcn, materialize, subseteq, tla_eq, tla_repr, union,
)

__all__ = ["NATIVES"]

_ORDINALS = ("first", "second", "third", "fourth", "fifth")

_CHOOSE_FAILED = ("Attempted to compute the value of an expression of form\n"
                  "CHOOSE x \\in S: P, but no element of S satisfied P.")


# --------------------------------------------------------------------------------------
# Argument checks
# --------------------------------------------------------------------------------------

def _article(what: str) -> str:
    return "an" if what[:1] in "aeiou" else "a"


def _arg_error(pos: int, op: str, what: str, v: Any) -> EvalError:
    return EvalError(f"The {_ORDINALS[pos]} argument of {op} should be {_article(what)} {what}, "
                     f"but instead it is:\n{tla_repr(v)}")


def _one_arg_error(op: str, what: str, v: Any) -> EvalError:
    return EvalError(f"The argument of {op} should be {_article(what)} {what}, but instead it is:\n{tla_repr(v)}")


def _error(pos: int | None, op: str, what: str, v: Any) -> EvalError:
    return _one_arg_error(op, what, v) if pos is None else _arg_error(pos, op, what, v)


def _seq(s: Any, pos: int | None, op: str) -> tuple:
    """s as a tuple (a sequence), or TLC's argument error."""
    t = as_seq(s)
    if t is None:
        raise _error(pos, op, "sequence", s)
    return t


def _elems(S: Any, pos: int | None, op: str) -> list:
    """The elements of the finite set S in TLC's normal order, or TLC's argument error."""
    if type(S) is frozenset or (isinstance(S, LazySet) and S.is_finite()):
        return enumerate_set(S)
    raise _error(pos, op, "finite set", S)


def _int(v: Any, pos: int | None, op: str, what: str = "natural number") -> int:
    if type(v) is not int:
        raise _error(pos, op, what, v)
    return v


def _items(f: Any, pos: int | None, op: str) -> list:
    """The (argument, value) pairs of the finite function f, domain in TLC's normal order."""
    t = type(f)
    if t is tuple:
        return [(i + 1, v) for i, v in enumerate(f)]
    if t is Fcn:
        return [(k, f[k]) for k in enumerate_set(frozenset(f))]
    if t is LazyFcn and f.domain.is_finite():
        return _items(f.materialize(), pos, op)
    raise _error(pos, op, "function", f)


def _test(r: Any, pos: int, op: str, what: str = "boolean-valued operator") -> bool:
    if r is True or r is False:
        return r
    raise EvalError(f"The {_ORDINALS[pos]} argument of {op} should be {_article(what)} {what}, "
                    f"but instead it evaluated to:\n{tla_repr(r)}")


def _key(v: Any) -> Any:
    """A dictionary key under which TLA+-equal values coincide (and TRUE stays apart from 1)."""
    return (type(v) is bool, v)


def _plus(x: Any, y: Any) -> Any:
    if type(x) is int and type(y) is int:
        return x + y
    from .builtins import plus
    return plus(x, y)


def _times(x: Any, y: Any) -> Any:
    if type(x) is int and type(y) is int:
        return x * y
    from .builtins import times
    return times(x, y)


# --------------------------------------------------------------------------------------
# Folds
# --------------------------------------------------------------------------------------

def map_then_fold_set(op: Callable, base, f: Callable, choose: Callable, S):
    """``op(f(x1), op(f(x2), ... op(f(xn), base)))`` with x1 = choose(S), x2 = choose(S \\ {x1}), ..."""
    if not is_set(S):
        raise _arg_error(4, "MapThenFoldSet", "set", S)
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


# --------------------------------------------------------------------------------------
# FiniteSetsExt
# --------------------------------------------------------------------------------------

def fold_set(op: Callable, base, S):
    acc = base
    for x in _elems(S, 2, "FoldSet"):
        acc = op(x, acc)
    return acc


def reduce_set(op: Callable, S, base):
    acc = base
    for x in _elems(S, 1, "ReduceSet"):
        acc = op(x, acc)
    return acc


def sum_set(S):
    acc = 0
    for x in _elems(S, None, "SumSet"):
        acc = _plus(x, acc)
    return acc


def product_set(S):
    acc = 1
    for x in _elems(S, None, "ProductSet"):
        acc = _times(x, acc)
    return acc


def map_then_sum_set(f: Callable, S):
    mapped = [f(x) for x in _elems(S, 1, "MapThenSumSet")]
    acc = 0
    for v in reversed(mapped):
        acc = _plus(v, acc)
    return acc


def flatten_set(S):
    return big_union(S)


def sym_diff(A, B):
    return union(difference(A, B), difference(B, A))


def quantify(S, P: Callable):
    n = 0
    for x in _elems(S, 0, "Quantify"):
        if _test(P(x), 1, "Quantify"):
            n += 1
    return n


def k_subset(k, S):
    k = _int(k, 0, "kSubset")
    elems = _elems(S, 1, "kSubset")
    if k < 0 or k > len(elems):
        return frozenset()
    return frozenset(frozenset(c) for c in itertools.combinations(elems, k))


def _extreme(S, op: str, cmp: str):
    elems = _elems(S, None, op)
    if not elems:
        raise EvalError(_CHOOSE_FAILED)
    if all(type(x) is int for x in elems):
        return max(elems) if cmp == ">=" else min(elems)
    # As the definition: the first x (in TLC's order) with x >= y (x =< y) for all y,
    # so that a non-integer raises the comparison's own error.
    from .builtins import ge, le
    test = ge if cmp == ">=" else le
    for x in elems:
        if all(test(x, y) for y in elems):
            return x
    raise EvalError(_CHOOSE_FAILED)


def max_(S):
    return _extreme(S, "Max", ">=")


def min_(S):
    return _extreme(S, "Min", "=<")


def choices(Sets):
    families = [_elems(T, None, "Choices") for T in _elems(Sets, None, "Choices")]
    return frozenset(frozenset(pick) for pick in itertools.product(*families))


def choose_unique(S, P: Callable):
    found = [x for x in _elems(S, 0, "ChooseUnique") if _test(P(x), 1, "ChooseUnique")]
    if len(found) != 1:
        raise EvalError(_CHOOSE_FAILED)
    return found[0]


# --------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------

def restrict(f, S):
    return fcn_from(S, lambda x: apply(f, x))


def restrict_domain(f, test: Callable):
    return make_fcn({x: v for x, v in _items(f, 0, "RestrictDomain") if _test(test(x), 1, "RestrictDomain")})


def restrict_values(f, test: Callable):
    return make_fcn({x: v for x, v in _items(f, 0, "RestrictValues") if _test(test(v), 1, "RestrictValues")})


def is_restriction(narrow, wide):
    if not subseteq(domain(narrow), domain(wide)):
        return False
    return all(tla_eq(v, apply(wide, x)) for x, v in _items(narrow, 0, "IsRestriction"))


def range_(f):
    t = type(f)
    if t is tuple:
        return frozenset(f)
    if t is Fcn:
        return frozenset(f.values())
    if t is LazyFcn and f.domain.is_finite():
        return range_(f.materialize())
    domain(f)  # TLC's error for a non-function
    raise EvalError(f"Attempted to enumerate the range of the function\n{tla_repr(f)}\nwhose domain is not enumerable.")


def pointwise(f, g, T: Callable):
    return make_fcn({x: T(v, apply(g, x)) for x, v in _items(f, 0, "Pointwise")})


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
        raise EvalError(_CHOOSE_FAILED)

    return fcn_from(T, back)


def anti_function(f):
    return inverse(f, domain(f), range_(f))


def is_injective(f):
    if type(f) not in (tuple, Fcn) and not (type(f) is LazyFcn and f.domain.is_finite()):
        raise _one_arg_error("IsInjective", "function", f)
    values = [v for _, v in _items(f, None, "IsInjective")]
    return len({_key(v) for v in values}) == len(values)


def _set_pair(S, T, op: str) -> tuple[list, list]:
    return _elems(S, 0, op), _elems(T, 1, op)


def injection(S, T):
    src, dst = _set_pair(S, T, "Injection")
    return frozenset(make_fcn(dict(zip(src, vals))) for vals in itertools.permutations(dst, len(src)))


def surjection(S, T):
    src, dst = _set_pair(S, T, "Surjection")
    need = {_key(t) for t in dst}
    return frozenset(make_fcn(dict(zip(src, vals))) for vals in itertools.product(dst, repeat=len(src))
                     if {_key(v) for v in vals} >= need)


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
    for i in _elems(I, 3, "FoldFunctionOnSet"):
        acc = op(apply(f, i), acc)
    return acc


def fold_function(op: Callable, base, f):
    acc = base
    for _, v in _items(f, 2, "FoldFunction"):
        acc = op(v, acc)
    return acc


def sum_function_on_set(f, I):
    return fold_function_on_set(_plus, 0, f, I)


def sum_function(f):
    acc = 0
    for _, v in _items(f, None, "SumFunction"):
        acc = _plus(v, acc)
    return acc


# --------------------------------------------------------------------------------------
# SequencesExt
# --------------------------------------------------------------------------------------

def to_set(s):
    return range_(s)


def to_bag(s):
    counts: dict = {}
    for _, v in _items(s, None, "ToBag"):
        k = _key(v)
        counts[k] = counts.get(k, 0) + 1
    return make_fcn({k[1]: n for k, n in counts.items()})


def set_to_seq(S):
    return tuple(_elems(S, None, "SetToSeq"))


def set_to_seqs(S):
    return frozenset(itertools.permutations(_elems(S, None, "SetToSeqs")))


def set_to_sort_seq(S, less: Callable):
    from .builtins import sort_seq
    return sort_seq(tuple(_elems(S, 0, "SetToSortSeq")), less)


def set_to_all_k_permutations(S):
    elems = _elems(S, None, "SetToAllKPermutations")
    return frozenset(p for k in range(len(elems) + 1) for p in itertools.permutations(elems, k))


def tuple_of(S, n):
    n = _int(n, 1, "TupleOf")
    if not is_set(S):
        raise _arg_error(0, "TupleOf", "set", S)
    return FcnSet(frozenset(range(1, n + 1)), S)


def seq_of(S, n):
    n = _int(n, 1, "SeqOf")
    if not is_set(S):
        raise _arg_error(0, "SeqOf", "set", S)
    return BoundedSeqSet(S, n)


def bounded_seq(S, n):
    n = _int(n, 1, "BoundedSeq")
    if not is_set(S):
        raise _arg_error(0, "BoundedSeq", "set", S)
    return BoundedSeqSet(S, n)


def contains_(s, e):
    return any(tla_eq(x, e) for x in _seq(s, 0, "Contains"))


def reverse(s):
    return _seq(s, None, "Reverse")[::-1]


def remove(s, e):
    return tuple(x for x in _seq(s, 0, "Remove") if not tla_eq(x, e))


def replace_all(s, old, new):
    return tuple(new if tla_eq(x, old) else x for x in _seq(s, 0, "ReplaceAll"))


def select_in_seq(s, test: Callable):
    for i, x in enumerate(_seq(s, 0, "SelectInSeq")):
        if _test(test(x), 1, "SelectInSeq"):
            return i + 1
    return 0


def select_last_in_seq(s, test: Callable):
    t = _seq(s, 0, "SelectLastInSeq")
    for i in range(len(t) - 1, -1, -1):
        if _test(test(t[i]), 1, "SelectLastInSeq"):
            return i + 1
    return 0


def _sub_range(op: str, s, frm, to) -> tuple[tuple, int, int]:
    t = _seq(s, 0, op)
    frm = _int(frm, 1, op, "natural")
    to = _int(to, 2, op, "natural")
    if frm <= to:
        for pos, v in ((1, frm), (2, to)):
            if v < 1 or v > len(t):
                raise EvalError(f"The {_ORDINALS[pos]} argument of {op} must be in the domain of its first "
                                f"argument:\n{tla_repr(s)}\n, but instead it is\n{tla_repr(v)}")
    return t, frm, to


def select_in_sub_seq(s, frm, to, test: Callable):
    """The (absolute) index of the first element of s[frm..to] satisfying test, else 0 (as TLC's Java)."""
    t, frm, to = _sub_range("SelectInSubSeq", s, frm, to)
    for i in range(frm, to + 1):
        if _test(test(t[i - 1]), 3, "SelectInSubSeq"):
            return i
    return 0


def select_last_in_sub_seq(s, frm, to, test: Callable):
    t, frm, to = _sub_range("SelectLastInSubSeq", s, frm, to)
    for i in range(to, frm - 1, -1):
        if _test(test(t[i - 1]), 3, "SelectLastInSubSeq"):
            return i
    return 0


def _sub(s, m, n):
    from .builtins import subseq
    return subseq(s, m, n)


def _cat(a, b):
    from .builtins import concat
    return concat(a, b)


def _len(s):
    from .builtins import length
    return length(s)


def insert_at(s, i, e):
    i = _int(i, 1, "InsertAt")
    return _cat(_cat(_sub(s, 1, i - 1), (e,)), _sub(s, i, _len(s)))


def replace_at(s, i, e):
    _seq(s, 0, "ReplaceAt")
    return except_(s, (i,), lambda _old: e)


def remove_at(s, i):
    i = _int(i, 1, "RemoveAt")
    return _cat(_sub(s, 1, i - 1), _sub(s, i + 1, _len(s)))


def remove_first(s, e):
    t = _seq(s, 0, "RemoveFirst")
    for i, x in enumerate(t):
        if tla_eq(x, e):
            return t[:i] + t[i + 1:]
    return t


def remove_first_match(s, test: Callable):
    t = _seq(s, 0, "RemoveFirstMatch")
    for i, x in enumerate(t):
        if _test(test(x), 1, "RemoveFirstMatch"):
            return t[:i] + t[i + 1:]
    return t


def cons(e, s):
    return (e,) + _seq(s, 1, "Cons")


def snoc(e, s):
    return _seq(s, 1, "Snoc") + (e,)


def front(s):
    return _sub(s, 1, _len(s) - 1)


def last(s):
    t = _seq(s, None, "Last")
    return apply(t, len(t))


def _both_strings(a, b) -> bool:
    return type(a) is str and type(b) is str


def is_prefix(s, t):
    if _both_strings(s, t):
        return t.startswith(s)
    a, b = _seq(s, 0, "IsPrefix"), _seq(t, 1, "IsPrefix")
    return len(a) <= len(b) and all(tla_eq(x, y) for x, y in zip(a, b))


def is_strict_prefix(s, t):
    return is_prefix(s, t) and not tla_eq(s, t)


def is_suffix(s, t):
    if _both_strings(s, t):
        return t.endswith(s)
    a, b = _seq(s, 0, "IsSuffix"), _seq(t, 1, "IsSuffix")
    return len(a) <= len(b) and all(tla_eq(x, y) for x, y in zip(a, b[len(b) - len(a):]))


def is_strict_suffix(s, t):
    return is_suffix(s, t) and not tla_eq(s, t)


def prefixes(s):
    t = s if type(s) is str else _seq(s, None, "Prefixes")
    return frozenset(t[:k] for k in range(len(t) + 1))


def suffixes(s):
    t = s if type(s) is str else _seq(s, None, "Suffixes")
    return frozenset(t[k:] for k in range(len(t) + 1))


def longest_common_prefix(S):
    if not is_set(S):
        raise _one_arg_error("LongestCommonPrefix", "non-empty set", S)
    elems = _elems(S, None, "LongestCommonPrefix")
    if not elems:
        raise _one_arg_error("LongestCommonPrefix", "non-empty set", S)
    if all(type(x) is str for x in elems):
        seqs: list = elems
    else:
        seqs = [as_seq(x) for x in elems]
        if any(x is None for x in seqs):
            raise _one_arg_error("LongestCommonPrefix", "sequence", S)
    first = seqs[0]
    n = min(len(x) for x in seqs)
    k = 0
    while k < n and all(tla_eq(first[k], x[k]) for x in seqs[1:]):
        k += 1
    return first[:k]


def common_prefixes(S):
    if not is_set(S):
        raise _one_arg_error("CommonPrefixes", "set", S)
    if not _elems(S, None, "CommonPrefixes"):
        return frozenset()
    return prefixes(longest_common_prefix(S))


def seq_mod(a, b):
    from .builtins import mod
    r = mod(a, b)
    return b if r == 0 else r


def fold_seq(op: Callable, base, s):
    acc = base
    for _, v in _items(s, 2, "FoldSeq"):
        acc = op(v, acc)
    return acc


def fold_left(op: Callable, base, s):
    acc = base
    for x in _seq(s, 2, "FoldLeft"):
        acc = op(acc, x)
    return acc


def fold_right(op: Callable, s, base):
    acc = base
    for x in reversed(_seq(s, 1, "FoldRight")):
        acc = op(x, acc)
    return acc


def fold_left_domain(op: Callable, base, s):
    acc = base
    for i in range(1, len(_seq(s, 2, "FoldLeftDomain")) + 1):
        acc = op(acc, i)
    return acc


def fold_right_domain(op: Callable, s, base):
    acc = base
    for i in range(len(_seq(s, 1, "FoldRightDomain")), 0, -1):
        acc = op(i, acc)
    return acc


def flatten_seq(seqs):
    t = _seq(seqs, None, "FlattenSeq")
    if not t:
        return t
    acc = t[0]
    for x in t[1:]:
        acc = _cat(acc, x)
    return acc


def zip_(s, t):
    return tuple(zip(_seq(s, 0, "Zip"), _seq(t, 1, "Zip")))


def interleave(s, t):
    a, b = _seq(s, 0, "Interleave"), _seq(t, 1, "Interleave")
    if len(a) != len(b):
        raise EvalError("Attempted to evaluate a CASE with no conditions true.\n"
                        "Interleave of sequences of different lengths")
    if not a:
        return ((), ())
    return tuple(y for x in zip(a, b) for y in ((x[0],), (x[1],)))


def sub_seqs(s):
    t = s if type(s) is str else _seq(s, None, "SubSeqs")
    n = len(t)
    return frozenset([t[:0]] + [t[i:j] for i in range(n) for j in range(i + 1, n + 1)])


def all_sub_seqs(s):
    t = _seq(s, None, "AllSubSeqs")
    return frozenset(tuple(t[i] for i in idx) for k in range(len(t) + 1)
                     for idx in itertools.combinations(range(len(t)), k))


def _find(s, t, start: int = 0) -> int:
    """The 0-based position of the first occurrence of s in t at or after start, or -1."""
    if type(s) is str and type(t) is str:
        return t.find(s, start)
    n = len(s)
    for i in range(start, len(t) - n + 1):
        if all(tla_eq(s[j], t[i + j]) for j in range(n)):
            return i
    return -1


def _seq_or_str(v, pos: int, op: str):
    return v if type(v) is str else _seq(v, pos, op)


def index_first_sub_seq(s, t):
    a, b = _seq_or_str(s, 0, "IndexFirstSubSeq"), _seq_or_str(t, 1, "IndexFirstSubSeq")
    i = _find(a, b)
    if i < 0:
        raise EvalError(_CHOOSE_FAILED)
    return i + 1


def replace_sub_seq_at(i, r, s, t):
    i = _int(i, 0, "ReplaceSubSeqAt")
    return _cat(_cat(_sub(t, 1, i - 1), r), _sub(t, i + _len(s), _len(t)))


def replace_first_sub_seq(r, s, t):
    if type(r) is str and type(s) is str and type(t) is str:
        return t.replace(s, r, 1)
    a = _seq(r, 0, "ReplaceFirstSubSeq")
    b = _seq(s, 1, "ReplaceFirstSubSeq")
    c = _seq(t, 2, "ReplaceFirstSubSeq")
    i = _find(b, c)
    if i < 0:
        return c
    return c[:i] + a + c[i + len(b):]


def replace_all_sub_seqs(r, s, t):
    if type(r) is str and type(s) is str and type(t) is str:
        if s == "":
            return r + r.join(t) if t else r
        return t.replace(s, r)
    a = _seq(r, 0, "ReplaceAllSubSeqs")
    b = _seq(s, 1, "ReplaceAllSubSeqs")
    c = _seq(t, 2, "ReplaceAllSubSeqs")
    if tla_eq(b, c):
        return a
    if tla_eq(a, b):
        return c
    if not b:
        return tuple(y for x in c for y in a + (x,))
    out: list = []
    pos = 0
    while True:
        i = _find(b, c, pos)
        if i < 0:
            break
        out.extend(c[pos:i])
        out.extend(a)
        pos = i + len(b)
    out.extend(c[pos:])
    return tuple(out)


# --------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------

_FOLDS = {
    "MapThenFoldSet": map_then_fold_set,
}

_FUNCTIONS = {
    "Restrict": restrict,
    "RestrictDomain": restrict_domain,
    "RestrictValues": restrict_values,
    "IsRestriction": is_restriction,
    "Range": range_,
    "Pointwise": pointwise,
    "Inverse": inverse,
    "AntiFunction": anti_function,
    "IsInjective": is_injective,
    "Injection": injection,
    "Surjection": surjection,
    "Bijection": bijection,
    "ExistsInjection": exists_injection,
    "ExistsSurjection": exists_surjection,
    "ExistsBijection": exists_bijection,
    "FoldFunctionOnSet": fold_function_on_set,
    "FoldFunction": fold_function,
    "SumFunctionOnSet": sum_function_on_set,
    "SumFunction": sum_function,
}

_FINITE_SETS_EXT = {
    "FoldSet": fold_set,
    "SumSet": sum_set,
    "ProductSet": product_set,
    "ReduceSet": reduce_set,
    "MapThenSumSet": map_then_sum_set,
    "FlattenSet": flatten_set,
    "SymDiff": sym_diff,
    "Quantify": quantify,
    "kSubset": k_subset,
    "Max": max_,
    "Min": min_,
    "Choices": choices,
    "ChooseUnique": choose_unique,
}

_SEQUENCES_EXT = {
    "ToSet": to_set,
    "ToBag": to_bag,
    "SetToSeq": set_to_seq,
    "SetToSeqs": set_to_seqs,
    "SetToSortSeq": set_to_sort_seq,
    "SetToAllKPermutations": set_to_all_k_permutations,
    "TupleOf": tuple_of,
    "SeqOf": seq_of,
    "BoundedSeq": bounded_seq,
    "Contains": contains_,
    "Reverse": reverse,
    "Remove": remove,
    "ReplaceAll": replace_all,
    "SelectInSeq": select_in_seq,
    "SelectInSubSeq": select_in_sub_seq,
    "SelectLastInSeq": select_last_in_seq,
    "SelectLastInSubSeq": select_last_in_sub_seq,
    "InsertAt": insert_at,
    "ReplaceAt": replace_at,
    "RemoveAt": remove_at,
    "RemoveFirst": remove_first,
    "RemoveFirstMatch": remove_first_match,
    "Cons": cons,
    "Snoc": snoc,
    "Front": front,
    "Last": last,
    "IsPrefix": is_prefix,
    "IsStrictPrefix": is_strict_prefix,
    "IsSuffix": is_suffix,
    "IsStrictSuffix": is_strict_suffix,
    "Prefixes": prefixes,
    "CommonPrefixes": common_prefixes,
    "LongestCommonPrefix": longest_common_prefix,
    "Suffixes": suffixes,
    "SeqMod": seq_mod,
    "FoldSeq": fold_seq,
    "FoldLeft": fold_left,
    "FoldRight": fold_right,
    "FoldLeftDomain": fold_left_domain,
    "FoldRightDomain": fold_right_domain,
    "FlattenSeq": flatten_seq,
    "Zip": zip_,
    "Interleave": interleave,
    "SubSeqs": sub_seqs,
    "AllSubSeqs": all_sub_seqs,
    "IndexFirstSubSeq": index_first_sub_seq,
    "ReplaceSubSeqAt": replace_sub_seq_at,
    "ReplaceFirstSubSeq": replace_first_sub_seq,
    "ReplaceAllSubSeqs": replace_all_sub_seqs,
}

NATIVES: dict[tuple[str, str], Callable] = {}
for _module, _table in (("Folds", _FOLDS), ("Functions", _FUNCTIONS), ("FiniteSetsExt", _FINITE_SETS_EXT),
                        ("SequencesExt", _SEQUENCES_EXT)):
    for _name, _fn in _table.items():
        NATIVES[(_module, _name)] = _fn
del _module, _table, _name, _fn
