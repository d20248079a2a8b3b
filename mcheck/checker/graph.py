"""The explored state graph as a networkx ``MultiDiGraph``, built from what watched the one search.

``state_graph(model, recorder)`` turns a ``GraphRecorder`` that watched a search into a graph with:

* a node per distinct in-model state, numbered ``0, 1, ...`` in discovery order, with the
  attributes

  - one per variable: its value as TLA+ text (a variable named ``label``, ``initial``,
    ``violates`` or ``deadlock`` is stored as ``var_<name>``);
  - ``label``: the whole state as TLA+ text (``/\\ x = 1`` lines);
  - ``initial``: True on initial states (False otherwise);
  - ``violates``: the names of the invariants the state violates (a list, possibly empty);
  - ``deadlock``: True when the state has no successor at all;

* an edge per step between in-model states (a state may have several edges to the same
  successor, one per action producing it), with ``action`` (the action's name), ``label`` (the
  same, for drawing) and ``location`` (TLC's action label with its position).

Under VIEW or SYMMETRY a node is a class of states (drawn as the first state found in it), so
the node count is the distinct states ``mcheck check`` reports.  States outside the CONSTRAINTs
(and steps outside the ACTION_CONSTRAINTs) are left out.  The graph's own attributes:
``module``, ``variables``, ``truncated`` (the recorder's limit was reached) and ``complete``
(the search explored every reachable state: it did not stop at a violation or an error).

``explore_graph(model)`` is the whole reachable graph whatever the invariants say: the same
breadth-first search, run on the model without its checks.
"""
from __future__ import annotations

import dataclasses
from typing import Any

import networkx as nx

from ..semantics.model import Model
from ..semantics.values import tla_repr
from ..syntax.errors import EvalError
from .check import check_assumptions
from .filter import StepFilter
from .observers import GraphRecorder
from .search import BreadthFirst

RESERVED = ("label", "initial", "violates", "deadlock")


def _label(variables: list[str], reprs: list[str]) -> str:
    """The state as TLA+ text, from its values' texts: ``x = 1``, or ``/\\ x = 1`` lines."""
    if len(variables) == 1:
        return f"{variables[0]} = {reprs[0]}"
    return "\n".join(f"/\\ {v} = {t}" for v, t in zip(variables, reprs))


def state_graph(model: Model, rec: GraphRecorder, complete: bool = True) -> nx.MultiDiGraph:
    """The graph ``rec`` recorded (it must record actions: ``GraphRecorder(with_actions=True)``)."""
    variables = list(model.variables)
    attr_names = [f"var_{v}" if v in RESERVED else v for v in variables]
    filt = StepFilter(model)
    G = nx.MultiDiGraph(module=model.module, variables=variables, truncated=rec.truncated,
                        complete=complete and not rec.truncated)
    inits = set(rec.inits)
    texts: dict[int, str] = {}   # by id: neighbouring states share most values (all alive in rec.states)
    for i, st in enumerate(rec.states):
        reprs = []
        for x in st:
            t = texts.get(id(x))
            if t is None:
                t = texts[id(x)] = tla_repr(x)
            reprs.append(t)
        attrs: dict[str, Any] = dict(zip(attr_names, reprs))
        attrs["label"] = _label(variables, reprs)
        attrs["initial"] = i in inits
        attrs["violates"] = filt.violated_invariants(st)
        attrs["deadlock"] = i in rec.dead_ends
        G.add_node(i, **attrs)
    n = len(rec.states)
    for src, (dsts, acts) in enumerate(zip(rec.succ, rec.actions or ())):
        for dst, ai in zip(dsts, acts):
            if dst < n:
                a = model.actions[ai]
                G.add_edge(src, dst, action=a.name, label=a.name, location=a.label)
    return G


def explore_graph(model: Model, max_states: int | None = None) -> nx.MultiDiGraph:
    """The reachable graph, not stopping at violations; at most ``max_states`` states (then the
    graph attribute ``truncated`` is True).  An evaluation error raises ``EvalError``."""
    if check_assumptions(model) is not None:
        raise ValueError("an ASSUME of the spec is false; there is no state graph to explore")
    bare = dataclasses.replace(model, invariants=(), init_properties=(), step_properties=(), liveness=None)
    rec = GraphRecorder(with_actions=True, limit=max_states)
    out = BreadthFirst(bare, [rec], check_deadlock=False, max_states=max_states).run()
    if out.result not in ("success",) and not rec.truncated:
        raise EvalError(out.error or out.result)
    return state_graph(model, rec, complete=not rec.truncated)
