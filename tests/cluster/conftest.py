"""A real Ray cluster on this machine, on loopback: a head and one more node, once per session.

The nodes are separate raylet processes (``ray.cluster_utils.Cluster``), each with one CPU, so two
actors placed with Ray's SPREAD strategy land on different nodes.  The workers import this tree's
mcheck through PYTHONPATH, which the nodes inherit and the runtime environment sets again.
"""
from __future__ import annotations

import os
from pathlib import Path

# Ray turns 127.0.0.1 in an address into this machine's outward address unless, as on a laptop, it
# keeps to loopback: read when ray is imported, so set before any test module imports it
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def ray_cluster():
    ray = pytest.importorskip("ray")
    from ray.cluster_utils import Cluster
    path = os.pathsep.join([str(REPO)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    os.environ["PYTHONPATH"] = path
    loopback = {"num_cpus": 1, "node_ip_address": "127.0.0.1", "include_dashboard": False}
    cluster = Cluster(initialize_head=True, head_node_args=loopback)
    cluster.add_node(num_cpus=1, node_ip_address="127.0.0.1")
    cluster.wait_for_nodes()
    ray.init(address=cluster.address, _node_ip_address="127.0.0.1", logging_level="ERROR", runtime_env={"env_vars": {"PYTHONPATH": path}})
    try:
        yield cluster
    finally:
        ray.shutdown()
        cluster.shutdown()
