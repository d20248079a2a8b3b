"""``--ray``: the sharded search on a real two-node Ray cluster gives one worker's figures.

Each model of the conformance corpus below is checked twice: by one worker in this process, and by
two shard actors on the session's cluster (a head and one more node, on loopback).  Result,
distinct states, depth, the violation's kind and name and the trace's length must agree.  Among
them: safety successes, invariant violations, a deadlock (chang_roberts with its deadlock check
turned back on), liveness (a success on the whole graph, and a failure), and SYMMETRY.
"""
from __future__ import annotations

import re

import pytest

from mcheck.checker.run import check_spec
from tests.conformance.runner import corpus_dir, model_id, models

MODELS = (
    "transaction_commit/TwoPhase.cfg",                          # safety, 11 levels
    "transaction_commit/2PCwithBTM.cfg",
    "echo/MCEcho.cfg",
    "locks_auxiliary_vars/Peterson.cfg",
    "SpecifyingSystems/TLC/ABCorrectness.cfg",
    "Paxos/MCVoting.cfg",                                       # SYMMETRY
    "Paxos/MCPaxos.cfg",                                        # SYMMETRY
    "DiningPhilosophers/DiningPhilosophers.cfg",                # liveness
    "chang_roberts/MCChangRoberts.cfg",                         # liveness
    "SpecifyingSystems/RealTime/MCRealTimeHourClock.cfg",       # liveness failure
    "MissionariesAndCannibals/MissionariesAndCannibals.cfg",    # invariant violation
    "N-Queens/Queens.toolbox/FourQueens/MC.cfg",                # invariant violation
    "spanning/MC_spanning.cfg",                                 # invariant violation
)

pytestmark = pytest.mark.skipif(corpus_dir() is None, reason="the conformance corpus is not here")


def figures(r) -> tuple:
    v = r.violation
    return (r.result, r.exit_code, r.distinct_states if r.complete or v is None else None, r.depth if v is None else None,
            v.kind if v else None, v.name if v else None, len(v.trace) if v else None)


def spec_of(cfg: str) -> tuple[str, str]:
    d = corpus_dir()
    if d is None:
        pytest.skip("no conformance corpus (../shared/conformance)")
    m = next(m for m in models() if model_id(m) == cfg)
    return str(d / m["tla"]), str(d / m["cfg"])


@pytest.mark.parametrize("cfg", MODELS)
def test_two_actors_on_two_nodes_give_one_workers_figures(ray_cluster, cfg):
    from mcheck.checker.raytransport import connector
    tla, cfg_path = spec_of(cfg)
    one = check_spec(tla, cfg_path)
    on_ray = check_spec(tla, cfg_path, workers=2, connect=connector())
    assert figures(on_ray) == figures(one)
    if one.result == "success":
        assert on_ray.distinct_states == one.distinct_states and on_ray.depth == one.depth


def test_a_deadlock_is_found_with_its_shortest_trace(ray_cluster, tmp_path):
    from mcheck.checker.raytransport import connector
    tla, cfg_path = spec_of("chang_roberts/MCChangRoberts.cfg")
    text = open(cfg_path).read()
    cfg = tmp_path / "MCChangRobertsDeadlock.cfg"   # the corpus's .cfg with its deadlock check on
    cfg.write_text(re.sub(r"CHECK_DEADLOCK\s+FALSE", "CHECK_DEADLOCK TRUE", text, flags=re.I))
    one = check_spec(tla, str(cfg))
    on_ray = check_spec(tla, str(cfg), workers=2, connect=connector())
    assert one.result == "deadlock failure" and len(one.violation.trace) == 4
    assert figures(on_ray) == figures(one)
    assert [s.state for s in on_ray.violation.trace] == [s.state for s in one.violation.trace]


def test_the_shards_are_spread_over_both_nodes(ray_cluster):
    from mcheck.checker.parallel import ShardWorker
    from mcheck.checker.raytransport import RayTransport
    from mcheck.semantics.load import Recipe
    tla, cfg_path = spec_of("transaction_commit/TwoPhase.cfg")
    t = RayTransport(ShardWorker, (Recipe.of(tla, cfg_path), True, False, 2), 2)
    try:
        assert len({node for _, node, _ in t.where}) == 2
        assert all(ip == "127.0.0.1" for ip, _, _ in t.where)
    finally:
        t.close()
