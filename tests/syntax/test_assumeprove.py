"""SANY's rule for names of the parts of a THEOREM's ASSUME/PROVE (TLC's test210): a label or clause
in the scope of one of its declarations cannot be named from outside; the rest can."""
from __future__ import annotations

import pytest

from mcheck.syntax.errors import ParseError
from mcheck.syntax.parser import parse_module

THEOREM = ("THEOREM foo == ASSUME NEW x \\in labx :: TRUE,\n"
           "                      NEW y \\in laby :: TRUE,\n"
           "                      labz :: TRUE\n"
           "               PROVE  labu :: TRUE\n"
           "<1>1. QED\n")


def mod(use: str):
    return parse_module(f"---- MODULE M ----\n{THEOREM}Bar == {use}\n====\n", "m.tla")


def test_a_label_before_any_declaration_can_be_named() -> None:
    assert [u.name for u in mod("foo!labx").units if hasattr(u, "name")][-1] == "Bar"


@pytest.mark.parametrize("use, says", [
    ("foo!laby", "Accessing subexpression labeled `laby' of ASSUME/PROVE clause within the scope of a declaration"),
    ("foo!labu", "labeled `labu'"),
    ("TRUE /\\ foo!3", "Accessing ASSUME/PROVE clause within the scope of a declaration"),
])
def test_a_part_in_the_scope_of_a_declaration_cannot_be_named(use: str, says: str) -> None:
    with pytest.raises(ParseError) as err:
        mod(use)
    assert says in err.value.message
    assert err.value.span.line == 7


def test_without_declarations_every_part_can_be_named() -> None:
    text = ("---- MODULE M ----\nTHEOREM foo == ASSUME laba :: TRUE, ASSUME TRUE PROVE labi :: TRUE\n"
            "               PROVE labu :: TRUE\nBar == foo!labu /\\ foo!labi /\\ foo!2\n====\n")
    assert parse_module(text, "m.tla").units[-1].name == "Bar"
