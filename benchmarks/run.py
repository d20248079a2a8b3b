"""Benchmark: TwoPhase with 5, 6 and 7 resource managers, and MCLamportMutex, from the corpus.

    python benchmarks/run.py [--quick] [--profile NAME]

Prints distinct states, seconds and distinct states per second for each model.
The TwoPhase models use the corpus's transaction_commit/TwoPhase.tla with RM set by a generated
.cfg (written to a temporary folder next to a copy-free symlink of the spec folder).
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mcheck.checker.run import check_spec  # noqa: E402


def corpus() -> Path:
    env = os.environ.get("MCHECK_CONFORMANCE")
    return Path(env) if env else REPO.parent / "shared" / "conformance"


def twophase_cfg(n: int, folder: Path) -> Path:
    rms = ", ".join(f"r{i}" for i in range(1, n + 1))
    cfg = folder / f"TwoPhase{n}.cfg"
    cfg.write_text(f"CONSTANT RM = {{{rms}}}\nINIT TPInit\nNEXT TPNext\nINVARIANT TPTypeOK\n")
    return cfg


def run(name: str, tla: Path, cfg: Path, profile: bool) -> None:
    t0 = time.monotonic()
    if profile:
        prof = cProfile.Profile()
        r = prof.runcall(check_spec, str(tla), str(cfg))
    else:
        r = check_spec(str(tla), str(cfg))
    secs = time.monotonic() - t0
    print(f"{name:18} {r.result:10} {r.distinct_states:>9} distinct {r.states_generated:>10} generated "
          f"depth {r.depth:>3} {secs:8.2f} s {r.distinct_states / secs:10.0f} states/s", flush=True)
    if profile:
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="only TwoPhase 5 and 6")
    ap.add_argument("--profile", default=None, help="profile the model with this name")
    args = ap.parse_args()
    c = corpus()
    tp = c / "specifications" / "transaction_commit"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for f in tp.glob("*.tla"):
            (folder / f.name).symlink_to(f)
        for n in (5, 6) if args.quick else (5, 6, 7):
            cfg = twophase_cfg(n, folder)
            run(f"TwoPhase{n}", folder / "TwoPhase.tla", cfg, args.profile == f"TwoPhase{n}")
    if not args.quick:
        lm = c / "specifications" / "lamport_mutex"
        run("MCLamportMutex", lm / "MCLamportMutex.tla", lm / "MCLamportMutex.cfg", args.profile == "MCLamportMutex")


if __name__ == "__main__":
    main()
