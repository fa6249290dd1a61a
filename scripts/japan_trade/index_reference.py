"""The second implementation of the fixed-base trade price indices (2020 = 100), in pandas / NumPy.

Used by tests/python/test_indices.py and scripts/japan_trade/index_benchmark.py to check fct_trade_indices.
Written from docs/decisions/indices.md and docs/decisions/vintages.md, not from the dbt SQL, and it reads
only the staging layer and seeds, never an intermediate model of the index chain:

- vintage: stg_raw__file_loads / _file_load_months / _file_load_coverage / _load_withdrawals. Per source
  (series code, else file kind) × flow × month × HS chapter, the load published on or before as_of wins,
  a later load breaks ties, withdrawn loads (latest action 'withdraw') are out. A microdata load covers the
  chapters of its coverage rows, or every chapter '00'–'97' when it has none.
- panel: stg_raw__customs_microdata of the selected vintages. World = the world-level file for a flow,
  month and chapter when one is selected, else the sum of the by-country file. Areas: a country of seed
  index_areas, or a grouping of seed area_memberships (valid_from <= month < valid_to).
- quantity (per cell): the field of seed index_item_quantity_unit_overrides, else Quantity1 when Unit1 is
  set, else Quantity2; the item is (code, chosen unit).
- item rules: a plain 9-digit code, not a 00-code, a unit, base-year value > 0 and a base-year quantity
  over the base-year months where value and quantity are both positive; P_0 = Σv / Σq over those months.
- indices: Laspeyres Σ P_t Q_0 / Σ P_0 Q_0, Paasche Σ P_t Q_t / Σ P_0 Q_t, Fisher √(L·P), all × 100, over
  the matched sample (items with value and quantity > 0 in the period). Years: only those with 12 months
  of cells for the flow and area; annual unit value over the months with both positive.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

MICRODATA_KINDS = ("customs_world", "customs_by_country")
CHAPTERS = [f"{n:02d}" for n in range(98)]


def connect(database: Path):
    """The published warehouse read-only, with its raw store attached as the staging views expect."""
    import duckdb

    from .warehouse import raw_store_path

    connection = duckdb.connect(str(database), read_only=True)
    connection.execute(f"attach '{raw_store_path(Path(database))}' as raw_store (read_only)")
    return connection


def read(connection, sql: str, parameters=None) -> pd.DataFrame:
    return connection.execute(sql, parameters or []).df()


def selected_microdata_vintages(connection, as_of: str | None = None) -> pd.DataFrame:
    """(load_id, file_kind, flow, period_month, hs_chapter) of the vintage used per unit."""
    loads = read(connection, "select load_id, file_kind, series_code from stg_raw__file_loads")
    months = read(connection, "select load_id, flow, period_month, published_date from stg_raw__file_load_months")
    coverage = read(connection, "select distinct load_id, flow, period_month, hs_chapter from stg_raw__file_load_coverage")
    actions = read(connection, "select load_id, action_number, action_kind from stg_raw__load_withdrawals")
    latest_action = actions.sort_values("action_number").groupby("load_id").tail(1)
    withdrawn = set(latest_action.loc[latest_action["action_kind"] == "withdraw", "load_id"])

    loads = loads[loads["file_kind"].isin(MICRODATA_KINDS) & ~loads["load_id"].isin(withdrawn)].copy()
    loads["source_key"] = loads["series_code"].fillna(loads["file_kind"])
    months = months.merge(loads, on="load_id")
    has_coverage = months["load_id"].isin(set(coverage["load_id"]))
    declared = months[has_coverage].merge(coverage, on=["load_id", "flow", "period_month"])
    everything = months[~has_coverage].merge(pd.DataFrame({"hs_chapter": CHAPTERS}), how="cross")
    units = pd.concat([declared, everything], ignore_index=True)
    if as_of is not None:
        units = units[pd.to_datetime(units["published_date"]) <= pd.Timestamp(as_of)]
    units = units.sort_values(["published_date", "load_id"], ascending=False)
    chosen = units.drop_duplicates(["source_key", "flow", "period_month", "hs_chapter"], keep="first")
    return chosen[["load_id", "file_kind", "flow", "period_month", "hs_chapter"]].reset_index(drop=True)


def item_panel(connection, as_of: str | None = None, areas: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Per flow, period_month, area_code, hs9_code, quantity_unit: value_thousand_yen and quantity."""
    vintages = selected_microdata_vintages(connection, as_of)
    micro = read(connection, """
        select load_id, flow, period_month, hs9_code, coalesce(country_code, '') as country_code,
               unit1, unit2, quantity1, quantity2, value_thousand_yen
        from stg_raw__customs_microdata""")
    micro["hs_chapter"] = micro["hs9_code"].str[:2]
    cells = micro.merge(vintages, on=["load_id", "flow", "period_month", "hs_chapter"])
    overrides = read(connection, "select flow, hs9_code, quantity_field from main_reference.index_item_quantity_unit_overrides")
    cells = cells.merge(overrides, on=["flow", "hs9_code"], how="left")
    unit1 = cells["unit1"].fillna("").str.strip()
    field = cells["quantity_field"].where(cells["quantity_field"].notna(), np.where(unit1 != "", 1, 2))
    use_first = field.astype(int) == 1
    cells["quantity_unit"] = np.where(use_first, unit1, cells["unit2"].fillna("").str.strip())
    cells["quantity"] = np.where(use_first, cells["quantity1"].astype("float"), cells["quantity2"].astype("float"))
    cells["value_thousand_yen"] = cells["value_thousand_yen"].astype("float")

    world_chapters = cells.loc[cells["file_kind"] == "customs_world", ["flow", "period_month", "hs_chapter"]]
    world_chapters = world_chapters.drop_duplicates().assign(world_file=True)
    by_country = cells[cells["file_kind"] == "customs_by_country"]
    fallback = by_country.merge(world_chapters, on=["flow", "period_month", "hs_chapter"], how="left")
    parts = [cells[cells["file_kind"] == "customs_world"].assign(area_code="world"),
             fallback[fallback["world_file"].isna()].assign(area_code="world")]
    index_areas = set(read(connection, "select area_code from main_reference.index_areas")["area_code"])
    parts.append(by_country[by_country["country_code"].isin(index_areas)].assign(
        area_code=lambda frame: frame["country_code"]))
    memberships = read(connection, """
        select country_code, area_code, coalesce(valid_from, date '1900-01-01') as valid_from,
               coalesce(valid_to, date '9999-12-31') as valid_to from main_reference.area_memberships""")
    memberships = memberships[memberships["area_code"].isin(index_areas)]
    grouped = by_country.merge(memberships, on="country_code")
    month = pd.to_datetime(grouped["period_month"])
    parts.append(grouped[(month >= pd.to_datetime(grouped["valid_from"])) & (month < pd.to_datetime(grouped["valid_to"]))])
    rows = pd.concat(parts, ignore_index=True)
    if areas is not None:
        rows = rows[rows["area_code"].isin(areas)]
    keys = ["flow", "period_month", "area_code", "hs9_code", "quantity_unit"]
    panel = rows.groupby(keys, as_index=False)[["value_thousand_yen", "quantity"]].sum(min_count=1)
    panel["period_month"] = pd.to_datetime(panel["period_month"])
    return panel


