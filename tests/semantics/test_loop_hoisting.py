"""Loop-invariant hoisting: a costly part of a loop's body that does not use the loop's variable is
evaluated once per entry to the loop, lazily (only if the body reaches it), with the same answers."""
from __future__ import annotations

from mcheck.checker.run import check_spec
from tests.conftest import write_spec

BODY = """
VARIABLE x
Up(n) == {k \\in 0..9 : k % 2 = 0} \\cup {n}
Init == x = 0
Next == \\E y \\in x..9 : y \\in Up(x) /\\ y > x /\\ x' = y
Inv == \\A y \\in 0..9 : y \\in Up(x) => y >= 0
"""


def _calls(r, name: str) -> int:
    return sum(e.calls for e in r.model.profile.entries if e.name.startswith(name + " "))


def test_an_invariant_of_an_exists_loop_is_computed_once_per_state_expanded(tmp_path):
    spec = write_spec(tmp_path, "Hoist", BODY, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n")
    r = check_spec(str(spec), profile=True)
    # x = 0, 2, 4, 6, 8; from x the even numbers above it
    assert r.result == "success" and r.distinct_states == 5 and r.states_generated == 1 + 4 + 3 + 2 + 1
    # Up(x) does not depend on y: once per state in Next's loop and once per state in Inv's,
    # not ten times each
    assert _calls(r, "Up") == 5 + 5


def test_an_invariant_is_not_evaluated_when_the_loop_has_no_element(tmp_path):
    # f[3] is outside f's domain: TLC never evaluates it, as the loop has no element
    body = """
VARIABLE x
f == [i \\in 1..2 |-> i]
Init == x = 0
Next == \\E y \\in x..(x - 1) : y \\in (f[3] \\cup {x}) /\\ x' = y
"""
    spec = write_spec(tmp_path, "Empty", body, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
    r = check_spec(str(spec))
    assert r.result == "success" and r.distinct_states == 1


def test_an_invariant_that_fails_reports_tlc_s_error_at_its_first_use(tmp_path):
    body = """
VARIABLE x
f == [i \\in 1..2 |-> {i}]
Init == x = 0
Next == \\E y \\in x..2 : y \\in (f[x] \\cup {7}) /\\ x' = y
"""
    spec = write_spec(tmp_path, "Fails", body, "INIT Init\nNEXT Next\n")
    r = check_spec(str(spec))
    assert r.exit_code == 75
    assert "Attempted to access index 0 of tuple" in r.error and "while evaluating: f[x]" in r.error


def test_a_hoisted_union_in_a_quantifier_keeps_the_answer(tmp_path):
    body = """
VARIABLE s
Init == s = {1}
Next == s' = s \\cup {Cardinality(s) + 1} /\\ Cardinality(s) < 4
Ok == \\A a \\in 1..5 : a \\in (s \\cup {5}) \\/ a > Cardinality(s)
"""
    spec = write_spec(tmp_path, "Quant", body, "INIT Init\nNEXT Next\nINVARIANT Ok\nCHECK_DEADLOCK FALSE\n",
                      extends="Naturals, FiniteSets")
    r = check_spec(str(spec))
    assert r.result == "success" and r.distinct_states == 4
