"""TLC's counting experiments (TLC-SEMANTICS.md §1-§4): states generated, distinct states, depth.

Each spec is the one named in the document; the expected figures are TLC's own output (``-workers 1``).
"""
from __future__ import annotations

import pytest

from mcheck.trace.text import format_result


def counts(r):
    return r.states_generated, r.distinct_states, r.depth


def test_counts_every_disjunct_and_exists_instance_as_generated(check):
    # Counts.tla: 2 init states (the set {0,0,1} is normalized) + 3 states x 5 successor tuples.
    r = check("Counts", r"""
VARIABLE x
Init == x \in {0, 0, 1}
Next == x' = x \/ x' = (x + 1) % 3 \/ x' = (x + 1) % 3 \/ \E i \in {1, 2} : x' = x
""")
    assert r.result == "success" and r.exit_code == 0
    assert counts(r) == (17, 3, 2)
    assert r.left_on_queue == 0
    text = format_result(r)
    assert "17 states generated, 3 distinct states found, 0 states left on queue." in text
    assert "The depth of the complete state graph search is 2." in text
    assert "calculated (optimistic):  val = 2.3E-18" in text


def test_constraint_excluded_state_is_generated_but_not_stored(check):
    # Cons.tla: x=3 is generated, not stored; x=2 is not a deadlock because it has a successor.
    r = check("Cons", r"""
VARIABLE x
Init == x = 0
Next == x' = x + 1
Cons == x < 3
""", "INIT Init\nNEXT Next\nCONSTRAINT Cons")
    assert r.result == "success" and r.exit_code == 0
    assert counts(r) == (4, 3, 3)


def test_constraint_excluded_state_is_still_checked_against_invariants(check):
    # Cons2.tla: the excluded x=3 violates the invariant; the trace has depth + 1 = 4 states.
    r = check("Cons2", r"""
VARIABLE x
Init == x = 0
Next == x' = x + 1
Cons == x < 3
Inv == x < 3
""", "INIT Init\nNEXT Next\nCONSTRAINT Cons\nINVARIANT Inv")
    assert r.exit_code == 12
    assert r.violation.kind == "invariant" and r.violation.name == "Inv"
    assert [s.state for s in r.violation.trace] == [(0,), (1,), (2,), (3,)]
    assert counts(r) == (4, 3, 3)
    text = format_result(r)
    assert "Error: Invariant Inv is violated." in text
    assert "State 4: " in text and text.count("State ") == 4
    assert "4 states generated, 3 distinct states found" in text


def test_init_states_outside_constraint_are_generated_not_distinct(check):
    # InitCons.tla: 6 init states generated, 3 of them in the model; each of those 3 has one self-loop.
    r = check("InitCons", r"""
VARIABLE x
Init == x \in 0..5
Next == x' = x
Cons == x < 3
""", "INIT Init\nNEXT Next\nCONSTRAINT Cons")
    assert r.result == "success"
    assert counts(r) == (9, 3, 1)


def test_invariant_is_checked_on_init_states_excluded_by_constraint(check):
    # InitCons2: x=5 is excluded by the constraint but still violates the invariant; no stats lines.
    r = check("InitCons2", r"""
VARIABLE x
Init == x \in 0..5
Next == x' = x
Cons == x < 3
Inv == x < 5
""", "INIT Init\nNEXT Next\nCONSTRAINT Cons\nINVARIANT Inv")
    assert r.exit_code == 12
    assert r.violation.initial
    assert r.violation.trace[-1].state == (5,)
    text = format_result(r)
    assert "Error: Invariant Inv is violated by the initial state:\nx = 5" in text
    assert "states generated" not in text and "depth" not in text


STOP = r"""
VARIABLE x
Init == x = 0
Next == x' = x + 1 \/ x' = x + 2 \/ x' = x + 3
Inv == x # 2
"""
STOP_CFG = "INIT Init\nNEXT Next\nINVARIANT Inv"


def test_search_stops_at_first_violating_successor(check):
    # Stop.tla: the 3rd disjunct is never evaluated; the violating state counts as distinct.
    r = check("Stop", STOP, STOP_CFG)
    assert r.exit_code == 12
    assert [s.state for s in r.violation.trace] == [(0,), (2,)]
    assert (r.states_generated, r.distinct_states, r.depth) == (3, 3, 2)
    assert r.violation.trace[0].action == "<Initial predicate>"


def test_violating_successor_is_not_left_on_queue(check):
    r = check("Stop", STOP, STOP_CFG)
    assert r.left_on_queue == 1
    assert "3 states generated, 3 distinct states found, 1 states left on queue." in format_result(r)


def test_trace_label_is_operator_and_location_of_the_split_piece(check):
    # Line 5 is Next; x=2 comes from its 2nd disjunct, `x' = x + 2` at columns 23-32.
    r = check("Stop", STOP, STOP_CFG)
    assert r.violation.trace[1].action == "<Next line 5, col 23 to line 5, col 32 of module Stop>"


