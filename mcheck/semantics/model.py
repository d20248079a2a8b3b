"""From a spec and its .cfg to a compiled model: init, actions, invariants, constraints.

This is the checker's view of a spec (after Stateright's ``Model``): a
generator of initial states, a list of actions each a generator of
successors, and predicates.  Everything the .cfg names is resolved here, so
the checker never sees TLA+ syntax.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

from ..syntax import ast as A
from ..syntax.errors import ConfigError, EvalError, ParseError
from . import env as E
from . import values as V
from .cfg import Config
from .compiler import Compiler, CompileError, Ctx, LVal
from .levels import ACTION, CONSTANT, STATE, TEMPORAL
from .natives.registry import NATIVE


@dataclass
class Action:
    label: str          # TLC's "<Name line L, col C to line L2, col C2 of module M>"
    name: str
    fn: Callable
    args: tuple = ()


@dataclass
class Predicate:
    name: str
    fn: Callable
    # an action property [A]_v with v a state function: v of one state, and A of a step, so that the
    # search computes v once per state and evaluates A only on the steps that change v
    sub: Callable | None = None
    act: Callable | None = None


@dataclass
class TLCState:
    """What TLCGet/TLCSet see: the search level and the registers."""

    level: int = 0
    regs: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)

    def get(self, key):
        if key == "level":
            return self.level
        if isinstance(key, int):
            return self.regs.get(key, 0)
        if key in ("distinct", "generated", "queue", "diameter", "duration"):
            return self.stats.get(key, 0)
        if key == "config":
            return V.Fcn({"mode": "bfs", "depth": -1, "deadlock": True, "worker": 1, "seed": 0, "traces": 0})
        raise EvalError(f"TLCGet: unknown key {V.tla_repr(key)}")

    def set(self, key, value):
        self.regs[key] = value
        return True


@dataclass
class Model:
    module: str
    variables: list[str]
    init: Callable
    actions: list[Action]
    invariants: list[Predicate]
    constraints: list[Predicate]
    action_constraints: list[Predicate]
    action_properties: list[Predicate]
    init_properties: list[Predicate]
    check_deadlock: bool
    assumes: list[tuple[str, Callable]]
    tlc: TLCState
    warnings: list[str] = field(default_factory=list)
    builder: Any = None  # the ModelBuilder: compiles further expressions (trace explanations, the explorer)
    # every successor of a state, all actions in order (the checker's hot path)
    next_all: Callable | None = None
    # liveness: temporal properties and fairness (mcheck.checker.liveness.TemporalSpec), or None
    temporal: Any = None
    # SYMMETRY / VIEW: the key under which states are deduplicated (None: the state itself)
    state_key: Callable | None = None
    symmetry: bool = False
    # ALIAS: state -> the record printed in place of the state in traces (None: no alias)
    alias: Callable | None = None
    alias_transition: bool = False   # the alias mentions primed variables: alias(s, t)
    # POSTCONDITION: evaluated once after a successful search (no state)
    postconditions: list[Predicate] = field(default_factory=list)

    def evaluate(self, expr: "A.Expr | str", state: tuple, env: "E.Env | None" = None) -> Any:
        """The value of a state-level expression (AST or TLA+ text) in ``state``, in the root module's scope."""
        return self.builder.evaluate(expr, state, env)

    def action_of(self, s: tuple, t: tuple) -> int:
        """The first action (in TLC's order) that takes s to t, as TLC finds it when it prints a trace."""
        for i, a in enumerate(self.actions):
            try:
                if any(u == t for u in a.fn(s, *a.args)):
                    return i
            except Exception:
                continue
        return -1


def _cfg_value(e: A.Expr, cfg: Config) -> Any:
    t = type(e)
    if t is A.Num:
        return e.value
    if t is A.Str:
        V.intern_string(e.value)
        return e.value
    if t is A.Bool:
        return e.value
    if t is A.Name:
        if e.name in ("TRUE", "FALSE"):
            return e.name == "TRUE"
        V.intern_string(e.name)
        return V.ModelValue.get(e.name)
    if t is A.SetEnum:
        return frozenset(_cfg_value(x, cfg) for x in e.elems)
    if t is A.Tuple:
        return tuple(_cfg_value(x, cfg) for x in e.elems)
    if t is A.OpApp and e.op == "-." and isinstance(e.args[0], A.Num):
        return -e.args[0].value
    raise ConfigError("this value is not allowed in a .cfg file", e.span)


