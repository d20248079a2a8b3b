"""``mcheck explore TRACE.itf.json --spec SPEC.tla``: browse a trace in the terminal (textual);
``mcheck explore SPEC.tla``: build a behaviour by hand from the initial states (``trace/stepping.py``)."""
from __future__ import annotations

import os
import sys
from typing import Any, Sequence

import click

from ..checker.outcome import EXIT_BAD_TRACE_FILE, INITIAL, TraceStep
from ..checker.replay import align_states
from ..checker.run import build_model
from ..checker.traces import first_action
from ..semantics.model import Model
from ..trace.itf import ITFError, itf_actions, load_itf, run_meta
from ..trace.text import format_result
from .outputs import needs_terminal
from .options import config_option, const_option, invariant_option, parse_consts, recorded_run

NO_STEP = "<no action of the spec takes this step>"


def trace_steps(model: Model, states: Sequence[tuple], actions: Sequence[str | None]) -> list[tuple[str, tuple]]:
    """``(action label, state)`` for each state: the label recorded in the trace, else the first action
    of the model that takes the previous state to this one (``<Initial predicate>`` for the first)."""
    out = []
    for i, st in enumerate(states):
        label = actions[i] if i < len(actions) else None
        if not label:
            k = first_action(model, states[i - 1], st) if i > 0 else -1
            label = INITIAL if i == 0 else model.actions[k].label if k >= 0 else NO_STEP
        out.append((label, st))
    return out


def make_app(model: Model, steps: list[tuple[str, tuple]], title: str | None = None) -> Any:
    from ..trace.explore import Explorer   # textual is imported only when the explorer opens
    return Explorer(model, list(model.variables), steps, title=title)


def run_explorer(model: Model, trace: Sequence[TraceStep], title: str | None = None) -> None:
    """Open the explorer on a check's trace."""
    make_app(model, [(s.action, s.state) for s in trace], title).run()


def make_stepper(model: Model, meta: dict, save_path: str, title: str | None = None) -> Any:
    """The stepping explorer over ``model``, from its initial states (the first one when it has one)."""
    from ..trace.stepping import Behaviour, Stepper   # textual is imported only when the explorer opens
    behaviour = Behaviour(model, meta=meta)
    first = behaviour.choices(-1)
    if len(first) == 1:
        behaviour.pick(first[0], -1)
    return Stepper(behaviour, save_path, title=title)


@click.command("explore")
@click.argument("trace", type=click.Path(exists=True, dir_okay=False))
@click.option("--spec", "spec", type=click.Path(exists=True, dir_okay=False),
              help="the spec the trace is a behaviour of")
@config_option
@const_option
@invariant_option("an invariant to explain, besides the .cfg's")
@click.option("--save", "save_path", type=click.Path(dir_okay=False),
              help="where s saves the behaviour built by stepping (default: SPEC_behaviour.itf.json)")
def explore_command(trace, spec, config, consts, invariants, save_path):
    """Browse TRACE (ITF JSON, as written by check --itf) step by step: the changes of each step,
    nested values as collapsible trees, why a state violates an invariant, and an input box that
    evaluates any TLA+ expression of SPEC in the selected state.

    `mcheck explore SPEC.tla` (no --spec) steps through SPEC by hand instead: from the initial
    states, pick one of the enabled actions (Write(B): the action and its arguments) to move to
    that successor; pick at an earlier step to go another way, b drops the last step, s saves the
    behaviour as ITF (for `mcheck replay`). A violated invariant is shown as soon as it is reached.

    Without --config and --const, the .cfg and the constants recorded in TRACE are used.
    Keys: n/p next and previous step, a the enabled actions, e to type an expression, escape back to
    the steps, q quit.
    """
    needs_terminal("mcheck explore")
    if spec is None:
        _step(trace, config, consts, invariants, save_path)
        return
    try:
        doc, tvars, states = load_itf(trace)
    except (ITFError, ValueError, OSError) as e:
        click.echo(f"Error: {trace}: {e.strerror if isinstance(e, OSError) and e.strerror else e}", err=True)
        sys.exit(EXIT_BAD_TRACE_FILE)
    config, consts, _note = recorded_run(doc, config, consts)
    constants = parse_consts(consts)
    invariants = tuple(invariants)
    meta = doc.get("#meta") if isinstance(doc, dict) else None
    recorded = meta.get("invariant") if isinstance(meta, dict) else None
    model, err = build_model(spec, config, constants, invariants)
    if err is not None:
        click.echo(format_result(err))
        sys.exit(err.exit_code)
    if isinstance(recorded, str) and recorded not in [p.name for p in model.invariants]:
        # the invariant the trace violates (check --itf records it): explain it too, when the spec has it
        more, err2 = build_model(spec, config, constants, invariants + (recorded,))
        if err2 is None:
            model = more
    try:
        states = align_states(model.variables, tvars, states)
    except (ITFError, ValueError) as e:
        click.echo(f"Error: {trace}: {e}", err=True)
        sys.exit(EXIT_BAD_TRACE_FILE)
    steps = trace_steps(model, states, itf_actions(doc) if isinstance(doc, dict) else [])
    make_app(model, steps, title=f"{trace} ({spec})").run()


def _step(spec: str, config: str | None, consts: tuple[str, ...], invariants: tuple[str, ...],
          save_path: str | None) -> None:
    """``mcheck explore SPEC.tla``: the stepping explorer (a .tla with no --spec)."""
    if not spec.endswith(".tla"):
        raise click.UsageError(f"{spec}: give --spec SPEC.tla to explore a trace, or a .tla file to step "
                               "through it from its initial states")
    model, err = build_model(spec, config, parse_consts(consts), tuple(invariants))
    if err is not None:
        click.echo(format_result(err))
        sys.exit(err.exit_code)
    save = save_path or os.path.splitext(os.path.basename(spec))[0] + "_behaviour.itf.json"
    make_stepper(model, run_meta(spec, config, consts), save, title=f"{spec}: stepping").run()
