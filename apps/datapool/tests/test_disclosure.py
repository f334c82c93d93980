"""Acceptance 2: pooled figures never show a value below k, and no withheld value
can be computed back from what is published (checked by linear algebra from the
published release alone, independent of the suppression code's own check)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.datapool.disclosure import determined, release

tables = st.integers(1, 6).flatmap(
    lambda cols: st.lists(
        st.lists(st.integers(0, 60), min_size=cols, max_size=cols), min_size=1, max_size=6
    )
)


def _hidden_from_release(published) -> set:
    hidden = {
        ("cell", r, c)
        for r, row in enumerate(published.cells)
        for c, value in enumerate(row)
        if value is None
    }
    hidden |= {("row", r, 0) for r, v in enumerate(published.row_totals) if v is None}
    hidden |= {("col", c, 0) for c, v in enumerate(published.col_totals) if v is None}
    if published.grand_total is None:
        hidden.add(("all", 0, 0))
    return hidden


def _recoverable(cells, published) -> bool:
    """Independent check: solve the published equations by least squares twice with
    different particular solutions; a withheld value that never moves is exposed."""
    n_rows, n_cols = len(cells), len(cells[0])
    hidden = sorted(_hidden_from_release(published))
    if not hidden:
        return False
    index = {v: i for i, v in enumerate(hidden)}
    # Each relation as (+1 parts, -1 total): a total is the sum of its parts.
    equations = []
    for r in range(n_rows):
        equations.append(([("cell", r, c) for c in range(n_cols)], ("row", r, 0)))
    for c in range(n_cols):
        equations.append(([("cell", r, c) for r in range(n_rows)], ("col", c, 0)))
    equations.append(([("row", r, 0) for r in range(n_rows)], ("all", 0, 0)))
    equations.append(([("col", c, 0) for c in range(n_cols)], ("all", 0, 0)))
    matrix = []
    for parts, total in equations:
        row = np.zeros(len(hidden))
        for var in parts:
            if var in index:
                row[index[var]] = 1
        if total in index:
            row[index[total]] = -1
        if row.any():
            matrix.append(row)
    if not matrix:
        return False
    m = np.array(matrix)
    # x is determined iff e_x is in the row space: rank does not grow when added.
    rank = np.linalg.matrix_rank(m)
    for i in range(len(hidden)):
        unit = np.zeros(len(hidden))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([m, unit])) == rank:
            return True
    return False


@settings(max_examples=200, deadline=None)
@given(cells=tables, k=st.integers(1, 15))
def test_no_published_value_is_below_k_and_no_withheld_value_can_be_recomputed(cells, k):
    published = release(cells, k=k)
    shown = [v for row in published.cells for v in row if v is not None]
    shown += [v for v in published.row_totals + published.col_totals if v is not None]
    if published.grand_total is not None:
        shown.append(published.grand_total)
    assert all(v >= k for v in shown)
    # Every value below k is withheld, and the published ones are the true ones.
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            assert published.cells[r][c] in (None, value)
            if value < k:
                assert published.cells[r][c] is None
    assert not _recoverable(cells, published)
    assert not determined(len(cells), len(cells[0]), _hidden_from_release(published))


@settings(max_examples=50, deadline=None)
@given(cells=tables, k=st.integers(1, 15), epsilon=st.floats(0.1, 5))
def test_noise_never_shows_a_value_below_k_and_keeps_the_same_cells_withheld(cells, k, epsilon):
    exact = release(cells, k=k)
    noisy = release(cells, k=k, epsilon=epsilon, rng=np.random.default_rng(1))
    for exact_row, noisy_row in zip(exact.cells, noisy.cells, strict=True):
        assert [v is None for v in exact_row] == [v is None for v in noisy_row]
        assert all(v is None or v >= k for v in noisy_row)


def test_a_single_small_cell_takes_three_partners_with_it():
    # 3 is below k; with row and column totals published, withholding it alone would
    # let anyone subtract it back — it needs a rectangle of four withheld cells.
    cells = [[3, 40, 50], [30, 40, 50], [30, 40, 50]]
    published = release(cells, k=10)
    assert published.cells[0][0] is None
    assert sum(v is None for row in published.cells for v in row) == 4
    assert published.grand_total == sum(map(sum, cells))
    assert None not in published.row_totals and None not in published.col_totals
