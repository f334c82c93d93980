"""The in-memory match index: sparse concept/term vectors plus dense facts per profile."""

from __future__ import annotations

import math
import pickle
import zlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from . import postings, scoring, store
from .build import assemble, featurize_chunks
from .explain import Reason, Suggestion
from .features import (
    BLOCKS,
    INDUSTRY,
    INTENTS,
    OFFER,
    SEEK,
    SURFACE_OFFER,
    SURFACE_SEEK,
    SURFACE_TARGET,
    TARGET,
    TERM_BUCKETS,
    Features,
    ProfileData,
    featurize,
    format_mask,
)
from .geo import geo_lookup
from .vocabulary import VOCABULARY_FILE, Vocabulary, vocabulary

# Appended rows are merged into the main matrices once they exceed this share of the index.
COMPACT_SHARE = 0.05
COMPACT_MIN = 512

Vec = tuple[np.ndarray, np.ndarray]  # sparse vector as (sorted indices, weights)

# Raise when the stored layout or the meaning of features changes; the vocabulary file's
# checksum is part of the version, since its line order defines the concept columns.
LAYOUT = 5
# A query's surface vector keeps only its most distinctive n-grams: the postings read stay
# small, and the frequent grams that every text shares add noise, not evidence.
SURFACE_QUERY_GRAMS = 48
SURFACE_MAX_DF_SHARE = 0.25


def engine_version() -> str:
    return f"{LAYOUT}:{zlib.crc32(VOCABULARY_FILE.read_bytes()):08x}"


# (asker's block, candidates' block) of the surface signals, in scoring's SURF_* order
SURFACE_PAIRS = (
    (SURFACE_SEEK, SURFACE_OFFER),
    (SURFACE_OFFER, SURFACE_SEEK),
    (SURFACE_OFFER, SURFACE_OFFER),
    (SURFACE_TARGET, SURFACE_TARGET),
)
_EMPTY: Vec = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


class StaleIndexError(ValueError):
    """A stored index written by another engine version: rebuild it from the profiles."""


@dataclass
class Filters:
    competence: str | None = None
    city: str | None = None
    postal_code: str | None = None
    radius_km: float | None = None
    format: str | None = None
    remote: bool | None = None
    min_hours: int | None = None


@dataclass
class Asker:
    """What a query knows about the asking profile (indexed or not)."""

    vector: Vec  # over BLOCKS*dim columns, weighted and normalised per block
    features: Features
    hours: int
    row: int | None
    city: str


