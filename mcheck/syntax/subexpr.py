"""Positional subexpression selectors: the part of an expression that ``!2``, ``!<<`` or ``!>>`` names.

TLA+ names a subexpression of a definition by a path of selectors after its name (``Thm!2!1``,
``Inv!<<``).  This module answers the selectors that bind nothing: a number (the n-th operand of an
operator, item of a bulleted list, element of a tuple or set, arm of a CASE, ...), ``<<`` (the first
operand) and ``>>`` (the last).  The rules follow SANY's (the TLA+2 language's, as TLC's regression
tests test206 and test216 use them); a selector with no meaning for the expression is an error, as in
SANY, never a guess.
"""
from __future__ import annotations

from . import ast as A
from .errors import ParseError


def _operands(e: A.Expr) -> list[A.Expr] | None:
    """The expression's numbered parts, in order, or None when numbers select nothing in it."""
    if isinstance(e, A.Junction):
        return list(e.items)
    if isinstance(e, A.OpApp):
        return list(e.args) if e.args else None
    if isinstance(e, (A.Tuple, A.SetEnum)):
        return list(e.elems)
    if isinstance(e, A.If):
        return [e.cond, e.then, e.else_]
    if isinstance(e, A.FcnApp):
        return [e.fn, *e.args]
    if isinstance(e, A.Dot):
        return [e.expr, A.Str(e.field, span=e.span)]
    if isinstance(e, (A.RecordConstr, A.RecordSet)):
        return [v for _, v in e.fields]
    if isinstance(e, A.CartProd):
        return list(e.sets)
    if isinstance(e, A.FcnSet):
        return [e.dom, e.rng]
    if isinstance(e, (A.ActionSub, A.BoxAction)):
        return [e.action, e.sub]
    if isinstance(e, A.Fairness):
        return [e.sub, e.action]
    if isinstance(e, A.Except):
        return [e.fn]
    if isinstance(e, A.Case):
        arms = [A.OpApp("->", (a.guard, a.expr), span=a.span) for a in e.arms]
        return arms + ([e.other] if e.other is not None else [])
    if isinstance(e, (A.Quant, A.FcnConstr, A.SetMap)):
        sets = [b.set for b in e.bounds if b.set is not None]
        return sets or None
    if isinstance(e, (A.Choose, A.SetFilter)):
        return [e.bound.set] if e.bound.set is not None else None
    return None


#: the expressions whose first and last operands ``<<`` and ``>>`` name: operator applications
#: (prefix, infix, postfix, a CASE arm), f[x], r.a, [S -> T], [A]_v, <<A>>_v and WF_v(A)
_ENDS = (A.OpApp, A.FcnApp, A.Dot, A.FcnSet, A.ActionSub, A.BoxAction, A.Fairness)


def _unwrap(e: A.Expr) -> A.Expr:
    """A label names its body; selectors look through it."""
    while isinstance(e, A.Label):
        e = e.body
    return e


def select(e: A.Expr, selector: str, where: str) -> A.Expr:
    """The part of ``e`` that ``selector`` (digits, ``<<`` or ``>>``) names; ``where`` (the name being
    resolved, e.g. ``Inv!2``) words the error when there is none."""
    e = _unwrap(e)
    parts = _operands(e)
    if parts is not None and selector in ("<<", ">>") and isinstance(e, _ENDS):
        return parts[0] if selector == "<<" else parts[-1]
    if parts is not None and selector.isdigit():
        n = int(selector)
        if 1 <= n <= len(parts):
            return parts[n - 1]
        raise ParseError(f"{where}: the expression has {len(parts)} operands, not {n}", e.span)
    raise ParseError(f"{where}: the selector !{selector} names no part of this expression", e.span)
