"""How TLC reads a PROPERTY or SPECIFICATION written through operators: ``x1([][x']_x0)`` with
``x1(a) == a`` (also LET-defined, also through a parameter ``F(_)``), ``I(2)!Spec`` of a parameterised
instance, and ``Op(Pred, s)`` that unfolds to ``[]P``.  build.py sorts what these give as it sorts
any property's conjuncts (TLC's SpecProcessor.processConfigProps/processConfigSpec)."""
from __future__ import annotations

from ..syntax import ast as A
from . import env as E
from .compiler.context import CompileError, Ctx, LDef, LExpr
from .compiler.tree import mentions
from .levels import STATE, TEMPORAL
from .temporal import operator_arg


def through_operators(comp, e: A.Expr, env: E.Env) -> tuple[A.Expr, E.Env, str] | None:
    """A temporal formula written as operators applied to formulas (``x1([][x']_x0)`` with
    ``x1(a) == a``, also LET-defined): the formula they stand for, its module scope and the name
    of the last operator applied (TLC's name for it), when the formula needs no bound name; else None."""
    if not (isinstance(e, (A.OpApp, A.Let)) and not getattr(e, "inst_args", ()) and (
            isinstance(e, A.Let) or e.args)) or comp.level(e, Ctx(env)) < TEMPORAL:
        return None
    ctx, name, fixed = Ctx(env), None, False
    for _ in range(64):
        if isinstance(e, A.Label):
            e = e.body
        elif isinstance(e, A.Let) and all(isinstance(d, A.OpDef) for d in e.defs):
            ctx = ctx.with_locals({d.name: LDef(d, ctx) for d in e.defs})
            e = e.body
        elif isinstance(e, A.Name) and isinstance(ctx.locals.get(e.name), LExpr):
            e, ctx = ctx.locals[e.name].expr, ctx.locals[e.name].ctx
        elif isinstance(e, A.OpApp) and e.args and not e.inst_args and (unit := applied(comp, e, ctx)):
            unit, dctx = unit
            param = isinstance(ctx.locals.get(e.op), LExpr)
            ctx = dctx.with_locals({p.name: LExpr(operator_arg(a, p.arity), ctx) for p, a in zip(unit.params, e.args)})
            # TLC names it after the last operator applied, or a parameter F(_) if one was (LetDef2Boxed)
            name = name if fixed else unit.name
            e, fixed = unit.body, fixed or param
        else:
            break
    if name is None or any(mentions(e, k) for k in ctx.locals):
        return None
    return e, ctx.env, name


def applied(comp, e: A.OpApp, ctx: Ctx) -> tuple[A.OpDef, Ctx] | None:
    """The operator definition ``e`` applies (a LET's or a module's) and its scope, if it has
    as many parameters as ``e`` has arguments."""
    loc = ctx.locals.get(e.op)
    if isinstance(loc, LDef):
        unit, dctx = loc.unit, loc.ctx
    elif isinstance(loc, LExpr) and isinstance(loc.expr, A.Lambda):   # a parameter F(_) given an operator
        lam = loc.expr
        unit, dctx = A.OpDef(e.op, tuple(A.Param(p) for p in lam.params), lam.body, span=lam.span), loc.ctx
    elif loc is not None:
        return None
    else:
        try:
            ent = comp.resolve(e.op, ctx, e)[0]
        except CompileError:
            return None
        if not isinstance(ent, E.DefEntry):
            return None
        unit, dctx = ent.unit, Ctx(ent.env)
    return (unit, dctx) if len(unit.params) == len(e.args) else None


def instance_parts(comp, tr, conj: A.Expr, env: E.Env):
    """``I(2)!Spec`` as a property: the conjuncts of the instance's Spec, each with the context
    that binds I's parameters (TLC splits them as it splits any property: gh1134, Github687);
    None when ``conj`` is not such an application."""
    if not (isinstance(conj, A.OpApp) and conj.inst_args):
        return None
    inst = tr.instance_body(conj, Ctx(env))
    if inst is None:
        return None
    out, todo = [], [inst]
    while todo:
        e, ctx = todo.pop(0)
        if isinstance(e, A.Junction) and e.kind == "/\\" or isinstance(e, A.OpApp) and e.op == "/\\" and len(
                e.args) == 2:
            todo[:0] = [(it, ctx) for it in (e.items if isinstance(e, A.Junction) else e.args)]
            continue
        if isinstance(e, A.Label):
            todo.insert(0, (e.body, ctx))
            continue
        out.append((e, ctx))
    return out


def boxed_predicate(comp, tr, conj: A.Expr, env: E.Env) -> tuple[A.Expr, Ctx] | None:
    """``P`` and its context when ``conj`` is an application of operators with parameters that
    unfolds to ``[]P`` with P a state predicate (TLC checks it as an invariant); else None."""
    if not isinstance(conj, A.OpApp) or not conj.args or conj.op in ("[]", "<>", "~>", "/\\", "\\/"):
        return None
    e, ctx = tr.unfold(conj, Ctx(env))
    if isinstance(e, A.OpApp) and e.op == "[]" and len(e.args) == 1 and comp.level(e.args[0], ctx) <= STATE:
        return e.args[0], ctx
    return None
