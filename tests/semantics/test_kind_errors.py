"""A value of the wrong kind stops the check with TLC's message and exit code 75, never a Python answer.

Each message is TLC's own text, from its source (Tool.java, the value classes IntValue, StringValue,
BoolValue, TupleValue, FcnRcdValue, and the overrides Naturals.java, Sequences.java, FiniteSets.java);
TLC-SEMANTICS.md §11 lists them.  TLC then prints the expression; mcheck points at it (file:line:col).
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from mcheck.cli.main import main

EXTENDS = "Naturals, Sequences, FiniteSets, TLC"


def _check(tmp_path, init: str, nxt: str, variables: str = "x", extends: str = EXTENDS):
    spec = tmp_path / "K.tla"
    spec.write_text(f"---- MODULE K ----\nEXTENDS {extends}\nVARIABLES {variables}\n"
                    f"Init == {init}\nNext == {nxt}\n====\n")
    (tmp_path / "K.cfg").write_text("INIT Init\nNEXT Next\n")
    return CliRunner().invoke(main, ["check", str(spec)])


def _error(r) -> str:
    out = r.output
    assert "Traceback" not in out and "Warning" not in out, out
    assert "Error: " in out, out
    return out.split("Error: ", 1)[1]


def _constant(tmp_path, e: str, extends: str = EXTENDS) -> tuple[int, str]:
    """E in Init == x = (E): its operands' kinds are known to the compiler."""
    r = _check(tmp_path, f"x = ({e})", "x' = x", extends=extends)
    return r.exit_code, _error(r)


def _variable(tmp_path, v: str, e: str, extends: str = EXTENDS) -> tuple[int, str]:
    """E over a variable y holding v, in Next: the kind is known only at run time."""
    r = _check(tmp_path, f"y = ({v}) /\\ x = 0", f"y' = y /\\ x' = ({e})", "x, y", extends)
    return r.exit_code, _error(r)


def _java(module: str, method: str, arg: str, result: str = "IntValue", params: int = 2) -> str:
    sig = ",".join(["tlc2.value.impl.IntValue"] * params)
    return (f"Attempted to apply the operator overridden by the Java method\n"
            f"public static tlc2.value.impl.{result} tlc2.module.{module}.{method}({sig}),\n"
            f"but it produced the following error:\nCannot cast tlc2.value.impl.{arg} to tlc2.value.impl.IntValue")


# ------------------------------------------------------------------ the issue's table, row by row

TABLE = [
    ("1 + TRUE", _java("Naturals", "Plus", "BoolValue")),
    ("IF 1 THEN 2 ELSE 3", "A non-boolean expression (an integer) was used as the condition of an IF."),
    ("~3", "Attempted to apply the operator ~ to a non-boolean\n(an integer)"),
    ('"a" < "b"', 'The first argument of < should be an integer, but instead it is:\n"a"'),
    ('"a" \\in "abc"', 'Attempted to check if the value:\n"a"\nis an element of the string "abc"'),
    ("1 \\in <<1, 2>>", "Attempted to check set membership in a tuple value."),
    ('1 = "a"', 'Attempted to check equality of integer 1 with non-integer:\n"a"'),
    ("{1} = 1", "Attempted to check equality of the set {1} with the value:\n1"),
    ("TRUE /\\ 3", "Attempted to evaluate an expression of form P /\\ Q when Q was\nan integer."),
    ("1 => TRUE", "Attempted to evaluate an expression of form P => Q when P was\nan integer."),
    ("3[1]", "A non-function (an integer) was applied as a function."),
]


@pytest.mark.parametrize("e, message", TABLE, ids=[t[0] for t in TABLE])
def test_the_issues_table_gives_tlcs_message_and_exit_75(tmp_path, e, message):
    code, err = _constant(tmp_path, e)
    assert code == 75
    assert err.startswith(message)


# ------------------------------------------------------------------ more kind errors, constant operands

