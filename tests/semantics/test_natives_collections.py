"""The community modules FiniteSetsExt, Functions, Folds and SequencesExt: results, TLC's order
where a result depends on one, errors, and agreement of the natives with the TLA+ definitions."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcheck.checker.run import build_model, check_spec
from mcheck.semantics.modules import STDLIB_DIR
from mcheck.semantics.values import tla_repr
from mcheck.syntax.errors import EvalError
from tests.conformance.runner import corpus_dir

MODULES = ("Folds", "Functions", "FiniteSetsExt", "SequencesExt")


def _evaluator(folder: Path, extends: str):
    """Evaluate constant expressions in a module that EXTENDS ``extends``; returns text -> TLA+ text."""
    folder.mkdir(parents=True, exist_ok=True)
    tla = folder / "Eval.tla"
    tla.write_text(f"---- MODULE Eval ----\nEXTENDS {extends}\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n")
    (folder / "Eval.cfg").write_text("INIT Init\nNEXT Next\n")
    model, err = build_model(str(tla))
    assert err is None, err.error
    return lambda text: tla_repr(model.source.evaluate(text, (0,)))


@pytest.fixture(scope="module")
def ev(tmp_path_factory):
    """The bundled modules, natives included."""
    return _evaluator(tmp_path_factory.mktemp("native"), "Naturals, Sequences, TLC, SequencesExt")


@pytest.fixture(scope="module")
def pure(tmp_path_factory):
    """The same modules under other names, so that no native applies: their TLA+ definitions alone."""
    folder = tmp_path_factory.mktemp("pure")
    for m in MODULES:
        text = (Path(STDLIB_DIR) / f"{m}.tla").read_text()
        for n in MODULES:
            text = re.sub(rf"\b{n}\b", "Pure" + n, text)
        (folder / f"Pure{m}.tla").write_text(text)
    return _evaluator(folder, "Naturals, Sequences, TLC, PureSequencesExt")


def error_of(ev, text: str) -> str:
    with pytest.raises(EvalError) as e:
        ev(text)
    return e.value.message


# ---------------------------------------------------------------- FiniteSetsExt

def test_foldset_sums_a_set(ev):
    assert ev(r"FoldSet(LAMBDA x, acc : x + acc, 0, 1..10)") == "55"
    assert ev(r"FoldSet(+, 5, {})") == "5"


def test_foldset_takes_the_elements_in_tlc_order_as_tlcs_java_does(ev):
    # op(x3, op(x2, op(x1, base))) with x1 < x2 < x3 in TLC's normal order
    assert ev(r"FoldSet(LAMBDA x, acc : <<x, acc>>, 0, {3, 1, 2})") == "<<3, <<2, <<1, 0>>>>>>"
    assert ev(r"FoldSet(LAMBDA x, acc : acc \o <<x>>, <<>>, {2, 3, 1})") == "<<1, 2, 3>>"


def test_reduceset_is_foldset_with_its_last_arguments_swapped(ev):
    assert ev(r"ReduceSet(LAMBDA x, acc : acc \o <<x>>, {2, 1}, <<0>>)") == "<<0, 1, 2>>"


def test_sumset_productset_and_mapthensumset(ev):
    assert ev("SumSet(0..10)") == "55"
    assert ev("SumSet({})") == "0"
    assert ev("ProductSet(1..5)") == "120"
    assert ev(r"MapThenSumSet(LAMBDA r : r.n, {[n |-> 0], [n |-> 1], [n |-> 2]})") == "3"


def test_sumset_of_a_non_integer_is_tlcs_error(ev):
    assert error_of(ev, r'SumSet({1, "a"})') == \
        'The first argument of + should be an integer, but instead it is:\n"a"'


def test_max_and_min_of_a_set_of_integers(ev):
    assert ev("Max({3, -1, 7, 2})") == "7"
    assert ev("Min({3, -1, 7, 2})") == "-1"


def test_max_of_the_empty_set_fails_like_choose(ev):
    assert "no element of S satisfied P" in error_of(ev, "Max({})")


def test_ksubset_enumerates_only_the_k_subsets(ev):
    assert ev("kSubset(2, 1..3)") == "{{1, 2}, {1, 3}, {2, 3}}"
    assert ev("kSubset(0, 1..3)") == "{{}}"
    assert ev("kSubset(4, 1..3)") == "{}"
    assert ev("Cardinality(kSubset(3, 1..20))") == "1140"


def test_ksubset_of_a_non_number_is_an_error(ev):
    assert error_of(ev, 'kSubset("a", {1})') == \
        'The first argument of kSubset should be a natural number, but instead it is:\n"a"'


def test_quantify_counts_the_elements_satisfying_a_predicate(ev):
    assert ev(r"Quantify(1..9, LAMBDA n : n % 2 = 0)") == "4"


def test_choices_picks_one_element_of_each_set(ev):
    assert ev("Choices({{1, 2}, {2, 3}, {5}})") == "{{2, 5}, {1, 2, 5}, {1, 3, 5}, {2, 3, 5}}"
    assert ev("Choices({})") == "{{}}"
    assert ev("Choices({{1}, {}})") == "{}"


def test_chooseunique_fails_unless_exactly_one_element_matches(ev):
    assert ev(r"ChooseUnique({2, 3, 4, 5}, LAMBDA x : x % 3 = 1)") == "4"
    assert "no element of S satisfied P" in error_of(ev, r"ChooseUnique({1, 4}, LAMBDA x : x % 3 = 1)")


def test_symdiff_and_flattenset(ev):
    assert ev("SymDiff({1, 2, 3}, {2, 3, 4})") == "{1, 4}"
    assert ev("FlattenSet({{1, 2}, {2, 3}, {}})") == "{1, 2, 3}"


# ---------------------------------------------------------------- Folds

def test_mapthenfoldset_follows_its_choose_argument(ev):
    first = r"LAMBDA S : CHOOSE x \in S : TRUE"
    largest = r"LAMBDA S : CHOOSE x \in S : \A y \in S : x >= y"
    pair = r"LAMBDA x, acc : <<x, acc>>"
    assert ev(f"MapThenFoldSet({pair}, 0, LAMBDA x : 2 * x, {first}, {{1, 2, 3}})") == "<<2, <<4, <<6, 0>>>>>>"
    assert ev(f"MapThenFoldSet({pair}, 0, LAMBDA x : x, {largest}, {{1, 2, 3}})") == "<<3, <<2, <<1, 0>>>>>>"


# ---------------------------------------------------------------- Functions

def test_range_restrict_and_pointwise(ev):
    assert ev("Range(<<1, 2, 1>>)") == "{1, 2}"
    assert ev("Range([a |-> 1, b |-> 2])") == "{1, 2}"
    assert ev('Restrict([a |-> 1, b |-> 2, c |-> 3], {"a", "c"})') == "[a |-> 1, c |-> 3]"
    assert ev("Pointwise(<<1, 2>>, <<10, 20>>, +)") == "<<11, 22>>"


def test_restrict_domain_and_values(ev):
    assert ev(r"RestrictDomain(<<5, 6, 7>>, LAMBDA i : i > 1)") == "(2 :> 6 @@ 3 :> 7)"
    assert ev(r"RestrictValues(<<0, 1, 2>>, LAMBDA y : y \in {0, 2})") == "(1 :> 0 @@ 3 :> 2)"
    assert ev("IsRestriction([one |-> 1], [one |-> 1, two |-> 2])") == "TRUE"
    assert ev("IsRestriction([one |-> 1, two |-> 2], [two |-> 2])") == "FALSE"


def test_inverse_chooses_the_first_preimage_in_tlc_order(ev):
    assert ev("Inverse(<<7, 8, 7>>, 1..3, {7, 8})") == "(7 :> 1 @@ 8 :> 2)"
    # outside the range: an arbitrary (the first) element of S
    assert ev("Inverse(<<7, 8>>, 1..2, {9})") == "(9 :> 1)"
    assert ev("AntiFunction(<<5, 6>>)") == "(5 :> 1 @@ 6 :> 2)"


def test_isinjective(ev):
    assert ev("IsInjective(<<1, 2, 3>>)") == "TRUE"
    assert ev("IsInjective([a |-> 1, b |-> 1])") == "FALSE"
    assert error_of(ev, "IsInjective(3)") == "The argument of IsInjective should be a function, but instead it is:\n3"


def test_injections_surjections_and_bijections(ev):
    assert ev("Cardinality(Injection(1..2, 1..4))") == "12"
    assert ev("Cardinality(Surjection(1..3, 1..2))") == "6"
    assert ev("Bijection({1, 2}, {7, 8})") == "{<<7, 8>>, <<8, 7>>}"
    assert ev("<<ExistsInjection(1..3, 1..2), ExistsSurjection(1..3, 1..2), ExistsBijection(1..2, 3..4)>>") == \
        "<<FALSE, TRUE, TRUE>>"
    assert ev("<<ExistsSurjection(1..2, {}), ExistsSurjection({}, {}), ExistsInjection({}, {})>>") == \
        "<<FALSE, TRUE, TRUE>>"


def test_foldfunction_takes_the_domain_in_tlc_order(ev):
    assert ev(r"FoldFunction(LAMBDA v, acc : <<v, acc>>, 0, [a |-> 1, b |-> 2])") == "<<2, <<1, 0>>>>"
    assert ev(r"FoldFunction(LAMBDA v, acc : {v} \cup acc, {}, <<1, 2, 1>>)") == "{1, 2}"
    assert ev(r"FoldFunctionOnSet(+, 0, <<1, 2, 4>>, {1, 3})") == "5"
    assert ev("SumFunction([a |-> 1, b |-> 2])") == "3"
    assert ev("SumFunctionOnSet(<<1, 2, 4>>, {2, 3})") == "6"


# ---------------------------------------------------------------- SequencesExt

def test_settoseq_lists_a_set_in_tlc_order(ev):
    assert ev("SetToSeq({3, 1, 2})") == "<<1, 2, 3>>"
    assert ev("SetToSeq({})") == "<<>>"
    assert ev('SetToSeq({"second-ccx", "first-ccx"})') == '<<"second-ccx", "first-ccx">>'  # interning order
    assert ev("SetToSortSeq({3, 1, 2}, >)") == "<<3, 2, 1>>"


def test_set_to_sequences_and_permutations(ev):
    assert ev("SetToSeqs({1, 2})") == "{<<1, 2>>, <<2, 1>>}"
    assert ev("SetToAllKPermutations({1, 2})") == "{<<>>, <<1>>, <<2>>, <<1, 2>>, <<2, 1>>}"


def test_toset_and_tobag(ev):
    assert ev("ToSet(<<1, 1, 2>>)") == "{1, 2}"
    assert ev('ToBag(<<"a", "b", "a">>)') == '[a |-> 2, b |-> 1]'


def test_bounded_sequences(ev):
    assert ev("BoundedSeq({1, 2}, 2)") == "{<<>>, <<1>>, <<2>>, <<1, 1>>, <<1, 2>>, <<2, 1>>, <<2, 2>>}"
    assert ev("SeqOf({1}, 0) = {<<>>}") == "TRUE"
    assert ev("<<1, 1>> \\in TupleOf({1, 2}, 2) /\\ Cardinality(TupleOf({1, 2}, 3)) = 8") == "TRUE"


def test_folds_over_sequences(ev):
    assert ev(r"FoldLeft(LAMBDA acc, x : <<acc, x>>, 0, <<1, 2, 3>>)") == "<<<<<<0, 1>>, 2>>, 3>>"
    assert ev(r"FoldRight(LAMBDA x, acc : <<x, acc>>, <<1, 2, 3>>, 0)") == "<<1, <<2, <<3, 0>>>>>>"
    assert ev(r"FoldSeq(LAMBDA x, acc : <<x, acc>>, 0, <<1, 2, 3>>)") == "<<3, <<2, <<1, 0>>>>>>"
    assert ev(r"FoldLeftDomain(LAMBDA acc, i : acc \o <<i>>, <<>>, <<7, 8>>)") == "<<1, 2>>"
    assert ev(r"FoldRightDomain(LAMBDA i, acc : acc \o <<i>>, <<7, 8>>, <<>>)") == "<<2, 1>>"


def test_fold_of_a_non_sequence_is_an_error(ev):
    assert error_of(ev, r"FoldLeft(LAMBDA a, b : a, 0, {1})") == \
        "The third argument of FoldLeft should be a sequence, but instead it is:\n{1}"


def test_searching_sequences(ev):
    assert ev("Contains(<<1, 2>>, 2) /\\ ~Contains(<<1, 2>>, 3)") == "TRUE"
    assert ev(r"SelectInSeq(<<1, 2, 3, 4>>, LAMBDA x : x > 1)") == "2"
    assert ev(r"SelectLastInSeq(<<1, 2, 3, 4>>, LAMBDA x : x > 5)") == "0"
    assert ev(r"SelectLastInSeq(<<1, 2, 3, 4>>, LAMBDA x : x < 3)") == "2"


def test_select_in_subseq_returns_the_index_in_the_whole_sequence(ev):
    # as TLC's Java override does (the community module's TLA+ text would give 2)
    assert ev(r"SelectInSubSeq(<<1, 2, 3, 4>>, 2, 4, LAMBDA x : x > 2)") == "3"
    assert ev(r"SelectLastInSubSeq(<<1, 2, 3, 4>>, 1, 3, LAMBDA x : x > 1)") == "3"


def test_inserting_removing_and_replacing_elements(ev):
    assert ev("InsertAt(<<1, 2>>, 2, 9)") == "<<1, 9, 2>>"
    assert ev("InsertAt(<<1, 2>>, 3, 9)") == "<<1, 2, 9>>"
    assert ev("RemoveAt(<<1, 2, 3>>, 2)") == "<<1, 3>>"
    assert ev("ReplaceAt(<<1, 2, 3>>, 2, 9)") == "<<1, 9, 3>>"
    assert ev("Remove(<<1, 2, 1>>, 1)") == "<<2>>"
    assert ev("RemoveFirst(<<1, 2, 1>>, 1)") == "<<2, 1>>"
    assert ev(r"RemoveFirstMatch(<<1, 2, 3>>, LAMBDA x : x > 1)") == "<<1, 3>>"
    assert ev("ReplaceAll(<<1, 2, 1>>, 1, 0)") == "<<0, 2, 0>>"
    assert ev("<<Cons(0, <<1>>), Snoc(0, <<1>>), Front(<<1, 2>>), Last(<<1, 2>>), Reverse(<<1, 2>>)>>") == \
        "<<<<0, 1>>, <<1, 0>>, <<1>>, 2, <<2, 1>>>>"


def test_prefixes_and_suffixes(ev):
    assert ev("<<IsPrefix(<<1>>, <<1, 2>>), IsStrictPrefix(<<1, 2>>, <<1, 2>>), IsSuffix(<<2>>, <<1, 2>>), "
              "IsStrictSuffix(<<>>, <<1>>)>>") == "<<TRUE, FALSE, TRUE, TRUE>>"
    assert ev("Prefixes(<<1, 2>>)") == "{<<>>, <<1>>, <<1, 2>>}"
    assert ev("Suffixes(<<1, 2>>)") == "{<<>>, <<2>>, <<1, 2>>}"
    assert ev("CommonPrefixes({<<1, 2>>, <<1, 3>>})") == "{<<>>, <<1>>}"
    assert ev("LongestCommonPrefix({<<1, 2, 3>>, <<1, 2>>, <<1, 2, 4>>})") == "<<1, 2>>"


def test_prefixes_of_strings_as_tlc_overrides_them(ev):
    assert ev('IsPrefix("ab", "abc")') == "TRUE"
    assert ev('LongestCommonPrefix({"abcd", "abx", "ab"})') == '"ab"'


def test_longest_common_prefix_of_the_empty_set_is_an_error(ev):
    assert error_of(ev, "LongestCommonPrefix({})") == \
        "The argument of LongestCommonPrefix should be a non-empty set, but instead it is:\n{}"


def test_seqmod_maps_into_the_indices_of_a_sequence(ev):
    assert ev("<<SeqMod(3, 3), SeqMod(4, 3), SeqMod(0, 3)>>") == "<<3, 1, 3>>"


def test_flatten_zip_and_interleave(ev):
    assert ev("FlattenSeq(<< <<1, 2>>, <<>>, <<3>> >>)") == "<<1, 2, 3>>"
    assert ev('FlattenSeq(<<"ab", "c">>)') == '"abc"'
    assert ev("FlattenSeq(<<>>)") == "<<>>"
    assert ev("Zip(<<1, 2, 3>>, <<4, 5>>)") == "<<<<1, 4>>, <<2, 5>>>>"
    assert ev("Interleave(<<1, 3>>, <<2, 4>>)") == "<<<<1>>, <<2>>, <<3>>, <<4>>>>"


def test_subsequences(ev):
    assert ev("SubSeqs(<<1, 2, 3>>)") == "{<<>>, <<1>>, <<2>>, <<3>>, <<1, 2>>, <<2, 3>>, <<1, 2, 3>>}"
    assert ev("AllSubSeqs(<<1, 2, 3>>)") == \
        "{<<>>, <<1>>, <<2>>, <<3>>, <<1, 2>>, <<1, 3>>, <<2, 3>>, <<1, 2, 3>>}"
    assert ev("IndexFirstSubSeq(<<2, 3>>, <<1, 2, 3, 2, 3>>)") == "2"
    assert ev("ReplaceSubSeqAt(2, <<9>>, <<2, 3>>, <<1, 2, 3, 4>>)") == "<<1, 9, 4>>"


def test_replacing_subsequences_on_sequences_and_strings(ev):
    assert ev("ReplaceFirstSubSeq(<<9>>, <<1>>, <<2, 1, 1>>)") == "<<2, 9, 1>>"
    assert ev("ReplaceFirstSubSeq(<<9>>, <<5>>, <<2, 1>>)") == "<<2, 1>>"
    assert ev("ReplaceAllSubSeqs(<<2, 2>>, <<1, 1>>, <<1, 1, 1>>)") == "<<2, 2, 1>>"
    assert ev("ReplaceAllSubSeqs(<<9>>, <<>>, <<1, 2>>)") == "<<9, 1, 9, 2>>"
    assert ev('ReplaceFirstSubSeq("x", "a", "banana")') == '"bxnana"'
    assert ev('ReplaceAllSubSeqs("x", "a", "banana")') == '"bxnxnx"'
    assert ev('ReplaceAllSubSeqs("-", "", "ab")') == '"-a-b"'


# ---------------------------------------------------------------- natives = definitions

AGREEING = [
    r"FoldSet(LAMBDA x, acc : <<x, acc>>, 0, {3, 1, 2})",
    r"SumSet(1..10)", r"ProductSet(1..4)", r"Max({3, 1, 2})", r"Min({3, 1, 2})",
    r"MapThenSumSet(LAMBDA x : x * x, 1..3)", r"kSubset(2, 1..4)", r"Quantify(1..9, LAMBDA n : n % 3 = 0)",
    r"Choices({{1, 2}, {2, 3}, {5}})", r"ChooseUnique({2, 3, 4, 5}, LAMBDA x : x % 3 = 1)",
    r"MapThenFoldSet(LAMBDA x, acc : <<x, acc>>, 0, LAMBDA x : 2 * x, LAMBDA S : CHOOSE y \in S : TRUE, {1, 2, 3})",
    r"Range([a |-> 1, b |-> 2])", r"Inverse(<<1, 2, 1>>, 1..3, {1, 2, 5})", r"AntiFunction(<<5, 6>>)",
    r"Injection(1..2, {7, 8, 9})", r"Surjection(1..3, {7, 8})", r"Bijection({1, 2}, {7, 8})",
    r"<<ExistsInjection(1..3, 1..2), ExistsSurjection(1..2, {}), ExistsBijection({}, {})>>",
    r"FoldFunction(LAMBDA x, acc : <<x, acc>>, 0, [a |-> 1, b |-> 2])",
    r"RestrictValues(<<0, 1, 2>>, LAMBDA y : y \in {0, 2})", r"Pointwise(<<1, 2>>, <<3, 4>>, +)",
    r"SetToSeq({3, 1, 2})", r"SetToSortSeq({3, 1, 2}, >)", r"SetToAllKPermutations({1, 2})", r"ToBag(<<1, 2, 1>>)",
    r"BoundedSeq({1, 2}, 2)", r"FoldSeq(LAMBDA x, acc : <<x, acc>>, 0, <<1, 2, 3>>)",
    r"FoldLeft(LAMBDA acc, x : <<acc, x>>, 0, <<1, 2, 3>>)", r"FoldRight(LAMBDA x, acc : <<x, acc>>, <<1, 2, 3>>, 0)",
    r"FoldRightDomain(LAMBDA i, acc : <<i, acc>>, <<7, 8>>, 0)",
    r"SelectInSubSeq(<<1, 2, 3, 4>>, 2, 4, LAMBDA x : x > 2)", r"RemoveFirst(<<1, 2, 1>>, 1)",
    r"InsertAt(<<1, 2>>, 2, 9)", r"LongestCommonPrefix({<<1, 2, 3>>, <<1, 2>>, <<1, 2, 4>>})",
    r"CommonPrefixes({<<1, 2>>, <<1, 3>>})", r"Suffixes(<<1, 2>>)", r"IsSuffix(<<2, 3>>, <<1, 2, 3>>)",
    r"FlattenSeq(<< <<1, 2>>, <<1>> >>)", r"Zip(<<1, 2, 3>>, <<4, 5>>)", r"Interleave(<<1, 3>>, <<2, 4>>)",
    r"Interleave(<<>>, <<>>)", r"SubSeqs(<<1, 2, 3>>)", r"AllSubSeqs(<<1, 2, 3>>)",
    r"IndexFirstSubSeq(<<2, 3>>, <<1, 2, 3, 2, 3>>)", r"IndexFirstSubSeq(<<>>, <<1>>)",
    r"ReplaceFirstSubSeq(<<9>>, <<1>>, <<2, 1, 1>>)", r"ReplaceAllSubSeqs(<<2, 2>>, <<1, 1>>, <<1, 1, 1>>)",
    r"ReplaceAllSubSeqs(<<9>>, <<>>, <<1, 2>>)", r"ReplaceAllSubSeqs(<<9>>, <<>>, <<>>)",
]


@pytest.mark.parametrize("expr", AGREEING)
def test_natives_agree_with_the_tla_definitions(ev, pure, expr):
    assert ev(expr) == pure(expr)


# ---------------------------------------------------------------- modules, specs

def test_modules_export_what_the_community_modules_export(check):
    # Range (Functions) and Max (FiniteSetsExt) reach a module that EXTENDS only SequencesExt;
    # MapThenFoldSet (Folds) one that EXTENDS only Functions.
    r = check("Exports", r"""
