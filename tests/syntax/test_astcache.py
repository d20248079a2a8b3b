"""Parsed modules are kept on disk (syntax/astcache.py): a spec checked again is not parsed again,
and an edited one is."""
import os
import subprocess
import sys

import pytest

from mcheck.semantics import modules
from mcheck.syntax import ast as A
from mcheck.syntax import astcache
from mcheck.syntax.errors import ParseError

SPEC = "---- MODULE Cached ----\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1\n====\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MCHECK_NO_CACHE", raising=False)
    return tmp_path / "cache" / "mcheck" / "ast"


def _spec(tmp_path, text=SPEC):
    path = tmp_path / "Cached.tla"
    path.write_text(text)
    return str(path)


def test_a_parsed_module_is_read_back_equal(tmp_path, cache):
    path = _spec(tmp_path)
    first = modules.parse_file_modules(path)
    assert len(list(cache.iterdir())) == 1
    again = modules.parse_file_modules(path)
    assert again == first and again[0] is not first[0]
    assert [d.name for d in again[0].units if isinstance(d, A.OpDef)] == ["Init", "Next"]


def test_a_second_run_does_not_import_the_parser(tmp_path, cache):
    path = _spec(tmp_path)
    modules.parse_file_modules(path)
    code = ("import sys\nfrom mcheck.semantics import modules\n"
            f"m = modules.parse_file_modules({path!r})[0]\n"
            "print(m.name, 'lark' in sys.modules, 'mcheck.syntax.parser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "XDG_CACHE_HOME": str(cache.parent.parent)}, check=True)
    assert out.stdout.split() == ["Cached", "False", "False"]


def test_an_edited_spec_is_parsed_again(tmp_path, cache):
    path = _spec(tmp_path)
    modules.parse_file_modules(path)
    _spec(tmp_path, SPEC.replace("x + 1", "x + 2").replace("Next", "Step"))
    names = [d.name for d in modules.parse_file_modules(path)[0].units if isinstance(d, A.OpDef)]
    assert names == ["Init", "Step"]


def test_an_unreadable_entry_is_parsed_again(tmp_path, cache):
    path = _spec(tmp_path)
    first = modules.parse_file_modules(path)
    (entry,) = cache.iterdir()
    entry.write_bytes(b"not a pickle")
    assert modules.parse_file_modules(path) == first


def test_a_parse_error_is_not_kept_and_is_reported_each_time(tmp_path, cache):
    path = _spec(tmp_path, SPEC.replace("x + 1", "x +"))
    for _ in range(2):
        with pytest.raises(ParseError):
            modules.parse_file_modules(path)
    assert not cache.exists() or not list(cache.iterdir())


def test_the_cache_keeps_only_the_newest_entries(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(astcache, "KEEP", 2)
    for i in range(4):
        modules.parse_file_modules(_spec(tmp_path, SPEC.replace("x = 0", f"x = {i}")))
    assert len(list(cache.glob("*.pickle"))) == 2


def test_mcheck_no_cache_turns_it_off(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("MCHECK_NO_CACHE", "1")
    modules.parse_file_modules(_spec(tmp_path))
    assert not cache.exists()
