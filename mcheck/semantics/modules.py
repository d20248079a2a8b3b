"""Loading a specification: the root module and every module it needs.

``load(path)`` parses the root .tla file and then, transitively, every module
named by an EXTENDS or an INSTANCE (at module level, inside LET, or inside a
nested module).  A module name is looked up

1. among the nested modules (``---- MODULE Inner ----`` inside another
   module) loaded so far,
2. as ``Name.tla`` in the folder of the root file (TLC's search starts there),
3. as ``Name.tla`` among mcheck's bundled standard modules (``stdlib/``).

A module that is found nowhere is a ``ParseError`` located at the name in the
EXTENDS or INSTANCE that asked for it.  Parsed standard modules are cached
for the life of the process (they never change); user files are parsed anew
on every ``load``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from mcheck.syntax import ast as A
from mcheck.syntax import astcache
from mcheck.syntax.errors import ParseError, register_source, source_line

__all__ = ["Loaded", "load", "load_text", "STDLIB_DIR", "standard_module_names", "parse_file",
           "module_dependencies", "nested_modules"]

STDLIB_DIR = str(Path(__file__).resolve().parent / "stdlib")

_stdlib_cache: dict[str, A.Module] = {}


@dataclass
class Loaded:
    """A root module and everything it depends on, by module name."""

    root: A.Module
    modules: dict[str, A.Module] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    standard: set[str] = field(default_factory=set)  # names of modules taken from mcheck's stdlib
    search_dir: str = ""

    def module(self, name: str) -> A.Module:
        return self.modules[name]


def standard_module_names() -> list[str]:
    """The modules mcheck bundles (file stems under stdlib/)."""
    return sorted(p[:-4] for p in os.listdir(STDLIB_DIR) if p.endswith(".tla"))


def _read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()


def _parse(text: str, file: str) -> A.Module:
    """The first module of ``text``: from the cache of parsed modules when it was parsed before
    (``syntax.astcache``: no lark, no grammar to load), else parsed and kept there."""
    register_source(file, text)
    kept = astcache.entry(text, file)
    mod = astcache.load(kept)
    if mod is None:
        from mcheck.syntax.parser import parse_module  # imported late: the parser is the heavy part

        mod = parse_module(text, file)
        astcache.store(kept, mod)
    return mod


def parse_file(path: str) -> A.Module:
    """Parse one .tla file (standard modules are parsed once per process)."""
    path = str(path)
    if os.path.dirname(os.path.abspath(path)) == STDLIB_DIR:
        mod = _stdlib_cache.get(path)
        if mod is None:
            mod = _parse(_read(path), path)
            _stdlib_cache[path] = mod
        return mod
    return _parse(_read(path), path)


_HEADER_RE = re.compile(r"^[ \t]*-{4,}[ \t]*MODULE(?![A-Za-z0-9_])", re.M)


def parse_file_modules(path: str) -> list[A.Module]:
    """Every top-level module of a .tla file, the first (the file's own) first.  TLC reads the
    modules written after the first one's ``====`` too, and a module may EXTEND or INSTANCE them
    (SANY's "modules defined in the same file")."""
    path = str(path)
    text = _read(path)
    mods = [_parse(text, path)]
    while mods[-1].span is not None:
        end_line = mods[-1].span.end_line
        at = 0
        for _ in range(end_line):
            at = text.find("\n", at) + 1
            if at == 0:
                break
        if at == 0 or _HEADER_RE.search(text, at) is None:
            break
        mods.append(_parse("\n" * end_line + text[at:], path))  # the same line numbers
    register_source(path, text)
    return mods


# --------------------------------------------------------------------------- walking the tree


def nested_modules(mod: A.Module) -> list[A.Module]:
    """The modules written inside ``mod`` (at any depth), outermost first."""
    out: list[A.Module] = []
    for u in mod.units:
        if isinstance(u, A.Module):
            out.append(u)
            out.extend(nested_modules(u))
    return out


def _all_slots(cls) -> list[str]:
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        for s in getattr(klass, "__slots__", ()):
            if s not in names:
                names.append(s)
    return names


def _children(x):
    for name in _all_slots(type(x)):
        if name == "span":
            continue
        yield getattr(x, name, None)


def module_dependencies(mod: A.Module) -> list[tuple[str, A.Node | None, str]]:
    """``(module name, node asking for it, "EXTENDS" | "INSTANCE")`` for ``mod`` itself (not its nested modules)."""
    deps: list[tuple[str, A.Node | None, str]] = [(name, None, "EXTENDS") for name in mod.extends]

    def walk(x) -> None:
        if isinstance(x, A.Module):
            return
        if isinstance(x, A.Instance):
            deps.append((x.module, x, "INSTANCE"))
        if isinstance(x, A.Node):
            for c in _children(x):
                walk(c)
        elif isinstance(x, (tuple, list)):
            for y in x:
                walk(y)

    for u in mod.units:
        walk(u)
    return deps


# --------------------------------------------------------------------------- locating names in the source


def _word_span(file: str, start_line: int, keyword: str, word: str, mod_span: A.Span | None) -> A.Span | None:
    """Where ``word`` stands after ``keyword`` (EXTENDS or INSTANCE), searching from ``start_line``."""
    kw = re.compile(r"\b" + re.escape(keyword) + r"\b")
    wd = re.compile(r"(?<![A-Za-z0-9_!])" + re.escape(word) + r"(?![A-Za-z0-9_])")
    end_line = mod_span.end_line if mod_span is not None else start_line + 2000
    line_no = start_line
    seen_keyword = False
    while line_no <= end_line:
        text = source_line(file, line_no)
        if text is None:
            break
        code = text.split("\\*", 1)[0]
        pos = 0
        if not seen_keyword:
            m = kw.search(code)
            if m is None:
                line_no += 1
                continue
            seen_keyword = True
            pos = m.end()
        m = wd.search(code, pos)
        if m is not None:
            return A.Span(file, line_no, m.start() + 1, line_no, m.end() + 1)
        line_no += 1
    return None


def _dependency_span(mod: A.Module, name: str, node: A.Node | None, kind: str) -> A.Span | None:
    file = mod.file or (mod.span.file if mod.span else "")
    if node is not None and node.span is not None:
        found = _word_span(node.span.file, node.span.line, "INSTANCE", name, node.span)
        return found or node.span
    if mod.span is not None:
        found = _word_span(mod.span.file or file, mod.span.line, "EXTENDS", name, mod.span)
        return found or mod.span
    return None


# --------------------------------------------------------------------------- loading


def _register(loaded: Loaded, mod: A.Module, path: str) -> None:
    loaded.modules.setdefault(mod.name, mod)
    loaded.paths.setdefault(mod.name, path)
    for inner in nested_modules(mod):
        loaded.modules.setdefault(inner.name, inner)
        loaded.paths.setdefault(inner.name, path)


def _load_closure(loaded: Loaded, root_path: str) -> Loaded:
    search_dir = loaded.search_dir
    queue: list[A.Module] = [loaded.root] + nested_modules(loaded.root) + [
        m for m in loaded.modules.values() if m is not loaded.root]
    done: set[int] = set()
    while queue:
        mod = queue.pop(0)
        if id(mod) in done:
            continue
        done.add(id(mod))
        for name, node, kind in module_dependencies(mod):
            if name in loaded.modules:
                continue
            candidate = os.path.join(search_dir, name + ".tla")
            if os.path.isfile(candidate):
                path = candidate
            else:
                std = os.path.join(STDLIB_DIR, name + ".tla")
                if not os.path.isfile(std):
                    raise ParseError(
                        f"module {name} not found (looked in {search_dir} and mcheck's standard modules)",
                        _dependency_span(mod, name, node, kind))
                path = std
                loaded.standard.add(name)
            dep, *more = parse_file_modules(path) if path != std_path(name) else [parse_file(path)]
            for extra in more:
                _register(loaded, extra, path)
                queue.append(extra)
            if dep.name != name:
                # TLC insists that a file holds the module it is named after; accept it under both names
                loaded.modules.setdefault(name, dep)
                loaded.paths.setdefault(name, path)
            _register(loaded, dep, path)
            queue.append(dep)
            queue.extend(nested_modules(dep))
    return loaded


def std_path(name: str) -> str:
    return os.path.join(STDLIB_DIR, name + ".tla")


def load(path: str) -> Loaded:
    """Parse the root module at ``path`` and, transitively, every module it EXTENDS or INSTANCEs
    (the modules written after it in the same file among them)."""
    path = str(path)
    root, *more = parse_file_modules(path)
    _check_file_name(root, path)
    search_dir = os.path.dirname(os.path.abspath(path))
    loaded = Loaded(root=root, search_dir=search_dir)
    _register(loaded, root, path)
    for extra in more:
        _register(loaded, extra, path)
    return _load_closure(loaded, path)


def _check_file_name(root: A.Module, path: str) -> None:
    """SANY's rule: Foo.tla must hold MODULE Foo (SANY compares case-sensitively)."""
    stem = os.path.basename(path)
    stem = stem[:-4] if stem.endswith(".tla") else stem
    if root.name != stem:
        raise ParseError(f"File name '{stem}' does not match the name '{root.name}' of the top level "
                         "module it contains.", root.span)


def load_text(text: str, file: str, search_dir: str | None = None) -> Loaded:
    """Like ``load`` for a root module given as text (modules are searched in ``search_dir``)."""
    root = _parse(text, file)
    search_dir = search_dir or os.path.dirname(os.path.abspath(file))
    loaded = Loaded(root=root, search_dir=search_dir)
    _register(loaded, root, file)
    return _load_closure(loaded, file)
