"""The breadth-first search's queue for the next level: a list in memory that spills to disk.

Why: once the seen set holds fingerprints (8 bytes a state), the part of memory that still
grows with the model is the frontier, the whole states of the widest level waiting to be
expanded.  TLC keeps that queue on disk for the same reason (``DiskStateQueue``: buffers of
8192 states in memory, full ones written to files by a ``StatePoolWriter``).  Here a level's
``Frontier`` holds ``(index, state)`` pairs in two lists until its estimated size passes a
budget, then writes them in chunks to one temporary file and frees them; iterating reads the
chunks back one at a time, in order, then yields the in-memory tail, so the order is exactly
the order of ``append``.

Memory is estimated, not measured: every ``chunk`` appends (4096) the last few states are
walked with ``sys.getsizeof`` (:func:`state_bytes`), which is within about 10% of what
``tracemalloc`` sees for states of records, sets, sequences and model values.  Pickle size
times a factor was the other candidate and was measured too: Python objects are 6.5x to 17x
their pickled size (3x to 12x for one state pickled alone), too wide a spread for a budget.
The walk costs 10 to 130 microseconds per 4096 appends (under 35 ns an append), and it never
needs a state to be picklable, so a level that fits in memory never meets a pickling problem.
It counts each state as if it owned its values; a state shares most of them with its parent
(and, while the store keeps whole states, with the store), so the real cost is often lower.

The spill file is an anonymous ``tempfile.TemporaryFile`` (on Linux it has no name at all), so
it disappears when closed, when the ``Frontier`` is garbage collected, and even when the process
is killed; the directory made for it (``mcheck-frontier-*`` in the system's temporary folder,
unless ``spill_dir`` is given) is removed by ``close()``.
"""
from __future__ import annotations

import gc
import os
import pickle
import re
import shutil
import sys
import tempfile
import weakref
from typing import Callable, IO, Any, Iterator, Sequence

from ..semantics.values import ModelValue, tla_repr

MiB = 1024 * 1024
MIN_BUDGET = 16 * MiB
MAX_BUDGET = 64 * MiB
CHUNK = 4096          # appends between size estimates, and (index, state) pairs per chunk on disk
_SAMPLE = 8           # states walked at each estimate
_WALK_LIMIT = 4096    # objects walked at most per estimate (after the first state)
_ITEM_BYTES = 48      # per item besides its state: two list slots and the index's int object
_SIZES = {"": 1, "K": 1024, "M": MiB, "G": 1024 * MiB, "T": 1024 * 1024 * MiB}
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([KMGT]?)(?:I?B)?\s*", re.IGNORECASE)
_MEMINFO = "/proc/meminfo"
_CGROUP_FILES = (("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                 ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"))


class FrontierSpillError(Exception):
    """The frontier passed its memory budget and could not be written to disk: a state that
    cannot be pickled (a lazy function or filter holding compiled code), or the disk failed."""


# --------------------------------------------------------------------------------------
# Sizes and budgets
# --------------------------------------------------------------------------------------

def parse_size(text: str) -> int:
    """``"500M"`` -> 524288000: bytes, or a number with ``K``, ``M``, ``G`` (or ``T``), powers of
    1024, case-insensitive, a trailing ``B``/``iB`` allowed (``"1.5G"``, ``"64MiB"``)."""
    m = _SIZE_RE.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"invalid size {text!r}: expected a number of bytes, optionally followed by "
                         "K, M or G (powers of 1024), e.g. 500M or 2G")
    return int(float(m.group(1)) * _SIZES[m.group(2).upper()])


def available_memory() -> int | None:
    """Bytes this process may still use: ``MemAvailable`` from ``/proc/meminfo`` (else the
    physical memory), lowered to a control group's headroom when one limits the process."""
    avail = _meminfo_available()
    if avail is None:
        try:
            avail = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (ValueError, OSError, AttributeError):
            avail = None
    room = _cgroup_headroom()
    if room is not None and (avail is None or room < avail):
        avail = room
    return avail


