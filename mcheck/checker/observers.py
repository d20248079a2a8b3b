"""Observers of one search: they see each new state, each step and progress, and build from them
the state graph (for liveness, ``--dump-graph`` and ``--html``) without a second search."""
from __future__ import annotations

from array import array
from typing import Callable, Sequence

from ..semantics.model import State


class Observer:
    """Watches one breadth-first search; override what you need.

    The search calls only the methods a subclass overrides, so an observer that does not want the
    steps costs nothing per step.  States are numbered ``0, 1, ...`` in the order they are found;
    ``parent`` and ``action`` are -1 for an initial state.
    """

    def on_state(self, i: int, state: State, parent: int, action: int) -> None:
        """A new distinct state ``i``, found from ``parent`` by the action with index ``action``."""

    def on_edge(self, src: int, dst: int, action: int) -> None:
        """A step between states of the model (``dst`` may have been found before)."""

    def on_dead_end(self, i: int) -> None:
        """State ``i`` has no successor at all (a deadlock, whether or not deadlock is checked)."""

    def on_progress(self, progress: dict) -> None:
        """Every few seconds: ``depth``, ``generated``, ``distinct``, ``queue``, ``seconds``."""


_HOOKS = ("on_state", "on_edge", "on_dead_end", "on_progress")


def fan_out(observers: Sequence[Observer]) -> tuple[Callable | None, ...]:
    """One callable per hook (None when no observer overrides it), in the order of ``_HOOKS``."""
    out: list[Callable | None] = []
    for hook in _HOOKS:
        fns = [getattr(o, hook) for o in observers if getattr(type(o), hook) is not getattr(Observer, hook)]
        out.append(None if not fns else fns[0] if len(fns) == 1 else _all(fns))
    return tuple(out)


def _all(fns: list[Callable]) -> Callable:
    def call(*args) -> None:
        for f in fns:
            f(*args)
    return call


class ProgressCallback(Observer):
    """Passes the search's progress reports to a function (the CLI prints them)."""

    def __init__(self, fn: Callable[[dict], None]):
        self.fn = fn

    def on_progress(self, progress: dict) -> None:
        self.fn(progress)


class ProfileObserver(Observer):
    """``--profile``: the distinct states each action found (``semantics.profile.Profile.found``)."""

    def __init__(self, profile):
        self.found = profile.found

    def on_state(self, i: int, state: State, parent: int, action: int) -> None:
        self.found(action)


class GraphRecorder(Observer):
    """The explored graph: the states, each state's successors (one entry per step, in the order
    generated, repeats kept), which states are dead ends, and optionally each step's action.

    Past ``limit`` states it stops recording and sets ``truncated`` (the drawing in the HTML report
    only needs small graphs).
    """

    def __init__(self, with_actions: bool = False, limit: int | None = None):
        self.states: list[State] = []
        self.inits: list[int] = []
        # arrays of C ints, not lists: a list entry costs a pointer and, past 256, an int object
        # (about 40 bytes a step, where an array costs 4); a liveness model records every step
        self.succ: list[array] = []
        self.actions: list[array] | None = [] if with_actions else None
        self.dead_ends: set[int] = set()
        self.limit = limit
        self.truncated = False

    def on_state(self, i: int, state: State, parent: int, action: int) -> None:
        if self.truncated:
            return
        if self.limit is not None and i >= self.limit:
            self.truncated = True
            return
        self.states.append(state)
        self.succ.append(array("i"))
        if self.actions is not None:
            self.actions.append(array("h"))
        if parent < 0:
            self.inits.append(i)

    def on_edge(self, src: int, dst: int, action: int) -> None:
        if self.truncated:
            return
        self.succ[src].append(dst)
        if self.actions is not None:
            self.actions[src].append(action)

    def on_dead_end(self, i: int) -> None:
        self.dead_ends.add(i)
