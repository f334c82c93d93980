"""Vocabulary ablation: the engine without the wordings most specific to one collection.

A wording is a label, synonym or need phrase of a concept as the lexicon matches it, i.e.
its stem tuple ("Business-Coaching" and "Business Coaching" are one wording). It *fires* on
a profile when the lexicon matches it in any of the profile's texts (headline, about,
seeking, competences, offers, target groups, industries; need phrases only in the seeking
text, as in matching). Among the wordings that fire at least once, the most
collection-specific are those firing on the fewest profiles; ties go to the wording with
more stems, then alphabetically, so the choice is deterministic. The top FRACTION of them
(rounded up) is removed and the index rebuilt over the reduced vocabulary: how much of the
engine's quality rests on wordings written for exactly these profiles.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .features import ProfileData
from .vocabulary import VOCABULARY_FILE, Vocabulary, vocabulary

Wording = tuple[str, ...]

LEGEND = (
    "ablation: a wording (label, synonym or need phrase, as the lexicon matches it) fires on"
    " a profile when it matches in any of its texts; the most collection-specific fire on"
    " the fewest profiles (ties: more stems first, then alphabetical)"
)


@dataclass(frozen=True)
class Ablation:
    fraction: float
    firing: int  # wordings that fire on at least one profile
    removed: tuple[Wording, ...]  # most specific first
    max_profiles: int  # the most profiles any removed wording fires on
    single: int = 0  # wordings that fire on exactly one profile

    @property
    def drop(self) -> frozenset[Wording]:
        return frozenset(self.removed)


def _texts(p: ProfileData) -> list[tuple[str, bool]]:
    """The profile's texts with whether the lexicon reads them as seeking text."""
    plain = [p.headline, p.about, *p.competences, *p.offers, *p.target_groups, *p.industries]
    return [(t, False) for t in plain if t] + ([(p.seeking, True)] if p.seeking else [])


def profiles_per_wording(profiles: Iterable[ProfileData], voc: Vocabulary) -> Counter[Wording]:
    """On how many profiles each wording fires (the latest profile of an id counts)."""
    counts: Counter[Wording] = Counter()
    for p in {p.id: p for p in profiles}.values():
        fired: set[Wording] = set()
        for text, seeking in _texts(p):
            fired |= voc.fired_wordings(text, seeking=seeking)
        counts.update(fired)
    return counts


def most_specific(counts: Counter[Wording]) -> list[Wording]:
    """Firing wordings, fewest profiles first; ties: more stems, then alphabetical."""
    return sorted(counts, key=lambda w: (counts[w], -len(w), " ".join(w)))


def removed_count(fraction: float, firing: int) -> int:
    """ceil(fraction × firing), computed exactly (0.2 × 15 is 3, not 3.0000000000000004)."""
    return math.ceil(Fraction(str(fraction)) * firing)


def plan(
    profiles: Iterable[ProfileData], fraction: float, voc: Vocabulary | None = None
) -> Ablation:
    if not 0 < fraction <= 1:
        raise ValueError("the ablated fraction must lie in (0, 1]")
    counts = profiles_per_wording(profiles, vocabulary() if voc is None else voc)
    ranked = most_specific(counts)
    removed = tuple(ranked[: removed_count(fraction, len(ranked))])
    return Ablation(
        fraction=fraction,
        firing=len(ranked),
        removed=removed,
        max_profiles=max((counts[w] for w in removed), default=0),
        single=sum(1 for n in counts.values() if n == 1),
    )


def ablated_vocabulary(ablation: Ablation, path: Path = VOCABULARY_FILE) -> Vocabulary:
    return Vocabulary(path, drop=ablation.drop)


def headline(ablation: Ablation) -> str:
    """ "ablation: 20 % of 812 firing wordings removed (163, each firing on ≤ 1 profile)"."""
    share = f"{ablation.fraction * 100:g}"
    unit = "profile" if ablation.max_profiles == 1 else "profiles"
    return (
        f"ablation: {share} % of {ablation.firing} firing wordings removed"
        f" ({len(ablation.removed)}, each firing on ≤ {ablation.max_profiles} {unit};"
        f" {ablation.single} fire on a single profile)"
    )
