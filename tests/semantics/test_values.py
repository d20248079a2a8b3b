"""TLA+ values: canonical functions, TLC equality/order/printing, lazy sets (TLC-SEMANTICS §5)."""
from __future__ import annotations

import pickle

import pytest

from mcheck.semantics.values import (
    BOOLEAN, INT, NAT, STRING_SET, BoundedSeqSet, Fcn, FcnSet, LazyFcn, ModelValue, PowerSet,
    ProductSet, RecordSet, SeqSet, apply, big_union, cardinality, choose, contains, difference, domain,
    enumerate_set, except_, fcn_from, intern_string, intersect, make_fcn, make_record, materialize,
    subseteq, tla_eq, tla_repr, tlc_sorted, union,
)
from mcheck.syntax.errors import EvalError

fs = lambda *xs: frozenset(xs)  # noqa: E731


# ---------------------------------------------------------------- functions: one kind (Vals.tla)

def test_tuple_equals_function_on_one_to_n():
    assert fcn_from(frozenset(range(1, 3)), lambda i: i) == (1, 2)
    assert tla_eq(fcn_from(frozenset(range(1, 3)), lambda i: i), (1, 2))


def test_record_equals_function_on_set_of_strings():
    assert tla_eq(make_record({"a": 1}), fcn_from(fs("a"), lambda s: 1))
    assert hash(make_record({"a": 1})) == hash(fcn_from(fs("a"), lambda s: 1))


def test_empty_tuple_empty_record_and_empty_function_are_equal():
    assert make_record({}) == ()
    assert fcn_from(frozenset(), lambda s: 1) == ()
    assert make_fcn({}) == ()


def test_empty_tuple_is_not_a_nonempty_record():
    assert tla_eq((), make_record({"a": 1})) is False


def test_append_to_empty_sequence_equals_function_on_one_to_one():
    assert (1,) == fcn_from(fs(1), lambda i: 1)


def test_make_fcn_canonicalises_one_to_n_keys_to_a_tuple():
    assert make_fcn({2: "b", 1: "a"}) == ("a", "b")
    assert isinstance(make_fcn({0: "a", 1: "b"}), Fcn)
    assert isinstance(make_fcn({1: "a", 3: "b"}), Fcn)
    assert isinstance(make_fcn({True: "a"}), Fcn)  # a boolean is not the integer 1


def test_fcn_is_immutable_and_hash_is_cached():
    f = make_fcn({"x": 1, "y": 2})
    with pytest.raises(TypeError):
        f["x"] = 3  # type: ignore[index]
    assert hash(f) == hash(make_fcn({"y": 2, "x": 1}))
    assert f in {make_fcn({"y": 2, "x": 1})}


def test_functions_survive_pickling():
    f = make_fcn({"x": 1, 0: fs(1, 2)})
    assert pickle.loads(pickle.dumps(f)) == f
    m = ModelValue.get("m")
    assert pickle.loads(pickle.dumps(m)) is m


# ---------------------------------------------------------------- application, DOMAIN, EXCEPT

def test_apply_tuple_is_one_based():
    assert apply(("a", "b"), 1) == "a"
    assert apply(("a", "b"), 2) == "b"


def test_apply_tuple_out_of_bounds_is_an_error():
    with pytest.raises(EvalError, match="Attempted to access index 3 of tuple\n<<1, 2>>\nwhich is out of bounds."):
        apply((1, 2), 3)


def test_apply_function_outside_domain_names_function_and_argument():
    f = make_fcn({0: "a", 5: "b"})
    with pytest.raises(EvalError) as e:
        apply(f, 3)
    assert e.value.message == ('Attempted to apply function:\n(0 :> "a" @@ 5 :> "b")\n'
                               'to argument 3, which is not in the domain of the function.')


def test_apply_record_to_missing_field_is_an_error():
    with pytest.raises(EvalError) as e:
        apply(make_record({"a": 1}), "b")
    assert e.value.message == "Attempted to apply the record\n[a |-> 1]\nto nonexistent record field b."


def test_applying_a_non_function_is_an_error():
    with pytest.raises(EvalError, match="non-function"):
        apply(3, 1)


