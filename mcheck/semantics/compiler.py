"""Compile TLA+ expressions and actions to Python source, then to Python functions.

Each definition is compiled once.  A state is a tuple of values in variable
order; a state predicate becomes ``def f(s): return <expr>``.  An action
becomes a generator ``def a(s): ... yield (n0, n1, ...)`` written in
continuation-passing style: conjuncts are processed left to right, ``x' = e``
binds a Python local ``n<i>`` the first time and tests equality after, a
disjunction or ``\\E`` branches only while some primed variable is unbound —
exactly TLC's enumeration (TLC-SEMANTICS.md §4), so the counts match.
Which variables are bound is known at compile time on every path, so the
generated code has no bookkeeping left to do per state.
"""
from __future__ import annotations

import itertools
import linecache
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from ..syntax import ast as A
from ..syntax.errors import EvalError, ParseError
from . import env as E
from . import runtime as R
from . import values as V
from .levels import ACTION, CONSTANT, STATE, Levels, children

BUILTIN_CONSTANTS = {"TRUE": True, "FALSE": False}


class CompileError(ParseError):
    """Something in the spec that mcheck cannot compile (reported like a semantic error)."""


# ----------------------------------------------------------------------------- local bindings


@dataclass(frozen=True)
class LVal:
    """A bound variable or parameter held in a Python local."""
    py: str


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


def _all_vars_assigned(ctx: Ctx, nvars: int) -> bool:
    return len(ctx.assigned) == nvars


class Emitter:
    """Owns the generated source and its globals; nothing else reads or writes them.

    Generated code sees the runtime's public names (``R``, ``V`` and the helpers it calls) and the
    globals given here, and binds each value it uses to a global name (``value``).  Functions are
    added as source (``define``, ``define_source``) and compiled together at the next ``flush``;
    ``function`` flushes and returns one.  One counter numbers the fresh names and the flushes.
    """

    def __init__(self, extra_globals: dict[str, Any]):
        glob: dict[str, Any] = {"R": R, "V": V, "Fcn": V.Fcn, "frozenset": frozenset, "EvalError": EvalError}
        for name in dir(R):
            if not name.startswith("_"):
                glob.setdefault(name, getattr(R, name))
        glob.update(extra_globals)
        self._glob = glob
        self._sources: list[str] = []       # top-level generated function sources
        self._compiled_upto = 0
        self._counter = itertools.count()
        self._value_names: dict[int, str] = {}

    def fresh(self, prefix: str) -> str:
        """A new name: prefix and a number no other name of this emitter has."""
        return f"{prefix}{next(self._counter)}"

    def value(self, v: Any) -> str:
        """Python code for the value v: a literal (booleans, integers, strings), else a global name holding v."""
        if v is True:
            return "True"
        if v is False:
            return "False"
        if type(v) is int:
            return repr(v) if v >= 0 else f"({v})"
        if type(v) is str:
            V.intern_string(v)
            return repr(v)
        key = id(v)
        name = self._value_names.get(key)
        if name is None:
            name = self.fresh("K")
            self._glob[name] = v
            self._value_names[key] = name
            self._glob.setdefault("_keepalive", []).append(v)
        return name

    def bind(self, name: str, value: Any) -> None:
        """Make ``name`` a global of the generated code, holding ``value``."""
        self._glob[name] = value

    def lookup(self, name: str, default: Any = None) -> Any:
        """What the global ``name`` holds (``default`` if nothing), as it is: nothing is compiled."""
        return self._glob.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self._glob

    def define(self, name: str, params: str, code: str) -> str:
        """Add ``def name(params): return code``, compiled at the next flush; returns name."""
        self.define_source(f"def {name}({params}):\n    return {code}\n")
        return name

    def define_source(self, src: str) -> None:
        """Add the source of a generated function (or several), compiled at the next flush."""
        self._sources.append(src)

    def flush(self) -> None:
        """Compile the generated functions written since the last flush."""
        src = "\n".join(self._sources[self._compiled_upto:])
        self._compiled_upto = len(self._sources)
        if not src:
            return
        fname = f"<mcheck-generated-{next(self._counter)}>"
        # registered with linecache, so that a traceback through generated code shows its lines
        linecache.cache[fname] = (len(src), None, src.splitlines(True), fname)
        code = compile(src, fname, "exec")
        exec(code, self._glob)

    def function(self, name: str) -> Callable:
        """The compiled function ``name`` (flushing first)."""
        self.flush()
        return self._glob[name]


