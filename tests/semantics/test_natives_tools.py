"""The bundled community modules UndirectedGraphs, Bitwise, IOUtils, SVG, BagsExt and VectorClocks:
what their operators evaluate to in a spec, their natives' TLC-like errors, and that each module's TLA+
definitions mean what its natives compute."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from mcheck.checker.run import build_model
from mcheck.semantics.modules import STDLIB_DIR, load, standard_module_names
from mcheck.semantics.natives import bags_ext, bitwise, csv_module, io_utils, svg, undirected_graphs, vector_clocks
from mcheck.semantics.natives.vector_clocks import _java_hashmap_order
from mcheck.semantics.values import make_fcn, make_record
from mcheck.syntax.errors import EvalError
from tests.conftest import write_spec

NATIVES = {**bitwise.NATIVES, **undirected_graphs.NATIVES, **io_utils.NATIVES, **svg.NATIVES,
           **bags_ext.NATIVES, **vector_clocks.NATIVES, **csv_module.NATIVES}
"""The natives of the modules this file tests."""

fs = lambda *xs: frozenset(xs)  # noqa: E731
MODULES = ("UndirectedGraphs", "Bitwise", "IOUtils", "SVG", "BagsExt", "VectorClocks", "CSV")


def evaluator(folder: Path, extends: str):
    """A function from TLA+ expression text to its value, in a spec that EXTENDS ``extends``."""
    tla = write_spec(folder, "Eval", "VARIABLE x\nInit == x = 0\nNext == x' = x", extends=extends)
    model, err = build_model(str(tla))
    assert err is None, err.error
    return lambda text: model.source.evaluate(text, (0,))


@pytest.fixture
def ev(tmp_path):
    return evaluator(tmp_path, "Naturals, Integers, Sequences, TLC, Bags, " + ", ".join(MODULES))


def error_of(fn, *args) -> str:
    with pytest.raises(EvalError) as e:
        fn(*args)
    return e.value.message


def definitions_module(folder: Path, name: str) -> str:
    """A copy of the bundled module ``name`` as module ``nameDef``: its TLA+ definitions, no natives."""
    text = (Path(STDLIB_DIR) / f"{name}.tla").read_text()
    (folder / f"{name}Def.tla").write_text(text.replace(f"MODULE {name} ", f"MODULE {name}Def ", 1))
    return f"{name}Def"


# ---------------------------------------------------------------- the modules themselves

def test_the_modules_are_bundled_and_resolve():
    from mcheck.semantics.resolve import check

    assert set(MODULES) <= set(standard_module_names())
    for name in MODULES:
        check(load(os.path.join(STDLIB_DIR, name + ".tla")))


def test_every_native_names_an_operator_of_its_module_with_its_arity():
    import inspect

    from mcheck.syntax import ast as A

    for (module, op), fn in NATIVES.items():
        mod = load(os.path.join(STDLIB_DIR, module + ".tla")).root
        defs = {u.name: u for u in mod.units if isinstance(u, A.OpDef)}
        assert op in defs, (module, op)
        assert not defs[op].local, (module, op)
        assert len(inspect.signature(fn).parameters) == len(defs[op].params), (module, op)


# ---------------------------------------------------------------- Bitwise

def test_bitwise_and_of_two_numbers(ev):
    assert ev("12 & 10") == 8
    assert ev("0 & 7") == 0


def test_bitwise_or_and_xor(ev):
    assert ev("12 | 10") == 14
    assert ev("12 ^^ 10") == 6
    assert ev("5 ^^ 5") == 0


def test_bitwise_on_negative_numbers_is_twos_complement_as_in_tlc(ev):
    assert ev("(-5) & 3") == 3
    assert ev("(-1) ^^ 1") == -2


def test_not_inverts_the_bits_up_to_the_highest_one(ev):
    assert ev("Not(5)") == 2
    assert ev("Not(8)") == 7
    assert ev("Not(0)") == 0


def test_shift_right_drops_low_bits(ev):
    assert ev("shiftR(17, 2)") == 4
    assert ev("shiftR(1, 1)") == 0
    assert ev("shiftR(6, 0)") == 6


def test_shift_right_of_a_negative_number_is_javas_unsigned_shift():
    assert NATIVES[("Bitwise", "shiftR")](-1, 28) == 15


def test_bitwise_and_of_a_string_is_an_error():
    assert error_of(NATIVES[("Bitwise", "&")], "a", 1) == \
        'The first argument of & should be an integer, but instead it is:\n"a"'


def test_bitwise_definitions_agree_with_the_natives(tmp_path):
    defs = evaluator(tmp_path, "Naturals, " + definitions_module(tmp_path, "Bitwise"))
    for x in (0, 1, 5, 12, 37):
        for y in (0, 3, 10, 64):
            assert defs(f"<<{x} & {y}, {x} | {y}, {x} ^^ {y}>>") == (x & y, x | y, x ^ y)
        assert defs(f"Not({x})") == NATIVES[("Bitwise", "Not")](x)
        assert defs(f"shiftR({x}, 2)") == x >> 2


# ---------------------------------------------------------------- UndirectedGraphs

G_TWO_PARTS = "[node |-> 1..5, edge |-> {{1, 2}, {2, 3}, {4}}]"
G_LINE = "[node |-> 1..3, edge |-> {{1, 2}, {2, 3}}]"


def test_connected_components_of_a_graph_in_three_parts(ev):
    assert ev(f"ConnectedComponents({G_TWO_PARTS})") == fs(fs(1, 2, 3), fs(4), fs(5))


def test_a_line_is_strongly_connected_and_a_graph_in_parts_is_not(ev):
    assert ev(f"IsStronglyConnected({G_LINE})") is True
    assert ev(f"IsStronglyConnected({G_TWO_PARTS})") is False
    assert ev("IsStronglyConnected([node |-> {}, edge |-> {}])") is False


def test_simple_paths_of_a_line(ev):
    assert ev(f"SimplePath({G_LINE})") == fs((1,), (2,), (3,), (1, 2), (2, 1), (2, 3), (3, 2), (1, 2, 3), (3, 2, 1))


def test_are_connected_in(ev):
    assert ev(f"AreConnectedIn(1, 3, {G_LINE})") is True
    assert ev(f"AreConnectedIn(1, 4, {G_TWO_PARTS})") is False
    assert ev(f"AreConnectedIn(5, 5, {G_TWO_PARTS})") is True
    assert ev(f"AreConnectedIn(9, 9, {G_TWO_PARTS})") is False  # not a node


def test_edges_leaving_the_node_set_connect_nothing(ev):
    assert ev("ConnectedComponents([node |-> {1, 2}, edge |-> {{1, 3}, {3, 2}}])") == fs(fs(1), fs(2))


def test_path_is_an_infinite_set_that_can_be_tested_for_membership(ev):
    assert ev(f"<<1, 2, 1, 2, 3>> \\in Path({G_LINE})") is True
    assert ev(f"<<1, 3>> \\in Path({G_LINE})") is False
    assert ev(f"<< >> \\in Path({G_LINE})") is False


def test_undirected_graph_predicates_and_the_set_of_all_graphs(ev):
    assert ev(f"IsUndirectedGraph({G_LINE})") is True
    assert ev("IsUndirectedGraph([node |-> {1}, edge |-> {{1, 2}}])") is False
    assert ev("IsLoopFreeUndirectedGraph([node |-> {1, 2}, edge |-> {{1}}])") is False
    assert ev("Cardinality(UndirectedGraphs({1, 2}))") == 8
    assert ev(f"Cardinality(UndirectedSubgraph({G_LINE}))") == 13


def test_a_graph_that_is_not_a_record_is_an_error():
    assert error_of(NATIVES[("UndirectedGraphs", "ConnectedComponents")], fs(1)) == (
        "The first argument of ConnectedComponents should be undirected graph record with a node and an "
        "edge field, but instead it is:\n{1}")


def test_undirected_graphs_definitions_agree_with_the_natives(tmp_path):
    name = definitions_module(tmp_path, "UndirectedGraphs")
    defs = evaluator(tmp_path, "Naturals, FiniteSets, " + name)
    (tmp_path / "n").mkdir()
    nat = evaluator(tmp_path / "n", "Naturals, FiniteSets, UndirectedGraphs")
    for g in (G_LINE, G_TWO_PARTS, "[node |-> {1, 2, 3}, edge |-> {{1}, {2, 3}}]"):
        for expr in ("ConnectedComponents(G)", "SimplePath(G)", "IsStronglyConnected(G)",
                     "AreConnectedIn(1, 3, G)", "AreConnectedIn(2, 3, G)"):
            e = f"LET G == {g} IN {expr}"
            assert defs(e) == nat(e), e


# ---------------------------------------------------------------- IOUtils

def test_ioexec_runs_a_process_and_returns_its_output(ev):
    assert ev('IOExec(<<"echo", "hello">>)') == make_record({"exitValue": 0, "stdout": "hello\n", "stderr": ""})
    assert ev('IOExec(<<"sh", "-c", "echo oops >&2; exit 3">>)') == \
        make_record({"exitValue": 3, "stdout": "", "stderr": "oops\n"})


def test_ioenvexec_adds_environment_variables(ev):
    r = ev('IOEnvExec([GREETING |-> "hi", N |-> 42], <<"sh", "-c", "echo $GREETING $N">>)')
    assert r["stdout"] == "hi 42\n"


def test_ioexec_template_fills_in_the_parameters(ev):
    assert ev('IOExecTemplate(<<"echo", "%s-%s", "%2$s">>, <<"a", "b">>)')["stdout"] == "a-b b\n"
    r = ev('IOEnvExecTemplate([V |-> "x"], <<"sh", "-c", "echo %s$V">>, <<"v=">>)')
    assert r["stdout"] == "v=x\n"


def test_ioexec_of_a_non_sequence_is_an_error():
    assert error_of(NATIVES[("IOUtils", "IOExec")], "ls") == \
        'The argument of IOExec should be a sequence, but instead it is:\n"ls"'


def test_ioexec_of_a_missing_program_is_an_error():
    assert "IOExec failed to run" in error_of(NATIVES[("IOUtils", "IOExec")], ("/nonexistent/program",))


def test_ioenv_is_a_record_of_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MCHECK_TEST_VAR", "7")
    ev = evaluator(tmp_path, "Naturals, IOUtils")
    assert ev("IOEnv.MCHECK_TEST_VAR") == "7"
    assert ev('"MCHECK_TEST_VAR" \\in DOMAIN IOEnv') is True
    assert ev('"MCHECK_NO_SUCH_VAR" \\in DOMAIN IOEnv') is False
    assert ev("atoi(IOEnv.MCHECK_TEST_VAR) + 1") == 8


def test_atoi_reads_a_decimal_integer(ev):
    assert ev('atoi("42")') == 42
    assert ev('atoi("-17")') == -17
    assert ev('atoi("+5")') == 5


def test_atoi_of_a_non_number_is_an_error():
    atoi = NATIVES[("IOUtils", "atoi")]
    assert error_of(atoi, "4x") == 'The argument of atoi should be a string, but instead it is:\n"4x"'
    assert "atoi" in error_of(atoi, "99999999999")  # beyond 32 bits, as Integer.parseInt
    assert "atoi" in error_of(atoi, 3)


def test_zero_pad_n(ev):
    assert ev("zeroPadN(42, 5)") == "00042"
    assert ev("zeroPadN(123, 2)") == "123"
    assert ev("zeroPadN(0, 4)") == "0000"


def test_zero_pad_n_definition_agrees_with_the_native(tmp_path):
    defs = evaluator(tmp_path, "Naturals, " + definitions_module(tmp_path, "IOUtils"))
    assert [defs(f"zeroPadN({n}, {w})") for n, w in ((42, 5), (123, 2), (0, 4), (7, 1))] == \
        ["00042", "123", "0000", "7"]


def test_serialize_and_deserialize_text(ev, tmp_path):
    f = tmp_path / "out.txt"
    opts = '[format |-> "TXT", charset |-> "UTF-8", openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>]'
    r = ev(f'Serialize("line 1", "{f}", {opts})')
    assert r["exitValue"] == 0
    assert f.read_text() == "line 1"
    ev(f'Serialize("+2", "{f}", [format |-> "TXT", charset |-> "UTF-8", openOptions |-> <<"APPEND">>])')
    assert ev(f'Deserialize("{f}", [format |-> "TXT", charset |-> "UTF-8"])') == \
        make_record({"exitValue": 0, "stdout": "line 1+2", "stderr": ""})


def test_serialize_failures_are_reported_in_the_result(ev, tmp_path):
    f = tmp_path / "missing" / "out.txt"
    r = ev(f'Serialize("x", "{f}", [format |-> "TXT", charset |-> "UTF-8", openOptions |-> <<"WRITE">>])')
    assert r["exitValue"] == 1 and r["stderr"].startswith("Serialize error writting to the file")
    r = ev(f'Deserialize("{f}", [format |-> "TXT", charset |-> "UTF-8"])')
    assert r["exitValue"] == 1 and r["stderr"].startswith("Deserialize error reading from the file")


def test_ioserialize_round_trips_values(ev, tmp_path):
    for compress in ("TRUE", "FALSE"):
        f = tmp_path / f"v{compress}.bin"
        value = '[a |-> {1, 2}, b |-> <<"x", TRUE>>, c |-> (3 :> -4)]'
        assert ev(f'IOSerialize({value}, "{f}", {compress})') is True
        assert ev(f'IODeserialize("{f}", {compress}) = {value}') is True


# ---------------------------------------------------------------- SVG

def test_svg_element_to_string(ev):
    assert ev('SVGElemToString(Rect(1, 2, 3, 4, [fill |-> "red"]))') == \
        "<rect x='1' y='2' width='3' height='4' fill='red'></rect>"


def test_svg_group_nests_children_and_escapes_tuples_in_text(ev):
    s = ev('SVGElemToString(Group(<<Text(5, 6, "<<1, 2>>", <<>>), Line(0, 0, 1, 1, ("stroke_width" :> "2"))>>,'
           ' <<>>))')
    assert s == ("<g><text x='5' y='6'>&lt;&lt;1, 2&gt;&gt;</text>"
                 "<line x1='0' y1='0' x2='1' y2='1' stroke-width='2'></line></g>")


def test_svg_doc_wraps_one_element_with_a_view_box(ev):
    doc = ev("SVGDoc(Circle(1, 2, 3, <<>>), 0, 0, 360, 250, <<>>)")
    assert doc["name"] == "svg"
    assert doc["attrs"]["viewBox"] == "0 0 360 250"
    assert doc["attrs"]["xmlns"] == "http://www.w3.org/2000/svg"
    assert doc["children"][0]["name"] == "circle"


def test_svg_element_that_is_not_a_record_is_an_error():
    assert "must be a record" in error_of(NATIVES[("SVG", "SVGElemToString")], 3)


def test_node_of_ring_network_places_nodes_on_a_circle(ev):
    # Java's (int) cast truncates: cos(3 pi / 2) is a hair below 0, so 10 + 5 * cos(...) gives 9.
    assert ev("[n \\in 1..4 |-> NodeOfRingNetwork(10, 10, 5, n, 4)]") == tuple(
        make_record({"x": x, "y": y}) for x, y in ((10, 15), (5, 10), (9, 5), (15, 9)))


def test_point_on_line_truncates_toward_zero_as_tlc(ev):
    assert ev("PointOnLine([x |-> 0, y |-> 0], [x |-> -5, y |-> 5], 2)") == make_record({"x": -2, "y": 2})


def test_svg_serialize_writes_a_numbered_frame(ev, tmp_path):
    r = ev(f'SVGSerialize(Svg(<<>>, <<>>), "{tmp_path}/frame_", 3)')
    assert r["exitValue"] == 0
    assert (tmp_path / "frame_3.svg").read_text() == "<svg></svg>"


def test_nodes_of_directed_multi_graph_says_it_is_not_supported():
    assert "not supported" in error_of(NATIVES[("SVG", "NodesOfDirectedMultiGraph")], fs(), fs(), ())


# ---------------------------------------------------------------- BagsExt

def test_bag_add_and_remove(ev):
    assert ev('BagAdd(SetToBag({"a"}), "a")') == make_fcn({"a": 2})
    assert ev('BagAdd(SetToBag({"a"}), "b")') == make_fcn({"a": 1, "b": 1})
    assert ev('BagRemove(("a" :> 2), "a")') == make_fcn({"a": 1})
    assert ev('BagRemove(("a" :> 1) @@ ("b" :> 1), "a")') == make_fcn({"b": 1})
    assert ev('BagRemove(("a" :> 1), "z")') == make_fcn({"a": 1})
    assert ev("BagRemove(EmptyBag, 1) = EmptyBag") is True


def test_bag_remove_all(ev):
    assert ev("BagRemoveAll((1 :> 2) @@ (2 :> 1), 1)") == make_fcn({2: 1})
    assert ev("BagRemoveAll((1 :> 2) @@ (2 :> 1), 3)") == make_fcn({1: 2, 2: 1})


def test_fold_bag_sum_bag_and_product_bag(ev):
    assert ev("FoldBag(LAMBDA x, y : x + y, 0, (1 :> 2) @@ (2 :> 1) @@ (3 :> 3))") == 13
    assert ev("SumBag((1 :> 2) @@ (-2 :> 1))") == 0
    assert ev("ProductBag((1 :> 2) @@ (-2 :> 1))") == -2
    assert ev("SumBag((1 :> 1000) @@ (-2 :> 500))") == 0  # TLC needs its override for this one


def test_map_then_fold_bag(ev):
    assert ev("MapThenFoldBag(LAMBDA x, y : x \\cup y, {}, LAMBDA x : {x}, LAMBDA S : CHOOSE x \\in S : TRUE,"
              " (1 :> 2) @@ (2 :> 1))") == fs(1, 2)
    assert ev("MapThenFoldBag(LAMBDA x, y : x \\o y, <<>>, LAMBDA x : <<x>>, LAMBDA S : CHOOSE x \\in S : TRUE,"
              " (1 :> 2) @@ (2 :> 1) @@ (3 :> 3))") == (1, 1, 2, 3, 3, 3)


def test_fold_bag_of_a_non_bag_is_an_error():
    assert "FoldBag" in error_of(NATIVES[("BagsExt", "FoldBag")], lambda a, b: a, 0, make_fcn({1: 0}))


def test_bags_ext_definitions_agree_with_the_natives(tmp_path):
    defs = evaluator(tmp_path, "Naturals, Integers, Sequences, TLC, Bags, " + definitions_module(tmp_path, "BagsExt"))
    (tmp_path / "n").mkdir()
    nat = evaluator(tmp_path / "n", "Naturals, Integers, Sequences, TLC, Bags, BagsExt")
    for e in ('BagAdd(SetToBag({"a"}), "a")', 'BagAdd(SetToBag({"a"}), "b")', 'BagRemove(("a" :> 2), "a")',
              'BagRemove(("a" :> 1), "a")', 'BagRemove(("a" :> 1), "z")', "BagRemoveAll((1 :> 2) @@ (2 :> 1), 1)",
              "FoldBag(LAMBDA x, y : x + y, 0, (1 :> 2) @@ (2 :> 1) @@ (3 :> 3))",
              "SumBag((1 :> 2) @@ (-2 :> 1))", "ProductBag((3 :> 2) @@ (-2 :> 1))",
              "MapThenFoldBag(LAMBDA x, y : x \\o y, <<>>, LAMBDA x : <<x>>, LAMBDA S : CHOOSE x \\in S : TRUE,"
              " (1 :> 2) @@ (2 :> 1) @@ (3 :> 3))",
              "MapThenFoldBag(LAMBDA x, y : <<x, y>>, 0, LAMBDA x : 10 * x, LAMBDA S : CHOOSE x \\in S : TRUE,"
              " (1 :> 2) @@ (2 :> 1))"):
        assert defs(e) == nat(e), e


def test_a_spec_moving_messages_between_bags(check):
    r = check("BagNet", r"""