def test_domain_of_tuple_record_and_function():
    assert domain((7, 8, 9)) == fs(1, 2, 3)
    assert domain(make_record({"a": 1, "b": 2})) == fs("a", "b")
    assert domain(()) == frozenset()


def test_except_on_tuple_keeps_it_a_tuple():
    assert except_((1, 2, 3), (2,), lambda old: old * 10) == (1, 20, 3)


def test_except_nested_path_on_record_of_sequences():
    r = make_record({"a": (1, 2), "b": 0})
    r2 = except_(r, ("a", 1), lambda old: old + 100)
    assert r2 == make_record({"a": (101, 2), "b": 0})
    assert r == make_record({"a": (1, 2), "b": 0})  # the original is untouched


def test_except_outside_domain_changes_nothing():
    assert except_((1, 2), (5,), lambda old: 0) == (1, 2)
    assert except_(make_record({"a": 1}), ("z",), lambda old: 0) == make_record({"a": 1})


def test_lazy_function_over_nat_memoises_and_checks_domain():
    calls = []

    def fact(n):
        calls.append(n)
        return 1 if n == 0 else n * apply(f, n - 1)

    f = LazyFcn(NAT, fact)
    assert apply(f, 5) == 120
    assert apply(f, 5) == 120
    assert calls.count(5) == 1
    assert domain(f) is NAT
    with pytest.raises(EvalError, match="not in the domain"):
        apply(f, -1)


def test_except_on_lazy_function_overrides_one_point():
    f = LazyFcn(NAT, lambda n: n * 2)
    g = except_(f, (3,), lambda old: old + 1)
    assert apply(g, 3) == 7 and apply(g, 4) == 8 and apply(f, 3) == 6


# ---------------------------------------------------------------- equality errors

def test_comparing_integer_with_string_is_an_error():
    with pytest.raises(EvalError) as e:
        tla_eq(1, "a")
    assert e.value.message == 'Attempted to check equality of integer 1 with non-integer:\n"a"'


def test_comparing_empty_tuple_with_empty_set_is_an_error():
    with pytest.raises(EvalError) as e:
        tla_eq((), frozenset())
    assert e.value.message == "Attempted to check equality of the function <<>> with the value:\n{}"


def test_comparing_boolean_with_integer_is_an_error():
    # BoolValue.equals says "compare equality", unlike the other value classes
    with pytest.raises(EvalError, match="Attempted to compare equality of boolean TRUE with non-boolean:\n1"):
        tla_eq(True, 1)


def test_comparing_record_with_tuple_is_an_error():
    with pytest.raises(EvalError) as e:
        tla_eq(make_record({"n1": "a"}), ("a", "a"))
    assert e.value.message == 'Attempted to check equality of record:\n[n1 |-> "a"]\nwith non-record\n<<"a", "a">>'


def test_equality_error_inside_sets_of_the_same_size():
    with pytest.raises(EvalError, match="integer 1 with non-integer"):
        tla_eq(fs(1), fs("a"))
    assert tla_eq(fs(1), fs("a", "b")) is False  # different sizes: FALSE before any element is compared


def test_model_value_is_unequal_to_everything_else_without_error():
    m, n = ModelValue.get("m"), ModelValue.get("n")
    assert tla_eq(m, 1) is False
    assert tla_eq(m, "a") is False
    assert tla_eq(m, frozenset()) is False
    assert tla_eq(m, n) is False
    assert tla_eq(1, m) is False
    assert tla_eq(m, ModelValue.get("m")) is True


def test_model_values_are_interned_with_stable_hash():
    a = ModelValue.get("p1")
    assert ModelValue.get("p1") is a
    assert ModelValue("p1") is a
    assert hash(a) == hash(ModelValue.get("p1"))
    assert a != "p1"


def test_structural_equality_of_nested_values():
    assert tla_eq(fs((1, make_record({"a": fs(1, 2)}))), fs((1, make_record({"a": fs(2, 1)}))))
    assert tla_eq((1, 2), (1, 3)) is False


# ---------------------------------------------------------------- TLC order and printing

def test_set_of_integers_prints_sorted():
    assert tla_repr(fs(3, 1, 2)) == "{1, 2, 3}"


