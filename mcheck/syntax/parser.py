"""TLA+ parser: tokens from ``lexer`` -> LALR (lark) -> AST (``ast``).

The transformer is embedded in the LALR parser, so the AST is built while
parsing, without an intermediate parse tree.  Every lark failure becomes a
``ParseError`` with the offending token's span.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Iterator

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, UnexpectedInput
from lark.lexer import Lexer

from . import ast as A
from .astcache import cache_dir
from .ast import Span
from .errors import ParseError, register_source
from .lexer import DISPLAY, lex_expr, lex_module, token_text
from .subexpr import BINDER_ARGS

_GRAMMAR = Path(__file__).with_name("grammar.lark")


class _TokenListLexer(Lexer):
    """Hands lark the token list produced by ``lexer`` (the 'text' is that list)."""

    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        return iter(lexer_state.text)


# --------------------------------------------------------------------------- spans


def _start(x: Any) -> tuple[int, int]:
    if isinstance(x, Token):
        return x.line, x.column
    s = x.span
    return s.line, s.col


def _end(x: Any) -> tuple[int, int]:
    if isinstance(x, Token):
        return x.end_line, x.end_column
    s = x.span
    return s.end_line, s.end_col


def _names(toks: list[Token]) -> tuple[str, ...]:
    return tuple(str(t) for t in toks)


class _Build(Transformer):
    """Callbacks of the LALR parser: children (tokens and nodes) -> AST nodes."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)
        self.file = "<unknown>"

    # helpers ----------------------------------------------------------------
    def _sp(self, a: Any, b: Any) -> Span:
        l1, c1 = _start(a)
        l2, c2 = _end(b)
        return Span(self.file, l1, c1, l2, c2)

    def _err(self, msg: str, a: Any, b: Any | None = None) -> ParseError:
        return ParseError(msg, self._sp(a, b if b is not None else a))

    def _bounds(self, exprs: tuple[A.Expr, ...]) -> tuple[A.Bound, ...]:
        """``x, y \\in S, <<a, b>> \\in T`` parsed as expressions -> bounds."""
        out: list[A.Bound] = []
        pending: list[A.Name] = []
        for e in exprs:
            if isinstance(e, A.Name) and "!" not in e.name:
                pending.append(e)
                continue
            if isinstance(e, A.OpApp) and e.op == "\\in" and len(e.args) == 2:
                lhs, rng = e.args
                if isinstance(lhs, A.Name) and "!" not in lhs.name:
                    first = pending[0] if pending else lhs
                    out.append(A.Bound(tuple(p.name for p in pending) + (lhs.name,), False, rng,
                                       span=self._sp(first, e)))
                    pending = []
                    continue
                if (not pending and isinstance(lhs, A.Tuple) and lhs.elems
                        and all(isinstance(x, A.Name) and "!" not in x.name for x in lhs.elems)):
                    out.append(A.Bound(tuple(x.name for x in lhs.elems), True, rng, span=e.span))
                    continue
            raise self._err("expected a bound such as 'x \\in S'", e)
        if pending:
            raise self._err("expected '\\in' after bound identifier", pending[-1])
        return tuple(out)

    # modules ----------------------------------------------------------------
    def start_module(self, c: list) -> A.Module:
        return c[0]

    def start_expr(self, c: list) -> A.Expr:
        return c[0]

    def module(self, c: list) -> A.Module:
        return A.Module(str(c[1]), c[2], tuple(c[3:-1]), file=self.file, span=self._sp(c[0], c[-1]))

    def extends(self, c: list) -> tuple[str, ...]:
        return _names(c)

    def local(self, c: list) -> A.Unit:
        u = c[1]
        u.local = True
        u.span = self._sp(c[0], u)
        return u

    def constants(self, c: list) -> A.Constants:
        return A.Constants(tuple(c[1:]), span=self._sp(c[0], c[-1]))

    def variables(self, c: list) -> A.Variables:
        return A.Variables(_names(c[1:]), span=self._sp(c[0], c[-1]))

    def recursive(self, c: list) -> A.Recursive:
        return A.Recursive(tuple(c[1:]), span=self._sp(c[0], c[-1]))

    def decl_name(self, c: list) -> A.OpDecl:
        return A.OpDecl(str(c[0]), 0, span=self._sp(c[0], c[0]))

    def decl_op(self, c: list) -> A.OpDecl:
        return A.OpDecl(str(c[0]), len(c) - 3, span=self._sp(c[0], c[-1]))

    def decl_infix(self, c: list) -> A.OpDecl:
        return A.OpDecl(str(c[1]), 2, span=self._sp(c[0], c[-1]))

    def decl_prefix(self, c: list) -> A.OpDecl:
        name = "-." if c[0].type in ("MINUS", "PREFIX_DEF") else str(c[0])
        return A.OpDecl(name, 1, span=self._sp(c[0], c[-1]))

    def decl_postfix(self, c: list) -> A.OpDecl:
        return A.OpDecl(str(c[1]), 1, span=self._sp(c[0], c[-1]))

    def assume(self, c: list) -> A.Assume:
        return A.Assume(c[1], span=self._sp(c[0], c[1]))

    def assume_named(self, c: list) -> A.Assume:
        return A.Assume(c[2], str(c[1]), span=self._sp(c[0], c[2]))

    def theorem(self, c: list) -> A.Theorem:
        name = None
        expr = None
        for x in c[1:-1]:
            if isinstance(x, Token):
                name = str(x)
            else:
                expr = x
        return A.Theorem(str(c[0]), expr, name, span=self._sp(c[0], c[-2] if len(c) > 1 else c[0]))

    def opdef(self, c: list) -> A.OpDef:
        name, params, first = c[0]
        return A.OpDef(name, params, c[1], span=self._sp(first, c[1]))

    def named_instance(self, c: list) -> A.Instance:
        name, params, first = c[0]
        substs = c[3]
        last = substs[-1][1] if substs else c[2]
        return A.Instance(str(c[2]), substs, name, params, span=self._sp(first, last))

    def lhs_plain(self, c: list) -> tuple:
        return str(c[0]), (), c[0]

    def lhs_params(self, c: list) -> tuple:
        return str(c[0]), tuple(c[2:-1]), c[0]

    def lhs_infix(self, c: list) -> tuple:
        a, op, b = c
        return str(op), (A.Param(str(a), span=self._sp(a, a)), A.Param(str(b), span=self._sp(b, b))), a

    def lhs_prefix(self, c: list) -> tuple:
        return "-.", (A.Param(str(c[1]), span=self._sp(c[1], c[1])),), c[0]

    def lhs_postfix(self, c: list) -> tuple:
        return str(c[1]), (A.Param(str(c[0]), span=self._sp(c[0], c[0])),), c[0]

    def param_plain(self, c: list) -> A.Param:
        return A.Param(str(c[0]), span=self._sp(c[0], c[0]))

    def param_op(self, c: list) -> A.Param:
        return A.Param(str(c[0]), len(c) - 3, span=self._sp(c[0], c[-1]))

    def param_infix(self, c: list) -> A.Param:
        return A.Param(str(c[1]), 2, span=self._sp(c[0], c[-1]))

    def param_prefix(self, c: list) -> A.Param:
        return A.Param("-.", 1, span=self._sp(c[0], c[-1]))

    def param_postfix(self, c: list) -> A.Param:
        return A.Param(str(c[1]), 1, span=self._sp(c[0], c[-1]))

    def fcndef(self, c: list) -> A.FcnDef:
        return A.FcnDef(str(c[0]), tuple(c[2:-2]), c[-1], span=self._sp(c[0], c[-1]))

    def instance(self, c: list) -> A.Instance:
        substs = c[2]
        return A.Instance(str(c[1]), substs, span=self._sp(c[0], substs[-1][1] if substs else c[1]))

    def substs(self, c: list) -> tuple:
        return tuple(c)

    def subst(self, c: list) -> tuple:
        return str(c[0]), c[1]

    def infix_op(self, c: list) -> Token:
        return c[0]

    def any_op(self, c: list) -> Token:
        return c[0]

    # expressions -------------------------------------------------------------
    def binop(self, c: list) -> A.OpApp:
        a, op, b = c
        return A.OpApp(str(op), (a, b), span=self._sp(a, b))

    def cartprod(self, c: list) -> A.CartProd:
        return A.CartProd(tuple(c[::2]), span=self._sp(c[0], c[-1]))

    def postfix(self, c: list) -> A.OpApp:
        return A.OpApp(str(c[1]), (c[0],), span=self._sp(c[0], c[1]))

    def fcnapp(self, c: list) -> A.FcnApp:
        return A.FcnApp(c[0], c[2], span=self._sp(c[0], c[3]))

    def dot(self, c: list) -> A.Dot:
        return A.Dot(c[0], str(c[1]), span=self._sp(c[0], c[1]))

    def expr_list(self, c: list) -> tuple:
        return tuple(c)

    def label(self, c: list) -> A.Label:
        head, body = c
        if isinstance(head, A.Name) and "!" not in head.name:
            return A.Label(head.name, (), body, span=self._sp(head, body))
        if (isinstance(head, A.OpApp) and "!" not in head.op and not head.inst_args
                and all(isinstance(a, A.Name) and "!" not in a.name for a in head.args)):
            return A.Label(head.op, tuple(a.name for a in head.args), body, span=self._sp(head, body))
        raise self._err("a label must be an identifier, optionally with identifier parameters", head)

    def number(self, c: list) -> A.Num:
        t = c[0]
        return A.Num(int(t), span=self._sp(t, t))

    def decimal(self, c: list) -> A.Decimal:
        t = c[0]
        return A.Decimal(str(t), span=self._sp(t, t))

    def string(self, c: list) -> A.Str:
        t = c[0]
        return A.Str(str(t), span=self._sp(t, t))

    def true(self, c: list) -> A.Bool:
        return A.Bool(True, span=self._sp(c[0], c[0]))

    def false(self, c: list) -> A.Bool:
        return A.Bool(False, span=self._sp(c[0], c[0]))

    def at(self, c: list) -> A.At:
        return A.At(span=self._sp(c[0], c[0]))

    def paren(self, c: list) -> A.Expr:
        return c[1]

    def prefix(self, c: list) -> A.Expr:
        op, e = c
        if op.type == "BOX" and isinstance(e, A.ActionSub) and e.kind == "[]":
            return A.BoxAction(e.action, e.sub, span=self._sp(op, e))
        return A.OpApp(str(op), (e,), span=self._sp(op, e))

    def neg(self, c: list) -> A.OpApp:
        return A.OpApp("-.", (c[1],), span=self._sp(c[0], c[1]))

    def set_empty(self, c: list) -> A.SetEnum:
        return A.SetEnum((), span=self._sp(c[0], c[1]))

    def set_enum(self, c: list) -> A.SetEnum:
        return A.SetEnum(c[1], span=self._sp(c[0], c[2]))

    def set_colon(self, c: list) -> A.Expr:
        lb, left, rights, rb = c
        span = self._sp(lb, rb)
        if len(rights) == 1 and isinstance(left, A.OpApp) and left.op == "\\in":
            lhs = left.args[0]
            if isinstance(lhs, A.Name) and "!" not in lhs.name:
                return A.SetFilter(A.Bound((lhs.name,), False, left.args[1], span=left.span), rights[0],
                                   span=span)
            if (isinstance(lhs, A.Tuple) and lhs.elems
                    and all(isinstance(x, A.Name) and "!" not in x.name for x in lhs.elems)):
                return A.SetFilter(A.Bound(tuple(x.name for x in lhs.elems), True, left.args[1], span=left.span),
                                   rights[0], span=span)
        return A.SetMap(left, self._bounds(rights), span=span)

    def tuple_empty(self, c: list) -> A.Tuple:
        return A.Tuple((), span=self._sp(c[0], c[1]))

    def tuple(self, c: list) -> A.Tuple:
        return A.Tuple(c[1], span=self._sp(c[0], c[2]))

    def angle_sub(self, c: list) -> A.ActionSub:
        return A.ActionSub("<<>>", c[1], c[3], span=self._sp(c[0], c[3]))

    def box_sub(self, c: list) -> A.ActionSub:
        return A.ActionSub("[]", c[1], c[3], span=self._sp(c[0], c[3]))

    def sub_name(self, c: list) -> A.Name:
        return A.Name("!".join(_names(c)), span=self._sp(c[0], c[-1]))

    def fcn_set(self, c: list) -> A.FcnSet:
        return A.FcnSet(c[1], c[2], span=self._sp(c[0], c[3]))

    def mapsto(self, c: list) -> A.Expr:
        span = self._sp(c[0], c[-1])
        heads, first = c[1], c[2]
        rest = c[3:-1]
        if len(heads) == 1 and isinstance(heads[0], A.Name) and "!" not in heads[0].name:
            fields = [(heads[0].name, first)]
            fields.extend((str(rest[i]), rest[i + 1]) for i in range(0, len(rest), 2))
            return A.RecordConstr(tuple(fields), span=span)
        if rest:
            raise self._err("expected ']' after function constructor body", rest[0])
        return A.FcnConstr(self._bounds(heads), first, span=span)

    def record_set(self, c: list) -> A.RecordSet:
        body = c[1:-1]
        return A.RecordSet(tuple((str(body[i]), body[i + 1]) for i in range(0, len(body), 2)),
                           span=self._sp(c[0], c[-1]))

    def except_(self, c: list) -> A.Except:
        return A.Except(c[1], tuple(c[2:-1]), span=self._sp(c[0], c[-1]))

    def update(self, c: list) -> A.ExceptUpdate:
        steps = c[:-2]
        value = c[-1]
        return A.ExceptUpdate(tuple(s[1] for s in steps), value, tuple(s[0] for s in steps),
                              span=self._sp(steps[0][2], value))

    def step_field(self, c: list) -> tuple:
        t = c[0]
        return True, (A.Str(str(t), span=self._sp(t, t)),), t

    def step_index(self, c: list) -> tuple:
        return False, c[1], c[0]

    def if_(self, c: list) -> A.If:
        return A.If(c[1], c[2], c[3], span=self._sp(c[0], c[3]))

    def arm(self, c: list) -> A.CaseArm:
        return A.CaseArm(c[0], c[1], span=self._sp(c[0], c[1]))

    def case(self, c: list) -> A.Case:
        arms = []
        other = None
        for x in c[1:]:
            if isinstance(x, A.CaseArm):
                arms.append(x)
            elif not isinstance(x, Token):
                other = x
        return A.Case(tuple(arms), other, span=self._sp(c[0], c[-1]))

    def let(self, c: list) -> A.Let:
        return A.Let(tuple(c[1:-1]), c[-1], span=self._sp(c[0], c[-1]))

    def names(self, c: list) -> list:
        return c

    def bound_names(self, c: list) -> A.Bound:
        toks, _, s = c
        return A.Bound(_names(toks), False, s, span=self._sp(toks[0], s))

    def bound_tuple(self, c: list) -> A.Bound:
        return A.Bound(_names(c[1]), True, c[4], span=self._sp(c[0], c[4]))

    def quant(self, c: list) -> A.Quant:
        return A.Quant(str(c[0]), tuple(c[1:-1]), c[-1], span=self._sp(c[0], c[-1]))

    def quant_unbounded(self, c: list) -> A.Quant:
        toks = c[1]
        b = A.Bound(_names(toks), False, None, span=self._sp(toks[0], toks[-1]))
        return A.Quant(str(c[0]), (b,), c[2], span=self._sp(c[0], c[2]))

    def choose(self, c: list) -> A.Choose:
        toks = c[1]
        if len(toks) != 1:
            raise self._err("CHOOSE binds a single identifier or a tuple <<x, y>>", toks[1])
        s = c[3] if len(c) == 5 else None
        b = A.Bound(_names(toks), False, s, span=self._sp(toks[0], s if s is not None else toks[0]))
        return A.Choose(b, c[-1], span=self._sp(c[0], c[-1]))

    def choose_tuple(self, c: list) -> A.Choose:
        s = c[5] if len(c) == 7 else None
        b = A.Bound(_names(c[2]), True, s, span=self._sp(c[1], s if s is not None else c[3]))
        return A.Choose(b, c[-1], span=self._sp(c[0], c[-1]))

    def lambda_(self, c: list) -> A.Lambda:
        return A.Lambda(_names(c[1]), c[2], span=self._sp(c[0], c[2]))

    def fairness(self, c: list) -> A.Fairness:
        return A.Fairness(str(c[0]), c[1], c[3], span=self._sp(c[0], c[4]))

    def junction(self, c: list) -> A.Junction:
        kind = "/\\" if c[0].type == "JSTART_AND" else "\\/"
        return A.Junction(kind, tuple(c[1:-1]), span=self._sp(c[0], c[-2]))

    def arg_list(self, c: list) -> tuple:
        return tuple(c)

    def op_arg(self, c: list) -> A.Name:
        return A.Name(str(c[0]), span=self._sp(c[0], c[0]))

    def app(self, c: list) -> A.Expr:
        c = [(str(x), None, x, x) if isinstance(x, Token) else x for x in c]
        if len(c) == 1:
            name, args, first, last = c[0]
            if args is None:
                return A.Name(name, span=self._sp(first, last))
            return A.OpApp(name, args, span=self._sp(first, last))
        path = "!".join(s[0] for s in c)
        args = c[-1][1]
        inst = tuple(s[1] or () for s in c[:-1])
        if not any(inst):
            inst = ()
        span = self._sp(c[0][2], c[-1][3])
        if args is None and not inst:
            return A.Name(path, span=span)
        return A.OpApp(path, args or (), inst, span=span)

    def seg_name(self, c: list) -> tuple:
        return str(c[0]), None, c[0], c[0]

    def seg_args(self, c: list) -> tuple:
        return str(c[0]), c[2], c[0], c[3]

    def binder_args(self, c: list) -> tuple:
        return BINDER_ARGS, c[1], c[0], c[2]

    def prefix_infix(self, c: list) -> Token:
        return c[0]

    def infix_call(self, c: list) -> A.OpApp:
        return A.OpApp(str(c[0]), tuple(c[2]), span=self._sp(c[0], c[3]))