VARIABLE net
Init == net = [n \in 1..2 |-> IF n = 1 THEN SetToBag({"m"}) ELSE EmptyBag]
Move(a, b) == /\ BagIn("m", net[a])
              /\ net' = [net EXCEPT ![a] = BagRemove(@, "m"), ![b] = BagAdd(@, "m")]
Send == /\ BagCardinality(net[1]) + BagCardinality(net[2]) < 3
        /\ net' = [net EXCEPT ![1] = BagAdd(@, "m")]
Next == Send \/ \E a, b \in 1..2 : a # b /\ Move(a, b)
""", extends="Naturals, Bags, BagsExt")
    assert r.result == "success", r.error
    # the number of copies of "m" in bag 1 and bag 2: all (i, j) with 1 <= i + j <= 3 once bag 1 has sent
    assert r.distinct_states == 9


# ---------------------------------------------------------------- VectorClocks

LOG = ('<<[n |-> "b", vc |-> [a |-> 1, b |-> 2]], [n |-> "a", vc |-> [a |-> 2, b |-> 0]],'
       ' [n |-> "b", vc |-> [a |-> 0, b |-> 1]], [n |-> "a", vc |-> [a |-> 1, b |-> 0]]>>')
ARGS = "LAMBDA l : l.vc, LAMBDA l : l.n, LAMBDA vc : DOMAIN vc"


def test_causal_order_sorts_a_shuffled_log(ev):
    order = ev(f"CausalOrder({LOG}, {ARGS})")
    assert [(e["n"], e["vc"]["a"], e["vc"]["b"]) for e in order] == \
        [("a", 1, 0), ("b", 0, 1), ("a", 2, 0), ("b", 1, 2)]


def test_causal_order_result_is_a_causal_order_and_the_input_is_not(ev):
    assert ev(f"IsCausalOrder(CausalOrder({LOG}, {ARGS}), LAMBDA l : l.vc)") is True
    assert ev(f"IsCausalOrder({LOG}, LAMBDA l : l.vc)") is False


def test_is_causal_order_pads_clocks_with_zeros(ev):
    assert ev('IsCausalOrder(<<[a |-> 1], [a |-> 1, b |-> 1]>>, LAMBDA c : c)') is True
    assert ev('IsCausalOrder(<<[a |-> 1, b |-> 1], [a |-> 1]>>, LAMBDA c : c)') is False


def test_causal_order_with_a_gap_in_the_clocks_is_an_error(ev):
    with pytest.raises(EvalError) as e:
        ev('CausalOrder(<<[n |-> "a", vc |-> [a |-> 1, b |-> 2]], [n |-> "b", vc |-> [a |-> 0, b |-> 1]]>>,'
           f' {ARGS})')
    assert "CausalOrder" in e.value.message


def test_vector_clocks_exports_the_functions_module(ev):
    assert ev("Range(<<1, 2, 2>>)") == fs(1, 2)


def test_nodes_are_visited_in_the_order_of_a_java_hash_map_of_strings():
    # "0".."9" hash to 48..57: buckets 0..9 of 16; "10" hashes to 1567, bucket 15; "a" (97) to bucket 1.
    assert _java_hashmap_order(["10", "2", "0", "1"]) == ["0", "1", "2", "10"]
    assert _java_hashmap_order(["a", "0"]) == ["0", "a"]
    assert _java_hashmap_order([3, 1]) == [3, 1]  # not strings: order of first appearance


# ---------------------------------------------------------------- through the CLI and the checker

def test_a_spec_using_graph_connectivity_in_its_initial_states(check):
    r = check("Conn", r"""
