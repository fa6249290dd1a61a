"""Benchmark: generate → load → build at a given scale; wall time and peak memory per step.

Each step runs as its own process (`python -m japan_trade.cli …`) so its peak
resident memory is measured alone (``os.wait4`` returns the child's rusage).
The floor is one bare DuckDB query that reads the same generated CSV files and
aggregates them to (flow, month, code): no validation, no vintages, no model
layers — what the hardware needs just to read the data once.

    python -m japan_trade.benchmark --scale full --out docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .estat_layout import month_column
from .warehouse import project_root, raw_store_path


@dataclass
class StepResult:
    name: str
    seconds: float
    peak_rss_mib: float
    detail: str = ""


def run_step(name: str, arguments: list[str], environment: dict[str, str]) -> StepResult:
    """Run one CLI step in a child process; wall time and the child's own peak RSS."""
    print(f"[benchmark] {name}: {' '.join(arguments)}", flush=True)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "japan_trade.cli", *arguments], env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"[benchmark] step {name!r} failed with exit code {process.returncode}")
    return StepResult(name, seconds, usage.ru_maxrss / 1024)


def floor_query(data_dir: Path) -> StepResult:
    """The physical floor: read every generated CSV once and aggregate to (flow, month, code)."""
    import duckdb

    unpivot = ", ".join(f'"{month_column("Value", month)}"' for month in range(1, 13))
    connection = duckdb.connect()
    with tempfile.TemporaryDirectory(prefix="japan-trade-floor-") as private:
        # read_csv expands globs in a name: it reads links with fixed names, passed as a parameter
        files = []
        for number, path in enumerate(sorted((data_dir / "by_country").glob("*.csv"))):
            link = Path(private) / f"{number:05d}.csv"
            link.symlink_to(path.resolve())
            files.append(str(link))
        started = time.perf_counter()
        rows = connection.execute(f"""
            select count(*) from (
                select "Exp or Imp" as flow, "Year" as year, month_column, "HS" as code, sum(value) as value
                from (
                    unpivot (select * from read_csv(?, header = true, all_varchar = false,
                                                    types = {{'HS': 'VARCHAR', 'Country': 'VARCHAR'}}))
                    on {unpivot} into name month_column value value
                )
                group by all
            )
        """, [files]).fetchone()[0]
        seconds = time.perf_counter() - started
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return StepResult("floor: one DuckDB query over the same CSVs", seconds, peak, f"{rows:,} (flow, month, code) groups")


def model_times(target: Path, groups: dict[str, str]) -> list[StepResult]:
    """Seconds dbt spent on the models (and their tests) whose path contains each group's folder,
    from the build's run_results.json; memory is the build's (one process)."""
    import json

    results_file = target / "run_results.json"
    if not results_file.exists():
        return []
    manifest = json.loads((target / "manifest.json").read_text())
    paths = {uid: node.get("original_file_path", "") for uid, node in manifest.get("nodes", {}).items()}
    results = json.loads(results_file.read_text())["results"]
    out = []
    for name, folder in groups.items():
        seconds, count = 0.0, 0
        for item in results:
            path = paths.get(item["unique_id"], "")
            depends = manifest["nodes"].get(item["unique_id"], {}).get("depends_on", {}).get("nodes", [])
            if folder in path or (item["unique_id"].startswith("test.") and any(folder in paths.get(d, "") for d in depends)):
                seconds += item.get("execution_time") or 0.0
                count += 1
        if count:
            out.append(StepResult(name, seconds, float("nan"), f"{count} dbt nodes, from run_results.json"))
    return out


def describe_machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}"


