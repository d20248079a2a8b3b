"""Benchmark: safety speed on TwoPhase (5, 6, 7 resource managers) and MCLamportMutex, and the cost
of liveness checking on three models with temporal properties.

    python benchmarks/run.py [--quick] [--only NAME] [--profile NAME]

Each model runs in a fresh Python process, so the peak memory (maximum resident set size) printed
for it is its own.  The TwoPhase models use the corpus's transaction_commit/TwoPhase.tla with RM set
by a generated .cfg (written to a temporary folder of symlinks to the corpus files).

The liveness rows run each model twice: once with its .cfg as it is, and once with the PROPERTY
section removed (safety alone), and print the difference in time and memory.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mcheck.checker.run import check_spec  # noqa: E402

CFG_KEYWORDS = ("CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
                "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "ALIAS", "CONSTRAINT", "CONSTRAINTS",
                "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "CHECK_DEADLOCK", "POSTCONDITION")


def corpus() -> Path:
    env = os.environ.get("MCHECK_CONFORMANCE")
    return Path(env) if env else REPO.parent / "shared" / "conformance"


def twophase_cfg(n: int, folder: Path) -> Path:
    rms = ", ".join(f"r{i}" for i in range(1, n + 1))
    cfg = folder / f"TwoPhase{n}.cfg"
    cfg.write_text(f"CONSTANT RM = {{{rms}}}\nINIT TPInit\nNEXT TPNext\nINVARIANT TPTypeOK\n")
    return cfg


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
    t0 = time.monotonic()
    r = check_spec(tla, cfg)
    secs = time.monotonic() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"result": r.result, "distinct": r.distinct_states, "generated": r.states_generated,
                      "depth": r.depth, "seconds": secs, "peak_mb": peak_kb / 1024}))


def safety_row(name: str, tla: Path, cfg: Path, profile: bool) -> None:
    if profile:
        prof = cProfile.Profile()
        t0 = time.monotonic()
        r = prof.runcall(check_spec, str(tla), str(cfg))
        m = {"result": r.result, "distinct": r.distinct_states, "generated": r.states_generated,
             "depth": r.depth, "seconds": time.monotonic() - t0, "peak_mb": float("nan")}
    else:
        m = measure(tla, cfg)
    print(f"{name:18} {m['result']:10} {m['distinct']:>9} distinct {m['generated']:>10} generated "
          f"depth {m['depth']:>3} {m['seconds']:8.2f} s {m['distinct'] / m['seconds']:10.0f} states/s "
          f"{m['peak_mb']:7.0f} MB", flush=True)
    if profile:
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)


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
    ap.add_argument("--quick", action="store_true", help="only TwoPhase 5 and 6, and one liveness model")
    ap.add_argument("--only", default=None, help="run only the model with this name")
    ap.add_argument("--profile", default=None, help="profile the model with this name (in this process)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    c = corpus()
    wanted = (lambda n: args.only in (None, n))
    tp = c / "specifications" / "transaction_commit"
    print("safety")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for f in tp.glob("*.tla"):
            (folder / f.name).symlink_to(f)
        for n in (5, 6) if args.quick else (5, 6, 7):
            if wanted(f"TwoPhase{n}"):
                cfg = twophase_cfg(n, folder)
                safety_row(f"TwoPhase{n}", folder / "TwoPhase.tla", cfg, args.profile == f"TwoPhase{n}")
        lm = c / "specifications" / "lamport_mutex"
        if not args.quick and wanted("MCLamportMutex"):
            safety_row("MCLamportMutex", lm / "MCLamportMutex.tla", lm / "MCLamportMutex.cfg",
                       args.profile == "MCLamportMutex")
        print("the cost of liveness")
        live = [("Conversation", REPO / "specs" / "llm" / "Conversation.tla", REPO / "specs" / "llm" / "Conversation.cfg")]
        if not args.quick:
            sp = c / "specifications"
            live += [("ReadersWriters", sp / "ReadersWriters" / "MC.tla", sp / "ReadersWriters" / "MC.cfg"),
                     ("MCLiveWriteThroughCache", sp / "SpecifyingSystems" / "Liveness" / "MCLiveWriteThroughCache.tla",
                      sp / "SpecifyingSystems" / "Liveness" / "MCLiveWriteThroughCache.cfg")]
        for name, tla, cfg in live:
            if wanted(name):
                liveness_row(name, tla, cfg, folder)


if __name__ == "__main__":
    main()
