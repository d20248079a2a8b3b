"""Name resolution: every identifier and operator must mean something, with the right arity.

``check(loaded)`` walks every loaded module and raises the first problem as a
``ParseError`` (TLC reports these as semantic errors, exit 150);
``check_all(loaded)`` returns all of them.  The problems found are

* ``unknown operator 'Foo'``: a name that is not defined, declared or bound
  where it is used (TLA+ requires definition before use, except after a
  RECURSIVE declaration);
* ``operator 'Bar' takes 2 arguments, given 1``: an application with the
  wrong number of arguments, including an operator used as a value;
* ``'@' outside an EXCEPT``;
* instantiation errors: substituting a name the instantiated module does not
  declare, or an implicit substitution (``INSTANCE M`` substitutes each of
  M's constants and variables by the same name) with nothing of that name in
  scope.

Scoping follows TLA+: EXTENDS imports the non-LOCAL definitions, constants
and variables of the extended module (transitively); an unnamed ``INSTANCE M``
imports M's non-LOCAL definitions; ``I == INSTANCE M`` makes ``I!Op`` names; a
nested module sees what precedes it in the enclosing module.  Within
expressions: operator parameters, bound variables of quantifiers, CHOOSE,
set and function constructors, LAMBDA, LET definitions, RECURSIVE
declarations, recursive function definitions, ``@`` inside EXCEPT values.

The checker errs on the side of accepting: it never reports duplicate definitions, level errors
or shadowing, and ``Op!sub`` references (subexpression names) are accepted once ``Op`` resolves.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from mcheck.syntax import ast as A
from mcheck.syntax.errors import ParseError, source_line

from . import env as E
from .modules import STDLIB_DIR, Loaded, nested_modules, parse_file

__all__ = ["check", "check_all", "check_module", "Sym", "BUILTIN_NAMES", "BUILTIN_OPERATORS"]

# Names that need no module.
BUILTIN_NAMES = frozenset({"TRUE", "FALSE", "BOOLEAN", "STRING"})

# Operators of TLA+ itself (canonical spellings, see mcheck.syntax.ast).
BUILTIN_OPERATORS = frozenset({
    "=", "#", "/\\", "\\/", "~", "=>", "<=>", "\\in", "\\notin", "\\subseteq", "\\cup", "\\cap", "\\",
    "'", "UNCHANGED", "ENABLED", "DOMAIN", "SUBSET", "UNION", "[]", "<>", "~>", "-+->", "\\cdot", "\\X",
    "TRUE", "FALSE", "BOOLEAN", "STRING",  # and synonyms, in case a spelling reaches us unfolded:
    "/=", "\\land", "\\lor", "\\lnot", "\\neg", "\\equiv", "\\union", "\\intersect", "\\times",
})

_MAX_ERRORS = 100


@dataclass(eq=False)
class Sym:
    """What a name means: its kind, its arity, and (for a named instance) the instance's names."""

    kind: str  # "constant", "variable", "def", "fcn", "instance", "param", "bound", "recursive", "theorem", "builtin"
    arity: int = 0
    module: str = ""
    span: A.Span | None = None
    table: dict[str, "Sym"] | None = None  # named instance: the instantiated module's names
    local: bool = False
    params: tuple[int, ...] | None = None  # arities of a definition's parameters (>0: an operator parameter)


_BUILTIN_SYM = Sym("builtin")


class _Errors(Exception):
    """Stops the walk once max_errors problems are found."""


def _plural(n: int) -> str:
    return "no arguments" if n == 0 else "1 argument" if n == 1 else f"{n} arguments"


def _head_span(node: A.Node, name: str) -> A.Span | None:
    """Where the operator of ``node`` is written: ``Foo(x)`` gives just ``Foo``, ``a + b`` just ``+``."""
    sp = node.span
    if sp is None or not name:
        return sp
    if name[0].isalnum() or name[0] == "_":
        return A.Span(sp.file, sp.line, sp.col, sp.line, sp.col + len(name))
    args = getattr(node, "args", ())
    if len(args) == 2 and args[0].span is not None and args[1].span is not None:
        a, b = args[0].span, args[1].span
        if a.end_line == b.line:
            text = source_line(sp.file, a.end_line)
            if text is not None:
                gap = text[a.end_col - 1:b.col - 1]
                stripped = gap.strip().strip("()").strip()
                if stripped and "\n" not in gap:
                    start = a.end_col + gap.index(stripped)
                    return A.Span(sp.file, a.end_line, start, a.end_line, start + len(stripped))
    elif len(args) == 1 and args[0].span is not None and (args[0].span.line, args[0].span.col) > (sp.line, sp.col):
        b = args[0].span
        if b.line == sp.line:
            return A.Span(sp.file, sp.line, sp.col, sp.line, b.col)
    return sp


