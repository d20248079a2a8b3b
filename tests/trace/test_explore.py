"""The interactive explorer, driven headless with textual's pilot (``asyncio.run`` in sync tests)."""
from __future__ import annotations

import asyncio
import json

import pytest
from click.testing import CliRunner

pytest.importorskip("textual")

from mcheck.checker.run import build_model, check_spec  # noqa: E402
from mcheck.cli import explore_cmd  # noqa: E402
from mcheck.cli import outputs
from mcheck.cli.main import main  # noqa: E402
from mcheck.trace.explore import Explorer, evaluate_text  # noqa: E402
from tests.conftest import invoke  # noqa: E402


def diehard_app(diehard):
    r = check_spec(diehard, invariants=("NotSolved",))
    return r, explore_cmd.make_app(r.model, [(s.action, s.state) for s in r.violation.trace])


def labels(app):
    tree = app.query_one("#state")
    return [str(n.label) for n in tree.root.children]


def test_pilot_steps_forward_and_evaluates_an_expression(diehard):
    r, app = diehard_app(diehard)

    async def go():
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            assert app.index == 6  # opens on the last state, the violation
            assert "violates NotSolved" in str(app.query_one("#why").render())
            for _ in range(6):
                await pilot.press("p")
            assert app.index == 0
            assert labels(app) == ["  big = 0", "  small = 0"]
            await pilot.press("n")
            await pilot.press("n")
            assert app.index == 2
            assert str(app.query_one("#header").render()).startswith("State 3 of 7: <BigToSmall line 97")
            # state 3 is (big 2, small 3), both changed by BigToSmall
            assert labels(app) == ["* big = 2   (was 5)", "* small = 3   (was 0)"]
            await pilot.press("e")
            for key in ["b", "i", "g", "space", "*", "space", "1", "0", "space", "+", "space", "s", "m", "a", "l",
                        "l"]:
                await pilot.press(key)
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_result == "23"
            assert str(app.query_one("#result").render()) == "big * 10 + small = 23"
            # keys typed in the input do not move the selection
            assert app.index == 2
            # errors are shown, never raised
            app.query_one("#expr").value = "big +"
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_result == "error: unexpected end of input"
            app.query_one("#expr").value = "NoSuchOp(big)"
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_result.startswith("error:") and "NoSuchOp" in app.last_result
            app.query_one("#expr").value = "<<big, small>> \\in Nat \\X {small}"
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_result == "TRUE"
            # escape goes back to the steps; arrows move too
            await pilot.press("escape")
            await pilot.press("right")
            assert app.index == 3
            await pilot.press("q")

    asyncio.run(go())


NESTED = """
VARIABLES log, owner
Init == log = <<>> /\\ owner = [w \\in {"a", "b"} |-> {}]
Next == /\\ Len(log) < 2
        /\\ log' = Append(log, [writer |-> "a", seen |-> {1, 2}])
        /\\ owner' = [owner EXCEPT !["a"] = owner["a"] \\cup {Len(log) + 1}]
"""


def test_nested_values_are_collapsible_trees(spec):
    path = spec("Nested", NESTED, extends="Naturals, Sequences")
    model, err = build_model(path)
    assert err is None
    s0 = next(iter(model.init()))
    s1 = next(iter(model.successors(s0)))[1]
    s2 = next(iter(model.successors(s1)))[1]
    app = Explorer(model, model.variables, [("<Initial predicate>", s0), ("<Next>", s1), ("<Next>", s2)])

    async def go():
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            tree = app.query_one("#state")
            log = tree.root.children[model.variables.index("log")]
            assert str(log.label).startswith("* log = <<[")
            assert "(log[2] added)" in str(log.label)
            assert not log.is_expanded
            assert [str(c.label)[:7] for c in log.children] == ["[1] = [", "[2] = ["]
            rec = log.children[0]
            assert sorted(str(c.label) for c in rec.children) == ['.seen = {1, 2}', '.writer = "a"']
            seen = [c for c in rec.children if str(c.label).startswith(".seen")][0]
            assert [str(c.label) for c in seen.children] == ["1", "2"]
            owner = tree.root.children[model.variables.index("owner")]
            assert "(owner.a was {1})" in str(owner.label)  # a function on strings is a record
            app.query_one("#expr").value = "Len(log) + Cardinality(owner[\"a\"])"
            app.query_one("#expr").focus()
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_result.startswith("error:")  # Cardinality: FiniteSets is not extended
            app.query_one("#expr").value = "log[2].seen \\cup owner[\"a\"]"
            await pilot.press("enter")
            await pilot.pause()
            assert app.last_result == "{1, 2}"

    asyncio.run(go())


