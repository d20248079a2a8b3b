"""The layout's rules, checked on the source: one direction of imports, no cycles, small files.

Layers, lowest first: ``syntax`` -> ``semantics`` -> ``checker`` -> ``trace`` -> ``cli``, with
``api`` beside ``cli``.  A module imports only from its own layer or the layers before it; every
import counts, also one inside a function, so that a late import cannot hide a cycle.
"""
from __future__ import annotations

import ast
import warnings
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1] / "mcheck"
LAYERS = {"syntax": 0, "semantics": 1, "checker": 2, "trace": 3, "cli": 4, "api": 4}
MAX_LINES = 600
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = ("mcheck",) + path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _imports(name: str, path: Path) -> list[tuple[str, list[str], int, bool]]:
    """(imported module, names taken from it, line, at module level) for each import of an mcheck module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno, id(node) in top) for a in node.names if a.name.startswith("mcheck")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("mcheck"):
                continue
            names = [a.name for a in node.names]
            # "from . import values": the name is a module
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            if subs:
                out += [(s, [], node.lineno, id(node) in top) for s in subs]
            else:
                out.append((target, names, node.lineno, id(node) in top))
    return out


def _top(module: str) -> str:
    """The package (or top module) of mcheck a module is in: "syntax", ..., "api" ("" for mcheck itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _layer(module: str) -> int | None:
    return LAYERS.get(_top(module))


def _graph() -> nx.DiGraph:
    G = nx.DiGraph()
    for name, path in MODULES.items():
        G.add_node(name)
        for target, _, line, _ in _imports(name, path):
            if target in MODULES and target != name:
                G.add_edge(name, target, line=line)
    return G


def test_no_import_cycles_even_through_imports_inside_functions():
    cycles = list(nx.simple_cycles(_graph()))
    assert cycles == []


def test_each_layer_imports_only_from_the_layers_before_it():
    wrong = []
    for name, path in MODULES.items():
        mine = _layer(name)
        for target, _, line, _ in _imports(name, path):
            theirs = _layer(target)
            if mine is not None and theirs is not None and theirs > mine:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
            if {_top(name), _top(target)} == {"api", "cli"}:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target} (api and cli stand side by side)")
    assert wrong == []


def test_no_private_name_is_imported_from_another_package():
    wrong = []
    for name, path in MODULES.items():
        for target, names, line, _ in _imports(name, path):
            if _top(target) != _top(name):
                wrong += [f"{path.relative_to(ROOT)}:{line} {target}.{n}" for n in names if n.startswith("_")]
    assert wrong == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_says_its_job_and_stays_small(name):
    path = MODULES[name]
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    assert ast.get_docstring(tree), f"{name} has no docstring"
    assert text.count("\n") <= MAX_LINES, f"{name}: {text.count(chr(10))} lines"
    long = [f"{n.name} ({n.end_lineno - n.lineno + 1} lines)" for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == [], f"{name}: {long}"
    assert "noqa: E402" not in text, f"{name} imports after code"


def test_every_module_compiles_without_a_warning():
    # an invalid escape such as \/ in a docstring is a warning when the module is first compiled (a
    # fresh clone has no .pyc), which a test that reads a command's output then sees
    noisy = []
    for name, path in sorted(MODULES.items()):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except SyntaxError as err:
                noisy.append(f"{name}: {err.msg}")
    assert noisy == []
