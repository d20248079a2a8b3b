"""Natives of UndirectedGraphs: a graph is a record [node |-> N, edge |-> E], each edge a set {a, b}.

Where a result depends on the order of a set's elements it is TLC's normal order (``tlc_sorted``).
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, LazySet, tla_eq, tla_repr, tlc_sorted
from .core import finite_set, ordinal


_GRAPH = "undirected graph"


def _graph(op: str, pos: int, g: Any) -> tuple[list, frozenset, frozenset]:
    """The nodes (in TLC's order), the node set and the edge set of the graph record g."""
    if type(g) is not Fcn or not g.is_record() or "node" not in g or "edge" not in g:
        raise _graph_error(op, pos, "record with a node and an edge field", g)
    nodes = finite_set(g["node"])
    if nodes is None:
        raise _graph_error(op, pos, "record whose node field is a set", g)
    edges = finite_set(g["edge"])
    if edges is None:
        raise _graph_error(op, pos, "record whose edge field is a set", g)
    return tlc_sorted(nodes), nodes, edges


def _graph_error(op: str, pos: int, detail: str, g: Any) -> EvalError:
    return EvalError(f"The {ordinal(pos)} argument of {op} should be {_GRAPH} {detail}, but instead it is:\n"
                     f"{tla_repr(g)}")


def _endpoints(edge: Any) -> tuple | None:
    """The two ends of an edge {a, b} ({a} is a loop on a); None for anything else (never an edge)."""
    s = finite_set(edge)
    if s is None or not 1 <= len(s) <= 2:
        return None
    ends = tlc_sorted(s)
    return (ends[0], ends[-1])


def _adjacency(nodes: frozenset, edges: frozenset) -> dict:
    """Successors of each node, both ways along each edge whose ends are both nodes (TLC's order)."""
    adj: dict = {}
    for e in tlc_sorted(edges):
        ends = _endpoints(e)
        if ends is None:
            continue
        a, b = ends
        if a not in nodes or b not in nodes:
            continue
        adj.setdefault(a, []).append(b)
        if a != b:
            adj.setdefault(b, []).append(a)
    return adj


class PathSet(LazySet):
    """Path(G): the non-empty sequences of nodes of G, each joined to the next by an edge.  Infinite as
    soon as G has a node (as in TLC, it can be tested for membership but not enumerated)."""

    def __init__(self, nodes: frozenset, edges: frozenset):
        self.nodes = nodes
        self.edges = edges

    def contains(self, p: Any) -> bool:
        if type(p) is not tuple or not p:
            return False
        if any(x not in self.nodes for x in p):
            return False
        return all(frozenset((a, b)) in self.edges for a, b in zip(p, p[1:]))

    def is_finite(self) -> bool:
        return not self.nodes

    def _iter(self):
        return iter(())

    def _size(self) -> int:
        return 0

    def _params(self) -> tuple:
        return (self.nodes, self.edges)

    def __repr__(self) -> str:
        return (f"{{p \\in Seq({tla_repr(self.nodes)}) : p # <<>> /\\ \\A i \\in 1..(Len(p) - 1) : "
                f"{{p[i], p[i + 1]}} \\in {tla_repr(self.edges)}}}")


def path(G):
    _, nodes, edges = _graph("Path", 0, G)
    return PathSet(nodes, edges)


def simple_path(G):
    order, nodes, edges = _graph("SimplePath", 0, G)
    adj = _adjacency(nodes, edges)
    paths: list = []
    path: list = []
    on_path: set = set()

    def extend(cur):
        paths.append(tuple(path))
        for nxt in adj.get(cur, ()):
            if nxt not in on_path:
                on_path.add(nxt)
                path.append(nxt)
                extend(nxt)
                path.pop()
                on_path.discard(nxt)

    for start in order:
        path.append(start)
        on_path.add(start)
        extend(start)
        on_path.discard(start)
        path.pop()
    return frozenset(paths)


def are_connected_in(m, n, G):
    _, nodes, edges = _graph("AreConnectedIn", 2, G)
    if m not in nodes or n not in nodes:
        return False
    if tla_eq(m, n):
        return True
    adj = _adjacency(nodes, edges)
    seen = {m}
    todo = deque([m])
    while todo:
        cur = todo.popleft()
        for nxt in adj.get(cur, ()):
            if nxt not in seen:
                if nxt == n:
                    return True
                seen.add(nxt)
                todo.append(nxt)
    return False


def connected_components(G):
    order, nodes, edges = _graph("ConnectedComponents", 0, G)
    parent = {v: v for v in order}

    def find(v):
        root = v
        while parent[root] != root:
            root = parent[root]
        while parent[v] != root:
            parent[v], v = root, parent[v]
        return root

    for e in tlc_sorted(edges):
        ends = _endpoints(e)
        if ends is None or ends[0] not in nodes or ends[1] not in nodes:
            continue
        ra, rb = find(ends[0]), find(ends[1])
        if ra != rb:
            parent[rb] = ra
    comps: dict = {}
    for v in order:
        comps.setdefault(find(v), []).append(v)
    return frozenset(frozenset(c) for c in comps.values())


NATIVES: dict[tuple[str, str], Callable] = {
    ("UndirectedGraphs", "Path"): path,
    ("UndirectedGraphs", "SimplePath"): simple_path,
    ("UndirectedGraphs", "AreConnectedIn"): are_connected_in,
    ("UndirectedGraphs", "ConnectedComponents"): connected_components,
}
