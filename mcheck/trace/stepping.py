"""Interactive stepping: ``mcheck explore SPEC.tla`` builds a behaviour by hand, one action at a time.

A ``Behaviour`` is the behaviour built so far (``(TLC's action label, state)`` steps) plus, at any of
its states, the *choices*: the successors the spec allows there, each named by its action and the
constants TLC split the action on (``Write(B)`` for ``\\E w \\in Writers : Write(w)``, from the
model's ``Action.args``), as TLC's trace explorer would write the call.  Picking a choice at an
earlier state drops the steps after it (back-tracking), so the behaviour is always one path of the
state graph, and it can be saved as ITF for ``mcheck replay``.

``Stepper`` is the textual app around it: the explorer's state panel (tree of the state, why it
violates an invariant, the expression box) with, on the left, the steps so far and the enabled
actions of the selected state.  The behaviour logic is kept apart from the app so that it can be
tested, and reused, without a terminal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, OptionList, Static

from ..checker.filter import StepFilter
from ..checker.outcome import INITIAL
from .explore import Explorer
from .itf import write_itf
from .sequence import call_name


@dataclass(frozen=True)
class Choice:
    """One successor the user may pick: ``name`` as shown (``Write(B)``), ``label`` TLC's label of the
    step (what a trace records), ``state`` the successor, ``changes`` the variables it changes."""

    name: str
    label: str
    state: tuple
    changes: tuple[str, ...] = ()

    def text(self) -> str:
        return self.name + (f"   ({', '.join(self.changes)})" if self.changes else "   (no change)")


def _changed(variables: list[str], s: tuple, t: tuple) -> tuple[str, ...]:
    return tuple(v for v, a, b in zip(variables, s, t) if not (type(a) is type(b) and a == b))


@dataclass
class Behaviour:
    """The behaviour built so far, over a ``Model``; ``meta`` is what a saved trace records of the run
    (``itf.run_meta``: the spec, the .cfg, the constants) so that ``mcheck replay`` needs no options."""

    model: Any
    steps: list[tuple[str, tuple]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.filter = StepFilter(self.model)
        self.variables = list(self.model.variables)
        self.errors: list[str] = []

    def choices(self, at: int | None = None) -> list[Choice]:
        """The choices at step ``at`` (0-based; default the last; -1 or an empty behaviour: the
        initial states).  States outside the model (CONSTRAINT, ACTION_CONSTRAINT) are left out, as
        the search leaves them out; an action that fails to evaluate is listed in ``errors``."""
        self.errors = []
        at = len(self.steps) - 1 if at is None else at
        if at < 0:
            inits = [t for t in self.model.init() if self.filter.accepts(None, t)]
            return [Choice(f"Initial state {k}", INITIAL, t) for k, t in enumerate(inits, 1)]
        s = self.steps[at][1]
        out: list[Choice] = []
        for a in self.model.actions:
            name = call_name(a)
            try:
                succs = [t for t in a.successors(s) if self.filter.accepts(s, t)]
            except Exception as err:   # shown beside the choices, never raised
                self.errors.append(f"{name}: {getattr(err, 'message', None) or err}")
                continue
            for k, t in enumerate(succs, 1):
                shown = name if len(succs) == 1 else f"{name} #{k}"
                out.append(Choice(shown, a.label, t, _changed(self.variables, s, t)))
        return out

    def pick(self, choice: Choice, at: int | None = None) -> None:
        """Take ``choice`` after step ``at`` (default the last), dropping the steps after ``at``."""
        at = len(self.steps) - 1 if at is None else at
        del self.steps[at + 1:]
        del self.names[at + 1:]
        self.steps.append((choice.label, choice.state))
        self.names.append(choice.name)

    def back(self) -> None:
        """Drop the last step."""
        if self.steps:
            self.steps.pop()
            self.names.pop()

    def violated(self, at: int | None = None) -> list[str]:
        """The invariants the state at ``at`` (default the last) violates."""
        if not self.steps:
            return []
        return self.filter.violated_invariants(self.steps[len(self.steps) - 1 if at is None else at][1])

    def save(self, path: str) -> str:
        """Write the behaviour as ITF (with each step's action and the run's spec, .cfg and constants);
        return the message to show."""
        if not self.steps:
            return "Nothing to save: the behaviour has no state yet."
        meta = dict(self.meta, behaviour="explore")
        bad = self.violated()
        if bad:
            meta.update(violation="invariant", invariant=bad[0])
        try:
            write_itf(path, self.variables, [st for _, st in self.steps], actions=[a for a, _ in self.steps],
                      meta=meta)
        except OSError as err:
            return f"Could not write the behaviour to {path}: {err.strerror or err}"
        return f"Wrote the behaviour ({len(self.steps)} states) to {path} (ITF)."


class Stepper(Explorer):
    """The explorer over a behaviour being built: pick an enabled action (Enter) to take that step."""

    CSS = Explorer.CSS + """
    #left { width: 44; }
    #steps { width: 44; height: 1fr; border: round $primary; }
    #choices-title { height: auto; padding: 0 1; text-style: bold; }
    #choices { height: 1fr; border: round $accent; }
    """
    BINDINGS = Explorer.BINDINGS + [
        Binding("a", "focus_choices", "actions"),
        Binding("b", "back", "back"),
        Binding("backspace", "back", "back", show=False),
        Binding("s", "save", "save ITF"),
    ]

    def __init__(self, behaviour: Behaviour, save_path: str, title: str | None = None):
        super().__init__(behaviour.model, behaviour.variables, behaviour.steps, title=title)
        self.behaviour = behaviour
        self.steps = behaviour.steps     # one list: the app shows what the behaviour holds
        self.save_path = save_path
        self.shown_choices: list[Choice] = []
        self.message = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield OptionList(id="steps", markup=False)
                yield Static("enabled actions", id="choices-title")
                yield OptionList(id="choices", markup=False)
            with Vertical(id="right"):
                yield from self.state_panel()
        yield Footer()

    def start(self) -> None:
        self.refresh_steps()
        self.show(len(self.steps) - 1)
        self.query_one("#choices", OptionList).focus()

    # ------------------------------------------------------------------ what is shown

    def refresh_steps(self) -> None:
        lv = self.query_one("#steps", OptionList)
        lv.clear_options()
        lv.add_options([f"{i:>3}  {name}" for i, name in enumerate(self.behaviour.names, 1)])

    def select_in_list(self, i: int) -> None:
        lv = self.query_one("#steps", OptionList)
        if lv.highlighted != i:
            lv.highlighted = i

    def show(self, i: int) -> None:
        if self.steps:
            super().show(i)
        else:
            self.index = -1
            self.query_one("#header", Static).update(Text("Pick an initial state."))
        self.refresh_choices()

    def refresh_choices(self) -> None:
        """The choices of the state shown, and what stops the behaviour there (errors, deadlock)."""
        self.shown_choices = self.behaviour.choices(self.index if self.steps else -1)
        ol = self.query_one("#choices", OptionList)
        ol.clear_options()
        ol.add_options([c.text() for c in self.shown_choices])
        if self.shown_choices:
            ol.highlighted = 0
        lines = list(self.behaviour.errors)
        if not self.shown_choices and self.steps:
            lines.append("deadlock: no action is enabled" if self.model.check_deadlock
                         else "no action is enabled (the behaviour ends here)")
        if self.message:
            lines.append(self.message)
        title = f"enabled actions at state {self.index + 1}" if self.steps else "initial states"
        self.query_one("#choices-title", Static).update(Text("\n".join([title] + lines)))

    # ------------------------------------------------------------------ keys and events

    def choose(self, name: str) -> None:
        """Take the enabled action called ``name`` (``Write(B)``) at the state shown."""
        picked = [c for c in self.shown_choices if c.name == name]
        if not picked:
            raise KeyError(f"{name} is not enabled here: {[c.name for c in self.shown_choices]}")
        self._take(picked[0])

    def _take(self, choice: Choice) -> None:
        self.behaviour.pick(choice, self.index if self.steps else -1)
        self.message = ""
        self.refresh_steps()
        self.show(len(self.steps) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "choices" and 0 <= event.option_index < len(self.shown_choices):
            self._take(self.shown_choices[event.option_index])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "steps" and event.option_index != self.index:
            self.show(event.option_index)

    def action_focus_choices(self) -> None:
        self.query_one("#choices", OptionList).focus()

    def action_focus_steps(self) -> None:
        self.query_one("#steps", OptionList).focus()

    def action_back(self) -> None:
        self.behaviour.back()
        self.message = ""
        self.refresh_steps()
        self.show(len(self.steps) - 1)

    def action_save(self) -> None:
        self.message = self.behaviour.save(self.save_path)
        self.refresh_choices()
