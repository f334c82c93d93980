"""One vectorised scoring function per intent over all rows of the index."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np

from .features import INTENTS, OFFER, SEEK, TARGET, Features, ProfileData
from .geo import COUNTRIES, EARTH_RADIUS_KM, GeoResult
from .regions import ServiceArea, region_bit

# Columns of the similarity matrix computed per query (see MatchIndex._suggest).
SIM_OFFER, SIM_NEED, SIM_NEEDS_ME, SIM_TARGET, SIM_INDUSTRY, SIM_SEEK = range(6)
# the same signals over the surface (character n-grams of stems), vocabulary-free
SURF_NEED, SURF_NEEDS_ME, SURF_OFFER, SURF_TARGET = range(6, 10)
# which surface signals an intent reads (the others are not computed: latency)
SURFACE_READ = {
    "complement": (True, True, False, True),
    "founding": (True, True, False, True),
    "capacity": (False, False, True, True),
    "peer": (False, False, True, True),
    "space": (False, False, False, False),
}
# Surface cosines of unrelated texts are not zero (shared frequent grams): below the floor
# they say nothing; above it they rise to at most the ceiling, so a wording the vocabulary
# knows (concept similarity up to 1) still outranks a mere resemblance of strings.
# Where both sides of a signal hold concepts, the vocabulary has already judged (a homonym,
# a competitor in other words): the surface then stays silent.
SURFACE_FLOOR = 0.02
SURFACE_SPAN = 0.2
SURFACE_CEILING = 0.6
SURFACE_KNOWN_CEILING = 0.0
PRESENCE, ONLINE = 1, 2
FAR_KM = 150.0  # beyond this, in-person-only work together is not practical
# beyond this nearness adds less than a millionth to a space score: rows farther away count only
# through their features
SPACE_REACH_KM = 220.0
NOT_SHARED = 0.55  # a partner without the intent is worth one grade less
BROKEN_CONSTRAINT = 0.25
MUTUAL = ("peer", "founding")  # both sides look for the same kind of cooperation


class DenseColumns:
    """Per-row facts in growable numpy arrays (amortised appends for upserts)."""

    xyz: np.ndarray
    has_geo: np.ndarray
    hours: np.ndarray
    formats: np.ndarray
    remote: np.ndarray
    intents: np.ndarray
    visible: np.ndarray
    alive: np.ndarray
    region: np.ndarray
    onsite: np.ndarray
    space: np.ndarray
    unit: np.ndarray
    country: np.ndarray
    known: np.ndarray

    _FIELDS = {
        "xyz": (np.float64, 3),
        "has_geo": (bool, 0),
        "hours": (np.float32, 0),
        "formats": (np.int8, 0),
        "remote": (bool, 0),
        "intents": (np.int8, 0),
        "visible": (bool, 0),
        "alive": (bool, 0),
        "region": (bool, 0),
        "onsite": (bool, 0),
        "space": (np.float32, 0),
        "unit": (np.int64, 0),  # bit of the row's own Land/canton in ServiceArea.regions, -1
        "country": (np.int64, 0),  # index into COUNTRIES, -1 unknown
        "known": (np.int8, 0),  # Features.known: blocks with recognised concepts
    }

    def __init__(self) -> None:
        self.n = 0
        for name, (dtype, width) in self._FIELDS.items():
            setattr(self, name, np.zeros((16, width) if width else 16, dtype=dtype))
        self.direct_offer = RaggedSets()
        self.geo: list[GeoResult | None] = []
        self.area: list[ServiceArea | None] = []
        self.areas = AreaTable()
        # the rows a view holds when it is a subset (``take``); None: the first n rows
        self.rows: np.ndarray | None = None

    def append(self, f: Features, p: ProfileData) -> None:
        if self.n == len(self.hours):
            for name in self._FIELDS:
                arr = getattr(self, name)
                grown = np.zeros((2 * len(arr), *arr.shape[1:]), dtype=arr.dtype)
                grown[: len(arr)] = arr
                setattr(self, name, grown)
        i = self.n
        self.unit[i] = self.country[i] = -1
        if f.geo is not None:
            self.xyz[i] = _unit(f.geo.lat, f.geo.lon)
            self.has_geo[i] = True
            self.unit[i] = region_bit(f.geo.country, f.geo.admin1)
            self.country[i] = COUNTRIES.index(f.geo.country)
        if f.area:
            self.areas.add(i, f.area)
        self.hours[i] = p.hours_per_month
        self.formats[i] = f.formats
        self.remote[i] = p.remote
        self.intents[i] = f.intents
        self.visible[i] = p.visible
        self.alive[i] = True
        self.region[i] = f.region_required
        self.onsite[i] = f.onsite_required
        self.space[i] = f.space_level
        self.known[i] = f.known
        self.direct_offer.append(f.direct_offer)
        self.geo.append(f.geo)
        self.area.append(f.area if f.area else None)
        self.n += 1

    def keep(self, rows: np.ndarray) -> None:
        for name in self._FIELDS:
            setattr(self, name, getattr(self, name)[rows].copy())
        self.direct_offer.keep(rows)
        self.geo = [self.geo[i] for i in rows]
        self.area = [self.area[i] for i in rows]
        self.areas.renumber({int(old): new for new, old in enumerate(rows)})
        self.n = len(rows)

    def view(self, n: int) -> DenseColumns:
        out = DenseColumns.__new__(DenseColumns)
        out.n = n
        for name in self._FIELDS:
            setattr(out, name, getattr(self, name)[:n])
        out.areas = self.areas
        out.rows = None
        return out

    def take(self, rows: np.ndarray) -> DenseColumns:
        """The facts of some rows only (a query's candidates), in the given order."""
        out = DenseColumns.__new__(DenseColumns)
        out.n = len(rows)
        for name in self._FIELDS:
            setattr(out, name, getattr(self, name)[rows])
        out.areas = self.areas
        out.rows = rows
        return out

    def features(self, row: int) -> Features:
        return Features(
            blocks=[],
            direct_offer=set(self.direct_offer[row]),
            geo=self.geo[row],
            formats=int(self.formats[row]),
            intents=int(self.intents[row]),
            region_required=bool(self.region[row]),
            onsite_required=bool(self.onsite[row]),
            space_level=float(self.space[row]),
            area=self.area[row] or ServiceArea(),
            known=int(self.known[row]),
        )


class RaggedSets:
    """A small set of integers per row, kept in two growable arrays: no Python object per
    row, so hundreds of thousands of rows load as two mapped arrays."""

    def __init__(self) -> None:
        self.values = np.zeros(64, dtype=np.int32)
        self.ends = np.zeros(16, dtype=np.int64)  # ends[i]: end of row i in values
        self.n = 0

    def _grow(self, name: str, needed: int) -> None:
        array = getattr(self, name)
        if needed > len(array):
            grown = np.zeros(max(needed, 2 * len(array)), dtype=array.dtype)
            grown[: len(array)] = array
            setattr(self, name, grown)

    def append(self, items: AbstractSet[int]) -> None:
        start = int(self.ends[self.n - 1]) if self.n else 0
        self._grow("values", start + len(items))
        self._grow("ends", self.n + 1)
        self.values[start : start + len(items)] = sorted(items)
        self.ends[self.n] = start + len(items)
        self.n += 1

    def __getitem__(self, row: int) -> frozenset[int]:
        start = int(self.ends[row - 1]) if row else 0
        return frozenset(int(v) for v in self.values[start : self.ends[row]])

    def keep(self, rows: np.ndarray) -> None:
        """Keep the given rows, renumbered in the given order."""
        ends = self.ends[: self.n]
        starts = np.concatenate([[0], ends[:-1]])[rows]
        lengths = ends[rows] - starts
        new_ends = np.cumsum(lengths)
        # position of every kept value in the old array
        source = np.repeat(starts - (new_ends - lengths), lengths) + np.arange(
            int(new_ends[-1]) if len(rows) else 0
        )
        self.values = np.concatenate([self.values[source], np.zeros(64, dtype=np.int32)])
        self.ends = np.concatenate([new_ends, np.zeros(16, dtype=np.int64)])
        self.n = len(rows)


class AreaTable:
    """The stated service areas of the (few) rows that have one, as parallel arrays."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.units: list[int] = []
        self.countries: list[int] = []
        self.circle_rows: list[int] = []
        self.centres: list[np.ndarray] = []
        self.min_cos: list[float] = []  # inside a circle: cos(angle to centre) >= this
        self._arrays: tuple[np.ndarray, ...] | None = None

    def add(self, row: int, area: ServiceArea) -> None:
        self.rows.append(row)
        self.units.append(area.regions)
        self.countries.append(area.countries)
        for lat, lon, km in area.circles:
            self.circle_rows.append(row)
            self.centres.append(_unit(lat, lon))
            self.min_cos.append(float(np.cos(km / EARTH_RADIUS_KM)))
        self._arrays = None

    def renumber(self, new_row: dict[int, int]) -> None:
        """Keep the areas of surviving rows under their new numbers (index compaction)."""
        keep = [j for j, r in enumerate(self.rows) if r in new_row]
        self.rows = [new_row[self.rows[j]] for j in keep]
        self.units = [self.units[j] for j in keep]
        self.countries = [self.countries[j] for j in keep]
        keep = [j for j, r in enumerate(self.circle_rows) if r in new_row]
        self.circle_rows = [new_row[self.circle_rows[j]] for j in keep]
        self.centres = [self.centres[j] for j in keep]
        self.min_cos = [self.min_cos[j] for j in keep]
        self._arrays = None

    def arrays(self) -> tuple[np.ndarray, ...]:
        """(rows, unit bits, country bits, circle rows, circle centres, circle min cos)."""
        if self._arrays is None:
            self._arrays = (
                np.array(self.rows, dtype=np.int64),
                np.array(self.units, dtype=np.int64),
                np.array(self.countries, dtype=np.int64),
                np.array(self.circle_rows, dtype=np.int64),
                np.array(self.centres, dtype=np.float64).reshape(-1, 3),
                np.array(self.min_cos, dtype=np.float64),
            )
        return self._arrays


@dataclass
class Context:
    sims: np.ndarray
    dense: DenseColumns
    asker: Features
    asker_hours: int
    km: np.ndarray | None = field(default=None)


def _unit(lat: float, lon: float) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.array([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def distances_km(d: DenseColumns, lat: float, lon: float) -> np.ndarray:
    """Great-circle distance from one point to every row; NaN where a row has no place."""
    cos = np.clip(d.xyz @ _unit(lat, lon), -1.0, 1.0)
    km = EARTH_RADIUS_KM * np.arccos(cos)
    return np.where(d.has_geo, km, np.nan)


def covered(d: DenseColumns, asker: Features) -> np.ndarray:
    """Rows whose stated service area includes the asker's place, or whose place lies in the
    asker's stated area: in person they can meet at one side's clients however far apart."""
    out = np.zeros(d.n, dtype=bool)
    place, area = asker.geo, asker.area
    if place is not None:
        rows, units, countries, circle_rows, centres, min_cos = d.areas.arrays()
        bit = region_bit(place.country, place.admin1)
        hit = (countries >> COUNTRIES.index(place.country)) & 1 == 1
        if bit >= 0:
            hit |= (units >> bit) & 1 == 1
        inside = circle_rows[centres @ _unit(place.lat, place.lon) >= min_cos]
        for found in (rows[hit], inside):
            if d.rows is None:
                out[found[found < d.n]] = True
            elif found.size:
                out |= np.isin(d.rows, found)
    if area:
        if area.regions:
            out |= (d.unit >= 0) & ((area.regions >> np.maximum(d.unit, 0)) & 1 == 1)
        if area.countries:
            out |= (d.country >= 0) & ((area.countries >> np.maximum(d.country, 0)) & 1 == 1)
        for lat, lon, radius in area.circles:
            out |= d.has_geo & (d.xyz @ _unit(lat, lon) >= np.cos(radius / EARTH_RADIUS_KM))
    return out


def surface_backoff(similarity: np.ndarray, ceiling: float | np.ndarray) -> np.ndarray:
    """A surface cosine mapped onto the scale of concept similarities."""
    return ceiling * np.clip((similarity - SURFACE_FLOOR) / SURFACE_SPAN, 0.0, 1.0)


def backed_off(
    concept: np.ndarray, surface: np.ndarray, asker_knows: bool | np.ndarray, rows_know: np.ndarray
) -> np.ndarray:
    """The larger of the concept and the surface similarity; the surface speaks fully only
    where the vocabulary found nothing on one side of the signal."""
    ceiling = np.where(asker_knows & rows_know, SURFACE_KNOWN_CEILING, SURFACE_CEILING)
    return np.maximum(concept, surface_backoff(surface, ceiling))


def knows(bits: int | np.ndarray, block: int) -> np.ndarray:
    return (np.asarray(bits) >> block) & 1 == 1


def score(intent: str, ctx: Context) -> np.ndarray:
    d, a, s = ctx.dense, ctx.asker, ctx.sims
    if a.geo is not None:
        ctx.km = distances_km(d, a.geo.lat, a.geo.lon)
    else:
        ctx.km = np.full(d.n, np.nan)
    km = ctx.km
    known = ~np.isnan(km)
    km0 = np.where(known, km, 0.0)
    # unknown places are neither near nor far: no bonus, no broken constraint
    proximity = np.where(known, np.exp(-km0 / 60.0), 0.2)
    far = known & (km0 > FAR_KM)
    if far.any():
        # far apart, but one of them says they work in the other's region
        far &= ~covered(d, a)

    # Each signal is the larger of what the vocabulary recognises and what the plain words
    # share, so a text in words the vocabulary lacks still has a signal. The competitor
    # damping below keeps reading the concept offer only: resembling strings are no proof
    # that two people sell the same.
    concept_offer = s[:, SIM_OFFER]
    mine, theirs = a.known, d.known
    offer = backed_off(concept_offer, s[:, SURF_OFFER], knows(mine, OFFER), knows(theirs, OFFER))
    need = backed_off(s[:, SIM_NEED], s[:, SURF_NEED], knows(mine, SEEK), knows(theirs, OFFER))
    needs_me = backed_off(
        s[:, SIM_NEEDS_ME], s[:, SURF_NEEDS_ME], knows(mine, OFFER), knows(theirs, SEEK)
    )
    target = backed_off(
        s[:, SIM_TARGET], s[:, SURF_TARGET], knows(mine, TARGET), knows(theirs, TARGET)
    )
    industry = s[:, SIM_INDUSTRY]
    presence_only = d.formats == PRESENCE
    online_only = d.formats == ONLINE
    # Binding constraints: in-person work far apart, or online-only for an on-site need.
    broken = (far & (presence_only | ~d.remote | a.region_required)) | (
        a.onsite_required & online_only
    )
    # format requirements bind both ways: only-online meets only-in-person nowhere
    if a.formats == ONLINE:
        broken |= presence_only
    if a.formats == PRESENCE:
        broken |= online_only
    # In mutual intents the candidate's own requirements bind too: someone who wants to
    # meet on site is no fit for an asker far away or working only online. (In complement
    # and capacity the candidate serves the asker's need; what they seek for themselves
    # does not restrict that.)
    asker_online_only = a.formats == ONLINE
    if intent in MUTUAL:
        broken |= d.onsite & (far | asker_online_only)

    # Each intent has one core signal that gates the score; target groups, industry and
    # distance only reorder partners who already fit (a shared audience alone is no match).
    if intent == "complement":
        # a partner who does what I do is a competitor, not a complement
        distinct = np.clip(1.0 - 1.5 * concept_offer, 0.1, 1.0)
        core = (0.75 * need + 0.25 * needs_me) * distinct
        base = core * (0.65 + 0.25 * target + 0.05 * industry + 0.05 * proximity)
        base += 0.05 * target
    elif intent == "capacity":
        available = np.clip(d.hours / max(5.0, 0.5 * ctx.asker_hours), 0.3, 1.0)
        base = offer * (0.6 + 0.25 * target + 0.05 * industry + 0.1 * proximity) * available
        base += 0.03 * target
    elif intent == "peer":
        core = 0.8 * offer + 0.2 * s[:, SIM_SEEK]
        base = core * (0.6 + 0.3 * target + 0.1 * proximity)
        # exchange among peers works online unless the asker wants to meet in person
        broken = (far & presence_only & a.region_required) | (
            a.onsite_required & (online_only | far)
        )
        if a.formats == PRESENCE:
            broken |= online_only
        # the same rules seen from the candidate: a colleague far away who meets only in
        # person and wants peers from their region is no peer for me either
        broken |= (far & d.region & (presence_only | (a.formats == PRESENCE))) | (
            d.onsite & (asker_online_only | far)
        )
        if asker_online_only:
            broken |= presence_only
    elif intent == "space":
        closeness = np.where(known, np.where(km0 <= 15, 1.0, np.exp(-(km0 - 15) / 15.0)), 0.0)
        base = closeness * (0.15 + 0.75 * d.space + 0.1 * offer)
        broken = np.zeros(d.n, dtype=bool)
    elif intent == "founding":
        hours = np.maximum(d.hours, 1.0)
        ratio = np.minimum(hours, ctx.asker_hours or 1) / np.maximum(hours, ctx.asker_hours or 1)
        similar = np.where(ratio >= 0.7, 1.0, np.where(ratio >= 0.5, 0.6, 0.25))
        distinct = np.clip(1.0 - 1.5 * concept_offer, 0.1, 1.0)
        core = (0.7 * need + 0.3 * needs_me) * distinct
        base = (core * (0.7 + 0.2 * target + 0.1 * proximity) + 0.05 * target) * similar
    else:
        raise ValueError(f"unknown intent {intent!r}")

    shares = (d.intents >> INTENTS.index(intent)) & 1
    result = base * np.where(shares == 1, 1.0, NOT_SHARED)
    result = result * np.where(broken, BROKEN_CONSTRAINT, 1.0)
    return np.clip(result, 0.0, 1.0)
