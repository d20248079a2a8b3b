"""Module environments: what each name means in a module, after EXTENDS and INSTANCE.

An environment maps a name to an entry.  Entries are plain data; the
compiler decides what code each one becomes.  Instantiation with
substitutions (``INSTANCE M WITH x <- e``) gives M's constants and variables
a ``Subst`` entry that points back at the expression and the instantiating
environment, which is how TLA+ defines instantiation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..syntax import ast as A
from ..syntax.errors import ParseError


def path_parts(name: str) -> list[str]:
    """The segments of an instance path ``I!J!Op``.  A segment may be the operator ``!!`` (``F!!!``:
    F's infix !!), and ``!!`` alone is an operator, not a path."""
    if name.endswith("!!"):
        head = name[:-2]
        if not head:
            return ["!!"]
        if head.endswith("!"):
            return head[:-1].split("!") + ["!!"]
    return name.split("!")


def is_path(name: str) -> bool:
    """Whether ``name`` is an instance path (``I!Op``), not a plain name or the operator ``!!``."""
    return "!" in name and len(path_parts(name)) > 1

@dataclass(eq=False)
class Entry:
    name: str

    # Set by the model from the .cfg: a value or an alias that replaces this entry everywhere.
    override = None


@dataclass(eq=False)
class VarEntry(Entry):
    index: int


@dataclass(eq=False)
class ConstEntry(Entry):
    """A declared CONSTANT of the root module; its value comes from the .cfg."""

    arity: int = 0
    span: A.Span | None = None


@dataclass(eq=False)
class ValueEntry(Entry):
    """A name bound to a ready value (a .cfg constant, or a definition overridden by the .cfg)."""

    value: Any


@dataclass(eq=False)
class DefEntry(Entry):
    """A user operator definition, compiled in the environment it was defined in."""

    unit: A.OpDef
    env: "Env"
    module: str


@dataclass(eq=False)
class FcnDefEntry(Entry):
    unit: A.FcnDef
    env: "Env"
    module: str


@dataclass(eq=False)
class NativeEntry(Entry):
    """An operator of a standard module that mcheck implements natively."""

    module: str
    arity: int
    unit: A.OpDef | None = None
    env: "Env | None" = None


@dataclass(eq=False)
class SubstEntry(Entry):
    """A constant or variable of an instantiated module, replaced by an expression of the instantiator."""

    expr: A.Expr
    env: "Env"


@dataclass(eq=False)
class AliasEntry(Entry):
    """A name that means another entry (``CONSTANT N <- Def`` in a .cfg, ``+ <- Plus`` in a WITH)."""

    target: Entry


@dataclass(eq=False)
class InstEntry(Entry):
    """``I == INSTANCE M WITH ...`` or ``I(p) == INSTANCE M ...``: ``I!Op`` looks into M."""

    unit: A.Instance
    env: "Env"
    _cache: dict = field(default_factory=dict)


@dataclass(eq=False)
class Env:
    module: str
    names: dict[str, Entry] = field(default_factory=dict)
    modules: dict[str, A.Module] = field(default_factory=dict)
    assumes: list[tuple[A.Assume, "Env"]] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    constants: list[ConstEntry] = field(default_factory=list)

    def lookup(self, name: str) -> Entry | None:
        e = self.names.get(name)
        while e is not None:
            if isinstance(e, AliasEntry):
                e = e.target
            elif e.override is not None:
                e = e.override
            else:
                break
        return e


def _override_imported(env: Env, name: str, ov: Entry) -> None:
    cur = env.names.get(name)
    if cur is not None and not (isinstance(cur, DefEntry) and cur.module == env.module):
        env.names[name] = ov


def _find_module(name: str, env_modules: dict[str, A.Module], loaded_modules: dict[str, A.Module], span) -> A.Module:
    m = env_modules.get(name) or loaded_modules.get(name)
    if m is None:
        raise ParseError(f"module {name} not found", span)
    return m


class Builder:
    """Builds environments for a root module and everything it extends or instantiates."""

    def __init__(self, modules: dict[str, A.Module], natives: dict[tuple[str, str], Any]):
        self.modules = modules
        self.natives = natives
        self.variables: list[str] = []
        self.created: list[Entry] = []
        # .cfg overrides of constants and standard operators, by name: also applied to entries created
        # later (modules instantiated while compiling), as TLC applies them in every module
        self.overrides: dict[str, Entry] = {}
        self.module_overrides: dict[tuple[str, str], Entry] = {}  # N <-[M] e: (M, N) -> e
        self._extended_cache: dict[str, Env] = {}
        self.envs: list[Env] = []   # every module environment built, for N <-[M] e on an imported N

    def build_root(self, root: A.Module) -> Env:
        return self.build(root, {}, root_vars=True)

    def build(self, mod: A.Module, subst: dict[str, Entry], root_vars: bool = False,
              outer_modules: dict[str, A.Module] | None = None, seen: tuple[str, ...] = (),
              context: dict[str, Entry] | None = None) -> Env:
        if mod.name in seen:
            raise ParseError(f"circular EXTENDS/INSTANCE of module {mod.name}", mod.span)
        seen = seen + (mod.name,)
        env = Env(mod.name, names=dict(context or {}), modules=dict(outer_modules or {}))
        for u in mod.units:
            if isinstance(u, A.Module):
                env.modules[u.name] = u
        for ext in mod.extends:
            emod = _find_module(ext, env.modules, self.modules, mod.span)
            sub = self.build(emod, subst, root_vars, env.modules, seen)
            self._merge(env, sub, public_only=True)
        self._add_units(env, mod, subst, root_vars, seen)
        for (m, name), ov in self.module_overrides.items():
            if m == mod.name:
                _override_imported(env, name, ov)
        self.envs.append(env)
        return env

    def override_in_module(self, module: str, name: str, ov: Entry) -> None:
        """``N <-[M] e`` from the .cfg: M's own definition N gets the override where it is created;
        an N that M imports (ZSequences' Nat, from LOCAL INSTANCE Naturals) is replaced in M's
        environments only, so that M's definitions see e while every other module keeps its N."""
        self.module_overrides[(module, name)] = ov
        for env in self.envs:
            if env.module == module:
                _override_imported(env, name, ov)

    def _merge(self, env: Env, sub: Env, public_only: bool) -> None:
        for k, v in sub.names.items():
            if public_only and getattr(v, "_local", False):
                continue
            env.names[k] = v
        env.assumes.extend(sub.assumes)
        for c in sub.constants:
            if c not in env.constants:
                env.constants.append(c)
        for v in sub.variables:
            if v not in env.variables:
                env.variables.append(v)

    def _add_units(self, env: Env, mod: A.Module, subst: dict[str, Entry], root_vars: bool, seen) -> None:
        for u in mod.units:
            if isinstance(u, A.Constants):
                for d in u.decls:
                    if d.name in subst:
                        env.names[d.name] = subst[d.name]
                    else:
                        c = ConstEntry(d.name, d.arity, d.span)
                        c.override = self.overrides.get(d.name)
                        self.created.append(c)
                        env.names[d.name] = c
                        env.constants.append(c)
            elif isinstance(u, A.Variables):
                for n in u.names:
                    if n in subst:
                        env.names[n] = subst[n]
                    else:
                        if n not in self.variables:
                            self.variables.append(n)
                        env.names[n] = VarEntry(n, self.variables.index(n))
                        if n not in env.variables:
                            env.variables.append(n)
            elif isinstance(u, A.OpDef):
                key = (mod.name, u.name)
                if key in self.natives:
                    e: Entry = NativeEntry(u.name, mod.name, len(u.params), u, env)
                    e.override = self.overrides.get(u.name)
                    self.created.append(e)
                else:
                    e = DefEntry(u.name, u, env, mod.name)
                    e.override = self.module_overrides.get((mod.name, u.name))
                    self.created.append(e)
                e._local = u.local  # type: ignore[attr-defined]
                env.names[u.name] = e
            elif isinstance(u, A.FcnDef):
                e = FcnDefEntry(u.name, u, env, mod.name)
                e._local = u.local  # type: ignore[attr-defined]
                env.names[u.name] = e
            elif isinstance(u, A.Instance):
                if u.name is not None:
                    e = InstEntry(u.name, u, env)
                    e._local = u.local  # type: ignore[attr-defined]
                    env.names[u.name] = e
                else:
                    sub = self.instantiate(u, env, {}, seen)
                    for k, v in sub.names.items():
                        if getattr(v, "_local", False):
                            continue
                        if isinstance(v, (VarEntry, ConstEntry, SubstEntry)) and k in env.names:
                            continue
                        env.names[k] = v
                    # TLC checks the ASSUMEs of the root module and of the modules it EXTENDS, not
                    # those of instantiated modules (SANY's ModuleNode.getAssumptions)
            elif isinstance(u, A.Assume):
                env.assumes.append((u, env))
                if u.name is not None:
                    d = A.OpDef(u.name, (), u.expr, span=u.span)
                    env.names[u.name] = DefEntry(u.name, d, env, mod.name)
            elif isinstance(u, A.Theorem) and u.name is not None and u.expr is not None:
                # THEOREM T == e defines T (TLC lets an ASSUME or invariant name it)
                d = A.OpDef(u.name, (), u.expr, span=u.span)
                env.names[u.name] = DefEntry(u.name, d, env, mod.name)

    def instantiate(self, u: A.Instance, env: Env, param_entries: dict[str, Entry], seen=()) -> Env:
        """The environment of ``INSTANCE M WITH ...`` as seen from ``env``."""
        target = _find_module(u.module, env.modules, self.modules, u.span)
        # Which names does the target declare (its own and through EXTENDS)?
        declared = self._declared(target, env.modules)
        subst: dict[str, Entry] = {}
        explicit = {name for name, _ in u.substs}
        # I(n) == INSTANCE M WITH v <- f(n): the substitutions see the instance's parameters
        senv = env if not param_entries else Env(env.module, names={**env.names, **param_entries},
                                                 modules=env.modules, variables=env.variables,
                                                 constants=env.constants)
        for name, expr in u.substs:
            if isinstance(expr, A.Name) and expr.name in param_entries:
                subst[name] = param_entries[expr.name]
                continue
            ref = expr.name if isinstance(expr, A.Name) else (
                expr.op if isinstance(expr, A.OpApp) and not expr.args and not expr.inst_args else None)
            tgt = env.lookup(ref) if ref is not None else None
            subst[name] = AliasEntry(name, tgt) if tgt is not None else SubstEntry(name, expr, senv)
        params = {p.name for p in u.params}
        for name in declared:
            if name in params and name not in explicit:
                # I(x) == INSTANCE M: M's x is the instance parameter, bound where I(e)!Op is used
                subst[name] = param_entries.get(name) or SubstEntry(name, A.Name(name, span=u.span), env)
                continue
            if name not in explicit:
                tgt = env.lookup(name)
                if tgt is None:
                    raise ParseError(
                        f"INSTANCE {u.module}: no substitution for {name}, and {env.module} has no {name}", u.span)
                subst[name] = tgt
        # a module written inside this one sees this one's names (SANY: the context it is written in;
        # Github687spec's Ring uses the outer module's >, and its variable value)
        context = env.names if env.modules.get(u.module) is target else None
        return self.build(target, subst, outer_modules=env.modules, seen=seen, context=context)

    def _declared(self, mod: A.Module, outer: dict[str, A.Module]) -> list[str]:
        out: list[str] = []
        local_mods = dict(outer)
        for u in mod.units:
            if isinstance(u, A.Module):
                local_mods[u.name] = u
        for ext in mod.extends:
            emod = _find_module(ext, local_mods, self.modules, mod.span)
            out.extend(self._declared(emod, local_mods))
        for u in mod.units:
            if isinstance(u, A.Constants):
                out.extend(d.name for d in u.decls)
            elif isinstance(u, A.Variables):
                out.extend(u.names)
        return out
