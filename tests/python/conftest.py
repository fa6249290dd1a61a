"""Shared fixtures: paths and small e-Stat files written by hand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "scripts"))

from japan_trade import estat_layout  # noqa: E402  (needs the path above)


def estat_header(by_country: bool = True, april: str = "Apr") -> str:
    """Line 1 of an e-Stat file (``estat_layout.header``), April spelled ``april`` (e.g. the alias ``Apl``)."""
    columns = estat_layout.header(by_country)
    return ",".join(column.replace("-Apr", f"-{april}") for column in columns)


def estat_row(flow: str, code: str, country: str | None, months: list[tuple[int, int, int]],
              unit1: str = estat_layout.BLANK_UNIT, unit2: str = "KG", year: int = 2026) -> str:
    """A data row; `months` gives (q1, q2, value) for January onwards, the rest are 0."""
    cells = list(months) + [(0, 0, 0)] * (12 - len(months))
    totals = [sum(cell[i] for cell in cells) for i in range(3)]
    parts = [flow, str(year), estat_layout.quote_code(code)] + ([country] if country is not None else [])
    parts += [unit1, unit2]
    parts += [str(v) for v in totals]
    for cell in cells:
        parts += [str(v) for v in cell]
    return ",".join(parts)


@pytest.fixture
def project() -> Path:
    return PROJECT


@pytest.fixture
def good_rows() -> list[str]:
    """Twenty valid by-country export rows for January–February 2026."""
    rows = []
    for number in range(20):
        code = f"{8471 + number:04d}30000"[:9]
        rows.append(estat_row("1", code, "105", [(0, 10 + number, 1000 + number), (0, 5, 500)]))
    return rows


# --- end-to-end builds shared by every test module (session scope: built once per run) ---

def raw_store(database: Path) -> Path:
    """The raw store the loaders write beside a published warehouse (japan_trade.warehouse.raw_store_path)."""
    return database.with_name(f"{database.stem}.raw.duckdb")


def copy_warehouse(source: Path, target: Path) -> Path:
    """Copy a warehouse — the published file and its raw store, whichever exist — to ``target``."""
    for origin, destination in ((source, target), (raw_store(source), raw_store(target))):
        if origin.exists():
            shutil.copy(origin, destination)
    return target


def cli_environment(database: Path | None, target: Path) -> dict[str, str]:
    """The environment of a `japan-trade` subprocess: this checkout, dbt's target folder, and the
    warehouse in $JAPAN_TRADE_DUCKDB (left unset when ``database`` is None)."""
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("JAPAN_TRADE_DUCKDB", "JAPAN_TRADE_RAW_DUCKDB")}
    environment.update(JAPAN_TRADE_HOME=str(PROJECT), DBT_TARGET_PATH=str(target),
                       PYTHONPATH=str(PROJECT / "scripts"))
    if database is not None:
        environment["JAPAN_TRADE_DUCKDB"] = str(database)
    return environment


def run_cli(arguments: list[str], database: Path | None, target: Path, cwd: Path = PROJECT,
            timeout: int = 3000) -> subprocess.CompletedProcess:
    """`japan-trade ARGUMENTS` in a subprocess, whatever its exit code."""
    return subprocess.run([sys.executable, "-m", "japan_trade.cli", *arguments],
                          env=cli_environment(database, target), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def cli(arguments: list[str], database: Path, target: Path) -> subprocess.CompletedProcess:
    result = run_cli(arguments, database, target)
    if result.returncode != 0:
        pytest.fail(f"japan-trade {' '.join(arguments)} exited {result.returncode}\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return result


def dbt_test_statuses(target: Path) -> dict[str, str]:
    """dbt test name → status from run_results.json."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    statuses = {}
    for item in results:
        parts = item["unique_id"].split(".")
        if parts[0] == "test":
            statuses[parts[2]] = item["status"]
        elif parts[0] == "unit_test":
            statuses[parts[-1]] = item["status"]
    return statuses



@pytest.fixture(scope="session")
def demo_warehouses(tmp_path_factory):
    """Synthetic small data + official series, built at the latest vintage and as of 2026-02-18."""
    work = tmp_path_factory.mktemp("demo")
    data = work / "synthetic"
    latest, as_of = work / "latest.duckdb", work / "as_of.duckdb"
    cli(["generate", "--scale", "small", "--out", str(data)], latest, work / "target_generate")
    cli(["load", "manifest", str(PROJECT / "data/official/manifest.json"),
         str(PROJECT / "data/official/release-xml/manifest.json"), str(data / "manifest.json")], latest, work / "t0")
    from japan_trade.synthetic.rates import write_demo_rates
    rates = write_demo_rates(data / "exchange_rates_usd_weekly.csv")      # where the demo writes them
    cli(["load", "rates", str(rates), "--label", "synthetic"], latest, work / "t1")
    revised = work / "rates_revised.csv"  # published after the release: the as-of build must not use it
    revised.write_text("week_start,currency,yen_per_unit\n" + "".join(
        f"{week},USD,150.00\n" for week in ("2025-12-28", "2026-01-04", "2026-01-11", "2026-01-18", "2026-01-25")))
    cli(["load", "rates", str(revised), "--label", "synthetic", "--vintage-date", "2026-03-06"], latest, work / "t2")
    copy_warehouse(latest, as_of)
    cli(["build"], latest, work / "target_latest")
    cli(["build", "--as-of", "2026-02-18"], as_of, work / "target_as_of")
    return {"latest": latest, "as_of": as_of, "target_latest": work / "target_latest",
            "target_as_of": work / "target_as_of", "synthetic": data}


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory):
    """Official series, the real January 2026 world-level microdata and the release XMLs (no synthetic data)."""
    work = tmp_path_factory.mktemp("real")
    database = work / "real.duckdb"
    cli(["load", "manifest", str(PROJECT / "data/official/manifest.json"),
         str(PROJECT / "data/official/estat/manifest.json"),
         str(PROJECT / "data/official/release-xml/manifest.json")], database, work / "t0")
    cli(["build"], database, work / "target")
    return database


def query(database: Path, sql: str, parameters=None):
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.execute(sql, parameters or []).fetchall()
    finally:
        connection.close()
