"""Rules of the shared German normaliser, tested as rules (not as collection cases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from apps.matching.engine.text import make_splitter, stem, stem_sequence, tokens
from apps.matching.engine.vocabulary import Vocabulary


def same_stem(*words: str) -> bool:
    return len({stem(t) for w in words for t in tokens(w)}) == 1


@pytest.mark.parametrize(
    "forms",
    [
        ("Trainer", "Trainerin", "Trainerinnen"),
        ("Beraterin", "Berater", "Beraterinnen"),
        ("Moderator", "Moderatorin", "Moderatorinnen", "Moderatoren"),
        ("Mediator", "Mediatorin", "Mediatorinnen"),
        ("Coach", "Coachin", "Coachinnen", "Coaches"),
        ("Referent", "Referentin", "Referentinnen", "Referenten"),
        ("Journalist", "Journalistin", "Journalistinnen"),
        ("Pädagoge", "Pädagogin", "Pädagoginnen", "Pädagogen"),
        ("Therapeut", "Therapeutin", "Therapeutinnen"),
        ("Redakteur", "Redakteurin", "Redakteurinnen"),
        ("Kollege", "Kollegin", "Kolleginnen"),
        ("Kandidat", "Kandidatin", "Kandidatinnen"),
        ("Ärztin", "Ärzte", "Ärztinnen"),
        ("Köchin", "Köche"),
        ("Notar", "Notarin", "Notarinnen"),
    ],
)
def test_feminine_forms_of_agent_nouns_meet_the_base_form(forms: tuple[str, ...]) -> None:
    assert same_stem(*forms)


def test_verbs_and_other_words_ending_in_in_are_not_feminine_forms() -> None:
    # the base before -in/-innen must keep four letters and end like a noun of persons
    assert stem("beginnen") == "beginn" and stem("gewinnen") == "gewinn"
    assert stem("login") == "logi"
    assert not same_stem("Medizin", "Medi")
    assert not same_stem("Disziplin", "Diszipl")


@pytest.mark.parametrize(
    "forms",
    [
        ("Prozess", "Prozesse", "Prozessen", "Prozesses", "Prozeß"),
        ("Stress", "Stresses"),
        ("Ergebnis", "Ergebnisse", "Ergebnissen"),
        ("Fokus", "Fokusse"),
        ("Kurs", "Kurse", "Kursen"),
        ("Team", "Teams"),
        ("Azubi", "Azubis"),
        ("Workshop", "Workshops"),
    ],
)
def test_plurals_with_s_endings_share_the_stem_of_the_singular(forms: tuple[str, ...]) -> None:
    assert same_stem(*forms)


def test_words_whose_stem_ends_in_s_keep_it() -> None:
    # -us, -nis, -sis, -xis are part of the word, not a plural or genitive ending
    assert stem("fokus") == "fokus" and stem("praxis") == "praxis" and stem("basis") == "basis"


def test_ion_nouns_keep_their_n_in_singular_and_plural() -> None:
    assert same_stem("Mediation", "Mediationen")
    assert not same_stem("Mediation", "Meditation")


def test_a_hyphenated_compound_also_yields_its_joined_spelling() -> None:
    joined = stem("lernnuggets")
    hyphenated = [s for _, s in stem_sequence("Kurze Lern-Nuggets")]
    assert joined in hyphenated
    assert {"lern", "nugget"} <= set(hyphenated)


def test_a_truncated_compound_is_completed_with_the_head_of_the_next_one() -> None:
    split = make_splitter(frozenset({"organisation", "personal", "entwicklung", "team"}))
    found = {s for _, s in stem_sequence("Organisations- und Personalentwicklung", split)}
    assert stem("organisationsentwicklung") in found
    found = {s for _, s in stem_sequence("Organisations-, Personal- und Teamentwicklung", split)}
    assert {stem("organisationsentwicklung"), stem("personalentwicklung")} <= found


def test_a_dash_between_words_is_no_truncated_compound() -> None:
    split = make_splitter(frozenset({"organisation", "entwicklung", "personal"}))
    found = [s for _, s in stem_sequence("Organisation - und Personalentwicklung", split)]
    assert stem("organisationsentwicklung") not in found


def test_a_hyphenated_vocabulary_wording_also_matches_the_joined_spelling(tmp_path: Path) -> None:
    path = tmp_path / "concepts.txt"
    path.write_text("micro | Microlearning | c | Lern-Nuggets;Microlearning\n", encoding="utf-8")
    voc = Vocabulary(path)
    assert voc.match("Ich produziere Lernnuggets").concepts
    assert voc.match("Ich produziere Lern-Nuggets").concepts
