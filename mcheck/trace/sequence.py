"""Sequence diagrams of a trace: a lane per process, each step's action in the lane it changed (SVG).

Many specs keep a process's part of the state in functions over a set of processes (``phase[w]``,
``expected[w]`` for ``w \\in Writers``).  The *processes* are the domain shared by the most
variables whose every value in the trace is a function (at least two variables, or one over model
values); the other variables that change are *shared* state and get a lane each (``log``).

A step sits in the lane of the process whose part it changed (a step that changes no process's
part sits in the lanes of the shared variables it changed), labelled with its action and the
constants it was split on (``Write(B)``, when the model is known) and what it wrote in that lane
(``expected[A] = 1``).  Messages are drawn between lanes where the step moves a value:

* to a shared variable the step changed, from the process acting (``log[2] = [exp |-> 1, ...]``);
* to another process's part, from the process whose part held that value before the step.

mcheck knows what a step changed, not what it read, so reads are not drawn: ``Start(A)`` shows the
index A expects (``expected[A] = 1``) rather than an arrow from the log.  The single-writer race then
reads: A and B start expecting 1, A appends at 1, B appends at 2, and the last step is marked red.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..checker.traces import first_action
from ..semantics.values import Fcn, ModelValue, tlc_sorted
from .text import diff_paths
from .text import safe_repr as _repr

LANE_W = 200        # px per lane
LEFT = 36           # the step numbers' column
HEAD = 44           # the lanes' names
MAX_LANES = 9
LABEL_ROOM = 130    # px right of the last lane, for the labels of arrows into it


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _short(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[: n - 1] + "\u2026"


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and a == b
    except Exception:
        return a is b


def call_name(action: Any) -> str:
    """``Write(B)``: an action's name with the constants TLC split it on, or the bare name."""
    if not action.args:
        return action.name
    return f"{action.name}({', '.join(_repr(x) for x in action.args)})"


def lane_name(p: Any) -> str:
    """A process's lane: its TLA+ value, a string without its quotes (``root``, not ``"root"``)."""
    return p if type(p) is str else _repr(p)


def label_name(label: str) -> str:
    """``<Write line 81, col 5 ...>`` -> ``Write``."""
    return label.strip().strip("<>").split(" line ")[0]


@dataclass
class Message:
    """An arrow: ``source`` lane -> ``target`` lane, with what moved."""

    source: str
    target: str
    text: str


@dataclass
class Row:
    """One step of the diagram: where its box goes and the arrows that leave it."""

    step: int                   # 1-based state number
    name: str                   # the action (Write(B))
    lanes: list[str]            # the lanes the box spans (the acting ones)
    writes: list[str]           # what it changed in those lanes
    messages: list[Message] = field(default_factory=list)
    bad: bool = False


def processes(variables: Sequence[str], states: Sequence[tuple]) -> tuple[list[Any], list[int]] | None:
    """(the processes, the indices of the variables that are functions over them), or None."""
    by_domain: dict[frozenset, list[int]] = {}
    for i in range(len(variables)):
        vals = [s[i] for s in states]
        if not vals or not all(type(v) is Fcn and len(v) >= 2 for v in vals):
            continue
        doms = {frozenset(v) for v in vals}
        if len(doms) == 1:
            by_domain.setdefault(doms.pop(), []).append(i)
    if not by_domain:
        return None
    dom, idx = max(by_domain.items(), key=lambda kv: (len(kv[1]), -min(kv[1])))
    if len(dom) > MAX_LANES or (len(idx) < 2 and not all(type(k) is ModelValue for k in dom)):
        return None
    return list(tlc_sorted(dom)), idx


def _parts(v: Any) -> list[Any]:
    """A value and its elements one level down: where a moved value may be found."""
    if type(v) is tuple or type(v) is frozenset:
        return [v, *v]
    if type(v) is Fcn:
        return [v, *v.values()]
    return [v]


