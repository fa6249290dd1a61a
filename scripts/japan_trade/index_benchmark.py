"""Trade-index part of the benchmark (for scripts/japan_trade/benchmark.py).

    from .index_benchmark import reference_steps
    results += reference_steps(work / "benchmark.duckdb")   # after the build step

Measures, on the warehouse the benchmark has just built: the world Fisher price series (both flows,
every month) computed by the second implementation in pandas / NumPy (japan_trade.index_reference), which
builds its own item panel from the staging layer and seeds (vintage selection, quantity unit, item rules),
timed including that (why NumPy and not a third-party index package: docs/decisions/indices.md).
"""

from __future__ import annotations

import time
from pathlib import Path


def numpy_world_fisher(database: Path, base_year: int = 2020) -> dict[tuple[str, str], float]:
    """Fixed-base Fisher (points) per (flow, month) for the world total, matched sample, MOF item rules,
    from the staging layer and seeds (the second implementation, japan_trade.index_reference)."""
    from .index_reference import world_fisher

    return world_fisher(database, base_year=base_year)


def compare_with_warehouse(database: Path, series: dict[tuple[str, str], float]) -> float:
    """Largest relative difference between the NumPy series and fct_trade_indices (world, total)."""
    from .index_reference import connect

    connection = connect(database)
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
    import it back): the NumPy world Fisher (both flows, every month) from the built warehouse's staging
    layer and seeds, run in its own process so its peak memory is its own, with its largest relative
    difference from fct_trade_indices.
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
    return [("  reference: NumPy world Fisher, both flows (from staging + seeds)", result["seconds"],
             usage.ru_maxrss / 1024,
             f"{result['values']} monthly values; max relative difference from fct_trade_indices "
             f"{result['max_relative_difference']:.1e}")]


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1]))))