VARIABLE x
ASSUME Range(<<1, 2>>) = {1, 2} /\ Max({1, 2}) = 2 /\ IsInjective(<<1, 2>>)
Init == x = 0
Next == x' = x
""", extends="SequencesExt")
    assert r.result == "success", r.error
    r = check("Exports2", r"""
VARIABLE x
ASSUME MapThenFoldSet(+, 0, LAMBDA y : y, LAMBDA S : CHOOSE y \in S : TRUE, {1, 2}) = 3
Init == x = 0
Next == x' = x
""", extends="Functions")
    assert r.result == "success", r.error


def test_a_spec_enumerates_bounded_sequences(check):
    r = check("Bounded", r"""
VARIABLE s
Init == s = <<>>
Next == \E t \in BoundedSeq({0, 1}, 2) : s' = t
""", extends="SequencesExt")
    assert r.result == "success", r.error
    assert (r.distinct_states, r.states_generated) == (7, 1 + 7 * 7)  # every state has 7 successors


def test_mcdiehardest_finds_tlcs_counterexample():
    root = corpus_dir()
    tla = root / "specifications" / "DieHard" / "MCDieHardest.tla" if root else None
    if tla is None or not tla.exists():
        pytest.skip("MCDieHardest.tla not found in the conformance corpus")
    r = check_spec(str(tla), str(tla.with_suffix(".cfg")))
    assert r.result == "safety failure", r.error
    assert r.violation.name == "NotSolved"
    assert len(r.violation.trace) == 12