MORE = [
    # Tool.java: the Boolean connectives, IF, CASE, quantifiers, CHOOSE, set filters
    ("1 /\\ TRUE", "Attempted to evaluate an expression of form P /\\ Q when P was\nan integer."),
    ("1 \\/ TRUE", "Attempted to evaluate an expression of form P \\/ Q when P was\nan integer."),
    ("FALSE \\/ {}", "Attempted to evaluate an expression of form P \\/ Q when Q was\na set."),
    ('TRUE => "a"', "Attempted to evaluate an expression of form P => Q when Q was\na string."),
    ("1 <=> TRUE", "Attempted to evaluate an expression of form P <=> Q when P or Q was not a boolean."),
    ("~{}", "Attempted to apply the operator ~ to a non-boolean\n(a set)"),
    ('IF "a" THEN 1 ELSE 2', "A non-boolean expression (a string) was used as the condition of an IF."),
    ("CASE 1 -> 2 [] OTHER -> 3", "A non-boolean expression (an integer) was used as a condition of a CASE."),
    ("\\A i \\in {1} : i", "TLC expected a boolean value, but did not find one."),
    ("\\E i \\in {1} : i", "TLC expected a boolean value, but did not find one."),
    ("CHOOSE i \\in {1} : i", "TLC expected a boolean value, but did not find one."),
    ("{i \\in {1} : i}", "Attempted to evaluate an expression of form {x \\in S : P(x)} when P was an integer."),
    ("DOMAIN 1", "Attempted to apply the operator DOMAIN to a non-function\n(an integer)"),
    ('"a"[1]', "A non-function (a string) was applied as a function."),
    # the value classes: membership and equality across kinds
    ("1 \\in 2", "Attempted to check if the value:\n1\nis an element of the integer 2"),
    ("1 \\in TRUE", "Attempted to check if the value:\n1\nis an element of the boolean TRUE"),
    ("1 \\in (2 :> 3)", "Attempted to check if the value:\n1\nis an element of the function (2 :> 3)"),
    ('"a" = 1', 'Attempted to check equality of string "a" with non-string:\n1'),
    ("TRUE = 1", "Attempted to compare equality of boolean TRUE with non-boolean:\n1"),
    ("<<1>> = 1", "Attempted to check equality of the function <<1>> with the value:\n1"),
    ('1 # "a"', 'Attempted to check equality of integer 1 with non-integer:\n"a"'),
    ('[1 EXCEPT ![1] = 2]', "Attempted to apply EXCEPT construct to the integer 1."),
    # Naturals.java: the IntValue-typed overrides fail in the Java call; the comparisons check
    ('1 - "a"', _java("Naturals", "Minus", "StringValue")),
    ("{} * 2", _java("Naturals", "Times", "SetEnumValue")),
    ("<<1>> \\div 2", _java("Naturals", "Divide", "TupleValue")),
    ("TRUE % 2", _java("Naturals", "Mod", "BoolValue")),
    ('2 ^ "a"', _java("Naturals", "Expt", "StringValue")),
    ("1 .. TRUE", _java("Naturals", "DotDot", "BoolValue", "IntervalValue")),
    ("TRUE <= 1", "The first argument of <= should be an integer, but instead it is:\nTRUE"),
    ('1 > "a"', 'The second argument of > should be an integer, but instead it is:\n"a"'),
    ("1 >= {}", "The second argument of > should be an integer, but instead it is:\n{}"),  # sic: GEQ says >
    # Sequences.java
    ("Len({1})", "The argument of Len should be a sequence, but instead it is:\n{1}"),
    ("Len(3)", "The argument of Len should be a sequence, but instead it is:\n3"),
    ("Head(1)", "The argument of Head should be a sequence, but instead it is:\n1"),
    ("Tail({})", "The argument of Tail should be a sequence, but instead it is:\n{}"),
    ("Append(1, 2)", "Evaluating an expression of the form Append(s, v) when s is not a sequence:\n1"),
    ("1 \\o <<2>>", "Evaluating an expression of the form s \\o t when s is not a sequence:\n1"),
    ("<<1>> \\o 2", "Evaluating an expression of the form t \\o s when s is not a sequence:\n2"),
    ('"a" \\o <<1>>', "Evaluating an expression of the form t \\o s when s is not a string:\n<<1>>"),
    ("SubSeq(1, 1, 1)", "The first argument of SubSeq should be a sequence, but instead it is:\n1"),
    ('SubSeq(<<1>>, "a", 1)', 'The second argument of SubSeq should be a natural number, but instead it is:\n"a"'),
    # FiniteSets.java
    ("Cardinality(1)", "Attemtped to compute cardinality of the value\n1"),   # sic: TLC's spelling
]


@pytest.mark.parametrize("e, message", MORE, ids=[t[0] for t in MORE])
def test_a_kind_error_gives_tlcs_message_and_exit_75(tmp_path, e, message):
    code, err = _constant(tmp_path, e)
    assert code == 75
    assert err.startswith(message)


