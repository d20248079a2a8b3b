"""The cost of TLC's kind checks (issue 13): the same models checked by the tree before the checks and
by this tree, side by side in one run.

    python benchmarks/kind_checks.py [--before COMMIT] [--runs N] [--callgrind] [--models a,b]

The tree before is ``git archive COMMIT`` (default: the merge base with main) unpacked in a temporary
folder; nothing in the repository is touched.  Two measures that the machine's load does not distort:

* user CPU time of each check (a fresh process each), before and after interleaved ``--runs`` times,
  the minimum of each side reported;
* with ``--callgrind``: instructions executed (valgrind's callgrind, on the real interpreter binary),
  once per side, of TwoPhase with 4 and with 5 resource managers: the difference is the search of the
  extra states alone (start-up, parsing and compiling cancel out).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = os.path.realpath(sys.executable)
CORPUS = Path(os.environ.get("MCHECK_CONFORMANCE", REPO.parent / "shared" / "conformance")) / "specifications"

# name -> (folder, spec, .cfg text or None for the folder's own .cfg of that name)
MODELS = {
    "TwoPhase RM=5": ("transaction_commit", "TwoPhase.tla",
                      "CONSTANT RM = {r1, r2, r3, r4, r5}\nINVARIANT TPTypeOK\nSPECIFICATION TPSpec\n"),
    "TwoPhase RM=4": ("transaction_commit", "TwoPhase.tla",
                      "CONSTANT RM = {r1, r2, r3, r4}\nINVARIANT TPTypeOK\nSPECIFICATION TPSpec\n"),
    "DieHard": ("DieHard", "DieHard.tla", "INIT Init\nNEXT Next\nINVARIANT TypeOK\n"),
    "EWD840 N=5": ("ewd840", "EWD840.tla", "CONSTANT N = 5\nINIT Init\nNEXT Next\nINVARIANT TypeOK\nINVARIANT Inv\n"
                   "CHECK_DEADLOCK FALSE\n"),
    "Peterson": ("locks_auxiliary_vars", "Peterson.tla", None),
}

CHECK = ("import sys; from mcheck.checker.run import check_spec; r = check_spec(sys.argv[1], sys.argv[2]); "
         "print(r.distinct_states)")


def model_files(name: str, scratch: Path) -> tuple[Path, Path]:
    folder, spec, cfg = MODELS[name]
    d = scratch / re.sub(r"\W+", "_", name)
    d.mkdir(exist_ok=True)
    for p in (CORPUS / folder).iterdir():
        if p.suffix in (".tla", ".cfg") and not (d / p.name).exists():
            (d / p.name).symlink_to(p)
    if cfg is not None:
        (d / "bench.cfg").write_text(cfg)
        return d / spec, d / "bench.cfg"
    return d / spec, d / spec.replace(".tla", ".cfg")


def tree_at(commit: str, into: Path) -> Path:
    into.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "mcheck"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def user_seconds(tree: Path, spec: Path, cfg: Path) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    out = subprocess.run([PYTHON, "-c", CHECK, str(spec), str(cfg)], cwd=spec.parent, check=True,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tree)}).stdout
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before, out.strip()


def instructions(tree: Path, spec: Path, cfg: Path) -> int:
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", PYTHON, "-c", CHECK,
                        str(spec), str(cfg)], cwd=spec.parent, capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(tree)})
    m = re.search(r"Collected : (\d+)", r.stderr)
    if m is None:
        raise RuntimeError(r.stderr[-2000:])
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", default=None, help="the commit to compare with (default: merge base with main)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--callgrind", action="store_true")
    ap.add_argument("--models", default="TwoPhase RM=5,DieHard,EWD840 N=5,Peterson")
    args = ap.parse_args()
    base = args.before or subprocess.run(["git", "-C", str(REPO), "merge-base", "HEAD", "main"], check=True,
                                         capture_output=True, text=True).stdout.strip()
    names = [n.strip() for n in args.models.split(",") if n.strip()]
    with tempfile.TemporaryDirectory(prefix="mcheck-bench-") as tmp:
        scratch = Path(tmp)
        trees = {"before": tree_at(base, scratch / "before"), "after": REPO}
        print(f"before: {base[:10]} (git archive), after: this tree ({REPO})")
        print(f"{'model':16} {'states':>7} {'user s before':>14} {'user s after':>13} {'ratio':>6}")
        for name in names if args.runs > 0 else ():
            spec, cfg = model_files(name, scratch)
            times = {"before": [], "after": []}
            states = {}
            for _ in range(args.runs):
                for side in ("before", "after"):
                    t, out = user_seconds(trees[side], spec, cfg)
                    times[side].append(t)
                    states[side] = out
            assert states["before"] == states["after"], states
            b, a = min(times["before"]), min(times["after"])
            print(f"{name:16} {states['after']:>7} {b:14.3f} {a:13.3f} {a / b:6.3f}", flush=True)
        if args.callgrind:
            small, large = (model_files(n, scratch) for n in ("TwoPhase RM=4", "TwoPhase RM=5"))
            for side in ("before", "after"):   # the parser's grammar cache, written once, before any count
                user_seconds(trees[side], *small)
            jobs = [(side, size, files) for side in ("before", "after") for size, files in (("4", small), ("5", large))]
            with ThreadPoolExecutor(max_workers=2) as ex:   # instruction counts do not depend on the load
                counts = list(ex.map(lambda j: instructions(trees[j[0]], *j[2]), jobs))
            n = {(side, size): c for (side, size, _), c in zip(jobs, counts)}
            print("\ninstructions (callgrind): TwoPhase RM=4, RM=5, and the search of the extra states (5 - 4)")
            print(f"{'side':8} {'RM=4':>15} {'RM=5':>15} {'RM=5 - RM=4':>15}")
            for side in ("before", "after"):
                print(f"{side:8} {n[side, '4']:15,} {n[side, '5']:15,} {n[side, '5'] - n[side, '4']:15,}")
            sb, sa = n["before", "5"] - n["before", "4"], n["after", "5"] - n["after", "4"]
            print(f"search after / before: {sa / sb:.3f}; whole RM=5 check: {n['after', '5'] / n['before', '5']:.3f}")


if __name__ == "__main__":
    main()
