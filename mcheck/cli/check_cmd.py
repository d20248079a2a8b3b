"""``mcheck check SPEC``: breadth-first model checking, TLC's report, and the outputs beside it."""
from __future__ import annotations

import dataclasses
import json
import os
import sys
from typing import Callable

import click
from rich.console import Console

from ..checker.frontier import parse_size
from ..checker.observers import GraphRecorder
from ..checker.outcome import Counts, interrupted
from ..checker.run import check_spec
from ..checker.transport import WorkerError
from ..trace.html import GRAPH_LIMIT, write_report
from ..trace.itf import write_counterexample
from ..trace.json_out import result_json
from ..trace.profile_text import format_profile
from ..trace.text import checked_line, colorize, format_found, format_result
from ..trace.why import explain_violation
from .explore_cmd import run_explorer
from .limits import time_limit, time_limit_option
from .progress import Progress
from .outputs import STDOUT, OutputError, check_graph_path, check_output_path, needs_terminal, stdout_to_stderr
from .options import json_option, model_options, no_deadlock_option, parse_consts, spec_argument


def parse_workers(text: str) -> int:
    """``--workers``: a positive number, or ``auto`` for one worker per core."""
    if text == "auto":
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    if not text.isdigit() or int(text) < 1:
        raise click.BadParameter(f"expected a positive number or auto, not {text!r}", param_hint="--workers")
    return int(text)


def ray_connector(address: str, workers: str) -> tuple[Callable, int | None]:
    """``--ray``: the workers as actors on a Ray cluster, with a progress line per level; and with
    ``--workers auto``, how many: one per CPU of the cluster (None: as ``--workers`` says)."""
    try:
        from ..checker import raytransport   # late and optional: Ray is an extra
    except ImportError:
        raise click.UsageError("--ray needs Ray: pip install 'mcheck[ray]'") from None
    n = None
    if workers == "auto":
        try:
            n = raytransport.cluster_cpus(address)
        except WorkerError as err:
            raise click.UsageError(str(err)) from None
        click.echo(f"--workers auto: {n} workers, one per CPU of the Ray cluster", err=True)
    return raytransport.connector(address, progress=lambda line: click.echo(line, err=True)), n


@click.command("check")
@spec_argument
@model_options
@no_deadlock_option
@json_option
@click.option("--itf", "itf_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="write the counterexample in ITF (JSON) to FILE, or to standard output with -")
@click.option("--dump-graph", "graph_path", type=click.Path(dir_okay=False),
              help="write the state graph: FILE.dot, FILE.graphml or FILE.json")
@click.option("--full-trace", is_flag=True,
              help="print every variable of every state, as TLC does (default: only what each step changed)")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="write a self-contained HTML report (trace table, failing conjunct, small state graphs)")
@click.option("--explore", is_flag=True, help="on a violation, open the counterexample in the interactive explorer")
@click.option("--exact", is_flag=True,
              help="store states exactly (about 800 B each) instead of 64-bit fingerprints (about 25 B): "
                   "no collision is possible")
@click.option("--workers", default="1", metavar="N|auto",
              help="search with N worker processes (auto: one per core, or per CPU of the --ray cluster), with the same answers")
@click.option("--ray", "ray_address", metavar="auto|ADDRESS",
              help="search on a Ray cluster, one actor per worker (auto: the running cluster, else a local one)")
@click.option("--checkpoint", "checkpoint_dir", type=click.Path(file_okay=False),
              help="write a checkpoint into DIR at a level boundary every --checkpoint-every seconds")
@click.option("--checkpoint-every", default=60.0, show_default=True, type=click.FloatRange(min=0),
              help="seconds between checkpoints (0: every level)")
@click.option("--recover", "recover_dir", type=click.Path(file_okay=False),
              help="resume the run whose checkpoint is in DIR (and go on writing checkpoints there)")
@click.option("--mem", "memory", metavar="SIZE",
              help="memory for a level's states before they spill to disk, e.g. 500M or 2G "
                   "(default: a quarter of the memory available, at most 64M)")
@time_limit_option
@click.option("--max-depth", type=click.IntRange(1), metavar="N",
              help="explore the states up to depth N only (the initial states are depth 1); "
                   "a success then says so, and proves nothing deeper")
@click.option("--continue", "keep_going", is_flag=True,
              help="go on after an invariant violation, as TLC's -continue does, and report them all")
@click.option("--profile", is_flag=True,
              help="print, per action and per definition, the calls, the time and the states generated")
