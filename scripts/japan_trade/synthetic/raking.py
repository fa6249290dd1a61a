"""Integer allocation and raking helpers (exact sums, deterministic).

* ``largest_remainder`` / ``grouped_largest_remainder``: split integer totals
  over non-negative weights so the parts are integers that add up exactly
  (Hamilton's method; ties broken by position, so results are deterministic).
* ``ipf_2d``: iterative proportional fitting of a non-negative seed matrix to
  row and column totals (structural zeros stay zero).
* ``controlled_round``: turn a real matrix whose margins are integers into an
  integer matrix with exactly those margins, moving as little as possible.
"""

from __future__ import annotations

import numpy as np


class RakingError(RuntimeError):
    """The margins cannot be met on the given support."""


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` summing exactly to ``total`` (>= 0)."""
    weights = np.asarray(weights, dtype=np.float64)
    out = np.zeros(len(weights), dtype=np.int64)
    if total == 0:
        return out
    if total < 0:
        raise RakingError(f"negative total {total}")
    weight_sum = weights.sum()
    if not weight_sum > 0:
        raise RakingError(f"total {total} has no positive weight to go to")
    exact = weights * (float(total) / weight_sum)
    out = np.floor(exact).astype(np.int64)
    remainder = int(total - out.sum())
    if remainder > 0:
        fraction = exact - out
        order = np.lexsort((np.arange(len(weights)), -fraction))
        out[order[:remainder]] += 1
    elif remainder < 0:  # float rounding pushed the floors over the total
        order = np.lexsort((np.arange(len(weights)), -(out.astype(np.float64))))
        for index in order:
            if remainder == 0:
                break
            take = min(int(out[index]), -remainder)
            out[index] -= take
            remainder += take
    return out


def grouped_largest_remainder(group: np.ndarray, totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Largest-remainder split of ``totals[g]`` over the members of each group g.

    ``group`` gives each member's group index (0..len(totals)-1); ``weights``
    are non-negative member weights. A group with a positive total and no
    positive weight raises ``RakingError`` (the caller must supply support).
    """
    group = np.asarray(group, dtype=np.int64)
    totals = np.asarray(totals, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float64)
    n_groups = len(totals)
    if (totals < 0).any():
        raise RakingError("negative group total")
    weight_sums = np.bincount(group, weights=weights, minlength=n_groups)
    bad = (totals > 0) & ~(weight_sums > 0)
    if bad.any():
        raise RakingError(f"{int(bad.sum())} group(s) with a positive total have no positive weight")
    scale = np.divide(totals.astype(np.float64), weight_sums, out=np.zeros(n_groups), where=weight_sums > 0)
    exact = weights * scale[group]
    out = np.floor(exact).astype(np.int64)
    remainder = totals - np.bincount(group, weights=out, minlength=n_groups).round().astype(np.int64)
    if (remainder < 0).any():  # extremely unlikely float effect: fall back per group
        for g in np.flatnonzero(remainder < 0):
            members = np.flatnonzero(group == g)
            out[members] = largest_remainder(int(totals[g]), weights[members])
        remainder = totals - np.bincount(group, weights=out, minlength=n_groups).round().astype(np.int64)
    if remainder.any():
        fraction = exact - out
        index = np.arange(len(group))
        order = np.lexsort((index, -fraction, group))  # by group, then largest fraction first
        sorted_group = group[order]
        starts = np.searchsorted(sorted_group, np.arange(n_groups), side="left")
        rank = np.arange(len(order)) - starts[sorted_group]
        chosen = order[rank < remainder[sorted_group]]
        out[chosen] += 1
    return out


def ipf_2d(seed: np.ndarray, row_totals: np.ndarray, col_totals: np.ndarray,
           max_iter: int = 5000, tol: float = 1e-11) -> np.ndarray:
    """Scale ``seed`` (non-negative) so its row and column sums match the totals."""
    matrix = np.asarray(seed, dtype=np.float64).copy()
    rows = np.asarray(row_totals, dtype=np.float64)
    cols = np.asarray(col_totals, dtype=np.float64)
    if abs(rows.sum() - cols.sum()) > 0.5:
        raise RakingError(f"row totals {rows.sum():.0f} and column totals {cols.sum():.0f} differ")
    scale = max(rows.sum(), 1.0)
    for _ in range(max_iter):
        row_sums = matrix.sum(axis=1)
        factor = np.divide(rows, row_sums, out=np.zeros_like(rows), where=row_sums > 0)
        matrix *= factor[:, None]
        col_sums = matrix.sum(axis=0)
        factor = np.divide(cols, col_sums, out=np.zeros_like(cols), where=col_sums > 0)
        matrix *= factor[None, :]
        error = np.abs(matrix.sum(axis=1) - rows).sum() + np.abs(matrix.sum(axis=0) - cols).sum()
        if error <= tol * scale:
            return matrix
    error = np.abs(matrix.sum(axis=1) - rows).max()
    if error > 1e-6 * scale:
        raise RakingError(f"IPF did not converge (largest row error {error:.1f})")
    return matrix


def controlled_round(matrix: np.ndarray, row_totals: np.ndarray, col_totals: np.ndarray,
                     support: np.ndarray | None = None) -> np.ndarray:
    """Integer matrix close to ``matrix`` with exactly the given integer margins.

    Each row is first rounded by largest remainder (rows exact). Column
    surpluses are then moved along rows, one unit at a time, from columns
    that have too much to columns that have too little, through a shortest
    chain of rows (breadth-first search); entries stay non-negative and only
    cells inside ``support`` (default: matrix > 0) receive units.
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    rows = np.asarray(row_totals, dtype=np.int64)
    cols = np.asarray(col_totals, dtype=np.int64)
    if rows.sum() != cols.sum():
        raise RakingError(f"row totals {rows.sum()} != column totals {cols.sum()}")
    if support is None:
        support = matrix > 0
    n_rows, n_cols = matrix.shape
    out = np.zeros((n_rows, n_cols), dtype=np.int64)
    for i in range(n_rows):
        if rows[i]:
            weights = np.where(support[i], np.maximum(matrix[i], 0.0), 0.0)
            if not weights.sum() > 0:
                weights = support[i].astype(np.float64)
            out[i] = largest_remainder(int(rows[i]), weights)
    surplus = out.sum(axis=0) - cols
    guard = 0
    while surplus.any():
        guard += 1
        if guard > 10_000_000:
            raise RakingError("controlled rounding did not terminate")
        source = int(np.flatnonzero(surplus > 0)[0])
        # BFS over columns: column a -> column b through row i when out[i, a] > 0 and support[i, b]
        previous: dict[int, tuple[int, int]] = {source: (-1, -1)}
        frontier = [source]
        target = -1
        while frontier and target < 0:
            next_frontier = []
            for a in frontier:
                donors = np.flatnonzero(out[:, a] > 0)
                for i in donors:
                    for b in np.flatnonzero(support[i]):
                        b = int(b)
                        if b in previous:
                            continue
                        previous[b] = (a, int(i))
                        if surplus[b] < 0:
                            target = b
                            break
                        next_frontier.append(b)
                    if target >= 0:
                        break
                if target >= 0:
                    break
            frontier = next_frontier
        if target < 0:
            raise RakingError("column totals cannot be met on this support")
        amount = int(min(surplus[source], -surplus[target]))
        # limit by the smallest donor along the path
        b = target
        path = []
        while b != source:
            a, i = previous[b]
            path.append((a, b, i))
            b = a
        amount = min([amount] + [int(out[i, a]) for a, b, i in path])
        for a, b, i in path:
            out[i, a] -= amount
            out[i, b] += amount
        surplus[source] -= amount
        surplus[target] += amount
    return out
