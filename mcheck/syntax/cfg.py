"""TLC model files (.cfg): the configuration of one model-checking run.

``parse_cfg(text, file)`` reads the whole language TLC's ``ModelConfig``
accepts::

    CONSTANT(S)   N = 3   S = {a, b}   F(1, 2) = "x"   Nat <- MCNat   Op <-[Mod] MCOp
    INIT name   NEXT name   SPECIFICATION name
    INVARIANT(S) / PROPERTY(IES) / CONSTRAINT(S) / ACTION_CONSTRAINT(S)  name ...
    SYMMETRY name   VIEW name   ALIAS name   POSTCONDITION(S) name ...
    _POSSIBLE name ...   (TLC's reachability checks: each named predicate must hold somewhere)
    CHECK_DEADLOCK TRUE|FALSE

Every keyword may repeat; list keywords accumulate in file order.  Comments
are ``\\* ...`` and nestable ``(* ... *)``.  Values are a small language of
their own (integers, strings, TRUE/FALSE, model values, sets and tuples of
these), represented with the ``mcheck.syntax.ast`` nodes Num, Str, Bool, Name
(a model value), SetEnum and Tuple.

Names in the result are ``CfgName`` strings: they compare equal to plain
strings and carry the span they were written at in ``.span``, so a later
layer can report "INVARIANT Nope names no definition" at the right place.
Every error is a ``CfgSyntaxError`` (a ``ConfigError``) with a span.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field

from .ast import Bool, Expr, Name, Num, SetEnum, Span, Str, Tuple
from .errors import CfgSyntaxError, register_source

__all__ = ["CfgName", "ConstAssign", "Config", "parse_cfg", "KEYWORDS"]


class CfgName(str):
    """A name written in a .cfg file: a ``str`` that also knows its ``span``."""

    span: Span | None

    def __new__(cls, text: str, span: Span | None = None) -> "CfgName":
        obj = super().__new__(cls, text)
        obj.span = span
        return obj

    def __reduce__(self):  # pickling keeps the span
        return (CfgName, (str(self), self.span))


@dataclass(slots=True)
class ConstAssign:
    """One entry of a CONSTANT(S) section.

    * ``N = 3``: ``value`` is the value's AST (``args`` holds the argument
      values of an operator table entry ``F(1, 2) = 3``).
    * ``N <- M``: ``subst`` is the name of the operator that replaces N.
    * ``N <-[Mod] M``: as above, ``module`` is Mod (the substitution applies to
      the N of module Mod only).
    """

    name: CfgName
    value: Expr | None = None
    subst: CfgName | None = None
    module: CfgName | None = None
    args: tuple[Expr, ...] = ()
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def kind(self) -> str:
        """``"value"``, ``"subst"`` or ``"module_subst"``."""
        if self.value is not None:
            return "value"
        return "module_subst" if self.module is not None else "subst"


@dataclass(slots=True)
class Config:
    file: str = ""
    constants: list[ConstAssign] = field(default_factory=list)
    init: CfgName | None = None
    next: CfgName | None = None
    specification: CfgName | None = None
    invariants: list[CfgName] = field(default_factory=list)
    properties: list[CfgName] = field(default_factory=list)
    constraints: list[CfgName] = field(default_factory=list)
    action_constraints: list[CfgName] = field(default_factory=list)
    symmetry: CfgName | None = None
    view: CfgName | None = None
    alias: CfgName | None = None
    postconditions: list[CfgName] = field(default_factory=list)
    possible: list[CfgName] = field(default_factory=list)
    check_deadlock: bool | None = None

    @property
    def postcondition(self) -> CfgName | None:
        """The first POSTCONDITION (TLC checks every one, in order)."""
        return self.postconditions[0] if self.postconditions else None

    def constant(self, name: str) -> ConstAssign | None:
        """The last assignment to ``name`` (TLC lets a later one win), or None."""
        for c in reversed(self.constants):
            if c.name == name:
                return c
        return None


# keyword -> Config attribute; list-valued attributes accumulate
_LIST_KEYWORDS = {
    "INVARIANT": "invariants", "INVARIANTS": "invariants",
    "PROPERTY": "properties", "PROPERTIES": "properties",
    "CONSTRAINT": "constraints", "CONSTRAINTS": "constraints",
    "ACTION_CONSTRAINT": "action_constraints", "ACTION_CONSTRAINTS": "action_constraints",
    "POSTCONDITION": "postconditions", "POSTCONDITIONS": "postconditions",
    "_POSSIBLE": "possible",
}
_SINGLE_KEYWORDS = {
    "INIT": "init", "NEXT": "next", "SPECIFICATION": "specification",
    "SYMMETRY": "symmetry", "VIEW": "view", "ALIAS": "alias",
}
KEYWORDS: tuple[str, ...] = (
    "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
    "PROPERTY", "PROPERTIES", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
    "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "ALIAS", "POSTCONDITION", "POSTCONDITIONS", "CHECK_DEADLOCK",
    "_POSSIBLE",
)
_KEYWORD_SET = frozenset(KEYWORDS)


# --------------------------------------------------------------------------- tokens


@dataclass(slots=True)
class _Tok:
    kind: str  # "kw", "id", "num", "str", "sym", "eof"
    text: str
    value: object
    span: Span
    line_start: bool  # first token on its line


_WORD = re.compile(r"[A-Za-z0-9_]+")
_SYMBOLS = ("<<", ">>", "<-", "==", "..", ":=", "|->", "=", "{", "}", "[", "]", "(", ")", ",", "-")


def _describe(tok: _Tok) -> str:
    if tok.kind == "eof":
        return "the end of the file"
    return f"'{tok.text}'"


class _Lexer:
    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.i = 0
        self.line = 1
        self.col = 1
        self.last_line = 0  # line of the previous token

    def _span(self, line: int, col: int, end_line: int, end_col: int) -> Span:
        return Span(self.file, line, col, end_line, end_col)

    def _advance(self, n: int) -> None:
        for _ in range(n):
            if self.text[self.i] == "\n":
                self.line += 1
                self.col = 1
            else:
                self.col += 1
            self.i += 1

    def _skip_space_and_comments(self) -> None:
        text = self.text
        while self.i < len(text):
            c = text[self.i]
            if c in " \t\r\n\f\v":
                self._advance(1)
            elif text.startswith("\\*", self.i):
                while self.i < len(text) and text[self.i] != "\n":
                    self._advance(1)
            elif text.startswith("(*", self.i):
                line, col = self.line, self.col
                depth = 0
                while True:
                    if self.i >= len(text):
                        raise CfgSyntaxError("unterminated comment: '(*' has no matching '*)'",
                                          self._span(line, col, line, col + 2))
                    if text.startswith("(*", self.i):
                        depth += 1
                        self._advance(2)
                    elif text.startswith("*)", self.i):
                        depth -= 1
                        self._advance(2)
                        if depth == 0:
                            break
                    else:
                        self._advance(1)
            else:
                return

    def tokens(self) -> list[_Tok]:
        out: list[_Tok] = []
        text = self.text
        while True:
            self._skip_space_and_comments()
            line, col = self.line, self.col
            first = line != self.last_line
            if self.i >= len(text):
                out.append(_Tok("eof", "", None, self._span(line, col, line, col), first))
                return out
            self.last_line = line
            c = text[self.i]
            m = _WORD.match(text, self.i)
            if m:
                word = m.group()
                self._advance(len(word))
                span = self._span(line, col, line, col + len(word))
                if word.isdigit():
                    out.append(_Tok("num", word, int(word), span, first))
                elif not any(ch.isalpha() for ch in word):
                    out.append(_Tok("sym", word, None, span, first))
                elif word in _KEYWORD_SET:
                    out.append(_Tok("kw", word, None, span, first))
                else:
                    out.append(_Tok("id", word, None, span, first))
                continue
            if c == '"':
                out.append(self._string(line, col, first))
                continue
            for sym in _SYMBOLS:
                if text.startswith(sym, self.i):
                    self._advance(len(sym))
                    out.append(_Tok("sym", sym, None, self._span(line, col, line, col + len(sym)), first))
                    break
            else:
                self._advance(1)
                out.append(_Tok("sym", c, None, self._span(line, col, line, col + 1), first))

    def _string(self, line: int, col: int, first: bool) -> _Tok:
        text = self.text
        start = self.i
        self._advance(1)
        chars: list[str] = []
        escapes = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "f": "\f"}
        while True:
            if self.i >= len(text) or text[self.i] == "\n":
                raise CfgSyntaxError("unterminated string: the closing '\"' is missing",
                                  self._span(line, col, line, col + 1))
            c = text[self.i]
            if c == '"':
                self._advance(1)
                break
            if c == "\\" and self.i + 1 < len(text) and text[self.i + 1] in escapes:
                chars.append(escapes[text[self.i + 1]])
                self._advance(2)
                continue
            chars.append(c)
            self._advance(1)
        raw = text[start:self.i]
        return _Tok("str", raw, "".join(chars), self._span(line, col, self.line, self.col), first)


# --------------------------------------------------------------------------- parser


def _join(a: Span, b: Span) -> Span:
    return Span(a.file, a.line, a.col, b.end_line, b.end_col)


def _keyword_suggestion(word: str, cutoff: float = 0.6) -> str | None:
    close = difflib.get_close_matches(word.upper(), KEYWORDS, n=1, cutoff=cutoff)
    return close[0] if close else None


def _looks_like_keyword(tok: _Tok) -> str | None:
    """A misspelt keyword at the start of a line: ``INVARIANTT``, ``Invariant``, ``CONSTANTES``."""
    if tok.kind != "id" or not tok.line_start:
        return None
    word = tok.text
    if word.isupper() and len(word) >= 4:
        return _keyword_suggestion(word, 0.85)
    return None


def _unknown_keyword(tok: _Tok, suggestion: str | None = None) -> CfgSyntaxError:
    if suggestion is None and tok.kind == "id":
        suggestion = _keyword_suggestion(tok.text)
    msg = f"unknown keyword '{tok.text}' in the model file"
    if suggestion:
        msg += f"; did you mean '{suggestion}'?"
    else:
        msg += " (expected CONSTANT, INIT, NEXT, SPECIFICATION, INVARIANT, PROPERTY, CONSTRAINT, ...)"
    return CfgSyntaxError(msg, tok.span)


class _Parser:
    def __init__(self, tokens: list[_Tok], file: str):
        self.toks = tokens
        self.pos = 0
        self.cfg = Config(file=file)
        self.single_seen: dict[str, _Tok] = {}

    @property
    def tok(self) -> _Tok:
        return self.toks[self.pos]

    def peek(self, k: int = 1) -> _Tok:
        return self.toks[min(self.pos + k, len(self.toks) - 1)]

    def take(self) -> _Tok:
        t = self.toks[self.pos]
        if t.kind != "eof":
            self.pos += 1
        return t

    def parse(self) -> Config:
        while self.tok.kind != "eof":
            tok = self.tok
            if tok.kind != "kw":
                if tok.kind == "id":
                    raise _unknown_keyword(tok)
                raise CfgSyntaxError(f"unexpected {_describe(tok)} in the model file: expected a keyword "
                                  "such as CONSTANT, INIT, NEXT, SPECIFICATION or INVARIANT", tok.span)
            self.take()
            kw = tok.text
            if kw in ("CONSTANT", "CONSTANTS"):
                self.constants()
            elif kw in _LIST_KEYWORDS:
                self.names(kw, getattr(self.cfg, _LIST_KEYWORDS[kw]))
            elif kw in _SINGLE_KEYWORDS:
                self.single(kw, tok)
            elif kw == "CHECK_DEADLOCK":
                self.check_deadlock(tok)
        return self.cfg

    # -- sections

    def _is_next_statement(self) -> bool:
        t = self.tok
        return t.kind in ("kw", "eof") or _looks_like_keyword(t) is not None

    def names(self, kw: str, into: list[CfgName]) -> None:
        while self.tok.kind == "id":
            suggestion = _looks_like_keyword(self.tok)
            if suggestion is not None:
                raise _unknown_keyword(self.tok, suggestion)
            t = self.take()
            into.append(CfgName(t.text, t.span))
        if self.tok.kind not in ("kw", "eof"):
            raise CfgSyntaxError(f"{kw} takes names of definitions, found {_describe(self.tok)}", self.tok.span)

    def single(self, kw: str, kw_tok: _Tok) -> None:
        t = self.tok
        if t.kind != "id" or _looks_like_keyword(t) is not None:
            if t.kind in ("kw", "eof") or _looks_like_keyword(t) is not None:
                raise CfgSyntaxError(f"missing name after {kw}", kw_tok.span)
            raise CfgSyntaxError(f"{kw} takes the name of a definition, found {_describe(t)}", t.span)
        if kw in self.single_seen:
            first = self.single_seen[kw]
            raise CfgSyntaxError(f"{kw} appears twice in the model file (first at line {first.span.line})",
                              kw_tok.span)
        self.single_seen[kw] = kw_tok
        self.take()
        setattr(self.cfg, _SINGLE_KEYWORDS[kw], CfgName(t.text, t.span))
        if self.tok.kind == "id" and _looks_like_keyword(self.tok) is None:
            raise CfgSyntaxError(f"{kw} takes one name; '{self.tok.text}' is not a keyword", self.tok.span)

    def check_deadlock(self, kw_tok: _Tok) -> None:
        t = self.tok
        if t.kind in ("kw", "eof"):
            raise CfgSyntaxError("missing value after CHECK_DEADLOCK: expected TRUE or FALSE", kw_tok.span)
        if t.kind != "id" or t.text not in ("TRUE", "FALSE"):
            raise CfgSyntaxError(f"CHECK_DEADLOCK takes TRUE or FALSE, found {_describe(t)}", t.span)
        self.take()
        self.cfg.check_deadlock = t.text == "TRUE"

    def constants(self) -> None:
        while self.tok.kind == "id":
            name_tok = self.tok
            nxt = self.peek()
            if nxt.kind == "sym" and nxt.text in ("=", "<-", "("):
                self.constant()
                continue
            suggestion = _looks_like_keyword(name_tok)
            if suggestion is not None:
                raise _unknown_keyword(name_tok, suggestion)
            if nxt.kind == "sym" and nxt.text in ("==", ":=", ":", "|->"):
                raise CfgSyntaxError(f"expected '=' or '<-' after constant {name_tok.text}, found '{nxt.text}' "
                                  "(write 'N = value' or 'N <- Definition')", nxt.span)
            raise CfgSyntaxError(f"expected '=' or '<-' after constant {name_tok.text}, found {_describe(nxt)}",
                              nxt.span if nxt.kind != "eof" else name_tok.span)
        if self.tok.kind not in ("kw", "eof"):
            raise CfgSyntaxError(f"expected a constant name, found {_describe(self.tok)}", self.tok.span)

    def constant(self) -> None:
        name_tok = self.take()
        name = CfgName(name_tok.text, name_tok.span)
        args: list[Expr] = []
        if self.tok.text == "(" and self.tok.kind == "sym":
            self.take()
            while True:
                args.append(self.value(name_tok.text))
                if self.tok.kind == "sym" and self.tok.text == ",":
                    self.take()
                    continue
                break
            if not (self.tok.kind == "sym" and self.tok.text == ")"):
                raise CfgSyntaxError(f"expected ',' or ')' in the arguments of {name_tok.text}, "
                                  f"found {_describe(self.tok)}", self.tok.span)
            self.take()
            if self.tok.kind == "sym" and self.tok.text == "<-":
                raise CfgSyntaxError(f"an operator substitution names no arguments: write '{name_tok.text} <- Other'",
                                  self.tok.span)
            if not (self.tok.kind == "sym" and self.tok.text == "="):
                raise CfgSyntaxError(f"expected '=' after {name_tok.text}(...), found {_describe(self.tok)}",
                                  self.tok.span if self.tok.kind != "eof" else name_tok.span)
        op = self.take()
        if op.text == "=":
            if self.tok.kind in ("kw", "eof"):
                raise CfgSyntaxError(f"missing value after '{name_tok.text} ='", op.span)
            module = self.module_prefix(op.text)
            value = self.value(name_tok.text)
            self.cfg.constants.append(ConstAssign(name, value=value, args=tuple(args), module=module,
                                                  span=_join(name_tok.span, value.span)))
            self.after_assignment(name_tok.text)
            return
        # '<-'
        module = self.module_prefix(op.text)
        target = self.tok
        if target.kind in ("kw", "eof"):
            raise CfgSyntaxError(f"missing definition name after '{name_tok.text} <-'", op.span)
        if target.kind == "id" and target.text not in ("TRUE", "FALSE"):
            self.take()
            self.cfg.constants.append(ConstAssign(name, subst=CfgName(target.text, target.span), module=module,
                                                  span=_join(name_tok.span, target.span)))
            self.after_assignment(name_tok.text)
            return
        if target.kind in ("num", "str") or target.text in ("TRUE", "FALSE", "{", "<<", "-"):
            raise CfgSyntaxError(f"'<-' needs the name of a definition, but a value follows: "
                              f"to assign a value, write '{name_tok.text} = ...'", target.span)
        raise CfgSyntaxError(f"expected a definition name after '{name_tok.text} <-', found {_describe(target)}",
                          target.span)

    def module_prefix(self, op: str) -> CfgName | None:
        """The ``[M]`` of ``C = [M] v`` and ``C <- [M] D``: the assignment holds in module M only."""
        if not (self.tok.kind == "sym" and self.tok.text == "["):
            return None
        self.take()
        m = self.tok
        if m.kind != "id":
            raise CfgSyntaxError(f"expected a module name after '{op}[', found {_describe(m)}", m.span)
        self.take()
        if not (self.tok.kind == "sym" and self.tok.text == "]"):
            raise CfgSyntaxError(f"expected ']' after '{op}[{m.text}', found {_describe(self.tok)}", self.tok.span)
        self.take()
        return CfgName(m.text, m.span)

    def after_assignment(self, name: str) -> None:
        t = self.tok
        if t.kind in ("id", "kw", "eof"):
            return
        if t.kind == "sym" and t.text == "..":
            raise CfgSyntaxError(f"bad value for {name}: ranges 'a..b' are not values in a model file; "
                              "write the set {a, ..., b} out", t.span)
        raise CfgSyntaxError(f"unexpected {_describe(t)} after the value of {name}", t.span)

    # -- values

    def value(self, owner: str) -> Expr:
        t = self.tok
        if t.kind == "num":
            self.take()
            return Num(t.value, span=t.span)
        if t.kind == "sym" and t.text == "-" and self.peek().kind == "num":
            self.take()
            n = self.take()
            return Num(-n.value, span=_join(t.span, n.span))
        if t.kind == "str":
            self.take()
            return Str(t.value, span=t.span)
        if t.kind == "id":
            self.take()
            if t.text in ("TRUE", "FALSE"):
                return Bool(t.text == "TRUE", span=t.span)
            return Name(t.text, span=t.span)
        if t.kind == "sym" and t.text in ("{", "<<"):
            close = "}" if t.text == "{" else ">>"
            self.take()
            elems: list[Expr] = []
            if not (self.tok.kind == "sym" and self.tok.text == close):
                while True:
                    elems.append(self.value(owner))
                    if self.tok.kind == "sym" and self.tok.text == ",":
                        self.take()
                        continue
                    break
            end = self.tok
            if not (end.kind == "sym" and end.text == close):
                if end.kind == "sym" and end.text == "..":
                    raise CfgSyntaxError(f"bad value for {owner}: ranges 'a..b' are not values in a model file; "
                                      "write the set {a, ..., b} out", end.span)
                raise CfgSyntaxError(f"expected ',' or '{close}' in the value of {owner}, found {_describe(end)}",
                                  end.span)
            self.take()
            span = _join(t.span, end.span)
            return SetEnum(tuple(elems), span=span) if close == "}" else Tuple(tuple(elems), span=span)
        if t.kind in ("kw", "eof"):
            raise CfgSyntaxError(f"missing value for {owner}", t.span)
        raise CfgSyntaxError(f"bad value for {owner}: {_describe(t)} (a value is a number, a string, TRUE, FALSE, "
                          "a model value, or a set {...} or tuple <<...>> of values)", t.span)


def parse_cfg(text: str, file: str) -> Config:
    """Parse the text of a TLC model file; raise ``CfgSyntaxError`` (with a span) on any error."""
    register_source(file, text)
    tokens = _Lexer(text, file).tokens()
    return _Parser(tokens, file).parse()


_CONFIG_START_RE = re.compile(r"^[ \t]*-{4,}[ \t]*CONFIG[ \t]+[A-Za-z0-9_]+[ \t]*-{4,}[ \t]*$", re.M)
_CONFIG_END_RE = re.compile(r"^[ \t]*={4,}[ \t]*$", re.M)


def config_section(text: str) -> str | None:
    """The first ``---- CONFIG Name ----`` ... ``====`` section of a .tla file (TLC's ``-config
    Spec.tla``: the model's configuration written after the module), or None.  Lines before the
    section are kept as empty lines, so that spans still point into the .tla file."""
    start = _CONFIG_START_RE.search(text)
    if start is None:
        return None
    end = _CONFIG_END_RE.search(text, start.end())
    body = text[start.end():end.start() if end else len(text)]
    return "\n" * text.count("\n", 0, start.end()) + body


def load_cfg(path: str) -> Config:
    """Read and parse a .cfg file from disk; a .tla file's configuration is its CONFIG section."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    if path.endswith(".tla"):
        section = config_section(text)
        if section is None:
            raise CfgSyntaxError(f"{os.path.basename(path)} has no '---- CONFIG Name ----' section",
                                 Span(path, 1, 1, 1, 2))
        cfg = parse_cfg(section, path)
        register_source(path, text)  # the same lines: messages quote the module's own text
        return cfg
    return parse_cfg(text, path)