def _latest_month(database: Path) -> str:
    import duckdb

    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute("""select strftime(max(period_month), '%Y-%m') from fct_trade_balance_monthly
            where area_code = 'world' and exports_thousand_yen is not null""").fetchone()[0]
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=["small", "full"], default="full")
    parser.add_argument("--work", type=Path, help="folder for data and warehouse (default: a temporary folder)")
    parser.add_argument("--out", type=Path, help="append the results to this Markdown file")
    arguments = parser.parse_args(argv)

    work = arguments.work or Path(tempfile.mkdtemp(prefix="japan-trade-benchmark-"))
    work.mkdir(parents=True, exist_ok=True)
    data_dir = work / "data"
    environment = dict(os.environ, JAPAN_TRADE_DUCKDB=str(work / "benchmark.duckdb"),
                       JAPAN_TRADE_HOME=str(project_root()), DBT_TARGET_PATH=str(work / "target"))
    (work / "benchmark.duckdb").unlink(missing_ok=True)
    raw_store_path(work / "benchmark.duckdb").unlink(missing_ok=True)
    root = project_root()
    results = [
        run_step("generate", ["generate", "--scale", arguments.scale, "--out", str(data_dir)], environment),
        run_step("load official series", ["load", "manifest", str(root / "data/official/manifest.json")], environment),
        run_step("load microdata", ["load", "manifest", str(data_dir / "manifest.json")], environment),
        run_step("build (dbt seed + build, all tests)", ["build"], environment),
    ]
    results += model_times(work / "target", {"  of which: trade indices (models/*/indices)": "/indices/",
                                             "  of which: seasonal adjustment (models/*/seasonal)": "/seasonal/"})
    from .index_benchmark import reference_steps

    results += [StepResult(*row) for row in reference_steps(work / "benchmark.duckdb")]
    latest = _latest_month(work / "benchmark.duckdb")
    results.append(run_step(f"release {latest} (ja, html with charts)",
                            ["release", "--month", latest, "--format", "html", "--out", str(work / "release.html")],
                            environment))
    results.append(run_step("export every mart to Parquet", ["export", "--format", "parquet", "--out", str(work / "export")],
                            environment))
    results.append(floor_query(data_dir))
    size_mib = sum(path.stat().st_size for path in (data_dir / "by_country").glob("*.csv")) / 1024 / 1024
    database_mib = (work / "benchmark.duckdb").stat().st_size / 1024 / 1024

    import duckdb

    connection = duckdb.connect(str(raw_store_path(work / "benchmark.duckdb")), read_only=True)
    cells = connection.execute("select count(*) from raw.customs_microdata").fetchone()[0]
    connection.close()
    connection = duckdb.connect(str(work / "benchmark.duckdb"), read_only=True)
    mart_rows = connection.execute("select count(*) from fct_trade_monthly").fetchone()[0]
    connection.close()

    lines = [
        f"\n## {arguments.scale} scale — {dt.date.today().isoformat()}\n",
        f"- machine: {describe_machine()}",
        f"- command: `python -m japan_trade.benchmark --scale {arguments.scale}`",
        f"- input: {size_mib:,.0f} MiB of e-Stat CSV; {cells:,} stored microdata cells; "
        f"fct_trade_monthly {mart_rows:,} rows; warehouse file {database_mib:,.0f} MiB\n",
        "| step | wall time (s) | peak RSS (MiB) | note |",
        "|---|---:|---:|---|",
    ]
    def figure(value: float, digits: int) -> str:
        return "" if value != value else f"{value:,.{digits}f}"   # NaN: not measured

    lines += [f"| {r.name} | {figure(r.seconds, 1)} | {figure(r.peak_rss_mib, 0)} | {r.detail} |" for r in results]
    load, build, floor = results[2].seconds, results[3].seconds, results[-1].seconds
    lines.append(f"\nbuild ÷ floor = {build / floor:,.1f}×; (load microdata + build) ÷ floor = {(load + build) / floor:,.1f}×. "
                 "The floor reads the CSVs once and aggregates; the load validates every row (field count, numbers, "
                 "codes, year totals) and stores long cells with their vintage; the build runs every model and test.")
    report = "\n".join(lines) + "\n"
    print(report)
    if arguments.out:
        with open(arguments.out, "a", encoding="utf-8") as handle:
            handle.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
