"""Subexpression names with arguments, labels and binders (TLC's test206 and test219): each ASSUME
names a part of a definition, and TLC evaluates them all TRUE."""
from __future__ import annotations


def _assumes(check, defs: str, *assumes: str):
    body = defs + "\n" + "\n".join(f"ASSUME {a}" for a in assumes) + "\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x"
    return check("Sel", body, "INIT Init\nNEXT Next", extends="Integers")


def test_a_label_with_parameters_is_named_with_its_arguments(check):
    """``Op(Foo, 9)!lab(1, 2, 3)`` is the label's body with the definition's parameters and the
    label's (the bound identifiers x, y, z) given values; ``!:`` then looks into its LET."""
    defs = ("Foo(u) == 2 * u\n"
            "Op(Arg(_), p) == \\A x \\in {1, 2}, <<y, z>> \\in {<<3, 4>>} :\n"
            "   lab(x, y, z) :: LET a ++ b == Arg(a) + b + x + 2*y + 3*z\n"
            "                   IN  (Arg(1) + Arg(p) + 4 + 2*x + 4*y + 6*z) = 1 ++ (label2 :: p ++ 4)\n")
    r = _assumes(check, defs, "Op(Foo, 9)", "Op(Foo, 9)!lab(1,2,3)",
                 "Op(Foo, 9)!lab(1,2,3)!label2 = Op(Foo, 9)!lab(1,2,3)!:!++(9, 4)",
                 "Op(Foo, 9)!lab(1,2,3)!:!++(9, 4) = 18 + 4 + 1 + 2*2 + 3*3")
    assert r.result == "success", r.error


def test_binder_arguments_positions_and_let_definitions_compose(check):
    """``Op1(2)!(3)`` is the quantifier's body with x = 3; ``!2`` the THEN; ``!1`` a LET's body and
    ``!Op1a(4)`` its definition; ``!>>`` the second of two operands; ``!:`` a definition's body."""
    defs = ("Op1(a) == \\A x \\in {} : lab(x) :: IF TRUE THEN LET Op1a(c) == 4 * c + a*x IN a + Op1a(x) ELSE 1\n"
            "COp(q, p) == CHOOSE x : lab(x) :: LET a ++ b == {a, b, q, p, x} IN <<q, 99 ++ p>>\n"
            "Foo(u) == 2 * u\n")
    r = _assumes(check, defs, "Op1(2)!(3)!2!1 = 2 + 4*3 + 6", "Op1(2)!(3)!2!Op1a(4) = 16 + 6",
                 "COp(1, 2)!(3)!1!>> = {99, 1, 2, 3}", "COp(1, 2)!(3)!++(4, 5) = {1, 2, 3, 4, 5}",
                 "Foo(5)!: = 10")
    assert r.result == "success", r.error


def test_at_selects_an_operator_for_an_operator_argument(check):
    """``SOp!@`` is LAMBDA a, x : a = x (the definition's and the binder's parameters), and
    ``COp!@!++`` LAMBDA q, p, x, a, b: the LET's ++ with all five, also as an instance's WITH."""
    defs = ("SOp(a) == {x \\in {1, 2} : a = x}\nOOp2(A(_, _), a, b) == A(a, b)\n"
            "COp(q, p) == CHOOSE x : lab(x) :: LET a ++ b == {a, b, q, p, x} IN <<q, 99 ++ p>>\n"
            "OOp5(A(_, _, _, _, _), a1, a2, a3, a4, a5) == A(a1, a2, a3, a4, a5)\n")
    r = _assumes(check, defs, "OOp2(SOp!@, 2, 2) = TRUE", "OOp2(SOp!@, 2, 3) = FALSE",
                 "OOp5(COp!@!++, 1, 2, 3, 4, 5) = {1, 2, 3, 4, 5}", "OOp5(COp!lab!:!++, 1, 2, 3, 4, 5) = {1, 2, 3, 4, 5}")
    assert r.result == "success", r.error


def test_selectors_reach_through_instances(tmp_path, check):
    """``I!Bar4(1)!(2)!<<`` in an instance, with a WITH that substitutes an operator by a path,
    and a parameterised instance ``K(55)!Thm!lab``."""
    (tmp_path / "Inner.tla").write_text(
        "---- MODULE Inner ----\nCONSTANT A5(_, _)\nFoo(a1, a2) == A5(a1, a2)\n"
        "Bar4(a) == {x \\in {1} : lab(x) :: <<x, a>>}\nTHEOREM Thm == lab3 :: TRUE\n====\n")
    defs = ("SOp(a) == {x + a : x \\in {1, 2}}\nI == INSTANCE Inner WITH A5 <- SOp!@\n"
            "K(y) == INSTANCE Inner WITH A5 <- SOp!@\nOOp2(A(_, _), a, b) == A(a, b)\n")
    (tmp_path / "Sel.tla").write_text("---- MODULE Sel ----\nEXTENDS Integers\n" + defs + "\n".join(
        "ASSUME " + a for a in ["I!Foo(2, 3) = 5", "I!Bar4(1)!(2)!<< = 2", "I!Bar4(1)!lab(2)!>> = 1",
                                "OOp2(I!Bar4!@!<<, 1, 2) = 2", "K(55)!Thm!lab3", "K(55)!Bar4(7)!(8) = <<8, 7>>"])
        + "\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n====\n")
    (tmp_path / "Sel.cfg").write_text("INIT Init\nNEXT Next\n")
    from mcheck.checker.run import check_spec
    r = check_spec(str(tmp_path / "Sel.tla"), str(tmp_path / "Sel.cfg"))
    assert r.result == "success", r.error


def test_a_selected_part_that_is_false_fails_the_assumption(check):
    r = _assumes(check, "Def13 == \\A x : CASE x = 1 -> 1 [] x = 2 -> 2 [] OTHER -> 3\n",
                 "Def13!(42)!1!<<!<< = 42 /\\ Def13!(42)!3!>> = 3", "Def13!(42)!2!>> = 3")
    assert r.result == "assumption failure"


def test_wrong_selectors_are_errors_as_in_sany(check):
    """Too many binder arguments, an unknown label, ``!>>`` of three operands, ``!@`` used as an
    expression (its operator wants an argument): each is SANY's error, exit 150."""
    for bad, says in [("Def!(1, 2) = 1", "selector with 2 argument(s) used for a binder of 1"),
                      ("Def!lab = 1", "cannot find the label lab"), ("Pair!>> = 1", "the expression has 3 operands"),
                      ("Def!@ = 1", "takes 1 argument(s), given 0")]:
        r = _assumes(check, "Def == \\A x \\in {1} : x = 1\nPair == <<1, 2, 3>>\n", bad)
        assert (r.result, r.exit_code) == ("error", 150), bad
        assert says in r.error, r.error
