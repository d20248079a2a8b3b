"""Jupyter: results and traces render inline as the HTML report (``_repr_html_``)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import mcheck

SPECS = Path(__file__).resolve().parents[2] / "specs"
LOG = str(SPECS / "log" / "SingleWriterLog.tla")
RACE = str(SPECS / "log" / "SingleWriterLog_UnfilteredReaders.cfg")


def _document(frame: str) -> str:
    """The page inside the ``<iframe srcdoc>`` a notebook shows."""
    m = re.fullmatch(r'<iframe class="mcheck-report" sandbox="allow-scripts" [^>]*srcdoc="(.*)"></iframe>', frame, re.S)
    assert m, frame[:200]
    return html.unescape(m.group(1))


def test_check_result_renders_in_a_notebook_as_the_report_with_its_states():
    r = mcheck.check(LOG, RACE)
    page = _document(r._repr_html_())
    assert page.startswith("<!DOCTYPE html>") and "mcheck report: SingleWriterLog" in page
    assert "Invariant CountsIffToldSucceeded is violated." in page
    assert "Invariant CountsIffToldSucceeded is violated by" in page      # the explanation
    assert page.count('<tr data-step="') == 5 and "Counterexample (5 states)" in page
    last = page.split('<tr data-step="5" id="violation">')[1].split("</tr>")[0]
    assert "[exp |-&gt; 1, writer |-&gt; B]" in last


def test_success_renders_its_statistics_without_a_trace():
    r = mcheck.check(LOG, str(SPECS / "log" / "SingleWriterLog_OneWriter.cfg"))
    page = _document(r._repr_html_())
    assert "No error has been found." in page and 'id="trace"' not in page
    assert "<td>distinct states found</td><td>6</td>" in page


def test_a_trace_renders_alone_as_the_counterexample_table():
    trace = mcheck.check(LOG, RACE).trace
    page = _document(trace._repr_html_())
    assert "mcheck trace: 5 states" in page and page.count('<tr data-step="') == 5
    assert "<th>log</th>" in page and "<th>phase</th>" in page
    assert '<td class="action">Write' in page


def test_a_replay_renders_its_verdict_and_the_replayed_trace():
    doc = mcheck.check(LOG, RACE).to_itf()
    rr = mcheck.replay(LOG, doc, config=RACE)
    page = _document(rr._repr_html_())
    assert html.escape(rr.message, quote=False) in page and page.count('<tr data-step="') == 5