# --------------------------------------------------------------------------- the parser object

_lock = threading.Lock()
_builder = _Build()
_parser: Lark | None = None


def _cache_path() -> str | None:
    d = cache_dir()
    return None if d is None else os.path.join(d, "tla_grammar.lark.cache")


def _get_parser() -> Lark:
    global _parser
    if _parser is None:
        text = _GRAMMAR.read_text()
        kw: dict[str, Any] = dict(parser="lalr", lexer=_TokenListLexer, transformer=_builder,
                                  start=["start_module", "start_expr"], maybe_placeholders=False)
        path = _cache_path()
        try:
            _parser = Lark(text, cache=path, **kw) if path else Lark(text, **kw)
        except (OSError, EOFError, ValueError):  # unreadable or stale cache: build afresh
            _parser = Lark(text, **kw)
    return _parser


# --------------------------------------------------------------------------- errors

#: terminals that merely continue an expression (ignored when saying what was expected).
_CONTINUATIONS = frozenset([
    "OP1", "OP2", "AND", "OR", "EQ", "IN", "OP5", "OP6", "OP7", "OP8", "OP9", "OP10", "TIMES", "OP11",
    "MINUS", "OP13", "OP14", "POSTFIX", "PRIME", "LBRACK", "_DOT", "_DCOLON", "LPAR", "_BANG"])
