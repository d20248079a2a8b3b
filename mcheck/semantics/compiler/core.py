"""Compile TLA+ expressions and actions to Python source, then to Python functions.

Each definition is compiled once.  A state is a tuple of values in variable
order; a state predicate becomes ``def f(s): return <expr>``.  An action
becomes a generator ``def a(s): ... yield (n0, n1, ...)`` written in
continuation-passing style: conjuncts are processed left to right, ``x' = e``
binds a Python local ``n<i>`` the first time and tests equality after, a
disjunction or ``\\E`` branches only while some primed variable is unbound —
exactly TLC's enumeration (TLC-SEMANTICS.md §4), so the counts match.
Which variables are bound is known at compile time on every path, so the
generated code has no bookkeeping left to do per state.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...syntax import ast as A
from ...syntax.errors import RECURSION_TOO_DEEP, EvalError
from ...syntax.printer import print_expr
from .. import env as E
from ..levels import ACTION, CONSTANT, Levels
from ..profile import Profile
from .actions import Actions
from .context import Ctx, LDef, LExpr, LVal
from .emitter import Emitter
from .expressions import Expressions
from .functions import FunctionDefs
from .hoist import Hoisting
from .kinds import Kinds
from .names import Names
from .operators import Operators, enabled_any
from .tree import mentions


class Compiler(Names, FunctionDefs, Expressions, Operators, Actions, Kinds, Hoisting):
    """The compiler of one model: each part (a mixin) compiles one kind of thing, all into one ``Emitter``."""

    def __init__(self, natives: dict, nvars: int, variables: list[str], tlc_state: Any = None,
                 checked: bool = False, profile: Profile | None = None):
        # checked: call the natives (with TLC's type checks and messages) instead of inline Python
        # operators; used to re-run a failing evaluation and report it as TLC would.
        self.checked = checked
        # --profile: each definition compiled to a function counts its calls and time here (profile.py)
        self.profile = profile
        self.natives = natives
        self.nvars = nvars
        self.variables = variables
        self.levels = Levels(lambda name, env: self.resolve(name, Ctx(env), A.Name(name))[0])
        # TLC evaluates a constant-level 0-ary definition once, even one that draws a RandomElement
        self.const_levels = Levels(lambda name, env: self.resolve(name, Ctx(env), A.Name(name))[0],
                                   impure_is_state=False)
        # a state-level definition that draws no RandomElement, reads no TLCGet, ...: a function of the state
        self.pure_levels = Levels(lambda name, env: self.resolve(name, Ctx(env), A.Name(name))[0],
                                  impure_level=ACTION)
        self.tlc = tlc_state
        self.emitter = Emitter({"enabled_any": enabled_any, "TLCSTATE": tlc_state, "chk": self._chk})
        self._def_cache: dict[int, str] = {}
        # the variables each generated definition reads (names.state_reads), None where unknown
        self.def_reads: dict[str, list[int] | None] = {}
        self._const_cache: dict[int, tuple[bool, Any]] = {}
        self._inst_cache: dict[tuple, E.Env] = {}
        self._hoisting: set[int] = set()
        self._subexprs: dict[tuple, E.DefEntry] = {}
        self._small: dict[int, bool] = {}
        self._kind_cache: dict[int, str | None] = {}
        self._loop_hoisted: dict[int, str] = {}   # id of a loop invariant -> its thunk (hoist.py)
        self.spans: list[A.Expr] = []  # diagnosis mode: expression per chk() id
        self.calls: set[int] = set()   # diagnosis mode: the chk() ids of calls of definitions
        self.builder: E.Builder | None = None

    # ------------------------------------------------------------------ levels and constant folding

    def level(self, e: A.Expr, ctx: Ctx, levels: Levels | None = None) -> int:
        bound: dict[str, int] = {}
        for k, v in ctx.locals.items():
            if isinstance(v, LExpr):
                # a call-by-name parameter has the level of its argument
                bound[k] = self.level(v.expr, v.ctx) if mentions(e, k) else CONSTANT
            elif isinstance(v, LDef):
                bound[k] = self.level(v.unit.body, v.ctx.with_locals(
                    {p.name: LVal("_") for p in v.unit.params})) if mentions(e, k) else CONSTANT
            else:
                bound[k] = CONSTANT
        return (levels or self.levels).of(e, ctx.env, bound)

    def is_closed_constant(self, e: A.Expr, ctx: Ctx) -> bool:
        if self.level(e, ctx) != CONSTANT:
            return False
        return not any(mentions(e, k) for k, v in ctx.locals.items() if not (type(v) is LVal and v.const))

    def const_value(self, e: A.Expr, ctx: Ctx) -> Any:
        """Evaluate a closed constant expression now (it may use the locals whose values are known)."""
        fn = self.emitter.fresh("c")
        known = {k: v for k, v in ctx.locals.items() if type(v) is LVal and v.const}
        body = self.expr(e, replace(ctx, locals=known, mode="expr", primed=False, assigned=(), nxt=None))
        return self.emitter.function(self.emitter.define(fn, "s=None", body))()

    def try_hoist(self, e: A.Expr, ctx: Ctx) -> str | None:
        if type(e) in (A.Num, A.Str, A.Bool, A.Name):
            return None
        if id(e) in self._hoisting or not self.is_closed_constant(e, ctx):
            return None
        self._hoisting.add(id(e))
        try:
            v = self.const_value(e, ctx)
        except Exception:
            return None
        finally:
            self._hoisting.discard(id(e))
        return self.emitter.value(v)

    # ------------------------------------------------------------------ diagnosis mode

    def _chk(self, i: int, thunk):
        try:
            return thunk()
        except EvalError as err:
            if err.span is None:
                self._locate(err, i)
            raise
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, ZeroDivisionError) as err:
            ev = EvalError(f"{type(err).__name__}: {err}")
            self._locate(ev, i)
            raise ev from err
        except RecursionError:
            # located at the innermost call of a definition (the recursive call, whichever frame
            # has stack enough left to build the error): the same place at any stack depth
            if i not in self.calls:
                raise
            ev = EvalError(RECURSION_TOO_DEEP)
            self._locate(ev, i)
            raise ev from None

    def _locate(self, err: EvalError, i: int) -> None:
        node = self.spans[i]
        err.span = node.span
        try:
            text = print_expr(node)
        except Exception:
            text = None
        if text is not None and len(text) <= 300:
            err.notes = tuple(err.notes) + (f"while evaluating: {text}",)

