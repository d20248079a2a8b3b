"""``--profile``: each action's calls, states generated and distinct states, each definition's calls."""
from __future__ import annotations

import re

from mcheck.checker.run import build_model, check_spec
from tests.conftest import invoke

SPEC = """---- MODULE Prof ----
EXTENDS Naturals
VARIABLE x
Ok(n) == n > 0 /\\ n <= 5
Init == x = 0
Up == x < 5 /\\ x' = x + 1
Down == x > 0 /\\ Ok(x) /\\ x' = x - 1
Next == Up \\/ Down
Inv == x <= 5
====
"""


def _spec(tmp_path):
    path = tmp_path / "Prof.tla"
    path.write_text(SPEC)
    (tmp_path / "Prof.cfg").write_text("INIT Init\nNEXT Next\nINVARIANT Inv\n")
    return str(path)


def test_profile_counts_each_action_call_per_state_expanded_and_its_states(tmp_path):
    r = check_spec(_spec(tmp_path), profile=True)
    assert r.result == "success" and r.distinct_states == 6 and r.states_generated == 11
    prof = r.model.profile
    up, down = prof.actions
    # every action is called once per state expanded (6 distinct states, all expanded)
    assert (up.calls, down.calls) == (6, 6)
    # Up from x = 0..4 (5 new states), Down from x = 1..5 (all seen before)
    assert (up.generated, up.distinct, down.generated, down.distinct) == (5, 5, 5, 0)
    assert prof.init.calls == 1 and prof.init.generated == prof.init.distinct == 1
    # states generated per action (and Init) sum to the search's total
    assert prof.init.generated + up.generated + down.generated == r.states_generated
    assert prof.init.distinct + up.distinct + down.distinct == r.distinct_states


def test_profile_counts_definition_calls_and_invariant_calls(tmp_path):
    prof = check_spec(_spec(tmp_path), profile=True).model.profile
    calls = {e.name: e.calls for e in prof.entries if e.kind in ("definition", "predicate")}
    assert calls["Ok (line 4 of module Prof)"] == 5       # Down's guard x > 0 holds in 5 states
    assert calls["Inv"] == 6                              # once per distinct state


def test_without_profile_the_model_counts_nothing_and_keeps_the_fused_successors(tmp_path):
    model, err = build_model(_spec(tmp_path))
    assert err is None and model.profile is None
    assert model.successors.__name__.startswith("next_all_")


def test_check_profile_prints_a_line_per_action_and_per_definition(tmp_path):
    r = invoke("check", _spec(tmp_path), "--profile")
    assert r.exit_code == 0
    rows = {m.group(5): tuple(int(g.replace(",", "")) for g in m.groups()[:3])
            for m in re.finditer(r"^\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d.]+)\s+[\d.]+%\s+(.*)$", r.output, re.M)}
    assert rows["Init"] == (1, 1, 1)
    up = next(v for k, v in rows.items() if k.startswith("<Up line 6"))
    assert up == (6, 5, 5)
    assert re.search(r"^\s+5\s+[\d.]+\s+[\d.]+us\s+Ok \(line 4 of module Prof\)$", r.output, re.M)


def test_check_profile_refuses_worker_processes(tmp_path):
    r = invoke("check", _spec(tmp_path), "--profile", "--workers", "2")
    assert r.exit_code == 2 and "--profile" in r.output
