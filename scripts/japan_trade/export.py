"""Export the BI-facing marts (fct_* and dim_* tables) to Parquet, CSV or one Excel workbook.

    japan-trade export --format parquet --out exports/
    japan-trade export --format xlsx --out exports/ --mart fct_trade_balance_monthly --mart dim_areas

Parquet and CSV are written by DuckDB itself, one file per mart; Excel through openpyxl (streamed,
write-only), one sheet per mart of at most ``EXCEL_MAX_ROWS`` rows. A `manifest.json` next to the
files lists every mart with its row count, columns and the build's vintage (dim_build_vintage), so a
BI refresh can check what it got. Files are written to a temporary folder and moved into place only
when every mart succeeded.

Safety (docs/decisions/export.md):

* the ``--out`` path never reaches SQL: DuckDB writes each mart under a fixed name
  (``<mart>.<format>``) into a private temporary folder through the relation API (the path is a
  value, never SQL text), and Python moves the file into place;
* spreadsheet formula injection: in xlsx a string starting with ``=``, ``+``, ``-``, ``@``, tab or
  carriage return is written as a text cell with Excel's quote prefix, never as a formula; in CSV
  such a string gets a leading single quote ``'``. Numbers (a negative balance) stay numbers;
  Parquet is typed and written unchanged.
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
#: Data rows per Excel sheet: Excel's 1,048,576 rows minus the header row.
EXCEL_MAX_ROWS = 1_048_575
#: First characters that make a spreadsheet read a cell as a formula (tab and CR can hide one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: What CSV puts before a string starting with a formula trigger.
CSV_TEXT_PREFIX = "'"


class ExportError(RuntimeError):
    pass


def bi_marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The marts in the default schema: tables named fct_* or dim_*."""
    return [row[0] for row in connection.execute("""
        select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'
          and (table_name like 'fct\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')
        order by table_name""").fetchall()]


def quote_identifier(name: str) -> str:
    """A SQL identifier in double quotes (embedded double quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def is_formula_like(value) -> bool:
    """A string a spreadsheet could read as a formula: it starts with one of ``FORMULA_TRIGGERS``."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_select_sql(mart: str, columns: list[tuple[str, str]]) -> str:
    """The ``select`` of a mart written to CSV: a text value starting with a formula trigger gets
    ``CSV_TEXT_PREFIX``; other columns (numbers, dates) are unchanged. Names come from the
    catalogue and are quoted; no value or path is part of the SQL."""
    triggers = ", ".join(f"chr({ord(c)})" for c in FORMULA_TRIGGERS)
    prefix = f"chr({ord(CSV_TEXT_PREFIX)})"
    parts = []
    for name, data_type in columns:
        column = quote_identifier(name)
        if data_type == "VARCHAR":
            parts.append(f"case when left({column}, 1) in ({triggers}) then {prefix} || {column} "
                         f"else {column} end as {column}")
        else:
            parts.append(column)
    return f"select {', '.join(parts)} from {quote_identifier(mart)}"


def _write_with_duckdb(connection: duckdb.DuckDBPyConnection, mart: str, columns: list[tuple[str, str]],
                       output_format: str, target: Path) -> None:
    """Write one mart as Parquet or CSV to ``target`` (a fixed name in a private folder) through the
    relation API: the path is passed as a value, never as SQL text."""
    if output_format == "parquet":
        connection.table(quote_identifier(mart)).write_parquet(str(target))
    else:
        connection.sql(csv_select_sql(mart, columns)).write_csv(str(target), header=True)


def _text_cell(sheet, value: str):
    """A write-only cell holding ``value`` as text with Excel's quote prefix, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _excel_value(value):
    """A DuckDB value as openpyxl writes it: decimals as floats, datetimes without time zone."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return value


def _write_sheet(connection: duckdb.DuckDBPyConnection, workbook, mart: str, columns: list[tuple[str, str]]) -> None:
    """Stream one mart into a new write-only sheet; formula-like strings become text cells."""
    sheet = workbook.create_sheet(title=mart[:31])
    sheet.append([name for name, _ in columns])
    cursor = connection.execute(f"select * from {quote_identifier(mart)}")
    while batch := cursor.fetchmany(10_000):
        for row in batch:
            sheet.append([_text_cell(sheet, v) if is_formula_like(v) else _excel_value(v) for v in row])


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
    out_dir = Path(out_dir)
    connection = connect_for_reading(database)
    try:
        available = bi_marts(connection)
        if not available:
            raise ExportError(f"{database} has no marts: run `japan-trade build` first")
        chosen = marts or available
        unknown = [m for m in chosen if m not in available]
        if unknown:
            raise ExportError(f"unknown mart(s) {', '.join(unknown)}; available: {', '.join(available)}")
        counts = {m: connection.execute(f"select count(*) from {quote_identifier(m)}").fetchone()[0]
                  for m in chosen}
        if output_format == "xlsx":
            too_big = [f"{m} ({counts[m]:,} rows)" for m in chosen if counts[m] > EXCEL_MAX_ROWS]
            if too_big:
                raise ExportError(f"too many rows for an Excel sheet: {', '.join(too_big)}; a sheet holds at most "
                                  f"{EXCEL_MAX_ROWS:,} rows under its header. Export those marts as parquet or "
                                  "csv, or choose smaller marts with --mart")
        vintage = None
        if "dim_build_vintage" in available:
            cursor = connection.execute("select * from dim_build_vintage")
            names = [d[0] for d in cursor.description]
            row = cursor.fetchone()
            vintage = {k: _json_value(v) for k, v in zip(names, row)} if row else None

        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir))
        private = Path(tempfile.mkdtemp(prefix="japan-trade-export-"))  # DuckDB writes here, never to --out
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
                if output_format in ("parquet", "csv"):
                    file_name = f"{mart}.{output_format}"
                    _write_with_duckdb(connection, mart, columns, output_format, private / file_name)
                    shutil.move(private / file_name, staging / file_name)
                else:
                    file_name = "japan_trade_marts.xlsx"
                    _write_sheet(connection, workbook, mart, columns)
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
            shutil.rmtree(private, ignore_errors=True)
    finally:
        connection.close()
    return out_dir / "manifest.json"
