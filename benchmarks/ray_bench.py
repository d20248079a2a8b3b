"""Benchmark for the Ray issue: Ray with 2 actors, ``--workers 2`` and ``--workers 1``.

    PYTHONPATH=. python3 benchmarks/ray_bench.py [--models twophase7,lamport] [--ray ADDRESS] [--how ray,2,1]

On TwoPhase 7 (the corpus's TwoPhase.tla with RM = {r1..r7}, in a temporary folder of symlinks)
and MCLamportMutex: wall time, distinct states, states per second and, for Ray, the time per level
spent outside the slowest shard's computing (the exchange: Ray's calls, pickling, the driver's
numpy work), and the cost of one empty round trip to both actors.  Ray runs on ``--ray`` (default
``auto``: the running cluster, else a local one on this machine).  Each run is in this process
(the driver), one after the other; the cluster is started once, before the first timed run, and
its start-up is reported apart.  Markdown tables go to stdout.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mcheck.checker.parallel import ShardWorker  # noqa: E402
from mcheck.checker.run import check_spec  # noqa: E402
from mcheck.semantics.load import Recipe  # noqa: E402


def corpus() -> Path:
    return Path(os.environ.get("MCHECK_CONFORMANCE", REPO.parent / "shared" / "conformance")) / "specifications"


def twophase(tmp: Path, n: int) -> tuple[str, str]:
    for f in (corpus() / "transaction_commit").glob("*.tla"):
        (tmp / f.name).symlink_to(f)
    rms = ", ".join(f"r{i}" for i in range(1, n + 1))
    (tmp / f"TwoPhase{n}.cfg").write_text(f"CONSTANT RM = {{{rms}}}\nINIT TPInit\nNEXT TPNext\nINVARIANT TPTypeOK\n")
    return str(tmp / "TwoPhase.tla"), str(tmp / f"TwoPhase{n}.cfg")


def lamport() -> tuple[str, str]:
    d = corpus() / "lamport_mutex"
    return str(d / "MCLamportMutex.tla"), str(d / "MCLamportMutex.cfg")


def round_trip(address: str, tla: str, cfg: str, k: int = 200) -> float:
    """Seconds for one empty call to both actors (median of ``k``)."""
    from mcheck.checker.raytransport import RayTransport
    t = RayTransport(ShardWorker, (Recipe.of(tla, cfg), True, False, 2), 2, address)
    try:
        times = []
        for _ in range(k):
            t0 = time.perf_counter()
            t.call("take", [([],), ([],)])
            times.append(time.perf_counter() - t0)
        return statistics.median(times)
    finally:
        t.close()


def run(label: str, tla: str, cfg: str, how: str, address: str) -> list:
    from mcheck.checker.raytransport import connector
    levels, started = [], []
    start = connector(address, on_level=levels.append)

    def remember(factory, args, n):
        started.append(start(factory, args, n))
        return started[-1]

    t0 = time.perf_counter()
    if how == "ray":
        r = check_spec(tla, cfg, workers=2, connect=remember)
    else:
        r = check_spec(tla, cfg, workers=int(how))
    wall = time.perf_counter() - t0
    row = [label, {"ray": "Ray, 2 actors", "2": "--workers 2", "1": "--workers 1"}[how], r.result,
           f"{r.distinct_states:,}", str(r.depth), f"{wall:.1f}", f"{r.distinct_states / wall:,.0f}"]
    if levels:
        ex = [lv.exchange for lv in levels]
        calls = sum(lv.calls for lv in levels)
        row += [f"{sum(ex):.1f}", f"{statistics.mean(ex) * 1000:.0f} / {max(ex) * 1000:.0f}",
                f"{sum(ex) / calls * 1000:.1f}", f"{sum(lv.compute for lv in levels):.1f}",
                f"{started[0].startup:.1f}"]
    else:
        row += ["", "", "", "", ""]
    print(f"  {label} {row[1]}: {wall:.1f} s", file=sys.stderr, flush=True)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="twophase7,lamport")
    ap.add_argument("--ray", default="auto")
    ap.add_argument("--how", default="ray,2,1", help="which runs: ray (2 actors), 2 and 1 (--workers)")
    args = ap.parse_args()
    from mcheck.checker.raytransport import connect
    tmp = Path(tempfile.mkdtemp(prefix="ray-bench-"))
    models = {"twophase7": ("TwoPhase 7", *twophase(tmp, 7)), "lamport": ("MCLamportMutex", *lamport())}
    chosen = [models[m] for m in args.models.split(",")]
    t0 = time.perf_counter()
    connect(args.ray)
    started = time.perf_counter() - t0
    rt = round_trip(args.ray, chosen[0][1], chosen[0][2])
    print(f"Cluster start-up or connection: {started:.1f} s; one empty call to both actors: "
          f"{rt * 1000:.2f} ms (median of 200)\n")
    head = ["model", "how", "result", "distinct", "depth", "wall s", "states/s", "exchange s",
            "exchange per level ms (mean / max)", "exchange per call ms", "slowest shard computing s", "actors' start s"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for label, tla, cfg in chosen:
        for how in args.how.split(","):
            print("| " + " | ".join(run(label, tla, cfg, how, args.ray)) + " |", flush=True)


if __name__ == "__main__":
    main()
