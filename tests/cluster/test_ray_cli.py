"""``mcheck check --ray``: on the session's cluster from a separate driver process, and the
one-line error when Ray is not installed."""
from __future__ import annotations

import os
import subprocess
import sys

import ray

from tests.cluster.test_ray_agrees import spec_of


def mcheck(*args: str, prelude: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    code = f"{prelude}import sys; from mcheck.cli.main import main; sys.argv = ['mcheck'] + sys.argv[1:]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


def test_without_ray_the_option_says_what_to_install():
    tla, cfg = spec_of("transaction_commit/TwoPhase.cfg")
    p = mcheck("check", tla, "--config", cfg, "--ray", "auto", prelude="import sys; sys.modules['ray'] = None; ")
    assert p.returncode == 2
    assert "--ray needs Ray: pip install 'mcheck[ray]'" in p.stderr
    assert "Traceback" not in p.stderr


def test_check_on_a_running_cluster_prints_a_line_per_level(ray_cluster):
    tla, cfg = spec_of("transaction_commit/TwoPhase.cfg")
    address = ray.get_runtime_context().gcs_address
    p = mcheck("check", tla, "--config", cfg, "--ray", address, "--workers", "2")
    assert p.returncode == 0, p.stderr
    assert "288 distinct states found" in p.stdout
    assert "The depth of the complete state graph search is 11." in p.stdout
    assert "Level 11: 2 new states" in p.stderr and "states/s; slowest shard" in p.stderr


def test_workers_auto_on_a_cluster_is_one_worker_per_cpu_of_the_cluster(ray_cluster):
    tla, cfg = spec_of("transaction_commit/TwoPhase.cfg")
    address = ray.get_runtime_context().gcs_address
    p = mcheck("check", tla, "--config", cfg, "--ray", address, "--workers", "auto")
    assert p.returncode == 0, p.stderr
    assert "--workers auto: 2 workers, one per CPU of the Ray cluster" in p.stderr   # a head and a node, 1 CPU each
    assert "288 distinct states found" in p.stdout
