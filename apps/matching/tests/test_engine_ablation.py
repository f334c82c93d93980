"""The vocabulary ablation of the evaluation: which wordings go, and what the report shows."""

import json
import math
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.matching.engine import ablation
from apps.matching.engine.evaluation import evaluate, format_report, json_summary, main
from apps.matching.engine.features import ProfileData
from apps.matching.engine.index import MatchIndex
from apps.matching.engine.text import phrase_stems
from apps.matching.engine.vocabulary import Vocabulary, vocabulary

CONCEPTS = """\
coaching | Coaching | c | Coaching;Business Coaching | | | |
mediation | Mediation | c | Mediation;Wirtschaftsmediation | | | |
audio | Audioproduktion | c | Podcast;Tonschnitt | | | Hilfe beim Tonschnitt;Aufnahmen schneiden |
"""

COACHING, BUSINESS = phrase_stems("Coaching"), phrase_stems("Business Coaching")
MEDIATION, WIRTSCHAFT = phrase_stems("Mediation"), phrase_stems("Wirtschaftsmediation")
PODCAST, NEED = phrase_stems("Podcast"), phrase_stems("Aufnahmen schneiden")

# coaching fires on 3 profiles, mediation on 2; Business Coaching (two stems), Podcast
# and Wirtschaftsmediation on one each; the need phrase only counts in seeking text
PROFILES = [
    ProfileData(
        id="a", name="A", competences=("Coaching", "Mediation"), about="Business Coaching."
    ),
    ProfileData(id="b", name="B", competences=("Coaching", "Wirtschaftsmediation")),
    ProfileData(
        id="c",
        name="C",
        headline="Coaching und Mediation",
        about="Aufnahmen schneiden kann ich nicht.",
        offers=("Podcast",),
    ),
]


@pytest.fixture
def voc(tmp_path: Path) -> Vocabulary:
    path = tmp_path / "concepts.txt"
    path.write_text(CONCEPTS, encoding="utf-8")
    return Vocabulary(path)


def test_a_wording_fires_as_the_lexicon_matches_it(voc: Vocabulary) -> None:
    assert voc.fired_wordings("Business Coaching für Teams") == {BUSINESS, COACHING}
    assert voc.fired_wordings("Wirtschaftsmediation") == {WIRTSCHAFT}
    # need phrases are wordings of seeking text only
    assert voc.fired_wordings("Aufnahmen schneiden") == set()
    assert voc.fired_wordings("Aufnahmen schneiden", seeking=True) == {NEED}


def test_wordings_are_counted_once_per_profile(voc: Vocabulary) -> None:
    counts = ablation.profiles_per_wording([*PROFILES, PROFILES[0]], voc)
    assert counts == {COACHING: 3, MEDIATION: 2, BUSINESS: 1, WIRTSCHAFT: 1, PODCAST: 1}


def test_single_profile_wordings_go_first_longer_ones_before_shorter_then_alphabetical(
    voc: Vocabulary,
) -> None:
    counts = ablation.profiles_per_wording(PROFILES, voc)
    assert ablation.most_specific(counts) == [BUSINESS, PODCAST, WIRTSCHAFT, MEDIATION, COACHING]
    half = ablation.plan(PROFILES, 0.5, voc)
    assert half.firing == 5 and half.single == 3
    assert half.removed == (BUSINESS, PODCAST, WIRTSCHAFT)
    assert half.max_profiles == 1
    # the order of the profiles does not change the choice
    assert ablation.plan(list(reversed(PROFILES)), 0.5, voc) == half


@pytest.mark.parametrize(
    ("fraction", "firing", "removed"),
    [(0.2, 5, 1), (0.5, 5, 3), (0.2, 15, 3), (0.2, 812, 163), (1.0, 5, 5), (0.01, 5, 1)],
)
def test_the_removed_count_is_the_fraction_of_firing_wordings_rounded_up(
    fraction: float, firing: int, removed: int
) -> None:
    assert (
        ablation.removed_count(fraction, firing)
        == removed
        == math.ceil(round(fraction * firing, 9))
    )


def test_the_plan_removes_the_rounded_up_fraction_and_says_so(voc: Vocabulary) -> None:
    chosen = ablation.plan(PROFILES, 0.2, voc)
    assert chosen.removed == (BUSINESS,)
    assert ablation.headline(chosen) == (
        "ablation: 20 % of 5 firing wordings removed (1, each firing on ≤ 1 profile;"
        " 3 fire on a single profile)"
    )
    everything = ablation.plan(PROFILES, 1.0, voc)
    assert len(everything.removed) == 5 and everything.max_profiles == 3
    for wrong in (0.0, -0.2, 1.5):
        with pytest.raises(ValueError):
            ablation.plan(PROFILES, wrong, voc)


def test_the_ablated_vocabulary_no_longer_finds_a_removed_wording(
    voc: Vocabulary, tmp_path: Path
) -> None:
    chosen = ablation.plan(PROFILES, 0.5, voc)
    ablated = ablation.ablated_vocabulary(chosen, tmp_path / "concepts.txt")
    mediation = voc.by_key["mediation"]
    assert mediation in voc.match("Wirtschaftsmediation").concepts
    assert mediation not in ablated.match("Wirtschaftsmediation").concepts
    assert ablated.fired_wordings("Podcast und Business Coaching") == {COACHING}
    # kept wordings still match, and the concepts (feature columns) stay as they were
    assert mediation in ablated.match("Mediation").concepts
    assert [c.key for c in ablated.concepts] == [c.key for c in voc.concepts]


