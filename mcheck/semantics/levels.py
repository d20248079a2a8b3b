"""Level analysis: constant (0), state (1), action (2) or temporal (3).

The compiler needs levels to decide what to evaluate once (constants), what
becomes a function of the state, and which operator calls must be inlined
into a successor generator because they assign primed variables.
"""
from __future__ import annotations

from ..syntax import ast as A
from . import env as E

CONSTANT, STATE, ACTION, TEMPORAL = 0, 1, 2, 3

# Operators of standard modules whose value changes from call to call: never hoisted.
IMPURE_NATIVES = {
    ("TLC", "RandomElement"), ("TLC", "TLCGet"), ("TLC", "TLCSet"), ("TLC", "Print"), ("TLC", "PrintT"),
    ("TLC", "JavaTime"), ("TLC", "Any"), ("TLCExt", "TLCModelValue"), ("Randomization", "RandomSubset"),
    ("Randomization", "RandomSetOfSubsets"), ("Randomization", "RandomSubsetSet"), ("TLC", "Assert"),
    ("TLCExt", "Trace"), ("TLCExt", "TLCGetAndSet"), ("_Possible", "_Counts"),
    ("TLCExt", "CounterExample"),
    # processes and files: run on every evaluation, as TLC does
    ("IOUtils", "IOExec"), ("IOUtils", "IOEnvExec"), ("IOUtils", "IOExecTemplate"), ("IOUtils", "IOEnvExecTemplate"),
    ("IOUtils", "Serialize"), ("IOUtils", "Deserialize"), ("IOUtils", "IOSerialize"), ("IOUtils", "IODeserialize"),
    ("Json", "JsonSerialize"), ("Json", "JsonDeserialize"), ("Json", "ndJsonSerialize"), ("Json", "ndJsonDeserialize"),
    ("CSV", "CSVWrite"), ("CSV", "CSVRead"), ("CSV", "CSVRecords"),
}

_TEMPORAL_OPS = {"[]", "<>", "~>", "-+->", "\\cdot"}
_PRIMING = frozenset(["'", "UNCHANGED"])


