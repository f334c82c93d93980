"""Scoring properties of the matching engine per intent, on the project's own fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apps.matching.engine import (
    Filters,
    MatchIndex,
    ProfileData,
    render_reason_de,
)

FIXTURES = Path(__file__).parent / "fixtures" / "profiles.jsonl"


def load_fixture_profiles() -> list[ProfileData]:
    lines = FIXTURES.read_text(encoding="utf-8").splitlines()
    return [ProfileData.from_json(json.loads(line)) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def profiles() -> list[ProfileData]:
    return load_fixture_profiles()


@pytest.fixture(scope="module")
def index(profiles: list[ProfileData]) -> MatchIndex:
    return MatchIndex.build(profiles)


def ranked(index: MatchIndex, pid: str, intent: str, **kwargs) -> list[str]:
    return [s.profile_id for s in index.suggest(pid, intent, k=50, **kwargs)]


def test_competitor_ranks_high_for_capacity_and_low_for_complement(index: MatchIndex) -> None:
    capacity = ranked(index, "anna", "capacity")
    complement = ranked(index, "anna", "complement")
    assert capacity[0] == "cora"
    assert complement[0] == "otto"
    assert "cora" not in complement[:2]


def test_presence_only_partner_far_away_is_not_a_fit(index: MatchIndex) -> None:
    # Olga offers the same outdoor training but only in person, 500 km away
    complement = ranked(index, "anna", "complement")
    assert complement.index("otto") < complement.index("olga")
    scores = {s.profile_id: s.score for s in index.suggest("anna", "complement", k=50)}
    assert scores["olga"] < 0.5 * scores["otto"]


def test_distance_dominates_space(index: MatchIndex) -> None:
    # Bert offers more rooms than Rita, but in Berlin; Suse is in Köln and only looking
    space = ranked(index, "suse", "space")
    assert space[0] == "raum"
    assert space.index("raum") < space.index("bert")


def test_room_offer_beats_someone_who_is_also_looking(index: MatchIndex) -> None:
    space = ranked(index, "anna", "space")
    assert space.index("raum") < space.index("suse")


def test_founding_needs_a_similar_hours_commitment(index: MatchIndex) -> None:
    founding = ranked(index, "fritz", "founding")
    assert founding[0] == "gina"
    assert founding.index("gina") < founding.index("hans")


def test_partner_without_the_intent_ranks_lower(index: MatchIndex) -> None:
    # Mona and Max are mediators; Max is not looking for peers of Anna's kind, but both are
    # peers of each other: an index where Max drops the intent must rank him lower.
    scores_before = {s.profile_id: s.score for s in index.suggest("mona", "peer", k=50)}
    copy = MatchIndex.build(load_fixture_profiles())
    max_profile = next(p for p in load_fixture_profiles() if p.id == "max")
    copy.upsert(ProfileData(**{**max_profile.__dict__, "intents": ("capacity",)}))
    scores_after = {s.profile_id: s.score for s in copy.suggest("mona", "peer", k=50)}
    assert scores_after["max"] < 0.7 * scores_before["max"]


def test_hidden_excluded_and_self_never_appear(index: MatchIndex) -> None:
    for intent in ("complement", "capacity", "peer", "space", "founding"):
        result = ranked(index, "anna", intent, exclude={"otto"})
        assert "anna" not in result
        assert "ghost" not in result  # visible = false
        assert "otto" not in result


def test_mediation_and_meditation_are_different_concepts(index: MatchIndex) -> None:
    peers = ranked(index, "mona", "peer")
    assert peers.index("max") < peers.index("mika")


def test_software_ergonomics_is_not_workplace_ergonomics(index: MatchIndex) -> None:
    scores = {s.profile_id: s.score for s in index.suggest("pia", "peer", k=50)}
    assert scores.get("uwe", 0.0) < 0.3
    results = index.search("Ergonomie am Bildschirmarbeitsplatz und Rückengesundheit", k=3)
    assert results[0].profile_id == "pia"


def test_reasons_explain_a_complement_in_german(index: MatchIndex) -> None:
    top = index.suggest("anna", "complement", k=1)[0]
    codes = [r.code for r in top.reasons]
    assert "complements" in codes
    assert "same_city" in codes
    text = " · ".join(render_reason_de(r) for r in top.reasons)
    assert "Ergänzt Ihr Angebot um" in text
    assert "beide in Köln" in text
    assert "Erlebnispädagogik und Outdoor-Training" in text


def test_reasons_name_a_partner_who_lacks_the_intent(index: MatchIndex) -> None:
    result = index.suggest("anna", "peer", k=50)
    lacking = next(s for s in result if s.profile_id == "otto")
    assert "intent_not_shared" in [r.code for r in lacking.reasons]


def test_upsert_is_reflected_without_a_rebuild(profiles: list[ProfileData]) -> None:
    index = MatchIndex.build(profiles)
    newcomer = ProfileData(
        id="neu",
        name="Nele Neu",
        headline="Erlebnispädagogik und Outdoor-Training in Köln",
        competences=("Erlebnispädagogik", "Outdoor-Training", "Hochseilgarten"),
        target_groups=("Führungskräfte", "Geschäftsführung"),
        city="Köln",
        postal_code="50667",
        remote=True,
        formats=("präsenz", "online"),
        hours_per_month=20,
        intents=("complement",),
    )
    index.upsert(newcomer)
    assert "neu" in ranked(index, "anna", "complement")[:3]
    index.upsert(ProfileData(**{**newcomer.__dict__, "visible": False}))
    assert "neu" not in ranked(index, "anna", "complement")
    index.remove("otto")
    assert "otto" not in ranked(index, "anna", "complement")
    assert len(index) == len(profiles)


def test_suggestions_for_a_profile_outside_the_index(index: MatchIndex) -> None:
    anna = next(p for p in load_fixture_profiles() if p.id == "anna")
    outsider = ProfileData(**{**anna.__dict__, "id": "draft"})
    assert (
        ranked(index, "anna", "complement")[:3]
        == [
            s.profile_id for s in index.suggest_for(outsider, "complement", k=50, exclude={"anna"})
        ][:3]
    )


def test_save_and_load_keep_the_ranking(index: MatchIndex, tmp_path: Path) -> None:
    path = tmp_path / "index.pkl"
    index.save(path)
    loaded = MatchIndex.load(path)
    assert len(loaded) == len(index)
    assert ranked(loaded, "anna", "complement") == ranked(index, "anna", "complement")


def test_filters_restrict_candidates(index: MatchIndex) -> None:
    near = ranked(index, "anna", "capacity", filters=Filters(city="Köln", radius_km=10))
    assert near and "cora" not in near  # Bonn is ~25 km away
    online = ranked(index, "anna", "complement", filters=Filters(format="online"))
    assert "otto" not in online
    outdoor = ranked(index, "anna", "complement", filters=Filters(competence="Outdoor-Training"))
    assert set(outdoor) <= {"otto", "olga"}


def test_search_finds_who_answers_a_need(index: MatchIndex) -> None:
    result = index.search("Ich brauche jemanden für einen Teamtag im Hochseilgarten", k=3)
    assert result[0].profile_id == "otto"
    assert "ghost" not in [s.profile_id for s in result]


def test_unknown_intent_is_rejected(index: MatchIndex) -> None:
    with pytest.raises(ValueError):
        index.suggest("anna", "friendship")
