"""Natives of SequencesExt.

Each computes what the TLA+ definition in ``stdlib/SequencesExt.tla`` means, only faster (SetToSeq
sorts instead of choosing among n^n functions; ...).  SetToSeq lists a set in TLC's normal order;
FoldSeq takes the indices in order and computes ``op(s[n], ... op(s[2], op(s[1], base)))``, as TLC's
Java does.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import BoundedSeqSet, FcnSet, apply, as_seq, except_, is_set, make_fcn, tla_eq, tla_repr
from .core import (
    CHOOSE_FAILED, arg_error, bool_result, concat, fcn_items, finite_elems, int_arg, length, mod, one_arg_error,
    ordinal, range_, sort_seq, subseq, value_key,
)


def _seq(s: Any, pos: int | None, op: str) -> tuple:
    """s as a tuple (a sequence), or TLC's argument error."""
    t = as_seq(s)
    if t is None:
        raise arg_error(pos, op, "sequence", s)
    return t


def to_set(s):
    return range_(s)


def to_bag(s):
    counts: dict = {}
    for _, v in fcn_items(s, None, "ToBag"):
        k = value_key(v)
        counts[k] = counts.get(k, 0) + 1
    return make_fcn({k[1]: n for k, n in counts.items()})


def set_to_seq(S):
    return tuple(finite_elems(S, None, "SetToSeq"))


def set_to_seqs(S):
    return frozenset(itertools.permutations(finite_elems(S, None, "SetToSeqs")))


def set_to_sort_seq(S, less: Callable):
    return sort_seq(tuple(finite_elems(S, 0, "SetToSortSeq")), less)


def set_to_all_k_permutations(S):
    elems = finite_elems(S, None, "SetToAllKPermutations")
    return frozenset(p for k in range(len(elems) + 1) for p in itertools.permutations(elems, k))


def tuple_of(S, n):
    n = int_arg(1, "TupleOf", n, "natural number")
    if not is_set(S):
        raise arg_error(0, "TupleOf", "set", S)
    return FcnSet(frozenset(range(1, n + 1)), S)


def seq_of(S, n):
    n = int_arg(1, "SeqOf", n, "natural number")
    if not is_set(S):
        raise arg_error(0, "SeqOf", "set", S)
    return BoundedSeqSet(S, n)


def bounded_seq(S, n):
    n = int_arg(1, "BoundedSeq", n, "natural number")
    if not is_set(S):
        raise arg_error(0, "BoundedSeq", "set", S)
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
        if bool_result(test(x), 1, "SelectInSeq"):
            return i + 1
    return 0


def select_last_in_seq(s, test: Callable):
    t = _seq(s, 0, "SelectLastInSeq")
    for i in range(len(t) - 1, -1, -1):
        if bool_result(test(t[i]), 1, "SelectLastInSeq"):
            return i + 1
    return 0


def _sub_range(op: str, s, frm, to) -> tuple[tuple, int, int]:
    t = _seq(s, 0, op)
    frm = int_arg(1, op, frm, "natural")
    to = int_arg(2, op, to, "natural")
    if frm <= to:
        for pos, v in ((1, frm), (2, to)):
            if v < 1 or v > len(t):
                raise EvalError(f"The {ordinal(pos)} argument of {op} must be in the domain of its first "
                                f"argument:\n{tla_repr(s)}\n, but instead it is\n{tla_repr(v)}")
    return t, frm, to


def select_in_sub_seq(s, frm, to, test: Callable):
    """The (absolute) index of the first element of s[frm..to] satisfying test, else 0 (as TLC's Java)."""
    t, frm, to = _sub_range("SelectInSubSeq", s, frm, to)
    for i in range(frm, to + 1):
        if bool_result(test(t[i - 1]), 3, "SelectInSubSeq"):
            return i
    return 0


def select_last_in_sub_seq(s, frm, to, test: Callable):
    t, frm, to = _sub_range("SelectLastInSubSeq", s, frm, to)
    for i in range(to, frm - 1, -1):
        if bool_result(test(t[i - 1]), 3, "SelectLastInSubSeq"):
            return i
    return 0


def insert_at(s, i, e):
    i = int_arg(1, "InsertAt", i, "natural number")
    return concat(concat(subseq(s, 1, i - 1), (e,)), subseq(s, i, length(s)))


def replace_at(s, i, e):
    _seq(s, 0, "ReplaceAt")
    return except_(s, (i,), lambda _old: e)


def remove_at(s, i):
    i = int_arg(1, "RemoveAt", i, "natural number")
    return concat(subseq(s, 1, i - 1), subseq(s, i + 1, length(s)))


def remove_first(s, e):
    t = _seq(s, 0, "RemoveFirst")
    for i, x in enumerate(t):
        if tla_eq(x, e):
            return t[:i] + t[i + 1:]
    return t


def remove_first_match(s, test: Callable):
    t = _seq(s, 0, "RemoveFirstMatch")
    for i, x in enumerate(t):
        if bool_result(test(x), 1, "RemoveFirstMatch"):
            return t[:i] + t[i + 1:]
    return t


def cons(e, s):
    return (e,) + _seq(s, 1, "Cons")


