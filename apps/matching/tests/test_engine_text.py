"""Normalisation, vocabulary, geo and evaluation helpers of the matching engine."""

from __future__ import annotations

import json
from pathlib import Path

from apps.matching.engine import geo_lookup, suggest_labels
from apps.matching.engine.evaluation import evaluate, format_report, load_profiles, ndcg
from apps.matching.engine.text import fold, phrase_stems, stem, tokens
from apps.matching.engine.vocabulary import vocabulary

FIXTURES = Path(__file__).parent / "fixtures" / "profiles.jsonl"


def concept_keys(text: str, **kwargs) -> set[str]:
    voc = vocabulary()
    return {voc.concepts[c].key for c in voc.match(text, **kwargs).concepts}


def test_umlauts_fold_and_ae_spellings_meet() -> None:
    assert fold("Größe Übung Ärger") == "groesse uebung aerger"
    assert stem(fold("Räume")) == stem(fold("Raum"))
    assert stem("aebischer") == stem(fold("Äbischer"))
    assert tokens("E-Learning, Software-Ergonomie!") == ["e", "learning", "software", "ergonomie"]


def test_stemmer_merges_inflections_and_female_forms() -> None:
    assert stem("trainerinnen") == stem("trainer") == stem("trainerin")
    assert stem("schulungen") == stem("schulung")
    assert stem("mediation") != stem("meditation")


def test_compounds_split_against_the_vocabulary() -> None:
    voc = vocabulary()
    assert voc.split("mediationsausbildung") == (stem("mediation"), "ausbildung")
    assert "mediation" in concept_keys("Mediationsausbildung")
    assert "resilienz" in concept_keys("Teamresilienz-Programm")
    assert voc.split("quatschwort") == ()


def test_abbreviations_and_synonyms_map_to_one_concept() -> None:
    assert concept_keys("OE") == concept_keys("Organisationsentwicklung") == {"oe"}
    assert "bgm" in concept_keys("BGM")
    assert "gfk" in concept_keys("Giraffensprache nach Rosenberg")


def test_homonym_is_resolved_by_context_or_left_open() -> None:
    software = concept_keys("Ergonomie", context=set(phrase_stems("Software Usability Nutzer")))
    body = concept_keys("Ergonomie", context=set(phrase_stems("Rücken Haltung Bewegung")))
    assert "sw_ergonomie" in software and "ap_ergonomie" not in software
    assert "ap_ergonomie" in body and "sw_ergonomie" not in body
    assert concept_keys("Ergonomie", context=set()) == set()


def test_need_phrases_count_only_in_seeking_text() -> None:
    assert "audio" in concept_keys("meine Inhalte als Podcast anbieten", seeking=True)
    assert "visualisierung" not in concept_keys("festhalten", seeking=False)


def test_postal_code_decides_between_places_of_the_same_name() -> None:
    main = geo_lookup("Frankfurt", "60311")
    oder = geo_lookup("Frankfurt", "15230")
    assert main is not None and main.name == "Frankfurt am Main"
    assert oder is not None and oder.name == "Frankfurt (Oder)"
    swiss = geo_lookup("Freiburg", "1700")
    german = geo_lookup("Freiburg i. Br.", "79098")
    assert swiss is not None and swiss.country == "CH"
    assert german is not None and german.country == "DE"


def test_unknown_city_is_reported_not_guessed() -> None:
    assert geo_lookup("Atlantis", "") is None
    fallback = geo_lookup("Atlantis", "50667")
    assert fallback is not None and not fallback.city_known and fallback.source == "postal_code"


def test_labels_autocomplete_from_the_vocabulary() -> None:
    assert suggest_labels("organisationsent")[0] == "Organisationsentwicklung"
    assert "Führungskräfte" in suggest_labels("führungs", kind="target_group")
    assert suggest_labels("") == []


def test_ndcg_of_a_perfect_ranking_is_one() -> None:
    assert ndcg(["a", "b", "c"], {"a": 2, "b": 1}) == 1.0
    assert ndcg(["c", "b", "a"], {"a": 2, "b": 1}) < 1.0


def test_malformed_lines_are_reported_by_number_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "profiles.jsonl"
    good = FIXTURES.read_text(encoding="utf-8").splitlines()[0]
    path.write_text("\n".join([good, "{broken", json.dumps({"name": "No id"})]) + "\n")
    profiles, problems = load_profiles(path)
    assert [p.id for p in profiles] == ["anna"]
    assert problems[0].startswith("line 2") and problems[1].startswith("line 3")


def test_evaluation_reports_metrics_per_intent(tmp_path: Path) -> None:
    judgments = tmp_path / "judgments.jsonl"
    rows = [
        {"query": "q1", "profile": "anna", "intent": "complement", "relevant": {"otto": 2}},
        {"query": "q2", "profile": "suse", "intent": "space", "relevant": {"raum": 2, "suse": 1}},
    ]
    judgments.write_text("\n".join(json.dumps(r) for r in rows))
    result = evaluate(FIXTURES, judgments)
    assert set(result["per_intent"]) == {"complement", "space"}
    assert result["overall"]["ndcg@10"] > 0.5
    assert result["per_intent"]["space"]["queries"] == 1
    assert {"p50_ms", "p95_ms"} <= set(result)
    assert "complement" in format_report(result)


def test_leadership_and_walkthroughs_are_no_guided_city_tours() -> None:
    # "Führungen" stems like "Führung": as a synonym it turned every leader into a tour guide
    assert "stadtfuehrung" not in concept_keys("Vortrag zu gesunder Führung")
    assert "stadtfuehrung" not in concept_keys("Führungen für Teamleitungen")
    assert "stadtfuehrung" not in concept_keys("Ergonomie-Rundgang durch die Werkhalle")
    assert "stadtfuehrung" in concept_keys("Stadtführungen und Stadtrundgänge in Leipzig")


def test_everyday_phrases_in_a_seeking_text_are_no_field_needs() -> None:
    # wordings that only fit one particular text do not belong into the vocabulary
    assert "key_account" not in concept_keys("Ich suche Kontakte zu Schulen", seeking=True)
    assert "t_hotellerie" not in concept_keys("jemand, der den Betrieb führt", seeking=True)
    assert "gesundheitstag" not in concept_keys("jemand, der Firmenkunden gewinnt", seeking=True)
    assert "dialogprozesse" not in concept_keys("Workshops mit vielen Menschen")
