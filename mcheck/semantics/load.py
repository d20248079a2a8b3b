"""A model's recipe: spec path, .cfg, constants and options, from which any process builds the model.

Compiled closures cannot be pickled; a ``Recipe`` can.  A worker process or a cluster node gets
the recipe and calls ``build()`` to compile the same model itself.  ``checked_variant()`` is the
recipe of the same model compiled with TLC's type checks, which engines use to report a failed
evaluation with TLC's message.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from typing import Any, Sequence

from ..syntax.cfg import CfgName, Config, load_cfg
from ..syntax.errors import ConfigError
from .build import ModelBuilder
from .model import Model
from .modules import load
from .resolve import check as resolve_names
from .tlcstate import RunConfig

RECURSION_LIMIT = 20000
"""Deeply nested specs (recursive definitions, long junction lists) need more than Python's default."""


def default_cfg_path(tla_path: str) -> str:
    return os.path.splitext(tla_path)[0] + ".cfg"


def read_config(tla_path: str, cfg_path: str | None, invariants: Sequence[str] = (),
                no_deadlock: bool = False) -> Config:
    """The .cfg to check ``tla_path`` with: ``cfg_path``, else ``SPEC.cfg`` beside the spec, else
    ``INIT Init`` / ``NEXT Next``; plus the extra invariants and ``--no-deadlock``."""
    cfg_file = cfg_path or default_cfg_path(tla_path)
    if os.path.exists(cfg_file):
        cfg = load_cfg(cfg_file)
    elif cfg_path is not None:
        raise ConfigError(f"configuration file {cfg_path} not found")
    else:
        cfg = Config(file="")
        cfg.init, cfg.next = CfgName("Init"), CfgName("Next")
    for inv in invariants:
        cfg.invariants.append(CfgName(inv))
    if no_deadlock:
        cfg.check_deadlock = False
    return cfg


@dataclass(frozen=True)
class Recipe:
    """Everything needed to build a model, and nothing compiled: safe to pickle and ship."""

    spec: str
    cfg: str | None = None
    constants: tuple[tuple[str, Any], ...] = ()
    invariants: tuple[str, ...] = ()
    no_deadlock: bool = False
    checked: bool = False
    profile: bool = False       # --profile: count each action's and definition's calls and time
    run: RunConfig = RunConfig()   # what TLCGet("config") says: bfs or simulate, workers

    @classmethod
    def of(cls, spec: str, cfg: str | None = None, constants: dict[str, Any] | None = None,
           invariants: Sequence[str] = (), no_deadlock: bool = False, profile: bool = False,
           run: RunConfig | None = None) -> "Recipe":
        return cls(spec, cfg, tuple((constants or {}).items()), tuple(invariants), no_deadlock, profile=profile,
                   run=run or RunConfig())

    def checked_variant(self) -> "Recipe":
        return replace(self, checked=True, profile=False)

    def build(self) -> Model:
        """Load, resolve and compile.  Raises the spec's problems as located errors: ``CfgSyntaxError``,
        ``ConfigError``, ``ParseError`` (and ``CompileError``), ``EvalError``, ``OSError``."""
        cfg = read_config(self.spec, self.cfg, self.invariants, self.no_deadlock)
        loaded = load(self.spec)
        resolve_names(loaded)   # SANY's checks first: an unknown or forward-referenced name is exit 150
        sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
        builder = ModelBuilder(loaded.modules, loaded.root, cfg, dict(self.constants), checked=self.checked,
                               profile=self.profile, run=self.run)
        return builder.build(recipe=self)
