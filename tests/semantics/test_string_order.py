"""Strings sort as TLC sorts them in a process of its own, whatever was checked before in this one."""
import subprocess

from mcheck import api

FIRST = """---- MODULE First ----
VARIABLE r
Init == r = [alpha |-> 1, beta |-> 2]
Next == UNCHANGED r
====
"""

SECOND = """---- MODULE Second ----
VARIABLE r, s
Init == r = [beta |-> 1, alpha |-> 2] /\\ s = "x"
Next == s' \\in {"gamma", "delta"} /\\ UNCHANGED r
Inv == s # "delta"
====
"""


def _write(tmp_path, name, text):
    (tmp_path / f"{name}.tla").write_text(text)
    (tmp_path / f"{name}.cfg").write_text("INIT Init\nNEXT Next\n" + ("INVARIANT Inv\n" if "Inv" in text else ""))
    return str(tmp_path / f"{name}.tla")


def test_a_spec_checked_after_another_prints_and_enumerates_as_alone(tmp_path):
    first, second = _write(tmp_path, "First", FIRST), _write(tmp_path, "Second", SECOND)
    api.check(first)          # interns alpha before beta
    r = api.check(second)
    assert r.result == "safety failure"
    shown = repr(r.trace[-1])
    alone = subprocess.run(["mcheck", "check", second], capture_output=True, text=True).stdout
    # alone, Second interns beta first (its first literal), so TLC prints beta first
    assert "[beta |-> 1, alpha |-> 2]" in alone
    assert "[beta |-> 1, alpha |-> 2]" in shown
    assert len(r.trace) == 2


def test_rebuilding_the_same_spec_keeps_its_string_order(tmp_path):
    second = _write(tmp_path, "Second", SECOND)
    a = api.check(second)
    b = api.check(second)
    assert repr(a.trace[-1]) == repr(b.trace[-1])
