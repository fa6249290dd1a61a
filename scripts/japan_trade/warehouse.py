"""The embedded DuckDB warehouse: where it lives and the raw tables loaders write.

Raw tables (schema ``raw``) keep every loaded vintage; dbt staging models are
the only readers. One row per loaded file in ``raw.file_loads``; one row per
(file, flow, month) with its revision stage and publication date in
``raw.file_load_months``; data in ``raw.customs_microdata`` (long: one row per
code × country × month, all-zero cells omitted — coverage is recorded per
month, so a missing cell within a covered month is a true zero) and
``raw.official_series``; malformed rows in ``raw.load_rejects``. A microdata load's
declared coverage (flow × month × table × HS chapter) is in ``raw.file_load_coverage`` (loads
without rows there cover whole months); ``raw.load_withdrawals`` records ``japan-trade unload``.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

RAW_DDL = """
create schema if not exists raw;
create sequence if not exists raw.load_id_sequence start 1;
create table if not exists raw.file_loads (
    load_id integer primary key,
    file_name varchar not null,
    file_path varchar not null,
    file_sha256 varchar not null unique,
    file_kind varchar not null,          -- customs_world | customs_by_country | official_series | exchange_rates
    series_code varchar,                 -- d41ma, d51ma, … for official series
    flows varchar not null,              -- 'export', 'import' or 'export,import'
    data_year integer,
    source_label varchar not null,       -- official | synthetic | user
    vintage_date date not null,          -- the day the file was published / downloaded
    first_month date not null,
    last_month date not null,
    data_row_count bigint not null,
    rejected_row_count bigint not null,
    stored_cell_count bigint not null,
    encoding varchar,
    loaded_at timestamp not null default current_timestamp,
    loader_version varchar not null
);
create table if not exists raw.file_load_months (
    load_id integer not null,
    flow varchar not null,
    period_month date not null,
    revision_stage varchar not null,
    published_date date not null,
    is_stage_inferred boolean not null,
    primary key (load_id, flow, period_month)
);
create table if not exists raw.customs_microdata (
    load_id integer not null,
    source_line integer not null,
    flow varchar not null,
    hs9_code varchar not null,
    country_code varchar,                -- null in the world-level layout (統計品別表)
    unit1 varchar,
    unit2 varchar,
    period_month date not null,
    quantity1 bigint not null,
    quantity2 bigint not null,
    value_thousand_yen bigint not null
);
create table if not exists raw.official_series (
    load_id integer not null,
    source_line integer not null,
    series_code varchar not null,
    area_code varchar not null,
    flow varchar not null,
    release_item_code varchar not null,  -- 'total' or the PC code(s), e.g. '0+1', '70323'
    period_month date not null,
    value_thousand_yen bigint not null,
    quantity bigint,
    quantity_unit varchar
);
create table if not exists raw.exchange_rates_weekly (
    load_id integer not null,
    source_line integer not null,
    week_start date not null,            -- the Sunday from which the rate applies (Sunday–Saturday)
    currency varchar not null,
    yen_per_unit decimal(12, 4) not null
);
create table if not exists raw.load_rejects (
    load_id integer not null,
    file_name varchar not null,
    source_line integer not null,
    raw_text varchar not null,
    reason varchar not null,
    rejected_at timestamp not null default current_timestamp
);
-- coverage and withdrawals (docs/decisions/vintages.md, "A file supersedes exactly what it covers")
create table if not exists raw.file_load_coverage (
    load_id integer not null,
    flow varchar not null,
    period_month date not null,
    table_name varchar not null,         -- customs_world | customs_by_country
    hs_chapter varchar not null,         -- '00'..'97': a full file covers all, a partial one its chapters
    primary key (load_id, flow, period_month, hs_chapter)
);
create table if not exists raw.load_withdrawals (
    load_id integer not null,
    action_number integer not null,      -- 1, 2, … per load: append-only, the highest number counts
    action_kind varchar not null,        -- withdraw | restore
    recorded_at timestamp not null default current_timestamp,
    reason varchar not null,
    primary key (load_id, action_number)
);
"""


def project_root() -> Path:
    """The project directory: $JAPAN_TRADE_HOME, else the nearest parent of the
    working directory holding dbt_project.yml, else the source checkout."""
    if os.environ.get("JAPAN_TRADE_HOME"):
        return Path(os.environ["JAPAN_TRADE_HOME"]).resolve()
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "dbt_project.yml").exists() and (folder / "scripts" / "japan_trade").exists():
            return folder
    return Path(__file__).resolve().parents[2]


def default_database_path() -> Path:
    """$JAPAN_TRADE_DUCKDB (as profiles.yml reads it), else warehouse/japan_trade.duckdb."""
    configured = os.environ.get("JAPAN_TRADE_DUCKDB", "warehouse/japan_trade.duckdb")
    path = Path(configured)
    return path if path.is_absolute() else project_root() / path


def connect(database: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse and make sure the raw tables exist."""
    database = Path(database) if database else default_database_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(database))
    connection.execute(RAW_DDL)
    return connection


def connect_for_reading(database: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse to read the marts: read-only, so other readers may share the file; when
    this process already holds it read-write (the demo, right after the in-process dbt build),
    DuckDB refuses a second configuration, and the existing read-write instance is used instead."""
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.ConnectionException:
        return duckdb.connect(str(database))
