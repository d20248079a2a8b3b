"""The seen set of a breadth-first search, with what traces need: two stores behind one interface.

``FingerprintStore`` (the default) keeps TLC's 8 bytes per state and a little more: the 64-bit
fingerprint of each state's dedup key (``semantics.values.fingerprint``), its parent and the action
that found it, about 20-28 bytes per distinct state in all.  States themselves live only in the
frontier; a counterexample is rebuilt, as TLC rebuilds it, by re-running Init and then each step's
successors and taking the first state with the recorded fingerprint.  ``ExactStore`` (``--exact``)
keeps every state as a Python tuple in a dict: no collision is possible, at about 800 bytes a state.

Why ``array.array`` in the hot path and numpy beside it: the search probes the table once per
generated state from Python, and indexing an ``array`` gives a Python ``int`` about twice as fast as
indexing a numpy array (which makes a numpy scalar); the bulk work (rebuilding the table when it
grows, sorting the fingerprints for TLC's collision estimate) is vectorised with numpy over the same
buffers without copying them.
"""
from __future__ import annotations

from array import array
from typing import Any, Callable

from ..semantics.model import Model, State
from ..semantics.values.fingerprint import Fingerprinter, view_fingerprint
from . import outcome as O

_FIRST_BITS = 10          # the table starts with 2**10 slots
_LOAD = 0.6               # and doubles past this load
_RECENT_MAX = 1 << 20      # states of the current and the next level kept in a dict, at most


class TraceRebuildError(Exception):
    """A recorded fingerprint is not among the successors of the rebuilt previous state: the spec's
    next-state relation is not a function of the state (RandomElement, TLCGet of a counter)."""


class ExactStore:
    """Every distinct state, exactly: a dict from dedup key to index, the states, their parents
    (-1 for an initial state) and the index of the action that found each (-1: initial)."""

    def __init__(self, key: Callable[[State], Any] | None = None) -> None:
        self.key = key
        self.index: dict = {}
        self.states: list[State] = []
        self.parent: list[int] = []
        self.action: list[int] = []

    def __len__(self) -> int:
        return len(self.index)

    def insert(self, t: State, parent: int, action: int) -> int:
        """The index of ``t``'s class: a new one (``len(self) - 1`` after the call) if it is new."""
        j = len(self.states)
        key = self.key
        i = self.index.setdefault(t if key is None else key(t), j)
        if i == j:
            self.states.append(t)
            self.parent.append(parent)
            self.action.append(action)
        return i

    @staticmethod
    def canonical(t: State) -> State:
        """``t`` itself: the exact store keeps the states it is given."""
        return t

    def new_level(self) -> None:
        """Nothing to do: every state is in the dict."""

    def spilled(self) -> None:
        """Nothing to do: the exact store keeps every state anyway."""

    def trace(self, model: Model, i: int, extra: tuple[int, State] | None = None) -> list[O.TraceStep]:
        """The path of parent links from an initial state to state ``i`` (then the step ``extra``:
        ``(action index, state)``), each step labelled with the action that took it."""
        steps = [O.TraceStep(label(model, self.action[j]), self.states[j]) for j in _chain(self.parent, i)]
        if extra is not None:
            steps.append(O.TraceStep(label(model, extra[0]), extra[1]))
        return steps

    def report(self) -> O.StoreReport:
        """Exact states: their size is not measured (Python objects, about 800 bytes a state)."""
        return O.StoreReport("exact", len(self))


_NO_NUMPY_MAX = 1 << 17   # fingerprints: below this, the table grows and min_gap sorts in plain Python


