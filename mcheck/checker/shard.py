"""One shard of the fingerprint set, for the search over worker processes: batches in, numpy inside.

A worker owns the fingerprints ``fp`` with ``fp % n == shard``.  Once per level it receives every
candidate successor with such a fingerprint, from every worker, as arrays, and answers, for each,
the state's global id and whether this discovery is the one that counts (new, and the first in
the order one breadth-first search would have found it).  Whole batches make the work vectorised:
the open-addressing table (linear probing, ``index + 1`` per slot, 0 empty) is probed in rounds,
each round one numpy operation over every fingerprint still unresolved.

A global id is ``local index * n + shard``: the owner and the row of its arrays, where the
fingerprint, the parent's global id and the action of each state are kept for traces.
"""
from __future__ import annotations

import numpy as np

_LOAD = 0.6


class ShardTable:
    """The fingerprints one worker owns, with their parents and actions (``parent`` -1: initial)."""

    def __init__(self, shard: int, n: int, bits: int = 12):
        self.shard, self.n = shard, n
        self.size = 0
        self.fps = np.empty(1024, dtype=np.int64)
        self.parent = np.empty(1024, dtype=np.int64)
        self.action = np.empty(1024, dtype=np.int32)
        self._table(bits)

    def _table(self, bits: int) -> None:
        self.bits, self.mask = bits, (1 << bits) - 1
        self.table = np.zeros(1 << bits, dtype=np.int64)

    def __len__(self) -> int:
        return self.size

    def nbytes(self) -> int:
        """The bytes the set and the trace links take (rows in use, and the whole table)."""
        return self.table.nbytes + self.size * (8 + 8 + 4)

    def lookup(self, fps: np.ndarray) -> np.ndarray:
        """The local index of each fingerprint, or -1 where it is not in the shard."""
        out = np.full(len(fps), -1, dtype=np.int64)
        slots = fps & self.mask
        pending = np.arange(len(fps))
        while pending.size:
            k = self.table[slots[pending]]
            full = k != 0
            hit = full.copy()
            hit[full] = self.fps[k[full] - 1] == fps[pending[full]]
            out[pending[hit]] = k[hit] - 1
            go_on = full & ~hit
            pending = pending[go_on]
            slots[pending] = (slots[pending] + 1) & self.mask
        return out

    def append(self, fps: np.ndarray, parents: np.ndarray, actions: np.ndarray) -> np.ndarray:
        """Add fingerprints not in the shard (distinct), in order; their local indices."""
        m = len(fps)
        start = self.size
        if start + m > len(self.fps):
            cap = max(2 * len(self.fps), start + m)
            for name in ("fps", "parent", "action"):
                old = getattr(self, name)
                new = np.empty(cap, dtype=old.dtype)
                new[:start] = old[:start]
                setattr(self, name, new)
        self.fps[start:start + m] = fps
        self.parent[start:start + m] = parents
        self.action[start:start + m] = actions
        self.size = start + m
        if self.size > _LOAD * len(self.table):
            bits = self.bits
            while self.size > _LOAD * (1 << bits):
                bits += 1
            self._table(bits)
            place(self.table, self.fps, np.arange(self.size), self.mask)
        else:
            place(self.table, self.fps, np.arange(start, self.size), self.mask)
        return np.arange(start, self.size, dtype=np.int64)

    def gid(self, local: np.ndarray) -> np.ndarray:
        return local * self.n + self.shard

    def claim(self, fps: np.ndarray, keys: np.ndarray, parents: np.ndarray,
              actions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each candidate: its global id, and whether it is the discovery that counts (its
        fingerprint is new and no candidate with that fingerprint has a smaller key).  Winners are
        added in key order, with their parents and actions."""
        local = self.lookup(fps)
        won = np.zeros(len(fps), dtype=bool)
        new = np.nonzero(local < 0)[0]
        if new.size:
            order = new[np.lexsort((keys[new], fps[new]))]       # by fingerprint, then key
            first = np.ones(order.size, dtype=bool)
            first[1:] = fps[order[1:]] != fps[order[:-1]]
            winners = order[first]
            winners = winners[np.argsort(keys[winners], kind="stable")]
            local[winners] = self.append(fps[winners], parents[winners], actions[winners])
            won[winners] = True
            losers = order[~first]
            if losers.size:
                local[losers] = self.lookup(fps[losers])
        return self.gid(local), won

    def links(self, gids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Fingerprints, parents' global ids and actions of states of this shard."""
        local = gids // self.n
        return self.fps[local], self.parent[local], self.action[local]

    def fingerprints(self) -> np.ndarray:
        return self.fps[:self.size]


_PLACE_CHUNK = 1 << 18   # rows placed per round of ``place``: its temporaries stay a few MB


def place(table: np.ndarray, fps: np.ndarray, rows: np.ndarray, mask: int) -> None:
    """Put ``rows`` (indices into ``fps``) into the open-addressing ``table`` as ``row + 1``,
    vectorised: each round every unplaced row tries its current slot, the first of those wanting a
    free slot takes it, and the others move one slot on (so each probe path crosses only taken
    slots, as linear probing needs).  The one-worker store's table grows with it too.  Rows go
    in chunks, so that a table of millions of states grows without a transient of ten arrays of
    its size (PaxosCommit's peak memory was such a transient)."""
    for start in range(0, len(rows), _PLACE_CHUNK):
        _place(table, fps, rows[start:start + _PLACE_CHUNK], mask)


def _place(table: np.ndarray, fps: np.ndarray, rows: np.ndarray, mask: int) -> None:
    slots = fps[rows] & mask
    pending = np.arange(len(rows))
    while pending.size:
        want = slots[pending]
        free = table[want] == 0
        uniq, first = np.unique(want[free], return_index=True)
        won = pending[free][first]
        table[uniq] = rows[won] + 1
        placed = np.zeros(len(rows), dtype=bool)
        placed[won] = True
        pending = pending[~placed[pending]]
        slots[pending] = (slots[pending] + 1) & mask


def min_gap(fps: np.ndarray) -> int:
    """The smallest difference between two sorted fingerprints (TLC's FPSet.checkFPs), for the
    estimate "based on the actual fingerprints"; 2**63 - 1 (Long.MAX_VALUE) with fewer than two."""
    if len(fps) < 2:
        return (1 << 63) - 1
    a = np.sort(fps.view(np.uint64))
    step = 1 << 20   # the differences in chunks: one sorted copy is the only array of fps's size
    return int(min(np.diff(a[i:i + step + 1]).min() for i in range(0, len(a) - 1, step)))
