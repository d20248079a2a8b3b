"""Breadth-first search over worker processes (``--workers N``), with one search's answers.

The search goes level by level.  Each worker expands its share of the level's states; each
successor's fingerprint goes, in batches, to the worker that owns it (``fp % n``, a ``ShardTable``),
which says whether it is new.  States stay with the worker that found them: only fingerprints,
keys and ids travel, never states (except for a counterexample).

Every candidate carries a *key*: the rank of its parent in the level (the order one breadth-first
search would expand them in), then its position among the parent's successors.  A new fingerprint
counts once, for its smallest key, so parent links, the concrete state kept under VIEW and
SYMMETRY, and the order of the next level are exactly those of ``BreadthFirst``.  Events (an
invariant or action property violated, a deadlock, an evaluation error) carry keys too, and the
smallest one is reported: the same violation, with the same trace, that one worker reports.
Counts at a violation are those at the end of the level (TLC's multi-worker counts vary too).
"""
from __future__ import annotations

from dataclasses import replace
import gc
import pickle
import time
from typing import Any, Callable, Sequence

import numpy as np

from ..semantics.model import Model, State
from ..semantics.runtime import AssertionFailed
from ..semantics.values.fingerprint import Fingerprinter, view_fingerprint
from . import outcome as O
from .diagnose import diagnose_invariant
from .filter import InvariantError, StepFilter
from .observers import Observer, fan_out
from .search import GC_THRESHOLD, BreadthFirst
from .shard import ShardTable, min_gap
from .store import ExactStore, TraceRebuildError, label, make_store, rebuild_trace
from .traces import step_label
from .transport import LocalFirstTransport, Transport, WorkerError

_POS_BITS = 25            # a key: rank << 25 | position << 1 | (0: the new state's checks, 1: the step's)
_LAST = (1 << 24) - 1     # the position of a deadlock: after every successor


def _key(rank: int, pos: int, sub: int = 0) -> int:
    return (rank << _POS_BITS) | (min(pos, _LAST) << 1) | sub