class FingerprintStore:
    """The fingerprints of the distinct states, with parent and action links, in flat arrays.

    ``table`` is an open-addressing hash table (linear probing) of ``index + 1`` (0: empty), keyed
    by the fingerprint's low bits; ``fps[i]``, ``parent[i]`` and ``action[i]`` describe state ``i``.
    """

    def __init__(self, fingerprint: Callable[[State], int], n_actions: int = 0,
                 canonical: Callable[[State], State] | None = None):
        self.fingerprint = fingerprint
        # the state with its values replaced by the cached equal ones (Fingerprinter.canonical)
        self.canonical: Callable[[State], State] = canonical if canonical is not None else (lambda t: t)
        self.fps = array("q")
        self.parent = array("i")
        self.action = array("h" if n_actions < 1 << 15 else "i")
        self._make_table(_FIRST_BITS)
        self.insert = self._inserter()

    def _make_table(self, bits: int) -> None:
        self.bits = bits
        self.mask = (1 << bits) - 1
        self.grow_at = int(_LOAD * (1 << bits))
        self.table = array("I", bytes(4 << bits))

    def __len__(self) -> int:
        return len(self.fps)

    def _inserter(self) -> Callable[[State, int, int], int]:
        """``insert(t, parent, action)``: the index of ``t``'s fingerprint, a new one (``len(self) - 1``
        after the call) if it is new.  A closure over the arrays, rebound when the table grows: the
        search calls it once per generated state, and cell variables are faster than attributes.

        Most successors are states of the level being expanded or of the next one (all of them, on
        TwoPhase), so the states of those two levels are also kept in one dict (``window``; they are
        in the frontier anyway): such a successor is found by one C-level dict lookup, without
        computing its fingerprint.  One dict, not one per level: a lookup hashes the state, and a
        state's hash is its values' hashes again (a function's is a Python call), so a second dict
        to try cost a tenth of the search on TwoPhase 7.  ``new_level()`` starts a level and drops
        the states of the one before the level just expanded.  Without a dedup key, the
        fingerprint is computed inline (``Fingerprinter.state``'s fast path), saving a call."""
        fingerprint, fps = self.fingerprint, self.fps
        fps_append, parent_append, action_append = fps.append, self.parent.append, self.action.append
        table, mask, grow_at = self.table, self.mask, self.grow_at
        caches = getattr(fingerprint, "caches", None)   # Fingerprinter.state's per-variable caches
        getitem = dict.__getitem__
        canonical = self.canonical
        window: dict = {}            # the states of this level and of the next one found so far
        window_get = window.get
        current: list = []           # window's states of this level (found expanding the previous one)
        found: list = []             # and of the next level (found expanding this one)
        keep = caches is not None    # with a dedup key, states are not what is compared
        limit = _RECENT_MAX

        def insert(t: State, parent: int, action: int) -> int:
            nonlocal table, mask, grow_at
            if keep:
                i = window_get(t)
                if i is not None:
                    return i
                try:
                    fp = hash(tuple(map(getitem, caches, t)))
                except KeyError:
                    fp = fingerprint(t)
            else:
                fp = fingerprint(t)
            slot = fp & mask
            k = table[slot]
            while k:
                if fps[k - 1] == fp:
                    return k - 1
                slot = (slot + 1) & mask
                k = table[slot]
            j = len(fps)
            table[slot] = j + 1
            fps_append(fp)
            parent_append(parent)
            action_append(action)
            if keep and len(found) < limit:
                t = canonical(t)          # the very tuple the search queues (canonical remembers it)
                window[t] = j
                found.append(t)
            if j >= grow_at:
                self._grow()
                table, mask, grow_at = self.table, self.mask, self.grow_at
            return j

        def new_level() -> None:
            nonlocal current, found, limit
            for t in current:
                del window[t]
            current, found = found, []
            limit = _RECENT_MAX

        def spilled() -> None:
            """The next level went to disk: keep none of its states alive here (those found so far
            are on their way to the file; a later one is found by its fingerprint)."""
            nonlocal limit
            limit = 0
            for t in found:
                del window[t]
            found.clear()

        self.new_level = new_level
        self.spilled = spilled
        return insert

    def load(self, fps: array, parent: array, action: array) -> None:
        """Take the rows of a checkpoint (the store must be empty), and rebuild the table."""
        self.fps.extend(fps)
        self.parent.extend(parent)
        self.action.extend(action)
        bits = _FIRST_BITS
        while len(self.fps) > _LOAD * (1 << bits):
            bits += 1
        self._make_table(bits - 1)
        self._grow()
        self.insert = self._inserter()

    def _grow(self) -> None:
        """Double the table and place every index again, vectorised: in each round every unplaced
        fingerprint tries its current slot, the first of those wanting a free slot takes it, and the
        others move one slot on (so each probe path crosses only taken slots, as linear probing needs)."""
        self._make_table(self.bits + 1)
        if len(self.fps) < _NO_NUMPY_MAX:   # a loop is quicker than importing numpy (44 ms in all up to 2^17)
            table, mask = self.table, self.mask
            for j, fp in enumerate(self.fps):
                slot = fp & mask
                while table[slot]:
                    slot = (slot + 1) & mask
                table[slot] = j + 1
            return
        import numpy as np  # numpy is imported by a large table's growth, not at start-up (mcheck --help)
        from .shard import place
        # placed in the new array's own memory (a numpy view of it): no copy of the table is made
        place(np.frombuffer(self.table, dtype=np.uint32), np.frombuffer(self.fps, dtype=np.int64),
              np.arange(len(self.fps)), self.mask)

    def trace(self, model: Model, i: int, extra: tuple[int, State] | None = None) -> list[O.TraceStep]:
        """The behaviour to state ``i`` (then the step ``extra``), rebuilt from fingerprints."""
        return rebuild_trace(model, self.fingerprint, [self.fps[j] for j in _chain(self.parent, i)], extra)

    def size_bytes(self) -> int:
        """The bytes the seen set and the trace links take (the arrays' used items)."""
        return (len(self.table) * self.table.itemsize + len(self.fps) * self.fps.itemsize
                + len(self.parent) * self.parent.itemsize + len(self.action) * self.action.itemsize)

    def min_gap(self) -> int:
        """The smallest difference between two sorted fingerprints (``shard.min_gap``).  A small
        store is sorted here: importing numpy (0.1-0.2 s) would be most of a small spec's run, and
        up to 2^17 fingerprints sorting them in Python takes less (70 ms for 2^17, 21 ms for TwoPhase 6's
        50,816: that import was most of the fingerprint store's extra time against --exact there)."""
        if len(self.fps) < _NO_NUMPY_MAX:
            if len(self.fps) < 2:
                return (1 << 63) - 1
            a = sorted(fp & 0xFFFFFFFFFFFFFFFF for fp in self.fps)   # as unsigned, as TLC sorts them
            return min(b - x for x, b in zip(a, a[1:]))
        import numpy as np
        from .shard import min_gap
        return min_gap(np.frombuffer(self.fps, dtype=np.int64))

    def report(self) -> O.StoreReport:
        return O.StoreReport("fingerprints", len(self), self.size_bytes(), self.min_gap())


