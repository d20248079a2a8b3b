"""``--profile``: what each action and each definition cost during one check, as TLC's profiler reports.

Profiling is decided when the model is compiled (``Recipe.profile``): without it nothing here is
called and the generated code is the same as before.  With it the builder wraps the initial
predicate, each action, each invariant and constraint, and the compiler wraps each definition it
compiles to a function (``Compiler.profile``), in counting functions that add their calls and
their time (inclusive: a definition's time holds the definitions it calls) to one ``Profile``.
The successors come from each action in turn (not the fused ``next_all`` generator), so each
action's states are counted; the search's observer (``checker.observers.ProfileObserver``) adds
the distinct states each action found.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from time import perf_counter
from typing import Any, Callable, Iterator

ACTION = "action"
DEFINITION = "definition"
PREDICATE = "predicate"
INIT = "init"


@dataclass
class Entry:
    """One line of the profile: a named action, definition or predicate and what it cost."""

    kind: str
    name: str
    calls: int = 0
    seconds: float = 0.0
    generated: int = 0        # states yielded (actions, the initial predicate)
    distinct: int = 0         # new states among them (set by the search's observer)


@dataclass
class Profile:
    """The entries of one model, in the order they were made; ``actions[i]`` is action ``i``'s."""

    entries: list[Entry] = field(default_factory=list)
    actions: list[Entry] = field(default_factory=list)
    init: Entry | None = None

    def entry(self, kind: str, name: str) -> Entry:
        e = Entry(kind, name)
        self.entries.append(e)
        return e

    def wrap(self, kind: str, name: str, fn: Callable) -> Callable:
        """``fn`` counting its calls and its time into a new entry."""
        e = self.entry(kind, name)

        def counted(*args: Any) -> Any:
            e.calls += 1
            t0 = perf_counter()
            try:
                return fn(*args)
            finally:
                e.seconds += perf_counter() - t0
        counted.__wrapped__ = fn  # type: ignore[attr-defined]
        return counted

    def wrap_init(self, fn: Callable[..., Iterator]) -> Callable[..., Iterator]:
        """The initial predicate's generator, counting the states it yields and the time spent in it."""
        e = self.init = self.entry(INIT, "Init")

        def init(*args: Any) -> Iterator:
            e.calls += 1
            yield from _timed(e, fn(*args))
        return init

    def successors(self, labels: list[str], fns: list[Callable]) -> Callable[[Any], Iterator[tuple[int, Any]]]:
        """``successors(s)`` from the actions in turn, with each one's calls, time and states counted;
        ``fns[i](s)`` yields action i's successors as ``(0, t)`` (one action's ``next_all`` function).

        Only the time inside an action's generator counts, not the search's between two states."""
        entries = [self.entry(ACTION, lb) for lb in labels]
        self.actions = entries
        pairs = list(enumerate(zip(entries, fns)))

        def successors(s: Any) -> Iterator[tuple[int, Any]]:
            for i, (e, fn) in pairs:
                e.calls += 1
                for _, t in _timed(e, fn(s)):
                    yield i, t
        return successors

    def found(self, action: int) -> None:
        """A new distinct state, found by action ``action`` (-1: an initial state)."""
        e = self.init if action < 0 else self.actions[action]
        if e is not None:
            e.distinct += 1

    def by_kind(self, *kinds: str) -> list[Entry]:
        """The entries of those kinds that were called, merged by name, most time first."""
        merged: dict[tuple[str, str], Entry] = {}
        for e in self.entries:
            if e.kind not in kinds or e.calls == 0:
                continue
            m = merged.get((e.kind, e.name))
            if m is None:
                merged[(e.kind, e.name)] = Entry(e.kind, e.name, e.calls, e.seconds, e.generated, e.distinct)
            else:
                m.calls += e.calls
                m.seconds += e.seconds
                m.generated += e.generated
                m.distinct += e.distinct
        return sorted(merged.values(), key=lambda x: (-x.seconds, x.name))


def _timed(e: Entry, it: Iterator) -> Iterator:
    """The items of ``it``, with the time spent producing them (and the count) added to ``e``."""
    nxt = it.__next__
    while True:
        t0 = perf_counter()
        try:
            t = nxt()
        except StopIteration:
            e.seconds += perf_counter() - t0
            return
        except BaseException:
            e.seconds += perf_counter() - t0
            raise
        e.seconds += perf_counter() - t0
        e.generated += 1
        yield t
