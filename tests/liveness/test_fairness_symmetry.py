"""Fairness (WF versus SF), refinement through INSTANCE, SYMMETRY, VIEW, ALIAS and POSTCONDITION."""
from __future__ import annotations

from .conftest import lasso

# Act is enabled only when x = 1; Toggle flips x forever.  WF_vars(Act) does not force Act (it is
# not continuously enabled), SF_vars(Act) does (it is infinitely often enabled).
TOGGLE = """
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\\ y = FALSE
Toggle == x' = 1 - x /\\ UNCHANGED y
Act == x = 1 /\\ ~y /\\ y' = TRUE /\\ UNCHANGED x
Next == Toggle \\/ Act
WSpec == Init /\\ [][Next]_vars /\\ WF_vars(Toggle) /\\ WF_vars(Act)
SSpec == Init /\\ [][Next]_vars /\\ WF_vars(Toggle) /\\ SF_vars(Act)
NoFair == Init /\\ [][Next]_vars
EventuallyY == <>y
"""


def test_strong_fairness_makes_it_hold(run):
    r = run(TOGGLE, "SPECIFICATION SSpec\nPROPERTY EventuallyY")
    assert r.result == "success", r.error
    assert (r.distinct_states, r.depth) == (4, 4)


def test_weak_fairness_is_not_enough_for_an_intermittently_enabled_action(run):
    r = run(TOGGLE, "SPECIFICATION WSpec\nPROPERTY EventuallyY")
    assert r.result == "liveness failure" and r.exit_code == 13
    states, loop, stut = lasso(r)
    assert states == [(0, False), (1, False)] and loop == 0 and not stut
    assert r.violation.trace[1].action.startswith("<Toggle line")


def test_weak_fairness_makes_it_hold_and_removing_it_stutters(run):
    body = """
VARIABLE x
Init == x = 0
Next == x < 2 /\\ x' = x + 1
Fair == Init /\\ [][Next]_x /\\ WF_x(Next)
Unfair == Init /\\ [][Next]_x
Done == <>(x = 2)
"""
    r = run(body, "SPECIFICATION Fair\nPROPERTY Done\nCHECK_DEADLOCK FALSE")
    assert r.result == "success"
    r = run(body, "SPECIFICATION Unfair\nPROPERTY Done\nCHECK_DEADLOCK FALSE")
    assert r.result == "liveness failure"
    assert lasso(r, "x") == ([0, 1], 2, True)
    assert r.violation.trace[-1].action == "Stuttering"


def test_no_fairness_stutters_at_the_initial_state(run):
    r = run(TOGGLE, "SPECIFICATION NoFair\nPROPERTY EventuallyY")
    assert r.result == "liveness failure"
    assert lasso(r) == ([(0, False)], 1, True)


# ------------------------------------------------------------------ refinement through INSTANCE

ABSTRACT = """---- MODULE Abs ----
EXTENDS Naturals
VARIABLE n
Init == n = 0
Next == n < 2 /\\ n' = n + 1
Spec == Init /\\ [][Next]_n /\\ WF_n(Next)
====
"""

CONCRETE = """
VARIABLE c
Init == c = 0
Next == c < 4 /\\ c' = c + 1
FSpec == Init /\\ [][Next]_c /\\ WF_c(Next)
Spec == Init /\\ [][Next]_c
A == INSTANCE Abs WITH n <- c \\div 2
Refinement == A!Spec
"""


def test_refinement_with_the_abstract_fairness(run):
    r = run(CONCRETE, "SPECIFICATION FSpec\nPROPERTY Refinement\nCHECK_DEADLOCK FALSE",
            extra={"Abs": ABSTRACT})
    assert r.result == "success", r.error
    assert r.distinct_states == 5


def test_refinement_liveness_violated_without_fairness(run):
    r = run(CONCRETE, "SPECIFICATION Spec\nPROPERTY Refinement\nCHECK_DEADLOCK FALSE",
            extra={"Abs": ABSTRACT})
    assert r.result == "liveness failure", r.error
    assert r.violation.name == "Refinement"
    # the search follows only steps that keep the abstract Next unfired (as TLC's follows only
    # edges satisfying the <>[] conditions), so c = 2 is out of its reach and c = 1 stutters
    assert lasso(r, "c") == ([0, 1], 2, True)


