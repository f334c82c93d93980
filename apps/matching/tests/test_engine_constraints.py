"""Reading binding format requirements from a seeking text."""

from __future__ import annotations

import pytest

from apps.matching.engine import MatchIndex, ProfileData
from apps.matching.engine.features import featurize


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
