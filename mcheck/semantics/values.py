"""TLA+ values as plain Python objects, with TLC's equality, order and printing.

Representation (a fixed contract with the compiler, chosen for speed):

* integers are ``int`` (unbounded), booleans ``bool``, strings ``str``;
* model values are interned :class:`ModelValue` objects (equality is identity);
* finite sets are ``frozenset``; infinite or huge sets are :class:`LazySet` objects;
* a function whose domain is ``1..n`` (sequences, tuples, ``<<>>``, the empty record,
  any empty-domain function) is a ``tuple``; every other function is an immutable
  :class:`Fcn` (a ``dict`` subclass); a function over a lazy domain is a :class:`LazyFcn`.

Because the function representation is canonical (see :func:`make_fcn`), Python ``==``
and ``hash`` coincide with TLA+ equality and TLC's fingerprint equality.  One caveat
inherited from Python: ``True == 1`` and ``False == 0``, so a set or function that
mixes booleans with the integers 0/1 collapses them; TLC rejects such mixtures with an
error anyway (comparing a boolean with an integer is an error), see :func:`tla_eq`.

TLC order (``tlc_key``/``tlc_sorted``): model values first, then booleans (FALSE <
TRUE), integers (numeric), strings (by intern token: the order in which TLC first
interned them), sets (cardinality, then elements in normalized order), functions
(domain size, then domain, then values).  Printing (``tla_repr``) uses this order.
"""
from __future__ import annotations

import hashlib
import itertools
from functools import reduce
from operator import xor
from typing import Any, Callable, Iterable, Iterator

from ..syntax.errors import EvalError

__all__ = [
    "ModelValue", "Fcn", "LazyFcn", "LazySet", "BOOLEAN", "NAT", "INT", "STRING_SET", "ANY_SET",
    "NatSet", "IntSet", "StringSet", "AnySet", "PowerSet", "FcnSet", "SeqSet", "RecordSet",
    "ProductSet", "BoundedSeqSet", "IntervalSet",
    "intern_string", "string_token", "make_fcn", "make_record", "fcn_from", "apply", "domain",
    "except_", "is_function", "is_set", "contains", "enumerate_set", "materialize", "cardinality",
    "union", "intersect", "difference", "subseteq", "big_union", "choose",
    "tlc_key", "tlc_sorted", "tlc_compare", "tla_eq", "tla_repr", "kind_of",
]

# --------------------------------------------------------------------------------------
# Strings: TLC's intern tokens
# --------------------------------------------------------------------------------------

_STRING_TOKENS: dict[str, int] = {}


def intern_string(s: str) -> int:
    """The intern token of ``s``, giving it the next token if it has none yet.

    TLC orders strings (and model values) by the order in which its UniqueString table
    first saw them.  The compiler calls this for identifiers and string literals in
    source order; a string never interned gets the next token the first time it is
    compared.
    """
    tok = _STRING_TOKENS.get(s)
    if tok is None:
        tok = _STRING_TOKENS[s] = len(_STRING_TOKENS)
    return tok


string_token = intern_string

for _c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
    intern_string(_c)
del _c


# --------------------------------------------------------------------------------------
# Model values
# --------------------------------------------------------------------------------------

def _stable_hash(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "little") >> 2


class ModelValue:
    """A model value: interned, equal only to itself, FALSE when compared with any other value."""

    __slots__ = ("name", "_hash", "__weakref__")
    _table: dict[str, "ModelValue"] = {}

    def __new__(cls, name: str):  # always go through the intern table
        mv = cls._table.get(name)
        if mv is None:
            mv = object.__new__(cls)
            mv.name = name
            mv._hash = _stable_hash(name)
            intern_string(name)
            cls._table[name] = mv
        return mv

    @classmethod
    def get(cls, name: str) -> "ModelValue":
        mv = cls._table.get(name)
        return mv if mv is not None else cls(name)

    # Identity equality and hashing are object's own (C-level, so hashing states stays fast);
    # interning makes identity the right equality.  _hash stays for anything that wants a
    # hash that is stable across runs.

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self):
        return (ModelValue.get, (self.name,))


# --------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------

def _immutable(self, *args, **kwargs):
    raise TypeError("Fcn values are immutable")


