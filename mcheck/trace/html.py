"""``mcheck check SPEC --html FILE``: one self-contained HTML report (inline CSS and JS, no network).

The report has

* a summary: the spec, the outcome, TLC's statistics and, for an invariant violation, the failing
  conjunct with its location, the quantifier counterexamples and the operands' values (``why.py``);
* the counterexample as a table: a row per step (its action and location), a column per variable,
  the cells a step changed highlighted (class ``changed``); clicking a row (or the keys j/k) shows
  that state in full, nested values indented, in the *selected state* panel, which the script fills;
* for a small state space (at most ``GRAPH_LIMIT`` distinct states) a drawing of the state graph the
  check explored, as inline SVG: a column per BFS level from the initial states, initial states
  outlined, states on the counterexample in blue, violating states in red; hovering or clicking a
  state shows it.  The graph is the one the check's own search recorded (no second search): after
  a violation, the states found up to it.
"""
from __future__ import annotations

import html
import json
import math
import os
from typing import TYPE_CHECKING, Any

from ..checker.outcome import Outcome, headline
from .sequence import CSS as SEQUENCE_CSS
from .sequence import sequence_svg
from .text import change_mark, format_state, pretty
from .text import safe_repr as _repr

if TYPE_CHECKING:   # networkx takes a third of a second to import; the report only reads a graph it is given
    import networkx as nx

GRAPH_LIMIT = 200


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and a == b
    except Exception:
        return a is b


def _action_name(label: str) -> tuple[str, str]:
    """``<Name line 3, col 1 to ... of module M>`` -> (``Name``, ``line 3, col 1 to ... of module M``)."""
    s = label.strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1]
    name, sep, rest = s.partition(" line ")
    return (name, "line " + rest) if sep else (s, "")


def _outcome(r: Outcome) -> str:
    """TLC's headline for the outcome, as a sentence."""
    text = headline(r)
    return text[:-1] + "." if text.endswith(":") else text


def _graph_svg(G: nx.MultiDiGraph, trace_states: list[tuple], variables: list[str]) -> tuple[str, dict]:
    """(svg text, node data for the script), or ("", {"note": why not}) when not drawn."""
    if G.graph.get("truncated") or G.number_of_nodes() > GRAPH_LIMIT:
        return "", {"note": f"The state graph is not drawn: it has more than {GRAPH_LIMIT} states."}
    if G.number_of_nodes() == 0:
        return "", {"note": "The state graph is empty."}
    level = _bfs_levels(G)
    columns: dict[int, list[int]] = {}
    for n in sorted(G.nodes):
        columns.setdefault(level[n], []).append(n)
    label_to_node = {d["label"]: n for n, d in G.nodes(data=True)}
    on_trace = []
    for st in trace_states:
        n = label_to_node.get(format_state(variables, st))
        if n is not None:
            on_trace.append(n)
    parts, pos = _svg_start(columns)
    parts += _svg_edges(G, pos, level, set(zip(on_trace, on_trace[1:])))
    nodes_data = {}
    trace_set = set(on_trace)
    for n, d in G.nodes(data=True):
        x, y = pos[n]
        cls = ["node"] + [c for c, on in (("initial", d.get("initial")), ("ontrace", n in trace_set),
                                          ("violates", d.get("violates")), ("deadlock", d.get("deadlock"))) if on]
        info = d["label"]
        if d.get("violates"):
            info += "\nviolates " + ", ".join(d["violates"])
        nodes_data[str(n)] = info
        short = _short_label(d, variables)
        parts.append(f'<g class="{" ".join(cls)}" data-node="{n}"><circle cx="{x}" cy="{y}" r="{_R}"/>'
                     f'<text x="{x}" y="{y + 4}" text-anchor="middle">{n}</text>'
                     f'<text class="short" x="{x}" y="{y + _R + 11}" text-anchor="middle">{_e(short)}</text>'
                     f'<title>{_e(info)}</title></g>')
    parts.append("</svg>")
    meta = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "levels": max(columns) + 1,
            "info": nodes_data}
    return "\n".join(parts), meta


_R = 14
"""The radius of a state's circle in the drawing."""
_SHORT = 17
"""Characters of a state's values written under its circle (the columns are 110 px apart)."""


