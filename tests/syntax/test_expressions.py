"""Expressions: every construct gives the documented AST node, with TLA+ precedence."""
from __future__ import annotations

import pytest

from mcheck.syntax import ast as A
from mcheck.syntax.parser import parse_expr

x, y, z, S, T, f = (A.Name(n) for n in ("x", "y", "z", "S", "T", "f"))
n1, n2, n3 = A.Num(1), A.Num(2), A.Num(3)


def op(o: str, *args: A.Expr) -> A.OpApp:
    return A.OpApp(o, args)


@pytest.mark.parametrize("src, expected", [
    ("1 + 2 * 3", op("+", n1, op("*", n2, n3))),
    ("1 - 2 - 3", op("-", op("-", n1, n2), n3)),
    ("-x + 1", op("+", op("-.", x), n1)),
    ("x - -y", op("-", x, op("-.", y))),
    ("x \\in S \\cup T", op("\\in", x, op("\\cup", S, T))),
    ("x = 1 /\\ y = 2 => z", op("=>", op("/\\", op("=", x, n1), op("=", y, n2)), z)),
    ("~x = y", op("~", op("=", x, y))),
    ("~x /\\ y", op("/\\", op("~", x), y)),
    ("x .. y + 1", op("..", x, op("+", y, n1))),
    ("x ^ 2 * 3", op("*", op("^", x, n2), n3)),
    ("a <=> b ~> c", op("~>", op("<=>", A.Name("a"), A.Name("b")), A.Name("c"))),
    ("x :> 1 @@ y :> 2", op("@@", op(":>", x, n1), op(":>", y, n2))),
    ("SUBSET S \\cup T", op("\\cup", op("SUBSET", S), T)),
    ("DOMAIN f \\cup S", op("\\cup", op("DOMAIN", f), S)),
    ("ENABLED x /\\ y", op("/\\", op("ENABLED", x), y)),
    ("UNCHANGED <<x, y>>", op("UNCHANGED", A.Tuple((x, y)))),
    ("[]x => <>y", op("=>", op("[]", x), op("<>", y))),
    ("x -+-> y", op("-+->", x, y)),
    ("x \\cdot y", op("\\cdot", x, y)),
    ("x ++ y", op("++", x, y)),
    ("x (+) y", op("\\oplus", x, y)),
    ("x \\prec y", op("\\prec", x, y)),
    ("S^+", op("^+", S)),
    ("x' = x + 1", op("=", op("'", x), op("+", x, n1))),
    ("(x + y)'", op("'", op("+", x, y))),
    ("f(x)'", op("'", A.OpApp("f", (x,)))),
    ("f[x]'[y].a", A.Dot(A.FcnApp(op("'", A.FcnApp(f, (x,))), (y,)), "a")),
])
def test_operator_precedence_and_associativity(src: str, expected: A.Expr) -> None:
    assert parse_expr(src) == expected


@pytest.mark.parametrize("src, canonical", [
    ("x \\land y", "/\\"), ("x \\lor y", "\\/"), ("x /= y", "#"), ("x # y", "#"), ("x =< y", "<="),
    ("x \\leq y", "<="), ("x \\geq y", ">="), ("x \\equiv y", "<=>"), ("x \\circ y", "\\o"),
    ("x \\union y", "\\cup"), ("x \\intersect y", "\\cap"), ("x ∈ y", "\\in"), ("x ≤ y", "<="),
    ("x ≠ y", "#"), ("x ⇒ y", "=>"), ("x ≡ y", "<=>"), ("x ⊆ y", "\\subseteq"), ("x ∪ y", "\\cup"),
    ("x ⊕ y", "\\oplus"), ("x ≺ y", "\\prec"), ("x ⇝ y", "~>"), ("x ∉ y", "\\notin"),
])
def test_synonyms_and_unicode_fold_to_canonical_ascii(src: str, canonical: str) -> None:
    assert parse_expr(src) == op(canonical, x, y)


def test_negation_synonyms_fold_to_tilde() -> None:
    assert parse_expr("\\lnot x") == parse_expr("\\neg x") == parse_expr("¬x") == op("~", x)


def test_numbers_in_every_base() -> None:
    assert parse_expr("\\b101") == A.Num(5)
    assert parse_expr("\\o17") == A.Num(15)
    assert parse_expr("\\hFF") == parse_expr("\\HFF") == A.Num(255)
    assert parse_expr("1.5") == A.Decimal("1.5")
    assert parse_expr("1..2") == op("..", n1, n2)


