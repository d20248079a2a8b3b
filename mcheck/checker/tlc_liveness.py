r"""Liveness checked in TLC's order, so that the counterexample is TLC's (LiveCheck, LiveWorker).

TLC checks all temporal properties at once: ``fairness /\ (~P1 \/ ~P2 \/ ...)`` in disjunctive
normal form (``automata.solutions``), each disjunct split into its ``<>[]`` parts, its ``[]<>`` parts and
the rest, a tableau formula; the disjuncts that share a tableau formula form one order of solution.
For each, in order, the product of the state graph and the tableau is built, and for each disjunct
Tarjan's search runs from the initial nodes over the steps that meet its ``<>[]`` parts (a node
reached only otherwise is a root later).  The first component that meets the ``[]<>`` parts and
the tableau's promises is the counterexample: the shortest prefix to the node where the search
entered it, then TLC's cycle (a greedy walk to a witness of each part, then the shortest way back).

WF_v(A) is TLC's ``[]<>(~ENABLED <<A>>_v \/ <<A>>_v)``, SF_v(A) ``<>[]~ENABLED <<A>>_v \/ []<><<A>>_v``
(two disjuncts).  Under VIEW or SYMMETRY a step's actions are evaluated on the state generated in
the target's class, as TLC evaluates them.  TLC names every property the behaviour printed violates.
A DNF of more than 1024 disjuncts is checked one property at a time (``LivenessChecker``) instead;
with more than 64, and no VIEW or SYMMETRY, that check runs first, and TLC's order only when some
property is violated.
"""
from __future__ import annotations

from array import array
from collections import deque
from dataclasses import dataclass
from typing import Callable

from ..semantics.ltl import LiveProperty, TemporalSpec
from .automata import PEM, fairness_formula, sinks, solutions, tableau, tarjan
from .liveness import Lasso, LivenessChecker

@dataclass
class Found:
    props: list[int]           # the property whose disjunct found the lasso (violated_by: the others)
    lasso: Lasso
    prefix: bool = False       # a finite prefix violates it (lasso.states: the path, no cycle)


