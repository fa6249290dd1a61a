"""`japan-trade build` publishes a complete build or nothing (docs/decisions/build-and-publish.md).

Readers see the previous complete build or the new one, never a mix: a failed build, a killed build
and a build running while a reader holds the file open all leave the published warehouse readable
and whole. Data: the official series only (they load in a second; a build takes ~20 s).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, cli, cli_environment, copy_warehouse, query, run_cli

BUILDING = ".base.building"          # japan_trade.build.building_path(<folder>/base.duckdb).parent.name


@pytest.fixture(scope="module")
def official_build(tmp_path_factory) -> Path:
    """The official series loaded and built once: a warehouse with a previous good build."""
    work = tmp_path_factory.mktemp("atomic")
    database = work / "base.duckdb"
    cli(["load", "manifest", str(PROJECT / "data/official/manifest.json")], database, work / "t0")
    cli(["build"], database, work / "target")
    return database


@pytest.fixture
def warehouse_copy(official_build, tmp_path) -> Path:
    """A private copy (published file and raw store) of the official build for one test."""
    return copy_warehouse(official_build, tmp_path / "base.duckdb")


def marts_fingerprint(database: Path) -> dict[str, tuple]:
    """Row count and an order-free hash of every table of the main schema (marts, intermediates, seeds)."""
    tables = [row[0] for row in query(database, """
        select table_name from information_schema.tables
        where table_schema = 'main' and table_type = 'BASE TABLE' order by 1""")]
    return {table: query(database, f'select count(*), sum(hash(t)) from "{table}" as t')[0] for table in tables}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def built_at(database: Path):
    return query(database, "select built_at from dim_build_vintage")[0][0]


def test_a_failed_build_leaves_the_published_warehouse_as_it_was(warehouse_copy, tmp_path):
    before_hash, before = sha256(warehouse_copy), marts_fingerprint(warehouse_copy)
    assert before["fct_trade_monthly"][0] > 50_000 and before["dim_build_vintage"][0] == 1

    # nothing is published on or before 1970: the seasonal step fails after the trade marts were rebuilt
    result = run_cli(["build", "--as-of", "1970-01-01"], warehouse_copy, tmp_path / "target")

    assert result.returncode == 1
    assert marts_fingerprint(warehouse_copy) == before
    assert sha256(warehouse_copy) == before_hash
    error_lines = result.stderr.strip().splitlines()
    assert len(error_lines) == 1 and "Traceback" not in result.stderr
    assert error_lines[0].startswith("error: dbt build failed at model int_trade_seasonally_adjusted (error: ")
    assert "the series is empty" in error_lines[0]
    assert error_lines[0].endswith(f"the published warehouse {warehouse_copy} is unchanged")
    assert not (tmp_path / BUILDING).exists()


READER = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
def state():
    return connection.execute(
        "select cast(built_at as varchar), (select count(*) from fct_trade_monthly) from dim_build_vintage").fetchone()
print(*state(), sep="|", flush=True)
sys.stdin.readline()
print(*state(), sep="|", flush=True)
"""


def test_a_reader_holding_the_warehouse_open_does_not_block_the_build_and_keeps_its_view(warehouse_copy, tmp_path):
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse_copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = reader.stdout.readline().strip()
        assert first, reader.stderr.read()
        old_built_at, rows = first.split("|")

        # from a subfolder of the project, the warehouse given by --database only: dbt and Python agree on the files
        result = run_cli(["build", "--select", "dim_build_vintage", "--database", str(warehouse_copy)], None,
                         tmp_path / "target", cwd=PROJECT / "models")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr

        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == f"{old_built_at}|{rows}"   # the reader's file is the old build
    finally:
        reader.kill()
        reader.wait()
    new_built_at = built_at(warehouse_copy)                                      # a new connection: the new build
    assert str(new_built_at) != old_built_at and str(new_built_at) > old_built_at
    assert query(warehouse_copy, "select count(*) from fct_trade_monthly")[0][0] == int(rows)
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix == ".duckdb") == ["base.duckdb",
                                                                                               "base.raw.duckdb"]


def test_a_killed_build_leaves_the_published_warehouse_intact_and_the_next_build_succeeds(warehouse_copy, tmp_path):
    before_hash, before = sha256(warehouse_copy), marts_fingerprint(warehouse_copy)
    old_built_at = built_at(warehouse_copy)
    # a build as of an earlier date would change fct_trade_monthly: kill it right after that table was rebuilt
    build = subprocess.Popen([sys.executable, "-m", "japan_trade.cli", "build", "--as-of", "2026-02-18"],
                             env=cli_environment(warehouse_copy, tmp_path / "target"), cwd=PROJECT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen = []
    try:
        for line in build.stdout:
            seen.append(line)
            if "OK created" in line and ".fct_trade_monthly" in line:
                os.kill(build.pid, signal.SIGKILL)
                break
    finally:
        build.kill()
        build.wait()
    assert build.returncode == -signal.SIGKILL, "".join(seen[-20:])
    assert marts_fingerprint(warehouse_copy) == before
    assert sha256(warehouse_copy) == before_hash
    assert (tmp_path / BUILDING).exists()                                        # killed mid-way: its copy is left

    result = run_cli(["build", "--select", "dim_build_vintage"], warehouse_copy, tmp_path / "target")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert not (tmp_path / BUILDING).exists()                                    # the leftover was removed
    assert built_at(warehouse_copy) > old_built_at
    assert marts_fingerprint(warehouse_copy)["fct_trade_monthly"] == before["fct_trade_monthly"]


def test_a_second_build_while_one_runs_is_refused_with_the_running_builds_pid(warehouse_copy, tmp_path):
    before_hash = sha256(warehouse_copy)
    with open(tmp_path / ".base.build.lock", "w", encoding="ascii") as lock:   # a build in progress
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write("424242\n")
        lock.flush()
        result = run_cli(["build"], warehouse_copy, tmp_path / "target")
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: another build is running (PID 424242) on {warehouse_copy}: "
                                     "wait for it to finish, then build again")
    assert sha256(warehouse_copy) == before_hash

