"""Name resolution: unknown names, arities, scoping of every binder, EXTENDS/INSTANCE rules."""
from __future__ import annotations

import textwrap

import pytest

from mcheck.semantics.modules import load
from mcheck.semantics.resolve import check, check_all
from mcheck.syntax.errors import ParseError


def errors(tmp_path, body: str, **others: str) -> list[tuple[str, int, int]]:
    """Resolve module M (``body`` between header and footer); others are extra modules by name."""
    for name, text in others.items():
        (tmp_path / f"{name}.tla").write_text(f"---- MODULE {name} ----\n{textwrap.dedent(text)}\n====\n")
    path = tmp_path / "M.tla"
    path.write_text(f"---- MODULE M ----\n{textwrap.dedent(body)}\n====\n")
    return [(e.message, e.span.line if e.span else 0, e.span.col if e.span else 0)
            for e in check_all(load(str(path)))]


def messages(tmp_path, body: str, **others: str) -> list[str]:
    return [m for m, _, _ in errors(tmp_path, body, **others)]


# --------------------------------------------------------------------------- what resolves


def test_a_plain_spec_resolves(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Naturals, Sequences, FiniteSets, TLC
        CONSTANT N, F(_, _)
        VARIABLES x, q
        Init == x = 0 /\\ q = <<>>
        Next == \\/ x' = (x + 1) % N /\\ UNCHANGED q
                \\/ \\E i \\in 1..N : q' = Append(q, F(i, x)) /\\ x' = x
        Spec == Init /\\ [][Next]_<<x, q>> /\\ WF_<<x, q>>(Next)
        Inv == Cardinality({x}) = 1 /\\ Len(q) \\in Nat /\\ BOOLEAN # {} /\\ "s" \\in STRING
        """) == []


def test_every_binder_scopes_its_names(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Integers
        A == \\A a \\in {1} : \\E b, c \\in {a} : a + b + c > 0
        B == CHOOSE x \\in {1} : x > 0
        C == {y \\in {1} : y > 0} \\cup {z * 2 : z \\in {1}} \\cup {u + v : <<u, v>> \\in {<<1, 2>>}}
        D == [w \\in {1} |-> w] /\\ (LAMBDA p, r : p + r) = 0
        E == LET f[n \\in Nat] == IF n = 0 THEN 1 ELSE n * f[n - 1]
                 g(k) == k + 1
             IN  f[3] + g(2)
        G(H(_), k) == H(k)
        J == G(LAMBDA t : t, 1) + G(-., 2)
        K == [[a |-> 1] EXCEPT !.a = @ + 1, !["a"] = @]
        L == CHOOSE <<s, t>> \\in {<<1, 2>>} : s < t
        """) == []


def test_recursive_operators_at_module_level_and_in_let(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Naturals
        RECURSIVE Fact(_)
        Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
        fib[n \\in Nat] == IF n < 2 THEN n ELSE fib[n - 1] + fib[n - 2]
        X == LET RECURSIVE Sum(_)
                 Sum(S) == IF S = {} THEN 0 ELSE LET e == CHOOSE y \\in S : TRUE IN e + Sum(S \\ {e})
             IN  Sum({1, 2}) + Fact(3) + fib[4]
        """) == []


def test_operators_passed_as_arguments_may_be_named_or_lambdas(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Naturals, Sequences
        Even(n) == n % 2 = 0
        X == SelectSeq(<<1, 2>>, Even) = SelectSeq(<<1>>, LAMBDA e : e > 0)
        """) == []


