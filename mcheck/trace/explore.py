"""The interactive trace explorer (a textual app): ``mcheck explore`` and ``mcheck check --explore``.

Left, the steps of the trace (``State n: action``); right, the selected state as a tree, the
variables the step changed marked ``*`` and highlighted with their old value, nested values
(functions, records, sequences, sets) collapsible; under it, why the state violates an invariant
(when it does) and an input box that evaluates any TLA+ expression of the spec in the selected
state.  Keys: n / p (or ctrl+n / ctrl+p, or right / left outside the input) for the next and
previous step, e or / to type an expression, escape back to the steps, q to quit.
"""
from __future__ import annotations

from typing import Any, Sequence

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, ListItem, ListView, Static, Tree

from ..checker.diagnose import located_message
from ..checker.filter import StepFilter
from ..semantics.values import Fcn, tlc_sorted
from ..syntax.errors import EvalError, TLAError
from .text import change_mark
from .text import safe_repr as _repr
from .why import explain_invariant

MAX_CHILDREN = 500


def _short(s: str, n: int = 120) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


def _children(v: Any) -> list[tuple[str, Any]] | None:
    """The parts of a nested value, labelled, or None for a scalar."""
    t = type(v)
    if t is tuple and v:
        return [(f"[{i}] =", x) for i, x in enumerate(v, 1)]
    if t is Fcn and v:
        keys = tlc_sorted(v)
        if all(type(k) is str for k in keys):
            return [(f".{k} =", v[k]) for k in keys]
        return [(f"{_repr(k)} :>", v[k]) for k in keys]
    if t is frozenset and v:
        return [("", x) for x in tlc_sorted(v)]
    return None


