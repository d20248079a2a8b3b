"""``python -m tests.fuzz --mutants N --seed S [--timeout T] [--jobs J]``: run N mutants, print each crash
with the seed that reproduces it, then the counts by fault class and by outcome.  Exit 1 on a crash or a
hang in parsing."""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from .run import FAILURES, default_models, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fuzz")
    ap.add_argument("--mutants", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per mutant")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    models = default_models()
    if not models:
        print("no conformance corpus (../shared/conformance)", file=sys.stderr)
        return 2
    t0 = time.monotonic()
    seen: list = []

    def report(r):
        seen.append(r)
        if r.kind in FAILURES:
            print(f"{r.kind.upper()} {r.mutant.describe()} (exit {r.exit_code})\n{r.detail}", flush=True)
        if len(seen) % 500 == 0:
            kinds = Counter(x.kind for x in seen)
            classes = Counter(x.mutant.cls for x in seen)
            print(f"... {len(seen)} mutants, {time.monotonic() - t0:.0f} s: {dict(sorted(classes.items()))} "
                  f"{dict(sorted(kinds.items()))}", flush=True)

    s = run(models, args.mutants, args.seed, args.timeout, args.jobs, on_result=report)
    print(f"{len(s.results)} mutants of {len(models)} models in {time.monotonic() - t0:.0f} s "
          f"(seeds {args.seed}..{args.seed + args.mutants - 1})")
    print("by class:  " + ", ".join(f"{k} {v}" for k, v in sorted(s.by_class().items())))
    print("by outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(s.counts().items())))
    codes = {}
    for r in s.results:
        codes[r.exit_code] = codes.get(r.exit_code, 0) + 1
    print("exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(codes.items(), key=lambda kv: str(kv[0]))))
    for r in s.results:
        if r.kind.startswith("timeout"):
            print(f"  {r.kind}: {r.mutant.describe()}")
    return 1 if s.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