class Fcn(dict):
    """A TLA+ function whose domain is not ``1..n``: records and general functions.

    Never mutated after construction; build one with :func:`make_fcn` so that the
    representation stays canonical.
    """

    __slots__ = ("_hash",)

    def __hash__(self) -> int:  # type: ignore[override]
        # XOR of the pairs' hashes: order-free, and updatable in O(1) when EXCEPT changes one
        # point (runtime.except1 does that), which matters: states hash their functions often.
        try:
            return self._hash
        except AttributeError:
            h = self._hash = reduce(xor, map(hash, self.items()), 0x5F3759DF)
            return h

    __setitem__ = _immutable
    __delitem__ = _immutable
    clear = _immutable
    pop = _immutable
    popitem = _immutable
    setdefault = _immutable
    update = _immutable
    __ior__ = _immutable

    def __repr__(self) -> str:
        return tla_repr(self)

    __str__ = __repr__

    def __reduce__(self):
        return (Fcn, (dict(self),))

    def is_record(self) -> bool:
        return all(type(k) is str for k in self)


def make_fcn(mapping: dict) -> tuple | Fcn:
    """The canonical function with the given graph: ``()`` if empty, a tuple if the keys
    are exactly ``1..n``, otherwise a :class:`Fcn`."""
    n = len(mapping)
    if n == 0:
        return ()
    for k in mapping:
        if type(k) is not int or k < 1 or k > n:
            return mapping if type(mapping) is Fcn else Fcn(mapping)
    return tuple([mapping[i] for i in range(1, n + 1)])


def make_record(fields: dict[str, Any]) -> tuple | Fcn:
    """``[a |-> 1, b |-> 2]``: a record (the empty record is ``()``)."""
    if not fields:
        return ()
    return Fcn(fields)


def fcn_from(dom: Any, fn: Callable[[Any], Any]) -> Any:
    """``[x \\in dom |-> fn(x)]`` for a finite domain (a :class:`LazyFcn` for an infinite one)."""
    if isinstance(dom, LazySet) and not dom.is_finite():
        return LazyFcn(dom, fn)
    if type(dom) is frozenset:
        n = len(dom)
        # The common case: the domain is 1..n.
        if n and all(type(k) is int for k in dom) and min(dom) == 1 and max(dom) == n:
            return tuple([fn(i) for i in range(1, n + 1)])
        return make_fcn({x: fn(x) for x in dom})
    return make_fcn({x: fn(x) for x in enumerate_set(dom)})


class LazyFcn:
    """A function over a lazy (typically infinite) domain, e.g. ``[n \\in Nat |-> ...]``.

    Application is memoised; this is what recursive function definitions evaluate to.
    ``overrides`` holds points changed by EXCEPT.
    """

    __slots__ = ("domain", "fn", "memo", "name")

    def __init__(self, domain_set: Any, fn: Callable[[Any], Any], name: str | None = None):
        self.domain = domain_set
        self.fn = fn
        self.memo: dict = {}
        self.name = name

    def apply(self, x: Any) -> Any:
        memo = self.memo
        try:
            return memo[x]
        except KeyError:
            pass
        except TypeError:
            raise EvalError(f"Attempted to apply function:\n{tla_repr(self)}\nto argument {tla_repr(x)}, "
                            "which is not in the domain of the function.")
        if not contains(self.domain, x):
            raise EvalError(f"Attempted to apply function:\n{tla_repr(self)}\nto argument {tla_repr(x)}, "
                            "which is not in the domain of the function.")
        v = memo[x] = self.fn(x)
        return v

    __getitem__ = apply

    def with_point(self, x: Any, v: Any) -> "LazyFcn":
        base = self

        def fn(y):
            if tla_eq(y, x):
                return v
            return base.apply(y)

        return LazyFcn(self.domain, fn, self.name)

    def materialize(self) -> Any:
        return fcn_from(materialize(self.domain), self.apply)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if isinstance(other, LazyFcn):
            return False
        if isinstance(other, (tuple, Fcn)) and self.domain.is_finite():
            return self.materialize() == other
        return NotImplemented if not isinstance(other, (tuple, Fcn)) else False

    def __ne__(self, other: object) -> bool:
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self) -> int:
        if self.domain.is_finite():
            return hash(self.materialize())
        return id(self) >> 4

    def __repr__(self) -> str:
        return tla_repr(self)


