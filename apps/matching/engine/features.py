"""Profile data and its translation into concept/term features and constraint flags."""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import lru_cache

from .geo import GeoResult, geo_lookup
from .regions import ServiceArea, read_service_area
from .text import fold, needed, own_work, sentences, stem_grams, stem_sequence, tokens
from .vocabulary import Vocabulary, profile_context, vocabulary

INTENTS = ("complement", "capacity", "peer", "space", "founding")
FORMATS = ("präsenz", "online", "blended")
_FORMAT_ALIASES = {"praesenz": 0, "prasenz": 0, "presence": 0, "online": 1, "blended": 2}
TERM_BUCKETS = 1 << 17
TERM_WEIGHT = 0.35  # plain words only back up the concepts; they must not outvote them
RELATED_WEIGHT = 0.25

OFFER, SEEK, TARGET, INDUSTRY = range(4)
# Surface blocks: character n-grams over the stems of the same texts, independent of the
# vocabulary, so that wordings it does not know still meet (the back-off in scoring).
SURFACE_OFFER, SURFACE_SEEK, SURFACE_TARGET = range(4, 7)
BLOCKS = 7


@dataclass(frozen=True)
class ProfileData:
    id: str
    name: str
    headline: str = ""
    about: str = ""
    competences: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    city: str = ""
    postal_code: str = ""
    remote: bool = False
    formats: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    hours_per_month: int = 0
    seeking: str = ""
    intents: tuple[str, ...] = ()
    visible: bool = True

    @classmethod
    def from_json(cls, obj: dict) -> ProfileData:
        """Build from a FORMAT.md object; unknown fields are ignored, id and name required."""
        if not isinstance(obj, dict):
            raise ValueError("profile must be a JSON object")
        for required in ("id", "name"):
            if not isinstance(obj.get(required), str) or not obj[required].strip():
                raise ValueError(f"missing required field {required!r}")
        values: dict = {}
        for f in fields(cls):
            if f.name not in obj or obj[f.name] is None:
                continue
            value = obj[f.name]
            if f.name in ("remote", "visible"):
                value = bool(value)
            elif f.name == "hours_per_month":
                value = int(value)
            elif isinstance(value, list):
                value = tuple(str(v) for v in value)
            elif not isinstance(value, str):
                raise ValueError(f"field {f.name!r} has an unexpected type")
            values[f.name] = value
        return cls(**values)


@dataclass
class Features:
    """Raw (un-weighted) feature weights per block plus the dense facts used for constraints."""

    blocks: list[dict[int, float]]
    direct_offer: set[int]
    geo: GeoResult | None
    formats: int
    intents: int
    region_required: bool
    onsite_required: bool
    space_level: float
    area: ServiceArea = field(default_factory=ServiceArea)  # in person beyond their own city
    # bit b set: the vocabulary recognised at least one concept in block b (for SEEK: one
    # that is not already my own offer); where it did not, the surface has to speak for it
    known: int = 0


# Cues that a seeking text binds the partner to a place or to meeting in person.
_ONSITE = re.compile(
    r"\b(vor ort|in praesenz|praesenz in|praesenz,|praesenztermin\w*|persoenlich vor ort|"
    r"persoenlich\w* (?:trifft|treffen|begegn\w*)|face to face|in person)"
)
# "... oder online", "online reicht": the place is a preference, not a requirement.
_ONLINE_OK = re.compile(
    r"\b(oder online|auch online|gern online|gerne online|online reicht|online ist|online geht|"
    r"online moeglich|online in ordnung|virtuell reicht|per video moeglich)"
)
# "Einsätze vor Ort, Vorgespräche gern online": online only for the talks around the work
# leaves the work itself on site.
_PRELIMINARY = re.compile(
    r"\b(vor\w*gespraech\w*|erstgespraech\w*|kennenlern\w*|abstimmung\w*|absprache\w*|"
    r"vorbereitung\w*|nachbereitung\w*|besprechung\w*|vorab\w*)"
)
_CLAUSE = re.compile(r"[,;.!?]|\s[-–—]\s|\saber\s")
_REGIONAL = re.compile(
    r"\b(regional\w*|region|in der naehe|aus der naehe|lokal\w*|vor ort|umgebung|umkreis)\b"
)
_OFFERING = re.compile(
    r"\b(biete\w*|vermiet\w*|untervermiet\w*|teile|teilen|frei|freie\w*|verfuegbar|zur verfuegung|"
    r"abzugeben|habe|hab|haben|mitnutz\w*|mitbenutz\w*|ueberlass\w*|untermieter\w*|"
    r"mitmieter\w*|anbiet\w*)\b"
)
_LOOKING = re.compile(r"\b(such\w*|brauch\w*|benoetig\w*|finden)\b")


