"""Sets built over an infinite set stay lazy until enumerated: ``UNION {f(n) : n \\in Nat}`` is a value."""
from __future__ import annotations

from click.testing import CliRunner

from mcheck.cli.main import main

DEFS = ('Strs == UNION {[1..n -> {"a"}] : n \\in Nat}\n'
        "Sq(S) == UNION {[1..n -> S] : n \\in Nat}\n"
        "Evens == {2 * n : n \\in Nat}\n")


def _check(tmp_path, init: str):
    spec = tmp_path / "U.tla"
    spec.write_text(f"---- MODULE U ----\nEXTENDS Naturals, Sequences\nVARIABLE x\n{DEFS}"
                    f"Init == {init}\nNext == x' = x\n====\n")
    (tmp_path / "U.cfg").write_text("INIT Init\nNEXT Next\n")
    return CliRunner().invoke(main, ["check", str(spec)])


def test_a_union_over_nat_is_a_value_that_can_be_passed_and_compared(tmp_path):
    r = _check(tmp_path, "x = 0 /\\ LET T == Strs IN (x = 1 => <<\"a\">> \\in T) /\\ Sq({1}) # {} /\\ Evens # {}")
    assert r.exit_code == 0, r.output
    assert "1 distinct states found" in r.output


def test_enumerating_a_lazy_union_over_nat_is_tlcs_error(tmp_path):
    r = _check(tmp_path, "x = 0 /\\ \\E s \\in Strs : s = <<\"a\">>")
    assert r.exit_code == 75, r.output
    assert "Traceback" not in r.output
    assert "Error: " in r.output and "enumerable" in r.output


def test_membership_in_a_map_over_nat_enumerates_it_as_tlc_does(tmp_path):
    r = _check(tmp_path, "x = 0 /\\ 4 \\in Evens")
    assert r.exit_code == 75, r.output
    assert "Nat is not enumerable" in r.output
