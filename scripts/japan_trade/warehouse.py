"""The embedded DuckDB warehouse: where its two files live, how they are opened, the raw tables.

Two files in one folder (docs/decisions/build-and-publish.md):

- the **published warehouse** (default ``warehouse/japan_trade.duckdb``): the marts BI tools read.
  Only ``japan-trade build`` replaces it, whole, by an atomic rename after every model and test
  passed; readers open it read-only.
- the **raw store** beside it (``japan_trade.raw.duckdb``): the system of record the loaders write.
  dbt reads it attached read-only under the alias ``raw_store``.

Raw tables (schema ``raw`` of the raw store) keep every loaded vintage; dbt staging models are
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
import re
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
-- release XML (scripts/japan_trade/release_xml.py; data/official/release-xml/README.md):
-- numbers as printed (million yen, one-decimal %), each with a marker column that holds the
-- printed text ('-', 'ZENZO', 'ZENGEN', '*NNN' or '' for an empty element) when the number is null.
create table if not exists raw.release_xml_files (
    load_id integer primary key,
    release_part integer not null,       -- stage digit: 1 first 10 days, 2 first 20 days, 4 速報, 5, 6, 7
    part_source varchar not null,        -- where the part was read: pdf_href | title | file_name
    release_language varchar not null,   -- en | ja
    period_month date not null,          -- pg1 taishoymtonen
    prior_period_month date not null,    -- pg1 taishoymzennen
    published_date date not null,        -- pg1 kohyoymd
    published_as_printed varchar not null,
    period_as_printed varchar not null,
    title varchar not null,
    pdf_href varchar,
    page_count integer not null
);
create table if not exists raw.release_xml_totals (
    load_id integer not null,
    measure varchar not null,            -- exports | imports | balance (pg1)
    value_million_yen bigint,
    value_marker varchar,
    prior_year_value_million_yen bigint,
    prior_year_value_marker varchar,
    value_yoy_pct decimal(10, 1),
    value_yoy_marker varchar,
    primary key (load_id, measure)
);
create table if not exists raw.release_xml_areas (
    load_id integer not null,
    row_position integer not null,       -- 1 … 47 in printed order (pg2)
    area_level integer not null,         -- chiikikunikbn: 0 world, 1 area or re-listed group, 2 country
    area_name varchar not null,          -- printed, trimmed (SNGAPOR, 香港, (EU) …)
    export_value_million_yen bigint,
    export_value_marker varchar,
    export_value_yoy_pct decimal(10, 1),
    export_value_yoy_marker varchar,
    import_value_million_yen bigint,
    import_value_marker varchar,
    import_value_yoy_pct decimal(10, 1),
    import_value_yoy_marker varchar,
    balance_million_yen bigint,
    balance_marker varchar,
    balance_yoy_pct decimal(10, 1),
    balance_yoy_marker varchar,
    primary key (load_id, row_position)
);
create table if not exists raw.release_xml_items (
    load_id integer not null,
    page_number integer not null,        -- 3 … 20
    flow varchar not null,
    area_code varchar not null,          -- the page's area (seeds/reference/release_xml_pages.csv)
    page_area_name varchar not null,     -- as the page title prints it (USA, ＥＵ …)
    row_position integer not null,
    item_name varchar not null,          -- printed, trimmed
    item_level integer not null,         -- shuyoshohinbunrui: 0 total, 1 group, 2 item
    release_item_code varchar not null,  -- matched by position and name (release_xml_item_names.csv)
    quantity_unit varchar,               -- printed, trimmed (TMT, 千トン …); null when none
    quantity bigint,                     -- in the printed unit
    quantity_marker varchar,
    quantity_base_unit varchar,          -- MT, KG, NO, GT or KL
    quantity_in_base_unit bigint,        -- quantity × the unit's factor (TMT → MT × 1000 …)
    quantity_yoy_pct decimal(10, 1),
    quantity_yoy_marker varchar,
    value_million_yen bigint,
    value_marker varchar,
    share_pct decimal(10, 1),
    share_marker varchar,
    value_yoy_pct decimal(10, 1),
    value_yoy_marker varchar,
    contribution_pct_points decimal(10, 1),
    contribution_marker varchar,
    primary key (load_id, page_number, row_position)
);
create table if not exists raw.release_xml_indices (
    load_id integer not null,
    page_number integer not null,        -- 21 (latest month, 5 areas) or 22 … 26 (one area, 15 periods)
    row_position integer not null,
    flow varchar not null,
    area_code varchar not null,          -- world, 304, eu, asia, 105
    area_name varchar not null,          -- as printed (WORLD, 対世界 …)
    period_as_printed varchar not null,
    period_kind varchar not null,        -- month | year
    period_start date not null,          -- first day of the month or year
    is_provisional boolean,              -- (P) printed beside the row; null on pg21, which prints no flags
    value_index decimal(10, 1),
    value_index_marker varchar,
    value_index_yoy_pct decimal(10, 1),
    value_index_yoy_marker varchar,
    quantity_index decimal(10, 1),
    quantity_index_marker varchar,
    quantity_index_yoy_pct decimal(10, 1),
    quantity_index_yoy_marker varchar,
    price_index decimal(10, 1),
    price_index_marker varchar,
    price_index_yoy_pct decimal(10, 1),
    price_index_yoy_marker varchar,
    primary key (load_id, page_number, row_position, flow)
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


DEFAULT_DATABASE = Path("warehouse") / "japan_trade.duckdb"
DATABASE_ENV = "JAPAN_TRADE_DUCKDB"
RAW_STORE_ENV = "JAPAN_TRADE_RAW_DUCKDB"
LOAD_HINT = "japan-trade load manifest data/official/manifest.json"


class WarehouseError(RuntimeError):
    """A warehouse file cannot be opened as asked (missing, locked, not a database); one clear line."""


def project_root() -> Path:
    """The project directory: $JAPAN_TRADE_HOME, else the nearest parent of the
    working directory holding dbt_project.yml, else the source checkout."""
    if os.environ.get("JAPAN_TRADE_HOME"):
        return Path(os.environ["JAPAN_TRADE_HOME"]).resolve()
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "dbt_project.yml").exists() and (folder / "scripts" / "japan_trade").exists():
            return folder
    return Path(__file__).resolve().parents[2]


def _against_root(configured: str) -> Path:
    """A configured path (environment variable), relative ones taken from the project root."""
    path = Path(configured).expanduser()
    return (path if path.is_absolute() else project_root() / path).resolve()


def resolve_database(argument: Path | None = None) -> Path:
    """The published warehouse every command uses, absolute: ``--database`` (relative to the working
    directory, as a shell user means it), else $JAPAN_TRADE_DUCKDB (relative to the project root),
    else warehouse/japan_trade.duckdb under the project root."""
    if argument is not None:
        return Path(argument).expanduser().resolve()
    return _against_root(os.environ.get(DATABASE_ENV) or str(DEFAULT_DATABASE))


def default_database_path() -> Path:
    """The published warehouse when no ``--database`` is given (see resolve_database)."""
    return resolve_database(None)


def raw_store_path(published: Path) -> Path:
    """The raw store of a published warehouse: $JAPAN_TRADE_RAW_DUCKDB (relative to the project
    root), else ``<published stem>.raw.duckdb`` in the published file's folder."""
    if os.environ.get(RAW_STORE_ENV):
        return _against_root(os.environ[RAW_STORE_ENV])
    published = Path(published)
    return published.with_name(f"{published.stem}.raw.duckdb")


