"""``check --max-depth N``: the states up to depth N are explored, and the answer says so."""
import json

import pytest
from click.testing import CliRunner

from mcheck.cli.main import main

SPEC = """---- MODULE Deep ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 9 /\\ x' = x + 1
Small == x < 5
====
"""


def _run(tmp_path, *args, cfg="INIT Init\nNEXT Next\nINVARIANT Small\n"):
    (tmp_path / "Deep.tla").write_text(SPEC)
    (tmp_path / "Deep.cfg").write_text(cfg)
    return CliRunner().invoke(main, ["check", str(tmp_path / "Deep.tla"), "--no-deadlock", *args])


def test_violation_deeper_than_the_bound_is_not_reported_and_the_success_says_bounded(tmp_path):
    r = _run(tmp_path, "--max-depth", "5")
    assert r.exit_code == 0
    assert "Model checking stopped at depth 5 (--max-depth): no error has been found" in r.output
    assert "5 distinct states found, 1 states left on queue." in r.output
    assert "The depth of the search, bounded by --max-depth, is 5." in r.output
    assert "complete state graph" not in r.output


def test_violation_within_the_bound_gives_the_same_trace_as_an_unbounded_check(tmp_path):
    r = _run(tmp_path, "--max-depth", "6")
    assert r.exit_code == 12
    assert "Error: Invariant Small is violated." in r.output
    assert "State 6:" in r.output


@pytest.mark.parametrize("workers", ["1", "2"])
def test_json_of_a_bounded_check_carries_max_depth(tmp_path, workers):
    r = _run(tmp_path, "--max-depth", "3", "--json", "--workers", workers)
    out = json.loads(r.stdout)
    assert out["result"] == "success" and out["max_depth"] == 3
    assert (out["distinct_states"], out["depth"]) == (3, 3)


def test_max_depth_with_a_temporal_property_is_refused(tmp_path):
    (tmp_path / "Live.tla").write_text(SPEC.replace("Deep", "Live").replace("====\n", "Live == <>(x = 9)\n====\n"))
    (tmp_path / "Live.cfg").write_text("INIT Init\nNEXT Next\nPROPERTY Live\n")
    r = CliRunner().invoke(main, ["check", str(tmp_path / "Live.tla"), "--max-depth", "3"])
    assert r.exit_code == 255
    assert "--max-depth explores part of the state graph" in r.output


def test_the_api_takes_max_depth_and_workers(tmp_path):
    from mcheck import api
    _run(tmp_path, "--max-depth", "1")
    r = api.check(str(tmp_path / "Deep.tla"), deadlock=False, max_depth=4, workers=2)
    assert (r.result, r.distinct_states, r.depth) == ("success", 4, 4)
    assert r.raw.max_depth == 4