@lru_cache(maxsize=400_000)
def feature_key(vocab_size: int, stem: str) -> int:
    return vocab_size + zlib.crc32(stem.encode()) % TERM_BUCKETS


@lru_cache(maxsize=400_000)
def surface_keys(vocab_size: int, stem: str) -> tuple[int, ...]:
    """Feature keys of a stem's character n-grams (stems repeat across profiles)."""
    if len(stem) < 3 or stem.isdigit():
        return ()
    return tuple(feature_key(vocab_size, "\x1f" + gram) for gram in stem_grams(stem))


@lru_cache(maxsize=200_000)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem for _, stem in stem_sequence(text))


def format_mask(formats: tuple[str, ...] | list[str]) -> int:
    mask = 0
    for f in formats:
        bit = _FORMAT_ALIASES.get(fold(f).replace("ä", "ae"))
        if bit is not None:
            mask |= 1 << bit
    return mask


def intent_mask(intents: tuple[str, ...] | list[str]) -> int:
    return sum(1 << INTENTS.index(i) for i in set(intents) if i in INTENTS)


def featurize(p: ProfileData, voc: Vocabulary | None = None) -> Features:
    voc = voc or vocabulary()
    c = len(voc)
    texts = [p.headline, p.about, p.seeking, *p.competences, *p.offers, *p.target_groups]
    folded = fold(" ".join(texts))
    # the whole profile's words are only needed to resolve a homonym
    context = profile_context(texts, voc) if any(t in folded for t in voc.ambiguous) else None
    blocks: list[dict[int, float]] = [defaultdict(float) for _ in range(BLOCKS)]
    direct_offer: set[int] = set()
    homes = _homes(voc)

    def add(
        block: int, text: str, weight: float, *, seeking: bool = False, setting: bool = False
    ) -> None:
        m = voc.match(text, seeking=seeking, context=context)
        where = setting_concepts(text, voc, context) if setting and m.concepts else ()
        target = blocks[block]
        # a target group named in my offer says little about my clients, and vice versa
        wanted = OFFER if block == SEEK else block
        direct = block == OFFER and weight >= 0.7
        for concept, count in m.concepts.items():
            if concept in where or homes[concept] != wanted:
                continue
            target[concept] += weight * count
            if direct:
                direct_offer.add(concept)
        term_weight = weight * TERM_WEIGHT
        for stem in m.terms:
            target[feature_key(c, stem)] += term_weight

    for item in p.competences:
        add(OFFER, item, 1.0)
    # offers, headline and about name the setting of the work too ("in der Altenpflege")
    for item in p.offers:
        add(OFFER, item, 1.0, setting=True)
    # what I seek counts only where I do not deny or reject it ("nicht X, sondern Y"); what
    # I tell about myself, not where I hand the work to others, deny it or lack it
    headline, about = p.headline, own_work(p.about)
    seeking_text = needed(p.seeking)
    add(OFFER, headline, 0.7, setting=True)
    for sentence in sentences(about):
        add(OFFER, sentence, 0.4, setting=True)
    add(SEEK, seeking_text, 1.0, seeking=True)
    for item in p.target_groups:
        add(TARGET, item, 1.0)
    for item in p.industries:
        add(INDUSTRY, item, 1.0)

    for block in blocks:
        _expand(block, voc)

    def surface(block: int, text: str, weight: float, drop: set[str] | None = None) -> None:
        target = blocks[block]
        for stem in _stems(text):
            if drop and stem in drop:
                continue
            for key in surface_keys(c, stem):
                target[key] += weight

    own: set[str] = set()
    for item in (*p.competences, *p.offers):
        surface(SURFACE_OFFER, item, 1.0)
        own.update(_stems(item))
    surface(SURFACE_OFFER, headline, 0.7)
    own.update(_stems(headline))
    surface(SURFACE_OFFER, about, 0.4)
    # a need is what I lack: words of my own offer in my seeking text describe me
    surface(SURFACE_SEEK, seeking_text, 1.0, drop=own)
    for item in p.target_groups:
        surface(SURFACE_TARGET, item, 1.0)

    known = sum(
        1 << b
        for b in (OFFER, TARGET, INDUSTRY)
        if any(k < c and v > 0 for k, v in blocks[b].items())
    )
    if any(k < c and v > 0 and k not in direct_offer for k, v in blocks[SEEK].items()):
        known |= 1 << SEEK

    seeking = fold(p.seeking)
    formats = format_mask(p.formats)
    own_place = {t for t in tokens(p.city) if len(t) > 3}
    flexible = any(
        _ONLINE_OK.search(clause) and not _PRELIMINARY.search(clause)
        for clause in _CLAUSE.split(seeking)
    )
    region_required = not flexible and (
        bool(_REGIONAL.search(seeking)) or bool(own_place & set(tokens(p.seeking)))
    )
    onsite_required = not flexible and bool(_ONSITE.search(seeking))
    space_level = _space_level(p, voc, context)
    geo = geo_lookup(p.city, p.postal_code) if (p.city or p.postal_code) else None
    return Features(
        blocks=[{k: v for k, v in b.items() if v > 0} for b in blocks],
        direct_offer=direct_offer,
        geo=geo,
        formats=formats,
        intents=intent_mask(p.intents),
        region_required=region_required,
        onsite_required=onsite_required,
        space_level=space_level,
        area=read_service_area([p.headline, p.about, p.seeking], geo),
        known=known,
    )


