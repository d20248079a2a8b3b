"""The built-in operators and the natives: what each becomes in Python (``x_OpApp``, ``native_code``)."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ...syntax import ast as A
from .. import env as E
from .. import runtime as R
from .. import values as V
from .context import CompileError, Ctx, LCell, LFcn, LOp, LThunk, LVal
from .kinds import plain
from .tree import span_text


class Operators:
    """Part of ``Compiler``: an operator application, built in, native or defined, to code."""

    def x_OpApp(self, e: A.OpApp, ctx: Ctx) -> str:
        op = e.op
        if op in ctx.locals:
            return self._local_code(ctx.locals[op], e, ctx, e.args)
        h = BUILTIN_OPS.get(op)
        if h is not None and not (op in ("\\X",) and ctx.env.lookup(op)):
            return h(self, e, ctx)
        return self.name_code(op, e.args, e, ctx, e.inst_args)

    def native_code(self, ent: E.NativeEntry, args: tuple, node: A.Node, ctx: Ctx) -> str:
        if len(args) != ent.arity:
            raise CompileError(f"operator '{ent.name}' takes {ent.arity} argument(s), given {len(args)}", node.span)
        key = (ent.module, ent.name)
        if ent.module == "Naturals" and isinstance(ctx.env.lookup("-."), E.NativeEntry):
            # a spec that extends Integers: TLC's override of + is Integers.Plus (Integers.java)
            key = ("Integers", ent.name)
            ent = replace(ent, module="Integers") if key in self.natives else ent
            key = (ent.module, ent.name)
        tmpl = None if self.checked else INLINE_NATIVES.get(ent.name)
        if tmpl is not None and ent.module in INLINE_MODULES.get(ent.name, ()) and len(args) == tmpl[0]:
            return self._inline_native(ent, tmpl[1], args, ctx)
        special = SPECIAL_NATIVES.get(key)
        if special is not None:
            return special(self, args, node, ctx)
        fn = self.natives[key]
        g = self.emitter.value(fn)
        if ent.arity == 0 and not args:
            return self.emitter.value(fn())
        params = ent.unit.params if ent.unit is not None else ()
        codes = []
        for i, a in enumerate(args):
            ar = params[i].arity if i < len(params) else 0
            codes.append(self.arg_code(a, ctx, ar))
        return f"{g}({', '.join(codes)})"

    def _inline_native(self, ent: E.NativeEntry, tmpl: str, args: tuple, ctx: Ctx) -> str:
        """An operator compiled to inline Python, guarded where an operand's kind is not known: Python's
        ``1 + TRUE`` or ``len({1})`` must not answer where TLC rejects the operand (compiler/kinds.py)."""
        codes = [self.expr(a, ctx) for a in args]
        want = INLINE_KINDS.get(ent.name)
        if want is None:
            return tmpl.format(*codes)
        kind, pytype = want
        checks = []   # (operand code, the Python type it must have)
        for i, (a, c) in enumerate(zip(args, codes)):
            t = pytype[i] if i < len(pytype) else None
            if t is not None and (kind is None or self.kind(a, ctx) != kind):
                checks.append((c, t))
        fn = self.natives.get((ent.module, ent.name))
        if not checks or fn is None:
            return tmpl.format(*codes)
        native = self.emitter.value(fn)
        call = f"{native}({', '.join(codes)})"
        if all(plain(c) for c, _ in checks):
            test = " and ".join(f"type({c}) is {t}" for c, t in checks)
            return f"({tmpl.format(*codes)} if {test} else {call})"
        return call


# ----------------------------------------------------------------------------- builtin operators
# A handler takes the compiler c, the OpApp and its context, and returns Python code (c is not
# annotated: the module of Compiler imports this one).


def _bin(tmpl):
    def h(c, e: A.OpApp, ctx: Ctx) -> str:
        a, b = e.args
        return tmpl.format(c.expr(a, ctx), c.expr(b, ctx))
    return h


# constant sets whose membership test walks the value (and calls no predicate of the spec)
_STRUCTURAL_SETS = (V.FcnSet, V.SeqSet, V.RecordSet, V.PowerSet, V.ProductSet, V.BoundedSeqSet)


def _in(c, e: A.OpApp, ctx: Ctx) -> str:
    x, s = e.args
    if isinstance(s, A.OpApp) and s.op == ".." and c._is_native("..", ctx):
        lo, hi = (c.expr(a, ctx) for a in s.args)
        return f"in_range({c.expr(x, ctx)}, {lo}, {hi})"
    if isinstance(s, A.OpApp) and s.op == "DOMAIN" and not c.checked:
        return f"in_dom({c.expr(x, ctx)}, {c.hexpr(s.args[0], ctx)})"
    xc, sc = c.expr(x, ctx), c.hexpr(s, ctx)
    if c.kind(s, ctx) != "set" and not isinstance(c.emitter.lookup(sc), (frozenset, V.LazySet)):
        return f"member({xc}, {sc})"
    if sc.startswith("K") and isinstance(c.emitter.lookup(sc), _STRUCTURAL_SETS):
        # TypeOK's x \in [Proc -> Seq(Message)]: the answers remembered by x's value
        return f"member_memo({xc}, {sc}, {c.emitter.value({})})"
    if plain(xc) and plain(sc):
        # a member: Python's answer; not a member: TLC compares x with the elements (a kind error)
        return f"({xc} in {sc} or member_set({xc}, {sc}))"
    return f"member_set({xc}, {sc})"


def _notin(c, e: A.OpApp, ctx: Ctx) -> str:
    return f"(not {_in(c, e, ctx)})"


def _prime(c, e: A.OpApp, ctx: Ctx) -> str:
    if ctx.mode == "init":
        raise CompileError("a primed expression cannot appear in an initial predicate", e.span)
    return c.expr(e.args[0], replace(ctx, primed=True))


def _unchanged_expr(c, e: A.OpApp, ctx: Ctx) -> str:
    a = e.args[0]
    return f"({c.expr(a, replace(ctx, primed=True))} == {c.expr(a, ctx)})"


def _enabled(c, e: A.OpApp, ctx: Ctx) -> str:
    """ENABLED A: A compiled to a generator function of the state and the locals A sees.  A LET
    definition's cell is written out where it is used, so the function receives it as a thunk made
    here, where the cell's code can see the names it mentions.

    Written in an instantiated module (``I!F``, F == ENABLED (x' = 0 /\\ y' = 1) with x, y <- z), A's
    primed variables are the module's own, each free, and only its unprimed ones are substituted:
    TLC evaluates ENABLED in a context branched off the instance's (Tool.enabled, Context.branch), so
    a primed variable is the module's own variable there (TRUE, where z' = 0 /\\ z' = 1 is not).  The
    function gets them as extra state slots, holding the substitutions' values.  An action passed in
    from outside (B(d) == ENABLED d, I!C with C == B(A)) keeps its substitution, as in TLC, whose
    argument carries its own context; so do WF and SF (``FAIRNESS``), whose ENABLED TLC computes in
    the instance's context."""
    params, args, cells = [], [], {}
    for k, v in ctx.locals.items():
        if isinstance(v, (LVal, LOp, LThunk, LFcn)):
            params.append(v.py)
            args.append(v.py)
        elif isinstance(v, LCell):
            py = c.emitter.fresh("t_")
            cells[k] = LThunk(py)
            params.append(py)
            args.append(f"Thunk(lambda: {v.use()})")
    action, env, fresh = e.args[0], ctx.env, []
    if isinstance(action, A.Label) and action.name == FAIRNESS:
        action = action.body
    else:
        env, fresh = _enabled_env(c, ctx.env)
    state = ctx.state
    inner = replace(ctx.with_locals(cells), env=env, mode="action", primed=False, nxt=None, assigned=())
    if not fresh:
        fn = c.action_function(action, inner, params, "enabled")
        return f"enabled_any({fn}({state}{''.join(', ' + a for a in args)}))"
    now = replace(ctx, primed=False)
    state = f"({ctx.state} + ({''.join(c.entry_code(t, (), e, now) + ', ' for _, t in fresh)}))"
    saved = c.nvars, c.variables
    c.nvars, c.variables = c.nvars + len(fresh), [*c.variables, *(n for n, _ in fresh)]
    try:  # the action's states have the fresh slots too (an assignment to each is one)
        fn = c.action_function(action, inner, params, "enabled")
    finally:
        c.nvars, c.variables = saved
    return f"enabled_any({fn}({state}{''.join(', ' + a for a in args)}))"


