"""The machine-readable result of ``mcheck check --json`` (a stable contract)."""
from __future__ import annotations

from typing import Any

from ..checker.outcome import Outcome
from ..semantics.values import tla_repr
from .text import checked_names


def _violation_json(r: Outcome, v) -> dict[str, Any]:
    out = {
        # the contract's kinds: a liveness property or POSTCONDITION is a violated "property"
        "kind": {"temporal": "property", "postcondition": "property"}.get(v.kind, v.kind),
        "name": v.name,
        "trace": [{"action": st.action, "state": {n: tla_repr(x) for n, x in zip(r.variables, st.state)}}
                  for st in v.trace],
    }
    if v.also:
        # an addition to the contract: every property the behaviour violates, "name" first (TLC names them all)
        out["names"] = v.names
    if v.kind == "temporal":
        # the lasso: the 0-based index the cycle returns to (the last state, when it stutters)
        out["loop"] = v.loop_index
        out["stuttering"] = bool(v.stuttering)
    return out


def result_json(r: Outcome) -> dict[str, Any]:
    v = r.violation
    violation = _violation_json(r, v) if v is not None and r.result != "error" else None
    out = {
        "result": r.result if r.result != "interrupted" else "error",
        "distinct_states": r.distinct_states,
        "states_generated": r.states_generated,
        "depth": r.depth,
        "violation": violation,
        "error": r.error if r.result in ("error", "interrupted", "assumption failure") else None,
    }
    if r.max_depth is not None:
        # an addition to the contract: the search stopped at --max-depth (a "success" up to that depth only)
        out["max_depth"] = r.max_depth
    if r.found:
        # an addition to the contract: --continue's invariant violations, each as "violation" is
        out["found"] = [_violation_json(r, f) for f in r.found]
    if r.model is not None:
        # an addition to the contract: the names of what was checked (invariants, properties of any kind)
        out["checked"] = checked_names(r.model)
    if r.store is not None:
        # an addition to the contract: how states were kept; for fingerprints, the smallest gap behind TLC's estimate
        out["store"] = {"kind": r.store.kind, "states": r.store.states, "bytes": r.store.bytes,
                        "min_fingerprint_gap": r.store.min_gap}
    return out
