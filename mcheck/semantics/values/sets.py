"""The lazy sets (Nat, Int, SUBSET, [S -> T], Seq(S), records, products, filters...) and the set operations."""
from __future__ import annotations

import itertools
from typing import Any, Callable, Iterable

from ...syntax.errors import EvalError
from .atoms import ModelValue
from .kinds import (
    Fcn, LazyFcn, LazySet, _is_finite, _not_a_set, contains, enumerate_set, materialize, tla_repr, tlc_sorted,
)

# --------------------------------------------------------------------------------------
# Lazy sets
# --------------------------------------------------------------------------------------

class NatSet(LazySet):
    def contains(self, v):
        if type(v) is int:
            return v >= 0
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of Nat.")

    def is_finite(self):
        return False

    def __repr__(self):
        return "Nat"


class IntSet(LazySet):
    def contains(self, v):
        if type(v) is int:
            return True
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of Int.")

    def is_finite(self):
        return False

    def __repr__(self):
        return "Int"


class StringSet(LazySet):
    def contains(self, v):
        if type(v) is str:
            return True
        if type(v) is ModelValue:
            return False
        # TLC's StringSet.member: only strings (and model values) can be asked (etest11)
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of STRING.")

    def is_finite(self):
        return False

    def __repr__(self):
        return "STRING"


class AnySet(LazySet):
    """The TLC module's ``Any``: contains every value."""

    def contains(self, v):
        return True

    def is_finite(self):
        return False

    def __repr__(self):
        return "Any"


NAT = NatSet()
INT = IntSet()
STRING_SET = StringSet()
ANY_SET = AnySet()
BOOLEAN = frozenset({False, True})


class IntervalSet(LazySet):
    """``lo..hi`` without materialising it (for very large intervals)."""

    _iter_sorted = True

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi

    def contains(self, v):
        if type(v) is int:
            return self.lo <= v <= self.hi
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of {tla_repr(self)}.")

    def is_finite(self):
        return True

    def _iter(self):
        return iter(range(self.lo, self.hi + 1))

    def _size(self):
        return max(0, self.hi - self.lo + 1)

    def __repr__(self):
        return f"{self.lo}..{self.hi}"


class PowerSet(LazySet):
    """``SUBSET S``; enumerates by cardinality, then element-wise (TLC's normalized order)."""

    _iter_sorted = True

    def __init__(self, base: Any):
        self.base = base

    def contains(self, v):
        if type(v) is frozenset and type(self.base) is frozenset:
            return v <= self.base
        if type(v) is frozenset or isinstance(v, LazySet):
            return subseteq(v, self.base)
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of {tla_repr(self)}.")

    def is_finite(self):
        return _is_finite(self.base)

    def _iter(self):
        elems = enumerate_set(self.base)
        for k in range(len(elems) + 1):
            for combo in itertools.combinations(elems, k):
                yield frozenset(combo)

    def _size(self):
        return 2 ** cardinality(self.base)

    def _params(self):
        return (self.base,)

    def __repr__(self):
        return f"SUBSET {tla_repr(self.base)}"


