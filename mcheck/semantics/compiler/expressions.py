"""Expressions to Python expressions: ``expr`` and its visitors ``x_*``, one per kind of syntax node."""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace

from ...syntax import ast as A
from ...syntax.printer import print_expr
from .. import env as E
from .. import runtime as R
from .. import values as V
from ..levels import ACTION, STATE, children
from .context import CompileError, Ctx, LCell, LDef, LExpr, LFcn, LOp, LThunk, LVal
from .kinds import ident
from .names import child_env, state_reads
from .tree import conjuncts, count_mentions, lower_bound, mentions, mentions_at, span_text, upper_bound

_SIMPLE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*(\[\d+\])?|\d+|'[A-Za-z_0-9 ]*'")

# Expressions that cannot fail on their own: not worth a location in diagnosis mode.
_LEAVES = {A.Num, A.Str, A.Bool, A.At, A.Lambda, A.Label}

# Composite expressions that are worth evaluating once when they are closed constants.
_HOISTABLE = {A.RecordConstr, A.Tuple, A.FcnConstr, A.SetMap, A.SetFilter, A.RecordSet, A.FcnSet, A.CartProd,
              A.Except, A.Choose}


def _is_call(e: A.Expr, ctx: Ctx) -> bool:
    """A function application, or an application of an operator the spec defines: where an
    unbounded recursion is reported."""
    if isinstance(e, A.FcnApp):
        return True
    if not isinstance(e, A.OpApp):
        return False
    if e.op in ctx.locals:
        return isinstance(ctx.locals[e.op], (LDef, LOp))
    return isinstance(ctx.env.lookup(e.op), (E.DefEntry, E.FcnDefEntry)) or bool(e.inst_args)


