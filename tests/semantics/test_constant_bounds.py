"""A constant lazy set bound by a loop (``\\E r \\in SUBSET (P \\X M)``, ``x' \\in [S -> T]``) has its
elements in TLC's order built once, at compile time, not at each entry to the loop (bosco: 256 sets per
state and process); one that is infinite, too large or fails is enumerated where TLC meets it."""
from __future__ import annotations

from mcheck.checker.run import check_spec
from mcheck.semantics.compiler import expressions
from tests.conftest import write_spec

SUBSETS = """
VARIABLE r
Init == r = {}
Next == Cardinality(r) < 5 /\\ \\E q \\in SUBSET ({1, 2} \\X {"a", "b"}) : r \\subseteq q /\\ r' = q
Small == Cardinality(r) < 2
"""


def test_a_constant_subset_is_enumerated_in_tlcs_order(tmp_path):
    spec = write_spec(tmp_path, "Sub", SUBSETS, "INIT Init\nNEXT Next\nINVARIANT Small\n",
                      extends="Naturals, FiniteSets")
    r = check_spec(str(spec))
    # the initial state's successors in SUBSET's order: {}, the four singletons, then the first pair
    assert r.exit_code == 12 and r.distinct_states == 6 and r.states_generated == 1 + 6
    assert r.violation.trace[-1].state == (frozenset({(1, "a"), (1, "b")}),)


def test_a_constant_subset_counts_every_superset(tmp_path):
    spec = write_spec(tmp_path, "Sub", SUBSETS, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n",
                      extends="Naturals, FiniteSets")
    r = check_spec(str(spec))
    # 16 subsets; from r, the supersets of r: sum over r of 2^(4 - |r|) = 3^4
    assert r.result == "success" and r.distinct_states == 16 and r.states_generated == 1 + 81


def test_past_the_limit_the_set_is_enumerated_at_each_entry_with_the_same_answer(tmp_path, monkeypatch):
    monkeypatch.setattr(expressions, "CONST_ELEMENTS_LIMIT", 4)
    spec = write_spec(tmp_path, "Sub", SUBSETS, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n",
                      extends="Naturals, FiniteSets")
    r = check_spec(str(spec))
    assert r.result == "success" and r.distinct_states == 16 and r.states_generated == 1 + 81


def test_an_infinite_constant_bound_fails_only_where_it_is_reached(tmp_path):
    body = """
VARIABLE x
Init == x = 0
Next == x < 2 /\\ x' = x + 1 /\\ (x = 1 => \\E q \\in SUBSET Nat : q = {})
"""
    spec = write_spec(tmp_path, "Inf", body, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
    r = check_spec(str(spec))
    assert r.exit_code == 75, r.error
    assert r.distinct_states == 2


def test_the_constant_subset_is_enumerated_once_not_per_state(tmp_path, monkeypatch):
    from mcheck.semantics.values import sets
    calls = []
    original = sets.PowerSet._iter

    def counted(self):
        calls.append(1)
        return original(self)
    monkeypatch.setattr(sets.PowerSet, "_iter", counted)
    spec = write_spec(tmp_path, "Sub", SUBSETS, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n",
                      extends="Naturals, FiniteSets")
    r = check_spec(str(spec))
    assert r.result == "success" and r.distinct_states == 16
    assert len(calls) <= 2   # when compiling; 16 before (one per state expanded)