_CLOSING = ["RPAR", "RBRACK", "RBRACE", "RTUP", "_THEN", "_ELSE", "_IN", "_COLON", "_ARROW", "END_MODULE"]
_VIRTUAL = {"JEND": "unexpected end of bulleted list (check the indentation of '/\\' and '\\/')",
            "THM_END": "unexpected end of theorem", "$END": "unexpected end of input"}


def _show(name: str) -> str:
    return DISPLAY.get(name, name.lstrip("_"))


_OPEN_CLOSE = {"LPAR": "RPAR", "LBRACK": "RBRACK", "LBRACE": "RBRACE", "LTUP": "RTUP"}
_CLOSE_OPEN = {"RPAR": "LPAR", "RBRACK": "LBRACK", "RBRACK_SUB": "LBRACK", "RBRACE": "LBRACE",
               "RTUP": "LTUP", "RTUP_SUB": "LTUP"}


def _open_bracket(tokens: list[Token], tok: Token) -> str | None:
    """The closer of the innermost bracket still open before ``tok``."""
    stack: list[str] = []
    for t in tokens:
        if t is tok:
            break
        if t.type in _OPEN_CLOSE:
            stack.append(t.type)
        elif t.type in _CLOSE_OPEN and stack and stack[-1] == _CLOSE_OPEN[t.type]:
            stack.pop()
    return _OPEN_CLOSE[stack[-1]] if stack else None


