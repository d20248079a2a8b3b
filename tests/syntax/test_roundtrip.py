"""print_module/print_expr give text that parses back to an equal AST."""
from __future__ import annotations

import pytest

from mcheck.syntax.parser import parse_expr, parse_module
from mcheck.syntax.printer import print_expr, print_module

from .corpus import corpus_files

FILES = corpus_files()


@pytest.mark.skipif(not FILES, reason="conformance corpus not found")
def test_every_corpus_module_round_trips_through_the_printer() -> None:
    bad = []
    for f in FILES:
        m = parse_module(f.read_text(encoding="utf-8", errors="replace"), str(f))
        printed = print_module(m)
        try:
            again = parse_module(printed, str(f) + " (printed)")
        except Exception as e:  # noqa: BLE001
            bad.append(f"{f}: printed text does not parse: {e}")
            continue
        if again != m:
            bad.append(f"{f}: round trip differs")
    assert not bad, "\n".join(bad)


EXPRS = [
    "1 + 2 * 3 - 4",
    "-x + -(-y)",
    "~ a = b",
    "a => b => c",
    "\\A x, y \\in S, <<u, v>> \\in T : x = u",
    "\\EE t : t",
    "CHOOSE <<x, y>> \\in S : x > y",
    "{x \\in S : x > 1}",
    "{x + y : x \\in S, y, z \\in T}",
    "[x \\in S, y \\in T |-> x + y]",
    "[a |-> 1, b |-> {}]",
    "[a : S, b : T]",
    "[S -> [T -> U]]",
    "[f EXCEPT ![1].a[2, 3] = @ + 1, !.b = 2]",
    "A \\X (B \\X C) \\X D",
    "[][Next]_<<x, y>> /\\ WF_vars(A) /\\ SF_(x)(B) /\\ <>[]<<A>>_v",
    "IF a THEN LET x == 1 y[i \\in S] == i IN x ELSE CASE p -> 1 [] q -> 2 [] OTHER -> 3",
    "M!Op(1) + I(x)!J!K(y) + N!c",
    "f[x]'.a[y]",
    "lbl(a, b) :: a + b",
    "LAMBDA x, y : x + y",
    "Fold(+, 0, S)",
    '"tab\\there \\"quoted\\" \\\\"',
    "x \\in SUBSET UNION DOMAIN f",
    "ENABLED A /\\ UNCHANGED <<x, y>>",
]


@pytest.mark.parametrize("src", EXPRS)
def test_expression_round_trips_through_the_printer(src: str) -> None:
    e = parse_expr(src)
    assert parse_expr(print_expr(e)) == e


def test_nested_junction_lists_round_trip_with_alignment() -> None:
    src = """
/\\ x = 1
/\\ \\/ y = 2
   \\/ /\\ z = 3
      /\\ w = 4
/\\ IF a THEN /\\ b
             /\\ c
        ELSE d
"""
    e = parse_expr(src)
    printed = print_expr(e)
    assert "\n" in printed
    assert parse_expr(printed) == e
