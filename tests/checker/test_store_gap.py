"""The smallest fingerprint gap (TLC's second collision estimate) is the same whichever way it is
computed: sorted in Python for a small store (no numpy import in a small run), by numpy for a large one."""
import random

import numpy as np

from mcheck.checker.shard import min_gap
from mcheck.checker.store import FingerprintStore


def _store(fps: list[int]) -> FingerprintStore:
    store = FingerprintStore(lambda t: t[0])
    for i, fp in enumerate(fps):
        assert store.insert((fp,), -1, -1) == i
    return store


def test_small_store_gap_is_numpys_unsigned_gap():
    rng = random.Random(7)
    fps = [rng.randrange(-(1 << 63), 1 << 63) for _ in range(5000)] + [-1, 0, (1 << 63) - 1, -(1 << 63)]
    assert _store(fps).min_gap() == min_gap(np.array(fps, dtype=np.int64))


def test_gap_with_fewer_than_two_fingerprints_is_longs_max():
    assert _store([]).min_gap() == _store([42]).min_gap() == (1 << 63) - 1
