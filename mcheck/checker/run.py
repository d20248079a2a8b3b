"""Load a spec and its .cfg, build the model and search it: the one call the CLI and the API make."""
from __future__ import annotations

import os
import sys
from typing import Any, Callable

from ..semantics.cfg import Config, load_cfg
from ..semantics.compiler import CompileError
from ..semantics.model import ModelBuilder
from ..semantics.modules import load
from ..syntax.errors import ConfigError, EvalError, ParseError, TLAError
from .bfs import Result, bfs


def default_cfg_path(tla_path: str) -> str:
    return os.path.splitext(tla_path)[0] + ".cfg"


def check_spec(tla_path: str, cfg_path: str | None = None, constants: dict[str, Any] | None = None,
               invariants: tuple[str, ...] = (), no_deadlock: bool = False,
               progress: Callable[[dict], None] | None = None) -> Result:
    """Check a spec as TLC would; every failure comes back as a Result with TLC's exit code."""
    try:
        cfg_file = cfg_path or default_cfg_path(tla_path)
        if os.path.exists(cfg_file):
            cfg = load_cfg(cfg_file)
        elif cfg_path is not None:
            raise ConfigError(f"configuration file {cfg_path} not found")
        else:
            cfg = Config(file="")
            cfg.init, cfg.next = _name("Init"), _name("Next")
        from ..semantics.cfg import CfgName
        for inv in invariants:
            cfg.invariants.append(CfgName(inv))
        if no_deadlock:
            cfg.check_deadlock = False
        loaded = load(tla_path)
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old, 20000))
        model = ModelBuilder(loaded.modules, loaded.root, cfg, constants).build()
    except ConfigError as err:
        return Result("error", error=err.render(), exit_code=151, stats_printed=False)
    except CompileError as err:
        return Result("error", error=err.render(), exit_code=150, stats_printed=False)
    except ParseError as err:
        return Result("error", error=err.render(), exit_code=150, stats_printed=False)
    except EvalError as err:
        return Result("error", error=err.render(), exit_code=75, stats_printed=False)
    except TLAError as err:
        return Result("error", error=err.render(), exit_code=75, stats_printed=False)
    def recheck():
        return ModelBuilder(loaded.modules, loaded.root, cfg, constants, checked=True).build()

    r = bfs(model, progress=progress, recheck=recheck)
    r.model = model  # type: ignore[attr-defined]
    return r


def _name(s: str):
    from ..semantics.cfg import CfgName
    return CfgName(s)
