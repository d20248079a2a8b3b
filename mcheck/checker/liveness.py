"""Liveness: temporal properties and fairness, checked on the complete state graph (as TLC does).

The method (Gerth, Peled, Vardi, Wolper 1995; Lichtenstein-Pnueli for fairness):

1. A temporal formula of the .cfg is translated (``Translator``) to a small LTL syntax in negation
   normal form whose atoms are compiled state predicates (evaluated on a state) and action
   predicates (evaluated on a step ``(s, t)``): ``[]``, ``<>``, ``~>``, ``/\\``, ``\\/``, ``=>``, ``~``,
   ``[][A]_v``, ``<><<A>>_v``, ``WF``/``SF`` (by their definitions), ENABLED (a state atom), ``\\A`` and
   ``\\E`` over constant sets (expanded), and operator definitions (inlined, also through INSTANCE).
2. The negation of each conjunct of a property becomes a generalized Büchi automaton (``tableau``):
   nodes labelled with the literals that must hold, state literals on the node's state and action
   literals on the step leaving it, and one acceptance set per ``U`` subformula.
3. The product with the behaviour graph, where every state may also stutter (TLA+ behaviours are
   closed under stuttering; a state without successors stutters forever), is explored from the
   initial states.  A counterexample is a reachable strongly connected component (with at least
   one edge) that meets every acceptance set and is fair: for ``WF_v(A)`` it contains a state where
   ``<<A>>_v`` is disabled or an ``<<A>>_v`` step; for ``SF_v(A)`` it contains an ``<<A>>_v`` step or no
   state where it is enabled (otherwise the enabled states are removed and the rest is searched
   again).  The fairness conditions of the behaviour spec are these SCC conditions, not part of
   the formula, which keeps the automata small.
4. The lasso: a shortest path to the component, then a cycle through it visiting a witness for
   each condition, closed by "Back to state N" or, when the cycle stays on one state,
   "Stuttering".
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from ..syntax import ast as A
from ..syntax.errors import ConfigError, EvalError

# ----------------------------------------------------------------------------- formulas
# NNF formulas are tuples:
#   ("T",) ("F",) ("S", atom, positive) ("A", atom, positive)
#   ("and", a, b) ("or", a, b) ("U", a, b) ("R", a, b)
TRUE = ("T",)
FALSE = ("F",)


def f_and(a, b):
    if a == FALSE or b == FALSE:
        return FALSE
    if a == TRUE:
        return b
    if b == TRUE:
        return a
    return ("and", a, b)


def f_or(a, b):
    if a == TRUE or b == TRUE:
        return TRUE
    if a == FALSE:
        return b
    if b == FALSE:
        return a
    return ("or", a, b)


def always(a):
    return ("R", FALSE, a)


def eventually(a):
    return ("U", TRUE, a)


def f_text(f, atoms=None) -> str:
    k = f[0]
    if k == "T":
        return "TRUE"
    if k == "F":
        return "FALSE"
    if k in ("S", "A"):
        name = atoms[f[1]].text if atoms else f"{k}{f[1]}"
        return name if f[2] else f"~({name})"
    if k in ("and", "or"):
        op = "/\\" if k == "and" else "\\/"
        return f"({f_text(f[1], atoms)} {op} {f_text(f[2], atoms)})"
    if k == "U":
        if f[1] == TRUE:
            return f"<>{f_text(f[2], atoms)}"
        return f"({f_text(f[1], atoms)} U {f_text(f[2], atoms)})"
    if k == "R":
        if f[1] == FALSE:
            return f"[]{f_text(f[2], atoms)}"
        return f"({f_text(f[1], atoms)} R {f_text(f[2], atoms)})"
    return repr(f)


@dataclass
class Atom:
    kind: str          # "S" (state predicate) or "A" (action predicate on a step)
    fn: Callable
    text: str = ""
    # for ENABLED <<A>>_v: the atom of the step <<A>>_v.  When ENABLED cannot be computed from the
    # state alone (an action of an INSTANCE whose variables are substituted by expressions: their
    # primed values cannot be chosen), it is taken from the state graph: some successor (or the
    # state itself; in a graph of at most 2000 states, any reachable state) is reached by an
    # <<A>>_v step.  This under-approximates ENABLED (a violation of the abstract fairness may be missed).
    graph_step: int | None = None
    # for a step <<A>>_v or [A]_v: v as a function of one state (its value is kept per state and
    # shared by every atom with the same v), A as a function of a step, and which of the two forms
    sub: Callable | None = None
    sub_key: str = ""
    act: Callable | None = None
    angle: bool = True


@dataclass
class FairnessCond:
    kind: str          # "WF" or "SF"
    enabled: Callable  # s -> ENABLED <<A>>_v
    step: Callable     # (s, t) -> <<A>>_v
    text: str = ""


@dataclass
class LiveProperty:
    name: str
    formula: tuple     # the NEGATION of the property, in NNF
    text: str = ""


@dataclass
class TemporalSpec:
    atoms: list[Atom] = field(default_factory=list)
    properties: list[LiveProperty] = field(default_factory=list)
    fairness: list[FairnessCond] = field(default_factory=list)


# ----------------------------------------------------------------------------- translation

class Translator:
    """TLA+ temporal formulas to NNF formulas over compiled atoms."""

    def __init__(self, mb: Any, spec: TemporalSpec):
        self.mb = mb                  # the ModelBuilder
        self.comp = mb.comp
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
        fn = self.comp.fresh("live_")
        params = "s, t" if kind == "A" else "s"
        self.comp.defs.append(f"def {fn}({params}):\n    return {code}\n")
        i = len(self.spec.atoms)
        atom = Atom(kind, fn, _src(e))
        if kind == "A" and isinstance(e, A.ActionSub) and self._level(e.sub, ctx) <= 1:
            sc = replace(ctx, nxt=None, mode="expr", primed=False, assigned=())
            sub_code = self.comp.expr(e.sub, sc)
            sfn, afn = self.comp.fresh("live_sub_"), self.comp.fresh("live_act_")
            self.comp.defs.append(f"def {sfn}(s):\n    return {sub_code}\n")
            self.comp.defs.append(f"def {afn}(s, t):\n    return {self.comp.expr(e.action, c)}\n")
            atom.sub, atom.sub_key, atom.act, atom.angle = sfn, sub_code, afn, e.kind == "<<>>"
        self.spec.atoms.append(atom)
        self._atom_keys[key] = i
        return i

    def finish(self) -> None:
        """Compile the atoms' generated functions."""
        self.comp.flush()
        for a in self.spec.atoms:
            if isinstance(a.fn, str):
                a.fn = self.comp.glob[a.fn]
            if isinstance(a.sub, str):
                a.sub = self.comp.glob[a.sub]
                a.act = self.comp.glob[a.act]

    def fairness(self, e: A.Fairness, ctx) -> FairnessCond:
        en = A.OpApp("ENABLED", (A.ActionSub("<<>>", e.action, e.sub, span=e.span),), span=e.span)
        step = A.ActionSub("<<>>", e.action, e.sub, span=e.span)
        ei = self.atom(en, ctx, "S")
        si = self.atom(step, ctx, "A")
        self.spec.atoms[ei].graph_step = si
        return FairnessCond(e.kind, ei, si, _src(e))

    def fairness_list(self, e: A.Expr, ctx) -> list[FairnessCond] | None:
        """``WF_v(A)``, ``SF_v(A)`` and their conjunctions and ``\\A`` over constant sets; None otherwise."""
        e, ctx = self._unfold(e, ctx)
        if isinstance(e, A.Fairness):
            return [self.fairness(e, ctx)]
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
        from ..semantics.compiler import LVal
        combos = [dict()]
        for b in e.bounds:
            if b.set is None or b.tuple_:
                raise ConfigError("mcheck expands a quantifier in a temporal formula only over a constant set",
                                  e.span)
            S = self.comp.const_value(b.set, ctx)
            elems = list(self.comp.glob["enum"](S))
            new = []
            for c in combos:
                cur = [c]
                for n in b.names:
                    cur = [{**x, n: v} for x in cur for v in elems]
                new += cur
            combos = new
        return [(e.body, ctx.with_locals({k: LVal(self._global(v)) for k, v in c.items()})) for c in combos]

    def _global(self, v: Any) -> str:
        """A global identifier holding v (ENABLED passes locals on as parameters: they must be names)."""
        name = self.comp.fresh("qv_")
        self.comp.glob[name] = v
        return name

    def _unfold(self, e: A.Expr, ctx):
        """Look through labels, call-by-name parameters and operator definitions of temporal level."""
        from ..semantics import env as E
        from ..semantics.compiler import Ctx, LExpr, CompileError
        for _ in range(200):
            if isinstance(e, A.Label):
                e = e.body
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
            binds = {p.name: LExpr(a, ctx) for p, a in zip(ent.unit.params, args)}
            ctx = Ctx(ent.env, locals=binds)
            e = ent.unit.body
        return e, ctx

    def tl(self, e: A.Expr, ctx, neg: bool = False) -> tuple:
        """The NNF of e (of ~e when neg)."""
        e, ctx = self._unfold(e, ctx)
        lv = self._level(e, ctx)
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
            en = A.OpApp("ENABLED", (A.ActionSub("<<>>", e.action, e.sub, span=e.span),), span=e.span)
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
        e, ctx = self._unfold(e, ctx)
        parts = self._conj_parts(e, ctx)
        if parts is None:
            return [(e, ctx)]
        out = []
        for p, c in parts:
            out += self.conjuncts(p, c)
        return out


