"""Liveness: temporal properties and fairness, checked on the complete state graph (as TLC does).

This is the check of one property on its own; ``tlc_liveness`` checks them all together in TLC's
order (what ``check`` runs) and uses this one for a DNF too large to split and to tell which
properties a counterexample violates.

The method (Gerth, Peled, Vardi, Wolper 1995; Lichtenstein-Pnueli for fairness):

1. ``mcheck.semantics.temporal`` translates each property to the NNF of its negation over compiled
   state and action atoms, and the fairness of the spec to conditions (``TemporalSpec``).
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

from array import array
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..semantics.ltl import Atom, LiveProperty, TemporalSpec
from ..syntax.errors import EvalError
from .automata import tableau, tarjan

_MISSING = object()


# ----------------------------------------------------------------------------- the check

@dataclass
class Lasso:
    states: list[int]          # state indices of the behaviour, the prefix then the cycle
    loop_index: int            # the last state's successor is states[loop_index] ...
    stuttering: bool           # ... or the behaviour stutters forever at the last state


class LivenessChecker:
    def __init__(self, spec: TemporalSpec, states: list[tuple], succ: Sequence[Sequence[int]], inits: list[int],
                 stutter: bool = True):
        self.spec = spec
        self.stutter = stutter     # every state may also stutter (False: the graph is one behaviour, a lasso)
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
                ok = any(self.aval(st, s, t) for t in [*self.succ[s], s])
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
                if changed:
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

    def check(self, prop: LiveProperty, lasso: bool = True) -> Lasso | bool | None:
        """A fair lasso violating ``prop``, or None; with ``lasso`` False, True if there is one."""
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
        adj: dict[int, array] = {}   # arrays of C longs: a product graph has many steps (see GraphRecorder)
        inits: list[int] = []
        for s in self.inits:
            for n in initial:
                if node_ok(n, s):
                    p = s * K + n
                    if p not in adj:
                        adj[p] = array("q")
                        inits.append(p)
        order = list(inits)
        i = 0
        while i < len(order):
            p = order[i]
            i += 1
            s, n = divmod(p, K)
            out = adj[p]
            ts = succ[s]
            targets = ts if s in ts or not self.stutter else list(ts) + [s]
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
                            adj[r] = array("q")
                            order.append(r)
        # TLC's order: Tarjan's depth-first search from the initial nodes, which explores the
        # successor pushed last first, checks each component as it is completed and reports the
        # first bad one from the node where the search entered it (its root)
        comps = tarjan(order, lambda v: adj[v][::-1])
        for comp in comps:
            found = self._fair_component(set(comp), adj, K, acc)
            if found is not None and not lasso:
                return True
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
