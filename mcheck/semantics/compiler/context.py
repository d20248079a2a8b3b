"""What the compiler passes around: an expression's context (``Ctx``), its local bindings, generated lines."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ...syntax import ast as A
from ...syntax.errors import ParseError
from .. import env as E


class CompileError(ParseError):
    """Something in the spec that mcheck cannot compile (reported like a semantic error)."""


# ----------------------------------------------------------------------------- local bindings


@dataclass(frozen=True)
class LVal:
    """A bound variable or parameter held in a Python local.

    ``const``: ``py`` is a global of the generated code holding ``value``, known at compile time (the
    element a disjunct of Next was split on, ``\\E r \\in RM``): expressions over it are constants."""
    py: str
    const: bool = False
    value: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class LExpr:
    """A parameter replaced by its argument expression at each use (call by name)."""
    expr: A.Expr
    ctx: "Ctx"


@dataclass(frozen=True)
class LOp:
    """A callable: higher-order parameter, LET operator, LAMBDA."""
    py: str
    arity: int


@dataclass(frozen=True)
class LThunk:
    """A 0-ary LET definition evaluated lazily, at most once."""
    py: str


@dataclass(frozen=True)
class LCell:
    """A 0-ary LET definition evaluated lazily, at most once, without a closure: ``py`` is a list, empty
    until the first use evaluates ``code`` (written out at each use) into it.  A ``Thunk`` costs a
    lambda and an object where the LET is entered and a Python call at each use; on MCLamportMutex,
    whose actions' ``LET m == Head(...)`` is entered for each state, that was most of the LET's cost."""
    py: str
    code: str

    def use(self) -> str:
        return f"({self.py}[0] if {self.py} else ({self.py}.append({self.code}) or {self.py}[0]))"


@dataclass(frozen=True)
class LDef:
    """A LET operator inlined where it is used (action-level LET definitions)."""
    unit: A.OpDef
    ctx: "Ctx"


@dataclass(frozen=True)
class LFcn:
    """A recursive LET function definition: a LazyFcn in a local."""
    py: str


class LocalEntry(E.Entry):
    """An instance parameter of ``I(x)!Op``: stands for the argument at that use."""

    def __init__(self, name: str, loc: "LExpr"):
        super().__init__(name)
        self.loc = loc


@dataclass(frozen=True)
class Ctx:
    """Where an expression is compiled: its scope, its locals and, in an action, what is bound so far."""

    env: E.Env
    locals: dict = field(default_factory=dict)
    mode: str = "expr"            # "expr", "action" (successors), "init" (initial states)
    state: str = "s"              # Python expression of the current state tuple
    nxt: str | None = None        # Python expression of the next state tuple (transition predicates)
    assigned: tuple = ()          # action/init mode: indices of bound (primed) variables
    primed: bool = False          # inside a prime: variables mean their next values
    exit: str = "return"          # how an action path gives up: "return" or "continue"

    def bind(self, **kw) -> "Ctx":
        d = dict(self.locals)
        d.update(kw)
        return replace(self, locals=d)

    def with_locals(self, mapping: dict) -> "Ctx":
        d = dict(self.locals)
        d.update(mapping)
        return replace(self, locals=d)


class Out:
    """Lines of generated Python with indentation."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def text(self) -> str:
        """The lines as the source of a generated function."""
        return "\n".join(self.lines) + "\n"
