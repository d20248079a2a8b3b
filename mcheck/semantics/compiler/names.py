"""Names to code: resolving them (``I!Op``, ``Inv!2``), instances, and each kind of definition or entry."""
from __future__ import annotations

import re
from dataclasses import replace
from time import perf_counter

from ...syntax import ast as A
from ...syntax.errors import EvalError, ParseError
from ...syntax.subexpr import is_selector, walk
from .. import env as E
from .. import runtime as R
from .. import values as V
from ..levels import ACTION, CONSTANT, STATE
from ..profile import DEFINITION
from .context import CompileError, Ctx, LCell, LDef, LExpr, LFcn, LocalEntry, LOp, LThunk, LVal
from .tree import count_mentions, mentions, pyname, size

BUILTIN_CONSTANTS = {"TRUE": True, "FALSE": False}
#: the built-in operators that, passed for an operator parameter, make its applications actions
_ACTION_OPS = frozenset(["'", "UNCHANGED", "ENABLED"])


class Names:
    """Part of ``Compiler``: a name (of a local, a variable, a constant, a definition, an instance) to code."""

    def resolve(self, name: str, ctx: Ctx, node: A.Node) -> tuple[E.Entry, E.Env]:
        """The entry a (possibly ``I!Op``) name denotes, and the env its definition lives in; for a
        subexpression name (``Op!lab``, ``Inv!2``), the operator it names (``syntax.subexpr``)."""
        if E.is_path(name):
            parts = E.path_parts(name)
            sel = self.selection(name, parts, ctx, node)
            if sel is not None:
                return sel[0], sel[0].env  # type: ignore[attr-defined]
            env = ctx.env
            for i, inst in enumerate(parts[:-1]):
                ent = env.lookup(inst)
                if not isinstance(ent, E.InstEntry):
                    raise CompileError(f"{inst} is not an instance (in {name})", node.span)
                env = self.instance_env(ent, {})
            ent = env.lookup(parts[-1])
            if ent is None:
                raise CompileError(f"unknown operator '{parts[-1]}' in {name}", node.span)
            return ent, env
        ent = ctx.env.lookup(name)
        if ent is None:
            raise CompileError(f"unknown operator '{name}'", node.span)
        return ent, ctx.env

    def selection(self, name: str, parts: list[str], ctx: Ctx, node: A.Node, inst_args=None,
                  args: tuple = ()) -> tuple[E.Entry, tuple, dict] | None:
        """A subexpression name's operator (a definition made of the part it names, its parameters
        those met on the way), the arguments written in the path for them, and the parameters of the
        instances it goes through, bound to theirs (``I(55)!Op``); None for a plain ``I!J!Op``.
        ``inst_args`` None: only the operator is wanted (levels, properties), the instances are
        taken unbound."""
        env, locs, i = ctx.env, {}, 0
        segs = list(inst_args or ()) + [()] * len(parts)
        while i < len(parts) - 1 and not is_selector(parts[i]):
            ent = env.lookup(parts[i])
            if not isinstance(ent, E.InstEntry):
                break
            if inst_args is not None and ent.unit.params:
                pentries = {}
                for p, a in zip(ent.unit.params, segs[i]):
                    pentries[p.name] = LocalEntry(p.name, LExpr(a, ctx))
                    locs[p.name] = LExpr(a, ctx)
                env = self.builder.instantiate(ent.unit, ent.env, pentries)  # type: ignore[union-attr]
            else:
                env = self.instance_env(ent, {})
            i += 1
        if i == len(parts) - 1 and not is_selector(parts[i]):
            if not locs:
                return None  # I!J!Op: resolve's
            target = env.lookup(parts[i])  # I(x)!J(y)!Op: the instances' parameters bound
            if target is None:
                raise CompileError(f"unknown operator '{parts[i]}' in {name}", node.span)
            return target, tuple(args), locs
        if is_selector(parts[i]):
            raise CompileError(f"{name}: a selector must follow a definition's name", node.span)
        ent = env.lookup(parts[i])
        if not isinstance(ent, E.DefEntry):
            raise CompileError(f"{name}: {parts[i]} is not a definition, so it has no subexpressions", node.span)
        rest = parts[i + 1:]
        arg_groups = [tuple(segs[k]) for k in range(i, len(parts) - 1)] + [tuple(args)]
        made = self.__dict__.setdefault("_selections", {})  # (definition, path) -> (operator, counts)
        key = (id(ent), tuple(rest))
        if key not in made:
            try:
                found = walk(ent.unit, rest, name, [len(g) for g in arg_groups[1:]])
            except ParseError as err:
                raise CompileError(err.message, node.span) from err
            unit = A.OpDef(name, tuple(found.params), found.expr, span=found.expr.span)
            made[key] = (E.DefEntry(name, unit, ent.env, ent.module), [len(ent.unit.params)] + found.counts)
        sub, counts = made[key]
        return sub, self._path_args(name, sub, counts, arg_groups, inst_args, rest, node), locs

    def _path_args(self, name: str, sub: E.DefEntry, counts: list[int], groups: list[tuple], inst_args,
                   rest: list[str], node: A.Node) -> tuple:
        """The arguments of a subexpression's operator: each selector's own (``Op1(2)!(3)``), or, when
        only the last segment has any, all of them (the operator applied as an argument: A(a, b) with
        A <- SOp!@)."""
        flat = tuple(a for g in groups for a in g)
        if inst_args is None or all(len(g) == c for g, c in zip(groups, counts)):
            return flat
        if not any(groups[:-1]) and len(flat) == len(sub.unit.params):
            return flat
        for g, c, part in zip(groups, counts, [None, *rest]):
            if len(g) != c:
                raise CompileError(f"{name}: {'the definition' if part is None else '!' + part} takes "
                                   f"{c} argument(s), given {len(g)}", node.span)
        return flat

    def instance_env(self, ent: E.InstEntry, params: dict) -> E.Env:
        key = (id(ent), tuple(sorted((k, id(v)) for k, v in params.items())))
        env = self._inst_cache.get(key)
        if env is None:
            assert self.builder is not None
            env = self.builder.instantiate(ent.unit, ent.env, params)
            self._inst_cache[key] = env
        return env

    def name_code(self, name: str, args: tuple, node: A.Node, ctx: Ctx, inst_args=()) -> str:
        loc = ctx.locals.get(name)
        if loc is not None:
            return self._local_code(loc, node, ctx, args)
        if name in BUILTIN_CONSTANTS and not args:
            return repr(BUILTIN_CONSTANTS[name])
        if name == "BOOLEAN":
            return self.emitter.value(V.BOOLEAN)
        if name == "STRING":
            return self.emitter.value(V.STRING_SET)
        if E.is_path(name):
            sel = self.selection(name, E.path_parts(name), ctx, node, inst_args, args)
            if sel is not None:
                sub, sargs, locs = sel
                if locs:
                    sctx = replace(ctx, env=getattr(sub, "env", ctx.env), locals=dict(locs))
                    return self.entry_code(sub, sargs, node, sctx, force_inline=True, param_locals=locs)
                return self.entry_code(sub, sargs, node, ctx)
        if inst_args:
            return self.inst_call(name, inst_args, args, node, ctx)
        ent, env = self.resolve(name, ctx, node)
        return self.entry_code(ent, args, node, ctx)

    def _local_code(self, loc, node: A.Node, ctx: Ctx, args: tuple) -> str:
        if isinstance(loc, LVal):
            if args:
                raise CompileError(f"{getattr(node, 'name', getattr(node, 'op', '?'))} is not an operator", node.span)
            return loc.py
        if isinstance(loc, LExpr):
            inner = replace(loc.ctx, primed=ctx.primed or loc.ctx.primed, assigned=ctx.assigned, nxt=ctx.nxt,
                            state=ctx.state)
            if args:
                return self._substituted(loc, args, ctx, inner)
            return self.expr(loc.expr, inner)
        if isinstance(loc, LOp):
            return f"{loc.py}({', '.join(self.arg_code(a, ctx) for a in args)})"
        if isinstance(loc, LThunk):
            return f"{loc.py}()"
        if isinstance(loc, LCell):
            return loc.use()
        if isinstance(loc, LFcn):
            return loc.py
        if isinstance(loc, LDef):
            return self.inline_def(loc.unit, loc.ctx, args, ctx)
        raise AssertionError(loc)

    def _substituted(self, loc: LExpr, args: tuple, ctx: Ctx, inner: Ctx) -> str:
        """``F(x)`` where the parameter F was given an operator (``G``, ``UNCHANGED``, ``'``, a LAMBDA):
        the application with F replaced, its arguments bound by name (TLA+ substitutes): applying
        the operator to x's value would lose the variable, and with it the meaning of G(a) == a' = a
        or of UNCHANGED (TLC's test52); other expressions are applied to the argument values."""
        e = loc.expr
        names = [self.emitter.fresh("a_") for _ in args]
        binds = {n: LExpr(a, ctx) for n, a in zip(names, args)}
        if isinstance(e, A.Lambda) and len(e.params) == len(args):
            return self.expr(e.body, inner.with_locals(dict(zip(e.params, binds.values()))))
        if isinstance(e, A.Name) or isinstance(e, A.OpApp) and not e.args:
            call = A.OpApp(getattr(e, "name", None) or e.op, tuple(A.Name(n) for n in names),
                           getattr(e, "inst_args", ()), span=e.span)
            return self.expr(call, inner.with_locals(binds))
        return self.apply_callable(self.expr(e, inner), args, ctx)

    def apply_callable(self, fcode: str, args: tuple, ctx: Ctx) -> str:
        return f"{fcode}({', '.join(self.arg_code(a, ctx) for a in args)})"

    def arg_code(self, a: A.Expr, ctx: Ctx, arity: int = 0) -> str:
        """An argument: a value, or for a higher-order parameter a Python callable."""
        if isinstance(a, A.Lambda):
            params = [self.emitter.fresh("l_") for _ in a.params]
            inner = ctx.with_locals({p: LVal(py) for p, py in zip(a.params, params)})
            return f"(lambda {', '.join(params)}: {self.expr(a.body, inner)})"
        if arity > 0:
            names = [self.emitter.fresh("l_") for _ in range(arity)]
            if isinstance(a, A.Name):
                call = A.OpApp(a.name, tuple(A.Name(n) for n in names), span=a.span)
            elif isinstance(a, A.OpApp) and not a.args:
                call = A.OpApp(a.op, tuple(A.Name(n) for n in names), a.inst_args, span=a.span)
            else:
                raise CompileError("expected an operator as argument", a.span)
            inner = ctx.with_locals({n: LVal(n) for n in names})
            return f"(lambda {', '.join(names)}: {self.expr(call, inner)})"
        return self.expr(a, ctx)

    def inst_call(self, name: str, inst_args, args, node, ctx: Ctx) -> str:
        """``I(a)!Op(b)``: instantiate I with its parameters bound to the arguments (inlined)."""
        inst, opname = name.split("!", 1)
        ent = ctx.env.lookup(inst)
        if not isinstance(ent, E.InstEntry):
            raise CompileError(f"{inst} is not an instance", node.span)
        params = ent.unit.params
        pentries = {}
        locs = {}
        for p, a in zip(params, inst_args[0]):
            pentries[p.name] = LocalEntry(p.name, LExpr(a, ctx))
            locs[p.name] = LExpr(a, ctx)
        ienv = self.builder.instantiate(ent.unit, ent.env, pentries)  # type: ignore[union-attr]
        target = ienv.lookup(opname)
        if target is None:
            raise CompileError(f"unknown operator '{opname}' in {name}", node.span)
        # Compile the target with the instance parameters visible as call-by-name locals.
        sub_ctx = replace(ctx, env=ienv, locals=dict(locs))
        return self.entry_code(target, args, node, sub_ctx, force_inline=True, param_locals=locs)

    def entry_code(self, ent: E.Entry, args: tuple, node: A.Node, ctx: Ctx, force_inline: bool = False,
                   param_locals: dict | None = None) -> str:
        if isinstance(ent, LocalEntry):
            return self._local_code(ent.loc, node, ctx, args)
        if isinstance(ent, E.VarEntry):
            if args:
                raise CompileError(f"variable {ent.name} is not an operator", node.span)
            return self.var_code(ent, ctx)
        if isinstance(ent, E.ValueEntry):
            if args:
                if callable(ent.value):
                    return self.apply_callable(self.emitter.value(ent.value), args, ctx)
                raise CompileError(f"{ent.name} is not an operator", node.span)
            return self.emitter.value(ent.value)
        if isinstance(ent, E.ConstEntry):
            raise CompileError(f"the constant {ent.name} has no value: give it one in the .cfg", node.span)
        if isinstance(ent, E.SubstEntry):
            sub = replace(ctx, env=ent.env, locals=dict(param_locals or {}))
            e = ent.expr
            if args and (isinstance(e, A.Name) and E.is_path(e.name) or isinstance(e, A.OpApp) and not e.args):
                # A5 <- COp!@!++ (an operator named by a path): applied by name, its arguments the caller's
                names = [self.emitter.fresh("a_") for _ in args]
                call = A.OpApp(getattr(e, "name", None) or e.op, tuple(A.Name(n) for n in names),
                               getattr(e, "inst_args", ()), span=e.span)
                return self.expr(call, sub.with_locals({n: LExpr(a, ctx) for n, a in zip(names, args)}))
            code = self.expr(e, sub)
            return self.apply_callable(code, args, ctx) if args else code
        if isinstance(ent, E.NativeEntry):
            return self.native_code(ent, args, node, ctx)
        if isinstance(ent, E.FcnDefEntry):
            if args:
                raise CompileError(f"{ent.name} is a function: write {ent.name}[...]", node.span)
            return self.fcndef_code(ent, ctx)
        if isinstance(ent, E.DefEntry):
            unit = ent.unit
            if len(unit.params) != len(args):
                raise CompileError(
                    f"operator '{ent.name}' takes {len(unit.params)} argument(s), given {len(args)}", node.span)
            dctx = Ctx(ent.env, locals=dict(param_locals or {}), mode=ctx.mode, state=ctx.state, nxt=ctx.nxt,
                       assigned=ctx.assigned, primed=ctx.primed, exit=ctx.exit)
            lv = self.levels.of_entry(ent)
            if force_inline or self._parametric(ent.env) or lv >= ACTION or any(p.arity > 0 for p in unit.params) and self._needs_inline(unit, args, ctx):
                return self.inline_def(unit, dctx, args, ctx)
            if not unit.params and not param_locals and (
                    lv == CONSTANT or self.const_levels.of_entry(ent) == CONSTANT):
                return self.def_constant(ent, node)
            opened = self.__dict__.setdefault("_small_open", set())  # tiny operators being inlined
            if unit.params and not self.checked and self.profile is None and id(unit) not in opened and self._small_def(unit) and all(
                    type(a) in (A.Name, A.Num, A.Str, A.Bool) or count_mentions(unit.body, p.name) <= 1
                    for p, a in zip(unit.params, args)):
                # a tiny operator (Edges(g) == g[2]) costs more to call than to evaluate; not into
                # itself (f(a) == ... g(a-1), g(a) == f(a): a mutual recursion is called)
                opened.add(id(unit))
                try:
                    return self.inline_def(unit, dctx, args, ctx)
                finally:
                    opened.discard(id(unit))
            fn = self.def_function(ent)
            st = self.state_code(ctx)
            argc = "".join(", " + self.arg_code(a, ctx, p.arity) for p, a in zip(unit.params, args))
            return f"{fn}({st}{argc})"
        if isinstance(ent, E.InstEntry):
            raise CompileError(f"{ent.name} is an instance: write {ent.name}!Op", node.span)
        raise CompileError(f"cannot compile a reference to {ent.name}", node.span)

    def _small_def(self, unit: A.OpDef) -> bool:
        """A short, non-recursive operator body that is cheaper inline than called."""
        r = self._small.get(id(unit))
        if r is None:
            r = size(unit.body, 14) <= 12 and not mentions(unit.body, unit.name) and all(
                p.arity == 0 for p in unit.params)
            self._small[id(unit)] = r
        return r

    def _parametric(self, env: E.Env) -> bool:
        """Whether env is inside ``I(x) == INSTANCE M``: its definitions see x, so they are inlined."""
        r = getattr(env, "_parametric", None)
        if r is None:
            r = any(isinstance(v, LocalEntry) for v in env.names.values())
            env._parametric = r  # type: ignore[attr-defined]
        return r

    def _needs_inline(self, unit: A.OpDef, args, ctx) -> bool:
        """Whether an operator with operator parameters must be expanded where it is called: when an
        argument is action-level, or is an operator that primes what it is applied to (G(a) == a' = a,
        UNCHANGED, ', a LAMBDA with a prime); called as a function, that operator would be applied
        to values, and the prime of a value is the value."""
        for p, a in zip(unit.params, args):
            if p.arity == 0 or not (isinstance(a, (A.Name, A.Lambda)) or isinstance(a, A.OpApp) and not a.args):
                if not isinstance(a, A.Lambda) and self.level(a, ctx) >= ACTION:
                    return True
            elif isinstance(a, A.Lambda):
                if self._primes_arguments(a.body, a.params, ctx.env):
                    return True
            elif isinstance(a, A.Name) and a.name in _ACTION_OPS:
                return True
            elif ctx.locals.get(getattr(a, "name", None) or a.op) is None:
                try:
                    ent, _ = self.resolve(getattr(a, "name", None) or a.op, ctx, a)
                except CompileError:
                    continue
                if isinstance(ent, E.DefEntry) and self._primes_arguments(
                        ent.unit.body, [q.name for q in ent.unit.params], ent.env):
                    return True
        return False

    def _primes_arguments(self, body: A.Expr, params, env: E.Env) -> bool:
        """Whether an operator's body is an action once its parameters are state-level (a' = a)."""
        return self.levels.of(body, env, dict.fromkeys(params, STATE)) >= ACTION

    def inline_def(self, unit: A.OpDef, dctx: Ctx, args: tuple, ctx: Ctx) -> str:
        """The body of an operator with its parameters bound by name to the arguments."""
        binds = {}
        for p, a in zip(unit.params, args):
            if p.arity > 0 and isinstance(a, A.Lambda) and not self._primes_arguments(a.body, a.params, ctx.env):
                binds[p.name] = LOp(self.arg_code(a, ctx), p.arity)
            else:
                binds[p.name] = LExpr(a, ctx)
        inner = replace(dctx.with_locals(binds), mode=ctx.mode, state=ctx.state, nxt=ctx.nxt,
                        assigned=ctx.assigned, primed=ctx.primed)
        return self.expr(unit.body, inner)

    def state_code(self, ctx: Ctx) -> str:
        if ctx.mode == "init":
            # the state as Init has bound it so far, for a definition called from Init
            return "(" + "".join((f"n{i}" if i in ctx.assigned else f"unbound({self.variables[i]!r})") + ", "
                                 for i in range(self.nvars)) + ")"
        if not ctx.primed:
            return ctx.state
        if ctx.nxt is not None and not ctx.assigned:
            return ctx.nxt
        # the next state as bound so far (UpdateOpOrder: opOrder' \in SUBSET(opId' \X opId') reads
        # opQ' through opId before opOrder' is bound): an unbound variable fails only if it is read
        return "(" + "".join((f"n{i}" if i in ctx.assigned else f"{ctx.nxt}[{i}]" if ctx.nxt is not None
                              else f"unbound({self.variables[i]!r})") + ", "
                             for i in range(self.nvars)) + ")"

    def var_code(self, ent: E.VarEntry, ctx: Ctx) -> str:
        i = ent.index
        if ctx.mode == "init":
            if i in ctx.assigned:
                return f"n{i}"
            return f"prime_unbound({ent.name!r})"
        if ctx.primed:
            if i in ctx.assigned:
                return f"n{i}"
            if ctx.nxt is not None:
                return f"{ctx.nxt}[{i}]"
            return f"prime_unbound({ent.name!r})"
        if self.checked:   # diagnosis mode: a variable read where there is no state (an ASSUME)
            return f"R.state_var({ctx.state}, {i}, {ent.name!r})"
        return f"{ctx.state}[{i}]"

    # ------------------------------------------------------------------ definitions

    def def_constant(self, ent: E.DefEntry, node: A.Node) -> str:
        key = id(ent)
        cached = self._const_cache.get(key)
        if cached is None:
            ctx = Ctx(ent.env)
            try:
                v = self.const_value(ent.unit.body, ctx)
                cached = (True, v)
            except (EvalError, R.UnsetVariable) as err:
                cached = (False, err)
            except RecursionError:
                cached = (False, None)
            self._const_cache[key] = cached
        ok, v = cached
        if ok:
            return self.emitter.value(v)
        return f"{self.def_function(ent)}(None)"

    def def_function(self, ent: E.DefEntry) -> str:
        key = id(ent)
        fn = self._def_cache.get(key)
        if fn is not None:
            return fn
        fn = self.emitter.fresh(f"d_{pyname(ent.name)}_")
        self._def_cache[key] = fn
        # until its body is compiled, a call (a constant folded on the way that needs this very
        # definition, as in Test == ... Seq(S) ... with Seq <- LimitedSeq and LimitedSeq using Test)
        # is the unbounded recursion TLC would run into, not a NameError
        self.emitter.bind(fn, _in_compilation)
        called = fn
        if self.profile is not None:
            self._profiled_def(ent, fn)
            fn += "_raw"      # the definition itself; fn, its counting wrapper, is what calls name
        unit = ent.unit
        params = []
        locs = {}
        for p in unit.params:
            py = self.emitter.fresh("p_")
            params.append(py)
            locs[p.name] = LOp(py, p.arity) if p.arity > 0 else LVal(py)
        ctx = Ctx(ent.env, locals=locs)
        try:
            body = self.expr(unit.body, ctx)
        except BaseException:
            del self._def_cache[key]   # not defined: a later use must not call a function never written
            raise
        self.def_reads[called] = self.def_reads[fn] = state_reads(body, self.def_reads)
        if not params and size(unit.body, 14) > 12 and self.levels.of_entry(ent) == STATE \
                and self.pure_levels.of_entry(ent) == STATE:
            self._memoised_state_function(fn, body)
            return called
        if params and all(p.arity == 0 for p in unit.params) \
                and (size(unit.body, 14) > 12 or f"{called}(" in body) \
                and self.levels.of_entry(ent) <= STATE and self.pure_levels.of_entry(ent) <= STATE:
            self._memoised_operator(fn, params, body, self.levels.of_entry(ent) == STATE)
            return called
        self.emitter.define(fn, "s" + "".join(", " + p for p in params), body)
        return called

    def _memoised_operator(self, fn: str, params: list[str], body: str, state: bool) -> None:
        """An operator with arguments, a function of them and the state alone (FindLeafNode(root,
        key), asked again by every UpdateReq(key, val)): its values are remembered by the arguments'
        values, for the state last asked about (by identity) or, for a constant-level operator
        (Max(xs)), for good (a dict emptied past ``fastcalls.MEMO_LIMIT`` values).  An error is not
        remembered, and the generated code is one function: recursion takes no more Python frames.
        Only arguments of ``MEMO_TYPES`` are keys (hashing a LazyFcn would evaluate it)."""
        memo = fn + "_memo"
        key = params[0] if len(params) == 1 else "(" + "".join(p + ", " for p in params) + ")"
        kinds = " and ".join(f"type({p}) in MEMO_TYPES" for p in params)
        if state:
            self.emitter.bind(memo, [R.NO_STATE, None])
            head = (f"    _mm = {memo}\n"
                    f"    if s is not _mm[0]:\n        _mm[0] = s; _mm[1] = {{}}\n"
                    f"    _d = _mm[1]\n")
            store = "_d[_k] = _vv"
        else:
            self.emitter.bind(memo, {})
            head = f"    _d = {memo}\n"
            store = "if len(_d) >= MEMO_LIMIT:\n                _d.clear()\n            _d[_k] = _vv"
        self.emitter.define_source(
            f"def {fn}(s{''.join(', ' + p for p in params)}):\n{head}"
            f"    if {kinds}:\n"
            f"        _k = {key}\n"
            f"        try:\n            _vv = _d.get(_k, NO_STATE)\n"
            f"        except Exception:\n            _vv = _k = NO_STATE\n"
            f"    else:\n        _vv = _k = NO_STATE\n"
            f"    if _vv is NO_STATE:\n"
            f"        _vv = {body}\n"
            f"        if _k is not NO_STATE:\n"
            f"            {store}\n"
            f"    return _vv\n")

    def _memoised_state_function(self, fn: str, body: str) -> None:
        """A 0-ary state function (token == LET tpos == CHOOSE ...): its value is remembered for the
        last two states asked about, by identity (a step property asks about s and t in turn), and,
        when its code reads the state only as ``s[i]``, for the values of the variables it reads: a state function of equal variables is equal
        (values' equality is TLA+'s, as the fingerprints' is), so a step property asking about a
        successor already seen, or a state sharing the variables, finds it without computing it.
        The cache is emptied when full (``fastcalls.MEMO_LIMIT`` values), as the fingerprints' are."""
        memo = fn + "_memo"
        reads = state_reads(body, self.def_reads)
        if reads is None:
            # the last two states, by identity (a step asks about s and t in turn)
            self.emitter.bind(memo, [R.NO_STATE, None, R.NO_STATE, None])
            self.emitter.define_source(
                f"def {fn}(s):\n"
                f"    _mm = {memo}\n"
                f"    if s is _mm[0]:\n        return _mm[1]\n"
                f"    if s is _mm[2]:\n        return _mm[3]\n"
                f"    _vv = {body}\n"
                f"    _mm[2] = _mm[0]; _mm[3] = _mm[1]; _mm[0] = s; _mm[1] = _vv\n"
                f"    return _vv\n")
            return
        self.emitter.bind(memo, [R.NO_STATE, None, R.NO_STATE, None])
        cache = fn + "_cache"
        self.emitter.bind(cache, {})
        key = f"s[{reads[0]}]" if len(reads) == 1 else "(" + "".join(f"s[{i}], " for i in reads) + ")"
        self.emitter.define_source(
            f"def {fn}(s):\n"
            f"    _mm = {memo}\n"
            f"    if s is _mm[0]:\n        return _mm[1]\n"
            f"    if s is _mm[2]:\n        return _mm[3]\n"
            f"    _k = {key}\n"
            f"    try:\n        _vv = {cache}.get(_k, NO_STATE)\n"
            f"    except Exception:\n        _vv = _k = NO_STATE\n"
            f"    if _vv is NO_STATE:\n"
            f"        _vv = {body}\n"
            f"        if _k is not NO_STATE:\n"
            f"            if len({cache}) >= MEMO_LIMIT:\n                {cache}.clear()\n"
            f"            {cache}[_k] = _vv\n"
            f"    _mm[2] = _mm[0]; _mm[3] = _mm[1]; _mm[0] = s; _mm[1] = _vv\n"
            f"    return _vv\n")

    def _profiled_def(self, ent: E.DefEntry, fn: str) -> None:
        """``--profile``: ``fn`` counts its calls and time into the profile, then calls ``fn_raw``."""
        sp = ent.unit.span
        label = f"{ent.name} (line {sp.line} of module {ent.module})" if sp is not None else ent.name
        self.emitter.bind(fn + "_pe", self.profile.entry(DEFINITION, label))
        self.emitter.bind("perf_counter", perf_counter)
        params = "".join(", " + self.emitter.fresh("p_") for _ in ent.unit.params)
        self.emitter.define_source(
            f"def {fn}(s{params}):\n"
            f"    _e = {fn}_pe\n    _e.calls += 1\n    _t = perf_counter()\n"
            f"    try:\n        return {fn}_raw(s{params})\n"
            f"    finally:\n        _e.seconds += perf_counter() - _t\n")


