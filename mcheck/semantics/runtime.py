"""Helpers that compiled TLA+ code calls at run time.

Generated code inlines the cheap cases (integer arithmetic, tuple length,
set membership) and calls these for anything that needs a check or a
canonical form.  They raise ``EvalError`` with TLC's wording so that a model
with a type error stops with a message, not a Python exception.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from ..syntax.errors import EvalError
from . import values as V
# natives that generated code calls by these names (compiler.operators.INLINE_NATIVES; it sees this module's globals)
from .natives.core import head as seq_head, mod as imod, subseq as seq_sub, tail as seq_tail  # noqa: F401
from .natives.naturals import div as idiv  # noqa: F401
from .values import Fcn, LazySet, tla_repr

_sorted_cache: dict[Any, tuple[frozenset, list]] = {}
# Elements the cached orders may hold in all, before the cache is emptied: it keeps its sets alive,
# so it is bounded by their size, not their number (PaxosCommit's \E m \in msgs: 50,000 sets of ten
# records cost about 30 MB of a 250 MB process at depth 14; the hits come from sets seen just before)
SORTED_BUDGET = 1 << 17
_sorted_weight = [0]


def enum(S) -> list | range:
    """The elements of S in TLC's normalized order (cached for frozensets).

    Python's ``{FALSE, TRUE} == {0, 1}``: a set equal to the cached one is taken from the cache
    only if it is the very same object or holds neither 0 nor 1 (nor FALSE nor TRUE), else
    ``BOOLEAN`` would be enumerated as 0 and 1 after some model had enumerated ``{0, 1}``."""
    if type(S) is frozenset:
        e = _sorted_cache.get(S)
        if e is not None and (e[0] is S or not (0 in S or 1 in S)):
            return e[1]
        r = V.tlc_sorted(S)
        _sorted_weight[0] += len(r) + 1
        if _sorted_weight[0] > SORTED_BUDGET:
            _sorted_cache.clear()
            _sorted_weight[0] = len(r) + 1
        _sorted_cache[S] = (S, r)
        return r
    if isinstance(S, range):
        return S
    if isinstance(S, LazySet):
        return list(V.enumerate_set(S))
    raise EvalError(f"Attempted to enumerate a value that is not a set:\n{tla_repr(S)}")


def enum_or_fail(S, message: str, show: bool) -> list | range:
    """enum(S) in diagnosis mode, with TLC's message when S cannot be enumerated: a quantifier's
    bound (``show``: the value follows the message, as TLC prints it) or the right side of ``\\in``."""
    if type(S) is frozenset or isinstance(S, range) or (isinstance(S, LazySet) and S.is_finite()):
        return enum(S)
    raise EvalError(f"{message}\n{tla_repr(S)}." if show else message)


def clear_sorted_cache() -> None:
    """Forget the cached orders (after ``values.reset_strings``: strings sort differently)."""
    _sorted_cache.clear()
    _sorted_weight[0] = 0


def iterset(S) -> Iterable:
    """The elements of S in any order (for quantifiers whose result does not depend on order)."""
    if type(S) is frozenset or isinstance(S, range):
        return S
    if isinstance(S, LazySet):
        return V.enumerate_set(S)
    raise EvalError(f"Attempted to enumerate a value that is not a set:\n{tla_repr(S)}")


def setv(S):
    """S as a frozenset (materialising a finite lazy set)."""
    if type(S) is frozenset:
        return S
    if isinstance(S, LazySet):
        return V.materialize(S)
    if isinstance(S, range):
        return frozenset(S)
    raise EvalError(f"Attempted to use a value that is not a set as a set:\n{tla_repr(S)}")




def interval(a, b):
    if type(a) is not int or type(b) is not int:
        raise EvalError(f"The arguments of .. should be integers, but are {tla_repr(a)} and {tla_repr(b)}")
    return frozenset(range(a, b + 1))


def ap(f, x):
    """f[x]."""
    if type(f) is tuple:
        if type(x) is int and 0 < x <= len(f):
            return f[x - 1]
    else:
        try:
            return f[x]
        except (KeyError, TypeError, IndexError):
            pass
    return V.apply(f, x)


def ap2(f, x, y):
    """f[x][y]."""
    if type(f) is tuple and type(x) is int and 0 < x <= len(f):
        g = f[x - 1]
    else:
        g = ap(f, x)
    if type(g) is tuple and type(y) is int and 0 < y <= len(g):
        return g[y - 1]
    return ap(g, y)


def dot(f, k):
    """r.k: a record field (a dict lookup when r is a record)."""
    try:
        return f[k]
    except (KeyError, TypeError, IndexError):
        return V.apply(f, k)


def dom(f):
    return V.domain(f)


def mkfcn(d: dict):
    return V.make_fcn(d)




_dict_set = dict.__setitem__


def except1(f, k, v):
    """[f EXCEPT ![k] = v] for one step."""
    if type(f) is tuple:
        if type(k) is int and 0 < k <= len(f):
            return f[:k - 1] + (v,) + f[k:]
        return f
    if type(f) is Fcn:
        try:
            old = f[k]
        except (KeyError, TypeError):
            return f
        n = Fcn(f)              # one copy (dict(f), then Fcn of it, made two)
        _dict_set(n, k, v)      # Fcn's own __setitem__ refuses: it is immutable once made
        try:
            n._hash = f._hash ^ hash((k, old)) ^ hash((k, v))
        except AttributeError:
            pass
        return n
    return V.except_(f, (k,), lambda old: v)   # a lazy function, or TLC's error for a non-function


def except2(f, k1, k2, v):
    """[f EXCEPT ![k1][k2] = v]."""
    if type(f) is tuple:
        if not (type(k1) is int and 0 < k1 <= len(f)):
            return f
        return f[:k1 - 1] + (except1(f[k1 - 1], k2, v),) + f[k1:]
    if type(f) is Fcn:
        try:
            inner = f[k1]
        except (KeyError, TypeError):
            return f
        return except1(f, k1, except1(inner, k2, v))
    return except_path(f, (k1, k2), lambda _: v)


def except_path(f, path: tuple, vfn: Callable[[Any], Any]):
    """[f EXCEPT !path = vfn(@)] where path is a tuple of keys."""
    k = path[0]
    if type(f) is tuple:
        if not (type(k) is int and 0 < k <= len(f)):
            return f
        old = f[k - 1]
    elif isinstance(f, Fcn):
        if k not in f:
            return f
        old = f[k]
    else:
        return V.except_(f, path, vfn)
    new = vfn(old) if len(path) == 1 else except_path(old, path[1:], vfn)
    return except1(f, k, new)


def choose(S, pred, what: str):
    for x in enum(S):
        if pred(x):
            return x
    raise EvalError(f"Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.\n{what}")


def case_fail(what: str):
    raise EvalError(f"Attempted to evaluate a CASE with no conditions true.\n{what}")


def cart(*sets):
    return V.ProductSet(tuple(sets))




def union(S):
    if isinstance(S, LazySet) and not S.is_finite():
        return V.UnionSet(S)   # UNION {f(n) : n \\in Nat}: lazy until enumerated
    if type(S) is frozenset and any(isinstance(m, LazySet) and not m.is_finite() for m in S):
        ms = list(S)
        out = ms[0]
        for m in ms[1:]:
            out = CupSet(out, m)
        return out
    return V.big_union(S)


def subseteq(a, b) -> bool:
    if type(a) is frozenset and type(b) is frozenset:
        return a <= b
    return V.subseteq(a, b)


class DiffSet(LazySet):
    """S \\ T for an infinite S (``Nat \\ {0}``): membership only."""

    def __init__(self, a, b):
        self.a, self.b = a, b

    def contains(self, v):
        return V.contains(self.a, v) and not V.contains(self.b, v)

    def is_finite(self):
        return False

    def _params(self):
        return (self.a, self.b)

    def __repr__(self):
        return f"{tla_repr(self.a)} \\ {tla_repr(self.b)}"


def setminus(a, b):
    if type(a) is frozenset and type(b) is frozenset:
        return a - b
    if isinstance(a, LazySet) and not a.is_finite():
        return DiffSet(a, b)
    return V.difference(a, b)


class CupSet(LazySet):
    """S \\cup T when one side is infinite (``Int \\cup {NULL}``): membership only."""

    def __init__(self, a, b):
        self.a, self.b = a, b

    def contains(self, v):
        return V.contains(self.a, v) or V.contains(self.b, v)

    def is_finite(self):
        return False

    def _params(self):
        return (self.a, self.b)

    def __repr__(self):
        return f"{tla_repr(self.a)} \\cup {tla_repr(self.b)}"


def cup(a, b):
    if type(a) is frozenset and type(b) is frozenset:
        return a | b
    if isinstance(a, LazySet) and not a.is_finite() or isinstance(b, LazySet) and not b.is_finite():
        return CupSet(a, b)
    return V.union(a, b)


def cap(a, b):
    if type(a) is frozenset and type(b) is frozenset:
        return a & b
    return V.intersect(a, b)


def card(S) -> int:
    if type(S) is frozenset:
        return len(S)
    if isinstance(S, LazySet) and S.is_finite():
        return V.counted(S)
    return len(setv(S))


class Thunk:
    """A LET definition that is evaluated at most once, and only when used."""

    __slots__ = ("f", "v", "done")

    def __init__(self, f):
        self.f = f
        self.done = False

    def __call__(self):
        if not self.done:
            self.v = self.f()
            self.done = True
            self.f = None
        return self.v


def fix(g):
    """A recursive local operator: g receives the operator itself."""
    def h(*a):
        return f(*a)
    f = g(h)
    return f


class _Null:
    """The value TLC prints as ``null`` for a variable a successor left unassigned."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "null"


