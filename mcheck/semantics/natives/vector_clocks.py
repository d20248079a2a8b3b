"""Natives of VectorClocks: CausalOrder, in TLC's order (its Java walks the nodes in HashMap order)."""
from __future__ import annotations

from collections import deque
from typing import Any, Callable

from ...syntax.errors import EvalError
from ..values import Fcn, LazyFcn, tla_repr, tlc_sorted
from .core import arg_error, finite_set


def _java_string_hash(s: str) -> int:
    h = 0
    data = s.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h = (31 * h + (data[i] | data[i + 1] << 8)) & 0xFFFFFFFF
    return h


def _java_hashmap_order(keys: list) -> list:
    """The iteration order of a java.util.HashMap into which ``keys`` were put in this order (TLC's
    CausalOrder walks the nodes that way).  Emulated for string keys (a TLC string hashes as a Java
    String); for other keys the order of first appearance is kept."""
    if not keys or not all(type(k) is str for k in keys):
        return list(keys)
    cap = 16
    while len(keys) > cap * 3 // 4:
        cap *= 2

    def bucket(k):
        h = _java_string_hash(k)
        return (h ^ (h >> 16)) & (cap - 1)

    return [k for _, _, k in sorted((bucket(k), i, k) for i, k in enumerate(keys))]


def causal_order(log, clock: Callable, node: Callable, domain: Callable):
    """TLC's CausalOrder: order each node's events by the node's own clock entry, link every event to the
    latest event of each other node it has heard of, then repeatedly emit the first event of each node
    (in TLC's iteration order of the nodes) that has no unemitted predecessor."""
    if type(log) is not tuple:
        raise arg_error(0, "CausalOrder", "sequence", log)
    per_node: dict = {}
    for entry in log:
        host = node(entry)
        vc = clock(entry)
        time = _vc_at(vc, host, entry)
        hosts = finite_set(domain(vc))
        if hosts is None:
            raise EvalError(f"CausalOrder: the domain of the clock {tla_repr(vc)} is not a finite set")
        per_node.setdefault(host, []).append({"value": entry, "clock": vc, "time": time,
                                              "hosts": tlc_sorted(hosts), "parents": set(), "children": []})
    for events in per_node.values():
        events.sort(key=lambda ev: _time_key(ev["time"]))
    for host, events in per_node.items():
        seen = {h: 0 for h in per_node}
        for ev in events:
            seen[host] = ev["time"]
            for other in ev["hosts"]:
                t = _vc_at(ev["clock"], other, ev["value"])
                if other not in seen:
                    raise EvalError(f"CausalOrder: the clock {tla_repr(ev['clock'])} names the node "
                                    f"{tla_repr(other)}, which has no event in the log")
                if _time_key(seen[other]) < _time_key(t):
                    seen[other] = t
                    others = per_node[other]
                    if not (type(t) is int and 1 <= t <= len(others)):
                        raise EvalError(f"CausalOrder: the clock {tla_repr(ev['clock'])} counts {tla_repr(t)} "
                                        f"events of node {tla_repr(other)}, but the log has {len(others)}")
                    parent = others[t - 1]
                    ev["parents"].add(id(parent))
                    parent["children"].append(ev)
    order = _java_hashmap_order(list(per_node))
    queues = {h: deque(per_node[h]) for h in order}
    out = []
    for _ in range(len(log)):
        for h in order:
            q = queues[h]
            if q and not q[0]["parents"]:
                ev = q.popleft()
                for child in ev["children"]:
                    child["parents"].discard(id(ev))
                out.append(ev["value"])
    if len(out) != len(log):
        raise EvalError("CausalOrder: the clocks of the log are not consistent (some events could not be "
                        "ordered)")
    return tuple(out)


def _vc_at(vc: Any, host: Any, entry: Any) -> Any:
    t = type(vc)
    try:
        if t is tuple:
            if type(host) is int and 1 <= host <= len(vc):
                return vc[host - 1]
        elif t is Fcn:
            return vc[host]
        elif t is LazyFcn:
            return vc.apply(host)
    except (KeyError, TypeError):
        pass
    raise EvalError(f"CausalOrder: the clock {tla_repr(vc)} of the log entry\n{tla_repr(entry)}\n"
                    f"has no value for the node {tla_repr(host)}")


def _time_key(t: Any):
    if type(t) is not int:
        raise EvalError(f"CausalOrder: a clock value should be an integer, but instead it is:\n{tla_repr(t)}")
    return t


NATIVES: dict[tuple[str, str], Callable] = {
    ("VectorClocks", "CausalOrder"): causal_order,
}