class FcnSet(LazySet):
    """``[S -> T]``."""

    _iter_sorted = True

    def __init__(self, dom: Any, rng: Any):
        self.dom, self.rng = dom, rng

    _seq_n: int | None = None  # n when the domain is exactly 1..n (functions there are tuples)
    _fdom: frozenset | None = None

    def _all_in_rng(self, vals) -> bool:
        rng = self.rng
        if type(rng) is frozenset:
            return rng.issuperset(vals)  # C speed: TypeOK checks run on every state
        if isinstance(rng, LazySet):
            return all(map(rng.contains, vals))
        return all(contains(rng, v) for v in vals)

    def contains(self, f):
        t = type(f)
        if t is tuple or t is Fcn:
            dom = self._fdom
            if dom is None:
                dom = self.dom
                if type(dom) is not frozenset:
                    dom = materialize(dom)
                self._fdom = dom
                n = len(dom)
                self._seq_n = n if dom == frozenset(range(1, n + 1)) else -1
            if t is tuple and self._seq_n == len(f):
                return self._all_in_rng(f)
            if t is Fcn and f.keys() == dom:
                return self._all_in_rng(f.values())
            if len(f) != len(dom):
                return False
            if t is tuple:
                if not all(i in dom for i in range(1, len(f) + 1)):
                    return False
            elif not all(k in dom for k in f):
                return False
            rng = self.rng
            vals = f if t is tuple else f.values()
            return all(contains(rng, v) for v in vals)
        if t is LazyFcn:
            if f.domain == self.dom and not _is_finite(self.dom):
                raise EvalError(f"Attempted to check if the value:\n{tla_repr(f)}\nis an element of {tla_repr(self)}.")
            return False
        if t is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(f)}\nis an element of {tla_repr(self)}.")

    def is_finite(self):
        if not _is_finite(self.dom):
            return False  # treated as infinite even when the range is empty or a singleton
        return _is_finite(self.rng) or cardinality(self.dom) == 0

    def _iter(self):
        dom = enumerate_set(self.dom)
        if not dom:
            yield ()
            return
        rng = enumerate_set(self.rng)
        if all(type(d) is int for d in dom) and dom[0] == 1 and dom[-1] == len(dom):
            for vals in itertools.product(rng, repeat=len(dom)):
                yield vals
            return
        for vals in itertools.product(rng, repeat=len(dom)):
            yield Fcn(zip(dom, vals))

    def _size(self):
        return cardinality(self.rng) ** cardinality(self.dom)

    def _params(self):
        return (self.dom, self.rng)

    def __repr__(self):
        return f"[{tla_repr(self.dom)} -> {tla_repr(self.rng)}]"


class SeqSet(LazySet):
    """``Seq(S)``: infinite unless S is empty."""

    _iter_sorted = True

    def __init__(self, base: Any):
        self.base = base

    def contains(self, v):
        if type(v) is tuple:
            base = self.base
            if type(base) is frozenset:
                return base.issuperset(v)
            return all(contains(base, e) for e in v)
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of {tla_repr(self)}.")

    def is_finite(self):
        return _is_finite(self.base) and cardinality(self.base) == 0

    def _iter(self):
        yield ()

    def _size(self):
        return 1

    def _params(self):
        return (self.base,)

    def __repr__(self):
        return f"Seq({tla_repr(self.base)})"


class FilterSet(LazySet):
    """``{x \\in S : P}`` over an infinite S (``Seq(T)``, ``Nat``, ...), kept lazy as TLC keeps it:
    membership tests ``e \\in S /\\ P(e)``; enumerating it is an error while S is infinite."""

    def __init__(self, base: Any, pred: Callable[[Any], Any], text: str):
        self.base, self.pred, self.text = base, pred, text

    def contains(self, v):
        return contains(self.base, v) and self.pred(v) is True

    def is_finite(self):
        return _is_finite(self.base)

    def _iter(self):
        pred = self.pred
        return iter(tlc_sorted([v for v in enumerate_set(self.base) if pred(v) is True]))

    def _size(self):
        return len(self.materialize())

    def _params(self):
        return (id(self),)

    def __repr__(self):
        return self.text


class MapSet(LazySet):
    """``{f(x) : x \\in S}`` over an infinite S (``Nat``, ``Seq(T)``): a value that may be defined, passed
    and put under UNION; only enumerating it, or testing membership (which enumerates), is an error."""

    def __init__(self, base: Any, fn: Callable[[Any], Any], text: str):
        self.base, self.fn, self.text = base, fn, text

    def contains(self, v):
        raise self.base._not_enumerable()

    def is_finite(self):
        return False

    def _iter(self):
        raise self.base._not_enumerable()

    def _params(self):
        return (id(self),)

    def __repr__(self):
        return self.text


class UnionSet(LazySet):
    """``UNION S`` for an infinite S, kept lazy: membership asks each element of S (TLC's UnionValue.member,
    which enumerates S)."""

    def __init__(self, base: Any):
        self.base = base

    def contains(self, v):
        return any(contains(s, v) for s in enumerate_set(self.base))

    def is_finite(self):
        return False

    def _iter(self):
        raise self._not_enumerable()

    def _params(self):
        return (id(self),)

    def __repr__(self):
        return f"UNION {tla_repr(self.base)}"


