"""Questions the compiler asks of the syntax tree: which names occur in it, its size, conjuncts, bounds, spans."""
from __future__ import annotations

from ...syntax import ast as A
from ..levels import children


def span_text(node: A.Node | None) -> str:
    """Where node is, for a message: ``line 3, col 5 to line 3, col 9 of module M`` ("" without a span)."""
    sp = getattr(node, "span", None)
    if sp is None:
        return ""
    return f"line {sp.line}, col {sp.col} to line {sp.end_line}, col {sp.end_col} of module {sp.file}"


def size(e, limit: int) -> int:
    """The number of nodes in e, counting a binder or LET as ``limit`` more; stops counting above limit."""
    n = 1
    for ch in children(e):
        n += size(ch, limit)
        if n > limit:
            return n
    if type(e) in (A.Let, A.Quant, A.Choose, A.SetFilter, A.SetMap, A.FcnConstr, A.Case):
        n += limit  # binders and LETs stay in functions
    return n


def pyname(name: str) -> str:
    """A TLA+ name made fit for part of a Python identifier."""
    return "".join(ch if ch.isalnum() else "_" for ch in name)[:30]


def mentions(e, name: str) -> bool:
    """Whether the identifier `name` occurs in e (ignoring shadowing: a safe over-approximation)."""
    t = type(e)
    if t is A.Name:
        return e.name == name
    if t is A.OpApp and e.op == name:
        return True
    if t is A.At:
        return name == "@"
    for ch in children(e):
        if mentions(ch, name):
            return True
    if t is A.Let:
        for d in e.defs:
            if isinstance(d, A.FcnDef):
                for b in d.bounds:
                    if b.set is not None and mentions(b.set, name):
                        return True
    return False


def mentions_at(e) -> bool:
    """Whether e uses ``@`` (of the EXCEPT it is the value of)."""
    if type(e) is A.At:
        return True
    if type(e) is A.Except:
        # an inner EXCEPT's @ is its own, except in its fn and keys
        if mentions_at(e.fn):
            return True
        return any(mentions_at(k) for u in e.updates for st in u.path for k in st)
    return any(mentions_at(ch) for ch in children(e))


def count_mentions(e, name: str) -> int:
    """How many times the identifier ``name`` is used in e (the uses inside a binder as two at least)."""
    t = type(e)
    n = 0
    if t is A.Name and e.name == name:
        return 1
    if t is A.OpApp and e.op == name:
        n = 1
    for ch in children(e):
        n += count_mentions(ch, name)
    # a mention inside a binder body may run many times: count it as two
    if n and t in (A.Quant, A.SetFilter, A.SetMap, A.FcnConstr, A.Choose, A.Lambda):
        n = max(n, 2)
    return n


def conjuncts(e):
    """The conjuncts of e, with nested conjunctions flattened."""
    if isinstance(e, A.Junction) and e.kind == "/\\":
        for i in e.items:
            yield from conjuncts(i)
    elif isinstance(e, A.OpApp) and e.op == "/\\" and len(e.args) == 2:
        yield from conjuncts(e.args[0])
        yield from conjuncts(e.args[1])
    else:
        yield e


def upper_bound(c, is_x) -> tuple[A.Expr, bool] | None:
    """For ``t <= e`` / ``t < e`` / ``e >= t`` with is_x(t): (e, strict)."""
    if isinstance(c, A.OpApp) and len(c.args) == 2:
        a, b = c.args
        if c.op in ("<=", "<") and is_x(a):
            return b, c.op == "<"
        if c.op in (">=", ">") and is_x(b):
            return a, c.op == ">"
        if c.op == "\\in" and is_x(a) and isinstance(b, A.OpApp) and b.op == "..":
            return b.args[1], False
    return None


def lower_bound(c, x: str) -> tuple[A.Expr, bool] | None:
    """For ``x >= e`` / ``x > e`` / ``e <= x`` with x the name given: (e, strict)."""
    is_x = lambda t: isinstance(t, A.Name) and t.name == x  # noqa: E731
    if isinstance(c, A.OpApp) and len(c.args) == 2:
        a, b = c.args
        if c.op in (">=", ">") and is_x(a):
            return b, c.op == ">"
        if c.op in ("<=", "<") and is_x(b):
            return a, c.op == "<"
        if c.op == "\\in" and is_x(a) and isinstance(b, A.OpApp) and b.op == "..":
            return b.args[0], False
    return None
