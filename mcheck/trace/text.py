"""Counterexample traces as text: TLC's form, and the default *changes* view of ``mcheck check``.

TLC's form (``full=True``, ``mcheck check --full-trace``, and what ``format_result`` gives by
default) prints every variable of every state, one ``/\\ v = value`` line each, values on one line.

The changes view (``full=False``, the default of ``mcheck check``) prints the first state in
full and, for every later step, the header ``State n: <Action line L, col C to ... of module M>``
(TLC's, with the action's name and location) followed by only the variables the step changed,
each marked with what it was::

    State 7: <BigToSmall line 97, col 15 to line 98, col 47 of module DieHard>
    /\\ big = 4   (was 5)
    /\\ small = 3   (was 2)

For a function, record or sequence the mark names the parts that changed instead
(``(phase[B] was "writing")``, ``(log[2] added)``; at most three, else the old value).  Variables the step left alone are
listed on one line (``unchanged: x, y``).  Values longer than the width (80) are pretty-printed
over several lines, indented to show their nesting.  A single-variable spec keeps TLC's
``x = 3`` (no ``/\\``) in both forms.

``colorize`` styles a text for a terminal with rich; the CLI uses it only when stdout is a terminal.
"""
from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, Sequence

from rich.text import Text

from ..checker.outcome import NO_ACTION, Outcome, TraceStep, headline
from ..checker.traces import step_label
from ..semantics.values import Fcn, tla_repr, tlc_sorted

WIDTH = 80
SHORT = 30       # an old part this short is shown whole, not split further
TINY = 12        # an old function/record/sequence this short is shown whole: (was <<>>)
MAX_PATHS = 3    # beyond this many changed parts, the mark shows the old value (shortened)


# ---------------------------------------------------------------------------- TLC's form

def safe_repr(v: Any) -> str:
    """A value as TLA+, or Python's repr where it has no TLA+ form (a display must not fail)."""
    try:
        return tla_repr(v)
    except Exception:
        return repr(v)


def format_state(variables: list[str], state: tuple) -> str:
    if len(variables) == 1:
        return f"{variables[0]} = {tla_repr(state[0])}"
    return "\n".join(f"/\\ {v} = {tla_repr(x)}" for v, x in zip(variables, state))


def format_trace(variables: list[str], trace: list[TraceStep], full: bool = True) -> str:
    """The trace as TLC prints it (``full``), or in the changes view."""
    out = []
    prev = None
    for i, step in enumerate(trace, 1):
        out.append(f"State {i}: {step.action}")
        if full or prev is None:
            out.append(format_state(variables, step.state) if full else format_state_pretty(variables, step.state))
        else:
            out.append(format_changes(variables, prev, step.state))
        out.append("")
        prev = step.state
    return "\n".join(out)


# ---------------------------------------------------------------------------- the changes view

def _prefix(variables: Sequence[str], v: str) -> str:
    return f"{v} = " if len(variables) == 1 else f"/\\ {v} = "


def format_state_pretty(variables: list[str], state: tuple, width: int = WIDTH) -> str:
    """Every variable, long values pretty-printed (the first state of the changes view)."""
    lines = []
    for v, x in zip(variables, state):
        p = _prefix(variables, v)
        lines.append(p + pretty(x, len(p), width))
    return "\n".join(lines)


def format_changes(variables: list[str], prev: tuple, state: tuple, width: int = WIDTH) -> str:
    """The variables that differ between ``prev`` and ``state``, each marked with its old value."""
    lines = []
    same = []
    for i, v in enumerate(variables):
        old, new = prev[i], state[i]
        if _same(old, new):
            same.append(v)
            continue
        p = _prefix(variables, v)
        body = pretty(new, len(p), width)
        mark = change_mark(v, old, new)
        if "\n" not in body and len(p) + len(body) + 3 + len(mark) <= width + 20:
            lines.append(f"{p}{body}   {mark}")
        else:
            lines.append(p + body)
            lines.append("   " + mark)
    if not lines:
        lines.append("(no variable changed)")
    elif same:
        lines.append("   unchanged: " + ", ".join(same))
    return "\n".join(lines)


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and a == b
    except Exception:
        return a is b


def change_mark(name: str, old: Any, new: Any) -> str:
    """The mark of a changed variable: ``(was OLD)``, or for a function, record or sequence whose
    old value is not tiny, the parts that changed: ``(phase[B] was "writing")``, ``(log[2] added)``."""
    whole = _repr(old)
    if len(whole) > TINY and _items(old) is not None and _items(new) is not None:
        paths = diff_paths(old, new, name)
        if paths and len(paths) <= MAX_PATHS:
            return "(" + "; ".join(f"{p} added" if o is _ABSENT else f"{p} was {_short(_repr(o), 40)}"
                                   for p, o in paths) + ")"
    return f"(was {_short(whole, 60)})"


