"""AST -> ASCII TLA+ text that parses back to an equal AST.

Bulleted ``/\\`` and ``\\/`` lists mean what their alignment says, so every
printing function receives the column at which its text starts and prints
list items one per line, aligned at that column.  Any operand that is not an
atom is parenthesised: the output is meant to be correct first and pretty
second (parentheses never show up in the AST, so they cost nothing in
round trips).
"""
from __future__ import annotations

import re

from . import ast as A
from .subexpr import BINDER_ARGS

_IDENT = re.compile(r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*\Z")
_PREFIX = {"-.": "-", "~": "~", "[]": "[]", "<>": "<>", "ENABLED": "ENABLED ", "UNCHANGED": "UNCHANGED ",
           "SUBSET": "SUBSET ", "UNION": "UNION ", "DOMAIN": "DOMAIN "}
_POSTFIX = frozenset(["'", "^+", "^*", "^#"])
_ATOMIC = (A.Name, A.Num, A.Decimal, A.Str, A.Bool, A.At, A.SetEnum, A.SetFilter, A.SetMap, A.FcnConstr,
           A.FcnSet, A.RecordConstr, A.RecordSet, A.Except, A.Tuple, A.ActionSub, A.Fairness, A.FcnApp,
           A.Dot)
_STR_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f"}


def _adv(col: int, s: str) -> int:
    """Column after writing ``s`` starting at ``col`` (0-based)."""
    nl = s.rfind("\n")
    return col + len(s) if nl < 0 else len(s) - nl - 1


def _is_call(op: str) -> bool:
    """Whether ``op`` is applied with call syntax ``Op(a, b)`` (not a keyword operator)."""
    return "!" in op or (_IDENT.match(op) is not None and op not in _PREFIX)


def _atomic(e: A.Expr) -> bool:
    if isinstance(e, _ATOMIC):
        return True
    if isinstance(e, A.OpApp):
        return _is_call(e.op) or (e.op in _POSTFIX and len(e.args) == 1)
    return False


class _W:
    """Accumulates text and knows the current column."""

    __slots__ = ("parts", "col")

    def __init__(self, col: int) -> None:
        self.parts: list[str] = []
        self.col = col

    def t(self, s: str) -> "_W":
        self.parts.append(s)
        self.col = _adv(self.col, s)
        return self

    def e(self, e: A.Expr) -> "_W":
        """An expression printed bare (the caller knows it is delimited)."""
        return self.t(_expr(e, self.col))

    def p(self, e: A.Expr) -> "_W":
        """An operand: parenthesised unless atomic."""
        if _atomic(e):
            return self.t(_expr(e, self.col))
        return self.t("(").e(e).t(")")

    def sep(self, items, fn, sep: str = ", ") -> "_W":
        for i, x in enumerate(items):
            if i:
                self.t(sep)
            fn(x)
        return self

    def done(self) -> str:
        return "".join(self.parts)


def _string(s: str) -> str:
    return '"' + "".join(_STR_ESC.get(ch, ch) for ch in s) + '"'


def _bound(w: _W, b: A.Bound) -> None:
    names = ", ".join(b.names)
    w.t(f"<<{names}>>" if b.tuple_ else names)
    if b.set is not None:
        w.t(" \\in ").e(b.set)


def _sub(w: _W, e: A.Expr) -> None:
    """The subscript of [A]_v, <<A>>_v, WF_v(A)."""
    if isinstance(e, A.Name) and all(_IDENT.match(p) for p in e.name.split("!")):
        w.t(e.name)
    elif isinstance(e, A.Tuple):
        w.e(e)
    else:
        w.t("(").e(e).t(")")


def _call(w: _W, op: str, args: tuple, inst_args: tuple) -> None:
    segs = op.split("!")
    for k, seg in enumerate(segs):
        if k:
            w.t("!")
        w.t("" if seg == BINDER_ARGS else seg)
        a = inst_args[k] if k < len(segs) - 1 and k < len(inst_args) else (args if k == len(segs) - 1 else ())
        if a:
            w.t("(").sep(a, w.e).t(")")


def _expr(e: A.Expr, col: int) -> str:
    if isinstance(e, A.Name):
        return e.name
    if isinstance(e, A.Num):
        return str(e.value)
    if isinstance(e, A.Decimal):
        return e.text
    if isinstance(e, A.Str):
        return _string(e.value)
    if isinstance(e, A.Bool):
        return "TRUE" if e.value else "FALSE"
    if isinstance(e, A.At):
        return "@"
    w = _W(col)
    if isinstance(e, A.OpApp):
        _op_app(w, e)
    elif isinstance(e, A.Junction):
        bullet = e.kind + " "
        for i, item in enumerate(e.items):
            if i:
                w.t("\n" + " " * col)
            w.t(bullet).e(item)
    elif not (_control(w, e, col) or _data(w, e) or _action(w, e)):
        raise ValueError(f"cannot print {type(e).__name__}")
    return w.done()


def _op_app(w: _W, e: A.OpApp) -> None:
    op, args = e.op, e.args
    if _is_call(op):
        _call(w, op, args, e.inst_args)
    elif len(args) == 2:
        w.p(args[0]).t(f" {op} ").p(args[1])
    elif len(args) == 1 and op in _POSTFIX:
        w.p(args[0]).t(op)
    elif len(args) == 1 and op in _PREFIX:
        w.t(_PREFIX[op]).p(args[0])
    else:
        raise ValueError(f"cannot print operator {op!r} applied to {len(args)} arguments")


def _control(w: _W, e: A.Expr, col: int) -> bool:
    """IF, CASE, LET, quantifiers, CHOOSE, LAMBDA and labels; False if ``e`` is none of them."""
    if isinstance(e, A.If):
        w.t("IF ").e(e.cond).t(" THEN ").e(e.then).t(" ELSE ").e(e.else_)
    elif isinstance(e, A.Case):
        w.t("CASE ")
        last = len(e.arms) - 1
        for i, arm in enumerate(e.arms):
            if i:
                w.t(" [] ")
            w.p(arm.guard).t(" -> ")
            if i == last and e.other is None:
                w.e(arm.expr)
            else:
                w.p(arm.expr)
        if e.other is not None:
            w.t(" [] OTHER -> ").e(e.other)
    elif isinstance(e, A.Let):
        w.t("LET ")
        for i, d in enumerate(e.defs):
            if i:
                w.t("\n" + " " * (col + 4))
            w.t(_unit(d, col + 4))
        w.t("\n" + " " * col + "IN  ").e(e.body)
    elif isinstance(e, A.Quant):
        w.t(e.kind + " ").sep(e.bounds, lambda b: _bound(w, b)).t(" : ").e(e.body)
    elif isinstance(e, A.Choose):
        w.t("CHOOSE ")
        _bound(w, e.bound)
        w.t(" : ").e(e.body)
    elif isinstance(e, A.Lambda):
        w.t("LAMBDA " + ", ".join(e.params) + " : ").e(e.body)
    elif isinstance(e, A.Label) and not e.name:  # no name a spec can write: a mark of mcheck's, unprinted
        w.e(e.body)
    elif isinstance(e, A.Label):
        w.t(e.name + (f"({', '.join(e.params)})" if e.params else "") + " :: ").e(e.body)
    else:
        return False
    return True


def _data(w: _W, e: A.Expr) -> bool:
    """Sets, functions, records and tuples, their application and EXCEPT; False if ``e`` is none of them."""
    if isinstance(e, A.FcnApp):
        w.p(e.fn).t("[").sep(e.args, w.e).t("]")
    elif isinstance(e, A.Dot):
        w.p(e.expr).t("." + e.field)
    elif isinstance(e, A.SetEnum):
        w.t("{").sep(e.elems, w.e).t("}")
    elif isinstance(e, A.SetFilter):
        w.t("{")
        _bound(w, e.bound)
        w.t(" : ").e(e.pred).t("}")
    elif isinstance(e, A.SetMap):
        w.t("{").e(e.expr).t(" : ").sep(e.bounds, lambda b: _bound(w, b)).t("}")
    elif isinstance(e, A.FcnConstr):
        w.t("[").sep(e.bounds, lambda b: _bound(w, b)).t(" |-> ").e(e.body).t("]")
    elif isinstance(e, A.FcnSet):
        w.t("[").p(e.dom).t(" -> ").e(e.rng).t("]")
    elif isinstance(e, A.RecordConstr):
        w.t("[").sep(e.fields, lambda f: w.t(f[0] + " |-> ").e(f[1])).t("]")
    elif isinstance(e, A.RecordSet):
        w.t("[").sep(e.fields, lambda f: w.t(f[0] + " : ").e(f[1])).t("]")
    elif isinstance(e, A.Except):
        _except(w, e)
    elif isinstance(e, A.Tuple):
        w.t("<<").sep(e.elems, w.e).t(">>")
    elif isinstance(e, A.CartProd):
        w.sep(e.sets, w.p, " \\X ")
    else:
        return False
    return True


def _except(w: _W, e: A.Except) -> None:
    w.t("[").p(e.fn).t(" EXCEPT ")
    for i, u in enumerate(e.updates):
        if i:
            w.t(", ")
        w.t("!")
        for k, step in enumerate(u.path):
            if k < len(u.fields) and u.fields[k]:
                w.t("." + step[0].value)
            else:
                w.t("[").sep(step, w.e).t("]")
        w.t(" = ").e(u.value)
    w.t("]")


def _action(w: _W, e: A.Expr) -> bool:
    """``[A]_v``, ``<<A>>_v``, ``[][A]_v`` and fairness; False if ``e`` is none of them."""
    if isinstance(e, A.ActionSub):
        w.t("[" if e.kind == "[]" else "<<").e(e.action).t("]_" if e.kind == "[]" else ">>_")
        _sub(w, e.sub)
    elif isinstance(e, A.BoxAction):
        w.t("[][").e(e.action).t("]_")
        _sub(w, e.sub)
    elif isinstance(e, A.Fairness):
        w.t(e.kind + "_")
        _sub(w, e.sub)
        w.t("(").e(e.action).t(")")
    else:
        return False
    return True


# --------------------------------------------------------------------------- units


def _decl(d: A.OpDecl | A.Param) -> str:
    name, arity = d.name, d.arity
    if _IDENT.match(name) or arity == 0:
        return name + (f"({', '.join('_' * arity)})" if arity else "")
    if arity == 2:
        return f"_ {name} _"
    if name == "-.":
        return "-. _"
    return f"_ {name}"


def _lhs(name: str, params: tuple[A.Param, ...]) -> str:
    if _IDENT.match(name):
        return name + (f"({', '.join(_decl(p) for p in params)})" if params else "")
    if len(params) == 2:
        return f"{params[0].name} {name} {params[1].name}"
    if name == "-.":
        return f"-. {params[0].name}"
    return f"{params[0].name} {name}"


def _unit(u: A.Unit, col: int = 0) -> str:
    w = _W(col)
    if getattr(u, "local", False):
        w.t("LOCAL ")
    if isinstance(u, A.OpDef):
        w.t(_lhs(u.name, u.params) + " == ").e(u.body)
    elif isinstance(u, A.FcnDef):
        w.t(u.name + "[").sep(u.bounds, lambda b: _bound(w, b)).t("] == ").e(u.body)
    elif isinstance(u, A.Constants):
        w.t("CONSTANTS " + ", ".join(_decl(d) for d in u.decls))
    elif isinstance(u, A.Variables):
        w.t("VARIABLES " + ", ".join(u.names))
    elif isinstance(u, A.Recursive):
        w.t("RECURSIVE " + ", ".join(_decl(d) for d in u.decls))
    elif isinstance(u, A.Instance):
        if u.name is not None:
            w.t(_lhs(u.name, u.params) + " == ")
        w.t("INSTANCE " + u.module)
        if u.substs:
            w.t(" WITH ").sep(u.substs, lambda s: w.t(s[0] + " <- ").e(s[1]))
    elif isinstance(u, A.Assume):
        w.t("ASSUME ")
        if u.name is not None:
            w.t(u.name + " == ")
        w.e(u.expr)
    elif isinstance(u, A.Theorem):
        w.t(u.keyword + " ")
        if u.name is not None:
            w.t(u.name + " == ")
        if u.expr is None:
            w.t("ASSUME TRUE PROVE TRUE")
        else:
            w.e(u.expr)
    elif isinstance(u, A.Module):
        w.t(print_module(u).rstrip("\n"))
    else:
        raise ValueError(f"cannot print {type(u).__name__}")
    return w.done()


def print_module(m: A.Module) -> str:
    """A module as ASCII TLA+ text; nested modules are printed in place."""
    lines = [f"---- MODULE {m.name} ----"]
    if m.extends:
        lines.append("EXTENDS " + ", ".join(m.extends))
    for u in m.units:
        lines.append(_unit(u))
    lines.append("====")
    return "\n".join(lines) + "\n"


def print_expr(e: A.Expr) -> str:
    """An expression as ASCII TLA+ text (possibly several lines, for bulleted lists)."""
    return _expr(e, 0)
