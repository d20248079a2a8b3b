"""Interactive stepping (``mcheck explore SPEC.tla``): a behaviour built by hand, driven with textual's pilot."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

pytest.importorskip("textual")

from mcheck.checker.run import build_model  # noqa: E402
from mcheck.cli import explore_cmd, outputs  # noqa: E402
from mcheck.trace.itf import run_meta  # noqa: E402
from mcheck.trace.stepping import Behaviour  # noqa: E402
from tests.conftest import invoke  # noqa: E402

SPECS = Path(__file__).resolve().parents[2] / "specs"
LOG = str(SPECS / "log" / "SingleWriterLog.tla")
RACE = str(SPECS / "log" / "SingleWriterLog_UnfilteredReaders.cfg")


def race_app(save_path):
    model, err = build_model(LOG, RACE)
    assert err is None
    return explore_cmd.make_stepper(model, run_meta(LOG, RACE), str(save_path))


def choice_names(app):
    return [c.name for c in app.shown_choices]


def test_pilot_picks_start_a_start_b_write_a_write_b_and_sees_the_invariant_fail(tmp_path):
    app = race_app(tmp_path / "race.itf.json")

    async def go():
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            # one initial state: the behaviour starts there, with the actions enabled in it
            assert app.behaviour.names == ["Initial state 1"]
            assert choice_names(app) == ["Start(A)", "Start(B)"]
            for name in ["Start(A)", "Start(B)", "Write(A)"]:
                app.choose(name)
                await pilot.pause()
                assert str(app.query_one("#why").render()) == ""
            # B's write would land at 2, not at the 1 it expects: it changes B's phase and conflict
            assert [c.text() for c in app.shown_choices] == ["Write(A)   (log, expected, told)",
                                                             "Write(B)   (log, phase, conflict)"]
            # picking goes through the list of enabled actions, as a user does: highlight, Enter
            ol = app.query_one("#choices")
            ol.focus()
            ol.highlighted = choice_names(app).index("Write(B)")
            await pilot.press("enter")
            await pilot.pause()
            assert app.behaviour.names == ["Initial state 1", "Start(A)", "Start(B)", "Write(A)", "Write(B)"]
            why = str(app.query_one("#why").render())
            assert why.startswith("violates CountsIffToldSucceeded")
            assert "Invariant CountsIffToldSucceeded is violated by" in why
            assert str(app.query_one("#header").render()).startswith("State 5 of 5: <Write line 81")
            # the expression box works on the behaviour's states, as in the trace explorer
            app.query_one("#expr").value = "Len(log)"
            await pilot.press("e")
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_result == "2"
            await pilot.press("escape")
            await pilot.press("s")
            await pilot.pause()
            assert "Wrote the behaviour (5 states)" in str(app.query_one("#choices-title").render())
            await pilot.press("q")

    asyncio.run(go())
    # the saved behaviour replays: a behaviour of the spec that violates the invariant at state 5
    r = invoke("replay", LOG, str(tmp_path / "race.itf.json"))
    assert r.exit_code == 12 and "Invariant CountsIffToldSucceeded is violated." in r.output


def test_pilot_back_tracks_and_branches_from_an_earlier_step(tmp_path):
    app = race_app(tmp_path / "b.itf.json")

    async def go():
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            app.choose("Start(A)")
            app.choose("Write(A)")
            await pilot.pause()
            await pilot.press("b")                      # drop Write(A)
            await pilot.pause()
            assert app.behaviour.names == ["Initial state 1", "Start(A)"]
            assert choice_names(app) == ["Write(A)", "Start(B)"]
            # select the first state in the list of steps, pick there: the later steps go
            steps = app.query_one("#steps")
            steps.focus()
            steps.highlighted = 0
            await pilot.pause()
            assert app.index == 0 and choice_names(app) == ["Start(A)", "Start(B)"]
            app.choose("Start(B)")
            await pilot.pause()
            assert app.behaviour.names == ["Initial state 1", "Start(B)"]
            await pilot.press("q")

    asyncio.run(go())


def test_behaviour_names_split_actions_by_their_arguments_and_marks_what_they_change():
    model, _ = build_model(LOG, RACE)
    b = Behaviour(model)
    (init,) = b.choices(-1)
    b.pick(init)
    first = b.choices()
    assert [(c.name, c.changes) for c in first] == [("Start(A)", ("phase", "expected", "reads")),
                                                     ("Start(B)", ("phase", "expected", "reads"))]
    assert first[0].label.startswith("<Start line 73")


def test_an_action_with_several_successors_is_numbered(spec):
    path = spec("Pick", "VARIABLE x\nInit == x = 0\nNext == \\E y \\in {x + 1, x + 2} : x' = y\n",
                cfg="INIT Init\nNEXT Next\n")
    model, _ = build_model(path)
    b = Behaviour(model)
    b.pick(b.choices(-1)[0])
    assert [c.name for c in b.choices()] == ["Next #1", "Next #2"]


def test_explore_a_spec_without_a_terminal_says_so(monkeypatch):
    monkeypatch.setattr(outputs, "interactive", lambda: False)
    r = invoke("explore", LOG)
    assert r.exit_code != 0 and "needs a terminal" in r.output


def test_explore_of_a_non_spec_without_spec_option_is_a_usage_error(monkeypatch, tmp_path):
    monkeypatch.setattr(outputs, "interactive", lambda: True)
    f = tmp_path / "t.itf.json"
    f.write_text(json.dumps({"vars": [], "states": []}))
    r = invoke("explore", str(f))
    assert r.exit_code == 2 and "give --spec SPEC.tla" in r.output