_ABSENT = object()


def _repr(v: Any) -> str:
    try:
        return tla_repr(v)
    except Exception:
        return repr(v)


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


def _items(v: Any) -> dict | None:
    """The parts of a sequence or function, keyed in TLC's order (a function's own dict order depends on
    how it was built, which can depend on the addresses of model values)."""
    if type(v) is tuple:
        return {i + 1: x for i, x in enumerate(v)}
    if type(v) is Fcn:
        return {k: v[k] for k in tlc_sorted(v)}
    return None


def _key_path(prefix: str, k: Any, record: bool) -> str:
    if record and type(k) is str and k.replace("_", "a").isalnum():
        return f"{prefix}.{k}"
    return f"{prefix}[{_repr(k)}]"


def diff_paths(old: Any, new: Any, prefix: str, depth: int = 0) -> list[tuple[str, Any]]:
    """``(path, old part)`` for every part of a function/record/sequence that changed
    (``_ABSENT`` as the old part of a new key).  A value of another kind is one part."""
    a, b = _items(old), _items(new)
    if a is None or b is None or depth > 6:
        return [(prefix, old)]
    record = type(new) is Fcn and new.is_record()
    out: list[tuple[str, Any]] = []
    for k in list(a) + [k for k in b if k not in a]:
        p = _key_path(prefix, k, record)
        if k not in b:
            out.append((p, a[k]))
        elif k not in a:
            out.append((p, _ABSENT))
        elif not _same(a[k], b[k]):
            if len(_repr(a[k])) <= SHORT:
                out.append((p, a[k]))
            else:
                out += diff_paths(a[k], b[k], p, depth + 1)
        if len(out) > MAX_PATHS:
            break
    return out


def pretty(v: Any, indent: int = 0, width: int = WIDTH) -> str:
    """``tla_repr(v)``, over several indented lines when it does not fit in ``width`` from ``indent``."""
    flat = _repr(v)
    if indent + len(flat) <= width:
        return flat
    t = type(v)
    if t is tuple and v:
        return _block("<<", [(None, x) for x in v], ">>", indent, width)
    if t is frozenset and v:
        return _block("{", [(None, x) for x in tlc_sorted(v)], "}", indent, width)
    if t is Fcn and v:
        keys = tlc_sorted(v)
        if all(type(k) is str for k in keys):
            return _block("[", [(f"{k} |-> ", v[k]) for k in keys], "]", indent, width)
        return _block("(", [(f"{_repr(k)} :> ", v[k]) for k in keys], ")", indent, width, sep=" @@")
    return flat


def _block(open_: str, items: list[tuple[str | None, Any]], close: str, indent: int, width: int,
           sep: str = ",") -> str:
    inner = indent + len(open_) + 1
    parts = []
    for i, (label, x) in enumerate(items):
        lab = label or ""
        text = pretty(x, inner + len(lab), width)
        if i < len(items) - 1:
            text += sep
        parts.append(lab + text)
    pad = "\n" + " " * inner
    return f"{open_} " + pad.join(parts) + f" {close}"


# ---------------------------------------------------------------------------- the report

def format_result(r: Outcome, full: bool = True, explanation: Any = None) -> str:
    """The report TLC would print for this outcome (without its banner and timestamps).

    ``full=False`` shows traces in the changes view; ``explanation`` (a ``why.Explanation``) is
    printed under the trace of an invariant violation.
    """
    out: list[str] = []
    source = getattr(r.model, "source", None)
    for w in getattr(source, "warnings", None) or ():
        out.append(f"Warning: {w}")   # TLC prints these before it starts the search
    r = _through_alias(r)
    out.append(error_text(r.error) if r.result == "error" and r.error else headline(r))
    out += _body(r, full, explanation.lines() if explanation is not None else [])
    if r.stats_printed:
        out.append(f"{r.states_generated} states generated, {r.distinct_states} distinct states found, "
                   f"{r.left_on_queue} states left on queue.")
        if r.max_depth is not None:
            out.append(f"The depth of the search, bounded by --max-depth, is {r.depth}.")
        else:
            out.append(f"The depth of the complete state graph search is {r.depth}.")
    return "\n".join(out)


