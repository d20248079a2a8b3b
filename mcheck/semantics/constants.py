"""Constant values written as in a .cfg file: ``N = 3``, ``S = {a, b}``, ``--const 'T=<<1, "x">>'``."""
from __future__ import annotations

from typing import Any

from ..syntax import ast as A
from ..syntax.errors import ConfigError
from . import values as V


def cfg_value(e: A.Expr) -> Any:
    """The value of a constant as a .cfg (or ``--const``) writes it: numbers, strings, booleans, model
    values, and sets and tuples of them."""
    t = type(e)
    if t is A.Num:
        return e.value
    if t is A.Str:
        V.intern_string(e.value)
        return e.value
    if t is A.Bool:
        return e.value
    if t is A.Name:
        if e.name in ("TRUE", "FALSE"):
            return e.name == "TRUE"
        V.intern_string(e.name)
        return V.ModelValue.get(e.name)
    if t is A.SetEnum:
        return frozenset(cfg_value(x) for x in e.elems)
    if t is A.Tuple:
        return tuple(cfg_value(x) for x in e.elems)
    if t is A.OpApp and e.op == "-." and isinstance(e.args[0], A.Num):
        return -e.args[0].value
    raise ConfigError("this value is not allowed in a .cfg file", e.span)
