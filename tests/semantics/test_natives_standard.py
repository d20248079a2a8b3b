"""Native standard-module operators: results and TLC's error texts."""
from __future__ import annotations

import pytest

from mcheck.semantics.natives import core
from mcheck.semantics.natives.registry import NATIVE
from mcheck.semantics.values import INT, NAT, ModelValue, SeqSet, make_fcn, make_record, tla_repr
from mcheck.syntax.errors import EvalError

fs = lambda *xs: frozenset(xs)  # noqa: E731


def op(module, name):
    return NATIVE[(module, name)]


def error_of(fn, *args) -> str:
    with pytest.raises(EvalError) as e:
        fn(*args)
    return e.value.message


# ---------------------------------------------------------------- Naturals / Integers

def test_mod_rounds_down():
    assert op("Integers", "%")(-7, 3) == 2
    assert op("Naturals", "%")(7, 3) == 1


def test_div_rounds_down():
    assert op("Integers", "\\div")(-7, 3) == -3
    assert op("Integers", "\\div")(7, -2) == -4
    assert op("Integers", "\\div")(7, 2) == 3


def test_mod_by_non_positive_number_is_an_error():
    assert error_of(op("Integers", "%"), 7, -3) == \
        "The second argument of % should be a positive number, but instead it is:\n-3"
    assert "positive number" in error_of(op("Integers", "%"), 7, 0)


def test_div_by_zero_is_an_error():
    assert error_of(op("Integers", "\\div"), 1, 0) == "The second argument of \\div is 0."


def test_integers_are_unbounded():
    assert op("Naturals", "+")(2147483647, 1) == 2147483648
    assert op("Naturals", "^")(2, 100) == 2 ** 100
    assert op("Naturals", "*")(-2147483648, -1) == 2147483648


def test_arithmetic_on_a_string_is_an_error():
    # TLC's Naturals.Plus takes IntValue parameters: the Java call itself fails (Naturals.java)
    assert error_of(op("Naturals", "+"), "a", 1) == (
        "Attempted to apply the operator overridden by the Java method\n"
        "public static tlc2.value.impl.IntValue tlc2.module.Naturals.Plus(tlc2.value.impl.IntValue,"
        "tlc2.value.impl.IntValue),\nbut it produced the following error:\n"
        "Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue")
    assert error_of(op("Integers", "-"), 1, fs()).endswith(
        "tlc2.module.Integers.Minus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),\n"
        "but it produced the following error:\nCannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue")


def test_arithmetic_on_a_boolean_is_an_error():
    assert "Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue" in error_of(op("Naturals", "+"), True, 1)


def test_comparisons():
    assert op("Naturals", "<")(1, 2) is True
    assert op("Naturals", ">")(1, 2) is False
    assert op("Naturals", "\\leq")(2, 2) is True
    assert op("Naturals", "\\geq")(1, 2) is False
    assert op("Naturals", "<=") is op("Naturals", "\\leq")


def test_geq_error_names_the_operator_as_tlc_does():
    assert error_of(op("Naturals", ">="), 1, "a") == \
        'The second argument of > should be an integer, but instead it is:\n"a"'


def test_power_errors():
    assert error_of(op("Naturals", "^"), 0, 0) == "0^0 is undefined."
    assert error_of(op("Naturals", "^"), 2, -1) == \
        "The second argument of ^ should be a natural number, but instead it is:\n-1"
    assert op("Naturals", "^")(5, 0) == 1


def test_interval_is_a_frozenset():
    assert op("Naturals", "..")(1, 3) == fs(1, 2, 3)
    assert op("Naturals", "..")(3, 1) == frozenset()


def test_unary_minus_and_nat_int_constants():
    assert op("Integers", "-.")(5) == -5
    assert op("Naturals", "Nat")() is NAT
    assert op("Integers", "Int")() is INT


# ---------------------------------------------------------------- Sequences

