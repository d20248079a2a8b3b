"""Loop-invariant hoisting: a costly part of a loop's body that does not depend on the loop's variables
is computed once per entry to the loop, not once per element.

bosco's ``\\E r \\in SUBSET (P \\X M) : r \\subseteq (sent \\cup {...} \\cup {...}) /\\ ...`` computed the
union again for each of 256 subsets.  Before the loop the compiler finds the maximal subexpressions of
its body that mention none of the names bound in it (the loop's, and any LET, quantifier or LAMBDA
inside), are functions of the state alone (no prime, no RandomElement, TLCGet or Print: ``pure_levels``)
and cost more than a call (a set operation, a comprehension, a quantifier, a CHOOSE, an operator call).
Each becomes ``h = Thunk(lambda: <code>)`` ahead of the loop and ``h()`` in the body: evaluated at most
once, and only if the body uses it, as TLC would evaluate it at its first use; an error it raises is
the one TLC raises there.  Constants are folded at compile time already (``Compiler.try_hoist``); the
diagnosis model (``checked``) keeps the loops as written.
"""
from __future__ import annotations

from ...syntax import ast as A
from .. import env as E
from ..levels import STATE, children
from .context import Ctx
from .tree import mentions

_SET_OPS = frozenset(("\\cup", "\\cap", "\\", "SUBSET", "UNION"))
_COSTLY = (A.SetMap, A.SetFilter, A.FcnConstr, A.Quant, A.Choose, A.CartProd)


def binds(e: A.Node) -> tuple[str, ...]:
    """The names e binds for its sub-expressions (a quantifier, CHOOSE, comprehension, LET, LAMBDA)."""
    t = type(e)
    if t in (A.Quant, A.SetMap, A.FcnConstr):
        return tuple(n for b in e.bounds for n in b.names)
    if t in (A.Choose, A.SetFilter):
        return tuple(e.bound.names)
    if t is A.Lambda:
        return tuple(e.params)
    if t is A.Let:
        out: list[str] = []
        for d in e.defs:
            name = getattr(d, "name", None)
            if name is not None:
                out.append(name)
            out += [getattr(p, "name", p) for p in getattr(d, "params", ())]
            out += [n for b in getattr(d, "bounds", ()) for n in b.names]
        return tuple(out)
    return ()


def _has_at(e: A.Node) -> bool:
    return type(e) is A.At or any(_has_at(ch) for ch in children(e))


class Hoisting:
    """Part of ``Compiler``: the loop invariants of a loop's body, hoisted ahead of it."""

    def loop_invariants(self, bodies: list[A.Expr], names: list[str], ctx: Ctx) -> list[tuple[str, str]]:
        """``(thunk name, code)`` for each invariant of ``bodies`` (the loop binds ``names``), compiled in
        ``ctx`` (outside the loop); until ``end_hoisting`` the body's compilation uses the thunks."""
        if self.checked or ctx.mode == "init" or ctx.primed:
            return []
        found: list[A.Expr] = []
        for b in bodies:
            self._invariants(b, tuple(names), ctx, found)
        out = []
        for e in found:
            code = self.expr(e, ctx)
            h = self.emitter.fresh("h_")
            self._loop_hoisted[id(e)] = h
            out.append((h, code))
        return out

    def end_hoisting(self, hoisted: list[tuple[str, str]]) -> None:
        """The loop's body is compiled: its thunks are no longer in scope."""
        gone = {h for h, _ in hoisted}
        for k in [k for k, h in self._loop_hoisted.items() if h in gone]:
            del self._loop_hoisted[k]

    def _invariants(self, e: A.Expr, blocked: tuple[str, ...], ctx: Ctx, found: list[A.Expr]) -> None:
        """The maximal invariants in e; ``blocked``: the loop's names and those bound around e in the
        body (those bound inside e are its own)."""
        if self._costly(e, ctx) and not any(mentions(e, n) for n in blocked) and not _has_at(e) \
                and not self.is_closed_constant(e, ctx) and self.level(e, ctx, self.pure_levels) <= STATE:
            found.append(e)
            return
        inner = blocked + binds(e)
        for ch in children(e):
            self._invariants(ch, inner, ctx, found)

    def _costly(self, e: A.Expr, ctx: Ctx) -> bool:
        """Worth a thunk: more than a lookup or an arithmetic operation."""
        t = type(e)
        if t in _COSTLY:
            return True
        if t is not A.OpApp or e.op in ctx.locals or e.inst_args or "!" in e.op:
            return False
        if e.op in _SET_OPS:
            return True
        ent = ctx.env.lookup(e.op)
        return e.args != () and isinstance(ent, E.DefEntry)
