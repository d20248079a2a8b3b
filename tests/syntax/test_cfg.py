"""TLC model files: every form of the language, the corpus, and exact error messages."""
from __future__ import annotations

import pytest

from mcheck.syntax.cfg import CfgName, ConstAssign, load_cfg, parse_cfg
from mcheck.syntax.ast import Bool, Name, Num, SetEnum, Str, Tuple
from mcheck.syntax.errors import ConfigError


def parse(text: str):
    return parse_cfg(text, "t.cfg")


def error(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        parse(text)
    return info.value


# --------------------------------------------------------------------------- forms


def test_init_next_and_names_keep_their_spans():
    cfg = parse("INIT Init\nNEXT Next\n")
    assert cfg.init == "Init" and cfg.next == "Next"
    assert isinstance(cfg.init, CfgName)
    assert (cfg.next.span.line, cfg.next.span.col, cfg.next.span.end_col) == (2, 6, 10)
    assert cfg.specification is None and cfg.check_deadlock is None


def test_specification_symmetry_view_alias_postcondition():
    cfg = parse("SPECIFICATION Spec SYMMETRY Perms VIEW V ALIAS A POSTCONDITION Post")
    assert (cfg.specification, cfg.symmetry, cfg.view, cfg.alias, cfg.postcondition) == (
        "Spec", "Perms", "V", "A", "Post")


def test_list_keywords_accumulate_in_file_order_across_singular_and_plural():
    cfg = parse("INVARIANT A\nPROPERTIES P Q\nINVARIANTS B C\nPROPERTY R\n"
                "CONSTRAINT K1 CONSTRAINTS K2\nACTION_CONSTRAINT X ACTION_CONSTRAINTS Y Z")
    assert cfg.invariants == ["A", "B", "C"]
    assert cfg.properties == ["P", "Q", "R"]
    assert cfg.constraints == ["K1", "K2"]
    assert cfg.action_constraints == ["X", "Y", "Z"]


def test_empty_list_section_is_accepted_like_tlc():
    assert parse("INVARIANTS\nPROPERTIES\nINIT I").invariants == []


def test_check_deadlock_true_and_false():
    assert parse("CHECK_DEADLOCK FALSE").check_deadlock is False
    assert parse("CHECK_DEADLOCK TRUE").check_deadlock is True


def test_constant_values_of_every_kind():
    cfg = parse('CONSTANTS N = 3  M = -2  S = "hi"  B = TRUE  C = FALSE  m = m\n'
                '  P = {p1, p2}  E = {}  T = <<1, "a", {x}>>  Nested = {{1, 2}, <<>>}')
    values = {c.name: c.value for c in cfg.constants}
    assert values == {
        "N": Num(3), "M": Num(-2), "S": Str("hi"), "B": Bool(True), "C": Bool(False), "m": Name("m"),
        "P": SetEnum((Name("p1"), Name("p2"))), "E": SetEnum(()),
        "T": Tuple((Num(1), Str("a"), SetEnum((Name("x"),)))),
        "Nested": SetEnum((SetEnum((Num(1), Num(2))), Tuple(()))),
    }
    assert all(c.kind == "value" for c in cfg.constants)


def test_value_spans_cover_the_whole_value():
    c = parse("CONSTANT S = {a, b}").constants[0]
    assert (c.value.span.col, c.value.span.end_col) == (14, 20)
    assert (c.span.col, c.span.end_col) == (10, 20)


def test_string_escapes_are_decoded():
    assert parse(r'CONSTANT S = "a\"b\\c"').constants[0].value == Str('a"b\\c')


def test_operator_substitution_and_module_scoped_substitution():
    cfg = parse("CONSTANTS Nat <- MCNat\n  Op <-[Inner] MCOp\n  Q <- [Inner] R")
    nat, op, q = cfg.constants
    assert nat == ConstAssign(CfgName("Nat"), subst=CfgName("MCNat"))
    assert nat.kind == "subst"
    assert op.kind == "module_subst" and op.subst == "MCOp" and op.module == "Inner"
    assert q.module == "Inner" and q.subst == "R"


def test_operator_table_entries_take_value_arguments():
    cfg = parse('CONSTANT F(1, "a") = 2\nF(2, "a") = 3')
    assert [c.args for c in cfg.constants] == [(Num(1), Str("a")), (Num(2), Str("a"))]
    assert cfg.constant("F").value == Num(3)


def test_constant_and_constants_sections_repeat():
    cfg = parse("CONSTANT A = 1\nINIT I\nCONSTANTS B = 2 C = 3\nCONSTANT A = 4")
    assert [c.name for c in cfg.constants] == ["A", "B", "C", "A"]
    assert cfg.constant("A").value == Num(4)


def test_comments_line_block_and_nested_are_skipped():
    cfg = parse("\\* INIT Wrong\n(* INIT Wrong (* nested *) still comment *)\nINIT Right \\* trailing\n")
    assert cfg.init == "Right"


def test_uppercase_constant_names_are_not_mistaken_for_keywords():
    cfg = parse("CONSTANTS\n  NULL = NULL\n  NEXTT = 1\nINVARIANT INV")
    assert [c.name for c in cfg.constants] == ["NULL", "NEXTT"]
    assert cfg.invariants == ["INV"]


def test_every_corpus_model_file_parses(corpus):
    files = sorted(corpus.glob("specifications/**/*.cfg"))
    assert len(files) >= 90
    for f in files:
        load_cfg(str(f))


# --------------------------------------------------------------------------- errors


def test_misspelt_keyword_is_an_unknown_keyword_with_a_suggestion():
    e = error("INIT Init\nINVARIANTT Inv")
    assert e.message == "unknown keyword 'INVARIANTT' in the model file; did you mean 'INVARIANT'?"
    assert (e.span.line, e.span.col, e.span.end_col) == (2, 1, 11)


def test_misspelt_keyword_after_a_list_section_is_not_taken_as_a_name():
    e = error("INVARIANT TypeOK\nPROPERTYS Live")
    assert e.message == "unknown keyword 'PROPERTYS' in the model file; did you mean 'PROPERTY'?"


def test_a_file_starting_with_a_name_reports_an_unknown_keyword():
    e = error("Foo Bar")
    assert e.message == ("unknown keyword 'Foo' in the model file (expected CONSTANT, INIT, NEXT, "
                         "SPECIFICATION, INVARIANT, PROPERTY, CONSTRAINT, ...)")


def test_keyword_without_its_name_is_a_missing_value():
    e = error("INIT\nNEXT Next")
    assert e.message == "missing name after INIT"
    assert (e.span.line, e.span.col) == (1, 1)


def test_assignment_without_value_is_a_missing_value():
    e = error("CONSTANT N =\nINIT Init")
    assert e.message == "missing value after 'N ='"
    assert (e.span.line, e.span.col) == (1, 12)


def test_range_is_a_bad_value():
    e = error("CONSTANT N = 1..3")
    assert e.message == ("bad value for N: ranges 'a..b' are not values in a model file; "
                         "write the set {a, ..., b} out")
    assert e.span.col == 15


def test_parenthesised_expression_is_a_bad_value():
    e = error("CONSTANT N = (1)")
    assert e.message == ("bad value for N: '(' (a value is a number, a string, TRUE, FALSE, a model value, "
                         "or a set {...} or tuple <<...>> of values)")


def test_substituting_a_value_with_arrow_suggests_equals():
    e = error("CONSTANT N <- 3")
    assert e.message == "'<-' needs the name of a definition, but a value follows: to assign a value, write 'N = ...'"
    assert e.span.col == 15
    e = error("CONSTANT S <- {a, b}")
    assert e.message.startswith("'<-' needs the name of a definition")


def test_double_equals_is_reported_as_confusion_with_assignment():
    e = error("CONSTANT N == 3")
    assert e.message == ("expected '=' or '<-' after constant N, found '==' "
                         "(write 'N = value' or 'N <- Definition')")
    assert (e.span.col, e.span.end_col) == (12, 14)


def test_unterminated_string():
    e = error('CONSTANT S = {"a, "b"}')
    assert e.message in ("unterminated string: the closing '\"' is missing",)
    e = error('CONSTANT S = "abc\nINIT I')
    assert e.message == "unterminated string: the closing '\"' is missing"
    assert (e.span.line, e.span.col) == (1, 14)


def test_unterminated_comment():
    e = error("INIT I (* never closed")
    assert e.message == "unterminated comment: '(*' has no matching '*)'"
    assert e.span.col == 8


def test_check_deadlock_needs_a_boolean():
    assert error("CHECK_DEADLOCK maybe").message == "CHECK_DEADLOCK takes TRUE or FALSE, found 'maybe'"
    assert error("CHECK_DEADLOCK").message == "missing value after CHECK_DEADLOCK: expected TRUE or FALSE"


def test_single_keyword_given_twice():
    e = error("INIT A\nINIT B")
    assert e.message == "INIT appears twice in the model file (first at line 1)"
    assert e.span.line == 2


def test_single_keyword_given_two_names():
    assert error("SPECIFICATION Spec Other").message == "SPECIFICATION takes one name; 'Other' is not a keyword"


def test_unclosed_set_and_stray_character():
    assert error("CONSTANT S = {a, b").message == "expected ',' or '}' in the value of S, found the end of the file"
    assert error("CONSTANT N = 3;").message == "unexpected ';' after the value of N"


def test_errors_render_with_file_line_and_caret():
    e = error("INIT Init\nINVARIANTT Inv")
    assert e.render().splitlines() == [
        "t.cfg:2:1: error: unknown keyword 'INVARIANTT' in the model file; did you mean 'INVARIANT'?",
        "  INVARIANTT Inv",
        "  ^^^^^^^^^^",
    ]