def _same(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and a == b
    except Exception:
        return a is b


def evaluate_text(model: Any, text: str, state: tuple) -> tuple[bool, str]:
    """(ok, the value as TLA+ text or the error message): never raises.

    The message is the one ``check`` prints for the same error: a spec's own error (it does not
    parse, a name is unknown, TLC's evaluation errors) is its message; a failure of the fast
    compiled code (Python's ``TypeError``...) is evaluated again on the checked model, as
    ``checker/diagnose.py`` does for a check, which gives TLC's message and the failing part.
    """
    text = text.strip()
    if not text:
        return False, "type a TLA+ expression"
    try:
        v = model.source.evaluate(text, state)
    except EvalError as err:  # TLC's words; evaluated again on the checked model for the failing part
        if err.span is not None:
            return False, err.message
        return False, located_message(model, err, lambda checked: checked.source.evaluate(text, state))
    except TLAError as err:  # parse, resolution and compile errors: already TLC's words
        return False, err.message
    except Exception as err:
        return False, located_message(model, err, lambda checked: checked.source.evaluate(text, state))
    return True, _repr(v)


class Explorer(App):
    """Browse a trace: ``Explorer(model, variables, steps)`` with steps ``(action label, state)``."""

    TITLE = "mcheck explore"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #steps { width: 38; border: round $primary; }
    #right { width: 1fr; }
    #header { height: auto; padding: 0 1; text-style: bold; }
    #state { height: 1fr; border: round $primary; }
    #why { height: auto; max-height: 8; padding: 0 1; color: $error; }
    #expr { dock: none; }
    #result { height: auto; max-height: 10; padding: 0 1; }
    """
    BINDINGS = [
        Binding("n", "next", "next step"),
        Binding("p", "prev", "previous step"),
        Binding("ctrl+n", "next", "next", show=False, priority=True),
        Binding("ctrl+p", "prev", "previous", show=False, priority=True),
        Binding("right", "next", "next", show=False),
        Binding("left", "prev", "previous", show=False),
        Binding("e", "focus_expr", "evaluate"),
        Binding("slash", "focus_expr", "evaluate", show=False),
        Binding("escape", "focus_steps", "steps", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, model: Any, variables: Sequence[str], steps: Sequence[tuple[str, tuple]],
                 title: str | None = None):
        super().__init__()
        self.model = model
        self.filter = StepFilter(model)
        self.variables = list(variables)
        self.steps = list(steps)
        self.index = 0
        self.last_result: str = ""
        if title:
            self.sub_title = title

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        items = []
        for i, (action, _st) in enumerate(self.steps, 1):
            name = action.strip("<>").split(" line ")[0]
            items.append(ListItem(Label(f"{i:>3}  {name}")))
        with Horizontal():
            yield ListView(*items, id="steps")
            with Vertical(id="right"):
                yield from self.state_panel()
        yield Footer()

    def state_panel(self) -> ComposeResult:
        """The right-hand side: the header, the state as a tree, why it is bad, the expression box."""
        yield Static("", id="header")
        tree: Tree = Tree("state", id="state")
        tree.show_root = False
        yield tree
        yield Static("", id="why")
        yield Input(placeholder="a TLA+ expression, evaluated in this state (Enter)", id="expr")
        yield Static("", id="result")

    def on_mount(self) -> None:
        self.start()

    def start(self) -> None:
        """What the app shows first: the last step (a violation is at the end of a counterexample).
        (textual calls every class's ``on_mount``: a subclass overrides this instead.)"""
        self.show(len(self.steps) - 1 if self.steps else 0)
        self.query_one("#steps", ListView).focus()

    # ------------------------------------------------------------------ showing a step

    def show(self, i: int) -> None:
        if not self.steps:
            self.query_one("#header", Static).update("(empty trace)")
            return
        i = max(0, min(len(self.steps) - 1, i))
        self.index = i
        self.select_in_list(i)
        action, state = self.steps[i]
        prev = self.steps[i - 1][1] if i > 0 else None
        self.query_one("#header", Static).update(Text(f"State {i + 1} of {len(self.steps)}: {action}"))
        tree = self.query_one("#state", Tree)
        tree.clear()
        for k, var in enumerate(self.variables):
            val = state[k] if k < len(state) else None
            changed = prev is not None and not _same(prev[k], val)
            label = Text()
            label.append("* " if changed else "  ", style="bold yellow")
            label.append(var, style="bold yellow" if changed else "bold")
            label.append(" = " + _short(_repr(val)))
            if changed:
                try:
                    label.append("   " + change_mark(var, prev[k], val), style="yellow")
                except Exception:
                    pass
            self._add(tree.root, label, val)
        tree.root.expand()
        self.query_one("#why", Static).update(self.why(state))

    def select_in_list(self, i: int) -> None:
        """Keep the list of steps on the step shown."""
        lv = self.query_one("#steps", ListView)
        if lv.index != i:
            lv.index = i

    def _add(self, parent: Any, label: Text, val: Any, depth: int = 0) -> None:
        kids = _children(val)
        if kids is None or depth > 20:
            parent.add_leaf(label, data=val)
            return
        node = parent.add(label, data=val, expand=False)
        for j, (lab, x) in enumerate(kids):
            if j >= MAX_CHILDREN:
                node.add_leaf(Text(f"... {len(kids) - MAX_CHILDREN} more"))
                break
            t = Text((lab + " " if lab else "") + _short(_repr(x)))
            self._add(node, t, x, depth + 1)

    def why(self, state: tuple) -> Text:
        """Why ``state`` violates an invariant: the names, then the explanation of the first."""
        return self._why(state)

    def _why(self, state: tuple) -> Text:
        bad = self.filter.violated_invariants(state)
        if not bad:
            return Text("")
        ex = None
        try:
            ex = explain_invariant(self.model, bad[0], state)
        except Exception:
            ex = None
        lines = [f"violates {', '.join(bad)}"]
        if ex is not None:
            lines += ex.lines()
        return Text("\n".join(lines))

    # ------------------------------------------------------------------ actions and events

    def action_next(self) -> None:
        self.show(self.index + 1)

    def action_prev(self) -> None:
        self.show(self.index - 1)

    def action_focus_expr(self) -> None:
        self.query_one("#expr", Input).focus()

    def action_focus_steps(self) -> None:
        self.query_one("#steps", ListView).focus()

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        lv = event.list_view
        if lv.index is not None and lv.index != self.index:
            self.show(lv.index)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.steps:
            return
        ok, text = evaluate_text(self.model, event.value, self.steps[self.index][1])
        self.last_result = text if ok else f"error: {text}"
        shown = Text()
        shown.append(event.value.strip() + " = " if ok else "error: ", style="bold" if ok else "bold red")
        shown.append(text)
        self.query_one("#result", Static).update(shown)


def steps_of_trace(trace: Sequence[Any]) -> list[tuple[str, tuple]]:
    """``(action, state)`` pairs from ``outcome.TraceStep``s."""
    return [(s.action, s.state) for s in trace]
