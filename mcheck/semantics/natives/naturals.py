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

# The operators TLC overrides with Java methods whose parameters are IntValue (Naturals.java, Integers.java):
# another kind of argument fails the method call itself, and TLC reports it as
# EC.TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE with the JVM's ClassCastException text.
_TYPED = {"+": "Plus", "-": "Minus", "*": "Times", "..": "DotDot", "\\div": "Divide", "%": "Mod", "^": "Expt"}
_TYPED_RESULT = {"..": "IntervalValue"}
_JAVA_CLASS = {bool: "BoolValue", str: "StringValue", frozenset: "SetEnumValue", tuple: "TupleValue"}


def java_class(v) -> str:
    """The TLC value class of v, as a ClassCastException names it."""
    t = type(v)
    if t in _JAVA_CLASS:
        return "tlc2.value.impl." + _JAVA_CLASS[t]
    name = type(v).__name__
    if name == "Fcn":
        return "tlc2.value.impl." + ("RecordValue" if v.is_record() else "FcnRcdValue")
    if name == "ModelValue":
        return "tlc2.value.impl.ModelValue"
    if name == "LazyFcn":
        return "tlc2.value.impl.FcnLambdaValue"
    return "tlc2.value.impl.SetEnumValue" if hasattr(v, "contains") else "tlc2.value.impl.Value"


def _typed(module: str, op: str, fn: Callable, arity: int = 2) -> Callable:
    method = "Neg" if op == "-." else _TYPED[op]
    result = _TYPED_RESULT.get(op, "IntValue")
    sig = (f"public static tlc2.value.impl.{result} tlc2.module.{module}.{method}("
           + ",".join(["tlc2.value.impl.IntValue"] * arity) + ")")

    def fail(args: tuple):
        for a in args:
            if type(a) is not int:
                tla_repr(a)   # an unbound variable's own error comes first (it fails to print)
                raise EvalError(f"Attempted to apply the operator overridden by the Java method\n{sig},\n"
                                f"but it produced the following error:\n"
                                f"Cannot cast {java_class(a)} to tlc2.value.impl.IntValue")
        return fn(*args)

    if arity == 2:
        # the hot case (seq + 1 where seq's kind is not known): two type tests, then the operator
        def typed(a, b):
            if type(a) is int and type(b) is int:
                return fn(a, b)
            return fail((a, b))
    else:
        def typed(*args):
            return fail(args)
    typed.__name__ = f"{module}_{method}"
    return typed


NATIVES: dict[tuple[str, str], Callable] = {}
for _name, _fn in _ARITH.items():
    for _module in ("Naturals", "Integers"):
        NATIVES[(_module, _name)] = _typed(_module, _name, _fn) if _name in _TYPED else _fn
NATIVES[("Integers", "-.")] = _typed("Integers", "-.", uminus, 1)
NATIVES[("Integers", "Int")] = lambda: INT
del _name, _fn, _module
