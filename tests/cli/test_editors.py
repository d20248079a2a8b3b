"""For editors and scripts: gcc-style located errors, one wording per error, NO_COLOR, typos, TLC's
``mcheck Spec``."""
from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from tests.conftest import REPO, invoke

GCC = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$", re.M)
BAD = "VARIABLE x\nInit == x = \nNext == x' = x\n"
COUNTER = "CONSTANT N\nVARIABLE x\nInit == x = 0\nNext == x < N /\\ x' = x + 1\nInv == x < 3\n"


def test_check_and_parse_print_a_parse_error_gcc_style_at_the_start_of_a_line(spec):
    path = spec("Bad", BAD)
    for args in ((path,), ("parse", path)):
        r = invoke(*args)
        assert r.exit_code == 150
        m = GCC.search(r.output)
        assert m and m["file"] == path and (m["line"], m["col"]) == ("5", "6"), r.output
        assert m["msg"] == "unexpected token '=='"
        assert "Error: " + path not in r.output


def test_an_error_without_location_is_not_error_error(spec, tmp_path):
    r = invoke(spec("Counter", COUNTER), "-c", str(tmp_path / "nope.cfg"))
    assert r.exit_code == 151
    assert r.output.strip() == f"Error: configuration file {tmp_path / 'nope.cfg'} not found"


def test_invariant_from_the_command_line_is_not_said_to_be_in_the_cfg(spec):
    r = invoke(spec("Counter", COUNTER, "CONSTANT N = 2\nINIT Init\nNEXT Next"), "--invariant", "Nope")
    assert r.exit_code == 151
    assert "Error: The invariant Nope given by --invariant is not defined in the spec" in r.output
    assert "named in the .cfg" not in r.output


def test_a_misspelt_command_suggests_the_right_one(spec):
    r = invoke("chek", spec("Counter", COUNTER))
    assert r.exit_code == 2 and "Did you mean 'check'?" in r.output


def test_a_spec_named_without_tla_is_found_as_tlc_finds_it(spec, monkeypatch):
    path = spec("Counter", COUNTER, "CONSTANT N = 2\nINIT Init\nNEXT Next\nINVARIANT Inv")
    monkeypatch.chdir(os.path.dirname(path))
    r = invoke("Counter", "--no-deadlock")
    assert r.exit_code == 0 and "3 distinct states found" in r.output
    r = invoke("Nothing")
    assert r.exit_code == 2 and "'Nothing' does not exist (nor does 'Nothing.tla')" in r.output


def _on_a_terminal(args: list[str], env: dict) -> str:
    """Run mcheck with stdout on a pseudo-terminal; what it wrote there."""
    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "mcheck.cli.main", *args], stdout=slave, stderr=slave,
                         stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO), **env})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_removes_every_escape_code(spec):
    path = spec("Counter", COUNTER, "CONSTANT N = 5\nINIT Init\nNEXT Next\nINVARIANT Inv")
    coloured = _on_a_terminal([path], {"NO_COLOR": "", "TERM": "xterm-256color"})
    plain = _on_a_terminal([path], {"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" in coloured            # on a terminal mcheck colours its report...
    assert "Error: Invariant Inv is violated." in plain and "\x1b" not in plain   # ...and NO_COLOR stops it
