"""Evaluation errors point at the failing expression: file:line:col, the source line and a caret."""
from click.testing import CliRunner

from mcheck.cli.main import main


def _run(tmp_path, name, body):
    (tmp_path / f"{name}.tla").write_text(f"---- MODULE {name} ----\n{body}\n====\n")
    return CliRunner().invoke(main, [str(tmp_path / f"{name}.tla")])


def test_function_applied_outside_its_domain_is_located(tmp_path):
    r = _run(tmp_path, "Dom", "EXTENDS Naturals\nVARIABLE x\nf == [i \\in 1..3 |-> i * 2]\n"
                              "Init == x = 0\nNext == x' = f[x + 4]")
    assert r.exit_code == 75
    assert "Attempted to access index 4 of tuple" in r.output
    assert "Dom.tla:6:14: note: the failing expression" in r.output
    assert "  Next == x' = f[x + 4]\n               ^^^^^^^^" in r.output
    assert "while evaluating: f[x + 4]" in r.output
    assert "Traceback" not in r.output


def test_adding_a_string_names_the_expression(tmp_path):
    r = _run(tmp_path, "Plus", "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + \"a\"")
    assert r.exit_code == 75
    assert "Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue" in r.output
    assert "Plus.tla:5:14: note: the failing expression" in r.output
    assert 'while evaluating: x + "a"' in r.output


def test_choose_without_witness_is_located(tmp_path):
    r = _run(tmp_path, "Ch", "EXTENDS Naturals\nVARIABLE x\nInit == x = CHOOSE i \\in 1..3 : i > 5\nNext == x' = x")
    assert r.exit_code == 75
    assert "no element of S satisfied P" in r.output
    assert "Ch.tla:4:13: note: the failing expression" in r.output
