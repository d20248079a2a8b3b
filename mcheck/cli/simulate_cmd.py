"""``mcheck simulate SPEC``: random walks checking invariants and deadlock."""
from __future__ import annotations

import json
import random
import sys

import click

from ..checker.replay import load_model
from ..checker.simulate import simulate
from ..semantics.tlcstate import RunConfig
from ..semantics.values import tla_repr
from ..trace.itf import run_meta, write_itf
from ..trace.text import format_result
from .limits import time_limit, time_limit_option
from .outputs import STDOUT, OutputError, check_output_path, stdout_to_stderr
from .options import json_option, model_options, no_deadlock_option, parse_consts, spec_argument


@click.command("simulate")
@spec_argument
@model_options
@no_deadlock_option
@click.option("--depth", default=100, show_default=True, type=click.IntRange(1), help="states per walk at most")
@click.option("--traces", default=1000, show_default=True, type=click.IntRange(1), help="number of walks")
@click.option("--seed", type=int, default=None, help="random seed (default: a fresh one, printed)")
@click.option("--itf", "itf_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="write the violation's trace in ITF to FILE, or to standard output with -")
@json_option
@time_limit_option
def simulate_command(spec, config, consts, invariants, no_deadlock, depth, traces, seed, itf_path, as_json,
                     time_limit_s=None):
    """Random walks through SPEC's states from random initial states, choosing uniformly among
    the successors at each step and checking invariants and deadlock.

    Walk i uses the seed SEED+i: a violation found by it is reproduced by
    `--seed SEED+i --traces 1` (and the same --seed always gives the same walks).
    Exit codes as check's (0, 11, 12, 13, 75...).
    """
    check_output_path(itf_path, "--itf", allow_stdout=True)
    if itf_path == STDOUT and as_json:
        raise OutputError("--itf - and --json both write to standard output; give --itf a file name")
    constants = parse_consts(consts)
    if seed is None:
        seed = random.SystemRandom().randrange(2 ** 31)
    with stdout_to_stderr(as_json or itf_path == STDOUT):   # an ASSUME may Print
        model, err = load_model(spec, config, constants, tuple(invariants), no_deadlock,
                                RunConfig("simulate", depth, traces, seed))
    if err is not None:
        if as_json:
            click.echo(json.dumps({"result": "error", "error": err.error, "seed": seed}))
        else:
            click.echo(format_result(err))
        sys.exit(err.exit_code)
    with stdout_to_stderr(as_json or itf_path == STDOUT), time_limit(time_limit_s) as lim:   # prints: not into the JSON
        r = simulate(model, depth=depth, traces=traces, seed=seed)
    if lim.fired and r.result == "interrupted":
        r.error = f"stopped by --time-limit {time_limit_s:g} s"
        click.echo(lim.note(), err=True)
    v = r.violation
    if itf_path:
        if v is not None and v.trace:
            try:
                write_itf(itf_path, r.variables, [s.state for s in v.trace], actions=[s.action for s in v.trace],
                          meta={**run_meta(spec, config, consts), "seed": r.walk_seed})
                click.echo(f"Wrote the trace to {'standard output' if itf_path == STDOUT else itf_path} (ITF).",
                           err=True)
            except OSError as err:
                click.echo(f"Could not write the trace to {itf_path}: {err.strerror or err}", err=True)
        else:
            click.echo(f"No counterexample: nothing written to {itf_path}.", err=True)
    if as_json:
        click.echo(json.dumps({
            "result": r.result if r.result != "interrupted" else "error",
            "seed": r.seed, "traces": r.traces, "states_generated": r.states_generated, "depth": r.max_depth,
            "walk": r.walk, "reproduce_seed": r.walk_seed,
            "violation": None if v is None or r.result == "error" else {
                "kind": v.kind, "name": v.name,
                "trace": [{"action": st.action, "state": {n: tla_repr(x) for n, x in zip(r.variables, st.state)}}
                          for st in v.trace]},
            "error": r.error if r.result in ("error", "interrupted", "assumption failure") else None}))
        sys.exit(r.exit_code)
    to_err = itf_path == STDOUT   # stdout carries the ITF trace: the report goes to stderr
    if r.result == "success":
        click.echo(f"Simulation completed: no error found in {r.traces} traces of at most {depth} states "
                   f"(seed {r.seed}).", err=to_err)
    else:
        click.echo(format_result(r.as_result()), err=to_err)
        if r.walk_seed is not None:
            click.echo(f"Found by walk {r.walk + 1} of the run with seed {r.seed} (its own seed: {r.walk_seed}); "
                       f"reproduce it alone with --seed {r.walk_seed} --traces 1 --depth {depth}.", err=to_err)
    click.echo(f"{r.states_generated} states generated, {r.traces} traces, longest {r.max_depth} states.", err=to_err)
    click.echo(f"Finished in {r.seconds:.2f} s.", err=True)
    sys.exit(r.exit_code)
