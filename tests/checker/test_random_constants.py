"""A constant drawn with RandomElement is one value in every process that builds the model.

TLC evaluates ``Edges == UNION {{{n, m} : m \\in RandomElement(SUBSET (Nodes \\ {n}))} : n \\in Nodes}``
once, and all its workers see that graph.  mcheck's worker processes each build the model, and each
iterates ``Nodes`` in the order of its own salted hashes; with one shared generator, each ``n``
got another draw in each process, and ``--workers 2`` checked a union of different graphs
(SpanTreeRandom: 132,653 distinct states against one worker's 31,824, which changed run to run).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mcheck.checker.run import check_spec

SPEC = """---- MODULE RandomGraph ----
EXTENDS TLC, FiniteSets
CONSTANT Nodes
VARIABLE reached
Edges == UNION { {{n, m} : m \\in RandomElement(SUBSET (Nodes \\ {n}))} : n \\in Nodes }
Init == reached = {CHOOSE n \\in Nodes : TRUE}
Next == \\E e \\in Edges : e \\cap reached # {} /\\ ~(e \\subseteq reached) /\\ reached' = reached \\cup e
Spec == Init /\\ [][Next]_reached
====
"""
CFG = "CONSTANT Nodes = {a, b, c, d, e, f}\nSPECIFICATION Spec\nCHECK_DEADLOCK FALSE\n"

EDGES_SPEC = SPEC.replace("Spec == ", "Shown == reached # Edges\nSpec == ").replace(
    "Init == reached = {CHOOSE n \\in Nodes : TRUE}", "Init == reached = Edges")
EDGES_CFG = CFG + "INVARIANT Shown\n"


def _write(tmp_path: Path, spec: str, cfg: str) -> Path:
    (tmp_path / "RandomGraph.tla").write_text(spec)
    (tmp_path / "RandomGraph.cfg").write_text(cfg)
    return tmp_path / "RandomGraph.tla"


def _edges_in_process(path: Path, hash_seed: str) -> str:
    code = ("import sys; from mcheck.checker.run import check_spec; from mcheck.semantics.values import tla_repr; "
            "o = check_spec(sys.argv[1]); print(tla_repr(o.violation.trace[0].state[0]))")
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    out = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True,
                         text=True, check=True)
    return out.stdout


def test_a_random_constant_is_the_same_in_processes_with_other_hash_seeds(tmp_path):
    path = _write(tmp_path, EDGES_SPEC, EDGES_CFG)
    drawn = {_edges_in_process(path, seed) for seed in ("1", "2", "3")}
    assert len(drawn) == 1, drawn


SUBSETS_SPEC = """---- MODULE RandomGraph ----
EXTENDS TLC, FiniteSets
CONSTANT Nodes
VARIABLE chosen
Edges == UNION { {{n, m} : m \\in RandomElement(SUBSET (Nodes \\ {n}))} : n \\in Nodes }
Init == chosen = {}
Next == \\E e \\in Edges : e \\notin chosen /\\ chosen' = chosen \\cup {e}
Subgraph == chosen \\subseteq Edges
Spec == Init /\\ [][Next]_chosen
====
"""


def test_two_workers_search_the_graph_one_worker_draws(tmp_path):
    # every subset of one graph's edges: 2^|Edges| states, and each inside the graph the invariant reads
    path = _write(tmp_path, SUBSETS_SPEC, CFG + "INVARIANT Subgraph\n")
    one, two = check_spec(str(path)), check_spec(str(path), workers=2)
    assert one.result == two.result == "success"
    assert (two.distinct_states, two.states_generated, two.depth) == \
        (one.distinct_states, one.states_generated, one.depth)
    assert one.distinct_states == 2 ** (one.depth - 1)   # depth counts the initial state


def test_two_draws_on_one_set_can_differ(tmp_path):
    spec = SPEC.replace("EXTENDS TLC,", "EXTENDS Naturals, TLC,").replace("Spec == ", "Same == \\A i \\in 1..20 : RandomElement(1..1000) = RandomElement(1..1000)\n"
                        "Spec == ")
    path = _write(tmp_path, spec, CFG + "INVARIANT Same\n")
    o = check_spec(str(path))
    assert o.result == "safety failure" and o.violation.name == "Same"