def is_function(v: Any) -> bool:
    t = type(v)
    return t is tuple or t is Fcn or t is LazyFcn


def _not_a_function(f: Any) -> EvalError:
    return EvalError(f"A non-function ({_kind_text(f)}) was applied as a function.\n{tla_repr(f)}")


def apply(f: Any, x: Any) -> Any:
    """``f[x]`` with TLC's errors."""
    t = type(f)
    if t is tuple:
        if type(x) is int and 0 < x <= len(f):
            return f[x - 1]
        if type(x) is not int:
            if f == () and type(x) is str:
                raise EvalError(f"Attempted to apply the record\n[]\nto nonexistent record field {x}.")
            raise EvalError(f"Attempted to access tuple at a non integral index: {tla_repr(x)}")
        raise EvalError(f"Attempted to access index {x} of tuple\n{tla_repr(f)}\nwhich is out of bounds.")
    if t is Fcn:
        try:
            return f[x]
        except (KeyError, TypeError):
            pass
        if type(x) is str and f.is_record():
            raise EvalError(f"Attempted to apply the record\n{tla_repr(f)}\nto nonexistent record field {x}.")
        raise EvalError(f"Attempted to apply function:\n{tla_repr(f)}\nto argument {tla_repr(x)}, "
                        "which is not in the domain of the function.")
    if t is LazyFcn:
        return f.apply(x)
    raise _not_a_function(f)


def domain(f: Any) -> Any:
    """``DOMAIN f``."""
    t = type(f)
    if t is tuple:
        return frozenset(range(1, len(f) + 1))
    if t is Fcn:
        return frozenset(f)
    if t is LazyFcn:
        return f.domain
    raise EvalError(f"Attempted to apply the operator DOMAIN to a non-function\n({_kind_text(f)})\n{tla_repr(f)}")


def except_(f: Any, path: tuple | list, value_fn: Callable[[Any], Any]) -> Any:
    """``[f EXCEPT ![p1][p2]... = e]``: ``value_fn`` receives the old value (``@``).

    As in TLC, a path that leaves the domain changes nothing (TLC only warns).
    """
    k = path[0]
    rest = path[1:]
    t = type(f)
    if t is tuple:
        if type(k) is int and 0 < k <= len(f):
            old = f[k - 1]
            new = value_fn(old) if not rest else except_(old, rest, value_fn)
            return f[:k - 1] + (new,) + f[k:]
        return f
    if t is Fcn:
        try:
            old = f[k]
        except (KeyError, TypeError):
            return f
        new = value_fn(old) if not rest else except_(old, rest, value_fn)
        d = dict(f)
        d[k] = new
        return Fcn(d)
    if t is LazyFcn:
        if not contains(f.domain, k):
            return f
        old = f.apply(k)
        new = value_fn(old) if not rest else except_(old, rest, value_fn)
        return f.with_point(k, new)
    raise EvalError(f"Attempted to apply EXCEPT to a non-function\n{tla_repr(f)}")


# --------------------------------------------------------------------------------------
# Lazy sets
# --------------------------------------------------------------------------------------