def _span_label(name: str, sp: A.Span | None, module: str) -> str:
    if sp is None:
        return f"<{name}>"
    return f"<{name} line {sp.line}, col {sp.col} to line {sp.end_line}, col {sp.end_col - 1} of module {module}>"


class ModelBuilder:
    def __init__(self, modules: dict[str, A.Module], root: A.Module, cfg: Config,
                 const_overrides: dict[str, Any] | None = None, checked: bool = False):
        self.modules = modules
        self.root = root
        self.cfg = cfg
        from .compiler import SPECIAL_NATIVES
        self.builder = E.Builder(modules, {**NATIVE, **SPECIAL_NATIVES})
        self.env = self.builder.build_root(root)
        self.variables = list(self.builder.variables)
        self.tlc = TLCState()
        self.comp = Compiler(NATIVE, len(self.variables), self.variables, self.tlc, checked=checked)
        _intern_literals(modules, root)
        self.comp.builder = self.builder
        self.warnings: list[str] = []
        self.sources: dict[str, tuple[A.Expr, E.Env]] = {}  # invariant name -> (body, env)
        self._apply_constants(const_overrides or {})

    # ------------------------------------------------------------------ constants

    def _apply_constants(self, extra: dict[str, Any]) -> None:
        cfg = self.cfg
        by_name: dict[str, list[E.Entry]] = {}
        for ent in self.builder.created:
            by_name.setdefault(ent.name, []).append(ent)
        assigned: set[str] = set()
        for ca in cfg.constants:
            name = str(ca.name)
            targets = [e for e in by_name.get(name, []) if isinstance(e, E.ConstEntry)]
            root_ent = self.env.names.get(name)
            targets += [e for e in by_name.get(name, []) if isinstance(e, E.NativeEntry) and e not in targets]
            if isinstance(root_ent, (E.DefEntry, E.NativeEntry)) and root_ent not in targets:
                targets.append(root_ent)
            if ca.module is not None:
                targets = [e for e in by_name.get(name, []) if getattr(e, "module", None) == str(ca.module)
                           or isinstance(e, E.ConstEntry)]
            if not targets and ca.module is not None:
                # N <-[M] e for a module M that is instantiated only while compiling: the builder applies it
                # to M's definition N when it creates it (moot if M's N is substituted by its INSTANCE)
                tgt = self.env.lookup(str(ca.subst)) if ca.subst is not None else None
                ov0: E.Entry = E.AliasEntry(name, tgt) if tgt is not None else E.ValueEntry(
                    name, _cfg_value(ca.value, cfg)) if ca.value is not None else None
                if ov0 is not None:
                    self.builder.module_overrides[(str(ca.module), name)] = ov0
                assigned.add(name)
                continue
            if not targets:
                raise ConfigError(f"the .cfg assigns {name}, which the spec does not declare or define",
                                  getattr(ca.name, "span", None) or ca.span)
            if ca.subst is not None:
                tgt = self.env.lookup(str(ca.subst))
                if tgt is None:
                    raise ConfigError(f"the .cfg substitutes {ca.subst} for {name}, but {ca.subst} is not defined",
                                      getattr(ca.subst, "span", None) or ca.span)
                ov: E.Entry = E.AliasEntry(name, tgt)
            else:
                ov = E.ValueEntry(name, _cfg_value(ca.value, cfg))
            for t in targets:
                t.override = ov
            if ca.module is None:
                self.builder.overrides[name] = ov
            else:
                self.builder.module_overrides[(str(ca.module), name)] = ov
            assigned.add(name)
        for name, v in extra.items():
            targets = [e for e in by_name.get(name, []) if isinstance(e, (E.ConstEntry, E.DefEntry))]
            if not targets:
                raise ConfigError(f"--const {name}: the spec declares no constant {name}")
            for t in targets:
                t.override = E.ValueEntry(name, v)
            assigned.add(name)
        for c in self.env.constants:
            if c.override is None:
                raise ConfigError(f"The constant parameter {c.name} is not assigned a value by the configuration file.",
                                  c.span)

    # ------------------------------------------------------------------ lookups

    def definition(self, name: str, what: str) -> tuple[E.Entry, A.Expr, E.Env]:
        ent = self.env.lookup(str(name))
        sp = getattr(name, "span", None)
        if ent is None:
            raise ConfigError(f"The {what} {name} named in the .cfg is not defined in the spec", sp)
        if isinstance(ent, E.DefEntry):
            if ent.unit.params:
                raise ConfigError(f"The {what} {name} takes arguments; it must be a 0-ary definition", sp)
            return ent, ent.unit.body, ent.env
        if isinstance(ent, E.ValueEntry):
            return ent, A.Bool(bool(ent.value)) if isinstance(ent.value, bool) else A.Name(str(name)), self.env
        raise ConfigError(f"The {what} {name} named in the .cfg is not an operator definition", sp)

    def evaluate(self, expr: "A.Expr | str", state: tuple, env: E.Env | None = None) -> Any:
        if isinstance(expr, str):
            from ..syntax.parser import parse_expr
            expr = parse_expr(expr, "<expression>")
        env = env or self.env
        code = self.comp.expr(expr, Ctx(env))
        fn = self.comp.fresh("eval_")
        self.comp.defs.append(f"def {fn}(s):\n    return {code}\n")
        return self.comp.function(fn)(state)

    def _pred(self, name: str, body: A.Expr, env: E.Env, transition: bool = False) -> Predicate:
        ctx = Ctx(env, nxt="t" if transition else None)
        code = self.comp.expr(body, ctx)
        fn = self.comp.fresh("pred_")
        params = "s, t" if transition else "s"
        self.comp.defs.append(f"def {fn}({params}):\n    return {code}\n")
        return Predicate(str(name), self.comp.function(fn))

    # ------------------------------------------------------------------ the behaviour spec

    def build(self) -> Model:
        cfg = self.cfg
        init_expr: list[tuple[A.Expr, E.Env]] = []
        next_expr: tuple[A.Expr, E.Env, str] | None = None
        from ..checker.liveness import TemporalSpec, Translator, f_and, TRUE
        tspec = TemporalSpec()
        tr = Translator(self, tspec)
        assumed = TRUE   # temporal conjuncts of the spec that are not WF/SF: assumptions of every property
        if cfg.specification is not None:
            ent, body, env = self.definition(cfg.specification, "specification")
            for conj, cenv in self._spec_conjuncts(body, env):
                lv = self.comp.level(conj, Ctx(cenv))
                if isinstance(conj, A.BoxAction):
                    if next_expr is not None:
                        raise ConfigError("the specification has two [][Next]_v conjuncts", conj.span)
                    next_expr = (conj.action, cenv, _action_name(conj.action))
                elif lv <= STATE:
                    init_expr.append((conj, cenv))
                elif isinstance(conj, A.Fairness) or lv == TEMPORAL:
                    fl = tr.fairness_list(conj, Ctx(cenv))
                    if fl is not None:
                        tspec.fairness += fl
                    else:
                        assumed = f_and(assumed, tr.tl(conj, Ctx(cenv)))
                else:
                    raise ConfigError("an action-level conjunct in SPECIFICATION must have the form [][A]_v",
                                      conj.span)
        else:
            if cfg.init is not None:
                _, body, env = self.definition(cfg.init, "initial predicate")
                init_expr.append((body, env))
            if cfg.next is not None:
                _, body, env = self.definition(cfg.next, "next-state action")
                next_expr = (body, env, str(cfg.next))
        init = self._compile_init(init_expr)
        self.next_all = None
        actions = self._split_next(next_expr) if next_expr is not None else []
        invariants = []
        for n in cfg.invariants:
            _, body, env = self.definition(n, "invariant")
            lv = self.comp.level(body, Ctx(env))
            if lv > STATE:
                raise ConfigError(f"The invariant {n} is not a state predicate (it has primes or temporal operators)",
                                  getattr(n, "span", None))
            invariants.append(self._pred(n, body, env))
            self.sources[str(n)] = (body, env)
        action_props: list[Predicate] = []
        init_props: list[Predicate] = []
        for n in cfg.properties:
            _, body, env = self.definition(n, "property")
            for conj, cenv, cname in self._property_conjuncts(body, env, str(n)):
                if isinstance(conj, A.OpApp) and conj.op == "[]" and self.comp.level(conj.args[0], Ctx(cenv)) <= STATE:
                    invariants.append(self._pred(cname, conj.args[0], cenv))
                    self.sources[str(cname)] = (conj.args[0], cenv)
                elif isinstance(conj, A.BoxAction):
                    ax = A.ActionSub("[]", conj.action, conj.sub, span=conj.span)
                    pred = self._pred(cname, ax, cenv, transition=True)
                    if self.comp.level(conj.sub, Ctx(cenv)) <= STATE:
                        pred.sub = self._pred(cname, conj.sub, cenv).fn
                        pred.act = self._pred(cname, conj.action, cenv, transition=True).fn
                    action_props.append(pred)
                elif self.comp.level(conj, Ctx(cenv)) <= STATE:
                    init_props.append(self._pred(cname, conj, cenv))
                else:
                    from ..checker.liveness import LiveProperty
                    for part, pctx in tr.conjuncts(conj, Ctx(cenv)):
                        neg = f_and(assumed, tr.tl(part, pctx, neg=True))
                        tspec.properties.append(LiveProperty(str(n), neg))
        constraints = []
        for n in cfg.constraints:
            _, body, env = self.definition(n, "constraint")
            constraints.append(self._pred(n, body, env))
        aconstraints = []
        for n in cfg.action_constraints:
            _, body, env = self.definition(n, "action constraint")
            aconstraints.append(self._pred(n, body, env, transition=True))
        state_key = None
        symmetry = False
        if cfg.symmetry is not None:
            _, body, env = self.definition(cfg.symmetry, "symmetry")
            perms = self.comp.const_value(body, Ctx(env))
            state_key = symmetry_key(perms)
            symmetry = True
            if tspec.properties:
                self.warnings.append("Declaring symmetry during liveness checking is dangerous. It might cause TLC "
                                     "to miss violations of the stated liveness properties. Please check liveness "
                                     "without symmetry defined.")
        if cfg.view is not None:
            _, body, env = self.definition(cfg.view, "view")
            vfn = self._pred(cfg.view, body, env).fn
            if state_key is None:
                state_key = vfn
            else:
                skey = state_key
                state_key = lambda s: vfn(skey(s))  # noqa: E731
        alias = None
        alias_transition = False
        if cfg.alias is not None:
            _, body, env = self.definition(cfg.alias, "alias")
            alias_transition = self.comp.level(body, Ctx(env)) >= ACTION
            alias = self._pred(cfg.alias, body, env, transition=alias_transition).fn
        postconditions = []
        if cfg.postcondition is not None:
            _, body, env = self.definition(cfg.postcondition, "postcondition")
            code = self.comp.expr(body, Ctx(env))
            fn = self.comp.fresh("post_")
            self.comp.defs.append(f"def {fn}(s=None):\n    return {code}\n")
            postconditions.append(Predicate(str(cfg.postcondition), self.comp.function(fn)))
        tr.finish()
        assumes = []
        for u, env in self.env.assumes:
            ctx = Ctx(env)
            code = self.comp.expr(u.expr, ctx)
            fn = self.comp.fresh("assume_")
            self.comp.defs.append(f"def {fn}(s=None):\n    return {code}\n")
            assumes.append((_span_label("", u.expr.span, env.module)[2:-1], self.comp.function(fn), u))
        self.comp.flush()
        return Model(self.root.name, self.variables, init, actions, invariants, constraints, aconstraints,
                     action_props, init_props,
                     cfg.check_deadlock if cfg.check_deadlock is not None else True, assumes, self.tlc,
                     self.warnings, next_all=self.next_all or _chain(actions), builder=self,
                     temporal=tspec if tspec.properties else None, state_key=state_key, symmetry=symmetry,
                     alias=alias, alias_transition=alias_transition, postconditions=postconditions)

    def _spec_conjuncts(self, body: A.Expr, env: E.Env):
        """The conjuncts of a SPECIFICATION formula, looking through 0-ary definitions."""
        if isinstance(body, A.Junction) and body.kind == "/\\":
            for it in body.items:
                yield from self._spec_conjuncts(it, env)
            return
        if isinstance(body, A.OpApp) and body.op == "/\\" and len(body.args) == 2:
            for it in body.args:
                yield from self._spec_conjuncts(it, env)
            return
        if isinstance(body, A.Label):
            yield from self._spec_conjuncts(body.body, env)
            return
        name = body.name if isinstance(body, A.Name) else (
            body.op if isinstance(body, A.OpApp) and not body.args and not body.inst_args else None)
        if name is not None:
            ent = self.comp.resolve(name, Ctx(env), body)[0]
            if isinstance(ent, E.DefEntry) and not ent.unit.params:
                lv = self.comp.levels.of_entry(ent)
                if lv == TEMPORAL or isinstance(ent.unit.body, (A.Junction,)) or "!" in name:
                    yield from self._spec_conjuncts(ent.unit.body, ent.env)
                    return
        yield body, env

    def _property_conjuncts(self, body: A.Expr, env: E.Env, name: str):
        if isinstance(body, A.Junction) and body.kind == "/\\":
            for it in body.items:
                yield from self._property_conjuncts(it, env, name)
            return
        if isinstance(body, A.OpApp) and body.op == "/\\" and len(body.args) == 2:
            for it in body.args:
                yield from self._property_conjuncts(it, env, name)
            return
        if isinstance(body, A.OpApp) and body.op == "[]" and isinstance(body.args[0], (A.Name,)):
            ent = self.env.lookup(body.args[0].name) if env is self.env else env.lookup(body.args[0].name)
            if isinstance(ent, E.DefEntry) and not ent.unit.params:
                yield body, env, ent.name
                return
        n = body.name if isinstance(body, A.Name) else (
            body.op if isinstance(body, A.OpApp) and not body.args and not body.inst_args else None)
        if n is not None:
            try:
                ent = self.comp.resolve(n, Ctx(env), body)[0]
            except CompileError:
                ent = None
            if isinstance(ent, E.DefEntry) and not ent.unit.params:
                yield from self._property_conjuncts(ent.unit.body, ent.env, ent.name)
                return
        yield body, env, name

    def _compile_init(self, parts: list[tuple[A.Expr, E.Env]]) -> Callable:
        if not parts:
            return lambda s=None: iter(())  # no behaviour spec: only the ASSUMEs are checked
        comp = self.comp
        fn = comp.fresh("init_")
        from .compiler import Out
        out = Out()
        out.emit(0, f"def {fn}(s=None):")
        ctx0 = Ctx(parts[0][1], mode="init")

        def chain(i: int, ctx: Ctx, o: Out, ind: int) -> None:
            if i == len(parts):
                return comp._yield(ctx, o, ind)
            expr, env = parts[i]
            c = replace(ctx, env=env, locals={})
            comp.act(expr, c, lambda cc, oo, ii: chain(i + 1, replace(cc, env=ctx.env), oo, ii), o, ind)

        chain(0, ctx0, out, 1)
        out.emit(1, "return")
        out.emit(1, "yield")
        comp.defs.append("\n".join(out.lines) + "\n")
        return comp.function(fn)

    # ------------------------------------------------------------------ splitting Next into actions

    def _split_next(self, nxt: tuple[A.Expr, E.Env, str]) -> list[Action]:
        body, env, name = nxt
        leaves: list[tuple[str, A.Expr, Ctx, A.Node, str, list]] = []
        self._split(body, Ctx(env, mode="action"), name, body, [], leaves, env.module)
        actions = []
        cache: dict[int, str] = {}
        for lname, expr, ctx, node, module, binds in leaves:
            names = [py for py, _ in binds]
            key = id(expr), tuple(names), id(ctx.env)
            fn_name = cache.get(key)
            if fn_name is None:
                fn_name = self.comp.action_function(expr, ctx, names, lname)
                cache[key] = fn_name
            label = _span_label(lname, node.span, module)
            actions.append(Action(label, lname, fn_name, tuple(v for _, v in binds)))
        self.next_all = None
        if len(leaves) <= 400:
            self.next_all = self.comp.next_function([(expr, ctx, binds) for _, expr, ctx, _, _, binds in leaves])
        self.comp.flush()
        for a in actions:
            a.fn = self.comp.glob[a.fn]
        if self.next_all is not None:
            self.next_all = self.comp.glob[self.next_all]
        return actions

    def _split(self, e: A.Expr, ctx: Ctx, name: str, node: A.Node, binds: list, out: list, module: str) -> None:
        comp = self.comp
        if isinstance(e, A.Label):
            return self._split(e.body, ctx, name, e.body, binds, out, module)
        if isinstance(e, A.Junction) and e.kind == "\\/" or isinstance(e, A.OpApp) and e.op == "\\/" and len(e.args) == 2:
            items = e.items if isinstance(e, A.Junction) else e.args
            for it in items:
                self._split(it, ctx, name, it, binds, out, module)
            return
        if isinstance(e, A.Quant) and e.kind == "\\E" and len(e.bounds) >= 1:
            b = e.bounds[0]
            if b.set is not None and comp.is_closed_constant(b.set, ctx) and not b.tuple_:
                try:
                    S = comp.const_value(b.set, ctx)
                    elems = list(comp.glob["enum"](S))
                except Exception:
                    elems = None
                if elems is not None:
                    rest = A.Quant("\\E", (A.Bound(b.names[1:], False, b.set, span=b.span),) + e.bounds[1:],
                                   e.body, span=e.span) if len(b.names) > 1 else (
                        A.Quant("\\E", e.bounds[1:], e.body, span=e.span) if len(e.bounds) > 1 else e.body)
                    py = comp.fresh("q_")
                    inner = ctx.with_locals({b.names[0]: LVal(py)})
                    for v in elems:
                        self._split(rest, inner, name, node, binds + [(py, v)], out, module)
                    return
        nm = e.name if isinstance(e, A.Name) else (e.op if isinstance(e, A.OpApp) and e.op not in
                                                   ("=", "\\in", "'", "UNCHANGED", "/\\", "~") else None)
        if nm is not None and nm not in ctx.locals and "!" not in nm:
            ent = ctx.env.lookup(nm)
            if isinstance(ent, E.DefEntry):
                args = e.args if isinstance(e, A.OpApp) else ()
                if len(args) == len(ent.unit.params) and all(
                        comp.is_closed_constant(a, ctx) or isinstance(a, A.Name) and isinstance(
                            ctx.locals.get(a.name), LVal) for a in args):
                    locs = {}
                    for p, a in zip(ent.unit.params, args):
                        if isinstance(a, A.Name) and isinstance(ctx.locals.get(a.name), LVal):
                            locs[p.name] = ctx.locals[a.name]
                        else:
                            py = comp.fresh("q_")
                            try:
                                v = comp.const_value(a, ctx)
                            except Exception:
                                break
                            locs[p.name] = LVal(py)
                            binds = binds + [(py, v)]
                    else:
                        inner = Ctx(ent.env, locals=locs, mode="action")
                        return self._split(ent.unit.body, inner, ent.name, ent.unit.body, binds, out, ent.module)
        out.append((name, e, ctx, node, module, binds))


