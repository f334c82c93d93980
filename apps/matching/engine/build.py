"""Building the profile matrix of many profiles at once.

Featurising is pure Python and dominates a build, so large builds spread it over the
host's cores (forked workers that inherit the profiles and the loaded vocabulary). A
worker hands back each chunk of profiles as a few flat arrays (the raw feature weights of
all its rows) plus the per-row facts, so little crosses between processes; the weighting
(idf, damping, normalisation per block) runs once over all rows in numpy.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from .features import BLOCKS, Features, ProfileData, featurize
from .vocabulary import Vocabulary

# Below this many profiles the workers cost more than they save.
PARALLEL_FROM = 20_000
CHUNK = 2_000


@dataclass
class Chunk:
    """Consecutive rows: their matrix columns (ascending within a row, block offset
    included) and raw weights, one after the other; how many entries each row has; the
    distinct feature keys of each row (for the document frequencies); and the facts."""

    cols: np.ndarray
    vals: np.ndarray
    counts: np.ndarray
    distinct: np.ndarray
    facts: list[Features]


def build_workers() -> int:
    """Worker processes for a large build: MATCHING_BUILD_WORKERS, else the usable cores."""
    configured = os.environ.get("MATCHING_BUILD_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def packed_chunk(profiles: Sequence[ProfileData], dim: int, voc: Vocabulary | None) -> Chunk:
    cols: list[int] = []
    vals: list[float] = []
    counts: list[int] = []
    distinct: list[int] = []
    facts: list[Features] = []
    for p in profiles:
        f = featurize(p, voc)
        before = len(cols)
        keys: set[int] = set()
        for b, block in enumerate(f.blocks):
            offset = b * dim
            cols.extend(k + offset for k in block)
            vals.extend(block.values())
            keys.update(block)
        counts.append(len(cols) - before)
        distinct.extend(keys)
        facts.append(replace(f, blocks=[]))
    col = np.array(cols, dtype=np.int64)
    row = np.repeat(np.arange(len(counts)), counts)
    order = np.lexsort((col, row))  # by row, then column
    return Chunk(
        cols=col[order].astype(np.int32),
        vals=np.array(vals, dtype=np.float64)[order],
        counts=np.array(counts, dtype=np.int64),
        distinct=np.array(distinct, dtype=np.int32),
        facts=facts,
    )


# What forked workers read instead of receiving it pickled: (profiles, dim, vocabulary).
_SHARED: tuple[Sequence[ProfileData], int, Vocabulary | None] | None = None


def _chunk_of_shared(bounds: tuple[int, int]) -> Chunk:
    assert _SHARED is not None
    # a worker lives for one build and its featurising creates no reference cycles: the
    # collector would only walk its growing caches again and again
    gc.disable()
    profiles, dim, voc = _SHARED
    return packed_chunk(profiles[bounds[0] : bounds[1]], dim, voc)


def featurize_chunks(
    profiles: Sequence[ProfileData], dim: int, voc: Vocabulary | None = None
) -> list[Chunk]:
    global _SHARED
    bounds = [(i, min(i + CHUNK, len(profiles))) for i in range(0, len(profiles), CHUNK)]
    workers = build_workers()
    if len(profiles) < PARALLEL_FROM or workers < 2 or "fork" not in _start_methods():
        return [packed_chunk(profiles[lo:hi], dim, voc) for lo, hi in bounds]
    # forked workers inherit the profiles; only the chunk bounds travel to them. Frozen, the
    # inherited objects are left out of the workers' garbage collections, which would
    # otherwise walk (and so copy) every page of them again and again.
    _SHARED = (profiles, dim, voc)
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return list(pool.imap(_chunk_of_shared, bounds))
    finally:
        gc.unfreeze()
        _SHARED = None


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


def assemble(chunks: Sequence[Chunk], dim: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """The weighted profile matrix and the document frequency of every feature key.

    A row's weights are the square roots of its raw counts times the key's idf, normalised
    to unit length within each block (the same as weighting one row at a time).
    """
    counts = np.concatenate([c.counts for c in chunks]) if chunks else np.zeros(0, np.int64)
    n = len(counts)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    if not n or not indptr[-1]:
        empty = sparse.csr_matrix((n, BLOCKS * dim), dtype=np.float32)
        return empty, np.zeros(dim, dtype=np.int32)
    cols = np.concatenate([c.cols for c in chunks])
    # a key counts once per profile, whichever blocks it is in
    df = np.bincount(np.concatenate([c.distinct for c in chunks]), minlength=dim)
    df = df.astype(np.int32)
    # idf per key, repeated for every block, so that one lookup serves every column
    idf = np.tile(np.log((1 + n) / (1 + df.astype(np.float64))) + 1.0, BLOCKS)
    weights = np.sqrt(np.concatenate([c.vals for c in chunks]))
    weights *= idf[cols]
    group = np.repeat(np.arange(n, dtype=np.int64) * BLOCKS, counts)
    group += cols // dim
    norms = np.sqrt(np.bincount(group, weights=weights * weights, minlength=n * BLOCKS))
    weights /= norms[group]
    matrix = sparse.csr_matrix((weights.astype(np.float32), cols, indptr), shape=(n, BLOCKS * dim))
    return matrix, df