class LazySet:
    """Base of the sets that are not materialised as frozensets.

    Subclasses implement ``contains``, ``is_finite``, ``_iter`` (enumeration in TLC
    order, only called when finite), ``_size`` (cardinality when finite), ``_params``
    (structural identity when infinite) and ``__repr__``.
    """

    _mat: frozenset | None = None
    _hashv: int | None = None

    def contains(self, v: Any) -> bool:
        raise NotImplementedError

    def __contains__(self, v: Any) -> bool:
        return self.contains(v)

    def is_finite(self) -> bool:
        raise NotImplementedError

    def _iter(self) -> Iterator:
        raise NotImplementedError

    def _size(self) -> int:
        return len(self.materialize())

    def _params(self) -> tuple:
        return ()

    def _not_enumerable(self) -> EvalError:
        return EvalError(f"{tla_repr(self)} is not enumerable")

    def __iter__(self) -> Iterator:
        if not self.is_finite():
            raise self._not_enumerable()
        return self._iter()

    def materialize(self) -> frozenset:
        m = self._mat
        if m is None:
            if not self.is_finite():
                raise self._not_enumerable()
            m = self._mat = frozenset(self._iter())
        return m

    def cardinality(self) -> int:
        if not self.is_finite():
            raise EvalError(f"Attempted to compute cardinality of the value\n{tla_repr(self)}")
        return self._size()

    def __len__(self) -> int:
        return self.cardinality()

    def __bool__(self) -> bool:
        return True if not self.is_finite() else self._size() > 0

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if isinstance(other, LazySet):
            fa, fb = self.is_finite(), other.is_finite()
            if fa and fb:
                return self.materialize() == other.materialize()
            if fa or fb:
                return False
            return type(self) is type(other) and self._params() == other._params()
        if type(other) is frozenset:
            return self.is_finite() and self.materialize() == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self) -> int:
        h = self._hashv
        if h is None:
            if self.is_finite():
                h = hash(self.materialize())
            else:
                h = hash((type(self).__name__, self._params()))
            self._hashv = h
        return h

    def __str__(self) -> str:
        return self.__repr__()


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
        return type(v) is str

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


class BoundedSeqSet(LazySet):
    """``{s \\in Seq(S) : Len(s) <= n}``: all sequences over S of length at most n."""

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
# Set helpers
# --------------------------------------------------------------------------------------

def is_set(v: Any) -> bool:
    return type(v) is frozenset or isinstance(v, LazySet)


def _is_finite(s: Any) -> bool:
    if type(s) is frozenset:
        return True
    if isinstance(s, LazySet):
        return s.is_finite()
    raise _not_a_set(s)


def _not_a_set(s: Any) -> EvalError:
    return EvalError(f"Attempted to use the non-set value\n{tla_repr(s)}\nas a set.")


def contains(S: Any, v: Any) -> bool:
    """``v \\in S`` for a frozenset or a lazy set."""
    if type(S) is frozenset:
        if v in S:
            return True
        if S and type(v) is not ModelValue:
            # TLC compares v with the elements: a value of another kind is an error.
            for e in S:
                break
            ke = _KIND.get(type(e)) or kind_of(e)
            kv = _KIND.get(type(v)) or kind_of(v)
            if ke != kv and ke != "model":
                raise _compare_error(e, v)
        return False
    if isinstance(S, LazySet):
        return S.contains(v)
    raise EvalError(f"Attempted to check if the value:\n{tla_repr(v)}\nis an element of the non-set\n{tla_repr(S)}")


def enumerate_set(S: Any) -> list:
    """The elements of S in TLC's normalized order (EvalError if S is not enumerable)."""
    if type(S) is frozenset:
        return tlc_sorted(S)
    if isinstance(S, LazySet):
        if not S.is_finite():
            raise S._not_enumerable()
        if isinstance(S, (IntervalSet, PowerSet, FcnSet, BoundedSeqSet, RecordSet, ProductSet, SeqSet)):
            return list(S._iter())  # these enumerate in normalized order already
        return tlc_sorted(S._iter())
    raise _not_a_set(S)


def as_seq(s: Any) -> tuple | None:
    """The value as a Python tuple when it is a sequence (a function on 1..n), else None."""
    if type(s) is tuple:
        return s
    if type(s) is LazyFcn and s.domain.is_finite():
        m = s.materialize()
        return m if type(m) is tuple else None
    return None


def materialize(S: Any) -> frozenset:
    if type(S) is frozenset:
        return S
    if isinstance(S, LazySet):
        return S.materialize()
    raise _not_a_set(S)


def cardinality(S: Any) -> int:
    if type(S) is frozenset:
        return len(S)
    if isinstance(S, LazySet):
        return S.cardinality()
    raise EvalError(f"Attemtped to compute cardinality of the value\n{tla_repr(S)}")


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


# --------------------------------------------------------------------------------------
# Kinds, TLC order
# --------------------------------------------------------------------------------------

_KIND: dict[type, str] = {
    bool: "bool", int: "int", str: "str", ModelValue: "model", frozenset: "set",
    tuple: "fcn", Fcn: "fcn", LazyFcn: "fcn",
}