DEAD = r"""
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
"""


def test_deadlock_when_no_action_produces_a_successor(check):
    # Dead.tla
    r = check("Dead", DEAD)
    assert r.exit_code == 11 and r.result == "deadlock failure"
    assert r.violation.kind == "deadlock"
    assert [s.state for s in r.violation.trace] == [(0,), (1,), (2,)]
    assert counts(r) == (3, 3, 3)
    text = format_result(r)
    assert "Error: Deadlock reached." in text
    assert "3 states generated, 3 distinct states found" in text


def test_deadlocked_state_is_not_left_on_queue(check):
    r = check("Dead", DEAD)
    assert r.left_on_queue == 0
    assert "3 states generated, 3 distinct states found, 0 states left on queue." in format_result(r)


def test_successor_excluded_by_action_constraint_prevents_deadlock(check):
    # Dead2: x=1 has one excluded successor, which is enough.
    r = check("Dead2", r"""
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
AC == x' < 2
""", "INIT Init\nNEXT Next\nACTION_CONSTRAINT AC")
    assert r.result == "success" and r.exit_code == 0
    assert (r.states_generated, r.distinct_states) == (3, 2)


ONLY = r"""
VARIABLE x
Init == x \in {0, 1}
Next == FALSE /\ x' = x
"""


def test_deadlock_on_first_initial_state_has_one_state_trace(check):
    # Only.tla
    r = check("Only", ONLY)
    assert r.exit_code == 11
    assert [s.state for s in r.violation.trace] == [(0,)]
    assert (r.states_generated, r.distinct_states, r.depth) == (2, 2, 1)


def test_deadlocked_initial_state_is_not_left_on_queue(check):
    r = check("Only", ONLY)
    assert r.left_on_queue == 1


