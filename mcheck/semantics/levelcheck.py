"""SANY's level rules that TLC's regression models test, checked on the root module's definitions.

TLA+ has no raw TLA: ``[]``, ``<>``, ``~>`` and ``-+->`` apply to state functions and temporal
formulas, never to an action (``<>(x')``, ``x' ~> []x``), except in the forms ``[][A]_v`` and
``<><<A>>_v``; and a quantifier over a temporal formula may not range over an action-level set
(``\\A i \\in x' : []P``).  SANY rejects such a module before TLC runs (exit 150, TLC's test215);
mcheck did not look, and compiled what it could.  So are two rules of instantiation: a temporal
formula substituted for a constant that an ASSUME of the instantiated module mentions (test213), and
an action substituted for a variable that the definition used primes (test217).

The check errs on the side of accepting: an operator's parameters count as constants, and a name
bound inside the definition (a LET definition among them) counts as a constant, so that only an
argument that is an action whatever the parameters are is reported.
"""
from __future__ import annotations

from ..syntax import ast as A
from ..syntax.errors import ParseError
from . import env as E
from .levels import ACTION, CONSTANT, TEMPORAL, Levels, children

_UNARY = ("[]", "<>")
_BINARY = ("~>", "-+->")


def check_levels(levels: Levels, root: A.Module, env: E.Env, modules: dict[str, A.Module]) -> None:
    """Raise the first level error of the root module as a ParseError: an action where the temporal
    operators allow none, a temporal formula substituted for a constant that an ASSUME of the
    instantiated module mentions (test213), an action substituted for a variable the instantiated
    definition primes (``I(x')!Foo`` with ``Foo == y' = 0``, test217)."""
    instances = {u.name: u for u in root.units if isinstance(u, A.Instance) and u.name}
    defs = {u.name: u for u in root.units if isinstance(u, A.OpDef)}
    for u in root.units:
        if isinstance(u, A.Instance):
            _assumed_constants(levels, u, env, modules)
            _leibniz(u, defs, modules)
        for body, params in _bodies(u):
            bound = dict.fromkeys(params, CONSTANT)
            _walk(levels, body, env, bound)
            _instance_uses(levels, body, env, bound, instances, modules)


def _bodies(u: A.Unit):
    if isinstance(u, A.OpDef):
        yield u.body, [p.name for p in u.params]
    elif isinstance(u, A.Assume) or isinstance(u, A.Theorem) and u.expr is not None:
        yield u.expr, []


def _names(e: A.Node) -> set[str]:
    out, stack = set(), [e]
    while stack:
        node = stack.pop()
        if isinstance(node, A.Name):
            out.add(node.name)
        elif isinstance(node, A.OpApp):
            out.add(node.op)
        if isinstance(node, A.Expr):
            stack.extend(c for c in children(node) if c is not None)
    return out


def _assumed_constants(levels: Levels, u: A.Instance, env: E.Env, modules: dict[str, A.Module]) -> None:
    """``INSTANCE M WITH C <- [](x=0)`` where an ASSUME of M mentions the constant C: SANY's error."""
    mod = modules.get(u.module)
    if mod is None:
        return
    consts = {d.name for c in mod.units if isinstance(c, A.Constants) for d in c.decls}
    assumed: set[str] = set()
    for a in mod.units:
        if isinstance(a, A.Assume):
            assumed |= _names(a.expr)
    bound = dict.fromkeys((p.name for p in u.params), CONSTANT)
    for name, e in u.substs:
        if name in consts and name in assumed and levels.of(e, env, bound) == TEMPORAL:
            raise ParseError(f"Level error in instantiating module {u.module}: the constant {name} appears in "
                             "an ASSUME there, and is substituted by a temporal formula", e.span)


_NON_LEIBNIZ = ("'", "UNCHANGED", "ENABLED", "\\cdot")


