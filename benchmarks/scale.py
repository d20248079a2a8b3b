"""Benchmark for the issue "Scale on one machine": memory, speed and a ten-million-state model.

    PYTHONPATH=. python3 benchmarks/scale.py [--only memory|speed|ten-million] [--quick]
                                             [--repeat K] [--timeout SECONDS]

Tables go to stdout in markdown (to paste into a closing note); progress goes to stderr.  With no
``--only`` the sections ``memory`` and ``speed`` run; ``ten-million`` runs only when asked for
(``--only ten-million``: 9.8 million states, minutes rather than seconds; progress every 5 s).
``--quick`` runs small stand-in models (a smoke test of under a minute): its figures say nothing
about the targets, which it does not judge.

Sections:

- ``memory``: TwoPhase 7 with the fingerprint store (the default) and with ``--exact``: distinct
  states, the store's bytes and bytes per state (from the JSON ``store`` object), peak RSS and time;
  then PaxosCommit and cf1s_folklore (liveness) with the default store: distinct and depth beside
  TLC's (models.json), peak RSS, time and store bytes per state.  Targets: TwoPhase 7 <= 100 MB,
  PaxosCommit <= 400 MB, cf1s <= 800 MB, store <= 40 B/state.
- ``speed``: ``--workers 1`` against ``--workers 2`` on TwoPhase 7, MCLamportMutex and btree: times,
  speed-up (target >= 1.7x) and whether the two agree on distinct states and depth; then
  fingerprints against ``--exact`` at one worker on TwoPhase 6 and 7 (target: fingerprints at most
  10% slower), with TLC's time from ../shared/perf/benchmark-tlc.tsv and the mcheck/TLC ratio.
- ``ten-million``: a generated spec (four variables in 0..55, each action increments one mod 56:
  56^4 = 9,834,496 states, checked against the count) with the default store: distinct, depth,
  peak RSS (target: under 1.5 GB), time and store bytes per state.

Every measurement runs ``mcheck check ... --json`` in a fresh process (through a small wrapper that
calls ``mcheck.cli.main:main``), timed by wall clock; its peak RSS is the process's own maximum
resident set size from ``os.wait4``.  With ``--workers N`` the workers are that process's children:
the wrapper reports its RUSAGE_CHILDREN maximum (the largest worker), and the benchmark samples
each worker's VmHWM (peak RSS) in /proc every 0.2 s and adds them up (the workers' total).  With
``--repeat K`` each model runs K times; the time is the smallest, the memory the largest.  A model
that takes longer than ``--timeout`` seconds is killed and reported as a timeout.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

# runs mcheck's command line, then says on stderr how much memory it and its children (workers) used
WRAPPER = """\
import json, resource, sys
from mcheck.cli.main import main
code = 0
try:
    main()
except SystemExit as e:
    code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
finally:
    sys.stdout.flush()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("@@scale-rusage " + json.dumps({"children_kb": kids}), file=sys.stderr, flush=True)
sys.exit(code)
"""


def corpus() -> Path:
    env = os.environ.get("MCHECK_CONFORMANCE")
    return Path(env) if env else REPO.parent / "shared" / "conformance"


def perf_dir() -> Path:
    return corpus().parent / "perf"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------- one measurement

@dataclass
class Run:
    """One model checked once (or the best of several runs)."""
    result: str = "?"
    distinct: int | None = None
    depth: int | None = None
    store: dict = field(default_factory=dict)
    seconds: float = 0.0
    rss_mb: float = 0.0                 # the checking process's own peak RSS
    cpu_s: float = 0.0                  # user + system CPU of the process and its (reaped) workers
    worker_max_mb: float | None = None  # the largest worker's peak RSS (RUSAGE_CHILDREN)
    worker_sum_mb: float | None = None  # the workers' peak RSS added up (sampled VmHWM)
    timed_out: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.error is None

    def store_bytes(self) -> int | None:
        """The store's bytes; None for the exact store, which does not measure its Python objects."""
        st = self.store
        return None if st.get("kind") == "exact" and not st.get("bytes") else st.get("bytes")

    def b_per_state(self) -> float | None:
        b = self.store_bytes()
        return b / self.store["states"] if b is not None and self.store.get("states") else None


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(x) for x in text.split()]
    except OSError:
        return []


