"""Why an invariant failed: the first FALSE conjunct, quantifier counterexamples, operand values."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mcheck.checker.run import build_model, check_spec
from mcheck.cli.main import main
from mcheck.semantics.values import Fcn, ModelValue
from mcheck.trace.why import explain_invariant, explain_violation

REPO = Path(__file__).resolve().parents[2]

PROCS = """
CONSTANT Procs
VARIABLES pc, x
TypeOK == /\\ x \\in 0..3
          /\\ pc \\in [Procs -> {"idle", "busy"}]
AllIdle == \\A p \\in Procs : pc[p] = "idle"
Inv == TypeOK /\\ AllIdle
Twice(p) == /\\ pc[p] # "busy"
            /\\ x < 10
ViaParam == \\A p \\in Procs : Twice(p)
ViaLet == LET lim == 2 IN /\\ x >= 0
                          /\\ x < lim
ViaIf == IF x > 1 THEN x = 7 ELSE TRUE
ViaImplies == x > 1 => (x < 0 \\/ x = 7)
NoneBusy == ~\\E p \\in Procs : pc[p] = "busy"
Pairs == \\A p, q \\in Procs : p = q \\/ pc[p] = pc[q]
Init == x = 0 /\\ pc = [p \\in Procs |-> "idle"]
Next == x' = x + 1 /\\ pc' = [pc EXCEPT ![CHOOSE p \\in Procs : TRUE] = "busy"]
"""


def model_of(spec, invariants=("Inv",)):
    path = spec("Procs", PROCS, cfg="CONSTANT Procs = {p1, p2, p3}\nINIT Init\nNEXT Next\n")
    model, err = build_model(path, None, None, invariants)
    assert err is None, err and err.error
    return model


def state(model, x, busy=()):
    pc = Fcn({ModelValue.get(p): ("busy" if p in busy else "idle") for p in ("p1", "p2", "p3")})
    vals = {"x": x, "pc": pc}
    return tuple(vals[v] for v in model.variables)


def test_diehard_not_solved_names_the_formula_and_the_value(diehard):
    r = check_spec(diehard, invariants=("NotSolved",))
    ex = explain_violation(r.model, r.violation)
    assert ex.format() == ("Invariant NotSolved is violated by its formula at line 127, col 14 of module DieHard: "
                           "big # 4\n  where big = 4")


def test_first_false_conjunct_through_definitions(spec):
    m = model_of(spec)
    ex = explain_invariant(m, "Inv", state(m, 5))
    assert ex.conjunct and ex.path == ["TypeOK"]
    assert ex.headline() == "Invariant Inv is violated by conjunct line 5, col 14 of module Procs: x \\in (0 .. 3)"
    assert ex.operands == [("x", "5")]


def test_forall_gives_the_counterexample(spec):
    m = model_of(spec)
    ex = explain_invariant(m, "Inv", state(m, 1, busy=("p2", "p3")))
    assert ex.path == ["AllIdle"]
    assert [w.line() for w in ex.witnesses] == ["\\A p \\in Procs: counterexample p = p2"]
    assert ex.text == 'pc[p] = "idle"'
    assert ex.operands == [("pc[p]", '"busy"')]
    assert ex.lines()[1] == "  \\A p \\in Procs: counterexample p = p2"


def test_operator_arguments_are_bound_and_followed(spec):
    m = model_of(spec, ("ViaParam",))
    ex = explain_invariant(m, "ViaParam", state(m, 1, busy=("p3",)))
    assert ex.path == ["Twice(p3)"]
    assert ex.text == 'pc[p] # "busy"' and ex.line == 9 and ex.col == 16


def test_let_if_and_implication(spec):
    m = model_of(spec, ("ViaLet", "ViaIf", "ViaImplies"))
    assert explain_invariant(m, "ViaLet", state(m, 2)).text == "x < lim"
    assert explain_invariant(m, "ViaIf", state(m, 2)).text == "x = 7"
    assert explain_invariant(m, "ViaImplies", state(m, 2)).text == "(x < 0) \\/ (x = 7)"
    assert explain_invariant(m, "ViaLet", state(m, 1)) is None  # not violated


def test_not_exists_gives_the_witness(spec):
    m = model_of(spec, ("NoneBusy",))
    ex = explain_invariant(m, "NoneBusy", state(m, 1, busy=("p3",)))
    assert [w.line() for w in ex.witnesses] == ["\\E p \\in Procs: witness p = p3"]
    assert ex.value is True


def test_two_bound_names(spec):
    m = model_of(spec, ("Pairs",))
    ex = explain_invariant(m, "Pairs", state(m, 1, busy=("p2",)))
    assert [w.line() for w in ex.witnesses] == ["\\A p, q \\in Procs: counterexample p = p1, q = p2"]


def test_check_prints_the_explanation_under_the_trace(spec):
    path = spec("Procs", PROCS, cfg="CONSTANT Procs = {p1, p2}\nINIT Init\nNEXT Next\nINVARIANT Inv\n")
    r = CliRunner().invoke(main, [path])
    assert r.exit_code == 12
    tail = r.stdout.split("State 2: ")[1]
    assert ("\nInvariant Inv is violated by conjunct line 7, col 15 of module Procs: "
            "\\A p \\in Procs : pc[p] = \"idle\"") not in tail  # the culprit is inside the \A
    assert "Invariant Inv is violated by conjunct line 7, col 29 of module Procs: pc[p] = \"idle\"\n" \
           "  \\A p \\in Procs: counterexample p = p1\n  where pc[p] = \"busy\"\n" in tail
    # also under --full-trace; never for a non-invariant failure
    full = CliRunner().invoke(main, [path, "--full-trace"])
    assert "counterexample p = p1" in full.stdout


def test_initial_state_violation_is_explained(spec):
    path = spec("Procs", PROCS, cfg="CONSTANT Procs = {p1, p2}\nINIT Init\nNEXT Next\nINVARIANT ViaIf\n")
    path2 = spec("Bad", "VARIABLE x\nInit == x = 5\nNext == x' = x\nSmall == x < 3\n",
                 cfg="INIT Init\nNEXT Next\nINVARIANT Small\n")
    r = CliRunner().invoke(main, [path2])
    assert r.exit_code == 12
    assert "Error: Invariant Small is violated by the initial state:\nx = 5\nInvariant Small is violated by its " \
           "formula at line 6, col 10 of module Bad: x < 3\n  where x = 5" in r.stdout
    assert path


def test_single_writer_log_unfiltered_readers():
    spec = REPO / "specs" / "log" / "SingleWriterLog.tla"
    cfg = REPO / "specs" / "log" / "SingleWriterLog_UnfilteredReaders.cfg"
    r = check_spec(str(spec), str(cfg))
    ex = explain_violation(r.model, r.violation)
    assert ex.lines() == [
        "Invariant CountsIffToldSucceeded is violated by its formula at line 125, col 28 of module SingleWriterLog: "
        "Counts(i) <=> (i \\in told[log[i].writer])",
        "  \\A i \\in 1 .. Len(log): counterexample i = 2",
        "  where Counts(i) = TRUE; i \\in told[log[i].writer] = FALSE"]


def test_a_slow_explanation_stops_at_the_quantifier(spec, monkeypatch):
    import mcheck.trace.why as why
    m = model_of(spec)
    monkeypatch.setattr(why, "BUDGET", -1.0)
    ex = explain_invariant(m, "Inv", state(m, 1, busy=("p2",)))
    assert ex.witnesses == [] and ex.text.startswith("\\A p \\in Procs : ")
