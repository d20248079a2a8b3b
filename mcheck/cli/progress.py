"""Progress of a check: a live line on a terminal, TLC-style lines elsewhere.

On a terminal (stderr, where progress goes) the search reports twice a second and a rich ``Live``
line shows distinct states, states per second, the queue, the depth, the time and the memory; it
is cleared when the check ends, so the report that follows is the same as off a terminal. Off a
terminal (a pipe, a CI log), or with ``NO_COLOR`` or ``TERM=dumb`` (which forbid escape codes),
one TLC-style ``Progress(...)`` line every 5 s, as before.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any

import click

LIVE_EVERY = 0.5
"""Seconds between the search's reports when the live display is on."""
PLAIN_EVERY = 5.0
"""Seconds between TLC-style progress lines."""


def rss_bytes() -> int | None:
    """This process's resident memory now (Linux), or None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def live_wanted() -> bool:
    """A live display only on a terminal that may receive escape codes."""
    return (sys.stderr.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM", "") not in ("dumb", ""))


def plain_line(p: dict) -> str:
    """TLC's progress line, then the rate and this process's memory per distinct state."""
    secs = max(p["seconds"], 1e-9)
    rss = rss_bytes()
    per = f", {rss / p['distinct']:.0f} B/state in memory" if rss and p["distinct"] else ""
    return (f"Progress({p['depth']}): {p['generated']:,} states generated ({p['generated'] / secs:,.0f} s/s), "
            f"{p['distinct']:,} distinct states found, {p['queue']:,} states left on queue "
            f"({p['seconds']:.0f} s{per}).")


def live_text(p: dict, rate: float) -> str:
    """The live line's text: what a user watches while a check runs."""
    rss = rss_bytes()
    mem = f" · {rss / 2 ** 20:,.0f} MB" if rss else ""
    return (f"{p['distinct']:,} distinct states · {rate:,.0f} states/s · queue {p['queue']:,} · "
            f"depth {p['depth']} · {p['seconds']:.1f} s{mem}")


class Progress:
    """The ``progress`` callback of a check, and the display it drives. Use as a context manager:
    the live line is removed on exit."""

    def __init__(self, live: bool | None = None):
        self.live = live_wanted() if live is None else live
        self.every = LIVE_EVERY if self.live else PLAIN_EVERY
        self._display: Any = None
        self._last: tuple[float, int] | None = None

    def __call__(self, p: dict) -> None:
        if not self.live:
            click.echo(plain_line(p), err=True)
            return
        now = time.monotonic()
        rate = p["generated"] / max(p["seconds"], 1e-9)
        if self._last is not None and now > self._last[0]:
            rate = (p["generated"] - self._last[1]) / (now - self._last[0])
        self._last = (now, p["generated"])
        if self._display is None:
            from rich.console import Console
            from rich.live import Live
            self._display = Live("", console=Console(stderr=True), transient=True, auto_refresh=False)
            self._display.start()
        self._display.update(live_text(p, rate), refresh=True)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self._display is not None:
            self._display.stop()
            self._display = None
