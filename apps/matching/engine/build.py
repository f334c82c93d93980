"""Building the profile matrix of many profiles at once.

Featurising is pure Python and dominates a build, so large builds spread it over the
host's cores (forked workers that share the loaded vocabulary). Each worker hands back a
profile's raw features as two small arrays, not as dictionaries, and the weighting (idf,
damping, normalisation per block) runs once over all rows in numpy.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse

from .features import BLOCKS, Features, ProfileData, featurize
from .vocabulary import Vocabulary

# Below this many profiles the workers cost more than they save.
PARALLEL_FROM = 20_000
CHUNK = 1_000

# columns (ascending, block offset included), raw weights, distinct feature keys, facts
Row = tuple[np.ndarray, np.ndarray, np.ndarray, Features]


def build_workers() -> int:
    """Worker processes for a large build: MATCHING_BUILD_WORKERS, else the usable cores."""
    configured = os.environ.get("MATCHING_BUILD_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def packed_row(p: ProfileData, dim: int, voc: Vocabulary | None = None) -> Row:
    """A profile's raw feature weights as ascending matrix columns (block offset included)
    and their values; the facts without the (large) block dictionaries."""
    f = featurize(p, voc)
    cols: list[int] = []
    vals: list[float] = []
    for b, block in enumerate(f.blocks):
        offset = b * dim
        cols.extend(k + offset for k in block)
        vals.extend(block.values())
    col = np.array(cols, dtype=np.int64)
    order = np.argsort(col, kind="stable")
    distinct = np.unique(col % dim).astype(np.int32)
    return col[order], np.array(vals, dtype=np.float64)[order], distinct, replace(f, blocks=[])


# What forked workers read instead of receiving it pickled: (profiles, dim, vocabulary).
_SHARED: tuple[Sequence[ProfileData], int, Vocabulary | None] | None = None


def _packed_chunk(bounds: tuple[int, int]) -> list[Row]:
    assert _SHARED is not None
    profiles, dim, voc = _SHARED
    return [packed_row(p, dim, voc) for p in profiles[bounds[0] : bounds[1]]]


def featurize_rows(
    profiles: Sequence[ProfileData], dim: int, voc: Vocabulary | None = None
) -> list[Row]:
    global _SHARED
    workers = build_workers()
    if len(profiles) < PARALLEL_FROM or workers < 2 or "fork" not in _start_methods():
        return [packed_row(p, dim, voc) for p in profiles]
    bounds = [(i, min(i + CHUNK, len(profiles))) for i in range(0, len(profiles), CHUNK)]
    # forked workers inherit the profiles; only the chunk bounds travel to them
    _SHARED = (profiles, dim, voc)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [row for rows in pool.imap(_packed_chunk, bounds) for row in rows]
    finally:
        _SHARED = None


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


def assemble(rows: Sequence[Row], dim: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """The weighted profile matrix and the document frequency of every feature key.

    A row's weights are the square roots of its raw counts times the key's idf, normalised
    to unit length within each block (the same as weighting one row at a time).
    """
    n = len(rows)
    counts = np.fromiter((len(row[0]) for row in rows), dtype=np.int64, count=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    if not n or not indptr[-1]:
        empty = sparse.csr_matrix((n, BLOCKS * dim), dtype=np.float32)
        return empty, np.zeros(dim, dtype=np.int32)
    cols = np.concatenate([row[0] for row in rows])
    raw = np.concatenate([row[1] for row in rows])
    # a key counts once per profile, whichever blocks it is in
    df = np.bincount(np.concatenate([row[2] for row in rows]), minlength=dim).astype(np.int32)
    row_of = np.repeat(np.arange(n, dtype=np.int64), counts)
    idf = np.log((1 + n) / (1 + df[cols % dim].astype(np.float64))) + 1.0
    weights = np.sqrt(raw) * idf
    group = row_of * BLOCKS + cols // dim
    norms = np.sqrt(np.bincount(group, weights=weights * weights, minlength=n * BLOCKS))
    weights /= norms[group]
    matrix = sparse.csr_matrix(
        (weights.astype(np.float32), cols.astype(np.int32), indptr),
        shape=(n, BLOCKS * dim),
    )
    return matrix, df
