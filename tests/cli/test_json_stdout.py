"""Under --json, stdout is exactly one JSON object: what the spec prints (Print, PrintT) goes to stderr.

MCEcho prints from its invariants and PrintValues from its ASSUMEs (both from the conformance corpus,
read in place); their figures under --json are TLC's.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO, invoke

MODELS = {  # model -> TLC's (distinct states, states generated, depth), from the corpus's models.json
    "echo/MCEcho": (75, 116, 16),
    "SpecifyingSystems/AsynchronousInterface/PrintValues": (0, 0, 0),
}


def _paths(corpus, model):
    base = corpus / "specifications" / model
    return str(base) + ".tla", str(base) + ".cfg"


@pytest.mark.parametrize("model", sorted(MODELS))
def test_json_stdout_is_one_object_and_the_prints_go_to_stderr(corpus, model):
    tla, cfg = _paths(corpus, model)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    p = subprocess.run([sys.executable, "-m", "mcheck.cli.main", "check", tla, "-c", cfg, "--json"],
                       capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)          # the whole of stdout parses: nothing else is on it
    assert (out["distinct_states"], out["states_generated"], out["depth"]) == MODELS[model]
    assert out["result"] == "success"
    assert "<<" in p.stderr             # the spec's Print output, on stderr


@pytest.mark.parametrize("model", sorted(MODELS))
def test_json_through_click_runner_also_keeps_prints_off_stdout(corpus, model):
    tla, cfg = _paths(corpus, model)
    r = invoke("check", tla, "-c", cfg, "--json")
    out = json.loads(r.stdout)
    assert (out["distinct_states"], out["states_generated"], out["depth"]) == MODELS[model]
    assert "<<" in r.stderr


def test_simulate_json_keeps_prints_off_stdout(corpus):
    tla, cfg = _paths(corpus, "echo/MCEcho")
    r = invoke("simulate", tla, "-c", cfg, "--json", "--traces", "2", "--seed", "3")
    assert r.exit_code == 0 and json.loads(r.stdout)["result"] == "success" and "<<" in r.stderr
