"""Progress: a live line on a terminal, TLC-style lines off one."""
from __future__ import annotations

import os
import subprocess
import sys

from mcheck.cli.progress import Progress, live_text, plain_line
from tests.cli.test_editors import _on_a_terminal
from tests.conftest import REPO

CONVERSATION = str(REPO / "specs" / "llm" / "Conversation.tla")   # 26124 states: a few seconds
REPORT = {"depth": 7, "generated": 12000, "distinct": 5000, "queue": 800, "seconds": 2.0}


def test_on_a_terminal_a_live_line_shows_the_figures_then_the_report():
    out = _on_a_terminal([CONVERSATION], {"NO_COLOR": "", "TERM": "xterm-256color"})
    assert " distinct states · " in out and "states/s · queue " in out and " MB" in out
    assert "26124 distinct states found" in out and "Progress(" not in out


def test_off_a_terminal_progress_is_tlc_lines_without_escape_codes():
    p = subprocess.run([sys.executable, "-m", "mcheck.cli.main", CONVERSATION], capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=600)
    assert p.returncode == 0
    assert "\x1b" not in p.stdout + p.stderr and "·" not in p.stderr
    assert all(line.startswith("Progress(") for line in p.stderr.splitlines() if "states left on queue" in line)


def test_no_color_on_a_terminal_gets_plain_progress():
    assert Progress(live=None).live is False     # the test's stderr is not a terminal
    out = _on_a_terminal([CONVERSATION], {"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b" not in out and "·" not in out and "26124 distinct states found" in out


def test_progress_texts():
    assert plain_line(REPORT).startswith("Progress(7): 12,000 states generated (6,000 s/s), 5,000 distinct "
                                         "states found, 800 states left on queue (2 s")
    assert live_text(REPORT, 6000).startswith("5,000 distinct states · 6,000 states/s · queue 800 · depth 7 · 2.0 s")
    assert Progress(live=True).every < Progress(live=False).every == 5.0


INFINITE = "VARIABLE x\nInit == x = 0\nNext == x' = x + 1\n"


def test_time_limit_stops_an_endless_check_with_the_figures_so_far(spec):
    from tests.conftest import invoke
    import json
    path = spec("Inf", INFINITE)
    r = invoke(path, "--time-limit", "0.5")
    assert r.exit_code == 1
    assert r.stdout.startswith("Interrupted: the statistics so far.\n")
    generated = int(r.stdout.splitlines()[1].split()[0])
    assert generated > 0 and "Stopped by --time-limit 0.5 s" in r.stderr
    out = json.loads(invoke(path, "--time-limit", "0.5", "--json").stdout)
    assert out["result"] == "error" and out["error"] == "stopped by --time-limit 0.5 s" and out["distinct_states"] > 0


def test_time_limit_stops_a_simulation(spec):
    from tests.conftest import invoke
    r = invoke("simulate", spec("Inf", INFINITE), "--depth", "100000000", "--traces", "1", "--seed", "1",
               "--time-limit", "0.5")
    assert r.exit_code == 1 and "Interrupted" in r.stdout and "Stopped by --time-limit 0.5 s" in r.stderr
