"""The state graph as a file: Graphviz ``.dot``, ``.graphml`` or networkx's node-link ``.json``."""
from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # networkx takes a tenth of a second to import: only the functions that build a graph do
    import networkx as nx

FORMATS = {".dot": "dot", ".gv": "dot", ".graphml": "graphml", ".json": "json"}


def graph_format(path: str) -> str:
    """The format ``path``'s extension names; ValueError for an unknown one."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMATS:
        raise ValueError(f"{path}: unknown graph format {ext or '(none)'}; use .dot, .graphml or .json")
    return FORMATS[ext]


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
    import networkx as nx
    H = nx.MultiDiGraph()
    H.graph.update({k: (", ".join(v) if isinstance(v, list) else v) for k, v in G.graph.items()})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: (", ".join(v) if isinstance(v, list) else v) for k, v in d.items()})
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **d)
    return H


def to_json(G: nx.MultiDiGraph) -> dict:
    """networkx's node-link data, in the form of networkx 3.4 whatever the version."""
    import networkx as nx
    try:
        return nx.node_link_data(G, edges="edges")
    except TypeError:  # networkx < 3.4
        return nx.node_link_data(G)


def write_graph(G: nx.MultiDiGraph, path: str) -> str:
    """Write by extension: ``.dot``/``.gv``, ``.graphml`` or ``.json``; return the format used."""
    fmt = graph_format(path)
    if fmt == "dot":
        with open(path, "w", encoding="utf-8") as f:
            f.write(to_dot(G))
    elif fmt == "graphml":
        import networkx as nx
        nx.write_graphml(_flat(G), path)
    else:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(to_json(G), f, indent=1)
            f.write("\n")
    return fmt


def dump_graph(G: nx.MultiDiGraph, path: str) -> str:
    """Write ``G`` to ``path``; return the message to show (on stderr)."""
    try:
        fmt = write_graph(G, path)
    except (OSError, ValueError) as err:
        return f"Could not write the state graph to {path}: {err}"
    trunc = " (truncated)" if G.graph.get("truncated") else ""
    part = "" if G.graph.get("complete", True) else " as far as the check explored it"
    return (f"Wrote the state graph{trunc}{part} to {path} ({fmt}): {G.number_of_nodes()} states, "
            f"{G.number_of_edges()} transitions.")