class Levels:
    def __init__(self, resolver=None, impure_is_state: bool = True, impure_level: int | None = None) -> None:
        # impure_is_state: RandomElement & co. count as state-level, so that expressions using them are
        # not evaluated once and reused; TLC's constant definitions are still evaluated once (see
        # Compiler.entry_code), which a second Levels with impure_is_state=False decides.
        self.impure_is_state = impure_is_state
        # the level of an impure native: STATE or CONSTANT as above, or ACTION to tell the state-level
        # definitions that use one (their value is not a function of the state alone)
        self.impure_level = impure_level if impure_level is not None else (STATE if impure_is_state else CONSTANT)
        self._defs: dict[int, int] = {}
        self._apps: dict[tuple, int] = {}  # (definition, levels of its arguments) -> level
        # resolves ``I!Op`` names; set by the compiler, which knows how to instantiate modules
        self.resolver = resolver

    def of_entry(self, entry: E.Entry) -> int:
        if isinstance(entry, E.VarEntry):
            return STATE
        if isinstance(entry, (E.DefEntry, E.FcnDefEntry)):
            key = id(entry)
            if key in self._defs:
                return self._defs[key]
            self._defs[key] = CONSTANT  # recursion: assume constant until known
            unit = entry.unit
            names = [p.name for p in unit.params] if isinstance(unit, A.OpDef) else [
                n for b in unit.bounds for n in b.names] + [unit.name]
            bound = dict.fromkeys(names, CONSTANT)
            if isinstance(unit, A.FcnDef):
                lv = max([self.of(b.set, entry.env, bound) for b in unit.bounds if b.set is not None] + [
                    self.of(unit.body, entry.env, bound)])
            else:
                lv = self.of(unit.body, entry.env, bound)
            self._defs[key] = lv
            return lv
        if isinstance(entry, E.SubstEntry):
            return self.of(entry.expr, entry.env, frozenset())
        if isinstance(entry, E.NativeEntry):
            return self.impure_level if (entry.module, entry.name) in IMPURE_NATIVES else CONSTANT
        if isinstance(entry, E.AliasEntry):
            return self.of_entry(entry.target)
        return CONSTANT

    def of(self, e: A.Expr | None, env: E.Env, bound) -> int:
        """The level of e; ``bound`` maps bound variables and parameters to their levels.

        A parameter has the level of the argument it stands for (``Inc(v) == v' = v + 1`` applied
        to a variable is an action); a set of names counts them all as constants.
        """
        if type(bound) is not dict:
            bound = dict.fromkeys(bound, CONSTANT)
        if e is None:
            return CONSTANT
        t = type(e)
        if t in (A.Num, A.Str, A.Bool, A.Decimal, A.At):
            return CONSTANT
        if t is A.Name:
            if e.name in bound:
                return bound[e.name]
            return self._name(e.name, env)
        if t is A.OpApp:
            op = e.op
            args = max((self.of(a, env, bound) for a in e.args), default=CONSTANT)
            if op == "'":
                return ACTION if args >= STATE else CONSTANT
            if op == "UNCHANGED":
                return ACTION
            if op == "ENABLED":
                return STATE
            if op in _TEMPORAL_OPS:
                return TEMPORAL
            if op in bound:
                return max(args, bound[op])
            inst = max((self.of(a, env, bound) for aa in e.inst_args for a in aa), default=CONSTANT)
            applied = self._applied(op, env, e.args, bound) if e.args else None
            if applied is not None:
                return max(inst, applied)
            return max(args, inst, self._name(op, env))
        if t in (A.BoxAction, A.Fairness):
            return TEMPORAL
        if t is A.Quant:
            if e.kind in ("\\AA", "\\EE"):
                return TEMPORAL
            return self._binders(e.bounds, e.body, env, bound)
        if t in (A.ActionSub,):
            return ACTION
        if t is A.Choose:
            return self._binders((e.bound,), e.body, env, bound)
        if t is A.SetFilter:
            return self._binders((e.bound,), e.pred, env, bound)
        if t is A.SetMap:
            return self._binders(e.bounds, e.expr, env, bound)
        if t is A.FcnConstr:
            return self._binders(e.bounds, e.body, env, bound)
        if t is A.Let:
            inner = dict(bound)
            for d in e.defs:
                if isinstance(d, A.OpDef):
                    inner[d.name] = CONSTANT  # (recursive uses)
                    inner[d.name] = self.of(d.body, env, {**inner, **dict.fromkeys((p.name for p in d.params),
                                                                                   CONSTANT)})
                elif isinstance(d, A.FcnDef):
                    inner[d.name] = CONSTANT
                    inner[d.name] = self._binders(d.bounds, d.body, env, inner)
            return self.of(e.body, env, inner)
        if t is A.Lambda:
            return self.of(e.body, env, {**bound, **dict.fromkeys(e.params, CONSTANT)})
        if t is A.Label:
            return self.of(e.body, env, bound)
        # generic: the maximum over children
        lv = CONSTANT
        for child in children(e):
            lv = max(lv, self.of(child, env, bound))
        return lv

    def _binders(self, bounds, body, env, bound) -> int:
        if type(bound) is not dict:
            bound = dict.fromkeys(bound, CONSTANT)
        inner = dict(bound)
        lv = CONSTANT
        for b in bounds:
            if b.set is not None:
                lv = max(lv, self.of(b.set, env, bound))
            inner.update(dict.fromkeys(b.names, CONSTANT))
        return max(lv, self.of(body, env, inner))

    def _applied(self, op: str, env: E.Env, args, bound) -> int | None:
        """The level of a definition applied to these arguments (None: ``op`` is no definition): its
        body's, each parameter at its argument's level.  ``A1(c, d) == c' = d`` is an action when c
        is a variable (test39); ``B(a) == ENABLED a`` is a state predicate even of an action (test57)."""
        entry = self._entry(op, env)
        if not isinstance(entry, E.DefEntry) or len(entry.unit.params) != len(args):
            return None
        levels = tuple(self._op_arg(a, env, bound) if p.arity > 0 else self.of(a, env, bound)
                       for p, a in zip(entry.unit.params, args))
        key = (id(entry), levels)
        lv = self._apps.get(key)
        if lv is None:
            self._apps[key] = CONSTANT  # recursion: assume constant until known
            lv = self.of(entry.unit.body, entry.env, {p.name: x for p, x in zip(entry.unit.params, levels)})
            self._apps[key] = lv
        return lv

    def _op_arg(self, a, env: E.Env, bound) -> int:
        """The level an operator argument gives its applications: ACTION for one that primes what it
        is applied to (UNCHANGED, ', G(a) == a' = a, a LAMBDA with a prime: UnchangedTest(UNCHANGED)
        is an action, test52), TEMPORAL for [] and <>, else its level with constant arguments."""
        if isinstance(a, A.Name) and a.name in _PRIMING:
            return ACTION
        if isinstance(a, A.Name) and a.name in ("[]", "<>"):
            return TEMPORAL
        if isinstance(a, A.Lambda):
            params, body, benv = a.params, a.body, env
        else:
            entry = self._entry(a.name, env) if isinstance(a, A.Name) and a.name not in bound else None
            if not isinstance(entry, E.DefEntry) or not entry.unit.params:
                return self.of(a, env, bound)
            params, body, benv = [p.name for p in entry.unit.params], entry.unit.body, entry.env
            bound = {}
        if self.of(body, benv, {**bound, **dict.fromkeys(params, STATE)}) >= ACTION:
            return ACTION
        return self.of(body, benv, {**bound, **dict.fromkeys(params, CONSTANT)})

    def _entry(self, name: str, env: E.Env) -> E.Entry | None:
        if not E.is_path(name):
            return env.lookup(name)
        if self.resolver is None:
            return None
        try:
            return self.resolver(name, env)
        except Exception:
            return None

    def _name(self, name: str, env: E.Env) -> int:
        if E.is_path(name):
            if self.resolver is None:
                return STATE
            try:
                entry = self.resolver(name, env)
            except Exception:
                return STATE
            return self.of_entry(entry)
        entry = env.lookup(name)
        if entry is None:
            return CONSTANT
        return self.of_entry(entry)