def _short_label(d: dict, variables: list[str]) -> str:
    """A state's values, ``x=1 y=0``, cut to fit under its circle: a node says what state it is."""
    vals = [f"{v}={d.get(v, d.get('var_' + v, '?'))}" for v in variables]
    text = " ".join(vals) if len(variables) > 1 else str(d.get(variables[0], "")) if variables else ""
    return text if len(text) <= _SHORT else text[:_SHORT - 1] + "\u2026"


def _bfs_levels(G: nx.MultiDiGraph) -> dict[int, int]:
    """Each node's breadth-first level from the initial states (unreachable ones: one column after the last)."""
    level: dict[int, int] = {}
    frontier = [n for n, d in G.nodes(data=True) if d.get("initial")]
    for n in frontier:
        level[n] = 0
    while frontier:
        nxt = []
        for u in frontier:
            for v in G.successors(u):
                if v not in level:
                    level[v] = level[u] + 1
                    nxt.append(v)
        frontier = nxt
    for n in G.nodes:
        level.setdefault(n, max(level.values(), default=0) + 1)
    return level


def _svg_start(columns: dict[int, list[int]]) -> tuple[list[str], dict[int, tuple[float, float]]]:
    """The SVG element's opening and markers, and each node's position: a column per level."""
    dx, dy, margin = 110, 64, 44
    pos = {}
    tallest = max(len(c) for c in columns.values())
    for lv, nodes in columns.items():
        off = (tallest - len(nodes)) * dy / 2
        for i, n in enumerate(nodes):
            pos[n] = (margin + lv * dx, margin + off + i * dy)
    width = margin * 2 + max(columns) * dx + 2 * _R
    height = margin * 2 + (tallest - 1) * dy + 2 * _R
    parts = [f'<svg id="graph" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker>'
             '<marker id="arrowt" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1f5fbf"/></marker></defs>']
    return parts, pos


def _svg_edges(G: nx.MultiDiGraph, pos: dict, level: dict[int, int], trace_edges: set) -> list[str]:
    """One path per pair of connected states (a loop for a self-step), the counterexample's in blue."""
    r = _R
    seen_pairs: dict[tuple[int, int], list[str]] = {}
    for u, v, d in G.edges(data=True):
        seen_pairs.setdefault((u, v), []).append(str(d.get("action", "")))
    parts = []
    for (u, v), acts in seen_pairs.items():
        (x1, y1), (x2, y2) = pos[u], pos[v]
        cls = "edge trace" if (u, v) in trace_edges else "edge"
        marker = "url(#arrowt)" if (u, v) in trace_edges else "url(#arrow)"
        title = f"<title>{_e(', '.join(sorted(set(acts))))}: {u} \u2192 {v}</title>"
        if u == v:
            parts.append(f'<path class="{cls}" d="M {x1 - 6} {y1 - r + 2} C {x1 - 22} {y1 - 38}, {x1 + 22} '
                         f'{y1 - 38}, {x1 + 6} {y1 - r + 2}" marker-end="{marker}">{title}</path>')
            continue
        ddx, ddy = x2 - x1, y2 - y1
        dist = math.hypot(ddx, ddy) or 1.0
        sx, sy = x1 + ddx / dist * r, y1 + ddy / dist * r
        ex, ey = x2 - ddx / dist * (r + 2), y2 - ddy / dist * (r + 2)
        bend = 0.0 if level[v] == level[u] + 1 else 0.25
        if (v, u) in seen_pairs:
            bend = max(bend, 0.15)
        cx = (sx + ex) / 2 - ddy * bend
        cy = (sy + ey) / 2 + ddx * bend
        parts.append(f'<path class="{cls}" d="M {sx:.1f} {sy:.1f} Q {cx:.1f} {cy:.1f} {ex:.1f} {ey:.1f}" '
                     f'marker-end="{marker}">{title}</path>')
    return parts


_CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.outcome { font-size: 1.1em; font-weight: 600; } .outcome.bad { color: #b00020; } .outcome.ok { color: #1b7f3b; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 3px 8px; vertical-align: top; }
th { background: #f3f3f3; text-align: left; } .stats td:first-child { color: #555; }
pre { margin: 0; font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.9em; white-space: pre; }
#trace tbody tr { cursor: pointer; } #trace tbody tr:hover { background: #f7f7ff; }
#trace tbody tr.selected { outline: 2px solid #1f5fbf; }
td.changed { background: #fff3b0; } td.changed pre { font-weight: 600; }
td.action .loc { color: #777; font-size: 0.8em; display: block; }
.why { border-left: 4px solid #b00020; background: #fff5f5; padding: 0.6em 1em; margin: 1em 0; }
.why code { font-size: 0.95em; }
#detail { border: 1px solid #ccc; padding: 0.6em 1em; background: #fafafa; max-width: 70em; overflow: auto; }
#detail .var { margin: 0.3em 0; } #detail .name { font-weight: 600; } #detail .changed .name { color: #8a5a00; }
#detail .mark { color: #8a5a00; font-size: 0.85em; }
.graph { overflow: auto; border: 1px solid #ddd; max-height: 40em; }
.wide { overflow-x: auto; max-width: 100%; } #trace tr#violation td { border-bottom: 2px solid #b00020; }
svg .node .short { font-size: 9px; fill: #555; }
svg .edge { fill: none; stroke: #aaa; stroke-width: 1.2; } svg .edge.trace { stroke: #1f5fbf; stroke-width: 2.2; }
svg .node circle { fill: #fff; stroke: #666; stroke-width: 1.2; } svg .node text { font-size: 10px; font-family: monospace; }
svg .node.initial circle { stroke: #000; stroke-width: 3; } svg .node.ontrace circle { fill: #d6e4ff; }
svg .node.violates circle { fill: #ffb0b0; stroke: #b00020; } svg .node { cursor: pointer; }
svg .node.picked circle { stroke: #1f5fbf; stroke-width: 3; }
#node-info { min-height: 3em; }
.legend span { margin-right: 1.2em; } .note { color: #666; }
"""

_JS = r"""
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rows = Array.prototype.slice.call(document.querySelectorAll('#trace tbody tr'));
  var detail = document.getElementById('detail');
  function show(i) {
    if (!data.steps.length) return;
    i = Math.max(0, Math.min(data.steps.length - 1, i));
    rows.forEach(function (r, k) { r.classList.toggle('selected', k === i); });
    var st = data.steps[i];
    var html = '<div class="head"><b>State ' + (i + 1) + ':</b> ' + esc(st.action) + '</div>';
    data.variables.forEach(function (v, k) {
      var ch = st.changed.indexOf(v) >= 0;
      html += '<div class="var' + (ch ? ' changed' : '') + '"><span class="name">' + esc(v) + '</span> = ' +
        (ch && st.marks[v] ? '<span class="mark">' + esc(st.marks[v]) + '</span>' : '') +
        '<pre>' + esc(st.values[k]) + '</pre></div>';
    });
    detail.innerHTML = html;
    detail.setAttribute('data-step', String(i + 1));
    current = i;
  }
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  var current = data.steps.length - 1;
  rows.forEach(function (r, k) { r.addEventListener('click', function () { show(k); }); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'j' || e.key === 'ArrowDown') { show(current + 1); e.preventDefault(); }
    if (e.key === 'k' || e.key === 'ArrowUp') { show(current - 1); e.preventDefault(); }
  });
  show(current);
  // a report with a counterexample opens at its last step (the violation), not at the top
  var at = document.getElementById('violation');
  if (at) { at.scrollIntoView({block: 'center'}); document.body.setAttribute('data-opened-at', 'violation'); }
  var info = document.getElementById('node-info');
  if (info && data.graph) {
    Array.prototype.forEach.call(document.querySelectorAll('svg .node'), function (g) {
      function pick() {
        Array.prototype.forEach.call(document.querySelectorAll('svg .node.picked'),
          function (x) { x.classList.remove('picked'); });
        g.classList.add('picked');
        var n = g.getAttribute('data-node');
        info.innerHTML = '<b>State ' + esc(n) + '</b><pre>' + esc(data.graph[n]) + '</pre>';
      }
      g.addEventListener('click', pick); g.addEventListener('mouseenter', pick);
    });
  }
  document.body.setAttribute('data-ready', 'yes');
})();
"""


def render_report(r: Outcome, model: Any = None, spec: str | None = None, explanation: Any = None,
                  graph: nx.MultiDiGraph | None = None) -> str:
    """The HTML text of the report for a check's outcome; ``graph``: the state graph the check
    recorded (``checker.graph.state_graph``), drawn when it is small, or None."""
    variables = list(r.variables or (model.variables if model is not None else []))
    v = r.violation
    trace = v.trace if v is not None else []
    module = getattr(model, "module", None) or (os.path.splitext(os.path.basename(spec))[0] if spec else "spec")
    bad = r.result != "success"
    out = [f"<h1>mcheck report: {_e(module)}</h1>"]
    if spec:
        out.append(f'<div class="note">{_e(spec)}</div>')
    out.append(f'<p class="outcome {"bad" if bad else "ok"}" id="outcome">{_e(_outcome(r))}</p>')
    if explanation is not None:
        out += _why(explanation)
    stats = [("states generated", r.states_generated), ("distinct states found", r.distinct_states),
             ("states left on queue", r.left_on_queue), ("depth of the state graph search", r.depth),
             ("seconds", f"{r.seconds:.2f}"), ("exit code", r.exit_code)]
    out.append('<h2>Statistics</h2><table class="stats">')
    out += [f"<tr><td>{_e(k)}</td><td>{_e(x)}</td></tr>" for k, x in stats]
    out.append("</table>")
    rows, steps_data = _trace_table(trace, variables)
    out += rows
    out += _sequence_section(variables, trace, model, v is not None and v.kind != "temporal", _lasso_end(v))
    graph_info = None
    if graph is not None:
        section, graph_info = _graph_section(graph, [s.state for s in trace], variables)
        out += section
    return _page(module, out, {"variables": variables, "steps": steps_data, "graph": graph_info})


def render_trace(variables: list[str], trace: list, title: str = "trace", note: str = "") -> str:
    """The HTML page of a trace alone (``TraceStep``s), as the report shows a counterexample: for a
    trace that comes without a check's outcome (``mcheck.Trace`` in a notebook, a replay)."""
    out = [f"<h1>mcheck trace: {_e(title)}</h1>"] + ([f'<p class="outcome" id="outcome">{_e(note)}</p>'] if note else [])
    rows, steps_data = _trace_table(trace, variables)
    out += rows or ['<p class="note">(no states)</p>']
    out += _sequence_section(variables, trace)
    return _page(title, out, {"variables": variables, "steps": steps_data, "graph": None})


def _lasso_end(v: Any) -> str:
    """How a liveness counterexample goes on after its last state, for the diagram's last row."""
    if v is None or v.kind != "temporal":
        return ""
    if v.stuttering:
        return "then nothing happens, forever (stuttering)"
    return f"then back to state {v.loop_index + 1}, forever" if v.loop_index is not None else ""


def _sequence_section(variables: list[str], trace: list, model: Any = None, bad_last: bool = False,
                      end: str = "") -> list[str]:
    """The sequence diagram (``sequence.py``) when the trace's variables are functions over processes."""
    try:
        svg = sequence_svg(variables, trace, model, bad_last, end)
    except Exception:   # a diagram is a help: a value it cannot draw must not cost the report
        svg = ""
    if not svg:
        return []
    return ["<h2>Sequence diagram</h2>",
            '<p class="note">A lane per process (and per shared variable the trace changes); each step sits in the '
            "lane it changed, arrows show values it moved into another lane.</p>",
            f'<div class="sequence">{svg}</div>']


def _page(title: str, body: list[str], data: dict) -> str:
    """The whole document: head, CSS, the body's parts, the data for the script, the script."""
    blob = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>mcheck: {_e(title)}</title>", f"<style>{_CSS}{SEQUENCE_CSS}</style></head><body>"] + body
    out.append(f'<script type="application/json" id="report-data">{blob}</script>')
    out.append(f"<script>{_JS}</script>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def notebook_frame(document: str, height: int = 600) -> str:
    """A page as an ``<iframe srcdoc>`` for Jupyter's ``_repr_html_``: the report's own CSS, ids and
    script stay inside the frame, so two reports in one notebook do not meet, and the sandbox
    (scripts only) keeps the report's scrolling to its violation from moving the notebook."""
    return (f'<iframe class="mcheck-report" sandbox="allow-scripts" style="width: 100%; height: {height}px; '
            f'border: 1px solid #ddd" srcdoc="{_e(document)}"></iframe>')


def _why(explanation: Any) -> list[str]:
    """Why the invariant failed (a ``why.Explanation``)."""
    out = ['<div class="why" id="why">', f"<div>{_e(explanation.headline())}</div>",
           f"<pre><code>{_e(explanation.text)}</code></pre>"]
    for w in explanation.witnesses:
        out.append(f"<div><code>{_e(w.line())}</code></div>")
    if explanation.operands:
        out.append("<div>where " + "; ".join(f"<code>{_e(t)}</code> = <code>{_e(x)}</code>"
                                               for t, x in explanation.operands) + "</div>")
    if explanation.path:
        chain = " \u2192 ".join([explanation.invariant] + explanation.path)
        out.append(f'<div class="note">through {_e(chain)}</div>')
    out.append("</div>")
    return out


def _trace_table(trace: list, variables: list[str]) -> tuple[list[str], list[dict]]:
    """The counterexample as a table (a row per step, changed cells highlighted), and the steps'
    data for the script."""
    if not trace:
        return [], []
    out = [f"<h2>Counterexample ({len(trace)} states)</h2>",
           '<div class="wide"><table id="trace"><thead><tr><th>#</th><th>action</th>'
           + "".join(f"<th>{_e(x)}</th>" for x in variables) + "</tr></thead><tbody>"]
    steps_data = []
    prev = None
    for i, step in enumerate(trace, 1):
        name, loc = _action_name(step.action)
        cells = [f"<td>{i}</td>", f'<td class="action">{_e(name)}<span class="loc">{_e(loc)}</span></td>']
        changed, marks, values = [], {}, []
        for k, var in enumerate(variables):
            val = step.state[k] if k < len(step.state) else None
            text = pretty(val, 0, 60)
            values.append(pretty(val, 0, 100))
            ch = prev is not None and not _same(prev[k], val)
            if ch:
                changed.append(var)
                try:
                    marks[var] = change_mark(var, prev[k], val)
                except Exception:
                    marks[var] = ""
            cells.append(f'<td class="changed" title="{_e(marks.get(var, ""))}"><pre>{_e(text)}</pre></td>'
                         if ch else f"<td><pre>{_e(text)}</pre></td>")
        last = ' id="violation"' if i == len(trace) else ""
        out.append(f'<tr data-step="{i}"{last}>' + "".join(cells) + "</tr>")
        steps_data.append({"action": step.action, "changed": changed, "marks": marks, "values": values})
        prev = step.state
    out.append("</tbody></table></div>")
    out.append('<p class="note">Highlighted cells: the variables the step changed. Click a row (or press j/k) '
               "to show its state below.</p>")
    out.append('<h2>Selected state</h2><div id="detail">(the script shows the selected state here)</div>')
    return out, steps_data


def _graph_section(G: nx.MultiDiGraph, trace_states: list[tuple], variables: list[str]) -> tuple[list[str], Any]:
    out = ["<h2>State graph</h2>"]
    svg, meta = _graph_svg(G, trace_states, variables)
    if not svg:
        return out + [f'<p class="note">{_e(meta.get("note", ""))}</p>'], None
    part = "" if G.graph.get("complete", True) else " (the states the check found before it stopped)"
    out.append(f'<p class="note">{meta["nodes"]} states{part}, {meta["edges"]} transitions, {meta["levels"]} '
               "BFS levels (a column each, from the initial states).</p>")
    out.append('<p class="legend"><span>thick outline: initial</span><span>blue: on the counterexample'
               '</span><span>red: violates an invariant</span></p>')
    out.append(f'<div class="graph">{svg}</div><div id="node-info" class="note">Hover over a state to '
               "see it.</div>")
    return out, meta["info"]


def write_report(path: str, r: Outcome, model: Any = None, spec: str | None = None, explanation: Any = None,
                 graph: nx.MultiDiGraph | None = None) -> str:
    """Write the report; return the message to show (on stderr)."""
    try:
        text = render_report(r, model, spec, explanation, graph)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except Exception as err:
        return f"Could not write the HTML report to {path}: {type(err).__name__}: {err}"
    return f"Wrote the HTML report to {path}."
