"""The outcome of a check as data: verdict, counts, violation, lasso; TLC's exit codes and wording.

Every engine ends with an ``Outcome`` made by one of the constructors below, so that which exit
code a verdict has, and how TLC words it, is decided here and nowhere else.  ``trace/`` prints an
``Outcome``; ``cli/`` exits with its code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..syntax.errors import CfgSyntaxError, ConfigError, EvalError, ParseError, TLAError

INITIAL = "<Initial predicate>"
"""The label of the first state of a trace."""

NO_ACTION = "<Action>"
"""The label of a step no action of the spec is known to take."""

# TLC's exit codes (tlc2.output.EC.ExitStatus)
EXIT_SUCCESS = 0
EXIT_INTERRUPTED = 1
EXIT_ASSUMPTION = 10
EXIT_DEADLOCK = 11
EXIT_INVARIANT = 12
EXIT_PROPERTY = 13
EXIT_ASSERT = 14
EXIT_EVAL_ERROR = 75
EXIT_INVARIANT_ERROR = 76
EXIT_LIVENESS_ERROR = 77
EXIT_SPEC_ERROR = 150
EXIT_CONFIG_ERROR = 151
EXIT_CFG_SYNTAX = 255   # also: an initial predicate that leaves a variable unbound
EXIT_SYSTEM = 255       # TLC's ERROR_SYSTEM: e.g. a checkpoint directory that cannot be used
EXIT_BAD_TRACE_FILE = 1  # mcheck's own: a trace file (ITF) that cannot be read
EXIT_NOT_A_BEHAVIOUR = 20  # mcheck's own (replay): a trace that is not a behaviour of the spec


@dataclass
class TraceStep:
    action: str          # INITIAL or TLC's action label "<Name line L, col C to ... of module M>"
    state: tuple


@dataclass
class Violation:
    kind: str            # "invariant", "property", "temporal", "deadlock", "assert", "assumption",
    #                      "postcondition", "error"
    name: str | None
    trace: list[TraceStep]
    message: str = ""
    initial: bool = False
    # a liveness counterexample is a lasso: after the last state the behaviour goes back to
    # trace[loop_index] ("Back to state loop_index+1"), or, when stuttering is True, the last
    # step is the marker TraceStep("Stuttering", <the previous state>) and the behaviour stays there.
    loop_index: int | None = None
    stuttering: bool = False
    loop_action: str | None = None   # the label of the step that goes back to trace[loop_index]
    also: tuple[str, ...] = ()       # the other temporal properties the same behaviour violates (TLC names all)

    @property
    def names(self) -> list[str]:
        """Every property this behaviour violates: ``name`` first (TLC's "Temporal properties A and B")."""
        return ([self.name] if self.name is not None else []) + list(self.also)


@dataclass
class Counts:
    """TLC's statistics of a search, at the moment it ended."""

    distinct: int = 0
    generated: int = 0
    depth: int = 0
    left: int = 0
    seconds: float = 0.0


@dataclass
class StoreReport:
    """What the search's seen set was: fingerprints (with the smallest gap between two of them, for
    TLC's second collision estimate) or exact states, and its size in bytes (0: not measured)."""

    kind: str            # "fingerprints" or "exact"
    states: int
    bytes: int = 0
    min_gap: int | None = None

    def summary(self) -> str:
        """``store: 11.9 MB for 296448 states (40 B/state)``, or that states were stored exactly."""
        if self.kind == "exact":
            return f"store: {self.states} states stored exactly (--exact): no fingerprint collision is possible"
        per = f" ({self.bytes / self.states:.0f} B/state)" if self.states else ""
        return f"store: {self.bytes / 1e6:.1f} MB for {self.states} states{per}"


@dataclass
class Outcome:
    result: str          # "success", "safety failure", "deadlock failure", "liveness failure",
    #                      "assumption failure", "error", "interrupted"
    distinct_states: int = 0
    states_generated: int = 0
    depth: int = 0
    left_on_queue: int = 0
    violation: Violation | None = None
    error: str | None = None
    exit_code: int = EXIT_SUCCESS
    seconds: float = 0.0
    stats_printed: bool = True     # TLC prints its statistics after this outcome
    complete: bool = False         # the search explored every reachable state (it did not stop early)
    variables: list[str] = field(default_factory=list)
    model: Any = field(default=None, repr=False)   # the model checked, when there was one
    store: StoreReport | None = None   # the breadth-first search's seen set, when a search ran
    max_depth: int | None = None   # --max-depth stopped the search there (a success that proves nothing deeper)
    found: list[Violation] = field(default_factory=list)   # --continue: the invariant violations gone past

    @property
    def interrupted(self) -> bool:
        return self.result == "interrupted"

    @property
    def ok(self) -> bool:
        return self.exit_code == EXIT_SUCCESS


def _make(result: str, code: int, counts: Counts | None, violation: Violation | None = None,
          error: str | None = None, stats: bool = True) -> Outcome:
    c = counts or Counts()
    return Outcome(result, c.distinct, c.generated, c.depth, c.left, violation, error, code, c.seconds,
                   stats_printed=stats)


# ----------------------------------------------------------------------------- verdicts

def success(counts: Counts) -> Outcome:
    return _make("success", EXIT_SUCCESS, counts)


def bounded(max_depth: int, counts: Counts) -> Outcome:
    """``--max-depth``: no error in the states up to that depth; the deeper ones were not explored."""
    out = _make("success", EXIT_SUCCESS, counts)
    out.max_depth = max_depth
    return out


def invariant_violated(name: str, trace: list[TraceStep], counts: Counts, initial: bool = False) -> Outcome:
    """TLC: "Invariant Inv is violated." (exit 12); on an initial state it prints no statistics."""
    return _make("safety failure", EXIT_INVARIANT, counts, Violation("invariant", name, trace, initial=initial),
                 stats=not initial)


def property_violated(name: str, trace: list[TraceStep], counts: Counts, initial: bool = False) -> Outcome:
    """A property violated by an initial state or by a step ([A]_v): exit 13."""
    return _make("safety failure", EXIT_PROPERTY, counts, Violation("property", name, trace, initial=initial),
                 stats=not initial)


def temporal_violated(names: list[str], trace: list[TraceStep], counts: Counts, loop_index: int | None,
                      stuttering: bool, loop_action: str | None) -> Outcome:
    """A liveness counterexample of ``names[0]`` (and of the others in ``names``, which the same
    behaviour violates: TLC names them all)."""
    v = Violation("temporal", names[0], trace, loop_index=loop_index, stuttering=stuttering, loop_action=loop_action,
                  also=tuple(names[1:]))
    return _make("liveness failure", EXIT_PROPERTY, counts, v, _temporal_text(names))


def temporal_prefix_violated(name: str, trace: list[TraceStep], counts: Counts) -> Outcome:
    """A temporal property that a finite prefix violates (TLC since tlaplus PR #1348): exit 12, the
    prefix only, no cycle."""
    return _make("safety failure", EXIT_INVARIANT, counts, Violation("temporal", name, trace), _temporal_text([name]))


def join_names(names: list[str]) -> str:
    """Several violated temporal properties as TLC names them: ``A and B``, ``A, B, and C``."""
    return names[0] if len(names) == 1 else (" and ".join(names) if len(names) == 2
                                              else ", ".join(names[:-1]) + ", and " + names[-1])


def _temporal_text(names: list[str]) -> str:
    several = len(names) > 1
    return f"Temporal propert{'ies' if several else 'y'} {join_names(names)} {'were' if several else 'was'} violated."


def deadlock(trace: list[TraceStep], counts: Counts) -> Outcome:
    return _make("deadlock failure", EXIT_DEADLOCK, counts, Violation("deadlock", None, trace))


def assert_failed(message: str, trace: list[TraceStep], counts: Counts) -> Outcome:
    """TLC's Assert evaluated to FALSE: exit 14."""
    return _make("safety failure", EXIT_ASSERT, counts, Violation("assert", None, trace, message), message)


def assumption_false(label: str) -> Outcome:
    return _make("assumption failure", EXIT_ASSUMPTION, None, Violation("assumption", label, []),
                 f"Assumption {label} is false.", stats=False)


def assumption_failed(label: str, message: str) -> Outcome:
    return _make("assumption failure", EXIT_ASSUMPTION, None, Violation("assumption", label, [], message),
                 f"Evaluating assumption {label} failed.\n{message}", stats=False)


def postcondition_false(name: str, counts: Counts) -> Outcome:
    """TLC reports a false postcondition as it does a false assumption: exit 10 (its regression
    models PossibleFail and DieHardTLAPA)."""
    return _make("assumption failure", EXIT_ASSUMPTION, counts, Violation("postcondition", name, []),
                 f"Postcondition {name} is false.")


def postcondition_failed(name: str, message: str, counts: Counts) -> Outcome:
    return _make("error", EXIT_EVAL_ERROR, counts, None, f"Evaluating the POSTCONDITION {name} failed.\n{message}")


def evaluation_error(message: str, counts: Counts, trace: list[TraceStep] | None = None,
                     violation_message: str | None = None, stats: bool = True) -> Outcome:
    """An error while computing states (Init, Next, an invariant on an initial state): exit 75.

    With a ``trace`` (the behaviour up to the state whose successors failed) the outcome carries it.
    """
    v = Violation("error", None, trace, violation_message or "") if trace is not None else None
    return _make("error", EXIT_EVAL_ERROR, counts, v, message, stats=stats)


def constraint_error(message: str, counts: Counts, trace: list[TraceStep], violation_message: str) -> Outcome:
    """A CONSTRAINT or ACTION_CONSTRAINT that failed to evaluate on a successor: TLC reports the error
    and the behaviour up to that successor, as a general error (exit 255)."""
    return _make("error", EXIT_SYSTEM, counts, Violation("error", None, trace, violation_message), message)


def invariant_error(name: str, message: str, trace: list[TraceStep], counts: Counts) -> Outcome:
    """TLC's ErrE: an invariant that fails to evaluate on a later state, exit 76."""
    return _make("error", EXIT_INVARIANT_ERROR, counts, Violation("error", name, trace, message),
                 f"Evaluating invariant {name} failed.\n{message}")


def liveness_error(message: str, counts: Counts) -> Outcome:
    return _make("error", EXIT_LIVENESS_ERROR, counts, None, message)


def unassigned_successor(names: list[str], trace: list[TraceStep], counts: Counts) -> Outcome:
    return _make("error", EXIT_EVAL_ERROR, counts, Violation("error", None, trace), unassigned_message(names))


def unassigned_message(names: list[str]) -> str:
    """TLC's words for a step that leaves variables unassigned."""
    return ("Successor state is not completely specified by the next-state action. "
            f"The following variable{'s are' if len(names) > 1 else ' is'} not defined: {', '.join(names)}.")


def unassigned_initial(names: list[str], counts: Counts) -> Outcome:
    """An initial predicate that leaves variables unbound: TLC exits 255."""
    return _make("error", EXIT_CFG_SYNTAX, counts, None, "current state is not a legal state: the initial "
                 f"predicate does not assign {', '.join(names)}", stats=False)


def interrupted(counts: Counts) -> Outcome:
    """Ctrl-C: the statistics so far."""
    return _make("interrupted", EXIT_INTERRUPTED, counts, None, "interrupted")


def stopped(max_states: int, counts: Counts) -> Outcome:
    return _make("error", EXIT_EVAL_ERROR, counts, None, f"stopped after {max_states} distinct states")


def usage_error(message: str) -> Outcome:
    """A run that cannot start as asked (a checkpoint directory that cannot be used): exit 255."""
    return _make("error", EXIT_SYSTEM, None, None, message, stats=False)


def trace_lost(message: str, counts: Counts) -> Outcome:
    """The search stopped at a violation or an error, but its trace could not be rebuilt from the
    fingerprints (the spec draws random values, e.g. RandomElement): exit 255, and what to do."""
    return _make("error", EXIT_SYSTEM, counts, None,
                 f"The search stopped at a violation or an error, but its behaviour could not be rebuilt: "
                 f"{message}. The spec's steps are not a function of its states (RandomElement?); "
                 f"run it again with --exact, which keeps the states themselves.")


def worker_failure(message: str, counts: Counts) -> Outcome:
    """A worker process of ``--workers`` that failed or died: no answer can be given (exit 255)."""
    return _make("error", EXIT_SYSTEM, counts, None, f"The search stopped: {message}")


def load_failure(err: Exception) -> Outcome:
    """A spec or .cfg that cannot be loaded, with TLC's exit code for the kind of problem."""
    if isinstance(err, CfgSyntaxError):
        code = EXIT_CFG_SYNTAX
    elif isinstance(err, ConfigError):
        code = EXIT_CONFIG_ERROR
    elif isinstance(err, ParseError):       # parse errors, and what the compiler cannot compile
        code = EXIT_SPEC_ERROR
    elif isinstance(err, (EvalError, TLAError)):
        code = EXIT_EVAL_ERROR
    elif isinstance(err, OSError):          # a spec or module file that cannot be read
        return _make("error", EXIT_SPEC_ERROR, None, None, f"cannot read {err.filename}: {err.strerror}",
                     stats=False)
    else:
        raise err
    code = getattr(err, "exit_code", code)  # an error that carries TLC's own code (InvariantLevelError)
    return _make("error", code, None, None, err.render(), stats=False)


LOAD_ERRORS = (CfgSyntaxError, ConfigError, ParseError, EvalError, TLAError, OSError)
"""The exceptions ``load_failure`` turns into an outcome."""


# ----------------------------------------------------------------------------- TLC's wording

def headline(r: Outcome) -> str:
    """The first line TLC prints for this outcome."""
    v = r.violation
    if r.result == "success" and r.max_depth is not None:
        return (f"Model checking stopped at depth {r.max_depth} (--max-depth): no error has been found "
                "in the states up to that depth.")
    if r.result == "success":
        return "Model checking completed. No error has been found."
    if r.result == "interrupted":
        return "Interrupted: the statistics so far."
    if v is not None and v.kind == "invariant":
        return f"Error: Invariant {v.name} is violated" + (" by the initial state:" if v.initial else ".")
    if v is not None and v.kind == "property":
        if v.initial:
            return f"Error: Property {v.name} is violated by the initial state:"
        return f"Error: Action property {v.name} is violated."
    if v is not None and v.kind == "temporal":
        return f"Error: {_temporal_text(v.names)}"
    if v is not None and v.kind == "deadlock":
        return "Error: Deadlock reached."
    return f"Error: {r.error}"
