"""Traces in the Informal Trace Format (ITF) of Apalache and Quint.

A trace is one JSON object::

    {"#meta": {"format": "ITF", ...},
     "vars": ["x", "y"],
     "states": [{"#meta": {"index": 0}, "x": ..., "y": ...}, ...],
     "loop": k}                          # only for a lasso-shaped trace

State indices in ``#meta`` are 0-based, as Apalache writes them; mcheck also puts the action
that produced each state in the state's ``#meta`` (``"action"``), which other tools ignore.
A variable left unassigned by a failing step (the last state of an error trace) is omitted.

Values (``encode_value`` / ``decode_value``):

=========================  ===========================================================
TLA+ value (mcheck)        ITF
=========================  ===========================================================
integer                    a JSON number when ``|n| < 2**53``, else ``{"#bigint": "n"}``
boolean                    ``true`` / ``false``
string                     a JSON string
set (frozenset, finite     ``{"#set": [...]}``, elements in TLC's order
LazySet)
function on ``1..n``       a JSON array.  mcheck represents tuples and sequences alike, so it
(tuple: tuples,            writes arrays (ITF's sequences); reading accepts both arrays and
sequences, ``<<>>``)       ``{"#tup": [...]}``
record (Fcn with string    a JSON object ``{"a": ..., "b": ...}`` (a field beginning with ``#``
keys)                      is written as a ``#map`` instead, since ITF reserves those keys)
other function (Fcn)       ``{"#map": [[key, value], ...]}``, keys in TLC's order
model value                ``"name_OF_MODEL"``: ITF's uninterpreted value (``name_OF_TYPE``)
                           of the type ``MODEL``, as Apalache and Quint read them
infinite set / function    ``{"#unserializable": "<TLA+ text>"}`` (``Nat``, ``Int``...);
                           cannot be read back except ``Nat``, ``Int``, ``STRING``
=========================  ===========================================================

Reading model values: ``"name_OF_MODEL"`` is the model value ``name``; so is, as mcheck wrote
them before, ``{"#unserializable": "name"}`` with ``name`` an identifier (``Nat``, ``Int``, ``STRING`` and ``BOOLEAN`` are the sets).  Apalache writes the
values of uninterpreted types as strings ``"name_OF_TYPE"``; such a string is read as the model
value ``name_OF_TYPE`` or ``name`` when a model value of that name exists already (typically
because the .cfg of the model being replayed declares it), and as a string otherwise.
"""
from __future__ import annotations

import json
import os
import re
import sys
from typing import Any, Iterable, Sequence

from ..semantics import values as V

from ..semantics.runtime import NULL as _NULL   # the value TLC prints as null: a variable a failing step left unassigned

SAFE_INT = 2 ** 53
MODEL_SUFFIX = "_OF_MODEL"
"""A TLC model value ``p1`` is written as ITF's uninterpreted value ``"p1_OF_MODEL"`` (the
uninterpreted type ``MODEL``): TLC's model values are untyped."""
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_APALACHE_UNINTERPRETED = re.compile(r"^(.+)_OF_([A-Z][A-Z0-9_]*)$")


class ITFError(ValueError):
    """A document that is not a trace mcheck can read."""


# --------------------------------------------------------------------------------------
# Encoding
# --------------------------------------------------------------------------------------

def encode_value(v: Any) -> Any:
    """The ITF (JSON-ready) form of a TLA+ value."""
    t = type(v)
    if t is bool:
        return v
    if t is int:
        return v if -SAFE_INT < v < SAFE_INT else {"#bigint": str(v)}
    if t is str:
        return v
    if t is V.ModelValue:
        return v.name + MODEL_SUFFIX   # ITF's uninterpreted value, as Apalache and Quint read them
    if t is frozenset:
        return {"#set": [encode_value(x) for x in V.tlc_sorted(v)]}
    if t is tuple:
        return [encode_value(x) for x in v]
    if t is V.Fcn:
        keys = V.tlc_sorted(v)
        if all(type(k) is str and not k.startswith("#") for k in keys):
            return {k: encode_value(v[k]) for k in keys}
        return {"#map": [[encode_value(k), encode_value(v[k])] for k in keys]}
    if isinstance(v, V.LazySet):
        if v.is_finite():
            return encode_value(v.materialize())
        return {"#unserializable": V.tla_repr(v)}
    if t is V.LazyFcn:
        if v.domain.is_finite():
            return encode_value(v.materialize())
        return {"#unserializable": V.tla_repr(v)}
    return {"#unserializable": V.tla_repr(v)}


