"""Safe publication of a pooled two-way table (rows × columns, with totals).

No Django here. Three rules, in order:

1. **k-anonymity**: every cell and every total below ``k`` is withheld (primary
   suppression) — a small count points to few, identifiable people.
2. **Complementary suppression**: a withheld value must not follow from what is
   published. The published totals are linear equations over the withheld values;
   a withheld value is *determined* exactly when its unit vector lies in the row
   space of those equations, i.e. when it is zero in every vector of the null
   space. While some withheld cell is determined, it is closed into the cheapest
   rectangle of withheld cells (least published value lost); a determined total,
   or a cell in a table without a second row or column, takes the published value
   that shares an equation with it and leaves the fewest values exposed (greedy;
   it ends at the latest when everything is withheld, where nothing is determined).
3. **Laplace noise** (optional): each published value gets noise of scale
   ``4 / epsilon`` — one person changes one cell, its row and column total and the
   grand total by one each, so the L1 sensitivity of the release is 4 and the
   release is epsilon-differentially private for the noise. Noisy values are
   rounded and never shown below ``k`` (post-processing keeps the guarantee).
   The choice of which cells to withhold is made on the true counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

SENSITIVITY = 4


@dataclass
class Release:
    """What may be shown: ``None`` marks a withheld value."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    col_totals: list[int | None]
    grand_total: int | None
    k: int
    epsilon: float | None = None
    primary: set[tuple[str, int, int]] = field(default_factory=set)

    @property
    def withheld(self) -> int:
        hidden = sum(v is None for row in self.cells for v in row)
        hidden += sum(v is None for v in self.row_totals) + sum(v is None for v in self.col_totals)
        return hidden + (self.grand_total is None)


# A value of the table: ("cell", r, c), ("row", r, 0), ("col", c, 0) or ("all", 0, 0).
Var = tuple[str, int, int]


def _variables(n_rows: int, n_cols: int) -> list[Var]:
    cells = [("cell", r, c) for r in range(n_rows) for c in range(n_cols)]
    rows = [("row", r, 0) for r in range(n_rows)]
    cols = [("col", c, 0) for c in range(n_cols)]
    return cells + rows + cols + [("all", 0, 0)]


def _equations(n_rows: int, n_cols: int) -> list[dict[Var, int]]:
    """Every relation a reader knows: each total is the sum of its parts."""
    equations: list[dict[Var, int]] = []
    for r in range(n_rows):
        eq: dict[Var, int] = {("cell", r, c): 1 for c in range(n_cols)}
        eq[("row", r, 0)] = -1
        equations.append(eq)
    for c in range(n_cols):
        eq = {("cell", r, c): 1 for r in range(n_rows)}
        eq[("col", c, 0)] = -1
        equations.append(eq)
    by_rows: dict[Var, int] = {("row", r, 0): 1 for r in range(n_rows)}
    by_rows[("all", 0, 0)] = -1
    by_cols: dict[Var, int] = {("col", c, 0): 1 for c in range(n_cols)}
    by_cols[("all", 0, 0)] = -1
    return [*equations, by_rows, by_cols]


def determined(n_rows: int, n_cols: int, hidden: set[Var]) -> set[Var]:
    """The withheld values a reader can compute exactly from the published ones."""
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    index = {var: i for i, var in enumerate(unknowns)}
    rows = []
    for eq in _equations(n_rows, n_cols):
        coefficients = np.zeros(len(unknowns))
        for var, coefficient in eq.items():
            if var in index:
                coefficients[index[var]] = coefficient
        if coefficients.any():
            rows.append(coefficients)
    if not rows:
        return set()
    matrix = np.array(rows)
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:]  # rows span the null space
    if null_space.shape[0] == 0:
        return set(unknowns)
    free = np.abs(null_space).max(axis=0) > 1e-9
    return {var for var, is_free in zip(unknowns, free, strict=True) if not is_free}


def _value(var: Var, cells: Sequence[Sequence[int]]) -> int:
    kind, i, j = var
    if kind == "cell":
        return cells[i][j]
    if kind == "row":
        return sum(cells[i])
    if kind == "col":
        return sum(row[i] for row in cells)
    return sum(sum(row) for row in cells)


def suppress(cells: Sequence[Sequence[int]], *, k: int) -> tuple[set[Var], set[Var]]:
    """(primary, all withheld values) for a table of true counts."""
    n_rows = len(cells)
    n_cols = len(cells[0]) if n_rows else 0
    variables = _variables(n_rows, n_cols) if n_cols else []
    primary = {var for var in variables if _value(var, cells) < k}
    hidden = set(primary)
    equations = _equations(n_rows, n_cols) if n_cols else []
    while True:
        exposed = determined(n_rows, n_cols, hidden)
        if not exposed:
            return primary, hidden
        target = min(exposed, key=lambda v: (v[0] != "cell", v))
        rectangle = _cheapest_rectangle(target, cells, hidden) if target[0] == "cell" else None
        if rectangle:
            hidden |= rectangle
            continue
        neighbours = {
            var for eq in equations if target in eq for var in eq if var not in hidden
        } or {var for var in variables if var not in hidden}
        # The partner that leaves the fewest values exposed; then cells before totals
        # (totals are what planners read); then the smallest value.
        hidden.add(
            min(
                neighbours,
                key=lambda v: (
                    len(determined(n_rows, n_cols, hidden | {v})),
                    v[0] != "cell",
                    _value(v, cells),
                    v,
                ),
            )
        )


def _cheapest_rectangle(target: Var, cells: Sequence[Sequence[int]], hidden: set[Var]) -> set[Var]:
    """The three cells that close the exposed cell into a rectangle at the least
    published value (the classic hypercube pattern: every row and column of the
    rectangle then has two unknowns)."""
    _, r, c = target
    best: tuple[int, set[Var]] | None = None
    for r2 in range(len(cells)):
        for c2 in range(len(cells[0])):
            if r2 == r or c2 == c:
                continue
            corners = {("cell", r, c2), ("cell", r2, c), ("cell", r2, c2)}
            new = corners - hidden
            if not new:
                continue
            cost = sum(_value(v, cells) for v in new)
            if best is None or cost < best[0]:
                best = (cost, new)
    return best[1] if best else set()


def release(
    cells: Sequence[Sequence[int]],
    *,
    k: int,
    epsilon: float | None = None,
    rng: np.random.Generator | None = None,
) -> Release:
    """The publishable form of a table of true counts (see the module's rules)."""
    primary, hidden = suppress(cells, k=k)
    generator = rng if rng is not None else np.random.default_rng()

    def shown(var: Var) -> int | None:
        if var in hidden:
            return None
        value = _value(var, cells)
        if epsilon:
            noisy = round(value + generator.laplace(0.0, SENSITIVITY / epsilon))
            value = max(k, int(noisy))
        return value

    n_rows = len(cells)
    n_cols = len(cells[0]) if n_rows else 0
    return Release(
        cells=[[shown(("cell", r, c)) for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[shown(("row", r, 0)) for r in range(n_rows)],
        col_totals=[shown(("col", c, 0)) for c in range(n_cols)],
        grand_total=shown(("all", 0, 0)) if n_cols else None,
        k=k,
        epsilon=epsilon,
        primary=primary,
    )