def _convert(e: UnexpectedInput, source: str, file: str, tokens: list[Token]) -> ParseError:
    tok = getattr(e, "token", None)
    if not isinstance(tok, Token) or tok.line is None:
        return ParseError(f"syntax error: {e}", None)
    span = Span(file, tok.line, tok.column, tok.end_line or tok.line,
                max(tok.end_column or tok.column + 1, tok.column + 1))
    expected = set(getattr(e, "expected", ()) or ())
    rest = expected - _CONTINUATIONS
    if len(rest) == 1:
        return ParseError(f"expected '{_show(rest.pop())}'", span)
    closer = _open_bracket(tokens, tok)
    if closer is not None and closer in rest:
        return ParseError(f"expected '{_show(closer)}'", span)
    closers = [t for t in _CLOSING if t in rest]
    if len(closers) == 1 and rest - {"_COMMA", closers[0]} == set():
        return ParseError(f"expected '{_show(closers[0])}'", span)
    if tok.type in _VIRTUAL:
        return ParseError(_VIRTUAL[tok.type], span)
    if tok.type == "_JSEP":
        return ParseError(f"unexpected bullet '{tok.value}': the item before it is incomplete", span)
    return ParseError(f"unexpected token '{token_text(tok, source)}'", span)


def _run(tokens: list[Token], start: str, source: str, file: str) -> Any:
    parser = _get_parser()
    with _lock:
        _builder.file = file
        try:
            return parser.parse(tokens, start=start)
        except UnexpectedInput as e:
            raise _convert(e, source, file, tokens) from None
        except LarkError as e:  # pragma: no cover - defensive
            raise ParseError(f"syntax error: {e}", None) from None
        except RecursionError:
            raise ParseError("expression nested too deeply", None) from None


# --------------------------------------------------------------------------- public API


def parse_module(text: str, file: str) -> A.Module:
    """The first top-level module of ``text`` (nested modules are among its units)."""
    register_source(file, text)
    return _run(lex_module(text, file), "start_module", text, file)


def parse_expr(text: str, file: str = "<expr>") -> A.Expr:
    """One expression (for the .cfg reader, the REPL and tests)."""
    register_source(file, text)
    toks = lex_expr(text, file)
    if not toks:
        raise ParseError("expected an expression", Span(file, 1, 1, 1, 2))
    return _run(toks, "start_expr", text, file)
