"""Helpers of the compiler's fast paths that generated code calls (the emitter gives it these names
beside the runtime's): DOMAIN without building the set, EXCEPT with ``@`` on one or two keys,
``= << >>``, and the memos of membership in constant sets.  Each gives the answer, and the error,
of the general code in ``runtime`` it stands for (tests/semantics/test_fast_paths.py)."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from .. import values as V
from ..runtime import enum, except1, iterset, member_set
from ..values import Fcn

_dict_set = dict.__setitem__   # Fcn's own __setitem__ refuses: it is immutable once made

# values a memo remembers before it is emptied: it keeps them alive, and the hits come from the
# values of the states just expanded (PaxosCommit at depth 14: 65,536 cost 30 MB of 250, for no speed)
MEMO_LIMIT = 1 << 13
# the kinds of value a memo takes as a key: hashing one evaluates nothing (a LazyFcn's hash
# materialises it, evaluating points the spec may never apply)
MEMO_TYPES = frozenset((int, str, bool, V.ModelValue, frozenset, tuple, Fcn))


def dom_iter(f) -> Iterable:
    """The points of DOMAIN f in any order (an order-free quantifier's bound), without building
    the set: a function's keys, a tuple's 1..n."""
    t = type(f)
    if t is Fcn:
        return f
    if t is tuple:
        return range(1, len(f) + 1)
    return iterset(V.domain(f))


def dom_enum(f) -> list | range:
    """The points of DOMAIN f in TLC's order: 1..n for a tuple, with no set built."""
    if type(f) is tuple:
        return range(1, len(f) + 1)
    return enum(V.domain(f))


def in_dom(x, f) -> bool:
    """x \\in DOMAIN f without building the set: as ``member_set`` on DOMAIN f, Python's answer
    when x is a point (a key of the dict) and TLC's check of x against the domain when it is not."""
    t = type(f)
    if t is tuple:
        if type(x) is int:
            return 0 < x <= len(f)
    elif t is Fcn:
        try:
            if x in f:
                return True
        except TypeError:
            pass
    return member_set(x, V.domain(f))


def member_memo(x, S, memo: dict) -> bool:
    """x \\in S for a constant set S whose test walks x (``[Proc -> Seq(Message)]``), remembering
    the answers by x's value: a state's variables repeat from state to state.  Equal values are
    TLA+-equal (the values' contract, which the fingerprints share); an error is not remembered."""
    if type(x) not in MEMO_TYPES:
        return member_set(x, S)
    try:
        r = memo.get(x)
    except Exception:   # a value that cannot be a key: its answer is computed each time
        return member_set(x, S)
    if r is None:
        r = member_set(x, S)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[x] = r
    return r


def eq_empty(a) -> bool:
    """a = << >> (the empty function, whatever it was written as: ``()`` is the canonical form)."""
    if type(a) is tuple:
        return not a
    return V.tla_eq(a, ())


def except_at1(f, k, vfn: Callable[[Any], Any]):
    """[f EXCEPT ![k] = vfn(@)]: ``except_path`` for a path of one key, without the path."""
    if type(f) is tuple:
        if not (type(k) is int and 0 < k <= len(f)):
            return f
        return f[:k - 1] + (vfn(f[k - 1]),) + f[k:]
    if isinstance(f, Fcn):
        if k not in f:
            return f
        return except1(f, k, vfn(f[k]))
    return V.except_(f, (k,), vfn)


def except1_cmp(f, k, v):
    """``except1`` for a value that is compared and dropped (``color' = [color EXCEPT ![i] = "white"]``
    in a step property, where ``color'`` is known): the same function, whose hash is left to be
    computed if it is ever asked for.  Keeping it up to date (two pair hashes) is most of ``except1``'s
    cost on a small function, and EWD998PCal's refinement check makes 14 million of them."""
    if type(f) is Fcn:
        try:
            f[k]
        except (KeyError, TypeError):
            return f
        n = Fcn(f)
        _dict_set(n, k, v)
        return n
    return except1(f, k, v)


def except_at1_cmp(f, k, vfn: Callable[[Any], Any]):
    """``except_at1`` for a value that is compared and dropped (see ``except1_cmp``)."""
    if type(f) is Fcn:
        if k not in f:
            return f
        n = Fcn(f)
        _dict_set(n, k, vfn(f[k]))
        return n
    return except_at1(f, k, vfn)


def except_at2(f, k1, k2, vfn: Callable[[Any], Any]):
    """[f EXCEPT ![k1][k2] = vfn(@)]: ``except_path`` for a path of two keys, without the path."""
    if type(f) is tuple:
        if not (type(k1) is int and 0 < k1 <= len(f)):
            return f
        return f[:k1 - 1] + (except_at1(f[k1 - 1], k2, vfn),) + f[k1:]
    if isinstance(f, Fcn):
        if k1 not in f:
            return f
        return except1(f, k1, except_at1(f[k1], k2, vfn))
    return V.except_(f, (k1, k2), vfn)
