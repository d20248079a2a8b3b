"""``mcheck replay SPEC TRACE.itf.json``: is an ITF trace a behaviour of the spec?"""
from __future__ import annotations

import json
import sys

import click

from ..checker.outcome import EXIT_BAD_TRACE_FILE, Outcome
from ..checker.replay import align_states, load_model, replay
from ..trace.itf import ITFError, load_itf
from ..trace.text import format_result, format_trace
from .outputs import stdout_to_stderr
from .options import json_option, model_options, parse_consts, recorded_run, spec_argument


@click.command("replay")
@spec_argument
@click.argument("trace", type=click.Path(exists=True, dir_okay=False))
@model_options
@click.option("--show", is_flag=True, help="print the replayed trace with the action found for each step")
@json_option
def replay_command(spec, trace, config, consts, invariants, show, as_json):
    """Check that TRACE (ITF JSON) is a behaviour of SPEC: state 1 is initial, each state follows
    from the one before by some action, and every state satisfies the invariants.

    Without --config and --const, the .cfg and the constants recorded in the trace (check --itf
    records them) are used.

    Exit codes: 0 when it is a behaviour that violates nothing; 20 when it is not a behaviour of
    SPEC (a state that is not initial, a step no action takes); 12 at an invariant violation and
    13 at a property violation (as check does); TLC's codes for errors in the spec or the .cfg;
    1 when TRACE cannot be read.
    """
    try:
        _doc, tvars, states = load_itf(trace)
    except (ITFError, ValueError, OSError) as e:
        _bad_trace(trace, e, as_json)
    config, consts, note = recorded_run(_doc, config, consts)
    if note and not as_json:
        click.echo(f"note: {note}", err=True)
    constants = parse_consts(consts)
    with stdout_to_stderr(as_json):   # an ASSUME may Print
        model, err = load_model(spec, config, constants, tuple(invariants))
    if err is not None:
        _fail(err, as_json)
    try:
        states = align_states(model.variables, tvars, states)
    except (ITFError, ValueError) as e:
        _bad_trace(trace, e, as_json)
    with stdout_to_stderr(as_json):
        r = replay(model, states)
    if isinstance(_doc, dict) and _doc.get("loop") is not None:
        loop = _doc["loop"]
        back = loop + 1 if isinstance(loop, int) else loop
        r.notes.append(f"the trace is a lasso (loop back to state {back}); mcheck replays its states but "
                       "does not check the loop-back step")
    if as_json:
        click.echo(json.dumps({
            "ok": r.ok, "exit_code": r.exit_code, "states": r.states, "message": r.message,
            "bad_step": r.bad_step, "differing": r.differing, "details": r.details, "notes": r.notes,
            "actions": r.actions,
            "violation": None if r.violation is None else {"kind": r.violation.kind, "name": r.violation.name}}))
        sys.exit(r.exit_code)
    for note in r.notes:
        click.echo(f"note: {note}", err=True)
    if r.violation is not None:
        res = Outcome("safety failure", violation=r.violation, exit_code=r.exit_code, stats_printed=False,
                      variables=list(model.variables), model=model)
        click.echo(format_result(res))
    else:
        if show and r.trace:
            click.echo(format_trace(list(model.variables), r.trace))
        click.echo(r.message)
        for line in r.details:
            click.echo(f"  {line}")
    sys.exit(r.exit_code)


def _bad_trace(trace: str, e: Exception, as_json: bool):
    """A trace file that cannot be read: its name once, then why (exit 1)."""
    why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
    if as_json:
        click.echo(json.dumps({"ok": False, "exit_code": EXIT_BAD_TRACE_FILE, "message": f"{trace}: {why}"}))
    else:
        click.echo(f"Error: {trace}: {why}", err=True)
    sys.exit(EXIT_BAD_TRACE_FILE)


def _fail(r: Outcome, as_json: bool):
    if as_json:
        click.echo(json.dumps({"ok": False, "exit_code": r.exit_code, "message": r.error}))
    else:
        click.echo(format_result(r))
    sys.exit(r.exit_code)