def snoc(e, s):
    return _seq(s, 1, "Snoc") + (e,)


def front(s):
    return subseq(s, 1, length(s) - 1)


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
        raise one_arg_error("LongestCommonPrefix", "non-empty set", S)
    elems = finite_elems(S, None, "LongestCommonPrefix")
    if not elems:
        raise one_arg_error("LongestCommonPrefix", "non-empty set", S)
    if all(type(x) is str for x in elems):
        seqs: list = elems
    else:
        seqs = [as_seq(x) for x in elems]
        if any(x is None for x in seqs):
            raise one_arg_error("LongestCommonPrefix", "sequence", S)
    first = seqs[0]
    n = min(len(x) for x in seqs)
    k = 0
    while k < n and all(tla_eq(first[k], x[k]) for x in seqs[1:]):
        k += 1
    return first[:k]


def common_prefixes(S):
    if not is_set(S):
        raise one_arg_error("CommonPrefixes", "set", S)
    if not finite_elems(S, None, "CommonPrefixes"):
        return frozenset()
    return prefixes(longest_common_prefix(S))


def seq_mod(a, b):
    r = mod(a, b)
    return b if r == 0 else r


def fold_seq(op: Callable, base, s):
    acc = base
    for _, v in fcn_items(s, 2, "FoldSeq"):
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
        acc = concat(acc, x)
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
        raise EvalError(CHOOSE_FAILED)
    return i + 1


def replace_sub_seq_at(i, r, s, t):
    i = int_arg(0, "ReplaceSubSeqAt", i, "natural number")
    return concat(concat(subseq(t, 1, i - 1), r), subseq(t, i + length(s), length(t)))


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


NATIVES: dict[tuple[str, str], Callable] = {
    ("SequencesExt", "ToSet"): to_set,
    ("SequencesExt", "ToBag"): to_bag,
    ("SequencesExt", "SetToSeq"): set_to_seq,
    ("SequencesExt", "SetToSeqs"): set_to_seqs,
    ("SequencesExt", "SetToSortSeq"): set_to_sort_seq,
    ("SequencesExt", "SetToAllKPermutations"): set_to_all_k_permutations,
    ("SequencesExt", "TupleOf"): tuple_of,
    ("SequencesExt", "SeqOf"): seq_of,
    ("SequencesExt", "BoundedSeq"): bounded_seq,
    ("SequencesExt", "Contains"): contains_,
    ("SequencesExt", "Reverse"): reverse,
    ("SequencesExt", "Remove"): remove,
    ("SequencesExt", "ReplaceAll"): replace_all,
    ("SequencesExt", "SelectInSeq"): select_in_seq,
    ("SequencesExt", "SelectInSubSeq"): select_in_sub_seq,
    ("SequencesExt", "SelectLastInSeq"): select_last_in_seq,
    ("SequencesExt", "SelectLastInSubSeq"): select_last_in_sub_seq,
    ("SequencesExt", "InsertAt"): insert_at,
    ("SequencesExt", "ReplaceAt"): replace_at,
    ("SequencesExt", "RemoveAt"): remove_at,
    ("SequencesExt", "RemoveFirst"): remove_first,
    ("SequencesExt", "RemoveFirstMatch"): remove_first_match,
    ("SequencesExt", "Cons"): cons,
    ("SequencesExt", "Snoc"): snoc,
    ("SequencesExt", "Front"): front,
    ("SequencesExt", "Last"): last,
    ("SequencesExt", "IsPrefix"): is_prefix,
    ("SequencesExt", "IsStrictPrefix"): is_strict_prefix,
    ("SequencesExt", "IsSuffix"): is_suffix,
    ("SequencesExt", "IsStrictSuffix"): is_strict_suffix,
    ("SequencesExt", "Prefixes"): prefixes,
    ("SequencesExt", "CommonPrefixes"): common_prefixes,
    ("SequencesExt", "LongestCommonPrefix"): longest_common_prefix,
    ("SequencesExt", "Suffixes"): suffixes,
    ("SequencesExt", "SeqMod"): seq_mod,
    ("SequencesExt", "FoldSeq"): fold_seq,
    ("SequencesExt", "FoldLeft"): fold_left,
    ("SequencesExt", "FoldRight"): fold_right,
    ("SequencesExt", "FoldLeftDomain"): fold_left_domain,
    ("SequencesExt", "FoldRightDomain"): fold_right_domain,
    ("SequencesExt", "FlattenSeq"): flatten_seq,
    ("SequencesExt", "Zip"): zip_,
    ("SequencesExt", "Interleave"): interleave,
    ("SequencesExt", "SubSeqs"): sub_seqs,
    ("SequencesExt", "AllSubSeqs"): all_sub_seqs,
    ("SequencesExt", "IndexFirstSubSeq"): index_first_sub_seq,
    ("SequencesExt", "ReplaceSubSeqAt"): replace_sub_seq_at,
    ("SequencesExt", "ReplaceFirstSubSeq"): replace_first_sub_seq,
    ("SequencesExt", "ReplaceAllSubSeqs"): replace_all_sub_seqs,
}
