"""TLA+ lexer and post-lexer: text -> the token stream the LALR grammar expects.

Three passes, each with one job:

``tokenize``
    Turns text into lark ``Token`` objects whose ``type`` is a grammar terminal
    and whose value is the canonical ASCII spelling (Unicode and synonyms
    folded).  It frames modules: text before the first ``---- MODULE`` and after
    the matching ``====`` is never looked at.
``drop_proofs``
    Removes TLAPS proofs, ``USE``/``HIDE`` units and ``ASSUME ... PROVE``
    theorem statements, and closes each theorem with a virtual ``THM_END``.
    The grammar then never sees the proof language.
``junctions``
    Decides, from columns, which ``/\\`` and ``\\/`` tokens are bullets, and
    brackets each bulleted list with virtual ``JSTART_*``/``_JSEP``/``JEND``
    tokens, so that the grammar itself is indentation-free.
"""
from __future__ import annotations

import re
from typing import Iterable

from lark import Token

from . import assumeprove
from .ast import Span
from .errors import ParseError
from .unicode import DASH_CHARS, EQUAL_CHARS, NAMES as UNI_NAMES, SYMBOLS as UNI_SYMBOLS

# --------------------------------------------------------------------------- operator table

#: canonical spelling of every synonym (ASCII operator texts only).
CANON: dict[str, str] = {
    "\\land": "/\\", "\\lor": "\\/", "/=": "#", "=<": "<=", "\\leq": "<=",
    "\\geq": ">=", "\\equiv": "<=>", "\\lnot": "~", "\\neg": "~", "\\circ": "\\o",
    "\\union": "\\cup", "\\intersect": "\\cap", "\\times": "\\X", "(+)": "\\oplus",
    "(-)": "\\ominus", "(.)": "\\odot", "(/)": "\\oslash", "(\\X)": "\\otimes",
    "\\forall": "\\A", "\\exists": "\\E",
}

_CLASSES: dict[str, str] = {
    "OP1": "=>",
    "OP2": "<=> ~> -+->",
    "AND": "/\\", "OR": "\\/", "EQ": "=", "IN": "\\in",
    "OP5": "# < > <= >= \\notin \\subseteq \\subset \\supseteq \\supset \\sqsubset \\sqsupset "
           "\\sqsubseteq \\sqsupseteq \\prec \\succ \\preceq \\succeq \\ll \\gg \\sim \\simeq "
           "\\approx \\cong \\doteq \\asymp \\propto |- -| |= =| ::= := \\cdot",
    "OP6": "@@",
    "OP7": ":> <:",
    "OP8": "\\cup \\cap \\",
    "OP9": ".. ... !! ## $ $$ ?? \\sqcap \\sqcup \\uplus \\wr",
    "OP10": "+ ++ % %% | || \\oplus",
    "TIMES": "\\X",
    "OP11": "-- \\ominus", "MINUS": "-",
    "OP13": "* ** / // & && \\o \\odot \\otimes \\oslash \\bigcirc \\bullet \\star \\div",
    "OP14": "^ ^^",
    "POSTFIX": "^+ ^* ^#", "PRIME": "'",
    "NOT": "~", "BOX": "[]", "DIAMOND": "<>", "QUANT": "\\A \\E \\AA \\EE",
    "PREFIX_DEF": "-.",
    # punctuation
    "LPAR": "(", "RPAR": ")", "LBRACK": "[", "RBRACK": "]", "RBRACK_SUB": "]_",
    "LBRACE": "{", "RBRACE": "}", "LTUP": "<<", "RTUP": ">>", "RTUP_SUB": ">>_",
    "_COMMA": ",", "_COLON": ":", "_DCOLON": "::", "_DEFEQ": "==", "_MAPSTO": "|->",
    "_ARROW": "->", "_LARROW": "<-", "_BANG": "!", "_DOT": ".", "AT": "@", "UNDERSCORE": "_",
}

#: canonical operator/punctuation text -> terminal name.
TYPE_OF: dict[str, str] = {}
for _cls, _ops in _CLASSES.items():
    for _op in ([_ops] if _cls not in ("OP2", "OP5", "OP7", "OP8", "OP9", "OP10", "OP11", "OP13",
                                       "OP14", "POSTFIX", "QUANT") else _ops.split()):
        TYPE_OF[_op] = _cls
TYPE_OF["\\"] = "OP8"