def format_found(r: Outcome, full: bool = True) -> str:
    """``--continue``: each invariant violation the search went past, as TLC prints it when it finds
    it (the headline, then the initial state or the behaviour to the state)."""
    out: list[str] = []
    for v in r.found:
        one = _through_alias(dataclasses.replace(r, result="safety failure", violation=v))
        out.append(headline(one))
        out += _body(one, full, [])
    return "\n".join(out)


_GCC_STYLE = re.compile(r"^[^\s:][^\n]*?:\d+:\d+: (error|warning): ")


def error_text(message: str) -> str:
    """An error as printed: a located one stays gcc-style, ``file:line:col: error: message`` at the
    start of its line (what editors' problem matchers read, as ``mcheck parse`` prints it); any
    other is ``Error: message``, as TLC prints it (never ``Error: error: ...``)."""
    if _GCC_STYLE.match(message):
        return message
    if message.startswith("error: "):
        message = message[len("error: "):]
    return f"Error: {message}"


def checked_names(model: Any) -> dict[str, list[str]]:
    """What a check of ``model`` checks, by kind: the invariants, and the properties (of the initial
    states, of every step, temporal), each name once, in the .cfg's order."""
    if model is None:
        return {"invariants": [], "properties": []}
    props: list[str] = []
    live = getattr(model, "liveness", None)
    for p in [*model.init_properties, *model.step_properties, *(live.properties if live is not None else ())]:
        if p.name not in props:
            props.append(p.name)
    return {"invariants": list(dict.fromkeys(p.name for p in model.invariants)), "properties": props}


def checked_line(model: Any) -> str | None:
    """``Checked invariants TypeOK, Inv; properties Live; deadlock.``: one line saying what was checked."""
    if model is None:
        return None
    names = checked_names(model)
    parts = [f"invariant{'s' if len(names['invariants']) != 1 else ''} {', '.join(names['invariants'])}"
             if names["invariants"] else "no invariant",
             f"propert{'ies' if len(names['properties']) != 1 else 'y'} {', '.join(names['properties'])}"
             if names["properties"] else "no property"]
    parts.append("deadlock" if model.check_deadlock else "not deadlock (--no-deadlock)")
    return "Checked " + "; ".join(parts) + "."


def _body(r: Outcome, full: bool, why: list[str]) -> list[str]:
    """What follows the headline: the state or the trace, and why the invariant failed."""
    v = r.violation
    if r.result == "success":
        return _collision_estimates(r)
    if v is None or v.kind == "assumption" or (v.kind != "temporal" and not v.trace):
        return []
    if v.initial and v.kind in ("invariant", "property"):
        st = v.trace[0].state
        lines = [format_state(r.variables, st) if full else format_state_pretty(r.variables, st)]
        return lines + (why if v.kind == "invariant" else [])
    out = ["Error: The behavior up to this point is:"]
    if v.kind == "temporal":
        # a lasso: the prefix and the cycle, closed by "Stuttering" or "Back to state K"
        out.append(format_trace(r.variables, v.trace[:-1] if v.stuttering else v.trace, full))
        if v.stuttering:
            out.append(f"State {len(v.trace)}: Stuttering")
        elif v.loop_index is not None:
            out.append(f"Back to state {v.loop_index + 1}: {_back_label(r, v)}")
        return out
    out.append(format_trace(r.variables, v.trace, full))
    if v.kind == "invariant" and why:
        out += why + [""]
    return out


def _through_alias(r: Outcome) -> Outcome:
    """With an ALIAS, traces show the alias record of each state (as TLC prints them) in place of the variables."""
    model = r.model
    source = getattr(model, "source", None)
    alias = getattr(source, "alias", None)
    v = r.violation
    if alias is None or v is None or not v.trace:
        return r
    try:
        recs = []
        prev = v.trace[0].state
        for st in v.trace:
            rec = alias(prev, st.state) if source.alias_transition else alias(st.state)
            prev = st.state
            if type(rec) is not Fcn:
                return r
            recs.append(rec)
    except Exception:
        return r  # an alias that fails to evaluate: print the plain trace
    fields = list(recs[0].keys())
    steps = [dataclasses.replace(st, state=tuple(rec.get(f) for f in fields)) for st, rec in zip(v.trace, recs)]
    return dataclasses.replace(r, variables=fields, violation=dataclasses.replace(v, trace=steps))


def _back_label(r: Outcome, v) -> str:
    """The action that closes the cycle: from the last state back to the loop's first."""
    if v.loop_action:
        return v.loop_action
    if r.model is not None and v.trace:
        return step_label(r.model, v.trace[-1].state, v.trace[v.loop_index].state)
    return NO_ACTION


