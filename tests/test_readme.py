"""The README's Python examples run as written (from the repository's root)."""
from __future__ import annotations

import os
import re
import shlex
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


# ----------------------------------------------------------------------------- the first minute

def _opening() -> list[str]:
    """The README up to its first section: the title, the sentence, the two commands, ..."""
    text = README.read_text(encoding="utf-8")
    return text[:text.index("\n## ")].splitlines()


def _commands() -> list[str]:
    """The indented command lines of the opening (before any prose that follows them)."""
    lines = _opening()
    first = next(i for i, line in enumerate(lines) if line.startswith("    "))
    cmds = []
    for line in lines[first:]:
        if not line.startswith("    "):
            break
        cmds.append(line.strip())
    return cmds


def test_readme_opens_with_title_sentence_then_exactly_two_commands():
    lines = _opening()
    assert lines[0] == "# mcheck" and lines[1] == ""
    sentence = " ".join(lines[2:lines.index("", 2)])
    assert sentence.startswith("mcheck is a model checker for TLA+") and sentence.endswith(".")
    assert not any(line.startswith("    ") for line in lines[:lines.index("", 2)])
    cmds = _commands()
    assert len(cmds) == 2
    install, test = cmds
    # a fresh machine: each command makes its own venv, installs, then runs
    assert install.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e . && mcheck specs/")
    assert test.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && ")
    assert test.endswith("python -m pytest -q")


def test_readme_first_command_checks_a_spec_and_prints_the_counterexample(monkeypatch):
    from click.testing import CliRunner

    from mcheck.cli.main import main

    monkeypatch.chdir(README.parent)
    argv = shlex.split(_commands()[0].split("&& mcheck ", 1)[1])
    r = CliRunner().invoke(main, argv)
    assert r.exit_code == 12, r.output
    assert "Error: Invariant" in r.output and "State 5:" in r.output and "State 6:" not in r.output


def test_ci_runs_the_readme_test_command():
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    readme = README.read_text(encoding="utf-8")
    test_command = next(line.strip() for line in readme.splitlines() if "pytest" in line and "pip install" in line)
    assert test_command in ci.splitlines()   # the very line, not a variant of it


def test_readme_names_every_dependency_and_every_command():
    text = README.read_text(encoding="utf-8")
    deps = re.search(r"^dependencies = \[(.*?)\]", (README.parent / "pyproject.toml").read_text(), re.M).group(1)
    names = [re.match(r'"([A-Za-z0-9_-]+)', d.strip()).group(1) for d in deps.split(",")]
    said = text[:text.index("\n## ", text.index("## Checking"))]
    assert names and all(n in said for n in names), names
    from mcheck.cli.main import main
    layout = text[text.index("## Layout"):]
    cli_line = next(line for line in layout.splitlines() if line.startswith("- `cli/`"))
    assert all(f"`{c}`" in cli_line for c in main.commands), sorted(main.commands)


def test_counter_example_is_commented_and_passes():
    from mcheck.checker.run import check_spec

    tla = (README.parent / "examples" / "Counter.tla").read_text(encoding="utf-8")
    comments = [line for line in tla.splitlines() if "\\*" in line or line.startswith("(*")]
    assert len(comments) >= 10
    r = check_spec(str(README.parent / "examples" / "Counter.tla"), None, None, (), False)
    assert r.exit_code == 0 and r.distinct_states == 8
