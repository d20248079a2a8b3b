"""Loading a specification: the root, its EXTENDS/INSTANCE closure, search order, errors."""
from __future__ import annotations

import os

import pytest

from mcheck.semantics import modules
from mcheck.semantics.modules import STDLIB_DIR, load, standard_module_names
from mcheck.syntax.errors import ParseError


def write(dir, name: str, text: str) -> str:
    path = os.path.join(dir, name)
    with open(path, "w") as fh:
        fh.write(text)
    return path


def test_bundles_the_standard_proof_library_and_community_modules():
    names = set(standard_module_names())
    assert {"Naturals", "Integers", "Reals", "Sequences", "FiniteSets", "Bags", "TLC", "TLCExt",
            "Randomization", "TLAPS", "FiniteSetTheorems", "NaturalsInduction", "WellFoundedInduction",
            "SequenceTheorems", "FunctionTheorems"} <= names
    assert "Json" in names  # TLC ships it in its jar; a tier-A conformance model needs it
    assert {"Functions", "SequencesExt", "FiniteSetsExt", "Folds", "IOUtils", "Bitwise", "UndirectedGraphs",
            "SVG", "BagsExt", "VectorClocks", "CSV"} <= names


def test_every_bundled_module_parses_and_resolves():
    from mcheck.semantics.resolve import check

    for name in standard_module_names():
        loaded = load(os.path.join(STDLIB_DIR, name + ".tla"))
        check(loaded)


def test_integers_extends_naturals_in_the_distribution_shape():
    loaded = load(os.path.join(STDLIB_DIR, "Integers.tla"))
    assert loaded.root.extends == ("Naturals",)
    assert set(loaded.modules) == {"Integers", "Naturals"}


def test_load_follows_extends_and_instances_transitively(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS B\nI == INSTANCE C\n====\n")
    write(tmp_path, "B.tla", "---- MODULE B ----\nEXTENDS Naturals\nb == 1\n====\n")
    write(tmp_path, "C.tla", "---- MODULE C ----\nEXTENDS Sequences\nc == <<>>\n====\n")
    loaded = load(str(tmp_path / "A.tla"))
    assert loaded.root.name == "A"
    assert set(loaded.modules) == {"A", "B", "C", "Naturals", "Sequences"}
    assert loaded.paths["B"] == str(tmp_path / "B.tla")
    assert loaded.paths["Naturals"] == os.path.join(STDLIB_DIR, "Naturals.tla")
    assert loaded.standard == {"Naturals", "Sequences"}


def test_instance_inside_let_is_loaded(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nX == LET M == INSTANCE D IN M!d\n====\n")
    write(tmp_path, "D.tla", "---- MODULE D ----\nd == 1\n====\n")
    assert "D" in load(str(tmp_path / "A.tla")).modules


def test_the_spec_folder_comes_before_the_standard_modules(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS TLC\n====\n")
    write(tmp_path, "TLC.tla", "---- MODULE TLC ----\nMine == 1\n====\n")
    loaded = load(str(tmp_path / "A.tla"))
    assert loaded.paths["TLC"] == str(tmp_path / "TLC.tla")
    assert "TLC" not in loaded.standard


def test_nested_modules_are_visible_to_their_parent(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nVARIABLE x\n---- MODULE Inner ----\nVARIABLE y\n"
                             "====\nI == INSTANCE Inner WITH y <- x\n====\n")
    loaded = load(str(tmp_path / "A.tla"))
    assert loaded.modules["Inner"].name == "Inner"
    assert loaded.paths["Inner"] == str(tmp_path / "A.tla")


def test_missing_extended_module_is_reported_at_its_name(tmp_path):
    path = write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS Naturals, Nowhere\n====\n")
    with pytest.raises(ParseError) as info:
        load(path)
    e = info.value
    assert e.message == f"module Nowhere not found (looked in {tmp_path} and mcheck's standard modules)"
    assert (e.span.file, e.span.line, e.span.col, e.span.end_col) == (path, 2, 19, 26)


def test_missing_instanced_module_is_reported_at_its_name(tmp_path):
    path = write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS Naturals\n\nF == INSTANCE Nowhere\n====\n")
    with pytest.raises(ParseError) as info:
        load(path)
    assert info.value.message.startswith("module Nowhere not found")
    assert (info.value.span.line, info.value.span.col) == (4, 15)


def test_missing_module_of_a_dependency_is_reported_in_the_dependency(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS B\n====\n")
    b = write(tmp_path, "B.tla", "---- MODULE B ----\nEXTENDS Nowhere\n====\n")
    with pytest.raises(ParseError) as info:
        load(str(tmp_path / "A.tla"))
    assert info.value.span.file == b


def test_syntax_error_in_a_dependency_is_a_parse_error_there(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS B\n====\n")
    b = write(tmp_path, "B.tla", "---- MODULE B ----\nX == (1 +\n====\n")
    with pytest.raises(ParseError) as info:
        load(str(tmp_path / "A.tla"))
    assert info.value.span.file == b


def test_extends_cycle_terminates(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS B\n====\n")
    write(tmp_path, "B.tla", "---- MODULE B ----\nEXTENDS A\n====\n")
    loaded = load(str(tmp_path / "A.tla"))
    assert set(loaded.modules) == {"A", "B"}


def test_standard_modules_are_parsed_once_per_process(tmp_path):
    write(tmp_path, "A.tla", "---- MODULE A ----\nEXTENDS Naturals\n====\n")
    first = load(str(tmp_path / "A.tla")).modules["Naturals"]
    second = load(str(tmp_path / "A.tla")).modules["Naturals"]
    assert first is second
    assert modules._stdlib_cache


def test_load_text_searches_the_given_folder(tmp_path):
    write(tmp_path, "B.tla", "---- MODULE B ----\nb == 1\n====\n")
    loaded = modules.load_text("---- MODULE A ----\nEXTENDS B\n====\n", str(tmp_path / "A.tla"))
    assert set(loaded.modules) == {"A", "B"}
