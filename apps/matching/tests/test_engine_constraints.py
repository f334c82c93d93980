"""Reading binding format requirements from a seeking text."""

from __future__ import annotations

import pytest

from apps.matching.engine import MatchIndex, ProfileData
from apps.matching.engine.features import featurize

from .test_engine import load_fixture_profiles


def seeker(seeking: str) -> ProfileData:
    return ProfileData(id="s", name="S", city="Graz", postal_code="8010", seeking=seeking)


@pytest.mark.parametrize(
    ("seeking", "on_site"),
    [
        ("Einsätze sind vor Ort in der Steiermark, Vorgespräche gern online.", True),
        ("Die Workshops finden vor Ort statt; Abstimmungen sind auch online möglich.", True),
        ("Ich suche Trainerinnen vor Ort oder online.", False),
        ("Gern vor Ort, gerne auch online.", False),
        ("Ich suche eine Kollegin für Workshops.", False),
    ],
)
def test_online_for_the_talks_around_the_work_keeps_the_work_on_site(
    seeking: str, on_site: bool
) -> None:
    assert featurize(seeker(seeking)).onsite_required is on_site


def _profile(pid: str, formats: tuple[str, ...], seeking: str = "") -> ProfileData:
    return ProfileData(
        id=pid,
        name=pid,
        headline="Führungskräftecoaching",
        competences=("Führungskräftecoaching", "Executive Coaching"),
        city="Graz",
        postal_code="8010",
        remote=True,
        formats=formats,
        seeking=seeking,
        intents=("complement",),
    )


def test_an_online_only_partner_does_not_fit_on_site_work_with_online_preliminaries() -> None:
    asker = ProfileData(
        id="asker",
        name="asker",
        headline="Trauerbegleitung in Betrieben",
        competences=("Trauerbegleitung",),
        city="Graz",
        postal_code="8010",
        remote=True,
        formats=("präsenz", "online"),
        seeking="Ich suche jemanden für Executive Coaching. "
        "Einsätze sind vor Ort, Vorgespräche gern online.",
        intents=("complement",),
    )
    index = MatchIndex.build(
        [asker, _profile("both", ("präsenz", "online")), _profile("online", ("online",))]
    )
    scores = {s.profile_id: s.score for s in index.suggest("asker", "complement", k=5)}
    assert scores["online"] < 0.5 * scores["both"]


def _peer(pid: str, city: str, postal: str, formats: tuple[str, ...], seeking: str) -> ProfileData:
    return ProfileData(
        id=pid,
        name=pid,
        headline="Systemisches Coaching für Führungskräfte",
        competences=("Systemisches Coaching", "Supervision"),
        city=city,
        postal_code=postal,
        remote="online" in formats,
        formats=formats,
        seeking=seeking,
        intents=("peer",),
    )


def test_a_far_colleague_who_wants_an_in_person_group_at_home_is_no_peer_for_me() -> None:
    # the asker would exchange online; the candidate's own requirement (in person, in
    # their city) binds the asker too, so an online colleague ranks first
    asker = _peer("asker", "Hamburg", "20095", ("präsenz", "online"), "Austausch zu Fällen.")
    local_group = _peer(
        "local_group",
        "München",
        "80331",
        ("präsenz",),
        "Ich suche Kolleginnen in München für eine Intervisionsgruppe, die sich vor Ort trifft.",
    )
    online = _peer("online", "Leipzig", "04109", ("online",), "Kollegialer Austausch, gern online.")
    assert featurize(local_group).onsite_required
    index = MatchIndex.build([asker, local_group, online])
    ranked = [s.profile_id for s in index.suggest("asker", "peer", k=5)]
    assert ranked == ["online", "local_group"]
    scores = {s.profile_id: s.score for s in index.suggest("asker", "peer", k=5)}
    assert scores["local_group"] < 0.5 * scores["online"]


def test_the_candidates_seeking_does_not_restrict_a_complement_they_serve() -> None:
    # what a provider seeks for themselves says nothing about serving my need from afar
    asker = ProfileData(
        id="asker",
        name="A",
        competences=("Führungskräftetraining",),
        city="Hamburg",
        postal_code="20095",
        formats=("online",),
        seeking="Ich suche jemanden für Podcastproduktion.",
        intents=("complement",),
    )
    producer = ProfileData(
        id="producer",
        name="P",
        competences=("Podcastproduktion", "Audioschnitt"),
        city="München",
        postal_code="80331",
        remote=True,
        formats=("online", "präsenz"),
        seeking="Ich suche Trainerinnen in München für gemeinsame Workshops vor Ort.",
        intents=("complement",),
    )
    index = MatchIndex.build([asker, producer])
    (suggestion,) = index.suggest("asker", "complement", k=5)
    assert suggestion.score > 0.3


def test_peers_are_compared_on_the_wish_beyond_their_shared_topic() -> None:
    # both candidates do what the asker does; the asker's wish is an exchange group, and the
    # topic in everyone's seeking text must not outweigh that
    def mediator(pid: str, seeking: str) -> ProfileData:
        return ProfileData(
            id=pid,
            name=pid,
            headline="Mediatorin für Wirtschaft",
            competences=("Wirtschaftsmediation",),
            city="Wien",
            postal_code="1010",
            formats=("präsenz",),
            seeking=seeking,
            intents=("peer",),
        )

    asker = mediator("asker", "Ich suche Mediatoren für eine Intervisionsgruppe.")
    cases = mediator("cases", "Ich suche Mediatoren für große Verfahren.")
    group = mediator("group", "Ich suche eine Intervisionsgruppe.")
    index = MatchIndex.build([*load_fixture_profiles(), asker, cases, group])
    scores = {s.profile_id: s.score for s in index.suggest("asker", "peer", k=5)}
    assert max(scores, key=scores.__getitem__) == "group"
    # the shared topic alone leaves the case-sharing colleague clearly behind
    assert scores["cases"] < 0.95 * scores["group"]