def children(e: A.Node):
    """The sub-expressions of a node (for generic walks)."""
    t = type(e)
    if t is A.OpApp:
        yield from e.args
        for aa in e.inst_args:
            yield from aa
    elif t is A.Junction:
        yield from e.items
    elif t is A.FcnApp:
        yield e.fn
        yield from e.args
    elif t is A.Dot:
        yield e.expr
    elif t is A.If:
        yield e.cond
        yield e.then
        yield e.else_
    elif t is A.Case:
        for arm in e.arms:
            yield arm.guard
            yield arm.expr
        if e.other is not None:
            yield e.other
    elif t in (A.SetEnum, A.Tuple):
        yield from e.elems
    elif t is A.CartProd:
        yield from e.sets
    elif t is A.FcnSet:
        yield e.dom
        yield e.rng
    elif t in (A.RecordConstr, A.RecordSet):
        for _, v in e.fields:
            yield v
    elif t is A.Except:
        yield e.fn
        for u in e.updates:
            for step in u.path:
                yield from step
            yield u.value
    elif t is A.ActionSub or t is A.BoxAction:
        yield e.action
        yield e.sub
    elif t is A.Fairness:
        yield e.sub
        yield e.action
    elif t in (A.Quant,):
        for b in e.bounds:
            if b.set is not None:
                yield b.set
        yield e.body
    elif t is A.Choose or t is A.SetFilter:
        if e.bound.set is not None:
            yield e.bound.set
        yield e.body if t is A.Choose else e.pred
    elif t is A.SetMap:
        for b in e.bounds:
            if b.set is not None:
                yield b.set
        yield e.expr
    elif t is A.FcnConstr:
        for b in e.bounds:
            if b.set is not None:
                yield b.set
        yield e.body
    elif t is A.Let:
        for d in e.defs:
            if isinstance(d, (A.OpDef, A.FcnDef)):
                yield d.body
        yield e.body
    elif t is A.Lambda or t is A.Label:
        yield e.body
