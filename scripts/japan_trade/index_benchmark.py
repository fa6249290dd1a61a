"""Trade-index part of the benchmark (for scripts/japan_trade/benchmark.py).

    from .index_benchmark import reference_steps
    results += reference_steps(work / "benchmark.duckdb")   # after the build step

Measures, on the warehouse the benchmark has just built: the world Fisher price series (both flows,
every month) computed by a plain vectorised NumPy implementation on the same item panel
(int_index_item_cells), including reading the panel (why NumPy and not a third-party index package:
docs/decisions/indices.md).
"""

from __future__ import annotations

import time
from pathlib import Path


def numpy_world_fisher(database: Path, base_year: int = 2020) -> dict[tuple[str, str], float]:
    """Fixed-base Fisher (points) per (flow, month) for the world total, matched sample, MOF item rules."""
    import duckdb
    import numpy as np

    connection = duckdb.connect(str(database), read_only=True)
    try:
        frame = connection.execute("""
            select flow, hs9_code || '|' || quantity_unit as item, period_month, value_thousand_yen, quantity
            from int_index_item_cells
            where area_code = 'world' and year(period_month) >= ? and value_thousand_yen > 0 and quantity > 0
              and regexp_full_match(hs9_code, '[0-9]{9}') and not starts_with(hs9_code, '00') and quantity_unit != ''
        """, [base_year]).df()
    finally:
        connection.close()
    result = {}
    for flow, rows in frame.groupby("flow"):
        items, item_index = np.unique(rows["item"].to_numpy(), return_inverse=True)
        months, month_index = np.unique(rows["period_month"].to_numpy(), return_inverse=True)
        value = np.zeros((len(months), len(items)))
        quantity = np.zeros((len(months), len(items)))
        np.add.at(value, (month_index, item_index), rows["value_thousand_yen"].to_numpy(dtype=float))
        np.add.at(quantity, (month_index, item_index), rows["quantity"].to_numpy(dtype=float))
        base_rows = np.array([m.year == base_year for m in months.astype("datetime64[D]").tolist()])
        q0 = quantity[base_rows].sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            p0 = value[base_rows].sum(axis=0) / q0
            pt = value / quantity
        adopted = q0 > 0
        used = (quantity > 0) & adopted
        pt = np.where(used, pt, 0.0)
        laspeyres = (pt * q0).sum(axis=1) / np.where(used, p0 * q0, 0.0).sum(axis=1)
        paasche = np.where(used, value, 0.0).sum(axis=1) / np.where(used, p0 * quantity, 0.0).sum(axis=1)
        for month, fisher in zip(months, np.sqrt(laspeyres * paasche) * 100):
            result[(flow, str(month)[:10])] = float(fisher)
    return result


def compare_with_warehouse(database: Path, series: dict[tuple[str, str], float]) -> float:
    """Largest relative difference between the NumPy series and fct_trade_indices (world, total)."""
    import duckdb

    connection = duckdb.connect(str(database), read_only=True)
    try:
        built = {(flow, str(month)[:10]): price for flow, month, price in connection.execute("""
            select flow, period_month, price_index from fct_trade_indices
            where area_code = 'world' and index_commodity_code = 'total' and price_index is not null""").fetchall()}
    finally:
        connection.close()
    common = set(built) & set(series)
    if not common:
        raise SystemExit("no common months between the NumPy reference and fct_trade_indices")
    return max(abs(series[key] / built[key] - 1) for key in common)


def measure(database: Path) -> dict:
    """Time the NumPy world Fisher (reading the panel included) and check it against the mart."""
    started = time.perf_counter()
    series = numpy_world_fisher(database)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "values": len(series),
            "max_relative_difference": compare_with_warehouse(database, series)}


def reference_steps(database: Path):
    """Benchmark rows (name, seconds, peak RSS MiB, detail; benchmark.py wraps them, so this module does not
    import it back): the NumPy world Fisher (both flows, every month) on the built warehouse's item panel,
    run in its own process so its peak memory is its own, with its largest relative difference from
    fct_trade_indices.
    Compare with the "of which: trade indices" row (all areas × all commodity indices × months + years)."""
    import json
    import os
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "japan_trade.index_benchmark", str(database)],
                               stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("[benchmark] the NumPy index reference failed")
    result = json.loads(output)
    return [("  reference: NumPy world Fisher, both flows (reads the item panel)", result["seconds"],
             usage.ru_maxrss / 1024,
             f"{result['values']} monthly values; max relative difference from fct_trade_indices "
             f"{result['max_relative_difference']:.1e}")]


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1]))))
