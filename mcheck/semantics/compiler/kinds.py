"""What the compiler knows of an expression's kind, and the checks it inserts where it does not know.

TLC rejects an operand of the wrong kind (``1 + TRUE``, ``IF 1 THEN``, ``"a" \\in "abc"``); Python
answers instead (``2``, truthiness, a substring test).  Checking every operand at run time would
cost a type test per operator, so the compiler first asks ``kind``: literals, operators whose result
kind is fixed (comparisons, connectives, arithmetic, set constructors), constants (their values are
known before the search) and definitions whose body has a known kind.  Only where the answer is
None (a variable, a function application, a parameter) does the generated code test the kind: an
inline ``type(x) is int`` when the operand's code is a plain name (cheap to evaluate twice), else a
call of a runtime helper or of the checked native, each raising TLC's message.
"""
from __future__ import annotations

import re
from typing import Any

from ...syntax import ast as A
from .. import env as E
from ..values import kind_of
from .context import Ctx, LExpr, LVal

# code that is safe and cheap to evaluate twice: a Python name, a state slot, a literal
PLAIN = re.compile(r"[A-Za-z_][A-Za-z_0-9]*(\[\d+\])?|\d+|'[^'\\]*'|True|False")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9]*(\[\d+\])?")

_BOOL_OPS = frozenset(("=", "#", "/\\", "\\/", "=>", "<=>", "~", "\\in", "\\notin", "\\subseteq", "ENABLED",
                       "UNCHANGED"))
_SET_OPS = frozenset(("\\cup", "\\cap", "\\", "SUBSET", "UNION", "DOMAIN"))
_ARITH_MODULES = ("Naturals", "Integers", "Reals")
_NATIVE_KINDS = {"+": "int", "-": "int", "*": "int", "\\div": "int", "%": "int", "-.": "int", "^": "int",
                 "<": "bool", ">": "bool", "<=": "bool", ">=": "bool", "..": "set"}
_SEQ_KINDS = {"Len": "int", "Seq": "set", "Append": "fcn", "Tail": "fcn", "SubSeq": "fcn", "\\o": None}
_SETS = (A.SetEnum, A.SetMap, A.SetFilter, A.CartProd, A.FcnSet, A.RecordSet)
_FCNS = (A.Tuple, A.RecordConstr, A.FcnConstr)
_CHECKING = object()


def plain(code: str) -> bool:
    return PLAIN.fullmatch(code) is not None


def ident(code: str) -> bool:
    """A Python name or state slot (not a literal): what may be indexed inline."""
    return _IDENT.fullmatch(code) is not None and code not in ("True", "False")


class Kinds:
    """Part of ``Compiler``: the static kind of an expression ('bool', 'int', 'str', 'set', 'fcn', 'model' or None)."""

    _kind_cache: dict

    def kind(self, e: A.Expr, ctx: Ctx) -> str | None:
        t = type(e)
        if t is A.Num:
            return "int"
        if t is A.Str:
            return "str"
        if t is A.Bool or t is A.Junction or t is A.Quant:
            return "bool"
        if t is A.Label:
            return self.kind(e.body, ctx)
        if t in _SETS:
            return "set"
        if t in _FCNS:
            return "fcn"
        if t is A.If:
            k = self.kind(e.then, ctx)
            return k if k is not None and k == self.kind(e.else_, ctx) else None
        if t is A.OpApp:
            return self._op_kind(e, ctx)
        if t is A.Name:
            return self._name_kind(e, ctx)
        return None

    def _op_kind(self, e: A.OpApp, ctx: Ctx) -> str | None:
        op = e.op
        if op in ctx.locals or "!" in op:
            return None
        if op in _BOOL_OPS:
            return "bool"
        if op in _SET_OPS:
            return "set"
        ent = ctx.env.lookup(op)
        if isinstance(ent, E.NativeEntry):
            if ent.module in _ARITH_MODULES:
                return _NATIVE_KINDS.get(op)
            if ent.module == "Sequences":
                return _SEQ_KINDS.get(op)
            if ent.module == "FiniteSets":
                return {"Cardinality": "int", "IsFiniteSet": "bool"}.get(op)
            return None
        if isinstance(ent, E.DefEntry) and ent.override is None and len(ent.unit.params) == len(e.args):
            return self._def_kind(ent)
        return None

    def _name_kind(self, e: A.Name, ctx: Ctx) -> str | None:
        name = e.name
        loc = ctx.locals.get(name)
        if loc is not None:
            if type(loc) is LVal and loc.const:
                return _value_kind(loc.value)
            return self.kind(loc.expr, loc.ctx) if isinstance(loc, LExpr) else None
        if name in ("TRUE", "FALSE"):
            return "bool"
        if "!" in name:
            return None
        ent = ctx.env.lookup(name)
        if ent is None:
            return None
        if ent.override is not None:
            return _value_kind(getattr(ent.override, "value", ent.override))
        if isinstance(ent, E.ValueEntry):
            return _value_kind(ent.value)
        if isinstance(ent, E.NativeEntry) and ent.arity == 0:
            return "set" if name in ("Nat", "Int", "STRING", "BOOLEAN", "Real") else None
        if isinstance(ent, E.DefEntry) and not ent.unit.params:
            return self._def_kind(ent)
        return None

    def _def_kind(self, ent: E.DefEntry) -> str | None:
        """The kind of a definition's body, whatever its arguments (a parameter's kind is unknown)."""
        cache = self._kind_cache
        k = cache.get(id(ent), _CHECKING)
        if k is not _CHECKING:
            return k
        cache[id(ent)] = None   # a recursive definition: unknown while its body is examined
        dctx = Ctx(ent.env).with_locals({p.name: LVal("_") for p in ent.unit.params})
        try:
            k = self.kind(ent.unit.body, dctx)
        except Exception:
            k = None
        cache[id(ent)] = k
        return k

    # ------------------------------------------------------------------ checked code

    def bool_code(self, e: A.Expr, ctx: Ctx, check: str) -> str:
        """e's code, passed through the runtime's ``check`` (e.g. ``if_cond``) unless e is known to be boolean."""
        code = self.expr(e, ctx)
        if self.kind(e, ctx) == "bool":
            return code
        return f"{check}({code})"


def _value_kind(v: Any) -> str | None:
    """A known value's kind; 'model' for a model value (unequal to any other value, never an integer)."""
    k = kind_of(v)
    return None if k == "other" else k
