"""Every .tla file of the conformance corpus parses (skipped when the corpus is absent).

How fast it parses is a benchmark, not a test: ``python tests/syntax/corpus.py`` prints the times.
"""
from __future__ import annotations

import pytest

from mcheck.syntax.parser import parse_module

from .corpus import corpus_files

FILES = corpus_files()
pytestmark = pytest.mark.skipif(not FILES, reason="conformance corpus not found")


def test_every_corpus_file_parses() -> None:
    failures = []
    for f in FILES:
        text = f.read_text(encoding="utf-8", errors="replace")
        try:
            parse_module(text, str(f))
        except Exception as e:  # noqa: BLE001 - collect all failures for one report
            failures.append(f"{f}: {e}")
    assert not failures, "\n".join(failures)
