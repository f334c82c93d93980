"""Large builds: chunked featurising (in forked workers) and one weighting pass over all
rows give the same matrix as weighting one row at a time."""

from __future__ import annotations

import numpy as np
import pytest

from apps.matching.engine import MatchIndex, build
from apps.matching.engine.features import featurize
from bench.matching import synthetic_profiles


def test_one_pass_weighting_equals_weighting_row_by_row() -> None:
    profiles = synthetic_profiles(300, seed=9)
    index = MatchIndex.build(profiles)
    for row, p in enumerate(profiles[:60]):
        cols, vals = index._vector_parts(featurize(p))
        got = index._main_csr[row]
        assert got.indices.tolist() == cols.tolist()
        assert np.allclose(got.data, vals, rtol=1e-6)


def test_forked_workers_build_the_same_index(monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = synthetic_profiles(700, seed=4)
    serial = MatchIndex.build(profiles)
    monkeypatch.setattr(build, "PARALLEL_FROM", 100)
    monkeypatch.setattr(build, "CHUNK", 150)
    monkeypatch.setenv("MATCHING_BUILD_WORKERS", "2")
    parallel = MatchIndex.build(profiles)

    assert (serial._main_csr != parallel._main_csr).nnz == 0
    assert np.array_equal(serial._df, parallel._df)
    assert serial._ids == parallel._ids
    for pid in ("s3", "s350", "s699"):
        ranked = [s.profile_id for s in serial.suggest(pid, "complement", k=10)]
        assert ranked == [s.profile_id for s in parallel.suggest(pid, "complement", k=10)]
