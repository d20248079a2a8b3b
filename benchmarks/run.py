"""Benchmark (issue 15): mcheck against TLC on the benchmark models, as a markdown table.

    PYTHONPATH=. python3 benchmarks/run.py [--only NAME ...] [--workers 1|2|both] [--quick]
                                           [--timeout SECONDS] [--profile NAME]

Models (names for ``--only``, repeatable or a comma list, case-insensitive): DieHard (start-up),
TwoPhase6, TwoPhase7, MCLamportMutex, Disruptor_MPMC, btree, TLCSailfish1, EWD998PCal.  ``--quick``:
DieHard and TwoPhase6 only.  ``--workers``: mcheck at one worker, with ``--workers 2``, or both
(the default).

TLC's figures come from ../shared/perf/benchmark-tlc.tsv (see its README: TLC 17 with -workers 1,
each model from a scratch copy of its corpus folder, wall time of the whole run with JVM start-up).
TLC's wall is the ``tlc_wall_s_quiet`` column where the TSV has one (nothing else on the machine),
else ``tlc_wall_s`` (one other job sharing it); the table says which.

Each mcheck run is the command line, ``mcheck check SPEC -c CFG --json [--workers N]``, in a fresh
process (``scale.run_once``), timed by wall clock from start to exit (Python start-up included, as
TLC's times include the JVM's).  CPU is that process's user + system time and its reaped workers'
(``os.wait4``); peak RSS is its own ``ru_maxrss`` (with workers, the largest worker is a column of
its own).  ``ratio wall`` is mcheck's wall / TLC's; ``ratio CPU`` is mcheck's CPU / TLC's wall, the
one to read on a loaded machine (the TSV has no CPU figure for TLC).

Distinct states must equal the TSV's figure: a mismatch (or a run that fails) is printed loudly on
stderr, marked in the table, and the script exits with status 1.

``--profile NAME`` checks that one model at one worker under cProfile in this process instead and
prints the top functions (no table).
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from scale import Run, run_once  # noqa: E402


def corpus() -> Path:
    env = os.environ.get("MCHECK_CONFORMANCE")
    return Path(env) if env else REPO.parent / "shared" / "conformance"


def default_tsv() -> Path:
    return corpus().parent / "perf" / "benchmark-tlc.tsv"


@dataclass(frozen=True)
class Bench:
    """A benchmark model: its key for --only, its name in the TSV, and where its spec and .cfg are.
    ``cfg_text``: a .cfg written for the run (in a folder of links to the corpus folder's files)."""
    key: str
    name: str
    folder: str
    spec: str
    cfg: str | None = None
    cfg_text: str | None = None


def _twophase(n: int) -> Bench:
    rms = ", ".join(f"r{i}" for i in range(1, n + 1))
    return Bench(f"TwoPhase{n}", f"TwoPhase RM={n}", "transaction_commit", "TwoPhase.tla",
                 cfg_text=f"CONSTANT RM = {{{rms}}}\nINVARIANT TPTypeOK\nSPECIFICATION TPSpec\n")


MODELS = [
    Bench("DieHard", "DieHard (start-up)", "DieHard", "DieHard.tla",
          cfg_text="INIT Init\nNEXT Next\nINVARIANT TypeOK\n"),
    _twophase(6),
    _twophase(7),
    Bench("MCLamportMutex", "MCLamportMutex", "lamport_mutex", "MCLamportMutex.tla", "MCLamportMutex.cfg"),
    Bench("Disruptor_MPMC", "Disruptor_MPMC", "Disruptor", "Disruptor_MPMC.tla", "Disruptor_MPMC.cfg"),
    Bench("btree", "btree", "btree", "btree.tla", "btree.cfg"),
    Bench("TLCSailfish1", "TLCSailfish1", "dag-consensus", "TLCSailfish1.tla", "TLCSailfish1.cfg"),
    Bench("EWD998PCal", "EWD998PCal", "ewd998", "EWD998PCal.tla", "EWD998PCal.cfg"),
]
QUICK = ("DieHard", "TwoPhase6")


@dataclass(frozen=True)
class TlcFigures:
    """TLC's figures for one model, from the TSV; ``column`` names the one ``wall_s`` was read from."""
    distinct: int
    wall_s: float
    column: str
    peak_mb: float | None


def read_tlc(text: str) -> dict[str, TlcFigures]:
    """TLC's figures per model name from benchmark-tlc.tsv's text: the quiet wall where there is one."""
    out = {}
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        quiet = (row.get("tlc_wall_s_quiet") or "").strip()
        column = "tlc_wall_s_quiet" if quiet else "tlc_wall_s"
        peak = (row.get("tlc_peak_mb") or "").strip()
        out[row["model"]] = TlcFigures(int(row["distinct_states"]), float(row[column]), column,
                                       float(peak) if peak else None)
    return out


def select(only: list[str], quick: bool) -> list[Bench]:
    """The models asked for, in the table's order; an unknown name is an error that lists the names."""
    keys = [k.strip().lower() for item in only for k in item.split(",") if k.strip()]
    if quick:
        keys += [k.lower() for k in QUICK]
    if not keys:
        return list(MODELS)
    known = {m.key.lower() for m in MODELS} | {m.name.lower() for m in MODELS}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise SystemExit(f"unknown model {', '.join(unknown)}: expected one of {', '.join(m.key for m in MODELS)}")
    return [m for m in MODELS if m.key.lower() in keys or m.name.lower() in keys]


@dataclass
class Row:
    """One line of the table: a model at a number of workers, mcheck's run beside TLC's figures."""
    bench: Bench
    workers: int
    run: Run
    tlc: TlcFigures | None

    def problem(self) -> str | None:
        """Why this row is not a correct run (a failure, or distinct states other than TLC's), or None."""
        r = self.run
        if not r.ok or r.result != "success":
            return f"{r.result}" + (f": {r.error}" if r.error else "")
        if self.tlc is None:
            return "no TLC figure in the TSV"
        if r.distinct != self.tlc.distinct:
            return f"DISTINCT STATES {r.distinct} != TLC's {self.tlc.distinct}"
        return None


HEADERS = ["model", "workers", "TLC wall s", "TLC column", "mcheck wall s", "mcheck CPU s", "ratio wall",
           "ratio CPU", "peak RSS MB", "largest worker MB", "distinct", "check"]


def _fmt(x: float | None, digits: int = 1) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def format_table(rows: list[Row]) -> str:
    """The markdown table: one line per row.  ``ratio wall`` is mcheck's wall / TLC's; ``ratio CPU`` is
    mcheck's CPU / TLC's wall, the figure to read when other jobs share the machine (TLC's CPU is not
    in the TSV)."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join("---" for _ in HEADERS) + "|"]
    for row in rows:
        r, t = row.run, row.tlc
        ratio = r.seconds / t.wall_s if t is not None and r.ok else None
        cpu_ratio = r.cpu_s / t.wall_s if t is not None and r.ok else None
        bad = row.problem()
        cells = [row.bench.name, str(row.workers), _fmt(t.wall_s if t else None),
                 t.column if t else "-",
                 _fmt(r.seconds), _fmt(r.cpu_s), _fmt(ratio, 2), _fmt(cpu_ratio, 2), _fmt(r.rss_mb, 0),
                 _fmt(r.worker_max_mb, 0), "-" if r.distinct is None else f"{r.distinct:,}",
                 "ok" if bad is None else f"**FAIL: {bad}**"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _files(bench: Bench, scratch: Path) -> tuple[Path, Path]:
    """The spec and .cfg to check: the corpus's, or links to its folder beside a written .cfg."""
    folder = corpus() / "specifications" / bench.folder
    if bench.cfg_text is None:
        return folder / bench.spec, folder / bench.cfg
    here = scratch / bench.key
    here.mkdir()
    for f in folder.iterdir():
        (here / f.name).symlink_to(f)
    cfg = here / f"{bench.key}.cfg"
    cfg.write_text(bench.cfg_text)
    return here / bench.spec, cfg


def profile(bench: Bench, scratch: Path) -> None:
    """One model at one worker under cProfile, in this process: the top functions by own time."""
    sys.path.insert(0, str(REPO))
    from mcheck.checker.run import check_spec
    tla, cfg = _files(bench, scratch)
    prof = cProfile.Profile()
    out = prof.runcall(check_spec, str(tla), str(cfg))
    print(f"{bench.name}: {out.result}, {out.distinct_states} distinct states")
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append", default=[], metavar="NAME", help="a model (repeatable, or a comma list)")
    ap.add_argument("--workers", choices=("1", "2", "both"), default="both")
    ap.add_argument("--quick", action="store_true", help="DieHard and TwoPhase6 only")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds before a run is killed")
    ap.add_argument("--tsv", type=Path, default=None, help="TLC's figures (default ../shared/perf/benchmark-tlc.tsv)")
    ap.add_argument("--profile", default=None, metavar="NAME", help="cProfile one model in this process")
    args = ap.parse_args()
    tlc = read_tlc((args.tsv or default_tsv()).read_text())
    counts = [1, 2] if args.workers == "both" else [int(args.workers)]
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile:
            profile(select([args.profile], False)[0], Path(tmp))
            return
        rows = []
        for bench in select(args.only, args.quick):
            tla, cfg = _files(bench, Path(tmp))
            for n in counts:
                print(f"  {bench.name} --workers {n} ...", file=sys.stderr, flush=True)
                row = Row(bench, n, run_once(tla, cfg, ["--workers", str(n)], args.timeout), tlc.get(bench.name))
                bad = row.problem()
                print(f"    {row.run.seconds:.1f} s wall, {row.run.cpu_s:.1f} s CPU, {row.run.distinct} distinct"
                      + (f"\n!!!!! {bench.name} --workers {n}: {bad} !!!!!" if bad else ""), file=sys.stderr, flush=True)
                rows.append(row)
    print(format_table(rows), end="", flush=True)
    sys.exit(1 if any(r.problem() for r in rows) else 0)


if __name__ == "__main__":
    main()
