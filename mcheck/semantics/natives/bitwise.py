"""Natives of Bitwise: &, |, ^^, Not and shiftR.

TLC's override computes on 32-bit two's-complement ints; Python's operators agree with it on every int
TLC can represent.
"""
from __future__ import annotations

from typing import Any, Callable

from .core import arg_error, int_arg, one_arg_error


def _ints2(op: str, x: Any, y: Any) -> None:
    int_arg(0, op, x)
    int_arg(1, op, y)


def bit_and(x, y):
    _ints2("&", x, y)
    return x & y


def bit_or(x, y):
    _ints2("|", x, y)
    return x | y


def bit_xor(x, y):
    _ints2("^^", x, y)
    return x ^ y


def bit_not(a):
    """Not(a): the bits of a up to its most significant 1 inverted (the module's definition)."""
    if type(a) is not int or a < 0:
        raise one_arg_error("Not", "natural number", a)
    return ((1 << a.bit_length()) - 1) ^ a


def shift_r(n, pos):
    """shiftR(n, pos): Java's ``n >>> pos`` on 32-bit ints (the shift distance taken modulo 32)."""
    int_arg(0, "shiftR", n)
    int_arg(1, "shiftR", pos)
    if -2 ** 31 <= n < 2 ** 31:
        p = pos & 31
        if p == 0:
            return n
        return (n & 0xFFFFFFFF) >> p
    if pos < 0:
        raise arg_error(1, "shiftR", "natural number", pos)
    return n >> pos


NATIVES: dict[tuple[str, str], Callable] = {
    ("Bitwise", "&"): bit_and,
    ("Bitwise", "|"): bit_or,
    ("Bitwise", "^^"): bit_xor,
    ("Bitwise", "Not"): bit_not,
    ("Bitwise", "shiftR"): shift_r,
}