def test_integers_names_its_own_override(tmp_path):
    code, err = _constant(tmp_path, "1 + TRUE", extends="Integers")
    assert code == 75
    assert err.startswith(_java("Integers", "Plus", "BoolValue"))


# ------------------------------------------------------------------ operands known only at run time

RUNTIME = [
    ("TRUE", "y + 1", _java("Naturals", "Plus", "BoolValue")),
    ("TRUE", "y - 1", _java("Naturals", "Minus", "BoolValue")),
    ('"a"', "y < 1", 'The first argument of < should be an integer, but instead it is:\n"a"'),
    ("1", "IF y THEN 1 ELSE 2", "A non-boolean expression (an integer) was used as the condition of an IF."),
    ("1", "IF ~y THEN 1 ELSE 2", "Attempted to apply the operator ~ to a non-boolean\n(an integer)"),
    ("3", "IF TRUE /\\ y THEN 1 ELSE 2", "Attempted to evaluate an expression of form P /\\ Q when Q was\nan integer."),
    ("1", 'IF y = "a" THEN 1 ELSE 2', 'Attempted to check equality of integer 1 with non-integer:\n"a"'),
    ("TRUE", "IF y = 1 THEN 1 ELSE 2", "Attempted to compare equality of boolean TRUE with non-boolean:\n1"),
    ("{1}", "IF y = 1 THEN 1 ELSE 2", "Attempted to check equality of the set {1} with the value:\n1"),
    ('"abc"', 'IF "a" \\in y THEN 1 ELSE 2', 'Attempted to check if the value:\n"a"\nis an element of the string "abc"'),
    ("<<1, 2>>", "IF 1 \\in y THEN 1 ELSE 2", "Attempted to check set membership in a tuple value."),
    ('{"a"}', "IF 1 \\in y THEN 1 ELSE 2", 'Attempted to compare string "a" with non-string:\n1'),
    ("{1}", "Len(y)", "The argument of Len should be a sequence, but instead it is:\n{1}"),
    ("3", "y[1]", "A non-function (an integer) was applied as a function."),
]


@pytest.mark.parametrize("v, e, message", RUNTIME, ids=[f"{t[1]} with y = {t[0]}" for t in RUNTIME])
def test_a_kind_error_found_at_run_time_gives_tlcs_message(tmp_path, v, e, message):
    code, err = _variable(tmp_path, v, e)
    assert code == 75
    assert err.startswith(message)


def test_a_non_boolean_condition_among_the_next_actions_conjuncts(tmp_path):
    r = _check(tmp_path, "x = 0", "x' = 1 /\\ x", "x")
    assert r.exit_code == 75
    assert _error(r).startswith("In computing next states, TLC expected a boolean expression,\nbut instead found 0.")


def test_well_kinded_specs_still_pass(tmp_path):
    r = _check(tmp_path, 'x = 0 /\\ y = "a"',
               '\\/ x < 3 /\\ x\' = x + 1 /\\ y\' = IF y = "a" /\\ x \\in {0, 1} THEN y ELSE y \\o "b"\n'
               '        \\/ x = 3 /\\ UNCHANGED <<x, y>>', "x, y")
    assert r.exit_code == 0, r.output
    assert "4 distinct states found" in r.output


def test_the_api_reports_a_non_function_applied_without_a_python_warning(tmp_path):
    import warnings

    from mcheck.api import check
    spec = tmp_path / "W.tla"
    spec.write_text("---- MODULE W ----\nVARIABLE x\nInit == x = 3[1]\nNext == x' = x\n====\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # a SyntaxWarning about the generated code would fail here
        r = check(str(spec))
    assert r.exit_code == 75
    assert r.error.startswith("A non-function (an integer) was applied as a function.")


def test_boolean_is_enumerated_as_booleans_after_the_set_0_1(tmp_path):
    # Python's {0, 1} == {FALSE, TRUE}: a cache of sorted sets once gave BOOLEAN's elements as 0 and 1
    r = _check(tmp_path, "x \\in {0, 1} /\\ y \\in BOOLEAN", "UNCHANGED <<x, y>> /\\ IF y THEN TRUE ELSE TRUE",
               "x, y")
    assert r.exit_code == 0, r.output
    assert "4 distinct states found" in r.output
