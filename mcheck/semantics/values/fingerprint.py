"""64-bit fingerprints of values and states, the same in every process and on every machine.

A breadth-first search that keeps only fingerprints (TLC's FPSet) needs a fingerprint that does
not depend on the process computing it: a worker process, a Ray node or a recovered run must give a
state the fingerprint the first run gave it.  Python's ``hash`` of a ``str`` is salted per process
(PYTHONHASHSEED), and so are the hashes of everything that contains a string, so it cannot be used
as it is.  Here every atom gets a fingerprint of its own that depends only on its contents (BLAKE2b
of a string or a model value's name; a mixed integer), and composite values combine the
fingerprints of their parts with CPython's hashes of tuples and frozensets *of integers*, which are
not salted: they are fixed functions of the integers, the same on every 64-bit CPython from 3.8 on,
and they run in C.  ``tests/semantics/test_fingerprint.py`` pins known fingerprints and compares
them across processes with different hash seeds.

Equal values (Python ``==``, which is TLA+ equality on mcheck's canonical values) get equal
fingerprints, including a finite lazy set and the frozenset of its elements.  As in Python, TRUE
and 1 (FALSE and 0) share a fingerprint (see the caveat in ``values/__init__.py``); that keeps the
cache below consistent whatever it saw first.

A fingerprint is a signed 64-bit integer (what ``hash`` returns, stored as a C ``long long``).
A state's fingerprint is the hash of the tuple of its variables' fingerprints.  Values repeat from
state to state (a successor shares most of its variables with its parent), so a ``Fingerprinter``
remembers the fingerprints of the values it has seen, in bounded caches.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable

from ...syntax.errors import EvalError
from .atoms import ModelValue
from .kinds import Fcn, LazyFcn, LazySet

MASK64 = (1 << 64) - 1

# tags keep values of different kinds apart (a set and the sequence of the same elements)
_SEQ, _FCN, _SET, _LAZY, _INT = (0x2545F4914F6CDD1D, 0x1B873593CC9E2D51, 0x5BD1E9955BD1E995,
                                 0x27D4EB2F165667C5, 0x165667B19E3779F9)
_CACHE_LIMIT = 1 << 15
_ATOMS = (int, bool, str)


def _mix(x: int) -> int:
    """splitmix64's finaliser, cut to 61 bits (so that CPython hashes the result to itself)."""
    x &= MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK64
    return (x ^ (x >> 31)) >> 3


def _digest(tag: bytes, text: str) -> int:
    return int.from_bytes(hashlib.blake2b(tag + text.encode("utf-8"), digest_size=8).digest(), "little") >> 3


class Fingerprinter:
    """Fingerprints of values (``value``) and of states of ``width`` variables (``state``).

    ``state`` is the hot path of a search: one C-level ``map`` over a cache per variable, then one
    hash of a tuple of integers; a value not in its variable's cache goes through ``value`` (which
    has a cache of its own, for the parts of values).  Caches hold at most ``limit`` values and are
    emptied when full (the values of the states in hand come back at once).

    ``canonical(t)`` is ``t`` with each variable's value replaced by the equal value its cache holds:
    the search queues canonical states, so that their successors share those very objects, which a
    cache finds by identity instead of comparing them (a third less time per state on TwoPhase), and
    the frontier holds one copy of each value.  Numbers, booleans and strings are never replaced
    (TRUE == 1 in Python); see the module's caveat for compound values that mix them.
    """

    def __init__(self, width: int = 0, limit: int = _CACHE_LIMIT):
        self.cache: dict[Any, int] = {}
        self.limit = limit
        self.width = width
        caches: tuple[dict, ...] = tuple({} for _ in range(width))
        canons: tuple[dict, ...] = tuple({} for _ in range(width))
        self.caches, self.canons = caches, canons
        getitem, get = dict.__getitem__, dict.get

        def state(t: tuple) -> int:
            try:
                return hash(tuple(map(getitem, caches, t)))
            except KeyError:
                return hash(tuple(map(self._remember, range(len(t)), t)))

        last: list = [None, None]   # the last state made canonical, and the result (asked twice in a row)

        def canonical(t: tuple) -> tuple:
            if t is last[0]:
                return last[1]
            c = tuple(map(get, canons, t, t))
            last[0], last[1] = t, c
            return c

        state.caches = caches   # type: ignore[attr-defined]  # a store inlines the fast path
        self.state: Callable[[tuple], int] = state
        self.canonical: Callable[[tuple], tuple] = canonical

    def _remember(self, i: int, v: Any) -> int:
        """The fingerprint of ``v`` as the value of variable ``i``, remembered in that variable's cache."""
        cache = self.caches[i]
        fp = cache.get(v)
        if fp is None:
            # computed from its parts (which go through the value cache): a variable's new value is
            # rarely another variable's, so it is not looked up or kept there (two hashes of it saved)
            fp = self._compute(v)
            if len(cache) >= self.limit:
                cache.clear()
                self.canons[i].clear()
            cache[v] = fp
            if type(v) not in _ATOMS:
                self.canons[i][v] = v
        return fp

    def value(self, v: Any) -> int:
        cache = self.cache
        try:
            return cache[v]
        except KeyError:
            pass
        except TypeError:   # an unhashable value cannot be in a state; say what it is
            raise EvalError(f"cannot fingerprint the value {v!r}") from None
        fp = self._compute(v)
        if len(cache) >= self.limit:
            cache.clear()
        cache[v] = fp
        return fp

    def _compute(self, v: Any) -> int:
        tv = type(v)
        if tv is int or tv is bool:
            return _mix(_INT ^ int(v)) if -(1 << 62) < v < (1 << 62) else _digest(b"i", str(int(v)))
        if tv is str:
            return _digest(b"s", v)
        if tv is ModelValue:
            return _digest(b"m", v.name)
        fp = self.value
        if tv is tuple:
            return hash((_SEQ, *map(fp, v)))
        if tv is Fcn:
            return hash((_FCN, hash(frozenset([(fp(k), fp(x)) for k, x in v.items()]))))
        if tv is frozenset:
            return hash((_SET, len(v), hash(frozenset(map(fp, v)))))
        if isinstance(v, LazySet):
            if v.is_finite():
                return fp(v.materialize())
            return hash((_LAZY, _digest(b"t", type(v).__name__), *map(fp, v._params())))
        if isinstance(v, LazyFcn):
            if v.domain.is_finite():
                return fp(v.materialize())
            raise EvalError(f"cannot fingerprint a function over an infinite domain: {v!r}")
        raise EvalError(f"cannot fingerprint the value {v!r}")


def view_fingerprint(fpr: Fingerprinter, key: Callable[[tuple], Any] | None) -> Callable[[tuple], int]:
    """The fingerprint of a state under the dedup ``key`` (None: the state itself)."""
    if key is None:
        return fpr.state
    value, state, width = fpr.value, fpr.state, fpr.width

    def fingerprint(t: tuple) -> int:
        k = key(t)   # SYMMETRY's canonical state, or VIEW's value
        return state(k) if type(k) is tuple and len(k) == width else value(k)
    return fingerprint
