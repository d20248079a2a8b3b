"""SANY's rule for naming the parts of a ``THEOREM T == ASSUME ... PROVE ...`` (TLC's test210).

mcheck drops a theorem's ASSUME/PROVE statement with its proof (lexer.drop_proofs), since TLC never
evaluates one; but SANY rejects a reference to a part of it that lies in the scope of one of its
declarations (``NEW x``, ``CONSTANT c``, ...) from outside that scope: ``T!lab`` with the label after
a declaration, ``T!3`` with a declaration among clauses 1 and 2 (Generator.illegalLabelRef and
illegalAPPosRef).  TLC stops there with exit 150, so mcheck must too.  This module reads a dropped
statement's clauses from its tokens and checks the references that follow it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .ast import Span
from .errors import ParseError

_DECL_WORDS = frozenset(["NEW", "STATE", "ACTION", "TEMPORAL"])
_DECL_TYPES = frozenset(["CONSTANT", "VARIABLE"])
_OPEN = frozenset(["LPAR", "LBRACK", "LBRACE", "LTUP"])
_CLOSE = frozenset(["RPAR", "RBRACK", "RBRACK_SUB", "RBRACE", "RTUP", "RTUP_SUB"])


@dataclass
class AssumeProve:
    """A theorem's ASSUME/PROVE as its clauses: each clause's labels, and whether it declares."""

    labels: list[set[str]]  # per clause: the assumptions in order, then the PROVE
    declares: list[bool]

    def scoped(self, k: int) -> bool:
        """Whether clause k (from 0) lies in the scope of a declaration of an earlier clause."""
        return any(self.declares[:k])


def read(toks: list) -> AssumeProve | None:
    """The clauses of ``ASSUME c1, ..., cn PROVE p`` (toks starts at ASSUME), or None if it is not
    of that form.  Commas and PROVE count at the statement's own level: not inside brackets or a
    nested ASSUME/PROVE (whose labels belong to the clause it is in)."""
    clauses: list[list] = [[]]
    depth = nested = 0
    proved = False
    for t in toks[1:]:
        typ = t.type
        if typ in _OPEN:
            depth += 1
        elif typ in _CLOSE:
            depth -= 1
        elif typ == "ASSUME":
            nested += 1
        elif typ == "NAME" and t.value == "PROVE":
            if nested:
                nested -= 1
            elif depth == 0 and not proved:
                proved = True
                clauses.append([])
                continue
        elif typ == "_COMMA" and depth == 0 and nested == 0 and not proved:
            clauses.append([])
            continue
        clauses[-1].append(t)
    if not proved:
        return None
    labels = [{t.value for k, t in enumerate(c[:-1]) if t.type == "NAME" and _labelled(c, k)} for c in clauses]
    declares = [bool(c) and (c[0].type in _DECL_TYPES or c[0].type == "NAME" and c[0].value in _DECL_WORDS)
                for c in clauses]
    declares[-1] = False
    return AssumeProve(labels, declares)


def _labelled(c: list, i: int) -> bool:
    """Whether the NAME at c[i] starts a label: ``lab ::`` or ``lab(p, q) ::``."""
    if c[i + 1].type == "_DCOLON":
        return True
    if c[i + 1].type != "LPAR":
        return False
    j = i + 2
    while j < len(c) and c[j].type in ("NAME", "_COMMA"):
        j += 1
    return j + 1 < len(c) and c[j].type == "RPAR" and c[j + 1].type == "_DCOLON"


def check_reference(theorems: dict[str, AssumeProve], toks: list, i: int, file: str) -> None:
    """SANY's error for ``T!lab`` or ``T!n`` at toks[i] (a NAME) when T is such a theorem and the
    part named lies in the scope of one of its declarations."""
    ap = theorems.get(toks[i].value)
    if ap is None or i + 1 >= len(toks) or (i and toks[i - 1].type == "_BANG"):
        return
    nxt = toks[i + 1]
    if nxt.type == "SUBREF" and nxt.value.isdigit():
        n = int(nxt.value)
        if 1 <= n <= len(ap.declares) and ap.scoped(n - 1):
            raise ParseError("Accessing ASSUME/PROVE clause within the scope of a declaration from outside "
                             "that declaration's scope.", _span(file, toks[i], nxt))
    elif nxt.type == "_BANG" and i + 2 < len(toks) and toks[i + 2].type == "NAME":
        lab = toks[i + 2]
        for k, labels in enumerate(ap.labels):
            if lab.value in labels and ap.scoped(k):
                raise ParseError(f"Accessing subexpression labeled `{lab.value}' of ASSUME/PROVE clause within "
                                 "the scope of a declaration from outside that declaration's scope.",
                                 _span(file, toks[i], lab))


def _span(file: str, a, b) -> Span:
    return Span(file, a.line, a.column, b.end_line, b.end_column)
