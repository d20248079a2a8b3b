"""The automata side of liveness: GPVW's tableau of an NNF formula, and Tarjan's strongly connected components."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


# ----------------------------------------------------------------------------- tableau (GPVW)

@dataclass
class TNode:
    incoming: set
    new: list
    old: set
    nxt: set


INIT = -1
"""The ``incoming`` mark of the tableau's initial nodes."""


def _expand(phi: tuple) -> list[TNode]:
    """GPVW's expansion of ``phi`` into the tableau's nodes."""
    done: list[TNode] = []
    seen: dict[tuple[frozenset, frozenset], TNode] = {}   # (old, nxt) -> its node: one lookup, not a scan
    stack = [TNode({INIT}, [phi], set(), set())]
    while stack:
        nd = stack.pop()
        if not nd.new:
            key = (frozenset(nd.old), frozenset(nd.nxt))
            d = seen.get(key)
            if d is not None:
                d.incoming |= nd.incoming
            else:
                seen[key] = nd
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
    return done


_TABLEAUX: dict[tuple, tuple] = {}


def tableau(phi: tuple):
    """The generalized Büchi automaton of phi: (initial, succ, state_lits, action_lits, acceptance).
    Kept per formula (the search and the naming of a counterexample both ask for it); the caller
    does not change it."""
    got = _TABLEAUX.get(phi)
    if got is None:
        if len(_TABLEAUX) > 256:
            _TABLEAUX.clear()
            _SINKS.clear()
        got = _TABLEAUX[phi] = _build(phi)
    return got


def _build(phi: tuple):
    done = _expand(phi)
    sinks = frozenset(i for i, d in enumerate(done)
                      if not d.nxt and not any(f[0] == "A" for f in d.old))
    n = len(done)
    initial = [i for i, d in enumerate(done) if INIT in d.incoming]
    succ: list[list[int]] = [[] for _ in range(n)]
    for j, d in enumerate(done):
        for i in d.incoming:
            if i != INIT:
                succ[i].append(j)
    # in a fixed order: a set of formulas iterates in the order of their tags' (salted) string hashes,
    # and the order of the acceptance sets decides which lasso is built (EWD840MC1's trace was 16
    # or 20 states by PYTHONHASHSEED)
    slits = [sorted((f[1], f[2]) for f in d.old if f[0] == "S") for d in done]
    alits = [sorted((f[1], f[2]) for f in d.old if f[0] == "A") for d in done]
    untils: dict = {}

    def collect(f):
        if f[0] in ("and", "or", "U", "R"):
            if f[0] == "U":
                untils[f] = None
            collect(f[1])
            collect(f[2])

    collect(phi)
    acc = []
    for u in untils:
        acc.append(frozenset(i for i, d in enumerate(done) if u not in d.old or u[2] in d.old))
    # an acceptance set with every node is no constraint
    acc = [a for a in acc if len(a) < n]
    _SINKS[phi] = sinks
    return initial, succ, slits, alits, acc


_SINKS: dict[tuple, frozenset] = {}


def sinks(phi: tuple) -> frozenset:
    """The tableau's nodes that owe nothing to the future (no next obligations, no action literal on
    the step leaving them): a behaviour that reaches one satisfies phi whatever follows (TLC's
    accepting tableau nodes, which make a finite prefix a counterexample)."""
    if _has_action(phi):   # TLC's tableau holds no action (it rejects such a formula); keep to its cases
        return frozenset()
    tableau(phi)
    got = _SINKS.get(phi)
    if got is None:
        _build(phi)
        got = _SINKS[phi]
    return got


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


# ----------------------------------------------------------------------------- TLC's possible error models

@dataclass
class PEM:
    """One disjunct of the DNF of ``fairness /\\ ~property`` outside its tableau part (TLC's
    PossibleErrorModel): every step of the cycle satisfies each ``ea`` (``<>[]x``); some state of it
    each ``ae_state`` and some step of it each ``ae_action`` (``[]<>x``)."""
    prop: int
    ea: list
    ae_state: list
    ae_action: list


