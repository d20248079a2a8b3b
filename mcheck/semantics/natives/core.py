"""What the natives of several modules share: TLC's argument errors, the random draws, and the operators they call.

Everything here is needed by the natives of more than one standard or community module (or by
``semantics.runtime``); an operator that only one module's natives use lives in that module's file.
This module imports none of the per-module files.
"""
from __future__ import annotations

import operator
import random as _random
import re
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values.fingerprint import Fingerprinter
from ..values import Fcn, LazyFcn, LazySet, as_seq, domain, enumerate_set, tla_repr, tlc_sorted

_SEED = [0]
_DRAWS: dict[tuple, int] = {}     # (operator, fingerprint of its arguments) -> draws made so far
_DRAWS_LIMIT = 1 << 16
_FP = Fingerprinter()


def seed(n: int) -> None:
    """Start the draws of RandomElement and the Randomization module again, from seed ``n``."""
    _SEED[0] = n
    _DRAWS.clear()


def draw_rng(op: str, *args: Any) -> _random.Random:
    """The generator for one call of a random operator: a function of the seed, the operator, its
    arguments (by their process-independent fingerprints) and how often it was called on them before.

    TLC evaluates a constant definition such as ``Edges == UNION {{{n, m} : m \\in RandomElement(
    SUBSET (Nodes \\ {n}))} : n \\in Nodes}`` once, and every worker sees that value.  mcheck's
    worker processes each evaluate it, and iterate ``Nodes`` in the order of their own (salted)
    hashes, so one shared generator would hand each ``n`` another draw in each process.  Keyed by
    its arguments, a draw no longer depends on the order of the others: every process (and every
    run) computes the same constants, and ``RandomElement(S) = RandomElement(S)`` can still be FALSE.
    """
    key = (_FP.value(op), *map(_FP.value, args))
    k = _DRAWS.get(key, 0)
    if k == 0 and len(_DRAWS) >= _DRAWS_LIMIT:
        _DRAWS.clear()   # a state-level draw on ever new sets: forget the counts, the draws stay keyed
    _DRAWS[key] = k + 1
    return _random.Random(hash((_SEED[0], *key, k)))


# --------------------------------------------------------------------------------------
# Argument errors (TLC's wording)
# --------------------------------------------------------------------------------------

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")

CHOOSE_FAILED = ("Attempted to compute the value of an expression of form\n"
                 "CHOOSE x \\in S: P, but no element of S satisfied P.")


def ordinal(i: int) -> str:
    return _ORDINALS[i] if i < len(_ORDINALS) else f"{i + 1}th"


def _article(what: str) -> str:
    return "an" if what[:1] in "aeiou" else "a"


def arg_error(pos: int | None, op: str, what: str, v: Any) -> EvalError:
    """TLC's error for the argument at (0-based) ``pos`` of op; pos None: op's only argument."""
    if pos is None:
        return one_arg_error(op, what, v)
    return EvalError(f"The {ordinal(pos)} argument of {op} should be {_article(what)} {what}, "
                     f"but instead it is:\n{tla_repr(v)}")


def one_arg_error(op: str, what: str, v: Any) -> EvalError:
    return EvalError(f"The argument of {op} should be {_article(what)} {what}, but instead it is:\n{tla_repr(v)}")


def ints_error(op: str, x: Any, y: Any) -> EvalError:
    """TLC's error for the first of x, y that is not an integer (y when x is one)."""
    if type(x) is not int:
        return arg_error(0, op, "integer", x)
    return arg_error(1, op, "integer", y)


def bool_result(r: Any, pos: int, op: str, what: str = "boolean-valued operator") -> bool:
    """r, the result of op's operator-valued argument at pos, when it is a boolean."""
    if r is True or r is False:
        return r
    raise EvalError(f"The {ordinal(pos)} argument of {op} should be {_article(what)} {what}, "
                    f"but instead it evaluated to:\n{tla_repr(r)}")


# --------------------------------------------------------------------------------------
# Arguments of the expected kind
# --------------------------------------------------------------------------------------

