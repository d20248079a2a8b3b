"""Shared fixtures for the semantics tests: where the conformance corpus lives."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path | None:
    env = os.environ.get("MCHECK_CONFORMANCE")
    path = Path(env) if env else REPO.parent / "shared" / "conformance"
    return path if (path / "specifications").is_dir() else None


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_dir()
    if path is None:
        pytest.skip("conformance corpus not found (set MCHECK_CONFORMANCE)")
    return path