def rebuild_trace(model: Model, fingerprint: Callable[[State], int], fps: list[int],
                  extra: tuple[int, State] | None = None) -> list[O.TraceStep]:
    """The behaviour through the states with fingerprints ``fps`` (then the step ``extra``), rebuilt
    as TLC rebuilds it: re-run Init and take the first state with the first fingerprint, then for
    each later one the first successor of the previous state with it, labelled by its action."""
    want = fps[0]
    state = next((s for s in model.init() if fingerprint(s) == want), None)
    if state is None:
        raise TraceRebuildError("no initial state has the recorded fingerprint of the trace's first state")
    steps = [O.TraceStep(O.INITIAL, state)]
    for depth, want in enumerate(fps[1:], start=2):
        model.set_level(depth)
        found = next(((ai, t) for ai, t in model.successors(state) if fingerprint(t) == want), None)
        if found is None:
            raise TraceRebuildError(f"state {depth} of the trace is not among the successors of state "
                                    f"{depth - 1} when they are generated again")
        state = found[1]
        steps.append(O.TraceStep(label(model, found[0]), state))
    if extra is not None:
        steps.append(O.TraceStep(label(model, extra[0]), extra[1]))
    return steps


def _chain(parent, i: int) -> list[int]:
    chain = []
    while i >= 0:
        chain.append(i)
        i = parent[i]
    chain.reverse()
    return chain


def label(model: Model, ai: int) -> str:
    """The label of a trace step taken by action ``ai`` (-1: an initial state)."""
    return O.INITIAL if ai < 0 else model.actions[ai].label


def make_store(model: Model, exact: bool = False) -> ExactStore | FingerprintStore:
    """The store a search of ``model`` uses: fingerprints of its dedup key, or exact states."""
    if exact:
        return ExactStore(model.key)
    fpr = Fingerprinter(len(model.variables))
    return FingerprintStore(view_fingerprint(fpr, model.key), len(model.actions), fpr.canonical)
