"""The ``mcheck`` command: ``mcheck spec.tla`` is ``mcheck check spec.tla``."""
from __future__ import annotations

import json
import sys

import click

from ..checker.run import check_spec
from ..semantics.model import _cfg_value
from ..syntax.errors import TLAError
from ..trace.json_out import result_json
from ..trace.text import format_result
from .parse_cmd import parse_command


class DefaultGroup(click.Group):
    """A group whose first argument, when it is not a command name, goes to ``check``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["check"] + list(args)
        elif args and args[0].startswith("-") and args[0] not in ("--help", "-h", "--version"):
            args = ["check"] + list(args)
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mcheck")
def main() -> None:
    """mcheck: a TLA+ model checker in pure Python."""


def _parse_const(text: str):
    from ..syntax.parser import parse_expr
    name, _, value = text.partition("=")
    if not _ or not name.strip():
        raise click.BadParameter(f"expected NAME=VALUE, got {text!r}")
    try:
        return name.strip(), _cfg_value(parse_expr(value.strip(), "<--const>"), None)
    except TLAError as err:
        raise click.BadParameter(err.message)


@main.command("check")
@click.argument("spec", type=click.Path(exists=True, dir_okay=False))
@click.option("--config", "-c", "config", type=click.Path(dir_okay=False), help="the .cfg (default: SPEC.cfg)")
@click.option("--const", "consts", multiple=True, help="NAME=VALUE, overriding or adding a constant")
@click.option("--invariant", "invariants", multiple=True, help="an invariant to check, besides the .cfg's")
@click.option("--no-deadlock", is_flag=True, help="do not report deadlocks")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object instead of text")
@click.option("--itf", "itf_path", type=click.Path(dir_okay=False), help="write the counterexample in ITF (JSON)")
@click.option("--dump-graph", "graph_path", type=click.Path(dir_okay=False),
              help="write the state graph: FILE.dot, FILE.graphml or FILE.json")
@click.option("--full-trace", is_flag=True,
              help="print every variable of every state, as TLC does (default: only what each step changed)")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="write a self-contained HTML report (trace table, failing conjunct, small state graphs)")
@click.option("--explore", is_flag=True, help="on a violation, open the counterexample in the interactive explorer")
def check_command(spec, config, consts, invariants, no_deadlock, as_json, itf_path=None, graph_path=None,
                  full_trace=False, html_path=None, explore=False):
    """Check SPEC's safety properties by breadth-first search, as TLC does."""
    constants = dict(_parse_const(c) for c in consts)

    def progress(p):
        click.echo(f"Progress({p['depth']}): {p['generated']:,} states generated, {p['distinct']:,} distinct "
                   f"states found, {p['queue']:,} states left on queue ({p['seconds']:.0f} s).", err=True)

    r = check_spec(spec, config, constants, tuple(invariants), no_deadlock, progress=progress)
    model = getattr(r, "model", None)
    explanation = None
    if r.violation is not None and r.violation.kind == "invariant":
        from ..trace.why import explain_violation
        explanation = explain_violation(model, r.violation)
    if as_json:
        click.echo(json.dumps(result_json(r)))
    else:
        text = format_result(r, full=full_trace, explanation=explanation)
        if sys.stdout.isatty():
            from rich.console import Console
            from ..trace.text import colorize
            Console(highlight=False, soft_wrap=True).print(colorize(text))
        else:
            click.echo(text)
        if r.result in ("success",) or r.stats_printed:
            click.echo(f"Finished in {r.seconds:.2f} s.", err=True)
    if itf_path:
        from ..trace.itf import write_counterexample
        click.echo(write_counterexample(r, itf_path, source=spec), err=True)
    if graph_path:
        from ..checker.graph import dump_graph
        click.echo(dump_graph(getattr(r, "model", None), graph_path), err=True)
    if html_path:
        from ..trace.html import write_report
        click.echo(write_report(html_path, r, model, spec, explanation), err=True)
    if explore:
        if r.violation is not None and r.violation.trace and model is not None:
            from .explore_cmd import run_explorer
            run_explorer(model, r.violation.trace, title=f"{spec}: {r.violation.kind} {r.violation.name or ''}")
        else:
            click.echo("No counterexample to explore.", err=True)
    sys.exit(r.exit_code)


main.add_command(parse_command, "parse")
from .replay_cmd import replay_command  # noqa: E402
from .simulate_cmd import simulate_command  # noqa: E402
main.add_command(replay_command, "replay")
main.add_command(simulate_command, "simulate")
from .explore_cmd import explore_command  # noqa: E402
main.add_command(explore_command, "explore")

if __name__ == "__main__":
    main()