def _intern_literals(modules: dict[str, A.Module], root: A.Module) -> None:
    """Intern string literals in source order, as TLC's parser does: it fixes how strings sort."""
    from .levels import children

    def walk(x) -> None:
        if isinstance(x, A.Str):
            V.intern_string(x.value)
            return
        if isinstance(x, (A.RecordConstr, A.RecordSet)):
            for k, _ in x.fields:
                V.intern_string(k)
        if isinstance(x, A.Dot):
            V.intern_string(x.field)
        for ch in children(x):
            walk(ch)

    seen = set()
    order = [root] + [m for m in modules.values() if m is not root]
    for m in order:
        if id(m) in seen:
            continue
        seen.add(id(m))
        for u in m.units:
            for attr in ("body", "expr"):
                b = getattr(u, attr, None)
                if isinstance(b, A.Expr):
                    walk(b)


def permute_value(v: Any, m: dict) -> Any:
    """v with every model value replaced through the permutation m."""
    t = type(v)
    if t is V.ModelValue:
        return m.get(v, v)
    if t is frozenset:
        return frozenset([permute_value(x, m) for x in v])
    if t is tuple:
        return tuple([permute_value(x, m) for x in v])
    if t is V.Fcn:
        return V.make_fcn({permute_value(k, m): permute_value(x, m) for k, x in v.items()})
    if isinstance(v, V.LazySet) and v.is_finite():
        return permute_value(v.materialize(), m)
    return v


