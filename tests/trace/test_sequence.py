"""Sequence diagrams in the HTML report: a lane per process, each step in the lane it changed (SVG, Chromium)."""
from __future__ import annotations

import html
import re
from pathlib import Path

from mcheck.checker.run import check_spec
from mcheck.trace.html import render_report
from mcheck.trace.sequence import processes, sequence_svg
from tests.trace.test_html import chromium_dom

SPECS = Path(__file__).resolve().parents[2] / "specs"


def _report(tla: str, cfg: str) -> str:
    r = check_spec(str(SPECS / tla), str(SPECS / cfg))
    return render_report(r, r.model, str(SPECS / tla))


def _diagram(page: str) -> str:
    return page[page.index('<svg id="sequence"'):page.index("</svg>", page.index('<svg id="sequence"'))]


def _steps(svg: str) -> list[tuple[str, str, str]]:
    return [(n, html.unescape(lane), html.unescape(a)) for n, lane, a in
            re.findall(r'<g class="step[^"]*" data-step="(\d+)" data-lane="([^"]*)" data-action="([^"]*)"', svg)]


def _messages(svg: str) -> list[tuple[str, str, str]]:
    return [(a, b, html.unescape(t)) for a, b, t in
            re.findall(r'data-from="([^"]*)" data-to="([^"]*)">.*?<title>([^<]*)</title>', svg)]


def test_the_single_writer_race_reads_as_lanes_a_and_b_writing_into_the_log():
    svg = _diagram(_report("log/SingleWriterLog.tla", "log/SingleWriterLog_UnfilteredReaders.cfg"))
    assert re.findall(r'class="lane (\w+)" data-lane="(\w+)"', svg) == [
        ("process", "A"), ("process", "B"), ("shared", "log")]
    assert _steps(svg) == [("2", "A", "Start(A)"), ("3", "B", "Start(B)"), ("4", "A", "Write(A)"),
                           ("5", "B", "Write(B)")]
    # both start expecting index 1; A's message lands at 1, B's at 2
    assert "expected[A] = 1" in svg and "expected[B] = 1" in svg
    assert _messages(svg) == [("A", "log", "log[1] = [exp |-> 1, writer |-> A]"),
                              ("B", "log", "log[2] = [exp |-> 1, writer |-> B]")]
    assert '<g class="step bad" data-step="5"' in svg     # the violating step is marked


def test_fenced_lock_counterexample_has_client_lanes_and_the_lock_state():
    svg = _diagram(_report("agents/FencedLock.tla", "agents/FencedLock_NoFencing.cfg"))
    assert [lane for _, lane in re.findall(r'class="lane (\w+)" data-lane="(\w+)"', svg)] == [
        "c1", "c2", "holder", "grants", "accepted"]
    assert [a for _, _, a in _steps(svg)] == ["Acquire(c1)", "Pause(c1)", "Expire", "Resume(c1)", "Acquire(c2)",
                                              "Write(c2)", "Write(c1)"]
    assert ("4", "holder", "Expire") in _steps(svg)      # a step of no client sits in the lane it changed
    assert _messages(svg)[-2:] == [("c2", "accepted", "accepted[1] = 2"), ("c1", "accepted", "accepted[2] = 1")]


def test_a_trace_without_functions_over_processes_has_no_diagram(diehard):
    r = check_spec(diehard, invariants=("NotSolved",))
    assert processes(r.variables, [s.state for s in r.violation.trace]) is None
    assert sequence_svg(r.variables, r.violation.trace) == ""
    assert "Sequence diagram" not in render_report(r, r.model, diehard)


def test_sequence_diagram_renders_in_chromium(tmp_path):
    page = tmp_path / "race.html"
    page.write_text(_report("log/SingleWriterLog.tla", "log/SingleWriterLog_UnfilteredReaders.cfg"), encoding="utf-8")
    dom = chromium_dom(page, tmp_path)
    assert 'data-ready="yes"' in dom     # the report's script ran to its end
    svg = _diagram(dom)
    assert len(_steps(svg)) == 4 and len(_messages(svg)) == 2
    assert '<marker id="arrow"' in svg


def test_a_liveness_counterexample_ends_with_how_it_goes_on():
    svg = _diagram(_report("agents/DeepResearch.tla", "agents/DeepResearch_NoFairness.cfg"))
    assert re.findall(r'class="lane (\w+)" data-lane="([^"]+)"', svg)[:2] == [("process", "root"), ("process", "sub")]
    assert ("4", "root", 'Call("root")') in _steps(svg)
    assert _steps(svg)[-1] == ("0", "root sub store runs evictions", "then nothing happens, forever (stuttering)")
    # a step of the workers changes only shared state: its box says what, part by part
    assert 'runs.search = 1' in html.unescape(svg)


def test_a_value_moved_from_one_process_to_another_is_a_message_between_their_lanes(spec):
    path = spec("Pass", 'CONSTANTS a, b, c\nProcs == {a, b, c}\nVARIABLE held\n'
                'Init == held = [p \\in Procs |-> IF p = a THEN {"token"} ELSE {}]\n'
                'Give(p, q) == "token" \\in held[p] /\\ held\' = [held EXCEPT ![p] = {}, ![q] = {"token"}]\n'
                'Next == \\E p, q \\in Procs : p # q /\\ Give(p, q)\nNever == "token" \\notin held[c]\n',
                cfg="CONSTANTS a = a  b = b  c = c\nINIT Init\nNEXT Next\nINVARIANT Never\n")
    r = check_spec(path)
    svg = sequence_svg(r.variables, r.violation.trace, r.model, bad_last=True)
    assert [lane for _, lane in re.findall(r'class="lane (\w+)" data-lane="(\w+)"', svg)] == ["a", "b", "c"]
    assert _steps(svg) == [("2", "a c", "Next(a, c)")]
    assert _messages(svg) == [("a", "c", 'held[c] = {"token"}')]
