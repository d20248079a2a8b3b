"""A shard actor killed mid-run stops the run with an error naming the shard, its actor and its
node (exit 255), and no count: the search does not go on without a shard's fingerprints."""
from __future__ import annotations

import ray

from mcheck.checker.raytransport import connector
from tests.cluster.test_ray_agrees import spec_of


def test_killing_a_shard_actor_mid_run_stops_with_an_error_naming_it(ray_cluster):
    transports = []

    def kill_at_level_5(lv):
        if lv.level == 5:
            t = transports[0]
            ray.kill(t.actors[1], no_restart=True)

    start = connector(on_level=kill_at_level_5)

    def remember(factory, args, n):
        t = start(factory, args, n)
        transports.append(t)
        return t

    from mcheck.checker.run import check_spec
    tla, cfg = spec_of("transaction_commit/TwoPhase.cfg")
    r = check_spec(tla, cfg, workers=2, connect=remember)
    assert r.result == "error" and r.exit_code == 255
    assert "shard 1 (Ray actor mcheck-" in r.error and "died during '" in r.error   # the call that meets the dead actor: expand or claim
    assert "on node 127.0.0.1" in r.error
    assert not r.complete and r.distinct_states < 288


def test_the_same_cluster_still_checks_after_a_killed_actor(ray_cluster):
    from mcheck.checker.run import check_spec
    tla, cfg = spec_of("transaction_commit/TwoPhase.cfg")
    r = check_spec(tla, cfg, workers=2, connect=connector())
    assert (r.result, r.distinct_states, r.depth) == ("success", 288, 11)