#: the label temporal.py puts around the action of the ENABLED of WF_v(A) and SF_v(A) (no name a
#: spec can write): that ENABLED keeps an instance's substitutions (TLC's LNStateEnabled)
FAIRNESS = ""


def fairness_enabled(e: A.Fairness) -> A.OpApp:
    """ENABLED <<A>>_v of WF_v(A) or SF_v(A), marked as fairness's (``FAIRNESS``)."""
    step = A.ActionSub("<<>>", e.action, e.sub, span=e.span)
    return A.OpApp("ENABLED", (A.Label(FAIRNESS, (), step, span=e.span),), span=e.span)


def _enabled_env(c, env: E.Env) -> tuple[E.Env, list]:
    """``env`` with the substituted variables of its module fresh (state slots after the spec's),
    and each such variable with what it is substituted by; ``env`` itself when none is."""
    memo = c.__dict__.setdefault("_enabled_envs", {})
    if id(env) not in memo:
        names = _declared_variables(c, env)
        subs = [(n, env.lookup(n)) for n in names if n in env.names and not (
            isinstance(env.lookup(n), E.VarEntry) and env.lookup(n).name == n)]
        slots = {n: c.nvars + k for k, (n, _) in enumerate(subs)}
        memo[id(env)] = (_freshen(env, slots, {}) if subs else env, subs, env)
    fenv, subs, _ = memo[id(env)]
    return fenv, subs