def _rows(variables: list[str], trace: Sequence[Any], procs: list[Any], pidx: list[int], shared: list[int],
          model: Any = None) -> list[Row]:
    names = [lane_name(p) for p in procs]
    rows = []
    for n in range(1, len(trace)):
        s, t = trace[n - 1].state, trace[n].state
        if n == len(trace) - 1 and label_name(trace[n].action) == "Stuttering":
            continue
        acting = [p for p in procs if any(not _same(s[i][p], t[i][p]) for i in pidx)]
        written = [i for i in shared if not _same(s[i], t[i])]
        name = label_name(trace[n].action)
        if model is not None:
            k = first_action(model, s, t)
            name = call_name(model.actions[k]) if k >= 0 else name
        writes = [f"{variables[i]}[{_repr(p)}] = {_short(_repr(t[i][p]), 40)}"
                  for p in acting[:1] for i in pidx if not _same(s[i][p], t[i][p])]
        if not acting:   # what it changed in each shared variable, part by part
            writes = [f"{path} = {_new_part(t[i], path, variables[i])}" for i in written
                      for path, _old in diff_paths(s[i], t[i], variables[i])[:2]]
        row = Row(n + 1, name, [lane_name(p) for p in acting] or [variables[i] for i in written], writes)
        src = row.lanes[0] if acting else None
        for i in written if acting else []:
            for path, _old in diff_paths(s[i], t[i], variables[i])[:2]:
                row.messages.append(Message(src, variables[i], f"{path} = {_new_part(t[i], path, variables[i])}"))
        row.messages += _moves(variables, s, t, acting, pidx)
        if not acting and not written:
            row.lanes = names
        rows.append(row)
    return rows


def _trivial(y: Any) -> bool:
    """Booleans and empty values are everywhere: their moving says nothing."""
    return type(y) is bool or (type(y) in (tuple, frozenset, Fcn, str) and len(y) == 0)


def _holds(state: tuple, p: Any, pidx: list[int], x: Any) -> bool:
    """Does process ``p``'s part of ``state`` hold ``x`` (as a value, or an element one level down)?"""
    return any(_same(x, y) for i in pidx for y in _parts(state[i][p]))


def _moves(variables: list[str], s: tuple, t: tuple, acting: list[Any], pidx: list[int]) -> list[Message]:
    """Values the step moved from one process's part to another's: in ``p``'s part before and not after,
    in ``q``'s part after and not before (a message taken from an outbox into an inbox, a token passed)."""
    out = []
    for q in acting:
        for p in acting:
            if p == q:
                continue
            for i in pidx:
                if _same(s[i][q], t[i][q]):
                    continue
                x = t[i][q]
                got = [y for y in _parts(x) if not _trivial(y) and not _holds(s, q, pidx, y)
                       and _holds(s, p, pidx, y) and not _holds(t, p, pidx, y)]
                if got:
                    out.append(Message(lane_name(p), lane_name(q), f"{variables[i]}[{_repr(q)}] = {_short(_repr(x), 30)}"))
                    break
    return out


def _new_part(v: Any, path: str, name: str) -> str:
    """The new value at ``path`` (``log[2]``) inside ``v``, as short text; the whole value if not found."""
    if path == name:
        return _short(_repr(v), 30)
    key = path[len(name):].strip("[]").lstrip(".")
    items = dict(enumerate(v, 1)) if type(v) is tuple else v if type(v) is Fcn else {}
    for k, x in items.items():
        if _repr(k) == key or str(k) == key:
            return _short(_repr(x), 30)
    return _short(_repr(v), 30)


def sequence_svg(variables: Sequence[str], trace: Sequence[Any], model: Any = None, bad_last: bool = False,
                 end: str = "") -> str:
    """The diagram of ``trace`` (``TraceStep``s) as inline SVG, or "" when it has no processes;
    ``end``: a last row across the lanes (how a lasso goes on: ``stutters forever``, ``back to state 3``)."""
    variables = list(variables)
    states = [s.state for s in trace]
    found = processes(variables, states) if len(trace) >= 2 else None
    if found is None:
        return ""
    procs, pidx = found
    shared = [i for i in range(len(variables)) if i not in pidx and any(not _same(states[0][i], s[i]) for s in states)]
    lanes = [lane_name(p) for p in procs] + [variables[i] for i in shared]
    rows = _rows(variables, trace, procs, pidx, shared, model)
    if bad_last and rows:
        rows[-1].bad = True
    if end:
        rows.append(Row(0, end, lanes, []))   # step 0: not a state of the trace
    return _draw(lanes, len(procs), rows)


def _box_h(r: Row) -> int:
    return 20 + 12 * min(len(r.writes), 3)