#: keywords -> terminal name (several spellings share one terminal).
KEYWORDS: dict[str, str] = {
    "MODULE": "_MODULE", "EXTENDS": "_EXTENDS", "CONSTANT": "CONSTANT", "CONSTANTS": "CONSTANT",
    "VARIABLE": "VARIABLE", "VARIABLES": "VARIABLE", "ASSUME": "ASSUME", "ASSUMPTION": "ASSUME",
    "AXIOM": "ASSUME", "THEOREM": "THEOREM", "LEMMA": "THEOREM", "PROPOSITION": "THEOREM",
    "COROLLARY": "THEOREM", "LOCAL": "LOCAL", "INSTANCE": "INSTANCE", "WITH": "_WITH",
    "RECURSIVE": "RECURSIVE", "LET": "LET", "IN": "_IN", "IF": "IF", "THEN": "_THEN",
    "ELSE": "_ELSE", "CASE": "CASE", "OTHER": "_OTHER", "CHOOSE": "CHOOSE", "LAMBDA": "LAMBDA",
    "EXCEPT": "_EXCEPT", "ENABLED": "NOT", "UNCHANGED": "NOT", "SUBSET": "SETPREFIX",
    "UNION": "SETPREFIX", "DOMAIN": "DOMAIN", "TRUE": "TRUE", "FALSE": "FALSE",
    # proof language: only ever seen by drop_proofs
    "PROOF": "PROOF", "BY": "PROOF", "OBVIOUS": "PROOF", "OMITTED": "PROOF", "QED": "PROOF",
    "USE": "USE", "HIDE": "USE",
}

#: words of the proof language that are not otherwise reserved (for unit detection).
PROOF_WORDS = frozenset(
    "DEF DEFS SUFFICES PICK HAVE TAKE WITNESS NEW PROVE DEFINE STATE ACTION TEMPORAL ONLY".split())

#: terminal name -> the text to show in messages.
DISPLAY: dict[str, str] = {v: k for k, v in TYPE_OF.items()}
DISPLAY.update({v: k for k, v in KEYWORDS.items() if v.lstrip("_") == k})
DISPLAY.update({
    "OP1": "=>", "OP2": "<=>", "OP5": "#", "OP7": ":>", "OP8": "\\cup", "OP9": "..",
    "OP10": "+", "OP11": "--", "OP13": "*", "OP14": "^", "POSTFIX": "^+", "QUANT": "\\A",
    "NOT": "~", "SETPREFIX": "SUBSET", "THEOREM": "THEOREM", "CONSTANT": "CONSTANT",
    "VARIABLE": "VARIABLE", "ASSUME": "ASSUME", "NAME": "identifier", "NUMBER": "number",
    "DECIMAL": "number", "STRING": "string", "WF": "WF_", "MODULE_BEGIN": "---- MODULE",
    "END_MODULE": "====", "THM_END": "end of theorem", "JSTART_AND": "/\\",
    "JSTART_OR": "\\/", "_JSEP": "bullet", "JEND": "end of bulleted list", "$END": "end of input",
})

_SYMS = sorted(
    [op for op in TYPE_OF if not op[0].isalpha() and not op.startswith("\\") or op in ("\\", "\\/")]
    + ["(+)", "(-)", "(.)", "(/)", "(\\X)", "/=", "=<"],
    key=len, reverse=True)
_SYMS = [s for s in _SYMS if s not in ("]_", ">>_")]