@pytest.mark.parametrize("how", ["cfg", "flag"])
def test_spec_with_only_initial_states_has_depth_one(check, how):
    # Only2: with CHECK_DEADLOCK FALSE (or --no-deadlock) it is a success, depth 1.
    if how == "cfg":
        r = check("Only", ONLY, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE")
    else:
        r = check("Only", ONLY, no_deadlock=True)
    assert r.result == "success" and r.exit_code == 0
    assert counts(r) == (2, 2, 1)


def test_zero_initial_states_is_a_success_with_depth_zero(check):
    # Ini0.tla
    r = check("Ini0", r"""
VARIABLE x
Init == x = 1 /\ x = 2
Next == x' = x
""")
    assert r.result == "success" and r.exit_code == 0
    assert counts(r) == (0, 0, 0)
    assert "The depth of the complete state graph search is 0." in format_result(r)


def test_init_disjunction_after_all_variables_bound_does_not_branch(check):
    # Ini.tla: bindings x=1,0,1; y=11 gives 1 state, not 2 -> 5 init states generated, 3 distinct.
    # Next produces nothing, so the generated count is exactly the init count.
    r = check("Ini", r"""
VARIABLES x, y
Init == /\ \E i \in 1..3 : x = i % 2
        /\ y \in {x, x + 10}
        /\ (y > 0 \/ y > 5)
Next == FALSE /\ UNCHANGED <<x, y>>
""", no_deadlock=True)
    assert r.result == "success"
    assert (r.states_generated, r.distinct_states, r.depth) == (5, 3, 1)


def test_disjunction_reached_with_all_primes_bound_is_a_boolean(check):
    # Dup.tla (TLC's default, without -nowarning): 5 generated, not 9.
    r = check("Dup", r"""
VARIABLE x
Init == x = 0
Next == (x' = 1 \/ x' = 1) /\ (x >= 0 \/ x >= 0)
""")
    assert r.result == "success"
    assert (r.states_generated, r.distinct_states) == (5, 2)


@pytest.mark.parametrize("next_, generated", [
    (r"x' = 1 /\ (y = 0 \/ y = 0) /\ y' = y", 5),
    (r"x' = 1 /\ y' = y /\ (y = 0 \/ y = 0)", 3),
])
def test_disjunction_branches_only_while_a_prime_is_unbound(check, next_, generated):
    # Dup2.tla
    r = check("Dup2", f"""
VARIABLES x, y
Init == x = 0 /\\ y = 0
Next == {next_}
""")
    assert r.result == "success"
    assert (r.states_generated, r.distinct_states) == (generated, 2)


def test_act_counts_guards_set_membership_if_and_empty_sets(check):
    # Act.tla: predicted 1+4+4+3+3.
    r = check("Act", r"""
VARIABLES x, y
Init == x = 0 /\ y = 0
A == x' = x + 1 /\ x' < 3 /\ UNCHANGED y
B == x' \in {x, x + 1, x + 1} /\ y' = y
C == IF x = 0 THEN x' = 2 /\ y' = y ELSE UNCHANGED <<x, y>>
D == x < 2 /\ x' = x /\ y' \in {}
Next == A \/ B \/ C \/ D
Cons == x <= 3
""", "INIT Init\nNEXT Next\nCONSTRAINT Cons")
    assert r.result == "success"
    assert counts(r) == (15, 4, 3)


def test_case_takes_only_the_first_true_guard(check):
    # Case.tla: x'=2 is never produced.
    r = check("Case", r"""
VARIABLE x
Init == x = 0
Next == CASE x = 0 -> x' = 1 [] x = 0 -> x' = 2 [] OTHER -> x' = x
""")
    assert r.result == "success"
    assert (r.states_generated, r.distinct_states) == (3, 2)


def test_init_may_call_definitions_that_read_the_variables_it_has_bound(check):
    # btree.tla: Init == /\ isLeaf = ... /\ root = ChooseFreeNode, where ChooseFreeNode reads isLeaf
    r = check("IniDef", r"""
VARIABLES x, y, z
F == x + 1
G(n) == CHOOSE k \in 0..10 : k = x + y + n
Init == x = 1 /\ y = F /\ z = G(F)
Next == UNCHANGED <<x, y, z>>
""")
    assert r.result == "success"
    assert r.distinct_states == 1


def test_a_definition_called_from_init_reading_an_unbound_variable_is_an_error(check):
    r = check("IniDefBad", r"""
VARIABLES x, y
F == x + 1
Init == y = F /\ x = 1
Next == UNCHANGED <<x, y>>
""")
    assert r.exit_code == 75
    assert "In evaluation, the identifier x is either undefined or not an operator." in format_result(r)


def test_assumes_of_an_extended_module_are_checked_but_not_those_of_an_instantiated_one(check, spec):
    # TLC checks the root's ASSUMEs and those of modules it EXTENDS (SANY's getAssumptions), not those
    # of modules it INSTANCEs: TLC/TestGraphs INSTANCEs TLCMC, whose ASSUME quantifies over Nat
    spec("Inst", "ASSUME FALSE\nK == 1", extends="")
    r = check("Root", "INSTANCE Inst\nVARIABLE x\nInit == x = K\nNext == x' = x")
    assert r.result == "success", r.error
    spec("Ext", "ASSUME FALSE\nK == 1", extends="")
    r = check("Root2", "VARIABLE x\nInit == x = K\nNext == x' = x", extends="Ext")
    assert r.result == "assumption failure" and r.exit_code == 10


def test_a_primed_definition_reads_the_variables_already_bound_in_the_step(check):
    # InnerSerial: opOrder' \in SUBSET(opId' \X opId') where opId reads opQ (bound) and not opOrder
    r = check("PrimedDef", r"""
VARIABLES q, o
Ids == {i \in 1..3 : i <= q}
Init == q = 0 /\ o = {}
Next == q < 2 /\ q' = q + 1 /\ o' \in SUBSET Ids'
""", no_deadlock=True)
    assert r.result == "success", r.error
    assert r.distinct_states == 1 + 2 + 4


def test_a_primed_definition_reading_an_unbound_variable_is_an_error(check):
    r = check("PrimedDefBad", r"""
VARIABLES q, o
Ids == {i \in 1..3 : i <= q + Cardinality(o)}
Init == q = 0 /\ o = {}
Next == q < 2 /\ q' = q + 1 /\ o' \in SUBSET Ids'
""", extends="Naturals, FiniteSets")
    assert r.exit_code == 75
    assert "In evaluation, the identifier o is either undefined or not an operator." in format_result(r)


def test_an_exists_inside_an_operator_or_let_is_a_successor_per_witness(check):
    # TLC's Tool.getNextStates goes into user-defined operators, LET, IF and => while a primed
    # variable is unbound, and enumerates each \E witness there (PaxosCommit's Decide): 1 initial
    # state, then P(i) gives 3 x 2, the LET 3, the IF 3, the => 3; the constant Q was computed at
    # start-up and is one condition
    r = check("Witness", r"""
VARIABLE x
Init == x = 0
P(i) == \E j \in 1..2 : i > 0
Q == \E i \in 1..2 : TRUE
A == (\E i \in 1..3 : P(i)) /\ x' = 0
B == (LET R(i) == i > 0 IN \E i \in 1..3 : R(i)) /\ x' = 0
C == IF x = 0 THEN \E i \in 1..3 : i > 0 ELSE FALSE
D == (x = 0 => \E i \in 1..3 : i > 0) /\ x' = 0
Next == A \/ B \/ (C /\ x' = 0) \/ D \/ (Q /\ x' = 0)
""")
    assert r.result == "success", r.error
    assert counts(r) == (1 + 6 + 3 + 3 + 3 + 1, 1, 1)


def test_conditions_after_every_variable_is_bound_are_not_enumerated(check):
    # once every primed variable has a value, TLC evaluates the rest of the conjunction
    r = check("Bound", r"""
VARIABLE x
P == \E j \in 1..2 : x >= 0
Init == x = 0
Next == x' = 0 /\ P /\ \E i \in 1..3 : i > 0
""")
    assert counts(r) == (2, 1, 1)
