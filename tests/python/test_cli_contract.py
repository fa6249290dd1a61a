"""The command line's contract: one clear line and a documented exit code for every failure a user
can cause, readers that never create or lock a file, and README examples that run as written."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, cli, copy_warehouse, run_cli

LOAD_HINT = "load data first: japan-trade load manifest data/official/manifest.json"


def one_error_line(result: subprocess.CompletedProcess) -> str:
    """The single `error: …` line a failing command prints (no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines
    return lines[0]


@pytest.fixture(scope="module")
def raw_only(tmp_path_factory) -> Path:
    """A warehouse with d41ma loaded and never built: a raw store, no published file."""
    work = tmp_path_factory.mktemp("raw_only")
    database = work / "w.duckdb"
    cli(["load", "official", str(PROJECT / "data/official/d41ma.csv")], database, work / "target")
    return database


# --- exit codes --------------------------------------------------------------------------------

@pytest.mark.parametrize("arguments", [["build", "--as-of", "yesterday"], ["frobnicate"], ["load"],
                                       ["release", "--month", "2026-13"]])
def test_usage_errors_exit_64_not_the_rejected_rows_code(arguments, tmp_path):
    result = run_cli(arguments, tmp_path / "w.duckdb", tmp_path / "target")
    assert result.returncode == 64
    assert "japan-trade" in result.stderr and "error:" in result.stderr and "Traceback" not in result.stderr


def test_help_documents_every_exit_code(tmp_path):
    result = run_cli(["--help"], None, tmp_path / "target")
    assert result.returncode == 0
    codes = re.findall(r"^\s+(\d+)\s+\S", result.stdout.split("exit codes:")[1], flags=re.MULTILINE)
    assert codes == ["0", "1", "2", "64"]


def test_readme_documents_every_exit_code():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Exit codes:"):].split("\n\n")[0]
    for code in ("0", "1", "2", "64"):
        assert f"`{code}`" in paragraph, code


# --- one resolver for the warehouse path ------------------------------------------------------

def test_the_warehouse_path_is_resolved_once_the_same_way_from_any_folder(monkeypatch):
    from japan_trade import warehouse

    monkeypatch.setenv("JAPAN_TRADE_HOME", str(PROJECT))
    monkeypatch.delenv("JAPAN_TRADE_RAW_DUCKDB", raising=False)
    monkeypatch.chdir(PROJECT / "models")                     # a subfolder: the variable still means the root
    monkeypatch.setenv("JAPAN_TRADE_DUCKDB", "warehouse/other.duckdb")
    assert warehouse.resolve_database(None) == PROJECT / "warehouse" / "other.duckdb"
    assert warehouse.raw_store_path(warehouse.resolve_database(None)) == PROJECT / "warehouse" / "other.raw.duckdb"
    # --database is a path the user typed: relative to the working directory
    assert warehouse.resolve_database(Path("x.duckdb")) == PROJECT / "models" / "x.duckdb"
    monkeypatch.delenv("JAPAN_TRADE_DUCKDB")
    assert warehouse.resolve_database(None) == PROJECT / "warehouse" / "japan_trade.duckdb"
    monkeypatch.setenv("JAPAN_TRADE_RAW_DUCKDB", "elsewhere/raw.duckdb")
    assert warehouse.raw_store_path(Path("/any/w.duckdb")) == PROJECT / "elsewhere" / "raw.duckdb"


# --- readers: never create a file, one line when there is nothing to read ---------------------

@pytest.mark.parametrize("arguments", [["summary"], ["reconcile", "--month", "2026-01"],
                                       ["release", "--month", "2026-01"], ["export", "--out", "OUT"]])
def test_readers_on_a_missing_warehouse_say_so_and_create_nothing(arguments, tmp_path):
    database = tmp_path / "missing" / "w.duckdb"
    database.parent.mkdir()
    arguments = [str(tmp_path / "out") if argument == "OUT" else argument for argument in arguments]
    result = run_cli([*arguments, "--database", str(database)], None, tmp_path / "target")
    assert result.returncode == 1
    assert one_error_line(result) == f"error: no warehouse at {database}: run `japan-trade build`"
    assert list(database.parent.iterdir()) == [] and not (tmp_path / "out").exists()


def test_rejects_on_a_missing_raw_store_says_so_and_creates_nothing(tmp_path):
    result = run_cli(["rejects"], tmp_path / "w.duckdb", tmp_path / "target")
    assert result.returncode == 1
    assert one_error_line(result) == f"error: no raw store at {tmp_path / 'w.raw.duckdb'}: {LOAD_HINT}"
    assert not any(path.suffix == ".duckdb" for path in tmp_path.iterdir())


def test_build_without_loaded_data_says_load_first(tmp_path):
    result = run_cli(["build"], tmp_path / "w.duckdb", tmp_path / "target")
    assert result.returncode == 1
    assert one_error_line(result) == f"error: no raw store at {tmp_path / 'w.raw.duckdb'}: {LOAD_HINT}"
    # a raw store that exists but holds no loaded file (the only load was refused)
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,trade,file\n", encoding="ascii")
    assert run_cli(["load", "official", str(bad)], tmp_path / "w.duckdb", tmp_path / "target").returncode == 1
    result = run_cli(["build"], tmp_path / "w.duckdb", tmp_path / "target")
    assert result.returncode == 1
    raw_store = tmp_path / "w.raw.duckdb"
    assert one_error_line(result) == f"error: the raw store {raw_store} holds no loaded file: {LOAD_HINT}"
    assert not (tmp_path / "w.duckdb").exists()


HOLDER = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("open", flush=True)
time.sleep(120)
"""


def test_a_file_held_by_another_program_gives_its_pid(raw_only, tmp_path):
    raw_store = copy_warehouse(raw_only, tmp_path / "w.duckdb").with_name("w.raw.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(raw_store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        for arguments in (["load", "official", str(PROJECT / "data/official/d51ma.csv")], ["rejects"]):
            result = run_cli(arguments, tmp_path / "w.duckdb", tmp_path / "target")
            assert result.returncode == 1
            assert one_error_line(result) == (
                f"error: the raw store {raw_store} is open in another program (PID {holder.pid}): close it there "
                "(BI tools: connect read-only) and retry")
    finally:
        holder.kill()
        holder.wait()


def test_a_published_warehouse_held_read_write_stops_readers_and_builds_with_its_pid(demo_warehouses, tmp_path):
    published = copy_warehouse(demo_warehouses["as_of"], tmp_path / "w.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(published)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        for arguments in (["summary"], ["build"]):
            result = run_cli(arguments, published, tmp_path / "target")
            assert result.returncode == 1
            assert one_error_line(result) == (
                f"error: the warehouse {published} is open in another program (PID {holder.pid}): close it there "
                "(BI tools: connect read-only) and retry")
    finally:
        holder.kill()
        holder.wait()
    assert not (tmp_path / ".w.building").exists()


# --- the README's examples run as written on a demo-like warehouse ----------------------------

# lines the session fixtures already run word for word (conftest.demo_warehouses), or the demo itself
COVERED_BY_FIXTURES = {"japan-trade build", "japan-trade build --as-of 2026-02-18",
                       "japan-trade generate --scale small", "japan-trade demo"}


def readme_commands() -> list[str]:
    """Every complete `japan-trade …` command in the README: lines of its sh blocks (continuations
    joined, comments dropped) and inline code spans without placeholders."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #")[0].strip()
            if line.startswith("japan-trade "):
                commands.append(" ".join(line.split()))
    for span in re.findall(r"`(japan-trade [^`]+)`", readme):
        if not re.search(r"…|\[|\||\b[A-Z]{3,}\b", span):
            commands.append(" ".join(span.split()))
    return list(dict.fromkeys(commands))


def test_every_readme_command_runs_on_the_demo(demo_warehouses, tmp_path):
    commands = readme_commands()
    assert len(commands) >= 12 and "japan-trade reconcile --month 2026-01" in commands
    (tmp_path / "demo").mkdir()
    database = copy_warehouse(demo_warehouses["latest"], tmp_path / "demo" / "japan_trade.duckdb")
    # the working directory looks like the project after `sh dev.sh demo`
    workdir = tmp_path / "project"
    (workdir / "data" / "synthetic").mkdir(parents=True)
    (workdir / "data" / "official").symlink_to(PROJECT / "data" / "official")
    (workdir / "data" / "synthetic" / "small").symlink_to(demo_warehouses["synthetic"])
    failures = []
    for command in commands:
        if command in COVERED_BY_FIXTURES:
            continue
        result = run_cli(shlex.split(command)[1:], database, tmp_path / "target", cwd=workdir, timeout=600)
        if result.returncode != 0:
            failures.append(f"{command} → exit {result.returncode}: {result.stderr.strip()[-500:]}")
    assert failures == []
