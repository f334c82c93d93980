"""Word senses and binding format rules, on the project's own fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from apps.matching.engine import MatchIndex, ProfileData
from apps.matching.engine.features import setting_concepts
from apps.matching.engine.vocabulary import profile_context, vocabulary

FIXTURES = Path(__file__).parent / "fixtures" / "senses.jsonl"


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    lines = FIXTURES.read_text(encoding="utf-8").splitlines()
    return MatchIndex.build(ProfileData.from_json(json.loads(line)) for line in lines if line)


def ranked(index: MatchIndex, pid: str, intent: str) -> list[str]:
    return [s.profile_id for s in index.suggest(pid, intent, k=50, explain=False)]


def concept_keys(text: str, context_texts: list[str]) -> set[str]:
    voc = vocabulary()
    found = voc.match(text, context=profile_context(context_texts)).concepts
    return {voc.concepts[c].key for c in found}


def test_vocabulary_covers_the_field() -> None:
    assert len(vocabulary()) >= 350


def test_the_profile_decides_the_sense_of_a_homonym() -> None:
    telecom = ["Schulungen zu Billing, CDR-Verarbeitung und Rating für Netzbetreiber"]
    conflict = ["Ich kläre Konflikte zwischen Parteien im Team"]
    assert "billing_mediation" in concept_keys("Mediation", telecom)
    assert "mediation" not in concept_keys("Mediation", telecom)
    assert "mediation" in concept_keys("Mediation", conflict)


def test_a_homonym_without_context_keeps_the_usual_sense_of_the_field() -> None:
    assert "mediation" in concept_keys("Mediation", [])
    assert "lsp" in concept_keys("LEGO", [])


def test_multi_word_homonyms_are_resolved_as_a_phrase() -> None:
    office = ["Desk-Sharing und Arbeitsplatzkonzepte für Büros"]
    assert "buerokonzept" in concept_keys("Open Space", office)
    assert "grossgruppen" in concept_keys("Open Space", ["Moderation für viele Teilnehmende"])
    pc = ["Computerkurse für Senioren: Internet und Smartphone"]
    assert "erste_hilfe" not in concept_keys("Erste Hilfe am PC", pc)


def test_peers_of_a_conflict_mediator_are_mediators_not_billing_experts(
    index: MatchIndex,
) -> None:
    peers = ranked(index, "mia", "peer")
    assert peers.index("noah") < peers.index("tim")


def test_online_only_peer_far_away_misses_an_in_person_circle(index: MatchIndex) -> None:
    peers = ranked(index, "mia", "peer")
    assert peers.index("noah") < peers.index("olli")


def test_online_only_colleague_cannot_cover_in_person_courses(index: MatchIndex) -> None:
    colleagues = ranked(index, "ella", "capacity")
    assert colleagues[0] == "nina"
    assert colleagues.index("nina") < colleagues.index("web")
    assert "paul" not in colleagues[:2]


def test_synonyms_of_a_method_meet_and_toys_do_not(index: MatchIndex) -> None:
    peers = ranked(index, "lena", "peer")
    assert peers.index("klaus") < peers.index("robi")


def test_care_words_count_as_competence_only_where_the_rest_of_the_data_agrees() -> None:
    data = ["SAP-Kurse zu Stammdaten und Datenqualität für Vertriebsabteilungen"]
    care = ["Fortbildungen für Pflegeheime, Bewohnerinnen mit Demenz auf der Station"]
    assert "sap" in concept_keys("Pflegeprozesse definieren", data)
    assert "pflegefachkraft" not in concept_keys("Pflegeprozesse definieren", data)
    assert "pflegefachkraft" in concept_keys("Pflegeprozesse definieren", care)


def test_documentation_has_no_sense_of_its_own() -> None:
    workshop = ["Ich moderiere Workshops und Tagungen, die Ergebnisse halte ich als Bild fest"]
    machines = ["Betriebsanleitungen und Handbücher für Maschinen"]
    assert "visualisierung" in concept_keys("Dokumentation", workshop)
    assert "technische_doku" in concept_keys("Dokumentation", machines)
    assert concept_keys("Dokumentation", []) == set()


@pytest.mark.parametrize(
    ("text", "setting", "own"),
    [
        ("Montessori-Seminar in der Altenpflege", "pflege_fach", "montessori"),
        ("Kommunikationstraining für Kliniken und Arztpraxen", None, "kommunikation"),
        ("Pflegefachkraft in der Altenpflege", None, "pflegefachkraft"),
        ("Coaching für Frauen in Führung", None, "frauen_fuehrung"),
    ],
)
def test_a_sector_after_a_preposition_is_the_setting_not_the_competence(
    text: str, setting: str | None, own: str
) -> None:
    voc = vocabulary()
    where = {voc.concepts[c].key for c in setting_concepts(text, voc)}
    assert own not in where
    if setting:
        assert setting in where
    else:
        assert not where & {"pflegefachkraft", "frauen_fuehrung", "kommunikation"}


def test_a_trainer_for_a_sector_does_not_compete_with_its_professionals() -> None:
    asker = ProfileData(
        id="asker",
        name="A",
        headline="Bewegungstrainerin für die Altenpflege",
        offers=("Sturzprävention in der Altenpflege",),
        competences=("Sturzprävention", "Bewegungsförderung"),
        seeking="Ich suche eine Pflegefachkraft, die Pflegeplanung in meine Kurse einbringt.",
        intents=("complement",),
    )
    nurse = ProfileData(
        id="nurse",
        name="N",
        competences=("Pflegeplanung", "Altenpflege"),
        intents=("complement",),
    )
    mover = ProfileData(
        id="mover", name="M", competences=("Bewegungsförderung",), intents=("complement",)
    )
    index = MatchIndex.build([asker, nurse, mover])
    first = index.suggest("asker", "complement", k=5)[0]
    # her own care setting does not cover the need: the nurse fills it
    assert first.profile_id == "nurse"
    assert "Pflegefachpersonen" in first.explanation_de()


def test_every_vocabulary_section_names_its_source() -> None:
    from apps.matching.engine.vocabulary import VOCABULARY_FILE

    lines = VOCABULARY_FILE.read_text(encoding="utf-8").splitlines()
    sections = [i for i, line in enumerate(lines) if line.startswith("# --- ")]
    unsourced = [
        lines[i]
        for i in sections
        if "Homonym" not in lines[i] and not lines[i + 1].startswith("#     Quelle: ")
    ]
    assert sections and not unsourced
