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
    stack = [TNode({INIT}, [phi], set(), set())]
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
    return done


def tableau(phi: tuple):
    """The generalized Büchi automaton of phi: (initial, succ, state_lits, action_lits, acceptance)."""
    done = _expand(phi)
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
    return initial, succ, slits, alits, acc


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
