"""examples/tutorial/README.md runs as written: every command of every step, its output and exit code.

Each ```console block holds ``$ command`` lines, each followed by what it prints and ``[exit code N]``.
An expected line ``...`` stands for any number of lines, and ``...`` inside a line for any text.
Commands run in a scratch directory that sees the repository's ``examples/`` (files they write stay
there), each in a process of its own, as a user runs them: TLC orders a record's fields by when their
names were first read, so a spec read earlier in the same process would change what is printed.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
REPO = Path(__file__).resolve().parents[2]
TUTORIAL = REPO / "examples" / "tutorial" / "README.md"


def _commands() -> list[tuple[str, list[str], int]]:
    """(command, expected lines, exit code) for every command of the tutorial, in order."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *lines = chunk.rstrip("\n").split("\n")
            code = re.fullmatch(r"\[exit code (\d+)\]", lines.pop())
            assert code, f"{command}: the expected output must end with [exit code N]"
            out.append((command, lines, int(code.group(1))))
    return out


COMMANDS = _commands()


def _matches(expected: list[str], got: list[str]) -> bool:
    """Do the lines ``got`` read as ``expected``, where ``...`` lines skip and ``...`` in a line is any text?"""
    def line_ok(pattern: str, line: str) -> bool:
        return re.fullmatch(".*".join(re.escape(p) for p in pattern.split("...")), line.rstrip()) is not None

    def go(i: int, j: int) -> bool:
        if i == len(expected):
            return j == len(got)
        if expected[i] == "...":
            return any(go(i + 1, k) for k in range(j, len(got) + 1))
        return j < len(got) and line_ok(expected[i], got[j]) and go(i + 1, j + 1)
    return go(0, 0)


def _run(command: str, cwd: Path) -> tuple[str, int]:
    argv = shlex.split(command)
    assert argv[0] in ("mcheck", "python"), command
    program = ["-m", "mcheck.cli.main"] if argv[0] == "mcheck" else []
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    p = subprocess.run([sys.executable, *program, *argv[1:]], cwd=cwd, env=env, capture_output=True, text=True,
                       timeout=300)
    assert "Traceback" not in p.stderr, p.stderr
    return p.stdout, p.returncode


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A directory whose ``examples`` is the repository's: the tutorial's relative paths work there."""
    d = tmp_path_factory.mktemp("tutorial")
    (d / "examples").symlink_to(REPO / "examples")
    return d


def test_the_tutorial_has_five_steps_each_with_a_command():
    text = TUTORIAL.read_text(encoding="utf-8")
    steps = re.findall(r"^## (\d)\. ", text, re.M)
    assert steps == ["1", "2", "3", "4", "5"]
    for part in re.split(r"^## \d\. ", text, flags=re.M)[1:]:
        assert "```console\n$ " in part


@pytest.mark.parametrize("command, expected, code", COMMANDS, ids=[c for c, _, _ in COMMANDS])
def test_tutorial_command_prints_what_the_tutorial_says(command, expected, code, scratch, monkeypatch):
    monkeypatch.chdir(scratch)
    out, got = _run(command, scratch)
    assert got == code, out
    assert _matches(expected, out.rstrip("\n").splitlines()), f"{command} printed:\n{out}"
