"""Checkpoints and --recover: a run killed mid-search resumes from its last level and ends as an
uninterrupted run does."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

GRID = """---- MODULE Grid ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\\ y = 0
Next == \\/ x < BOUND /\\ x' = x + 1 /\\ y' = y
        \\/ y < BOUND /\\ y' = y + 1 /\\ x' = x
Small == x + y < 2 * BOUND - 3
====
"""


def _spec(tmp_path: Path, n: int, invariant: bool = False) -> Path:
    (tmp_path / "Grid.tla").write_text(GRID.replace("BOUND", str(n)))
    (tmp_path / "Grid.cfg").write_text("INIT Init\nNEXT Next\n" + ("INVARIANT Small\n" if invariant else ""))
    return tmp_path / "Grid.tla"


def _mcheck(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from mcheck.cli.main import main; main()", "check", *args],
                          capture_output=True, text=True, timeout=300, **kw)


def _figures(out: str) -> list[str]:
    keep = ("states generated", "depth of the complete", "is violated", "State ")
    return [ln for ln in out.splitlines() if any(k in ln for k in keep)]


def _kill_after_level(spec: Path, cp: Path, level: int, *extra: str) -> None:
    """Start a checkpointing run and SIGKILL it once a checkpoint past ``level`` is written."""
    p = subprocess.Popen([sys.executable, "-c", "from mcheck.cli.main import main; main()", "check", str(spec),
                          "--no-deadlock", "--checkpoint", str(cp), "--checkpoint-every", "0", *extra],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and p.poll() is None:
            try:
                if json.loads((cp / "checkpoint.json").read_text())["level"] >= level:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        assert p.poll() is None, "the run ended before it could be killed: make the model larger"
        os.kill(p.pid, signal.SIGKILL)
    finally:
        p.wait()


def test_a_run_killed_mid_search_recovers_with_the_uninterrupted_figures(tmp_path):
    spec = _spec(tmp_path, 400)
    whole = _mcheck(str(spec), "--no-deadlock")
    cp = tmp_path / "cp"
    _kill_after_level(spec, cp, 300)
    assert json.loads((cp / "checkpoint.json").read_text())["level"] < 801   # killed before the end
    resumed = _mcheck(str(spec), "--no-deadlock", "--recover", str(cp))
    assert resumed.returncode == whole.returncode == 0
    assert _figures(resumed.stdout) == _figures(whole.stdout)
    assert "160801 distinct states found" in resumed.stdout


def test_a_recovered_run_finds_the_same_violation_and_trace(tmp_path):
    spec = _spec(tmp_path, 300, invariant=True)
    whole = _mcheck(str(spec), "--no-deadlock")
    cp = tmp_path / "cp"
    _kill_after_level(spec, cp, 200)
    resumed = _mcheck(str(spec), "--no-deadlock", "--recover", str(cp))
    assert resumed.returncode == whole.returncode == 12
    assert _figures(resumed.stdout) == _figures(whole.stdout)


def test_recover_refuses_a_checkpoint_of_another_model(tmp_path):
    spec = _spec(tmp_path, 5)
    cp = tmp_path / "cp"
    assert _mcheck(str(spec), "--no-deadlock", "--checkpoint", str(cp), "--checkpoint-every", "0").returncode == 0
    other = tmp_path / "other"
    other.mkdir()
    r = _mcheck(str(_spec(other, 6)), "--no-deadlock", "--recover", str(cp))
    assert r.returncode == 255 and "is of another model" in r.stdout + r.stderr


def test_an_unwritable_checkpoint_directory_is_reported_before_the_search(tmp_path):
    spec = _spec(tmp_path, 5)
    blocker = tmp_path / "file"
    blocker.write_text("")
    r = _mcheck(str(spec), "--no-deadlock", "--checkpoint", str(blocker / "cp"))
    assert r.returncode == 255 and "cannot write checkpoints to" in r.stdout + r.stderr
    assert "states generated" not in r.stdout


HYPER = """---- MODULE Hyper ----
EXTENDS Naturals
VARIABLES a, b, c, d
Init == a = 0 /\\ b = 0 /\\ c = 0 /\\ d = 0
Next == \\/ a < 19 /\\ a' = a + 1 /\\ UNCHANGED <<b, c, d>>
        \\/ b < 19 /\\ b' = b + 1 /\\ UNCHANGED <<a, c, d>>
        \\/ c < 19 /\\ c' = c + 1 /\\ UNCHANGED <<a, b, d>>
        \\/ d < 19 /\\ d' = d + 1 /\\ UNCHANGED <<a, b, c>>
Far == a + b + c + d < 70
====
"""


def test_levels_spilled_to_disk_give_the_same_figures_and_trace(tmp_path, monkeypatch):
    from mcheck.checker import frontier
    from mcheck.checker.run import check_spec
    (tmp_path / "Hyper.tla").write_text(HYPER)
    (tmp_path / "Hyper.cfg").write_text("INIT Init\nNEXT Next\nINVARIANT Far\n")
    spec = str(tmp_path / "Hyper.tla")
    whole = check_spec(spec, no_deadlock=True)
    spills = []
    real = frontier.Frontier._spill
    monkeypatch.setattr(frontier.Frontier, "_spill", lambda self: (spills.append(1), real(self))[1])
    spilled = check_spec(spec, no_deadlock=True, memory=1024)   # levels past 4096 states go to disk
    assert spills, "no level was spilled: the test would prove nothing"
    assert (spilled.result, spilled.distinct_states, spilled.states_generated, spilled.depth) == \
        (whole.result, whole.distinct_states, whole.states_generated, whole.depth)
    assert [s.state for s in spilled.violation.trace] == [s.state for s in whole.violation.trace]


def test_a_trace_that_cannot_be_rebuilt_says_to_use_exact(tmp_path):
    from mcheck.checker.run import check_spec
    (tmp_path / "R.tla").write_text("---- MODULE R ----\nEXTENDS Naturals, TLC\nVARIABLES x\n"
                                    "Init == x = RandomElement(0..100000)\nNext == x' = x + 10000\n"
                                    "Inv == x <= 100000\n====\n")
    (tmp_path / "R.cfg").write_text("INIT Init\nNEXT Next\nINVARIANT Inv\n")
    lost = check_spec(str(tmp_path / "R.tla"))
    assert lost.exit_code == 255 and "could not be rebuilt" in lost.error and "--exact" in lost.error
    lost = check_spec(str(tmp_path / "R.tla"), workers=2)   # the same error with workers, not a traceback
    assert lost.exit_code == 255 and "could not be rebuilt" in lost.error
    kept = check_spec(str(tmp_path / "R.tla"), exact=True)
    assert kept.exit_code == 12 and kept.violation.trace[-1].state[0] > 100000
