"""The search alone, on models written by hand against the ``Model`` interface (no TLA+ text).

After Stateright's test models: the breadth-first search, the filter, the observers and the
liveness checker see only initial states, successors with their action, predicates and a key.
"""
from __future__ import annotations

import multiprocessing
import pickle

from mcheck.checker.check import run_check
from mcheck.checker.observers import GraphRecorder, Observer
from mcheck.checker.search import BreadthFirst
from mcheck.semantics.load import Recipe
from mcheck.semantics.model import Action, Model, Predicate, StepProperty, chain_actions
from mcheck.semantics.ltl import FALSE, Atom, FairnessCond, LiveProperty, TemporalSpec


def counter_model(n: int, *, wrap: bool = False, **kw) -> Model:
    """x counts 0, 1, ..., n (then, with ``wrap``, back to 0)."""
    def inc(s):
        if s[0] < n:
            yield (s[0] + 1,)

    def reset(s):
        if wrap and s[0] == n:
            yield (0,)

    actions = (Action("<Inc>", "Inc", inc), Action("<Reset>", "Reset", reset))
    return Model("Counter", ("x",), actions, lambda: iter([(0,)]), chain_actions(actions), **kw)


def grid_model(n: int, **kw) -> Model:
    """(x, y) on the n x n grid, each step adds 1 to one coordinate."""
    def right(s):
        if s[0] < n - 1:
            yield (s[0] + 1, s[1])

    def up(s):
        if s[1] < n - 1:
            yield (s[0], s[1] + 1)

    actions = (Action("<Right>", "Right", right), Action("<Up>", "Up", up))
    return Model("Grid", ("x", "y"), actions, lambda: iter([(0, 0)]), chain_actions(actions), **kw)


def test_search_counts_states_and_depth_as_tlc():
    r = run_check(grid_model(4, check_deadlock=False))
    assert r.result == "success" and r.exit_code == 0
    assert (r.distinct_states, r.states_generated, r.depth) == (16, 1 + 2 * 4 * 3, 7)


def test_a_state_without_successors_is_a_deadlock_with_the_trace_to_it():
    r = run_check(counter_model(3))
    assert r.result == "deadlock failure" and r.exit_code == 11
    assert [s.state for s in r.violation.trace] == [(0,), (1,), (2,), (3,)]
    assert [s.action for s in r.violation.trace] == ["<Initial predicate>", "<Inc>", "<Inc>", "<Inc>"]


def test_invariant_violation_gives_the_shortest_trace_labelled_by_its_actions():
    inv = Predicate("Small", lambda s: s[0] + s[1] < 3)
    r = run_check(grid_model(5, invariants=(inv,), check_deadlock=False))
    assert r.result == "safety failure" and r.violation.name == "Small"
    assert len(r.violation.trace) == 4 and sum(r.violation.trace[-1].state) == 3
    # the first state of the last level to break it, reached by Right, Right, Right (TLC's order)
    assert [s.action for s in r.violation.trace][1:] == ["<Right>", "<Right>", "<Right>"]


def _counting_chain() -> tuple[Model, dict]:
    calls = {"n": 0}

    def inc(s):
        calls["n"] += 1
        if s[0] < 5:
            yield (s[0] + 1,)

    actions = (Action("<Inc>", "Inc", inc),)
    m = Model("C", ("x",), actions, lambda: iter([(0,)]), chain_actions(actions),
              invariants=(Predicate("Below5", lambda s: s[0] < 5),))
    return m, calls


def test_exact_store_labels_traces_without_running_the_actions_again():
    m, calls = _counting_chain()
    r = run_check(m, exact=True)
    assert len(r.violation.trace) == 6 and calls["n"] == 5   # one call per state expanded, none for the trace


def test_fingerprint_store_rebuilds_the_trace_by_generating_its_steps_again():
    m, calls = _counting_chain()
    r = run_check(m)
    assert [st.state for st in r.violation.trace] == [(i,) for i in range(6)]
    assert [st.action for st in r.violation.trace][1:] == ["<Inc>"] * 5
    assert calls["n"] == 5 + 4   # the search's five, then one per step rebuilt up to the violating step


def test_a_dedup_key_merges_states_into_classes():
    r = run_check(grid_model(4, key=lambda s: s[0], check_deadlock=False))   # as a VIEW of x
    assert (r.distinct_states, r.depth) == (4, 4)


