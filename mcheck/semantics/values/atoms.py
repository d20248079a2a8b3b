"""Interned atoms: strings' intern tokens (TLC's string order) and model values."""
from __future__ import annotations

import hashlib

# --------------------------------------------------------------------------------------
# Strings: TLC's intern tokens
# --------------------------------------------------------------------------------------

_STRING_TOKENS: dict[str, int] = {}


def intern_string(s: str) -> int:
    """The intern token of ``s``, giving it the next token if it has none yet.

    TLC orders strings (and model values) by the order in which its UniqueString table
    first saw them.  The compiler calls this for identifiers and string literals in
    source order; a string never interned gets the next token the first time it is
    compared.
    """
    tok = _STRING_TOKENS.get(s)
    if tok is None:
        tok = _STRING_TOKENS[s] = len(_STRING_TOKENS)
    return tok


string_token = intern_string


def reset_strings() -> None:
    """Forget every intern token but the letters', as a new TLC process starts with a new
    UniqueString table: a spec checked after another in this process then sorts its strings as
    it does alone (``literals.intern_literals`` calls this when the spec's literals change)."""
    _STRING_TOKENS.clear()
    for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        intern_string(c)


reset_strings()


# --------------------------------------------------------------------------------------
# Model values
# --------------------------------------------------------------------------------------

def _stable_hash(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "little") >> 2


class ModelValue:
    """A model value: interned, equal only to itself, FALSE when compared with any other value."""

    __slots__ = ("name", "_hash", "__weakref__")
    _table: dict[str, "ModelValue"] = {}

    def __new__(cls, name: str):  # always go through the intern table
        mv = cls._table.get(name)
        if mv is None:
            mv = object.__new__(cls)
            mv.name = name
            mv._hash = _stable_hash(name)
            intern_string(name)
            cls._table[name] = mv
        return mv

    @classmethod
    def get(cls, name: str) -> "ModelValue":
        mv = cls._table.get(name)
        return mv if mv is not None else cls(name)

    # Identity equality and hashing are object's own (C-level, so hashing states stays fast);
    # interning makes identity the right equality.  _hash stays for anything that wants a
    # hash that is stable across runs.

    def __repr__(self) -> str:
        return self.name

    def __reduce__(self):
        return (ModelValue.get, (self.name,))
