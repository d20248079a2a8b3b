"""Run TLC's own regression models (``../shared/tlc-regression``) and compare them with TLC's answers.

Each model runs in a forked child, from its own folder as TLC runs it, so that a model that hangs is
stopped at a timeout and one that exhausts the stack cannot take the run down with it.  The comparison
itself is the conformance corpus's (``tests.conformance.runner.compare``), with TLC's exit code added.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

from tests.conformance.runner import REPO, Outcome, compare

HERE = Path(__file__).resolve().parent
RATCHET = HERE / "ratchet.txt"
TIMEOUT = 60.0

# TLC's options that do not change an answer: the harness's fingerprint index, seed and liveness
# schedule, coverage reports, warnings, and the bound on the size of a set TLC prints.
NEUTRAL = {"-fp": 1, "-seed": 1, "-lncheck": 1, "-coverage": 1, "-nowarning": 0, "-maxSetSize": 1, "-view": 0}


def corpus_dir() -> Path | None:
    """The corpus (``../shared/tlc-regression`` or $MCHECK_TLC_REGRESSION), read in place."""
    env = os.environ.get("MCHECK_TLC_REGRESSION")
    p = Path(env) if env else REPO.parent / "shared" / "tlc-regression"
    return p if (p / "models.json").exists() else None


def models() -> list[dict]:
    d = corpus_dir()
    return [] if d is None else json.loads((d / "models.json").read_text())


def model_id(m: dict) -> str:
    """``dir/cfg`` (the .cfg names the model: one module may have several)."""
    name = m["cfg"] or m["tla"]
    return name if m["dir"] == "." else f"{m['dir']}/{name}"


KNOWN = HERE / "known_differences.txt"


def _listed(path: Path) -> dict[str, str]:
    """``model  # note`` lines (``#`` lines are comments) as {model: note}."""
    if not path.exists():
        return {}
    out = {}
    for ln in path.read_text().splitlines():
        if ln.strip() and not ln.startswith("#"):
            model, _, note = ln.partition("#")
            out[model.strip()] = note.strip()
    return out


def ratchet(slow: bool = False) -> list[str]:
    """The models that agree with TLC: CI checks they still agree, except those marked ``# slow``
    (over about 20 s here), unless ``slow``."""
    return [m for m, note in _listed(RATCHET).items() if slow or not note.startswith("slow")]


def known_differences() -> dict[str, str]:
    """Every model that does not agree, with its difference (or why it cannot agree)."""
    return _listed(KNOWN)


def options(args: list[str]) -> dict:
    """TLC's command-line options as ``check_spec`` keywords; an option with no counterpart raises."""
    kw: dict = {}
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-deadlock":
            kw["no_deadlock"] = True
        elif a == "-continue":
            kw["keep_going"] = True
        elif a in NEUTRAL:
            i += NEUTRAL[a]
        else:
            raise ValueError(f"TLC's option {a} has no counterpart in mcheck")
        i += 1
    return kw


def _child(m: dict, conn) -> None:
    """In the forked child: check the model from its folder, send back the comparison."""
    from mcheck.checker.run import check_spec
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # what the spec prints (Print, PrintT) stays out of the table
    sys.stdout = open(1, "w", closefd=False)
    d = corpus_dir() / "test-model" / m["dir"]
    os.chdir(d)
    tlc = m["tlc"]
    want = {k: tlc.get(k) for k in ("result", "exit_code", "violated", "trace_length", "distinct_states",
                                     "depth")}
    t0 = time.monotonic()
    try:
        r = check_spec(str(d / m["tla"]), str(d / m["cfg"]) if m["cfg"] else None, **options(m["args"]))
        out = compare(model_id(m), r, want, time.monotonic() - t0)
    except BaseException as err:  # a crash is a failed model, reported, not a stopped run
        import traceback
        tb = traceback.format_exc().splitlines()
        out = Outcome(model_id(m), False, tlc["result"], "crash", time.monotonic() - t0,
                      f"{type(err).__name__}: {str(err)[:300]} at {' | '.join(tb[-4:-1])}")
    conn.send(out)
    conn.close()


def run_model(m: dict, timeout: float = TIMEOUT) -> Outcome:
    """One model's comparison, or a failed one when it takes longer than ``timeout`` seconds."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    t0 = time.monotonic()
    p = ctx.Process(target=_child, args=(m, send), daemon=True)
    p.start()
    send.close()
    try:
        if recv.poll(timeout):
            return recv.recv()
        p.kill()
        return Outcome(model_id(m), False, m["tlc"]["result"], "timeout", time.monotonic() - t0,
                       f"no answer in {timeout:.0f} s")
    except EOFError:
        return Outcome(model_id(m), False, m["tlc"]["result"], "crash", time.monotonic() - t0,
                       f"the child died (exit {p.exitcode})")
    finally:
        p.join(5)
        recv.close()