def _src(e: A.Expr) -> str:
    try:
        from ..syntax.printer import print_expr
        return print_expr(e)
    except Exception:
        return type(e).__name__


# ----------------------------------------------------------------------------- tableau (GPVW)

@dataclass
class TNode:
    incoming: set
    new: list
    old: set
    nxt: set


def tableau(phi: tuple):
    """The generalized Büchi automaton of phi: (initial, succ, state_lits, action_lits, acceptance)."""
    done: list[TNode] = []
    INIT = -1

    def expand(node: TNode) -> None:
        stack = [node]
        while stack:
            nd = stack.pop()
            if not nd.new:
                for i, d in enumerate(done):
                    if d.old == nd.old and d.nxt == nd.nxt:
                        d.incoming |= nd.incoming
                        break
                else:
                    done.append(nd)
                    stack.append(TNode({len(done) - 1}, list(nd.nxt), set(), set()))
                continue
            f = nd.new.pop()
            if f in nd.old:
                stack.append(nd)
                continue
            k = f[0]
            if k == "T":
                stack.append(nd)
                continue
            if k == "F":
                continue
            if k in ("S", "A"):
                if (k, f[1], not f[2]) in nd.old:
                    continue
                nd.old.add(f)
                stack.append(nd)
                continue
            if k == "and":
                nd.old.add(f)
                nd.new += [x for x in (f[1], f[2]) if x not in nd.old]
                stack.append(nd)
                continue
            if k == "or":
                n1 = TNode(set(nd.incoming), nd.new + [f[1]], nd.old | {f}, set(nd.nxt))
                n2 = TNode(set(nd.incoming), nd.new + [f[2]], nd.old | {f}, set(nd.nxt))
                stack += [n2, n1]
                continue
            if k == "U":
                n1 = TNode(set(nd.incoming), nd.new + [f[1]], nd.old | {f}, nd.nxt | {f})
                n2 = TNode(set(nd.incoming), nd.new + [f[2]], nd.old | {f}, set(nd.nxt))
                stack += [n2, n1]
                continue
            if k == "R":
                n1 = TNode(set(nd.incoming), nd.new + [f[2]], nd.old | {f}, nd.nxt | {f})
                n2 = TNode(set(nd.incoming), nd.new + [f[1], f[2]], nd.old | {f}, set(nd.nxt))
                stack += [n2, n1]
                continue
            raise AssertionError(f)

    expand(TNode({INIT}, [phi], set(), set()))
    n = len(done)
    initial = [i for i, d in enumerate(done) if INIT in d.incoming]
    succ: list[list[int]] = [[] for _ in range(n)]
    for j, d in enumerate(done):
        for i in d.incoming:
            if i != INIT:
                succ[i].append(j)
    slits = [[(f[1], f[2]) for f in d.old if f[0] == "S"] for d in done]
    alits = [[(f[1], f[2]) for f in d.old if f[0] == "A"] for d in done]
    untils = set()

    def collect(f):
        if f[0] in ("and", "or", "U", "R"):
            if f[0] == "U":
                untils.add(f)
            collect(f[1])
            collect(f[2])

    collect(phi)
    acc = []
    for u in untils:
        acc.append(frozenset(i for i, d in enumerate(done) if u not in d.old or u[2] in d.old))
    # an acceptance set with every node is no constraint
    acc = [a for a in acc if len(a) < n]
    return initial, succ, slits, alits, acc


