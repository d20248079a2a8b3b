"""State graphs: ``explore_graph`` and ``check --dump-graph``."""
from __future__ import annotations

import json

import networkx as nx

from mcheck.checker.graph import explore_graph
from mcheck.checker.replay import load_model
from mcheck.checker.run import check_spec
from mcheck.trace.graph_files import to_dot
from tests.conftest import invoke


def test_diehard_graph_has_the_distinct_states_check_reports(diehard):
    r = check_spec(diehard)
    assert r.result == "success" and r.distinct_states == 16
    model, _ = load_model(diehard, invariants=["NotSolved"])
    G = explore_graph(model)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == 16
    assert G.number_of_edges() == r.states_generated - 1      # one edge per generated successor
    initial = [n for n, d in G.nodes(data=True) if d["initial"]]
    assert initial == [0] and G.nodes[0]["big"] == "0" and G.nodes[0]["small"] == "0"
    bad = sorted((d["big"], d["small"]) for _, d in G.nodes(data=True) if d["violates"])
    assert bad == [("4", "0"), ("4", "3")]
    assert all(d["violates"] == ["NotSolved"] for _, d in G.nodes(data=True) if d["violates"])
    assert {d["action"] for _, _, d in G.edges(data=True)} == {
        "FillSmallJug", "FillBigJug", "EmptySmallJug", "EmptyBigJug", "SmallToBig", "BigToSmall"}


def test_dump_graph_formats(diehard, tmp_path):
    for ext in ("dot", "graphml", "json"):
        out = tmp_path / f"g.{ext}"
        r = invoke("check", diehard, "--dump-graph", str(out))
        assert r.exit_code == 0 and "16 states" in r.stderr
        text = out.read_text()
        if ext == "dot":
            assert text.startswith('digraph "DieHard" {') and text.count(" -> ") == 96
            assert '0 [label="/\\\\ big = 0\\l/\\\\ small = 0\\l", style="bold"];' in text
        elif ext == "graphml":
            H = nx.read_graphml(out)
            assert H.number_of_nodes() == 16 and H.number_of_edges() == 96
        else:
            data = json.loads(text)
            assert len(data["nodes"]) == 16 and data["graph"]["variables"] == ["big", "small"]


def test_dump_graph_with_violation_writes_the_states_the_check_found(diehard, tmp_path):
    # the graph is recorded by the check's own search, which stops at the violation (as TLC's -dump)
    out = tmp_path / "g.json"
    plain = invoke("check", diehard, "--invariant", "NotSolved")
    r = invoke("check", diehard, "--invariant", "NotSolved", "--dump-graph", str(out))
    assert r.exit_code == 12 and r.stdout == plain.stdout
    assert "14 distinct states found" in r.stdout
    data = json.loads(out.read_text())
    assert len(data["nodes"]) == 14 and data["graph"]["complete"] is False
    assert "as far as the check explored it" in r.stderr
    assert [n["violates"] for n in data["nodes"] if n["violates"]] == [["NotSolved"]]


VIEW_SPEC = """VARIABLES x, y
Init == x = 0 /\\ y = 0
Next == \\/ x < 3 /\\ x' = x + 1 /\\ y' = y
        \\/ y < 3 /\\ y' = y + 1 /\\ x' = x
View == x
"""


def test_check_and_dump_graph_agree_under_a_view(spec, tmp_path):
    # VIEW x: the 16 states (x, y) in 0..3 \X 0..3 fall into 4 classes
    path = spec("Viewed", VIEW_SPEC, cfg="INIT Init\nNEXT Next\nVIEW View\nCHECK_DEADLOCK FALSE\n")
    out = tmp_path / "g.json"
    r = invoke("check", path, "--dump-graph", str(out))
    assert r.exit_code == 0 and "4 distinct states found" in r.stdout
    data = json.loads(out.read_text())
    assert len(data["nodes"]) == 4 and data["graph"]["complete"] is True
    assert "4 states" in r.stderr
    G = explore_graph(load_model(path)[0])
    assert G.number_of_nodes() == 4


def test_graph_respects_constraints_and_marks_deadlocks(spec):
    path = spec("Bounded", "VARIABLE x\nInit == x = 0\nNext == x' = x + 1\nSmall == x < 5\n",
                cfg="INIT Init\nNEXT Next\nCONSTRAINT Small\n")
    r = check_spec(path)
    model, _ = load_model(path)
    G = explore_graph(model)
    assert G.number_of_nodes() == r.distinct_states == 5
    path2 = spec("Ends", "VARIABLE x\nInit == x \\in {0, 1}\nNext == x = 0 /\\ x' = 1\n")
    G2 = explore_graph(load_model(path2)[0])
    assert [d["deadlock"] for _, d in sorted(G2.nodes(data=True))] == [False, True]
    assert [d["initial"] for _, d in sorted(G2.nodes(data=True))] == [True, True]
    assert "->" in to_dot(G2)


def test_max_states_truncates(diehard):
    G = explore_graph(load_model(diehard)[0], max_states=5)
    assert G.number_of_nodes() == 5 and G.graph["truncated"] is True


def test_unknown_extension_is_reported_before_the_search(diehard, tmp_path):
    r = invoke("check", diehard, "--dump-graph", str(tmp_path / "g.png"))
    assert r.exit_code == 2 and "unknown graph format" in r.stderr and "states generated" not in r.output
