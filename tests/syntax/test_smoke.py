"""A first check that both entry points work; the detailed behaviour lives in the other test files."""
from mcheck.syntax import ast as A
from mcheck.syntax.parser import parse_expr, parse_module


def test_parse_expr_gives_precedence_tree() -> None:
    assert parse_expr("1 + 2 * 3") == A.OpApp("+", (A.Num(1), A.OpApp("*", (A.Num(2), A.Num(3)))))


def test_parse_module_gives_units() -> None:
    m = parse_module("---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n====\n", "m.tla")
    assert m.name == "M" and m.extends == ("Naturals",)
    assert m.units[0] == A.Variables(("x",))
    assert m.units[1] == A.OpDef("Init", (), A.OpApp("=", (A.Name("x"), A.Num(0))))
