"""``f[x \\in S] == e`` that reads the state, applied at a point: the body at that point only, as TLC
applies its lazy function value (FcnLambdaValue)."""
from __future__ import annotations


def test_applying_a_state_function_definition_evaluates_only_that_point(check):
    # the body fails at x = 0, a point never applied: TLC evaluates f[1] alone
    r = check("Lazy", r"""
VARIABLE y
f[x \in 0..2] == 10 \div (x * (y + 1))
Init == y = 0
Next == y' = f[1] - 9 /\ y < 1
Inv == f[2] = 10 \div (2 * (y + 1))
""", "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE")
    assert (r.result, r.distinct_states) == ("success", 2), r.error


def test_a_point_outside_the_domain_is_tlcs_error(check):
    r = check("Outside", r"""
VARIABLE y
f[x \in 1..2, z \in {"a"}] == x + y
Init == y = 0
Next == y' = f[3, "a"]
""", "INIT Init\nNEXT Next")
    assert r.exit_code == 75
    assert "which is not in the domain of the function" in r.error


def test_a_function_definition_used_as_a_value_is_the_whole_function(check):
    r = check("Whole", r"""
VARIABLE y
g[x \in 1..3] == x + y
Init == y = 0
Next == y' = 1 - y
Inv == g = [x \in 1..3 |-> x + y] /\ DOMAIN g = 1..3 /\ g[2] = 2 + y
""", "INIT Init\nNEXT Next\nINVARIANT Inv")
    assert (r.result, r.distinct_states) == ("success", 2), r.error
