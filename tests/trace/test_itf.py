"""ITF encoding and decoding of every kind of value, and of a real counterexample."""
from __future__ import annotations

import json

import pytest

from mcheck.semantics import values as V
from mcheck.trace.itf import (ITFError, decode_value, encode_value, itf_to_states, trace_to_itf)
from tests.conftest import invoke

MV = V.ModelValue.get


VALUES = [
    0, 1, -7, 2 ** 53 - 1, 2 ** 53, -(2 ** 80), 10 ** 30,
    True, False,
    "", "hello", 'quote " and \\ back',
    MV("itf_p1"),
    frozenset(), frozenset({1, 2, 3}), frozenset({"a", "b"}), frozenset({frozenset({1}), frozenset()}),
    (), (1, 2, 3), ("a", (1, True), frozenset({2})),
    V.Fcn({"a": 1, "b": "x"}), V.Fcn({"rec": V.Fcn({"inner": (1, 2)})}),
    V.Fcn({0: "zero", 5: "five"}), V.Fcn({MV("itf_p1"): 1, MV("itf_p2"): 2}),
    V.Fcn({(1, 2): True}), V.Fcn({"#weird": 1}),
    frozenset({V.Fcn({"x": 1}), V.Fcn({"x": 2})}),
]


@pytest.mark.parametrize("v", VALUES, ids=[V.tla_repr(v)[:30] for v in VALUES])
def test_value_round_trip(v):
    j = encode_value(v)
    back = decode_value(json.loads(json.dumps(j)))
    assert back == v and type(back) is type(v)
    assert V.tla_repr(back) == V.tla_repr(v)


def test_encodings_follow_itf():
    assert encode_value(3) == 3
    assert encode_value(2 ** 53) == {"#bigint": str(2 ** 53)}
    assert encode_value(-(2 ** 53)) == {"#bigint": str(-(2 ** 53))}
    assert encode_value(True) is True
    assert encode_value(frozenset({3, 1, 2})) == {"#set": [1, 2, 3]}
    assert encode_value((1, 2)) == [1, 2]
    assert encode_value(V.Fcn({"b": 2, "a": 1})) == {"a": 1, "b": 2}
    assert encode_value(V.Fcn({2: "x", 7: "y"})) == {"#map": [[2, "x"], [7, "y"]]}
    assert encode_value(MV("itf_mv")) == "itf_mv_OF_MODEL"   # ITF's uninterpreted value of type MODEL
    assert decode_value("itf_mv_OF_MODEL") is MV("itf_mv") and decode_value("fresh_mv_OF_MODEL") is MV("fresh_mv")
    assert decode_value({"#unserializable": "itf_mv"}) is MV("itf_mv")   # what mcheck wrote before
    assert encode_value(V.NAT) == {"#unserializable": "Nat"}
    assert encode_value(V.IntervalSet(1, 3)) == {"#set": [1, 2, 3]}


def test_decoding_accepts_tup_bigint_and_apalache_forms():
    assert decode_value({"#tup": [1, "a"]}) == (1, "a")
    assert decode_value({"#bigint": "-12345678901234567890"}) == -12345678901234567890
    assert decode_value({"#map": [[1, 10], [2, 20]]}) == (10, 20)    # a function on 1..2 is a tuple
    assert decode_value({}) == ()                                     # the empty record
    assert decode_value({"#unserializable": "Nat"}) is V.NAT
    # Apalache's uninterpreted values: "name_OF_TYPE" is the model value when it exists ...
    p = MV("itf_q1")
    assert decode_value("itf_q1_OF_PROC") is p
    # ... and a string otherwise.
    assert decode_value("nobody_OF_PROC") == "nobody_OF_PROC"
    with pytest.raises(ITFError):
        decode_value({"#set": 3})
    with pytest.raises(ITFError):
        decode_value({"#what": 1})
    with pytest.raises(ITFError):
        decode_value(None)
    with pytest.raises(ITFError):
        decode_value(1.5)


def test_trace_document_shape_and_round_trip():
    states = [(0, frozenset()), (1, frozenset({MV("itf_p1")}))]
    doc = trace_to_itf(["x", "S"], states, loop=0, actions=["<Initial predicate>", "<Next>"])
    assert doc["vars"] == ["x", "S"] and doc["loop"] == 0 and doc["#meta"]["format"] == "ITF"
    assert doc["states"][1] == {"#meta": {"index": 1, "action": "<Next>"}, "x": 1,
                                "S": {"#set": ["itf_p1_OF_MODEL"]}}
    variables, back = itf_to_states(json.dumps(doc))
    assert variables == ["x", "S"] and back == states
    # "vars" may be missing: the variables come from the states
    del doc["vars"]
    assert itf_to_states(doc) == (["x", "S"], states)


def test_check_itf_writes_diehard_counterexample(diehard, tmp_path):
    out = tmp_path / "dh.itf.json"
    r = invoke("check", diehard, "--invariant", "NotSolved", "--itf", str(out))
    assert r.exit_code == 12 and "Error: Invariant NotSolved is violated." in r.output
    doc = json.loads(out.read_text())
    assert doc["vars"] == ["big", "small"]
    assert [st["#meta"]["index"] for st in doc["states"]] == list(range(7))
    assert {k: v for k, v in doc["states"][0].items() if k != "#meta"} == {"big": 0, "small": 0}
    assert {k: v for k, v in doc["states"][-1].items() if k != "#meta"} == {"big": 4, "small": 3}
    assert "loop" not in doc


def test_check_itf_on_success_writes_nothing(diehard, tmp_path):
    out = tmp_path / "none.itf.json"
    r = invoke("check", diehard, "--itf", str(out))
    assert r.exit_code == 0 and not out.exists()
    assert "nothing written" in r.stderr


def test_check_output_unchanged_by_itf(diehard, tmp_path):
    plain = invoke("check", diehard, "--invariant", "NotSolved")
    with_itf = invoke("check", diehard, "--invariant", "NotSolved", "--itf", str(tmp_path / "t.json"))
    assert plain.stdout == with_itf.stdout and plain.exit_code == with_itf.exit_code


def test_error_trace_omits_the_unassigned_variable(spec, tmp_path):
    path = spec("Partial", "VARIABLES x, y\nInit == x = 0 /\\ y = 0\n"
                           "Next == x' = x + 1 /\\ IF x < 1 THEN y' = y ELSE TRUE\n")
    out = tmp_path / "p.itf.json"
    r = invoke("check", path, "--itf", str(out))
    assert r.exit_code == 75
    last = json.loads(out.read_text())["states"][-1]
    assert last["x"] == 2 and "y" not in last