def test_string_escapes_are_decoded() -> None:
    assert parse_expr(r'"a\"b\\c\nd\te"') == A.Str('a"b\\c\nd\te')


def test_booleans_and_builtin_sets() -> None:
    assert parse_expr("TRUE") == A.Bool(True)
    assert parse_expr("BOOLEAN") == A.Name("BOOLEAN")
    assert parse_expr("ℕ") == A.Name("Nat")


def test_comments_are_skipped_including_nested_ones() -> None:
    assert parse_expr("1 (* a (* nested *) comment *) + \\* line\n 2") == op("+", n1, n2)


def test_if_then_else() -> None:
    assert parse_expr("IF x THEN 1 ELSE 2") == A.If(x, n1, n2)


def test_case_with_other() -> None:
    assert parse_expr("CASE x -> 1 [] y -> 2 [] OTHER -> 3") == A.Case(
        (A.CaseArm(x, n1), A.CaseArm(y, n2)), n3)


def test_let_with_operator_function_and_recursive_definitions() -> None:
    e = parse_expr("LET RECURSIVE g(_) g(a) == a h[i \\in S] == i k == 1 IN k")
    assert e == A.Let((
        A.Recursive((A.OpDecl("g", 1),)),
        A.OpDef("g", (A.Param("a"),), A.Name("a")),
        A.FcnDef("h", (A.Bound(("i",), False, S),), A.Name("i")),
        A.OpDef("k", (), n1),
    ), A.Name("k"))


def test_quantifier_bodies_extend_as_far_right_as_possible() -> None:
    assert parse_expr("\\A x \\in S : x /\\ y") == A.Quant("\\A", (A.Bound(("x",), False, S),), op("/\\", x, y))
    assert parse_expr("y /\\ \\E x : x") == op("/\\", y, A.Quant("\\E", (A.Bound(("x",), False, None),), x))


def test_quantifier_with_several_bounds_and_tuple_binder() -> None:
    e = parse_expr("\\E x, y \\in S, <<a, b>> \\in T : TRUE")
    assert e == A.Quant("\\E", (A.Bound(("x", "y"), False, S), A.Bound(("a", "b"), True, T)), A.Bool(True))


def test_temporal_quantifiers() -> None:
    assert parse_expr("\\EE x : x") == A.Quant("\\EE", (A.Bound(("x",), False, None),), x)
    assert parse_expr("\\AA x : x").kind == "\\AA"


def test_choose_bounded_unbounded_and_tuple() -> None:
    assert parse_expr("CHOOSE x \\in S : x") == A.Choose(A.Bound(("x",), False, S), x)
    assert parse_expr("CHOOSE x : x") == A.Choose(A.Bound(("x",), False, None), x)
    assert parse_expr("CHOOSE <<x, y>> \\in S : x") == A.Choose(A.Bound(("x", "y"), True, S), x)


def test_set_enumeration_filter_and_map() -> None:
    assert parse_expr("{}") == A.SetEnum(())
    assert parse_expr("{1, 2}") == A.SetEnum((n1, n2))
    assert parse_expr("{x \\in S : x > 1}") == A.SetFilter(A.Bound(("x",), False, S), op(">", x, n1))
    assert parse_expr("{<<x, y>> \\in S : x}") == A.SetFilter(A.Bound(("x", "y"), True, S), x)
    assert parse_expr("{x + y : x \\in S, y \\in T}") == A.SetMap(
        op("+", x, y), (A.Bound(("x",), False, S), A.Bound(("y",), False, T)))
    assert parse_expr("{x : x, y \\in S}") == A.SetMap(x, (A.Bound(("x", "y"), False, S),))


def test_one_element_set_of_a_membership_is_an_enumeration() -> None:
    assert parse_expr("{x \\in S}") == A.SetEnum((op("\\in", x, S),))


def test_function_constructor_set_record_and_record_set() -> None:
    assert parse_expr("[x \\in S, y \\in T |-> x]") == A.FcnConstr(
        (A.Bound(("x",), False, S), A.Bound(("y",), False, T)), x)
    assert parse_expr("[<<x, y>> \\in S |-> x]") == A.FcnConstr((A.Bound(("x", "y"), True, S),), x)
    assert parse_expr("[S -> T]") == A.FcnSet(S, T)
    assert parse_expr("[a |-> 1, b |-> 2]") == A.RecordConstr((("a", n1), ("b", n2)))
    assert parse_expr("[a : S, b : T]") == A.RecordSet((("a", S), ("b", T)))


