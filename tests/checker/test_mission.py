"""The mission's formula: a function space over a set of bounded sequences, with model values from the cfg."""
from __future__ import annotations

import json

from click.testing import CliRunner

from mcheck.cli.main import main

MISSION = r"""
CONSTANTS Tokens, Max
VARIABLE model
Score == {0, 1}
Contexts == { s \in Seq(Tokens) : Len(s) <= Max }
Init == model \in [Contexts -> [Tokens -> Score]]
Next == UNCHANGED model
"""
CFG = "CONSTANTS Tokens = {a, b}\n          Max = 2\nINIT Init\nNEXT Next"


def test_mission_formula_has_16384_initial_states(check):
    # |Contexts| = 1 + 2 + 4 = 7, |[Tokens -> Score]| = 4, so 4^7 = 16384 initial states, each with one self-loop.
    r = check("Mission", MISSION, CFG, extends="Naturals, Sequences")
    assert r.result == "success" and r.exit_code == 0
    assert r.distinct_states == 16384
    assert r.states_generated == 2 * 16384
    assert r.depth == 1


def test_mission_formula_through_the_cli(spec):
    r = CliRunner().invoke(main, ["check", spec("Mission", MISSION, CFG, extends="Naturals, Sequences"), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["distinct_states"] == 16384


def test_mission_formula_with_max_from_the_command_line(spec):
    # Max = 1: |Contexts| = 3, so 4^3 = 64 states.
    r = CliRunner().invoke(main, ["check", spec("Mission", MISSION, CFG, extends="Naturals, Sequences"),
                                  "--const", "Max=1", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["distinct_states"] == 64
