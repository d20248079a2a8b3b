"""Liveness as data: NNF formulas over numbered atoms, fairness conditions, and the ``TemporalSpec``
that a model hands to the liveness checker (``Model.liveness``).

The atoms are plain callables: a state predicate ``fn(s)`` or an action predicate ``fn(s, t)``.
``mcheck.semantics.temporal`` makes a ``TemporalSpec`` from a spec's formulas; a test can write
one by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

# ----------------------------------------------------------------------------- formulas
# NNF formulas are tuples:
#   ("T",) ("F",) ("S", atom, positive) ("A", atom, positive)
#   ("and", a, b) ("or", a, b) ("U", a, b) ("R", a, b)
TRUE = ("T",)
FALSE = ("F",)


def f_and(a, b):
    if a == FALSE or b == FALSE:
        return FALSE
    if a == TRUE:
        return b
    if b == TRUE:
        return a
    return ("and", a, b)


def f_or(a, b):
    if a == TRUE or b == TRUE:
        return TRUE
    if a == FALSE:
        return b
    if b == FALSE:
        return a
    return ("or", a, b)


def always(a):
    return ("R", FALSE, a)


def eventually(a):
    return ("U", TRUE, a)


def f_text(f, atoms=None) -> str:
    k = f[0]
    if k == "T":
        return "TRUE"
    if k == "F":
        return "FALSE"
    if k in ("S", "A"):
        name = atoms[f[1]].text if atoms else f"{k}{f[1]}"
        return name if f[2] else f"~({name})"
    if k in ("and", "or"):
        op = "/\\" if k == "and" else "\\/"
        return f"({f_text(f[1], atoms)} {op} {f_text(f[2], atoms)})"
    if k == "U":
        if f[1] == TRUE:
            return f"<>{f_text(f[2], atoms)}"
        return f"({f_text(f[1], atoms)} U {f_text(f[2], atoms)})"
    if k == "R":
        if f[1] == FALSE:
            return f"[]{f_text(f[2], atoms)}"
        return f"({f_text(f[1], atoms)} R {f_text(f[2], atoms)})"
    return repr(f)


@dataclass
class Atom:
    kind: str          # "S" (state predicate) or "A" (action predicate on a step)
    fn: Callable
    text: str = ""
    # for ENABLED <<A>>_v: the atom of the step <<A>>_v.  When ENABLED cannot be computed from the
    # state alone (an action of an INSTANCE whose variables are substituted by expressions: their
    # primed values cannot be chosen), it is taken from the state graph: some successor (or the
    # state itself; in a graph of at most 2000 states, any reachable state) is reached by an
    # <<A>>_v step.  This under-approximates ENABLED (a violation of the abstract fairness may be missed).
    graph_step: int | None = None
    # for a step <<A>>_v or [A]_v: v as a function of one state (its value is kept per state and
    # shared by every atom with the same v), A as a function of a step, and which of the two forms
    sub: Callable | None = None
    sub_key: str = ""
    act: Callable | None = None
    angle: bool = True


@dataclass
class FairnessCond:
    kind: str          # "WF" or "SF"
    enabled: Callable  # s -> ENABLED <<A>>_v
    step: Callable     # (s, t) -> <<A>>_v
    text: str = ""


@dataclass
class LiveProperty:
    name: str
    formula: tuple     # the NEGATION of the property, in NNF
    text: str = ""


@dataclass
class TemporalSpec:
    atoms: list[Atom] = field(default_factory=list)
    properties: list[LiveProperty] = field(default_factory=list)
    fairness: list[FairnessCond] = field(default_factory=list)
