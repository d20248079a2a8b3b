"""Output files (--itf, --html, --dump-graph) are checked before the search: one line, exit code 2."""
from __future__ import annotations

import json

import pytest

from tests.conftest import invoke

COUNTER = "CONSTANT N\nVARIABLE x\nInit == x = 0\nNext == x < N /\\ x' = x + 1\nInv == x < 3\n"
CFG = "CONSTANT N = 5\nINIT Init\nNEXT Next\nINVARIANT Inv"


@pytest.mark.parametrize("command", ["check", "simulate"])
def test_itf_into_a_missing_directory_is_a_one_line_usage_error(spec, command):
    r = invoke(command, spec("Counter", COUNTER, CFG), "--itf", "/nonexistent/t.json")
    assert r.exit_code == 2
    assert r.output == "Error: --itf /nonexistent/t.json: the directory /nonexistent does not exist\n"


@pytest.mark.parametrize("option", ["--html", "--dump-graph"])
def test_html_and_graph_into_a_missing_directory_fail_before_the_search(spec, option):
    r = invoke(spec("Counter", COUNTER, CFG), option, "/nonexistent/out.dot")
    assert r.exit_code == 2 and "Model checking" not in r.output and "states generated" not in r.output
    assert r.output.strip() == f"Error: {option} /nonexistent/out.dot: the directory /nonexistent does not exist"


def test_unknown_graph_format_is_reported_before_the_search(spec, tmp_path):
    r = invoke(spec("Counter", COUNTER, CFG), "--dump-graph", str(tmp_path / "g.png"))
    assert r.exit_code == 2 and "states generated" not in r.output
    assert "unknown graph format .png; use .dot, .graphml or .json" in r.output
    assert not (tmp_path / "g.png").exists()


def test_output_path_that_is_a_directory_is_a_usage_error(spec, tmp_path):
    r = invoke(spec("Counter", COUNTER, CFG), "--html", str(tmp_path))
    assert r.exit_code == 2 and "is a directory" in r.output


def test_itf_dash_writes_the_trace_to_stdout_and_the_report_to_stderr(spec):
    r = invoke(spec("Counter", COUNTER, CFG), "--itf", "-")
    assert r.exit_code == 12
    doc = json.loads(r.stdout)
    assert [s["x"] for s in doc["states"]] == [0, 1, 2, 3]
    assert "Error: Invariant Inv is violated." in r.stderr


def test_simulate_itf_dash_writes_only_the_trace_to_stdout(spec):
    r = invoke("simulate", spec("Counter", COUNTER, CFG), "--seed", "1", "--itf", "-")
    assert r.exit_code == 12 and [s["x"] for s in json.loads(r.stdout)["states"]] == [0, 1, 2, 3]


def test_itf_dash_with_json_is_refused(spec):
    r = invoke(spec("Counter", COUNTER, CFG), "--itf", "-", "--json")
    assert r.exit_code == 2 and "both write to standard output" in r.output


def test_explore_without_a_terminal_says_so_and_exits(spec):
    # CliRunner's streams are not terminals, as a pipe is not
    r = invoke(spec("Counter", COUNTER, CFG), "--explore")
    assert r.exit_code == 2 and "\x1b" not in r.output
    assert "needs a terminal" in r.output and "states generated" not in r.output


def test_success_says_which_invariants_and_properties_were_checked(spec):
    r = invoke(spec("Counter", COUNTER, "CONSTANT N = 2\nINIT Init\nNEXT Next\nINVARIANT Inv"), "--no-deadlock")
    assert r.exit_code == 0
    assert "Checked invariant Inv; no property; not deadlock (--no-deadlock)." in r.stderr


def test_checked_line_names_temporal_properties(spec):
    body = COUNTER + "Spec == Init /\\ [][Next]_x /\\ WF_x(Next)\nLive == <>(x = N)\n"
    r = invoke(spec("Live", body, "CONSTANT N = 2\nSPECIFICATION Spec\nINVARIANT Inv\nPROPERTY Live"), "--no-deadlock")
    assert r.exit_code == 0, r.output
    assert "Checked invariant Inv; property Live; not deadlock (--no-deadlock)." in r.stderr


def test_check_help_does_not_say_safety_only():
    r = invoke("check", "--help")
    assert "safety properties" not in r.output and "temporal properties" in r.output