class Expressions:
    """Part of ``Compiler``: an expression to a Python expression."""

    def expr(self, e: A.Expr, ctx: Ctx) -> str:
        if self._loop_hoisted:
            h = self._loop_hoisted.get(id(e))
            if h is not None:
                return f"{h}()"
        m = getattr(self, "x_" + type(e).__name__, None)
        if m is None:
            raise CompileError(f"{type(e).__name__} is not supported by mcheck yet", e.span)
        if type(e) in _HOISTABLE and not ctx.primed:
            h = self.try_hoist(e, ctx)
            if h is not None:
                return h
        if self.checked and e.span is not None and type(e) not in _LEAVES:
            # diagnosis mode: an error inside e is reported at e (the innermost wins)
            self.spans.append(e)
            if _is_call(e, ctx):
                self.calls.add(len(self.spans) - 1)
            return f"chk({len(self.spans) - 1}, lambda: {m(e, ctx)})"
        return m(e, ctx)

    def located(self, code: str, node: A.Expr | None) -> str:
        """``code``, reporting an error it raises at ``node`` in diagnosis mode (an enumeration
        that is not an expression of its own, e.g. the set of ``x' \\in S`` or of a bound)."""
        if not self.checked or node is None or node.span is None:
            return code
        self.spans.append(node)
        return f"chk({len(self.spans) - 1}, lambda: {code})"

    def hexpr(self, e: A.Expr, ctx: Ctx) -> str:
        """expr, but evaluated once at compile time when it is a closed constant."""
        h = self.try_hoist(e, ctx)
        return h if h is not None else self.expr(e, ctx)

    def x_Num(self, e: A.Num, ctx: Ctx) -> str:
        return repr(e.value) if e.value >= 0 else f"({e.value})"

    def x_Str(self, e: A.Str, ctx: Ctx) -> str:
        V.intern_string(e.value)
        return repr(e.value)

    def x_Bool(self, e: A.Bool, ctx: Ctx) -> str:
        return "True" if e.value else "False"

    def x_Decimal(self, e, ctx):
        raise CompileError("real numbers are not supported", e.span)

    def x_At(self, e: A.At, ctx: Ctx) -> str:
        loc = ctx.locals.get("@")
        if loc is None:
            raise CompileError("@ used outside an EXCEPT", e.span)
        return self._local_code(loc, e, ctx, ())

    def x_Label(self, e: A.Label, ctx: Ctx) -> str:
        return self.expr(e.body, ctx)

    def x_Name(self, e: A.Name, ctx: Ctx) -> str:
        return self.name_code(e.name, (), e, ctx)

    # ------------------------------------------------------------------ composite expressions

    def x_Junction(self, e: A.Junction, ctx: Ctx) -> str:
        conj = e.kind == "/\\"
        j = " and " if conj else " or "
        check = "conj_item" if conj else "disj_item"
        return "(" + j.join(self.bool_code(i, ctx, check) for i in e.items) + ")"

    def x_If(self, e: A.If, ctx: Ctx) -> str:
        return f"({self.expr(e.then, ctx)} if {self.bool_code(e.cond, ctx, 'if_cond')} else {self.expr(e.else_, ctx)})"

    def x_Case(self, e: A.Case, ctx: Ctx) -> str:
        if e.other is not None:
            tail = self.expr(e.other, ctx)
        else:
            tail = f"case_fail({span_text(e)!r})"
        for arm in reversed(e.arms):
            tail = f"({self.expr(arm.expr, ctx)} if {self.bool_code(arm.guard, ctx, 'case_guard')} else {tail})"
        return tail

    def x_FcnApp(self, e: A.FcnApp, ctx: Ctx) -> str:
        pt = self.fcndef_point(e, ctx)
        if pt is not None:
            return pt
        if len(e.args) == 1 and isinstance(e.fn, A.FcnApp) and len(e.fn.args) == 1:
            # f[a][b]: one call instead of two; none when f is a tuple of tuples indexed by literals
            # (MCLamportMutex's network[2][1] once its actions are split on the processes)
            f, x, y = self.expr(e.fn.fn, ctx), self.expr(e.fn.args[0], ctx), self.expr(e.args[0], ctx)
            if ident(f) and x.isdigit() and y.isdigit() and int(x) > 0 and int(y) > 0:
                g = f"{f}[{int(x) - 1}]"
                return (f"({g}[{int(y) - 1}] if type({f}) is tuple and len({f}) >= {x} and type({g}) is tuple "
                        f"and len({g}) >= {y} else ap2({f}, {x}, {y}))")
            return f"ap2({f}, {x}, {y})"
        f = self.expr(e.fn, ctx)
        if len(e.args) == 1:
            x = self.expr(e.args[0], ctx)
        else:
            x = "(" + "".join(self.expr(a, ctx) + ", " for a in e.args) + ")"
        if ident(f) and x.isdigit() and int(x) > 0:
            return f"({f}[{int(x) - 1}] if type({f}) is tuple and len({f}) >= {x} else ap({f}, {x}))"
        if ident(f) and _SIMPLE.fullmatch(x) and (len(e.args) > 1 or self.kind(e.args[0], ctx) in (None, "int")):
            # the common case inline: a sequence indexed by an integer in its domain (not when the
            # argument is known not to be an integer: a model value, a string, a record)
            return f"({f}[{x} - 1] if type({f}) is tuple and type({x}) is int and 0 < {x} <= len({f}) else ap({f}, {x}))"
        return f"ap({f}, {x})"

    def x_Dot(self, e: A.Dot, ctx: Ctx) -> str:
        V.intern_string(e.field)
        return f"dot({self.expr(e.expr, ctx)}, {e.field!r})"

    def x_Tuple(self, e: A.Tuple, ctx: Ctx) -> str:
        return "(" + "".join(self.expr(x, ctx) + ", " for x in e.elems) + ")"

    def x_SetEnum(self, e: A.SetEnum, ctx: Ctx) -> str:
        if not e.elems:
            return self.emitter.value(frozenset())
        h = self.try_hoist(e, ctx)
        if h is not None:
            return h
        return "frozenset((" + "".join(self.expr(x, ctx) + ", " for x in e.elems) + "))"

    def x_CartProd(self, e: A.CartProd, ctx: Ctx) -> str:
        return f"cart({', '.join(self.hexpr(s, ctx) for s in e.sets)})"

    def x_FcnSet(self, e: A.FcnSet, ctx: Ctx) -> str:
        return f"V.FcnSet({self.hexpr(e.dom, ctx)}, {self.hexpr(e.rng, ctx)})"

    def x_RecordConstr(self, e: A.RecordConstr, ctx: Ctx) -> str:
        for k, _ in e.fields:
            V.intern_string(k)
        return "Fcn({" + ", ".join(f"{k!r}: {self.expr(v, ctx)}" for k, v in e.fields) + "})"

    def x_RecordSet(self, e: A.RecordSet, ctx: Ctx) -> str:
        for k, _ in e.fields:
            V.intern_string(k)
        return "V.RecordSet({" + ", ".join(f"{k!r}: {self.hexpr(v, ctx)}" for k, v in e.fields) + "})"

    def x_Except(self, e: A.Except, ctx: Ctx) -> str:
        code = self.expr(e.fn, ctx)
        for u in e.updates:
            keys = []
            for step in u.path:
                if len(step) == 1:
                    keys.append(self.expr(step[0], ctx))
                else:
                    keys.append("(" + "".join(self.expr(k, ctx) + ", " for k in step) + ")")
            uses_at = mentions_at(u.value)
            if uses_at:
                at = self.emitter.fresh("at_")
                val = self.expr(u.value, ctx.with_locals({"@": LVal(at)}))
                if len(keys) <= 2:
                    code = f"except_at{len(keys)}({code}, {', '.join(keys)}, lambda {at}: {val})"
                else:
                    code = f"except_path({code}, ({''.join(k + ', ' for k in keys)}), lambda {at}: {val})"
            elif len(keys) == 1:
                code = f"except1({code}, {keys[0]}, {self.expr(u.value, ctx)})"
            elif len(keys) == 2:
                code = f"except2({code}, {keys[0]}, {keys[1]}, {self.expr(u.value, ctx)})"
            else:
                val = self.expr(u.value, ctx)
                code = f"except_path({code}, ({''.join(k + ', ' for k in keys)}), lambda _: {val})"
        return code

    def x_Let(self, e: A.Let, ctx: Ctx) -> str:
        pre: list[tuple[str, str]] = []  # (python local, code) evaluated in order, each may see earlier ones
        inner = ctx
        # a body that primes (LetOp(1)' in TLC's test21): its operators are inlined, so that the prime reaches them
        primes = any(isinstance(d, A.OpDef) and d.params for d in e.defs) and _primes(e.body)
        for d in e.defs:
            if isinstance(d, A.Recursive):
                continue
            if isinstance(d, A.OpDef):
                if self.level(d.body, inner.with_locals({p.name: LVal("_") for p in d.params})) >= ACTION \
                        or any(p.arity > 0 for p in d.params) or primes and d.params and not mentions(d.body, d.name):
                    inner = inner.with_locals({d.name: LDef(d, inner)})
                    continue
                if not d.params:
                    uses = count_mentions(e.body, d.name) + sum(
                        count_mentions(dd.body, d.name) for dd in e.defs if isinstance(dd, (A.OpDef, A.FcnDef)))
                    if uses <= 1 or type(d.body) in (A.Num, A.Str, A.Bool, A.Name):
                        inner = inner.with_locals({d.name: LExpr(d.body, inner)})
                        continue
                    py, code, loc = self.lazy_let(d, inner, uses)
                    inner = inner.with_locals({d.name: loc})
                    pre.append((py, code))
                    continue
                py = self.emitter.fresh("o_")
                pys = [self.emitter.fresh("p_") for _ in d.params]
                rec_ctx = inner.with_locals({d.name: LOp(py, len(d.params))})
                body_ctx = rec_ctx.with_locals({p.name: LVal(q) for p, q in zip(d.params, pys)})
                body = self.expr(d.body, body_ctx)
                lam = f"(lambda {', '.join(pys)}: {body})"
                if mentions(d.body, d.name):
                    lam = f"fix(lambda {py}: {lam})"
                inner = rec_ctx
                pre.append((py, lam))
            elif isinstance(d, A.FcnDef):
                py = self.emitter.fresh("f_")
                rec_ctx = inner.with_locals({d.name: LFcn(py)})
                dom = self._domain_code(d.bounds, rec_ctx)
                fn = self._bound_lambda(d.bounds, d.body, rec_ctx)
                pre.append((py, f"V.LazyFcn({dom}, None)"))
                pre.append(("_", f"setattr({py}, 'fn', {fn})"))
                inner = rec_ctx
            elif isinstance(d, A.Instance) and d.name is not None:
                inner = replace(inner, env=child_env(inner.env, d))
            else:
                raise CompileError("unsupported LET definition", d.span)
        body = self.expr(e.body, inner)
        for py, code in reversed(pre):
            body = f"(lambda {py}: {body})({code})"
        return body

    def lazy_let(self, d: A.OpDef, ctx: Ctx, uses: int) -> tuple[str, str, LCell | LThunk]:
        """A 0-ary LET definition evaluated at its first use: ``(python local, its initial code, the
        local's kind)``.  An ``LCell`` writes the body's code out at each use, so it is kept for bodies
        that are short (the code of one LET used in another's is written inside it) and not recursive."""
        py = self.emitter.fresh("t_")
        code = self.expr(d.body, ctx)
        if len(code) * max(uses, 1) <= CELL_CODE_LIMIT and not mentions(d.body, d.name):
            return py, "[]", LCell(py, code)
        return py, f"Thunk(lambda: {code})", LThunk(py)

    def x_Lambda(self, e: A.Lambda, ctx: Ctx) -> str:
        return self.arg_code(e, ctx)

    # ------------------------------------------------------------------ binders

    def bound_iter(self, b: A.Bound, ctx: Ctx, ordered: bool) -> str:
        """Python iterable over the values of a bound's set."""
        if b.set is None:
            return f"eval_fail({'an unbounded quantifier cannot be evaluated: ' + span_text(b)!r})"
        s = b.set
        if isinstance(s, A.OpApp) and s.op == ".." and self._is_native(s.op, ctx, "Naturals"):
            lo, hi = (self.expr(a, ctx) for a in s.args)
            return f"range({lo}, {hi} + 1)"
        if isinstance(s, A.OpApp) and s.op == "DOMAIN" and not self.checked:
            # DOMAIN f: its points straight from f (a function's keys, a tuple's 1..n), no set built
            code = self.hexpr(s.args[0], ctx)
            if code.startswith("K") and ordered and V.is_function(self.emitter.lookup(code)):
                return self.emitter.value(R.dom_enum(self.emitter.lookup(code)))
            return f"dom_enum({code})" if ordered else f"dom_iter({code})"
        code = self.hexpr(s, ctx)
        const = self.emitter.lookup(code) if code.startswith("K") else None
        if type(const) is frozenset:
            # a constant set: iterate it directly, or its normalized order computed once
            return self.emitter.value(R.enum(const)) if ordered else code
        elems = self.constant_elements(code)
        if elems is not None:
            return elems
        if self.checked:
            msg = "TLC encountered a non-enumerable quantifier bound"
            return self.located(f"R.enum_or_fail({code}, {msg!r}, True)", s)
        return f"enum({code})" if ordered else f"iterset({code})"

    def constant_elements(self, code: str) -> str | None:
        """For a constant SUBSET S, [S -> T], S \\X T, ...: its elements in TLC's order, built once, not
        at each entry to the loop (bosco's \\E r \\in SUBSET (P \\X M): 256 sets per state and process)."""
        const = self.emitter.lookup(code) if code.startswith("K") and not self.checked else None
        elems = _constant_elements(const) if isinstance(const, V.LazySet) else None
        return None if elems is None else self.emitter.value(elems)

    def _is_native(self, op: str, ctx: Ctx, module: str | None = None) -> bool:
        ent = ctx.env.lookup(op)
        return isinstance(ent, E.NativeEntry) and (module is None or ent.module in (module, "Integers", "Naturals"))

    def comprehension(self, bounds, ctx: Ctx, ordered: bool = False) -> tuple[str, Ctx]:
        """`for ... in ...` clauses for a list of bounds, and the context with the names bound."""
        clauses = []
        inner = ctx
        for b in bounds:
            it = self.bound_iter(b, ctx, ordered)
            if b.tuple_:
                pys = [self.emitter.fresh("v_") for _ in b.names]
                clauses.append(f"for ({''.join(p + ', ' for p in pys)}) in {it}")
                inner = inner.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            else:
                for n in b.names:
                    py = self.emitter.fresh("v_")
                    clauses.append(f"for {py} in {it}")
                    inner = inner.with_locals({n: LVal(py)})
        return " ".join(clauses), inner

    def x_Quant(self, e: A.Quant, ctx: Ctx) -> str:
        if e.kind in ("\\AA", "\\EE"):
            raise CompileError("temporal quantifiers \\AA and \\EE are not supported", e.span)
        hoisted = self.loop_invariants([e.body], [n for b in e.bounds for n in b.names], ctx)
        code = self._unrolled(e, ctx)
        if code is None:
            clauses, inner = self.comprehension(e.bounds, ctx)
            body = self.bool_code(e.body, inner, "quant_body")
            fn = "all" if e.kind == "\\A" else "any"
            code = f"{fn}({body} {clauses})"
        self.end_hoisting(hoisted)
        code = with_thunks(hoisted, code)
        if not ctx.locals and ctx.nxt is None and not ctx.primed and ctx.state == "s" and not self.checked \
                and ctx.mode != "init" and self.level(e, ctx, self.pure_levels) == STATE \
                and state_reads(code, self.def_reads):
            # a closed quantifier over the state (KeysInLeavesAreUnique == \A n1, n2 \in Leaves : ...):
            # remembered by the values of the variables it reads, which many states share
            q = self.emitter.fresh("q_")
            self._memoised_state_function(q, code)
            return f"{q}(s)"
        return code

    def _unrolled(self, e: A.Quant, ctx: Ctx) -> str | None:
        """\\A p, q \\in Proc : Len(network[p][q]) <= 3 over a small constant set, written out: one
        conjunct (disjunct for \\E) per element, in the order the loop takes them, each with the element
        as a literal, so that network[1][2] is indexed inline and no generator runs.  None when a
        bound is not a constant set of at most ``UNROLL_MAX`` numbers, strings or model values in all."""
        if self.checked or any(b.tuple_ or b.set is None for b in e.bounds):
            return None
        names, choices = [], []
        for b in e.bounds:
            it = self.bound_iter(b, ctx, False)
            const = self.emitter.lookup(it) if it.startswith("K") else None
            if type(const) is not frozenset or not all(type(v) in (int, str, V.ModelValue) for v in const):
                return None
            codes = [self.emitter.value(v) for v in const]   # literals: 2, (-1), 'a'; a model value's name
            for n in b.names:
                names.append(n)
                choices.append(codes)
        if math.prod(len(c) for c in choices) > UNROLL_MAX:
            return None
        parts = [self.bool_code(e.body, ctx.with_locals({n: LVal(v) for n, v in zip(names, combo)}), "quant_body")
                 for combo in itertools.product(*choices)]
        if sum(map(len, parts)) > UNROLL_CODE_MAX:
            return None
        if not parts:
            return "True" if e.kind == "\\A" else "False"
        return "(" + (" and " if e.kind == "\\A" else " or ").join(f"({p})" for p in parts) + ")"

    def x_Choose(self, e: A.Choose, ctx: Ctx) -> str:
        b = e.bound
        if b.set is None:
            # valid TLA+ that TLC cannot evaluate either: an error only if it is ever evaluated
            return f"eval_fail({'CHOOSE without a bound set cannot be evaluated: ' + span_text(e)!r})"
        s = self.hexpr(b.set, ctx)
        if b.tuple_:
            pys = [self.emitter.fresh("v_") for _ in b.names]
            inner = ctx.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            pred = f"(lambda _t: (lambda {', '.join(pys)}: {self.bool_code(e.body, inner, 'quant_body')})(*_t))"
        else:
            py = self.emitter.fresh("v_")
            pred = f"(lambda {py}: {self.bool_code(e.body, ctx.with_locals({b.names[0]: LVal(py)}), 'quant_body')})"
        return f"choose({s}, {pred}, {span_text(e)!r})"

    def x_SetFilter(self, e: A.SetFilter, ctx: Ctx) -> str:
        b = e.bound
        special = self._bounded_filter(e, ctx)
        if special is not None:
            src = special
        elif self._infinite_base(b, ctx):
            # {s \in Seq(S) : P} with no bound on Len(s): a lazy set, as TLC's SetPredValue
            py = self.emitter.fresh("v_")
            inner = ctx.with_locals({b.names[0]: LVal(py)})
            return (f"V.FilterSet({self.expr(b.set, ctx)}, lambda {py}: {self.bool_code(e.pred, inner, 'filter_pred')}, "
                    f"{print_expr(e)!r})")
        else:
            src = self.bound_iter(b, ctx, ordered=False)
        if b.tuple_:
            pys = [self.emitter.fresh("v_") for _ in b.names]
            inner = ctx.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            tv = self.emitter.fresh("v_")
            return (f"frozenset({tv} for {tv} in {src} "
                    f"if (lambda {', '.join(pys)}: {self.bool_code(e.pred, inner, 'filter_pred')})(*{tv}))")
        py = self.emitter.fresh("v_")
        inner = ctx.with_locals({b.names[0]: LVal(py)})
        return f"frozenset({py} for {py} in {src} if {self.bool_code(e.pred, inner, 'filter_pred')})"

    def _infinite_base(self, b, ctx: Ctx) -> bool:
        """A bound over Seq(S), Nat, Int or STRING: a filter of it stays lazy."""
        s = b.set
        if b.tuple_ or s is None or len(b.names) != 1:
            return False
        if isinstance(s, A.OpApp) and s.op == "Seq" and len(s.args) == 1:
            return self._is_native("Seq", ctx)
        if isinstance(s, A.Name) and s.name in ("Nat", "Int"):
            return self._is_native(s.name, ctx)
        return isinstance(s, A.Name) and s.name == "STRING"

    def _bounded_filter(self, e: A.SetFilter, ctx: Ctx) -> str | None:
        """``{s \\in Seq(S) : Len(s) <= n ...}`` and ``{n \\in Nat : n <= k ...}``: enumerate the bounded set."""
        b = e.bound
        s = b.set
        if b.tuple_ or s is None:
            return None
        x = b.names[0]
        conj = list(conjuncts(e.pred))
        if isinstance(s, A.OpApp) and s.op == "Seq" and len(s.args) == 1 and self._is_native("Seq", ctx):
            for c in conj:
                lim = upper_bound(c, lambda t: isinstance(t, A.OpApp) and t.op == "Len" and len(t.args) == 1
                                   and isinstance(t.args[0], A.Name) and t.args[0].name == x)
                if lim is not None and not mentions(lim[0], x):
                    n = self.expr(lim[0], ctx)
                    if lim[1]:
                        n = f"({n}) - 1"
                    return f"V.BoundedSeqSet({self.hexpr(s.args[0], ctx)}, {n})"
        if isinstance(s, A.Name) and s.name in ("Nat", "Int") and self._is_native(s.name, ctx):
            lo = "0" if s.name == "Nat" else None
            hi = None
            for c in conj:
                ub = upper_bound(c, lambda t: isinstance(t, A.Name) and t.name == x)
                if ub is not None and not mentions(ub[0], x):
                    hi = f"({self.expr(ub[0], ctx)}) - {1 if ub[1] else 0}"
                lb = lower_bound(c, x)
                if lb is not None and not mentions(lb[0], x):
                    lo = f"({self.expr(lb[0], ctx)}) + {1 if lb[1] else 0}"
                    if s.name == "Nat":
                        lo = f"max(0, {lo})"
            if lo is not None and hi is not None:
                return f"range({lo}, {hi} + 1)"
        return None

    def x_SetMap(self, e: A.SetMap, ctx: Ctx) -> str:
        if len(e.bounds) == 1 and self._infinite_base(e.bounds[0], ctx):
            # {f(n) : n \\in Nat}: a lazy set, as TLC keeps it until it is enumerated
            b = e.bounds[0]
            py = self.emitter.fresh("v_")
            body = self.expr(e.expr, ctx.with_locals({b.names[0]: LVal(py)}))
            return f"V.MapSet({self.expr(b.set, ctx)}, lambda {py}: {body}, {print_expr(e)!r})"
        clauses, inner = self.comprehension(e.bounds, ctx)
        hoisted = self.loop_invariants([e.expr], [n for b in e.bounds for n in b.names], ctx)
        body = self.expr(e.expr, inner)
        self.end_hoisting(hoisted)
        return with_thunks(hoisted, f"frozenset({body} {clauses})")

    def x_FcnConstr(self, e: A.FcnConstr, ctx: Ctx) -> str:
        bounds = e.bounds
        if len(bounds) == 1 and not bounds[0].tuple_ and len(bounds[0].names) == 1:
            b = bounds[0]
            s = b.set
            py = self.emitter.fresh("v_")
            inner = ctx.with_locals({b.names[0]: LVal(py)})
            body = self.expr(e.body, inner)
            if isinstance(s, A.OpApp) and s.op == ".." and isinstance(s.args[0], A.Num) and s.args[0].value == 1 \
                    and self._is_native("..", ctx):
                hi = self.expr(s.args[1], ctx)
                return f"tuple({body} for {py} in range(1, {hi} + 1))"
            sc = self.hexpr(s, ctx)
            return f"mkfcn_over({sc}, lambda {py}: {body})"
        if any(isinstance(b.set, A.Name) and b.set.name in ("Int", "Nat", "Real") for b in bounds):
            # [i, j \in Int |-> i + j]: a lazy function over the infinite product (TLC's test10)
            return f"mkfcn_over({self._domain_code(bounds, ctx)}, {self._bound_lambda(bounds, e.body, ctx)})"
        names = []
        clauses = []
        inner = ctx
        for b in bounds:
            it = self.bound_iter(b, ctx, ordered=False)
            if b.tuple_:
                pys = [self.emitter.fresh("v_") for _ in b.names]
                tv = self.emitter.fresh("v_")
                clauses.append(f"for {tv} in {it} for ({''.join(p + ', ' for p in pys)}) in ({tv},)")
                names.append(tv)
                inner = inner.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            else:
                for n in b.names:
                    py = self.emitter.fresh("v_")
                    clauses.append(f"for {py} in {it}")
                    names.append(py)
                    inner = inner.with_locals({n: LVal(py)})
        key = names[0] if len(names) == 1 else "(" + "".join(n + ", " for n in names) + ")"
        return f"mkfcn({{{key}: {self.expr(e.body, inner)} {' '.join(clauses)}}})"

    # ------------------------------------------------------------------ action-level forms met as values

    def x_ActionSub(self, e: A.ActionSub, ctx: Ctx) -> str:
        a = self.expr(e.action, ctx)
        v = self.expr(e.sub, ctx)
        vp = self.expr(e.sub, replace(ctx, primed=True))
        # the subscript first: it is cheap, and when it decides, A (often a refinement's whole
        # next-state relation) is not evaluated at all
        if e.kind == "[]":
            return f"({vp} == {v} or {a})"
        return f"({vp} != {v} and {a})"

    def x_BoxAction(self, e, ctx):
        raise CompileError("a temporal formula ([][A]_v) cannot be evaluated as a value here", e.span)

    def x_Fairness(self, e, ctx):
        raise CompileError("a fairness formula cannot be evaluated as a value here", e.span)


