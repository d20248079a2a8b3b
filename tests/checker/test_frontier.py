"""The next level's queue: insertion order whatever went to disk, values that come back equal,
spill files that do not outlive the frontier, and clear errors when a level cannot go to disk."""
from __future__ import annotations

import gc
import tempfile
import tracemalloc

import pytest

from mcheck.checker import frontier as F
from mcheck.checker.frontier import Frontier, FrontierSpillError, default_budget, parse_size, state_bytes
from mcheck.semantics.values import (
    NAT, FcnSet, FilterSet, Fcn, IntervalSet, LazyFcn, ModelValue, PowerSet, RecordSet, SeqSet,
)

GiB = 1024 ** 3
MiB = 1024 ** 2


@pytest.fixture
def tmpdir_only(tmp_path, monkeypatch):
    """The system temporary folder is ``tmp_path``, so the default spill directory is seen."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def mixed_state(i: int) -> tuple:
    p, q = ModelValue("p"), ModelValue("q")
    return (Fcn({"a": i, "b": "x"}), frozenset({i, i + 1, -i}), "working" if i % 2 else "idle",
            (p, q, i % 3 == 0), i * 10 ** 12, ())


def fill(f: Frontier, n: int, make=mixed_state) -> list[tuple]:
    items = [(i, make(i)) for i in range(n)]
    for i, s in items:
        f.append(i, s)
    return items


def test_frontier_keeps_insertion_order_across_spills(tmpdir_only):
    f = Frontier(0, chunk=64)                   # every estimate is over budget: spill every 64 appends
    items = fill(f, 1000)
    assert f.spilled_bytes > 0
    assert [p.name for p in tmpdir_only.iterdir()][0].startswith("mcheck-frontier-")
    assert len(f) == 1000
    assert list(f) == items
    assert list(tmpdir_only.iterdir()) == []     # iteration ended: the spill directory is gone
    f.close()                                   # closing twice is harmless
    assert len(f) == 1000 and f.spilled_bytes > 0


def test_a_given_spill_dir_is_used_and_left_empty(tmp_path):
    spill = tmp_path / "spill"
    spill.mkdir()
    f = Frontier(0, spill_dir=spill, chunk=50)
    items = fill(f, 333)
    assert f.spilled_bytes > 0
    f_iter = iter(f)
    assert [next(f_iter) for _ in range(333)] == items
    f.close()
    assert spill.is_dir() and list(spill.iterdir()) == []


def test_frontier_in_memory_below_budget_writes_nothing(tmpdir_only):
    f = Frontier(1 * GiB, chunk=128)
    items = fill(f, 10_000)
    assert f.spilled_bytes == 0
    assert list(tmpdir_only.iterdir()) == []
    assert len(f) == 10_000
    assert list(f) == items


def test_frontier_spills_once_its_estimated_size_passes_the_budget(tmp_path):
    one = state_bytes([mixed_state(7)])
    f = Frontier(int(300 * one), spill_dir=tmp_path, chunk=100)
    fill(f, 200)
    assert f.spilled_bytes == 0
    fill(f, 800)
    assert f.spilled_bytes > 0
    f.close()


def test_the_size_estimate_is_close_to_the_memory_python_uses():
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        states = [mixed_state(i) for i in range(5000)]
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    estimate = state_bytes(states[-8:]) * len(states)
    assert 0.75 < estimate / used < 1.33


def test_model_values_come_back_identical(tmp_path):
    p, q = ModelValue("p"), ModelValue("q")
    f = Frontier(0, spill_dir=tmp_path, chunk=2)
    f.append(0, (p, frozenset({p, q}), Fcn({p: 1, q: p}), (q,)))
    f.append(1, (True, False, 1, 0))
    f.append(2, ("tail", p))
    (_, a), (_, b), (_, c) = list(f)
    assert a[0] is p and c[1] is p
    assert a == (p, frozenset({p, q}), Fcn({p: 1, q: p}), (q,))
    assert a[2][q] is p
    assert [type(v) for v in b] == [bool, bool, int, int]


def test_values_of_every_kind_come_back_equal(tmp_path):
    rec = Fcn({"pc": "cs", "n": 3, "s": frozenset({"a", "b"})})
    lazy = (IntervalSet(1, 50), NAT, SeqSet(NAT), PowerSet(frozenset({1, 2})),
            FcnSet(frozenset({1, 2}), frozenset({"a"})), RecordSet({"x": NAT, "y": frozenset({1})}))
    state = (rec, frozenset({rec, (1, 2)}), (rec, ("a", (1,))), lazy, 2 ** 100, -7, "")
    f = Frontier(0, spill_dir=tmp_path, chunk=1)
    f.append(5, state)
    f.append(6, state)
    (i, back), (j, again) = list(f)
    assert (i, j) == (5, 6)
    assert back == state and again == state
    assert hash(back[0]) == hash(rec) and type(back[0]) is Fcn
    assert [type(v) for v in back[3]] == [type(v) for v in lazy]


def test_unpicklable_states_are_fine_while_the_level_fits_in_memory(tmp_path):
    lazy = LazyFcn(NAT, lambda n: n + 1)
    f = Frontier(1 * GiB, spill_dir=tmp_path, chunk=8)
    for i in range(100):
        f.append(i, (i, lazy))
    assert [s for _, s in f] == [(i, lazy) for i in range(100)]


def test_unpicklable_state_is_a_clear_error(tmp_path):
    f = Frontier(0, spill_dir=tmp_path, chunk=4)
    for i in range(6):
        f.append(i, (i,))
    f.append(6, (6, FilterSet(NAT, lambda n: n % 2 == 0, "{n \\in Nat : n % 2 = 0}")))
    with pytest.raises(FrontierSpillError, match=r"state 6 cannot be pickled .*n % 2 = 0.*larger budget"):
        f.append(7, (7,))


def test_a_failed_spill_loses_nothing(tmp_path):
    f = Frontier(0, spill_dir=tmp_path, chunk=4)
    bad = (LazyFcn(NAT, lambda n: n),)
    for i in range(7):
        f.append(i, bad if i == 5 else (i,))
    with pytest.raises(FrontierSpillError):
        f.append(7, (7,))                       # chunk 0-3 is on disk, 4-7 stays in memory
    assert f.spilled_bytes > 0
    assert len(f) == 8
    assert [i for i, _ in f] == list(range(8))


def test_a_missing_spill_dir_is_a_clear_error(tmp_path):
    f = Frontier(0, spill_dir=tmp_path / "nowhere", chunk=2)
    f.append(0, (0,))
    with pytest.raises(FrontierSpillError, match="could not make a spill file"):
        f.append(1, (1,))


def test_abandoned_iteration_and_garbage_collection_remove_the_spill(tmpdir_only):
    f = Frontier(0, chunk=10)
    fill(f, 100)
    it = iter(f)
    assert next(it)[0] == 0
    del it                                      # the search stopped at a violation
    assert list(tmpdir_only.iterdir()) == []

    g = Frontier(0, chunk=10)
    fill(g, 100)
    assert list(tmpdir_only.iterdir()) != []
    del g                                       # never read nor closed
    gc.collect()
    assert list(tmpdir_only.iterdir()) == []


def test_a_frontier_is_read_once_and_filled_before_it_is_read(tmp_path):
    f = Frontier(1 * GiB, spill_dir=tmp_path)
    f.append(0, (0,))
    assert list(f) == [(0, (0,))]
    with pytest.raises(RuntimeError, match="iterated once"):
        iter(f)
    with pytest.raises(RuntimeError, match="after iteration began"):
        f.append(1, (1,))
    assert len(f) == 1
    with Frontier(1 * GiB) as g:
        g.append(0, (0,))
    with pytest.raises(RuntimeError, match="after close"):
        g.append(1, (1,))


@pytest.mark.parametrize("text, size", [
    ("0", 0), ("1234", 1234), ("64K", 64 * 1024), ("500M", 500 * MiB), ("500m", 500 * MiB),
    ("2G", 2 * GiB), ("1.5G", 3 * GiB // 2), (" 8 M ", 8 * MiB), ("64MiB", 64 * MiB), ("10KB", 10240),
])
def test_parse_size_accepts_suffixes_and_rejects_garbage(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "-5M", "5X", "five", "5 M B", "1e9", "0x10"])
def test_parse_size_rejects_garbage_with_a_clear_message(text):
    with pytest.raises(ValueError, match=r"invalid size .*K, M or G"):
        parse_size(text)


def test_default_budget_is_a_quarter_of_available_memory_between_16_and_64_MiB():
    assert default_budget(available=8 * GiB) == 64 * MiB
    assert default_budget(available=200 * MiB) == 50 * MiB
    assert default_budget(available=40 * MiB) == 16 * MiB
    assert default_budget() >= 16 * MiB
    assert Frontier().budget >= 16 * MiB


def test_available_memory_reads_meminfo_and_respects_a_cgroup_limit(tmp_path, monkeypatch):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree:  1 kB\nMemAvailable:    8000000 kB\n")
    monkeypatch.setattr(F, "_MEMINFO", str(meminfo))
    monkeypatch.setattr(F, "_CGROUP_FILES", ((str(tmp_path / "no.max"), str(tmp_path / "no.current")),))
    assert F.available_memory() == 8000000 * 1024
    (tmp_path / "memory.max").write_text("max\n")
    (tmp_path / "memory.current").write_text(f"{GiB}\n")
    monkeypatch.setattr(F, "_CGROUP_FILES", ((str(tmp_path / "memory.max"), str(tmp_path / "memory.current")),))
    assert F.available_memory() == 8000000 * 1024      # "max": no limit
    (tmp_path / "memory.max").write_text(f"{3 * GiB}\n")
    assert F.available_memory() == 2 * GiB             # the container's 3 GiB, 1 GiB of it used
    assert default_budget() == 64 * MiB                # a quarter of 2 GiB, capped
    (tmp_path / "memory.max").write_text(f"{GiB + 100 * MiB}\n")
    assert default_budget() == 25 * MiB                # a quarter of the 100 MiB left