class ShardWorker:
    """One worker: its model (built from the recipe), its shard of the fingerprints, its part of
    the level being expanded, and the candidates it found in the last expansion."""

    def __init__(self, recipe: Any, check_deadlock: bool, record: bool, n: int, shard: int):
        gc.set_threshold(*GC_THRESHOLD)   # as the one-process search does (a fifth of its time)
        self.model = model = recipe.build()
        self.record = record          # keep every step, for the liveness graph and graph drawings
        self.edges: tuple[list, list, list] = ([], [], [])
        self.dead: list[int] = []
        self.filter = StepFilter(model)
        fpr = Fingerprinter(len(model.variables))
        self.fingerprint, self.canonical = view_fingerprint(fpr, model.key), fpr.canonical
        self.table = ShardTable(shard, n)
        self.deadlock = check_deadlock
        self.frontier: list[tuple[int, int, State]] = []   # (global id, rank, state), by rank
        self.found: list[State] = []

    def claim(self, fps, keys, parents, actions):
        return self.table.claim(fps, keys, parents, actions)

    def links(self, gids):
        return self.table.links(gids)

    def fingerprints(self):
        return self.table.fingerprints()

    def nbytes(self) -> int:
        return self.table.nbytes()

    def start(self, items: list[tuple[int, int, State]]) -> None:
        self.frontier = items

    def take(self, gifts: list[bytes]) -> dict:
        """Take states another worker gave (load balance), check their invariants in rank order,
        and keep the frontier in rank order; the first event among them, by rank."""
        items = [item for g in gifts for item in pickle.loads(g)]
        if not items:
            return {"event": None}
        items.sort(key=_rank)
        event = self._check(items)
        self.frontier = sorted(self.frontier + items, key=_rank)
        return {"event": event}

    def _check(self, items: list[tuple[int, int, State]]) -> tuple | None:
        """The invariants of ``items`` (in rank order), up to the first violation or failure:
        ``(rank, kind, name, state)``; an evaluation error is replayed by the coordinator."""
        check_inv = self.filter.check_invariants
        if check_inv is None:
            return None
        for _, rank, t in items:
            try:
                name = check_inv(t)
            except Exception:   # noqa: BLE001 - InvariantError or an Assert: replayed by the coordinator
                name = ""
            if name is not None:
                return (rank, "invariant" if name else "invariant error", name, t)
        return None

    def expand(self, level: int) -> dict:
        """Generate the successors of this worker's states; the new-looking ones as arrays (the
        first of each fingerprint here), and the first event, by key, if any."""
        m, filt, fingerprint = self.model, self.filter, self.fingerprint
        m.set_level(level)
        in_model, check_inv, check_step = filt.in_model, filt.check_invariants, filt.check_step
        seen: dict[int, int] = {}
        fps, keys, parents, actions, found = [], [], [], [], []
        generated, event = 0, None
        record = self.record
        e_src, e_row, e_act = self.edges = ([], [], [])
        self.dead = dead = []
        # as in the one-worker store: a successor that is one of this level's states here (-2 - its
        # global id) or was found already (its row) is known without its fingerprint
        recent: dict | None = None if self.model.key is not None else {s: -2 - g for g, _, s in self.frontier}
        recent_get = None if recent is None else recent.get
        seen_get, fps_append, keys_append = seen.get, fps.append, keys.append
        parents_append, actions_append, found_append = parents.append, actions.append, found.append
        for gid, rank, s in self.frontier:
            pos = 0
            base = rank << _POS_BITS
            try:
                for ai, t in m.successors(s):
                    generated += 1
                    if in_model is None or in_model(s, t):
                        r = None if recent_get is None else recent_get(t)
                        if r is None:
                            fp = fingerprint(t)
                            r = seen_get(fp)
                            if r is None:
                                r = seen[fp] = len(fps)
                                fps_append(fp), keys_append(base | (pos << 1)), parents_append(gid)
                                actions_append(ai), found_append(t)
                                if recent is not None:
                                    recent[t] = r
                        if record:
                            e_src.append(gid), e_row.append(r), e_act.append(ai)
                    elif check_inv is not None:
                        name = check_inv(t)
                        if name is not None:
                            event = (_key(rank, pos), "invariant", name, gid, ai, t)
                    if event is None and check_step is not None:   # every step, also one leaving the model
                        name = check_step(s, t)
                        if name is not None:
                            event = (_key(rank, pos, 1), "property", name, gid, ai, t)
                    if event is not None:
                        break
                    pos += 1
                if event is None and pos == 0:   # no successor at all
                    if record:
                        dead.append(gid)
                    if self.deadlock:
                        event = (_key(rank, _LAST), "deadlock", None, gid, -1, None)
            except Exception:   # noqa: BLE001 - the coordinator replays this state to report it
                event = (_key(rank, pos), "error", None, gid, -1, s)
            if event is not None:
                break
        self.found = found
        return {"generated": generated, "fps": np.array(fps, dtype=np.int64),
                "keys": np.array(keys, dtype=np.int64), "parents": np.array(parents, dtype=np.int64),
                "actions": np.array(actions, dtype=np.int32), "event": event}

    def settle(self, rows: np.ndarray, gids: np.ndarray, ranks: np.ndarray, all_gids: np.ndarray | None,
               give: Sequence[int] = ()) -> dict:
        """The rows of the last expansion that counted become this worker's next states (by rank),
        but for the last ``sum(give)``, handed to the coordinator for other workers, pickled, in
        pieces of ``give[0]``, ``give[1]``, ... states (load balance: states stay where they were
        found otherwise).  The invariants of the states kept are checked in rank order, up to the
        first violation.  When steps are recorded, ``all_gids`` (every row's global id) turns
        them into edges between global ids."""
        order = np.argsort(ranks, kind="stable")
        found, canonical = self.found, self.canonical
        items = [(g, r, canonical(found[i])) for i, g, r in
                 zip(rows[order].tolist(), gids[order].tolist(), ranks[order].tolist())]
        end = len(items) - sum(give)
        kept, gifts = items[:end], []
        for k in give:
            gifts.append(pickle.dumps(items[end:end + k], pickle.HIGHEST_PROTOCOL))
            end += k
        self.frontier = kept
        self.found = []
        out = {"size": len(kept), "event": self._check(kept), "gifts": gifts}
        if self.record:
            src, row, act = self.edges
            row = np.array(row, dtype=np.int64)
            dst = np.where(row >= 0, all_gids[np.maximum(row, 0)] if len(all_gids) else 0, -2 - row)
            out["edges"] = (np.array(src, dtype=np.int64), dst, np.array(act, dtype=np.int32))
            out["dead"] = self.dead
            out["states"] = items
            self.edges, self.dead = ([], [], []), []
        return out