def trace_to_itf(variables: Sequence[str], states: Iterable[tuple], loop: int | None = None,
                 actions: Sequence[str] | None = None, meta: dict | None = None) -> dict:
    """An ITF document for the behaviour ``states`` (tuples of values in ``variables`` order).

    ``loop`` is the 0-based index of the state the last state loops back to (for lassos);
    ``actions`` (optional) are the labels of the steps, recorded in each state's ``#meta``.
    """
    head = {"format": "ITF",
            "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
            "description": "Created by mcheck"}
    if meta:
        head.update(meta)
    out_states = []
    for i, st in enumerate(states):
        if len(st) != len(variables):
            raise ValueError(f"state {i} has {len(st)} values for {len(variables)} variables")
        m: dict[str, Any] = {"index": i}
        if actions is not None and i < len(actions):
            m["action"] = actions[i]
        d: dict[str, Any] = {"#meta": m}
        for name, x in zip(variables, st):
            if x is not None and x is not _NULL:  # unassigned by the failing step (error traces)
                d[name] = encode_value(x)
        out_states.append(d)
    doc: dict[str, Any] = {"#meta": head, "vars": list(variables), "states": out_states}
    if loop is not None:
        doc["loop"] = loop
    return doc


def dumps(doc: dict) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------

_SPECIAL_SETS = {"Nat": V.NAT, "Int": V.INT, "STRING": V.STRING_SET, "BOOLEAN": V.BOOLEAN}


def _decode_string(s: str) -> Any:
    if s.endswith(MODEL_SUFFIX) and _IDENT.match(s[:-len(MODEL_SUFFIX)]):
        return V.ModelValue.get(s[:-len(MODEL_SUFFIX)])   # what encode_value writes for a model value
    m = _APALACHE_UNINTERPRETED.match(s)
    if m is not None:
        table = V.ModelValue._table
        if s in table:
            return table[s]
        if m.group(1) in table:
            return table[m.group(1)]
    return s


def decode_value(j: Any, where: str = "value") -> Any:
    """The TLA+ value of an ITF (parsed JSON) value; ITFError when it is not one."""
    t = type(j)
    if t is bool:
        return j
    if t is int:
        return j
    if t is float:
        if j.is_integer():
            return int(j)
        raise ITFError(f"{where}: {j} is not an integer")
    if t is str:
        return _decode_string(j)
    if t is list:
        return tuple(decode_value(x, where) for x in j)
    if t is dict:
        if len(j) == 1:
            (k, x), = j.items()
            if k == "#bigint":
                try:
                    return int(x)
                except (TypeError, ValueError):
                    raise ITFError(f"{where}: bad #bigint {x!r}") from None
            if k == "#set":
                if type(x) is not list:
                    raise ITFError(f"{where}: #set must hold an array")
                return frozenset(decode_value(e, where) for e in x)
            if k == "#tup":
                if type(x) is not list:
                    raise ITFError(f"{where}: #tup must hold an array")
                return tuple(decode_value(e, where) for e in x)
            if k == "#map":
                if type(x) is not list or not all(type(p) is list and len(p) == 2 for p in x):
                    raise ITFError(f"{where}: #map must hold an array of [key, value] pairs")
                return V.make_fcn({decode_value(a, where): decode_value(b, where) for a, b in x})
            if k == "#unserializable":
                if type(x) is str and x in _SPECIAL_SETS:
                    return _SPECIAL_SETS[x]
                if type(x) is str and _IDENT.match(x):
                    return V.ModelValue.get(x)
                raise ITFError(f"{where}: cannot read the unserializable value {x!r}")
        bad = [k for k in j if k.startswith("#")]
        if bad:
            raise ITFError(f"{where}: unknown ITF key {bad[0]!r}")
        return V.make_record({k: decode_value(x, where) for k, x in j.items()})
    if j is None:
        raise ITFError(f"{where}: null is not a TLA+ value")
    raise ITFError(f"{where}: cannot read {j!r}")


