"""``--ray``: the workers of a parallel search as Ray actors, spread over a cluster's nodes.

``RayTransport`` is a ``transport.Transport``: ``ParallelSearch`` drives it exactly as it drives
worker processes, level by level, each call carrying one batch per worker (a level's candidate
fingerprints, keys and ids as numpy arrays: thousands of states per call, so Ray's per-call cost,
a fraction of a millisecond, is paid a few times per level, not per state).

A node may not have the spec's files, so what is shipped is a ``ShippedRecipe``: the text of the
spec, of every user module it loads and of its .cfg, with the constants and options.  Each actor
writes them into a folder of its own and builds the model there (compiled closures are never
pickled); fingerprints do not depend on the process (``semantics/values/fingerprint.py``), so
every node gives the same ones.  The actors import this mcheck: the driver's package is shipped
with them (Ray's ``py_modules``), unless ``MCHECK_RAY_SHIP=0`` says the nodes have it installed.

An actor or node that dies mid-run stops the run with an error naming the shard, the actor and its
node (exit 255); no count is reported for an incomplete search.  ``levels`` holds, per level, the
wall time, the slowest shard's compute time and the rest (Ray calls, pickling, the driver's work):
the progress line and ``benchmarks/ray_bench.py`` read it.
"""
from __future__ import annotations

import os
import tempfile
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import ray
import ray.exceptions

from ..semantics.load import Recipe, default_cfg_path
from ..semantics.modules import load
from .transport import WorkerError

PACKAGE = Path(__file__).resolve().parents[1]   # the mcheck package the actors import


@dataclass(frozen=True)
class ShippedRecipe:
    """A recipe with its files' text: ``build()`` writes them into a fresh folder and builds there."""

    recipe: Recipe
    files: tuple[tuple[str, str], ...]   # (file name, text): the root module first
    cfg: tuple[str, str] | None          # (file name, text) of the .cfg, if there is one

    @classmethod
    def of(cls, recipe: Recipe) -> "ShippedRecipe":
        loaded = load(recipe.spec)
        root = os.path.abspath(recipe.spec)
        paths = [root] + sorted({os.path.abspath(p) for n, p in loaded.paths.items()
                                 if n not in loaded.standard} - {root})
        files = tuple((os.path.basename(p), Path(p).read_text(encoding="utf-8", errors="replace")) for p in paths)
        cfg_path = recipe.cfg or default_cfg_path(recipe.spec)
        cfg = (os.path.basename(cfg_path), Path(cfg_path).read_text()) if os.path.exists(cfg_path) else None
        return cls(recipe, files, cfg)

    def build(self):
        folder = tempfile.mkdtemp(prefix="mcheck-ray-")
        for name, text in self.files:
            Path(folder, name).write_text(text, encoding="utf-8")
        cfg = None
        if self.cfg is not None:
            cfg = os.path.join(folder, "shipped-" + self.cfg[0])
            Path(cfg).write_text(self.cfg[1])
        return replace(self.recipe, spec=os.path.join(folder, self.files[0][0]), cfg=cfg).build()


class _Shard:
    """The actor: one worker object, built on its node; each call answers with its compute time."""

    def __init__(self, factory: Callable, args: tuple):
        self.worker = factory(*args)

    def where(self) -> tuple[str, str, int]:
        ctx = ray.get_runtime_context()
        return ray.util.get_node_ip_address(), ctx.get_node_id(), os.getpid()

    def call(self, method: str, args: tuple) -> tuple[Any, float]:
        t0 = time.perf_counter()
        out = getattr(self.worker, method)(*args)
        return out, time.perf_counter() - t0


_Actor = ray.remote(max_restarts=0, max_task_retries=0)(_Shard)


@dataclass
class LevelTimes:
    """One level on the cluster: its wall time, the slowest shard's compute time, the rest."""

    level: int
    new: int = 0
    generated: int = 0
    wall: float = 0.0
    compute: float = 0.0      # per call, the slowest actor's compute time, summed over the level's calls
    calls: int = 0
    slowest: int = 0          # the shard slowest to expand
    shard_compute: list[float] | None = None

    @property
    def exchange(self) -> float:
        """Everything but the slowest shard's compute: Ray's calls, (un)pickling, the driver's work."""
        return max(0.0, self.wall - self.compute)

    def line(self) -> str:
        rate = self.new / self.wall if self.wall else 0.0
        return (f"Level {self.level}: {self.new:,} new states ({self.generated:,} generated) in {self.wall:.2f} s, "
                f"{rate:,.0f} states/s; slowest shard {self.slowest} ({self.compute:.2f} s computing), "
                f"exchange {self.exchange:.2f} s over {self.calls} calls")


def connect(address: str = "auto") -> None:
    """Join the Ray cluster at ``address``; ``auto``: the running one if any, else a local one on
    loopback.  A process already connected (a test's cluster, a notebook) stays connected, with the
    runtime environment it was connected with (Ray ships packages only at ``ray.init``)."""
    if ray.is_initialized():
        return
    env = runtime_env()
    if address == "auto":
        try:
            ray.init(address="auto", logging_level="ERROR", runtime_env=env)
            return
        except ConnectionError:
            ray.init(_node_ip_address="127.0.0.1", include_dashboard=False, logging_level="ERROR", runtime_env=env)
            return
    ray.init(address=address, logging_level="ERROR", runtime_env=env)


