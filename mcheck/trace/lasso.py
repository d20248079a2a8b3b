"""TLC's text for a liveness counterexample (a lasso).  Called only from tests for now: the owner of
``trace/text.py`` is to use it for ``Violation.kind == "temporal"``.

TLC prints ``Error: Temporal property NAME was violated.``, ``Error: The behavior up to this point is:``,
the states as usual, and then either ``State N: Stuttering`` (no state printed after it) or
``Back to state K: <action label>`` (K is 1-based; the label is the action taking the last state to
state K).
"""
from __future__ import annotations

from typing import Callable

from ..checker.bfs import Violation


def format_lasso(variables: list[str], v: Violation, format_state: Callable[[list[str], tuple], str],
                 back_label: str | None = None) -> str:
    out = [f"Error: Temporal property {v.name} was violated.", "Error: The behavior up to this point is:"]
    steps = v.trace
    for i, st in enumerate(steps, 1):
        if v.stuttering and i == len(steps):
            out.append(f"State {i}: Stuttering")
            break
        out.append(f"State {i}: {st.action}")
        out.append(format_state(variables, st.state))
        out.append("")
    if not v.stuttering and v.loop_index is not None:
        out.append(f"Back to state {v.loop_index + 1}: {back_label or '<Action>'}")
    return "\n".join(out)
