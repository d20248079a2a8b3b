"""benchmarks/run.py's table: TLC's figures read from the TSV, the rows it prints, the models it picks.
(No timing: the runs themselves are the benchmark's job.)"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
spec = importlib.util.spec_from_file_location("bench_run", SCRIPT)
bench = importlib.util.module_from_spec(spec)
sys.modules["bench_run"] = bench   # dataclasses look their module up
spec.loader.exec_module(bench)

TSV = (
    "model\tfolder\tcfg\tdistinct_states\ttlc_wall_s\ttlc_peak_mb\tmcheck_wall_s_2026_12_01\tratio_2026_12_01"
    "\ttlc_wall_s_quiet\tmcheck_wall_s_quiet_2026_12_01\tratio_quiet\n"
    "TwoPhase RM=6\ttransaction_commit\tCONSTANT RM = {r1..r6}\t50816\t5.5\t319\t2.7\t0.49\t\t\t\n"
    "MCLamportMutex\tlamport_mutex\tMCLamportMutex.cfg\t724274\t46.8\t2227\t102.8\t2.20\t30.6\t87.4\t2.86\n"
)


def test_tlc_wall_is_the_quiet_column_where_the_tsv_has_one_and_says_so():
    tlc = bench.read_tlc(TSV)
    assert tlc["MCLamportMutex"] == bench.TlcFigures(724274, 30.6, "tlc_wall_s_quiet", 2227.0)
    assert tlc["TwoPhase RM=6"] == bench.TlcFigures(50816, 5.5, "tlc_wall_s", 319.0)


def test_every_model_of_the_real_tsv_is_a_benchmark_and_every_benchmark_has_tlc_figures():
    tsv = bench.default_tsv()
    if not tsv.exists():
        pytest.skip("no ../shared/perf corpus")
    assert set(bench.read_tlc(tsv.read_text())) == {m.name for m in bench.MODELS}


def _row(name: str, distinct: int, seconds: float, result: str = "success") -> "bench.Row":
    b = next(m for m in bench.MODELS if m.name == name)
    run = bench.Run(result=result, distinct=distinct, seconds=seconds, cpu_s=seconds - 0.5, rss_mb=123.4)
    return bench.Row(b, 1, run, bench.read_tlc(TSV).get(name))


def test_a_row_gives_mchecks_wall_cpu_and_their_ratios_to_tlcs_wall():
    lines = bench.format_table([_row("MCLamportMutex", 724274, 61.2)]).splitlines()
    assert lines[0].startswith("| model | workers | TLC wall s | TLC column |")
    assert lines[1].count("---") == len(bench.HEADERS)
    assert lines[2] == ("| MCLamportMutex | 1 | 30.6 | tlc_wall_s_quiet | 61.2 | 60.7 | 2.00 | 1.98 | 123 | - "
                        "| 724,274 | ok |")


def test_distinct_states_other_than_tlcs_are_a_loud_failure():
    row = _row("TwoPhase RM=6", 50815, 2.0)
    assert row.problem() == "DISTINCT STATES 50815 != TLC's 50816"
    assert "**FAIL: DISTINCT STATES 50815 != TLC's 50816**" in bench.format_table([row])


def test_a_run_that_did_not_succeed_is_a_failure_whatever_its_count():
    row = _row("TwoPhase RM=6", 50816, 2.0, result="safety failure")
    assert row.problem() == "safety failure"


def test_only_takes_names_repeated_or_comma_separated_in_table_order_and_quick_adds_two():
    assert [m.key for m in bench.select(["ewd998pcal,DieHard", "btree"], False)] == ["DieHard", "btree", "EWD998PCal"]
    assert [m.key for m in bench.select([], True)] == ["DieHard", "TwoPhase6"]
    assert len(bench.select([], False)) == 8
    with pytest.raises(SystemExit, match="unknown model nope"):
        bench.select(["nope"], False)
