"""Shared fixtures for the semantics tests: where the conformance corpus lives."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance.runner import corpus_dir


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_dir()
    if path is None:
        pytest.skip("conformance corpus not found (set MCHECK_CONFORMANCE)")
    return path