def _sample_workers(pid: int, stop: threading.Event, peaks: dict[int, int]) -> None:
    """Each worker's VmHWM (kB), as last seen, until ``stop``: workers are mcheck's spawned children."""
    while not stop.wait(0.2):
        for kid in _children(pid):
            try:
                if b"spawn_main" not in Path(f"/proc/{kid}/cmdline").read_bytes():
                    continue
                for line in Path(f"/proc/{kid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[kid] = max(peaks.get(kid, 0), int(line.split()[1]))
            except (OSError, ValueError):
                pass


def _read_stderr(stream, lines: list[str], echo: bool) -> None:
    for line in stream:
        lines.append(line)
        if echo and line.startswith("Progress("):
            log("    " + line.rstrip())


def run_once(tla: Path, cfg: Path, flags: list[str], timeout: float, echo: bool = False) -> Run:
    """Check one model in a fresh process: its JSON result, wall time and memory."""
    cmd = [sys.executable, "-c", WRAPPER, "check", str(tla), "-c", str(cfg), "--json", *flags]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                         start_new_session=True)
    out: list[str] = []
    err: list[str] = []
    peaks: dict[int, int] = {}
    stop = threading.Event()
    threads = [threading.Thread(target=lambda: out.append(p.stdout.read()), daemon=True),
               threading.Thread(target=_read_stderr, args=(p.stderr, err, echo), daemon=True),
               threading.Thread(target=_sample_workers, args=(p.pid, stop, peaks), daemon=True)]
    waited: list = []
    waiter = threading.Thread(target=lambda: waited.append(os.wait4(p.pid, 0)), daemon=True)
    for t in threads + [waiter]:
        t.start()
    waiter.join(timeout)
    run = Run()
    if not waited:   # too long: kill the process and its workers (its own session)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:   # it ended just now
            pass
        waiter.join()
        run.timed_out, run.result = True, "timeout"
    run.seconds = time.monotonic() - t0
    stop.set()
    for t in threads:
        t.join(5)
    p.stdout.close()
    p.stderr.close()
    _, status, usage = waited[0]
    p.returncode = os.waitstatus_to_exitcode(status)
    run.rss_mb = usage.ru_maxrss / 1024
    run.cpu_s = usage.ru_utime + usage.ru_stime
    if run.timed_out:
        return run
    return _parse(run, "".join(out), err, peaks, flags)


def _parse(run: Run, stdout: str, err: list[str], peaks: dict[int, int], flags: list[str]) -> Run:
    """Fill ``run`` from the child's JSON (stdout) and the wrapper's rusage line (stderr)."""
    kids_kb = None
    for line in err:
        if line.startswith("@@scale-rusage "):
            kids_kb = json.loads(line.split(" ", 1)[1])["children_kb"]
    lines = stdout.strip().splitlines()
    try:
        j = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = "".join(x for x in err if not x.startswith(("@@", "Progress(")))[-400:]
        run.result, run.error = "crash", tail.strip() or "no JSON output"
        return run
    run.result, run.distinct, run.depth = j["result"], j["distinct_states"], j["depth"]
    run.store = j.get("store") or {}
    if j.get("error"):
        run.error = str(j["error"])[:300]
    if "--workers" in flags and flags[flags.index("--workers") + 1] != "1":
        run.worker_max_mb = kids_kb / 1024 if kids_kb is not None else None
        run.worker_sum_mb = sum(peaks.values()) / 1024 if peaks else None
    return run


def measure(name: str, tla: Path, cfg: Path, flags: list[str], args, echo: bool = False) -> Run:
    """``args.repeat`` runs of one model: the smallest time, the largest memory."""
    best: Run | None = None
    for i in range(args.repeat):
        log(f"  {name} {' '.join(flags) or '(default store)'} (run {i + 1}/{args.repeat}) ...")
        r = run_once(tla, cfg, flags, args.timeout, echo)
        log(f"    {r.result}, {r.distinct} distinct, {r.seconds:.1f} s, {r.rss_mb:.0f} MB"
            + (f": {r.error}" if r.error else ""))
        if not r.ok:
            return r
        if best is None:
            best = r
        else:
            best.seconds = min(best.seconds, r.seconds)
            best.rss_mb = max(best.rss_mb, r.rss_mb)
            for f in ("worker_max_mb", "worker_sum_mb"):
                if getattr(r, f) is not None:
                    setattr(best, f, max(getattr(best, f) or 0.0, getattr(r, f)))
    return best


# ---------------------------------------------------------------------------------- reference figures

def tlc_models() -> dict[str, dict]:
    """TLC's figures per .cfg (its path under the corpus), from models.json."""
    data = json.loads((corpus() / "models.json").read_text())
    return {m["cfg"]: (m.get("tlc") or m) for m in data}