NULL = _Null()


class UnsetVariable(Exception):
    """A successor or initial state left a variable unassigned."""

    def __init__(self, partial: tuple, names: list[str]):
        self.partial = partial
        self.names = names


def unassigned(partial: tuple, *names: str):
    raise UnsetVariable(partial, list(names))


def eval_fail(message: str):
    raise EvalError(message)


def prime_unbound(name: str):
    raise EvalError(f"In evaluation, the identifier {name} is either undefined or not an operator.")


def state_var(s, i: int, name: str):
    """Variable ``i`` of state ``s`` in diagnosis mode; with no state (an ASSUME, a constant
    definition) TLC's message for an identifier it cannot evaluate."""
    if s is None:
        prime_unbound(name)
    return s[i]


NO_STATE = object()
"""The initial key of a definition's memo (Compiler.def_function, in compiler.names): no state is this object."""


class Unbound:
    """A variable the initial predicate has not bound yet, inside the state passed to a definition
    called from Init (``Init == x = 1 /\\ y = F``): reading it is TLC's undefined-identifier error."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def _fail(self, *args, **kw):
        prime_unbound(self.name)

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __mod__ = __floordiv__ = _fail
    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = __hash__ = __bool__ = _fail
    __getitem__ = __iter__ = __len__ = __contains__ = __call__ = __neg__ = _fail
    __or__ = __ror__ = __and__ = __rand__ = __xor__ = _fail
    __repr__ = _fail   # a native's type error prints its argument: the unbound name is the error


def unbound(name: str) -> Unbound:
    return Unbound(name)


def in_range(x, lo, hi) -> bool:
    """x \\in lo..hi without building the set."""
    if type(x) is int:
        return lo <= x <= hi
    return False


def mkfcn_over(S, fn):
    """[x \\in S |-> fn(x)]."""
    if type(S) is frozenset or isinstance(S, range):
        return V.make_fcn({x: fn(x) for x in S})
    if isinstance(S, LazySet) and S.is_finite():
        return V.make_fcn({x: fn(x) for x in V.enumerate_set(S)})
    if isinstance(S, LazySet):
        return V.LazyFcn(S, fn)
    raise EvalError(f"The domain of a function must be a set, not:\n{tla_repr(S)}")


def finish_fcn(f):
    """A recursive function definition over a finite domain becomes an ordinary function value."""
    d = f.domain
    if type(d) is frozenset or isinstance(d, range) or (isinstance(d, LazySet) and d.is_finite()):
        return V.make_fcn({x: f.apply(x) for x in iterset(d)})
    return f


class AssertionFailed(EvalError):
    """TLC's Assert evaluated to FALSE (exit code 14)."""


