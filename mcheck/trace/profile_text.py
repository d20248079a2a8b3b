"""``mcheck check --profile``'s table: per action and per definition, the calls, the time and the states.

After TLC's profiler (the Toolbox's "Profiling" view, TLC's ``-coverage`` lines ``<Action ...>:
distinct:generated``): the actions in Next's order with the states each generated and the new
(distinct) states among them, then the definitions and predicates that cost the most.  Times are
inclusive (a definition's time holds what it calls) and measured with the counting on, so they
rank the costs rather than predict the run without ``--profile``.
"""
from __future__ import annotations

from ..semantics.profile import ACTION, DEFINITION, INIT, PREDICATE, Entry, Profile

TOP = 25
"""Definitions and predicates listed, most time first (the rest are summed on one line)."""


def format_profile(profile: Profile, top: int = TOP) -> str:
    """The profile as lines of text, for the end of ``mcheck check --profile``'s report."""
    acts = _merged([e for e in profile.entries if e.kind in (INIT, ACTION)])
    total = sum(e.seconds for e in acts) or 1e-9
    lines = ["Profile (seconds are inclusive, with the profiler's counting on):",
             f"  {'calls':>10} {'generated':>10} {'distinct':>10} {'seconds':>9} {'share':>6}  action"]
    for e in acts:
        lines.append(f"  {e.calls:>10,} {e.generated:>10,} {e.distinct:>10,} {e.seconds:>9.3f} "
                     f"{100 * e.seconds / total:>5.1f}%  {e.name}")
    defs = profile.by_kind(DEFINITION, PREDICATE)
    if defs:
        lines.append(f"  {'calls':>10} {'seconds':>9} {'per call':>9}  definition")
        for e in defs[:top]:
            per = 1e6 * e.seconds / e.calls
            what = e.name if e.kind == DEFINITION else f"{e.name} (invariant, constraint or property)"
            lines.append(f"  {e.calls:>10,} {e.seconds:>9.3f} {per:>7.1f}us  {what}")
        rest = defs[top:]
        if rest:
            lines.append(f"  {sum(e.calls for e in rest):>10,} {sum(e.seconds for e in rest):>9.3f} "
                         f"{'':>9}  ({len(rest)} more definitions)")
    return "\n".join(lines)


def _merged(entries: list[Entry]) -> list[Entry]:
    """One line per action label, in first-seen order: the disjuncts Next was split into on a
    constant ``\\E`` (one per element) share their label, as TLC's one line per action does."""
    out: dict[str, Entry] = {}
    for e in entries:
        m = out.get(e.name)
        if m is None:
            out[e.name] = Entry(e.kind, e.name, e.calls, e.seconds, e.generated, e.distinct)
        else:
            m.calls, m.seconds = m.calls + e.calls, m.seconds + e.seconds
            m.generated, m.distinct = m.generated + e.generated, m.distinct + e.distinct
    return list(out.values())
