"""Every .tla file of the conformance corpus parses, fast (skipped when the corpus is absent)."""
from __future__ import annotations

import time

import pytest

from mcheck.syntax.parser import parse_module

from .corpus import corpus_files

FILES = corpus_files()
pytestmark = pytest.mark.skipif(not FILES, reason="conformance corpus not found")


def test_every_corpus_file_parses_within_the_time_budget() -> None:
    failures = []
    slow = []
    total = 0.0
    for f in FILES:
        text = f.read_text(encoding="utf-8", errors="replace")
        t0 = time.perf_counter()
        try:
            parse_module(text, str(f))
        except Exception as e:  # noqa: BLE001 - collect all failures for one report
            failures.append(f"{f}: {e}")
            continue
        dt = time.perf_counter() - t0
        total += dt
        if dt > 1.0:
            slow.append(f"{f}: {dt:.2f}s")
    assert not failures, "\n".join(failures)
    assert not slow, "\n".join(slow)
    assert total < 30.0
