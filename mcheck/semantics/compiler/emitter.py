"""The generated Python of one model: the functions' source, compiled in batches, and the globals it runs in."""
from __future__ import annotations

import itertools
import linecache
import warnings
from typing import Any, Callable

from ...syntax.errors import EvalError
from .. import runtime as R
from .. import values as V
from . import fastcalls as F


class Emitter:
    """Owns the generated source and its globals; nothing else reads or writes them.

    Generated code sees the runtime's public names (``R``, ``V`` and the helpers it calls) and the
    globals given here, and binds each value it uses to a global name (``value``).  Functions are
    added as source (``define``, ``define_source``) and compiled together at the next ``flush``;
    ``function`` flushes and returns one.  One counter numbers the fresh names and the flushes.
    """

    def __init__(self, extra_globals: dict[str, Any]):
        glob: dict[str, Any] = {"R": R, "V": V, "Fcn": V.Fcn, "frozenset": frozenset, "EvalError": EvalError}
        for module in (R, F):
            for name in dir(module):
                if not name.startswith("_"):
                    glob.setdefault(name, getattr(module, name))
        glob.update(extra_globals)
        self._glob = glob
        self._sources: list[str] = []       # top-level generated function sources
        self._compiled_upto = 0
        self._counter = itertools.count()
        self._value_names: dict[int, str] = {}

    def fresh(self, prefix: str) -> str:
        """A new name: prefix and a number no other name of this emitter has."""
        return f"{prefix}{next(self._counter)}"

    def value(self, v: Any) -> str:
        """Python code for the value v: a literal (booleans, integers, strings), else a global name holding v."""
        if v is True:
            return "True"
        if v is False:
            return "False"
        if type(v) is int:
            return repr(v) if v >= 0 else f"({v})"
        if type(v) is str:
            V.intern_string(v)
            return repr(v)
        key = id(v)
        name = self._value_names.get(key)
        if name is None:
            name = self.fresh("K")
            self._glob[name] = v
            self._value_names[key] = name
            self._glob.setdefault("_keepalive", []).append(v)
        return name

    def bind(self, name: str, value: Any) -> None:
        """Make ``name`` a global of the generated code, holding ``value``."""
        self._glob[name] = value

    def lookup(self, name: str, default: Any = None) -> Any:
        """What the global ``name`` holds (``default`` if nothing), as it is: nothing is compiled."""
        return self._glob.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self._glob

    def define(self, name: str, params: str, code: str) -> str:
        """Add ``def name(params): return code``, compiled at the next flush; returns name."""
        self.define_source(f"def {name}({params}):\n    return {code}\n")
        return name

    def define_source(self, src: str) -> None:
        """Add the source of a generated function (or several), compiled at the next flush."""
        self._sources.append(src)

    def flush(self) -> None:
        """Compile the generated functions written since the last flush."""
        src = "\n".join(self._sources[self._compiled_upto:])
        self._compiled_upto = len(self._sources)
        if not src:
            return
        fname = f"<mcheck-generated-{next(self._counter)}>"
        # registered with linecache, so that a traceback through generated code shows its lines
        linecache.cache[fname] = (len(src), None, src.splitlines(True), fname)
        with warnings.catch_warnings():
            # e.g. "'int' object is not subscriptable" for a spec's 3[1]: TLC's error comes at run time
            warnings.simplefilter("ignore", SyntaxWarning)
            code = compile(src, fname, "exec")
        exec(code, self._glob)

    def function(self, name: str) -> Callable:
        """The compiled function ``name`` (flushing first)."""
        self.flush()
        return self._glob[name]
