"""Text traces: the changes view (default of ``mcheck check``), TLC's form (``--full-trace``), pretty values."""
from __future__ import annotations


from mcheck.checker.outcome import TraceStep
from mcheck.semantics.values import Fcn, ModelValue, tla_repr
from mcheck.trace.text import change_mark, format_changes, format_trace, pretty
from tests.conftest import invoke

DIEHARD_TLC_STATE_2 = ("State 2: <FillBigJug line 68, col 18 to line 69, col 34 of module DieHard>\n"
                       "/\\ big = 5\n/\\ small = 0\n")


def test_default_trace_shows_only_the_changes_marked_with_the_old_value(diehard):
    r = invoke(diehard, "--invariant", "NotSolved")
    assert r.exit_code == 12
    out = r.stdout
    # the first state in full, then each step's header (action and location) and its changes
    assert "State 1: <Initial predicate>\n/\\ big = 0\n/\\ small = 0\n" in out
    assert ("State 2: <FillBigJug line 68, col 18 to line 69, col 34 of module DieHard>\n"
            "/\\ big = 5   (was 0)\n   unchanged: small\n") in out
    assert ("State 7: <BigToSmall line 97, col 15 to line 98, col 47 of module DieHard>\n"
            "/\\ big = 4   (was 5)\n/\\ small = 3   (was 2)\n") in out
    assert DIEHARD_TLC_STATE_2 not in out
    assert "The depth of the complete state graph search is 7." in out


def test_full_trace_is_tlcs_form(diehard):
    r = invoke(diehard, "--invariant", "NotSolved", "--full-trace")
    assert r.exit_code == 12
    assert DIEHARD_TLC_STATE_2 in r.stdout
    assert "State 7: <BigToSmall line 97, col 15 to line 98, col 47 of module DieHard>\n/\\ big = 4\n/\\ small = 3\n" \
        in r.stdout
    assert "(was" not in r.stdout and "unchanged:" not in r.stdout


def test_no_colour_codes_when_not_a_terminal(diehard):
    r = invoke(diehard, "--invariant", "NotSolved")
    assert "\x1b[" not in r.output


def test_colorize_styles_headers_and_changes():
    from mcheck.trace.text import colorize
    t = colorize("State 2: <A line 1, col 1 to line 1, col 2 of module M>\n/\\ x = 1   (was 0)\n")
    styles = {str(s.style) for s in t.spans}
    assert "bold cyan" in styles and "bold yellow" in styles and "dim" in styles


def test_single_variable_spec_keeps_tlcs_shape(spec):
    path = spec("One", "VARIABLE x\nInit == x = 0\nNext == x' = x + 1\nInv == x < 2\n",
                cfg="INIT Init\nNEXT Next\nINVARIANT Inv\n")
    r = invoke(path)
    assert r.exit_code == 12
    assert "State 3: <Next line 5, col 9 to line 5, col 18 of module One>\nx = 2   (was 1)\n" in r.stdout, r.stdout


def test_stuttering_step_says_nothing_changed():
    t = format_trace(["x", "y"], [TraceStep("<Initial predicate>", (0, 1)), TraceStep("<A>", (0, 1))], full=False)
    assert "State 2: <A>\n(no variable changed)\n" in t


def test_function_changes_name_the_changed_parts():
    a, b = ModelValue.get("a"), ModelValue.get("b")
    old = Fcn({a: "starting", b: "starting"})
    new = Fcn({a: "starting", b: "stopped"})
    assert change_mark("phase", old, new) == '(phase[b] was "starting")'
    log0 = (Fcn({"exp": 1, "writer": a}),)
    log1 = log0 + (Fcn({"exp": 1, "writer": b}),)
    assert change_mark("log", log0, log1) == "(log[2] added)"
    rec0 = Fcn({"pc": "idle", "q": (1, 2, 3), "owner": "nobody"})
    rec1 = Fcn({"pc": "busy", "q": (1, 2, 3), "owner": "nobody"})
    assert change_mark("r", rec0, rec1) == '(r.pc was "idle")'
    assert change_mark("n", 5, 6) == "(was 5)"
    assert change_mark("s", (), (1,)) == "(was <<>>)"


def test_many_changed_parts_fall_back_to_the_old_value():
    old = tuple(range(10, 20))
    new = tuple(range(20, 30))
    assert change_mark("q", old, new) == "(was <<10, 11, 12, 13, 14, 15, 16, 17, 18, 19>>)"


def test_long_nested_values_are_pretty_printed_with_indentation():
    a, b = ModelValue.get("a"), ModelValue.get("b")
    v = Fcn({"msgs": (frozenset({1, 2, 3}), frozenset({4, 5, 6}), frozenset(range(7, 12))),
             "owner": a, "waiting": (b, a, b, a, b, a)})
    flat = tla_repr(v)
    assert len(flat) > 80 and pretty(v, 0, 200) == flat
    text = pretty(v, 10, 80)
    lines = text.splitlines()
    assert len(lines) == 3 and lines[0].startswith("[ ") and lines[-1].endswith(" ]")
    assert all(line.startswith(" " * 12) and not line.startswith(" " * 13) for line in lines[1:])
    assert " ".join(line.strip() for line in lines).replace("[ ", "[").replace(" ]", "]") == flat
    deeper = pretty(v, 40, 80)
    assert "<< {1, 2, 3},\n" in deeper


def test_changes_of_a_long_value_put_the_mark_on_its_own_line():
    old = (tuple(range(30)),)
    new = (tuple(range(31)),)
    text = format_changes(["q"], old, new)
    lines = text.splitlines()
    assert lines[0].startswith("q = << 0,") and lines[-1] == "   (q[31] added)"


def test_format_result_defaults_to_tlcs_form(diehard):
    from mcheck.checker.run import check_spec
    from mcheck.trace.text import format_result
    r = check_spec(diehard, invariants=("NotSolved",))
    assert DIEHARD_TLC_STATE_2 in format_result(r)
    assert "(was 0)" in format_result(r, full=False)
