"""TLC-shaped text: states, counterexample traces and the statistics lines."""
from __future__ import annotations

from ..checker.bfs import Result, TraceStep
from ..semantics.values import tla_repr


def format_state(variables: list[str], state: tuple) -> str:
    if len(variables) == 1:
        return f"{variables[0]} = {tla_repr(state[0])}"
    return "\n".join(f"/\\ {v} = {tla_repr(x)}" for v, x in zip(variables, state))


def format_trace(variables: list[str], trace: list[TraceStep]) -> str:
    out = []
    for i, step in enumerate(trace, 1):
        out.append(f"State {i}: {step.action}")
        out.append(format_state(variables, step.state))
        out.append("")
    return "\n".join(out)


def format_result(r: Result) -> str:
    """The report TLC would print for this outcome (without its banner and timestamps)."""
    out: list[str] = []
    v = r.violation
    if r.result == "success":
        out.append("Model checking completed. No error has been found.")
        out.append("  Estimates of the probability that TLC did not check all reachable states")
        out.append("  because two distinct states had the same fingerprint:")
        out.append(f"  calculated (optimistic):  val = {_prob(r)}")
    elif r.result == "interrupted":
        out.append("Interrupted: the statistics so far.")
    elif v is not None and v.kind == "invariant":
        if v.initial:
            out.append(f"Error: Invariant {v.name} is violated by the initial state:")
            out.append(format_state(r.variables, v.trace[0].state))
        else:
            out.append(f"Error: Invariant {v.name} is violated.")
            out.append("Error: The behavior up to this point is:")
            out.append(format_trace(r.variables, v.trace))
    elif v is not None and v.kind == "property":
        if v.initial:
            out.append(f"Error: Property {v.name} is violated by the initial state:")
            out.append(format_state(r.variables, v.trace[0].state))
        else:
            out.append(f"Error: Action property {v.name} is violated.")
            out.append("Error: The behavior up to this point is:")
            out.append(format_trace(r.variables, v.trace))
    elif v is not None and v.kind == "deadlock":
        out.append("Error: Deadlock reached.")
        out.append("Error: The behavior up to this point is:")
        out.append(format_trace(r.variables, v.trace))
    elif v is not None and v.kind == "assumption":
        out.append(f"Error: {r.error}")
    else:
        out.append(f"Error: {r.error}")
        if v is not None and v.trace:
            out.append("Error: The behavior up to this point is:")
            out.append(format_trace(r.variables, v.trace))
    if r.stats_printed:
        out.append(f"{r.states_generated} states generated, {r.distinct_states} distinct states found, "
                   f"{r.left_on_queue} states left on queue.")
        out.append(f"The depth of the complete state graph search is {r.depth}.")
    return "\n".join(out)


def _prob(r: Result) -> str:
    m, n = r.distinct_states, r.states_generated
    p = m * (n - m) / 2.0 ** 64
    if p == 0:
        return "0.0"
    s = f"{p:.1E}"
    mant, exp = s.split("E")
    return f"{mant}E{int(exp)}"