def test_len_head_tail_append_concat():
    assert op("Sequences", "Len")((1, 2, 3)) == 3
    assert op("Sequences", "Len")(()) == 0
    assert op("Sequences", "Len")("abc") == 3
    assert op("Sequences", "Head")((1, 2)) == 1
    assert op("Sequences", "Tail")((1, 2)) == (2,)
    assert op("Sequences", "Append")((), 1) == (1,)
    assert op("Sequences", "\\o")((1,), (2, 3)) == (1, 2, 3)
    assert op("Sequences", "\\o")("ab", "c") == "abc"


def test_head_and_tail_of_empty_sequence_are_errors():
    assert error_of(op("Sequences", "Head"), ()) == "Attempted to apply Head to the empty sequence."
    assert error_of(op("Sequences", "Tail"), ()) == "Attempted to apply Tail to the empty sequence."


def test_len_of_non_sequence_is_an_error():
    assert error_of(op("Sequences", "Len"), fs(1)) == \
        "The argument of Len should be a sequence, but instead it is:\n{1}"


def test_append_to_non_sequence_is_an_error():
    assert error_of(op("Sequences", "Append"), 3, 1) == \
        "Evaluating an expression of the form Append(s, v) when s is not a sequence:\n3"


def test_subseq():
    s = ("a", "b", "c", "d")
    assert op("Sequences", "SubSeq")(s, 2, 3) == ("b", "c")
    assert op("Sequences", "SubSeq")(s, 3, 2) == ()
    assert op("Sequences", "SubSeq")("hello", 2, 4) == "ell"
    assert error_of(op("Sequences", "SubSeq"), (1, 2), 0, 1) == \
        "The second argument of SubSeq must be in the domain of its first argument:\n<<1, 2>>\n, but instead it is\n0"


def test_select_seq_keeps_elements_satisfying_the_test():
    assert op("Sequences", "SelectSeq")((1, 2, 3, 4), lambda x: x % 2 == 0) == (2, 4)
    assert op("Sequences", "SelectSeq")((), lambda x: True) == ()


def test_seq_is_the_lazy_set_of_sequences():
    S = op("Sequences", "Seq")(fs(1, 2))
    assert isinstance(S, SeqSet)
    assert (1, 2, 1) in S


# ---------------------------------------------------------------- FiniteSets

def test_cardinality_and_is_finite_set():
    assert op("FiniteSets", "Cardinality")(fs(1, 2, 3)) == 3
    assert op("FiniteSets", "IsFiniteSet")(fs(1)) is True
    assert op("FiniteSets", "IsFiniteSet")(NAT) is False


def test_cardinality_of_nat_is_an_error():
    assert error_of(op("FiniteSets", "Cardinality"), NAT) == "Attemtped to compute cardinality of the value\nNat"


# ---------------------------------------------------------------- Bags

def test_set_to_bag_and_back():
    B = op("Bags", "SetToBag")(fs("a", "b"))
    assert B == make_record({"a": 1, "b": 1})
    assert op("Bags", "BagToSet")(B) == fs("a", "b")
    assert op("Bags", "IsABag")(B) is True
    assert op("Bags", "IsABag")(make_record({"a": 0})) is False
    assert op("Bags", "EmptyBag")() == ()


def test_bag_sum_difference_and_counts():
    a = op("Bags", "SetToBag")(fs("a", "b"))
    b = op("Bags", "SetToBag")(fs("a"))
    s = op("Bags", "(+)")(a, b)
    assert s == make_record({"a": 2, "b": 1})
    assert op("Bags", "(-)")(s, a) == make_record({"a": 1})
    assert op("Bags", "(-)")(b, s) == ()
    assert op("Bags", "CopiesIn")("a", s) == 2
    assert op("Bags", "CopiesIn")("z", s) == 0
    assert op("Bags", "BagIn")("b", s) is True
    assert op("Bags", "BagCardinality")(s) == 3
    assert op("Bags", "\\sqsubseteq")(a, s) is True
    assert op("Bags", "\\sqsubseteq")(s, a) is False