class Resolver:
    def __init__(self, loaded: Loaded, max_errors: int = _MAX_ERRORS):
        self.loaded = loaded
        self.errors: list[ParseError] = []
        self.max_errors = max_errors
        self._exports: dict[int, dict[str, Sym]] = {}
        self._exporting: set[int] = set()
        self._defined_later: dict[str, A.Span | None] = {}
        self._std_hints: dict[str, str] | None = None

    # ------------------------------------------------------------------ errors

    def error(self, message: str, span: A.Span | None, notes: tuple[str, ...] = ()) -> None:
        self.errors.append(ParseError(message, span, notes))
        if len(self.errors) >= self.max_errors:
            raise _Errors()

    def _hint(self, name: str, use: A.Span | None = None) -> tuple[str, ...]:
        later = self._defined_later.get(name)
        if later is not None:   # still unknown after its definition began: a use inside that definition
            inside = use is not None and (later.line, later.col) <= (use.line, use.col)
            return ((f"note: '{name}' is used in its own definition, at line {later.line}; a recursive operator "
                     "needs a RECURSIVE declaration before it") if inside else
                    (f"note: '{name}' is defined later, at line {later.line}; "
                     "TLA+ requires a definition before its use (or a RECURSIVE declaration)"),)
        if self._std_hints is None:
            self._std_hints = {}
            for mname in ("Naturals", "Integers", "Reals", "Sequences", "FiniteSets", "Bags", "TLC", "TLCExt"):
                mod = self._find_module(mname)
                if mod is None:
                    continue
                for n, s in self.exports(mod).items():
                    if s.kind in ("def", "fcn"):
                        self._std_hints.setdefault(n, mname)
        mname = self._std_hints.get(name)
        if mname is not None:
            return (f"note: '{name}' is defined in the standard module {mname}; add it to EXTENDS",)
        return ()

    # ------------------------------------------------------------------ modules

    def _find_module(self, name: str) -> A.Module | None:
        mod = self.loaded.modules.get(name)
        if mod is None:
            try:
                path = os.path.join(STDLIB_DIR, name + ".tla")
                if os.path.isfile(path):
                    mod = parse_file(path)
            except Exception:  # pragma: no cover - hints only
                return None
        return mod

    def exports(self, mod: A.Module) -> dict[str, Sym]:
        """The names a module gives to a module that EXTENDS it (and, with constants/variables, to ``I!``)."""
        key = id(mod)
        got = self._exports.get(key)
        if got is not None:
            return got
        if key in self._exporting:
            raise ParseError(f"module {mod.name} depends on itself through EXTENDS or INSTANCE", mod.span)
        self._exporting.add(key)
        try:
            table: dict[str, Sym] = {}
            for ext in mod.extends:
                emod = self._find_module(ext)
                if emod is not None:
                    table.update(self.exports(emod))
            for u in mod.units:
                self._declare(u, table, mod.name, exported_only=True)
        finally:
            self._exporting.discard(key)
        self._exports[key] = table
        return table

    def _instance_names(self, inst: A.Instance, definitions_only: bool) -> dict[str, Sym]:
        target = self._find_module(inst.module)
        if target is None:
            return {}
        names = self.exports(target)
        if definitions_only:
            return {n: s for n, s in names.items() if s.kind not in ("constant", "variable")}
        return names

    def _declare(self, u: A.Unit, table: dict[str, Sym], module: str, exported_only: bool) -> None:
        """Add what unit ``u`` defines to ``table`` (skipping LOCAL things when ``exported_only``)."""
        if isinstance(u, A.Constants):
            for d in u.decls:
                table[d.name] = Sym("constant", d.arity, module, d.span or u.span)
        elif isinstance(u, A.Variables):
            for n in u.names:
                table[n] = Sym("variable", 0, module, u.span)
        elif isinstance(u, A.OpDef):
            if not (exported_only and u.local):
                table[u.name] = Sym("def", len(u.params), module, u.span, local=u.local,
                                    params=tuple(p.arity for p in u.params))
        elif isinstance(u, A.FcnDef):
            if not (exported_only and u.local):
                table[u.name] = Sym("fcn", 0, module, u.span, local=u.local)
        elif isinstance(u, A.Recursive):
            if not exported_only:
                for d in u.decls:
                    table.setdefault(d.name, Sym("recursive", d.arity, module, d.span or u.span))
        elif isinstance(u, A.Instance):
            if exported_only and u.local:
                return
            if u.name is not None:
                table[u.name] = Sym("instance", len(u.params), module, u.span,
                                    table=self._instance_names(u, definitions_only=False), local=u.local)
            else:
                for n, s in self._instance_names(u, definitions_only=True).items():
                    table[n] = s
        elif isinstance(u, (A.Theorem, A.Assume)):
            if u.name is not None:
                table[u.name] = Sym("theorem", 0, module, u.span)

    # ------------------------------------------------------------------ module bodies

    def check_module(self, mod: A.Module, outer: dict[str, Sym] | None = None) -> None:
        scope: dict[str, Sym] = dict(outer or {})
        for ext in mod.extends:
            emod = self._find_module(ext)
            if emod is None:
                self.error(f"module {ext} not found", mod.span)
                continue
            try:
                scope.update(self.exports(emod))
            except ParseError as e:
                self.error(e.message, e.span)
        # Names defined anywhere in this module, for the "defined later" hint.
        saved_later = self._defined_later
        self._defined_later = {}
        for u in mod.units:
            tmp: dict[str, Sym] = {}
            try:
                self._declare(u, tmp, mod.name, exported_only=False)
            except ParseError:
                pass
            for n, s in tmp.items():
                self._defined_later.setdefault(n, s.span)
        try:
            for u in mod.units:
                self._unit(u, scope, mod)
        finally:
            self._defined_later = saved_later

    def _unit(self, u: A.Unit, scope: dict[str, Sym], mod: A.Module) -> None:
        if isinstance(u, A.Module):
            self.check_module(u, outer=scope)
            return
        if isinstance(u, A.OpDef):
            self._opdef(u, scope, [])
        elif isinstance(u, A.FcnDef):
            self._fcndef(u, scope, [])
        elif isinstance(u, A.Instance):
            self._instance(u, scope, [])
        elif isinstance(u, (A.Assume, A.Theorem)):
            if u.expr is not None:
                self.expr(u.expr, scope, [], in_except=False)
        try:
            self._declare(u, scope, mod.name, exported_only=False)
        except ParseError as e:
            self.error(e.message, e.span or u.span)

    def _opdef(self, u: A.OpDef, scope: dict[str, Sym], frames: list[dict[str, Sym]]) -> None:
        params = {p.name: Sym("param", p.arity, span=p.span) for p in u.params}
        self.expr(u.body, scope, frames + [params], in_except=False)

    def _fcndef(self, u: A.FcnDef, scope: dict[str, Sym], frames: list[dict[str, Sym]]) -> None:
        own = {u.name: Sym("fcn", 0, span=u.span)}
        inner = self._bounds(u.bounds, scope, frames + [own], sequential=True)
        self.expr(u.body, scope, frames + [own, inner], in_except=False)

    def _instance(self, u: A.Instance, scope: dict[str, Sym], frames: list[dict[str, Sym]]) -> None:
        target = self._find_module(u.module)
        params = {p.name: Sym("param", p.arity, span=p.span) for p in u.params}
        inner_frames = frames + [params]
        for _, e in u.substs:
            self.expr(e, scope, inner_frames, in_except=False, op_arg=True)
        if target is None:
            self.error(f"module {u.module} not found", u.span)
            return
        try:
            names = self.exports(target)
        except ParseError as e:
            self.error(e.message, e.span or u.span)
            return
        declared = {n: s for n, s in names.items() if s.kind in ("constant", "variable")}
        substituted = set()
        for lhs, e in u.substs:
            substituted.add(lhs)
            if lhs not in declared:
                self.error(f"module {u.module} has no constant or variable '{lhs}' to substitute",
                           e.span or u.span)
        for n, s in declared.items():
            if n in substituted:
                continue
            if self.lookup(n, scope, inner_frames) is None:
                self.error(f"instance of module {u.module} substitutes its {s.kind} '{n}' by '{n}', "
                           f"but no '{n}' is defined here", u.span,
                           (f"note: write INSTANCE {u.module} WITH {n} <- ... to give it a value",))

    # ------------------------------------------------------------------ scopes

    @staticmethod
    def lookup(name: str, scope: dict[str, Sym], frames: list[dict[str, Sym]]) -> Sym | None:
        for frame in reversed(frames):
            s = frame.get(name)
            if s is not None:
                return s
        s = scope.get(name)
        if s is not None:
            return s
        if name in BUILTIN_NAMES:
            return _BUILTIN_SYM
        return None

    def _bounds(self, bounds, scope, frames, sequential: bool = False, in_except: bool = False) -> dict[str, Sym]:
        """Resolve the sets of binder groups (``{x \\in @ : P}``: in_except); return their names' frame."""
        frame: dict[str, Sym] = {}
        for b in bounds:
            if b.set is not None:
                self.expr(b.set, scope, frames + ([frame] if sequential else []), in_except)
            for n in b.names:
                frame[n] = Sym("bound", 0, span=b.span)
        return frame

    # ------------------------------------------------------------------ expressions

    def _ref(self, name: str, node: A.Node, nargs: int, inst_args, scope, frames, op_arg: bool) -> Sym | None:
        """Check a use of ``name`` with ``nargs`` arguments (``None``: used as an operator argument)."""
        if E.is_path(name):
            return self._instance_ref(name, node, nargs, inst_args, scope, frames, op_arg)
        sym = self.lookup(name, scope, frames)
        if sym is None:
            if name in BUILTIN_OPERATORS:
                return None
            self.error(f"unknown operator '{name}'", span := _head_span(node, name), self._hint(name, span))
            return None
        self._arity(name, sym, node, nargs, op_arg)
        return sym

    def _arity(self, name: str, sym: Sym, node: A.Node, nargs: int, op_arg: bool) -> None:
        if sym.kind == "builtin":
            return
        if sym.kind == "instance":
            self.error(f"'{name}' is an instance of a module, not an operator: write {name}!Op",
                       _head_span(node, name))
            return
        if nargs == sym.arity:
            return
        if nargs == 0 and op_arg:
            return  # an operator passed as an argument: F(Op)
        notes: tuple[str, ...] = ()
        if sym.arity == 0 and sym.kind in ("variable", "constant", "fcn", "bound", "def", "param"):
            notes = (f"note: to apply a function, write {name}[...]",)
        self.error(f"operator '{name}' takes {_plural(sym.arity)}, given {nargs}", _head_span(node, name), notes)

    def _instance_ref(self, name, node, nargs, inst_args, scope, frames, op_arg) -> Sym | None:
        parts = E.path_parts(name)
        head = parts[0]
        sym = self.lookup(head, scope, frames)
        if sym is None:
            self.error(f"unknown operator '{head}'", span := _head_span(node, head), self._hint(head, span))
            return None
        inst_args = tuple(inst_args or ())
        k = 0
        cur = sym
        for i, part in enumerate(parts[1:], start=1):
            if cur.kind != "instance":
                return None  # Op!sub: a subexpression name inside a definition; accepted
            given = len(inst_args[k]) if k < len(inst_args) else 0
            k += 1
            if given != cur.arity:
                self.error(f"instance '{'!'.join(parts[:i])}' takes {_plural(cur.arity)}, given {given}",
                           _head_span(node, name))
                return None
            nxt = (cur.table or {}).get(part)
            if nxt is None:
                if part.isdigit() or part in ("<<", ">>", ":", "@"):
                    return None
                self.error(f"unknown operator '{'!'.join(parts[:i + 1])}'", _head_span(node, name))
                return None
            cur = nxt
        self._arity(name, cur, node, nargs, op_arg)
        return cur

    def _args(self, app: A.OpApp, sym: Sym | None, scope, frames, in_except: bool) -> None:
        """Resolve the arguments of an application; check operator arguments against the parameters."""
        expected = sym.params if sym is not None else None
        for i, arg in enumerate(app.args):
            want = expected[i] if expected is not None and i < len(expected) else None
            if want is None:
                # unknown parameter kinds (a declared operator constant, a RECURSIVE operator, ...): accept either
                self.expr(arg, scope, frames, in_except, op_arg=sym is not None and sym.kind not in ("builtin",)
                          and (app.op[:1].isalpha() or app.op[:1] == "_"))
            elif want == 0:
                self.expr(arg, scope, frames, in_except)
            else:
                if isinstance(arg, A.Lambda):
                    if len(arg.params) != want:
                        self.error(f"argument {i + 1} of '{app.op}' must be an operator of {_plural(want)}, "
                                   f"given a LAMBDA of {_plural(len(arg.params))}", arg.span)
                    self.expr(arg, scope, frames, in_except)
                elif isinstance(arg, A.Name):
                    given = self._ref(arg.name, arg, 0, (), scope, frames, op_arg=True)
                    if given is not None and given.kind not in ("builtin",) and given.arity != want \
                            and given.kind not in ("instance",):
                        self.error(f"argument {i + 1} of '{app.op}' must be an operator of {_plural(want)}, "
                                   f"given '{arg.name}', which takes {_plural(given.arity)}", arg.span)
                else:
                    # A built-in operator symbol passed as an argument, or an expression the parser
                    # represents differently: accept it.
                    self.expr(arg, scope, frames, in_except, op_arg=True)

    def exprs(self, xs, scope, frames, in_except: bool, op_arg: bool = False) -> None:
        for x in xs:
            self.expr(x, scope, frames, in_except, op_arg)

    def expr(self, e, scope: dict[str, Sym], frames: list[dict[str, Sym]], in_except: bool,
             op_arg: bool = False) -> None:
        if e is None or isinstance(e, (A.Num, A.Decimal, A.Str, A.Bool)):
            return
        if isinstance(e, A.Name):
            self._ref(e.name, e, 0, (), scope, frames, op_arg)
        elif isinstance(e, A.OpApp):
            for group in e.inst_args:  # I(G)!Op, Op(G, 9)!lab: parameters may be operators
                self.exprs(group, scope, frames, in_except, op_arg=True)
            sym = self._ref(e.op, e, len(e.args), e.inst_args, scope, frames, False)
            self._args(e, sym, scope, frames, in_except)
        elif isinstance(e, A.At):
            if not in_except:
                self.error("'@' outside an EXCEPT: it only stands for the old value in [f EXCEPT ![a] = ... @ ...]",
                           e.span)
        elif not self._binder(e, scope, frames, in_except):
            self._parts(e, scope, frames, in_except)

    def _binder(self, e, scope: dict[str, Sym], frames: list[dict[str, Sym]], in_except: bool) -> bool:
        """LET, quantifiers, CHOOSE, set/function constructors, LAMBDA: the body in their scope (False: none)."""
        if isinstance(e, A.Let):
            frame: dict[str, Sym] = {}
            inner = frames + [frame]
            for d in e.defs:
                self._let_def(d, scope, inner, frame)
            self.expr(e.body, scope, inner, in_except)
        elif isinstance(e, A.Quant):
            frame = self._bounds(e.bounds, scope, frames, False, in_except)
            self.expr(e.body, scope, frames + [frame], in_except)
        elif isinstance(e, A.Choose):
            frame = self._bounds((e.bound,), scope, frames, False, in_except)
            self.expr(e.body, scope, frames + [frame], in_except)
        elif isinstance(e, A.SetFilter):
            frame = self._bounds((e.bound,), scope, frames, False, in_except)
            self.expr(e.pred, scope, frames + [frame], in_except)
        elif isinstance(e, A.SetMap):
            frame = self._bounds(e.bounds, scope, frames, False, in_except)
            self.expr(e.expr, scope, frames + [frame], in_except)
        elif isinstance(e, A.FcnConstr):
            frame = self._bounds(e.bounds, scope, frames, False, in_except)
            self.expr(e.body, scope, frames + [frame], in_except)
        elif isinstance(e, A.Lambda):
            frame = {p: Sym("param", 0, span=e.span) for p in e.params}
            self.expr(e.body, scope, frames + [frame], in_except)
        else:
            return False
        return True

    def _parts(self, e, scope: dict[str, Sym], frames: list[dict[str, Sym]], in_except: bool) -> None:
        """Resolve the parts of an expression that binds no names, in the scope it stands in."""
        if isinstance(e, A.Junction):
            self.exprs(e.items, scope, frames, in_except)
        elif isinstance(e, A.FcnApp):
            self.expr(e.fn, scope, frames, in_except)
            self.exprs(e.args, scope, frames, in_except)
        elif isinstance(e, A.Dot):
            self.expr(e.expr, scope, frames, in_except)
        elif isinstance(e, A.If):
            self.expr(e.cond, scope, frames, in_except)
            self.expr(e.then, scope, frames, in_except)
            self.expr(e.else_, scope, frames, in_except)
        elif isinstance(e, A.Case):
            for arm in e.arms:
                self.expr(arm.guard, scope, frames, in_except)
                self.expr(arm.expr, scope, frames, in_except)
            self.expr(e.other, scope, frames, in_except)
        elif isinstance(e, A.SetEnum):
            self.exprs(e.elems, scope, frames, in_except)
        elif isinstance(e, A.FcnSet):
            self.expr(e.dom, scope, frames, in_except)
            self.expr(e.rng, scope, frames, in_except)
        elif isinstance(e, (A.RecordConstr, A.RecordSet)):
            for _, v in e.fields:
                self.expr(v, scope, frames, in_except)
        elif isinstance(e, A.Except):
            self.expr(e.fn, scope, frames, in_except)
            for upd in e.updates:
                for step in upd.path:
                    self.exprs(step, scope, frames, in_except)
                self.expr(upd.value, scope, frames, in_except=True)
        elif isinstance(e, A.Tuple):
            self.exprs(e.elems, scope, frames, in_except)
        elif isinstance(e, A.CartProd):
            self.exprs(e.sets, scope, frames, in_except)
        elif isinstance(e, (A.ActionSub, A.BoxAction)):
            self.expr(e.action, scope, frames, in_except)
            self.expr(e.sub, scope, frames, in_except)
        elif isinstance(e, A.Fairness):
            self.expr(e.sub, scope, frames, in_except)
            self.expr(e.action, scope, frames, in_except)
        elif isinstance(e, A.Label):
            self.expr(e.body, scope, frames, in_except)
        else:
            # An expression kind this resolver does not know: look inside it, accept it.
            for v in _node_children(e):
                if isinstance(v, A.Expr):
                    self.expr(v, scope, frames, in_except)

    def _let_def(self, d, scope, frames, frame: dict[str, Sym]) -> None:
        if isinstance(d, A.OpDef):
            self._opdef(d, scope, frames)
            frame[d.name] = Sym("def", len(d.params), span=d.span, params=tuple(p.arity for p in d.params))
        elif isinstance(d, A.FcnDef):
            self._fcndef(d, scope, frames)
            frame[d.name] = Sym("fcn", 0, span=d.span)
        elif isinstance(d, A.Recursive):
            for decl in d.decls:
                frame[decl.name] = Sym("recursive", decl.arity, span=decl.span or d.span)
        elif isinstance(d, A.Instance):
            self._instance(d, scope, frames)
            if d.name is not None:
                frame[d.name] = Sym("instance", len(d.params), span=d.span,
                                    table=self._instance_names(d, definitions_only=False))
            else:
                frame.update(self._instance_names(d, definitions_only=True))
        elif isinstance(d, A.Module):
            self.check_module(d, outer=_flatten(scope, frames))


