"""The kinds of TLA+ values (functions, lazy functions, lazy sets) with TLC's order and printing.

These live together because they need each other: a function prints its points in TLC order,
the order ranks values by kind and compares a finite lazy set by its elements, a lazy function
tests its argument for membership in its domain and materialises through ``fcn_from``, and the
errors of membership and enumeration print the values involved.
"""
from __future__ import annotations

from functools import reduce
from operator import xor
from typing import Any, Callable, Iterable, Iterator

from ...syntax.errors import EvalError
from .atoms import ModelValue, intern_string

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
    EXCEPT makes a new one whose ``fn`` answers the changed point (``functions.except_``).
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

    def materialize(self) -> Any:
        return fcn_from(materialize(self.domain), self.apply)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if isinstance(other, LazyFcn):
            return False
        if isinstance(other, (tuple, Fcn)) and _is_finite(self.domain):
            return self.materialize() == other
        return NotImplemented if not isinstance(other, (tuple, Fcn)) else False

    def __ne__(self, other: object) -> bool:
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self) -> int:
        if _is_finite(self.domain):
            return hash(self.materialize())
        return id(self) >> 4

    def __repr__(self) -> str:
        return tla_repr(self)


# --------------------------------------------------------------------------------------
# Lazy sets
# --------------------------------------------------------------------------------------

class LazySet:
    """Base of the sets that are not materialised as frozensets.

    Subclasses implement ``contains``, ``is_finite``, ``_iter`` (enumeration, only called
    when finite), ``_size`` (cardinality when finite), ``_params`` (structural identity when
    infinite) and ``__repr__``, and set ``_iter_sorted`` when ``_iter`` yields TLC's
    normalized order (then :func:`enumerate_set` need not sort).
    """

    _mat: frozenset | None = None
    _hashv: int | None = None
    _iter_sorted: bool = False

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
            self._check_size()
            m = self._mat = frozenset(self._iter())
        return m

    def _check_size(self) -> None:
        """Raise TLC's overflow error for a set with more elements than a Java int counts, before
        enumerating it (sets.py overrides it where the size is known without enumerating)."""

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


# --------------------------------------------------------------------------------------
# Membership and enumeration, for frozensets and lazy sets alike
# --------------------------------------------------------------------------------------

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


def enumerate_set(S: Any) -> list:
    """The elements of S in TLC's normalized order (EvalError if S is not enumerable)."""
    if type(S) is frozenset:
        return tlc_sorted(S)
    if isinstance(S, LazySet):
        if not S.is_finite():
            raise S._not_enumerable()
        if S._iter_sorted:
            return list(S._iter())  # it enumerates in normalized order already
        return tlc_sorted(S._iter())
    raise _not_a_set(S)


def materialize(S: Any) -> frozenset:
    if type(S) is frozenset:
        return S
    if isinstance(S, LazySet):
        return S.materialize()
    raise _not_a_set(S)


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


def tlc_key(v: Any) -> tuple:
    """A sort key realising TLC's compareTo (a total order, also across kinds)."""
    t = type(v)
    if t is int:
        return (2, v)
    if t is str:
        return (3, intern_string(v))
    if t is bool:
        return (1, int(v))
    if t is ModelValue:
        return (0, intern_string(v.name))
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
            lst.sort(key=intern_string)
            return lst
    lst.sort(key=tlc_key)
    return lst


def tlc_compare(a: Any, b: Any) -> int:
    """-1, 0 or 1 by TLC order."""
    ka, kb = tlc_key(a), tlc_key(b)
    return (ka > kb) - (ka < kb)


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