def test_named_instances_with_parameters_and_nested_instances(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Naturals
        VARIABLE v
        C(k) == INSTANCE Counter WITH c <- v, Max <- k
        N == INSTANCE Naturals
        Step == C(3)!Inc /\\ C(3)!Limit = 3 /\\ N!+(1, 2) = 3 /\\ C(4)!Nat = {}
        """, Counter="""
        EXTENDS Naturals
        CONSTANT Max
        VARIABLE c
        Inc == c' = c + 1
        Limit == Max
        """) == []


def test_unnamed_instance_imports_definitions_with_implicit_substitution(tmp_path):
    assert errors(tmp_path, """
        CONSTANT Max
        VARIABLE c
        INSTANCE Counter
        Step == Inc /\\ Limit = Max
        """, Counter="""
        EXTENDS Naturals
        CONSTANT Max
        VARIABLE c
        Inc == c' = c + 1
        Limit == Max
        """) == []


def test_nested_module_sees_what_precedes_it(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Naturals
        CONSTANT Data
        VARIABLE x
        ---- MODULE Inner ----
        VARIABLE buf
        Put(d) == d \\in Data /\\ buf' = buf + 1
        ====
        I == INSTANCE Inner WITH buf <- x
        Next == \\E d \\in Data : I!Put(d)
        """) == []


