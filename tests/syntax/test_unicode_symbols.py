"""Unicode forms from SANY's table that are easy to miss."""
import pytest

from mcheck.syntax.parser import parse_expr


@pytest.mark.parametrize("uni, ascii_", [
    ("1 ‥ 3", "1 .. 3"),
    ("a ‼ b", "a !! b"),
    ("a ⁇ b", "a ?? b"),
    ("a ● b", r"a \bullet b"),
    ("r⁺", "r^+"),
])
def test_unicode_symbol_parses_like_its_ascii_twin(uni, ascii_):
    assert parse_expr(uni) == parse_expr(ascii_)