def kind_of(v: Any) -> str:
    """'bool', 'int', 'str', 'model', 'set' or 'fcn' ('other' for anything else)."""
    k = _KIND.get(type(v))
    if k is not None:
        return k
    if isinstance(v, LazySet):
        return "set"
    return "other"


def _kind_text(v: Any) -> str:
    k = kind_of(v)
    return {"bool": "a boolean", "int": "an integer", "str": "a string", "model": "a model value",
            "set": "a set", "fcn": "a function"}.get(k, "a value")


_RANK = {"model": 0, "bool": 1, "int": 2, "str": 3, "set": 4, "fcn": 5, "other": 6}


def _str_tok(s: str) -> int:
    tok = _STRING_TOKENS.get(s)
    return tok if tok is not None else intern_string(s)


def tlc_key(v: Any) -> tuple:
    """A sort key realising TLC's compareTo (a total order, also across kinds)."""
    t = type(v)
    if t is int:
        return (2, v)
    if t is str:
        return (3, _str_tok(v))
    if t is bool:
        return (1, int(v))
    if t is ModelValue:
        return (0, _str_tok(v.name))
    if t is frozenset:
        return (4, len(v), tuple([tlc_key(e) for e in tlc_sorted(v)]))
    if t is tuple:
        return (5, len(v), tuple([(2, i) for i in range(1, len(v) + 1)]), tuple([tlc_key(e) for e in v]))
    if t is Fcn:
        keys = tlc_sorted(v)
        return (5, len(v), tuple([tlc_key(k) for k in keys]), tuple([tlc_key(v[k]) for k in keys]))
    if isinstance(v, LazySet):
        if v.is_finite():
            return tlc_key(v.materialize())
        return (4, float("inf"), repr(v))
    if t is LazyFcn:
        return (5, float("inf"), repr(v))
    return (6, repr(v))


def tlc_sorted(iterable: Iterable) -> list:
    """The values in TLC's normalized order."""
    lst = list(iterable)
    if len(lst) < 2:
        return lst
    t = type(lst[0])
    for x in lst:
        if type(x) is not t:
            break
    else:
        if t is int or t is bool:
            lst.sort()
            return lst
        if t is str:
            lst.sort(key=_str_tok)
            return lst
    lst.sort(key=tlc_key)
    return lst


def tlc_compare(a: Any, b: Any) -> int:
    """-1, 0 or 1 by TLC order."""
    ka, kb = tlc_key(a), tlc_key(b)
    return (ka > kb) - (ka < kb)


# --------------------------------------------------------------------------------------
# Equality with TLC's errors
# --------------------------------------------------------------------------------------

def _compare_error(a: Any, b: Any) -> EvalError:
    k = kind_of(a)
    if k == "int":
        return EvalError(f"Attempted to compare integer {tla_repr(a)} with non-integer:\n{tla_repr(b)}")
    if k == "str":
        return EvalError(f"Attempted to compare string {tla_repr(a)} with non-string:\n{tla_repr(b)}")
    if k == "bool":
        return EvalError(f"Attempted to compare boolean {tla_repr(a)} with non-boolean:\n{tla_repr(b)}")
    if k == "set":
        return EvalError(f"Attempted to compare the set {tla_repr(a)} with the value:\n{tla_repr(b)}")
    if k == "fcn":
        return EvalError(f"Attempted to compare the function {tla_repr(a)} with the value:\n{tla_repr(b)}")
    return EvalError(f"Attempted to compare {tla_repr(a)} with the value\n{tla_repr(b)}")


def _eq_error(a: Any, b: Any) -> EvalError:
    k = kind_of(a)
    ra, rb = tla_repr(a), tla_repr(b)
    if k == "int":
        return EvalError(f"Attempted to check equality of integer {ra} with non-integer:\n{rb}")
    if k == "str":
        return EvalError(f"Attempted to check equality of string {ra} with non-string:\n{rb}")
    if k == "bool":
        return EvalError(f"Attempted to check equality of boolean {ra} with non-boolean:\n{rb}")
    if k == "set":
        return EvalError(f"Attempted to check equality of the set {ra} with the value:\n{rb}")
    if k == "fcn":
        if type(a) is Fcn and a.is_record():
            return EvalError(f"Attempted to check equality of record:\n{ra}\nwith non-record\n{rb}")
        return EvalError(f"Attempted to check equality of the function {ra} with the value:\n{rb}")
    return EvalError(f"Attempted to check equality of {ra} with the value:\n{rb}")