def test_function_application_with_several_arguments() -> None:
    assert parse_expr("f[1, 2]") == A.FcnApp(f, (n1, n2))


def test_except_with_field_index_multi_index_and_paths() -> None:
    e = parse_expr("[f EXCEPT !.a = 1, ![x] = @ + 1, ![x, y] = 2, ![x].b[y] = 3]")
    assert e == A.Except(f, (
        A.ExceptUpdate(((A.Str("a"),),), n1, (True,)),
        A.ExceptUpdate(((x,),), op("+", A.At(), n1), (False,)),
        A.ExceptUpdate(((x, y),), n2, (False,)),
        A.ExceptUpdate(((x,), (A.Str("b"),), (y,)), n3, (False, True, False)),
    ))


def test_tuples() -> None:
    assert parse_expr("<<>>") == A.Tuple(())
    assert parse_expr("<<1, 2>>") == A.Tuple((n1, n2))
    assert parse_expr("⟨1, 2⟩") == A.Tuple((n1, n2))


def test_cartesian_product_chain_is_one_node_but_parentheses_nest() -> None:
    assert parse_expr("S \\X T \\times S") == A.CartProd((S, T, S))
    assert parse_expr("S \\X (T \\X S)") == A.CartProd((S, A.CartProd((T, S))))
    assert parse_expr("S × T") == A.CartProd((S, T))


def test_action_subscripts_box_action_and_fairness() -> None:
    v = A.Name("vars")
    assert parse_expr("[x]_vars") == A.ActionSub("[]", x, v)
    assert parse_expr("<<x>>_vars") == A.ActionSub("<<>>", x, v)
    assert parse_expr("[][x]_vars") == A.BoxAction(x, v)
    assert parse_expr("[][x]_<<y, z>>") == A.BoxAction(x, A.Tuple((y, z)))
    assert parse_expr("WF_vars(x)") == A.Fairness("WF", v, x)
    assert parse_expr("SF_<<y, z>>(x)") == A.Fairness("SF", A.Tuple((y, z)), x)
    assert parse_expr("WF_(y)(x)") == A.Fairness("WF", y, x)
    assert parse_expr("[]<><<x>>_vars") == op("[]", op("<>", A.ActionSub("<<>>", x, v)))


def test_instance_references() -> None:
    assert parse_expr("M!Op") == A.Name("M!Op")
    assert parse_expr("M!Op(1)") == A.OpApp("M!Op", (n1,))
    assert parse_expr("I(x)!Op(y)") == A.OpApp("I!Op", (y,), ((x,),))
    assert parse_expr("I(x)!Op") == A.OpApp("I!Op", (), ((x,),))
    assert parse_expr("A!B(x)!C") == A.OpApp("A!B!C", (), ((), (x,)))
    assert parse_expr("R!+(x, y)") == A.OpApp("R!+", (x, y))


def test_lambda_and_operator_arguments() -> None:
    assert parse_expr("Op(LAMBDA a, b : a, +)") == A.OpApp(
        "Op", (A.Lambda(("a", "b"), A.Name("a")), A.Name("+")))


def test_labels() -> None:
    assert parse_expr("lbl :: x") == A.Label("lbl", (), x)
    assert parse_expr("lbl(a, b) :: x") == A.Label("lbl", ("a", "b"), x)


def test_mission_formula_function_set_in_unicode() -> None:
    e = parse_expr("[{ s ∈ Seq(Tokens) : Len(s) ≤ Max } → [ Tokens → Score ]]")
    s = A.Name("s")
    assert e == A.FcnSet(
        A.SetFilter(A.Bound(("s",), False, A.OpApp("Seq", (A.Name("Tokens"),))),
                    op("<=", A.OpApp("Len", (s,)), A.Name("Max"))),
        A.FcnSet(A.Name("Tokens"), A.Name("Score")))


def test_spans_are_one_based_with_exclusive_end() -> None:
    e = parse_expr("a + bc", "x.tla")
    assert e.span == A.Span("x.tla", 1, 1, 1, 7)
    assert e.args[1].span == A.Span("x.tla", 1, 5, 1, 7)
