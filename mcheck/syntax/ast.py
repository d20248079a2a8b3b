"""The TLA+ abstract syntax tree: plain dataclasses, each node with a source span.

The tree is the contract between the parser (which builds it) and the compiler
(which turns it into Python callables), so it stays plain data: no methods
beyond what dataclasses give, tuples instead of lists, operator names as
canonical ASCII strings.  Spans do not take part in equality, so a tree parsed
from printed text compares equal to the tree it was printed from.

Operator names are canonical ASCII: Unicode forms and synonyms are folded by
the parser (``∈``, ``\\in`` -> ``\\in``; ``\\land`` -> ``/\\``; ``#`` and
``/=`` -> ``#``; ``=<``, ``\\leq``, ``≤`` -> ``<=``; ``\\geq`` -> ``>=``;
``\\equiv`` -> ``<=>``; ``\\lnot``, ``\\neg``, ``¬`` -> ``~``; ``\\circ`` ->
``\\o``; ``\\union`` -> ``\\cup``; ``\\intersect`` -> ``\\cap``;
``\\times`` -> ``\\X``).  Prefix minus is ``-.`` as in TLA+'s own notation for
defining it.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node stands in its file; lines and columns count from 1."""

    file: str
    line: int
    col: int
    end_line: int
    end_col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(slots=True)
class Node:
    span: Span | None = field(default=None, kw_only=True, compare=False, repr=False)


# --------------------------------------------------------------------------- expressions


@dataclass(slots=True)
class Expr(Node):
    pass


@dataclass(slots=True)
class Num(Expr):
    """An integer literal in any TLA+ form (decimal, \\b, \\o, \\h)."""

    value: int


@dataclass(slots=True)
class Decimal(Expr):
    """A decimal literal such as 1.5 (kept as text: TLC does not evaluate reals)."""

    text: str


@dataclass(slots=True)
class Str(Expr):
    """A string literal, escapes already decoded."""

    value: str


@dataclass(slots=True)
class Bool(Expr):
    value: bool


@dataclass(slots=True)
class Name(Expr):
    """A bare identifier: variable, constant, bound variable, or a 0-ary operator.

    ``name`` may be a path through instances such as ``"M!Op"`` when written
    ``M!Op`` with no arguments.
    """

    name: str


@dataclass(slots=True)
class OpApp(Expr):
    """An application of an operator to arguments.

    ``op`` is an identifier (``"Len"``, ``"M!Op"`` for an instance reference,
    with the instance's own arguments in ``inst_args`` for ``I(x)!Op``) or a
    canonical ASCII operator symbol for infix, prefix and postfix operators:
    ``"+"``, ``"\\in"``, ``"=>"``, ``"/\\"`` (infix, binary), ``"~"``,
    ``"-."``, ``"'"`` (prime), ``"UNCHANGED"``, ``"ENABLED"``, ``"DOMAIN"``,
    ``"SUBSET"``, ``"UNION"``, ``"[]"``, ``"<>"``, ``"~>"``, ``"-+->"``,
    ``"\\cdot"``, ``"^+"``, ``"^*"``, ``"^#"``.
    """

    op: str
    args: tuple[Expr, ...]
    inst_args: tuple[tuple[Expr, ...], ...] = ()


@dataclass(slots=True)
class Junction(Expr):
    """A bulleted list: ``/\\ a /\\ b`` (kind ``"/\\"``) or ``\\/ a \\/ b`` (kind ``"\\/"``)."""

    kind: str
    items: tuple[Expr, ...]


@dataclass(slots=True)
class FcnApp(Expr):
    """``f[a]`` or ``f[a, b]`` (the latter applies f to the tuple <<a, b>>)."""

    fn: Expr
    args: tuple[Expr, ...]


@dataclass(slots=True)
class Dot(Expr):
    """``r.field``: record field access."""

    expr: Expr
    field: str


@dataclass(slots=True)
class If(Expr):
    cond: Expr
    then: Expr
    else_: Expr


@dataclass(slots=True)
class CaseArm(Node):
    guard: Expr
    expr: Expr


@dataclass(slots=True)
class Case(Expr):
    arms: tuple[CaseArm, ...]
    other: Expr | None = None


@dataclass(slots=True)
class Let(Expr):
    """``LET defs IN body``; defs are OpDef, FcnDef or Recursive units."""

    defs: tuple["Unit", ...]
    body: Expr


@dataclass(slots=True)
class Bound(Node):
    """One binder group of a quantifier, set constructor or function constructor.

    ``\\A x, y \\in S`` gives ``Bound(("x", "y"), False, S)``: x and y each range over S.
    ``\\E <<x, y>> \\in S`` gives ``Bound(("x", "y"), True, S)``: the pair ranges over S.
    An unbounded binder (``\\A x : P``) has ``set=None``.
    """

    names: tuple[str, ...]
    tuple_: bool
    set: Expr | None


@dataclass(slots=True)
class Quant(Expr):
    """``\\A``, ``\\E`` (bounded or not) and the temporal ``\\AA``, ``\\EE``."""

    kind: str
    bounds: tuple[Bound, ...]
    body: Expr


@dataclass(slots=True)
class Choose(Expr):
    """``CHOOSE x \\in S : P``; with a tuple binder the bound has tuple_=True."""

    bound: Bound
    body: Expr


