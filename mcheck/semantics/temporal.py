"""Temporal formulas of a spec, translated for the liveness checker: NNF formulas over compiled atoms.

A temporal formula of the .cfg (a PROPERTY, or the fairness of the SPECIFICATION) is translated
(``Translator``) to a small LTL syntax in negation normal form whose atoms are compiled state
predicates (evaluated on a state) and action predicates (evaluated on a step ``(s, t)``): ``[]``,
``<>``, ``~>``, ``/\\``, ``\\/``, ``=>``, ``~``, ``[][A]_v``, ``<><<A>>_v``, ``WF``/``SF`` (by their
definitions), ENABLED (a state atom), ``\\A`` and ``\\E`` over constant sets (expanded), and operator
definitions (inlined, also through INSTANCE).  The result is a ``TemporalSpec``: the atoms, the
negation of each property, and the fairness conditions; ``mcheck.checker.liveness`` checks it on
the state graph.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..syntax import ast as A
from ..syntax.errors import ConfigError, EvalError
from ..syntax.printer import print_expr
from . import env as E
from . import runtime as R
from .compiler.context import CompileError, Ctx, LDef, LExpr, LocalEntry, LVal
from .compiler.operators import fairness_enabled
from .compiler.tree import mentions, span_text
from .ltl import FALSE, TRUE, Atom, FairnessCond, TemporalSpec, always, eventually, f_and, f_or

# ----------------------------------------------------------------------------- translation

class Translator:
    """TLA+ temporal formulas to NNF formulas over compiled atoms."""

    def __init__(self, mb: Any, spec: TemporalSpec):
        self.mb = mb                  # the ModelBuilder
        self.comp = mb.comp
        self.emitter = mb.comp.emitter
        self.spec = spec
        self._atom_keys: dict[tuple, int] = {}

    def _level(self, e: A.Expr, ctx) -> int:
        return self.comp.level(e, ctx)

    def atom(self, e: A.Expr, ctx, kind: str) -> int:
        c = replace(ctx, nxt="t" if kind == "A" else None, mode="expr", primed=False, assigned=())
        code = self.comp.expr(e, c)
        key = (kind, code)
        i = self._atom_keys.get(key)
        if i is not None:
            return i
        fn = self.emitter.define(self.emitter.fresh("live_"), "s, t" if kind == "A" else "s", code)
        i = len(self.spec.atoms)
        atom = Atom(kind, fn, _src(e))
        if kind == "A" and isinstance(e, A.ActionSub) and self._level(e.sub, ctx) <= 1:
            sc = replace(ctx, nxt=None, mode="expr", primed=False, assigned=())
            sub_code = self.comp.expr(e.sub, sc)
            sfn, afn = self.emitter.fresh("live_sub_"), self.emitter.fresh("live_act_")
            self.emitter.define(sfn, "s", sub_code)
            self.emitter.define(afn, "s, t", self.comp.expr(e.action, c))
            atom.sub, atom.sub_key, atom.act, atom.angle = sfn, sub_code, afn, e.kind == "<<>>"
        self.spec.atoms.append(atom)
        self._atom_keys[key] = i
        return i

    def constant_ctx(self, e: A.Expr, ctx) -> Ctx | None:
        """ctx, with the call-by-name parameters e mentions bound to their values, when e is a closed
        constant there (``i > 0`` in ``Fair(i) == i > 0 => WF_v(A(i))`` under ``\\A i \\in S``); else None."""
        if self._level(e, ctx) != 0:
            return None
        values: dict[str, Any] = {}
        for k, v in ctx.locals.items():
            if (type(v) is LVal and v.const) or not mentions(e, k):
                continue
            if not isinstance(v, LExpr) or isinstance(v.expr, A.Lambda):
                return None
            inner = self.constant_ctx(v.expr, v.ctx)
            if inner is None:
                return None
            values[k] = self.comp.const_value(v.expr, inner)
        return self._bound(ctx, values)

    def constant(self, e: A.Expr, ctx) -> bool:
        """A constant-level part of a temporal formula (ctx from ``constant_ctx``), evaluated now as
        TLC's Liveness.astToLive does (to LNBool.TRUE or FALSE, which its DNF then simplifies away),
        with TLC's error when it is not a boolean."""
        v = self.comp.const_value(e, ctx)
        if type(v) is not bool:
            err = EvalError(f"TLC expected a boolean value, but did not find one. {span_text(e)}", e.span)
            err.exit_code = 255   # TLC_EXPECTED_VALUE has no exit status of its own (ExitStatus: 255)
            raise err
        return v

    def finish(self) -> None:
        """Compile the atoms' generated functions."""
        self.emitter.flush()
        for a in self.spec.atoms:
            if isinstance(a.fn, str):
                a.fn = self.emitter.function(a.fn)
            if isinstance(a.sub, str):
                a.sub = self.emitter.function(a.sub)
                a.act = self.emitter.function(a.act)

    def fairness(self, e: A.Fairness, ctx) -> FairnessCond:
        en = fairness_enabled(e)
        step = A.ActionSub("<<>>", e.action, e.sub, span=e.span)
        ei = self.atom(en, ctx, "S")
        si = self.atom(step, ctx, "A")
        self.spec.atoms[ei].graph_step = si
        return FairnessCond(e.kind, ei, si, _src(e))

    def fairness_list(self, e: A.Expr, ctx) -> list[FairnessCond] | None:
        """``WF_v(A)``, ``SF_v(A)`` and their conjunctions and ``\\A`` over constant sets, with constant parts
        (TRUE, ``c => WF_v(A)``) evaluated; None otherwise."""
        e, ctx = self.unfold(e, ctx)
        if isinstance(e, A.Fairness):
            return [self.fairness(e, ctx)]
        cc = self.constant_ctx(e, ctx)
        if cc is not None:
            return [] if self.constant(e, cc) else None
        cc = self.constant_ctx(e.args[0], ctx) if isinstance(e, A.OpApp) and e.op == "=>" else None
        if cc is not None:
            # (oi # oj) => WF_v(A) under \A oi, oj (MCInnerSerial): TLC evaluates the constant
            # antecedent (Liveness.astToLive), so a false one makes the conjunct TRUE
            return self.fairness_list(e.args[1], ctx) if self.constant(e.args[0], cc) else []
        parts = self._conj_parts(e, ctx)
        if parts is not None:
            out = []
            for p, c in parts:
                r = self.fairness_list(p, c)
                if r is None:
                    return None
                out += r
            return out
        return None

    def _conj_parts(self, e: A.Expr, ctx):
        if isinstance(e, A.Junction) and e.kind == "/\\":
            return [(x, ctx) for x in e.items]
        if isinstance(e, A.OpApp) and e.op == "/\\" and len(e.args) == 2:
            return [(x, ctx) for x in e.args]
        if isinstance(e, A.Quant) and e.kind == "\\A":
            return self._expand(e, ctx)
        return None

    def _expand(self, e: A.Quant, ctx):
        """``\\A x \\in S : P`` as one (P, ctx) per element of S (TLC expands such quantifiers).  The
        elements are compile-time constants of the ctx, so that a set written with an outer bound
        variable (``\\E j \\in S \\ {i}``, April20a) or an earlier one of the same quantifier is known."""
        combos: list[dict] = [dict()]
        for b in e.bounds:
            if b.set is None or b.tuple_:
                raise ConfigError("mcheck expands a quantifier in a temporal formula only over a constant set",
                                  e.span)
            new = []
            for c in combos:
                elems = list(R.enum(self.comp.const_value(b.set, self._bound(ctx, c))))
                cur = [c]
                for n in b.names:
                    cur = [{**x, n: v} for x in cur for v in elems]
                new += cur
            combos = new
        return [(e.body, self._bound(ctx, c)) for c in combos]

    def _bound(self, ctx, values: dict):
        """ctx with the bound variables in ``values`` as known constants."""
        if not values:
            return ctx
        return ctx.with_locals({k: LVal(self._global(v), const=True, value=v) for k, v in values.items()})

    def _global(self, v: Any) -> str:
        """A global identifier holding v (ENABLED passes locals on as parameters: they must be names)."""
        name = self.emitter.fresh("qv_")
        self.emitter.bind(name, v)
        return name

    def unfold(self, e: A.Expr, ctx):
        """Look through labels, call-by-name parameters and operator definitions of temporal level."""
        for _ in range(200):
            if isinstance(e, A.Label):
                e = e.body
                continue
            if isinstance(e, A.Let) and all(isinstance(d, A.OpDef) for d in e.defs):
                # LET v == Some IN P ~> Q (ChooseTableauSymmetry): the definitions are expanded
                # where they are used, each seeing the ones before it
                for d in e.defs:
                    ctx = ctx.with_locals({d.name: LDef(d, ctx)})
                e = e.body
                continue
            if isinstance(e, A.OpApp) and e.inst_args:
                inst = self.instance_body(e, ctx)   # I(2)!Spec: the instance's Spec (gh1134, Github687)
                if inst is None or self._level(e, ctx) < 3:
                    return e, ctx
                e, ctx = inst
                continue
            name = e.name if isinstance(e, A.Name) else (
                e.op if isinstance(e, A.OpApp) and (e.op[:1].isalpha() or e.op[:1] == "_") and not e.inst_args
                else None)
            if name is None:
                return e, ctx
            loc = ctx.locals.get(name)
            if loc is not None:
                if isinstance(loc, LExpr) and not (isinstance(e, A.OpApp) and e.args):
                    e, ctx = loc.expr, loc.ctx
                    continue
                return e, ctx
            try:
                ent, _env = self.comp.resolve(name, ctx, e)
            except CompileError:
                return e, ctx
            if not isinstance(ent, E.DefEntry):
                return e, ctx
            args = e.args if isinstance(e, A.OpApp) else ()
            if len(args) != len(ent.unit.params):
                return e, ctx
            if self._level(e, ctx) < 3:  # not temporal: an atom
                return e, ctx
            binds = {p.name: LExpr(operator_arg(a, p.arity), ctx) for p, a in zip(ent.unit.params, args)}
            ctx = Ctx(ent.env, locals=binds)
            e = ent.unit.body
        return e, ctx

    def instance_body(self, e: A.OpApp, ctx) -> tuple[A.Expr, Ctx] | None:
        """``I(a)!Op(b)`` with ``I(p) == INSTANCE M ...``: Op's body in M instantiated with p bound
        to a (by name, as the compiler's ``inst_call`` does), or None if it is not of that form."""
        inst, _, opname = e.op.partition("!")
        ent = ctx.env.lookup(inst) if inst not in ctx.locals else None
        if not isinstance(ent, E.InstEntry) or "!" in opname or len(e.inst_args) != 1:
            return None
        params = ent.unit.params
        if len(params) != len(e.inst_args[0]):
            return None
        locs = {p.name: LExpr(a, ctx) for p, a in zip(params, e.inst_args[0])}
        ienv = self.comp.builder.instantiate(ent.unit, ent.env, {n: LocalEntry(n, loc) for n, loc in locs.items()})
        target = ienv.lookup(opname)
        if not isinstance(target, E.DefEntry) or len(target.unit.params) != len(e.args):
            return None
        binds = {p.name: LExpr(operator_arg(a, p.arity), ctx) for p, a in zip(target.unit.params, e.args)}
        return target.unit.body, Ctx(target.env, locals={**locs, **binds})

    def tl(self, e: A.Expr, ctx, neg: bool = False) -> tuple:
        """The NNF of e (of ~e when neg)."""
        e, ctx = self.unfold(e, ctx)
        lv = self._level(e, ctx)
        cc = self.constant_ctx(e, ctx) if lv == 0 else None
        if cc is not None:
            return TRUE if self.constant(e, cc) != neg else FALSE
        if lv <= 1:
            return ("S", self.atom(e, ctx, "S"), not neg)
        if lv == 2:
            return ("A", self.atom(e, ctx, "A"), not neg)
        t = type(e)
        if t is A.Junction or t is A.OpApp and e.op in ("/\\", "\\/") and len(e.args) == 2:
            kind = e.kind if t is A.Junction else e.op
            items = e.items if t is A.Junction else e.args
            conj = (kind == "/\\") != neg
            out = TRUE if conj else FALSE
            for it in items:
                f = self.tl(it, ctx, neg)
                out = f_and(out, f) if conj else f_or(out, f)
            return out
        if t is A.OpApp:
            op, args = e.op, e.args
            if op == "~":
                return self.tl(args[0], ctx, not neg)
            if op == "=>":
                a, b = self.tl(args[0], ctx, True), self.tl(args[1], ctx, False)
                return f_and(self.tl(args[0], ctx, False), self.tl(args[1], ctx, True)) if neg else f_or(a, b)
            if op == "<=>" or op == "\\equiv":
                pa, pb = self.tl(args[0], ctx), self.tl(args[1], ctx)
                na, nb = self.tl(args[0], ctx, True), self.tl(args[1], ctx, True)
                if neg:
                    return f_or(f_and(pa, nb), f_and(na, pb))
                return f_or(f_and(pa, pb), f_and(na, nb))
            if op == "[]":
                a = self.tl(args[0], ctx, neg)
                return eventually(a) if neg else always(a)
            if op == "<>":
                a = self.tl(args[0], ctx, neg)
                return always(a) if neg else eventually(a)
            if op == "~>":
                # P ~> Q == [](P => <>Q); negated: <>(P /\ []~Q)
                p = self.tl(args[0], ctx, False)
                if neg:
                    return eventually(f_and(p, always(self.tl(args[1], ctx, True))))
                return always(f_or(self.tl(args[0], ctx, True), eventually(self.tl(args[1], ctx, False))))
        if t is A.BoxAction:
            sub = A.ActionSub("[]", e.action, e.sub, span=e.span)
            a = self.tl(sub, ctx, neg)
            return eventually(a) if neg else always(a)
        if t is A.Fairness:
            en = fairness_enabled(e)
            step = A.ActionSub("<<>>", e.action, e.sub, span=e.span)
            # WF: []<>~EN \/ []<>STEP ;  SF: <>[]~EN \/ []<>STEP
            ei, si = self.atom(en, ctx, "S"), self.atom(step, ctx, "A")
            self.spec.atoms[ei].graph_step = si
            EN, NEN, ST, NST = ("S", ei, True), ("S", ei, False), ("A", si, True), ("A", si, False)
            if e.kind == "WF":
                pos = f_or(always(eventually(NEN)), always(eventually(ST)))
                negf = f_and(eventually(always(EN)), eventually(always(NST)))
            else:
                pos = f_or(eventually(always(NEN)), always(eventually(ST)))
                negf = f_and(always(eventually(EN)), eventually(always(NST)))
            return negf if neg else pos
        if t is A.Quant and e.kind in ("\\A", "\\E"):
            parts = self._expand(e, ctx)
            conj = (e.kind == "\\A") != neg
            out = TRUE if conj else FALSE
            for b, c in parts:
                f = self.tl(b, c, neg)
                out = f_and(out, f) if conj else f_or(out, f)
            return out
        if t is A.If:
            c = self.tl(e.cond, ctx)
            nc = self.tl(e.cond, ctx, True)
            return f_or(f_and(c, self.tl(e.then, ctx, neg)), f_and(nc, self.tl(e.else_, ctx, neg)))
        raise ConfigError(f"mcheck cannot check this temporal formula: {_src(e)[:80]}", e.span)

    def conjuncts(self, e: A.Expr, ctx) -> list[tuple[A.Expr, Any]]:
        """The top-level conjuncts of a temporal formula (each is checked on its own, as TLC does)."""
        e, ctx = self.unfold(e, ctx)
        parts = self._conj_parts(e, ctx)
        if parts is None:
            return [(e, ctx)]
        out = []
        for p, c in parts:
            out += self.conjuncts(p, c)
        return out


def _src(e: A.Expr) -> str:
    try:
        return print_expr(e)
    except Exception:
        return type(e).__name__


def operator_arg(a: A.Expr, arity: int) -> A.Expr:
    """The argument of a higher-order parameter ``ns(_)``: an operator's name becomes
    ``LAMBDA x : Op(x)``, so that ``ns(e)`` applies it (a RECURSIVE one too: Github1161)."""
    if arity == 0 or isinstance(a, A.Lambda):
        return a
    name = a.name if isinstance(a, A.Name) else (a.op if isinstance(a, A.OpApp) and not a.args else None)
    if name is None:
        return a
    params = tuple(f"_arg{i}" for i in range(arity))
    inst = a.inst_args if isinstance(a, A.OpApp) else ()
    return A.Lambda(params, A.OpApp(name, tuple(A.Name(p, span=a.span) for p in params), inst, span=a.span),
                    span=a.span)
