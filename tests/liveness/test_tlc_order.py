"""The counterexample TLC prints: its order of checking (fairness and properties in one DNF), where its
search enters a bad component, its cycle, and steps under SYMMETRY evaluated on the state generated."""
from __future__ import annotations

from mcheck.checker.automata import dnf, fairness_formula, solutions

from .conftest import lasso

BIDIRECTIONAL = """
VARIABLE x
A == x' = (x + 1) % 3
B == x' \\in 0..2
Spec == (x = 0) /\\ [][A \\/ B]_x /\\ WF_x(B)
NotA == WF_x(A)
"""


def test_weak_fairness_violation_loops_from_the_initial_state_as_tlc_prints_it(run):
    # TLC's BidirectionalTransitions1Bx: the search over the steps that are not <<A>>_x steps enters
    # the component at x = 0, the cycle takes a B step first (0 -> 2), then the way back: 3 states
    r = run(BIDIRECTIONAL, "SPECIFICATION Spec\nPROPERTY NotA\nCHECK_DEADLOCK FALSE\n")
    assert r.result == "liveness failure" and r.violation.name == "NotA"
    assert lasso(r, "x") == ([0, 2, 1], 0, False)


SYMMETRIC = """
CONSTANTS S, m1, m2
VARIABLE x
Init == x \\in S
Next == x' \\in S
Spec == Init /\\ [][Next]_x /\\ WF_x(Next)
Live == \\A i \\in S : []<>(x = i)
Perms == Permutations(S)
"""


def test_symmetry_evaluates_a_step_on_the_state_generated_as_tlc_does(run):
    # TLC's April22MC: one class {x = m1, x = m2}; the step from x = m1 to x = m2 changes x (a fair
    # <<Next>>_x step), though the state stored for its class is x = m1 again, and x = m2 never holds
    # of the stored state: TLC reports Live violated (2 states), and so does mcheck
    cfg = ("CONSTANTS m1 = m1 m2 = m2 S = {m1, m2}\nSYMMETRY Perms\nSPECIFICATION Spec\nPROPERTY Live\n"
           "CHECK_DEADLOCK FALSE\n")
    r = run(SYMMETRIC, cfg, extends="Naturals, TLC")
    assert r.result == "liveness failure" and r.violation.name == "Live"
    assert len(r.violation.trace) == 2


def test_strong_fairness_is_two_disjuncts_and_weak_fairness_one():
    wf, sf = fairness_formula("WF", 0, 1), fairness_formula("SF", 0, 1)
    assert len(dnf(wf)) == 1 and len(dnf(sf)) == 2


def test_disjuncts_with_the_same_tableau_formula_are_one_order_of_solution():
    # <>[]p (a PEM's <>[] part, no tableau) and []<>q (its []<> part) share "no tableau"; <>r has one
    ea = ("U", ("T",), ("R", ("F",), ("S", 0, True)))
    ae = ("R", ("F",), ("U", ("T",), ("S", 1, True)))
    ev = ("U", ("T",), ("S", 2, True))
    sols = solutions([ea, ae, ev], [fairness_formula("SF", 3, 4)])
    assert [s.tf for s in sols] == [None, ev]
    # SF's two disjuncts vary slowest, as in TLC's cross product
    assert [p.prop for p in sols[0].pems] == [0, 1, 0, 1]
    assert sols[0].pems[0].ea == [("S", 3, False), ("S", 0, True)]
    assert sols[0].pems[2].ae_action == [("A", 4, True)]


NEVER_THREE = """
VARIABLE x
Init == x = 0
Step == x < 3 /\\ x' = x + 1
Spec == Init /\\ [][Step]_x
FairSpec == Spec /\\ WF_x(Step)
NeverThree == [](x = 1 => [](x # 3))
"""


def test_a_finite_prefix_that_violates_a_temporal_property_is_a_safety_violation_as_in_tlc(run):
    # TLC's Github710d (tlaplus PR #1348): no fairness, so once x = 3 follows x = 1 nothing that
    # comes after matters: exit 12, the 4 states of the prefix, no cycle
    r = run(NEVER_THREE, "SPECIFICATION Spec\nPROPERTY NeverThree\nCHECK_DEADLOCK FALSE\n")
    assert (r.result, r.exit_code, r.violation.name) == ("safety failure", 12, "NeverThree")
    assert lasso(r, "x") == ([0, 1, 2, 3], None, False)
    # with fairness the tail must be fair too: a liveness counterexample (Github710eFair)
    r = run(NEVER_THREE, "SPECIFICATION FairSpec\nPROPERTY NeverThree\nCHECK_DEADLOCK FALSE\n")
    assert (r.result, r.exit_code) == ("liveness failure", 13)