class Compiler:
    def __init__(self, natives: dict, nvars: int, variables: list[str], tlc_state: Any = None,
                 checked: bool = False):
        # checked: call the natives (with TLC's type checks and messages) instead of inline Python
        # operators; used to re-run a failing evaluation and report it as TLC would.
        self.checked = checked
        self.natives = natives
        self.nvars = nvars
        self.variables = variables
        self.levels = Levels(lambda name, env: self.resolve(name, Ctx(env), A.Name(name))[0])
        # TLC evaluates a constant-level 0-ary definition once, even one that draws a RandomElement
        self.const_levels = Levels(lambda name, env: self.resolve(name, Ctx(env), A.Name(name))[0],
                                   impure_is_state=False)
        # a state-level definition that draws no RandomElement, reads no TLCGet, ...: a function of the state
        self.pure_levels = Levels(lambda name, env: self.resolve(name, Ctx(env), A.Name(name))[0],
                                  impure_level=ACTION)
        self.tlc = tlc_state
        self.emitter = Emitter({"enabled_any": enabled_any, "TLCSTATE": tlc_state, "chk": self._chk})
        self._def_cache: dict[int, str] = {}
        self._const_cache: dict[int, tuple[bool, Any]] = {}
        self._inst_cache: dict[tuple, E.Env] = {}
        self._hoisting: set[int] = set()
        self._subexprs: dict[tuple, E.DefEntry] = {}
        self._small: dict[int, bool] = {}
        self.spans: list[A.Expr] = []  # diagnosis mode: expression per chk() id
        self.builder: E.Builder | None = None

    # ------------------------------------------------------------------ plumbing

    def span_text(self, node: A.Node | None) -> str:
        sp = getattr(node, "span", None)
        if sp is None:
            return ""
        return f"line {sp.line}, col {sp.col} to line {sp.end_line}, col {sp.end_col} of module {sp.file}"

    # ------------------------------------------------------------------ names

    def resolve(self, name: str, ctx: Ctx, node: A.Node) -> tuple[E.Entry, E.Env]:
        """The entry a (possibly ``I!Op``) name denotes, and the env its definition lives in."""
        if "!" in name:
            parts = name.split("!")
            if parts[-1] == ":" or parts[-1].isdigit():
                return self._subexpression(name, parts, ctx, node)
            env = ctx.env
            for i, inst in enumerate(parts[:-1]):
                ent = env.lookup(inst)
                if not isinstance(ent, E.InstEntry):
                    raise CompileError(f"{inst} is not an instance (in {name})", node.span)
                env = self.instance_env(ent, {})
            ent = env.lookup(parts[-1])
            if ent is None:
                raise CompileError(f"unknown operator '{parts[-1]}' in {name}", node.span)
            return ent, env
        ent = ctx.env.lookup(name)
        if ent is None:
            raise CompileError(f"unknown operator '{name}'", node.span)
        return ent, ctx.env

    def _subexpression(self, name: str, parts: list[str], ctx: Ctx, node: A.Node) -> tuple[E.Entry, E.Env]:
        """``Inv!2`` (the second conjunct or disjunct of Inv's body) and ``Thm!:`` (its statement)."""
        ent, env = self.resolve("!".join(parts[:-1]), ctx, node)
        if parts[-1] == ":":
            return ent, env
        if not isinstance(ent, E.DefEntry) or ent.unit.params:
            raise CompileError(f"{name}: only the conjuncts of a 0-ary definition can be selected", node.span)
        body = ent.unit.body
        while isinstance(body, A.Label):
            body = body.body
        if isinstance(body, A.Junction):
            items = list(body.items)
        elif isinstance(body, A.OpApp) and body.op in ("/\\", "\\/") and len(body.args) == 2:
            items = list(body.args)
        else:
            items = [body]
        n = int(parts[-1])
        if not 1 <= n <= len(items):
            raise CompileError(f"{name}: {ent.name} has {len(items)} parts", node.span)
        unit = A.OpDef(name, (), items[n - 1], span=items[n - 1].span)
        key = (id(ent), n)
        sub = self._subexprs.get(key)
        if sub is None:
            sub = self._subexprs[key] = E.DefEntry(name, unit, ent.env, ent.module)
        return sub, ent.env

    def instance_env(self, ent: E.InstEntry, params: dict) -> E.Env:
        key = (id(ent), tuple(sorted((k, id(v)) for k, v in params.items())))
        env = self._inst_cache.get(key)
        if env is None:
            assert self.builder is not None
            env = self.builder.instantiate(ent.unit, ent.env, params)
            self._inst_cache[key] = env
        return env

    def level(self, e: A.Expr, ctx: Ctx) -> int:
        bound: dict[str, int] = {}
        for k, v in ctx.locals.items():
            if isinstance(v, LExpr):
                # a call-by-name parameter has the level of its argument
                bound[k] = self.level(v.expr, v.ctx) if _mentions(e, k) else CONSTANT
            elif isinstance(v, LDef):
                bound[k] = self.level(v.unit.body, v.ctx.with_locals(
                    {p.name: LVal("_") for p in v.unit.params})) if _mentions(e, k) else CONSTANT
            else:
                bound[k] = CONSTANT
        return self.levels.of(e, ctx.env, bound)

    def is_closed_constant(self, e: A.Expr, ctx: Ctx) -> bool:
        if self.level(e, ctx) != CONSTANT:
            return False
        return not any(_mentions(e, k) for k in ctx.locals)

    # ------------------------------------------------------------------ constant folding

    def const_value(self, e: A.Expr, ctx: Ctx) -> Any:
        """Evaluate a closed constant expression now."""
        fn = self.emitter.fresh("c")
        body = self.expr(e, replace(ctx, locals={}, mode="expr", primed=False, assigned=(), nxt=None))
        return self.emitter.function(self.emitter.define(fn, "s=None", body))()

    def try_hoist(self, e: A.Expr, ctx: Ctx) -> str | None:
        if type(e) in (A.Num, A.Str, A.Bool, A.Name):
            return None
        if id(e) in self._hoisting or not self.is_closed_constant(e, ctx):
            return None
        self._hoisting.add(id(e))
        try:
            v = self.const_value(e, ctx)
        except Exception:
            return None
        finally:
            self._hoisting.discard(id(e))
        return self.emitter.value(v)

    # ------------------------------------------------------------------ expressions

    def expr(self, e: A.Expr, ctx: Ctx) -> str:
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
            return f"chk({len(self.spans) - 1}, lambda: {m(e, ctx)})"
        return m(e, ctx)

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

    def _local_code(self, loc, node: A.Node, ctx: Ctx, args: tuple) -> str:
        if isinstance(loc, LVal):
            if args:
                raise CompileError(f"{getattr(node, 'name', getattr(node, 'op', '?'))} is not an operator", node.span)
            return loc.py
        if isinstance(loc, LExpr):
            inner = replace(loc.ctx, primed=ctx.primed or loc.ctx.primed, assigned=ctx.assigned, nxt=ctx.nxt,
                            state=ctx.state)
            if args:
                return self.apply_callable(self.expr(loc.expr, inner), args, ctx)
            return self.expr(loc.expr, inner)
        if isinstance(loc, LOp):
            return f"{loc.py}({', '.join(self.arg_code(a, ctx) for a in args)})"
        if isinstance(loc, LThunk):
            return f"{loc.py}()"
        if isinstance(loc, LFcn):
            return loc.py
        if isinstance(loc, LDef):
            return self.inline_def(loc.unit, loc.ctx, args, ctx)
        raise AssertionError(loc)

    def apply_callable(self, fcode: str, args: tuple, ctx: Ctx) -> str:
        return f"{fcode}({', '.join(self.arg_code(a, ctx) for a in args)})"

    def name_code(self, name: str, args: tuple, node: A.Node, ctx: Ctx, inst_args=()) -> str:
        loc = ctx.locals.get(name)
        if loc is not None:
            return self._local_code(loc, node, ctx, args)
        if name in BUILTIN_CONSTANTS and not args:
            return repr(BUILTIN_CONSTANTS[name])
        if name == "BOOLEAN":
            return self.emitter.value(V.BOOLEAN)
        if name == "STRING":
            return self.emitter.value(V.STRING_SET)
        if inst_args:
            return self.inst_call(name, inst_args, args, node, ctx)
        ent, env = self.resolve(name, ctx, node)
        return self.entry_code(ent, args, node, ctx)

    def inst_call(self, name: str, inst_args, args, node, ctx: Ctx) -> str:
        """``I(a)!Op(b)``: instantiate I with its parameters bound to the arguments (inlined)."""
        inst, opname = name.split("!", 1)
        ent = ctx.env.lookup(inst)
        if not isinstance(ent, E.InstEntry):
            raise CompileError(f"{inst} is not an instance", node.span)
        params = ent.unit.params
        pentries = {}
        locs = {}
        for p, a in zip(params, inst_args[0]):
            pentries[p.name] = LocalEntry(p.name, LExpr(a, ctx))
            locs[p.name] = LExpr(a, ctx)
        ienv = self.builder.instantiate(ent.unit, ent.env, pentries)  # type: ignore[union-attr]
        target = ienv.lookup(opname)
        if target is None:
            raise CompileError(f"unknown operator '{opname}' in {name}", node.span)
        # Compile the target with the instance parameters visible as call-by-name locals.
        sub_ctx = replace(ctx, env=ienv, locals=dict(locs))
        return self.entry_code(target, args, node, sub_ctx, force_inline=True, param_locals=locs)

    def entry_code(self, ent: E.Entry, args: tuple, node: A.Node, ctx: Ctx, force_inline: bool = False,
                   param_locals: dict | None = None) -> str:
        if isinstance(ent, LocalEntry):
            return self._local_code(ent.loc, node, ctx, args)
        if isinstance(ent, E.VarEntry):
            if args:
                raise CompileError(f"variable {ent.name} is not an operator", node.span)
            return self.var_code(ent, ctx)
        if isinstance(ent, E.ValueEntry):
            if args:
                if callable(ent.value):
                    return self.apply_callable(self.emitter.value(ent.value), args, ctx)
                raise CompileError(f"{ent.name} is not an operator", node.span)
            return self.emitter.value(ent.value)
        if isinstance(ent, E.ConstEntry):
            raise CompileError(f"the constant {ent.name} has no value: give it one in the .cfg", node.span)
        if isinstance(ent, E.SubstEntry):
            sub = replace(ctx, env=ent.env, locals=dict(param_locals or {}))
            code = self.expr(ent.expr, sub)
            return self.apply_callable(code, args, ctx) if args else code
        if isinstance(ent, E.NativeEntry):
            return self.native_code(ent, args, node, ctx)
        if isinstance(ent, E.FcnDefEntry):
            if args:
                raise CompileError(f"{ent.name} is a function: write {ent.name}[...]", node.span)
            return self.fcndef_code(ent, ctx)
        if isinstance(ent, E.DefEntry):
            unit = ent.unit
            if len(unit.params) != len(args):
                raise CompileError(
                    f"operator '{ent.name}' takes {len(unit.params)} argument(s), given {len(args)}", node.span)
            dctx = Ctx(ent.env, locals=dict(param_locals or {}), mode=ctx.mode, state=ctx.state, nxt=ctx.nxt,
                       assigned=ctx.assigned, primed=ctx.primed, exit=ctx.exit)
            lv = self.levels.of_entry(ent)
            if force_inline or self._parametric(ent.env) or lv >= ACTION or any(p.arity > 0 for p in unit.params) and self._needs_inline(unit, args, ctx):
                return self.inline_def(unit, dctx, args, ctx)
            if not unit.params and not param_locals and (
                    lv == CONSTANT or self.const_levels.of_entry(ent) == CONSTANT):
                return self.def_constant(ent, node)
            if unit.params and not self.checked and self._small_def(unit) and all(
                    type(a) in (A.Name, A.Num, A.Str, A.Bool) or _count_mentions(unit.body, p.name) <= 1
                    for p, a in zip(unit.params, args)):
                # a tiny operator (Edges(g) == g[2]) costs more to call than to evaluate
                return self.inline_def(unit, dctx, args, ctx)
            fn = self.def_function(ent)
            st = self.state_code(ctx)
            argc = "".join(", " + self.arg_code(a, ctx, p.arity) for p, a in zip(unit.params, args))
            return f"{fn}({st}{argc})"
        if isinstance(ent, E.InstEntry):
            raise CompileError(f"{ent.name} is an instance: write {ent.name}!Op", node.span)
        raise CompileError(f"cannot compile a reference to {ent.name}", node.span)

    def _chk(self, i: int, thunk):
        try:
            return thunk()
        except EvalError as err:
            if err.span is None:
                self._locate(err, i)
            raise
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, ZeroDivisionError) as err:
            ev = EvalError(f"{type(err).__name__}: {err}")
            self._locate(ev, i)
            raise ev from err

    def _locate(self, err: EvalError, i: int) -> None:
        from ..syntax.printer import print_expr
        node = self.spans[i]
        err.span = node.span
        try:
            text = print_expr(node)
        except Exception:
            text = None
        if text is not None and len(text) <= 300:
            err.notes = tuple(err.notes) + (f"while evaluating: {text}",)

    def _small_def(self, unit: A.OpDef) -> bool:
        """A short, non-recursive operator body that is cheaper inline than called."""
        r = self._small.get(id(unit))
        if r is None:
            r = _size(unit.body, 14) <= 12 and not _mentions(unit.body, unit.name) and all(
                p.arity == 0 for p in unit.params)
            self._small[id(unit)] = r
        return r

    def _parametric(self, env: E.Env) -> bool:
        """Whether env is inside ``I(x) == INSTANCE M``: its definitions see x, so they are inlined."""
        r = getattr(env, "_parametric", None)
        if r is None:
            r = any(isinstance(v, LocalEntry) for v in env.names.values())
            env._parametric = r  # type: ignore[attr-defined]
        return r

    def _needs_inline(self, unit: A.OpDef, args, ctx) -> bool:
        return any(self.level(a, ctx) >= ACTION for a in args if not isinstance(a, A.Lambda))

    def state_code(self, ctx: Ctx) -> str:
        if ctx.mode == "init":
            # the state as Init has bound it so far, for a definition called from Init
            return "(" + "".join((f"n{i}" if i in ctx.assigned else f"unbound({self.variables[i]!r})") + ", "
                                 for i in range(self.nvars)) + ")"
        if not ctx.primed:
            return ctx.state
        if ctx.nxt is not None and not ctx.assigned:
            return ctx.nxt
        # the next state as bound so far (UpdateOpOrder: opOrder' \in SUBSET(opId' \X opId') reads
        # opQ' through opId before opOrder' is bound): an unbound variable fails only if it is read
        return "(" + "".join((f"n{i}" if i in ctx.assigned else f"{ctx.nxt}[{i}]" if ctx.nxt is not None
                              else f"unbound({self.variables[i]!r})") + ", "
                             for i in range(self.nvars)) + ")"

    def var_code(self, ent: E.VarEntry, ctx: Ctx) -> str:
        i = ent.index
        if ctx.mode == "init":
            if i in ctx.assigned:
                return f"n{i}"
            return f"prime_unbound({ent.name!r})"
        if ctx.primed:
            if i in ctx.assigned:
                return f"n{i}"
            if ctx.nxt is not None:
                return f"{ctx.nxt}[{i}]"
            return f"prime_unbound({ent.name!r})"
        return f"{ctx.state}[{i}]"

    def arg_code(self, a: A.Expr, ctx: Ctx, arity: int = 0) -> str:
        """An argument: a value, or for a higher-order parameter a Python callable."""
        if isinstance(a, A.Lambda):
            params = [self.emitter.fresh("l_") for _ in a.params]
            inner = ctx.with_locals({p: LVal(py) for p, py in zip(a.params, params)})
            return f"(lambda {', '.join(params)}: {self.expr(a.body, inner)})"
        if arity > 0:
            names = [self.emitter.fresh("l_") for _ in range(arity)]
            if isinstance(a, A.Name):
                call = A.OpApp(a.name, tuple(A.Name(n) for n in names), span=a.span)
            elif isinstance(a, A.OpApp) and not a.args:
                call = A.OpApp(a.op, tuple(A.Name(n) for n in names), a.inst_args, span=a.span)
            else:
                raise CompileError("expected an operator as argument", a.span)
            inner = ctx.with_locals({n: LVal(n) for n in names})
            return f"(lambda {', '.join(names)}: {self.expr(call, inner)})"
        return self.expr(a, ctx)

    def inline_def(self, unit: A.OpDef, dctx: Ctx, args: tuple, ctx: Ctx) -> str:
        """The body of an operator with its parameters bound by name to the arguments."""
        binds = {}
        for p, a in zip(unit.params, args):
            if p.arity > 0 and isinstance(a, A.Lambda):
                binds[p.name] = LOp(self.arg_code(a, ctx), p.arity)
            else:
                binds[p.name] = LExpr(a, ctx)
        inner = replace(dctx.with_locals(binds), mode=ctx.mode, state=ctx.state, nxt=ctx.nxt,
                        assigned=ctx.assigned, primed=ctx.primed)
        return self.expr(unit.body, inner)

    def def_constant(self, ent: E.DefEntry, node: A.Node) -> str:
        key = id(ent)
        cached = self._const_cache.get(key)
        if cached is None:
            ctx = Ctx(ent.env)
            try:
                v = self.const_value(ent.unit.body, ctx)
                cached = (True, v)
            except (EvalError, R.UnsetVariable) as err:
                cached = (False, err)
            except RecursionError:
                cached = (False, None)
            self._const_cache[key] = cached
        ok, v = cached
        if ok:
            return self.emitter.value(v)
        return f"{self.def_function(ent)}(None)"

    def def_function(self, ent: E.DefEntry) -> str:
        key = id(ent)
        fn = self._def_cache.get(key)
        if fn is not None:
            return fn
        fn = self.emitter.fresh(f"d_{_pyname(ent.name)}_")
        self._def_cache[key] = fn
        unit = ent.unit
        params = []
        locs = {}
        for p in unit.params:
            py = self.emitter.fresh("p_")
            params.append(py)
            locs[p.name] = LOp(py, p.arity) if p.arity > 0 else LVal(py)
        ctx = Ctx(ent.env, locals=locs)
        body = self.expr(unit.body, ctx)
        if not params and _size(unit.body, 14) > 12 and self.levels.of_entry(ent) == STATE \
                and self.pure_levels.of_entry(ent) == STATE:
            # a 0-ary state function (token == LET tpos == CHOOSE ...): remember its value for the
            # last two states it was asked about, by identity (a step asks about s and t in turn)
            memo = fn + "_memo"
            self.emitter.bind(memo, [R.NO_STATE, None, R.NO_STATE, None])
            self.emitter.define_source(
                f"def {fn}(s):\n"
                f"    _mm = {memo}\n"
                f"    if s is _mm[0]:\n        return _mm[1]\n"
                f"    if s is _mm[2]:\n        return _mm[3]\n"
                f"    _vv = {body}\n"
                f"    _mm[2] = _mm[0]; _mm[3] = _mm[1]; _mm[0] = s; _mm[1] = _vv\n"
                f"    return _vv\n")
            return fn
        return self.emitter.define(fn, "s" + "".join(", " + p for p in params), body)

    def fcndef_code(self, ent: E.FcnDefEntry, ctx: Ctx) -> str:
        """A function definition ``f[x \\in S] == e`` (possibly recursive): a memoised function value."""
        key = id(ent)
        fn = self._def_cache.get(key)
        lv = self.levels.of_entry(ent)
        if fn is None:
            fn = self.emitter.fresh(f"f_{_pyname(ent.name)}_")
            self._def_cache[key] = fn
            unit = ent.unit
            self_name = self.emitter.fresh("self_")
            dctx = Ctx(ent.env, locals={unit.name: LFcn(self_name)})
            domain = self._domain_code(unit.bounds, dctx)
            body_fn = self._bound_lambda(unit.bounds, unit.body, dctx)
            self.emitter.define_source(
                f"def {fn}(s):\n"
                f"    {self_name} = V.LazyFcn({domain}, None)\n"
                f"    {self_name}.fn = {body_fn}\n"
                f"    return finish_fcn({self_name})\n")
            if lv == CONSTANT:
                v = self.emitter.function(fn)(None)
                self.emitter.bind(fn + "_v", v)
        if lv == CONSTANT and fn + "_v" in self.emitter:
            return fn + "_v"
        return f"{fn}({self.state_code(ctx)})"

    def _domain_code(self, bounds, ctx: Ctx) -> str:
        sets = []
        for b in bounds:
            s = self.hexpr(b.set, ctx)
            sets.extend([s] * len(b.names) if not b.tuple_ else [s])
        if len(sets) == 1:
            return sets[0]
        return f"cart({', '.join(sets)})"

    def _bound_lambda(self, bounds, body, ctx: Ctx) -> str:
        names = [n for b in bounds for n in b.names]
        pys = {n: LVal(self.emitter.fresh("v_")) for n in names}
        inner = ctx.with_locals(pys)
        code = self.expr(body, inner)
        if len(names) == 1:
            return f"(lambda {pys[names[0]].py}: {code})"
        return f"(lambda _t: (lambda {', '.join(p.py for p in pys.values())}: {code})(*_t))"

    # ------------------------------------------------------------------ operators

    def x_OpApp(self, e: A.OpApp, ctx: Ctx) -> str:
        op = e.op
        if op in ctx.locals:
            return self._local_code(ctx.locals[op], e, ctx, e.args)
        h = BUILTIN_OPS.get(op)
        if h is not None and not (op in ("\\X",) and ctx.env.lookup(op)):
            return h(self, e, ctx)
        return self.name_code(op, e.args, e, ctx, e.inst_args)

    def native_code(self, ent: E.NativeEntry, args: tuple, node: A.Node, ctx: Ctx) -> str:
        key = (ent.module, ent.name)
        tmpl = None if self.checked else INLINE_NATIVES.get(ent.name)
        if tmpl is not None and ent.module in INLINE_MODULES.get(ent.name, ()) and len(args) == tmpl[0]:
            return tmpl[1].format(*[self.expr(a, ctx) for a in args])
        special = SPECIAL_NATIVES.get(key)
        if special is not None:
            return special(self, args, node, ctx)
        fn = self.natives[key]
        g = self.emitter.value(fn)
        if ent.arity == 0 and not args:
            return self.emitter.value(fn())
        params = ent.unit.params if ent.unit is not None else ()
        codes = []
        for i, a in enumerate(args):
            ar = params[i].arity if i < len(params) else 0
            codes.append(self.arg_code(a, ctx, ar))
        return f"{g}({', '.join(codes)})"

    # ------------------------------------------------------------------ composite expressions

    def x_Junction(self, e: A.Junction, ctx: Ctx) -> str:
        j = " and " if e.kind == "/\\" else " or "
        return "(" + j.join(self.expr(i, ctx) for i in e.items) + ")"

    def x_If(self, e: A.If, ctx: Ctx) -> str:
        return f"({self.expr(e.then, ctx)} if {self.expr(e.cond, ctx)} else {self.expr(e.else_, ctx)})"

    def x_Case(self, e: A.Case, ctx: Ctx) -> str:
        if e.other is not None:
            tail = self.expr(e.other, ctx)
        else:
            tail = f"case_fail({self.span_text(e)!r})"
        for arm in reversed(e.arms):
            tail = f"({self.expr(arm.expr, ctx)} if {self.expr(arm.guard, ctx)} else {tail})"
        return tail

    def x_FcnApp(self, e: A.FcnApp, ctx: Ctx) -> str:
        if len(e.args) == 1 and isinstance(e.fn, A.FcnApp) and len(e.fn.args) == 1:
            # f[a][b]: one call instead of two
            return (f"ap2({self.expr(e.fn.fn, ctx)}, {self.expr(e.fn.args[0], ctx)}, "
                    f"{self.expr(e.args[0], ctx)})")
        f = self.expr(e.fn, ctx)
        if len(e.args) == 1:
            x = self.expr(e.args[0], ctx)
        else:
            x = "(" + "".join(self.expr(a, ctx) + ", " for a in e.args) + ")"
        if _SIMPLE.fullmatch(f) and x.isdigit() and int(x) > 0:
            return f"({f}[{int(x) - 1}] if type({f}) is tuple and len({f}) >= {x} else ap({f}, {x}))"
        if _SIMPLE.fullmatch(f) and _SIMPLE.fullmatch(x):
            # the common case inline: a sequence indexed by an integer in its domain
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
            uses_at = _mentions_at(u.value)
            if uses_at:
                at = self.emitter.fresh("at_")
                val = self.expr(u.value, ctx.with_locals({"@": LVal(at)}))
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
        for d in e.defs:
            if isinstance(d, A.Recursive):
                continue
            if isinstance(d, A.OpDef):
                if self.level(d.body, inner.with_locals({p.name: LVal("_") for p in d.params})) >= ACTION \
                        or any(p.arity > 0 for p in d.params):
                    inner = inner.with_locals({d.name: LDef(d, inner)})
                    continue
                if not d.params:
                    uses = _count_mentions(e.body, d.name) + sum(
                        _count_mentions(dd.body, d.name) for dd in e.defs if isinstance(dd, (A.OpDef, A.FcnDef)))
                    if uses <= 1 or type(d.body) in (A.Num, A.Str, A.Bool, A.Name):
                        inner = inner.with_locals({d.name: LExpr(d.body, inner)})
                        continue
                    py = self.emitter.fresh("t_")
                    code = f"Thunk(lambda: {self.expr(d.body, inner)})"
                    inner = inner.with_locals({d.name: LThunk(py)})
                    pre.append((py, code))
                    continue
                py = self.emitter.fresh("o_")
                pys = [self.emitter.fresh("p_") for _ in d.params]
                rec_ctx = inner.with_locals({d.name: LOp(py, len(d.params))})
                body_ctx = rec_ctx.with_locals({p.name: LVal(q) for p, q in zip(d.params, pys)})
                body = self.expr(d.body, body_ctx)
                lam = f"(lambda {', '.join(pys)}: {body})"
                if _mentions(d.body, d.name):
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
                inner = replace(inner, env=_child_env(inner.env, d))
            else:
                raise CompileError("unsupported LET definition", d.span)
        body = self.expr(e.body, inner)
        for py, code in reversed(pre):
            body = f"(lambda {py}: {body})({code})"
        return body

    def x_Lambda(self, e: A.Lambda, ctx: Ctx) -> str:
        return self.arg_code(e, ctx)

    # -- binders

    def bound_iter(self, b: A.Bound, ctx: Ctx, ordered: bool) -> str:
        """Python iterable over the values of a bound's set."""
        if b.set is None:
            return f"eval_fail({'an unbounded quantifier cannot be evaluated: ' + self.span_text(b)!r})"
        s = b.set
        if isinstance(s, A.OpApp) and s.op == ".." and self._is_native(s.op, ctx, "Naturals"):
            lo, hi = (self.expr(a, ctx) for a in s.args)
            return f"range({lo}, {hi} + 1)"
        code = self.hexpr(s, ctx)
        const = self.emitter.lookup(code) if code.startswith("K") else None
        if type(const) is frozenset:
            # a constant set: iterate it directly, or its normalized order computed once
            return self.emitter.value(R.enum(const)) if ordered else code
        return f"enum({code})" if ordered else f"iterset({code})"

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
        clauses, inner = self.comprehension(e.bounds, ctx)
        body = self.expr(e.body, inner)
        fn = "all" if e.kind == "\\A" else "any"
        return f"{fn}({body} {clauses})"

    def x_Choose(self, e: A.Choose, ctx: Ctx) -> str:
        b = e.bound
        if b.set is None:
            # valid TLA+ that TLC cannot evaluate either: an error only if it is ever evaluated
            return f"eval_fail({'CHOOSE without a bound set cannot be evaluated: ' + self.span_text(e)!r})"
        s = self.hexpr(b.set, ctx)
        if b.tuple_:
            pys = [self.emitter.fresh("v_") for _ in b.names]
            inner = ctx.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            pred = f"(lambda _t: (lambda {', '.join(pys)}: {self.expr(e.body, inner)})(*_t))"
        else:
            py = self.emitter.fresh("v_")
            pred = f"(lambda {py}: {self.expr(e.body, ctx.with_locals({b.names[0]: LVal(py)}))})"
        return f"choose({s}, {pred}, {self.span_text(e)!r})"

    def x_SetFilter(self, e: A.SetFilter, ctx: Ctx) -> str:
        b = e.bound
        special = self._bounded_filter(e, ctx)
        if special is not None:
            src = special
        elif self._infinite_base(b, ctx):
            # {s \in Seq(S) : P} with no bound on Len(s): a lazy set, as TLC's SetPredValue
            from ..syntax.printer import print_expr
            py = self.emitter.fresh("v_")
            inner = ctx.with_locals({b.names[0]: LVal(py)})
            return (f"V.FilterSet({self.expr(b.set, ctx)}, lambda {py}: {self.expr(e.pred, inner)}, "
                    f"{print_expr(e)!r})")
        else:
            src = self.bound_iter(b, ctx, ordered=False)
        if b.tuple_:
            pys = [self.emitter.fresh("v_") for _ in b.names]
            inner = ctx.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            tv = self.emitter.fresh("v_")
            return (f"frozenset({tv} for {tv} in {src} "
                    f"if (lambda {', '.join(pys)}: {self.expr(e.pred, inner)})(*{tv}))")
        py = self.emitter.fresh("v_")
        inner = ctx.with_locals({b.names[0]: LVal(py)})
        return f"frozenset({py} for {py} in {src} if {self.expr(e.pred, inner)})"

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
        conj = list(_conjuncts(e.pred))
        if isinstance(s, A.OpApp) and s.op == "Seq" and len(s.args) == 1 and self._is_native("Seq", ctx):
            for c in conj:
                lim = _upper_bound(c, lambda t: isinstance(t, A.OpApp) and t.op == "Len" and len(t.args) == 1
                                   and isinstance(t.args[0], A.Name) and t.args[0].name == x)
                if lim is not None and not _mentions(lim[0], x):
                    n = self.expr(lim[0], ctx)
                    if lim[1]:
                        n = f"({n}) - 1"
                    return f"V.BoundedSeqSet({self.hexpr(s.args[0], ctx)}, {n})"
        if isinstance(s, A.Name) and s.name in ("Nat", "Int") and self._is_native(s.name, ctx):
            lo = "0" if s.name == "Nat" else None
            hi = None
            for c in conj:
                ub = _upper_bound(c, lambda t: isinstance(t, A.Name) and t.name == x)
                if ub is not None and not _mentions(ub[0], x):
                    hi = f"({self.expr(ub[0], ctx)}) - {1 if ub[1] else 0}"
                lb = _lower_bound(c, x)
                if lb is not None and not _mentions(lb[0], x):
                    lo = f"({self.expr(lb[0], ctx)}) + {1 if lb[1] else 0}"
                    if s.name == "Nat":
                        lo = f"max(0, {lo})"
            if lo is not None and hi is not None:
                return f"range({lo}, {hi} + 1)"
        return None

    def x_SetMap(self, e: A.SetMap, ctx: Ctx) -> str:
        clauses, inner = self.comprehension(e.bounds, ctx)
        return f"frozenset({self.expr(e.expr, inner)} {clauses})"

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

    # ------------------------------------------------------------------ actions

    def action_function(self, body: A.Expr, ctx: Ctx, params: list[str], name: str) -> str:
        """Compile an action (or Init, with ctx.mode == "init") to a generator function; returns its name."""
        fn = self.emitter.fresh(f"a_{_pyname(name)}_")
        out = Out()
        out.emit(0, f"def {fn}(s{''.join(', ' + p for p in params)}):")
        ctx = replace(ctx, exit="return", assigned=())
        self.act(body, ctx, lambda c, o, ind: self.yield_state(c, o, ind), out, 1)
        out.emit(1, "return")
        out.emit(1, "yield")
        self.emitter.define_source(out.text())
        return fn

    def next_function(self, leaves: list[tuple[A.Expr, Ctx, list[tuple[str, Any]]]]) -> str:
        """All actions in one generator, in TLC's order: one call per state instead of one per action.

        It yields ``(i, t)``: the successor ``t`` and the index ``i`` of the action (leaf) that produced
        it, so that a trace is labelled without re-running the actions.  Each action runs inside a
        one-pass loop so that a failed guard can ``break`` out of it; the constants an action was
        split on are assigned before its code.
        """
        fn = self.emitter.fresh("next_all_")
        out = Out()
        out.emit(0, f"def {fn}(s):")
        for ai, (expr, ctx, binds) in enumerate(leaves):
            out.emit(1, "for _once in ONCE:")
            # the constants this action was split on go into the code as literals
            consts = {py: self.emitter.value(v) for py, v in binds}
            locs = {k: (LVal(consts[l.py]) if isinstance(l, LVal) and l.py in consts else l)
                    for k, l in ctx.locals.items()}
            ctx = replace(ctx, locals=locs, exit="break", assigned=())
            self.act(expr, ctx, lambda c, o, ind, ai=ai: self.yield_state(c, o, ind, tag=ai), out, 2)
        out.emit(1, "return")
        out.emit(1, "yield")
        self.emitter.bind("ONCE", (0,))
        self.emitter.define_source(out.text())
        return fn

    def yield_state(self, ctx: Ctx, out: Out, ind: int, tag: int | None = None) -> None:
        """Emit the end of an action path: yield the next state (``(tag, state)`` when tagged), or
        report the variables the path left unassigned."""
        missing = [self.variables[i] for i in range(self.nvars) if i not in ctx.assigned]
        if missing:
            partial = "".join((f"n{i}, " if i in ctx.assigned else "NULL, ") for i in range(self.nvars))
            out.emit(ind, f"unassigned(({partial}), {', '.join(repr(m) for m in missing)})")
        else:
            state = "(" + "".join(f"n{i}, " for i in range(self.nvars)) + ")"
            out.emit(ind, f"yield {state}" if tag is None else f"yield ({tag}, {state})")

    def _primed_var(self, e: A.Expr, ctx: Ctx) -> int | None:
        """The index of the variable that e names as x' (action mode) or x (init mode), if it does."""
        while isinstance(e, A.Name) and isinstance(ctx.locals.get(e.name), LExpr):
            loc = ctx.locals[e.name]
            e, ctx = loc.expr, self._sub_ctx(loc.ctx, ctx)
        if ctx.mode == "init":
            target = e
        else:
            if not (isinstance(e, A.OpApp) and e.op == "'" and len(e.args) == 1):
                return None
            target = e.args[0]
        return self._var_index(target, ctx)

    def _var_index(self, target: A.Expr, ctx: Ctx) -> int | None:
        while True:
            if isinstance(target, A.Label):
                target = target.body
                continue
            name = target.name if isinstance(target, A.Name) else (
                target.op if isinstance(target, A.OpApp) and not target.args and not target.inst_args else None)
            if name is None:
                return None
            loc = ctx.locals.get(name)
            if loc is not None:
                if isinstance(loc, LExpr):
                    target, ctx = loc.expr, loc.ctx
                    continue
                return None
            try:
                ent, _ = self.resolve(name, ctx, target)
            except CompileError:
                return None
            if isinstance(ent, E.VarEntry):
                return ent.index
            if isinstance(ent, E.SubstEntry):
                target, ctx = ent.expr, Ctx(ent.env)
                continue
            if isinstance(ent, E.DefEntry) and not ent.unit.params and ctx.mode != "init":
                return None
            return None

    def guard(self, code: str, ctx: Ctx, out: Out, ind: int) -> None:
        out.emit(ind, f"if not ({code}): {ctx.exit}")

    def act(self, e: A.Expr, ctx: Ctx, k, out: Out, ind: int) -> None:
        """Emit code that enumerates the ways e can hold, calling k for each."""
        t = type(e)
        all_bound = _all_vars_assigned(ctx, self.nvars)
        if t is A.Label:
            return self.act(e.body, ctx, k, out, ind)
        if t is A.Junction and e.kind == "/\\" or t is A.OpApp and e.op == "/\\" and len(e.args) == 2 \
                and "/\\" not in ctx.locals:
            items = e.items if t is A.Junction else e.args
            return self._conj(list(items), ctx, k, out, ind)
        if all_bound:
            self.guard(self.expr(e, ctx), ctx, out, ind)
            return k(ctx, out, ind)
        # TLC branches on a disjunction or \E reached while some primed variable is unbound,
        # even when it has no primes inside (TLC-SEMANTICS.md §4, Dup2): the counts depend on it.
        if t is A.Junction or t is A.OpApp and e.op == "\\/" and len(e.args) == 2 and "\\/" not in ctx.locals:
            items = e.items if t is A.Junction else e.args
            return self._disj(list(items), ctx, k, out, ind)
        if t is A.Quant and e.kind == "\\E":
            return self._exists(list(e.bounds), e.body, ctx, k, out, ind)
        if self._is_guard(e, ctx):
            self.guard(self.expr(e, ctx), ctx, out, ind)
            return k(ctx, out, ind)
        if t is A.If:
            out.emit(ind, f"if {self.expr(e.cond, ctx)}:")
            self.act(e.then, ctx, k, out, ind + 1)
            out.emit(ind, "else:")
            self.act(e.else_, ctx, k, out, ind + 1)
            return
        if t is A.Case:
            for i, arm in enumerate(e.arms):
                out.emit(ind, f"{'if' if i == 0 else 'elif'} {self.expr(arm.guard, ctx)}:")
                self.act(arm.expr, ctx, k, out, ind + 1)
            out.emit(ind, "else:")
            if e.other is not None:
                self.act(e.other, ctx, k, out, ind + 1)
            else:
                out.emit(ind + 1, f"case_fail({self.span_text(e)!r})")
            return
        if t is A.Quant and e.kind == "\\E":
            return self._exists(list(e.bounds), e.body, ctx, k, out, ind)
        if t is A.Let:
            return self._let_action(e, ctx, k, out, ind)
        if t is A.ActionSub:
            if e.kind == "[]":
                return self._disj([e.action, A.OpApp("UNCHANGED", (e.sub,), span=e.span)], ctx, k, out, ind)
            neq = A.OpApp("#", (A.OpApp("'", (e.sub,), span=e.span), e.sub), span=e.span)
            return self._conj([e.action, neq], ctx, k, out, ind)
        if t is A.OpApp:
            op = e.op
            if op in ("=", "\\in") and len(e.args) == 2 and op not in ctx.locals:
                idx = self._primed_var(e.args[0], ctx)
                if idx is not None and idx not in ctx.assigned:
                    if op == "=":
                        out.emit(ind, f"n{idx} = {self.expr(e.args[1], ctx)}")
                        return k(replace(ctx, assigned=ctx.assigned + (idx,)), out, ind)
                    src = self.hexpr(e.args[1], ctx)
                    out.emit(ind, f"for n{idx} in enum({src}):")
                    return k(replace(ctx, assigned=ctx.assigned + (idx,), exit="continue"), out, ind + 1)
            if op == "UNCHANGED" and ctx.mode != "init":
                return self._unchanged(e.args[0], ctx, k, out, ind)
            if op in ctx.locals:
                loc = ctx.locals[op]
                if isinstance(loc, LDef):
                    return self._inline_action(loc.unit, loc.ctx, e.args, ctx, k, out, ind)
                if isinstance(loc, LExpr) and not e.args:
                    return self.act(loc.expr, self._sub_ctx(loc.ctx, ctx), k, out, ind)
            elif op not in BUILTIN_OPS or e.inst_args:
                ent = self._entry_for(op, ctx, e)
                r = self._act_entry(ent, e.args, ctx, k, out, ind, e)
                if r is not NotImplemented:
                    return
        if t is A.Name:
            loc = ctx.locals.get(e.name)
            if isinstance(loc, LExpr):
                return self.act(loc.expr, self._sub_ctx(loc.ctx, ctx), k, out, ind)
            if isinstance(loc, LDef):
                return self._inline_action(loc.unit, loc.ctx, (), ctx, k, out, ind)
            if loc is None and e.name not in BUILTIN_CONSTANTS:
                ent = self._entry_for(e.name, ctx, e)
                r = self._act_entry(ent, (), ctx, k, out, ind, e)
                if r is not NotImplemented:
                    return
        # anything else is a condition
        self.guard(self.expr(e, ctx), ctx, out, ind)
        return k(ctx, out, ind)

    def _entry_for(self, name: str, ctx: Ctx, node) -> E.Entry | None:
        if "!" in name:
            try:
                return self.resolve(name, ctx, node)[0] if not getattr(node, "inst_args", ()) else None
            except CompileError:
                return None
        return ctx.env.lookup(name)

    def _sub_ctx(self, inner: Ctx, outer: Ctx) -> Ctx:
        return replace(inner, mode=outer.mode, state=outer.state, nxt=outer.nxt, assigned=outer.assigned,
                       primed=outer.primed, exit=outer.exit)

    def _act_entry(self, ent, args, ctx: Ctx, k, out: Out, ind: int, node):
        if isinstance(ent, E.DefEntry):
            if len(ent.unit.params) != len(args):
                raise CompileError(f"operator '{ent.name}' takes {len(ent.unit.params)} argument(s), "
                                   f"given {len(args)}", node.span)
            return self._inline_action(ent.unit, Ctx(ent.env), args, ctx, k, out, ind)
        if isinstance(ent, E.SubstEntry) and not args:
            return self.act(ent.expr, self._sub_ctx(Ctx(ent.env), ctx), k, out, ind)
        return NotImplemented

    def _inline_action(self, unit: A.OpDef, dctx: Ctx, args, ctx: Ctx, k, out: Out, ind: int) -> None:
        binds = {}
        for p, a in zip(unit.params, args):
            if isinstance(a, (A.Name, A.Num, A.Str, A.Bool)) or p.arity > 0 or self.level(a, ctx) >= ACTION:
                binds[p.name] = LExpr(a, ctx) if not (p.arity > 0 and isinstance(a, A.Lambda)) else LOp(
                    self.arg_code(a, ctx), p.arity)
            else:
                py = self.emitter.fresh("p_")
                out.emit(ind, f"{py} = {self.expr(a, ctx)}")
                binds[p.name] = LVal(py)
        inner = self._sub_ctx(dctx.with_locals(binds), ctx)
        return self.act(unit.body, inner, k, out, ind)

    def _is_guard(self, e: A.Expr, ctx: Ctx) -> bool:
        """True when e cannot bind a variable: no primes (action mode), no unbound variable (init)."""
        if ctx.mode == "init":
            return False
        return self.level(e, ctx) < ACTION

    def _conj(self, items: list, ctx: Ctx, k, out: Out, ind: int) -> None:
        if not items:
            return k(ctx, out, ind)
        first, rest = items[0], items[1:]
        # the rest of the conjunction is compiled in this scope, whatever scope the first conjunct ended in
        self.act(first, ctx, lambda c, o, i: self._conj(rest, replace(ctx, assigned=c.assigned, exit=c.exit),
                                                         k, o, i), out, ind)

    def _disj(self, items: list, ctx: Ctx, k, out: Out, ind: int) -> None:
        if len(items) == 1:
            return self.act(items[0], ctx, k, out, ind)
        for item in items:
            fn = self.emitter.fresh("_b")
            out.emit(ind, f"def {fn}():")
            self.act(item, replace(ctx, exit="return"), k, out, ind + 1)
            out.emit(ind + 1, "return")
            out.emit(ind + 1, "yield")
            out.emit(ind, f"yield from {fn}()")

    def _exists(self, bounds: list, body, ctx: Ctx, k, out: Out, ind: int) -> None:
        if not bounds:
            return self.act(body, ctx, k, out, ind)
        b = bounds[0]
        it = self.bound_iter(b, ctx, ordered=True)
        if b.tuple_:
            pys = [self.emitter.fresh("v_") for _ in b.names]
            out.emit(ind, f"for ({''.join(p + ', ' for p in pys)}) in {it}:")
            inner = ctx.with_locals({n: LVal(p) for n, p in zip(b.names, pys)})
            inner = replace(inner, exit="continue")
            return self._exists(bounds[1:], body, inner, k, out, ind + 1)
        # \E x, y \in S : one loop per name
        names = list(b.names)
        inner = ctx
        for n in names:
            py = self.emitter.fresh("v_")
            out.emit(ind, f"for {py} in {it}:")
            inner = replace(inner.with_locals({n: LVal(py)}), exit="continue")
            ind += 1
        return self._exists(bounds[1:], body, inner, k, out, ind)

    def _let_action(self, e: A.Let, ctx: Ctx, k, out: Out, ind: int) -> None:
        inner = ctx
        for d in e.defs:
            if isinstance(d, A.Recursive):
                continue
            if isinstance(d, A.OpDef) and (d.params or self.level(d.body, inner) >= ACTION):
                if d.params and self.level(d.body, inner.with_locals({p.name: LVal('_') for p in d.params})) < ACTION \
                        and not any(p.arity for p in d.params):
                    py = self.emitter.fresh("o_")
                    pys = [self.emitter.fresh("p_") for _ in d.params]
                    rec_ctx = inner.with_locals({d.name: LOp(py, len(d.params))})
                    body = self.expr(d.body, rec_ctx.with_locals({p.name: LVal(q) for p, q in zip(d.params, pys)}))
                    lam = f"(lambda {', '.join(pys)}: {body})"
                    if _mentions(d.body, d.name):
                        lam = f"fix(lambda {py}: {lam})"
                    out.emit(ind, f"{py} = {lam}")
                    inner = rec_ctx
                else:
                    inner = inner.with_locals({d.name: LDef(d, inner)})
            elif isinstance(d, A.OpDef):
                py = self.emitter.fresh("t_")
                out.emit(ind, f"{py} = Thunk(lambda: {self.expr(d.body, inner)})")
                inner = inner.with_locals({d.name: LThunk(py)})
            elif isinstance(d, A.Instance) and d.name is not None:
                inner = replace(inner, env=_child_env(inner.env, d))
            elif isinstance(d, A.FcnDef):
                py = self.emitter.fresh("f_")
                rec_ctx = inner.with_locals({d.name: LFcn(py)})
                out.emit(ind, f"{py} = V.LazyFcn({self._domain_code(d.bounds, rec_ctx)}, None)")
                out.emit(ind, f"{py}.fn = {self._bound_lambda(d.bounds, d.body, rec_ctx)}")
                inner = rec_ctx
        return self.act(e.body, inner, k, out, ind)

    def _unchanged(self, arg: A.Expr, ctx: Ctx, k, out: Out, ind: int) -> None:
        leaves = self._unchanged_leaves(arg, ctx)
        c = ctx
        for leaf, lctx in leaves:
            idx = self._var_index(leaf, lctx)
            if idx is not None and idx not in c.assigned:
                out.emit(ind, f"n{idx} = s[{idx}]")
                c = replace(c, assigned=c.assigned + (idx,))
            elif idx is not None:
                self.guard(f"n{idx} == s[{idx}]", c, out, ind)
            else:
                lc = self._sub_ctx(lctx, c)
                self.guard(f"{self.expr(leaf, replace(lc, primed=True))} == {self.expr(leaf, lc)}", c, out, ind)
        return k(c, out, ind)

    def _unchanged_leaves(self, e: A.Expr, ctx: Ctx) -> list:
        """Split ``UNCHANGED <<x, vars, ...>>`` into its variables, looking through definitions."""
        if isinstance(e, A.Tuple):
            out = []
            for x in e.elems:
                out.extend(self._unchanged_leaves(x, ctx))
            return out
        name = e.name if isinstance(e, A.Name) else (
            e.op if isinstance(e, A.OpApp) and not e.args and not e.inst_args else None)
        if name is not None:
            loc = ctx.locals.get(name)
            if isinstance(loc, LExpr):
                return self._unchanged_leaves(loc.expr, loc.ctx)
            if loc is None:
                ent = self._entry_for(name, ctx, e)
                if isinstance(ent, E.DefEntry) and not ent.unit.params:
                    return self._unchanged_leaves(ent.unit.body, Ctx(ent.env))
                if isinstance(ent, E.SubstEntry):
                    return self._unchanged_leaves(ent.expr, Ctx(ent.env))
        return [(e, ctx)]


