"""The evaluator's shortcuts give the answers of the general code they bypass: TLC's answer, and its
error where TLC has one (issue 15: the shortcuts exist for speed only)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from mcheck.cli.main import main
from mcheck.semantics.compiler import fastcalls as R
from mcheck.semantics.values import Fcn, ModelValue, tla_eq
from mcheck.syntax.errors import EvalError


def _check(tmp_path, defs: str, cfg: str = "INIT Init\nNEXT Next\n"):
    spec = tmp_path / "F.tla"
    spec.write_text(f"---- MODULE F ----\nEXTENDS Naturals, Sequences, TLC\nVARIABLE x\n{defs}\n====\n")
    (tmp_path / "F.cfg").write_text(cfg)
    return CliRunner().invoke(main, ["check", str(spec)])


# ---------------------------------------------------------------- function equality, point by point

def test_functions_that_differ_at_one_point_are_unequal():
    f = Fcn({0: 1, 1: 2, 2: 3})
    assert tla_eq(f, Fcn({0: 1, 1: 5, 2: 3})) is False
    assert tla_eq(f, Fcn({2: 3, 1: 2, 0: 1})) is True
    assert tla_eq(Fcn({"a": Fcn({0: 1, 1: 2})}), Fcn({"a": Fcn({0: 1, 1: 3})})) is False
    assert tla_eq(Fcn({0: ModelValue("m")}), Fcn({0: ModelValue("n")})) is False


def test_function_equality_stops_at_the_first_difference_in_tlcs_order():
    # TLC compares point "a" first: unequal, so the string at "b" is never compared with 2
    later_error = Fcn({"b": 2, "a": 1})
    assert tla_eq(later_error, Fcn({"b": "x", "a": 9})) is False
    with pytest.raises(EvalError, match="equality of integer 2 with non-integer"):
        tla_eq(later_error, Fcn({"b": "x", "a": 1}))


def test_functions_with_other_points_are_unequal():
    assert tla_eq(Fcn({0: 1, 1: 2}), Fcn({0: 1, 2: 2})) is False


def test_a_spec_comparing_bags_of_records_finds_tlcs_states(tmp_path):
    r = _check(tmp_path, "Init == x = [n \\in 0..1 |-> [m \\in {[t |-> \"a\"]} |-> 0]]\n"
                         "Next == \\E n \\in 0..1 : x[n][[t |-> \"a\"]] < 2 /\\ "
                         "x' = [x EXCEPT ![n] = [@ EXCEPT ![[t |-> \"a\"]] = @ + 1]] /\\ x' # x",
               "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
    assert r.exit_code == 0, r.output
    assert "9 distinct states found" in r.output


# ---------------------------------------------------------------- DOMAIN without building the set

def test_membership_in_a_domain():
    assert R.in_dom(2, (7, 8)) is True
    assert R.in_dom(3, (7, 8)) is False
    assert R.in_dom("a", Fcn({"a": 1})) is True
    assert R.in_dom("b", Fcn({"a": 1})) is False
    assert R.in_dom(1, ()) is False


def test_membership_of_another_kind_in_a_domain_is_tlcs_error():
    with pytest.raises(EvalError):
        R.in_dom("a", Fcn({0: 1}))
    with pytest.raises(EvalError, match="non-function"):
        R.in_dom(1, 5)


def test_the_points_of_a_domain():
    assert list(R.dom_iter((7, 8, 9))) == [1, 2, 3]
    assert set(R.dom_iter(Fcn({"a": 1, "b": 2}))) == {"a", "b"}
    assert list(R.dom_enum(Fcn({2: 0, 0: 0, 1: 0}))) == [0, 1, 2]
    with pytest.raises(EvalError, match="non-function"):
        R.dom_iter(frozenset({1}))


def test_quantifiers_and_choose_over_a_domain(tmp_path):
    r = _check(tmp_path, "Init == x = <<0, 0, 0>>\n"
                         "Next == /\\ \\E i \\in DOMAIN x : x[i] = 0\n"
                         "        /\\ LET j == CHOOSE i \\in DOMAIN x : x[i] = 0 IN x' = [x EXCEPT ![j] = 1]\n"
                         "        /\\ 2 \\in DOMAIN x /\\ ~(4 \\in DOMAIN x)")
    # <<0,0,0>> -> <<1,0,0>> -> <<1,1,0>> -> <<1,1,1>>, which has no successor
    assert r.exit_code == 11, r.output
    assert "4 distinct states found" in r.output


def test_a_domain_of_a_non_function_is_tlcs_error(tmp_path):
    r = _check(tmp_path, "Init == x = 3\nNext == \\E i \\in DOMAIN x : x' = i")
    assert r.exit_code == 75, r.output
    assert "Attempted to apply the operator DOMAIN to a non-function" in r.output


# ---------------------------------------------------------------- state functions remembered by the variables they read

def test_the_variables_generated_code_reads_from_its_state():
    from mcheck.semantics.compiler.names import state_reads
    assert state_reads("f(s[2], s[0]) + s[2][1]") == [0, 2]
    assert state_reads("d_token_3(s) + s[1]") is None        # a definition reads what it reads
    assert state_reads("a_enabled_7(s, qv_5)") is None
    assert state_reads("v_3 + K4") == []


def _two_counters(tmp_path, defs: str, inv: str):
    spec = tmp_path / "M.tla"
    spec.write_text("---- MODULE M ----\nEXTENDS Naturals\nVARIABLES x, y\n"
                    "Init == x = 0 /\\ y = 0\n"
                    "Next == \\/ x' = (x + 1) % 3 /\\ y' = y\n        \\/ y' = (y + 1) % 3 /\\ x' = x\n"
                    f"{defs}\n====\n")
    (tmp_path / "M.cfg").write_text(f"INIT Init\nNEXT Next\nINVARIANT {inv}\n")
    return CliRunner().invoke(main, ["check", str(spec)])


def test_a_remembered_state_function_of_two_variables_tells_states_apart(tmp_path):
    r = _two_counters(tmp_path, "Sum == LET m == CHOOSE k \\in 0..10 : k = x + y IN [v |-> m, w |-> x].v\n"
                                "Inv == Sum < 4", "Inv")
    assert r.exit_code == 12, r.output
    assert "Invariant Inv is violated" in r.output
    assert "State 5:" in r.output and "State 6:" not in r.output   # (0,0) (1,0) (2,0) (2,1) (2,2)


def test_a_remembered_state_function_of_one_variable_is_shared_by_states(tmp_path):
    r = _two_counters(tmp_path, "Big == LET m == CHOOSE k \\in 0..10 : k = 2 * x IN [v |-> m, w |-> m].w\n"
                                "Inv == Big + y < 7", "Inv")
    assert r.exit_code == 0, r.output
    assert "9 distinct states found" in r.output


# ---------------------------------------------------------------- membership in a constant set, remembered

def test_membership_in_a_constant_function_set_is_remembered_by_value():
    from mcheck.semantics.values import NAT, FcnSet, SeqSet
    S = FcnSet(frozenset({1, 2}), SeqSet(NAT))
    memo: dict = {}
    assert R.member_memo(((1,), ()), S, memo) is True
    assert R.member_memo(((1,), (-1,)), S, memo) is False
    assert R.member_memo(((1,), ()), S, memo) is True
    assert len(memo) == 2


def test_typeok_over_nested_functions_finds_tlcs_violation(tmp_path):
    r = _two_counters(tmp_path, "TypeOK == [i \\in 1..2 |-> <<x, y>>] \\in [1..2 -> [1..2 -> 0..1]]\n",
                      "TypeOK")
    # (0,0) (1,0) (0,1) (1,1) are in it; (2,0) is not
    assert r.exit_code == 12, r.output
    assert "Invariant TypeOK is violated" in r.output
    assert "State 3:" in r.output and "State 4:" not in r.output


# ---------------------------------------------------------------- operators remembered by their arguments

def test_a_remembered_operator_of_the_state_answers_for_each_state_and_argument(tmp_path):
    r = _two_counters(tmp_path, "RECURSIVE Down(_)\n"
                                "Down(k) == IF k = 0 THEN x ELSE Down(k - 1) + y\n"
                                "Inv == Down(2) + Down(1) < 9", "Inv")
    # Down(2) + Down(1) = 2x + 3y, at least 9 only at (2, 2), four steps from (0, 0)
    assert r.exit_code == 12, r.output
    assert "State 5:" in r.output and "State 6:" not in r.output
    assert r.output.count("x = 2") >= 1 and "y = 2" in r.output


def test_a_remembered_constant_operator_answers_for_each_argument(tmp_path):
    r = _two_counters(tmp_path, "Big(S) == CHOOSE m \\in S : \\A n \\in S : n <= m\n"
                                "Inv == Big({x, y}) + Big({x, y, 1}) < 4", "Inv")
    assert r.exit_code == 12, r.output   # (0,0): 0 + 1; (2,0): 2 + 2
    assert "State 3:" in r.output and "State 4:" not in r.output


def test_a_remembered_operator_given_a_let_function_computes_it(tmp_path):
    # Chameneos's Sum(f, S) with f a LET-defined function: such a value is no memo key
    r = _two_counters(tmp_path, "RECURSIVE Sum(_, _)\n"
                                "Sum(f, S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \\in S : TRUE IN f[e] + Sum(f, S \\ {e})\n"
                                "Inv == LET g[i \\in {1, 2}] == IF i = 1 THEN x ELSE y IN Sum(g, {1, 2}) < 4", "Inv")
    assert r.exit_code == 12, r.output
    assert "Traceback" not in r.output
    assert "State 5:" in r.output and "State 6:" not in r.output   # x + y = 4 first at (2, 2)


def test_unequal_sets_of_one_kind_of_scalar_are_unequal():
    assert tla_eq(frozenset({1, 2}), frozenset({1, 3})) is False
    assert tla_eq(frozenset({"a"}), frozenset({"b"})) is False
    with pytest.raises(EvalError):
        tla_eq(frozenset({1}), frozenset({"a"}))


# ---------------------------------------------------------------- EXCEPT with @ on one or two keys, = << >>

def test_except_with_the_old_value_on_one_and_two_keys():
    inc = lambda v: v + 1  # noqa: E731
    assert R.except_at1((1, 2), 2, inc) == (1, 3)
    assert R.except_at1((1, 2), 3, inc) == (1, 2)              # outside the domain: unchanged (TLC warns)
    assert R.except_at1(Fcn({0: 5}), 0, inc) == Fcn({0: 6})
    assert R.except_at1(Fcn({0: 5}), 1, inc) == Fcn({0: 5})
    assert R.except_at2(((1,), (2, 3)), 2, 2, inc) == ((1,), (2, 4))
    assert R.except_at2(Fcn({0: (7,)}), 0, 1, inc) == Fcn({0: (8,)})
    with pytest.raises(EvalError, match="EXCEPT"):
        R.except_at1(3, 1, inc)


def test_an_except_that_is_only_compared_is_the_same_function_with_the_same_hash():
    from mcheck.semantics.runtime import except1
    inc = lambda v: v + 1  # noqa: E731
    f = Fcn({"a": 1, "b": Fcn({0: 2})})
    hash(f)   # the hash except1 keeps up to date
    for k, v in (("a", 5), ("b", Fcn({0: 3})), ("c", 9)):
        made, compared = except1(f, k, v), R.except1_cmp(f, k, v)
        assert made == compared and hash(made) == hash(compared)
    assert R.except_at1_cmp(Fcn({0: 5}), 0, inc) == Fcn({0: 6})
    assert R.except_at1_cmp(Fcn({0: 5}), 1, inc) == Fcn({0: 5})
    assert R.except_at1_cmp((1, 2), 2, inc) == (1, 3)
    assert R.except1_cmp((1, 2), 1, 0) == (0, 2)
    with pytest.raises(EvalError, match="EXCEPT"):
        R.except_at1_cmp(3, 1, inc)


def test_a_step_property_comparing_excepts_finds_tlcs_states(tmp_path):
    r = _check(tmp_path, "Init == x = [n \\in 0..2 |-> 0]\n"
                         "Next == \\E n \\in 0..2 : x[n] < 2 /\\ x' = [x EXCEPT ![n] = @ + 1]\n"
                         "Prop == [][\\E n \\in 0..2 : x' = [x EXCEPT ![n] = x[n] + 1]]_x",
               "INIT Init\nNEXT Next\nPROPERTY Prop\nCHECK_DEADLOCK FALSE\n")
    assert r.exit_code == 0, r.output
    assert "27 distinct states found" in r.output


def test_equality_with_the_empty_sequence():
    assert R.eq_empty(()) is True
    assert R.eq_empty((1,)) is False
    assert R.eq_empty(Fcn({0: 1})) is False
    with pytest.raises(EvalError):
        R.eq_empty(3)


def test_a_fifo_of_messages_empties_as_tlc_finds(tmp_path):
    r = _check(tmp_path, "Init == x = [i \\in 0..1 |-> <<>>]\n"
                         "Next == \\/ \\E i \\in 0..1 : Len(x[i]) < 2 /\\ x' = [x EXCEPT ![i] = Append(@, i)]\n"
                         "        \\/ \\E i \\in 0..1 : x[i] # << >> /\\ x' = [x EXCEPT ![i] = Tail(@)]")
    assert r.exit_code == 0, r.output
    assert "9 distinct states found" in r.output


# ---------------------------------------------------------------- quantifiers over small constant sets, written out

def test_a_quantifier_over_pairs_of_a_small_constant_set_finds_tlcs_violation(tmp_path):
    r = _check(tmp_path, "Init == x = [p \\in 1..3 |-> [q \\in 1..3 |-> 0]]\n"
                         "Next == \\E p, q \\in 1..3 : x' = [x EXCEPT ![p][q] = @ + 1]\n"
                         "Inv == \\A p, q \\in 1..3 : x[p][q] <= 1",
               "INIT Init\nNEXT Next\nINVARIANT Inv\n")
    assert r.exit_code == 12, r.output
    assert "Invariant Inv is violated" in r.output
    assert "x = <<<<2, 0, 0>>, <<0, 0, 0>>, <<0, 0, 0>>>>" in r.output


def test_written_out_quantifiers_keep_exists_negative_numbers_strings_and_the_empty_set(tmp_path):
    r = _check(tmp_path, "Init == x = 0\nNext == x < 3 /\\ x' = x + 1\n"
                         "Inv == /\\ \\E d \\in {0 - 1, 0 - 2} : x + d < x /\\ x - d = x + 2\n"
                         "       /\\ \\A w \\in {\"a\", \"b\"} : w # \"c\"\n"
                         "       /\\ \\A e \\in {} : FALSE\n"
                         "       /\\ ~\\E e \\in {} : TRUE\n"
                         "       /\\ \\E p \\in 1..2, q \\in 1..3 : p + q = x + 2\n"
                         "Bad == \\A p \\in 1..2, q \\in 1..3 : p + q # x + 3",
               "INIT Init\nNEXT Next\nINVARIANT Inv\nINVARIANT Bad\n")
    assert r.exit_code == 12, r.output   # Inv holds on every state; Bad fails on the initial one (1 + 2 = 0 + 3)
    assert "Invariant Bad is violated" in r.output
    assert "x = 0" in r.output and "x = 1" not in r.output
