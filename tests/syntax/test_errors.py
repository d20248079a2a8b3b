"""Malformed input: a ParseError with a precise location and a message naming what was expected."""
from __future__ import annotations

import pytest

from mcheck.syntax.errors import ParseError
from mcheck.syntax.parser import parse_expr, parse_module


def module_error(body: str) -> str:
    with pytest.raises(ParseError) as info:
        parse_module(f"---- MODULE M ----\n{body}\n====\n", "bad.tla")
    return info.value.render().splitlines()[0]


@pytest.mark.parametrize("body, first_line", [
    ("Foo == f(a, b\nBar == 1", "bad.tla:3:1: error: expected ')'"),
    ("Foo == {1, 2", "bad.tla:3:1: error: expected '}'"),
    ("Foo == <<1, 2", "bad.tla:3:1: error: expected '>>'"),
    ("Foo == [a |-> 1", "bad.tla:3:1: error: expected ']'"),
    ("Foo == (1 + 2]", "bad.tla:2:14: error: expected ')'"),
    ("Foo == IF a b", "bad.tla:2:13: error: expected 'THEN'"),
    ("Foo == IF a THEN b", "bad.tla:3:1: error: expected 'ELSE'"),
    ("Foo == IF THEN 1 ELSE 2", "bad.tla:2:11: error: unexpected token 'THEN'"),
    ("Foo == LET a == 1 a", "bad.tla:3:1: error: expected '=='"),
    ("Foo == CASE a -> 1 [] OTHER", "bad.tla:3:1: error: expected '->'"),
    ("Foo == \\A x \\in S x", "bad.tla:2:19: error: unexpected token 'x'"),
    ("Foo == 1 +", "bad.tla:3:1: error: unexpected token '===='"),
    ("Foo == x == 1", "bad.tla:2:10: error: unexpected token '=='"),
    ('Foo == "abc', "bad.tla:2:8: error: unterminated string"),
    ("Foo == (* abc", "bad.tla:2:8: error: unterminated comment"),
    ("Foo == x ? y", "bad.tla:2:10: error: unexpected character '?'"),
    ("Foo == \\foo x", "bad.tla:2:8: error: unknown operator '\\\\foo'"),
    ("Foo == [x \\in S |-> 1, b |-> 2]", "bad.tla:2:24: error: expected ']' after function constructor body"),
    ("Foo == {1 : 2}", "bad.tla:2:13: error: expected a bound such as 'x \\in S'"),
    ("Foo == 1\nBar 2", "bad.tla:3:5: error: expected '=='"),
    ("Foo == 1 + THEN", "bad.tla:2:12: error: unexpected token 'THEN'"),
    ("Foo == CHOOSE x, y : TRUE", "bad.tla:2:18: error: CHOOSE binds a single identifier or a tuple <<x, y>>"),
    ("Foo == (a + b) :: c", "bad.tla:2:16: error: unexpected token '::'"),
])
def test_malformed_module_reports_location_and_message(body: str, first_line: str) -> None:
    assert module_error(body) == first_line


def test_missing_end_of_module() -> None:
    with pytest.raises(ParseError) as info:
        parse_module("---- MODULE M ----\nFoo == 1\n", "bad.tla")
    assert info.value.render().splitlines()[0] == "bad.tla:2:9: error: missing '====' at end of module M"


def test_missing_end_of_nested_module_names_the_inner_module() -> None:
    with pytest.raises(ParseError) as info:
        parse_module("---- MODULE M ----\n---- MODULE Inner ----\nFoo == 1\n====\n", "bad.tla")
    assert info.value.message == "missing '====' at end of module M"


def test_no_module_at_all() -> None:
    with pytest.raises(ParseError) as info:
        parse_module("just text", "bad.tla")
    assert info.value.render().splitlines()[0] == (
        "bad.tla:1:1: error: no module found: expected '---- MODULE Name ----'")


def test_render_shows_the_source_line_and_a_caret_under_the_token() -> None:
    with pytest.raises(ParseError) as info:
        parse_module("---- MODULE M ----\nFoo == IF THEN 1 ELSE 2\n====\n", "bad.tla")
    assert info.value.render().splitlines()[1:] == ["  Foo == IF THEN 1 ELSE 2", "            ^^^^"]


def test_expression_errors_and_end_of_input() -> None:
    with pytest.raises(ParseError) as info:
        parse_expr("1 +", "cfg")
    assert info.value.render().splitlines()[0] == "cfg:1:3: error: unexpected end of input"
    with pytest.raises(ParseError) as info:
        parse_expr("", "cfg")
    assert info.value.message == "expected an expression"


def test_token_left_of_a_list_ends_it_and_reports_the_end_of_the_list() -> None:
    with pytest.raises(ParseError) as info:
        parse_expr("x = /\\ a =\n  b", "e")
    assert info.value.message.startswith("unexpected end of bulleted list")
    assert (info.value.span.line, info.value.span.col) == (2, 3)


def test_bullet_after_an_incomplete_item() -> None:
    with pytest.raises(ParseError) as info:
        parse_expr("x = /\\ a =\n    /\\ b", "e")
    assert info.value.message == "unexpected bullet '/\\': the item before it is incomplete"
    assert (info.value.span.line, info.value.span.col) == (2, 5)


def test_no_lark_exception_escapes_on_garbage() -> None:
    for text in ["]]]", ")(", "<<", "\\A", "CASE", "[]", "==", "!", "WF_", "x!", "{x \\in S :}", "'"]:
        with pytest.raises(ParseError):
            parse_expr(text)
