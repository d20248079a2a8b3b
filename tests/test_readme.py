"""The README's Python examples run as written (from the repository's root)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("i", range(len(BLOCKS)))
def test_readme_python_example_runs(i, monkeypatch):
    monkeypatch.chdir(README.parent)
    scope: dict = {}
    exec(compile(BLOCKS[i], f"README.md python block {i + 1}", "exec"), scope)
    if "run_check" in BLOCKS[i]:
        r = scope["r"]
        assert r.result == "safety failure" and [s.state for s in r.violation.trace] == [(0,), (1,), (2,), (3,)]
    elif "r" in scope:
        assert scope["r"].exit_code in (0, 11, 12), scope["r"].error


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 3 and os.path.exists(README)
