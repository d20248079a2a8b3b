"""Load a spec and its .cfg, build the model and check it: the one call the CLI and the API make."""
from __future__ import annotations

import gc
from typing import Any, Callable, Sequence

from ..semantics.load import Recipe
from ..semantics.tlcstate import RunConfig
from ..semantics.model import Model
from . import outcome as O
from .check import run_check
from .checkpoint import CheckpointError, Checkpointer, load
from .observers import Observer
from .search import GC_THRESHOLD



def build_model(tla_path: str, cfg_path: str | None = None, constants: dict[str, Any] | None = None,
                invariants: Sequence[str] = (), no_deadlock: bool = False,
                profile: bool = False, run: RunConfig | None = None) -> tuple[Model | None, O.Outcome | None]:
    """``(model, None)``, or ``(None, outcome)`` with TLC's exit code for what stopped it (150, 151, 255, 75).
    ``profile``: the model counts its actions' and definitions' calls and time (``model.profile``).
    ``run``: how it will be run, for TLCGet("config") (default: breadth-first, one worker)."""
    recipe = Recipe.of(tla_path, cfg_path, constants, invariants, no_deadlock, profile, run)
    try:
        return recipe.build(), None
    except O.LOAD_ERRORS as err:
        return None, O.load_failure(err)


def check_spec(tla_path: str, cfg_path: str | None = None, constants: dict[str, Any] | None = None,
               invariants: tuple[str, ...] = (), no_deadlock: bool = False,
               progress: Callable[[dict], None] | None = None,
               observers: Sequence[Observer] = (), exact: bool = False, workers: int = 1,
               checkpoint_dir: str | None = None, checkpoint_every: float = 60.0,
               recover: bool = False, memory: int | None = None, progress_every: float = 5.0,
               connect: Callable | None = None, keep_going: bool = False,
               max_depth: int | None = None, profile: bool = False) -> O.Outcome:
    """Check a spec as TLC would; every failure comes back as an ``Outcome`` with TLC's exit code.
    ``exact`` stores states exactly instead of their fingerprints (``--exact``); ``workers`` > 1
    searches over that many worker processes.  ``checkpoint_dir`` receives a checkpoint at a level
    boundary every ``checkpoint_every`` seconds; with ``recover`` the search resumes from it.
    ``memory``: the bytes of a level's states kept in memory (default: ``frontier.default_budget``).
    ``connect`` starts the search's workers (default: local processes; ``--ray``: Ray actors).
    ``keep_going`` (TLC's ``-continue``, one worker): invariant violations are listed in ``error`` and
    the search goes on.  ``max_depth`` explores the states up to that depth only (``--max-depth``).
    ``profile`` (``--profile``, one worker): the outcome's model holds what each action and
    definition cost (``model.profile``)."""
    model, err = build_model(tla_path, cfg_path, constants, invariants, no_deadlock, profile,
                             RunConfig(workers=workers))
    if err is not None:
        return err
    if max_depth is not None and (model.liveness is not None or model.postconditions):
        return O.usage_error("--max-depth explores part of the state graph: it cannot be used with a temporal "
                             "PROPERTY or a POSTCONDITION, which need the whole graph")
    checkpoint = resume = None
    if checkpoint_dir is not None:
        problem = _checkpoint_problem(model, exact, workers if connect is None else 2)
        if problem is not None:
            return O.usage_error(problem)
        try:
            resume = load(checkpoint_dir, model.recipe) if recover else None
            checkpoint = Checkpointer(checkpoint_dir, model.recipe, checkpoint_every)
        except CheckpointError as e:
            return O.usage_error(str(e))
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        return run_check(model, observers, progress=progress, exact=exact, workers=workers,
                         checkpoint=checkpoint, resume=resume, memory=memory, progress_every=progress_every,
                         connect=connect, keep_going=keep_going, max_depth=max_depth)
    finally:
        gc.set_threshold(*old)


def _checkpoint_problem(model: Model, exact: bool, workers: int) -> str | None:
    """Why checkpoints cannot be used for this run, or None."""
    if exact:
        return "checkpoints hold fingerprints: --checkpoint and --recover cannot be used with --exact"
    if workers > 1:
        return "checkpoints are written by one worker: --checkpoint and --recover need --workers 1"
    if model.liveness is not None:
        return ("a checkpoint does not hold the state graph that liveness checking needs: "
                "--checkpoint and --recover cannot be used with a temporal PROPERTY")
    return None
