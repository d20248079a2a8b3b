"""``--time-limit``: stop a check or a simulation after so many seconds, with the statistics so far.

Why a signal: the search already turns Ctrl-C (``KeyboardInterrupt``) into an ``interrupted``
outcome with its counts, in every engine (one process or workers); a timer that raises the same
exception gives a time limit without touching the engines' hot loops.
"""
from __future__ import annotations

import contextlib
import signal
from dataclasses import dataclass
from typing import Iterator

import click


@dataclass
class Limit:
    seconds: float | None
    fired: bool = False

    def note(self) -> str:
        return (f"Stopped by --time-limit {self.seconds:g} s: the figures are those of the states explored so far; "
                "the search is not complete.")


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[Limit]:
    """While active, after ``seconds`` a ``KeyboardInterrupt`` stops the engine (``limit.fired``)."""
    limit = Limit(seconds)
    if not seconds or not hasattr(signal, "setitimer"):
        yield limit
        return

    def fire(signum, frame):
        limit.fired = True
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield limit
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def time_limit_option(f):
    return click.option("--time-limit", "time_limit_s", type=click.FloatRange(min=0, min_open=True),
                        metavar="SECONDS", help="stop after SECONDS with the figures so far (exit code 1)")(f)
