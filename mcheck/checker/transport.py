"""How the coordinator of a parallel search talks to its workers: one small interface, two sides.

A ``Transport`` holds ``n`` worker objects, each built in its own process (or, for the Ray issue,
its own actor) from a picklable factory and its arguments, and calls one method on all of them at
once: ``call("expand", [args of worker 0, args of worker 1, ...])`` returns their results in worker
order.  Everything the search sends is plain data (numpy arrays, tuples of values), so any
transport that can pickle it fits: ``ProcessTransport`` uses ``multiprocessing`` pipes.

Workers are started with the ``spawn`` method: each builds its model from the spec's recipe, as a
cluster node would, so a run on this machine already checks that fingerprints do not depend on the
process (each spawned interpreter has its own string-hash seed).
"""
from __future__ import annotations

import multiprocessing
import signal
import traceback
from typing import Any, Callable, Protocol, Sequence


class WorkerError(Exception):
    """A worker failed (its traceback is the message) or died (which worker, and its exit code)."""


class Transport(Protocol):
    n: int

    def call(self, method: str, args: Sequence[tuple]) -> list[Any]:
        """Call ``method(*args[i])`` on worker ``i`` for every ``i``, concurrently; the results in order."""

    def close(self) -> None:
        """Stop the workers."""


def _serve(conn: Any, factory: Callable, args: tuple) -> None:
    """A worker process: build the worker, then answer calls until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the coordinator's to handle
    try:
        worker = factory(*args)
        conn.send(("ok", None))
    except BaseException:   # noqa: BLE001 - the coordinator reports it
        conn.send(("error", traceback.format_exc()))
        return
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        method, margs = msg
        try:
            conn.send(("ok", getattr(worker, method)(*margs)))
        except BaseException:   # noqa: BLE001
            conn.send(("error", traceback.format_exc()))


class ProcessTransport:
    """``n`` worker processes on this machine, each ``factory(*args, i)`` for its index ``i``."""

    def __init__(self, factory: Callable, args: tuple, n: int):
        ctx = multiprocessing.get_context("spawn")
        self.n = n
        self.conns = []
        self.procs = []
        for i in range(n):
            mine, theirs = ctx.Pipe()
            p = ctx.Process(target=_serve, args=(theirs, factory, args + (i,)), daemon=True)
            p.start()
            theirs.close()
            self.conns.append(mine)
            self.procs.append(p)
        self._gather()   # each worker says it is built (or why it is not)

    def call(self, method: str, args: Sequence[tuple]) -> list[Any]:
        for conn, a in zip(self.conns, args):
            conn.send((method, a))
        return self._gather()

    def _gather(self) -> list[Any]:
        out = []
        for i, conn in enumerate(self.conns):
            try:
                status, value = conn.recv()
            except (EOFError, ConnectionError):
                self.procs[i].join(timeout=1)
                raise WorkerError(f"worker {i} died (exit code {self.procs[i].exitcode})") from None
            if status != "ok":
                raise WorkerError(f"worker {i} failed:\n{value}")
            out.append(value)
        return out

    def close(self) -> None:
        for conn in self.conns:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        for p in self.procs:
            p.join(timeout=2)
            if p.is_alive():
                p.kill()
        for conn in self.conns:
            conn.close()