def tlc_times() -> dict[str, tuple[float, str]]:
    """TLC's wall time per benchmark model: the quiet figure where there is one."""
    out = {}
    path = perf_dir() / "benchmark-tlc.tsv"
    if not path.exists():
        return out
    with path.open() as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row.get("tlc_wall_s_quiet"):
                out[row["model"]] = (float(row["tlc_wall_s_quiet"]), "quiet")
            elif row.get("tlc_wall_s"):
                out[row["model"]] = (float(row["tlc_wall_s"]), "shared")
    return out


# ---------------------------------------------------------------------------------- formatting

def table(headers: list[str], rows: list[list]) -> None:
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" for _ in headers) + "|")
    for r in rows:
        print("| " + " | ".join(str(x) for x in r) + " |")
    print(flush=True)


def num(x, fmt: str = ",") -> str:
    if x is None:
        return "–"
    return format(x, fmt)


def secs(r: Run) -> str:
    if r.timed_out:
        return f"timeout (> {r.seconds:.0f} s)"
    return f"{r.seconds:.2f}"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("yes" if ok else "**no**")


def judge(args, ok: bool | None) -> str:
    """A target met or not; not judged in a quick run (its models are stand-ins)."""
    return verdict(None if args.quick else ok)


def outcome(r: Run) -> str:
    """The result, with the start of any error, made fit for one table cell."""
    if r.error is None or r.result == "timeout":
        return r.result
    text = " ".join(r.error.split()).replace("|", "\\|")
    return f"{r.result}: {text[:100]}"


# ---------------------------------------------------------------------------------- models