def default_budget(available: int | None = None) -> int:
    """The frontier's default budget: a quarter of ``available`` bytes (the machine's
    :func:`available_memory` when not given), at least 16 MiB and at most 64 MiB.  A quarter,
    because while one level is expanded the next one fills, so two frontiers can be full at once,
    and the seen set, the interpreter and the states being generated need the rest.  At most
    64 MiB (of the estimate, which counts shared values once per state: about half that in fact),
    because past that keeping a level in memory gains little: states are pickled about twenty
    times faster than they are expanded.  PaxosCommit (1.3 million states) peaks at 391 MiB with
    64 MiB, and at about 500 with 128."""
    if available is None:
        available = available_memory()
    if available is None:
        return MAX_BUDGET
    return min(MAX_BUDGET, max(MIN_BUDGET, available // 4))


def _meminfo_available() -> int | None:
    try:
        with open(_MEMINFO, encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024     # the kernel writes kB (KiB)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_headroom() -> int | None:
    """The limit of the control group (v2, then v1) less its usage; None if there is no limit."""
    for limit_file, usage_file in _CGROUP_FILES:
        try:
            with open(limit_file, encoding="ascii") as f:
                limit = f.read().strip()
            with open(usage_file, encoding="ascii") as f:
                usage = int(f.read().strip())
        except (OSError, ValueError):
            continue
        if limit.isdigit() and int(limit) < 1 << 60:     # "max" (v2) or ~2**63 (v1): no limit
            return max(0, int(limit) - usage)
    return None


def state_bytes(sample: Sequence[Any]) -> float:
    """Estimated bytes per state of ``sample`` (a few states): ``sys.getsizeof`` summed over the
    objects they reach, each object once; objects every state shares anyway (small ints,
    booleans, ``None``, model values) count nothing.  The walk stops after about 4096 objects
    and averages over the states walked so far (at least one)."""
    getsizeof = sys.getsizeof
    seen: set[int] = set()
    total = walked = 0
    for root in sample:
        stack = [root]
        while stack:
            o = stack.pop()
            t = type(o)
            if (t is int and -5 <= o <= 256) or t is bool or o is None or t is ModelValue:
                continue
            if id(o) in seen:
                continue
            seen.add(id(o))
            total += getsizeof(o)
            if t is tuple or t is frozenset:
                stack.extend(o)
            elif isinstance(o, dict):
                stack.extend(o.keys())
                stack.extend(o.values())
            elif t is not str and t is not int:
                d = getattr(o, "__dict__", None)      # lazy sets: their parameters and caches
                if d:
                    total += getsizeof(d)
                    stack.extend(d.values())
        walked += 1
        if len(seen) > _WALK_LIMIT:
            break
    return total / walked if walked else 0.0


# --------------------------------------------------------------------------------------
# The frontier
# --------------------------------------------------------------------------------------

class Frontier:
    """The states of the next level in insertion order: ``append(idx, state)``, ``len()``, one
    iteration of ``(idx, state)`` pairs, ``close()``.

    ``budget_bytes`` (default :func:`default_budget`) bounds the estimated memory of the items
    held; past it they go to a temporary file in ``spill_dir`` (default: a new
    ``mcheck-frontier-*`` directory) in chunks of ``chunk`` pairs.  The estimate is taken every
    ``chunk`` appends, so memory may pass the budget by up to ``chunk`` states.  Iterating
    consumes the frontier and closes it when the iteration ends or is abandoned; ``len()``
    stays the number of items appended.  ``spilled_bytes`` is what went to disk.
    """

    def __init__(self, budget_bytes: int | None = None, spill_dir: str | os.PathLike | None = None,
                 chunk: int = CHUNK):
        if budget_bytes is None:
            budget_bytes = default_budget()
        if budget_bytes < 0 or chunk < 1:
            raise ValueError(f"Frontier needs budget_bytes >= 0 and chunk >= 1 (got {budget_bytes}, {chunk})")
        self.budget = budget_bytes
        self.spill_dir = None if spill_dir is None else os.fspath(spill_dir)
        self.spilled_bytes = 0
        self._chunk = chunk
        self._idxs: list[int] = []
        self._states: list[Any] = []
        self._next = chunk          # len(self._states) at which to estimate again
        self._estimated = 0.0       # estimated bytes of the items in memory
        self._sized = 0             # items in memory the estimate covers
        self._before = 0            # items on disk (or, once iterating, all of them)
        self._chunks = 0            # chunks on disk
        self._file: IO[bytes] | None = None
        self._made_dir: str | None = None
        self._finalizer: weakref.finalize | None = None
        self._broken: OSError | None = None
        self._done = False          # iterated or closed: no more appends, no second iteration
        self.on_spill: Callable[[], None] | None = None   # called once, at the first spill

    def append(self, idx: int, state: Any) -> None:
        """Add a state (``idx``: its number in the store) at the end of the queue."""
        states = self._states
        states.append(state)
        self._idxs.append(idx)
        if len(states) >= self._next:
            self._checkpoint()

    def __len__(self) -> int:
        return self._before + len(self._states)

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        if self._done:
            raise RuntimeError("a Frontier is iterated once (iterating consumes it) and not after close()")
        if self._broken is not None:
            raise FrontierSpillError(f"the frontier's spill file is incomplete (its write failed: {self._broken})")
        self._finish()
        idxs, states = self._idxs, self._states
        self._before += len(states)
        self._idxs, self._states = [], []
        return self._drain(idxs, states)

    def close(self) -> None:
        """Free the items and remove the spill file and the directory made for it."""
        self._finish()
        self._before += len(self._states)
        self._idxs, self._states = [], []
        if self._finalizer is not None:
            self._finalizer()
        self._file = None

    def __enter__(self) -> "Frontier":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ spilling

    def _finish(self) -> None:
        self._done = True
        self.append = _append_when_done     # type: ignore[method-assign]  # so the hot path checks nothing

    def _checkpoint(self) -> None:
        states = self._states
        n = len(states)
        self._estimated += (n - self._sized) * (state_bytes(states[-_SAMPLE:]) + _ITEM_BYTES)
        self._sized = n
        try:
            if self._estimated > self.budget:
                self._spill()
        finally:
            self._next = len(self._states) + self._chunk

    def _spill(self) -> None:
        """Write the items in memory to the file, ``chunk`` pairs a pickle, and drop them.  A state
        that will not pickle stops the spill between chunks: the file holds whole chunks only
        and the rest stays in memory, in order.  A failed write leaves the file unreadable."""
        if self._file is None and self.on_spill is not None:
            self.on_spill()
        f = self._file if self._file is not None else self._open()
        idxs, states, c = self._idxs, self._states, self._chunk
        done, n = 0, len(states)
        try:
            while done < n:
                try:
                    data = pickle.dumps((idxs[done:done + c], states[done:done + c]), pickle.HIGHEST_PROTOCOL)
                except Exception as err:   # PicklingError, TypeError, AttributeError, RecursionError...
                    raise FrontierSpillError(_unpicklable(self.budget, idxs[done:done + c], states[done:done + c],
                                                          err)) from err
                try:
                    f.write(data)
                except OSError as err:
                    self._broken = err
                    raise FrontierSpillError(f"could not write the frontier to {self._where()}: {err}") from err
                self.spilled_bytes += len(data)
                self._chunks += 1
                done = min(n, done + c)
        finally:
            self._estimated = self._estimated * (n - done) / n if n else 0.0
            del idxs[:done], states[:done]
            self._sized = len(states)
            self._before += done

    def _open(self) -> IO[bytes]:
        made = None
        try:
            if self.spill_dir is None:
                made = tempfile.mkdtemp(prefix="mcheck-frontier-")
            f = tempfile.TemporaryFile(dir=made or self.spill_dir)
        except OSError as err:
            if made is not None:
                shutil.rmtree(made, ignore_errors=True)
            raise FrontierSpillError(f"could not make a spill file for the frontier in {self._where()}: {err}") from err
        self._file = f
        self._made_dir = made
        self._finalizer = weakref.finalize(self, _remove, f, made)
        return f

    def _where(self) -> str:
        return self.spill_dir or self._made_dir or tempfile.gettempdir()

    def _drain(self, idxs: list[int], states: list[Any]) -> Iterator[tuple[int, Any]]:
        try:
            f = self._file
            if f is not None:
                f.flush()
                f.seek(0)
                for _ in range(self._chunks):
                    yield from zip(*_load(f))
            yield from zip(idxs, states)
        finally:
            self.close()


def _load(f: IO[bytes]) -> tuple[list[int], list[Any]]:
    """One chunk from the file.  Unpickling makes thousands of containers at once and the cyclic
    collector would walk them (and, now and then, the whole heap) while they are still being
    made, all of them reachable: it is paused meanwhile.  Reading is 5x faster so under Python's
    default thresholds; under the search's (``search.GC_THRESHOLD``) it changes little."""
    on = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(f)
    finally:
        if on:
            gc.enable()


def _append_when_done(idx: int, state: Any) -> None:
    raise RuntimeError("Frontier.append after iteration began or after close(): a level's frontier is "
                       "filled, then read once")


def _remove(f: IO[bytes], made: str | None) -> None:
    try:
        f.close()
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)


def _unpicklable(budget: int, idxs: list[int], states: list[Any], err: BaseException) -> str:
    """The message for a chunk that would not pickle, naming its first state that will not."""
    size = f"{budget / MiB:.0f} MiB" if budget >= MiB else f"{budget} bytes"
    head = f"the frontier passed its memory budget ({size}) and must go to disk, but"
    for i, s in zip(idxs, states):
        try:
            pickle.dumps(s, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:
            try:
                text = tla_repr(s)
            except Exception:
                text = object.__repr__(s)
            text = text if len(text) <= 300 else text[:300] + " ..."
            return (f"{head} state {i} cannot be pickled ({type(e).__name__}: {e}); the state: {text}; "
                    "a larger budget keeps such a level in memory")
    return f"{head} its states cannot be pickled ({type(err).__name__}: {err})"
