"""Every counterexample mcheck produces, written as ITF and read back, is a behaviour of its spec.

Covers the failing configurations of specs/ and the conformance tier-X safety models: the trace
survives the ITF round trip unchanged, replays step by step (each state a successor of the one
before), and the replay meets the same violated invariant at the same state.  A trace corrupted in
the middle is rejected at that step.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcheck.checker.replay import replay
from mcheck.checker.run import build_model, check_spec
from mcheck.pytest_plugin import parse_expectation
from mcheck.trace.itf import itf_to_states, trace_to_itf
from tests.conformance.runner import corpus_dir, models
from tests.specs.test_specs import CONFIGS, SPECS, _module

SPEC_FAILURES = [(str(_module(cfg)), str(SPECS / cfg)) for cfg in CONFIGS
                 if parse_expectation((SPECS / cfg).read_text(encoding="utf-8")).kind == "violation"]


def _corpus_failures():
    d = corpus_dir()
    if d is None:
        return []
    return [(str(d / m["tla"]), str(d / m["cfg"])) for m in models()
            if m["tier"] == "X" and (m.get("tlc") or {}).get("result") == "safety failure"
            and not m.get("needs")]


CASES = SPEC_FAILURES + _corpus_failures()


@pytest.mark.parametrize("tla, cfg", CASES, ids=[Path(c).stem for _, c in CASES])
def test_counterexample_round_trips_through_itf_and_replays(tla, cfg):
    r = check_spec(tla, cfg)
    assert r.violation is not None and r.violation.kind == "invariant", r.error
    states = [st.state for st in r.violation.trace]
    doc = json.loads(json.dumps(trace_to_itf(r.variables, states)))
    variables, back = itf_to_states(doc)
    assert variables == r.variables and back == states
    model, err = build_model(tla, cfg)
    assert err is None
    rr = replay(model, back)
    # every step is a transition of the spec; the replay stops where check did, at the violation
    assert "not a successor" not in rr.message and "not an initial state" not in rr.message, rr.message
    assert rr.violation is not None and rr.violation.name == r.violation.name, rr.message
    assert rr.bad_step == len(states)
    assert len(rr.violation.trace) == len(states)


def test_corrupted_counterexample_is_rejected_at_the_changed_step():
    tla, cfg = str(SPECS / "log/SingleWriterLog.tla"), str(SPECS / "log/SingleWriterLog_UnfilteredReaders.cfg")
    r = check_spec(tla, cfg)
    states = [list(st.state) for st in r.violation.trace]
    i = r.variables.index("log")
    states[3][i] = states[4][i]            # state 4 jumps ahead to state 5's log
    model, _ = build_model(tla, cfg)
    rr = replay(model, [tuple(s) for s in states])
    assert rr.bad_step == 4
    assert "log" in rr.differing
