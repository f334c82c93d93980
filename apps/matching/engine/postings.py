"""Reading the profile matrix like an inverted index, for queries at any scale.

A query touches few columns of the matrix, but a common feature's column (a broad concept,
a frequent word) lists a large share of all profiles. Each query vector therefore reads its
features rarest first, up to a budget of postings: the rare features decide who comes
first; the most common ones would add nearly the same weight to a large share of all rows.
An index of a few hundred profiles ranks exactly as if it were read completely (a test
holds this). Only the rows the query touches are scored; all others have no signal at all.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

Vec = tuple[np.ndarray, np.ndarray]

# Postings one query vector reads at most (its rarest feature is always read).
POSTINGS_BUDGET = 10_000


def within_budget(indptr: np.ndarray, columns: np.ndarray, budget: int) -> np.ndarray:
    """Positions of the columns to read: rarest first while their postings fit the budget."""
    lengths = indptr[columns + 1] - indptr[columns]
    order = np.argsort(lengths, kind="stable")
    fits = np.cumsum(lengths[order]) <= budget
    fits[:1] = True
    return np.sort(order[fits])


def candidate_similarities(
    csc: sparse.csc_matrix,
    delta: sparse.csc_matrix | None,
    columns: list[tuple[Vec, int]],
    dim: int,
    budget: int | None = None,
    extra_rows: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The rows that share at least one read feature with a query vector (plus
    ``extra_rows``), ascending, and their dot products with each vector's target block.

    ``columns`` pairs a query vector (block-local feature indices, weights) with the block
    of the rows it is compared with. Rows appended since the last compaction (``delta``,
    numbered after the main rows) are read completely.
    """
    budget = POSTINGS_BUDGET if budget is None else budget
    n_main = csc.shape[0]
    # plain views of the (memory-mapped) arrays: slicing a memmap object costs far more
    indptr, posted, data = (np.asarray(a) for a in (csc.indptr, csc.indices, csc.data))
    gathered: list[tuple[np.ndarray, np.ndarray]] = []
    for (features, weights), block in columns:
        if not features.size:
            gathered.append((np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)))
            continue
        cols = features.astype(np.int64) + block * dim
        keep = within_budget(indptr, cols, budget)
        rows_parts, vals_parts = [], []
        for col, weight in zip(cols[keep], weights[keep], strict=True):
            lo, hi = indptr[col], indptr[col + 1]
            rows_parts.append(posted[lo:hi])
            vals_parts.append(data[lo:hi] * weight)
        gathered.append(
            (np.concatenate(rows_parts), np.concatenate(vals_parts))
            if rows_parts
            else (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))
        )
    touched = np.zeros(n_main, dtype=bool)
    for rows, _vals in gathered:
        touched[rows] = True
    if extra_rows is not None:
        touched[extra_rows[extra_rows < n_main]] = True
    found = np.flatnonzero(touched)
    local = np.zeros(n_main, dtype=np.int64)
    local[found] = np.arange(found.size)
    sims = np.zeros((found.size, len(columns)), dtype=np.float32)
    for j, (rows, vals) in enumerate(gathered):
        if rows.size:
            sims[:, j] = np.bincount(local[rows], weights=vals, minlength=found.size)
    if delta is None:
        return found, sims
    delta_sims = _dense_similarities(delta, columns, dim)
    n_delta = delta.shape[0]
    extra = np.flatnonzero(delta_sims.any(axis=1))
    if extra_rows is not None:
        late = extra_rows[extra_rows >= n_main] - n_main
        extra = np.union1d(extra, late[late < n_delta])
    return (
        np.concatenate([found, n_main + extra]),
        np.vstack([sims, delta_sims[extra]]),
    )


def _dense_similarities(
    matrix: sparse.csc_matrix, columns: list[tuple[Vec, int]], dim: int
) -> np.ndarray:
    out = np.zeros((matrix.shape[0], len(columns)), dtype=np.float32)
    for j, ((indices, weights), block) in enumerate(columns):
        if indices.size:
            cols = indices.astype(np.int64) + block * dim
            out[:, j] = matrix[:, cols] @ weights.astype(np.float32)
    return out


def top_of_candidates(
    rows: np.ndarray, scores: np.ndarray, mask: np.ndarray, k: int
) -> list[int] | None:
    """The k best rows among the candidates (ties by row), or None when fewer than k
    candidates score above zero: then rows without any signal fill the list, which only a
    ranking of all rows can order."""
    scores = np.where(mask[rows], scores, -np.inf)
    if k <= 0 or int((scores > 0).sum()) < k:
        return None
    part = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    ranked = part[np.lexsort((part, -scores[part]))]
    return [int(rows[i]) for i in ranked[:k]]