def test_sets_print_by_cardinality_then_elements():
    assert tla_repr(fs(fs(2), fs(1, 2), fs(1), frozenset())) == "{{}, {1}, {2}, {1, 2}}"


def test_tuples_print_by_length_then_elements():
    assert tla_repr(fs((2,), (1, 1), (1,))) == "{<<1>>, <<2>>, <<1, 1>>}"


def test_model_values_sort_before_integers():
    assert tla_repr(fs(ModelValue.get("m"), 1)) == "{m, 1}"


def test_strings_sort_by_intern_order_not_alphabetically():
    # the intern table is global: use strings no other test interns first
    intern_string("zebra-intern-order")
    intern_string("apple-intern-order")
    assert tla_repr(fs("apple-intern-order", "zebra-intern-order")) == '{"zebra-intern-order", "apple-intern-order"}'


def test_single_letters_are_pre_interned_in_alphabetical_order():
    assert tla_repr(fs("q", "p")) == '{"p", "q"}'
    assert tlc_sorted(["B", "b", "A", "a"]) == ["a", "b", "A", "B"]


def test_record_fields_print_in_intern_order():
    # fields no spec interns (a spec built before may have interned alpha and zeta in either order)
    intern_string("zeta_intern_order")
    intern_string("alpha_intern_order")
    assert tla_repr(make_record({"alpha_intern_order": 2, "zeta_intern_order": 1})) == \
        "[zeta_intern_order |-> 1, alpha_intern_order |-> 2]"


def test_printing_scalars_and_sequences():
    assert tla_repr(True) == "TRUE"
    assert tla_repr(False) == "FALSE"
    assert tla_repr(42) == "42"
    assert tla_repr(-3) == "-3"
    assert tla_repr('a"b') == '"a\\"b"'
    assert tla_repr(()) == "<<>>"
    assert tla_repr(frozenset()) == "{}"
    assert tla_repr((1, "x", (2,))) == '<<1, "x", <<2>>>>'
    assert tla_repr(make_record({"a": 1, "b": ()})) == "[a |-> 1, b |-> <<>>]"
    assert tla_repr(make_fcn({2: "b", 0: "a"})) == '(0 :> "a" @@ 2 :> "b")'
    assert repr(make_fcn({"a": 1})) == "[a |-> 1]"


def test_false_sorts_before_true():
    assert tla_repr(BOOLEAN) == "{FALSE, TRUE}"


def test_choose_takes_first_element_of_normalized_set():
    assert choose(fs(3, 1, 2), lambda v: True) == 1
    assert choose(fs(3, 1, 2), lambda v: v > 1) == 2
    intern_string("zz")
    intern_string("aa")
    assert choose(fs("aa", "zz"), lambda v: True) == "zz"
    assert choose(fs(ModelValue.get("m"), 1), lambda v: True) is ModelValue.get("m")


def test_choose_without_witness_is_an_error():
    with pytest.raises(EvalError, match="no element of S satisfied P"):
        choose(fs(1, 2), lambda v: v > 5)


def test_functions_order_by_domain_size_then_domain_then_values():
    f1 = make_fcn({0: 9})
    f2 = make_fcn({1: 0})  # <<0>>
    f3 = (0, 0)
    assert tlc_sorted([f3, f2, f1]) == [f1, f2, f3]


# ---------------------------------------------------------------- lazy sets

def test_nat_and_int_membership():
    assert contains(NAT, 0) and contains(NAT, 10**30)
    assert not contains(NAT, -1)
    assert contains(INT, -5)
    assert contains(NAT, ModelValue.get("m")) is False
    with pytest.raises(EvalError, match='Attempted to check if the value:\n"a"\nis an element of Nat.'):
        contains(NAT, "a")


def test_nat_is_not_enumerable():
    with pytest.raises(EvalError, match="Nat is not enumerable"):
        materialize(NAT)
    with pytest.raises(EvalError, match="Nat is not enumerable"):
        list(NAT)
    assert not NAT.is_finite()