_MISSING = object()


# ----------------------------------------------------------------------------- SCCs

def tarjan(nodes, adj: Callable[[int], Any]) -> list[list[int]]:
    """Strongly connected components of the graph restricted to ``nodes`` (iterative Tarjan)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on: set = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(adj(root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            pushed = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(adj(w))))
                    pushed = True
                    break
                if w in on and index[w] < low[v]:
                    low[v] = index[w]
            if pushed:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


# ----------------------------------------------------------------------------- the check

@dataclass
class Lasso:
    states: list[int]          # state indices of the behaviour, the prefix then the cycle
    loop_index: int            # the last state's successor is states[loop_index] ...
    stuttering: bool           # ... or the behaviour stutters forever at the last state


class LivenessChecker:
    def __init__(self, spec: TemporalSpec, states: list[tuple], succ: list[list[int]], inits: list[int]):
        self.spec = spec
        self.states = states
        self.succ = succ
        self.inits = inits
        self.n = len(states)
        self._cache: dict[int, bytearray] = {}   # state atom -> per-state value (0 unknown, 1 false, 2 true)
        self._acache: dict[tuple[int, int, int], bool] = {}   # (action atom, s, t) -> value
        self._vcache: dict[str, dict[int, Any]] = {}           # subscript code -> state -> its value

    def sval(self, a: int, s: int) -> bool:
        arr = self._cache.get(a)
        if arr is None:
            arr = self._cache[a] = bytearray(self.n)
        v = arr[s]
        if v == 0:
            atom = self.spec.atoms[a]
            try:
                v = 2 if atom.fn(self.states[s]) else 1
            except EvalError:
                if atom.graph_step is None:
                    raise
                st = atom.graph_step
                ok = any(self.aval(st, s, t) for t in self.succ[s] + [s])
                if not ok and self.n <= 2000:  # small graphs: any reachable state as the target
                    ok = any(self.aval(st, s, t) for t in range(self.n))
                v = 2 if ok else 1
            arr[s] = v
        return v == 2

    def aval(self, a: int, s: int, t: int) -> bool:
        # an action atom is evaluated once per step: the product meets the same step once per
        # tableau node, and the fairness checks once per component that holds it
        key = (a, s, t)
        v = self._acache.get(key)
        if v is None:
            atom = self.spec.atoms[a]
            if atom.sub is not None:
                # <<A>>_v: v changes and A; [A]_v: v stays or A.  v is computed once per state.
                changed = self._subval(atom, s) != self._subval(atom, t)
                if changed == atom.angle:
                    v = bool(atom.act(self.states[s], self.states[t]))
                else:
                    v = not atom.angle
            else:
                v = bool(atom.fn(self.states[s], self.states[t]))
            self._acache[key] = v
        return v

    def _subval(self, atom: Atom, s: int):
        vals = self._vcache.get(atom.sub_key)
        if vals is None:
            vals = self._vcache[atom.sub_key] = {}
        v = vals.get(s, _MISSING)
        if v is _MISSING:
            v = vals[s] = atom.sub(self.states[s])
        return v

    def check(self, prop: LiveProperty) -> Lasso | None:
        initial, tsucc, slits, alits, acc = tableau(prop.formula)
        K = len(tsucc)
        if K == 0:
            return None
        sval, aval = self.sval, self.aval
        succ = self.succ

        def node_ok(m: int, t: int) -> bool:
            for a, pos in slits[m]:
                if sval(a, t) != pos:
                    return False
            return True

        # the product of the behaviour graph (with a stuttering step at every state) and the
        # tableau, explored breadth-first from the initial nodes
        adj: dict[int, list[int]] = {}
        inits: list[int] = []
        for s in self.inits:
            for n in initial:
                if node_ok(n, s):
                    p = s * K + n
                    if p not in adj:
                        adj[p] = []
                        inits.append(p)
        order = list(inits)
        i = 0
        while i < len(order):
            p = order[i]
            i += 1
            s, n = divmod(p, K)
            out = adj[p]
            ts = succ[s]
            targets = ts if s in ts else list(ts) + [s]
            al = alits[n]
            for t in targets:
                ok = True
                for a, pos in al:
                    if aval(a, s, t) != pos:
                        ok = False
                        break
                if not ok:
                    continue
                for m in tsucc[n]:
                    if node_ok(m, t):
                        r = t * K + m
                        out.append(r)
                        if r not in adj:
                            adj[r] = []
                            order.append(r)
        # TLC's order: Tarjan's depth-first search from the initial nodes, which explores the
        # successor pushed last first, checks each component as it is completed and reports the
        # first bad one from the node where the search entered it (its root)
        comps = tarjan(order, lambda v: adj[v][::-1])
        for comp in comps:
            found = self._fair_component(set(comp), adj, K, acc)
            if found is not None:
                C, witnesses = found
                root = comp[-1] if comp[-1] in C else min(C, key=comp.index, default=None)
                return self._lasso(C, witnesses, adj, self._prefix(inits, adj, root), root, K)
        return None

    @staticmethod
    def _prefix(inits: list[int], adj, goal: int) -> list[int]:
        """The shortest path of product nodes from an initial node to ``goal``, found as TLC's
        ``getPath`` finds it: breadth-first over every edge of the product, self-loops aside."""
        parent = {p: -1 for p in inits}
        q = deque(inits)
        while q and goal not in parent:
            p = q.popleft()
            for r in adj[p]:
                if r not in parent:
                    parent[r] = p
                    q.append(r)
        path = []
        v = goal
        while v != -1:
            path.append(v)
            v = parent[v]
        return path[::-1]

    def _fair_component(self, C0: set, adj, K, acc):
        fair = self.spec.fairness
        sval, aval = self.sval, self.aval
        work = [C0]
        while work:
            C = work.pop()
            if len(C) == 1:
                v = next(iter(C))
                if v not in adj[v]:
                    continue
            witnesses: list[tuple] = []   # ("node", v) or ("edge", u, w)
            ok = True
            for F in acc:
                if not any(v % K in F for v in C):
                    ok = False
                    break
                witnesses.append(("node", lambda v, F=F: v % K in F))
            if not ok:
                continue
            drop: set = set()
            for fc in fair:
                en = [v for v in C if sval(fc.enabled, v // K)]
                stepw = None
                if en or fc.kind == "WF":
                    for u in C:
                        su = u // K
                        for w in adj[u]:
                            if w in C and w // K != su and aval(fc.step, su, w // K):
                                stepw = ("edge", u, w)
                                break
                        if stepw:
                            break
                if fc.kind == "WF":
                    if len(en) < len(C):
                        witnesses.append(("node", lambda v, a=fc.enabled: not sval(a, v // K)))
                    elif stepw is not None:
                        witnesses.append(stepw)
                    else:
                        ok = False
                        break
                else:
                    if not en:
                        continue
                    if stepw is not None:
                        witnesses.append(stepw)
                    else:
                        drop |= set(en)
            if not ok:
                continue
            if drop:
                rest = C - drop
                if rest:
                    for sub in tarjan(sorted(rest), lambda v: [w for w in adj[v] if w in rest]):
                        work.append(set(sub))
                continue
            return C, witnesses
        return None

    def _lasso(self, C: set, witnesses: list, adj, path: list[int], entry: int, K) -> Lasso:

        def route(src: int, goal: Callable[[int], bool]) -> list[int]:
            """Shortest path inside C from src (excluded) to a node satisfying goal (included)."""
            prev = {src: None}
            dq = deque([src])
            while dq:
                u = dq.popleft()
                for w in adj[u]:
                    if w in C and w not in prev:
                        prev[w] = u
                        if goal(w):
                            out = [w]
                            while prev[out[-1]] != src:
                                out.append(prev[out[-1]])
                            return out[::-1]
                        dq.append(w)
            raise AssertionError("no route inside a strongly connected component")

        # all witnesses at the entry and a self-loop there: stutter (or loop) on the entry alone
        cycle: list[int] = []
        cur = entry
        for w in witnesses:
            if w[0] == "node":
                if w[1](cur):
                    continue
                cycle += route(cur, w[1])
                cur = cycle[-1]
            else:
                u, t = w[1], w[2]
                if cur != u:
                    cycle += route(cur, lambda x, g=u: x == g)
                cycle.append(t)
                cur = t
        if cur != entry or not cycle:
            if cur == entry and entry in adj[entry]:
                cycle.append(entry)
            else:
                cycle += route(cur, lambda x: x == entry)
        # project to states; drop stuttering steps
        seq = []
        for p in path:
            if not seq or seq[-1] != p // K:
                seq.append(p // K)
        loop_at = len(seq) - 1
        cyc = [p // K for p in cycle]
        for s in cyc[:-1]:
            if s != seq[-1]:
                seq.append(s)
        if len(seq) - 1 == loop_at:
            return Lasso(seq, loop_at, True)
        if seq[-1] == seq[loop_at]:
            seq.pop()
        if len(seq) - 1 == loop_at:
            return Lasso(seq, loop_at, True)
        # as TLC prints it: the prefix up to the root, the cycle, then "Back to state <root>"
        # (the cycle is not rotated into the prefix even where that would be shorter)
        return Lasso(seq, loop_at, False)
