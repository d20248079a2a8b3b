"""The specs of specs/: every configuration's figures, as its own ``expect:`` comment states them.

Each .cfg under specs/ carries one ``\\* expect: ...`` line (the result, the distinct states, the
depth and, for the bug variants, the violated invariant and the length of the counterexample, the
number of states in the trace); mcheck's pytest plugin (``mcheck/pytest_plugin.py``) reads it, so
``pytest specs/`` checks them too.  This file runs the same checks as part of the tests (pyproject's
testpaths is ``tests``, so the specs run once) plus the lessons no single figure shows.
specs/README.md shows the same figures.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from mcheck.api import check
from mcheck.checker.run import check_spec
from mcheck.pytest_plugin import failure_text, mismatches, parse_expectation, spec_of
from mcheck.trace.json_out import result_json

SPECS = Path(__file__).resolve().parents[2] / "specs"
CONFIGS = sorted(str(p.relative_to(SPECS)) for p in SPECS.glob("*/*.cfg"))


def _module(cfg: str) -> Path:
    """specs/log/SingleWriterLog_KeepsWriting.cfg -> specs/log/SingleWriterLog.tla"""
    return spec_of(SPECS / cfg)


def _check(cfg: str, **kw):
    return check_spec(str(_module(cfg)), str(SPECS / cfg), **kw)


@pytest.mark.parametrize("cfg", CONFIGS)
def test_spec_config_gives_the_figures_its_expect_comment_states(cfg):
    want = parse_expectation((SPECS / cfg).read_text(encoding="utf-8"), cfg)
    r = check(str(_module(cfg)), str(SPECS / cfg))
    assert r.error is None or r.violation is not None, r.error
    wrong = mismatches(want, r)
    assert not wrong, failure_text(want, r, wrong)


def test_every_config_states_its_result_and_all_its_figures():
    for cfg in CONFIGS:
        want = parse_expectation((SPECS / cfg).read_text(encoding="utf-8"), cfg)
        assert want is not None, f"{cfg} has no expect: comment"
        assert None not in (want.states, want.depth), cfg
        assert (want.kind == "success") == (want.length is None), cfg


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
