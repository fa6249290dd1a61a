"""Same inputs, same outputs: a second build of the demo's raw store gives every mart identical to the first,
row for row and bit for bit (floats included). Only run metadata may differ, and is left out by name:
dim_build_vintage.built_at, and the adjusted_at time stamp and run_seconds (X-13 wall time) of the
seasonal-adjustment marts."""

from __future__ import annotations

import shutil

import duckdb

from conftest import cli, raw_store

RUN_METADATA_COLUMNS = {"built_at", "adjusted_at", "run_seconds"}


def _mart_columns(connection: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[str]]:
    rows = connection.execute("""
        select table_name, column_name from information_schema.columns
        where table_catalog = ? and table_schema = 'main'
          and (table_name like 'fct\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')
        order by table_name, ordinal_position""", [catalog]).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        if column not in RUN_METADATA_COLUMNS:
            columns.setdefault(table, []).append(column)
    return columns


def test_two_builds_of_the_same_inputs_give_identical_marts(demo_warehouses, tmp_path):
    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copy(raw_store(demo_warehouses["latest"]), raw_store(rebuilt))
    cli(["build"], rebuilt, tmp_path / "target")

    connection = duckdb.connect()
    try:
        for name, path in (("first_build", demo_warehouses["latest"]), ("second_build", rebuilt)):
            quoted = str(path).replace("'", "''")      # a test's own temporary path; ATTACH takes no parameter
            connection.execute(f"attach '{quoted}' as {name} (read_only)")
        first, second = _mart_columns(connection, "first_build"), _mart_columns(connection, "second_build")
        assert first == second and len(first) >= 20
        differing = {}
        for table, columns in first.items():
            listed = ", ".join(f'"{column}"' for column in columns)
            count = connection.execute(f"""
                select count(*) from (
                    (select {listed} from first_build.main.{table}
                     except all select {listed} from second_build.main.{table})
                    union all
                    (select {listed} from second_build.main.{table}
                     except all select {listed} from first_build.main.{table})
                )""").fetchone()[0]
            rows = connection.execute(f"select count(*) from first_build.main.{table}").fetchone()[0]
            if count:
                differing[table] = f"{count} of {rows} rows differ"
        assert not differing, differing
        assert connection.execute("select count(*) from first_build.main.fct_trade_indices").fetchone()[0] > 0
    finally:
        connection.close()