def test_string_set_membership():
    assert contains(STRING_SET, "abc")
    with pytest.raises(EvalError, match="is an element of STRING"):   # TLC's etest11: an error, not FALSE
        contains(STRING_SET, 1)
    assert tla_repr(STRING_SET) == "STRING"


def test_powerset_membership_and_enumeration_in_tlc_order():
    P = PowerSet(fs(1, 2, 3))
    assert contains(P, fs(1, 3))
    assert not contains(P, fs(4))
    assert enumerate_set(P) == [frozenset(), fs(1), fs(2), fs(3), fs(1, 2), fs(1, 3), fs(2, 3), fs(1, 2, 3)]
    assert len(P) == 8
    assert tla_repr(PowerSet(fs(1, 2))) == "SUBSET {1, 2}"


def test_finite_lazy_set_equals_and_hashes_like_frozenset():
    P = PowerSet(fs(1, 2))
    F = frozenset({frozenset(), fs(1), fs(2), fs(1, 2)})
    assert P == F and F == P
    assert hash(P) == hash(F)
    assert P in {F}
    assert fs(P) == fs(F)
    assert tla_eq(P, F)


def test_function_set_membership_and_enumeration():
    S = FcnSet(fs(1, 2), fs("a", "b"))
    assert contains(S, ("a", "b"))
    assert not contains(S, ("a",))
    assert not contains(S, ("a", "c"))
    assert enumerate_set(S) == [("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]
    assert cardinality(S) == 4
    assert tla_repr(FcnSet(fs(1), fs(2))) == "[{1} -> {2}]"


def test_function_set_over_strings_yields_records():
    S = FcnSet(fs("x"), fs(0, 1))
    assert enumerate_set(S) == [make_record({"x": 0}), make_record({"x": 1})]
    assert contains(S, make_record({"x": 1}))


def test_function_set_with_empty_domain_has_one_element():
    assert materialize(FcnSet(frozenset(), fs(1))) == fs(())


def test_seq_set_membership_and_printing():
    S = SeqSet(fs("a"))
    assert contains(S, ())
    assert contains(S, ("a", "a"))
    assert not contains(S, ("b",))
    assert not S.is_finite()
    assert tla_repr(S) == 'Seq({"a"})'
    assert SeqSet(frozenset()).is_finite() and materialize(SeqSet(frozenset())) == fs(())


def test_record_set_membership_and_enumeration():
    R = RecordSet({"a": fs(1, 2), "b": fs("x")})
    assert contains(R, make_record({"a": 1, "b": "x"}))
    assert not contains(R, make_record({"a": 1}))
    assert not contains(R, make_record({"a": 3, "b": "x"}))
    assert len(enumerate_set(R)) == 2
    assert tla_repr(RecordSet({"a": fs(1)})) == "[a : {1}]"


def test_product_set_membership_and_enumeration():
    X = ProductSet([fs(1, 2), fs("a")])
    assert contains(X, (2, "a"))
    assert not contains(X, (2,))
    assert enumerate_set(X) == [(1, "a"), (2, "a")]
    assert tla_repr(ProductSet([fs(1), fs(2)])) == "{1} \\X {2}"


def test_bounded_seq_set_enumerates_all_sequences_up_to_length():
    B = BoundedSeqSet(fs(1, 2), 2)
    assert enumerate_set(B) == [(), (1,), (2,), (1, 1), (1, 2), (2, 1), (2, 2)]
    assert len(B) == 7
    assert contains(B, (2, 1)) and not contains(B, (1, 1, 1))


def test_membership_in_frozenset_of_other_kind_is_an_error():
    with pytest.raises(EvalError):
        contains(fs("a"), 1)
    assert contains(fs(1, 2), 3) is False
    assert contains(fs(ModelValue.get("m")), 1) is False


def test_set_helpers_mix_lazy_and_finite_sets():
    assert intersect(fs(-1, 0, 5), NAT) == fs(0, 5)
    assert difference(fs(-1, 0, 5), NAT) == fs(-1)
    assert union(fs(1), PowerSet(frozenset())) == fs(1, frozenset())
    assert subseteq(fs(1, 2), NAT)
    assert subseteq(NAT, INT)
    assert big_union(fs(fs(1), fs(2, 3))) == fs(1, 2, 3)
