"""A vocabulary-free reference ranking: character n-gram TF-IDF with cosine similarity.

It knows nothing of concepts, intents or constraints. The evaluation prints it beside the
engine so that the value the engine adds over plain string similarity stays visible.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from scipy import sparse

from .features import ProfileData
from .text import fold

_WORD = re.compile(r"[a-z0-9]+")
N_MIN, N_MAX = 3, 5


def char_ngrams(text: str) -> Counter[str]:
    """Character 3- to 5-grams inside words padded with a space (like char_wb analysers)."""
    grams: Counter[str] = Counter()
    for word in _WORD.findall(fold(text)):
        padded = f" {word} "
        for n in range(N_MIN, N_MAX + 1):
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def profile_text(p: ProfileData) -> str:
    return " ".join(
        [p.headline, p.about, *p.competences, *p.offers, *p.target_groups, *p.industries, p.seeking]
    )


def query_text(p: ProfileData, intent: str) -> str:
    """What an intent asks for: the need for a partner with other skills, oneself otherwise."""
    if intent in ("complement", "founding", "space") and p.seeking.strip():
        return p.seeking
    return profile_text(p)


class NgramTfidf:
    """Sublinear TF, smoothed IDF, L2-normalised rows; cosine by one sparse product."""

    def __init__(self, profiles: list[ProfileData]) -> None:
        self.ids = [p.id for p in profiles]
        self._row = {pid: i for i, pid in enumerate(self.ids)}
        self._profiles = profiles
        self._columns: dict[str, int] = {}
        counts = [char_ngrams(profile_text(p)) for p in profiles]
        for grams in counts:
            for g in grams:
                self._columns.setdefault(g, len(self._columns))
        df = np.zeros(len(self._columns))
        for grams in counts:
            df[[self._columns[g] for g in grams]] += 1
        self._idf = np.log((1 + len(profiles)) / (1 + df)) + 1.0
        self._matrix = sparse.vstack([self._vector(grams) for grams in counts], format="csr")

    def _vector(self, grams: Counter[str]) -> sparse.csr_matrix:
        known = [(self._columns[g], c) for g, c in grams.items() if g in self._columns]
        shape = (1, len(self._columns))
        if not known:
            return sparse.csr_matrix(shape)
        cols = np.array([c for c, _ in known])
        weights = (1 + np.log([n for _, n in known])) * self._idf[cols]
        weights /= np.linalg.norm(weights)
        return sparse.csr_matrix((weights, (np.zeros(len(cols)), cols)), shape=shape)

    def rank(self, profile_id: str, intent: str) -> list[str]:
        """All other profiles, most similar first (ties by position)."""
        row = self._row[profile_id]
        query = self._vector(char_ngrams(query_text(self._profiles[row], intent)))
        scores = np.asarray((self._matrix @ query.T).todense()).ravel()
        scores[row] = -np.inf
        order = np.lexsort((np.arange(scores.size), -scores))
        return [self.ids[i] for i in order if i != row]
