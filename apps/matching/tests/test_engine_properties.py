"""Invariants of the ranking over generated profiles (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.matching.engine import INTENTS, MatchIndex, ProfileData
from apps.matching.engine.vocabulary import vocabulary

_VOC = vocabulary()
_TOPICS = [c.label for c in _VOC.concepts if c.kind in ("competence", "service", "space")]
_TARGETS = [c.label for c in _VOC.concepts if c.kind == "target_group"]
_PLACES = [("Köln", "50667"), ("Frankfurt", "15230"), ("Wien", "1010"), ("Atlantis", "")]

profile_strategy = st.builds(
    ProfileData,
    id=st.just(""),
    name=st.just("P"),
    headline=st.sampled_from(_TOPICS),
    competences=st.lists(st.sampled_from(_TOPICS), max_size=4).map(tuple),
    target_groups=st.lists(st.sampled_from(_TARGETS), max_size=2).map(tuple),
    city=st.just(""),
    remote=st.booleans(),
    formats=st.lists(st.sampled_from(["präsenz", "online", "blended"]), max_size=2).map(tuple),
    hours_per_month=st.integers(0, 60),
    seeking=st.lists(st.sampled_from(_TOPICS), max_size=3).map(" und ".join),
    intents=st.lists(st.sampled_from(INTENTS), max_size=3).map(tuple),
    visible=st.booleans(),
)


@st.composite
def collections(draw: st.DrawFn) -> list[ProfileData]:
    raw = draw(st.lists(profile_strategy, min_size=2, max_size=12))
    out = []
    for i, p in enumerate(raw):
        city, postal = draw(st.sampled_from(_PLACES))
        out.append(
            ProfileData(**{**p.__dict__, "id": f"p{i}", "city": city, "postal_code": postal})
        )
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profiles=collections(),
    intent=st.sampled_from(INTENTS),
    k=st.integers(1, 8),
    data=st.data(),
)
def test_ranking_invariants_hold_for_any_collection(profiles, intent, k, data) -> None:
    index = MatchIndex.build(profiles)
    asker = data.draw(st.sampled_from(profiles))
    excluded = set(data.draw(st.lists(st.sampled_from([p.id for p in profiles]), max_size=3)))
    hidden = {p.id for p in profiles if not p.visible}

    result = index.suggest(asker.id, intent, k=k, exclude=excluded)
    ids = [s.profile_id for s in result]

    assert len(result) <= k
    assert asker.id not in ids
    assert not set(ids) & excluded
    assert not set(ids) & hidden
    assert len(set(ids)) == len(ids)
    assert all(0.0 <= s.score <= 1.0 for s in result)
    assert [s.score for s in result] == sorted((s.score for s in result), reverse=True)
    again = index.suggest(asker.id, intent, k=k, exclude=excluded)
    assert [(s.profile_id, s.score) for s in again] == [(s.profile_id, s.score) for s in result]


@settings(max_examples=15, deadline=None)
@given(profiles=collections(), data=st.data())
def test_upserting_every_profile_again_keeps_the_index_consistent(profiles, data) -> None:
    index = MatchIndex.build(profiles)
    for p in profiles:
        index.upsert(p)
    asker = data.draw(st.sampled_from(profiles))
    ids = [s.profile_id for s in index.suggest(asker.id, "capacity", k=len(profiles))]
    assert len(index) == len(profiles)
    assert len(set(ids)) == len(ids)
    assert asker.id not in ids
    assert not set(ids) & {p.id for p in profiles if not p.visible}
