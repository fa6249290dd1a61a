"""Export the BI-facing marts (fct_* and dim_* tables) to Parquet, CSV or one Excel workbook.

    japan-trade export --format parquet --out exports/
    japan-trade export --format xlsx --out exports/ --mart fct_trade_balance_monthly --mart dim_areas

Parquet and CSV are written by DuckDB itself (COPY), one file per mart; Excel through openpyxl,
one sheet per mart. A `manifest.json` next to the files lists every mart with its row count,
columns and the build's vintage (dim_build_vintage), so a BI refresh can check what it got.
Files are written to a temporary folder and moved into place only when every mart succeeded.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb

from .warehouse import connect_for_reading

FORMATS = ("parquet", "csv", "xlsx")
EXCEL_MAX_ROWS = 1_048_575          # one row of the sheet is the header


class ExportError(RuntimeError):
    pass


def bi_marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts in the default schema: tables named fct_* or dim_*."""
    return [row[0] for row in connection.execute("""
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'
          and (table_name like 'fct\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')
        order by table_name""").fetchall()]


def _json_value(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def export_marts(database: Path, output_format: str, out_dir: Path, marts: list[str] | None = None,
                 progress=print) -> Path:
    """Write the marts to ``out_dir``; returns the manifest path. Nothing is left half-written."""
    if output_format not in FORMATS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if not database.exists():
        raise ExportError(f"no warehouse at {database}: run `japan-trade demo` or `japan-trade build` first")
    connection = connect_for_reading(database)
    try:
        available = bi_marts(connection)
        if not available:
            raise ExportError(f"{database} has no marts: run `japan-trade build` first")
        chosen = marts or available
        unknown = [m for m in chosen if m not in available]
        if unknown:
            raise ExportError(f"unknown mart(s) {', '.join(unknown)}; available: {', '.join(available)}")
        counts = {m: connection.execute(f'select count(*) from "{m}"').fetchone()[0] for m in chosen}
        if output_format == "xlsx":
            too_big = [f"{m} ({counts[m]:,} rows)" for m in chosen if counts[m] > EXCEL_MAX_ROWS]
            if too_big:
                raise ExportError(f"too many rows for an Excel sheet: {', '.join(too_big)}; export those marts "
                                  "as parquet or csv, or choose smaller marts with --mart")
        vintage = None
        if "dim_build_vintage" in available:
            cursor = connection.execute("select * from dim_build_vintage")
            names = [d[0] for d in cursor.description]
            row = cursor.fetchone()
            vintage = {k: _json_value(v) for k, v in zip(names, row)} if row else None

        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir))
        try:
            entries = []
            workbook = None
            if output_format == "xlsx":
                from openpyxl import Workbook

                workbook = Workbook(write_only=True)
            for mart in chosen:
                columns = [(r[0], r[1]) for r in connection.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = current_schema() and table_name = ? order by ordinal_position",
                    [mart]).fetchall()]
                if output_format == "parquet":
                    file_name = f"{mart}.parquet"
                    connection.execute(f"copy \"{mart}\" to '{staging / file_name}' (format parquet)")
                elif output_format == "csv":
                    file_name = f"{mart}.csv"
                    connection.execute(f"copy \"{mart}\" to '{staging / file_name}' (format csv, header)")
                else:
                    file_name = "japan_trade_marts.xlsx"
                    sheet = workbook.create_sheet(title=mart[:31])
                    sheet.append([name for name, _ in columns])
                    cursor = connection.execute(f'select * from "{mart}"')
                    while batch := cursor.fetchmany(10_000):
                        for row in batch:
                            sheet.append([float(v) if isinstance(v, Decimal) else
                                          v.replace(tzinfo=None) if isinstance(v, dt.datetime) else v for v in row])
                entries.append({"mart": mart, "file": file_name, "rows": counts[mart],
                                "columns": [{"name": n, "type": t} for n, t in columns]})
                progress(f"  {mart}: {counts[mart]:,} rows → {file_name}")
            if workbook is not None:
                workbook.save(staging / "japan_trade_marts.xlsx")
            manifest = {"format": output_format, "database": str(database),
                        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                        "vintage": vintage, "marts": entries}
            (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
            for path in staging.iterdir():
                path.replace(out_dir / path.name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        connection.close()
    return out_dir / "manifest.json"
