"""Queries read the matrix like an inverted index: only rows with a signal are scored, and
at most a budget of postings per query vector is read, rarest features first."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from apps.matching.engine import MatchIndex, ProfileData, postings, scoring
from apps.matching.engine.features import INTENTS
from apps.matching.engine.scoring import RaggedSets
from bench.matching import synthetic_profiles


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return MatchIndex.build(synthetic_profiles(400, seed=3))


def full_ranking(
    index: MatchIndex, pid: str, intent: str, k: int, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """The reference: every row scored over every posting, as before candidates existed."""
    with monkeypatch.context() as patch:
        patch.setattr(postings, "POSTINGS_BUDGET", 10**9)
        patch.setattr(
            index,
            "_candidates",
            lambda asker, intent, columns, every_row=False: MatchIndex._candidates(
                index, asker, intent, columns, every_row=True
            ),
        )
        return [s.profile_id for s in index.suggest(pid, intent, k=k, explain=False)]


@pytest.mark.parametrize("intent", INTENTS)
def test_scoring_only_rows_with_a_signal_ranks_like_scoring_every_row(
    index: MatchIndex, intent: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pid in [f"s{i}" for i in range(0, 400, 23)]:
        fast = [s.profile_id for s in index.suggest(pid, intent, k=10, explain=False)]
        assert fast == full_ranking(index, pid, intent, 10, monkeypatch), (pid, intent)


def test_rows_without_any_signal_fill_a_short_list_in_row_order() -> None:
    profiles = [
        ProfileData(id="a", name="A", competences=("Podcastproduktion",), intents=("peer",)),
        ProfileData(id="b", name="B", competences=("Podcastproduktion",), intents=("peer",)),
        *(
            ProfileData(id=f"x{i}", name="X", competences=("Steuerrecht",), intents=("peer",))
            for i in range(5)
        ),
    ]
    index = MatchIndex.build(profiles)
    ranked = [s.profile_id for s in index.suggest("a", "peer", k=4)]
    assert ranked == ["b", "x0", "x1", "x2"]


def test_a_query_reads_its_rarest_features_first_within_the_budget() -> None:
    # column 0 is common (5 rows), column 1 rare (1 row), column 2 in between (3 rows)
    rows = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8])
    cols = np.array([0, 0, 0, 0, 0, 1, 2, 2, 2])
    matrix = sparse.csc_matrix((np.ones(9, dtype=np.float32), (rows, cols)), shape=(9, 3))
    query = (np.array([0, 1, 2], dtype=np.int32), np.ones(3, dtype=np.float32))

    found, sims = postings.candidate_similarities(matrix, None, [(query, 0)], dim=3, budget=4)
    assert list(found) == [5, 6, 7, 8]  # the rare and the middle column, not the common one
    assert sims[:, 0].tolist() == [1.0, 1.0, 1.0, 1.0]

    found, _ = postings.candidate_similarities(matrix, None, [(query, 0)], dim=3, budget=0)
    assert list(found) == [5]  # the rarest feature is always read

    found, _ = postings.candidate_similarities(matrix, None, [(query, 0)], dim=3, budget=100)
    assert list(found) == list(range(9))


def test_ragged_sets_keep_their_rows_through_compaction() -> None:
    sets = RaggedSets()
    rows = [{3, 1}, set(), {7}, {2, 9, 4}, {5}]
    for items in rows:
        sets.append(items)
    assert [sets[i] for i in range(5)] == [frozenset(r) for r in rows]

    sets.keep(np.array([3, 0, 2]))
    assert [sets[i] for i in range(3)] == [frozenset({2, 4, 9}), frozenset({1, 3}), {7}]
    sets.append({11})
    assert sets[3] == frozenset({11})


def test_space_near_the_asker_counts_without_any_shared_word() -> None:
    def person(pid: str, city: str, postal: str, **extra: object) -> ProfileData:
        return ProfileData(
            id=pid, name=pid, city=city, postal_code=postal, intents=("space",), **extra
        )

    index = MatchIndex.build(
        [
            person("asker", "Kassel", "34117", seeking="Ich suche einen Seminarraum."),
            person("room", "Kassel", "34119", offers=("Seminarraum zur Untermiete",)),
            person("far", "Hamburg", "20095", offers=("Seminarraum zur Untermiete",)),
            person("near", "Kassel", "34121", competences=("Steuerrecht",)),
        ]
    )
    ranked = [s.profile_id for s in index.suggest("asker", "space", k=3)]
    assert ranked[0] == "room"
    assert ranked.index("near") < ranked.index("far")
    assert scoring.SPACE_REACH_KM > scoring.FAR_KM
