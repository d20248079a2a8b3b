"""Why an invariant failed: the first FALSE conjunct, and the witnesses of the quantifiers on the way.

``explain_invariant(model, name, state)`` walks the invariant's formula (``model.source.formulas``)
in the violating state and stops at the smallest sub-formula it can blame:

* a conjunction (``/\\`` list or infix ``/\\``): the first conjunct that is FALSE;
* a name of a 0-ary definition, or an operator applied to arguments (``Inv(p)``): its body, the
  parameters bound to the arguments' values;
* ``\\A x \\in S : P``: the first ``x`` (in TLC's order of S) for which P is FALSE, the
  *counterexample*, then P with ``x`` bound to it;
* ``~\\E x \\in S : P``: the first ``x`` for which P is TRUE;
* ``A => B`` with A TRUE: B; ``IF c THEN a ELSE b``: the branch taken; ``LET ... IN e``: e.

Bound names are evaluated by giving them a value in a copy of the environment (an
``env.ValueEntry``), so any value works, model values included.  Whatever cannot be split further
is the *culprit*; when it is a comparison, the values of its non-literal operands are shown too.
Nothing here raises: an explanation that fails to evaluate (or takes more than ``BUDGET`` seconds:
each binding of a quantifier compiles its body afresh) stops where it got to.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field, replace
from typing import Any

from ..semantics import env as E
from ..semantics import values as V
from ..semantics.levels import children
from ..syntax import ast as A
from ..syntax.printer import print_expr

_RELATIONS = {"=", "#", "/=", "\\in", "\\notin", "<", "<=", "=<", "\\leq", ">", ">=", "\\geq", "<=>",
              "\\equiv", "\\subseteq", "\\subset", "\\supseteq"}
_MAX_ENUM = 100_000
BUDGET = 10.0  # seconds: an explanation that takes longer stops where it got to


@dataclass
class Witness:
    quantifier: str          # "\A p \in Procs" (the binder as written)
    kind: str                # "counterexample" (for \A) or "witness" (for ~\E)
    bindings: list[tuple[str, Any]]

    def line(self) -> str:
        vals = ", ".join(f"{n} = {V.tla_repr(v)}" for n, v in self.bindings)
        return f"{self.quantifier}: {self.kind} {vals}"


@dataclass
class Explanation:
    invariant: str
    expr: A.Expr                       # the culprit
    text: str                          # the culprit as TLA+ text
    module: str
    line: int | None
    col: int | None
    conjunct: bool                     # reached by splitting a conjunction
    witnesses: list[Witness] = field(default_factory=list)
    path: list[str] = field(default_factory=list)        # definitions followed, outermost first
    operands: list[tuple[str, str]] = field(default_factory=list)  # (operand text, its value)
    value: Any = False                 # the culprit's value (FALSE, or TRUE under ~\E)

    @property
    def location(self) -> str:
        if self.line is None:
            return f"module {self.module}"
        return f"line {self.line}, col {self.col} of module {self.module}"

    def headline(self) -> str:
        what = "conjunct" if self.conjunct else "its formula at"
        return f"Invariant {self.invariant} is violated by {what} {self.location}: {_one_line(self.text)}"

    def lines(self) -> list[str]:
        out = [self.headline()]
        if "\n" in self.text or len(self.text) > 100:
            out += ["    " + ln for ln in self.text.splitlines()]
        for w in self.witnesses:
            out.append("  " + w.line())
        if self.operands:
            out.append("  where " + "; ".join(f"{t} = {v}" for t, v in self.operands))
        return out

    def format(self) -> str:
        return "\n".join(self.lines())


def _one_line(text: str, limit: int = 100) -> str:
    s = " ".join(part.strip() for part in text.splitlines())
    return s if len(s) <= limit else s[: limit - 3] + "..."


class _Walker:
    def __init__(self, model: Any, state: tuple):
        self.model = model
        self.state = state
        self.deadline = time.monotonic() + BUDGET

    def ev(self, e: A.Expr, env: E.Env) -> Any:
        return self.model.source.evaluate(e, self.state, env)

    def is_false(self, e: A.Expr, env: E.Env) -> bool:
        try:
            return self.ev(e, env) is False
        except Exception:
            return False

    def walk(self, e: A.Expr, env: E.Env, ex: Explanation, depth: int = 0) -> tuple[A.Expr, E.Env]:
        """The culprit (and its environment) inside ``e``, which is FALSE in the state."""
        if depth > 200:
            return e, env
        if isinstance(e, A.Label):
            return self.walk(e.body, env, ex, depth + 1)
        items = _conjuncts(e)
        if items is not None:
            for it in items:
                if self.is_false(it, env):
                    ex.conjunct = True
                    return self.walk(it, env, ex, depth + 1)
            return e, env
        if isinstance(e, A.If):
            try:
                c = self.ev(e.cond, env)
            except Exception:
                return e, env
            return self.walk(e.then if c is True else e.else_, env, ex, depth + 1)
        if isinstance(e, A.Let):
            inner = _child(env, {})
            for d in e.defs:
                if isinstance(d, A.OpDef):
                    inner.names[d.name] = E.DefEntry(d.name, d, inner, env.module)
                elif isinstance(d, A.FcnDef):
                    inner.names[d.name] = E.FcnDefEntry(d.name, d, inner, env.module)
                else:
                    return e, env
            return self.walk(e.body, inner, ex, depth + 1)
        if isinstance(e, A.OpApp) and e.op == "=>" and len(e.args) == 2:
            a, b = e.args
            if self.is_false(b, env):
                return self.walk(b, env, ex, depth + 1)
            return e, env
        if isinstance(e, A.Quant) and e.kind == "\\A":
            return self.quantifier(e, env, ex, depth, want=False)
        if (isinstance(e, A.OpApp) and e.op == "~" and len(e.args) == 1 and isinstance(e.args[0], A.Quant)
                and e.args[0].kind == "\\E"):
            q = e.args[0]
            return self.quantifier(q, env, ex, depth, want=True)
        name = e.name if isinstance(e, A.Name) else (
            e.op if isinstance(e, A.OpApp) and not e.inst_args and _is_ident(e.op) else None)
        if name is not None and "!" not in name:
            ent = env.lookup(name)
            args = e.args if isinstance(e, A.OpApp) else ()
            if isinstance(ent, E.DefEntry) and len(ent.unit.params) == len(args) and all(
                    p.arity == 0 for p in ent.unit.params):
                binds = {}
                try:
                    for p, a in zip(ent.unit.params, args):
                        binds[p.name] = self.ev(a, env)
                except Exception:
                    return e, env
                inner = _child(ent.env, binds) if binds else ent.env
                label = name if not args else f"{name}({', '.join(V.tla_repr(v) for v in binds.values())})"
                ex.path.append(label)
                return self.walk(ent.unit.body, inner, ex, depth + 1)
        return e, env

    def quantifier(self, q: A.Quant, env: E.Env, ex: Explanation, depth: int, want: bool):
        """The first binding for which the body is ``want`` (FALSE for \\A, TRUE under ~\\E)."""
        if any(b.set is None for b in q.bounds):
            return q, env
        slots: list[tuple[A.Bound, list]] = []
        try:
            for b in q.bounds:
                S = self.ev(b.set, env)
                elems = V.enumerate_set(S)
                for _ in b.names if not b.tuple_ else (None,):
                    slots.append((b, elems))
        except Exception:
            return q, env
        names: list[tuple[A.Bound, str | tuple[str, ...]]] = []
        for b in q.bounds:
            if b.tuple_:
                names.append((b, tuple(b.names)))
            else:
                names += [(b, n) for n in b.names]
        for n, combo in enumerate(itertools.product(*[el for _, el in slots])):
            if n > _MAX_ENUM or time.monotonic() > self.deadline:
                break
            binds: dict[str, Any] = {}
            for (_, nm), v in zip(names, combo):
                if isinstance(nm, tuple):
                    if not isinstance(v, tuple) or len(v) != len(nm):
                        break
                    binds.update(zip(nm, v))
                else:
                    binds[nm] = v
            else:
                inner = _child(env, binds)
                try:
                    val = self.ev(q.body, inner)
                except Exception:
                    continue
                if val is want:
                    ex.witnesses.append(Witness(_binder_text(q), "witness" if want else "counterexample",
                                                list(binds.items())))
                    if want:  # ~\E x : P, P TRUE for x: P is the culprit
                        ex.value = True
                        return q.body, inner
                    return self.walk(q.body, inner, ex, depth + 1)
        return q, env


def _conjuncts(e: A.Expr) -> list[A.Expr] | None:
    if isinstance(e, A.Junction) and e.kind == "/\\":
        return list(e.items)
    if isinstance(e, A.OpApp) and e.op == "/\\" and len(e.args) == 2:
        out: list[A.Expr] = []
        for a in e.args:
            sub = _conjuncts(a) if isinstance(a, A.OpApp) else None
            out += sub if sub is not None else [a]
        return out
    return None


def _is_ident(op: str) -> bool:
    return bool(op) and (op[0].isalpha() or op[0] == "_")


def _child(env: E.Env, binds: dict[str, Any]) -> E.Env:
    names = dict(env.names)
    for k, v in binds.items():
        names[k] = E.ValueEntry(k, v)
    return replace(env, names=names)


def _binder_text(q: A.Quant) -> str:
    parts = []
    for b in q.bounds:
        names = ", ".join(b.names)
        if b.tuple_:
            names = f"<<{names}>>"
        parts.append(f"{names} \\in {_one_line(print_expr(b.set), 60)}" if b.set is not None else names)
    return f"{q.kind} {', '.join(parts)}"


def _operands(w: _Walker, e: A.Expr, env: E.Env) -> list[tuple[str, str]]:
    if isinstance(e, A.OpApp) and e.op == "~" and len(e.args) == 1:
        e = e.args[0]
    if not (isinstance(e, A.OpApp) and e.op in _RELATIONS and len(e.args) == 2):
        return []
    out = []
    for a in e.args:
        if not _has_name(a):  # a literal or a constant expression of literals (0 .. 3): nothing to show
            continue
        try:
            v = V.tla_repr(w.ev(a, env))
        except Exception:
            continue
        text = _one_line(print_expr(a), 60)
        if text != v:
            out.append((text, v if len(v) <= 200 else v[:197] + "..."))
    return out


def _has_name(e: A.Node) -> bool:
    if isinstance(e, A.Name) or isinstance(e, A.OpApp) and _is_ident(e.op):
        return True
    return any(_has_name(c) for c in children(e))


def explain_invariant(model: Any, name: str, state: tuple) -> Explanation | None:
    """Why ``state`` violates the invariant ``name`` (None when the model does not know its formula)."""
    source = getattr(model, "source", None)
    src = source.formulas.get(name) if source is not None else None
    if src is None:
        return None
    body, env = src
    w = _Walker(model, state)
    ex = Explanation(name, body, "", env.module, None, None, False)
    try:
        if not w.is_false(body, env):
            return None
        culprit, cenv = w.walk(body, env, ex)
    except Exception:
        return None
    ex.expr = culprit
    try:
        ex.text = print_expr(culprit)
    except Exception:
        ex.text = "<formula>"
    ex.module = cenv.module
    sp = culprit.span
    if sp is not None:
        ex.line, ex.col = sp.line, sp.col
    try:
        ex.operands = _operands(w, culprit, cenv)
    except Exception:
        ex.operands = []
    return ex


def explain_violation(model: Any, violation: Any) -> Explanation | None:
    """The explanation of a check's invariant violation (an ``outcome.Violation``), or None."""
    if model is None or violation is None or violation.kind != "invariant" or not violation.trace:
        return None
    try:
        return explain_invariant(model, violation.name, violation.trace[-1].state)
    except Exception:
        return None
