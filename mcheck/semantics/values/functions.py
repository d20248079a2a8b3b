"""What TLA+ does with functions (f[x], DOMAIN, EXCEPT) and TLC's equality, with TLC's errors.

One module because they need each other: equality compares functions by DOMAIN and by
application, and EXCEPT on a lazy function finds its changed point with equality.
"""
from __future__ import annotations

from typing import Any, Callable

from ...syntax.errors import EvalError
from .atoms import ModelValue
from .kinds import Fcn, LazyFcn, LazySet, _is_finite, contains, kind_of, materialize, tla_repr, tlc_sorted

# --------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------

def is_function(v: Any) -> bool:
    t = type(v)
    return t is tuple or t is Fcn or t is LazyFcn


def as_seq(s: Any) -> tuple | None:
    """The value as a Python tuple when it is a sequence (a function on 1..n), else None."""
    if type(s) is tuple:
        return s
    if type(s) is LazyFcn and s.domain.is_finite():
        m = s.materialize()
        return m if type(m) is tuple else None
    return None


def _kind_text(v: Any) -> str:
    k = kind_of(v)
    return {"bool": "a boolean", "int": "an integer", "str": "a string", "model": "a model value",
            "set": "a set", "fcn": "a function"}.get(k, "a value")


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
        return _with_point(f, k, new)
    what = {"int": "integer", "str": "string", "bool": "boolean"}.get(kind_of(f))
    if what is not None:
        # IntValue/StringValue/BoolValue.takeExcept
        raise EvalError(f"Attempted to apply EXCEPT construct to the {what} {tla_repr(f)}.")
    raise EvalError(f"Attempted to apply EXCEPT to a non-function\n{tla_repr(f)}")



def _with_point(f: LazyFcn, x: Any, v: Any) -> LazyFcn:
    """The lazy function ``f`` with the point ``x`` mapped to ``v``."""

    def fn(y):
        if tla_eq(y, x):
            return v
        return f.apply(y)

    return LazyFcn(f.domain, fn, f.name)


# --------------------------------------------------------------------------------------
# Equality with TLC's errors
# --------------------------------------------------------------------------------------

def _eq_error(a: Any, b: Any) -> EvalError:
    k = kind_of(a)
    ra, rb = tla_repr(a), tla_repr(b)
    if k == "int":
        return EvalError(f"Attempted to check equality of integer {ra} with non-integer:\n{rb}")
    if k == "str":
        return EvalError(f"Attempted to check equality of string {ra} with non-string:\n{rb}")
    if k == "bool":
        return EvalError(f"Attempted to compare equality of boolean {ra} with non-boolean:\n{rb}")  # BoolValue.equals
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
    if type(a) is frozenset and type(b) is frozenset:
        kinds = set(map(type, a))
        kinds.update(map(type, b))
    else:
        kinds = ()
    if len(kinds) == 1 and kinds.pop() in _SCALARS:
        # unequal sets of scalars of one kind ({1, 2} and {1, 3}): no comparison can raise, so
        # TLC's ordered walk answers FALSE, without sorting both here
        return False
    for x, y in zip(tlc_sorted(a), tlc_sorted(b)):
        if not tla_eq(x, y):
            return False
    return True


_SCALARS = (int, str, bool, ModelValue)


def _fcn_pairs_eq(a: Fcn, b: Fcn) -> bool | None:
    """``a = b`` for two ``Fcn`` of one size, point by point in the dict's order, or None when that
    order could matter: a point of ``a`` missing from ``b``, or a pair of values of two kinds, or a
    pair whose comparison raised.  Otherwise no comparison raised, so TLC's ordered walk (the slow
    path) would raise none either and its answer, the conjunction, is this one.  The common case it
    saves: two states' functions that differ at a point, where the slow path sorted both domains."""
    eq = True
    for k, x in a.items():
        try:
            y = b[k]
        except (KeyError, TypeError):
            return None
        if x is y:
            continue
        tx = type(x)
        if tx is not type(y):
            return None
        if tx in _SCALARS:
            if x != y:
                eq = False
            continue
        try:
            if not tla_eq(x, y):
                eq = False
        except EvalError:
            return None
    return eq


def _fcn_eq(a: Any, b: Any) -> bool:
    if type(a) is LazyFcn or type(b) is LazyFcn:
        return a == b
    if type(a) is Fcn and type(b) is Fcn and len(a) == len(b):
        eq = _fcn_pairs_eq(a, b)
        if eq is not None:
            return eq
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