def int_arg(pos: int | None, op: str, v: Any, what: str = "integer") -> int:
    if type(v) is not int:
        raise arg_error(pos, op, what, v)
    return v


def finite_elems(S: Any, pos: int | None, op: str) -> list:
    """The elements of the finite set S in TLC's normal order, or TLC's argument error."""
    if type(S) is frozenset or (isinstance(S, LazySet) and S.is_finite()):
        return enumerate_set(S)
    raise arg_error(pos, op, "finite set", S)


def finite_set(v: Any) -> frozenset | None:
    """v as a frozenset when it is a finite set, else None."""
    if type(v) is frozenset:
        return v
    if isinstance(v, LazySet) and v.is_finite():
        return v.materialize()
    return None


def _pairs(f: Any, order: Callable[[Fcn], list]) -> list | None:
    t = type(f)
    if t is tuple:
        return [(i + 1, v) for i, v in enumerate(f)]
    if t is Fcn:
        return [(k, f[k]) for k in order(f)]
    if t is LazyFcn and f.domain.is_finite():
        return _pairs(f.materialize(), order)
    return None


def finite_items(f: Any) -> list | None:
    """The (argument, value) pairs of a function with a finite domain, in TLC's order of the domain;
    None if f is not such a function."""
    return _pairs(f, tlc_sorted)


def _normal_order(f: Fcn) -> list:
    return enumerate_set(frozenset(f))


def fcn_items(f: Any, pos: int | None, op: str) -> list:
    """The (argument, value) pairs of the finite function f, domain in TLC's normal order, or TLC's
    argument error."""
    items = _pairs(f, _normal_order)
    if items is None:
        raise arg_error(pos, op, "function", f)
    return items


def field(r: Any, name: str) -> Any:
    """r[name] for a record r, or None."""
    if type(r) is Fcn:
        return r.get(name)
    return None


def value_key(v: Any) -> Any:
    """A dictionary key under which TLA+-equal values coincide (and TRUE stays apart from 1)."""
    return (type(v) is bool, v)


# --------------------------------------------------------------------------------------
# Integers (Naturals / Integers)
# --------------------------------------------------------------------------------------

def plus(x, y):
    if type(x) is int and type(y) is int:
        return x + y
    raise ints_error("+", x, y)


def times(x, y):
    if type(x) is int and type(y) is int:
        return x * y
    raise ints_error("*", x, y)


def mod(x, y):
    if type(x) is not int or type(y) is not int:
        raise ints_error("%", x, y)
    if y <= 0:
        raise EvalError(f"The second argument of % should be a positive number, but instead it is:\n{y}")
    return x % y


_COMPARISONS = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def int_comparison(op: str, msg_op: str) -> Callable[[Any, Any], bool]:
    """The integer comparison op; a non-integer argument is reported as an argument of msg_op."""
    f = _COMPARISONS[op]

    def compare(x, y):
        if type(x) is int and type(y) is int:
            return f(x, y)
        raise ints_error(msg_op, x, y)

    compare.__name__ = f"cmp_{op}"
    return compare


le = int_comparison("<=", "<=")
ge = int_comparison(">=", ">")  # TLC's GEQ reports the operator as ">"


# --------------------------------------------------------------------------------------
# Sequences
# --------------------------------------------------------------------------------------

def length(s):
    if type(s) is tuple:
        return len(s)
    if type(s) is str:
        return len(s)
    t = as_seq(s)
    if t is None:
        raise one_arg_error("Len", "sequence", s)
    return len(t)


def head(s):
    t = as_seq(s)
    if t is None:
        raise one_arg_error("Head", "sequence", s)
    if not t:
        raise EvalError("Attempted to apply Head to the empty sequence.")
    return t[0]


def tail(s):
    if type(s) is str:
        if not s:
            raise EvalError("Attempted to apply Tail to the empty sequence.")
        return s[1:]
    t = as_seq(s)
    if t is None:
        raise one_arg_error("Tail", "sequence", s)
    if not t:
        raise EvalError("Attempted to apply Tail to the empty sequence.")
    return t[1:]