PRINT_HOOK: list = [print]


def tlc_print(a, b):
    PRINT_HOOK[0](tla_repr(b) if a is None else f"{tla_repr(a)}  {tla_repr(b)}")
    return True if a is None else b


def tlc_assert(cond, msg, where: str):
    if cond is True:
        return True
    if cond is False:
        raise AssertionFailed(f"The first argument of Assert evaluated to FALSE; the second argument was:\n"
                              f"{tla_repr(msg) if not isinstance(msg, str) else chr(34) + msg + chr(34)}")
    raise EvalError(f"The first argument of Assert should be a boolean, but is {tla_repr(cond)}")


# ----------------------------------------------------------------------------- kind checks
# Generated code calls these only where the compiler cannot tell an operand's kind (compiler/kinds.py):
# each returns its operand when it has the kind TLC requires and raises TLC's error (Tool.java's
# wording) otherwise, so that Python's truthiness, ``True == 1`` and ``"a" in "abc"`` never decide.

def kind_text(v) -> str:
    """TLC's getKindString for v: "an integer", "a set", ..."""
    return V.functions._kind_text(v)


def _bool_check(fmt: str):
    def check(v):
        if v is True or v is False:
            return v
        tla_repr(v)   # an unbound variable's own error comes first (it fails to print)
        raise EvalError(fmt.format(kind_text(v)))
    return check


