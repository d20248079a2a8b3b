"""The TLC regression corpus's bookkeeping: every model either agrees (ratchet.txt) or names its
difference (known_differences.txt).  Running the models is the report's job
(``python -m tests.tlcregression.report``); CI runs the ratchet."""
from __future__ import annotations

import pytest

from .runner import known_differences, model_id, models, ratchet


@pytest.fixture(scope="module")
def ids() -> list[str]:
    every = [model_id(m) for m in models()]
    if not every:
        pytest.skip("TLC regression corpus not found (../shared/tlc-regression or $MCHECK_TLC_REGRESSION)")
    return every


def test_every_model_agrees_or_names_its_difference(ids):
    agree, known = set(ratchet(slow=True)), known_differences()
    assert len(ids) == 193   # DoInitFunctorInvariant.cfg twice: TLC's tests run it alone and distributed
    assert [m for m in ids if m not in agree and m not in known] == []
    assert sorted(agree & set(known)) == []
    assert all(known[m] for m in known), "each known difference says what it is"


def test_the_lists_name_only_models_of_the_corpus(ids):
    assert sorted((set(ratchet(slow=True)) | set(known_differences())) - set(ids)) == []


def test_a_known_difference_is_checked_against_its_note():
    """``report.py --known``: a listed model must still differ, and as its line says."""
    from tests.conformance.runner import Outcome

    from .report import check_known, signatures
    detail = "exit code 76 (expected 75): Evaluating invariant TypeOK failed.; trace length 4 (expected 3)"
    assert signatures(detail) == ["exit code 76 (expected 75)", "trace length 4 (expected 3)"]
    assert signatures("no answer in 60 s") == ["no answer in 60 s"]
    assert signatures("result error (expected success): x (y?); run again.; trace length None (expected 2)") == [
        "result error (expected success)", "trace length None (expected 2)"]   # "; " inside mcheck's message
    differs = Outcome("M.cfg", False, "", "", 1.0, detail)
    assert check_known(differs, "a different exit code: exit code 76 (expected 75); trace length 4 (expected 3)") is None
    assert "trace length 4" in check_known(differs, "a different exit code: exit code 76 (expected 75)")
    assert "agrees now" in check_known(Outcome("M.cfg", True, "", "", 1.0, ""), "anything")
