"""Bulleted /\\ and \\/ lists: their meaning comes from their columns."""
from __future__ import annotations

from mcheck.syntax import ast as A
from mcheck.syntax.parser import parse_expr, parse_module

a, b, c, d, e = (A.Name(x) for x in "abcde")


def AND(*items: A.Expr) -> A.Junction:
    return A.Junction("/\\", items)


def OR(*items: A.Expr) -> A.Junction:
    return A.Junction("\\/", items)


def op(o: str, *args: A.Expr) -> A.OpApp:
    return A.OpApp(o, args)


def test_conjunction_list_of_three_items() -> None:
    assert parse_expr("/\\ a\n/\\ b\n/\\ c") == AND(a, b, c)


def test_conjunction_list_nested_in_disjunction_list() -> None:
    src = "\\/ /\\ a\n   /\\ b\n\\/ c"
    assert parse_expr(src) == OR(AND(a, b), c)


def test_disjunction_list_nested_in_conjunction_list() -> None:
    src = "/\\ a\n/\\ \\/ b\n   \\/ c\n/\\ d"
    assert parse_expr(src) == AND(a, OR(b, c), d)


def test_list_ended_by_a_less_indented_token() -> None:
    m = parse_module("---- MODULE M ----\nP == /\\ a\n     /\\ b\nQ == c\n====\n", "m.tla")
    assert m.units[0] == A.OpDef("P", (), AND(a, b))
    assert m.units[1] == A.OpDef("Q", (), c)


def test_less_indented_infix_conjunction_applies_to_the_whole_list() -> None:
    # The third bullet is left of the list: the list ends, and /\ is infix.
    assert parse_expr("x = /\\ a\n    /\\ b\n  /\\ c") == op("/\\", op("=", A.Name("x"), AND(a, b)), c)


def test_list_inside_parentheses_on_one_line() -> None:
    assert parse_expr("(/\\ a) \\/ (\\/ b) /\\ c") == op("/\\", op("\\/", AND(a), OR(b)), c)


def test_items_on_one_line_in_parentheses_are_infix_after_the_first() -> None:
    # On one line the second /\ is not at the list's column: it is infix inside the item.
    assert parse_expr("(/\\ a /\\ b)") == AND(op("/\\", a, b))


def test_list_ended_by_then_and_else() -> None:
    src = "IF /\\ a\n   /\\ b THEN \\/ c\n             \\/ d ELSE e"
    assert parse_expr(src) == A.If(AND(a, b), OR(c, d), e)


def test_list_ended_by_in() -> None:
    src = "LET x == /\\ a\n         /\\ b IN x"
    assert parse_expr(src) == A.Let((A.OpDef("x", (), AND(a, b)),), A.Name("x"))


def test_list_ended_by_comma_and_closing_paren() -> None:
    src = "f(/\\ a\n  /\\ b, c)"
    assert parse_expr(src) == A.OpApp("f", (AND(a, b), c))


def test_list_ended_by_closing_brace_and_bracket() -> None:
    assert parse_expr("{/\\ a\n /\\ b}") == A.SetEnum((AND(a, b),))
    assert parse_expr("[x EXCEPT ![1] = /\\ a\n                 /\\ b]") == A.Except(
        A.Name("x"), (A.ExceptUpdate(((A.Num(1),),), AND(a, b), (False,)),))


def test_infix_conjunction_at_line_start_continues_the_expression() -> None:
    assert parse_expr("a\n  /\\ b") == op("/\\", a, b)


def test_infix_disjunction_inside_a_conjunction_item() -> None:
    src = "/\\ a\n     \\/ b\n/\\ c"
    assert parse_expr(src) == AND(op("\\/", a, b), c)


def test_bullet_in_a_let_definition() -> None:
    src = "LET x == /\\ a\n         /\\ b\n    y == c\nIN  x /\\ y"
    assert parse_expr(src) == A.Let((A.OpDef("x", (), AND(a, b)), A.OpDef("y", (), c)),
                                    op("/\\", A.Name("x"), A.Name("y")))


def test_quantifier_inside_an_item_does_not_end_the_list() -> None:
    src = "/\\ \\A x, y \\in S : a\n/\\ b"
    q = A.Quant("\\A", (A.Bound(("x", "y"), False, A.Name("S")),), a)
    assert parse_expr(src) == AND(q, b)


def test_if_and_case_inside_items_do_not_end_the_list() -> None:
    src = "/\\ IF a THEN b ELSE c\n/\\ CASE a -> b [] OTHER -> c\n/\\ d"
    assert parse_expr(src) == AND(A.If(a, b, c), A.Case((A.CaseArm(a, b),), c), d)


def test_case_arm_body_list_ends_at_the_next_arm() -> None:
    src = "CASE a -> /\\ b\n          /\\ c\n  [] d -> e"
    assert parse_expr(src) == A.Case((A.CaseArm(a, AND(b, c)), A.CaseArm(d, e)))


def test_single_item_list() -> None:
    assert parse_expr("/\\ a") == AND(a)


def test_bullets_at_column_one_in_a_module() -> None:
    m = parse_module("---- MODULE M ----\nInit ==\n/\\ a\n/\\ b\nNext == c\n====\n", "m.tla")
    assert m.units[0].body == AND(a, b)


def test_unicode_bullets_align_like_ascii_ones() -> None:
    assert parse_expr("∧ a\n∧ ∨ b\n  ∨ c") == AND(a, OR(b, c))


def test_bare_conjunction_operator_as_an_argument_is_not_a_bullet() -> None:
    assert parse_expr("Fold(/\\, TRUE, S)") == A.OpApp("Fold", (A.Name("/\\"), A.Bool(True), A.Name("S")))