land_p = _bool_check("Attempted to evaluate an expression of form P /\\ Q when P was\n{}.")
land_q = _bool_check("Attempted to evaluate an expression of form P /\\ Q when Q was\n{}.")
lor_p = _bool_check("Attempted to evaluate an expression of form P \\/ Q when P was\n{}.")
lor_q = _bool_check("Attempted to evaluate an expression of form P \\/ Q when Q was\n{}.")
imp_p = _bool_check("Attempted to evaluate an expression of form P => Q when P was\n{}.")
imp_q = _bool_check("Attempted to evaluate an expression of form P => Q when Q was\n{}.")
equiv_pq = _bool_check("Attempted to evaluate an expression of form P <=> Q when P or Q was not a boolean.")
lnot = _bool_check("Attempted to apply the operator ~ to a non-boolean\n({})")
if_cond = _bool_check("A non-boolean expression ({}) was used as the condition of an IF.")
case_guard = _bool_check("A non-boolean expression ({}) was used as a condition of a CASE.")
conj_item = _bool_check("A non-boolean expression ({}) was used as a formula in a conjunction.")
disj_item = _bool_check("A non-boolean expression ({}) was used as a formula in a disjunction.")
quant_body = _bool_check("TLC expected a boolean value, but did not find one.")
filter_pred = _bool_check("Attempted to evaluate an expression of form {{x \\in S : P(x)}} when P was {}.")


def _computing_check(what: str):
    def check(v):
        if v is True or v is False:
            return v
        raise EvalError(f"In computing {what}, TLC expected a boolean expression,\nbut instead found {tla_repr(v)}.")
    return check


next_conj = _computing_check("next states")
init_conj = _computing_check("initial states")


def member(x, S) -> bool:
    """x \\in S for an S of unknown kind: TLC's member() of each value class."""
    if type(S) is frozenset:
        if x in S:
            return True
        if S:
            for e in S:
                break
            if type(e) is not type(x):
                # not a member: TLC compared x with the elements, an error across kinds
                return V.contains(S, x)
        return False
    if isinstance(S, LazySet):
        return S.contains(x)
    if isinstance(S, range):
        return type(x) is int and x in S
    raise _member_error(x, S)


def member_set(x, S) -> bool:
    """x \\in S when S is known to be a set: Python's answer when x is in S, TLC's kind check when not."""
    return x in S or member(x, S)


def _member_error(x, S) -> EvalError:
    k = V.kind_of(S)
    if k == "fcn":
        if type(S) is tuple:
            return EvalError("Attempted to check set membership in a tuple value.")
        return EvalError(f"Attempted to check if the value:\n{tla_repr(x)}\nis an element of the function {tla_repr(S)}")
    what = {"int": "integer", "str": "string", "bool": "boolean", "model": "model value"}.get(k, "value")
    return EvalError(f"Attempted to check if the value:\n{tla_repr(x)}\nis an element of the {what} {tla_repr(S)}")


def eq_int(a, b) -> bool:
    """a = b where b is known to be an integer."""
    if type(a) is int:
        return a == b
    return V.tla_eq(a, b)


def eq_str(a, b) -> bool:
    """a = b where b is known to be a string."""
    if type(a) is str:
        return a == b
    return V.tla_eq(a, b)


def eq_bool(a, b) -> bool:
    """a = b where b is known to be a boolean."""
    if a is True or a is False:
        return a is b
    return V.tla_eq(a, b)
