"""Native implementations of community modules on sets, functions, sequences and folds
(FiniteSetsExt, Functions, Folds, SequencesExt), as TLC's Java overrides of them."""
from __future__ import annotations

from typing import Callable

NATIVES: dict[tuple[str, str], Callable] = {}
