"""Value semantics that decide counts and CHOOSE (TLC-SEMANTICS.md §5): one function kind, normalized order."""
from __future__ import annotations

import pytest

from mcheck.trace.text import format_result


@pytest.mark.parametrize("formula", [
    r"<<1, 2>> = [i \in 1..2 |-> i]",
    r'[a |-> 1] = [s \in {"a"} |-> 1]',
    r"<<>> = [s \in {} |-> 1]",
    r"<<>> # [a |-> 1]",
    r"Append(<<>>, 1) = [i \in 1..1 |-> 1]",
    r"{1, 2} = 1..2",
    r"{} = 1..0",
])
def test_tuples_records_and_functions_are_one_kind_of_value(check, formula):
    # Vals.tla: each equality as TLC evaluates it; a false ASSUME would exit 10.
    r = check("Vals", f"""
VARIABLE x
ASSUME {formula}
Init == x = 0
Next == x' = x
""", extends="Naturals, Sequences")
    assert r.result == "success", r.error
    assert r.exit_code == 0


def test_successors_built_from_different_representations_merge(check):
    # FpEq-style: 4 ways to write 3 values; 1 init + 3 states x 4 successors = 13 generated, 3 distinct.
    r = check("FpEq", r"""
VARIABLE v
Init == v = <<>>
Next == \/ v' = [i \in {} |-> 0]
        \/ v' = [a |-> 1]
        \/ v' = [s \in {"a"} |-> 1]
        \/ v' = Append(<<1>>, 2)
""", extends="Naturals, Sequences")
    assert r.result == "success"
    assert (r.states_generated, r.distinct_states, r.depth) == (13, 3, 2)


@pytest.mark.parametrize("formula", [
    r"(CHOOSE v \in {3, 1, 2} : TRUE) = 1",
    r"(CHOOSE v \in {3, 1, 2} : v > 1) = 2",
    r"(CHOOSE s \in {{2}, {1, 2}, {1}} : TRUE) = {1}",
    r"(CHOOSE t \in {<<2>>, <<1, 1>>, <<1>>} : TRUE) = <<1>>",
    r"(CHOOSE v \in {m, 1} : TRUE) = m",
])
def test_choose_returns_first_element_of_normalized_set(check, formula):
    r = check("Choose", f"""
CONSTANT m
VARIABLE x
ASSUME {formula}
Init == x = 0
Next == x' = x
""", "CONSTANT m = m\nINIT Init\nNEXT Next")
    assert r.result == "success", r.error


def test_choose_over_strings_follows_first_appearance_order(check):
    # TLC orders strings by interning order: "zz" appears first, so it is chosen.
    r = check("ChooseStr", r"""
VARIABLE x
ASSUME (CHOOSE s \in {"zz", "aa"} : TRUE) = "zz"
Init == x = 0
Next == x' = x
""")
    assert r.result == "success", r.error


def test_string_set_prints_in_interning_order(check):
    # Str.tla: strings sort by the order TLC first met them in the source, not alphabetically
    r = check("Str", r"""
VARIABLE x
Zebra == "zebra-str-order"
Init == x = {"apple-str-order", Zebra}
Next == x' = x
Inv == x = {}
""", "INIT Init\nNEXT Next\nINVARIANT Inv")
    assert 'x = {"zebra-str-order", "apple-str-order"}' in format_result(r)


def test_sets_print_in_normalized_order(check):
    r = check("Set", r"""
VARIABLE x
Init == x = <<{3, 1, 2}, {{2}, {1, 2}, {1}, {}}, {<<2>>, <<1, 1>>, <<1>>}>>
Next == x' = x
Inv == FALSE
""", "INIT Init\nNEXT Next\nINVARIANT Inv")
    assert r.exit_code == 12
    assert "x = <<{1, 2, 3}, {{}, {1}, {2}, {1, 2}}, {<<1>>, <<2>>, <<1, 1>>}>>" in format_result(r)


def test_untyped_model_value_is_unequal_to_other_values(check):
    r = check("Mv", r"""
CONSTANTS m, n
VARIABLE x
ASSUME m # 1 /\ m # "a" /\ m # {} /\ m # n
Init == x = 0
Next == x' = x
""", "CONSTANTS m = m\n  n = n\nINIT Init\nNEXT Next")
    assert r.result == "success", r.error


@pytest.mark.parametrize("formula, value", [
    ("(-7) % 3", 2),
    (r"(-7) \div 3", -3),
    (r"7 \div (-2)", -4),
])
def test_integer_division_rounds_down(check, formula, value):
    r = check("Div", f"""
VARIABLE x
ASSUME {formula} = {value}
Init == x = 0
Next == x' = x
""", extends="Integers")
    assert r.result == "success", r.error


@pytest.mark.parametrize("formula", [
    r"<<1, 2>> \in {s \in Seq({1, 2}) : Len(s) > 1}",
    r"<<1>> \notin {s \in Seq({1, 2}) : Len(s) > 1}",
    r"4 \in {n \in Nat : n % 2 = 0}",
    r"-3 \in {n \in Int : n < 0}",
    r'"ab" \in {s \in STRING : s # "a"}',
])
def test_filter_of_an_infinite_set_is_lazy_for_membership(check, formula):
    # TLC keeps {x \in S : P} over an infinite S as a predicate set: membership is S and P
    r = check("Lazy", f"""
VARIABLE x
ASSUME {formula}
Init == x = 0
Next == x' = x
""", extends="Integers, Sequences")
    assert r.result == "success", r.error


def test_enumerating_a_filter_of_an_infinite_set_is_an_error(check):
    r = check("LazyEnum", r"""
VARIABLE x
S == {s \in Seq({1}) : Len(s) > 1}
Init == x \in S
Next == x' = x
""", extends="Naturals, Sequences")
    assert r.exit_code == 75
    # TLC's words for x \in S in Init when S cannot be enumerated (Tool.getInitStates)
    assert "In computing initial states, the right side of \\IN is not enumerable." in format_result(r)
