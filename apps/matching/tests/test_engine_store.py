"""The index file: large arrays are mapped copy-on-write, everything else round-trips."""

import mmap
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from apps.matching.engine import MatchIndex, ProfileData, store
from apps.matching.engine.index import StaleIndexError


def mapped(array: np.ndarray) -> bool:
    """Whether the array's memory is the mapped file rather than a copy of its own."""
    base = array
    while isinstance(base, np.ndarray):
        base = base.base
    return isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)


def test_state_round_trips_with_large_arrays_mapped(tmp_path: Path) -> None:
    big = np.arange(100_000, dtype=np.float32)
    matrix = sparse.random(2000, 500, density=0.05, format="csr", dtype=np.float32, rng=1)
    state = {"big": big, "small": np.arange(3), "matrix": matrix, "names": ["a", "b"]}
    path = tmp_path / "state.idx"
    store.dump(state, path)

    loaded = store.load(path)

    assert mapped(loaded["big"])
    assert not mapped(loaded["small"])
    assert np.array_equal(loaded["big"], big)
    assert (loaded["matrix"] != matrix).nnz == 0
    assert loaded["names"] == ["a", "b"]


def test_a_change_in_one_process_copy_leaves_the_file_and_other_copies_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.idx"
    store.dump({"alive": np.ones(100_000, dtype=bool)}, path)
    first, second = store.load(path), store.load(path)

    first["alive"][7] = False

    assert second["alive"][7]
    assert store.load(path)["alive"][7]


def test_an_index_answers_the_same_after_saving_and_loading(tmp_path: Path) -> None:
    profiles = [
        ProfileData(
            id=str(i),
            name=f"P{i}",
            headline="Moderation und Teamentwicklung" if i % 2 else "Resilienz-Coaching",
            competences=("Moderation",) if i % 2 else ("Coaching",),
            seeking="Ich suche Coaches für Führungskräfte." if i % 3 else "",
            city="Leipzig",
            intents=("complement", "peer"),
        )
        for i in range(300)
    ]
    index = MatchIndex.build(profiles)
    path = tmp_path / "index.idx"
    index.save(path)

    loaded = MatchIndex.load(path)
    loaded.upsert(profiles[5])  # writes into the mapped arrays' private copy

    assert [s.profile_id for s in loaded.suggest("1", "complement", k=10)] == [
        s.profile_id for s in index.suggest("1", "complement", k=10)
    ]
    assert len(MatchIndex.load(path)) == len(index)


def test_a_file_of_another_format_counts_as_stale(tmp_path: Path) -> None:
    path = tmp_path / "old.pkl"
    path.write_bytes(b"\x80\x05not an index")
    with pytest.raises(StaleIndexError):
        MatchIndex.load(path)
