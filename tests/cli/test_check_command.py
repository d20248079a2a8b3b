"""``mcheck check`` (and the default command) through click's CliRunner."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from mcheck.cli.main import main
from tests.conftest import invoke

COUNTER = "CONSTANT N\nVARIABLE x\nInit == x = 0\nNext == x < N /\\ x' = x + 1\nInv == x < 3\n"


def test_diehard_not_solved_prints_seven_state_trace_ending_in_big_4(diehard):
    # No DieHard.cfg beside the spec, so INIT Init / NEXT Next are used.
    r = invoke(diehard, "--invariant", "NotSolved")
    assert r.exit_code == 12
    assert "Error: Invariant NotSolved is violated." in r.output
    assert "State 7: " in r.output and "State 8:" not in r.output
    last = r.output.split("State 7: ")[1]
    assert "/\\ big = 4" in last
    assert "The depth of the complete state graph search is 7." in r.output


def test_json_output_has_the_contract_keys(diehard):
    r = invoke("check", diehard, "--invariant", "NotSolved", "--json")
    assert r.exit_code == 12
    out = json.loads(r.stdout)
    # the contract's keys, and the keys added since: "store" (how the search kept its states) and
    # "checked" (the names of the invariants and properties checked)
    assert set(out) == {"result", "distinct_states", "states_generated", "depth", "violation", "error", "store",
                        "checked"}
    assert out["checked"] == {"invariants": ["NotSolved"], "properties": []}
    assert out["store"]["kind"] == "fingerprints" and out["store"]["states"] == out["distinct_states"]
    assert out["result"] == "safety failure" and out["error"] is None and out["depth"] == 7
    v = out["violation"]
    assert set(v) == {"kind", "name", "trace"}
    assert v["kind"] == "invariant" and v["name"] == "NotSolved"
    assert len(v["trace"]) == 7
    assert all(set(step) == {"action", "state"} for step in v["trace"])
    assert v["trace"][0]["action"] == "<Initial predicate>"
    assert v["trace"][-1]["state"]["big"] == "4"


def test_json_success_has_no_violation(spec):
    r = invoke(spec("Counter", COUNTER, "CONSTANT N = 2\nINIT Init\nNEXT Next\nINVARIANT Inv"),
               "--json", "--no-deadlock")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    store = out.pop("store")
    assert out.pop("checked") == {"invariants": ["Inv"], "properties": []}
    assert out == {"result": "success", "distinct_states": 3, "states_generated": 3, "depth": 3,
                   "violation": None, "error": None}
    assert store["kind"] == "fingerprints" and store["states"] == 3 and store["min_fingerprint_gap"] > 0


def test_exact_store_is_reported_instead_of_collision_estimates(spec):
    path = spec("Counter", COUNTER, "CONSTANT N = 2\nINIT Init\nNEXT Next\nINVARIANT Inv")
    r = invoke("check", path, "--no-deadlock", "--exact")
    assert r.exit_code == 0
    assert "States were stored exactly (--exact): no two distinct states can have been merged." in r.stdout
    assert "fingerprint:" not in r.stdout
    assert json.loads(invoke("check", path, "--no-deadlock", "--exact", "--json").stdout)["store"]["kind"] == "exact"


def test_success_prints_both_of_tlcs_collision_estimates(spec):
    r = invoke("check", spec("Counter", COUNTER, "CONSTANT N = 2\nINIT Init\nNEXT Next\nINVARIANT Inv"),
               "--no-deadlock")
    lines = r.stdout.splitlines()
    at = lines.index("  because two distinct states had the same fingerprint:")
    assert lines[at + 1] == "  calculated (optimistic):  val = 0.0"   # 3 generated, 3 distinct: 3 * 0 / 2^64
    assert lines[at + 2].startswith("  based on the actual fingerprints:  val = ")


def test_json_error_carries_the_message(spec):
    r = invoke(spec("ErrC", COUNTER, "CONSTANT N = 2\nINIT Init\nNEXT Next\nINVARIANT Nope"), "--json")
    assert r.exit_code == 151
    out = json.loads(r.stdout)
    assert out["result"] == "error" and out["violation"] is None and "Nope" in out["error"]


def test_spec_cfg_beside_the_spec_is_the_default_config(spec):
    r = invoke(spec("Counter", COUNTER, "CONSTANT N = 5\nINIT Init\nNEXT Next\nINVARIANT Inv"))
    assert r.exit_code == 12
    assert "Error: Invariant Inv is violated." in r.output
    assert "x = 3" in r.output.split("State 4: ")[1]


def test_const_overrides_the_cfg_and_success_text_is_tlc_shaped(spec):
    r = invoke(spec("Counter", COUNTER, "CONSTANT N = 5\nINIT Init\nNEXT Next\nINVARIANT Inv"),
               "--const", "N=2", "--no-deadlock")
    assert r.exit_code == 0
    assert "Model checking completed. No error has been found." in r.output
    assert "3 states generated, 3 distinct states found, 0 states left on queue." in r.output
    assert "The depth of the complete state graph search is 3." in r.output


def test_without_a_cfg_init_and_next_are_used_and_deadlock_is_reported(spec):
    r = invoke(spec("Counter", COUNTER), "--const", "N=2")
    assert r.exit_code == 11
    assert "Error: Deadlock reached." in r.output


def test_no_deadlock_flag_turns_the_deadlock_check_off(spec):
    r = invoke("check", spec("Counter", COUNTER), "--const", "N=2", "--no-deadlock")
    assert r.exit_code == 0


def test_invariant_option_adds_to_the_cfg_invariants(spec):
    r = invoke(spec("Counter", COUNTER), "--const", "N=9", "--invariant", "Inv")
    assert r.exit_code == 12
    assert "Error: Invariant Inv is violated." in r.output


def test_explicit_config_file(spec, tmp_path):
    path = spec("Counter", COUNTER)
    cfg = tmp_path / "other.cfg"
    cfg.write_text("CONSTANT N = 1\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
    r = invoke(path, "--config", str(cfg))
    assert r.exit_code == 0
    assert "2 states generated, 2 distinct states found" in r.output


def test_missing_explicit_config_is_a_config_error(spec, tmp_path):
    r = invoke(spec("Counter", COUNTER), "--config", str(tmp_path / "nope.cfg"))
    assert r.exit_code == 151


def test_bad_const_option_is_a_usage_error(spec):
    r = CliRunner().invoke(main, ["check", spec("Counter", COUNTER), "--const", "N"])
    assert r.exit_code == 2
    assert "NAME=VALUE" in r.output


def test_example_counter_checks_cleanly(repo):
    r = invoke(str(repo / "examples" / "Counter.tla"))
    assert r.exit_code == 0
    assert "Model checking completed. No error has been found." in r.output


def test_parse_command_reports_ok_and_errors(spec):
    good = spec("Good", COUNTER)
    bad = spec("Bad", "VARIABLE x\nInit == x =\n")
    r = invoke("parse", good)
    assert r.exit_code == 0 and f"{good}: ok" in r.output
    r = invoke("parse", good, bad)
    assert r.exit_code == 150
    assert "Bad.tla:" in r.output and "error" in r.output


def test_python_dash_m_mcheck_runs_the_command(spec):
    path = spec("Once", "VARIABLE x\nInit == x = 0\nNext == x' = 1 - x\n", "INIT Init\nNEXT Next")
    r = subprocess.run([sys.executable, "-m", "mcheck", "check", path], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "2 distinct states found" in r.stdout
