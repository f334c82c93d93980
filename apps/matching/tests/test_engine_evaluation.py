"""The evaluation's metrics, its fixed halves and the vocabulary-free reference ranking."""

import math

import pytest

from apps.matching.engine.baseline import NgramTfidf, char_ngrams
from apps.matching.engine.evaluation import (
    gain,
    half_of,
    ndcg,
    query_metrics,
    recall,
    reciprocal_rank,
    summarise,
)
from apps.matching.engine.features import ProfileData


def test_exponential_gain_weighs_an_excellent_partner_three_times_an_acceptable_one() -> None:
    assert gain(2, "linear") == 2 and gain(1, "linear") == 1
    assert gain(2, "exp") == 3 and gain(1, "exp") == 1 and gain(0, "exp") == 0


def test_ndcg_by_hand_for_both_gains() -> None:
    grades = {"a": 2, "b": 1}
    ranked = ["b", "x", "a"]
    linear = (1 + 2 / 2) / (2 + 1 / math.log2(3))
    exp = (1 + 3 / 2) / (3 + 1 / math.log2(3))
    assert ndcg(ranked, grades) == pytest.approx(linear)
    assert ndcg(ranked, grades, kind="exp") == pytest.approx(exp)
    # swapping an excellent for an acceptable partner at the top costs more with exp gain
    assert ndcg(ranked, grades, kind="exp") < ndcg(ranked, grades)


def test_ndcg_counts_only_the_first_k_and_is_zero_without_relevant_partners() -> None:
    assert ndcg(["x", "a"], {"a": 2}, k=1) == 0.0
    assert ndcg(["a"], {}) == 0.0
    assert ndcg(["a", "b"], {"a": 2, "b": 2}, kind="exp") == 1.0


def test_recall_and_reciprocal_rank() -> None:
    assert recall(["a", "x"], {"a": 2, "b": 1}, k=2) == 0.5
    assert reciprocal_rank(["x", "y", "b"], {"b": 1}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], {"b": 1}) == 0.0


def test_grade2_first_counts_only_an_excellent_partner_in_first_place() -> None:
    rows = [
        query_metrics(["a"], {"a": 2}),
        query_metrics(["b", "a"], {"a": 2, "b": 1}),
        query_metrics([], {"a": 2}),
    ]
    assert summarise(rows)["grade2_first"] == 1
    assert summarise(rows)["queries"] == 3
    assert summarise([])["ndcg@10"] == 0.0


def test_halves_are_fixed_by_the_parity_of_the_query_number() -> None:
    assert half_of("q01", 5) == "tuning" and half_of("q02", 0) == "check"
    assert half_of("query-17", 0) == "tuning" and half_of("x10", 0) == "check"
    # without a number the position in the file decides (first line tunes)
    assert half_of("abc", 0) == "tuning" and half_of(None, 1) == "check"


def test_character_ngrams_are_taken_inside_words_only() -> None:
    grams = char_ngrams("Ab cd")
    assert " ab" in grams and "ab " in grams and " ab c" not in grams
    assert "b c" not in grams


def test_tfidf_reference_ranks_the_closest_wording_first() -> None:
    profiles = [
        ProfileData(id="ask", name="A", seeking="Suche Podcastproduktion und Tonschnitt"),
        ProfileData(id="near", name="B", competences=("Podcast-Produktion", "Tonschnitt")),
        ProfileData(id="far", name="C", competences=("Steuerberatung", "Buchhaltung")),
    ]
    ranking = NgramTfidf(profiles).rank("ask", "complement")
    assert ranking == ["near", "far"]
