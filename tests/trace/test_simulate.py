"""``mcheck simulate``: random walks, reproducible from the seed."""
from __future__ import annotations

import json


from mcheck.checker.replay import load_model
from mcheck.checker.simulate import simulate
from tests.conftest import invoke


def test_same_seed_same_walk(diehard):
    a = invoke("simulate", diehard, "--invariant", "NotSolved", "--seed", "7", "--traces", "50", "--json")
    b = invoke("simulate", diehard, "--invariant", "NotSolved", "--seed", "7", "--traces", "50", "--json")
    assert a.exit_code == b.exit_code == 12
    assert json.loads(a.stdout) == json.loads(b.stdout)


def test_same_seed_same_walks_without_violation(diehard):
    m1, _ = load_model(diehard)
    m2, _ = load_model(diehard)
    # no invariant, no deadlock in DieHard: the walks run to the full depth; same seed, same count
    r1 = simulate(m1, depth=30, traces=5, seed=11)
    r2 = simulate(m2, depth=30, traces=5, seed=11)
    assert r1.result == r2.result == "success"
    assert r1.states_generated == r2.states_generated and r1.max_depth == 30


def test_finds_diehard_violation_quickly_and_reproduces_it(diehard, tmp_path):
    model, _ = load_model(diehard, invariants=["NotSolved"])
    r = simulate(model, depth=100, traces=100, seed=1)
    assert r.exit_code == 12 and r.violation.name == "NotSolved"
    assert r.traces <= 100
    last = r.violation.trace[-1].state
    assert last[0] == 4                         # big = 4
    # the reported seed reproduces exactly this trace in a single walk
    model2, _ = load_model(diehard, invariants=["NotSolved"])
    again = simulate(model2, depth=100, traces=1, seed=r.walk_seed)
    assert [s.state for s in again.violation.trace] == [s.state for s in r.violation.trace]
    assert [s.action for s in again.violation.trace] == [s.action for s in r.violation.trace]
    # and the trace is a behaviour of the spec
    itf = tmp_path / "sim.itf.json"
    cli = invoke("simulate", diehard, "--invariant", "NotSolved", "--seed", str(r.walk_seed), "--traces", "1",
                 "--itf", str(itf))
    assert cli.exit_code == 12 and "Error: Invariant NotSolved is violated." in cli.stdout
    assert f"--seed {r.walk_seed} --traces 1" in cli.stdout
    assert invoke("replay", diehard, str(itf)).exit_code == 0


def test_deadlock_is_found(spec):
    path = spec("Stops", "VARIABLE x\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1\n")
    r = invoke("simulate", path, "--seed", "0", "--traces", "3")
    assert r.exit_code == 11 and "Error: Deadlock reached." in r.stdout
    assert "State 4:" in r.stdout
    assert invoke("simulate", path, "--seed", "0", "--traces", "3", "--no-deadlock").exit_code == 0


def test_random_initial_states_cover_the_initial_states(spec):
    path = spec("Coin", "VARIABLES x, n\nInit == x \\in 1..3 /\\ n = 0\nNext == n' = n + 1 /\\ x' \\in 1..3\n"
                        "Inv == n < 1\n", cfg="INIT Init\nNEXT Next\nINVARIANT Inv\n")
    model, _ = load_model(path)
    firsts, seconds = set(), set()
    for seed in range(40):
        r = simulate(model, depth=5, traces=1, seed=seed)
        assert r.exit_code == 12 and len(r.violation.trace) == 2
        firsts.add(r.violation.trace[0].state)
        seconds.add(r.violation.trace[1].state)
    assert firsts == {(1, 0), (2, 0), (3, 0)}
    # the violating successor is the first one generated (TLC order), whatever the walk
    assert seconds == {(1, 1)}


def test_finds_the_single_writer_log_race_within_ten_seconds():
    # issue 5: simulation finds specs/log's unfiltered-readers counterexample quickly
    from pathlib import Path

    from mcheck.checker.run import build_model
    from mcheck.checker.simulate import simulate

    specs = Path(__file__).resolve().parents[2] / "specs" / "log"
    m, err = build_model(str(specs / "SingleWriterLog.tla"), str(specs / "SingleWriterLog_UnfilteredReaders.cfg"))
    assert err is None
    r = simulate(m, depth=20, traces=10000, seed=1)
    assert r.result == "safety failure"
    assert r.violation.name == "CountsIffToldSucceeded"
    assert r.seconds < 10


def test_simulation_words_errors_as_check_does(spec):
    # the same StepFilter and outcome constructors: an unassigned variable and an invariant that
    # cannot be evaluated get TLC's words and exit codes in both engines
    path = spec("Half", "VARIABLES x, y\nInit == x = 0 /\\ y = 0\nNext == x' = x + 1\n")
    checked = invoke("check", path)
    walked = invoke("simulate", path, "--seed", "1", "--traces", "1")
    assert checked.exit_code == walked.exit_code == 75
    words = "Successor state is not completely specified by the next-state action."
    assert words in checked.stdout and words in walked.stdout
    bad = spec("BadInv", "VARIABLE x\nInit == x = 0\nNext == x' = x + 1\nInv == x < 1 \\/ x \\in 3\n",
               cfg="INIT Init\nNEXT Next\nINVARIANT Inv\n")
    checked, walked = invoke("check", bad), invoke("simulate", bad, "--seed", "1", "--traces", "1")
    assert checked.exit_code == walked.exit_code == 76
    assert "Evaluating invariant Inv failed." in checked.stdout and "Evaluating invariant Inv failed." in walked.stdout