class BoundedSeqSet(LazySet):
    """``{s \\in Seq(S) : Len(s) <= n}``: all sequences over S of length at most n."""

    _iter_sorted = True

    def __init__(self, base: Any, max_len: int):
        self.base, self.max_len = base, max_len

    def contains(self, v):
        if type(v) is tuple:
            if len(v) > self.max_len:
                return False
            base = self.base
            return all(contains(base, e) for e in v)
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of {tla_repr(self)}.")

    def is_finite(self):
        return _is_finite(self.base) or self.max_len <= 0

    def _iter(self):
        elems = enumerate_set(self.base) if self.max_len > 0 else []
        for k in range(max(self.max_len, -1) + 1):
            yield from itertools.product(elems, repeat=k)

    def _size(self):
        n = cardinality(self.base) if self.max_len > 0 else 0
        return sum(n ** k for k in range(max(self.max_len, -1) + 1))

    def _params(self):
        return (self.base, self.max_len)

    def __repr__(self):
        return tla_repr(self.materialize()) if self.is_finite() else \
            f"BSeq({tla_repr(self.base)}, {self.max_len})"


class RecordSet(LazySet):
    """``[a : S, b : T]``."""

    _iter_sorted = True

    def __init__(self, fields: dict[str, Any]):
        self.fields = dict(fields)
        self._names = tlc_sorted(self.fields)

    def contains(self, v):
        fields = self.fields
        if type(v) is Fcn:
            if len(v) != len(fields):
                return False
            for k, s in fields.items():
                try:
                    x = v[k]
                except KeyError:
                    return False
                if not contains(s, x):
                    return False
            return True
        if type(v) is tuple:
            return not fields and v == ()
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of {tla_repr(self)}.")

    def is_finite(self):
        return all(_is_finite(s) for s in self.fields.values())

    def _iter(self):
        names = self._names
        if not names:
            yield ()
            return
        for vals in itertools.product(*(enumerate_set(self.fields[n]) for n in names)):
            yield Fcn(zip(names, vals))

    def _size(self):
        r = 1
        for s in self.fields.values():
            r *= cardinality(s)
        return r

    def _params(self):
        return tuple((n, self.fields[n]) for n in self._names)

    def __repr__(self):
        return "[" + ", ".join(f"{n} : {tla_repr(self.fields[n])}" for n in self._names) + "]"


class ProductSet(LazySet):
    """``S1 \\X S2 \\X ... \\X Sn``."""

    _iter_sorted = True

    def __init__(self, sets: Iterable[Any]):
        self.sets = tuple(sets)

    def contains(self, v):
        if type(v) is tuple:
            sets = self.sets
            return len(v) == len(sets) and all(contains(s, x) for s, x in zip(sets, v))
        if type(v) is Fcn:
            return False
        if type(v) is ModelValue:
            return False
        raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of {tla_repr(self)}.")

    def is_finite(self):
        return all(_is_finite(s) for s in self.sets) or any(
            _is_finite(s) and cardinality(s) == 0 for s in self.sets)

    def _iter(self):
        return itertools.product(*(enumerate_set(s) for s in self.sets))

    def _size(self):
        r = 1
        for s in self.sets:
            r *= cardinality(s)
        return r

    def _params(self):
        return self.sets

    def __repr__(self):
        return " \\X ".join(tla_repr(s) for s in self.sets)

# --------------------------------------------------------------------------------------
# Set operations
# --------------------------------------------------------------------------------------

def is_set(v: Any) -> bool:
    return type(v) is frozenset or isinstance(v, LazySet)


def cardinality(S: Any) -> int:
    if type(S) is frozenset:
        return len(S)
    if isinstance(S, LazySet):
        return S.cardinality()
    raise EvalError(f"Attemtped to compute cardinality of the value\n{tla_repr(S)}")


#: TLC counts the elements of a set in a Java int
MAX_SIZE = 2 ** 31 - 1