def test_an_index_uses_the_vocabulary_it_was_built_with(voc: Vocabulary, tmp_path: Path) -> None:
    assert MatchIndex.build(PROFILES).vocabulary is vocabulary()
    index = MatchIndex.build(PROFILES, voc=voc)
    assert index.vocabulary is voc and len(index) == 3
    # an index over another vocabulary would load as one over the usual vocabulary
    with pytest.raises(ValueError):
        index.save(tmp_path / "index.bin")


def _collection(tmp_path: Path) -> tuple[Path, Path]:
    people = [
        ("p1", ["Business Coaching", "Führungskräfteentwicklung"], "Suche Mediation", ["peer"]),
        ("p2", ["Wirtschaftsmediation", "Konfliktmoderation"], "Suche Coaching", ["complement"]),
        ("p3", ["Teamentwicklung", "Coaching"], "Suche Podcast-Produktion", ["complement"]),
        ("p4", ["Podcastproduktion", "Tonschnitt"], "Suche Kundschaft", ["complement"]),
        ("p5", ["Steuerberatung", "Buchhaltung"], "Suche Räume", ["space"]),
    ]
    profiles = tmp_path / "profiles.jsonl"
    profiles.write_text(
        "\n".join(
            json.dumps(
                {"id": pid, "name": pid, "competences": comp, "seeking": seek, "intents": intents}
            )
            for pid, comp, seek, intents in people
        ),
        encoding="utf-8",
    )
    judgments = tmp_path / "judgments.jsonl"
    queries = [
        {"query": "q1", "profile": "p1", "intent": "complement", "relevant": {"p2": 2}},
        {"query": "q2", "profile": "p2", "intent": "complement", "relevant": {"p1": 2, "p3": 1}},
        {"query": "q3", "profile": "p3", "intent": "complement", "relevant": {"p4": 2}},
    ]
    judgments.write_text("\n".join(json.dumps(q) for q in queries), encoding="utf-8")
    return profiles, judgments


def test_the_report_shows_the_ablated_engine_beside_the_full_one(tmp_path: Path) -> None:
    profiles, judgments = _collection(tmp_path)
    result = evaluate(profiles, judgments, ablate=0.2)
    abl = result["ablation"]
    assert abl["firing"] > 0
    assert abl["removed"] == math.ceil(0.2 * abl["firing"] - 1e-9)
    assert abl["halves"]["all"]["queries"] == 3
    report = format_report(result)
    assert f"ablation: 20 % of {abl['firing']} firing wordings removed ({abl['removed']}," in report
    for name in ("all", "tuning", "check"):
        assert f"\nablated {name} " in report
    full = result["overall"]["ndcg@10"]
    assert f"ablated nDCG@10 {abl['overall']['ndcg@10']:.3f} (full {full:.3f})" in report
    assert json.loads(json_summary(result))["ablation"]["removed"] == abl["removed"]
    # the same run twice gives the same figures
    again = evaluate(profiles, judgments, ablate=0.2)["ablation"]
    assert again["overall"] == abl["overall"] and again["line"] == abl["line"]


def test_without_ablate_the_report_and_json_are_as_before(tmp_path: Path) -> None:
    profiles, judgments = _collection(tmp_path)
    result = evaluate(profiles, judgments)
    assert "ablation" not in format_report(result)
    assert "ablation" not in json.loads(json_summary(result))


def test_an_index_over_an_unablated_copy_ranks_exactly_as_the_usual_one(tmp_path: Path) -> None:
    profiles = [ProfileData.from_json(json.loads(line)) for line in _lines(tmp_path)]
    usual, copy = MatchIndex.build(profiles), MatchIndex.build(profiles, voc=Vocabulary())
    ranked = 0
    for p in profiles:
        for intent in ("complement", "peer"):
            expected = [(s.profile_id, s.score) for s in usual.suggest(p.id, intent)]
            assert [(s.profile_id, s.score) for s in copy.suggest(p.id, intent)] == expected
            ranked += len(expected)
    assert ranked > 0


def _lines(tmp_path: Path) -> list[str]:
    return _collection(tmp_path)[0].read_text(encoding="utf-8").splitlines()


def test_the_module_entry_point_takes_ablate_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profiles, judgments = _collection(tmp_path)
    assert main([str(profiles), str(judgments), "--ablate", "0.2", "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("ablated all ") for line in lines)
    assert json.loads(lines[-1])["ablation"]["fraction"] == 0.2
    with pytest.raises(SystemExit):
        main([str(profiles), str(judgments), "--ablate", "2"])


def test_the_command_runs_the_ablation_and_refuses_a_wrong_fraction(tmp_path: Path) -> None:
    profiles, judgments = _collection(tmp_path)
    out = StringIO()
    args = (str(profiles), str(judgments))
    call_command("match_eval", *args, "--ablate", "0.2", "--json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert any(line.startswith("ablation: 20 % of ") for line in lines)
    assert any(line.startswith("ablated nDCG@10 ") for line in lines)
    assert "ablation" in json.loads(lines[-1])
    for wrong in ("0", "1.5"):
        with pytest.raises(CommandError, match="Anteil"):
            call_command("match_eval", *args, "--ablate", wrong)
