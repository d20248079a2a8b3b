"""Fixtures shared by the test folders: tiny specs written into tmp_path, DieHard from the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from click.testing import CliRunner

from mcheck.checker.run import check_spec
from mcheck.cli.main import main
from tests.conformance.runner import corpus_dir

REPO = Path(__file__).resolve().parents[1]
DIEHARD_INVARIANT = "NotSolved"


def invoke(*args):
    """Run the ``mcheck`` command line; a Python exception escaping it is a bug whatever the exit code."""
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output
    return r


def write_spec(folder: Path, name: str, body: str, cfg: str | None = None,
               extends: str = "Naturals") -> Path:
    """Write ``MODULE name`` with ``body`` (and ``name.cfg`` when given); return the .tla path."""
    head = f"---- MODULE {name} ----\n" + (f"EXTENDS {extends}\n" if extends else "")
    tla = folder / f"{name}.tla"
    tla.write_text(head + body.strip("\n") + "\n====\n")
    if cfg is not None:
        (folder / f"{name}.cfg").write_text(cfg.strip("\n") + "\n")
    return tla


@pytest.fixture
def spec(tmp_path):
    """``spec(name, body, cfg=None, extends="Naturals")`` -> path of the written .tla."""
    def make(name: str, body: str, cfg: str | None = None, extends: str = "Naturals") -> str:
        return str(write_spec(tmp_path, name, body, cfg, extends))
    return make


@pytest.fixture
def check(spec):
    """``check(name, body, cfg=None, **check_spec_kwargs)`` -> the Result of checking it."""
    def run(name: str, body: str, cfg: str | None = None, extends: str = "Naturals", **kw):
        return check_spec(spec(name, body, cfg, extends), **kw)
    return run


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The conformance corpus, read in place."""
    path = corpus_dir()
    if path is None:
        pytest.skip("conformance corpus not found (set MCHECK_CONFORMANCE)")
    return path


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def diehard() -> str:
    """The corpus's DieHard.tla, read in place (never copied into the repo)."""
    root = corpus_dir()
    path = root / "specifications" / "DieHard" / "DieHard.tla" if root else None
    if path is None or not path.exists():
        pytest.skip("DieHard.tla not found in the conformance corpus (set MCHECK_CONFORMANCE)")
    return str(path)