def _leibniz(u: A.Instance, defs: dict[str, A.OpDef], modules: dict[str, A.Module]) -> None:
    """``INSTANCE M WITH Op <- NonLeibniz``, where M declares ``CONSTANT Op(_)`` and NonLeibniz(a) ==
    a' primes (or takes ENABLED, UNCHANGED of) its parameter: a constant operator must be Leibniz
    (TLC's test212).  Only an operator of the root module or a LAMBDA is looked at."""
    mod = modules.get(u.module)
    if mod is None:
        return
    ops = {d.name for c in mod.units if isinstance(c, A.Constants) for d in c.decls if d.arity > 0}
    for name, e in u.substs:
        if name not in ops:
            continue
        if isinstance(e, A.Lambda):
            params, body = set(e.params), e.body
        elif isinstance(e, A.Name) and e.name in defs:
            params, body = {p.name for p in defs[e.name].params}, defs[e.name].body
        else:
            continue
        stack = [body]
        while stack:
            node = stack.pop()
            if isinstance(node, A.OpApp) and node.op in _NON_LEIBNIZ and params & _names(node):
                raise ParseError(f"Level error in instantiating module {u.module}: the constant operator "
                                 f"{name} is substituted by an operator that is not Leibniz ({node.op} of "
                                 "a parameter)", e.span)
            if isinstance(node, A.Expr):
                stack.extend(c for c in children(node) if c is not None)


def _instance_uses(levels: Levels, body: A.Expr, env: E.Env, bound: dict, instances: dict,
                   modules: dict[str, A.Module]) -> None:
    """``I(x')!Foo`` with ``I(z) == INSTANCE M WITH y <- z`` and ``Foo == y' = 0``: y' would be x''."""
    stack = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, A.OpApp) and len(node.inst_args) == 1 and node.op.count("!") == 1:
            head, _, opname = node.op.partition("!")
            inst = instances.get(head)
            mod = modules.get(inst.module) if inst is not None else None
            if mod is not None and len(inst.params) == len(node.inst_args[0]):
                plv = {p.name: levels.of(a, env, bound) for p, a in zip(inst.params, node.inst_args[0])}
                variables = {n for v in mod.units if isinstance(v, A.Variables) for n in v.names}
                actions = {n for n, e in inst.substs if n in variables and levels.of(e, env, plv) >= ACTION}
                for target in mod.units:
                    if getattr(target, "name", None) == opname and actions:
                        for tbody, _ in _bodies(target):
                            _primed_twice(tbody, actions, node)
        if isinstance(node, A.Expr):
            stack.extend(c for c in children(node) if c is not None)


def _primed_twice(body: A.Expr, actions: set[str], use: A.OpApp) -> None:
    stack = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, A.OpApp) and node.op in ("'", "UNCHANGED") and actions & _names(node.args[0]):
            raise ParseError(f"Level error in {use.op}: a variable substituted by an action is primed "
                             f"({node.op} of {', '.join(sorted(actions & _names(node.args[0])))})", use.span)
        if isinstance(node, A.Expr):
            stack.extend(c for c in children(node) if c is not None)


def _walk(levels: Levels, e: A.Node, env: E.Env, bound: dict) -> None:
    stack = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, A.OpApp) and node.args:
            if node.op in _UNARY and len(node.args) == 1:
                arg = _unparen(node.args[0])
                if not isinstance(arg, A.ActionSub) and levels.of(arg, env, bound) == ACTION:
                    raise _error(node.op, 1, arg)
            elif node.op in _BINARY and len(node.args) == 2:
                for i, arg in enumerate(node.args, 1):
                    if levels.of(arg, env, bound) == ACTION:
                        raise _error(node.op, i, arg)
        elif isinstance(node, A.Quant) and node.kind in ("\\A", "\\E"):
            sets = [b.set for b in node.bounds if b.set is not None]
            if sets and levels.of(node.body, env, bound) == TEMPORAL:
                for s in sets:
                    if levels.of(s, env, bound) == ACTION:
                        raise ParseError(
                            f"Level error: the bound of {node.kind} ranges over an action-level set, and its "
                            "body is a temporal formula", s.span)
        if isinstance(node, A.Expr):
            stack.extend(c for c in children(node) if c is not None)


def _unparen(e: A.Expr) -> A.Expr:
    while isinstance(e, A.Label):
        e = e.body
    return e


def _error(op: str, i: int, arg: A.Expr) -> ParseError:
    return ParseError(f"Level error in applying operator {op}: argument {i} is an action, where only a state "
                      "function or a temporal formula is allowed", arg.span)