def _draw(lanes: list[str], nprocs: int, rows: list[Row]) -> str:
    x = {lane: LEFT + LANE_W * (k + 0.5) for k, lane in enumerate(lanes)}
    heights = [max(_box_h(r) + 12, 24 + 16 * len(r.messages)) for r in rows]
    width, height = LEFT + LANE_W * len(lanes) + LABEL_ROOM, HEAD + sum(heights) + 20
    out = [f'<svg id="sequence" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
           'markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>']
    for k, lane in enumerate(lanes):
        cls = "lane process" if k < nprocs else "lane shared"
        out.append(f'<g class="{cls}" data-lane="{_e(lane)}"><text x="{x[lane]}" y="24" text-anchor="middle">{_e(lane)}'
                   f'</text><line x1="{x[lane]}" y1="{HEAD - 8}" x2="{x[lane]}" y2="{height - 10}"/></g>')
    y = HEAD
    for r, h in zip(rows, heights):
        out += _row(r, x, y, width)
        y += h
    out.append("</svg>")
    return "\n".join(out)


_CHAR = 6.1   # px per character of the 10px monospace labels


def _row(r: Row, x: dict[str, float], y: float, width: float) -> list[str]:
    left = min(x[lane] for lane in r.lanes) - LANE_W / 2 + 10
    right = max(x[lane] for lane in r.lanes) + LANE_W / 2 - 10
    fit = int((right - left - 8) / _CHAR)
    cls = "step bad" if r.bad else "step end" if r.step == 0 else "step"
    mid = (left + right) / 2
    lines = "".join(f'<text class="writes" x="{mid}" y="{y + 28 + 12 * j}" text-anchor="middle">{_e(_short(w, fit))}</text>'
                    for j, w in enumerate(r.writes[:3]))
    out = [f'<g class="{cls}" data-step="{r.step}" data-lane="{_e(" ".join(r.lanes))}" data-action="{_e(r.name)}">'
           f'<text class="num" x="4" y="{y + 15}">{r.step or ""}</text>'
           f'<rect x="{left}" y="{y}" width="{right - left}" height="{_box_h(r)}" rx="5"/>'
           f'<text class="name" x="{mid}" y="{y + 14}" text-anchor="middle">{_e(r.name)}</text>{lines}'
           f'<title>{_e(r.name)}: {_e("; ".join(r.writes))}</title></g>']
    for j, m in enumerate(r.messages):
        xs, xt = x[m.source], x[m.target]
        sign = 1 if xt > xs else -1
        ya = y + 12 + 16 * j
        x0 = xs + sign * (LANE_W / 2 - 10) if len(r.lanes) == 1 else xs
        start = min(x0, xt) + 6
        # a label may run past a rightward arrow's head: nothing else is drawn on the row there
        fit = max(8, int(((width - start) if xt > x0 else abs(xt - x0) - 12) / _CHAR))
        out.append(f'<g class="message" data-from="{_e(m.source)}" data-to="{_e(m.target)}">'
                   f'<line x1="{x0}" y1="{ya}" x2="{xt}" y2="{ya}" marker-end="url(#arrow)"/>'
                   f'<text x="{start}" y="{ya - 3}">{_e(_short(m.text, fit))}</text>'
                   f'<title>{_e(m.text)}</title></g>')
    return out


CSS = """
#sequence .lane text { font-weight: 600; font-size: 13px; } #sequence .lane line { stroke: #999; stroke-dasharray: 4 3; }
#sequence .lane.shared text { fill: #555; font-style: italic; } #sequence .lane.shared line { stroke: #ccc; }
#sequence .step rect { fill: #eef3ff; stroke: #1f5fbf; } #sequence .step.bad rect { fill: #ffe3e3; stroke: #b00020; stroke-width: 2; }
#sequence .step .name { font-size: 12px; font-weight: 600; font-family: monospace; }
#sequence .step .writes, #sequence .message text { font-size: 10px; font-family: monospace; fill: #333; }
#sequence .num { font-size: 11px; fill: #777; } #sequence .step.end rect { fill: #f4f4f4; stroke: #999; stroke-dasharray: 4 3; } #sequence .message line { stroke: #444; stroke-width: 1.3; }
.sequence { overflow: auto; border: 1px solid #ddd; max-height: 50em; }
"""