def test_evaluate_text_never_raises(diehard):
    r = check_spec(diehard, invariants=("NotSolved",))
    st = r.violation.trace[-1].state
    assert evaluate_text(r.model, "big # 4", st) == (True, "FALSE")
    assert evaluate_text(r.model, "", st)[0] is False
    ok, msg = evaluate_text(r.model, "1 \\div 0", st)
    assert not ok and msg
    ok, msg = evaluate_text(r.model, "big'", st)
    assert not ok


def test_expression_box_gives_the_message_check_gives(diehard, spec):
    r = check_spec(diehard, invariants=("NotSolved",))
    st = r.violation.trace[-1].state
    # a type error of the fast code: TLC's message and the failing expression, as check prints them
    ok, msg = evaluate_text(r.model, "big + {1}", st)
    java = "Attempted to apply the operator overridden by the Java method"   # TLC's text for Naturals' +
    assert not ok and msg.startswith(java) and "Cannot cast tlc2.value.impl.SetEnumValue" in msg
    assert "TypeError" not in msg and "^^^" in msg
    # a name the spec does not define, and a parse error: the message alone, no Python class name
    assert evaluate_text(r.model, "Nope", st) == (False, "unknown operator 'Nope'")
    ok, msg = evaluate_text(r.model, "big +", st)
    assert not ok and not msg.startswith(("ParseError", "CompileError"))
    # check prints the same message for the same error in an invariant
    path = spec("Plus", "VARIABLE x\nInit == x = 0\nNext == x' = x\nInv == x + {1} = 1\n",
                "INIT Init\nNEXT Next\nINVARIANT Inv")
    out = invoke(path)
    assert out.exit_code == 75 and java in out.output and "SetEnumValue to" in out.output


def test_explore_command_reads_an_itf_trace(diehard, tmp_path, monkeypatch):
    itf = tmp_path / "dh.itf.json"
    assert CliRunner().invoke(main, ["check", diehard, "--invariant", "NotSolved", "--itf", str(itf)]).exit_code == 12
    doc = json.loads(itf.read_text())
    for st in doc["states"]:  # an ITF trace from another tool has no actions: they are found again
        st["#meta"].pop("action", None)
    bare = tmp_path / "bare.itf.json"
    bare.write_text(json.dumps(doc))
    seen = {}

    def fake_run(self):
        seen["steps"] = self.steps
        seen["title"] = self.sub_title
        seen["invariants"] = [p.name for p in self.model.invariants]

    monkeypatch.setattr(Explorer, "run", fake_run)
    monkeypatch.setattr(outputs, "interactive", lambda: True)   # as if on a terminal
    r = CliRunner().invoke(main, ["explore", str(bare), "--spec", diehard])
    assert r.exit_code == 0, r.output
    steps = seen["steps"]
    assert len(steps) == 7 and steps[0][0] == "<Initial predicate>"
    assert steps[-1][0].startswith("<BigToSmall line 97, col 15")
    assert "bare.itf.json" in seen["title"]
    assert seen["invariants"] == ["NotSolved"]  # recorded in the trace's #meta by check --itf
    # check --explore opens the explorer on the counterexample
    seen.clear()
    r = CliRunner().invoke(main, [diehard, "--invariant", "NotSolved", "--explore"])
    assert r.exit_code == 12 and len(seen["steps"]) == 7


def test_explore_command_without_a_terminal_says_so(diehard, tmp_path):
    itf = tmp_path / "dh.itf.json"
    assert CliRunner().invoke(main, ["check", diehard, "--invariant", "NotSolved", "--itf", str(itf)]).exit_code == 12
    r = CliRunner().invoke(main, ["explore", str(itf), "--spec", diehard])
    assert r.exit_code == 2 and "needs a terminal" in r.output and "\x1b" not in r.output


def test_explore_command_reports_a_bad_trace(diehard, tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "interactive", lambda: True)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = CliRunner().invoke(main, ["explore", str(bad), "--spec", diehard])
    assert r.exit_code == 1 and "Traceback" not in r.output
