"""The one successor filter: what every engine does with a generated state, in TLC's order.

TLC's ``Worker.addElement`` (TLC-SEMANTICS.md §1) decides, for each generated state: is it in the
model (CONSTRAINT on the state, ACTION_CONSTRAINT on the step), is it new (under the dedup key of
VIEW and SYMMETRY), does it satisfy the invariants (checked on new states and on states outside
the model), and does the step satisfy the action properties (checked on every step).  The
breadth-first search, simulation, replay and the explorer all ask these questions through one
``StepFilter``, so that they cannot drift apart; each engine only chooses which states to ask about.
"""
from __future__ import annotations

from typing import Any, Callable

from ..semantics.model import Model, State
from ..semantics.runtime import AssertionFailed

_NONE = object()


class InvariantError(Exception):
    """An invariant could not be evaluated on a state (TLC's ErrE); ``err`` is the cause."""

    def __init__(self, name: str, state: State, err: Exception):
        super().__init__(name)
        self.name, self.state, self.err = name, state, err


class ConstraintError(Exception):
    """A CONSTRAINT or ACTION_CONSTRAINT could not be evaluated on a successor; ``err`` is the cause.

    TLC evaluates the constraints outside the checks that have an exit code of their own, so such a
    failure ends the run as a general error, exit 255 (its EvalExceptionTest, DistBakery), where an
    error in the next-state relation exits 75 and one in an invariant 76."""

    def __init__(self, name: str, state: State, err: Exception):
        super().__init__(name)
        self.name, self.state, self.err = name, state, err
        self.message = getattr(err, "message", None) or str(err)


class StepFilter:
    """The checks of one model, as plain callables an engine can bind to locals.

    ``in_model`` is None when the model has no constraint (every state is in the model), and
    ``check_step`` is None when it has no action property: a hot loop tests for None instead of
    calling a function that always says yes.
    """

    def __init__(self, model: Model):
        self.model = model
        self.key: Callable[[State], Any] | None = model.key
        self._constraints = constraints = tuple((p.name, p.fn) for p in model.constraints)
        self._aconstraints = aconstraints = tuple((p.name, p.fn) for p in model.action_constraints)
        self.in_model: Callable[[State | None, State], bool] | None = (
            _in_model(constraints, aconstraints) if constraints or aconstraints else None)
        self._invariants = tuple((p.name, p.fn) for p in model.invariants)
        self._init_props = tuple((p.name, p.fn) for p in model.init_properties)
        self._plain = tuple((p.name, p.fn) for p in model.step_properties if p.sub is None)
        # [A]_v with a state function v: v is computed once per state (kept by store index, unless
        # states are compared through a key) and A only on the steps that change v
        self._split = tuple((p.name, p.sub, p.act, {}) for p in model.step_properties if p.sub is not None)
        self.check_invariants: Callable[[State], str | None] | None = (
            self.invariant_violated if self._invariants else None)
        self.check_step: Callable[..., str | None] | None = (
            self.step_violated if self._plain or self._split else None)

    def accepts(self, s: State | None, t: State) -> bool:
        """Is ``t`` (reached from ``s``, or initial when ``s`` is None) inside the model?"""
        return self.in_model is None or self.in_model(s, t)

    def excluded_by(self, s: State | None, t: State) -> list[str]:
        """What puts ``t`` (or the step ``s -> t``) outside the model, for messages: ``CONSTRAINT C``
        and ``ACTION_CONSTRAINT A`` for each that fails."""
        out = [f"CONSTRAINT {name}" for name, c in self._constraints if not c(t)]
        if s is not None:
            out += [f"ACTION_CONSTRAINT {name}" for name, c in self._aconstraints if not c(s, t)]
        return out

    def invariant_violated(self, t: State) -> str | None:
        """The name of the first invariant ``t`` violates, or None.  An invariant that fails to
        evaluate raises ``InvariantError`` (an ``Assert`` inside it stays an ``AssertionFailed``)."""
        for name, inv in self._invariants:
            try:
                ok = inv(t)
            except AssertionFailed:
                raise
            except Exception as err:
                raise InvariantError(name, t, err) from err
            if not ok:
                return name
        return None

    def keep_going(self, where: Callable[[], Any]) -> list[tuple[str, State, Any]]:
        """TLC's ``-continue``: from now on an invariant violation is recorded in the returned list
        (the invariant's name, the state, and ``where()``: what the search needs to rebuild the
        behaviour to it) instead of stopping the search."""
        found: list[tuple[str, State, Any]] = []
        checked, unchecked = self.invariant_violated, self.invariant_violated_unchecked

        def record(check):
            def go_on(t: State) -> None:
                name = check(t)
                if name is not None:
                    found.append((name, t, where()))
            return go_on
        if self.check_invariants is not None:
            self.check_invariants = record(checked)
        self.invariant_violated_unchecked = record(unchecked)  # type: ignore[method-assign]
        return found

    def invariant_violated_unchecked(self, t: State) -> str | None:
        """As ``invariant_violated``, letting evaluation errors through as they are (initial states:
        TLC reports them as errors of the initial states, exit 75)."""
        for name, inv in self._invariants:
            if not inv(t):
                return name
        return None

    def violated_invariants(self, t: State) -> list[str]:
        """Every invariant ``t`` violates (or cannot be evaluated on), for drawings of the state graph."""
        out = []
        for name, inv in self._invariants:
            try:
                ok = inv(t)
            except Exception:
                ok = False
            if ok is not True:
                out.append(name)
        return out

    def init_property_violated(self, t: State) -> str | None:
        """The first property that is a state predicate, checked on an initial state, ``t`` violates."""
        for name, p in self._init_props:
            if not p(t):
                return name
        return None

    def step_violated(self, s: State, t: State, si: int | None = None, ti: int | None = None) -> str | None:
        """The first action property the step ``s -> t`` violates, or None.  ``si``/``ti``: the
        states' indices in the engine's store (None when not stored), under which ``v`` is kept."""
        for name, p in self._plain:
            if not p(s, t):
                return name
        if self._split:
            if self.key is not None:   # states compared through a key: an index names a class, not a state
                si = ti = None
            for name, sub, act, memo in self._split:
                # the hot path of refinement checks: the memo lookups are written out, not called
                if si is None:
                    sv = sub(s)
                else:
                    sv = memo.get(si, _NONE)
                    if sv is _NONE:
                        sv = memo[si] = sub(s)
                if ti is None:
                    tv = sub(t)
                else:
                    tv = memo.get(ti, _NONE)
                    if tv is _NONE:
                        tv = memo[ti] = sub(t)
                if tv != sv and not act(s, t):
                    return name
        return None


def _in_model(constraints: tuple, aconstraints: tuple) -> Callable[[State | None, State], bool]:
    """``(name, fn)`` pairs to one test; a constraint that fails to evaluate raises ``ConstraintError``
    (an ``Assert`` inside one stays an ``AssertionFailed``)."""
    def in_model(s: State | None, t: State) -> bool:
        name = None
        try:
            for name, c in constraints:
                if not c(t):
                    return False
            if s is not None:
                for name, c in aconstraints:
                    if not c(s, t):
                        return False
        except AssertionFailed:
            raise
        except Exception as err:
            raise ConstraintError(name, t, err) from err
        return True
    return in_model