def _flatten(scope: dict[str, Sym], frames: list[dict[str, Sym]]) -> dict[str, Sym]:
    out = dict(scope)
    for f in frames:
        out.update(f)
    return out


def _node_children(node):
    for klass in type(node).__mro__:
        for s in getattr(klass, "__slots__", ()):
            if s != "span":
                v = getattr(node, s, None)
                if isinstance(v, tuple):
                    yield from v
                else:
                    yield v


# --------------------------------------------------------------------------- entry points


def check_all(loaded: Loaded, max_errors: int = _MAX_ERRORS) -> list[ParseError]:
    """Every resolution error of every loaded module (root module's errors first)."""
    r = Resolver(loaded, max_errors)
    order = [loaded.root] + [m for m in _top_modules(loaded) if m is not loaded.root]
    try:
        for mod in order:
            r.check_module(mod)
    except _Errors:
        pass
    except ParseError as e:
        r.errors.append(e)
    return r.errors


def _top_modules(loaded: Loaded) -> list[A.Module]:
    """Modules that are not nested inside another loaded module (nested ones are checked with their parent)."""
    nested: set[int] = set()
    mods = list({id(m): m for m in loaded.modules.values()}.values())
    for m in mods:
        for n in nested_modules(m):
            nested.add(id(n))
    return [m for m in mods if id(m) not in nested]


def check(loaded: Loaded) -> None:
    """Raise the first resolution error as a ``ParseError``; return quietly when every name resolves."""
    errors = check_all(loaded, max_errors=1)
    if errors:
        raise errors[0]


def check_module(loaded: Loaded, mod: A.Module) -> list[ParseError]:
    r = Resolver(loaded)
    try:
        r.check_module(mod)
    except _Errors:
        pass
    return r.errors