VARIABLE edges
Init == edges \in {E \in SUBSET {{1, 2}, {2, 3}, {1, 3}} : IsStronglyConnected([node |-> 1..3, edge |-> E])}
Next == UNCHANGED edges
""", extends="Naturals, UndirectedGraphs")
    assert r.result == "success", r.error
    assert r.distinct_states == 4  # the three paths and the triangle


def test_the_checker_reports_a_native_error_with_tlc_exit_code(check):
    r = check("BadAtoi", r"""
VARIABLE x
Init == x = atoi("nope")
Next == UNCHANGED x
""", extends="Naturals, IOUtils")
    assert r.exit_code == 75
    assert "atoi" in (r.error or "")


# ---------------------------------------------------------------- CSV

def test_csv_write_appends_lines_that_csv_read_and_csv_records_read_back(ev, tmp_path):
    f = str(tmp_path / "out.csv")
    assert ev(f'CSVRecords("{f}")') == 0
    assert ev(f'CSVWrite("%1$s#%2$s#%3$s", <<"abc", 42, {{"x", "y"}}>>, "{f}")') is True
    assert ev(f'CSVWrite("%2$s#%1$s#-", <<1, 2>>, "{f}")') is True
    assert Path(f).read_text() == '"abc"#42#{"x", "y"}\n2#1#-\n'
    assert ev(f'CSVRecords("{f}")') == 2
    assert ev(f'CSVRead(<<"C1", "C2", "C3">>, "#", "{f}")') == (
        make_record({"C1": '"abc"', "C2": "42", "C3": '{"x", "y"}'}),
        make_record({"C1": "2", "C2": "1", "C3": "-"}))


def test_csv_write_of_a_non_sequence_is_an_error(ev, tmp_path):
    with pytest.raises(EvalError) as e:
        ev(f'CSVWrite("%1$s", 3, "{tmp_path / "x.csv"}")')
    assert e.value.message.startswith("The second argument of CSVWrite should be a sequence")

