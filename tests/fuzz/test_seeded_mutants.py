"""A seeded run of the DST: every mutant of a corpus model ends with a verdict or a located error."""
from __future__ import annotations

import pytest

from .mutate import corpus_models, mutant
from .run import TLC_EXIT_CODES, run

from tests.conformance.runner import corpus_dir

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="no conformance corpus (../shared/conformance)")


def _models():
    return corpus_models(CORPUS, max_states=1000)


def test_a_mutant_is_reproduced_by_its_seed():
    models = _models()
    a, b = mutant(models, 42), mutant(models, 42)
    assert (a.model, a.file, a.offset, a.old, a.new) == (b.model, b.file, b.offset, b.old, b.new)
    assert a.text() != (a.model.folder / a.file).read_text(encoding="utf-8", errors="replace")


def test_each_fault_class_changes_what_it_names():
    models = _models()
    fmt, schema, payload = (mutant(models, s) for s in (300, 301, 302))
    assert fmt.cls == "format" and len(fmt.old) == 1 and len(fmt.new) == 1
    assert schema.cls == "schema" and schema.old.isidentifier() and schema.new.isidentifier()
    assert payload.cls == "payload" and payload.old.isdigit()


def test_a_hundred_and_fifty_mutants_end_with_a_verdict_or_a_located_error():
    s = run(_models(), 150, seed=7, timeout=20.0)
    assert len(s.results) == 150
    assert set(s.by_class()) == {"format", "schema", "payload"}
    crashes = [f"{r.mutant.describe()}\n{r.detail}" for r in s.failures()]
    assert crashes == []
    assert all(r.exit_code in TLC_EXIT_CODES for r in s.results if r.kind == "verdict")
