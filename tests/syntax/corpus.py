"""Locating the conformance corpus (never copied into the repo) and timing a full parse of it.

Run ``python tests/syntax/corpus.py`` for the figures: files parsed, round
trips, total seconds, slowest file.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

from tests.conformance.runner import corpus_dir  # noqa: E402


def corpus_files() -> list[Path]:
    d = corpus_dir()
    return sorted((d / "specifications").rglob("*.tla")) if d else []


def main() -> int:
    from mcheck.syntax.errors import TLAError
    from mcheck.syntax.parser import parse_module
    from mcheck.syntax.printer import print_module

    files = corpus_files()
    if not files:
        print("corpus not found")
        return 1
    ok = rt = 0
    total = 0.0
    slowest = (0.0, "")
    failures: list[str] = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        t0 = time.perf_counter()
        try:
            m = parse_module(text, str(f))
        except TLAError as e:
            failures.append(e.render())
            continue
        dt = time.perf_counter() - t0
        total += dt
        slowest = max(slowest, (dt, str(f)))
        ok += 1
        try:
            if parse_module(print_module(m), str(f) + "#printed") == m:
                rt += 1
            else:
                failures.append(f"{f}: round trip differs")
        except TLAError as e:
            failures.append(f"{f}: printed text does not parse: {e.render()}")
    for msg in failures:
        print(msg)
    print(f"parsed {ok}/{len(files)}; round trip {rt}/{ok}; parse time {total:.2f}s; "
          f"slowest {slowest[1]} {slowest[0]:.3f}s")
    return 0 if ok == rt == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
