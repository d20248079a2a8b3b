"""``--continue`` (TLC's ``-continue``): every invariant violation is reported with its behaviour, and the
search goes on to the end."""
import json

from click.testing import CliRunner

from mcheck.cli.main import main

SPEC = """---- MODULE Cont ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 4 /\\ x' = x + 1
Inv == x # 2 /\\ x # 3
====
"""


def _run(tmp_path, *args):
    (tmp_path / "Cont.tla").write_text(SPEC)
    (tmp_path / "Cont.cfg").write_text("INIT Init\nNEXT Next\nINVARIANT Inv\n")
    return CliRunner().invoke(main, ["check", str(tmp_path / "Cont.tla"), "--continue", "--no-deadlock", *args])


def test_continue_prints_each_violation_with_the_behaviour_to_it(tmp_path):
    r = _run(tmp_path)
    assert r.exit_code == 0   # TLC ends a -continue run as the search ends
    out = r.output
    assert out.count("Error: Invariant Inv is violated.") == 2
    assert out.count("Error: The behavior up to this point is:") == 2
    first, second = out.split("Error: Invariant Inv is violated.")[1:3]
    assert "State 3:" in first and "x = 2" in first and "State 4:" not in first
    assert "State 4:" in second and "x = 3" in second
    assert "5 states generated, 5 distinct states found, 0 states left on queue." in out


def test_continue_lists_the_violations_in_json(tmp_path):
    r = _run(tmp_path, "--json")
    doc = json.loads(r.output.splitlines()[0])
    assert doc["result"] == "success" and doc["violation"] is None
    assert [(f["name"], len(f["trace"]), f["trace"][-1]["state"]["x"]) for f in doc["found"]] == \
        [("Inv", 3, "2"), ("Inv", 4, "3")]
