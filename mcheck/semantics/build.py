"""From a spec and its .cfg to a ``Model``: init, actions, invariants, constraints, properties.

Everything the .cfg names is resolved and compiled here, so that the engines never see TLA+
syntax: they get the ``model.Model`` record of compiled functions.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from ..syntax import ast as A
from ..syntax.cfg import Config
from ..syntax.errors import ConfigError, EvalError, InvariantLevelError
from . import env as E
from . import runtime as R
from .natives.core import seed as seed_random
from .natives.registry import NATIVE
from .natives.tlc_ext import EMPTY_COUNTEREXAMPLE
from .tlcstate import RunConfig, TLCState, reads_statistics
from .compiler.context import CompileError, Ctx, LVal, Out
from .compiler.core import Compiler
from .compiler.operators import SPECIAL_NATIVES
from .constants import cfg_value
from .levelcheck import check_levels
from .levels import ACTION, CONSTANT, STATE, TEMPORAL
from .literals import intern_literals
from .profile import PREDICATE, Profile
from .model import Action, Assumption, Model, Predicate, Source, StepProperty, chain_actions
from .symmetry import symmetry_key
from .ltl import TRUE, LiveProperty, TemporalSpec, f_and
from .temporal import Translator
from .properties import boxed_predicate, instance_parts, through_operators

NEXT_ALL_LIMIT = 400
"""Above this many actions, successors come from each action in turn instead of one generated function."""


class ModelBuilder:
    """Compiles one spec with one .cfg; ``build()`` returns the ``Model``.

    ``checked=True`` compiles with the natives' type checks (TLC's error messages) in place of
    inline Python operators: the model an engine re-runs a failed evaluation on.
    """

    def __init__(self, modules: dict[str, A.Module], root: A.Module, cfg: Config,
                 const_overrides: dict[str, Any] | None = None, checked: bool = False, profile: bool = False,
                 run: RunConfig = RunConfig()):
        # RandomElement's generator starts again with each model, as TLC's does with each run: the
        # constants it draws are the same in every process that builds this model (worker 0 in the
        # coordinator's process, after the coordinator's own build) and after any earlier check
        seed_random(0)
        self.modules = modules
        self.root = root
        self.cfg = cfg
        self.builder = E.Builder(modules, {**NATIVE, **SPECIAL_NATIVES})
        self.env = self.builder.build_root(root)
        self.variables = list(self.builder.variables)
        self.tlc = TLCState(deadlock=cfg.check_deadlock is not False, run=run)
        self.profile = Profile() if profile else None   # --profile (profile.py); None: nothing is counted
        self.comp = Compiler(NATIVE, len(self.variables), self.variables, self.tlc, checked=checked,
                             profile=self.profile)
        intern_literals(modules, root)
        self.comp.builder = self.builder
        self.warnings: list[str] = []
        self.sources: dict[str, tuple[A.Expr, E.Env]] = {}  # invariant name -> (body, env)
        self.tspec = TemporalSpec()
        self.tr = Translator(self, self.tspec)
        check_levels(self.comp.levels, root, self.env, modules)   # SANY's, before the .cfg is looked at
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
                    name, cfg_value(ca.value)) if ca.value is not None else None
                if ov0 is not None:
                    self.builder.override_in_module(str(ca.module), name, ov0)
                assigned.add(name)
                continue
            if not targets:
                continue  # TLC goes on, with no error, when the .cfg assigns a name the spec lacks
            if ca.subst is not None:
                tgt = self.env.lookup(str(ca.subst))
                if tgt is None:
                    raise ConfigError(f"the .cfg substitutes {ca.subst} for {name}, but {ca.subst} is not defined",
                                      getattr(ca.subst, "span", None) or ca.span)
                if any(isinstance(t, E.ConstEntry) for t in targets) and isinstance(tgt, E.DefEntry) and (
                        self.comp.const_levels.of_entry(tgt) > CONSTANT):   # etest7: C <- Foo with Foo == x
                    raise ConfigError(f"The configuration file substitutes constant {name} with non-constant "
                                      f"{ca.subst}", getattr(ca.subst, "span", None) or ca.span)
                ov: E.Entry = E.AliasEntry(name, tgt)
            else:
                ov = E.ValueEntry(name, cfg_value(ca.value))
            for t in targets:
                t.override = ov
            if ca.module is None:
                self.builder.overrides[name] = ov
            else:
                self.builder.override_in_module(str(ca.module), name, ov)
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
        # a name with no span was not written in a .cfg: --invariant, or INIT Init / NEXT Next by default
        named = "named in the .cfg" if sp is not None else (
            "given by --invariant" if what == "invariant" else "(the default when there is no .cfg)")
        if ent is None:
            raise ConfigError(f"The {what} {name} {named} is not defined in the spec", sp)
        if isinstance(ent, E.DefEntry):
            if ent.unit.params:
                raise ConfigError(f"The {what} {name} takes arguments; it must be a 0-ary definition", sp)
            return ent, ent.unit.body, ent.env
        if isinstance(ent, E.ValueEntry):
            return ent, A.Bool(bool(ent.value)) if isinstance(ent.value, bool) else A.Name(str(name)), self.env
        raise ConfigError(f"The {what} {name} {named} is not an operator definition", sp)

    def evaluate(self, expr: "A.Expr | str", state: tuple, env: E.Env | None = None) -> Any:
        """The value of a state-level expression (AST or TLA+ text) in ``state``, in the root module's scope."""
        if isinstance(expr, str):
            from ..syntax.parser import parse_expr   # late: lark's grammar is the slow part of starting up
            expr = parse_expr(expr, "<expression>")
        env = env or self.env
        code = self.comp.expr(expr, Ctx(env))
        fn = self.comp.emitter.define(self.comp.emitter.fresh("eval_"), "s", code)
        return self.comp.emitter.function(fn)(state)

    def _pred(self, name: str, body: A.Expr, env: E.Env, transition: bool = False, boolean: bool = False) -> Predicate:
        """``boolean``: a value that is not a boolean is TLC's error (a CONSTRAINT: DoInitFunctorEvalException)."""
        return self._pred_in(name, body, Ctx(env), transition, boolean)

    def _nullary(self, prefix: str, body: A.Expr, env: E.Env) -> Callable:
        """A function of no state (ASSUME, POSTCONDITION)."""
        code = self.comp.expr(body, Ctx(env))
        fn = self.comp.emitter.define(self.comp.emitter.fresh(prefix), "s=None", code)
        return self.comp.emitter.function(fn)

    # ------------------------------------------------------------------ the model

    def build(self, recipe: Any = None) -> Model:
        """Compile everything the .cfg names; ``recipe`` is recorded in the model as it is."""
        cfg = self.cfg
        init_parts, next_expr, assumed = self._behaviour()
        init = self._compile_init(init_parts)
        if self.profile is not None and init_parts:
            init = self.profile.wrap_init(init)
        actions, successors = self._split_next(next_expr) if next_expr is not None else ((), chain_actions(()))
        invariants = [self._invariant(n) for n in cfg.invariants]
        init_props, step_props = self._properties(invariants, assumed)
        constraints = [self._pred(n, *self.definition(n, "constraint")[1:], boolean=True) for n in cfg.constraints]
        aconstraints = [self._pred(n, *self.definition(n, "action constraint")[1:], transition=True, boolean=True)
                        for n in cfg.action_constraints]
        key = self._dedup_key()
        alias, alias_transition = self._alias()
        postconditions = []
        for post in cfg.postconditions:
            _, body, env = self.definition(post, "postcondition")
            postconditions.append(Predicate(str(post), self._postcondition(self._nullary("post_", body, env))))
        for kind, pred in self._possible():
            {"state": constraints, "action": aconstraints, "check": postconditions}[kind].append(pred)
        self.tr.finish()
        assumptions = tuple(Assumption(_span_label("", u.expr.span, env.module)[2:-1],
                                       self._nullary("assume_", u.expr, env)) for u, env in self.env.assumes)
        self.comp.emitter.flush()
        source = Source(self.evaluate, self.sources, alias, alias_transition, tuple(self.warnings))
        return Model(self.root.name, tuple(self.variables), actions, init, successors, tuple(invariants),
                     tuple(constraints), tuple(aconstraints), tuple(init_props), tuple(step_props), key,
                     cfg.symmetry is not None, cfg.check_deadlock if cfg.check_deadlock is not None else True,
                     assumptions, tuple(postconditions), self.tspec if self.tspec.properties else None,
                     self.tlc.set_level, recipe, source, self.profile,
                     self.tlc.stats if reads_statistics(self.modules) else None)

    def _behaviour(self) -> tuple[list[tuple[A.Expr, E.Env]], tuple[A.Expr, E.Env, str] | None, tuple]:
        """The initial predicate's parts, the next-state relation and the temporal assumptions
        (conjuncts of the SPECIFICATION that are not WF/SF), from SPECIFICATION or INIT/NEXT."""
        cfg = self.cfg
        init_expr: list[tuple[A.Expr, E.Env]] = []
        next_expr: tuple[A.Expr, E.Env, str] | None = None
        assumed = TRUE
        if cfg.specification is None:
            if cfg.init is not None:
                _, body, env = self.definition(cfg.init, "initial predicate")
                init_expr.append((body, env))
            if cfg.next is not None:
                _, body, env = self.definition(cfg.next, "next-state action")
                next_expr = (body, env, str(cfg.next))
            return init_expr, next_expr, assumed
        _, body, env = self.definition(cfg.specification, "specification")
        for conj, cenv in self._spec_conjuncts(body, env):
            lv = self.comp.level(conj, Ctx(cenv))
            if isinstance(conj, A.BoxAction):
                if next_expr is not None:
                    raise ConfigError("the specification has two [][Next]_v conjuncts", conj.span)
                next_expr = (conj.action, cenv, _action_name(conj.action))
            elif lv <= STATE:
                init_expr.append((conj, cenv))
            elif isinstance(conj, A.Fairness) or lv == TEMPORAL:
                fl = self.tr.fairness_list(conj, Ctx(cenv))
                if fl is not None:
                    self.tspec.fairness += fl
                else:
                    assumed = f_and(assumed, self.tr.tl(conj, Ctx(cenv)))
            else:
                raise ConfigError("an action-level conjunct in SPECIFICATION must have the form [][A]_v",
                                  conj.span)
        return init_expr, next_expr, assumed

    def _postcondition(self, fn: Callable) -> Callable:
        """A POSTCONDITION as the checker calls it: ``fn(ce)`` evaluates it with TLCExt's
        CounterExample bound to ``ce`` (TLC evaluates postconditions after a violation too, on its
        counterexample), ``fn()`` with the empty one."""
        tlc = self.tlc

        def post(ce: Any = None) -> Any:
            tlc.counterexample = EMPTY_COUNTEREXAMPLE if ce is None else ce
            try:
                return fn()
            finally:
                tlc.counterexample = EMPTY_COUNTEREXAMPLE
        return post

    def _possible(self) -> list[tuple[str, Predicate]]:
        """The .cfg's _POSSIBLE predicates as TLC's SpecProcessor installs them: each is counted by a
        constraint that excludes nothing (a state constraint for a state predicate, an action
        constraint for an action), after the .cfg's own, and checked by a postcondition that is
        false when it was never witnessed."""
        out: list[tuple[str, Predicate]] = []
        track = self.tlc.track
        for n in self.cfg.possible:
            name = str(n)
            _, body, env = self.definition(n, "_POSSIBLE predicate")
            if self.comp.level(body, Ctx(env)) <= STATE:
                p = self._pred(n, body, env).fn
                out.append(("state", Predicate(name, lambda t, p=p, name=name: track(name, p(t)))))
            else:
                a = self._pred(n, body, env, transition=True).fn
                out.append(("action", Predicate(name, lambda s, t, a=a, name=name: track(name, a(s, t)))))
        for n in self.cfg.possible:
            out.append(("check", Predicate(str(n), lambda s=None, name=str(n): self.tlc.witnessed(name))))
        return out

    def _invariant(self, n: Any) -> Predicate:
        _, body, env = self.definition(n, "invariant")
        if self.comp.level(body, Ctx(env)) > STATE:
            raise InvariantLevelError(f"The invariant {n} is not a state predicate (one with no primes or "
                                      "temporal operators).", getattr(n, "span", None))
        self.sources[str(n)] = (body, env)
        return self._pred(n, body, env)

    def _properties(self, invariants: list[Predicate], assumed: tuple) -> tuple[list[Predicate], list[StepProperty]]:
        """The PROPERTIES, sorted by what checks them: ``[]P`` with P a state predicate joins the
        invariants, ``[][A]_v`` is a step property, a state predicate is checked on the initial
        states, anything else goes to the liveness checker (``self.tspec``)."""
        init_props: list[Predicate] = []
        step_props: list[StepProperty] = []
        for n in self.cfg.properties:
            _, body, env = self.definition(n, "property")
            for conj, cenv, cname in self._property_conjuncts(body, env, str(n)):
                inv = boxed_predicate(self.comp, self.tr, conj, cenv)
                parts = instance_parts(self.comp, self.tr, conj, cenv) if inv is None else None
                if inv is not None:   # []P through operators with parameters (Github1161's abs!Double(Op, s))
                    invariants.append(self._pred_in(cname, *inv))
                elif parts is not None:
                    self._split_parts(str(n), cname, parts, invariants, init_props, step_props, assumed)
                elif isinstance(conj, A.OpApp) and conj.op == "[]" and self.comp.level(conj.args[0], Ctx(cenv)) <= STATE:
                    invariants.append(self._pred(cname, conj.args[0], cenv))
                    self.sources[str(cname)] = (conj.args[0], cenv)
                elif isinstance(conj, A.BoxAction):
                    step_props.append(self._step_property(cname, conj, cenv))
                elif self.comp.level(conj, Ctx(cenv)) <= STATE:
                    init_props.append(self._pred(cname, conj, cenv))
                elif self.comp.level(conj, Ctx(cenv)) == ACTION:
                    raise ConfigError(
                        f"The formula {cname} is an action-level formula (i.e., it contains no temporal "
                        "operators). Only temporal-level (or state-level) formulas are allowed under PROPERTY "
                        f"or PROPERTIES. To check that action {cname} holds in *every* step of the behavior, "
                        "define a temporal property: rewrite A as [][A]_v, where v is a state function "
                        "(typically the tuple of variables).", getattr(conj, "span", None) or getattr(n, "span", None))
                else:
                    for part, pctx in self.tr.conjuncts(conj, Ctx(cenv)):
                        neg = f_and(assumed, self.tr.tl(part, pctx, neg=True))
                        self.tspec.properties.append(LiveProperty(str(n), neg))
        return init_props, step_props

    def _split_parts(self, n: str, cname: str, parts: list, invariants: list, init_props: list,
                     step_props: list, assumed: tuple) -> None:
        """Sort the conjuncts of an instance's formula as ``_properties`` sorts a property's."""
        for e, ctx in parts:
            lv = self.comp.level(e, ctx)
            if isinstance(e, A.OpApp) and e.op == "[]" and len(e.args) == 1 and self.comp.level(e.args[0], ctx) <= STATE:
                invariants.append(self._pred_in(cname, e.args[0], ctx))
            elif isinstance(e, A.BoxAction):
                step_props.append(self._step_property(cname, e, ctx))
            elif lv <= STATE:
                init_props.append(self._pred_in(cname, e, ctx))
            else:
                for part, pctx in self.tr.conjuncts(e, ctx):
                    self.tspec.properties.append(LiveProperty(n, f_and(assumed, self.tr.tl(part, pctx, neg=True))))

    def _pred_in(self, name: str, body: A.Expr, ctx: Ctx, transition: bool = False, boolean: bool = False) -> Predicate:
        """``_pred`` in a context that may bind names (an instance's parameters)."""
        ctx = replace(ctx, nxt="t") if transition else ctx
        code = self.comp.bool_code(body, ctx, "quant_body") if boolean else self.comp.expr(body, ctx)
        fn = self.comp.emitter.define(self.comp.emitter.fresh("pred_"), "s, t" if transition else "s", code)
        compiled = self.comp.emitter.function(fn)
        if self.profile is not None:
            compiled = self.profile.wrap(PREDICATE, str(name), compiled)
        return Predicate(str(name), compiled)

    def _step_property(self, name: str, conj: A.BoxAction, env: "E.Env | Ctx") -> StepProperty:
        ctx = env if isinstance(env, Ctx) else Ctx(env)
        whole = self._pred_in(name, A.ActionSub("[]", conj.action, conj.sub, span=conj.span), ctx, transition=True)
        if self.comp.level(conj.sub, ctx) > STATE:
            return StepProperty(name, whole.fn)
        sub = self._pred_in(name, conj.sub, ctx).fn
        act = self._pred_in(name, conj.action, ctx, transition=True).fn
        return StepProperty(name, whole.fn, sub, act)

    def _dedup_key(self) -> Callable | None:
        """The key states are deduplicated under: SYMMETRY's canonical form, then VIEW (None: the state)."""
        cfg = self.cfg
        key = None
        if cfg.symmetry is not None:
            _, body, env = self.definition(cfg.symmetry, "symmetry")
            try:
                key = symmetry_key(self.comp.const_value(body, Ctx(env)))
            except ConfigError as e:
                raise ConfigError(str(e), getattr(cfg.symmetry, "span", None) or body.span) from None
            if self.tspec.properties:
                self.warnings.append("Declaring symmetry during liveness checking is dangerous. It might cause TLC "
                                     "to miss violations of the stated liveness properties. Please check liveness "
                                     "without symmetry defined.")
        if cfg.view is not None:
            _, body, env = self.definition(cfg.view, "view")
            vfn = self._pred(cfg.view, body, env).fn
            if key is None:
                key = vfn
            else:
                canon = key
                key = lambda s: vfn(canon(s))  # noqa: E731
        return key

    def _alias(self) -> tuple[Callable | None, bool]:
        if self.cfg.alias is None:
            return None, False
        _, body, env = self.definition(self.cfg.alias, "alias")
        transition = self.comp.level(body, Ctx(env)) >= ACTION
        return self._pred(self.cfg.alias, body, env, transition=transition).fn, transition

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
        through = through_operators(self.comp, body, env)
        if through is not None:   # Spec4 == x1(Init /\ [][Next]_vars) (LetDef1Boxed)
            yield from self._spec_conjuncts(through[0], through[1])
            return
        if isinstance(body, A.OpApp) and body.inst_args and not body.args:
            inst = self.tr.instance_body(body, Ctx(env))   # Z7(7)!Spec: its parameters are entries of its env
            if inst is None:
                raise ConfigError("mcheck cannot use this instance's formula as the SPECIFICATION", body.span)
            yield from self._spec_conjuncts(inst[0], inst[1].env)
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
        through = through_operators(self.comp, body, env)
        if through is not None:   # x1([][x']_x0), LET x1(a) == a IN x1(...): TLC names it after x1
            yield from self._property_conjuncts(*through)
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
        fn = comp.emitter.fresh("init_")
        out = Out()
        out.emit(0, f"def {fn}(s=None):")
        ctx0 = Ctx(parts[0][1], mode="init")

        def chain(i: int, ctx: Ctx, o: Out, ind: int) -> None:
            if i == len(parts):
                return comp.yield_state(ctx, o, ind)
            expr, env = parts[i]
            c = replace(ctx, env=env, locals={})
            comp.act(expr, c, lambda cc, oo, ii: chain(i + 1, replace(cc, env=ctx.env), oo, ii), o, ind)

        chain(0, ctx0, out, 1)
        out.emit(1, "return")
        out.emit(1, "yield")
        comp.emitter.define_source(out.text())
        return comp.emitter.function(fn)

    # ------------------------------------------------------------------ splitting Next into actions

    def _split_next(self, nxt: tuple[A.Expr, E.Env, str]) -> tuple[tuple[Action, ...], Callable]:
        """The actions of Next (TLC's split, TLC-SEMANTICS.md §4), and ``successors``: one generated
        function yielding ``(action index, state)`` for every action in order."""
        body, env, name = nxt
        if isinstance(body, A.BoxAction) or isinstance(body, A.OpApp) and body.op in ("[]", "<>") and len(
                body.args) == 1:
            # TLC reports a temporal next-state relation only when it evaluates it: with no initial
            # state (regression model StandardModules) the check succeeds
            def successors(s, body=body, name=name):
                raise EvalError(f"The next-state relation {name} is a temporal formula; TLC can only "
                                "generate the steps of an action", body.span)
            return (), successors
        leaves: list[tuple[str, A.Expr, Ctx, A.Node, str, list]] = []
        self._split(body, Ctx(env, mode="action"), name, body, [], leaves, env.module)
        names: list[tuple[str, str, str, tuple]] = []
        cache: dict[tuple, str] = {}
        for lname, expr, ctx, node, module, binds in leaves:
            key = id(expr), tuple(py for py, _ in binds), id(ctx.env)
            fn_name = cache.get(key)
            if fn_name is None:
                fn_name = cache[key] = self.comp.action_function(expr, ctx, [py for py, _ in binds], lname)
            names.append((_span_label(lname, node.span, module), lname, fn_name, tuple(v for _, v in binds)))
        fused = None
        if self.profile is not None:
            # each action alone, compiled as the fused function compiles it (its constants known)
            alone = [self.comp.next_function([(expr, ctx, binds)]) for _, expr, ctx, _, _, binds in leaves]
        elif len(leaves) <= NEXT_ALL_LIMIT:
            fused = self.comp.next_function([(expr, ctx, binds) for _, expr, ctx, _, _, binds in leaves])
        self.comp.emitter.flush()
        actions = tuple(Action(label, lname, self.comp.emitter.function(fn), args) for label, lname, fn, args in names)
        if self.profile is not None:   # each action in turn, each one counted
            return actions, self.profile.successors([a.label for a in actions],
                                                    [self.comp.emitter.function(fn) for fn in alone])
        return actions, self.comp.emitter.function(fused) if fused is not None else chain_actions(actions)

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
            known = _known_locals(comp, ctx, binds)   # \E q \in Proc \ {p}: a constant once p is
            if b.set is not None and comp.is_closed_constant(b.set, known) and not b.tuple_:
                try:
                    S = comp.const_value(b.set, known)
                    elems = list(R.enum(S))
                except Exception:
                    elems = None
                if elems is not None:
                    rest = A.Quant("\\E", (A.Bound(b.names[1:], False, b.set, span=b.span),) + e.bounds[1:],
                                   e.body, span=e.span) if len(b.names) > 1 else (
                        A.Quant("\\E", e.bounds[1:], e.body, span=e.span) if len(e.bounds) > 1 else e.body)
                    py = comp.emitter.fresh("q_")
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
                            py = comp.emitter.fresh("q_")
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


def _known_locals(comp: Compiler, ctx: Ctx, binds: list) -> Ctx:
    """ctx with the locals already split on (``binds``: their Python names and values) as constants."""
    values = dict(binds)
    if not values:
        return ctx
    return ctx.with_locals({k: LVal(comp.emitter.value(values[v.py]), True, values[v.py])
                            for k, v in ctx.locals.items() if type(v) is LVal and v.py in values})


def _span_label(name: str, sp: A.Span | None, module: str) -> str:
    if sp is None:
        return f"<{name}>"
    return f"<{name} line {sp.line}, col {sp.col} to line {sp.end_line}, col {sp.end_col - 1} of module {module}>"


def _action_name(e: A.Expr) -> str:
    if isinstance(e, A.Name):
        return e.name
    if isinstance(e, A.OpApp) and not e.args:
        return e.op
    return "Next"
