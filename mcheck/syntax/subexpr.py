"""Subexpression selectors: the part of a definition that ``Op(a)!lab(x)!:!++(1, 2)!(3)!2!<<`` names.

TLA+ names a subexpression of a definition by a path of selectors after its name.  After a
definition's or a label's name, a name is one of its labels (``Op!lab``, with the label's parameters,
the bound identifiers it is inside of, as arguments: ``Op!lab(1, 2)``); ``!:`` ends the labels, so that a
name after it is a LET definition (``Op!lab!:!++(9, 4)``).  Elsewhere a name is a definition of the
LET the path is at.  A number is the n-th operand (of an operator, a bulleted list, a tuple, a set,
the arms of a CASE, the bound sets of a quantifier, ...), ``<<`` the first and ``>>`` the second of two.
``(e1, ..., en)`` is the body of a binder (a quantifier, CHOOSE, a set or function constructor, a
LAMBDA) with its bound identifiers given the values e1..en; ``@`` is that body with them left as
parameters, for an operator argument (``OOp2(SOp!@, 2, 3)``).

The answer is an operator: a LAMBDA over the parameters met on the way (the definition's, the
labels', the binders') whose body is the part, inside the LETs walked into, so that it sees their
definitions.  It is applied to the arguments written in the path, or, as an operator argument, to
the caller's.  The rules follow SANY's (Generator.selectorToNode, the TLA+2 language's), as TLC's
regression tests test206, test216 and test219 use them; a selector with no meaning for the
expression is an error, as in SANY, never a guess.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import ast as A
from .errors import ParseError

#: the path segment of a ``!(e1, ..., en)`` selector (its arguments are the segment's)
BINDER_ARGS = "()"
_STRUCTURAL = frozenset(["<<", ">>", ":", "@", BINDER_ARGS])


def is_selector(part: str) -> bool:
    """Whether a path segment selects by position or binder (``2``, ``<<``, ``>>``, ``:``, ``@``,
    ``(..)``) rather than naming something (an instance, a definition, a label)."""
    return part in _STRUCTURAL or part.isdigit()


def _operands(e: A.Expr) -> list[A.Expr] | None:
    """The expression's numbered parts, in order (SANY's arguments of its operator node), or None
    when numbers select nothing in it."""
    if isinstance(e, A.Junction):
        return list(e.items)
    if isinstance(e, A.OpApp):
        return list(e.args) if e.args else None
    if isinstance(e, (A.Tuple, A.SetEnum)):
        return list(e.elems) or None
    if isinstance(e, A.If):
        return [e.cond, e.then, e.else_]
    if isinstance(e, A.FcnApp):  # $FcnApply(f, arg): f[a, b] applies f to <<a, b>>
        return [e.fn, e.args[0] if len(e.args) == 1 else A.Tuple(tuple(e.args), span=e.span)]
    if isinstance(e, A.Dot):
        return [e.expr, A.Str(e.field, span=e.span)]
    if isinstance(e, (A.RecordConstr, A.RecordSet)):
        return [v for _, v in e.fields]
    if isinstance(e, A.CartProd):
        return list(e.sets)
    if isinstance(e, A.FcnSet):
        return [e.dom, e.rng]
    if isinstance(e, (A.ActionSub, A.BoxAction)):
        return [e.action, e.sub]
    if isinstance(e, A.Fairness):
        return [e.sub, e.action]
    if isinstance(e, A.Except):
        return [e.fn]
    if isinstance(e, A.Case):
        arms = [A.OpApp("->", (a.guard, a.expr), span=a.span) for a in e.arms]
        other = [A.OpApp("->", (A.Name("OTHER", span=e.other.span), e.other), span=e.other.span)] if e.other else []
        return arms + other
    if isinstance(e, (A.Quant, A.FcnConstr, A.SetMap)):
        sets = [b.set for b in e.bounds if b.set is not None]
        return sets or None
    if isinstance(e, (A.Choose, A.SetFilter)):
        return [e.bound.set] if e.bound.set is not None else None
    return None


def _binder(e: A.Expr) -> tuple[tuple[str, ...], A.Expr] | None:
    """A binder's bound identifiers, in order, and its body; None for an expression that binds nothing."""
    if isinstance(e, A.Lambda):
        return tuple(e.params), e.body
    if isinstance(e, (A.Quant, A.FcnConstr, A.SetMap)):
        names = tuple(n for b in e.bounds for n in b.names)
        return names, (e.expr if isinstance(e, A.SetMap) else e.body)
    if isinstance(e, A.Choose):
        return tuple(e.bound.names), e.body
    if isinstance(e, A.SetFilter):
        return tuple(e.bound.names), e.pred
    return None


def _argnum(selector: str, arity: int) -> int:
    """SANY's ArgNum: the operand (from 1) a number, ``<<`` or ``>>`` names among ``arity``, or -1.
    ``>>`` is the second of exactly two (of a unary operator it names nothing, as in SANY since 2010)."""
    if selector.isdigit():
        n = int(selector)
        return n if 1 <= n <= arity else -1
    if selector == "<<":
        return 1 if arity > 0 else -1
    if selector == ">>":
        return 2 if arity == 2 else -1
    return -1


def _unwrap(e: A.Expr) -> A.Expr:
    """A label names its body; selectors look through it."""
    while isinstance(e, A.Label):
        e = e.body
    return e


