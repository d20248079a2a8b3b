"""Native implementations of the other community modules (Bitwise, UndirectedGraphs, IOUtils, SVG,
BagsExt, VectorClocks), as TLC's Java overrides of them."""
from __future__ import annotations

from typing import Callable

NATIVES: dict[tuple[str, str], Callable] = {}
