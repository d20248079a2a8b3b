"""mcheck's pytest plugin, run by pytest inside pytest: a .cfg with an ``expect:`` comment is a test."""
from __future__ import annotations

from pathlib import Path

import numpy  # noqa: F401  (pytester runs pytest in this process; numpy can load only once per process)

pytest_plugins = ["pytester"]

COUNTER = """---- MODULE Counter ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\\ x' = x + 1
Small == x < 2
====
"""


def _write(pytester, cfgs: dict[str, str]) -> None:
    pytester.makefile(".tla", Counter=COUNTER)
    for name, text in cfgs.items():
        (Path(pytester.path) / f"{name}.cfg").write_text(text)


def test_plugin_collects_each_cfg_with_an_expectation_and_passes_when_the_figures_agree(pytester):
    _write(pytester, {"Counter": "\\* expect: success 4 states depth 4\nINIT Init\nNEXT Next\n"
                                 "CHECK_DEADLOCK FALSE\n",
                      "Counter_Small": "\\* expect: violation Small length 3 (3 states)\nINIT Init\nNEXT Next\n"
                                       "INVARIANT Small\n",
                      "Counter_NoExpectation": "INIT Init\nNEXT Next\n"})
    r = pytester.runpytest("-p", "mcheck.pytest_plugin", "-v")
    r.assert_outcomes(passed=2)
    r.stdout.fnmatch_lines(["*Counter.cfg::Counter.cfg PASSED*", "*Counter_Small.cfg::Counter_Small.cfg PASSED*"])


def test_a_wrong_expectation_fails_and_shows_the_counterexample_in_the_changes_view(pytester):
    _write(pytester, {"Counter_Small": "\\* expect: success 4 states depth 4\nINIT Init\nNEXT Next\n"
                                       "INVARIANT Small\n"})
    r = pytester.runpytest("-p", "mcheck.pytest_plugin")
    r.assert_outcomes(failed=1)
    r.stdout.fnmatch_lines(["*expect: success 4 states depth 4",
                            "*expected success, got safety failure of Small*",
                            "*expected distinct states 4, got 3",
                            "Counterexample (invariant Small):",
                            "State 1: <Initial predicate>",
                            "x = 0",
                            "State 3: <Next line *>",
                            "x = 2   (was 1)"])


def test_an_unreadable_expectation_is_a_collection_error_naming_the_file(pytester):
    _write(pytester, {"Counter": "\\* expect: passes\nINIT Init\nNEXT Next\n"})
    r = pytester.runpytest("-p", "mcheck.pytest_plugin")
    assert r.ret != 0
    r.stdout.fnmatch_lines(["*Counter.cfg: cannot read 'expect: passes'*"])