CONST_ELEMENTS_LIMIT = 1 << 16   # elements of a constant lazy set enumerated once at compile time


def _constant_elements(S: V.LazySet) -> list | None:
    """The elements of a constant lazy set in TLC's order, if it is finite and small (else None: it is
    enumerated where it is used, with TLC's error if it cannot be)."""
    try:
        if not S.is_finite() or S.cardinality() > CONST_ELEMENTS_LIMIT:
            return None
        return R.enum(S)
    except Exception:   # an error of the set's own is raised where TLC meets it, at run time
        return None


UNROLL_MAX = 9           # elements (tuples of them) of a quantifier over constant sets, written out
UNROLL_CODE_MAX = 4000   # characters of the written-out quantifier's code
CELL_CODE_LIMIT = 2000   # characters of a LET's code times its uses, written out at each use (LCell)


def with_thunks(hoisted: list[tuple[str, str]], code: str) -> str:
    """code with each hoisted loop invariant's thunk bound around it (hoist.py)."""
    if not hoisted:
        return code
    names = ", ".join(h for h, _ in hoisted)
    return f"(lambda {names}: {code})({', '.join(f'Thunk(lambda: {c})' for _, c in hoisted)})"


def _primes(e) -> bool:
    """Does ``e`` prime something (``'`` or UNCHANGED anywhere in it)?"""
    if isinstance(e, A.OpApp) and e.op in ("'", "UNCHANGED"):
        return True
    return any(_primes(ch) for ch in children(e))