def _rank(item: tuple[int, int, State]) -> int:
    return item[1]


class ParallelSearch:
    """The coordinator: the initial states, then every level over the workers; ``run()`` gives the
    ``Outcome``, with the same result, distinct states, depth and counterexample as ``BreadthFirst``."""

    def __init__(self, model: Model, workers: int, check_deadlock: bool | None = None,
                 max_states: int | None = None, progress: Callable[[dict], None] | None = None,
                 transport: Transport | None = None, observers: Sequence[Observer] = (),
                 connect: Callable[[Callable, tuple, int], Transport] | None = None,
                 max_depth: int | None = None):
        self.model = model
        self.connect = connect or LocalFirstTransport   # how to start the workers (--ray: raytransport)
        self.observers = observers
        self.on_state, self.on_edge, self.on_dead_end, _ = fan_out(observers)
        self.record = any(h is not None for h in (self.on_state, self.on_edge, self.on_dead_end))
        self.index: dict[int, int] = {}   # global id -> the number one search gives the state (recording)
        self.n = workers
        self.deadlock = model.check_deadlock if check_deadlock is None else check_deadlock
        self.max_states = max_states
        self.max_depth = max_depth   # --max-depth: the states of this depth are not expanded
        self.progress = progress
        self.transport = transport
        fpr = Fingerprinter(len(model.variables))
        self.fingerprint = view_fingerprint(fpr, model.key)
        self.t0 = self.reported = time.monotonic()
        self.generated = self.distinct = self.depth = self.left = 0
        self.bytes = 0
        self.min_gap: int | None = None

    def counts(self) -> O.Counts:
        return O.Counts(self.distinct, self.generated, self.depth, self.left, time.monotonic() - self.t0)

    def run(self) -> O.Outcome:
        # local workers are started first, so that they boot while the initial states are computed;
        # a cluster's (a custom ``connect``) only once the initial states hold no violation
        early = self.connect is LocalFirstTransport
        if early and self.transport is None:
            failed = self._connect()
            if failed is not None:
                return failed
        first = BreadthFirst(self.model, self.observers, check_deadlock=self.deadlock, store=make_store(self.model))
        try:
            bad = first._initial()
        except KeyboardInterrupt:
            bad = O.interrupted(first.counts())
        if bad is not None:
            if self.transport is not None:
                self.transport.close()
            return bad
        self.generated, self.depth = first.generated, first.depth
        if self.transport is None:
            failed = self._connect()
            if failed is not None:
                return failed
        try:
            self._start(first)
            out = self._levels()
            self._finish()
            return out
        except KeyboardInterrupt:
            return O.interrupted(self.counts())
        except WorkerError as err:
            return O.worker_failure(str(err), self.counts())
        except TraceRebuildError as err:   # as one search reports it (RandomElement in an action)
            return O.trace_lost(str(err), self.counts())
        finally:
            self.transport.close()

    def _connect(self) -> O.Outcome | None:
        """Start the workers; an outcome if they could not be started."""
        try:
            self.transport = self.connect(ShardWorker, (self.model.recipe, self.deadlock, self.record, self.n), self.n)
        except WorkerError as err:
            return O.worker_failure(str(err), self.counts())
        return None

    def _start(self, first: BreadthFirst) -> None:
        """The initial states: their fingerprints to their owners, the states round-robin to workers."""
        fps = np.array([first.store.fps[j] for j, _ in first.frontier], dtype=np.int64)
        ranks = np.arange(len(fps), dtype=np.int64)
        gids = self._claim(fps, ranks, np.full(len(fps), -1, np.int64), np.full(len(fps), -1, np.int32))[0]
        shares: list[list] = [[] for _ in range(self.n)]
        for r, (j, st) in enumerate(first.frontier):
            shares[r % self.n].append((int(gids[r]), r, st))
            self.index[int(gids[r])] = j
        self.transport.call("start", [(s,) for s in shares])
        self.distinct = len(fps)

    def _claim(self, fps, keys, parents, actions) -> tuple[np.ndarray, np.ndarray]:
        """Send each candidate to its owner; each candidate's global id and whether it counted."""
        owner = fps % self.n
        rows = [np.nonzero(owner == o)[0] for o in range(self.n)]
        res = self.transport.call("claim", [(fps[r], keys[r], parents[r], actions[r]) for r in rows])
        gids = np.empty(len(fps), dtype=np.int64)
        won = np.empty(len(fps), dtype=bool)
        for r, (g, w) in zip(rows, res):
            gids[r], won[r] = g, w
        return gids, won

    def _levels(self) -> O.Outcome:
        level = 1
        size = self.distinct
        while size and level != self.max_depth:
            level += 1
            parts = self.transport.call("expand", [(level,)] * self.n)
            self.generated += sum(p["generated"] for p in parts)
            cat = {k: np.concatenate([p[k] for p in parts]) for k in ("fps", "keys", "parents", "actions")}
            sender = np.concatenate([np.full(len(p["fps"]), w) for w, p in enumerate(parts)])
            row = np.concatenate([np.arange(len(p["fps"])) for p in parts])
            gids, won = self._claim(cat["fps"], cat["keys"], cat["parents"], cat["actions"])
            winners = np.nonzero(won)[0]
            ranks = np.empty(len(cat["fps"]), dtype=np.int64)
            by_rank = winners[np.argsort(cat["keys"][winners], kind="stable")]   # the next level's order
            ranks[by_rank] = np.arange(len(winners))
            mine = [winners[sender[winners] == w] for w in range(self.n)]
            moves = _moves([len(m) for m in mine])
            give = [[k for a, _, k in moves if a == w] for w in range(self.n)]
            args = [(row[m], gids[m], ranks[m], gids[sender == w] if self.record else None, give[w])
                    for w, m in enumerate(mine)]
            settled = self.transport.call("settle", args)
            events = [s["event"] for s in settled]
            if moves:
                shares: list[list[bytes]] = [[] for _ in range(self.n)]
                pieces = [iter(s["gifts"]) for s in settled]
                for a, b, _ in moves:
                    shares[b].append(next(pieces[a]))
                events += [t["event"] for t in self.transport.call("take", [(sh,) for sh in shares])]
            if self.record:
                self._record(settled, by_rank, gids, cat)
            self.distinct += len(winners)
            if len(winners):
                self.depth = level
            size = self.left = len(winners)
            event = self._first_event(parts, events, cat, by_rank)
            if event is not None:
                return self._outcome(event, level)
            if self.progress is not None and time.monotonic() - self.reported > 5.0:
                self.reported = time.monotonic()
                self.progress({"depth": self.depth, "generated": self.generated, "distinct": self.distinct,
                               "queue": size, "seconds": time.monotonic() - self.t0})
            if self.max_states is not None and self.distinct > self.max_states:
                return O.stopped(self.max_states, self.counts())
        if size:   # --max-depth
            self.left = size
            return O.bounded(level, self.counts())
        self.left = 0
        out = O.success(self.counts())
        out.complete = True
        return out

    def _record(self, settled: list[dict], by_rank, gids, cat) -> None:
        """Tell the observers what one search would have told them: the new states in its order,
        numbered as it numbers them, then every step and dead end, by those numbers."""
        states = {g: st for s in settled for g, _, st in s["states"]}
        index = self.index
        for i in by_rank:
            g = int(gids[i])
            j = index[g] = len(index)
            if self.on_state is not None:
                self.on_state(j, states[g], index[int(cat["parents"][i])], int(cat["actions"][i]))
        for s in settled:
            if self.on_edge is not None:
                for a, b, act in zip(*(x.tolist() for x in s["edges"])):
                    self.on_edge(index[a], index[b], act)
            if self.on_dead_end is not None:
                for g in s["dead"]:
                    self.on_dead_end(index[g])

    def _first_event(self, parts, events: list, cat, by_rank) -> tuple | None:
        """The event with the smallest key: from the expansions, or an invariant of a new state
        (``by_rank``: the candidates that counted, in the order of the next level)."""
        found = [p["event"] for p in parts if p["event"] is not None]
        for e in events:
            if e is not None:
                rank, kind, name, t = e
                i = by_rank[rank]
                found.append((int(cat["keys"][i]), kind, name, int(cat["parents"][i]), int(cat["actions"][i]), t))
        return min(found, key=lambda e: e[0]) if found else None

    def _finish(self) -> None:
        """The store's size and the smallest gap between fingerprints, gathered from the shards."""
        self.bytes = sum(self.transport.call("nbytes", [()] * self.n))
        self.min_gap = min_gap(np.concatenate(self.transport.call("fingerprints", [()] * self.n)))

    def report(self) -> O.StoreReport:
        return O.StoreReport("fingerprints", self.distinct, self.bytes, self.min_gap)

    # ------------------------------------------------------------------ counterexamples

    def _trace(self, gid: int, extra: tuple[int, State] | None = None) -> list[O.TraceStep]:
        """The behaviour to the state with global id ``gid``: its chain of parents from the shards,
        then rebuilt from the fingerprints, as one worker's store rebuilds it."""
        fps = []
        while gid >= 0:
            args = [(np.array([gid] if gid % self.n == o else [], dtype=np.int64),) for o in range(self.n)]
            f, p, _ = self.transport.call("links", args)[gid % self.n]
            fps.append(int(f[0]))
            gid = int(p[0])
        fps.reverse()
        return rebuild_trace(self.model, self.fingerprint, fps, extra)

    def _outcome(self, event: tuple, level: int) -> O.Outcome:
        _, kind, name, gid, ai, t = event
        counts = self.counts()
        if kind == "invariant":
            return O.invariant_violated(name, self._trace(gid, (ai, t)), counts)
        if kind == "property":
            return O.property_violated(name, self._trace(gid, (ai, t)), counts)
        if kind == "deadlock":
            return O.deadlock(self._trace(gid), counts)
        if kind == "invariant error":
            return self._invariant_error(gid, t, counts)
        return self._replay(gid, t, level, counts)

    def _invariant_error(self, gid: int, t: State, counts: O.Counts) -> O.Outcome:
        """An invariant failed to evaluate (or asserted) on a new state: evaluated again here."""
        steps = self._trace(gid)
        filt = StepFilter(self.model)
        try:
            filt.invariant_violated(t)
        except InvariantError as f:
            msg = diagnose_invariant(self.model, f.name, f.state, f.err)
            steps.append(O.TraceStep(step_label(self.model, steps[-1].state, t), t))
            return O.invariant_error(f.name, msg, steps, counts)
        except AssertionFailed as err:
            return O.assert_failed(err.message, steps, counts)
        return O.evaluation_error("an invariant failed to evaluate in a worker but not when evaluated again",
                                  counts, steps)

    def _replay(self, gid: int, s: State, level: int, counts: O.Counts) -> O.Outcome:
        """An evaluation error while expanding ``s``: expand it again here, in a one-state search
        whose trace is ``s``'s, so that the error is reported as ``BreadthFirst`` reports it."""
        prefix = self._trace(gid)
        if self.model.set_stats is not None:   # no statistics, as in the worker: TLCGet("distinct") fails here too
            self.model.set_stats.figures = None
        replay = BreadthFirst(replace(self.model, set_stats=None), check_deadlock=False, store=_Replayed(prefix))
        replay.frontier = [(0, s)]
        replay.level = level - 1
        out = replay._levels()
        out.distinct_states, out.states_generated, out.depth = counts.distinct, counts.generated, counts.depth
        out.left_on_queue = counts.left
        return out