def test_bag_union_sub_bag_and_bag_of_all():
    a = make_record({"a": 2})
    b = make_record({"a": 1, "b": 1})
    assert op("Bags", "BagUnion")(fs(a, b)) == make_record({"a": 3, "b": 1})
    subs = op("Bags", "SubBag")(a)
    assert subs == fs((), make_record({"a": 1}), make_record({"a": 2}))
    assert op("Bags", "BagOfAll")(lambda e: 0, b) == make_fcn({0: 2})


# ---------------------------------------------------------------- TLC

def test_single_point_function_and_combination():
    f = op("TLC", ":>")(1, "a")
    assert f == ("a",)
    g = op("TLC", "@@")(op("TLC", ":>")(0, "x"), op("TLC", ":>")(1, "y"))
    assert tla_repr(g) == '(0 :> "x" @@ 1 :> "y")'
    assert op("TLC", "@@")(("a", "b"), op("TLC", ":>")(3, "c")) == ("a", "b", "c")


def test_combination_prefers_the_left_function():
    assert op("TLC", "@@")(op("TLC", ":>")(1, "L"), op("TLC", ":>")(1, "R")) == ("L",)


def test_permutations_are_all_bijections():
    P = op("TLC", "Permutations")(fs("a", "b"))
    assert P == fs(make_record({"a": "a", "b": "b"}), make_record({"a": "b", "b": "a"}))
    assert len(op("TLC", "Permutations")(fs(1, 2, 3))) == 6
    assert op("TLC", "Permutations")(frozenset()) == fs(())


def test_sort_seq_with_operator():
    assert op("TLC", "SortSeq")((3, 1, 2), lambda a, b: a < b) == (1, 2, 3)
    assert op("TLC", "SortSeq")((3, 1, 2), lambda a, b: a > b) == (3, 2, 1)


def test_to_string_uses_tla_printing():
    assert op("TLC", "ToString")(fs(2, 1)) == "{1, 2}"
    assert op("TLC", "ToString")("a") == '"a"'


def test_random_element_is_a_member_and_seedable():
    core.seed(42)
    x = op("TLC", "RandomElement")(fs(1, 2, 3, 4, 5))
    core.seed(42)
    assert op("TLC", "RandomElement")(fs(1, 2, 3, 4, 5)) == x
    assert x in fs(1, 2, 3, 4, 5)


def test_any_contains_everything():
    A = op("TLC", "Any")()
    assert 1 in A and "a" in A and () in A
    assert tla_repr(A) == "Any"


def test_java_time_is_a_nonnegative_int():
    t = op("TLC", "JavaTime")()
    assert isinstance(t, int) and t >= 0


# ---------------------------------------------------------------- TLCExt / Randomization

def test_tlc_model_value():
    assert op("TLCExt", "TLCModelValue")("mv") is ModelValue.get("mv")


def test_assert_eq_and_assert_error():
    assert op("TLCExt", "AssertEq")(1, 1) is True
    assert op("TLCExt", "AssertError")(
        "The second argument of \\div is 0.", lambda: op("Integers", "\\div")(1, 0)) is True
    assert op("TLCExt", "AssertError")("other", lambda: op("Integers", "\\div")(1, 0)) is False
    assert op("TLCExt", "AssertError")("x", lambda: 1) is False


def test_random_subset_has_k_elements_of_s():
    core.seed(1)
    T = op("Randomization", "RandomSubset")(2, fs(1, 2, 3, 4))
    assert len(T) == 2 and T <= fs(1, 2, 3, 4)


def test_random_set_of_subsets_holds_subsets():
    core.seed(1)
    T = op("Randomization", "RandomSetOfSubsets")(5, 2, fs(1, 2, 3, 4))
    assert 1 <= len(T) <= 5 and all(t <= fs(1, 2, 3, 4) for t in T)
    U = op("Randomization", "RandomSubsetSet")(3, "0.5", fs(1, 2))
    assert all(t <= fs(1, 2) for t in U)
    V = op("Randomization", "TestRandomSetOfSubsets")(3, 1, fs(1, 2))
    assert isinstance(V, tuple) and len(V) == 5
