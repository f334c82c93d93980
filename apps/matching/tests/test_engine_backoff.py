"""Where the vocabulary ends, the surface of the texts still carries the signals."""

from __future__ import annotations

from apps.matching.engine import MatchIndex, ProfileData
from apps.matching.engine.features import SEEK, featurize

from .test_engine import load_fixture_profiles

# Wordings the concept vocabulary of the field does not know (beekeeping, bookbinding).
ASKER = ProfileData(
    id="asker",
    name="Asker",
    headline="Kommunikationstraining für Teams",
    competences=("Kommunikationstraining", "Gesprächsführung"),
    city="Köln",
    postal_code="50667",
    remote=True,
    formats=("präsenz", "online"),
    seeking="Für ein Sommerprogramm suche ich jemanden, der Bienenvölker betreut und "
    "Imkerkurse für Anfänger gibt.",
    intents=("complement",),
)
BEEKEEPER = ProfileData(
    id="imker",
    name="Imker",
    headline="Imkerei am Stadtrand",
    # no word in common with the asker's need: only parts of words (Imker-, Bienen-)
    competences=("Imkerei", "Bienenhaltung"),
    offers=("Einführung ins Imkern",),
    city="Bonn",
    postal_code="53111",
    remote=True,
    formats=("präsenz",),
    intents=("complement",),
)
BOOKBINDER = ProfileData(
    id="buchbinder",
    name="Buchbinder",
    headline="Buchbinderei und Papierwerkstatt",
    competences=("Buchbinden", "Papierschöpfen"),
    offers=("Buchbindekurse",),
    city="Köln",
    postal_code="50667",
    remote=True,
    formats=("präsenz",),
    intents=("complement",),
)


def test_the_example_seeking_text_yields_no_concept() -> None:
    # the premise of the next tests: the need signal of the vocabulary is empty
    assert not featurize(ASKER).known >> SEEK & 1


def test_a_need_in_unknown_words_still_finds_its_obvious_partner_first() -> None:
    index = MatchIndex.build([*load_fixture_profiles(), ASKER, BEEKEEPER, BOOKBINDER])
    ranked = [s.profile_id for s in index.suggest("asker", "complement", k=5)]
    assert ranked[0] == "imker"


def test_free_text_search_in_unknown_words_finds_the_partner() -> None:
    index = MatchIndex.build([*load_fixture_profiles(), BEEKEEPER, BOOKBINDER])
    found = [s.profile_id for s in index.search("Wer gibt Imkerkurse zu Bienenvölkern?")]
    assert found[:1] == ["imker"]


def test_a_homonym_the_vocabulary_decided_is_not_overruled_by_the_surface() -> None:
    # both sides hold concepts: resembling strings (Mediation/Meditation) add nothing
    asker = ProfileData(
        id="a",
        name="A",
        competences=("Teamentwicklung",),
        seeking="Ich suche eine Mediatorin für Konflikte im Team.",
        intents=("complement",),
    )
    meditation = ProfileData(
        id="m", name="M", competences=("Meditation", "Achtsamkeit"), intents=("complement",)
    )
    mediation = ProfileData(
        id="k",
        name="K",
        competences=("Konfliktklärung", "Streitschlichtung"),
        intents=("complement",),
    )
    index = MatchIndex.build([asker, meditation, mediation])
    ranked = [s.profile_id for s in index.suggest("a", "complement", k=5)]
    assert ranked[0] == "k"
