"""The reachable state graph of a model, as a networkx ``MultiDiGraph``, and its writers.

``explore_graph(model)`` explores breadth-first, like ``bfs`` (same order: initial states, then
level by level, actions in the order of Next), but does not stop at violations.  The graph has:

* a node per distinct in-model state, numbered ``0, 1, ...`` in discovery order, with the
  attributes

  - one per variable: its value as TLA+ text (a variable named ``label``, ``initial``,
    ``violates`` or ``deadlock`` is stored as ``var_<name>``);
  - ``label``: the whole state as TLA+ text (``/\\ x = 1`` lines);
  - ``initial``: True on initial states (False otherwise);
  - ``violates``: the names of the invariants the state violates (a list, possibly empty);
  - ``deadlock``: True when the state has no successor at all;

* an edge per transition between in-model states (a state may have several edges to the
  same successor, one per action producing it), with ``action`` (the action's name),
  ``label`` (the same, for drawing) and ``location`` (TLC's action label with its position).

States outside the CONSTRAINTs (or steps outside the ACTION_CONSTRAINTs) are left out, so the
node count equals the distinct states ``mcheck check`` reports for the same model when it
finds no violation.  The graph's own attributes: ``module``, ``variables``, ``truncated``.
"""
from __future__ import annotations

import json
import os
from typing import Any

import networkx as nx

from ..semantics.model import Model
from ..semantics.values import tla_repr
from .bfs import check_assumptions

RESERVED = ("label", "initial", "violates", "deadlock")


def _state_text(variables: list[str], st: tuple) -> str:
    if len(variables) == 1:
        return f"{variables[0]} = {tla_repr(st[0])}"
    return "\n".join(f"/\\ {v} = {tla_repr(x)}" for v, x in zip(variables, st))


def explore_graph(model: Model, max_states: int | None = None) -> nx.MultiDiGraph:
    """The state graph; stops (graph attribute ``truncated=True``) beyond ``max_states`` states.

    Evaluation errors (EvalError and its kin) propagate to the caller.
    """
    if check_assumptions(model) is not None:
        raise ValueError("an ASSUME of the spec is false; there is no state graph to explore")
    variables = list(model.variables)
    attr_names = [f"var_{v}" if v in RESERVED else v for v in variables]
    invariants = [(p.name, p.fn) for p in model.invariants]
    constraints = [p.fn for p in model.constraints]
    aconstraints = [p.fn for p in model.action_constraints]
    actions = [(a.name, a.label, a.fn, a.args) for a in model.actions]
    tlc = model.tlc

    G = nx.MultiDiGraph(module=model.module, variables=variables, truncated=False)
    ids: dict[tuple, int] = {}

    def add(st: tuple, initial: bool) -> int | None:
        i = ids.get(st)
        if i is not None:
            if initial:
                G.nodes[i]["initial"] = True
            return i
        if max_states is not None and len(ids) >= max_states:
            G.graph["truncated"] = True
            return None
        i = ids[st] = len(ids)
        attrs: dict[str, Any] = {a: tla_repr(x) for a, x in zip(attr_names, st)}
        attrs["label"] = _state_text(variables, st)
        attrs["initial"] = initial
        attrs["violates"] = [name for name, inv in invariants if not inv(st)]
        attrs["deadlock"] = False
        G.add_node(i, **attrs)
        return i

    tlc.level = 1
    level: list[tuple] = []
    for st in model.init():
        if all(c(st) for c in constraints):
            new = st not in ids
            if add(st, True) is not None and new:
                level.append(st)
    while level:
        tlc.level += 1
        nxt: list[tuple] = []
        for s in level:
            si = ids[s]
            generated = 0
            for name, label, fn, args in actions:
                for t in fn(s, *args):
                    generated += 1
                    if not all(c(t) for c in constraints) or not all(c(s, t) for c in aconstraints):
                        continue
                    new = t not in ids
                    ti = add(t, False)
                    if ti is None:
                        continue
                    if new:
                        nxt.append(t)
                    G.add_edge(si, ti, action=name, label=name, location=label)
            if generated == 0:
                G.nodes[si]["deadlock"] = True
        level = nxt
    return G


# --------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------

def _dot_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\l") + ('\\l' if "\n" in s else "") + '"'


def to_dot(G: nx.MultiDiGraph) -> str:
    """Graphviz text: initial states drawn bold, states violating an invariant filled red."""
    name = str(G.graph.get("module", "states"))
    out = [f"digraph {_dot_str(name)} {{", "  node [shape=box, fontname=\"monospace\"];"]
    for n, d in G.nodes(data=True):
        extra, style = [], []
        if d.get("initial"):
            style.append("bold")
        if d.get("violates"):
            style.append("filled")
            extra.append('fillcolor="#ffb0b0"')
            extra.append(f"tooltip={_dot_str('violates ' + ', '.join(d['violates']))}")
        if style:
            extra.insert(0, f'style="{",".join(style)}"')
        out.append(f"  {n} [label={_dot_str(d.get('label', str(n)))}{''.join(', ' + e for e in extra)}];")
    for u, v, d in G.edges(data=True):
        out.append(f"  {u} -> {v} [label={_dot_str(str(d.get('action', '')))}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars (GraphML allows nothing else)."""
    H = nx.MultiDiGraph()
    H.graph.update({k: (", ".join(v) if isinstance(v, list) else v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: (", ".join(v) if isinstance(v, list) else v) for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **d)
    return H


def to_json(G: nx.MultiDiGraph) -> dict:
    try:
        return nx.node_link_data(G, edges="edges")
    except TypeError:  # networkx < 3.4
        return nx.node_link_data(G)


def write_graph(G: nx.MultiDiGraph, path: str) -> str:
    """Write by extension: ``.dot``/``.gv``, ``.graphml`` or ``.json``; return the format used."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".dot", ".gv"):
        with open(path, "w", encoding="utf-8") as f:
            f.write(to_dot(G))
        return "dot"
    if ext == ".graphml":
        nx.write_graphml(_flat(G), path)
        return "graphml"
    if ext == ".json":
        with open(path, "w", encoding="utf-8") as f:
            json.dump(to_json(G), f, indent=1)
            f.write("\n")
        return "json"
    raise ValueError(f"{path}: unknown graph format {ext or '(none)'}; use .dot, .graphml or .json")


def dump_graph(model: Model | None, path: str, max_states: int | None = None) -> str:
    """Explore ``model``'s graph and write it to ``path``; return the message to show (on stderr)."""
    if model is None:
        return f"No model to explore (the spec or the .cfg has an error): nothing written to {path}."
    try:
        G = explore_graph(model, max_states=max_states)
        fmt = write_graph(G, path)
    except Exception as err:  # evaluation errors, Python-level failures of compiled code, I/O
        msg = getattr(err, "message", None) or f"{type(err).__name__}: {err}"
        return f"Could not write the state graph to {path}: {msg}"
    trunc = " (truncated)" if G.graph.get("truncated") else ""
    return (f"Wrote the state graph{trunc} to {path} ({fmt}): {G.number_of_nodes()} states, "
            f"{G.number_of_edges()} transitions.")