def capped_size(S: Any, cap: int = MAX_SIZE) -> int | None:
    """min(|S|, cap + 1) for a finite set whose size follows from its parts (SUBSET, [S -> T], \\X,
    records, intervals), computed without enumerating it or building a huge number (SUBSET SUBSET
    (1..32) has 2^(2^32) elements); None when the size is not known that way."""
    if type(S) is frozenset:
        return min(len(S), cap + 1)
    t = type(S)
    if t is IntervalSet:
        return min(S._size(), cap + 1)
    if t is PowerSet:
        n = capped_size(S.base, cap)
        return None if n is None else cap + 1 if n >= cap.bit_length() else min(2 ** n, cap + 1)
    if t is FcnSet:
        d, r = capped_size(S.dom, cap), capped_size(S.rng, cap)
        if d is None or r is None:
            return None
        if d == 0 or r <= 1:
            return 1 if d == 0 else r
        return cap + 1 if d > cap.bit_length() else min(r ** d, cap + 1)
    if t in (ProductSet, RecordSet):
        out = 1
        for part in (S.sets if t is ProductSet else S.fields.values()):
            n = capped_size(part, cap)
            if n is None:
                return None
            out = min(out * n, cap + 1)
        return out
    return None


def _overflow(S: Any) -> EvalError:
    return EvalError(f"Overflow when computing the number of elements in:\n{tla_repr(S)}")


def check_size(S: Any) -> None:
    """TLC's overflow error for a set it cannot count (or enumerate): more elements than a Java int.
    TLC raises it where it sizes a SUBSET, [S -> T], S \\X T or record set: Cardinality of one
    (etest13) and fingerprinting a state that holds one (FingerprintExceptionNext, exit 75)."""
    n = capped_size(S)
    if n is not None and n > MAX_SIZE:
        raise _overflow(S)


def counted(S: "LazySet") -> int:
    """Cardinality(S) of a finite lazy set, computed, not enumerated ([1..3 -> 1..100] has 10^6
    elements); beyond a Java int it is TLC's overflow error, where enumerating would not end."""
    check_size(S)
    n = S.cardinality()
    if n > MAX_SIZE:
        raise _overflow(S)
    return n


for _cls in (PowerSet, FcnSet, ProductSet, RecordSet):
    _cls._check_size = check_size   # type: ignore[attr-defined]


def union(a: Any, b: Any) -> Any:
    if type(a) is frozenset and type(b) is frozenset:
        return a | b
    return materialize(a) | materialize(b)


def intersect(a: Any, b: Any) -> Any:
    if type(a) is frozenset:
        if type(b) is frozenset:
            return a & b
        return frozenset(x for x in a if contains(b, x))
    if type(b) is frozenset:
        return frozenset(x for x in b if contains(a, x))
    if _is_finite(a):
        return frozenset(x for x in a.materialize() if contains(b, x))
    if _is_finite(b):
        return frozenset(x for x in b.materialize() if contains(a, x))
    raise EvalError(f"Attempted to enumerate S \\cap T when neither S:\n{tla_repr(a)}\nnor T:\n{tla_repr(b)}\nis enumerable")


def difference(a: Any, b: Any) -> Any:
    if type(a) is frozenset:
        if type(b) is frozenset:
            return a - b
        return frozenset(x for x in a if not contains(b, x))
    return frozenset(x for x in materialize(a) if not contains(b, x))


def subseteq(a: Any, b: Any) -> bool:
    if type(a) is frozenset:
        if type(b) is frozenset:
            return a <= b
        return all(contains(b, x) for x in a)
    if type(a) is PowerSet and type(b) is PowerSet:
        # SUBSET S \subseteq SUBSET T iff S \subseteq T: 2^42 subsets need not be enumerated (SubsetEq)
        return subseteq(a.base, b.base)
    if isinstance(a, LazySet):
        if not a.is_finite():
            if a == b or (a is NAT and b is INT):
                return True
            if isinstance(b, LazySet) and not b.is_finite() and b is ANY_SET:
                return True
            raise a._not_enumerable()
        return all(contains(b, x) for x in a.materialize())
    raise _not_a_set(a)


def big_union(S: Any) -> frozenset:
    """``UNION S``."""
    out: set = set()
    for s in materialize(S):
        out |= materialize(s)
    return frozenset(out)


def choose(S: Any, pred: Callable[[Any], bool]) -> Any:
    """``CHOOSE x \\in S : pred(x)``: the first element of normalized S satisfying pred."""
    for x in enumerate_set(S):
        if pred(x):
            return x
    raise EvalError("Attempted to compute the value of an expression of form\n"
                    "CHOOSE x \\in S: P, but no element of S satisfied P.")

