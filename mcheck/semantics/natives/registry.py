"""The table of all natives, merged from the per-module files.

``NATIVE[(module, operator)]`` is a Python callable taking evaluated argument values
(operator-valued arguments, such as SelectSeq's test, arrive as Python callables);
0-ary operators map to a callable of no arguments.  Error messages follow TLC's.
Print, PrintT, Assert, TLCGet and TLCSet are handled by the compiler, not here.

This is the only module that imports the per-module files; each of them exports its own
``NATIVES`` table and imports only ``core`` (and the value and error modules).
"""
from __future__ import annotations

from typing import Callable

from . import (
    bags, bags_ext, bitwise, csv_module, finite_sets, finite_sets_ext, folds, functions, io_utils, json_module,
    naturals, randomization, sequences, sequences_ext, svg, tlc, tlc_ext, undirected_graphs, vector_clocks,
)

__all__ = ["NATIVE"]

_MODULES = (
    # the standard modules
    naturals, sequences, finite_sets, bags, tlc, tlc_ext, randomization, json_module,
    # the community modules
    folds, functions, finite_sets_ext, sequences_ext,
    bitwise, undirected_graphs, io_utils, svg, bags_ext, vector_clocks, csv_module,
)

NATIVE: dict[tuple[str, str], Callable] = {}
for _module in _MODULES:
    _twice = NATIVE.keys() & _module.NATIVES.keys()
    if _twice:
        raise RuntimeError(f"natives defined twice: {sorted(_twice)}")
    NATIVE.update(_module.NATIVES)
del _module, _twice