_SYM_CACHE = 25000
"""Entries per generation of a symmetry cache: images of whole variable values can be large."""


def symmetry_key(perms: Any) -> Callable:
    """The canonical form of a state under a set of permutations: the least permuted state in TLC's
    order, comparing variable by variable (TLC-SEMANTICS §6)."""
    maps = []
    for p in V.enumerate_set(perms):
        if type(p) is tuple:
            p = {}
        m = {k: x for k, x in p.items() if k != x}
        if m and m not in maps:
            maps.append(m)
    key = V.tlc_key
    if not maps:
        return lambda s: s
    maps = _permutation_group(maps)

    # States share most of their variables' values with their neighbours: remember each value's image under
    # each permutation and each value's sort key.  Each cache has two generations: when the young one is
    # full it becomes the old one (the previous old one is dropped), and a hit in the old one moves back,
    # so recently used values stay without the caches growing past 2 * _SYM_CACHE entries.
    images: list[list[dict]] = [[{}, {}] for _ in maps]
    keys: list[dict] = [{}, {}]

    atomic = (int, bool, str)  # their own images; and True == 1 must not share a cache entry

    def skey(x):
        if type(x) in atomic:
            return key(x)
        young = keys[0]
        k = young.get(x)
        if k is None:
            k = keys[1].get(x)
            if k is None:
                k = key(x)
            if len(young) >= _SYM_CACHE:
                keys[1] = young
                young = keys[0] = {}
            young[x] = k
        return k

    def canon(s: tuple) -> tuple:
        best = s
        for m, gens in zip(maps, images):
            young = gens[0]
            c = []
            for x in s:
                if type(x) in atomic:
                    c.append(x)
                    continue
                y = young.get(x)
                if y is None:
                    y = gens[1].get(x)
                    if y is None:
                        y = permute_value(x, m)
                    if len(young) >= _SYM_CACHE:
                        gens[1] = young
                        young = gens[0] = {}
                    young[x] = y
                c.append(y)
            c = tuple(c)
            # compare with the best so far variable by variable; equal values need no sort key
            for x, b in zip(c, best):
                if x == b:
                    continue
                if skey(x) < skey(b):
                    best = c
                break
        return best
    return canon


def _permutation_group(gens: list[dict]) -> list[dict]:
    """The non-identity elements of the group the permutations generate (TLC's MVPerms.permutationSubgroup):
    Permutations(A) \\cup Permutations(B) means every combination of a permutation of A and one of B."""
    def compose(f: dict, g: dict) -> dict:  # f after g
        out = {}
        for k in set(f) | set(g):
            v = f.get(g.get(k, k), g.get(k, k))
            if v != k:
                out[k] = v
        return out

    seen = [dict(g) for g in gens]
    keys = {frozenset(g.items()) for g in seen}
    frontier = list(seen)
    while frontier:
        nxt = []
        for f in frontier:
            for g in gens:
                h = compose(f, g)
                k = frozenset(h.items())
                if h and k not in keys:
                    keys.add(k)
                    seen.append(h)
                    nxt.append(h)
        frontier = nxt
    return seen


def _chain(actions: list[Action]) -> Callable:
    def next_all(s):
        for a in actions:
            yield from a.fn(s, *a.args)
    return next_all


def _action_name(e: A.Expr) -> str:
    if isinstance(e, A.Name):
        return e.name
    if isinstance(e, A.OpApp) and not e.args:
        return e.op
    return "Next"
