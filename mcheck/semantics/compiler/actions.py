"""Actions to generator functions, in continuation-passing style (see ``core``): Init, each action, Next."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...syntax import ast as A
from .. import env as E
from ..levels import ACTION, CONSTANT, STATE
from .context import CompileError, Ctx, LDef, LExpr, LFcn, LOp, LVal, Out
from .names import BUILTIN_CONSTANTS, child_env
from .operators import BUILTIN_OPS
from .tree import count_mentions, mentions, pyname, span_text


def _conj_check(ctx: Ctx) -> str:
    """The runtime check of a condition among an action's conjuncts (TLC's Tool.getInitStates/getNextStates)."""
    return "init_conj" if ctx.mode == "init" else "next_conj"


def _all_vars_assigned(ctx: Ctx, nvars: int) -> bool:
    return len(ctx.assigned) == nvars


INLINE_DEPTH = 12
"""How many times a recursive operator used as an action is inlined into itself (see _inline_action)."""


class Actions:
    """Part of ``Compiler``: an action, or the initial predicate, to a generator of states."""

    def action_function(self, body: A.Expr, ctx: Ctx, params: list[str], name: str) -> str:
        """Compile an action (or Init, with ctx.mode == "init") to a generator function; returns its name."""
        fn = self.emitter.fresh(f"a_{pyname(name)}_")
        out = Out()
        out.emit(0, f"def {fn}(s{''.join(', ' + p for p in params)}):")
        ctx = replace(ctx, exit="return", assigned=())
        self.act(body, ctx, lambda c, o, ind: self.yield_state(c, o, ind), out, 1)
        out.emit(1, "return")
        out.emit(1, "yield")
        self.emitter.define_source(out.text())
        return fn

    def next_function(self, leaves: list[tuple[A.Expr, Ctx, list[tuple[str, Any]]]]) -> str:
        """All actions in one generator, in TLC's order: one call per state instead of one per action.

        It yields ``(i, t)``: the successor ``t`` and the index ``i`` of the action (leaf) that produced
        it, so that a trace is labelled without re-running the actions.  Each action runs inside a
        one-pass loop so that a failed guard can ``break`` out of it; the constants an action was
        split on are assigned before its code.
        """
        fn = self.emitter.fresh("next_all_")
        out = Out()
        out.emit(0, f"def {fn}(s):")
        for ai, (expr, ctx, binds) in enumerate(leaves):
            out.emit(1, "for _once in ONCE:")
            # the constants this action was split on go into the code as literals
            consts = {py: (self.emitter.value(v), v) for py, v in binds}
            locs = {k: (LVal(*consts[l.py][:1], True, consts[l.py][1]) if isinstance(l, LVal) and l.py in consts
                        else l) for k, l in ctx.locals.items()}
            ctx = replace(ctx, locals=locs, exit="break", assigned=())
            self.act(expr, ctx, lambda c, o, ind, ai=ai: self.yield_state(c, o, ind, tag=ai), out, 2)
        out.emit(1, "return")
        out.emit(1, "yield")
        self.emitter.bind("ONCE", (0,))
        self.emitter.define_source(out.text())
        return fn

    def yield_state(self, ctx: Ctx, out: Out, ind: int, tag: int | None = None) -> None:
        """Emit the end of an action path: yield the next state (``(tag, state)`` when tagged), or
        report the variables the path left unassigned."""
        missing = [self.variables[i] for i in range(self.nvars) if i not in ctx.assigned]
        if missing:
            partial = "".join((f"n{i}, " if i in ctx.assigned else "NULL, ") for i in range(self.nvars))
            out.emit(ind, f"unassigned(({partial}), {', '.join(repr(m) for m in missing)})")
        else:
            state = "(" + "".join(f"n{i}, " for i in range(self.nvars)) + ")"
            out.emit(ind, f"yield {state}" if tag is None else f"yield ({tag}, {state})")

    def guard(self, code: str, ctx: Ctx, out: Out, ind: int) -> None:
        out.emit(ind, f"if not ({code}): {ctx.exit}")

    def act(self, e: A.Expr, ctx: Ctx, k, out: Out, ind: int) -> None:
        """Emit code that enumerates the ways e can hold, calling k for each."""
        t = type(e)
        if t is A.Label:
            return self.act(e.body, ctx, k, out, ind)
        if t is A.Junction and e.kind == "/\\" or t is A.OpApp and e.op == "/\\" and len(e.args) == 2 \
                and "/\\" not in ctx.locals:
            items = e.items if t is A.Junction else e.args
            return self._conj(list(items), ctx, k, out, ind)
        if _all_vars_assigned(ctx, self.nvars):
            self.guard(self.bool_code(e, ctx, _conj_check(ctx)), ctx, out, ind)
            return k(ctx, out, ind)
        # TLC branches on a disjunction or \E reached while some primed variable is unbound,
        # even when it has no primes inside (TLC-SEMANTICS.md §4, Dup2): the counts depend on it.
        if t is A.Junction or t is A.OpApp and e.op == "\\/" and len(e.args) == 2 and "\\/" not in ctx.locals:
            items = e.items if t is A.Junction else e.args
            return self._disj(list(items), ctx, k, out, ind)
        if t is A.Quant and e.kind == "\\E":
            return self._exists(list(e.bounds), e.body, ctx, k, out, ind)
        if t is A.Quant and e.kind == "\\A" and not self._is_guard(e, ctx) \
                and self._forall(e, ctx, k, out, ind) is not NotImplemented:
            return None
        if self._is_guard(e, ctx) and not self._branches(e, ctx, {}, 0):
            self.guard(self.bool_code(e, ctx, _conj_check(ctx)), ctx, out, ind)
            return k(ctx, out, ind)
        if t is A.OpApp and e.op == "=>" and len(e.args) == 2 and "=>" not in ctx.locals:
            # TLC: P => Q goes on with Q when P holds, and with the rest when it does not
            p, q = e.args
            return self._disj([A.OpApp("~", (p,), span=e.span), A.Junction("/\\", (p, q), span=e.span)],
                              ctx, k, out, ind)
        if t is A.If:
            return self._act_if(e, ctx, k, out, ind)
        if t is A.Case:
            return self._act_case(e, ctx, k, out, ind)
        if t is A.Let:
            return self._let_action(e, ctx, k, out, ind)
        if t is A.ActionSub:
            return self._act_sub(e, ctx, k, out, ind)
        if t is A.OpApp and self._act_opapp(e, ctx, k, out, ind) is not NotImplemented:
            return None
        if t is A.Name and self._act_name(e, ctx, k, out, ind) is not NotImplemented:
            return None
        if t is A.FcnApp and self._act_fcnapp(e, ctx, k, out, ind) is not NotImplemented:
            return None
        # anything else is a condition
        self.guard(self.bool_code(e, ctx, _conj_check(ctx)), ctx, out, ind)
        return k(ctx, out, ind)

    def _act_if(self, e: A.If, ctx: Ctx, k, out: Out, ind: int) -> None:
        out.emit(ind, f"if {self.bool_code(e.cond, ctx, 'if_cond')}:")
        self.act(e.then, ctx, k, out, ind + 1)
        out.emit(ind, "else:")
        self.act(e.else_, ctx, k, out, ind + 1)

    def _act_case(self, e: A.Case, ctx: Ctx, k, out: Out, ind: int) -> None:
        for i, arm in enumerate(e.arms):
            out.emit(ind, f"{'if' if i == 0 else 'elif'} {self.bool_code(arm.guard, ctx, 'case_guard')}:")
            self.act(arm.expr, ctx, k, out, ind + 1)
        out.emit(ind, "else:")
        if e.other is not None:
            self.act(e.other, ctx, k, out, ind + 1)
        else:
            out.emit(ind + 1, f"case_fail({span_text(e)!r})")

    def _act_sub(self, e: A.ActionSub, ctx: Ctx, k, out: Out, ind: int) -> None:
        """``[A]_v`` is ``A \\/ UNCHANGED v``; ``<<A>>_v`` is ``A /\\ v' # v``."""
        if e.kind == "[]":
            return self._disj([e.action, A.OpApp("UNCHANGED", (e.sub,), span=e.span)], ctx, k, out, ind)
        neq = A.OpApp("#", (A.OpApp("'", (e.sub,), span=e.span), e.sub), span=e.span)
        return self._conj([e.action, neq], ctx, k, out, ind)

    def _act_opapp(self, e: A.OpApp, ctx: Ctx, k, out: Out, ind: int):
        """``x' = e`` and ``x' \\in S`` binding x, UNCHANGED, an operator inlined; NotImplemented: a condition."""
        op = e.op
        if op == "\\subseteq" and len(e.args) == 2 and op not in ctx.locals and self._primed_var(
                e.args[0], ctx) not in (None, *ctx.assigned):   # TLC binds x' \subseteq S as x' \in SUBSET S
            e = A.OpApp("\\in", (e.args[0], A.OpApp("SUBSET", (e.args[1],), span=e.span)), span=e.span)
            op = "\\in"
        if op in ("=", "\\in") and len(e.args) == 2 and op not in ctx.locals:
            idx = self._primed_var(e.args[0], ctx)
            if idx is not None and idx not in ctx.assigned:
                if op == "=":
                    out.emit(ind, f"n{idx} = {self.expr(e.args[1], ctx)}")
                    return k(replace(ctx, assigned=ctx.assigned + (idx,)), out, ind)
                src = self.hexpr(e.args[1], ctx)
                out.emit(ind, f"for n{idx} in {self._enum_in(src, e, ctx)}:")
                return k(replace(ctx, assigned=ctx.assigned + (idx,), exit="continue"), out, ind + 1)
        if op == "UNCHANGED" and ctx.mode != "init":
            return self._unchanged(e.args[0], ctx, k, out, ind)
        if op == "\\cdot" and ctx.mode == "action" and len(e.args) == 2 and op not in ctx.locals:
            return self._compose(e.args[0], e.args[1], ctx, k, out, ind)
        if op in ctx.locals:
            loc = ctx.locals[op]
            if isinstance(loc, LDef):
                return self._inline_action(loc.unit, loc.ctx, e.args, ctx, k, out, ind, e)
            if isinstance(loc, LExpr) and not e.args:
                return self.act(loc.expr, self._sub_ctx(loc.ctx, ctx), k, out, ind)
        elif op not in BUILTIN_OPS or e.inst_args:
            return self._act_entry(self._entry_for(op, ctx, e), e.args, ctx, k, out, ind, e)
        return NotImplemented

    def _act_name(self, e: A.Name, ctx: Ctx, k, out: Out, ind: int):
        """A parameter or a definition naming an action, inlined; NotImplemented: a condition."""
        loc = ctx.locals.get(e.name)
        if isinstance(loc, LExpr):
            return self.act(loc.expr, self._sub_ctx(loc.ctx, ctx), k, out, ind)
        if isinstance(loc, LDef):
            return self._inline_action(loc.unit, loc.ctx, (), ctx, k, out, ind, e)
        if loc is None and e.name not in BUILTIN_CONSTANTS:
            return self._act_entry(self._entry_for(e.name, ctx, e), (), ctx, k, out, ind, e)
        return NotImplemented

    def _compose(self, a: A.Expr, b: A.Expr, ctx: Ctx, k, out: Out, ind: int) -> None:
        """``A \\cdot B``: the steps s -> u with a state t such that s -> t is an A step and t -> u a
        B step (TLC evaluates it in actions).  A's successors come from one local generator, B's from
        another run on each of them; the variables already bound must agree with u."""
        first, second, mid, t = (self.emitter.fresh(p) for p in ("_ca", "_cb", "_m", "_t"))
        for fn, body, arg, state in ((first, a, "", ctx.state), (second, b, mid, mid)):
            out.emit(ind, f"def {fn}({arg}):")
            self.act(body, replace(ctx, exit="return", assigned=(), state=state),
                     lambda c, o, i: self.yield_state(c, o, i), out, ind + 1)
            out.emit(ind + 1, "return")
            out.emit(ind + 1, "yield")
        out.emit(ind, f"for {mid} in {first}():")
        out.emit(ind + 1, f"for {t} in {second}({mid}):")
        for i in range(self.nvars):
            if i in ctx.assigned:
                out.emit(ind + 2, f"if not (n{i} == {t}[{i}]): continue")
            else:
                out.emit(ind + 2, f"n{i} = {t}[{i}]")
        k(replace(ctx, assigned=tuple(range(self.nvars)), exit="continue"), out, ind + 2)

    def _conj(self, items: list, ctx: Ctx, k, out: Out, ind: int) -> None:
        if not items:
            return k(ctx, out, ind)
        first, rest = items[0], items[1:]
        # the rest of the conjunction is compiled in this scope, whatever scope the first conjunct ended in
        self.act(first, ctx, lambda c, o, i: self._conj(rest, replace(ctx, assigned=c.assigned, exit=c.exit),
                                                         k, o, i), out, ind)

    def _disj(self, items: list, ctx: Ctx, k, out: Out, ind: int) -> None:
        if len(items) == 1:
            return self.act(items[0], ctx, k, out, ind)
        for item in items:
            fn = self.emitter.fresh("_b")
            out.emit(ind, f"def {fn}():")
            self.act(item, replace(ctx, exit="return"), k, out, ind + 1)
            out.emit(ind + 1, "return")
            out.emit(ind + 1, "yield")
            out.emit(ind, f"yield from {fn}()")

    def _enum_in(self, src: str, e: A.OpApp, ctx: Ctx) -> str:
        """The elements of the right side of ``x' \\in S``; in diagnosis mode, TLC's message when
        S is not enumerable, located at the whole ``x' \\in S``."""
        if not self.checked:
            return self.constant_elements(src) or f"enum({src})"
        where = "initial" if ctx.mode == "init" else "next"
        msg = f"In computing {where} states, the right side of \\IN is not enumerable."
        return self.located(f"R.enum_or_fail({src}, {msg!r}, False)", e)

    def _exists(self, bounds: list, body, ctx: Ctx, k, out: Out, ind: int) -> None:
        if not bounds:
            return self.act(body, ctx, k, out, ind)
        b = bounds[0]
        it = self.bound_iter(b, ctx, ordered=True)
        rest = [A.Quant("\\E", tuple(bounds[1:]), body)] if len(bounds) > 1 else [body]
        hoisted = self.loop_invariants(rest, list(b.names), ctx)
        for h, code in hoisted:   # the body's loop invariants, once per entry (hoist.py)
            out.emit(ind, f"{h} = Thunk(lambda: {code})")
        try:
            self._exists_loop(b, it, bounds, body, ctx, k, out, ind)
        finally:
            self.end_hoisting(hoisted)

    def _exists_loop(self, b, it: str, bounds: list, body, ctx: Ctx, k, out: Out, ind: int) -> None:
        if b.tuple_:
            pys = [self.emitter.fresh("v_") for _ in b.names]
            out.emit(ind, f"for ({''.join(p + ', ' for p in pys)}) in {it}:")
            inner = ctx.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            inner = replace(inner, exit="continue")
            return self._exists(bounds[1:], body, inner, k, out, ind + 1)
        # \E x, y \in S : one loop per name
        names = list(b.names)
        inner = ctx
        for n in names:
            py = self.emitter.fresh("v_")
            out.emit(ind, f"for {py} in {it}:")
            inner = replace(inner.with_locals({n: LVal(py)}), exit="continue")
            ind += 1
        return self._exists(bounds[1:], body, inner, k, out, ind)

    def _forall(self, e: A.Quant, ctx: Ctx, k, out: Out, ind: int):
        """``\\A x \\in S : P`` that binds variables, as TLC evaluates it: P for S's first element (which
        may bind them), then P as a condition for each other element; vacuously true when S is empty
        (AssignmentInit's ``\\A val \\in S : var = val /\\ var \\in S``)."""
        b = e.bounds[0] if len(e.bounds) == 1 else None
        if b is None or b.tuple_ or len(b.names) != 1 or b.set is None:
            return NotImplemented
        name = b.names[0]
        elems, first = self.emitter.fresh("_all"), self.emitter.fresh("v_")
        out.emit(ind, f"{elems} = list({self.bound_iter(b, ctx, ordered=True)})")
        out.emit(ind, f"if not {elems}:")
        k(ctx, out, ind + 1)
        out.emit(ind, "else:")
        out.emit(ind + 1, f"{first} = {elems}[0]")

        def rest(c: Ctx, o: Out, i: int) -> None:
            other = self.emitter.fresh("v_")
            cond = self.expr(e.body, c.with_locals({name: LVal(other)}))
            o.emit(i, f"if not all(({cond}) for {other} in {elems}[1:]): {c.exit}")
            k(replace(ctx, assigned=c.assigned, exit=c.exit), o, i)

        self.act(e.body, ctx.with_locals({name: LVal(first)}), rest, out, ind + 1)

    def _let_action(self, e: A.Let, ctx: Ctx, k, out: Out, ind: int) -> None:
        inner = ctx
        for d in e.defs:
            if isinstance(d, A.Recursive):
                continue
            if isinstance(d, A.OpDef) and not d.params and self.level(d.body, inner) >= (
                    STATE if inner.mode == "init" else ACTION):
                # LET zz == x IN ... in Init (zz == x' in an action): zz names x, which the action may
                # yet bind, through zz too (Github798I)
                inner = inner.with_locals({d.name: LExpr(d.body, inner)})
            elif isinstance(d, A.OpDef) and (d.params or self.level(d.body, inner) >= ACTION):
                if d.params and self.level(d.body, inner.with_locals({p.name: LVal('_') for p in d.params})) < ACTION \
                        and not any(p.arity for p in d.params):
                    py = self.emitter.fresh("o_")
                    pys = [self.emitter.fresh("p_") for _ in d.params]
                    rec_ctx = inner.with_locals({d.name: LOp(py, len(d.params))})
                    body = self.expr(d.body, rec_ctx.with_locals({p.name: LVal(q) for p, q in zip(d.params, pys)}))
                    lam = f"(lambda {', '.join(pys)}: {body})"
                    if mentions(d.body, d.name):
                        lam = f"fix(lambda {py}: {lam})"
                    out.emit(ind, f"{py} = {lam}")
                    inner = rec_ctx
                else:
                    inner = inner.with_locals({d.name: LDef(d, inner)})
            elif isinstance(d, A.OpDef) and type(d.body) in (A.Num, A.Str, A.Bool, A.Name):
                # LET seq == next_sequence: the value is read where it is used, as cheap as a cell's
                inner = inner.with_locals({d.name: LExpr(d.body, inner)})
            elif isinstance(d, A.OpDef):
                uses = count_mentions(e.body, d.name) + sum(
                    count_mentions(dd.body, d.name) for dd in e.defs if isinstance(dd, (A.OpDef, A.FcnDef)))
                py, code, loc = self.lazy_let(d, inner, uses)
                out.emit(ind, f"{py} = {code}")
                inner = inner.with_locals({d.name: loc})
            elif isinstance(d, A.Instance) and d.name is not None:
                inner = replace(inner, env=child_env(inner.env, d))
            elif isinstance(d, A.FcnDef):
                py = self.emitter.fresh("f_")
                rec_ctx = inner.with_locals({d.name: LFcn(py)})
                out.emit(ind, f"{py} = V.LazyFcn({self._domain_code(d.bounds, rec_ctx)}, None)")
                out.emit(ind, f"{py}.fn = {self._bound_lambda(d.bounds, d.body, rec_ctx)}")
                inner = rec_ctx
        return self.act(e.body, inner, k, out, ind)

    def _unchanged(self, arg: A.Expr, ctx: Ctx, k, out: Out, ind: int) -> None:
        leaves = self._unchanged_leaves(arg, ctx)
        c = ctx
        for leaf, lctx in leaves:
            idx = self._var_index(leaf, lctx)
            if idx is not None and idx not in c.assigned:
                out.emit(ind, f"n{idx} = {ctx.state}[{idx}]")
                c = replace(c, assigned=c.assigned + (idx,))
            elif idx is not None:
                self.guard(f"n{idx} == {ctx.state}[{idx}]", c, out, ind)
            else:
                lc = self._sub_ctx(lctx, c)
                self.guard(f"{self.expr(leaf, replace(lc, primed=True))} == {self.expr(leaf, lc)}", c, out, ind)
        return k(c, out, ind)

    def _unchanged_leaves(self, e: A.Expr, ctx: Ctx) -> list:
        """Split ``UNCHANGED <<x, vars, ...>>`` into its variables, looking through definitions."""
        if isinstance(e, A.Tuple):
            out = []
            for x in e.elems:
                out.extend(self._unchanged_leaves(x, ctx))
            return out
        name = e.name if isinstance(e, A.Name) else (
            e.op if isinstance(e, A.OpApp) and not e.args and not e.inst_args else None)
        if name is not None:
            loc = ctx.locals.get(name)
            if isinstance(loc, LExpr):
                return self._unchanged_leaves(loc.expr, loc.ctx)
            if loc is None:
                ent = self._entry_for(name, ctx, e)
                if isinstance(ent, E.DefEntry) and not ent.unit.params:
                    return self._unchanged_leaves(ent.unit.body, Ctx(ent.env))
                if isinstance(ent, E.SubstEntry):
                    return self._unchanged_leaves(ent.expr, Ctx(ent.env))
        return [(e, ctx)]

    def _inline_action(self, unit: A.OpDef, dctx: Ctx, args, ctx: Ctx, k, out: Out, ind: int,
                       node: A.Expr | None = None) -> None:
        """Inline an operator that is an action.  A recursive one is inlined ``INLINE_DEPTH`` times
        (its argument is not known while compiling); past that, the call is a condition evaluated at
        run time, so that compiling ends (TLC evaluates such an Init or Next by recursion)."""
        inlining = self.__dict__.setdefault("_inlining", {})  # id of an operator -> how deep
        depth = inlining.get(id(unit), 0)
        if depth >= INLINE_DEPTH and node is not None:
            self.guard(self.expr(node, ctx), ctx, out, ind)
            return k(ctx, out, ind)
        inlining[id(unit)] = depth + 1
        try:
            return self._inline_body(unit, dctx, args, ctx, k, out, ind)
        finally:
            inlining[id(unit)] = depth

    def _inline_body(self, unit: A.OpDef, dctx: Ctx, args, ctx: Ctx, k, out: Out, ind: int) -> None:
        binds = {}
        for p, a in zip(unit.params, args):
            if isinstance(a, (A.Name, A.Num, A.Str, A.Bool)) or p.arity > 0 or self.level(a, ctx) >= ACTION:
                binds[p.name] = LExpr(a, ctx) if not (p.arity > 0 and isinstance(a, A.Lambda)) else LOp(
                    self.arg_code(a, ctx), p.arity)
            else:
                py = self.emitter.fresh("p_")
                out.emit(ind, f"{py} = {self.expr(a, ctx)}")
                binds[p.name] = LVal(py)
        inner = self._sub_ctx(dctx.with_locals(binds), ctx)
        return self.act(unit.body, inner, k, out, ind)

    def _act_fcnapp(self, e: A.FcnApp, ctx: Ctx, k, out: Out, ind: int):
        """``N[i]`` with ``N[n \\in S] == UNCHANGED x``: TLC evaluates a function whose values are
        actions lazily, in the action (coverage/I); its body is inlined as an operator's would be.
        NotImplemented: any other application (a condition)."""
        found = self.applied_fcndef(e, ctx)
        if found is None:
            return NotImplemented
        ent, names = found
        if self.level(ent.unit.body, Ctx(ent.env).with_locals({n: LVal("_") for n in names})) < ACTION:
            return NotImplemented
        as_op = self.__dict__.setdefault("_fcn_ops", {})
        unit = as_op.get(id(ent.unit))
        if unit is None:
            unit = as_op[id(ent.unit)] = A.OpDef(ent.unit.name, tuple(A.Param(n) for n in names), ent.unit.body,
                                                 span=ent.unit.span)
        return self._inline_action(unit, Ctx(ent.env), e.args, ctx, k, out, ind, e)

    def _act_entry(self, ent, args, ctx: Ctx, k, out: Out, ind: int, node):
        if isinstance(ent, E.DefEntry):
            if len(ent.unit.params) != len(args):
                raise CompileError(f"operator '{ent.name}' takes {len(ent.unit.params)} argument(s), "
                                   f"given {len(args)}", node.span)
            return self._inline_action(ent.unit, Ctx(ent.env), args, ctx, k, out, ind, node)
        if isinstance(ent, E.SubstEntry) and not args:
            return self.act(ent.expr, self._sub_ctx(Ctx(ent.env), ctx), k, out, ind)
        return NotImplemented

    def _entry_for(self, name: str, ctx: Ctx, node) -> E.Entry | None:
        if E.is_path(name):
            try:
                return self.resolve(name, ctx, node)[0] if not getattr(node, "inst_args", ()) else None
            except CompileError:
                return None
        return ctx.env.lookup(name)

    def _sub_ctx(self, inner: Ctx, outer: Ctx) -> Ctx:
        return replace(inner, mode=outer.mode, state=outer.state, nxt=outer.nxt, assigned=outer.assigned,
                       primed=outer.primed, exit=outer.exit)

    def _branches(self, e: A.Expr, ctx: Ctx, lets: dict, depth: int) -> bool:
        """Whether TLC branches inside the condition ``e`` (no primes), reached in an action while a
        primed variable is unbound.  Its Tool.getNextStates goes into /\\, IF, CASE, LET, => and
        user-defined operators, and enumerates each witness of an \\E and each true disjunct: so
        ``(\\E i \\in 1..3 : P(i)) /\\ x' = 0`` is three successors, also when the \\E is inside an
        operator (PaxosCommit's Decide).  A constant-level 0-ary definition is a value TLC computed
        at start-up, and a native operator is evaluated: neither branches."""
        if depth > INLINE_DEPTH:
            return False
        t = type(e)
        if t is A.Label:
            return self._branches(e.body, ctx, lets, depth)
        if t is A.Junction:
            return e.kind == "\\/" or any(self._branches(x, ctx, lets, depth) for x in e.items)
        if t is A.Quant:
            return e.kind == "\\E"
        if t is A.If:
            return self._branches(e.then, ctx, lets, depth) or self._branches(e.else_, ctx, lets, depth)
        if t is A.Case:
            return any(self._branches(x, ctx, lets, depth)
                       for x in [a.expr for a in e.arms] + ([e.other] if e.other is not None else []))
        if t is A.Let:
            inner = dict(lets)
            inner.update((d.name, d) for d in e.defs if isinstance(d, A.OpDef))
            return self._branches(e.body, ctx, inner, depth)
        if t is A.OpApp and e.op in ("/\\", "\\/", "=>") and len(e.args) == 2 and e.op not in ctx.locals:
            return e.op == "\\/" or any(self._branches(x, ctx, lets, depth) for x in e.args[e.op == "=>":])
        if t is A.OpApp and not e.inst_args or t is A.Name:
            return self._op_branches(e.op if t is A.OpApp else e.name, e, ctx, lets, depth)
        return False

    def _op_branches(self, name: str, node: A.Expr, ctx: Ctx, lets: dict, depth: int) -> bool:
        """``_branches`` of what the operator ``name`` stands for."""
        if name in lets:
            return self._branches(lets[name].body, ctx, lets, depth + 1)
        loc = ctx.locals.get(name)
        if isinstance(loc, (LExpr, LDef)):
            body, lctx = (loc.expr, loc.ctx) if isinstance(loc, LExpr) else (loc.unit.body, loc.ctx)
            return self._branches(body, lctx, {}, depth + 1)
        if loc is not None or name in BUILTIN_OPS or name in BUILTIN_CONSTANTS:
            return False
        ent = self._entry_for(name, ctx, node)
        if isinstance(ent, E.SubstEntry):
            return self._branches(ent.expr, Ctx(ent.env), {}, depth + 1)
        if not isinstance(ent, E.DefEntry) or not ent.unit.params and self.levels.of_entry(ent) == CONSTANT:
            return False
        memo = self.__dict__.setdefault("_branching", {})   # id of an operator -> whether its body branches
        if id(ent.unit) not in memo:
            memo[id(ent.unit)] = False   # a recursive operator: its own use does not branch
            memo[id(ent.unit)] = self._branches(ent.unit.body, Ctx(ent.env), {}, depth + 1)
        return memo[id(ent.unit)]

    def _is_guard(self, e: A.Expr, ctx: Ctx) -> bool:
        """True when e cannot bind a variable: no primes (action mode), no unbound variable (init)."""
        if ctx.mode == "init":
            return False
        return self.level(e, ctx) < ACTION

    def _primed_var(self, e: A.Expr, ctx: Ctx, depth: int = 0) -> int | None:
        """The index of the variable that e names as x' (action mode) or x (init mode), if it does."""
        while isinstance(e, A.Name) and isinstance(ctx.locals.get(e.name), LExpr):
            loc = ctx.locals[e.name]
            e, ctx = loc.expr, self._sub_ctx(loc.ctx, ctx)
        if ctx.mode == "init":
            target = e
        else:
            if not (isinstance(e, A.OpApp) and e.op == "'" and len(e.args) == 1):
                # TLC's getPrimedVar looks through 0-ary definitions (I!F with F == x', Github725c)
                ent = self._nullary_def(e, ctx) if depth < 64 else None
                return self._primed_var(ent.unit.body, Ctx(ent.env, mode=ctx.mode), depth + 1) if ent else None
            target = e.args[0]
        return self._var_index(target, ctx)

    def _nullary_def(self, e: A.Expr, ctx: Ctx) -> E.DefEntry | None:
        """The 0-ary definition ``e`` names, if it names one."""
        name = e.name if isinstance(e, A.Name) else (
            e.op if isinstance(e, A.OpApp) and not e.args and not e.inst_args else None)
        if name is None or name in ctx.locals:
            return None
        try:
            ent, _ = self.resolve(name, ctx, e)
        except CompileError:
            return None
        return ent if isinstance(ent, E.DefEntry) and not ent.unit.params else None

    def _var_index(self, target: A.Expr, ctx: Ctx) -> int | None:
        for _ in range(64):   # bounded: a cyclic 0-ary definition names no variable
            if isinstance(target, A.Label):
                target = target.body
                continue
            name = target.name if isinstance(target, A.Name) else (
                target.op if isinstance(target, A.OpApp) and not target.args and not target.inst_args else None)
            if name is None:
                return None
            loc = ctx.locals.get(name)
            if loc is not None:
                if isinstance(loc, LExpr):
                    target, ctx = loc.expr, loc.ctx
                    continue
                return None
            try:
                ent, _ = self.resolve(name, ctx, target)
            except CompileError:
                return None
            if isinstance(ent, E.VarEntry):
                return ent.index
            if isinstance(ent, E.SubstEntry):
                target, ctx = ent.expr, Ctx(ent.env)
                continue
            if isinstance(ent, E.DefEntry) and not ent.unit.params:
                # TLC's getVar looks through 0-ary definitions too (I!F' with F == x, Github725e)
                target, ctx = ent.unit.body, Ctx(ent.env, mode=ctx.mode)
                continue
            return None
        return None
