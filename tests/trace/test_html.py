"""``mcheck check --html FILE``: a self-contained report, checked as text and in headless Chromium."""
from __future__ import annotations

import html
import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from mcheck.checker.run import check_spec
from mcheck.cli.main import main
from mcheck.trace.html import render_report

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[2]


def report(path, *args):
    r = CliRunner().invoke(main, list(args) + ["--html", str(path)])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert f"Wrote the HTML report to {path}." in r.stderr
    return r, Path(path).read_text(encoding="utf-8")


def test_report_is_self_contained_and_has_the_trace_table(diehard, tmp_path):
    r, text = report(tmp_path / "dh.html", diehard, "--invariant", "NotSolved")
    assert r.exit_code == 12
    # no network: no external scripts, stylesheets, images or fonts
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "@import" not in text and "url(http" not in text
    assert "Invariant NotSolved is violated." in text
    assert "Invariant NotSolved is violated by its formula at line 127, col 14 of module DieHard: big # 4" in text
    assert text.count('<tr data-step="') == 7
    last = text.split('<tr data-step="7" id="violation">')[1].split("</tr>")[0]
    assert '<td class="changed" title="(was 5)"><pre>4</pre></td>' in last
    assert ">73<" in text and ">14<" in text  # states generated, distinct states
    # the graph the check's own search recorded: the 14 states it found up to the violation
    assert '<svg id="graph"' in text and text.count('class="node') == 14
    assert "14 states (the states the check found before it stopped)" in text
    assert "ontrace violates" in text  # the last state of the trace violates NotSolved


def test_large_state_spaces_are_not_drawn(spec, tmp_path):
    path = spec("Big", "VARIABLE x\nInit == x = 0\nNext == x < 300 /\\ x' = x + 1\nInv == x < 250\n",
                cfg="INIT Init\nNEXT Next\nINVARIANT Inv\n")
    r, text = report(tmp_path / "big.html", path)
    assert r.exit_code == 12
    assert "<svg" not in text and "more than 200 states" in text


def test_success_report_has_no_trace(spec, tmp_path):
    path = spec("Ok", "VARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n",
                cfg="INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
    r, text = report(tmp_path / "ok.html", path)
    assert r.exit_code == 0
    assert "No error has been found." in text and 'id="trace"' not in text and '<svg id="graph"' in text


def test_html_escapes_values(spec):
    path = spec("Esc", 'VARIABLE s\nInit == s = "<b>&"\nNext == s\' = "</script>"\nInv == s # "</script>"\n',
                cfg="INIT Init\nNEXT Next\nINVARIANT Inv\n")
    r = check_spec(path)
    text = render_report(r, r.model, path)
    assert "<b>&" not in text and "&lt;b&gt;&amp;" in text
    assert text.count("</script>") == 2  # only the two script elements' own end tags


def chromium_dom(html_file: Path, tmp_path: Path) -> str:
    if not os.path.exists(CHROMIUM):
        pytest.skip("headless Chromium (/usr/bin/chromium) is not installed")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--dump-dom", html_file.resolve().as_uri()]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    return p.stdout


def test_report_renders_in_chromium_and_its_script_runs(diehard, tmp_path):
    _, _ = report(tmp_path / "dh.html", diehard, "--invariant", "NotSolved")
    dom = chromium_dom(tmp_path / "dh.html", tmp_path)
    assert 'data-ready="yes"' in dom  # the script ran to its end
    assert "Invariant NotSolved is violated." in dom
    # the selected-state panel, filled by the script: the last step, its changes marked
    detail = dom.split('id="detail"')[1].split("<h2>")[0]
    assert 'data-step="7"' in detail and "State 7:" in detail
    assert '<span class="name">big</span> = <span class="mark">(was 5)</span><pre>4</pre>' in detail
    assert '<tr data-step="7" id="violation" class="selected">' in dom
    assert 'data-opened-at="violation"' in dom   # the report opens at the violation, not at the top
    assert '<td class="changed" title="(was 5)"><pre>4</pre></td>' in dom


def test_single_writer_log_report_in_chromium(tmp_path):
    spec = REPO / "specs" / "log" / "SingleWriterLog.tla"
    cfg = REPO / "specs" / "log" / "SingleWriterLog_UnfilteredReaders.cfg"
    r, _ = report(tmp_path / "swl.html", str(spec), "--config", str(cfg))
    assert r.exit_code == 12
    dom = chromium_dom(tmp_path / "swl.html", tmp_path)
    assert 'data-ready="yes"' in dom
    assert "Invariant CountsIffToldSucceeded is violated by its formula at line 125" in dom
    assert "counterexample i = 2" in dom
    assert '<span class="name">log</span> = <span class="mark">(log[2] added)</span>' in dom


def test_wide_tables_scroll_and_graph_nodes_say_what_state_they_are(tmp_path):
    spec = REPO / "specs" / "log" / "SingleWriterLog.tla"
    cfg = REPO / "specs" / "log" / "SingleWriterLog_UnfilteredReaders.cfg"
    r, text = report(tmp_path / "swl.html", str(spec), "--config", str(cfg))
    assert r.exit_code == 12
    assert '<div class="wide"><table id="trace">' in text and ".wide { overflow-x: auto;" in text
    # the graph counts the states the check found: 18, as the check says
    assert "18 distinct states found" in r.output and '<p class="note">18 states (' in text
    shorts = re.findall(r'<text class="short"[^>]*>([^<]*)</text>', text)
    assert len(shorts) == 18 and shorts[0].startswith("log=&lt;&lt;&gt;&gt; p")
    assert all(len(html.unescape(s)) <= 17 for s in shorts)