def _declared_variables(c, env: E.Env) -> list[str]:
    """The VARIABLEs of env's module and of the modules it extends."""
    mods = {**getattr(c.builder, "modules", {}), **env.modules}
    out: list[str] = []
    todo, seen = [env.module], set()
    while todo:
        m = mods.get(todo.pop())
        if m is None or m.name in seen:
            continue
        seen.add(m.name)
        out.extend(n for u in m.units if isinstance(u, A.Variables) for n in u.names)
        todo.extend(m.extends)
    return out


def _freshen(env: E.Env, slots: dict[str, int], made: dict) -> E.Env:
    """A copy of env whose variables in ``slots`` are fresh state slots, with its definitions and
    instances (and those of the environments sharing its substitutions: its module's EXTENDS)
    re-made in the copies, so that they see the fresh variables too."""
    if id(env) in made:
        return made[id(env)]
    fenv = E.Env(env.module, names=dict(env.names), modules=env.modules, assumes=env.assumes,
                 variables=env.variables, constants=env.constants)
    made[id(env)] = fenv
    shared = {n: env.names[n] for n in slots if n in env.names}
    for n, slot in slots.items():
        if n in env.names:
            fenv.names[n] = E.VarEntry(n, slot)
    for k, v in env.names.items():
        home = getattr(v, "env", None)
        if not isinstance(v, (E.DefEntry, E.FcnDefEntry, E.InstEntry)) or home is None:
            continue
        if home is not env and not any(home.names.get(n) is t for n, t in shared.items()):
            continue
        inner = _freshen(home, slots, made)
        clone = E.InstEntry(v.name, v.unit, inner) if isinstance(v, E.InstEntry) else type(v)(v.name, v.unit, inner,
                                                                                             v.module)
        clone.override = v.override
        fenv.names[k] = clone
    return fenv


def enabled_any(gen) -> bool:
    """ENABLED: the action has a successor.  A successor that leaves variables unassigned counts
    (they are unconstrained), as in TLC, where ENABLED does not require a complete state."""
    try:
        return next(gen, None) is not None
    except R.UnsetVariable:
        return True


def _temporal(c, e: A.OpApp, ctx: Ctx) -> str:
    raise CompileError(f"the temporal operator {e.op} cannot be evaluated as a value here", e.span)


