"""Stated service areas: where a profile says it works in person, read from its own words.

"in ganz Bayern", "in Tirol und Vorarlberg", "im Kanton Bern", "bundesweit", "im ganzen
DACH-Raum", "im Umkreis von 80 km": the first-level units of DE/AT/CH (geonames admin1 codes,
as in ``geo``), whole countries, a few well-known landscapes larger than a city (a circle around
their centre) and radii. What is said only about online work ("per Video überall im DACH-Raum")
is no in-person area. A bare city name is a place, not an area: city-states and cantons named
like their capital count only when qualified ("Kanton Zürich", "ganz Berlin") or listed with
another region ("Berlin und Brandenburg").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .geo import COUNTRIES, GeoResult, haversine_km, place_near
from .text import fold, sentences

# (country, admin1 code, German label, other spellings; "*" before the label: named like a city)
_UNITS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("DE", "01", "Baden-Württemberg", ("BaWü", "Ba-Wü")),
    ("DE", "02", "Bayern", ("Freistaat Bayern",)),
    ("DE", "03", "*Bremen", ()),
    ("DE", "04", "*Hamburg", ()),
    ("DE", "05", "Hessen", ()),
    ("DE", "06", "Niedersachsen", ()),
    ("DE", "07", "Nordrhein-Westfalen", ("NRW",)),
    ("DE", "08", "Rheinland-Pfalz", ("RLP",)),
    ("DE", "09", "Saarland", ()),
    ("DE", "10", "Schleswig-Holstein", ()),
    ("DE", "11", "Brandenburg", ()),
    ("DE", "12", "Mecklenburg-Vorpommern", ("Meck-Pomm", "Mecklenburg", "Vorpommern")),
    ("DE", "13", "Sachsen", ("Freistaat Sachsen",)),
    ("DE", "14", "Sachsen-Anhalt", ()),
    ("DE", "15", "Thüringen", ()),
    ("DE", "16", "*Berlin", ()),
    ("AT", "01", "Burgenland", ()),
    ("AT", "02", "Kärnten", ()),
    ("AT", "03", "Niederösterreich", ()),
    ("AT", "04", "Oberösterreich", ()),
    ("AT", "05", "*Salzburg", ("Salzburger Land", "Land Salzburg")),
    ("AT", "06", "Steiermark", ()),
    ("AT", "07", "Tirol", ("Nordtirol", "Osttirol")),
    ("AT", "08", "Vorarlberg", ()),
    ("AT", "09", "*Wien", ()),
    ("CH", "AG", "Aargau", ()),
    ("CH", "AI", "Appenzell Innerrhoden", ()),
    ("CH", "AR", "Appenzell Ausserrhoden", ()),
    ("CH", "BE", "*Bern", ()),
    ("CH", "BL", "Basel-Landschaft", ("Baselland", "Basel-Land")),
    ("CH", "BS", "*Basel", ("Basel-Stadt",)),
    ("CH", "FR", "*Freiburg", ("Fribourg",)),
    ("CH", "GE", "*Genf", ("Genève", "Geneve")),
    ("CH", "GL", "*Glarus", ()),
    ("CH", "GR", "Graubünden", ()),
    ("CH", "JU", "*Jura", ()),
    ("CH", "LU", "*Luzern", ()),
    ("CH", "NE", "*Neuenburg", ("Neuchâtel",)),
    ("CH", "NW", "Nidwalden", ()),
    ("CH", "OW", "Obwalden", ()),
    ("CH", "SG", "*St. Gallen", ("Sankt Gallen",)),
    ("CH", "SH", "*Schaffhausen", ()),
    ("CH", "SO", "*Solothurn", ()),
    ("CH", "SZ", "*Schwyz", ()),
    ("CH", "TG", "Thurgau", ()),
    ("CH", "TI", "Tessin", ("Ticino",)),
    ("CH", "UR", "Uri", ()),
    ("CH", "VD", "Waadt", ("Vaud",)),
    ("CH", "VS", "Wallis", ("Valais",)),
    ("CH", "ZG", "*Zug", ()),
    ("CH", "ZH", "*Zürich", ()),
)
REGIONS: tuple[tuple[str, str], ...] = tuple((c, a) for c, a, _, _ in _UNITS)
_BIT = {unit: i for i, unit in enumerate(REGIONS)}

# Parts of a country made of whole units.
_GROUPS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "Norddeutschland": ("DE", ("03", "04", "06", "10", "12"), ()),
    "Süddeutschland": ("DE", ("01", "02"), ()),
    "Ostdeutschland": ("DE", ("11", "12", "13", "14", "15", "16"), ("neue Bundesländer",)),
    "Mitteldeutschland": ("DE", ("13", "14", "15"), ()),
    "Deutschschweiz": (
        "CH",
        tuple(a for c, a in REGIONS if c == "CH" and a not in ("GE", "VD", "NE", "JU", "TI")),
        ("deutschsprachige Schweiz",),
    ),
    "Romandie": ("CH", ("GE", "VD", "NE", "JU", "FR", "VS"), ("Westschweiz",)),
    "Ostschweiz": ("CH", ("SG", "TG", "AR", "AI", "GL", "SH", "GR"), ()),
    "Zentralschweiz": ("CH", ("LU", "ZG", "SZ", "UR", "OW", "NW"), ("Innerschweiz",)),
    "Nordwestschweiz": ("CH", ("BS", "BL", "AG", "SO"), ()),
}
# Landscapes that are no administrative unit: a circle around a central city (km).
_LANDSCAPES: dict[str, tuple[str, str, float, tuple[str, ...]]] = {
    "Rheinland": ("Köln", "DE", 70.0, ()),
    "Ruhrgebiet": ("Essen", "DE", 40.0, ("Ruhrpott",)),
    "Rhein-Main-Gebiet": ("Frankfurt am Main", "DE", 40.0, ("Rhein-Main",)),
    "Rhein-Neckar": ("Mannheim", "DE", 35.0, ()),
    "Oberbayern": ("München", "DE", 90.0, ()),
    "Niederbayern": ("Landshut", "DE", 70.0, ()),
    "Oberpfalz": ("Regensburg", "DE", 70.0, ()),
    "Allgäu": ("Kempten (Allgäu)", "DE", 45.0, ()),
    "Bodensee": ("Friedrichshafen", "DE", 45.0, ("Bodenseeregion",)),
    "Münsterland": ("Münster", "DE", 45.0, ()),
    "Ostwestfalen": ("Bielefeld", "DE", 50.0, ("Ostwestfalen-Lippe", "OWL")),
    "Lausitz": ("Cottbus", "DE", 70.0, ()),
}
_COUNTRY_NAMES = {
    "Deutschland": "DE",
    "Bundesrepublik": "DE",
    "Österreich": "AT",
    "Schweiz": "CH",
}
_ALL = ("DACH", "D-A-CH", "DACH-Raum", "deutschsprachigen Raum", "deutschsprachiger Raum")
# "bundesweit" names the speaker's own country, "landesweit" their own Land or canton.
_OWN_COUNTRY, _OWN_UNIT = "bundesweit", "landesweit"

_QUALIFIERS = frozenset(
    "kanton kantons kt land landes bundesland freistaat ganz ganzen ganze gesamten gesamte".split()  # noqa: SIM905
)
_ONLINE = frozenset(
    "online video videocall videocalls videokonferenz virtuell remote zoom webinar webinare".split()  # noqa: SIM905
)
# "Fahrten nach Norddeutschland übernehme ich nicht" excludes the area; "keine Aufträge
# außerhalb" confirms it.
_NEGATION = frozenset("nicht kein keine keinen keiner nie niemals".split())  # noqa: SIM905
_OUTSIDE = frozenset(("ausserhalb", "jenseits"))
_PRESENCE = ("vor ort", "praesenz", "persoenlich", "inhouse", "inhaus", "face to face")
_SEGMENT = re.compile(r",|;|\s(?:und|sowie|oder|aber)\s|\s[-–—]\s")
_WORD = re.compile(r"[a-z0-9]+")
_RADIUS = re.compile(
    r"(?:umkreis|radius)(?: von)?(?: bis zu| ca| etwa| rund)? (\d{1,4}) ?(?:km|kilometer)\b"
    r"|\b(\d{1,4}) ?(?:km|kilometer)[ -](?:umkreis|radius)"
    r"|\b(\d{1,4}) ?(?:km|kilometer) (?:rund )?um ([a-z][a-z]+(?: [a-z][a-z]+)?)"
)
MAX_RADIUS_KM = 600.0


@dataclass(frozen=True)
class ServiceArea:
    """Where someone works in person beyond their own city."""

    regions: int = 0  # bits over REGIONS
    countries: int = 0  # bits over COUNTRIES
    circles: tuple[tuple[float, float, float], ...] = ()  # (lat, lon, radius km)
    labels: tuple[str, ...] = ()  # the areas as written, for explanations

    def __bool__(self) -> bool:
        return bool(self.regions or self.countries or self.circles)

    def __or__(self, other: ServiceArea) -> ServiceArea:
        return ServiceArea(
            self.regions | other.regions,
            self.countries | other.countries,
            self.circles + tuple(c for c in other.circles if c not in self.circles),
            self.labels + tuple(x for x in other.labels if x not in self.labels),
        )

    def covers(self, place: GeoResult | None) -> bool:
        """Whether a place lies in this area (scalar counterpart of ``scoring.covered``)."""
        if place is None:
            return False
        if self.countries >> COUNTRIES.index(place.country) & 1:
            return True
        bit = region_bit(place.country, place.admin1)
        if bit >= 0 and self.regions >> bit & 1:
            return True
        return any(
            haversine_km(lat, lon, place.lat, place.lon) <= r for lat, lon, r in self.circles
        )


def region_bit(country: str, admin1: str) -> int:
    """Bit of a first-level unit in ``ServiceArea.regions``; -1 when unknown."""
    return _BIT.get((country, admin1), -1)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


@cache
def _lexicon() -> dict[tuple[str, ...], tuple[ServiceArea, bool]]:
    """Folded word sequence -> (the area, whether the name alone may just mean a place)."""
    out: dict[tuple[str, ...], tuple[ServiceArea, bool]] = {}
    for country, admin1, label, others in _UNITS:
        city_named = label.startswith("*")
        label = label.lstrip("*")
        area = ServiceArea(regions=1 << _BIT[(country, admin1)], labels=(label,))
        for name in (label, *others):
            qualified = name.startswith(("Land ", "Freistaat ")) or name.endswith(" Land")
            out[_words(name)] = (area, city_named and not qualified)
    for label, (country, codes, others) in _GROUPS.items():
        bits = sum(1 << _BIT[(country, code)] for code in codes)
        for name in (label, *others):
            out[_words(name)] = (ServiceArea(regions=bits, labels=(label,)), False)
    for label, (city, country, radius, others) in _LANDSCAPES.items():
        centre = place_near(city, country)
        if centre is None:
            continue
        area = ServiceArea(circles=((centre.lat, centre.lon, radius),), labels=(label,))
        for name in (label, *others):
            out[_words(name)] = (area, False)
    for name, country in _COUNTRY_NAMES.items():
        area = ServiceArea(countries=1 << COUNTRIES.index(country), labels=(name,))
        out[_words(name)] = (area, True)
    everywhere = ServiceArea(countries=(1 << len(COUNTRIES)) - 1, labels=("DACH",))
    for name in _ALL:
        out[_words(name)] = (everywhere, False)
    return out


def _weit(word: str) -> tuple[str, ...] | None:
    """ "bayernweit" -> ("bayern",); None when the word is no "-weit" form of a known area."""
    if not word.endswith("weit") or len(word) <= 6:
        return None
    stem = (word[:-4],)
    return stem if stem in _lexicon() else None


def _segments(sentence: str) -> list[tuple[tuple[str, ...], bool, bool]]:
    """The sentence's parts with whether each speaks only of online work, or of presence.

    A part without a format word inherits the previous part's ("online, österreichweit").
    """
    out = []
    online = False
    for part in _SEGMENT.split(fold(sentence)):
        words = tuple(_WORD.findall(part))
        joined = " ".join(words)
        presence = any(p in joined for p in _PRESENCE)
        if presence:
            online = False
        elif any(w in _ONLINE for w in words):
            online = True
        out.append((words, online, presence))
    return out


def _mentions(words: tuple[str, ...]) -> list[tuple[ServiceArea, bool, bool]]:
    """Areas named in a run of words, longest names first: (area, loose, qualified).

    Qualified: "ganz Bayern", "Kanton Zürich", "bayernweit".
    """
    lexicon = _lexicon()
    longest = max(len(k) for k in lexicon)
    out = []
    i = 0
    while i < len(words):
        n = next(
            (n for n in range(min(longest, len(words) - i), 0, -1) if words[i : i + n] in lexicon),
            0,
        )
        if n:
            area, loose = lexicon[words[i : i + n]]
            out.append((area, loose, i > 0 and words[i - 1] in _QUALIFIERS))
            i += n
            continue
        weit = _weit(words[i])
        if weit is not None:
            out.append((*lexicon[weit], True))
        i += 1
    return out


@cache
def _triggers() -> frozenset[str]:
    """Words without which a text names no area (first words of names, radius words)."""
    first = {key[0] for key in _lexicon()}
    return frozenset({*first, _OWN_COUNTRY, _OWN_UNIT, "umkreis", "radius", "km", "kilometer"})


def _may_name_an_area(text: str) -> bool:
    words = set(_WORD.findall(fold(text)))
    return bool(words & _triggers()) or any(w.endswith("weit") for w in words)


def read_service_area(texts: list[str], home: GeoResult | None) -> ServiceArea:
    """The in-person service area a profile states in its own words (see module doc)."""
    result = own_country = own_unit = ServiceArea()
    if home is not None:
        own_country = ServiceArea(countries=1 << COUNTRIES.index(home.country))
        bit = region_bit(home.country, home.admin1)
        own_unit = ServiceArea(regions=1 << bit) if bit >= 0 else ServiceArea()
    for text in texts:
        if not _may_name_an_area(text):
            continue
        for sentence in sentences(text):
            all_words = set(_WORD.findall(fold(sentence)))
            if all_words & _NEGATION and not all_words & _OUTSIDE:
                continue
            # a city or country name alone may just be a place; it counts as an area once
            # it is qualified, said about in-person work or listed with another region
            sure, pending = ServiceArea(), ServiceArea()
            for words, online, presence in _segments(sentence):
                if online:
                    continue
                for area, loose, qualified in _mentions(words):
                    if loose and not (qualified or presence):
                        pending |= area
                    else:
                        sure |= area
                if home is not None and _OWN_COUNTRY in words:
                    sure |= own_country
                if home is not None and _OWN_UNIT in words:
                    sure |= own_unit
                for match in _RADIUS.finditer(" ".join(words)):
                    circle = _radius_circle(match, home)
                    if circle is not None:
                        sure |= ServiceArea(circles=(circle,))
            if sure:
                result = result | sure | pending
    return result


def _radius_circle(
    match: re.Match[str], home: GeoResult | None
) -> tuple[float, float, float] | None:
    km_text = match.group(1) or match.group(2) or match.group(3)
    radius = min(float(km_text), MAX_RADIUS_KM)
    if match.group(4):
        words = match.group(4).split()
        for name in (" ".join(words), words[0]):
            centre = place_near(name, home.country if home else None, home)
            if centre is not None:
                return (centre.lat, centre.lon, radius)
        return None
    return (home.lat, home.lon, radius) if home is not None else None
