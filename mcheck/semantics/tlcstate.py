"""What TLCGet and TLCSet see while a model is checked: the search level, the registers (numbered and
named), the statistics, TLC's configuration record, the counts of the .cfg's _POSSIBLE predicates and,
while a POSTCONDITION is evaluated, TLCExt's CounterExample.  One per compiled model (build.py)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..syntax import ast as A
from ..syntax.errors import EvalError
from . import values as V
from .levels import children
from .natives.tlc_ext import EMPTY_COUNTEREXAMPLE

STATISTICS = ("distinct", "generated", "queue", "diameter", "duration")
"""TLCGet's keys for TLC's statistics of the search so far."""
_STATISTICS_KEYS = STATISTICS + ("stats",)   # and TLC's newer record of them all

POSSIBLE_REGISTER = "s:_possible"
"""The named register that holds the counts of a .cfg's _POSSIBLE predicates (TLC's _Possible module)."""


@dataclass(frozen=True)
class RunConfig:
    """How the model is being run, as TLCGet("config") reports it: breadth-first (``bfs``, depth -1)
    or ``simulate`` (walks of at most ``depth`` states, ``traces`` of them, from ``seed``), and over
    how many workers."""

    mode: str = "bfs"
    depth: int = -1
    traces: int = 0
    seed: int = 0
    workers: int = 1


@dataclass
class Statistics:
    """TLC's statistics of the search so far, as the search last gave them (``figures``: distinct,
    generated, queue, diameter), or None where no engine gives them (workers, simulation).  The
    model's ``set_stats``: the search calls it before it expands each state, evaluates the initial
    predicate, or the POSTCONDITIONs."""

    figures: tuple[int, int, int, int] | None = None

    def __call__(self, distinct: int, generated: int, queue: int, diameter: int) -> None:
        self.figures = (distinct, generated, queue, diameter)


@dataclass
class TLCState:
    """What TLCGet/TLCSet see: the search level, the registers (numbered and named) and the counts
    of the _POSSIBLE predicates (kept as a dict, since they change on every generated state)."""

    level: int = 0
    regs: dict = field(default_factory=dict)
    stats: "Statistics" = field(default_factory=lambda: Statistics())
    possible: dict = field(default_factory=dict)
    counterexample: Any = EMPTY_COUNTEREXAMPLE   # TLCExt's CounterExample, while a POSTCONDITION is evaluated
    deadlock: bool = True   # TLCGet("config").deadlock: is deadlock checked (CHECK_DEADLOCK, -deadlock)
    run: RunConfig = RunConfig()
    started: float = field(default_factory=time.monotonic)   # TLCGet("duration") counts from here

    def set_level(self, level: int) -> None:
        self.level = level

    def get(self, key):
        if key == "level":
            return self.level
        if isinstance(key, int):
            return self.regs.get(key, 0)
        if key in _STATISTICS_KEYS:
            figures = self.stats.figures
            if figures is None:
                raise EvalError(f"TLCGet({V.tla_repr(key)}): mcheck gives TLC's statistics in a breadth-first "
                                "search with one worker (and to a POSTCONDITION), not with --workers or in simulation")
            now = figures + (int(time.monotonic() - self.started),)
            if key == "stats":   # TLC's newer form: TLCGet("stats").distinct, ...
                return V.make_record(dict(zip(STATISTICS, now)))
            return now[STATISTICS.index(key)]
        if key == "config":
            r = self.run
            return V.Fcn({"mode": r.mode, "depth": r.depth, "deadlock": self.deadlock, "worker": r.workers,
                          "seed": r.seed, "traces": r.traces})
        if key == POSSIBLE_REGISTER:
            return V.make_record(self.possible)
        if key == "all:named":   # every named register, one value per worker (mcheck's one)
            named = {k: (v,) for k, v in self.regs.items() if isinstance(k, str)}
            named[POSSIBLE_REGISTER] = (V.make_record(self.possible),)
            return V.make_record(named)
        if isinstance(key, str) and key in self.regs:
            return self.regs[key]
        raise EvalError(f"TLCGet: unknown key {V.tla_repr(key)}")

    def set(self, key, value):
        if key == POSSIBLE_REGISTER:
            self.possible = dict(value) if isinstance(value, dict) else {}
            return True
        self.regs[key] = value
        return True

    def track(self, name: str, holds: bool) -> bool:
        """``_Possible!_Track``: one more witness of ``name`` when it holds (a name seen but never
        witnessed counts 0).  TRUE, so that it serves as a constraint that excludes nothing."""
        self.possible[name] = self.possible.get(name, 0) + (holds is True)
        return True

    def witnessed(self, name: str) -> bool:
        """``_Possible!_CheckName``: did ``name`` hold on some generated state or step?"""
        return self.possible.get(name, 0) > 0


def reads_statistics(modules: dict[str, A.Module]) -> bool:
    """Does some TLCGet of these modules read TLC's statistics (or a key not written as a literal)?
    Only then does the search tell the model its figures at every state: it costs a call a state."""
    def reads(x) -> bool:
        if isinstance(x, A.OpApp) and x.op == "TLCGet" and len(x.args) == 1:
            arg = x.args[0]
            if not isinstance(arg, (A.Num, A.Str)) or (isinstance(arg, A.Str) and arg.value in _STATISTICS_KEYS):
                return True
        return any(reads(ch) for ch in children(x))

    return any(reads(b) for m in modules.values() for u in m.units
               for b in (getattr(u, "body", None), getattr(u, "expr", None)) if isinstance(b, A.Expr))
