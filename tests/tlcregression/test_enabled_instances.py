"""ENABLED written in an instantiated module (TLC's test55 and test57): its primed variables are the
module's own, and only the unprimed ones are substituted; an action passed in from outside, and the
ENABLED of WF and SF, keep their substitutions, as in TLC."""
from __future__ import annotations

from mcheck.checker.run import check_spec


def _spec(tmp_path, inner: str, outer: str, cfg: str):
    (tmp_path / "Inner.tla").write_text("---- MODULE Inner ----\nEXTENDS Naturals\n" + inner + "\n====\n")
    (tmp_path / "Outer.tla").write_text("---- MODULE Outer ----\nEXTENDS Naturals\n" + outer + "\n====\n")
    (tmp_path / "Outer.cfg").write_text(cfg)
    return check_spec(str(tmp_path / "Outer.tla"), str(tmp_path / "Outer.cfg"))


def test_enabled_in_an_instance_frees_its_primed_variables(tmp_path):
    """I!F with F == ENABLED (x' = 0 /\\ y' = 1) and x, y <- z is TRUE (z' = 0 /\\ z' = 1 is not);
    I!G's unprimed x # y is z # z, FALSE."""
    r = _spec(tmp_path, "VARIABLES x, y\nF == ENABLED (x' = 0 /\\ y' = 1)\n"
              "G == ENABLED ((x # y) /\\ (x' = 0) /\\ (y' = 1))",
              "VARIABLE z\nI == INSTANCE Inner WITH x <- z, y <- z\nInit == z = 0\nNext == z' = 1 - z\n"
              "Inv == I!F /\\ ~I!G",
              "INIT Init\nNEXT Next\nINVARIANT Inv\n")
    assert (r.result, r.distinct_states) == ("success", 2)


def test_an_action_passed_into_enabled_keeps_its_substitution(tmp_path):
    """test57: I!D (D == ENABLED A, A == u' = u /\\ v' = v + 1) holds, while I!C (C == B(A) with
    B(d) == ENABLED d) is ENABLED (x' = x /\\ x' = x + 1), FALSE, in TLC: Inv1 is violated."""
    r = _spec(tmp_path, "VARIABLES u, v\nA == (u' = u) /\\ (v' = v + 1)\nB(d) == ENABLED d\nC == B(A)\n"
              "D == ENABLED A",
              "VARIABLE x\nI == INSTANCE Inner WITH u <- x, v <- x\nInit == x \\in 1..3\nNext == x' = 9 - x\n"
              "Inv3 == I!D\nInv1 == I!C",
              "INIT Init\nNEXT Next\nINVARIANT Inv3 Inv1\n")
    assert (r.result, r.violation.name, len(r.violation.trace)) == ("safety failure", "Inv1", 1)


def test_fairness_in_an_instance_keeps_its_substitution(tmp_path):
    """WF_<<x, y>>(Next) of the instance is about z: <<Next>>_<<x, y>> with x, y <- z is never
    enabled (z' = 1 - z /\\ z' = z), so I!Live holds of a behaviour that stops; with the
    instance's own primed variables it would be enabled always, and violated."""
    r = _spec(tmp_path, "VARIABLES x, y\nNext == x' = 1 - x /\\ y' = y\nLive == WF_<<x, y>>(Next)",
              "VARIABLE z\nI == INSTANCE Inner WITH x <- z, y <- z\nInit == z = 0\nSpec == Init /\\ [][FALSE]_z\n"
              "Prop == I!Live",
              "SPECIFICATION Spec\nPROPERTY Prop\nCHECK_DEADLOCK FALSE\n")
    assert (r.result, r.distinct_states) == ("success", 1)