class Models:
    """Paths of the benchmark models; TwoPhase N is the corpus's TwoPhase.tla with a generated .cfg
    in a temporary folder of symlinks."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.spec = corpus() / "specifications"
        self.tlc = tlc_models()
        self.times = tlc_times()
        self.tp = tmp / "twophase"
        self.tp.mkdir()
        for f in (self.spec / "transaction_commit").glob("*.tla"):
            (self.tp / f.name).symlink_to(f)

    def twophase(self, n: int) -> tuple[Path, Path]:
        cfg = self.tp / f"TwoPhase{n}.cfg"
        if not cfg.exists():
            rms = ", ".join(f"r{i}" for i in range(1, n + 1))
            cfg.write_text(f"CONSTANT RM = {{{rms}}}\nINIT TPInit\nNEXT TPNext\nINVARIANT TPTypeOK\n")
        return self.tp / "TwoPhase.tla", cfg

    def corpus_model(self, cfg_rel: str) -> tuple[Path, Path]:
        for m in json.loads((corpus() / "models.json").read_text()):
            if m["cfg"] == cfg_rel:
                return corpus() / m["tla"], corpus() / cfg_rel
        raise KeyError(cfg_rel)

    def tlc_time(self, name: str) -> tuple[float, str] | None:
        return self.times.get(name)


# ---------------------------------------------------------------------------------- memory

def memory_twophase(args, ms: Models) -> None:
    n = 5 if args.quick else 7
    tla, cfg = ms.twophase(n)
    print(f"### Memory: TwoPhase {n}, fingerprints against --exact\n")
    print("Peak RSS: the checking process's maximum resident set size. Store bytes: the JSON `store` "
          "object's (the fingerprint store's arrays; the exact store does not measure its Python "
          "tuples, so it shows –: compare the peak RSS).\n")
    rows = []
    for label, flags in (("fingerprints (default)", []), ("exact (`--exact`)", ["--exact"])):
        r = measure(f"TwoPhase{n}", tla, cfg, flags, args)
        bps = r.b_per_state()
        target = not flags and r.ok   # the targets are the default store's
        rows.append([label, outcome(r), num(r.distinct), num(r.store_bytes()), num(bps, ".1f"),
                     judge(args, bps <= 40 if target and bps is not None else None),
                     f"{r.rss_mb:.0f}", judge(args, r.rss_mb <= 100 if target else None), secs(r)])
    table(["store", "result", "distinct", "store bytes", "B/state", "<= 40 B/state",
           "peak RSS MB", "<= 100 MB", "time s"], rows)


def memory_corpus(args, ms: Models) -> None:
    if args.quick:   # small stand-ins: one safety model, one with liveness
        models = [("2PCwithBTM (quick stand-in)", "specifications/transaction_commit/2PCwithBTM.cfg", None),
                  ("ACP_NB_TLC (quick stand-in, liveness)", "specifications/acp/ACP_NB_TLC.cfg", None)]
    else:
        models = [("PaxosCommit", "specifications/transaction_commit/PaxosCommit.cfg", 400),
                  ("cf1s_folklore (liveness)", "specifications/cf1s-folklore/cf1s_folklore.cfg", 800)]
    print("### Memory: large corpus models, default store\n")
    print("Peak RSS: the checking process's maximum resident set size. TLC: distinct states and "
          "depth from models.json.\n")
    rows = []
    for name, cfg_rel, limit in models:
        tla, cfg = ms.corpus_model(cfg_rel)
        tlc = ms.tlc.get(cfg_rel, {})
        r = measure(name, tla, cfg, [], args)
        same = None if not r.ok else (r.distinct == tlc.get("distinct_states") and r.depth == tlc.get("depth"))
        bps = r.b_per_state()
        rows.append([name, outcome(r), num(r.distinct), num(tlc.get("distinct_states")), num(r.depth),
                     num(tlc.get("depth")), verdict(same), f"{r.rss_mb:.0f}",
                     f"{limit}" if limit else "–",
                     judge(args, None if limit is None or not r.ok else r.rss_mb <= limit),
                     secs(r), num(bps, ".1f"), judge(args, None if bps is None else bps <= 40)])
    table(["model", "result", "distinct", "TLC distinct", "depth", "TLC depth", "same as TLC",
           "peak RSS MB", "target MB", "met", "time s", "store B/state", "<= 40 B/state"], rows)


# ---------------------------------------------------------------------------------- speed

def speed_workers(args, ms: Models) -> None:
    if args.quick:
        models = [("TwoPhase 6", *ms.twophase(6)),
                  ("2PCwithBTM", *ms.corpus_model("specifications/transaction_commit/2PCwithBTM.cfg"))]
    else:
        models = [("TwoPhase 7", *ms.twophase(7)),
                  ("MCLamportMutex", *ms.corpus_model("specifications/lamport_mutex/MCLamportMutex.cfg")),
                  ("btree", *ms.corpus_model("specifications/btree/btree.cfg"))]
    print(f"### Speed: --workers 1 against --workers 2 ({os.cpu_count()} CPUs)\n")
    print("RSS 1 worker: the one process's peak. With 2 workers: the coordinator's own peak; the "
          "largest worker's peak (the coordinator's RUSAGE_CHILDREN maximum); the workers' peaks "
          "added up (each worker's VmHWM, sampled every 0.2 s).\n")
    rows = []
    for name, tla, cfg in models:
        one = measure(name, tla, cfg, ["--workers", "1"], args)
        two = measure(name, tla, cfg, ["--workers", "2"], args)
        both = one.ok and two.ok
        ratio = one.seconds / two.seconds if both else None
        agree = (one.distinct, one.depth) == (two.distinct, two.depth) if both else None
        rows.append([name, num(one.distinct), secs(one), secs(two), num(ratio, ".2f") + ("x" if ratio else ""),
                     judge(args, None if ratio is None else ratio >= 1.7), verdict(agree),
                     f"{one.rss_mb:.0f}", f"{two.rss_mb:.0f}", num(two.worker_max_mb, ".0f"),
                     num(two.worker_sum_mb, ".0f")])
    table(["model", "distinct", "1 worker s", "2 workers s", "speed-up", ">= 1.7x",
           "agree (distinct, depth)", "RSS MB 1 worker", "RSS MB coordinator", "RSS MB largest worker",
           "RSS MB workers summed"], rows)


def speed_store(args, ms: Models) -> None:
    sizes = (5, 6) if args.quick else (6, 7)
    print("### Speed: fingerprints against --exact, one worker\n")
    print("TLC: wall time from ../shared/perf/benchmark-tlc.tsv (the quiet column where there is one; "
          "another day's figure, so the ratio is indicative).\n")
    rows = []
    for n in sizes:
        tla, cfg = ms.twophase(n)
        fp = measure(f"TwoPhase{n}", tla, cfg, [], args)
        ex = measure(f"TwoPhase{n}", tla, cfg, ["--exact"], args)
        slower = fp.seconds / ex.seconds - 1 if fp.ok and ex.ok else None
        tlc = ms.tlc_time(f"TwoPhase RM={n}")
        rows.append([f"TwoPhase {n}", num(fp.distinct), secs(fp), secs(ex),
                     "–" if slower is None else f"{slower:+.1%}",
                     judge(args, None if slower is None else slower <= 0.10),
                     f"{tlc[0]:.1f} ({tlc[1]})" if tlc else "–",
                     f"{fp.seconds / tlc[0]:.2f}" if tlc and fp.ok else "–",
                     f"{ex.seconds / tlc[0]:.2f}" if tlc and ex.ok else "–"])
    table(["model", "distinct", "fingerprints s", "exact s", "fingerprints vs exact", "<= +10%",
           "TLC s", "mcheck/TLC (fingerprints)", "mcheck/TLC (exact)"], rows)


# ---------------------------------------------------------------------------------- ten million

TEN_MILLION = """\
---- MODULE TenMillion ----
EXTENDS Naturals
CONSTANT N
VARIABLES a, b, c, d
Init == a = 0 /\\ b = 0 /\\ c = 0 /\\ d = 0
IncA == a' = (a + 1) % N /\\ UNCHANGED <<b, c, d>>
IncB == b' = (b + 1) % N /\\ UNCHANGED <<a, c, d>>
IncC == c' = (c + 1) % N /\\ UNCHANGED <<a, b, d>>
IncD == d' = (d + 1) % N /\\ UNCHANGED <<a, b, c>>
Next == IncA \\/ IncB \\/ IncC \\/ IncD
====
"""


def ten_million(args, ms: Models) -> None:
    """N^4 states (every tuple is reached); the depth, counting the initial state as 1, is 4(N-1)+1."""
    n = 20 if args.quick else 56
    folder = ms.tmp / "tenmillion"
    folder.mkdir()
    (folder / "TenMillion.tla").write_text(TEN_MILLION)
    (folder / "TenMillion.cfg").write_text(f"CONSTANT N = {n}\nINIT Init\nNEXT Next\n")
    want, want_depth = n ** 4, 4 * (n - 1) + 1
    log(f"ten-million: N = {n}, {want:,} states expected (progress every 5 s)")
    r = measure(f"TenMillion N={n}", folder / "TenMillion.tla", folder / "TenMillion.cfg", [], args, echo=True)
    print(f"### Ten million states: four variables in 0..{n - 1}, one increment (mod {n}) per variable\n")
    print("Peak RSS: the checking process's maximum resident set size. Expected: N^4 states, depth 4(N-1)+1.\n")
    bps = r.b_per_state()
    table(["N", "result", "distinct", "expected", "depth", "expected depth", "count right",
           "peak RSS MB", "<= 1.5 GB", "time s", "states/s", "store B/state", "<= 40 B/state"],
          [[n, outcome(r), num(r.distinct), num(want), num(r.depth), want_depth,
            verdict(None if not r.ok else (r.distinct, r.depth) == (want, want_depth)),
            f"{r.rss_mb:.0f}", judge(args, r.rss_mb <= 1536 if r.ok else None), secs(r),
            num(r.distinct / r.seconds if r.ok and r.distinct else None, ",.0f"), num(bps, ".1f"),
            judge(args, None if bps is None else bps <= 40)]])


# ---------------------------------------------------------------------------------- main

SECTIONS = {"memory": (memory_twophase, memory_corpus), "speed": (speed_workers, speed_store),
            "ten-million": (ten_million,)}
DEFAULT = ("memory", "speed")


def header(args) -> None:
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(REPO), *a], capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        mem = f"{kb / MB:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print("## mcheck: scale on one machine\n")
    subject = git("log", "-1", "--format=%s")
    subject = subject if len(subject) <= 80 else subject[:77] + "..."
    print(f"- commit: `{git('rev-parse', '--short=12', 'HEAD')}` ({subject}){dirty}")
    print(f"- machine: {cpus} CPUs available ({os.cpu_count()} in all), {mem}, {platform.machine()}, "
          f"{platform.system()} {platform.release()}; load average {load} at start")
    print(f"- Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"- runs: {args.repeat} per model (time: the smallest; memory: the largest), timeout {args.timeout:.0f} s"
          + (", **quick** (small stand-in models; targets not judged)" if args.quick else ""))
    print(f"- {time.strftime('%Y-%m-%d %H:%M %Z')}\n", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=sorted(SECTIONS), action="append",
                    help="run only this section (may be given more than once); ten-million runs only so")
    ap.add_argument("--quick", action="store_true", help="small stand-in models: a smoke test")
    ap.add_argument("--repeat", type=int, default=1, metavar="K", help="runs per model (the fastest is reported)")
    ap.add_argument("--timeout", type=float, default=1800.0, metavar="SECONDS", help="per run (default 1800)")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if not (corpus() / "models.json").exists():
        ap.error(f"no conformance corpus at {corpus()} (set MCHECK_CONFORMANCE)")
    header(args)
    with tempfile.TemporaryDirectory(prefix="mcheck-scale-") as tmp:
        ms = Models(Path(tmp))
        for name in args.only or DEFAULT:
            log(f"section {name}")
            for part in SECTIONS[name]:
                part(args, ms)


if __name__ == "__main__":
    main()