def base_year_items(panel: pd.DataFrame, base_year: int = 2020) -> pd.DataFrame:
    """Adopted items of one flow and area: hs9_code, quantity_unit, p0, q0 (the item rules of the 2020 list)."""
    code_ok = panel["hs9_code"].map(lambda code: bool(re.fullmatch(r"\d{9}", code)) and not code.startswith("00"))
    base = panel[code_ok & (panel["quantity_unit"] != "") & (panel["period_month"].dt.year == base_year)]
    value = base.groupby(["hs9_code", "quantity_unit"])["value_thousand_yen"].sum()
    priced = base[(base["value_thousand_yen"] > 0) & (base["quantity"] > 0)]
    sums = priced.groupby(["hs9_code", "quantity_unit"])[["value_thousand_yen", "quantity"]].sum()
    sums = sums[(value.reindex(sums.index) > 0) & (sums["quantity"] > 0)]
    return pd.DataFrame({"p0": sums["value_thousand_yen"] / sums["quantity"], "q0": sums["quantity"]})


def fixed_base_indices(panel: pd.DataFrame, annual: bool = False, base_year: int = 2020,
                       members: set[str] | None = None) -> dict:
    """{period: (Laspeyres, Paasche, Fisher, items used)} for ONE flow and area; members restricts the codes
    (a commodity index). Periods are month Timestamps, or years when annual."""
    frame = panel[panel["period_month"].dt.year >= base_year]
    if annual:
        months_per_year = frame.groupby(frame["period_month"].dt.year)["period_month"].nunique()
        complete = set(months_per_year[months_per_year == 12].index)
    if members is not None:
        panel = panel[panel["hs9_code"].isin(members)]
        frame = frame[frame["hs9_code"].isin(members)]
    items = base_year_items(panel, base_year)
    frame = frame[(frame["value_thousand_yen"] > 0) & (frame["quantity"] > 0)]
    frame = frame.assign(period=frame["period_month"].dt.year if annual else frame["period_month"])
    if annual:
        frame = frame[frame["period"].isin(complete)]
    current = frame.groupby(["period", "hs9_code", "quantity_unit"])[["value_thousand_yen", "quantity"]].sum()
    current = current.join(items, on=["hs9_code", "quantity_unit"], how="inner")
    result = {}
    for period, rows in current.groupby(level="period"):
        value_t, quantity_t = rows["value_thousand_yen"].to_numpy(), rows["quantity"].to_numpy()
        p0, q0 = rows["p0"].to_numpy(), rows["q0"].to_numpy()
        price_t = value_t / quantity_t
        laspeyres = (price_t * q0).sum() / (p0 * q0).sum() * 100
        paasche = (price_t * quantity_t).sum() / (p0 * quantity_t).sum() * 100
        result[period] = (laspeyres, paasche, float(np.sqrt(laspeyres * paasche)), len(rows))
    return result


def world_fisher(database: Path, as_of: str | None = None, base_year: int = 2020) -> dict[tuple[str, str], float]:
    """Fixed-base Fisher (points) per (flow, 'YYYY-MM-DD') for the world total, from staging and seeds."""
    connection = connect(database)
    try:
        panel = item_panel(connection, as_of, areas=("world",))
    finally:
        connection.close()
    return {(flow, str(month)[:10]): fisher
            for flow, rows in panel.groupby("flow")
            for month, (_, _, fisher, _) in fixed_base_indices(rows, base_year=base_year).items()}