class MatchIndex:
    # A vocabulary other than the process-wide one (the evaluation's ablation); None: the
    # usual one. A class default, so indexes saved before it existed load unchanged.
    _voc: Vocabulary | None = None

    def __init__(self, voc: Vocabulary | None = None) -> None:
        if voc is not None:
            self._voc = voc
        self._version = engine_version()
        # The position in the host's change log this index reflects, and the recent
        # entries already applied (set by its keeper, apps.matching.index_store).
        self.sequence = 0
        self.seen_changes: set[int] = set()
        self.synced_at = 0.0  # when its keeper last brought it up to the log (epoch s)
        self._dim = len(self.vocabulary) + TERM_BUCKETS
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._cities: list[str] = []
        self._n_docs = 0
        self._df = np.zeros(self._dim, dtype=np.int32)
        self._dense = scoring.DenseColumns()
        self._main_csr = sparse.csr_matrix((0, BLOCKS * self._dim), dtype=np.float32)
        self._main_csc = self._main_csr.tocsc()
        self._delta_rows: list[sparse.csr_matrix] = []
        self._delta_csc: sparse.csc_matrix | None = None

    # --- building and updating

    @property
    def vocabulary(self) -> Vocabulary:
        return vocabulary() if self._voc is None else self._voc

    def _featurize(self, profile: ProfileData) -> Features:
        return featurize(profile, self._voc)

    @classmethod
    def build(cls, profiles: Iterable[ProfileData], voc: Vocabulary | None = None) -> MatchIndex:
        """An index of the profiles (the latest of each id), over ``voc`` if given."""
        index = cls(voc)
        latest = list({p.id: p for p in profiles}.values())
        chunks = featurize_chunks(latest, index._dim, voc)
        index._main_csr, index._df = assemble(chunks, index._dim)
        index._n_docs = len(latest)
        facts = (f for chunk in chunks for f in chunk.facts)
        for p, f in zip(latest, facts, strict=True):
            index._append_facts(p, f)
        index._main_csc = index._main_csr.tocsc()
        return index

    def upsert(self, profile: ProfileData) -> None:
        """Add or replace one profile: the old row is retired, the new one appended."""
        if profile.id in self._row:
            self._dense.alive[self._row[profile.id]] = False
        f = self._featurize(profile)
        self._count(f)
        self._delta_rows.append(self._vectorize(f))
        self._delta_csc = None
        self._append_facts(profile, f)
        if len(self._delta_rows) > max(COMPACT_MIN, COMPACT_SHARE * self._main_csr.shape[0]):
            self._compact()

    def remove(self, profile_id: str) -> None:
        row = self._row.pop(profile_id, None)
        if row is not None:
            self._dense.alive[row] = False

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, profile_id: object) -> bool:
        return profile_id in self._row

    def _count(self, f: Features) -> None:
        keys = {k for block in f.blocks for k in block}
        self._df[list(keys)] += 1
        self._n_docs += 1

    def _idf(self, keys: np.ndarray) -> np.ndarray:
        return np.log((1 + self._n_docs) / (1 + self._df[keys])) + 1.0

    def _vector_parts(self, f: Features) -> tuple[np.ndarray, np.ndarray]:
        """The row's columns (ascending) and weights: each block's counts, dampened,
        weighted by idf and normalised."""
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for b, block in enumerate(f.blocks):
            if not block:
                continue
            keys = np.fromiter(block.keys(), dtype=np.int64, count=len(block))
            weights = np.sqrt(np.fromiter(block.values(), dtype=np.float64, count=len(block)))
            weights *= self._idf(keys)
            weights /= np.linalg.norm(weights)
            cols.append(keys + b * self._dim)
            vals.append(weights)
        if not cols:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        col = np.concatenate(cols)
        order = np.argsort(col)
        return col[order].astype(np.int32), np.concatenate(vals)[order].astype(np.float32)

    def _vectorize(self, f: Features) -> sparse.csr_matrix:
        cols, vals = self._vector_parts(f)
        return sparse.csr_matrix((vals, cols, [0, len(cols)]), shape=(1, BLOCKS * self._dim))

    def _append_facts(self, p: ProfileData, f: Features) -> None:
        row = len(self._ids)
        self._ids.append(p.id)
        self._row[p.id] = row
        self._cities.append(p.city)
        self._dense.append(f, p)

    def _delta(self) -> sparse.csc_matrix | None:
        if not self._delta_rows:
            return None
        if self._delta_csc is None:
            self._delta_csc = sparse.vstack(self._delta_rows, format="csc", dtype=np.float32)
        return self._delta_csc

    def _compact(self) -> None:
        """Merge appended rows into the main matrices and drop retired rows."""
        stacked = sparse.vstack([self._main_csr, *self._delta_rows], format="csr")
        keep = np.flatnonzero(self._dense.alive[: len(self._ids)])
        self._main_csr = stacked[keep]
        self._main_csc = self._main_csr.tocsc()
        self._delta_rows, self._delta_csc = [], None
        self._ids = [self._ids[i] for i in keep]
        self._cities = [self._cities[i] for i in keep]
        self._row = {pid: i for i, pid in enumerate(self._ids)}
        self._dense.keep(keep)

    def _row_vector(self, row: int) -> Vec:
        n_main = self._main_csr.shape[0]
        m = self._main_csr if row < n_main else self._delta_rows[row - n_main]
        r = row if row < n_main else 0
        lo, hi = m.indptr[r], m.indptr[r + 1]
        return m.indices[lo:hi], m.data[lo:hi]

    # --- queries

    def suggest(
        self,
        profile_id: str,
        intent: str,
        *,
        k: int = 10,
        exclude: Collection[str] = (),
        filters: Filters | None = None,
        explain: bool = True,
    ) -> list[Suggestion]:
        row = self._row.get(profile_id)
        if row is None:
            raise KeyError(profile_id)
        asker = Asker(
            vector=self._row_vector(row),
            features=self._dense.features(row),
            hours=int(self._dense.hours[row]),
            row=row,
            city=self._cities[row],
        )
        return self._suggest(asker, intent, k, exclude, filters, explain)

    def suggest_for(
        self,
        profile: ProfileData,
        intent: str,
        *,
        k: int = 10,
        exclude: Collection[str] = (),
        filters: Filters | None = None,
        explain: bool = True,
    ) -> list[Suggestion]:
        """Suggestions for a profile that is not (yet) in the index; its own id is excluded."""
        f = self._featurize(profile)
        row = self._vectorize(f)
        asker = Asker((row.indices, row.data), f, profile.hours_per_month, None, profile.city)
        return self._suggest(asker, intent, k, {*exclude, profile.id}, filters, explain)

    def search(
        self,
        text: str,
        *,
        k: int = 20,
        exclude: Collection[str] = (),
        filters: Filters | None = None,
    ) -> list[Suggestion]:
        """Free-text search ("Ich brauche jemanden für X"): who offers what the text asks for."""
        f = self._featurize(ProfileData(id="", name="", seeking=text, target_groups=(text,)))
        row = self._vectorize(f)
        vector = (row.indices, row.data)
        need = self._block(vector, SEEK)
        columns = [
            (need, OFFER),
            (self._block(vector, TARGET), TARGET),
            (self._surface(vector, SURFACE_SEEK), SURFACE_OFFER),
        ]
        sims = self._similarities(columns)
        rows_know = scoring.knows(self._dense.view(sims.shape[0]).known, OFFER)
        wanted = scoring.backed_off(sims[:, 0], sims[:, 2], scoring.knows(f.known, SEEK), rows_know)
        score = 0.85 * wanted + 0.15 * sims[:, 1]
        score = np.where(score > 0, score, -np.inf)
        rows = self._top(score, self._mask(None, exclude, filters), k)
        out = []
        for r in rows:
            shared = self._shared(need, self._row_vector(r), OFFER)
            reasons = [Reason("matches_search", {"concepts": shared})] if shared else []
            out.append(Suggestion(self._ids[r], float(score[r]), reasons))
        return out

    def _suggest(
        self,
        asker: Asker,
        intent: str,
        k: int,
        exclude: Collection[str],
        filters: Filters | None,
        explain: bool,
    ) -> list[Suggestion]:
        if intent not in INTENTS:
            raise ValueError(f"unknown intent {intent!r}")
        offer = self._block(asker.vector, OFFER)
        seek = self._block(asker.vector, SEEK)
        need = self._without(seek, offer, asker.features.direct_offer)
        columns = [
            (offer, OFFER),
            (need, OFFER),
            (offer, SEEK),
            (self._block(asker.vector, TARGET), TARGET),
            (self._block(asker.vector, INDUSTRY), INDUSTRY),
            # peers: the same wish beyond the topic (which the offer signal already
            # compares), so my seeking text without what I offer myself
            (need, SEEK),
            *(
                (self._surface(asker.vector, mine) if read else _EMPTY, theirs)
                for (mine, theirs), read in zip(
                    SURFACE_PAIRS, scoring.SURFACE_READ[intent], strict=True
                )
            ),
        ]
        mask = self._mask(asker.row, exclude, filters)
        candidates, context, local = self._score(asker, intent, columns)
        rows = postings.top_of_candidates(candidates, local, mask, k)
        if rows is None and intent == "space":
            # too few near rooms: nearness alone orders the rest, so every row is scored
            candidates, context, local = self._score(asker, intent, columns, every_row=True)
        if rows is None:
            # too few rows with any signal: the others (score 0) fill the list in row order
            score = np.zeros(len(self._ids), dtype=local.dtype)
            score[candidates] = local
            rows = self._top(score, mask, k)
        spots = np.searchsorted(candidates, rows) if rows else np.zeros(0, dtype=np.int64)
        at = {
            r: int(i)
            for r, i in zip(rows, spots, strict=True)
            if i < candidates.size and candidates[i] == r
        }
        return [
            Suggestion(
                self._ids[r],
                float(local[at[r]]) if r in at else 0.0,
                self._reasons(intent, asker, offer, need, r, context, at.get(r)) if explain else [],
            )
            for r in rows
        ]

    def _score(
        self,
        asker: Asker,
        intent: str,
        columns: list[tuple[Vec, int]],
        every_row: bool = False,
    ) -> tuple[np.ndarray, scoring.Context, np.ndarray]:
        """The candidate rows, the scoring context over them and their scores."""
        candidates, sims = self._candidates(asker, intent, columns, every_row)
        context = scoring.Context(
            sims=sims,
            dense=self._dense.view(len(self._ids)).take(candidates),
            asker=asker.features,
            asker_hours=asker.hours,
        )
        return candidates, context, scoring.score(intent, context)

    # --- vector helpers

    def _block(self, vector: Vec, block: int) -> Vec:
        """The part of a row in one block, with block-local feature indices."""
        indices, data = vector
        lo = block * self._dim
        keep = (indices >= lo) & (indices < lo + self._dim)
        return indices[keep] - lo, data[keep]

    def _surface(self, vector: Vec, block: int) -> Vec:
        """The query's surface block reduced to its strongest n-grams."""
        indices, data = self._block(vector, block)
        # grams in more than a quarter of all profiles have long postings and tell little
        rare = self._df[indices] <= max(8.0, SURFACE_MAX_DF_SHARE * self._n_docs)
        indices, data = indices[rare], data[rare]
        if indices.size <= SURFACE_QUERY_GRAMS:
            return indices, data
        keep = np.sort(np.argpartition(-data, SURFACE_QUERY_GRAMS - 1)[:SURFACE_QUERY_GRAMS])
        return indices[keep], data[keep]

    def _without(self, seek: Vec, offer: Vec, concepts: set[int]) -> Vec:
        """Drop what the asker already offers from their needs: a need is what I lack.

        Concepts count only where offered directly (a broader concept I touch may still be a
        need); plain words count wherever they appear in my offer.
        """
        n_concepts = len(self.vocabulary)
        own_terms = offer[0][offer[0] >= n_concepts]
        drop = np.concatenate([np.fromiter(concepts, dtype=np.int64), own_terms])
        keep = ~np.isin(seek[0], drop)
        return seek[0][keep], seek[1][keep]

    def _similarities(self, columns: list[tuple[Vec, int]]) -> np.ndarray:
        """Dot products of several query vectors with their target blocks of every row.

        Only the matrix columns the query touches are read (an inverted-index product), so the
        cost grows with the postings of the query's concepts, not with the whole matrix.
        """
        n_main = self._main_csc.shape[0]
        delta = self._delta()
        n = n_main + (delta.shape[0] if delta is not None else 0)
        cols = [v[0].astype(np.int64) + b * self._dim for v, b in columns]
        support = np.unique(np.concatenate(cols)) if cols else np.zeros(0, dtype=np.int64)
        if support.size == 0:
            return np.zeros((n, len(columns)), dtype=np.float32)
        weights = np.zeros((support.size, len(columns)), dtype=np.float32)
        for j, ((v, _), c) in enumerate(zip(columns, cols, strict=True)):
            weights[np.searchsorted(support, c), j] = v[1]
        parts = [self._main_csc[:, support] @ weights]
        if delta is not None:
            parts.append(delta[:, support] @ weights)
        return np.vstack(parts) if len(parts) > 1 else parts[0]

    def _candidates(
        self,
        asker: Asker,
        intent: str,
        columns: list[tuple[Vec, int]],
        every_row: bool = False,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows with any signal for the query and their similarities (``postings``); for
        space also the rows near the asker that offer space (nearness counts there), or
        with ``every_row`` all rows."""
        extra = None
        place = asker.features.geo
        if every_row:
            extra = np.arange(len(self._ids))
        elif intent == "space" and place is not None:
            d = self._dense.view(len(self._ids))
            near = scoring.distances_km(d, place.lat, place.lon) <= scoring.SPACE_REACH_KM
            extra = np.flatnonzero(near & (d.space > 0))
        return postings.candidate_similarities(
            self._main_csc, self._delta(), columns, self._dim, extra_rows=extra
        )

    def _shared(self, a: Vec, b_row: Vec, b_block: int) -> list[str]:
        """Labels of the concepts both vectors hold, strongest first (at most three)."""
        voc = self.vocabulary
        b = self._block(b_row, b_block)
        a_w = {int(i): w for i, w in zip(*a, strict=True) if i < len(voc)}
        both = [(w * a_w[int(i)], int(i)) for i, w in zip(*b, strict=True) if int(i) in a_w]
        both.sort(reverse=True)
        return [voc.concepts[i].label for w, i in both[:3] if w > 0.01]

    # --- masks, ranking, reasons

    def _mask(
        self, self_row: int | None, exclude: Collection[str], filters: Filters | None
    ) -> np.ndarray:
        d = self._dense.view(len(self._ids))
        mask = d.alive & d.visible
        if self_row is not None:
            mask[self_row] = False
        for pid in exclude:
            row = self._row.get(pid)
            if row is not None:
                mask[row] = False
        if filters is not None:
            mask &= self._filter_mask(filters)
        return mask

    def _filter_mask(self, f: Filters) -> np.ndarray:
        d = self._dense.view(len(self._ids))
        mask = np.ones(len(self._ids), dtype=bool)
        if f.competence:
            probe = self._featurize(ProfileData(id="", name="", competences=(f.competence,)))
            row = self._vectorize(probe)
            vector = self._block((row.indices, row.data), OFFER)
            mask &= self._similarities([(vector, OFFER)])[:, 0] > 0.2
        if f.city or f.postal_code:
            place = geo_lookup(f.city or "", f.postal_code or "")
            if place is None:
                return np.zeros(len(self._ids), dtype=bool)
            km = scoring.distances_km(d, place.lat, place.lon)
            mask &= np.nan_to_num(km, nan=np.inf) <= (f.radius_km or 25.0)
        if f.format:
            mask &= (d.formats & format_mask((f.format,))) > 0
        if f.remote is not None:
            mask &= d.remote == f.remote
        if f.min_hours is not None:
            mask &= d.hours >= f.min_hours
        return mask

    @staticmethod
    def _top(score: np.ndarray, mask: np.ndarray, k: int) -> list[int]:
        score = np.where(mask, score, -np.inf)
        k = min(k, int(np.isfinite(score).sum()))
        if k <= 0:
            return []
        part = np.argpartition(-score, k - 1)[:k] if k < score.size else np.arange(score.size)
        # ties broken by row for a deterministic order
        ranked = part[np.lexsort((part, -score[part]))]
        return [int(r) for r in ranked[np.isfinite(score[ranked])][:k]]

    def _reasons(
        self,
        intent: str,
        asker: Asker,
        offer: Vec,
        need: Vec,
        row: int,
        context: scoring.Context,
        local: int | None,
    ) -> list[Reason]:
        vec = self._row_vector(row)
        reasons: list[Reason] = []
        if intent in ("complement", "founding"):
            if shared := self._shared(need, vec, OFFER):
                reasons.append(Reason("complements", {"concepts": shared}))
            if shared := self._shared(offer, vec, SEEK):
                reasons.append(Reason("needs_you", {"concepts": shared}))
        if intent in ("capacity", "peer") and (shared := self._shared(offer, vec, OFFER)):
            reasons.append(Reason("same_competence", {"concepts": shared}))
        if intent != "space":
            tg = self._block(asker.vector, TARGET)
            if shared := self._shared(tg, vec, TARGET):
                reasons.append(Reason("same_target_group", {"concepts": shared}))
        level = float(self._dense.space[row])
        if intent == "space" and level > 0:
            code = "offers_space" if level >= 1 else "offers_desk" if level > 0.5 else "seeks_space"
            reasons.append(Reason(code))
        if intent == "founding":
            reasons.append(Reason("similar_hours", {"hours": int(self._dense.hours[row])}))
        km = math.nan
        if context.km is not None and local is not None:
            km = float(context.km[local])
        elif (place := asker.features.geo) is not None and self._dense.has_geo[row]:
            km = float(
                scoring.distances_km(self._dense.take(np.array([row])), place.lat, place.lon)[0]
            )
        if not math.isnan(km):
            if km <= 15 and self._cities[row]:
                reasons.append(Reason("same_city", {"city": self._cities[row]}))
            elif intent != "peer" or km <= 100:
                reasons.append(Reason("distance", {"km": round(km)}))
        if not math.isnan(km) and km > scoring.FAR_KM and intent != "space":
            place, theirs = asker.features.geo, self._dense.area[row]
            if theirs is not None and theirs.covers(place):
                reasons.append(Reason("serves_your_region"))
            elif asker.features.area.covers(self._dense.geo[row]):
                reasons.append(Reason("in_your_region"))
        if intent == "peer" and (self._dense.formats[row] & 2):
            reasons.append(Reason("online"))
        if not (self._dense.intents[row] >> INTENTS.index(intent)) & 1:
            reasons.append(Reason("intent_not_shared", {"intent": intent}))
        return reasons

    # --- persistence

    def save(self, path: str | Path) -> None:
        """Write the index so that processes loading it share its arrays (``store``)."""
        if self._voc is not None:
            raise ValueError("an index over a vocabulary of its own is not saved")
        self._compact()
        store.dump(self.__dict__, path)

    @classmethod
    def load(cls, path: str | Path) -> MatchIndex:
        """Load a saved index; StaleIndexError when another engine version wrote it."""
        index = cls.__new__(cls)
        try:
            state = store.load(path)
        except (ValueError, pickle.UnpicklingError, EOFError) as error:
            raise StaleIndexError(f"{path} is not an index file of this engine") from error
        if not isinstance(state, dict) or state.get("_version") != engine_version():
            raise StaleIndexError(f"{path} was written by another engine version")
        index.__dict__.update(state)
        index.__dict__.setdefault("sequence", 0)
        index.__dict__.setdefault("seen_changes", set())
        index.__dict__.setdefault("synced_at", 0.0)
        return index