@dataclass(slots=True)
class SetEnum(Expr):
    elems: tuple[Expr, ...]


@dataclass(slots=True)
class SetFilter(Expr):
    """``{x \\in S : P}`` (also ``{<<x, y>> \\in S : P}``)."""

    bound: Bound
    pred: Expr


@dataclass(slots=True)
class SetMap(Expr):
    """``{e : x \\in S, y \\in T}``."""

    expr: Expr
    bounds: tuple[Bound, ...]


@dataclass(slots=True)
class FcnConstr(Expr):
    """``[x \\in S, y \\in T |-> e]``."""

    bounds: tuple[Bound, ...]
    body: Expr


@dataclass(slots=True)
class FcnSet(Expr):
    """``[S -> T]``."""

    dom: Expr
    rng: Expr


@dataclass(slots=True)
class RecordConstr(Expr):
    """``[a |-> 1, b |-> 2]``: fields in source order."""

    fields: tuple[tuple[str, Expr], ...]


@dataclass(slots=True)
class RecordSet(Expr):
    """``[a : S, b : T]``."""

    fields: tuple[tuple[str, Expr], ...]


@dataclass(slots=True)
class ExceptUpdate(Node):
    """One ``!path = value`` of an EXCEPT.

    Each path step is a tuple of index expressions: ``![i]`` gives ``(i,)``,
    ``![i, j]`` gives ``(i, j)``, and ``!.a`` gives ``(Str("a"),)`` with
    ``field=True`` recorded in ``fields`` at the same position so the printer
    can write it back as ``.a``.
    """

    path: tuple[tuple[Expr, ...], ...]
    value: Expr
    fields: tuple[bool, ...] = ()


@dataclass(slots=True)
class Except(Expr):
    fn: Expr
    updates: tuple[ExceptUpdate, ...]


@dataclass(slots=True)
class At(Expr):
    """``@`` inside an EXCEPT value: the old value at that path."""


@dataclass(slots=True)
class Tuple(Expr):
    elems: tuple[Expr, ...]


@dataclass(slots=True)
class CartProd(Expr):
    """``A \\X B \\X C``: one node for the whole chain, as TLA+ defines it."""

    sets: tuple[Expr, ...]


@dataclass(slots=True)
class ActionSub(Expr):
    """``[A]_v`` (kind ``"[]"``) and ``<<A>>_v`` (kind ``"<<>>"``)."""

    kind: str
    action: Expr
    sub: Expr


@dataclass(slots=True)
class BoxAction(Expr):
    """``[][A]_v``: always, for an action with a subscript."""

    action: Expr
    sub: Expr


@dataclass(slots=True)
class Fairness(Expr):
    """``WF_v(A)`` and ``SF_v(A)``."""

    kind: str
    sub: Expr
    action: Expr


@dataclass(slots=True)
class Lambda(Expr):
    params: tuple[str, ...]
    body: Expr


@dataclass(slots=True)
class Label(Expr):
    """``lbl :: e`` (and ``lbl(p) :: e``): a name for a subexpression, no meaning of its own."""

    name: str
    params: tuple[str, ...]
    body: Expr


# --------------------------------------------------------------------------- module units


@dataclass(slots=True)
class Unit(Node):
    pass


@dataclass(slots=True)
class OpDecl(Node):
    """A declared constant: ``N`` has arity 0, ``F(_, _)`` arity 2, ``_ + _`` name "+" arity 2."""

    name: str
    arity: int = 0


@dataclass(slots=True)
class Constants(Unit):
    decls: tuple[OpDecl, ...]


@dataclass(slots=True)
class Variables(Unit):
    names: tuple[str, ...]


@dataclass(slots=True)
class Param(Node):
    """An operator parameter; arity > 0 for a higher-order one such as ``F(_, _)``."""

    name: str
    arity: int = 0


@dataclass(slots=True)
class OpDef(Unit):
    """``Op(p1, p2) == body``; infix, prefix and postfix definitions use the symbol as name."""

    name: str
    params: tuple[Param, ...]
    body: Expr
    local: bool = False


@dataclass(slots=True)
class FcnDef(Unit):
    """``f[x \\in S] == body``: a (possibly recursive) function definition."""

    name: str
    bounds: tuple[Bound, ...]
    body: Expr
    local: bool = False


@dataclass(slots=True)
class Recursive(Unit):
    decls: tuple[OpDecl, ...]


@dataclass(slots=True)
class Instance(Unit):
    """``INSTANCE M WITH a <- e``, ``I == INSTANCE M ...`` (name), ``I(x) == INSTANCE M ...`` (params)."""

    module: str
    substs: tuple[tuple[str, Expr], ...]
    name: str | None = None
    params: tuple[Param, ...] = ()
    local: bool = False


@dataclass(slots=True)
class Assume(Unit):
    expr: Expr
    name: str | None = None


@dataclass(slots=True)
class Theorem(Unit):
    """THEOREM, LEMMA, PROPOSITION, COROLLARY; the statement when it is an expression, proofs dropped."""

    keyword: str
    expr: Expr | None
    name: str | None = None


@dataclass(slots=True)
class Module(Unit):
    """A module; nested modules appear among the units of their parent."""

    name: str
    extends: tuple[str, ...]
    units: tuple[Unit, ...]
    file: str = field(default="", compare=False)
