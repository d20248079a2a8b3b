"""Checkpoints of a breadth-first search at level boundaries, and recovery from them (TLC's -recover).

At the start of a level the search is fully described by the store (fingerprints, parents and
actions of the states found so far: append-only arrays), the level's states, and a few counters.
A checkpoint appends the store's rows found since the last one to three files, writes the level's
states (pickled), and then, last and atomically (``os.replace``), a small ``checkpoint.json`` that
says how many rows and which level file make the checkpoint.  A run killed at any moment (SIGKILL,
Ctrl-C, a power cut) leaves the previous checkpoint intact: rows past its count are ignored and cut
off when the run is recovered, so a recovered run ends with the uninterrupted run's figures.

The checkpoint also records the spec, its .cfg and constants (the recipe): ``--recover`` refuses a
directory written for another model.
"""
from __future__ import annotations

import json
import os
import pickle
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..semantics.model import State
from .frontier import Frontier

FORMAT = 2
_CHUNK = 4096   # states per pickle in a level file
_ARRAYS = ("fps", "parent", "action")


class CheckpointError(Exception):
    """A checkpoint directory that cannot be written, read, or used for this model."""


@dataclass
class Resumed:
    """What a recovered search starts from: the store's rows, the level's states and the counters."""

    fps: array
    parent: array
    action: array
    frontier: list[tuple[int, State]]
    level: int
    generated: int
    depth: int


def _identity(recipe: Any) -> dict:
    return {"spec": os.path.abspath(recipe.spec), "cfg": os.path.abspath(recipe.cfg) if recipe.cfg else None,
            "constants": repr(sorted(recipe.constants)), "invariants": list(recipe.invariants),
            "no_deadlock": recipe.no_deadlock, "format": FORMAT}


class Checkpointer:
    """Writes a checkpoint into ``directory`` at a level boundary when ``every`` seconds have passed
    since the last one (0: at every level)."""

    def __init__(self, directory: str, recipe: Any, every: float = 60.0):
        self.dir = Path(directory)
        self.identity = _identity(recipe)
        self.every = every
        self.last = time.monotonic()
        self.rows = 0
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            probe = self.dir / ".write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as err:
            raise CheckpointError(f"cannot write checkpoints to {self.dir}: {err.strerror or err}") from None

    def resume_from(self, rows: int) -> None:
        """A recovered run continues the directory's files from ``rows`` rows."""
        self.rows = rows

    def due(self) -> bool:
        return time.monotonic() - self.last >= self.every

    def save(self, store: Any, frontier: Iterable[tuple[int, State]], level: int, generated: int,
             depth: int) -> Iterable[tuple[int, State]]:
        """Append the new rows, write the level's states, then the header that makes them a checkpoint.
        Returns the level's states to search (a spilled ``Frontier`` is read once: a copy comes back)."""
        n = len(store.fps)
        for name in _ARRAYS:
            rows = getattr(store, name)[self.rows:n]
            with open(self.dir / f"{name}.bin", "r+b" if (self.dir / f"{name}.bin").exists() else "wb") as f:
                f.seek(self.rows * rows.itemsize)
                f.truncate()
                rows.tofile(f)
                f.flush()
                os.fsync(f.fileno())
        level_file = f"level-{level}.pkl"
        tmp = self.dir / (level_file + ".tmp")
        keep = frontier if isinstance(frontier, list) else Frontier(frontier.budget)
        with open(tmp, "wb") as f:
            chunk: list = []
            for item in frontier:
                if keep is not frontier:
                    keep.append(*item)
                chunk.append(item)
                if len(chunk) >= _CHUNK:
                    pickle.dump(chunk, f, protocol=pickle.HIGHEST_PROTOCOL)
                    chunk = []
            pickle.dump(chunk, f, protocol=pickle.HIGHEST_PROTOCOL)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.dir / level_file)
        header = dict(self.identity, rows=n, level=level, generated=generated, depth=depth, frontier=level_file,
                      types={name: getattr(store, name).typecode for name in _ARRAYS})
        tmp = self.dir / "checkpoint.json.tmp"
        tmp.write_text(json.dumps(header))
        os.replace(tmp, self.dir / "checkpoint.json")
        for old in self.dir.glob("level-*.pkl"):
            if old.name != level_file:
                old.unlink()
        self.rows = n
        self.last = time.monotonic()
        return keep


def load(directory: str, recipe: Any) -> Resumed:
    """The last checkpoint in ``directory``, checked against the model about to be searched."""
    d = Path(directory)
    try:
        header = json.loads((d / "checkpoint.json").read_text())
    except FileNotFoundError:
        raise CheckpointError(f"{d} holds no checkpoint (no checkpoint.json)") from None
    except (OSError, ValueError) as err:
        raise CheckpointError(f"cannot read {d / 'checkpoint.json'}: {err}") from None
    mine = _identity(recipe)
    for k in ("spec", "cfg", "constants", "invariants", "no_deadlock", "format"):
        if header.get(k) != mine[k]:
            raise CheckpointError(f"the checkpoint in {d} is of another model or format "
                                  f"({k}: {header.get(k)!r}, this run: {mine[k]!r})")
    rows = header["rows"]
    arrays = {}
    try:
        for name in _ARRAYS:
            a = array(header["types"][name])
            with open(d / f"{name}.bin", "rb") as f:
                a.fromfile(f, rows)
            arrays[name] = a
    except (OSError, EOFError, KeyError) as err:
        raise CheckpointError(f"the checkpoint in {d} is incomplete: {err}") from None
    frontier: list = []
    with open(d / header["frontier"], "rb") as f:
        while True:   # the level's states, in chunks
            try:
                frontier.extend(pickle.load(f))
            except EOFError:
                break
    return Resumed(arrays["fps"], arrays["parent"], arrays["action"], frontier, header["level"],
                   header["generated"], header["depth"])
