"""The model interface: what every search engine sees of a spec, as plain callables.

After Stateright's ``Model``: a frozen record of initial states, successors with the action
that produced each, predicates and a dedup key.  The engines in ``mcheck.checker`` (the
breadth-first search, simulation, replay) know nothing else of the spec: no TLA+ syntax, no
compiler.  ``mcheck.semantics.build`` makes a ``Model`` from a spec and its .cfg; a test can make
one by hand from Python functions.  States are tuples of values, one per variable.

The record holds plain callables (not methods) so that a hot loop can bind them to locals.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterator

State = tuple
"""A state: one value per variable, in ``Model.variables`` order."""


@dataclass(frozen=True)
class Action:
    """One disjunct of the next-state relation, as TLC splits it (TLC-SEMANTICS.md §4)."""

    label: str                     # TLC's "<Name line L, col C to line L2, col C2 of module M>"
    name: str
    fn: Callable[..., Iterator[State]]
    args: tuple = ()               # the constants the disjunct was split on (\E over a constant set)

    def successors(self, s: State) -> Iterator[State]:
        return self.fn(s, *self.args)


@dataclass(frozen=True)
class Predicate:
    """A named predicate: of a state (invariants, constraints), of a step ``(s, t)`` (action
    constraints), or of nothing (postconditions)."""

    name: str
    fn: Callable[..., Any]


@dataclass(frozen=True)
class StepProperty:
    """An action property ``[A]_v`` checked on every step.

    ``fn(s, t)`` is the whole formula.  When ``v`` is a state function, ``sub(s)`` is ``v`` and
    ``act(s, t)`` is ``A``: a search computes ``v`` once per state and evaluates ``A`` only on the
    steps that change ``v``.
    """

    name: str
    fn: Callable[[State, State], Any]
    sub: Callable[[State], Any] | None = None
    act: Callable[[State, State], Any] | None = None


@dataclass(frozen=True)
class Assumption:
    """An ASSUME: ``fn()`` must be TRUE before any state is explored."""

    label: str                     # where it is: "line L, col C to line L2, col C2 of module M"
    fn: Callable[[], Any]


def _no_level(level: int) -> None:
    """The default ``set_level``: a model that does not read TLCGet("level")."""


@dataclass(frozen=True)
class Model:
    """A spec as a search sees it; see the module docstring.

    ``successors(s)`` yields ``(i, t)`` for every successor ``t`` of ``s``, in TLC's order, with
    ``i`` the index in ``actions`` of the action that produced it.  ``key(t)`` is the value under
    which states are deduplicated (VIEW, SYMMETRY), or None to deduplicate the states themselves.
    ``set_level(n)`` tells the model the search is generating level ``n`` (TLCGet("level")).
    ``liveness`` is the temporal part (``semantics.ltl.TemporalSpec``) or None.  ``recipe``
    rebuilds the same model in another process (``semantics.load.Recipe``), ``source`` gives
    trace output and the explorer what they need of the spec beyond the search (``Source``).
    """

    module: str
    variables: tuple[str, ...]
    actions: tuple[Action, ...]
    init: Callable[[], Iterator[State]]
    successors: Callable[[State], Iterator[tuple[int, State]]]
    invariants: tuple[Predicate, ...] = ()
    constraints: tuple[Predicate, ...] = ()
    action_constraints: tuple[Predicate, ...] = ()
    init_properties: tuple[Predicate, ...] = ()
    step_properties: tuple[StepProperty, ...] = ()
    key: Callable[[State], Hashable] | None = None
    symmetry: bool = False
    check_deadlock: bool = True
    assumptions: tuple[Assumption, ...] = ()
    postconditions: tuple[Predicate, ...] = ()
    liveness: Any = None
    set_level: Callable[[int], None] = _no_level
    recipe: Any = None
    source: "Source | None" = None
    profile: Any = None            # --profile: the ``semantics.profile.Profile`` the model counts into
    # set_stats(distinct, generated, queue, diameter): what TLCGet("distinct") and the others read
    # (``tlcstate.Statistics``), or None when the spec reads none of TLC's statistics (the search
    # then does not call it)
    set_stats: Any = None


@dataclass(frozen=True)
class Source:
    """What trace output, explanations and the explorer need of the spec beyond the search.

    ``evaluate(expr, state, env=None)`` is the value of a state-level expression (AST or TLA+
    text) in ``state``; ``formulas`` maps each invariant's name to its ``(body, env)``; ``alias``
    is the ALIAS (``alias(s)``, or ``alias(s, t)`` when ``alias_transition``); ``warnings`` are
    printed before the search starts, as TLC does.
    """

    evaluate: Callable[..., Any]
    formulas: dict
    alias: Callable | None = None
    alias_transition: bool = False
    warnings: tuple[str, ...] = ()


def chain_actions(actions: tuple[Action, ...]) -> Callable[[State], Iterator[tuple[int, State]]]:
    """``successors`` for a model given as separate actions: each action in turn, in order."""
    def successors(s: State) -> Iterator[tuple[int, State]]:
        for i, a in enumerate(actions):
            for t in a.fn(s, *a.args):
                yield i, t
    return successors
