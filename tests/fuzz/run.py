"""Run mutants through the real ``mcheck check`` command, each in a forked child with a time limit.

A child parses the changed files (marking ``parsed``), builds the model (``built``), then runs the
command as a user would, its output in a file.  The parent classifies what happened:

* ``verdict``: an exit code of TLC's set and no Python traceback in the output;
* ``crash``: a traceback, or an exit code outside TLC's set (with the seed that reproduces it);
* ``timeout-search``: the time ran out after the model was built: the search of a huge or infinite
  state space (a payload of 2147483647 processes, ``Nat`` where ``1..3`` was), legitimate;
* ``timeout-build``: the time ran out after parsing, while the .cfg's constants, ASSUMEs or constant
  definitions were evaluated (``SUBSET (1..100)``), also legitimate: TLC would compute them too;
* ``timeout-parse``: the time ran out while parsing: a hang in parsing, a failure.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .mutate import CLASSES, Model, Mutant, corpus_models, mutant

# TLC's exit codes (EC.ExitStatus): success, the violations, evaluation errors, parse and config errors
TLC_EXIT_CODES = frozenset((0, 10, 11, 12, 13, 14, 75, 76, 77, 150, 151, 152, 153, 255))
FAILURES = ("crash", "timeout-parse")


@dataclass
class Result:
    mutant: Mutant
    kind: str           # verdict, crash, timeout-search, timeout-build, timeout-parse
    exit_code: int | None
    detail: str = ""


@dataclass
class Summary:
    results: list[Result] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(r.kind for r in self.results)

    def by_class(self) -> Counter:
        return Counter(r.mutant.cls for r in self.results)

    def failures(self) -> list[Result]:
        return [r for r in self.results if r.kind in FAILURES]


def _child(m: Mutant, folder: Path, status_path: Path, out_path: Path) -> None:
    """In the forked child: parse, build, then run the command; exit with its exit code."""
    fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = open(1, "w", buffering=1, closefd=False)
    sys.stderr = open(2, "w", buffering=1, closefd=False)
    spec, cfg = m.write(folder)
    os.chdir(folder)   # what a spec writes (SVGSerialize, IOUtils) lands beside the mutant, not in the checkout
    status = open(status_path, "w", buffering=1)
    try:
        from mcheck.checker.run import build_model
        from mcheck.cli.main import main
        from mcheck.syntax.cfg import parse_cfg
        from mcheck.syntax.parser import parse_module
        try:
            parse_module(spec.read_text(encoding="utf-8", errors="replace"), str(spec))
            parse_cfg(cfg.read_text(encoding="utf-8", errors="replace"), str(cfg))
        except Exception:   # a syntax error: the command reports it
            pass
        status.write("parsed\n")
        build_model(str(spec), str(cfg))
        status.write("built\n")
        sys.argv = ["mcheck", "check", str(spec), "--config", str(cfg)]
        main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        sys.stdout.flush()
        os._exit(code)
    except BaseException:
        traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(199)
    os._exit(0)


def run_one(m: Mutant, timeout: float, scratch: Path) -> Result:
    folder = scratch / f"m{m.seed}"
    status_path, out_path = scratch / f"m{m.seed}.status", scratch / f"m{m.seed}.out"
    ctx = mp.get_context("fork")
    p = ctx.Process(target=_child, args=(m, folder, status_path, out_path))
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.kill()
        p.join()
        status = status_path.read_text() if status_path.exists() else ""
        kind = "timeout-search" if "built" in status else "timeout-build" if "parsed" in status else "timeout-parse"
        return Result(m, kind, None)
    out = out_path.read_text(errors="replace") if out_path.exists() else ""
    code = p.exitcode
    if "Traceback (most recent call last)" in out or code not in TLC_EXIT_CODES:
        return Result(m, "crash", code, out[-3000:])
    return Result(m, "verdict", code)


def run(models: list[Model], n: int, seed: int, timeout: float = 10.0, jobs: int = 2,
        on_result=None) -> Summary:
    """n mutants, drawn from seeds seed, seed+1, ...; jobs of them at a time (each its own forked process,
    so that a hang can be killed)."""
    summary = Summary()
    _preload()
    with tempfile.TemporaryDirectory(prefix="mcheck-fuzz-") as tmp:
        scratch = Path(tmp)
        mutants = [mutant(models, seed + i) for i in range(n)]
        with ThreadPoolExecutor(max_workers=jobs) as ex:
            for r in ex.map(lambda m: run_one(m, timeout, scratch), mutants):
                summary.results.append(r)
                if on_result is not None:
                    on_result(r)
                _cleanup(scratch, r.mutant)
    return summary


def _preload() -> None:
    """Import the command and build the parser once, before forking: each child then starts warm."""
    import mcheck.checker.run  # noqa: F401
    import mcheck.cli.main  # noqa: F401
    from mcheck.syntax.parser import _get_parser
    _get_parser()


def _cleanup(scratch: Path, m: Mutant) -> None:
    shutil.rmtree(scratch / f"m{m.seed}", ignore_errors=True)
    for suffix in (".status", ".out"):
        (scratch / f"m{m.seed}{suffix}").unlink(missing_ok=True)


def default_models() -> list[Model]:
    from tests.conformance.runner import corpus_dir
    d = corpus_dir()
    return corpus_models(d) if d is not None else []


__all__ = ["CLASSES", "Result", "Summary", "run", "run_one", "default_models", "TLC_EXIT_CODES"]