def test_theorem_and_assume_names_are_defined(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Naturals, TLAPS
        CONSTANT N
        ASSUME NAssump == N \\in Nat
        THEOREM T1 == NAssump => N + 0 = N
        X == T1
        """) == []


def test_proof_library_modules_resolve(tmp_path):
    assert errors(tmp_path, """
        EXTENDS Naturals, FiniteSets, TLAPS, FiniteSetTheorems, NaturalsInduction, WellFoundedInduction,
                SequenceTheorems, FunctionTheorems
        X == IsWellFoundedOn({}, Nat) /\\ ExistsBijection(1..2, {3, 4}) /\\ Zenon /\\ SMTT(10)
        """) == []


# --------------------------------------------------------------------------- errors


def test_unknown_operator_is_reported_at_the_name(tmp_path):
    assert errors(tmp_path, """
        VARIABLE x
        Next == x' = Foo
        """) == [("unknown operator 'Foo'", 4, 14)]


def test_unknown_operator_applied_is_reported_at_the_name_only(tmp_path):
    path = tmp_path / "M.tla"
    path.write_text("---- MODULE M ----\nX == Foo(1, 2)\n====\n")
    with pytest.raises(ParseError) as info:
        check(load(str(path)))
    e = info.value
    assert e.message == "unknown operator 'Foo'"
    assert (e.span.line, e.span.col, e.span.end_col) == (2, 6, 9)
    assert e.render().splitlines()[1:] == ["  X == Foo(1, 2)", "       ^^^"]


def test_arity_mismatch(tmp_path):
    assert errors(tmp_path, """
        Bar(a, b) == a
        X == Bar(1)
        """) == [("operator 'Bar' takes 2 arguments, given 1", 4, 6)]


def test_arguments_given_to_a_variable(tmp_path):
    assert messages(tmp_path, """
        VARIABLE x
        X == x(1)
        """) == ["operator 'x' takes no arguments, given 1"]


def test_operator_used_as_a_value(tmp_path):
    assert messages(tmp_path, """
        EXTENDS Sequences
        X == Len = 0
        """) == ["operator 'Len' takes 1 argument, given 0"]


def test_operator_argument_of_the_wrong_arity(tmp_path):
    assert messages(tmp_path, """
        EXTENDS Sequences
        Two(a, b) == a
        X == SelectSeq(<<>>, Two)
        """) == ["argument 2 of 'SelectSeq' must be an operator of 1 argument, given 'Two', which takes 2 arguments"]


def test_prefix_minus_needs_integers_and_says_so(tmp_path):
    path = tmp_path / "M.tla"
    path.write_text("---- MODULE M ----\nEXTENDS Naturals\nX == -1\n====\n")
    errs = check_all(load(str(path)))
    assert [e.message for e in errs] == ["unknown operator '-.'"]
    assert errs[0].notes == ("note: '-.' is defined in the standard module Integers; add it to EXTENDS",)


def test_use_before_definition_is_an_error_with_a_note(tmp_path):
    path = tmp_path / "M.tla"
    path.write_text("---- MODULE M ----\nA == B\nB == 1\n====\n")
    errs = check_all(load(str(path)))
    assert [e.message for e in errs] == ["unknown operator 'B'"]
    assert errs[0].notes[0].startswith("note: 'B' is defined later, at line 3")


def test_at_outside_except(tmp_path):
    assert errors(tmp_path, """
        X == {@}
        """) == [("'@' outside an EXCEPT: it only stands for the old value in [f EXCEPT ![a] = ... @ ...]", 3, 7)]


def test_bound_variable_is_not_visible_outside_its_binder(tmp_path):
    assert messages(tmp_path, """
        X == (\\E i \\in {1} : i = 1) /\\ i = 2
        """) == ["unknown operator 'i'"]


def test_let_definitions_are_not_visible_outside_the_let(tmp_path):
    assert messages(tmp_path, """
        X == (LET y == 1 IN y) = y
        """) == ["unknown operator 'y'"]


def test_local_definitions_are_not_exported_by_extends(tmp_path):
    assert messages(tmp_path, """
        EXTENDS L
        X == Hidden + 1
        """, L="""
        EXTENDS Naturals
        LOCAL Hidden == 1
        """) == ["unknown operator 'Hidden'"]


def test_local_instance_of_the_standard_library_is_not_exported(tmp_path):
    assert messages(tmp_path, """
        EXTENDS Sequences
        X == Len(<<1>>) + 1
        """) == ["unknown operator '+'"]


def test_unknown_name_through_a_named_instance(tmp_path):
    assert errors(tmp_path, """
        N == INSTANCE Naturals
        X == N!Natt
        """) == [("unknown operator 'N!Natt'", 4, 6)]


def test_instance_name_used_as_an_operator(tmp_path):
    assert messages(tmp_path, """
        N == INSTANCE Naturals
        X == N
        """) == ["'N' is an instance of a module, not an operator: write N!Op"]


def test_instance_parameters_must_be_given(tmp_path):
    assert messages(tmp_path, """
        C(k) == INSTANCE K WITH Max <- k
        X == C!Limit
        """, K="""
        CONSTANT Max
        Limit == Max
        """) == ["instance 'C' takes 1 argument, given 0"]


def test_substituting_an_undeclared_name(tmp_path):
    assert messages(tmp_path, """
        VARIABLE x
        I == INSTANCE K WITH Max <- 1, Min <- 0
        """, K="""
        CONSTANT Max
        """) == ["module K has no constant or variable 'Min' to substitute"]


def test_implicit_substitution_needs_the_name_in_scope(tmp_path):
    assert messages(tmp_path, """
        I == INSTANCE K
        """, K="""
        CONSTANT Max
        VARIABLE c
        """) == ["instance of module K substitutes its constant 'Max' by 'Max', but no 'Max' is defined here",
                 "instance of module K substitutes its variable 'c' by 'c', but no 'c' is defined here"]


def test_unnamed_instance_does_not_import_constants(tmp_path):
    assert messages(tmp_path, """
        INSTANCE K WITH Max <- 1
        X == Limit + Max
        """, K="""
        EXTENDS Naturals
        CONSTANT Max
        Limit == Max
        """) == ["unknown operator 'Max'"]


def test_extends_cycle_is_an_error(tmp_path):
    msgs = messages(tmp_path, """
        EXTENDS B
        """, B="""
        EXTENDS M
        """)
    assert msgs and msgs[0].endswith("depends on itself through EXTENDS or INSTANCE")


def test_check_raises_the_first_error_and_check_all_returns_every_error(tmp_path):
    path = tmp_path / "M.tla"
    path.write_text("---- MODULE M ----\nA == Foo\nB == Bar\n====\n")
    loaded = load(str(path))
    with pytest.raises(ParseError, match="unknown operator 'Foo'"):
        check(loaded)
    assert [e.message for e in check_all(loaded)] == ["unknown operator 'Foo'", "unknown operator 'Bar'"]


def test_unknown_infix_operator_is_reported_at_the_symbol_with_a_hint(tmp_path):
    path = tmp_path / "M.tla"
    path.write_text("---- MODULE M ----\nEXTENDS Sequences\nX == Len(<<1>>) + 1\n====\n")
    errs = check_all(load(str(path)))
    assert [e.message for e in errs] == ["unknown operator '+'"]
    assert (errs[0].span.line, errs[0].span.col, errs[0].span.end_col) == (3, 17, 18)
    assert errs[0].notes == ("note: '+' is defined in the standard module Naturals; add it to EXTENDS",)