def cluster_cpus(address: str = "auto") -> int:
    """The CPUs of the Ray cluster at ``address`` (joined as ``connect`` does): ``--workers auto --ray``."""
    try:
        connect(address)
        return max(1, int(ray.cluster_resources().get("CPU", 1)))
    except (ConnectionError, RuntimeError, ValueError) as err:
        raise WorkerError(f"cannot start the search on the Ray cluster ({address}): {err}") from None


def runtime_env() -> dict | None:
    """What each actor needs to import this mcheck (None: the nodes have it installed)."""
    if os.environ.get("MCHECK_RAY_SHIP", "1") == "0":
        return None
    return {"py_modules": [str(PACKAGE)], "excludes": ["__pycache__", "*.pyc"]}


class RayTransport:
    """``n`` actors, ``factory(*args, i)`` each, spread over the cluster (Ray's SPREAD strategy)."""

    def __init__(self, factory: Callable, args: tuple, n: int, address: str = "auto",
                 progress: Callable[[str], None] | None = None, on_level: Callable[[LevelTimes], None] | None = None):
        self.n = n
        self.progress, self.on_level = progress, on_level
        self.levels: list[LevelTimes] = []
        self.current: LevelTimes | None = None
        self.level_start = 0.0
        t0 = time.perf_counter()
        if args and isinstance(args[0], Recipe):
            args = (ShippedRecipe.of(args[0]),) + tuple(args[1:])
        try:
            connect(address)
            cpus = ray.cluster_resources().get("CPU", 0)
            opts: dict = {"num_cpus": 1 if cpus >= n else 0, "scheduling_strategy": "SPREAD"}
            tag = uuid.uuid4().hex[:8]
            self.names = [f"mcheck-{tag}-shard-{i}" for i in range(n)]
            self.actors = [_Actor.options(name=self.names[i], **opts).remote(factory, args + (i,)) for i in range(n)]
            self.where = [("?", "?", 0)] * n
            self.where = self._get([a.where.remote() for a in self.actors], "start")
            self.startup = time.perf_counter() - t0   # actors started and their models built
        except (ConnectionError, RuntimeError, ValueError) as err:   # no cluster there, or Ray refused
            raise WorkerError(f"cannot start the search on the Ray cluster ({address}): {err}") from None

    def describe(self, i: int) -> str:
        ip, node, pid = self.where[i]
        return f"shard {i} (Ray actor {self.names[i]}, pid {pid}, on node {ip} {node[:12]})"

    def _get(self, refs: list, method: str) -> list:
        try:
            return ray.get(refs)
        except ray.exceptions.RayActorError as err:
            bad = self._dead(refs)
            raise WorkerError(f"{self.describe(bad)} died during {method!r}: "
                              f"{str(err).splitlines()[0] if str(err) else type(err).__name__}") from None
        except ray.exceptions.RayTaskError as err:
            bad = self._dead(refs)
            raise WorkerError(f"{self.describe(bad)} failed during {method!r}:\n{err}") from None

    def _dead(self, refs: list) -> int:
        """The first actor whose call failed (one still working is not it)."""
        for i, ref in enumerate(refs):
            try:
                ray.get(ref, timeout=5)
            except (ray.exceptions.RayActorError, ray.exceptions.RayTaskError):
                return i
            except ray.exceptions.GetTimeoutError:
                continue
        return 0

    def call(self, method: str, args: Sequence[tuple]) -> list[Any]:
        t0 = time.perf_counter()
        if method == "expand":
            self._level_done(t0)
            self.current = LevelTimes(level=args[0][0])
            self.level_start = t0
        done = self._get([a.call.remote(method, tuple(x)) for a, x in zip(self.actors, args)], method)
        out = [d[0] for d in done]
        lv = self.current
        if lv is not None:
            secs = [d[1] for d in done]
            lv.compute += max(secs)
            lv.calls += 1
            if method == "expand":
                lv.generated = sum(p["generated"] for p in out)
                lv.shard_compute = secs
                lv.slowest = max(range(self.n), key=secs.__getitem__)
            elif method == "settle":
                lv.new = sum(s["size"] for s in out)
                lv.wall = time.perf_counter() - self.level_start
        return out

    def _level_done(self, now: float) -> None:
        lv, self.current = self.current, None
        if lv is None:
            return
        lv.wall = now - self.level_start
        self.levels.append(lv)
        if self.on_level is not None:
            self.on_level(lv)
        if self.progress is not None:
            self.progress(lv.line())

    def close(self) -> None:
        self._level_done(time.perf_counter())
        for a in getattr(self, "actors", []):
            try:
                ray.kill(a)
            except Exception:   # noqa: BLE001 - already gone
                pass
        self.actors = []


def connector(address: str = "auto", progress: Callable[[str], None] | None = None,
              on_level: Callable[[LevelTimes], None] | None = None) -> Callable[[Callable, tuple, int], RayTransport]:
    """What ``ParallelSearch`` calls to start its workers: actors on the cluster at ``address``."""
    def start(factory: Callable, args: tuple, n: int) -> RayTransport:
        return RayTransport(factory, args, n, address, progress, on_level)
    return start