def _subset(c, e: A.OpApp, ctx: Ctx) -> str:
    return f"V.PowerSet({c.hexpr(e.args[0], ctx)})"


_ATOMS = {"int": "int", "str": "str", "bool": "bool"}
_TYPES = {**_ATOMS, "set": "frozenset"}


def _eq(c, e: A.OpApp, ctx: Ctx) -> str:
    return eq_code(c, e.args[0], e.args[1], ctx)


def _neq(c, e: A.OpApp, ctx: Ctx) -> str:
    return f"(not {eq_code(c, e.args[0], e.args[1], ctx)})"


def _compared(code: str) -> str:
    """The code of a side of ``=``: an EXCEPT on one key there makes a value that is compared, never
    hashed, so it need not keep its hash up to date (``fastcalls.except1_cmp``)."""
    for name in ("except1(", "except_at1("):
        if code.startswith(name):
            return name[:-1] + "_cmp(" + code[len(name):]
    return code


def eq_code(c, a: A.Expr, b: A.Expr, ctx: Ctx) -> str:
    """a = b with TLC's kind rule (IntValue.equals, ...): Python's ``==`` where both kinds are known to
    agree (or one side is a model value, unequal to anything else), a type test or ``tla_eq`` otherwise."""
    ac, bc = _compared(c.expr(a, ctx)), _compared(c.expr(b, ctx))
    if c.checked:
        return f"V.tla_eq({ac}, {bc})"
    ka, kb = c.kind(a, ctx), c.kind(b, ctx)
    if ka == "model" or kb == "model" or (ka is not None and ka == kb):
        return f"({ac} == {bc})"
    for x, y in ((ac, bc), (bc, ac)):
        if y.startswith("K") and type(c.emitter.lookup(y)) is tuple and c.emitter.lookup(y) == ():
            return f"eq_empty({x})"   # network[q][p] = << >>
    if ka is None and kb in _TYPES or kb is None and ka in _TYPES:
        known, oc = (kb, ac) if ka is None else (ka, bc)
        if plain(oc):
            # Python's == is TLC's when the other side has the same representation (a frozenset for
            # a set: a lazy set, or a function, goes to tla_eq)
            return f"({ac} == {bc} if type({oc}) is {_TYPES[known]} else V.tla_eq({ac}, {bc}))"
        if known in _ATOMS:
            return f"eq_{known}({oc}, {bc if ka is None else ac})"
    return f"V.tla_eq({ac}, {bc})"


def _and(c, e: A.OpApp, ctx: Ctx) -> str:
    a, b = e.args
    return f"({c.bool_code(a, ctx, 'land_p')} and {c.bool_code(b, ctx, 'land_q')})"


def _or(c, e: A.OpApp, ctx: Ctx) -> str:
    a, b = e.args
    return f"({c.bool_code(a, ctx, 'lor_p')} or {c.bool_code(b, ctx, 'lor_q')})"


def _implies(c, e: A.OpApp, ctx: Ctx) -> str:
    a, b = e.args
    return f"(not {c.bool_code(a, ctx, 'imp_p')} or {c.bool_code(b, ctx, 'imp_q')})"


def _equiv(c, e: A.OpApp, ctx: Ctx) -> str:
    a, b = e.args
    return f"({c.bool_code(a, ctx, 'equiv_pq')} == {c.bool_code(b, ctx, 'equiv_pq')})"


BUILTIN_OPS: dict[str, Callable] = {
    "=": _eq,
    "#": _neq,
    "/\\": _and,
    "\\/": _or,
    "=>": _implies,
    "<=>": _equiv,
    "~": lambda c, e, ctx: f"(not {c.bool_code(e.args[0], ctx, 'lnot')})",
    "\\in": _in,
    "\\notin": _notin,
    "\\cup": _bin("cup({}, {})"),
    "\\cap": _bin("cap({}, {})"),
    "\\": _bin("setminus({}, {})"),
    "\\subseteq": _bin("subseteq({}, {})"),
    "SUBSET": _subset,
    "UNION": lambda c, e, ctx: f"union({c.expr(e.args[0], ctx)})",
    "DOMAIN": lambda c, e, ctx: f"dom({c.expr(e.args[0], ctx)})",
    "'": _prime,
    "UNCHANGED": _unchanged_expr,
    "ENABLED": _enabled,
    "[]": _temporal, "<>": _temporal, "~>": _temporal, "-+->": _temporal, "\\cdot": _temporal,
}

