"""Natives of Naturals and Integers: integer arithmetic and comparison (one table serves both modules)."""
from __future__ import annotations

from typing import Callable

from ...syntax.errors import EvalError
from ..values import INT, NAT, tla_repr
from .core import ge, int_comparison, ints_error, le, mod, plus, times


def minus(x, y):
    if type(x) is int and type(y) is int:
        return x - y
    raise ints_error("-", x, y)


def expt(x, y):
    if type(x) is not int or type(y) is not int:
        raise ints_error("^", x, y)
    if y < 0:
        raise EvalError(f"The second argument of ^ should be a natural number, but instead it is:\n{y}")
    if y == 0 and x == 0:
        raise EvalError("0^0 is undefined.")
    return x ** y


def div(x, y):
    if type(x) is not int or type(y) is not int:
        raise ints_error("\\div", x, y)
    if y == 0:
        raise EvalError("The second argument of \\div is 0.")
    return x // y


lt = int_comparison("<", "<")
gt = int_comparison(">", ">")


def dotdot(x, y):
    if type(x) is not int or type(y) is not int:
        raise ints_error("..", x, y)
    return frozenset(range(x, y + 1))


def uminus(x):
    if type(x) is int:
        return -x
    raise EvalError(f"The first argument of - should be an integer, but instead it is:\n{tla_repr(x)}")


_ARITH: dict[str, Callable] = {
    "+": plus, "-": minus, "*": times, "^": expt, "%": mod, "\\div": div,
    "<": lt, ">": gt, "<=": le, "\\leq": le, "=<": le, ">=": ge, "\\geq": ge, "..": dotdot,
    "Nat": lambda: NAT,
}

NATIVES: dict[tuple[str, str], Callable] = {}
for _name, _fn in _ARITH.items():
    NATIVES[("Naturals", _name)] = _fn
    NATIVES[("Integers", _name)] = _fn
NATIVES[("Integers", "-.")] = uminus
NATIVES[("Integers", "Int")] = lambda: INT
del _name, _fn