def _lock_holder(message: str) -> str | None:
    """The PID DuckDB names when another process holds a file's lock, else None."""
    if "Could not set lock" not in message:
        return None
    found = re.search(r"\(PID (\d+)\)", message)
    return found.group(1) if found else "unknown"


def open_duckdb(path: Path, *, read_only: bool, what: str = "the warehouse") -> duckdb.DuckDBPyConnection:
    """duckdb.connect with its failures turned into one WarehouseError line: a missing file
    (read-only), a lock held by another program (its PID), a file that is not a database."""
    path = Path(path)
    if read_only and not path.is_file():
        raise WarehouseError(f"no {what} at {path}")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        message = str(error)
        holder = _lock_holder(message)
        if holder is not None:
            raise WarehouseError(
                f"{what} {path} is open in another program (PID {holder}): close it there "
                "(BI tools: connect read-only) and retry") from None
        raise WarehouseError(f"cannot open {what} {path}: {message.splitlines()[0]}") from None


def connect(database: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the raw store of the published warehouse ``database`` to write it (the loaders), creating
    the file and the raw tables when absent."""
    raw_store = raw_store_path(resolve_database(database))
    raw_store.parent.mkdir(parents=True, exist_ok=True)
    connection = open_duckdb(raw_store, read_only=False, what="the raw store")
    connection.execute(RAW_DDL)
    return connection


def connect_raw_for_reading(database: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the raw store of the published warehouse ``database`` read-only; never creates it."""
    raw_store = raw_store_path(resolve_database(database))
    if not raw_store.is_file():
        raise WarehouseError(f"no raw store at {raw_store}: load data first: {LOAD_HINT}")
    return open_duckdb(raw_store, read_only=True, what="the raw store")


def require_published(database: Path | None = None) -> Path:
    """The published warehouse's path; WarehouseError "no warehouse at …: run `japan-trade build`"
    when it does not exist."""
    published = resolve_database(database)
    if not published.is_file():
        raise WarehouseError(f"no warehouse at {published}: run `japan-trade build`")
    return published


def connect_for_reading(database: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse read-only (other readers and the next build may run meanwhile);
    never creates it."""
    return open_duckdb(require_published(database), read_only=True)
