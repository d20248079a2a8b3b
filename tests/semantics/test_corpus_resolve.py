"""The whole conformance corpus: every .tla parses, and every one resolves (the community modules it uses
are bundled)."""
from __future__ import annotations

import collections
import re

from click.testing import CliRunner

from mcheck.cli.parse_cmd import parse_command
from mcheck.semantics.modules import load
from mcheck.semantics.resolve import check_all
from mcheck.syntax.errors import ParseError, TLAError
from mcheck.syntax.parser import parse_module

# Community modules mcheck does not bundle, and how many corpus files stop at each (first missing module):
# none since Json, the collections modules (Functions, SequencesExt, ...), IOUtils & co. and CSV are bundled.
COMMUNITY_MISSING: dict[str, int] = {}

_NOT_FOUND = re.compile(r"^module (\w+) not found \(looked in .* and mcheck's standard modules\)$")


def tla_files(corpus):
    files = sorted(corpus.glob("specifications/**/*.tla"))
    assert len(files) >= 300
    return files


def test_every_corpus_module_parses(corpus):
    failures = []
    for f in tla_files(corpus):
        try:
            parse_module(f.read_text(encoding="utf-8", errors="replace"), str(f))
        except ParseError as e:
            failures.append(e.render())
    assert failures == []


def test_every_corpus_module_resolves_unless_it_needs_a_community_module(corpus):
    missing: collections.Counter[str] = collections.Counter()
    failures: list[str] = []
    resolved = 0
    for f in tla_files(corpus):
        try:
            loaded = load(str(f))
        except TLAError as e:
            m = _NOT_FOUND.match(e.message)
            if m is None:
                failures.append(e.render())
            else:
                missing[m.group(1)] += 1
            continue
        errs = check_all(loaded)
        failures.extend(e.render() for e in errs)
        resolved += not errs
    assert failures == []
    assert dict(missing) == COMMUNITY_MISSING
    assert resolved == len(tla_files(corpus)) - sum(COMMUNITY_MISSING.values())


def test_parse_command_over_the_corpus(corpus):
    files = [str(f) for f in tla_files(corpus)]
    result = CliRunner().invoke(parse_command, files)
    assert result.exit_code == (150 if COMMUNITY_MISSING else 0)  # 150: files need missing modules
    ok = [line for line in result.output.splitlines() if line.endswith(": ok")]
    assert len(ok) == len(files) - sum(COMMUNITY_MISSING.values())
    assert result.output.count("error: module ") == sum(COMMUNITY_MISSING.values())


def test_parse_command_ok_and_error_exit_codes(tmp_path):
    good = tmp_path / "Good.tla"
    good.write_text("---- MODULE Good ----\nEXTENDS Naturals\nX == 1 + 1\n====\n")
    bad = tmp_path / "Bad.tla"
    bad.write_text("---- MODULE Bad ----\nX == Foo\n====\n")
    runner = CliRunner()
    result = runner.invoke(parse_command, [str(good)])
    assert (result.exit_code, result.output) == (0, f"{good}: ok\n")
    result = runner.invoke(parse_command, [str(good), str(bad)])
    assert result.exit_code == 150
    assert result.output.splitlines() == [
        f"{good}: ok",
        f"{bad}:2:6: error: unknown operator 'Foo'",
        "  X == Foo",
        "       ^^^",
    ]
