"""Load a spec and its .cfg, build the model and check it: the one call the CLI and the API make."""
from __future__ import annotations

import gc
from typing import Any, Callable, Sequence

from ..semantics.load import Recipe
from ..semantics.model import Model
from . import outcome as O
from .check import run_check
from .observers import Observer

GC_THRESHOLD = (50000, 20, 100)
"""The search allocates millions of small containers and rarely makes a cycle: collecting cycles
less often saves a fifth of the time on large models (TwoPhase 7)."""


def build_model(tla_path: str, cfg_path: str | None = None, constants: dict[str, Any] | None = None,
                invariants: Sequence[str] = (), no_deadlock: bool = False) -> tuple[Model | None, O.Outcome | None]:
    """``(model, None)``, or ``(None, outcome)`` with TLC's exit code for what stopped it (150, 151, 255, 75)."""
    recipe = Recipe.of(tla_path, cfg_path, constants, invariants, no_deadlock)
    try:
        return recipe.build(), None
    except O.LOAD_ERRORS as err:
        return None, O.load_failure(err)


def check_spec(tla_path: str, cfg_path: str | None = None, constants: dict[str, Any] | None = None,
               invariants: tuple[str, ...] = (), no_deadlock: bool = False,
               progress: Callable[[dict], None] | None = None,
               observers: Sequence[Observer] = (), exact: bool = False, workers: int = 1) -> O.Outcome:
    """Check a spec as TLC would; every failure comes back as an ``Outcome`` with TLC's exit code.
    ``exact`` stores states exactly instead of their fingerprints (``--exact``); ``workers`` > 1
    searches over that many worker processes."""
    model, err = build_model(tla_path, cfg_path, constants, invariants, no_deadlock)
    if err is not None:
        return err
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        return run_check(model, observers, progress=progress, exact=exact, workers=workers)
    finally:
        gc.set_threshold(*old)