def concat(s1, s2):
    if type(s1) is tuple and type(s2) is tuple:
        return s1 + s2
    if type(s1) is str:
        if type(s2) is not str:
            raise EvalError(f"Evaluating an expression of the form t \\o s when s is not a string:\n{tla_repr(s2)}")
        return s1 + s2
    t1 = as_seq(s1)
    if t1 is None:
        raise EvalError(f"Evaluating an expression of the form s \\o t when s is not a sequence:\n{tla_repr(s1)}")
    t2 = as_seq(s2)
    if t2 is None:
        raise EvalError(f"Evaluating an expression of the form t \\o s when s is not a sequence:\n{tla_repr(s2)}")
    return t1 + t2


def subseq(s, m, n):
    is_str = type(s) is str
    t = s if is_str else as_seq(s)
    if t is None:
        raise arg_error(0, "SubSeq", "sequence", s)
    if type(m) is not int:
        raise arg_error(1, "SubSeq", "natural number", m)
    if type(n) is not int:
        raise arg_error(2, "SubSeq", "natural number", n)
    if m > n:
        return "" if is_str else ()
    ln = len(t)
    if m < 1 or m > ln:
        raise EvalError(f"The second argument of SubSeq must be in the domain of its first argument:\n"
                        f"{tla_repr(s)}\n, but instead it is\n{tla_repr(m)}")
    if n < 1 or n > ln:
        raise EvalError(f"The third argument of SubSeq must be in the domain of its first argument:\n"
                        f"{tla_repr(s)}\n, but instead it is\n{tla_repr(n)}")
    return t[m - 1:n]


def sort_seq(s, less: Callable[[Any, Any], Any]):
    """TLC's SortSeq (SequencesExt's SetToSortSeq sorts with it too)."""
    t = as_seq(s)
    if t is None:
        raise arg_error(0, "SortSeq", "natural number", s)
    if not t:
        return t

    def lt_(a, b):
        r = less(a, b)
        if r is True or r is False:
            return r
        raise EvalError(f"The second argument of SortSeq should be a boolean function, but instead it is:\n{tla_repr(r)}")

    # TLC's insertion sort (keeps equal elements in their original order).
    out = [t[0]]
    for x in t[1:]:
        j = len(out)
        while j > 0 and lt_(x, out[j - 1]):
            j -= 1
        out.insert(j, x)
    return tuple(out)


# --------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------

def range_(f):
    """Functions' Range (SequencesExt's ToSet is the same)."""
    t = type(f)
    if t is tuple:
        return frozenset(f)
    if t is Fcn:
        return frozenset(f.values())
    if t is LazyFcn and f.domain.is_finite():
        return range_(f.materialize())
    domain(f)  # TLC's error for a non-function
    raise EvalError(f"Attempted to enumerate the range of the function\n{tla_repr(f)}\nwhose domain is not enumerable.")


# --------------------------------------------------------------------------------------
# Java's String.format (IOUtils' IOExecTemplate and CSV's CSVWrite)
# --------------------------------------------------------------------------------------

_FORMAT = re.compile(r"%(?:(\d+)\$)?([-#+ 0,(<]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def java_format(op: str, template: str, params: list[str]) -> str:
    """Java's String.format for string parameters: %s, %S, %n$s (with width and precision), %%, %n."""
    nxt = 0
    out = []
    pos = 0
    for m in _FORMAT.finditer(template):
        out.append(template[pos:m.start()])
        pos = m.end()
        index, flags, width, prec, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        if conv == "n":
            out.append("\n")
            continue
        if conv not in "sS":
            raise EvalError(f"{op}: the conversion %{conv} of {template!r} needs a parameter that is not a "
                            "string (all parameters are strings)")
        if index is not None:
            i = int(index) - 1
        else:
            i = nxt
            nxt += 1
        if not 0 <= i < len(params):
            raise EvalError(f"{op}: the template {template!r} has no parameter for {m.group(0)!r}")
        s = params[i]
        if prec is not None:
            s = s[:int(prec)]
        if conv == "S":
            s = s.upper()
        if width is not None:
            s = s.ljust(int(width)) if "-" in flags else s.rjust(int(width))
        out.append(s)
    out.append(template[pos:])
    return "".join(out)
