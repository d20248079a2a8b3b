"""How the coordinator of a parallel search talks to its workers: one small interface, two sides.

A ``Transport`` holds ``n`` worker objects, each built in its own process (or, for the Ray issue,
its own actor) from a picklable factory and its arguments, and calls one method on all of them at
once: ``call("expand", [args of worker 0, args of worker 1, ...])`` returns their results in worker
order.  Everything the search sends is plain data (numpy arrays, tuples of values), so any
transport that can pickle it fits: ``ProcessTransport`` uses socket pairs to fresh interpreters.

Each worker builds its model from the spec's recipe, as a cluster node would, so a run on this
machine already checks that fingerprints do not depend on the process (each interpreter has its
own string-hash seed).
"""
from __future__ import annotations

import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection
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
    """``n`` worker processes on this machine, each ``factory(*args, i)`` for its index ``i``.

    Each worker is a fresh interpreter (``python -c``), talking over a socket pair with pickled
    messages: unlike ``multiprocessing``'s spawn, it never re-imports the caller's main module, so
    a script calling ``mcheck.check`` needs no ``if __name__ == "__main__"`` guard.  The workers'
    standard output is the caller's, as TLC's workers print to TLC's (``Print`` in an action)."""

    def __init__(self, factory: Callable, args: tuple, n: int, indices: Sequence[int] | None = None,
                 wait: bool = True):
        """``indices``: the workers' indices (default ``range(n)``); ``wait=False`` returns once they
        are started, and the first call waits for them to be built (they boot meanwhile)."""
        self.indices = list(range(n) if indices is None else indices)
        self.n = len(self.indices)
        self.conns = []
        self.procs = []
        self.booting = True
        for i in self.indices:
            mine, theirs = socket.socketpair()
            proc, boot = self._start(i, mine, theirs, factory, args)
            theirs.close()
            conn = Connection(mine.detach())
            if boot is not None:
                conn.send_bytes(boot)
            self.conns.append(conn)
            self.procs.append(proc)
        if wait:
            self.ready()

    def _start(self, i: int, mine: socket.socket, theirs: socket.socket, factory: Callable,
               args: tuple) -> tuple[Any, bytes | None]:
        """Start worker ``i``, which talks over the socket ``theirs``: its process (``wait``, ``kill``)
        and the first message to send it (what to build)."""
        code = f"from mcheck.checker.transport import _worker_main; _worker_main({theirs.fileno()})"
        p = subprocess.Popen([sys.executable, "-c", code], pass_fds=(theirs.fileno(),),
                             stdin=subprocess.DEVNULL)
        return p, pickle.dumps((factory, args + (i,)))

    def ready(self) -> None:
        """Wait until each worker says it is built (or why it is not)."""
        if self.booting:
            self.booting = False
            self.gather()

    def call(self, method: str, args: Sequence[tuple]) -> list[Any]:
        self.send(method, args)
        return self.gather()

    def send(self, method: str, args: Sequence[tuple]) -> None:
        """The first half of ``call``: every worker starts on its part; ``gather`` collects them."""
        self.ready()
        for i, (conn, a) in enumerate(zip(self.conns, args)):
            try:
                conn.send((method, a))
            except (OSError, ValueError):
                raise self._died(i) from None

    def _died(self, i: int) -> WorkerError:
        try:
            code = self.procs[i].wait(timeout=1)
        except subprocess.TimeoutExpired:
            code = None
        return WorkerError(f"worker {self.indices[i]} died (exit code {code})")

    def gather(self) -> list[Any]:
        out = []
        for i, conn in enumerate(self.conns):
            try:
                status, value = conn.recv()
            except (EOFError, OSError):
                raise self._died(i) from None
            if status != "ok":
                raise WorkerError(f"worker {self.indices[i]} failed:\n{value}")
            out.append(value)
        return out

    def close(self) -> None:
        for conn in self.conns:
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        for p in self.procs:
            try:
                p.wait(timeout=2)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for conn in self.conns:
            conn.close()


def _worker_main(fd: int) -> None:
    """The entry point of a worker interpreter: its first message says what to build."""
    conn = Connection(fd)
    factory, args = pickle.loads(conn.recv_bytes())
    _serve(conn, factory, args)