_TOKEN_RE = re.compile("|".join([
    r"(?P<ws>[ \t\r\f\v]+)",
    r"(?P<nl>\n)",
    r"(?P<lcom>\\\*[^\n]*)",
    r"(?P<bcom>\(\*)",
    r'(?P<str>")',
    r"(?P<step><(?:\d+|\*|\+)>[A-Za-z0-9_]*\.*)",
    r"(?P<subref>!(?:\d+|:(?![:>=])|<<|>>|@(?!@)))",
    r"(?P<num>\\[bB][01]+(?![A-Za-z0-9_])|\\[oO][0-7]+(?![A-Za-z0-9_])|\\[hH][0-9a-fA-F]+(?![A-Za-z0-9_]))",
    r"(?P<bsword>\\[A-Za-z]+)",
    r"(?P<dec>\d+\.\d+)",
    r"(?P<name>[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*)",
    r"(?P<int>\d+)",
    rf"(?P<dashes>[-{DASH_CHARS}]{{4,}})",
    rf"(?P<equals>[={EQUAL_CHARS}]{{4,}})",
    "(?P<sym>" + "|".join(re.escape(s) for s in _SYMS) + ")",
    "(?P<uni>[" + re.escape("".join(UNI_SYMBOLS) + "".join(UNI_NAMES)) + "])",
]))
_HEADER_START_RE = re.compile(rf"[-{DASH_CHARS}]{{4,}}[ \t]*MODULE(?![A-Za-z0-9_])")
_MODULE_KW_RE = re.compile(r"[ \t]*MODULE(?![A-Za-z0-9_])")
_COMMENT_RE = re.compile(r"\(\*|\*\)")
_STRING_RE = re.compile(r'((?:[^"\\\n]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", '"': '"', "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(.)")


def _span(file: str, line: int, col: int, end_line: int, end_col: int) -> Span:
    return Span(file, line, col, end_line, end_col)


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def _number(text: str) -> str:
    """Decimal text of an integer literal in any TLA+ base."""
    if text[0] == "\\":
        base = {"b": 2, "o": 8, "h": 16}[text[1].lower()]
        return str(int(text[2:], base))
    return str(int(text))


TAB_STOP = 8
"""SANY (JavaCC's character stream) moves a tab to the next multiple of 8 columns: bulleted lists
indented with tabs line up, and TLC's "col N" counts, only with the same rule."""


def tokenize(text: str, file: str, module: bool = True) -> list[Token]:
    """Lex ``text``; with ``module`` only the first top-level module is lexed.  Columns count a tab
    as SANY does (``TAB_STOP``)."""
    toks = _tokenize(text, file, module)
    if "\t" in text:
        for t in toks:
            t.column = _visual_column(text, t.start_pos)
            t.end_column = _visual_column(text, t.end_pos)
    return toks


def _visual_column(text: str, pos: int) -> int:
    start = text.rfind("\n", 0, pos) + 1
    if text.find("\t", start, pos) < 0:
        return pos - start + 1
    col = 0
    for ch in text[start:pos]:
        col = (col // TAB_STOP + 1) * TAB_STOP if ch == "\t" else col + 1
    return col + 1


def _tokenize(text: str, file: str, module: bool = True) -> list[Token]:
    """Lex ``text``; with ``module`` only the first top-level module is lexed.

    Dashes lines that do not open a module become ``SEP`` tokens (dropped by
    ``drop_proofs``, which uses them as unit boundaries).  This loop keeps the
    position, the line and the module framing; helpers read the other tokens.
    """
    out: list[Token] = []
    append = out.append
    pos, line, line_start = _module_start(text, file) if module else (0, 1, 0)
    n = len(text)
    depth = 0
    names: list[str] = []
    after_header = 0  # 2: just saw MODULE_BEGIN, 1: just saw the module's name
    match = _TOKEN_RE.match
    while pos < n:
        m = match(text, pos)
        col = pos - line_start + 1
        if m is None:
            raise ParseError(f"unexpected character {text[pos]!r}", _span(file, line, col, line, col + 1))
        kind = m.lastgroup
        end = m.end()
        if kind == "ws" or kind == "lcom":
            pos = end
            continue
        if kind == "nl":
            line += 1
            line_start = pos = end
            continue
        if kind == "bcom":
            pos, line, line_start = _skip_comment(text, pos, end, file, line, col, line_start)
            continue
        value = m.group()
        if kind == "name":
            typ = KEYWORDS.get(value, "NAME")
            if typ == "NAME" and value[:3] in ("WF_", "SF_"):
                out += _fairness(value, pos, line, col, end, line_start)
                pos = end
                continue
            if after_header == 2 and typ == "NAME":
                names.append(value)
                after_header = 1
                append(Token("NAME", value, pos, line, col, line, end - line_start + 1, end))
                pos = end
                continue
        elif kind == "dashes":
            h = _MODULE_KW_RE.match(text, end)
            if h is not None:
                append(Token("MODULE_BEGIN", "----", pos, line, col, line, end - line_start + 1, end))
                depth += 1
                after_header = 2
                pos = h.end()
                continue
            if after_header == 1:  # the dashes closing a module header
                after_header = 0
                pos = end
                continue
            typ = "SEP"
        elif kind == "equals" and module:
            append(Token("END_MODULE", "====", pos, line, col, line, end - line_start + 1, end))
            depth -= 1
            if names:
                names.pop()
            if depth <= 0:
                return out
            pos = end
            after_header = 0
            continue
        else:
            typ, value, end = _classify(kind, value, text, end, file, line, col, line_start)
        after_header = 0
        append(Token(typ, value, pos, line, col, line, end - line_start + 1, end))
        pos = end
    if module and depth > 0:
        raise _missing_end(text, file, names)
    return out


def _module_start(text: str, file: str) -> tuple[int, int, int]:
    """Position, line and line start of the first ``---- MODULE`` in ``text``."""
    m = _HEADER_START_RE.search(text)
    if m is None:
        raise ParseError("no module found: expected '---- MODULE Name ----'",
                         _span(file, 1, 1, 1, 2))
    pos = m.start()
    return pos, text.count("\n", 0, pos) + 1, text.rfind("\n", 0, pos) + 1


def _skip_comment(text: str, pos: int, end: int, file: str, line: int, col: int,
                  line_start: int) -> tuple[int, int, int]:
    """Position, line and line start after the block comment at ``pos`` (``(*`` ends at ``end``).

    Comments nest.
    """
    level = 1
    p = end
    while level:
        c = _COMMENT_RE.search(text, p)
        if c is None:
            raise ParseError("unterminated comment", _span(file, line, col, line, col + 2))
        level += 1 if c.group() == "(*" else -1
        p = c.end()
    nls = text.count("\n", pos, p)
    if nls:
        line += nls
        line_start = text.rfind("\n", pos, p) + 1
    return p, line, line_start


def _fairness(value: str, pos: int, line: int, col: int, end: int, line_start: int) -> list[Token]:
    """``WF_vars`` or ``SF_vars``, lexed as one name: the ``WF`` token, then the subscript's name."""
    toks = [Token("WF", value[:2], pos, line, col, line, col + 3, pos + 3)]
    if len(value) > 3:
        toks.append(Token("NAME", value[3:], pos + 3, line, col + 3, line, end - line_start + 1, end))
    return toks


def _classify(kind: str, value: str, text: str, end: int, file: str, line: int, col: int,
              line_start: int) -> tuple[str, str, int]:
    """The terminal, the canonical value and the end of a token that is not part of the framing."""
    if kind == "sym":
        if value == "]" and text.startswith("_", end):
            value, end = "]_", end + 1
        elif value == ">>" and text.startswith("_", end):
            value, end = ">>_", end + 1
        value = CANON.get(value, value)
        return TYPE_OF[value], value, end
    if kind == "str":
        s = _STRING_RE.match(text, end)
        if s is None:
            raise ParseError("unterminated string", _span(file, line, col, line, col + 1))
        return "STRING", _unescape(s.group(1)), s.end()
    if kind == "bsword":
        value = CANON.get(value, value)
        typ = TYPE_OF.get(value)
        if typ is None:
            raise ParseError(f"unknown operator {value!r}", _span(file, line, col, line, end - line_start + 1))
        return typ, value, end
    if kind == "int" or kind == "num":
        return "NUMBER", _number(value), end
    if kind == "dec":
        return "DECIMAL", value, end
    if kind == "uni":
        if value in UNI_NAMES:
            return "NAME", UNI_NAMES[value], end
        value = UNI_SYMBOLS[value]
        if value == ">>" and text.startswith("_", end):
            value, end = ">>_", end + 1
        value = CANON.get(value, value)
        return TYPE_OF[value], value, end
    if kind == "subref":
        return "SUBREF", value[1:], end
    if kind == "equals":  # outside a module: a separator like a dashes line
        return "SEP", value, end
    return "STEP", value, end  # a proof step label


def _missing_end(text: str, file: str, names: list[str]) -> ParseError:
    """The error for a module that the text ends inside of."""
    last = text.rstrip()
    eline = last.count("\n") + 1
    ecol = len(last) - (last.rfind("\n") + 1) + 1
    return ParseError(f"missing '====' at end of module {names[-1] if names else '?'}",
                      _span(file, eline, ecol, eline, ecol + 1))


# --------------------------------------------------------------------------- proofs

_UNIT_KEYWORDS = frozenset(["CONSTANT", "VARIABLE", "ASSUME", "THEOREM", "LOCAL", "RECURSIVE",
                            "INSTANCE", "USE", "MODULE_BEGIN", "END_MODULE", "SEP"])
_PROOF_START = frozenset(["PROOF", "STEP"])


def _virtual(typ: str, like: Token, after: bool = False) -> Token:
    """A zero-width token placed just before (or just after) ``like``."""
    if after:
        return Token(typ, "", like.end_pos, like.end_line, like.end_column, like.end_line,
                     like.end_column, like.end_pos)
    return Token(typ, "", like.start_pos, like.line, like.column, like.line, like.column, like.start_pos)


def _starts_unit(toks: list[Token], i: int, col: int) -> bool:
    """Whether token i plausibly starts a new top-level unit (while skipping a proof)."""
    t = toks[i]
    if t.column > col:
        return False
    typ = t.type
    if typ in _UNIT_KEYWORDS:
        return True
    if typ == "NAME" or typ == "UNDERSCORE" or typ == "PREFIX_DEF":
        if t.value in PROOF_WORDS:
            return False
        line = t.line
        for j in range(i + 1, len(toks)):
            u = toks[j]
            if u.line != line:
                return False
            if u.type == "_DEFEQ":
                return True
    return False


def _check_facts(toks: list[Token], use: Token, file: str) -> None:
    """SANY's rule for a ``USE`` or ``HIDE`` unit (TLC's test214): its facts, before ``DEF``, are names
    of theorems, assumptions or modules, not expressions (``USE bar!1``, ``HIDE TRUE``)."""
    facts: list[list[Token]] = [[]]
    for t in toks:
        if t.type == "NAME" and t.value in ("DEF", "DEFS"):
            break
        if t.type == "_COMMA":
            facts.append([])
        elif not (t.type == "NAME" and t.value == "ONLY" and len(facts) == 1 and not facts[0]):
            facts[-1].append(t)
    for fact in facts:
        kinds = [t.type for t in fact]
        if not fact and len(facts) == 1:
            continue   # USE DEF ...
        ok = (kinds == ["_MODULE", "NAME"] or kinds == ["STEP"]
              or kinds and kinds[0] == "NAME" and kinds == ["NAME", *["_BANG", "NAME"] * ((len(kinds) - 1) // 2)])
        if not ok:
            at = fact[0] if fact else use
            raise ParseError(f"{use.value} may only name facts (theorems, assumptions, modules), not an "
                             "expression", _span(file, at.line, at.column, at.end_line, at.end_column))


def drop_proofs(toks: list[Token], file: str = "") -> list[Token]:
    """Remove proofs and the proof language; end every theorem with ``THM_END``."""
    out: list[Token] = []
    append = out.append
    theorems: dict[str, assumeprove.AssumeProve] = {}  # THEOREM T == ASSUME ... PROVE ...: its clauses
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        typ = t.type
        if typ == "SEP":
            i += 1
            continue
        if typ == "THEOREM":
            col = t.column
            append(t)
            i += 1
            name = None
            if i + 1 < n and toks[i].type == "NAME" and toks[i + 1].type == "_DEFEQ":
                name = toks[i].value
                append(toks[i])
                append(toks[i + 1])
                i += 2
            ap = name is not None and i < n and toks[i].type == "ASSUME"
            skip = i < n and (toks[i].type == "ASSUME" or toks[i].value in PROOF_WORDS)
            statement = []  # an ASSUME/PROVE's tokens, up to its proof
            while i < n and not _starts_unit(toks, i, col):
                if toks[i].type in _PROOF_START:
                    skip, ap = True, False
                if ap:
                    statement.append(toks[i])
                if not skip:
                    if theorems and toks[i].type == "NAME":
                        assumeprove.check_reference(theorems, toks, i, file)
                    append(toks[i])
                i += 1
            found = assumeprove.read(statement) if statement else None
            if found is not None:
                theorems[name] = found  # type: ignore[index]
            append(_virtual("THM_END", out[-1], after=True))
            continue
        if typ in _PROOF_START or typ == "USE":
            col = t.column
            i += 1
            start = i
            while i < n and not _starts_unit(toks, i, col):
                i += 1
            if typ == "USE":
                _check_facts(toks[start:i], t, file)
            continue
        if theorems and typ == "NAME":
            assumeprove.check_reference(theorems, toks, i, file)
        append(t)
        i += 1
    return out


# --------------------------------------------------------------------------- junction lists

#: token types after which an expression is complete (so a following /\ is infix).
_ENDS_EXPR = frozenset(["NAME", "NUMBER", "DECIMAL", "STRING", "TRUE", "FALSE", "RPAR", "RBRACK",
                        "RBRACE", "RTUP", "PRIME", "POSTFIX", "AT", "JEND", "SUBREF"])
_OPENERS = {"LPAR": "RPAR", "LBRACK": "RBRACK", "LBRACE": "RBRACE", "LTUP": "RTUP"}
_CLOSERS = {"RPAR": "LPAR", "RBRACK": "LBRACK", "RBRACK_SUB": "LBRACK", "RBRACE": "LBRACE",
            "RTUP": "LTUP", "RTUP_SUB": "LTUP"}
#: tokens that end every list opened at their own bracket depth.
_SEPARATORS = frozenset(["_THEN", "_ELSE", "_IN", "_COMMA", "_OTHER", "_ARROW", "_COLON", "_DEFEQ",
                         "_LARROW", "_MAPSTO", "_EXCEPT", "THM_END"])
#: pseudo brackets: keyword -> the separator that ends its header part.
_PSEUDO = {"IF": "_ELSE", "LET": "_IN", "CASE": None, "QUANT": "_COLON", "CHOOSE": "_COLON",
           "LAMBDA": "_COLON"}
_RESET = frozenset(["MODULE_BEGIN", "END_MODULE", "CONSTANT", "VARIABLE", "ASSUME", "THEOREM",
                    "LOCAL", "$END"])


def junctions(toks: list[Token]) -> list[Token]:
    """Insert virtual tokens around bulleted ``/\\`` and ``\\/`` lists.

    The stack holds open brackets (their type), pseudo brackets (IF, LET, CASE,
    quantifier keywords: ``(keyword,)``) and open lists (``[kind, column]``).
    """
    out: list[Token] = []
    append = out.append
    stack: list = []
    prev = "_DEFEQ"
    n = len(toks)
    for i in range(n):
        t = toks[i]
        typ = t.type
        col = t.column
        bullet = typ == "AND" or typ == "OR"
        if bullet and i + 1 < n and toks[i + 1].type in ("_COMMA", "RPAR"):
            bullet = False  # a bare operator argument: Op(/\, x)
        if stack:
            # Column rule: a token at or left of an open list's column ends the list.
            close_to = -1
            k = len(stack) - 1
            while k >= 0:
                e = stack[k]
                if type(e) is list:
                    if col < e[1] or (col == e[1] and not (bullet and e[0] == typ)):
                        close_to = k
                    else:
                        if col == e[1]:  # the next bullet of this list: end what is open in its item
                            close_to = k + 1
                        break
                elif type(e) is str:
                    break
                k -= 1
            if 0 <= close_to < len(stack):
                while len(stack) > close_to:
                    if type(stack.pop()) is list:
                        append(_virtual("JEND", t))
                        prev = "JEND"
            if typ in _RESET:
                while stack:
                    if type(stack.pop()) is list:
                        append(_virtual("JEND", t))
            elif typ in _SEPARATORS or (typ == "BOX" and prev in _ENDS_EXPR):
                while stack and type(stack[-1]) is list:
                    stack.pop()
                    append(_virtual("JEND", t))
                if stack and type(stack[-1]) is tuple and _PSEUDO[stack[-1][0]] == typ:
                    stack.pop()
            elif typ in _CLOSERS:
                want = _CLOSERS[typ]
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k] == want:
                        while len(stack) > k:
                            if type(stack.pop()) is list:
                                append(_virtual("JEND", t))
                        break
        if bullet:
            if stack and type(stack[-1]) is list and stack[-1][1] == col and stack[-1][0] == typ:
                append(Token("_JSEP", t.value, t.start_pos, t.line, col, t.end_line, t.end_column, t.end_pos))
                prev = "_JSEP"
                continue
            if prev not in _ENDS_EXPR:
                stack.append([typ, col])
                append(Token("JSTART_AND" if typ == "AND" else "JSTART_OR", t.value, t.start_pos, t.line,
                             col, t.end_line, t.end_column, t.end_pos))
                prev = "JSTART"
                continue
        elif typ in _OPENERS:
            stack.append(typ)
        elif typ in _PSEUDO:
            stack.append((typ,))
        append(t)
        prev = typ
    while stack:
        if type(stack.pop()) is list:
            append(_virtual("JEND", out[-1], after=True) if out else Token("JEND", ""))
    return out


def lex_module(text: str, file: str) -> list[Token]:
    return junctions(drop_proofs(tokenize(text, file, module=True), file))


def lex_expr(text: str, file: str) -> list[Token]:
    return junctions([t for t in tokenize(text, file, module=False) if t.type != "SEP"])


def token_text(tok: Token, source: str | None) -> str:
    """The token as written in the source (its value is canonicalised)."""
    if source is not None and tok.start_pos is not None and tok.end_pos is not None and tok.end_pos > tok.start_pos:
        return source[tok.start_pos:tok.end_pos]
    return str(tok.value)


def iter_types(toks: Iterable[Token]) -> list[str]:
    """Token types, for tests and debugging."""
    return [t.type for t in toks]