# ----------------------------------------------------------------------------- builtin operators


def _bin(tmpl):
    def h(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
        a, b = e.args
        return tmpl.format(c.expr(a, ctx), c.expr(b, ctx))
    return h


def _in(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    x, s = e.args
    if isinstance(s, A.OpApp) and s.op == ".." and c._is_native("..", ctx):
        lo, hi = (c.expr(a, ctx) for a in s.args)
        return f"in_range({c.expr(x, ctx)}, {lo}, {hi})"
    return f"({c.expr(x, ctx)} in {c.hexpr(s, ctx)})"


def _notin(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    return f"(not {_in(c, e, ctx)})"


def _prime(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    if ctx.mode == "init":
        raise CompileError("a primed expression cannot appear in an initial predicate", e.span)
    return c.expr(e.args[0], replace(ctx, primed=True))


def _unchanged_expr(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    a = e.args[0]
    return f"({c.expr(a, replace(ctx, primed=True))} == {c.expr(a, ctx)})"


def _enabled(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    vals = [(k, v) for k, v in ctx.locals.items() if isinstance(v, (LVal, LOp, LThunk, LFcn))]
    params = [v.py for _, v in vals]
    fn = c.action_function(e.args[0], replace(ctx, mode="action", primed=False, nxt=None, assigned=()),
                           params, "enabled")
    return f"enabled_any({fn}({ctx.state}{''.join(', ' + p for p in params)}))"


def enabled_any(gen) -> bool:
    """ENABLED: the action has a successor.  A successor that leaves variables unassigned counts
    (they are unconstrained), as in TLC, where ENABLED does not require a complete state."""
    try:
        return next(gen, None) is not None
    except R.UnsetVariable:
        return True


def _temporal(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    raise CompileError(f"the temporal operator {e.op} cannot be evaluated as a value here", e.span)


def _subset(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    return f"V.PowerSet({c.hexpr(e.args[0], ctx)})"


def _eq(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    a, b = e.args
    if c.checked:
        return f"V.tla_eq({c.expr(a, ctx)}, {c.expr(b, ctx)})"
    return f"({c.expr(a, ctx)} == {c.expr(b, ctx)})"


def _neq(c: Compiler, e: A.OpApp, ctx: Ctx) -> str:
    a, b = e.args
    if c.checked:
        return f"(not V.tla_eq({c.expr(a, ctx)}, {c.expr(b, ctx)}))"
    return f"({c.expr(a, ctx)} != {c.expr(b, ctx)})"


BUILTIN_OPS: dict[str, Callable] = {
    "=": _eq,
    "#": _neq,
    "/\\": _bin("({} and {})"),
    "\\/": _bin("({} or {})"),
    "=>": _bin("(not {} or {})"),
    "<=>": _bin("({} == {})"),
    "~": lambda c, e, ctx: f"(not {c.expr(e.args[0], ctx)})",
    "\\in": _in,
    "\\notin": _notin,
    "\\cup": _bin("cup({}, {})"),
    "\\cap": _bin("cap({}, {})"),
    "\\": _bin("setminus({}, {})"),
    "\\subseteq": _bin("subseteq({}, {})"),
    "SUBSET": _subset,
    "UNION": lambda c, e, ctx: f"union({c.expr(e.args[0], ctx)})",
    "DOMAIN": lambda c, e, ctx: f"dom({c.expr(e.args[0], ctx)})",
    "'": _prime,
    "UNCHANGED": _unchanged_expr,
    "ENABLED": _enabled,
    "[]": _temporal, "<>": _temporal, "~>": _temporal, "-+->": _temporal, "\\cdot": _temporal,
}

# Natives compiled inline: name -> (arity, template); only for the modules listed.
INLINE_NATIVES = {
    "+": (2, "({} + {})"), "-": (2, "({} - {})"), "*": (2, "({} * {})"),
    "<": (2, "({} < {})"), ">": (2, "({} > {})"), "<=": (2, "({} <= {})"), ">=": (2, "({} >= {})"),
    "-.": (1, "(-{})"), "..": (2, "interval({}, {})"), "\\div": (2, "idiv({}, {})"), "%": (2, "imod({}, {})"),
    "Len": (1, "len({})"), "Append": (2, "({} + ({},))"), "\\o": (2, "({} + {})"),
    "Cardinality": (1, "card({})"), "Seq": (1, "V.SeqSet({})"), "Head": (1, "seq_head({})"),
    "Tail": (1, "seq_tail({})"), "SubSeq": (3, "seq_sub({}, {}, {})"), ":>": (2, "mkfcn({{{}: {}}})"),
}
_ARITH = ("Naturals", "Integers", "Reals")
INLINE_MODULES = {k: _ARITH for k in ("+", "-", "*", "<", ">", "<=", ">=", "-.", "..", "\\div", "%")}
INLINE_MODULES.update({k: ("Sequences",) for k in ("Len", "Append", "\\o", "Seq", "Head", "Tail", "SubSeq")})
INLINE_MODULES["Cardinality"] = ("FiniteSets",)
INLINE_MODULES[":>"] = ("TLC",)


def _print(c: Compiler, args, node, ctx) -> str:
    return f"tlc_print({c.expr(args[0], ctx)}, {c.expr(args[1], ctx)})"


def _printt(c: Compiler, args, node, ctx) -> str:
    return f"tlc_print(None, {c.expr(args[0], ctx)})"


def _assert(c: Compiler, args, node, ctx) -> str:
    return f"tlc_assert({c.expr(args[0], ctx)}, {c.expr(args[1], ctx)}, {c.span_text(node)!r})"


def _tlcget(c: Compiler, args, node, ctx) -> str:
    return f"TLCSTATE.get({c.expr(args[0], ctx)})"


def _tlcset(c: Compiler, args, node, ctx) -> str:
    return f"TLCSTATE.set({c.expr(args[0], ctx)}, {c.expr(args[1], ctx)})"


def _unsupported(what: str):
    def h(c: Compiler, args, node, ctx) -> str:
        return f"eval_fail({(what + ' is not supported by mcheck yet: ' + c.span_text(node))!r})"
    return h


SPECIAL_NATIVES = {
    ("TLCExt", "Trace"): _unsupported("TLCExt's Trace"),
    ("TLCExt", "CounterExample"): _unsupported("TLCExt's CounterExample"),
    ("TLCExt", "ToTrace"): _unsupported("TLCExt's ToTrace"),
    ("TLCExt", "TLCDefer"): _unsupported("TLCExt's TLCDefer"),
    ("TLC", "Print"): _print,
    ("TLC", "PrintT"): _printt,
    ("TLC", "Assert"): _assert,
    ("TLC", "TLCGet"): _tlcget,
    ("TLC", "TLCSet"): _tlcset,
}


# ----------------------------------------------------------------------------- AST helpers


def _child_env(env: E.Env, inst: A.Instance) -> E.Env:
    """The environment of a LET body that defines ``I == INSTANCE M``."""
    child = E.Env(env.module, names=dict(env.names), modules=env.modules, variables=env.variables,
                  constants=env.constants)
    child.names[inst.name] = E.InstEntry(inst.name, inst, env)
    return child


_SIMPLE = __import__("re").compile(r"[A-Za-z_][A-Za-z_0-9]*(\[\d+\])?|\d+|'[A-Za-z_0-9 ]*'")

# Expressions that cannot fail on their own: not worth a location in diagnosis mode.
_LEAVES = {A.Num, A.Str, A.Bool, A.At, A.Lambda, A.Label}

# Composite expressions that are worth evaluating once when they are closed constants.
_HOISTABLE = {A.RecordConstr, A.Tuple, A.FcnConstr, A.SetMap, A.SetFilter, A.RecordSet, A.FcnSet, A.CartProd,
              A.Except, A.Choose}


def _size(e, limit: int) -> int:
    n = 1
    for ch in children(e):
        n += _size(ch, limit)
        if n > limit:
            return n
    if type(e) in (A.Let, A.Quant, A.Choose, A.SetFilter, A.SetMap, A.FcnConstr, A.Case):
        n += limit  # binders and LETs stay in functions
    return n


def _pyname(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)[:30]


def _mentions(e, name: str) -> bool:
    """Whether the identifier `name` occurs in e (ignoring shadowing: a safe over-approximation)."""
    t = type(e)
    if t is A.Name:
        return e.name == name
    if t is A.OpApp and e.op == name:
        return True
    if t is A.At:
        return name == "@"
    for ch in children(e):
        if _mentions(ch, name):
            return True
    if t is A.Let:
        for d in e.defs:
            if isinstance(d, A.FcnDef):
                for b in d.bounds:
                    if b.set is not None and _mentions(b.set, name):
                        return True
    return False


def _mentions_at(e) -> bool:
    if type(e) is A.At:
        return True
    if type(e) is A.Except:
        # an inner EXCEPT's @ is its own, except in its fn and keys
        if _mentions_at(e.fn):
            return True
        return any(_mentions_at(k) for u in e.updates for st in u.path for k in st)
    return any(_mentions_at(ch) for ch in children(e))


def _count_mentions(e, name: str) -> int:
    t = type(e)
    n = 0
    if t is A.Name and e.name == name:
        return 1
    if t is A.OpApp and e.op == name:
        n = 1
    for ch in children(e):
        n += _count_mentions(ch, name)
    # a mention inside a binder body may run many times: count it as two
    if n and t in (A.Quant, A.SetFilter, A.SetMap, A.FcnConstr, A.Choose, A.Lambda):
        n = max(n, 2)
    return n


def _conjuncts(e):
    if isinstance(e, A.Junction) and e.kind == "/\\":
        for i in e.items:
            yield from _conjuncts(i)
    elif isinstance(e, A.OpApp) and e.op == "/\\" and len(e.args) == 2:
        yield from _conjuncts(e.args[0])
        yield from _conjuncts(e.args[1])
    else:
        yield e


def _upper_bound(c, is_x) -> tuple[A.Expr, bool] | None:
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


def _lower_bound(c, x: str) -> tuple[A.Expr, bool] | None:
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
