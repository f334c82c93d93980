"""What a seeking text denies is no need; work a profile hands to others is not its offer."""

from __future__ import annotations

import pytest

from apps.matching.engine import MatchIndex, ProfileData
from apps.matching.engine.text import affirmed, needed, own_work
from apps.matching.engine.vocabulary import vocabulary


def keys(text: str) -> set[str]:
    voc = vocabulary()
    return {voc.concepts[c].key for c in voc.match(needed(text), seeking=True).concepts}


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("Ich suche nicht Seminarraum, sondern Tonstudio.", "Tonstudio", "Seminarraum"),
        ("Gesucht: Tonstudio statt Seminarraum, gern in Köln.", "Tonstudio", "Seminarraum"),
        ("Keine Konkurrenz, sondern Ergänzung.", "Ergänzung", "Konkurrenz"),
        (
            "Ich moderiere selbst keine Workshops und suche daher eine Moderatorin.",
            "suche daher eine Moderatorin",
            "Workshops",
        ),
        ("Weder Coaching noch Training, aber Supervision.", "Supervision", "Coaching"),
    ],
)
def test_the_denied_or_rejected_side_is_dropped(text: str, kept: str, dropped: str) -> None:
    out = affirmed(text)
    assert kept in out
    assert dropped not in out


def test_not_only_but_also_affirms_both_sides() -> None:
    text = "Ich suche nicht nur Coaching, sondern auch Supervision."
    assert affirmed(text) == text


def test_text_without_negation_is_unchanged() -> None:
    text = "Ich suche eine Moderatorin für Großgruppen, gern in Berlin – auch online."
    assert affirmed(text) == text


def test_in_a_self_description_work_handed_to_others_is_dropped() -> None:
    text = "Eskalierte Streitfälle übergebe ich an Mediatoren; meine Stärke ist die Prävention."
    assert "Mediatoren" not in own_work(text)
    assert "Prävention" in own_work(text)
    # in a seeking text handing work over is the need itself
    assert "Mediatoren" in affirmed(text)
    assert own_work("Ich arbeite eng mit Grafikerinnen zusammen und biete Texte.") == (
        "und biete Texte."
    )


def test_a_partner_who_hands_the_asked_work_to_others_does_not_offer_it() -> None:
    asker = ProfileData(
        id="asker",
        name="A",
        competences=("Unternehmensnachfolge",),
        seeking="Ich suche eine Mediatorin für Konflikte in Familienunternehmen.",
        intents=("complement",),
    )
    referrer = ProfileData(
        id="referrer",
        name="R",
        competences=("Familienstrategie",),
        about="Konflikte übergebe ich an Mediatorinnen; meine Stärke ist die Strategie.",
        intents=("complement",),
    )
    mediator = ProfileData(
        id="mediator", name="M", competences=("Familienmediation",), intents=("complement",)
    )
    index = MatchIndex.build([asker, referrer, mediator])
    scores = {s.profile_id: s.score for s in index.suggest("asker", "complement", k=5)}
    assert scores.get("referrer", 0.0) < 0.3 * scores["mediator"]


def test_a_rejected_need_yields_no_concept() -> None:
    rejected = keys("Ich suche keine Moderation, sondern Hilfe bei Podcasts.")
    assert "moderation" not in rejected


def test_the_rejected_side_of_a_seeking_text_does_not_attract_partners() -> None:
    asker = ProfileData(
        id="asker",
        name="A",
        competences=("Führungskräftetraining",),
        seeking="Ich suche keine Moderatorin, sondern jemanden für Podcastproduktion.",
        intents=("complement",),
    )
    moderator = ProfileData(
        id="moderator", name="M", competences=("Workshopmoderation",), intents=("complement",)
    )
    producer = ProfileData(
        id="producer", name="P", competences=("Podcastproduktion",), intents=("complement",)
    )
    index = MatchIndex.build([asker, moderator, producer])
    ranked = [s.profile_id for s in index.suggest("asker", "complement", k=5)]
    assert ranked[0] == "producer"
    scores = {s.profile_id: s.score for s in index.suggest("asker", "complement", k=5)}
    assert scores.get("moderator", 0.0) < 0.2 * scores["producer"]


def test_in_a_self_description_what_i_deny_or_lack_is_not_my_offer() -> None:
    text = (
        "Ich begleite Teams in Veränderungen. Großgruppen moderiere ich nicht, "
        "Teamklausuren dagegen gern. Bei Arbeitsrecht stoße ich an meine Grenzen. "
        "Für Fragen der Finanzierung suche ich eine Partnerin."
    )
    own = own_work(text)
    assert "Teamklausuren dagegen gern" in own
    assert "Veränderungen" in own
    assert "Großgruppen" not in own
    assert "Arbeitsrecht" not in own
    assert "Finanzierung" not in own


def test_a_writer_who_names_a_lack_is_not_offered_as_its_expert() -> None:
    asker = ProfileData(
        id="asker",
        name="A",
        competences=("Gesundheitsmanagement",),
        seeking="Ich suche eine Juristin für Arbeitsrecht in meinen Seminaren.",
        intents=("complement",),
    )
    layman = ProfileData(
        id="layman",
        name="L",
        competences=("Betriebliches Gesundheitsmanagement",),
        about="Ich berate Betriebe. Beim Arbeitsrecht stoße ich an Grenzen.",
        intents=("complement",),
    )
    lawyer = ProfileData(
        id="lawyer", name="J", competences=("Arbeitsrecht",), intents=("complement",)
    )
    index = MatchIndex.build([asker, layman, lawyer])
    ranked = [s.profile_id for s in index.suggest("asker", "complement", k=5)]
    assert ranked[0] == "lawyer"


def test_what_a_seeking_text_names_as_my_own_is_not_the_need() -> None:
    text = "Firmen buchen meine Vorträge; ich suche jemanden für Podcastproduktion."
    assert "Vorträge" not in needed(text)
    assert "Podcastproduktion" in needed(text)
    found = keys("Ich suche eine Grafikerin für unsere neuen Seminarunterlagen.")
    assert "grafik" in found
    assert "Ich suche jemanden für Podcasts" in needed("Ich suche jemanden für Podcasts")


def test_a_peer_who_serves_the_same_clients_comes_first() -> None:
    def trainer(pid: str, targets: tuple[str, ...]) -> ProfileData:
        return ProfileData(
            id=pid,
            name=pid,
            competences=("Forumtheater", "Improvisation"),
            target_groups=targets,
            seeking="Austausch mit Kolleginnen, die Theater einsetzen.",
            intents=("peer",),
        )

    asker = trainer("asker", ("Führungskräfte", "Personalentwicklung"))
    stage = trainer("stage", ("Hobbyspieler",))
    companies = trainer("companies", ("Führungskräfte", "Personalabteilungen"))
    index = MatchIndex.build([asker, stage, companies])
    assert index.suggest("asker", "peer", k=5)[0].profile_id == "companies"