class TLCOrderChecker(LivenessChecker):
    """The properties checked together as TLC checks them (LiveCheck, LiveWorker), so that the lasso is
    TLC's: ``fairness /\\ (~P1 \\/ ~P2 ...)`` in DNF, its disjuncts grouped by tableau formula
    (``automata.solutions``); for each group the product of the state graph and that tableau, and for
    each disjunct (PEM) in turn Tarjan's search over the steps that satisfy its ``<>[]`` parts from the
    initial nodes (a node reached only by other steps is a root later); the first component that meets
    the ``[]<>`` parts and the tableau's promises gives the lasso: TLC's shortest prefix to the node
    where the search entered it, then its cycle (``_cycle``).  The name TLC gives is every property
    the lasso violates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.actual: Callable[[int], dict[int, list]] | None = None   # see variants()
        self._actual: dict[int, dict[int, list]] = {}
        self._ucache: dict[tuple, bool] = {}
        self._edge_vs: dict[tuple[int, int], list] = {}

    def check_all(self, props: list[LiveProperty]) -> Found | None:
        fair = [fairness_formula(fc.kind, fc.enabled, fc.step) for fc in self.spec.fairness]
        sols = solutions([p.formula for p in props], fair)
        if (sols is None or sum(len(sol.pems) for sol in sols) > 64) and self.actual is None and not any(
                self.check(p, lasso=False) for p in props):
            # TLC's order only decides which counterexample is printed, and it costs a search per
            # disjunct (2^k of them for k SF conditions: ElevatorLivenessMedium's 8 make 1536, 178 s
            # against 3 s); when no property is violated the check one property at a time (the
            # fairness as conditions on components) says so.  Under VIEW or SYMMETRY it need not:
            # its steps are pairs of stored states
            return None
        if sols is None:   # too many disjuncts (SF over many processes): one property at a time
            for i, p in enumerate(props):
                lasso = self.check(p)
                if lasso is not None:
                    return Found([i], lasso)
            return None
        for sol in sols:
            built = self._product(sol.tf)
            if built is None:
                continue
            if all(not (p.ea or p.ae_state or p.ae_action) for p in sol.pems):
                found = self._finite_prefix(sol, *built)
                if found is not None:
                    return found
            for pem in sol.pems:
                lasso = self._search(pem, *built)
                if lasso is not None:
                    return Found([pem.prop], lasso)
        return None

    def violated_by(self, props: list[LiveProperty], first: int, states: list[tuple], loop_index: int,
                    stuttering: bool) -> list[int]:
        """The properties whose negation holds of the behaviour ``states`` (a lasso back to
        ``loop_index``, or stuttering at its end): the ones TLC names (ChooseTableauSymmetryMC: found
        by the disjunct of one property, named by two others).  Under SYMMETRY the behaviour printed
        may violate none (its loop closes on a symmetric state): then ``first``."""
        n = len(states)
        succ = [[i + 1] for i in range(n - 1)] + [[n - 1 if stuttering else loop_index]]
        view = TLCOrderChecker(TemporalSpec(self.spec.atoms, [], []), states, succ, [0], stutter=False)
        return [j for j, p in enumerate(props) if view.check_all([p]) is not None] or [first]

    def _product(self, tf):
        """The product of the state graph (each state stuttering too, each successor once) and the
        tableau of tf: (K, node literals, acceptance sets, adjacency, initial nodes), or None."""
        if tf is None:
            initial, tsucc, slits, alits, acc = [0], [[0]], [[]], [[]], []
        else:
            initial, tsucc, slits, alits, acc = tableau(tf)
        K = len(tsucc)
        if K == 0:
            return None
        sval, aval, succ = self.sval, self.aval, self.succ

        def node_ok(m: int, t: int) -> bool:
            return all(sval(a, t) == pos for a, pos in slits[m])

        adj: dict[int, array] = {}
        inits: list[int] = []
        for s in self.inits:
            for n in initial:
                p = s * K + n
                if p not in adj and node_ok(n, s):
                    adj[p] = array("q")
                    inits.append(p)
        edge_vs = self._edge_vs = {}
        order = list(inits)
        i = 0
        while i < len(order):
            p = order[i]
            i += 1
            s, n = divmod(p, K)
            out = adj[p]
            al = alits[n]
            for t in dict.fromkeys([*succ[s], s] if self.stutter else succ[s]):
                vs = self.variants(s, t)
                for m in tsucc[n]:
                    if vs is None:
                        if not (node_ok(m, t) and all(aval(a, s, t) == pos for a, pos in al)):
                            continue
                    else:   # some state generated in t's class is consistent with m
                        ok = [u for u in vs if all(self._sval_u(a, u) == pos for a, pos in slits[m])
                              and all(self._aval_u(a, s, u) == pos for a, pos in al)]
                        if not ok:
                            continue
                        edge_vs[(p, t * K + m)] = ok
                    r = t * K + m
                    out.append(r)
                    if r not in adj:
                        adj[r] = array("q")
                        order.append(r)
        return K, acc, adj, inits

    def _finite_prefix(self, sol, K: int, acc, adj, inits) -> Found | None:
        """TLC's safety violation of a temporal property (tlaplus PR #1348, issue #710): with no
        <>[] or []<> part, a reachable tableau node that owes nothing to the future makes the path
        to its state a counterexample; TLC meets it as it builds the graph, breadth-first, and prints
        the state's shortest trace."""
        done = sinks(sol.tf) if sol.tf is not None else frozenset()
        if not done:
            return None
        hit = next((r for r in adj if r % K in done), None)   # adj: in the order the product was built
        if hit is None:
            return None
        goal = hit // K
        parent = {s: -1 for s in self.inits}
        q = deque(self.inits)
        while q and goal not in parent:
            s = q.popleft()
            for t in self.succ[s]:
                if t not in parent:
                    parent[t] = s
                    q.append(t)
        path = [goal]
        while parent[path[-1]] != -1:
            path.append(parent[path[-1]])
        return Found([sol.pems[0].prop], Lasso(path[::-1], len(path) - 1, False), prefix=True)

    def holds(self, f: tuple, s: int, t: int, u=None) -> bool:
        """A formula free of temporal operators on the step s -> t (state literals on s), or on the
        step from s to the state u generated in t's class."""
        k = f[0]
        if k == "S":
            return self.sval(f[1], s) == f[2]
        if k == "A":
            return (self.aval(f[1], s, t) if u is None else self._aval_u(f[1], s, u)) == f[2]
        if k == "and":
            return self.holds(f[1], s, t, u) and self.holds(f[2], s, t, u)
        if k == "or":
            return self.holds(f[1], s, t, u) or self.holds(f[2], s, t, u)
        return k == "T"

    # Under VIEW or SYMMETRY a state of the graph stands for its class, and a step s -> t for every
    # state generated from s in t's class.  TLC evaluates a step's actions (and the tableau's
    # literals of its target) on the state generated, not on the one stored for the class: the
    # stored pair is not a step at all (MCDistributedReplicatedLog: IsStrictPrefix(cLogs[s],
    # cLogs'[s]) is false between two stored states whose common prefix VIEW dropped).

    def variants(self, s: int, t: int) -> list | None:
        """The states generated from s in t's class (with s itself for t = s: stuttering), or None
        when states are their own classes."""
        if self.actual is None:
            return None
        d = self._actual.get(s)
        if d is None:
            d = self._actual[s] = self.actual(s)
        vs = list(d.get(t, ()))
        if t == s and not any(u == self.states[s] for u in vs):
            vs.append(self.states[s])
        return vs

    def _sval_u(self, a: int, u) -> bool:
        return bool(self.spec.atoms[a].fn(u))

    def _aval_u(self, a: int, s: int, u) -> bool:
        key = (a, s, id(u))
        v = self._ucache.get(key)
        if v is None:
            atom, src = self.spec.atoms[a], self.states[s]
            if atom.sub is not None:
                v = bool(atom.act(src, u)) if self._subval(atom, s) != atom.sub(u) else not atom.angle
            else:
                v = bool(atom.fn(src, u))
            self._ucache[key] = v
        return v

    def _search(self, pem: PEM, K: int, acc, adj, inits) -> Lasso | None:
        cache: dict[tuple[int, int], bool] = {}
        edge_vs = self._edge_vs

        def sat(p: int, r: int, xs: list) -> bool:
            """Some step behind the product's edge p -> r meets the <>[] parts and xs."""
            s, t = p // K, r // K
            vs = edge_vs.get((p, r), (None,)) if edge_vs else (None,)
            return any(all(self.holds(x, s, t, u) for x in pem.ea) and all(self.holds(x, s, t, u) for x in xs)
                       for u in vs)

        def ea(p: int, r: int) -> bool:
            key = (p, r) if edge_vs else (p // K, r // K)
            v = cache.get(key)
            if v is None:
                v = cache[key] = sat(p, r, [])
            return v
        ea.sat = sat

        roots = list(inits)
        queued = set(roots)

        def follow(v: int) -> list[int]:
            out = []
            for w in adj[v]:
                if ea(v, w):
                    out.append(w)
                elif w not in queued:   # TLC's nodeQueue: a root once this search is done
                    queued.add(w)
                    roots.append(w)
            return out[::-1]            # TLC pushes every successor and explores the last pushed first

        for comp in tarjan(roots, follow):
            root = comp[-1]
            C = set(comp)
            if len(comp) == 1 and not (root in adj[root] and ea(root, root)):
                continue
            if self._meets(pem, C, K, acc, adj, ea):
                path = self._prefix(inits, adj, root)
                return self._tlc_lasso(path, self._cycle(pem, C, K, acc, adj, ea, root), K)
        return None

    def _meets(self, pem: PEM, C: set, K: int, acc, adj, ea) -> bool:
        """TLC's checkComponent: each []<> part and each promise met somewhere in the component."""
        for x in pem.ae_state:
            if not any(self.holds(x, v // K, v // K) for v in C):
                return False
        for x in pem.ae_action:
            if not any(w in C and ea(u, w) and ea.sat(u, w, [x]) for u in C for w in adj[u]):
                return False
        return all(any(v % K in F for v in C) for F in acc)

    def _cycle(self, pem: PEM, C: set, K: int, acc, adj, ea, root: int) -> list[int]:
        """The states of TLC's cycle after ``root`` (LiveWorker.dfsPostFix, then bfsPostFix): a greedy
        depth-first walk that takes a step as soon as it meets a []<> part or a promise not met yet,
        then the shortest way back to the root."""
        holds = self.holds
        st_res, ac_res, pr_res = [False] * len(pem.ae_state), [False] * len(pem.ae_action), [False] * len(acc)
        cnt = len(st_res) + len(ac_res) + len(pr_res)
        seen, stack, cur = {root}, [], root
        while cnt > 0:
            cnt0 = cnt
            while True:
                s = cur // K
                for i, x in enumerate(pem.ae_state):
                    if not st_res[i] and holds(x, s, s):
                        st_res[i], cnt = True, cnt - 1
                for i, F in enumerate(acc):
                    if not pr_res[i] and cur % K in F:
                        pr_res[i], cnt = True, cnt - 1
                if cnt <= 0:
                    break
                next1 = next2 = None
                cnt1, moved = cnt, False
                for w in adj[cur]:
                    if w in C:
                        if not ea(cur, w):
                            continue
                        next1 = w
                        for j, x in enumerate(pem.ae_action):
                            if not ac_res[j] and ea.sat(cur, w, [x]):
                                ac_res[j], cnt = True, cnt - 1
                    if cnt < cnt1:
                        stack.append(cur)
                        cur, moved = w, True
                        seen.clear()
                        break
                    if w in C and w not in seen:
                        next2 = w
                if moved:
                    break
                if cnt < cnt0:
                    stack.append(cur)
                    cur = next1
                    seen.clear()
                    break
                while next2 is None:   # backtrack (TLC does not ask the <>[] parts here; a lasso must)
                    if not stack:
                        raise AssertionError("no cycle through a fair component")
                    cur = stack.pop()
                    next2 = next((w for w in adj[cur] if w in C and w not in seen and ea(cur, w)), None)
                stack.append(cur)
                cur = next2
                seen.add(next2)
        out = [v // K for v in stack[1:]]
        if cur != root or not (stack or (root in adj[root] and ea(root, root))):
            out += self._back(C, K, adj, ea, cur, root)
        return out

    @staticmethod
    def _back(C: set, K: int, adj, ea, start: int, root: int) -> list[int]:
        """bfsPostFix: the states of a shortest way from ``start`` back to ``root`` inside the component,
        breadth-first over states (every tableau node of a state at once), ``start`` included."""
        nodes_of: dict[int, list[int]] = {}
        for v in sorted(C):
            nodes_of.setdefault(v // K, []).append(v)
        parent: dict[int, int | None] = {start // K: None}
        q = deque([start // K])
        while q:
            sc = q.popleft()
            for n in nodes_of[sc]:
                for w in adj[n]:
                    if w == n or not ea(n, w):
                        continue
                    if w == root:
                        path = [sc]
                        while parent[path[-1]] is not None:
                            path.append(parent[path[-1]])
                        return path[::-1]
                    ws = w // K
                    if ws in nodes_of and ws not in parent:
                        parent[ws] = sc
                        q.append(ws)
        raise AssertionError("no way back to the root of a strongly connected component")

    @staticmethod
    def _tlc_lasso(path: list[int], cycle: list[int], K: int) -> Lasso:
        """The prefix's states (repeats in a row dropped, as TLC prints them), then the cycle's."""
        seq: list[int] = []
        for p in path:
            if not seq or seq[-1] != p // K:
                seq.append(p // K)
        loop_at = len(seq) - 1
        for s in cycle:
            if s != seq[-1]:
                seq.append(s)
        if len(seq) > loop_at + 1 and seq[-1] == seq[loop_at]:
            seq.pop()
        return Lasso(seq, loop_at, len(seq) - 1 == loop_at)


def generated_successors(model, states: list[tuple]) -> Callable[[int], dict[int, list]] | None:
    """Under VIEW or SYMMETRY (``model.key``): for a state's index, the states its successors
    generate, by the index of their class (TLC's SetOfStates of a state's successors keeps each
    distinct state); None otherwise."""
    key = model.key
    if key is None:
        return None
    index = {key(st): i for i, st in enumerate(states)}

    def actual(s: int) -> dict[int, list]:
        out: dict[int, list] = {}
        for _action, u in model.successors(states[s]):
            t = index.get(key(u))
            if t is not None:
                same = out.setdefault(t, [])
                if not any(x == u for x in same):
                    same.append(u)
        return out
    return actual
