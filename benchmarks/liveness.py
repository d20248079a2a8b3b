"""Benchmark: the cost of liveness checking on three models with temporal properties.

    PYTHONPATH=. python3 benchmarks/liveness.py [--quick] [--only NAME]

Each model runs twice, each time in a fresh Python process (so the peak memory printed is its own):
once with its .cfg as it is, and once with the PROPERTY section removed (safety alone); the
difference in time and memory is what checking the properties costs.  (These rows were part of
benchmarks/run.py before it became the TLC comparison table of issue 15.)
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CFG_KEYWORDS = ("CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
                "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "ALIAS", "CONSTRAINT", "CONSTRAINTS",
                "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK", "POSTCONDITION")


def corpus() -> Path:
    env = os.environ.get("MCHECK_CONFORMANCE")
    return Path(env) if env else REPO.parent / "shared" / "conformance"


def without_properties(cfg_text: str) -> str:
    """The .cfg text with its PROPERTY/PROPERTIES sections removed (comments are kept as they are)."""
    out, skipping = [], False
    for line in cfg_text.splitlines():
        word = re.match(r"\s*([A-Z_]+)", line)
        if word and word.group(1) in CFG_KEYWORDS:
            skipping = word.group(1) in ("PROPERTY", "PROPERTIES")
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


def measure(tla: Path, cfg: Path) -> dict:
    """Check one model in a child process; its result, seconds and peak memory in MB."""
    child = subprocess.run([sys.executable, __file__, "--child", str(tla), str(cfg)],
                           capture_output=True, text=True, check=True)
    return json.loads(child.stdout.strip().splitlines()[-1])


def child(tla: str, cfg: str) -> None:
    import resource
    from mcheck.checker.run import check_spec
    t0 = time.monotonic()
    r = check_spec(tla, cfg)
    secs = time.monotonic() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"result": r.result, "distinct": r.distinct_states, "generated": r.states_generated,
                      "depth": r.depth, "seconds": secs, "peak_mb": peak_kb / 1024}))


def liveness_row(name: str, tla: Path, cfg: Path, folder: Path) -> None:
    """The model with its temporal properties, then without them."""
    with_live = measure(tla, cfg)
    # the safety-only .cfg must sit next to the spec, so link the spec's folder into ours
    here = folder / name
    here.mkdir()
    for f in tla.parent.iterdir():
        if f.suffix == ".tla":
            (here / f.name).symlink_to(f)
    safe_cfg = here / "safety.cfg"
    safe_cfg.write_text(without_properties(cfg.read_text()))
    safety = measure(here / tla.name, safe_cfg)
    dt = with_live["seconds"] - safety["seconds"]
    dm = with_live["peak_mb"] - safety["peak_mb"]
    print(f"{name:24} {with_live['distinct']:>7} states  safety {safety['seconds']:7.2f} s {safety['peak_mb']:5.0f} MB"
          f"  with liveness {with_live['seconds']:7.2f} s {with_live['peak_mb']:5.0f} MB ({with_live['result']})"
          f"  cost +{dt:.2f} s +{dm:.0f} MB", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="only the Conversation model")
    ap.add_argument("--only", default=None, help="run only the model with this name")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    live = [("Conversation", REPO / "specs" / "llm" / "Conversation.tla", REPO / "specs" / "llm" / "Conversation.cfg")]
    if not args.quick:
        sp = corpus() / "specifications"
        live += [("ReadersWriters", sp / "ReadersWriters" / "MC.tla", sp / "ReadersWriters" / "MC.cfg"),
                 ("MCLiveWriteThroughCache", sp / "SpecifyingSystems" / "Liveness" / "MCLiveWriteThroughCache.tla",
                  sp / "SpecifyingSystems" / "Liveness" / "MCLiveWriteThroughCache.cfg")]
    print("the cost of liveness")
    with tempfile.TemporaryDirectory() as tmp:
        for name, tla, cfg in live:
            if args.only in (None, name):
                liveness_row(name, tla, cfg, Path(tmp))


if __name__ == "__main__":
    main()
