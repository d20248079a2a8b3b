"""Function definitions ``f[x \\in S] == e`` to code: the (memoised, possibly recursive) function value,
and an application ``f[a]`` of a state-level one at its point alone, as TLC applies its lazy value."""
from __future__ import annotations

from ...syntax import ast as A
from .. import env as E
from ..levels import CONSTANT, STATE
from .context import CompileError, Ctx, LFcn, LVal
from .tree import mentions, pyname


class FunctionDefs:
    """Mixed into the ``Compiler`` (core.py): needs ``resolve``, ``expr``, ``hexpr``, ``state_code``,
    ``levels``, ``emitter`` and the definitions' cache ``_def_cache``."""

    def fcndef_code(self, ent: E.FcnDefEntry, ctx: Ctx) -> str:
        """A function definition ``f[x \\in S] == e`` (possibly recursive): a memoised function value."""
        key = id(ent)
        fn = self._def_cache.get(key)
        lv = self.levels.of_entry(ent)
        if fn is None:
            fn = self.emitter.fresh(f"f_{pyname(ent.name)}_")
            self._def_cache[key] = fn
            unit = ent.unit
            self_name = self.emitter.fresh("self_")
            dctx = Ctx(ent.env, locals={unit.name: LFcn(self_name)})
            try:
                domain = self._domain_code(unit.bounds, dctx)
                body_fn = self._bound_lambda(unit.bounds, unit.body, dctx)
            except BaseException:
                del self._def_cache[key]
                raise
            self.emitter.define_source(
                f"def {fn}(s):\n"
                f"    {self_name} = V.LazyFcn({domain}, None)\n"
                f"    {self_name}.fn = {body_fn}\n"
                f"    return finish_fcn({self_name})\n")
            if lv == CONSTANT:
                v = self.emitter.function(fn)(None)
                self.emitter.bind(fn + "_v", v)
        if lv == CONSTANT and fn + "_v" in self.emitter:
            return fn + "_v"
        return f"{fn}({self.state_code(ctx)})"

    def applied_fcndef(self, e: A.FcnApp, ctx: Ctx) -> tuple[E.FcnDefEntry, list[str]] | None:
        """``f[a, b]`` where ``f`` names a function definition that is not recursive, with one argument per
        bound name (no tuple bound): the definition and its bound names, or None."""
        f = e.fn
        if not isinstance(f, A.Name) or f.name in ctx.locals:
            return None
        try:
            ent, _ = self.resolve(f.name, ctx, f)
        except CompileError:
            return None
        if not isinstance(ent, E.FcnDefEntry) or any(b.tuple_ for b in ent.unit.bounds):
            return None
        names = [n for b in ent.unit.bounds for n in b.names]
        if len(names) != len(e.args) or mentions(ent.unit.body, ent.unit.name):
            return None
        return ent, names

    def fcndef_point(self, e: A.FcnApp, ctx: Ctx) -> str | None:
        """``f[a, b]`` for a state-level ``f[x \\in S, y \\in T] == body`` that is not recursive: the body
        at that one point, as TLC applies its lazy function value (FcnLambdaValue), instead of the whole
        function built first, every point of its domain evaluated at each application (MultiCarElevator's
        CanServiceCall[e, c] and PeopleWaiting[f, d]); a point at which the body fails is then no error
        unless it is applied.  Outside the domain, the whole function is applied: TLC's error.  None:
        any other application."""
        found = self.applied_fcndef(e, ctx)
        if found is None:
            return None
        ent, names = found
        if len(set(names)) != len(names) or self.levels.of_entry(ent) != STATE:
            return None
        key = ("point", id(ent))
        pt = self._def_cache.get(key)
        if pt is None:
            pt = self._def_cache[key] = self.emitter.fresh(f"pt_{pyname(ent.name)}_")
            try:
                pys = [self.emitter.fresh("v_") for _ in names]
                dctx = Ctx(ent.env)
                body = self.expr(ent.unit.body, dctx.with_locals({n: LVal(p) for n, p in zip(names, pys)}))
                sets = [self.hexpr(b.set, dctx) for b in ent.unit.bounds for _ in b.names]
                whole = self.fcndef_code(ent, dctx)
            except BaseException:
                del self._def_cache[key]
                raise
            arg = pys[0] if len(pys) == 1 else "(" + "".join(p + ", " for p in pys) + ")"
            inside = " and ".join(f"member({p}, {S}) is True" for p, S in zip(pys, sets))
            self.emitter.define_source(
                f"def {pt}(s, {', '.join(pys)}):\n"
                f"    if {inside}:\n"
                f"        return {body}\n"
                f"    return ap({whole}, {arg})\n")
        return f"{pt}({self.state_code(ctx)}, {', '.join(self.expr(a, ctx) for a in e.args)})"

    def _domain_code(self, bounds, ctx: Ctx) -> str:
        sets = []
        for b in bounds:
            s = self.hexpr(b.set, ctx)
            sets.extend([s] * len(b.names) if not b.tuple_ else [s])
        if len(sets) == 1:
            return sets[0]
        return f"cart({', '.join(sets)})"

    def _bound_lambda(self, bounds, body, ctx: Ctx) -> str:
        names = [n for b in bounds for n in b.names]
        pys = {n: LVal(self.emitter.fresh("v_")) for n in names}
        inner = ctx.with_locals(pys)
        code = self.expr(body, inner)
        if len(names) == 1:
            return f"(lambda {pys[names[0]].py}: {code})"
        # the argument has one component per name of a plain bound and one tuple per <<k, l>> bound
        parts = [(b.tuple_, 1 if b.tuple_ else len(b.names)) for b in bounds]
        if len(parts) == 1 and parts[0][0] or sum(n for _, n in parts) == 1:
            spread = "*_t"
        else:
            comps, i = [], 0
            for tup, n in parts:
                comps += [f"*_t[{i}]"] if tup else [f"_t[{j}]" for j in range(i, i + n)]
                i += n
            spread = ", ".join(comps)
        return f"(lambda _t: (lambda {', '.join(p.py for p in pys.values())}: {code})({spread}))"
