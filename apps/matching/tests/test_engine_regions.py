"""Stated service areas ("in ganz Bayern", "bundesweit") count as region coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from apps.matching.engine import MatchIndex, ProfileData, geo_lookup, render_reason_de
from apps.matching.engine.geo import GeoResult
from apps.matching.engine.index import StaleIndexError
from apps.matching.engine.regions import read_service_area


def place(city: str, postal_code: str = "") -> GeoResult:
    found = geo_lookup(city, postal_code)
    assert found is not None
    return found


def area_of(text: str, home: str = "München", postal_code: str = ""):
    return read_service_area([text], place(home, postal_code))


def test_places_know_their_land_or_canton() -> None:
    assert place("Nürnberg").admin1 == place("München").admin1
    assert place("Würzburg", "97070").admin1 == place("München").admin1
    assert place("Stuttgart").admin1 != place("München").admin1
    assert place("Atlantis", "80331").admin1 == place("München").admin1  # postal region


def test_a_whole_land_covers_its_cities_and_no_others() -> None:
    area = area_of("Mit meinem Material reise ich durch ganz Bayern.")
    assert area.covers(place("Nürnberg")) and area.covers(place("Würzburg"))
    assert not area.covers(place("Stuttgart")) and not area.covers(place("Wien"))
    listed = area_of("Workshops bei Betrieben in Bayern und Baden-Württemberg.")
    assert listed.covers(place("Stuttgart")) and listed.covers(place("Würzburg"))
    assert area_of("Ich komme in die Betriebe im Kanton Bern.", "Zürich").covers(place("Thun"))


def test_countries_and_dach_need_an_area_word_or_in_person_work() -> None:
    assert area_of("Ich arbeite bundesweit.", "Köln").covers(place("Dresden"))
    assert area_of("Ich arbeite bundesweit.", "Graz").covers(place("Innsbruck"))
    assert area_of("Trainings in ganz Deutschland.").covers(place("Kiel"))
    assert area_of("Ich unterrichte in Präsenz in ganz Österreich.", "Graz").covers(place("Linz"))
    assert not area_of("Ich bin eine der ersten in Deutschland mit diesem Zertifikat.")


def test_online_only_statements_are_no_in_person_area() -> None:
    assert not area_of("Konfliktklärung per Video im ganzen DACH-Raum.")
    mixed = area_of("Präsenz in Österreich und per Video im ganzen DACH-Raum.", "Graz")
    assert mixed.covers(place("Salzburg")) and not mixed.covers(place("Hamburg"))
    split = area_of("Ich mediiere in NRW vor Ort und bundesweit online.", "Köln")
    assert split.covers(place("Bielefeld")) and not split.covers(place("München"))


def test_a_city_alone_is_a_place_not_an_area() -> None:
    assert not area_of("Zehn Jahre war ich Personalleiterin in Hamburg.")
    assert not area_of("Ich arbeite in Zürich, Basel und Bern.", "Zürich")
    listed = area_of("Ausschließlich vor Ort in Berlin und Brandenburg.", "Potsdam")
    assert listed.covers(place("Cottbus")) and listed.covers(place("Berlin"))
    assert area_of("Einsätze im ganzen Kanton Zürich.", "Winterthur").covers(place("Uster"))


def test_a_negated_area_is_excluded() -> None:
    assert not area_of("Reisen nach Süddeutschland biete ich nicht an.", "Hamburg")
    confirmed = area_of("Ich arbeite nur in Bayern und nehme keine Aufträge außerhalb an.")
    assert confirmed.covers(place("Regensburg"))


def test_radius_statements_cover_places_within_the_radius() -> None:
    around_home = area_of("Ich komme zu Ihnen im Umkreis von 200 km.", "Leipzig")
    assert around_home.covers(place("Berlin")) and not around_home.covers(place("München"))
    around_city = area_of("Einsätze bis 80 km rund um Hannover.", "Berlin")
    assert around_city.covers(place("Celle")) and not around_city.covers(place("Potsdam"))
    landscape = area_of("Kurse auf Reiterhöfen in ganz Oberbayern.")
    assert landscape.covers(place("Rosenheim")) and not landscape.covers(place("Nürnberg"))


def _partner(pid: str, city: str, postal_code: str, about: str = "") -> ProfileData:
    return ProfileData(
        id=pid,
        name=pid,
        headline="Arbeitsplatzergonomie im Betrieb",
        about=about,
        competences=("Arbeitsplatzergonomie", "Rückenschule", "Bewegte Pause"),
        target_groups=("Beschäftigte im Büro",),
        city=city,
        postal_code=postal_code,
        remote=False,
        formats=("präsenz",),
        hours_per_month=20,
        intents=("complement",),
    )


def _asker(pid: str, about: str = "") -> ProfileData:
    return ProfileData(
        id=pid,
        name=pid,
        headline="Betriebliches Gesundheitsmanagement",
        about=about,
        competences=("BGM", "Gesundheitstage", "Stressprävention"),
        target_groups=("Beschäftigte im Büro",),
        city="München",
        postal_code="80331",
        remote=False,
        formats=("präsenz",),
        hours_per_month=20,
        seeking="Für Gesundheitstage suche ich jemanden für Arbeitsplatzergonomie.",
        intents=("complement",),
    )


@pytest.fixture(scope="module")
def region_index() -> MatchIndex:
    return MatchIndex.build(
        [
            _asker("local"),
            _asker("statewide", about="Ich arbeite vor Ort in ganz Bayern."),
            _partner("wue", "Würzburg", "97070"),
            _partner("wue_bayern", "Würzburg", "97072", about="Ich bin in ganz Bayern unterwegs."),
            _partner("muc", "München", "80469"),
            _partner("koeln_nrw", "Köln", "50667", about="Ich arbeite in ganz NRW vor Ort."),
        ]
    )


def scores(index: MatchIndex, pid: str) -> dict[str, float]:
    return {s.profile_id: s.score for s in index.suggest(pid, "complement", k=10)}


def test_a_seeker_serving_all_of_bavaria_finds_a_partner_in_wuerzburg_region_compatible(
    region_index: MatchIndex,
) -> None:
    local, statewide = scores(region_index, "local"), scores(region_index, "statewide")
    # in person only and 250 km apart: a broken constraint for someone who works locally
    assert local["wue"] < 0.5 * local["muc"]
    # ... but not for someone who works all over Bavaria
    assert statewide["wue"] == pytest.approx(statewide["muc"], rel=0.25)
    top = {s.profile_id: s for s in region_index.suggest("statewide", "complement", k=10)}
    assert "liegt in Ihrem Einsatzgebiet" in [render_reason_de(r) for r in top["wue"].reasons]


def test_a_partner_serving_the_seekers_land_is_region_compatible(
    region_index: MatchIndex,
) -> None:
    local = scores(region_index, "local")
    assert local["wue_bayern"] > 2 * local["wue"]
    assert local["wue_bayern"] == pytest.approx(local["muc"], rel=0.25)
    top = {s.profile_id: s for s in region_index.suggest("local", "complement", k=10)}
    assert "arbeitet auch in Ihrer Region" in [
        render_reason_de(r) for r in top["wue_bayern"].reasons
    ]


def test_a_stated_area_elsewhere_does_not_make_a_far_partner_compatible(
    region_index: MatchIndex,
) -> None:
    local = scores(region_index, "local")
    assert local["koeln_nrw"] < 0.5 * local["muc"]


def test_coverage_survives_upserts_and_compaction(region_index: MatchIndex) -> None:
    index = MatchIndex.build([_asker("local"), _partner("muc", "München", "80469")])
    index.upsert(_partner("wue", "Würzburg", "97070", about="Ich bin in ganz Bayern unterwegs."))
    before = scores(index, "local")
    index._compact()
    assert scores(index, "local") == pytest.approx(before)
    assert before["wue"] == pytest.approx(before["muc"], rel=0.25)
    index.upsert(_partner("wue", "Würzburg", "97070"))  # the area is no longer stated
    index._compact()
    assert scores(index, "local")["wue"] < 0.5 * before["wue"]


def test_an_index_saved_by_another_engine_version_is_refused(
    region_index: MatchIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "index.pkl"
    region_index.save(path)
    monkeypatch.setattr("apps.matching.engine.index.LAYOUT", -1)
    with pytest.raises(StaleIndexError):
        MatchIndex.load(path)
