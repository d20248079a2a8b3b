"""Modules and their units: declarations, definitions, instances, theorems (proofs dropped)."""
from __future__ import annotations

from mcheck.syntax import ast as A
from mcheck.syntax.parser import parse_module


def mod(body: str) -> A.Module:
    return parse_module(f"---- MODULE M ----\n{body}\n====\n", "m.tla")


def test_text_before_and_after_the_module_is_ignored() -> None:
    m = parse_module('junk "unterminated (*\n---- MODULE M ----\nx == 1\n==== more "junk', "m.tla")
    assert m == A.Module("M", (), (A.OpDef("x", (), A.Num(1)),))
    assert m.file == "m.tla"


def test_extends_constants_and_variables() -> None:
    m = mod("EXTENDS Naturals, Sequences\nCONSTANT N\nCONSTANTS F(_, _), _ + _, -. _, _ ^+\nVARIABLES x, y")
    assert m.extends == ("Naturals", "Sequences")
    assert m.units == (
        A.Constants((A.OpDecl("N"),)),
        A.Constants((A.OpDecl("F", 2), A.OpDecl("+", 2), A.OpDecl("-.", 1), A.OpDecl("^+", 1))),
        A.Variables(("x", "y")),
    )


def test_assume_plain_and_named() -> None:
    m = mod("ASSUME N > 0\nASSUMPTION Pos == N > 0")
    gt = A.OpApp(">", (A.Name("N"), A.Num(0)))
    assert m.units == (A.Assume(gt), A.Assume(gt, "Pos"))


def test_operator_definitions_of_every_shape() -> None:
    m = mod("Op(F(_), x) == F(x)\na ++ b == a\n-. a == a\na ^* == a\nLOCAL L == 1\nf[i \\in S, j \\in T] == i")
    a = A.Name("a")
    assert m.units == (
        A.OpDef("Op", (A.Param("F", 1), A.Param("x")), A.OpApp("F", (A.Name("x"),))),
        A.OpDef("++", (A.Param("a"), A.Param("b")), a),
        A.OpDef("-.", (A.Param("a"),), a),
        A.OpDef("^*", (A.Param("a"),), a),
        A.OpDef("L", (), A.Num(1), local=True),
        A.FcnDef("f", (A.Bound(("i",), False, A.Name("S")), A.Bound(("j",), False, A.Name("T"))), A.Name("i")),
    )


def test_recursive_declaration() -> None:
    m = mod("RECURSIVE Sum(_), G\nSum(s) == 0")
    assert m.units[0] == A.Recursive((A.OpDecl("Sum", 1), A.OpDecl("G")))


def test_instances_plain_named_parameterised_and_local() -> None:
    m = mod("INSTANCE Naturals\nI == INSTANCE N WITH a <- 1, + <- Plus\n"
            "J(x) == INSTANCE N WITH a <- x\nLOCAL INSTANCE Sequences")
    assert m.units == (
        A.Instance("Naturals", ()),
        A.Instance("N", (("a", A.Num(1)), ("+", A.Name("Plus"))), "I"),
        A.Instance("N", (("a", A.Name("x")),), "J", (A.Param("x"),)),
        A.Instance("Sequences", (), local=True),
    )


def test_theorems_keep_statement_and_drop_proofs() -> None:
    m = mod(
        "THEOREM T1 == x => y\n"
        "<1>1. x\n  BY DEF x\n<1>2. ASSUME NEW z \\in S PROVE z\n  OBVIOUS\n<1> QED\n  BY <1>1, <1>2\n"
        "LEMMA x\nPROOF OBVIOUS\n"
        "COROLLARY C == ASSUME NEW a PROVE a\n"
        "USE DEF Foo\nHIDE DEF Foo\n"
        "PROPOSITION P == TRUE OMITTED\n"
        "Foo == 1"
    )
    assert m.units == (
        A.Theorem("THEOREM", A.OpApp("=>", (A.Name("x"), A.Name("y"))), "T1"),
        A.Theorem("LEMMA", A.Name("x")),
        A.Theorem("COROLLARY", None, "C"),
        A.Theorem("PROPOSITION", A.Bool(True), "P"),
        A.OpDef("Foo", (), A.Num(1)),
    )


def test_theorem_statement_with_a_junction_list() -> None:
    m = mod("THEOREM T == /\\ a\n             /\\ b\n  <1> QED OBVIOUS\nX == 1")
    assert m.units[0] == A.Theorem("THEOREM", A.Junction("/\\", (A.Name("a"), A.Name("b"))), "T")
    assert m.units[1] == A.OpDef("X", (), A.Num(1))


def test_nested_module_is_a_unit() -> None:
    m = mod("---- MODULE Inner ----\nVARIABLE z\n====\nI == INSTANCE Inner\n-----\nY == 2")
    assert m.units[0] == A.Module("Inner", (), (A.Variables(("z",)),))
    assert m.units[1] == A.Instance("Inner", (), "I")
    assert m.units[2] == A.OpDef("Y", (), A.Num(2))


def test_separator_lines_between_units_are_ignored() -> None:
    assert mod("x == 1\n---------------\ny == 2").units == (
        A.OpDef("x", (), A.Num(1)), A.OpDef("y", (), A.Num(2)))


def test_unicode_definition_symbol_and_box_drawing_delimiters() -> None:
    m = parse_module("──── MODULE U ────\nx ≜ ∀ a ∈ S : a\n════\n", "u.tla")
    assert m.units == (A.OpDef("x", (), A.Quant("\\A", (A.Bound(("a",), False, A.Name("S")),), A.Name("a"))),)


def test_subexpression_references_parse_as_names() -> None:
    assert mod("X == Inv!2").units[0].body == A.Name("Inv!2")


def test_selector_arguments_are_kept_per_segment() -> None:
    """``Op1(2)!(3)!2!1``: the binder selector ``!(3)`` is a segment ``()`` with its arguments, as a
    definition's or a label's are; ``!++`` names a LET's infix operator, ``!@`` and ``!:`` are selectors."""
    assert mod("X == Op1(2)!(3)!2!1").units[0].body == A.OpApp("Op1!()!2!1", (), ((A.Num(2),), (A.Num(3),), ()))
    assert mod("X == Op!lab(1)!:!++(9, 4)").units[0].body == A.OpApp(
        "Op!lab!:!++", (A.Num(9), A.Num(4)), ((), (A.Num(1),), ()))
    assert mod("X == F(C!@!++, 1)").units[0].body == A.OpApp("F", (A.Name("C!@!++"), A.Num(1)))


def test_unit_spans_point_into_the_file() -> None:
    m = mod("Foo == 1")
    assert m.units[0].span == A.Span("m.tla", 2, 1, 2, 9)
