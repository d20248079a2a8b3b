"""Each temporal property form, holding and violated, with the expected lasso."""
from __future__ import annotations

import json

from mcheck.trace.json_out import result_json

from .conftest import lasso

COUNT = """
VARIABLE x
Init == x = 0
Next == x < 3 /\\ x' = x + 1
Spec == Init /\\ [][Next]_x
FSpec == Spec /\\ WF_x(Next)
"""

CYCLE = """
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\\ [][Next]_x
FSpec == Spec /\\ WF_x(Next)
"""


def prop(run, body, spec, props, deadlock=False):
    cfg = f"SPECIFICATION {spec}\nPROPERTY {props}\n" + ("" if deadlock else "CHECK_DEADLOCK FALSE\n")
    return run(body, cfg)


def ok(r):
    assert r.result == "success", (r.result, r.error)
    assert r.exit_code == 0


def violated(r, name):
    assert r.result == "liveness failure", (r.result, r.error)
    assert r.exit_code == 13
    several = " and " in name
    assert r.violation.names == name.split(" and ")   # the first is the violation's name
    assert r.violation.name == name.split(" and ")[0]
    assert r.error == (f"Temporal properties {name} were violated." if several else
                       f"Temporal property {name} was violated.")


# ------------------------------------------------------------------ <>P

def test_eventually_holds_with_weak_fairness(run):
    r = prop(run, COUNT + "P == <>(x = 3)", "FSpec", "P")
    ok(r)
    assert (r.distinct_states, r.depth) == (4, 4)


