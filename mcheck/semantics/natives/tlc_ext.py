"""Natives of TLCExt: AssertEq, AssertError and TLCModelValue."""
from __future__ import annotations

from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import ModelValue, tla_eq, tla_repr
from .core import one_arg_error


def assert_eq(a, b):
    """``AssertEq(a, b)``: TRUE if equal; otherwise prints both values (as TLC does) and is FALSE."""
    if tla_eq(a, b):
        return True
    print(f"{tla_repr(a)}\n{tla_repr(b)}")
    return False


def assert_error(msg, thunk: Callable[[], Any]):
    """``AssertError(msg, expr)``: expr arrives unevaluated as a thunk; TRUE iff evaluating it
    fails with exactly the message ``msg``."""
    try:
        thunk()
    except EvalError as e:
        return e.message == msg
    return False


def tlc_model_value(name):
    if type(name) is not str:
        raise one_arg_error("TLCModelValue", "string", name)
    return ModelValue.get(name)


NATIVES: dict[tuple[str, str], Callable] = {
    ("TLCExt", "AssertEq"): assert_eq,
    ("TLCExt", "AssertError"): assert_error,
    ("TLCExt", "TLCModelValue"): tlc_model_value,
}