# Natives compiled inline: name -> (arity, template); only for the modules listed.
INLINE_NATIVES = {
    "+": (2, "({} + {})"), "-": (2, "({} - {})"), "*": (2, "({} * {})"),
    "<": (2, "({} < {})"), ">": (2, "({} > {})"), "<=": (2, "({} <= {})"), ">=": (2, "({} >= {})"),
    "-.": (1, "(-{})"), "..": (2, "interval({}, {})"), "\\div": (2, "idiv({}, {})"), "%": (2, "imod({}, {})"),
    "Len": (1, "len({})"), "Append": (2, "({} + ({},))"), "\\o": (2, "({} + {})"),
    "Cardinality": (1, "card({})"), "Seq": (1, "V.SeqSet({})"), "Head": (1, "seq_head({})"),
    "Tail": (1, "seq_tail({})"), "SubSeq": (3, "seq_sub({}, {}, {})"), ":>": (2, "mkfcn({{{}: {}}})"),
}
# Inline natives whose operands need a kind: name -> (the static kind that makes the check unneeded,
# the Python type each operand must have, or None where any operand will do).
_INT2 = ("int", ("int", "int"))
INLINE_KINDS = {k: _INT2 for k in ("+", "-", "*", "<", ">", "<=", ">=")}
INLINE_KINDS.update({"-.": ("int", ("int",)), "Len": (None, ("tuple",)), "Append": (None, ("tuple", None)),
                     "\\o": (None, ("tuple", "tuple"))})
_ARITH = ("Naturals", "Integers", "Reals")
INLINE_MODULES = {k: _ARITH for k in ("+", "-", "*", "<", ">", "<=", ">=", "-.", "..", "\\div", "%")}
INLINE_MODULES.update({k: ("Sequences",) for k in ("Len", "Append", "\\o", "Seq", "Head", "Tail", "SubSeq")})
INLINE_MODULES["Cardinality"] = ("FiniteSets",)
INLINE_MODULES[":>"] = ("TLC",)


def _print(c, args, node, ctx) -> str:
    return f"tlc_print({c.expr(args[0], ctx)}, {c.expr(args[1], ctx)})"


def _printt(c, args, node, ctx) -> str:
    return f"tlc_print(None, {c.expr(args[0], ctx)})"


def _assert(c, args, node, ctx) -> str:
    return f"tlc_assert({c.expr(args[0], ctx)}, {c.expr(args[1], ctx)}, {span_text(node)!r})"


def _tlcget(c, args, node, ctx) -> str:
    return f"TLCSTATE.get({c.expr(args[0], ctx)})"


def _tlcset(c, args, node, ctx) -> str:
    return f"TLCSTATE.set({c.expr(args[0], ctx)}, {c.expr(args[1], ctx)})"


def _unsupported(what: str):
    def h(c, args, node, ctx) -> str:
        return f"eval_fail({(what + ' is not supported by mcheck yet: ' + span_text(node))!r})"
    return h


SPECIAL_NATIVES = {
    ("TLCExt", "Trace"): _unsupported("TLCExt's Trace"),
    ("TLCExt", "CounterExample"): lambda c, args, node, ctx: "TLCSTATE.counterexample",
    ("TLCExt", "TLCDefer"): _unsupported("TLCExt's TLCDefer"),
    ("TLC", "Print"): _print,
    ("TLC", "PrintT"): _printt,
    ("TLC", "Assert"): _assert,
    ("TLC", "TLCGet"): _tlcget,
    ("TLC", "TLCSet"): _tlcset,
    # TLC's Java override of _Possible!_Counts: the _POSSIBLE counts now (mcheck's one worker's)
    ("_Possible", "_Counts"): lambda c, args, node, ctx: "TLCSTATE.get('s:_possible')",
}
