"""Run models of the public conformance corpus and compare them with TLC's recorded figures."""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mcheck.checker.outcome import join_names

REPO = Path(__file__).resolve().parents[2]
RATCHET = Path(__file__).resolve().parent / "ratchet.txt"
LISTS = {
    "ratchet": RATCHET,
    # the part of the ratchet CI also runs with --workers 2: safety, liveness, SYMMETRY, VIEW, violations
    "workers": Path(__file__).resolve().parent / "ratchet_workers.txt",
    # large models CI need not run (minutes each, gigabytes before fingerprints): python -m
    # tests.conformance.report --list long
    "long": Path(__file__).resolve().parent / "ratchet_long.txt",
}


def corpus_dir() -> Path | None:
    """The conformance corpus (``../shared/conformance`` or $MCHECK_CONFORMANCE), read in place."""
    env = os.environ.get("MCHECK_CONFORMANCE")
    p = Path(env) if env else REPO.parent / "shared" / "conformance"
    return p if (p / "models.json").exists() else None


def models() -> list[dict]:
    d = corpus_dir()
    if d is None:
        return []
    return json.loads((d / "models.json").read_text())


def model_id(m: dict) -> str:
    return m["cfg"].removeprefix("specifications/")


def ratchet(name: str = "ratchet") -> list[str]:
    path = LISTS[name]
    if not path.exists():
        return []
    return [ln.strip() for ln in path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass
class Outcome:
    model: str
    ok: bool
    expected: str
    actual: str
    seconds: float
    detail: str


def run_model(m: dict, workers: int = 1) -> Outcome:
    from mcheck.checker.run import check_spec
    d = corpus_dir()
    assert d is not None
    tlc = m.get("tlc") or {}
    exp_result = tlc.get("result") or m["result"]
    t0 = time.monotonic()
    try:
        # in a scratch directory: what a spec writes (Hanoi_anim's SVGSerialize) stays out of the checkout
        with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
            r = check_spec(str(d / m["tla"]), str(d / m["cfg"]), workers=workers)
    except Exception as err:  # a crash is a failed model, reported, not a stopped run
        import traceback
        tb = traceback.format_exc().splitlines()
        return Outcome(model_id(m), False, exp_result, "crash", time.monotonic() - t0,
                       f"{type(err).__name__}: {err} at {' | '.join(tb[-4:-1])}")
    want = {"result": exp_result, "violated": tlc.get("violated"), "trace_length": tlc.get("trace_length"),
            "distinct_states": tlc.get("distinct_states", m.get("distinct_states")),
            "depth": tlc.get("depth", m.get("depth"))}
    return compare(model_id(m), r, want, time.monotonic() - t0)


def compare(mid: str, r, want: dict, secs: float) -> Outcome:
    """TLC's recorded answer (``want``) against mcheck's ``Outcome``: the result must be equal (and the
    exit status, where ``want`` has one); for a success, distinct states and depth; for a violation, the
    violated name and the trace length.  Shared by the conformance and TLC-regression harnesses."""
    exp_result = want["result"]
    problems = []
    if r.result != exp_result:
        problems.append(f"result {r.result} (expected {exp_result}): {(r.error or '')[:300]}")
    elif want.get("exit_code") is not None and r.exit_code != want["exit_code"]:
        problems.append(f"exit code {r.exit_code} (expected {want['exit_code']}): {(r.error or '')[:300]}")
    if exp_result == "success":
        exp_distinct = want.get("distinct_states")
        exp_depth = want.get("depth")
        if exp_distinct is not None and r.distinct_states != exp_distinct:
            problems.append(f"distinct {r.distinct_states} (expected {exp_distinct})")
        if exp_depth is not None and r.depth != exp_depth:
            problems.append(f"depth {r.depth} (expected {exp_depth})")
        actual = f"{r.result} {r.distinct_states} states depth {r.depth}"
        expected = f"{exp_result} {exp_distinct} states depth {exp_depth}"
    else:
        v = r.violation
        exp_len = want.get("trace_length")
        exp_name = want.get("violated")
        name = join_names(v.names) if v and v.names else None   # TLC's "A and B" when one behaviour violates several
        length = len(v.trace) if v else None
        if exp_name is not None and name != exp_name:
            problems.append(f"violated {name} (expected {exp_name})")
        if exp_len is not None and length != exp_len:
            problems.append(f"trace length {length} (expected {exp_len})")
        actual = f"{r.result} {name} trace {length}"
        expected = f"{exp_result} {exp_name} trace {exp_len}"
    return Outcome(mid, not problems, expected, actual, secs, "; ".join(problems))
