"""Helpers for the trace/replay/simulate/graph tests: tiny specs in tmp_path, DieHard from the corpus."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DIEHARD_INVARIANT = "NotSolved"


def corpus_dir() -> Path | None:
    env = os.environ.get("MCHECK_CONFORMANCE")
    path = Path(env) if env else REPO.parent / "shared" / "conformance"
    return path if (path / "specifications").is_dir() else None


def write_spec(folder: Path, name: str, body: str, cfg: str | None = None,
               extends: str = "Naturals") -> Path:
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
def diehard() -> str:
    """The corpus's DieHard.tla, read in place (never copied into the repo)."""
    root = corpus_dir()
    path = root / "specifications" / "DieHard" / "DieHard.tla" if root else None
    if path is None or not path.exists():
        pytest.skip("DieHard.tla not found in the conformance corpus (set MCHECK_CONFORMANCE)")
    return str(path)