_STATE_NAME = re.compile(r"\bs\b(\[(\d+)\])?")
_CALLED = re.compile(r"(\w+)\($")


def state_reads(code: str, known: dict | None = None) -> list[int] | None:
    """The variables (indices) generated code reads from its state ``s``, when it reads it only as
    ``s[i]`` or passes it as the first argument to a generated definition whose reads ``known``
    gives; None when ``s`` appears otherwise (an unknown function, ENABLED's generator).  A string
    literal holding the letter s alone only makes it None, or adds an index: safe both ways."""
    reads: set[int] = set()
    for m in _STATE_NAME.finditer(code):
        if m.group(2) is not None:
            reads.add(int(m.group(2)))
            continue
        call = _CALLED.search(code, max(0, m.start() - 80), m.start())
        inner = known.get(call.group(1)) if call is not None and known is not None else None
        if inner is None:
            return None
        reads.update(inner)
    return sorted(reads)


def child_env(env: E.Env, inst: A.Instance) -> E.Env:
    """The environment of a LET body that defines ``I == INSTANCE M``."""
    child = E.Env(env.module, names=dict(env.names), modules=env.modules, variables=env.variables,
                  constants=env.constants)
    child.names[inst.name] = E.InstEntry(inst.name, inst, env)
    return child


def _in_compilation(*_args: object) -> None:
    """What a definition is while its body is compiled: needing its value then is a cycle."""
    raise RecursionError("a definition needs its own value while it is computed")