def test_eventually_fails_without_fairness_by_stuttering(run):
    # TLC reports the first bad component its depth-first search completes: the deepest state
    # that can stutter without reaching x = 3, not the initial one
    r = prop(run, COUNT + "P == <>(x = 3)", "Spec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2], 3, True)
    assert [s.action.split(" ")[0] for s in r.violation.trace] == [
        "<Initial", "<Next", "<Next", "Stuttering"]


def test_eventually_fails_at_a_deadlock_state(run):
    r = prop(run, COUNT + "P == <>(x = 4)", "FSpec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2, 3], 4, True)


# ------------------------------------------------------------------ []<>P

def test_infinitely_often(run):
    ok(prop(run, CYCLE + "P == []<>(x = 2)", "FSpec", "P"))


def test_infinitely_often_violated_by_a_cycle(run):
    r = prop(run, CYCLE + "P == []<>(x = 3)", "FSpec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2], 0, False)
    assert r.violation.trace[1].action.startswith("<Next line")


# ------------------------------------------------------------------ <>[]P

def test_eventually_always(run):
    ok(prop(run, COUNT + "P == <>[](x = 3)", "FSpec", "P"))


def test_eventually_always_violated(run):
    r = prop(run, CYCLE + "P == <>[](x # 0)", "FSpec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2], 0, False)


# ------------------------------------------------------------------ ~> and [](P => <>Q)

def test_leads_to(run):
    ok(prop(run, COUNT + "P == (x = 1) ~> (x = 3)", "FSpec", "P"))


def test_leads_to_violated(run):
    r = prop(run, COUNT + "P == (x = 1) ~> (x = 3)", "Spec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2], 3, True)


def test_box_implies_eventually(run):
    ok(prop(run, CYCLE + "P == [](x = 1 => <>(x = 0))", "FSpec", "P"))
    r = prop(run, CYCLE + "P == [](x = 1 => <>(x = 0))", "Spec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2], 3, True)


# ------------------------------------------------------------------ conjunctions, disjunctions

def test_conjunction_reports_the_failing_conjunct_by_property_name(run):
    r = prop(run, CYCLE + "P == []<>(x = 0) /\\ <>(x = 5)", "FSpec", "P")
    violated(r, "P")
    ok(prop(run, CYCLE + "P == []<>(x = 0) /\\ []<>(x = 1)", "FSpec", "P"))


def test_disjunction(run):
    ok(prop(run, CYCLE + "P == <>(x = 5) \\/ []<>(x = 1)", "FSpec", "P"))
    r = prop(run, CYCLE + "P == <>(x = 5) \\/ <>[](x = 1)", "FSpec", "P")
    violated(r, "P")


def test_several_properties_every_one_the_counterexample_violates_is_named(run):
    # as TLC names them (TableauSymmetryMC: "Temporal properties prop_... and AllReady were violated.")
    body = COUNT + "A == <>(x = 3)\nB == <>(x = 7)\nC == <>(x = 8)"
    r = prop(run, body, "FSpec", "A B C")
    violated(r, "B and C")
    assert json.loads(json.dumps(result_json(r)))["violation"]["names"] == ["B", "C"]   # "name" stays "B"


# ------------------------------------------------------------------ action forms

def test_box_action_is_a_safety_property(run):
    ok(prop(run, COUNT + "P == [][x' > x]_x", "FSpec", "P"))
    r = prop(run, CYCLE + "P == [][x' > x]_x", "FSpec", "P")
    assert r.result == "safety failure" and r.exit_code == 13
    assert r.error is None or "Temporal" not in r.error


def test_eventually_angle_action(run):
    ok(prop(run, COUNT + "P == <><<x' = 3>>_x", "FSpec", "P"))
    r = prop(run, COUNT + "P == <><<x' = 3>>_x", "Spec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2], 3, True)


def test_infinitely_often_angle_action(run):
    ok(prop(run, CYCLE + "P == []<><<x' = 0>>_x", "FSpec", "P"))
    r = prop(run, COUNT + "P == []<><<x' = 0>>_x", "FSpec", "P")
    violated(r, "P")


# ------------------------------------------------------------------ ENABLED

def test_enabled(run):
    # with WF, Next is eventually disabled forever
    ok(prop(run, COUNT + "P == <>[](~ENABLED Next)", "FSpec", "P"))
    r = prop(run, CYCLE + "P == <>(~ENABLED Next)", "FSpec", "P")
    violated(r, "P")
    assert lasso(r, "x") == ([0, 1, 2], 0, False)


# ------------------------------------------------------------------ quantified forms

PROCS = """
CONSTANT Procs
VARIABLE done
vars == <<done>>
Init == done = [p \\in Procs |-> FALSE]
Step(p) == ~done[p] /\\ done' = [done EXCEPT ![p] = TRUE]
Next == \\E p \\in Procs : Step(p)
Spec == Init /\\ [][Next]_vars
FairEach == Spec /\\ \\A p \\in Procs : WF_vars(Step(p))
FairNext == Spec /\\ WF_vars(Next)
Done(p) == done[p]
AllDone == \\A p \\in Procs : <>Done(p)
SomeDone == \\E p \\in Procs : <>Done(p)
"""


def test_quantified_property_and_quantified_fairness(run):
    cfg = "CONSTANT Procs = {p1, p2}\nSPECIFICATION FairEach\nPROPERTY AllDone\nCHECK_DEADLOCK FALSE"
    r = run(PROCS, cfg)
    ok(r)
    assert r.distinct_states == 4


def test_quantified_property_fails_without_fairness(run):
    cfg = "CONSTANT Procs = {p1, p2}\nSPECIFICATION Spec\nPROPERTY AllDone\nCHECK_DEADLOCK FALSE"
    r = run(PROCS, cfg)
    violated(r, "AllDone")
    states, loop, stut = lasso(r)
    assert len(states) == 2 and stut
    assert sum(states[-1][0].values()) == 1   # one process done, the other never


def test_existential_with_weak_fairness_on_next(run):
    cfg = "CONSTANT Procs = {p1, p2}\nSPECIFICATION FairNext\nPROPERTY SomeDone AllDone\nCHECK_DEADLOCK FALSE"
    ok(run(PROCS, cfg))


# ------------------------------------------------------------------ a state predicate and []P in PROPERTY

def test_state_predicate_and_box_of_state_predicate_stay_safety(run):
    r = prop(run, COUNT + "P == x = 0\nQ == [](x <= 3)", "Spec", "P Q")
    ok(r)
    r = prop(run, COUNT + "Q == [](x <= 2)", "Spec", "Q")
    assert r.result == "safety failure" and r.exit_code == 12


def test_lasso_is_printed_as_tlc_does(run):
    from mcheck.trace.text import format_result
    r = prop(run, COUNT + "P == <>(x = 3)", "Spec", "P")
    assert format_result(r).startswith(
        "Error: Temporal property P was violated.\nError: The behavior up to this point is:\n"
        "State 1: <Initial predicate>\nx = 0\n\nState 2: <Next line")
    assert "\nState 3: <Next line" in format_result(r)
    assert "\nState 4: Stuttering\n" in format_result(r)
    r = prop(run, CYCLE + "P == []<>(x = 3)", "FSpec", "P")
    text = format_result(r)
    assert "State 3: <Next line" in text
    assert "\nBack to state 1: <Next line" in text

def test_alias_replaces_the_variables_in_a_printed_trace(tmp_path):
    from mcheck.checker.run import check_spec
    from mcheck.trace.text import format_result
    (tmp_path / "Al.tla").write_text("---- MODULE Al ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
                                     "Next == x' = x + 1\nInv == x < 2\nAlias == [double |-> 2 * x, x |-> x]\n====\n")
    (tmp_path / "Al.cfg").write_text("INIT Init\nNEXT Next\nINVARIANT Inv\nALIAS Alias\n")
    text = format_result(check_spec(str(tmp_path / "Al.tla")))
    assert "State 3: <Next line 5, col 9 to line 5, col 18 of module Al>\n/\\ double = 4\n/\\ x = 2" in text


# ------------------------------------------------------------------ [A]_v inside a temporal formula

def test_a_box_action_inside_a_temporal_formula_holds_on_steps_that_leave_v_alone(run):
    """``[A]_v`` as a liveness atom is ``A \\/ v' = v``: a step that changes v must be an A step,
    one that leaves v alone satisfies it (it was the other way round: issue 14, Github687fifo)."""
    r = prop(run, CYCLE + "P == ~~((x = 0) /\\ [][x' = (x + 1) % 3]_x)", "Spec", "P")
    ok(r)
    r = prop(run, CYCLE + "Q == ~~((x = 0) /\\ [][x' = x + 1]_x)", "Spec", "Q")
    violated(r, "Q")
    assert lasso(r, "x")[0] == [0, 1, 2, 0]     # the step 2 -> 0 is no x' = x + 1 step


# ------------------------------------------------------------------ quantifiers over constant sets

def test_a_quantifier_whose_set_uses_an_outer_bound_variable_is_expanded(run):
    """TLC's April20a: ``\\A i \\in S : \\E j \\in S \\ {i} : ...``; the inner set names i (was:
    "unknown operator 'i'"), also in a quantifier nested in the same formula."""
    body = CYCLE + ("S == 0..2\nP == \\A i \\in S : \\E j \\in S \\ {i} : []<>(x = j)\n"
                    "Q == \\A i \\in S : \\A j \\in S \\ {i} : []<>(x = j)\n"
                    "R == \\A i \\in S : \\E j \\in S \\ {i} : <>[](x = j)\nNotP == ~P")
    ok(prop(run, body, "FSpec", "P Q"))
    violated(prop(run, body, "FSpec", "R"), "R")
    violated(prop(run, body, "FSpec", "NotP"), "NotP")


def test_let_definitions_in_a_temporal_formula(run):
    """TLC's ChooseTableauSymmetry: ``LET v == ... IN P ~> Q``; a definition may use an earlier one."""
    body = CYCLE + ("P == LET v == 1\n         w == v + 1 IN (x = v) ~> (x = w)\n"
                    "R == LET v == 1 IN <>[](x = v)")
    ok(prop(run, body, "FSpec", "P"))
    violated(prop(run, body, "FSpec", "R"), "R")
