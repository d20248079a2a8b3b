"""Constant-level parts of temporal formulas are evaluated when the formula is translated, as TLC's
Liveness.astToLive evaluates them (to LNBool.TRUE or FALSE, which its DNF simplifies away), with
TLC's error when one is not a boolean.

MCInnerSerial's fairness ``\\A oi, oj \\in D : (oi # oj) => WF_v(A)`` (|D| = 4) kept its 16 antecedents
as state atoms: the conjunction was not a list of fairness conditions, and its DNF (3^16 disjuncts
times each property's) exhausted memory before the liveness check began.
"""
from __future__ import annotations

from click.testing import CliRunner

from mcheck.cli.main import main
from mcheck.semantics.load import Recipe

# x counts 0..2 for each i in 1..4; only WF_x(Up(i, j)) with i # j makes them all reach 2
SPEC = """---- MODULE T ----
EXTENDS Naturals
VARIABLE x
D == 1..4
Init == x = [i \\in D |-> 0]
Up(i, j) == x[i] < 2 /\\ x' = [x EXCEPT ![i] = @ + 1] /\\ j = (i % 4) + 1
Next == \\E i, j \\in D : Up(i, j)
Fair(i, j) == (i # j) => WF_x(Up(i, j))
Spec == Init /\\ [][Next]_x /\\ \\A i, j \\in D : FAIRNESS
Done == <>(\\A i \\in D : x[i] = 2)
AllSame == \\A i \\in D : (i > 4) ~> (x[i] = 7)
====
"""


def _write(tmp_path, fairness: str, props: str = "Done"):
    spec = tmp_path / "T.tla"
    spec.write_text(SPEC.replace("FAIRNESS", fairness))
    cfg = tmp_path / "T.cfg"
    cfg.write_text(f"SPECIFICATION Spec\nPROPERTY {props}\nCHECK_DEADLOCK FALSE\n")
    return str(spec), str(cfg)


def _check(tmp_path, fairness: str, props: str = "Done"):
    spec, cfg = _write(tmp_path, fairness, props)
    return CliRunner().invoke(main, ["check", spec, "--config", cfg])


def test_a_constant_antecedent_leaves_one_fairness_condition_per_true_instance(tmp_path):
    model = Recipe.of(*_write(tmp_path, "(i # j) => WF_x(Up(i, j))")).build()
    assert len(model.liveness.fairness) == 12     # the 16 pairs but the 4 with i = j
    (prop,) = model.liveness.properties
    assert "WF" not in repr(prop.formula) and prop.formula[0] == "R"   # ~<>P alone: []~P


def test_the_antecedent_through_an_operator_with_parameters(tmp_path):
    model = Recipe.of(*_write(tmp_path, "Fair(i, j)")).build()
    assert len(model.liveness.fairness) == 12


def test_the_fairness_makes_the_property_hold(tmp_path):
    r = _check(tmp_path, "(i # j) => WF_x(Up(i, j))")
    assert r.exit_code == 0, r.output
    assert "81 distinct states found" in r.output


def test_a_false_antecedent_drops_the_fairness_it_guards(tmp_path):
    # j = i + 1 is the only j for which Up(i, j) is enabled: with j # i + 1 required, no fairness is left
    r = _check(tmp_path, "(j # (i % 4) + 1) => WF_x(Up(i, j))")
    assert r.exit_code == 13, r.output
    assert "Temporal property Done was violated" in r.output


def test_constant_parts_of_a_property_are_folded(tmp_path):
    # (i > 4) is FALSE for every i: each negated leads-to <>((i > 4) /\\ []~Q) is <>FALSE
    model = Recipe.of(*_write(tmp_path, "(i # j) => WF_x(Up(i, j))", "AllSame")).build()
    assert [p.formula for p in model.liveness.properties] == [("U", ("T",), ("F",))] * 4
    r = _check(tmp_path, "(i # j) => WF_x(Up(i, j))", "AllSame")
    assert r.exit_code == 0, r.output


def test_a_constant_that_is_not_a_boolean_is_tlcs_error(tmp_path):
    r = _check(tmp_path, "(i + j) => WF_x(Up(i, j))")
    assert r.exit_code == 255, r.output
    assert "TLC expected a boolean value, but did not find one. line 9, col" in r.output
    assert "Traceback" not in r.output
