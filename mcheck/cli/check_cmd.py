"""``mcheck check SPEC``: breadth-first model checking, TLC's report, and the outputs beside it."""
from __future__ import annotations

import json
import os
import sys

import click
from rich.console import Console

from ..checker.frontier import parse_size
from ..checker.observers import GraphRecorder
from ..checker.run import check_spec
from ..trace.html import GRAPH_LIMIT, write_report
from ..trace.itf import write_counterexample
from ..trace.json_out import result_json
from ..trace.text import colorize, format_result
from ..trace.why import explain_violation
from .explore_cmd import run_explorer
from .options import json_option, model_options, no_deadlock_option, parse_consts, spec_argument


def parse_workers(text: str) -> int:
    """``--workers``: a positive number, or ``auto`` for one worker per core."""
    if text == "auto":
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    if not text.isdigit() or int(text) < 1:
        raise click.BadParameter(f"expected a positive number or auto, not {text!r}", param_hint="--workers")
    return int(text)


def _progress(p: dict) -> None:
    """TLC's progress line, then the rate and this process's memory per distinct state."""
    secs = max(p["seconds"], 1e-9)
    rss = _rss_bytes()
    per = f", {rss / p['distinct']:.0f} B/state in memory" if rss and p["distinct"] else ""
    click.echo(f"Progress({p['depth']}): {p['generated']:,} states generated ({p['generated'] / secs:,.0f} s/s), "
               f"{p['distinct']:,} distinct states found, {p['queue']:,} states left on queue "
               f"({p['seconds']:.0f} s{per}).", err=True)


def _rss_bytes() -> int | None:
    """This process's resident memory now (Linux), or None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@click.command("check")
@spec_argument
@model_options
@no_deadlock_option
@json_option
@click.option("--itf", "itf_path", type=click.Path(dir_okay=False), help="write the counterexample in ITF (JSON)")
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
              help="search with N worker processes (auto: one per core), with the same answers")
@click.option("--checkpoint", "checkpoint_dir", type=click.Path(file_okay=False),
              help="write a checkpoint into DIR at a level boundary every --checkpoint-every seconds")
@click.option("--checkpoint-every", default=60.0, show_default=True, type=click.FloatRange(min=0),
              help="seconds between checkpoints (0: every level)")
@click.option("--recover", "recover_dir", type=click.Path(file_okay=False),
              help="resume the run whose checkpoint is in DIR (and go on writing checkpoints there)")
@click.option("--mem", "memory", metavar="SIZE",
              help="memory for a level's states before they spill to disk, e.g. 500M or 2G "
                   "(default: a quarter of the memory available, at most 256M)")
@click.option("--continue", "keep_going", is_flag=True,
              help="go on after an invariant violation, as TLC's -continue does, and report them all")
def check_command(spec, config, consts, invariants, no_deadlock, as_json, itf_path=None, graph_path=None,
                  full_trace=False, html_path=None, explore=False, exact=False, workers="1",
                  checkpoint_dir=None, checkpoint_every=60.0, recover_dir=None, memory=None, keep_going=False):
    """Check SPEC's safety properties by breadth-first search, as TLC does."""
    constants = parse_consts(consts)
    n_workers = parse_workers(workers)
    try:
        budget = parse_size(memory) if memory is not None else None
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--mem") from None
    if n_workers > 1 and keep_going:
        raise click.UsageError("--continue searches with one worker: it cannot be used with --workers")
    if n_workers > 1 and exact:
        raise click.UsageError("--exact keeps every state in one process: it cannot be used with --workers")
    # the state graph for --dump-graph and --html is recorded by the check's own search
    recorder = None
    if graph_path or html_path:
        recorder = GraphRecorder(with_actions=True, limit=None if graph_path else GRAPH_LIMIT)
    r = check_spec(spec, config, constants, tuple(invariants), no_deadlock, progress=_progress,
                   observers=[recorder] if recorder is not None else [], exact=exact, workers=n_workers,
                   checkpoint_dir=recover_dir or checkpoint_dir, checkpoint_every=checkpoint_every,
                   recover=recover_dir is not None, memory=budget, keep_going=keep_going)
    model = r.model
    explanation = explain_violation(model, r.violation) if r.violation is not None else None
    if as_json:
        click.echo(json.dumps(result_json(r)))
    else:
        text = format_result(r, full=full_trace, explanation=explanation)
        if keep_going and r.error and r.result == "success":
            text = "\n".join("Error: " + ln for ln in r.error.splitlines()) + "\n" + text
        if sys.stdout.isatty():
            Console(highlight=False, soft_wrap=True).print(colorize(text))
        else:
            click.echo(text)
        if r.result in ("success",) or r.stats_printed:
            if r.store is not None:
                click.echo(r.store.summary(), err=True)
            click.echo(f"Finished in {r.seconds:.2f} s.", err=True)
    if itf_path:
        click.echo(write_counterexample(r, itf_path, source=spec), err=True)
    graph = None
    if recorder is not None and model is not None:
        from ..checker.graph import state_graph   # late: networkx takes a third of a second to import
        graph = state_graph(model, recorder, r.complete)
    if graph_path:
        from ..trace.graph_files import dump_graph
        click.echo(dump_graph(graph, graph_path) if graph is not None else
                   f"No model to explore (the spec or the .cfg has an error): nothing written to {graph_path}.",
                   err=True)
    if html_path:
        click.echo(write_report(html_path, r, model, spec, explanation, graph), err=True)
    if explore:
        if r.violation is not None and r.violation.trace and model is not None:
            run_explorer(model, r.violation.trace, title=f"{spec}: {r.violation.kind} {r.violation.name or ''}")
        else:
            click.echo("No counterexample to explore.", err=True)
    sys.exit(r.exit_code)
