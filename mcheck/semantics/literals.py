"""TLC's string order: the intern table filled with a spec's literals in source order.

TLC orders strings by the order its UniqueString table first saw them, and starts each check with a
new table.  ``intern_literals`` interns a spec's literals as TLC's parser meets them; when the spec
is not the last one built in this process, the table starts again first.
"""
from __future__ import annotations

from ..syntax import ast as A
from . import runtime as R
from . import values as V
from .levels import children

_last_literals: list[str] | None = None   # the literals the last model built here interned


def intern_literals(modules: dict[str, A.Module], root: A.Module) -> None:
    """Intern string literals in source order, as TLC's parser does: it fixes how strings sort.

    TLC starts each check with a new string table; one Python process may build many specs (the
    API, the pytest plugin, a notebook).  When this spec's literals are not those of the last
    model built here, the table starts again, so that its strings sort (and its sets enumerate,
    and its counterexamples read) as in a process of its own.  A rebuild of the same spec (the
    checked variant, worker 0) keeps the table."""
    global _last_literals
    lits: list[str] = []

    def walk(x) -> None:
        if isinstance(x, A.Str):
            lits.append(x.value)
            return
        if isinstance(x, (A.RecordConstr, A.RecordSet)):
            for k, _ in x.fields:
                lits.append(k)
        if isinstance(x, A.Dot):
            lits.append(x.field)
        for ch in children(x):
            walk(ch)

    seen = set()
    order = [root] + [m for m in modules.values() if m is not root]
    for m in order:
        if id(m) in seen:
            continue
        seen.add(id(m))
        for u in m.units:
            for attr in ("body", "expr"):
                b = getattr(u, attr, None)
                if isinstance(b, A.Expr):
                    walk(b)
    if _last_literals is not None and lits != _last_literals:
        V.reset_strings()
        R.clear_sorted_cache()
    _last_literals = lits
    for s in lits:
        V.intern_string(s)
