"""Natives of Sequences (Len, Head, Tail, \\o and SubSeq are in core: other modules' natives use them)."""
from __future__ import annotations

from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import SeqSet, as_seq, is_set, tla_repr
from .core import arg_error, concat, head, length, one_arg_error, subseq, tail


def seq(S):
    if not is_set(S):
        raise one_arg_error("Seq", "set", S)
    return SeqSet(S)


def append(s, v):
    if type(s) is tuple:
        return s + (v,)
    t = as_seq(s)
    if t is None:
        raise EvalError(f"Evaluating an expression of the form Append(s, v) when s is not a sequence:\n{tla_repr(s)}")
    return t + (v,)


def select_seq(s, test: Callable[[Any], Any]):
    t = as_seq(s)
    if t is None:
        raise arg_error(0, "SelectSeq", "sequence", s)
    out = []
    for e in t:
        r = test(e)
        if r is True:
            out.append(e)
        elif r is not False:
            raise EvalError("The second argument of SelectSeq should be a boolean-valued operator, "
                            f"but instead it is:\n{getattr(test, '__name__', repr(test))}")
    return tuple(out)


NATIVES: dict[tuple[str, str], Callable] = {
    ("Sequences", "Seq"): seq,
    ("Sequences", "Len"): length,
    ("Sequences", "Head"): head,
    ("Sequences", "Tail"): tail,
    ("Sequences", "Append"): append,
    ("Sequences", "\\o"): concat,
    ("Sequences", "\\circ"): concat,
    ("Sequences", "SubSeq"): subseq,
    ("Sequences", "SelectSeq"): select_seq,
}
