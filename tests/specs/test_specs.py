"""The specs of specs/: every configuration's figures, as mcheck measures them.

Each row pins one .cfg: the result, the distinct states, the depth and, for the
bug variants, the violated invariant and the length of the counterexample (the
number of states in the trace).  specs/README.md shows the same figures.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from mcheck.checker.run import check_spec
from mcheck.trace.json_out import result_json

SPECS = Path(__file__).resolve().parents[2] / "specs"

# (config under specs/, result, distinct states, depth, violated invariant, trace length)
TABLE = [
    ('agents/AgentLoop.cfg',                         'success',           137, 10, None,                        None),
    ('agents/AgentLoop_NotDurable.cfg',              'safety failure',     46,  5, 'NoCompletedResultLost',        5),
    ('agents/AgentLoop_NotDurableTwice.cfg',         'safety failure',     80,  6, 'EffectAtMostOnce',             6),
    ('agents/ChatStream.cfg',                        'success',            23,  6, None,                        None),
    ('agents/ChatStream_AckBeforePersist.cfg',       'safety failure',     18,  5, 'ToldCompleteSurvivesCrash',    5),
    ('agents/CorruptedMessages.cfg',                 'success',           124,  3, None,                        None),
    ('agents/CorruptedMessages_NoPayloadCheck.cfg',  'safety failure',     80,  3, 'RejectsInvalidPayload',        3),
    ('agents/FencedLock.cfg',                        'success',           145, 12, None,                        None),
    ('agents/FencedLock_NoFencing.cfg',              'safety failure',     69,  8, 'NoStaleWrite',                 8),
    ('llm/Conversation.cfg',                         'success',         26124, 10, None,                        None),
    ('llm/Greedy_K1.cfg',                            'safety failure',     34,  3, 'SameOutput',                   3),
    ('llm/Greedy_K1NoTies.cfg',                      'success',            54,  5, None,                        None),
    ('llm/Greedy_K2.cfg',                            'safety failure',     24,  3, 'SameOutput',                   3),
    ('llm/Greedy_TieBreak.cfg',                      'success',           186,  5, None,                        None),
    ('llm/Inference.cfg',                            'success',         77825,  4, None,                        None),
    ('llm/InferenceLazy.cfg',                        'success',            43,  3, None,                        None),
    ('llm/InferenceUnicode.cfg',                     'success',         77825,  4, None,                        None),
    ('llm/Turn.cfg',                                 'success',          3332,  4, None,                        None),
    ('log/SingleWriterLog.cfg',                      'success',          2573,  9, None,                        None),
    ('log/SingleWriterLog_IgnoresIndex.cfg',         'safety failure',     18,  5, 'CountsIffToldSucceeded',       5),
    ('log/SingleWriterLog_KeepsWriting.cfg',         'safety failure',     60,  7, 'SingleWriterStream',           7),
    ('log/SingleWriterLog_OneWriter.cfg',            'success',             6,  6, None,                        None),
    ('log/SingleWriterLog_UnfilteredReaders.cfg',    'safety failure',     18,  5, 'CountsIffToldSucceeded',       5),
]


def _module(cfg: str) -> Path:
    """specs/log/SingleWriterLog_KeepsWriting.cfg -> specs/log/SingleWriterLog.tla"""
    path = SPECS / cfg
    return path.with_name(path.stem.split("_")[0] + ".tla")


def _check(cfg: str, **kw):
    return check_spec(str(_module(cfg)), str(SPECS / cfg), **kw)


@pytest.mark.parametrize("cfg, result, distinct, depth, violated, trace_len", TABLE,
                         ids=[row[0] for row in TABLE])
def test_spec_config(cfg, result, distinct, depth, violated, trace_len):
    r = _check(cfg)
    assert r.error is None, r.error
    assert (r.result, r.distinct_states, r.depth) == (result, distinct, depth)
    if violated is None:
        assert r.violation is None
    else:
        assert r.violation.name == violated
        assert len(r.violation.trace) == trace_len


def test_every_config_is_in_the_table():
    on_disk = {str(p.relative_to(SPECS)) for p in SPECS.glob("*/*.cfg")}
    assert on_disk == {row[0] for row in TABLE}


def test_unicode_twin_gives_the_same_figures():
    ascii_, unicode = _check("llm/Inference.cfg"), _check("llm/InferenceUnicode.cfg")
    figures = lambda r: (r.result, r.distinct_states, r.states_generated, r.depth)
    assert figures(ascii_) == figures(unicode)


def test_lazy_model_is_far_smaller_than_the_eager_one():
    eager, lazy = _check("llm/Inference.cfg"), _check("llm/InferenceLazy.cfg")
    assert (eager.distinct_states, lazy.distinct_states) == (77825, 43)


def test_unfiltered_readers_counterexample_is_the_classic_race():
    # A reads n, B reads n, A's message (exp n+1) lands at n+1, B's (exp n+1) lands at n+2.
    trace = result_json(_check("log/SingleWriterLog_UnfilteredReaders.cfg"))["violation"]["trace"]
    assert [step["action"].split()[0].lstrip("<") for step in trace] == [
        "Initial", "Start", "Start", "Write", "Write"]
    assert trace[-1]["state"]["log"] == "<<[exp |-> 1, writer |-> A], [exp |-> 1, writer |-> B]>>"


@pytest.mark.parametrize("kind", ["NeverBadFormat", "NeverBadSchema", "NeverBadPayload"])
def test_fault_injector_produces_every_kind_of_bad_message(kind):
    # Each NeverBad* invariant fails: the injector reaches that kind in one corruption.
    r = _check("agents/CorruptedMessages.cfg", invariants=(kind,))
    assert r.result == "safety failure" and r.violation.name == kind
    assert len(r.violation.trace) == 2



@pytest.mark.parametrize("cfg, prop", [("llm/Turn.cfg", "EveryTurnEnds"), ("llm/Conversation.cfg", "EveryTurnEnds"),
                                       ("agents/AgentLoop.cfg", "EventuallyAnswers")])
def test_liveness_property_is_checked(cfg, prop):
    assert f"PROPERTY {prop}" in (SPECS / cfg).read_text()
    assert _check(cfg).result == "success"


def test_every_turn_ends_needs_fairness(tmp_path):
    # the lesson of Turn.tla: without WF_vars(InferStep) a turn may stop in the middle
    for f in (SPECS / "llm").glob("*.tla"):
        (tmp_path / f.name).write_text(f.read_text())
    (tmp_path / "Turn.tla").write_text((SPECS / "llm" / "Turn.tla").read_text().replace(
        "Spec == Init /\\ [][Next]_vars /\\ WF_vars(InferStep)", "Spec == Init /\\ [][Next]_vars"))
    (tmp_path / "Turn.cfg").write_text((SPECS / "llm" / "Turn.cfg").read_text())
    r = check_spec(str(tmp_path / "Turn.tla"))
    assert r.result == "liveness failure" and r.violation.name == "EveryTurnEnds"
    assert r.violation.stuttering
