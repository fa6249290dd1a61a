"""`japan-trade build`: dbt builds a private copy of the warehouse, published only when complete.

    <folder>/japan_trade.duckdb                     published: what BI tools and readers open
    <folder>/japan_trade.raw.duckdb                 raw store: the loaders' tables, attached read-only
    <folder>/.japan_trade.build.lock                one build at a time (flock; holds the builder's PID)
    <folder>/.japan_trade.building/japan_trade.duckdb   the copy dbt writes during a build

A build copies the published file (incremental models such as the seasonal diagnostics keep their
history), runs dbt seed + build into the copy, and renames the copy onto the published path only when
every model and test passed. The rename is atomic on one filesystem: a reader sees the previous
complete build or the new one, never a mix, and a reader holding the old file keeps reading it. A
failed, interrupted or killed build leaves the published file as it was; its copy is removed then or
at the next build. The copy sits in a folder of its own so that it keeps the published file's name —
DuckDB names the database (catalog) after the file, and dbt writes that name into the relations it
creates. See docs/decisions/build-and-publish.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from .warehouse import DATABASE_ENV, LOAD_HINT, RAW_STORE_ENV, open_duckdb, project_root, raw_store_path

FAILED_STATUSES = ("error", "fail", "runtime error")


class BuildError(RuntimeError):
    """The build did not publish; the message says why in one line (and the published file is as before)."""


def lock_path(published: Path) -> Path:
    """The build lock of a published warehouse: ``.<stem>.build.lock`` beside it."""
    return published.with_name(f".{published.stem}.build.lock")


def building_path(published: Path) -> Path:
    """Where dbt writes during a build: ``.<stem>.building/<published name>`` beside the published file."""
    return published.with_name(f".{published.stem}.building") / published.name


@contextlib.contextmanager
def build_lock(published: Path) -> Iterator[None]:
    """Hold the build lock of ``published`` (released when the process ends, even by SIGKILL)."""
    path = lock_path(published)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="ascii")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(f"another build is running (PID {holder}) on {published}: wait for it to "
                             "finish, then build again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()


def require_loaded_raw_store(raw_store: Path) -> None:
    """Refuse to build from a raw store that is missing or holds no loaded file."""
    if not raw_store.is_file():
        raise BuildError(f"no raw store at {raw_store}: load data first: {LOAD_HINT}")
    connection = open_duckdb(raw_store, read_only=True, what="the raw store")
    try:
        loaded = connection.execute("select count(*) from raw.file_loads").fetchone()[0]
    except duckdb.CatalogException:
        loaded = 0
    finally:
        connection.close()
    if not loaded:
        raise BuildError(f"the raw store {raw_store} holds no loaded file: load data first: {LOAD_HINT}")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def prepare_building_copy(published: Path) -> Path:
    """Remove a killed build's leftover and copy the published file (if any) to the building path.

    The published file is held open read-only while it is copied: no program can write it meanwhile,
    and one holding it read-write is reported (close it, or connect read-only)."""
    building = building_path(published)
    shutil.rmtree(building.parent, ignore_errors=True)
    building.parent.mkdir(parents=True)
    if published.is_file():
        reading = open_duckdb(published, read_only=True)
        try:
            shutil.copyfile(published, building)
            if _wal(published).is_file():
                shutil.copyfile(_wal(published), _wal(building))
        finally:
            reading.close()
    return building


@contextlib.contextmanager
def _environment(overrides: dict[str, str]) -> Iterator[None]:
    """Set environment variables for dbt (profiles.yml reads them) and restore them afterwards."""
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while building, so a terminated build cleans up after itself."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:          # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _close_dbt_duckdb() -> None:
    """Close the DuckDB instance dbt-duckdb keeps for the process, so the building file is complete on
    disk (checkpointed) and no handle is left on it after the rename."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def _first_reason(message: str) -> str:
    """The informative line of a dbt node message: the exception line ending a Python traceback, else
    the first line that is not dbt's 'Runtime Error in model …' heading."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1]
    headings = ("runtime error in", "compilation error in", "database error in")
    return next((line for line in lines if not line.lower().startswith(headings)), lines[0] if lines else "")


def failing_nodes(result) -> list[str]:
    """'model int_x (error: first line of dbt's message)' for every node that errored or failed."""
    run = getattr(result, "result", None)
    failures = []
    for item in getattr(run, "results", None) or []:
        status = str(getattr(item.status, "value", item.status)).lower()
        if status not in FAILED_STATUSES:
            continue
        detail = _first_reason(item.message or "")
        node = item.node
        failures.append(f"{node.resource_type} {node.name} ({status}{': ' + detail[:200] if detail else ''})")
    return failures


def run_dbt(building: Path, raw_store: Path, as_of: dt.date | None = None, select: str | None = None,
            exclude: str | None = None, seed: bool = True, progress: Callable[[str], None] = print) -> None:
    """dbt seed + build into ``building`` with ``raw_store`` attached; BuildError naming what failed."""
    from dbt.cli.main import dbtRunner

    root = project_root()
    common = ["--project-dir", str(root), "--profiles-dir", str(root)]
    build = ["build", *common, "--vars", json.dumps({"as_of": as_of.isoformat() if as_of else None})]
    if select:
        build += ["--select", select]
    if exclude:
        build += ["--exclude", exclude]
    steps = ([["seed", *common]] if seed else []) + [build]
    runner = dbtRunner()
    with _environment({DATABASE_ENV: str(building), RAW_STORE_ENV: str(raw_store)}):
        try:
            for arguments in steps:
                as_of_text = f" as of {as_of.isoformat()}" if as_of and arguments[0] == "build" else ""
                progress(f"dbt {arguments[0]}{as_of_text} …")
                result = runner.invoke(arguments)
                if result.success:
                    continue
                failures = failing_nodes(result)
                if failures:
                    raise BuildError(f"dbt {arguments[0]} failed at {'; '.join(failures)}")
                cause = str(result.exception or "see dbt's messages above").strip().splitlines()
                raise BuildError(f"dbt {arguments[0]} failed: {cause[0] if cause else 'see the messages above'}")
        finally:
            _close_dbt_duckdb()


def publish(building: Path, published: Path) -> None:
    """Checkpoint the finished copy and rename it onto the published path (atomic on one filesystem)."""
    connection = open_duckdb(building, read_only=False, what="the building copy")
    try:
        connection.execute("checkpoint")
    finally:
        connection.close()
    descriptor = os.open(building, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(building, published)
    # a write-ahead log of the old file (its content was copied into the build) must not be replayed
    # onto the new one
    _wal(published).unlink(missing_ok=True)
    folder = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def build_and_publish(published: Path, as_of: dt.date | None = None, select: str | None = None,
                      exclude: str | None = None, seed: bool = True,
                      progress: Callable[[str], None] = print) -> None:
    """The whole build of ``published``: lock, check the raw store, copy, dbt, publish; BuildError
    (or WarehouseError) when nothing was published."""
    raw_store = raw_store_path(published)
    require_loaded_raw_store(raw_store)
    with build_lock(published):
        building = building_path(published)
        try:
            with _sigterm_as_interrupt():
                building = prepare_building_copy(published)
                run_dbt(building, raw_store, as_of, select, exclude, seed, progress)
                publish(building, published)
        except KeyboardInterrupt:
            raise BuildError(f"build interrupted; the published warehouse {published} is unchanged") from None
        except BuildError as error:
            raise BuildError(f"{error} — the published warehouse {published} is unchanged") from None
        finally:
            shutil.rmtree(building.parent, ignore_errors=True)
    progress(f"published {published}")