def test_refinement_safety_part_is_an_action_property(run):
    bad = CONCRETE.replace("c < 4 /\\ c' = c + 1", "c < 4 /\\ c' = c + 3")
    r = run(bad, "SPECIFICATION FSpec\nPROPERTY Refinement\nCHECK_DEADLOCK FALSE", extra={"Abs": ABSTRACT})
    assert r.result == "safety failure" and r.exit_code == 13
    assert r.violation.kind == "property"


# ------------------------------------------------------------------ SYMMETRY and VIEW (TLC-SEMANTICS §6)

SYM = """
CONSTANT P
VARIABLE owner
Perms == Permutations(P)
Init == owner = {}
Next == \\E p \\in P : owner' = owner \\cup {p}
"""


def test_symmetry_reduces_as_tlc(run):
    cfg = "CONSTANT P = {p1, p2, p3}\nINIT Init\nNEXT Next\n"
    r = run(SYM, cfg, extends="TLC")
    assert (r.result, r.states_generated, r.distinct_states) == ("success", 25, 8)
    r = run(SYM, cfg + "SYMMETRY Perms\n", extends="TLC")
    assert (r.result, r.states_generated, r.distinct_states) == ("success", 13, 4)
    assert r.depth == 4


def test_symmetry_with_liveness_prints_tlcs_warning(run):
    from mcheck.trace.text import format_result
    body = SYM + "Spec == Init /\\ [][Next]_owner /\\ WF_owner(Next)\nLive == <>(owner = P)\n"
    r = run(body, "CONSTANT P = {p1, p2}\nSPECIFICATION Spec\nPROPERTY Live\nSYMMETRY Perms\n"
                  "CHECK_DEADLOCK FALSE", extends="TLC")
    assert r.result == "success"
    assert format_result(r).startswith(
        "Warning: Declaring symmetry during liveness checking is dangerous. It might cause TLC to miss "
        "violations of the stated liveness properties. Please check liveness without symmetry defined.\n")


def test_symmetry_trace_is_a_concrete_behaviour(run):
    body = SYM + "Small == Cardinality(owner) < 2\n"
    r = run(body, "CONSTANT P = {p1, p2, p3}\nINIT Init\nNEXT Next\nSYMMETRY Perms\nINVARIANT Small",
            extends="Naturals, TLC, FiniteSets")
    assert r.result == "safety failure"
    tr = [st.state[0] for st in r.violation.trace]
    assert len(tr) == 3 and tr[0] == frozenset() and len(tr[1]) == 1 and len(tr[2]) == 2 and tr[1] < tr[2]


def test_view(run):
    body = """
VARIABLES x, c
Init == x = 0 /\\ c = 0
Next == x' = (x + 1) % 3 /\\ c' = c + 1
V == x
"""
    r = run(body, "INIT Init\nNEXT Next\nVIEW V")
    assert (r.result, r.states_generated, r.distinct_states) == ("success", 4, 3)


def test_lasso_under_view_is_a_real_behaviour(run):
    # the liveness graph's nodes are VIEW classes; the stored state of class x = 0 is (0, 0), but
    # the cycle reaches that class at (0, 2): the trace prints the state the behaviour really has,
    # and, as TLC, does not rotate the cycle into the prefix
    body = """
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\\ y = 0
Next == x' = 1 - x /\\ y' = y + 1
Spec == Init /\\ [][Next]_vars /\\ WF_vars(Next)
View == x
P == [](x = 1 => <>[](x = 1))
"""
    r = run(body, "SPECIFICATION Spec\nPROPERTY P\nVIEW View")
    assert r.result == "liveness failure"
    assert lasso(r) == ([(0, 0), (1, 1), (0, 2)], 1, False)
    assert all(s.action.startswith("<Next line") for s in r.violation.trace[1:])
    assert r.violation.loop_action.startswith("<Next line")


def test_alias_and_postcondition_are_on_the_model(run):
    body = """
VARIABLE x
Init == x = 0
Next == x < 2 /\\ x' = x + 1
Al == [x |-> x, double |-> 2 * x]
Post == TRUE
BadPost == FALSE
"""
    r = run(body, "INIT Init\nNEXT Next\nALIAS Al\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE")
    assert r.result == "success"
    assert r.model.source.alias((1,))["double"] == 2
    r = run(body, "INIT Init\nNEXT Next\nPOSTCONDITION BadPost\nCHECK_DEADLOCK FALSE")
    assert r.result == "assumption failure" and r.violation.kind == "postcondition" and r.exit_code == 10