def _moves(sizes: list[int]) -> list[tuple[int, int, int]]:
    """``(giver, receiver, states)``: the states to move so that every worker expands about the
    same number of the next level's (states stay with the worker that found them, so one initial
    state would otherwise leave every other worker idle).  Moving a state (pickled twice) costs
    far less than the idle time of the other workers while one expands it."""
    total, n = sum(sizes), len(sizes)
    target = -(-total // n)
    if max(sizes) <= target + max(8, total // 200):
        return []
    over = [[w, k - target] for w, k in enumerate(sizes) if k > target]
    moves = []
    for b, k in enumerate(sizes):
        need = target - k
        while need > 0 and over:
            a, extra = over[0]
            m = min(need, extra)
            moves.append((a, b, m))
            need -= m
            over[0][1] -= m
            if over[0][1] == 0:
                over.pop(0)
    return moves


class _Replayed(ExactStore):
    """The store of a replay: one state, whose trace is known; every successor counts as seen."""

    def __init__(self, prefix: list[O.TraceStep]):
        super().__init__()
        self.prefix = prefix

    def __len__(self) -> int:
        return 1

    def insert(self, t: State, parent: int, action: int) -> int:
        return 0

    def trace(self, model: Model, i: int, extra: tuple[int, State] | None = None) -> list[O.TraceStep]:
        steps = list(self.prefix)
        if extra is not None:
            steps.append(O.TraceStep(label(model, extra[0]), extra[1]))
        return steps