def itf_to_states(doc: dict | str) -> tuple[list[str], list[tuple]]:
    """The variables and states of an ITF document (a parsed dict or its JSON text)."""
    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(doc)
        except json.JSONDecodeError as err:
            raise ITFError(f"not JSON: {err}") from None
    if not isinstance(doc, dict):
        raise ITFError("an ITF trace is a JSON object")
    states = doc.get("states")
    if not isinstance(states, list):
        raise ITFError('an ITF trace needs a "states" array')
    variables = doc.get("vars")
    if variables is None:
        names: list[str] = []
        for st in states:
            for k in st:
                if not k.startswith("#") and k not in names:
                    names.append(k)
        variables = names
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise ITFError('"vars" must be an array of variable names')
    out = []
    for i, st in enumerate(states):
        if not isinstance(st, dict):
            raise ITFError(f"state {i} is not a JSON object")
        missing = [v for v in variables if v not in st]
        if missing:
            raise ITFError(f"state {i} has no value for {', '.join(missing)}")
        out.append(tuple(decode_value(st[v], f"state {i}, variable {v}") for v in variables))
    return list(variables), out


def itf_actions(doc: dict) -> list[str | None]:
    """The action labels mcheck recorded in the states' ``#meta`` (None where absent)."""
    return [(st.get("#meta") or {}).get("action") for st in doc.get("states", [])]


def load_itf(path: str) -> tuple[dict, list[str], list[tuple]]:
    """Read an ITF file: (document, variables, states)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except json.JSONDecodeError as err:
        raise ITFError(f"not JSON: {err}") from None   # the caller names the file
    variables, states = itf_to_states(doc)
    return doc, variables, states


def write_itf(path: str, variables: Sequence[str], states: Iterable[tuple], **kw) -> dict:
    """Write the trace to ``path`` (``-``: standard output)."""
    doc = trace_to_itf(variables, states, **kw)
    if path == "-":
        sys.stdout.write(dumps(doc))
        sys.stdout.flush()
        return doc
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(doc))
    return doc


def run_meta(source: str | None, cfg: str | None = None, constants: Sequence[str] = ()) -> dict[str, Any]:
    """What a trace records of the run that wrote it, so that replay and explore need no options again:
    ``source`` (the spec), ``cfg`` (the .cfg used, when it was one) and ``constants`` (the --const
    texts, ``{"N": "3"}``)."""
    meta: dict[str, Any] = {}
    if source:
        meta["source"] = source
        default = os.path.splitext(source)[0] + ".cfg"
        used = cfg if cfg is not None else default if os.path.exists(default) else None
        if used is not None:
            meta["cfg"] = used
    if constants:
        meta["constants"] = {n.strip(): v.strip() for n, _, v in (c.partition("=") for c in constants)}
    return meta


def write_counterexample(r: Any, path: str, source: str | None = None, cfg: str | None = None,
                         constants: Sequence[str] = ()) -> str:
    """Write the trace of a check's violation (an ``outcome.Outcome``) to ``path`` in ITF (``-``:
    standard output), with the spec, the .cfg and the constants in ``#meta``.

    Writes nothing when there is no trace; returns the message to show (on stderr).
    """
    v = getattr(r, "violation", None)
    if v is None or not v.trace:
        return f"No counterexample: nothing written to {path}."
    meta: dict[str, Any] = {"violation": v.kind}
    if v.name:
        meta["invariant" if v.kind == "invariant" else "name"] = v.name
    meta.update(run_meta(source, cfg, constants))
    steps = v.trace
    loop = None
    if v.kind == "temporal":
        if getattr(v, "stuttering", False):
            steps = v.trace[:-1]  # the "Stuttering" marker repeats the last state: the loop is on it
            loop = len(steps) - 1
        else:
            loop = getattr(v, "loop_index", None)
    try:
        write_itf(path, r.variables, [s.state for s in steps], actions=[s.action for s in steps], meta=meta,
                  loop=loop)
    except OSError as err:
        return f"Could not write the counterexample to {path}: {err.strerror or err}"
    where = "standard output" if path == "-" else path
    return f"Wrote the counterexample ({len(v.trace)} states) to {where} (ITF)."