@dataclass
class Solution:
    """TLC's OrderOfSolution: the disjuncts that share one tableau formula ``tf`` (None: no tableau)."""
    tf: tuple | None
    pems: list


def fairness_formula(kind: str, enabled: int, step: int) -> tuple:
    """WF_v(A) as TLC expands it, ``[]<>(~ENABLED <<A>>_v \\/ <<A>>_v)``; SF_v(A) as
    ``<>[]~ENABLED <<A>>_v \\/ []<><<A>>_v``."""
    nen, st = ("S", enabled, False), ("A", step, True)
    if kind == "WF":
        return ("R", ("F",), ("U", ("T",), ("or", nen, st)))
    return ("or", ("U", ("T",), ("R", ("F",), nen)), ("R", ("F",), ("U", ("T",), st)))


def static(f: tuple) -> bool:
    """f has no temporal operator: a boolean combination of state and action literals."""
    k = f[0]
    if k in ("T", "F", "S", "A"):
        return True
    return k in ("and", "or") and static(f[1]) and static(f[2])


def dnf(f: tuple) -> list[list]:
    """The disjuncts of f, each a list of conjuncts, in TLC's order (LNConj.toDNF's cross product:
    the first conjunct's disjuncts vary slowest).  Temporal operators' bodies are kept whole."""
    k = f[0]
    if k == "T":
        return [[]]
    if k == "F":
        return []
    if k == "or":
        return dnf(f[1]) + dnf(f[2])
    if k == "and" and not static(f):
        return [x + y for x in dnf(f[1]) for y in dnf(f[2])]
    return [[f]]


def classify(prop: int, conjuncts: list) -> tuple[tuple | None, PEM]:
    """A DNF disjunct split as TLC's Liveness.classifyExpr splits it: ``<>[]x``, ``[]<>x`` with x free of
    temporal operators go to the PEM, the rest (the tableau formula) is returned as one conjunction."""
    pem = PEM(prop, [], [], [])
    tf = None
    for c in conjuncts:
        if c[0] == "U" and c[1] == ("T",) and c[2][0] == "R" and c[2][1] == ("F",) and static(c[2][2]):
            pem.ea.append(c[2][2])
        elif c[0] == "R" and c[1] == ("F",) and c[2][0] == "U" and c[2][1] == ("T",) and static(c[2][2]):
            (pem.ae_action if _has_action(c[2][2]) else pem.ae_state).append(c[2][2])
        else:
            tf = c if tf is None else ("and", tf, c)
    return tf, pem


def _has_action(f: tuple) -> bool:
    """f mentions an action literal (anywhere: under temporal operators too)."""
    return f[0] == "A" or (f[0] in ("and", "or", "U", "R") and (_has_action(f[1]) or _has_action(f[2])))


def solutions(negations: list[tuple], fairness: list[tuple], limit: int = 1024) -> list[Solution] | None:
    """TLC's orders of solution for ``fairness /\\ (~P1 \\/ ~P2 \\/ ...)`` (Liveness.processLiveness): the
    DNF's disjuncts, grouped by tableau formula in the order of first appearance, each disjunct a PEM
    that remembers its property.  None when the DNF has more than ``limit`` disjuncts."""
    alts = [[[]]]
    for f in fairness:
        alts.append(dnf(f))
    props = [(i, d) for i, neg in enumerate(negations) for d in dnf(neg)]
    total = len(props)
    for a in alts:
        total *= len(a)
    if total > limit:
        return None
    combos: list[list] = [[]]
    for a in alts:
        combos = [c + d for c in combos for d in a]
    out: list[Solution] = []
    for c in combos:
        for i, d in props:
            tf, pem = classify(i, c + d)
            for sol in out:
                if sol.tf == tf:
                    sol.pems.append(pem)
                    break
            else:
                out.append(Solution(tf, [pem]))
    return out