def tla_eq(a: Any, b: Any) -> bool:
    """TLA+ ``a = b`` as TLC evaluates it: values of different kinds raise EvalError,
    except that a model value is simply unequal to any other value."""
    ta = type(a)
    if ta is type(b):
        if ta is int or ta is str or ta is bool or ta is ModelValue:
            return a == b
        if a == b:
            return True
        if ta is tuple:
            if len(a) != len(b):
                return False
            for x, y in zip(a, b):
                if not tla_eq(x, y):
                    return False
            return True
        if ta is frozenset:
            return _set_eq(a, b)
        if ta is Fcn:
            return _fcn_eq(a, b)
        return False
    if ta is ModelValue or type(b) is ModelValue:
        return False
    ka, kb = kind_of(a), kind_of(b)
    if ka != kb:
        raise _eq_error(a, b)
    if ka == "set":
        return _set_eq(a, b)
    if ka == "fcn":
        return _fcn_eq(a, b)
    return a == b


def _set_eq(a: Any, b: Any) -> bool:
    if isinstance(a, LazySet) or isinstance(b, LazySet):
        fa, fb = _is_finite(a), _is_finite(b)
        if fa and fb:
            a, b = materialize(a), materialize(b)
        elif fa != fb:
            if type(a) is frozenset or (isinstance(a, LazySet) and fa):
                raise EvalError(f"Attempted to check equality of the set {tla_repr(a)} with the value:\n{tla_repr(b)}")
            raise EvalError(f"Attempted to compare overridden value {tla_repr(a)} with non-overridden value:\n"
                            f"{tla_repr(b)}")
        else:
            return a == b
    if len(a) != len(b):
        return False
    if a == b:
        return True
    for x, y in zip(tlc_sorted(a), tlc_sorted(b)):
        if not tla_eq(x, y):
            return False
    return True


def _fcn_eq(a: Any, b: Any) -> bool:
    if type(a) is LazyFcn or type(b) is LazyFcn:
        return a == b
    if type(a) is Fcn and a.is_record() and not (type(b) is Fcn and b.is_record()) and b != ():
        raise _eq_error(a, b)
    if len(a) != len(b):
        return False
    if a == b:
        return True
    da, db = domain(a), domain(b)
    if not _set_eq(da, db):
        return False
    for k in tlc_sorted(da):
        if not tla_eq(apply(a, k), apply(b, k)):
            return False
    return True


# --------------------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f"}


def _str_repr(s: str) -> str:
    if '"' in s or "\\" in s or "\n" in s or "\t" in s or "\r" in s or "\f" in s:
        s = "".join(_ESCAPES.get(c, c) for c in s)
    return '"' + s + '"'


def tla_repr(v: Any) -> str:
    """The value as TLC prints it."""
    t = type(v)
    if t is bool:
        return "TRUE" if v else "FALSE"
    if t is int:
        return str(v)
    if t is str:
        return _str_repr(v)
    if t is ModelValue:
        return v.name
    if t is frozenset:
        return "{" + ", ".join([tla_repr(e) for e in tlc_sorted(v)]) + "}"
    if t is tuple:
        return "<<" + ", ".join([tla_repr(e) for e in v]) + ">>"
    if t is Fcn:
        keys = tlc_sorted(v)
        if all(type(k) is str for k in keys):
            return "[" + ", ".join([f"{k} |-> {tla_repr(v[k])}" for k in keys]) + "]"
        return "(" + " @@ ".join([f"{tla_repr(k)} :> {tla_repr(v[k])}" for k in keys]) + ")"
    if t is LazyFcn:
        if v.domain.is_finite():
            return tla_repr(v.materialize())
        return f"[x \\in {tla_repr(v.domain)} |-> ...]" if v.name is None else v.name
    if isinstance(v, LazySet):
        return repr(v)
    return repr(v)
