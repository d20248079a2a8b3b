"""SYMMETRY: the canonical form of a state under a group of permutations of model values."""
from __future__ import annotations

from typing import Any, Callable

from ..syntax.errors import ConfigError
from . import values as V

NOT_FUNCTIONS = "The symmetry operator must specify a set of functions."
NOT_MODEL_VALUES = "Symmetry function must have model values as domain and range."


def permute_value(v: Any, m: dict) -> Any:
    """v with every model value replaced through the permutation m."""
    t = type(v)
    if t is V.ModelValue:
        return m.get(v, v)
    if t is frozenset:
        return frozenset([permute_value(x, m) for x in v])
    if t is tuple:
        return tuple([permute_value(x, m) for x in v])
    if t is V.Fcn:
        return V.make_fcn({permute_value(k, m): permute_value(x, m) for k, x in v.items()})
    if isinstance(v, V.LazySet) and v.is_finite():
        return permute_value(v.materialize(), m)
    return v


_SYM_CACHE = 25000
"""Entries per generation of a symmetry cache: images of whole variable values can be large."""


def _permutation(p: Any) -> dict:
    """One element of the SYMMETRY set as a dict, or TLC's error (MVPerm.permutationSubgroup's checks)."""
    if type(p) is tuple and not p:
        return {}
    if type(p) is not V.Fcn:
        raise ConfigError(NOT_FUNCTIONS)
    if any(type(k) is not V.ModelValue or type(x) is not V.ModelValue for k, x in p.items()):
        raise ConfigError(NOT_MODEL_VALUES)
    return {k: x for k, x in p.items() if k != x}


def symmetry_key(perms: Any) -> Callable:
    """The canonical form of a state under a set of permutations: the least permuted state in TLC's
    order, comparing variable by variable (TLC-SEMANTICS §6)."""
    if not isinstance(perms, (frozenset, V.LazySet)):
        raise ConfigError(NOT_FUNCTIONS)
    maps = []
    for p in V.enumerate_set(perms):
        m = _permutation(p)
        if m and m not in maps:
            maps.append(m)
    key = V.tlc_key
    if not maps:
        return lambda s: s
    maps = _permutation_group(maps)

    # States share most of their variables' values with their neighbours: remember each value's image under
    # each permutation and each value's sort key.  Each cache has two generations: when the young one is
    # full it becomes the old one (the previous old one is dropped), and a hit in the old one moves back,
    # so recently used values stay without the caches growing past 2 * _SYM_CACHE entries.
    images: list[list[dict]] = [[{}, {}] for _ in maps]
    keys: list[dict] = [{}, {}]

    atomic = (int, bool, str)  # their own images; and True == 1 must not share a cache entry

    def skey(x):
        if type(x) in atomic:
            return key(x)
        young = keys[0]
        k = young.get(x)
        if k is None:
            k = keys[1].get(x)
            if k is None:
                k = key(x)
            if len(young) >= _SYM_CACHE:
                keys[1] = young
                young = keys[0] = {}
            young[x] = k
        return k

    def canon(s: tuple) -> tuple:
        best = s
        for m, gens in zip(maps, images):
            young = gens[0]
            c = []
            for x in s:
                if type(x) in atomic:
                    c.append(x)
                    continue
                y = young.get(x)
                if y is None:
                    y = gens[1].get(x)
                    if y is None:
                        y = permute_value(x, m)
                    if len(young) >= _SYM_CACHE:
                        gens[1] = young
                        young = gens[0] = {}
                    young[x] = y
                c.append(y)
            c = tuple(c)
            # compare with the best so far variable by variable; equal values need no sort key
            for x, b in zip(c, best):
                if x == b:
                    continue
                if skey(x) < skey(b):
                    best = c
                break
        return best
    return canon


def _permutation_group(gens: list[dict]) -> list[dict]:
    """The non-identity elements of the group the permutations generate (TLC's MVPerms.permutationSubgroup):
    Permutations(A) \\cup Permutations(B) means every combination of a permutation of A and one of B."""
    def compose(f: dict, g: dict) -> dict:  # f after g
        out = {}
        for k in set(f) | set(g):
            v = f.get(g.get(k, k), g.get(k, k))
            if v != k:
                out[k] = v
        return out

    seen = [dict(g) for g in gens]
    keys = {frozenset(g.items()) for g in seen}
    frontier = list(seen)
    while frontier:
        nxt = []
        for f in frontier:
            for g in gens:
                h = compose(f, g)
                k = frozenset(h.items())
                if h and k not in keys:
                    keys.add(k)
                    seen.append(h)
                    nxt.append(h)
        frontier = nxt
    return seen
