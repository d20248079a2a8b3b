"""``mcheck replay``: a counterexample written by ``check --itf`` replays; a corrupted one does not."""
from __future__ import annotations

import json


from mcheck.checker.replay import load_model, replay
from tests.conftest import invoke


def diehard_itf(diehard, tmp_path) -> str:
    out = tmp_path / "dh.itf.json"
    assert invoke("check", diehard, "--invariant", "NotSolved", "--itf", str(out)).exit_code == 12
    return str(out)


def test_counterexample_replays(diehard, tmp_path):
    path = diehard_itf(diehard, tmp_path)
    r = invoke("replay", diehard, path)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "ok: 7 states replayed"


def test_replay_with_the_invariant_reports_the_violation_like_check(diehard, tmp_path):
    path = diehard_itf(diehard, tmp_path)
    r = invoke("replay", diehard, path, "--invariant", "NotSolved")
    assert r.exit_code == 12
    assert "Error: Invariant NotSolved is violated." in r.stdout
    assert "State 7: <BigToSmall" in r.stdout and "State 8" not in r.stdout


def test_corrupted_middle_state_is_rejected_at_its_step(diehard, tmp_path):
    path = diehard_itf(diehard, tmp_path)
    doc = json.loads(open(path).read())
    # states: (0,0) (5,0) (2,3) (2,0) (0,2) (5,2) (4,3); state 4 (index 3) becomes (2,1)
    assert doc["states"][3]["small"] == 0
    doc["states"][3]["small"] = 1
    bad = tmp_path / "bad.itf.json"
    bad.write_text(json.dumps(doc))
    r = invoke("replay", diehard, str(bad))
    assert r.exit_code == 20   # not a behaviour of the spec: its own code, not an invariant's 12
    lines = r.stdout.splitlines()
    assert lines[0] == "step 4: state 4 is not a successor of state 3 under any action"
    assert "differs in: small" in lines[1]
    assert "small: trace has 1" in r.stdout


def test_bad_initial_state_is_rejected_at_step_1(diehard, tmp_path):
    path = diehard_itf(diehard, tmp_path)
    doc = json.loads(open(path).read())
    doc["states"][0]["big"] = 1
    bad = tmp_path / "bad0.itf.json"
    bad.write_text(json.dumps(doc))
    r = invoke("replay", diehard, str(bad), "--json")
    assert r.exit_code == 20
    out = json.loads(r.stdout)
    assert set(out) == {"ok", "exit_code", "states", "message", "bad_step", "differing", "details", "notes",
                        "actions", "violation"} and out["exit_code"] == 20 and out["violation"] is None
    assert out["ok"] is False and out["bad_step"] == 1 and out["differing"] == ["big"]
    assert out["message"] == "step 1: state 1 is not an initial state"


def test_variables_in_another_order_and_tup_are_accepted(spec, tmp_path):
    path = spec("Pair", "VARIABLES x, p\nInit == x = 0 /\\ p = <<0, \"a\">>\n"
                        "Next == x' = x + 1 /\\ p' = <<x', \"a\">>\n")
    doc = {"vars": ["p", "x"], "states": [
        {"p": {"#tup": [0, "a"]}, "x": 0},
        {"p": [1, "a"], "x": {"#bigint": "1"}},
    ]}
    f = tmp_path / "t.json"
    f.write_text(json.dumps(doc))
    r = invoke("replay", path, str(f))
    assert r.exit_code == 0 and "ok: 2 states replayed" in r.stdout


def test_unreadable_trace_and_wrong_variables(spec, tmp_path):
    path = spec("One", "VARIABLE x\nInit == x = 0\nNext == x' = x + 1\n")
    f = tmp_path / "t.json"
    f.write_text("{not json")
    assert invoke("replay", path, str(f)).exit_code == 1
    f.write_text(json.dumps({"vars": ["y"], "states": [{"y": 0}]}))
    r = invoke("replay", path, str(f))
    assert r.exit_code == 1 and "the trace lacks x" in r.stderr


def test_replay_api_names_the_actions(diehard):
    model, err = load_model(diehard)
    assert err is None
    r = replay(model, [(0, 0), (0, 3), (3, 0)])
    assert r.ok and r.exit_code == 0 and r.message == "ok: 3 states replayed"
    assert [a.split()[0] for a in r.actions] == ["<Initial", "<FillSmallJug", "<SmallToBig"]
    r = replay(model, [(0, 0), (0, 3), (0, 3), (4, 4)])
    assert not r.ok and r.bad_step == 4 and r.states == 3


def test_load_errors_keep_tlc_exit_codes(spec, tmp_path):
    path = spec("Broken", "VARIABLE x\nInit == x = \nNext == x' = x\n")
    f = tmp_path / "t.json"
    f.write_text(json.dumps({"vars": ["x"], "states": [{"x": 0}]}))
    assert invoke("replay", path, str(f)).exit_code == 150


def test_replay_checks_action_properties_as_check_does(spec, tmp_path):
    path = spec("Grow", "VARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1 \\/ x' = 0\n"
                "Grows == [][x' > x]_x\n", cfg="INIT Init\nNEXT Next\nPROPERTY Grows\n")
    model, err = load_model(path)
    assert err is None
    assert replay(model, [(0,), (1,), (2,)]).ok
    r = replay(model, [(0,), (1,), (0,)])
    assert r.exit_code == 13 and r.bad_step == 3 and r.violation.name == "Grows"
    assert r.message == "Property Grows is violated by the step to state 3."
    assert invoke("check", path).exit_code == 13


def test_replay_tells_a_reproduced_violation_from_a_trace_that_is_no_behaviour(diehard, tmp_path):
    path = diehard_itf(diehard, tmp_path)
    assert invoke("replay", diehard, path, "--invariant", "NotSolved").exit_code == 12
    doc = json.loads(open(path).read())
    doc["states"][1]["big"] = 4        # no action fills the big jug with 4 gallons
    bad = tmp_path / "nob.itf.json"
    bad.write_text(json.dumps(doc))
    r = invoke("replay", diehard, str(bad), "--invariant", "NotSolved")
    assert r.exit_code == 20 and r.stdout.startswith("step 2: state 2 is not a successor of state 1")
    help_text = invoke("replay", "--help").output
    assert "20 when it is not a behaviour" in " ".join(help_text.split())


def test_unreadable_trace_names_its_path_once(diehard, tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text("junk")
    r = invoke("replay", diehard, str(junk))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {junk}: not JSON: Expecting value: line 1 column 1 (char 0)\n"


def test_replay_uses_the_cfg_and_constants_the_trace_records(spec, tmp_path):
    body = "CONSTANT N\nVARIABLE x\nInit == x = 0\nNext == x < N /\\ x' = x + 1\nInv == x < 3\n"
    path = spec("Count", body)
    other = tmp_path / "other.cfg"
    other.write_text("INIT Init\nNEXT Next\nINVARIANT Inv\n")
    itf = tmp_path / "c.itf.json"
    assert invoke(path, "-c", str(other), "--const", "N=5", "--itf", str(itf)).exit_code == 12
    meta = json.loads(itf.read_text())["#meta"]
    assert meta["cfg"] == str(other) and meta["constants"] == {"N": "5"}
    r = invoke("replay", path, str(itf))   # no -c, no --const: the recorded ones
    assert r.exit_code == 12, r.output
    assert f"note: using what the trace records: --config {other} --const N=5" in r.stderr
    assert "Error: Invariant Inv is violated." in r.stdout
