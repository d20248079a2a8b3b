"""TLCGet("distinct"), ("generated"), ("queue"), ("diameter"), ("duration"): TLC's statistics so far.

The first spec is TLC's own test of them (TLCSet.tla in TLC's tests, BFS mode): a single behaviour
0, 1, 2, ... whose Next asserts the figures at each state."""
from __future__ import annotations


def test_statistics_during_the_search_are_tlcs(check):
    r = check("Stats", r"""
VARIABLES x
Init == /\ x = 0
        /\ TLCGet("diameter") = 1
        /\ TLCGet("queue") = 0
        /\ TLCGet("distinct") = 0
        /\ TLCGet("duration") >= 0
Next == /\ x < 5
        /\ x' = x + 1
        /\ TLCGet("distinct") = x + 1
        /\ TLCGet("diameter") = x + 1
        /\ TLCGet("queue") = 0
        /\ TLCGet("generated") = x + 1
        /\ TLCGet("stats").distinct = x + 1
        /\ TLCGet("stats").generated = x + 1
""", "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE", extends="Naturals, TLC")
    # a false assertion would cut the behaviour short: all six states are there
    assert (r.result, r.distinct_states, r.depth) == ("success", 6, 6)


def test_statistics_in_a_postcondition_are_the_final_figures(check):
    r = check("Post", r"""
VARIABLES x
Init == x \in {0, 1}
Next == x < 4 /\ x' \in {x + 1, x + 2}
Post == /\ TLCGet("distinct") = 6
        /\ TLCGet("generated") = 2 + 4 * 2
        /\ TLCGet("diameter") = 3
        /\ TLCGet("queue") = 0
""", "INIT Init\nNEXT Next\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE", extends="Naturals, TLC")
    assert r.result == "success", r.error


def test_statistics_with_workers_are_an_error_that_says_so(check):
    r = check("Workers", r"""
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1 /\ TLCSet(1, TLCGet("generated"))
""", "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE", extends="Integers, TLC", workers=2)
    assert r.exit_code == 75
    assert "mcheck gives TLC's statistics in a breadth-first search with one worker" in r.error


CONFIG_SPEC = r"""
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Mode == TLCGet("config").mode = "bfs" /\ TLCGet("config").depth = -1
"""


def test_config_says_breadth_first_and_how_many_workers(check):
    r = check("Config", CONFIG_SPEC + 'Workers == TLCGet("config").worker = 2\n',
              "INIT Init\nNEXT Next\nINVARIANT Mode\nINVARIANT Workers\nCHECK_DEADLOCK FALSE",
              extends="Integers, TLC", workers=2)
    assert (r.result, r.distinct_states) == ("success", 4), r.error


def test_config_in_simulation_says_simulate_with_its_depth_and_seed(spec):
    from mcheck.api import simulate

    path = spec("Sim", CONFIG_SPEC + 'Sim == TLCGet("config").mode = "simulate" /\\ TLCGet("config").depth = 7'
                " /\\ TLCGet(\"config\").seed = 5\n",
                "INIT Init\nNEXT Next\nINVARIANT Sim\nCHECK_DEADLOCK FALSE", extends="Integers, TLC")
    r = simulate(path, depth=7, traces=3, seed=5)
    assert r.result == "success", r.error
