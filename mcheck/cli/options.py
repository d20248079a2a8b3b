"""The command-line options the commands share (spec, --config, --const, --invariant, ...) and their parsing."""
from __future__ import annotations

import os
from typing import Any, Callable

import click

from ..semantics.constants import cfg_value
from ..syntax.errors import TLAError


def parse_const(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` with the value written as in a .cfg (``N=3``, ``S={a, b}``)."""
    name, eq, value = text.partition("=")
    if not eq or not name.strip():
        raise click.BadParameter(f"expected NAME=VALUE, got {text!r}")
    from ..syntax.parser import parse_expr   # late: lark's grammar is the slow part of starting up
    try:
        return name.strip(), cfg_value(parse_expr(value.strip(), "<--const>"))
    except TLAError as err:
        raise click.BadParameter(err.message)


def parse_consts(texts: tuple[str, ...]) -> dict[str, Any]:
    return dict(parse_const(t) for t in texts)


def _with_tla(ctx, param, value: str | None) -> str | None:
    """``Spec`` names ``Spec.tla`` when there is no file ``Spec``, as TLC takes module names."""
    if value is not None and not os.path.exists(value) and os.path.isfile(value + ".tla"):
        return value + ".tla"
    if value is not None and not os.path.isfile(value):
        what = "is a directory" if os.path.isdir(value) else "does not exist"
        raise click.BadParameter(f"{value!r} {what} (nor does {value + '.tla'!r})"
                                 if not value.endswith(".tla") and what == "does not exist" else f"{value!r} {what}")
    return value


def spec_argument(f: Callable) -> Callable:
    return click.argument("spec", type=click.Path(dir_okay=False), callback=_with_tla)(f)


def config_option(f: Callable) -> Callable:
    return click.option("--config", "-c", "config", type=click.Path(dir_okay=False),
                        help="the .cfg (default: SPEC.cfg)")(f)


def const_option(f: Callable) -> Callable:
    return click.option("--const", "consts", multiple=True, help="NAME=VALUE, overriding or adding a constant")(f)


def invariant_option(help: str = "an invariant to check, besides the .cfg's") -> Callable:
    def deco(f: Callable) -> Callable:
        return click.option("--invariant", "invariants", multiple=True, help=help)(f)
    return deco


def no_deadlock_option(f: Callable) -> Callable:
    return click.option("--no-deadlock", is_flag=True, help="do not report deadlocks")(f)


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="print one JSON object instead of text")(f)


def model_options(f: Callable) -> Callable:
    """``--config``, ``--const`` and ``--invariant``: what every command that loads a model takes."""
    return config_option(const_option(invariant_option()(f)))


def recorded_run(doc: Any, config: str | None, consts: tuple[str, ...]) -> tuple[str | None, tuple[str, ...], str | None]:
    """The .cfg and the constants to replay or explore a trace with: those given on the command line,
    else those the trace's ``#meta`` records (``check --itf`` writes them); and a note saying which
    recorded ones are used (None when none is)."""
    meta = doc.get("#meta") if isinstance(doc, dict) else None
    if not isinstance(meta, dict):
        return config, consts, None
    used = []
    cfg = meta.get("cfg")
    if config is None and isinstance(cfg, str) and os.path.exists(cfg):
        config = cfg
        used.append(f"--config {cfg}")
    recorded = meta.get("constants")
    if not consts and isinstance(recorded, dict) and recorded:
        consts = tuple(f"{k}={v}" for k, v in recorded.items())
        used += [f"--const {c}" for c in consts]
    return config, consts, ("using what the trace records: " + " ".join(used)) if used else None