def check_command(spec, config, consts, invariants, no_deadlock, as_json, itf_path=None, graph_path=None,
                  full_trace=False, html_path=None, explore=False, exact=False, workers="1",
                  checkpoint_dir=None, checkpoint_every=60.0, recover_dir=None, memory=None, time_limit_s=None,
                  ray_address=None, keep_going=False, max_depth=None, profile=False):
    """Check SPEC by breadth-first search, as TLC does: its invariants, deadlock, and the properties
    of its .cfg (action properties and temporal properties, liveness included).

    Exit codes are TLC's: 0 no error, 11 deadlock, 12 invariant violated, 13 property violated,
    10 ASSUME false, 75/76 evaluation error, 150 spec error, 151 .cfg error, 255 .cfg syntax;
    2 for a usage error (a bad option, an output file that cannot be written).
    """
    _check_outputs(itf_path, html_path, graph_path, explore, as_json)
    constants = parse_consts(consts)
    n_workers = parse_workers(workers)
    try:
        budget = parse_size(memory) if memory is not None else None
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--mem") from None
    _refuse_conflicts(n_workers, ray_address, keep_going, exact, profile)
    connect = None
    if ray_address is not None:
        connect, on_cluster = ray_connector(ray_address, workers)
        n_workers = on_cluster or n_workers
    # the state graph for --dump-graph and --html is recorded by the check's own search
    recorder = None
    if graph_path or html_path:
        recorder = GraphRecorder(with_actions=True, limit=None if graph_path else GRAPH_LIMIT)
    # stdout: the JSON object or the ITF trace alone; progress: live on a terminal, TLC's lines elsewhere
    with stdout_to_stderr(as_json or itf_path == STDOUT), Progress() as progress, time_limit(time_limit_s) as lim:
        try:
            r = check_spec(spec, config, constants, tuple(invariants), no_deadlock, progress=progress,
                           observers=[recorder] if recorder is not None else [], exact=exact, workers=n_workers,
                           checkpoint_dir=recover_dir or checkpoint_dir, checkpoint_every=checkpoint_every,
                           recover=recover_dir is not None, memory=budget, progress_every=progress.every,
                           connect=connect, keep_going=keep_going, max_depth=max_depth, profile=profile)
        except KeyboardInterrupt:   # the limit fired outside the search (e.g. during liveness)
            if not lim.fired:
                raise
            r = interrupted(Counts())
        model = r.model
        explanation = explain_violation(model, r.violation) if r.violation is not None else None
    if lim.fired and r.interrupted:
        r = dataclasses.replace(r, error=f"stopped by --time-limit {time_limit_s:g} s")
        click.echo(lim.note(), err=True)
    if as_json:
        click.echo(json.dumps(result_json(r)))
    else:
        text = format_result(r, full=full_trace, explanation=explanation)
        if r.found:   # --continue: the violations found on the way, each with its behaviour
            text = format_found(r, full=full_trace) + "\n" + text
        _print_report(r, text, to_stderr=itf_path == STDOUT)
    if profile and model is not None and model.profile is not None:
        click.echo(format_profile(model.profile), err=as_json or itf_path == STDOUT)
    failed_writes = 0
    if itf_path:
        msg = write_counterexample(r, itf_path, source=spec, cfg=config, constants=consts)
        failed_writes += msg.startswith("Could not")
        click.echo(msg, err=True)
    graph = None
    if recorder is not None and model is not None:
        from ..checker.graph import state_graph   # late: networkx takes a third of a second to import
        graph = state_graph(model, recorder, r.complete)
    if graph_path:
        from ..trace.graph_files import dump_graph
        msg = (dump_graph(graph, graph_path) if graph is not None else
               f"No model to explore (the spec or the .cfg has an error): nothing written to {graph_path}.")
        failed_writes += msg.startswith("Could not")
        click.echo(msg, err=True)
    if html_path:
        msg = write_report(html_path, r, model, spec, explanation, graph)
        failed_writes += msg.startswith("Could not")
        click.echo(msg, err=True)
    if explore:
        if r.violation is not None and r.violation.trace and model is not None:
            run_explorer(model, r.violation.trace, title=f"{spec}: {r.violation.kind} {r.violation.name or ''}")
        else:
            click.echo("No counterexample to explore.", err=True)
    # an output that could not be written after all (checked before the search, so rare): not a success
    sys.exit(r.exit_code or (EXIT_WRITE_FAILED if failed_writes else 0))


EXIT_WRITE_FAILED = 1
"""A report file that could not be written although its path was checked before the search."""


def _refuse_conflicts(n_workers: int, ray_address, keep_going: bool, exact: bool, profile: bool) -> None:
    """The options that need one process: a usage error with any of them and worker processes."""
    if n_workers > 1 and keep_going:
        raise click.UsageError("--continue searches with one worker: it cannot be used with --workers")
    if profile and (n_workers > 1 or ray_address is not None):
        raise click.UsageError("--profile counts in one process: it cannot be used with --workers or --ray")
    if n_workers > 1 and exact:
        raise click.UsageError("--exact keeps every state in one process: it cannot be used with --workers")
    if ray_address is not None and exact:
        raise click.UsageError("--exact keeps every state in one process: it cannot be used with --ray")


def _check_outputs(itf_path, html_path, graph_path, explore: bool, as_json: bool) -> None:
    """Every output path and format, before the search (see outputs.py)."""
    check_output_path(itf_path, "--itf", allow_stdout=True)
    check_output_path(html_path, "--html")
    check_graph_path(graph_path)
    if itf_path == STDOUT and as_json:
        raise OutputError("--itf - and --json both write to standard output; give --itf a file name")
    if explore:
        needs_terminal("--explore")


def _print_report(r, text: str, to_stderr: bool = False) -> None:
    """TLC's report on stdout (on stderr when stdout carries the ITF trace), then, on stderr, what was
    checked, the store and the time."""
    if sys.stdout.isatty() and not to_stderr and not os.environ.get("NO_COLOR"):
        Console(highlight=False, soft_wrap=True).print(colorize(text))
    else:
        click.echo(text, err=to_stderr)
    if r.result in ("success",) or r.stats_printed:
        line = checked_line(r.model)
        if line:
            click.echo(line, err=True)
        if r.store is not None:
            click.echo(r.store.summary(), err=True)
        click.echo(f"Finished in {r.seconds:.2f} s.", err=True)