def test_constraints_keep_states_out_of_the_model_and_invariants_still_see_them():
    seen = []

    def inv(s):
        seen.append(s)
        return True

    m = counter_model(10, constraints=(Predicate("Small", lambda s: s[0] < 3),),
                      invariants=(Predicate("Any", inv),), check_deadlock=False)
    r = run_check(m)
    assert r.distinct_states == 3 and (3,) in seen     # x = 3 is generated and checked, not explored


def test_step_property_on_every_step():
    prop = StepProperty("Grows", lambda s, t: t[0] == s[0] + 1)
    r = run_check(counter_model(2, wrap=True, step_properties=(prop,)))
    assert r.result == "safety failure" and r.exit_code == 13 and r.violation.name == "Grows"
    assert [s.state for s in r.violation.trace] == [(0,), (1,), (2,), (0,)]


def test_observers_see_every_state_and_step_of_the_one_search():
    class Count(Observer):
        def __init__(self):
            self.states, self.edges = 0, 0

        def on_state(self, i, state, parent, action):
            self.states += 1

        def on_edge(self, src, dst, action):
            self.edges += 1

    c, g = Count(), GraphRecorder(with_actions=True)
    out = BreadthFirst(grid_model(3, check_deadlock=False), [c, g]).run()
    assert c.states == out.distinct_states == 9 and c.edges == out.states_generated - 1 == 12
    assert g.inits == [0] and g.dead_ends == {8} and list(g.actions[0]) == [0, 1]


def test_without_fairness_a_behaviour_may_stutter_before_the_goal():
    # <>(x = 2): the behaviour that stays at x = 0 forever violates it (behaviours may stutter)
    spec = TemporalSpec(atoms=[Atom("S", lambda s: s[0] == 2, "x = 2")])
    spec.properties.append(LiveProperty("Reaches2", ("R", FALSE, ("S", 0, False))))
    r = run_check(counter_model(2, wrap=True, liveness=spec))
    assert r.result == "liveness failure" and r.violation.stuttering
    # TLC's order (Tarjan's search from the initial state, the last successor first): 0, 1, then stutter
    assert [s.action for s in r.violation.trace] == ["<Initial predicate>", "<Inc>", "Stuttering"]
    assert all(s.state != (2,) for s in r.violation.trace)


def fair_counter(goal: int) -> Model:
    """The wrapping counter 0..2 with weak fairness of its steps, and the property <>(x = goal)."""
    atoms = [Atom("S", lambda s: s[0] == goal, f"x = {goal}"), Atom("S", lambda s: True, "ENABLED Next"),
             Atom("A", lambda s, t: s != t, "<<Next>>_x")]
    spec = TemporalSpec(atoms=atoms, fairness=[FairnessCond("WF", 1, 2)])
    spec.properties.append(LiveProperty("Reaches", ("R", FALSE, ("S", 0, False))))   # the negation: [](x # goal)
    return counter_model(2, wrap=True, liveness=spec)


def test_weak_fairness_makes_the_goal_on_the_cycle_reached():
    assert run_check(fair_counter(2)).result == "success"


def test_liveness_counterexample_is_a_lasso_back_to_its_cycle():
    r = run_check(fair_counter(3))     # x never is 3
    assert r.result == "liveness failure" and r.exit_code == 13 and not r.violation.stuttering
    assert [s.state for s in r.violation.trace] == [(0,), (1,), (2,)]
    assert r.violation.loop_index == 0 and r.violation.loop_action == "<Reset>"


def _build_and_check(recipe: Recipe) -> tuple:
    r = run_check(recipe.build())
    return r.result, r.distinct_states, r.states_generated, r.depth


def test_a_recipe_rebuilds_the_same_model_in_another_process(spec):
    path = spec("Pair", "CONSTANT N\nVARIABLES x, y\nInit == x = 0 /\\ y \\in {1, 2}\n"
                "Next == x < N /\\ x' = x + 1 /\\ UNCHANGED y\n",
                cfg="CONSTANT N = 3\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
    recipe = Recipe.of(path, constants={"N": 4})
    assert pickle.loads(pickle.dumps(recipe)) == recipe
    here = _build_and_check(recipe)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        there = pool.apply(_build_and_check, (recipe,))
    assert here == there == ("success", 10, 10, 5)
