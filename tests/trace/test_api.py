"""``mcheck.check``: the Python API."""
from __future__ import annotations

import mcheck
from mcheck.api import CfgText, CheckResult


def test_diehard_violation_through_the_api(diehard):
    r = mcheck.check(diehard, invariants=["NotSolved"])
    assert isinstance(r, CheckResult)
    assert (r.result, r.exit_code, r.distinct_states, r.states_generated, r.depth) == ("safety failure", 12, 14, 73, 7)
    assert not r.ok and r.violation.kind == "invariant" and r.violation.name == "NotSolved"
    assert r.trace[0] == {"big": 0, "small": 0} and r.trace[-1] == {"big": 4, "small": 3}
    assert len(r.trace) == len(r.trace.actions) == 7
    assert r.trace.actions[0] == "<Initial predicate>" and r.trace.actions[1].startswith("<FillBigJug")
    doc = r.to_itf()
    assert doc["states"][-1]["big"] == 4


def test_success_through_the_api(diehard):
    r = mcheck.check(diehard)
    assert r.ok and r.result == "success" and r.distinct_states == 16 and r.depth == 8
    assert r.trace == [] and r.trace.actions == [] and r.to_itf() is None


def test_constants_config_and_deadlock(spec, tmp_path):
    path = spec("Cnt", "CONSTANT N, S\nVARIABLE x\nInit == x = 0\nNext == x < N /\\ x' = x + 1\n"
                       "InS == Cardinality(S) = 2\nSmall == x < 3\n", extends="Naturals, FiniteSets")
    r = mcheck.check(path, constants={"N": 5, "S": {1, 2}})
    assert r.exit_code == 11 and r.result == "deadlock failure" and r.trace[-1] == {"x": 5}
    r = mcheck.check(path, constants={"N": 5, "S": CfgText("{a, b}")}, deadlock=False, invariants=["InS"])
    assert r.ok and r.distinct_states == 6
    r = mcheck.check(path, constants={"N": 5, "S": [1]}, deadlock=False, invariants=["Small"])
    assert r.exit_code == 12 and r.trace[-1] == {"x": 3}
    cfg = tmp_path / "other.cfg"
    cfg.write_text("INIT Init\nNEXT Next\nCONSTANT N = 2\nCONSTANT S = {}\n")
    r = mcheck.check(path, config=str(cfg), deadlock=False)
    assert r.ok and r.distinct_states == 3


def test_errors_come_back_with_tlc_exit_codes(spec):
    path = spec("Bad", "VARIABLE x\nInit == x = \n")
    r = mcheck.check(path)
    assert r.exit_code == 150 and r.result == "error" and r.error


# ----------------------------------------------------------------------------- plain values

LOG = "specs/log/SingleWriterLog.tla"
UNFILTERED = "specs/log/SingleWriterLog_UnfilteredReaders.cfg"


def test_trace_to_python_gives_json_ready_values_with_model_values_as_names(monkeypatch):
    import json

    from tests.conftest import REPO
    monkeypatch.chdir(REPO)
    r = mcheck.check(LOG, config=UNFILTERED)
    assert r.exit_code == 12 and len(r.trace) == 5
    plain = r.trace.to_python()
    assert plain[4]["phase"] == {"A": "writing", "B": "stopped"}     # keys were the model values A, B
    assert plain[4]["phase"]["B"] == "stopped"
    assert plain[4]["log"] == [{"exp": 1, "writer": "A"}, {"exp": 1, "writer": "B"}]
    assert plain[4]["told"] == {"A": {"#set": [1]}, "B": {"#set": []}}   # ITF's convention for sets
    assert json.loads(json.dumps(plain)) == plain and r.trace[1].to_python() == plain[1]


def test_a_state_prints_as_tla(monkeypatch):
    from tests.conftest import REPO
    monkeypatch.chdir(REPO)
    r = mcheck.check(LOG, config=UNFILTERED)
    text = repr(r.trace[4])
    assert text.startswith('/\\ log = <<[exp |-> 1, writer |-> A], [exp |-> 1, writer |-> B]>>')
    assert '/\\ phase = (A :> "writing" @@ B :> "stopped")' in text
    assert repr(r.trace).startswith("Trace(\n  1: <Initial predicate>\n     /\\ log = <<>>")


def test_simulate_and_replay_through_the_api(diehard, tmp_path):
    import json
    s = mcheck.simulate(diehard, invariants=["NotSolved"], seed=1, traces=200, depth=50)
    assert s.exit_code == 12 and s.violation.name == "NotSolved" and s.trace[-1]["big"] == 4
    again = mcheck.simulate(diehard, invariants=["NotSolved"], seed=s.walk_seed, traces=1, depth=50)
    assert again.trace == s.trace          # the walk's seed reproduces it
    r = mcheck.check(diehard, invariants=["NotSolved"])
    path = tmp_path / "dh.itf.json"
    path.write_text(json.dumps(r.to_itf()))
    ok = mcheck.replay(diehard, str(path))
    assert ok.ok and ok.exit_code == 0 and len(ok.trace) == 7
    assert ok.trace.actions[1].startswith("<FillBigJug")
    found = mcheck.replay(diehard, r.to_itf(), invariants=["NotSolved"])
    assert found.exit_code == 12 and found.violation.name == "NotSolved"
    doc = r.to_itf()
    doc["states"][1]["big"] = 4
    bad = mcheck.replay(diehard, doc)
    assert (bad.ok, bad.exit_code, bad.bad_step) == (False, 20, 2)
