"""A 0-ary LET definition is evaluated when first used, at most once per entry to the LET, and not at
all when unused (as TLC evaluates it): the compiler keeps its value in a cell local (``LCell``)."""
from __future__ import annotations

from click.testing import CliRunner

from mcheck.cli.main import main


def _check(tmp_path, defs: str, cfg: str = "INIT Init\nNEXT Next\n"):
    spec = tmp_path / "L.tla"
    spec.write_text(f"---- MODULE L ----\nEXTENDS Naturals, Sequences, TLC\nVARIABLE x\n{defs}\n====\n")
    (tmp_path / "L.cfg").write_text(cfg)
    return CliRunner().invoke(main, ["check", str(spec)])


def test_a_definition_used_twice_in_an_action_is_evaluated_once_per_state(tmp_path):
    r = _check(tmp_path, "Init == x = 0\n"
                         "Next == LET v == Print(\"eval\", x) IN x' = (v + v + 1) % 5 /\\ v < 10")
    assert r.exit_code == 0, r.output
    assert "4 distinct states found" in r.output     # 0 -> 1 -> 3 -> 2 -> 0
    assert r.output.count('"eval"') == 4


def test_an_unused_definition_that_would_fail_is_not_evaluated(tmp_path):
    r = _check(tmp_path, "Init == x = <<>>\n"
                         "Next == LET h == Head(x) IN IF x = <<>> THEN x' = <<1>> ELSE x' = <<h>> /\\ h > 0")
    assert r.exit_code == 0, r.output
    assert "2 distinct states found" in r.output


def test_a_failing_definition_fails_where_it_is_first_used(tmp_path):
    r = _check(tmp_path, "Init == x = <<>>\nNext == LET h == Head(x) IN x' = <<h>> /\\ h = h")
    assert r.exit_code == 75, r.output
    assert "Traceback" not in r.output
    assert "Head" in r.output or "empty" in r.output


def test_a_definition_in_an_expression_is_evaluated_once(tmp_path):
    r = _check(tmp_path, "Init == x = 0\nNext == x' = LET v == Print(\"e\", x + 1) IN (v * v) % 4",
               "INIT Init\nNEXT Next\n")
    assert r.exit_code == 0, r.output
    assert "2 distinct states found" in r.output     # 0 -> 1 * 1 % 4 = 1 -> 2 * 2 % 4 = 0
    assert r.output.count('"e"') == 2


def test_enabled_sees_the_definitions_of_the_let_around_it(tmp_path):
    ok = _check(tmp_path, "Init == x = 0\nNext == x' = (x + 1) % 3\n"
                          "Inv == LET h == x + 1 IN ENABLED (x' = h % 3 /\\ h # 7 /\\ h + h > 0)",
                "INIT Init\nNEXT Next\nINVARIANT Inv\n")
    assert ok.exit_code == 0, ok.output
    bad = _check(tmp_path, "Init == x = 0\nNext == x' = (x + 1) % 3\n"
                           "Inv == LET h == x + 1 IN ENABLED (x' = h % 3 /\\ h # 2 /\\ h + h > 0)",
                 "INIT Init\nNEXT Next\nINVARIANT Inv\n")
    assert bad.exit_code == 12, bad.output
    assert "Invariant Inv is violated" in bad.output