def select(e: A.Expr, selector: str, where: str, nargs: int = 0) -> tuple[A.Expr, tuple[str, ...], A.Let | None]:
    """One positional or binder step from ``e``: the part ``selector`` names, the identifiers it binds
    (``(..)`` and ``@`` on a binder), and the LET it steps into the body of (its definitions stay
    visible).  ``nargs`` is the number of arguments of a ``(..)``; ``where`` words the error."""
    e = _unwrap(e)
    if isinstance(e, A.Let):
        if _argnum(selector, 1) != 1:
            raise ParseError(f"{where}: a LET/IN expression has only one operand", e.span)
        return e.body, (), e
    if selector in (BINDER_ARGS, "@"):
        bound = _binder(e)
        if bound is None:
            raise ParseError(f"{where}: the selector !{_shown(selector, nargs)} needs a quantifier, CHOOSE, "
                             "set or function constructor, or LAMBDA here", e.span)
        if selector == BINDER_ARGS and nargs != len(bound[0]):
            raise ParseError(f"{where}: selector with {nargs} argument(s) used for a binder of "
                             f"{len(bound[0])} bound identifier(s)", e.span)
        return bound[1], bound[0], None
    parts = _operands(e)
    if parts is None:
        raise ParseError(f"{where}: the selector !{selector} names no part of this expression", e.span)
    n = _argnum(selector, len(parts))
    if n < 0:
        raise ParseError(f"{where}: the selector !{selector} names no operand: the expression has "
                         f"{len(parts)} operands", e.span)
    return parts[n - 1], (), None


def _shown(selector: str, nargs: int) -> str:
    return "(" + ", ".join("_" * nargs) + ")" if selector == BINDER_ARGS else selector


def labels(body: A.Expr) -> dict[str, tuple[A.Label, tuple[A.Let, ...]]]:
    """The labels a definition's (or a label's) body owns, by name, each with the LETs whose body it
    is inside of: not those inside another label (``lab1!lab2`` names them), nor inside a LET's
    definitions (theirs) or a LAMBDA."""
    found: dict[str, tuple[A.Label, tuple[A.Let, ...]]] = {}
    stack: list[tuple[A.Node, tuple[A.Let, ...]]] = [(body, ())]
    while stack:
        node, lets = stack.pop()
        if isinstance(node, A.Label):
            found.setdefault(node.name, (node, lets))
            continue
        if isinstance(node, A.Let):
            stack.append((node.body, lets + (node,)))
            continue
        if isinstance(node, A.Lambda) or not isinstance(node, A.Node):
            continue
        stack.extend((c, lets) for c in reversed(list(_children(node))))
    return found


def _children(e: A.Node):
    for name in getattr(e, "__slots__", ()) or getattr(type(e), "__dataclass_fields__", {}):
        if name == "span":
            continue
        v = getattr(e, name, None)
        if isinstance(v, A.Node):
            yield v
        elif isinstance(v, tuple):
            for x in v:
                if isinstance(x, A.Node):
                    yield x
                elif isinstance(x, tuple):
                    yield from (y for y in x if isinstance(y, A.Node))


@dataclass
class Selected:
    """The operator a path names: ``LAMBDA params : expr``; ``counts`` is how many of the parameters
    each selector after the definition's name brings (the definition's own come first)."""

    params: list[A.Param]
    expr: A.Expr
    counts: list[int] = field(default_factory=list)


def walk(defn: A.OpDef, selectors: list[str], where: str, nargs: list[int]) -> Selected:
    """The operator that ``selectors`` (the path after the definition ``defn``'s name) name in it;
    ``nargs`` gives each selector's number of arguments (those of a ``(..)``, a label's or a LET
    definition's)."""
    params = list(defn.params)
    counts: list[int] = []
    lets: list[A.Let] = []
    cur: A.Expr = defn.body
    named = True  # after a definition's or a label's name: a name is one of its labels
    last = len(selectors) - 1
    for i, s in enumerate(selectors):
        if s == ":":
            if not named:
                raise ParseError(f"{where}: !: may follow only a definition's or a label's name", defn.span)
            named = False
            counts.append(0)
        elif not is_selector(s) and named:
            found = labels(cur).get(s)
            if found is None:
                raise ParseError(f"{where}: cannot find the label {s}", cur.span)
            label, inside = found
            lets.extend(inside)
            params.extend(A.Param(p, span=label.span) for p in label.params)
            counts.append(len(label.params))
            cur = label.body
        elif not is_selector(s):
            let = _unwrap(cur)
            if not isinstance(let, A.Let):
                raise ParseError(f"{where}: a name selector here (!{s}) must name a LET definition", cur.span)
            d = next((d for d in let.defs if isinstance(d, (A.OpDef, A.FcnDef)) and d.name == s), None)
            if d is None:
                raise ParseError(f"{where}: the LET here defines no {s}", let.span)
            lets.append(let)
            own = list(d.params) if isinstance(d, A.OpDef) else []
            params.extend(own)
            counts.append(len(own))
            if i == last:
                use = A.OpApp(d.name, tuple(A.Name(p.name, span=p.span) for p in own), span=d.span) if own else \
                    A.Name(d.name, span=d.span)
                return Selected(params, _inside(lets, use), counts)
            cur = d.body if isinstance(d, A.OpDef) else A.FcnConstr(d.bounds, d.body, span=d.span)
            named = True
            continue
        else:
            cur, bound, let = select(cur, s, where, nargs[i])
            if let is not None:
                lets.append(let)
            params.extend(A.Param(n, span=cur.span) for n in bound)
            counts.append(len(bound))
            named = False
            continue
    return Selected(params, _inside(lets, cur), counts)


def _inside(lets: list[A.Let], e: A.Expr) -> A.Expr:
    """``e`` inside the LETs walked into (outermost first), so that it sees their definitions."""
    for let in reversed(lets):
        e = A.Let(let.defs, e, span=e.span)
    return e