class ForkTransport(ProcessTransport):
    """``ProcessTransport`` whose workers are forks of this process (on Linux).

    Why: a fresh interpreter spends about half a second importing mcheck and building the model
    before its first level (TwoPhase 7: 0.5 s of a 4.4 s run with two workers), while this process
    waits.  A fork has the imports, the parsed modules and their caches already, so it builds its
    model in a few milliseconds.  Python's string hash seed is then the parent's; fingerprints do
    not depend on it, and the cluster transport still builds every worker from the recipe alone."""

    def _start(self, i: int, mine: socket.socket, theirs: socket.socket, factory: Callable,
               args: tuple) -> tuple[Any, bytes | None]:
        for stream in (sys.stdout, sys.stderr):   # a buffer not flushed now would be printed twice
            stream.flush()
        ours = [c.fileno() for c in self.conns] + [mine.fileno()]
        pid = os.fork()
        if pid == 0:   # the worker: never returns into the caller's code
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                for fd in ours:   # the coordinator's ends: closed here, so that its exit is our end-of-file
                    os.close(fd)
                _serve(Connection(theirs.detach()), factory, args + (i,))
            except BaseException:   # noqa: BLE001 - nothing to return to
                code = 1
            finally:
                for stream in (sys.stdout, sys.stderr):
                    try:
                        stream.flush()
                    except BaseException:   # noqa: BLE001
                        pass
                os._exit(code)
        return _Forked(pid), None


class _Forked:
    """A forked worker, with the two methods of ``subprocess.Popen`` that ``ProcessTransport`` uses."""

    def __init__(self, pid: int):
        self.pid = pid
        self.code: int | None = None

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.code is None:
            pid, status = os.waitpid(self.pid, 0 if end is None else os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
            elif time.monotonic() >= end:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout)
            else:
                time.sleep(0.01)
        return self.code

    def kill(self) -> None:
        if self.code is None:
            os.kill(self.pid, signal.SIGKILL)


def _process_transport() -> type[ProcessTransport]:
    """Forks where forking is safe and cheap: on Linux, from a process with one thread (a thread
    holding a lock at the fork would leave it held in the child forever).  Fresh interpreters
    elsewhere: macOS, Windows, or a caller of the API that runs threads (a Ray driver, a server)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return ForkTransport
    return ProcessTransport


class LocalFirstTransport:
    """Worker 0 in this process, workers 1 .. n-1 in processes (``ForkTransport`` on Linux).

    Why: on a machine of n cores, the coordinator waits while the workers compute, so it can be
    worker 0 itself.  That saves one interpreter's start, imports and model build (about a second
    on TwoPhase 7 of 6.7 s with two workers), and worker 0's messages are never pickled.  The
    other workers boot while this process computes the initial states and builds worker 0."""

    def __init__(self, factory: Callable, args: tuple, n: int):
        self.n = n
        spawn = _process_transport()
        self.remote = spawn(factory, args, n, indices=range(1, n), wait=False) if n > 1 else None
        try:
            self.local = factory(*args, 0)
        except BaseException:
            self.close()
            raise

    def call(self, method: str, args: Sequence[tuple]) -> list[Any]:
        if self.remote is not None:
            self.remote.send(method, args[1:])
        try:
            mine = getattr(self.local, method)(*args[0])
        except Exception:   # noqa: BLE001 - reported as a remote worker's failure is
            raise WorkerError(f"worker 0 failed:\n{traceback.format_exc()}") from None
        return [mine] + (self.remote.gather() if self.remote is not None else [])

    def close(self) -> None:
        if self.remote is not None:
            self.remote.close()
            self.remote = None


class InProcessTransport:
    """The workers as objects in this process, called one after the other: for tests and profiling
    (the same messages as ``ProcessTransport``, with no process and no pickling)."""

    def __init__(self, factory: Callable, args: tuple, n: int):
        self.n = n
        self.workers = [factory(*args, i) for i in range(n)]

    def call(self, method: str, args: Sequence[tuple]) -> list[Any]:
        return [getattr(w, method)(*a) for w, a in zip(self.workers, args)]

    def close(self) -> None:
        self.workers = []