_HOME = {"target_group": TARGET, "industry": INDUSTRY, "space": None}


@lru_cache(maxsize=4)
def _homes(voc: Vocabulary) -> tuple[int | None, ...]:
    """The block each concept belongs to (None: spaces, which have a reading of their own)."""
    return tuple(_HOME.get(concept.kind, OFFER) for concept in voc.concepts)


# A preposition that introduces where or for whom someone works ("Fortbildung in der
# Altenpflege", "Training für Kliniken", "Coach bei Banken").
_SETTING = re.compile(r"\b(?:für|fuer|in|im|an|am|bei|beim)\b", re.IGNORECASE)
_SETTING_END = re.compile(r"[,;:.!?()]|\s[-–—]\s")
_SECTOR_KINDS = ("target_group", "industry")


def setting_concepts(text: str, voc: Vocabulary, context: set[str] | None = None) -> set[int]:
    """Competences a text names only as the setting of the work, not as the work itself.

    After "für", "in", "bei" ... a wording that also names a sector or a target group says
    where or for whom someone works: "Montessori-Fortbildung in der Altenpflege" does not
    make a care professional. Such a competence stays where the rest of the text names it
    as well ("Pflegefachkraft in der Altenpflege").
    """
    found: set[int] = set()
    for marker in _SETTING.finditer(text):
        end = _SETTING_END.search(text, marker.end())
        stop = end.start() if end else len(text)
        following = _SETTING.search(text, marker.end(), stop)
        stop = following.start() if following else stop
        segment = text[marker.end() : stop]
        named = voc.match(segment, context=context).concepts
        if not any(voc.concepts[c].kind in _SECTOR_KINDS for c in named):
            continue
        competences = {c for c in named if voc.concepts[c].kind not in _SECTOR_KINDS}
        if competences:
            rest = voc.match(text[: marker.start()] + " " + text[stop:], context=context)
            found |= competences - set(rest.concepts)
    return found


def _expand(block: dict[int, float], voc: Vocabulary) -> None:
    """Add broader and related concepts so that different wordings of one field still meet."""
    n = len(voc)
    extra: dict[int, float] = defaultdict(float)
    for concept, weight in list(block.items()):
        if concept >= n:
            continue
        for ancestor, factor in voc.ancestors[concept].items():
            extra[ancestor] = max(extra[ancestor], weight * factor)
        for related in voc.concepts[concept].related:
            extra[related] = max(extra[related], weight * RELATED_WEIGHT)
    for concept, weight in extra.items():
        block[concept] = max(block.get(concept, 0.0), weight)


def _space_level(p: ProfileData, voc: Vocabulary, context: set[str] | None) -> float:
    """1 offers rooms/office, 0.55 offers only a desk, 0.5 is looking for space, 0 none.

    Rooms listed as competences or offers are offered; in prose the verb decides, and an
    offering verb wins ("suche Untermieter für meinen Seminarraum" offers the room).
    """
    offer = desk = looking = False
    items = [(t, True) for t in (*p.competences, *p.offers)]
    items += [(s, False) for s in (*sentences(p.about), *sentences(p.seeking))]
    for text, listed in items:
        if not voc.space_hint.search(fold(text)):
            continue
        found = {
            voc.concepts[c].key
            for c in voc.match(text, seeking=True, context=context).concepts
            if voc.concepts[c].kind == "space"
        }
        if not found:
            continue
        folded = fold(text)
        if listed or _OFFERING.search(folded):
            if found == {"desk"}:
                desk = True
            else:
                offer = True
        elif _LOOKING.search(folded) or (p.seeking and text in p.seeking):
            looking = True
    return 1.0 if offer else 0.55 if desk else 0.5 if looking else 0.0