def _collision_estimates(r: Outcome) -> list[str]:
    """TLC's two estimates of a fingerprint collision (AbstractChecker.reportSuccess), or, when the
    states were stored exactly, that there can have been none."""
    store = r.store
    if store is not None and store.kind == "exact":
        return ["  States were stored exactly (--exact): no two distinct states can have been merged."]
    lines = ["  Estimates of the probability that TLC did not check all reachable states",
             "  because two distinct states had the same fingerprint:"]
    m, n = r.distinct_states, r.states_generated
    if m == n == 0:
        return lines + ["  calculated (optimistic):  val = 0.0"] + (
            ["  based on the actual fingerprints:  val = 0.0"] if store is not None else [])
    lines.append(f"  calculated (optimistic):  val = {probability_text(m * ((n - m) / 2.0 ** 64))}")
    if store is not None and store.min_gap is not None:
        # BigDecimal 1 / distance to two significant digits, then printed as the first one is
        actual = float(f"{1 / store.min_gap:.2g}") if store.min_gap > 0 else 1.0
        lines.append(f"  based on the actual fingerprints:  val = {probability_text(actual)}")
    return lines


def _java_double(v: float) -> str:
    """Java's Double.toString of a positive ``v``: plain decimals for 1e-3 <= v < 1e7, else the
    shortest digits as ``1.08E-19``."""
    if 1e-3 <= v < 1e7:
        return repr(v)
    digits = repr(v).split("e")[0].replace(".", "").lstrip("0")
    exp = math.floor(math.log10(v))
    if 10.0 ** exp > v:   # log10 rounded up at a power of ten
        exp -= 1
    digits = digits.rstrip("0") or "0"
    return f"{digits[0]}.{digits[1:] or '0'}E{exp}"


def probability_text(v: float, digits: int = 2) -> str:
    """TLC's ProbabilityToString (AbstractChecker), character for character: ``v`` to ``digits``
    significant digits, rounded half up, in the notation of Java's Double.toString
    (``1.1E-19``; ``.0022`` for 0.0022341, with no leading zero, as TLC prints it)."""
    if v == 0:
        return "0.0"
    text = _java_double(v)
    n, i, found = len(text), 0, 0
    while i < n and text[i] == "0":
        i += 1
    out = ""
    while i < n and text[i].isdigit():
        out += text[i]
        found += 1
        i += 1
    if i == n:
        return out
    if text[i] != ".":
        return text
    i += 1
    if found >= digits:
        while i < n and text[i].isdigit():
            i += 1
    else:
        out += "."
        if found == 0:
            while i < n and text[i] == "0":
                out += "0"
                i += 1
        while i < n and text[i].isdigit() and found < digits:
            out += text[i]
            found += 1
            i += 1
        if i < n and text[i].isdigit() and text[i] >= "5":
            out = _carry(out)
        while i < n and text[i].isdigit():
            i += 1
    if i >= n:
        return out
    return out + "E" + text[i + 1:] if text[i] == "E" else text


def _carry(digits: str) -> str:
    """Add one to the last digit of ``digits`` (a number with perhaps a '.'), carrying leftwards."""
    chars = list(digits)
    k = len(chars) - 1
    while k >= 0:
        if chars[k].isdigit():
            if chars[k] == "9":
                chars[k] = "0"
            else:
                chars[k] = str(int(chars[k]) + 1)
                return "".join(chars)
        k -= 1
    return "1" + "".join(chars)


# ---------------------------------------------------------------------------- colour

_STYLES = [  # (pattern, style of group 1)
    (r"(?m)^(State \d+:)", "bold cyan"),
    (r"(?m)^State \d+: (.*)$", "cyan"),
    (r"(?m)^(Error:.*)$", "bold red"),
    (r"(?m)^(Invariant \S+ is violated by .*)$", "bold magenta"),
    (r"(?m)^  ((?:\\A|\\E) .*|where .*)$", "magenta"),
    (r"(?m)^(?:/\\ )?(\w+)(?= = )", "bold yellow"),
    (r"(?m)   (\(.*\))$", "dim"),
    (r"(?m)^(   unchanged: .*)$", "dim"),
    (r"(?m)^(Model checking completed\. No error has been found\.)$", "bold green"),
]


def colorize(text: str):
    """The report as a rich ``Text`` styled for a terminal (headers, errors, changes, the culprit)."""
    t = Text(text)
    for pat, style in _STYLES:
        for m in re.finditer(pat, text):
            t.stylize(style, m.start(1), m.end(1))
    return t


__all__ = ["format_state", "format_trace", "format_result", "format_changes", "format_state_pretty", "pretty",
           "change_mark", "diff_paths", "colorize"]
