"""Trade indices (2020 = 100): published value indices, an independent NumPy Fisher, weights, coverage.

Expected values come from the published release / the 2020 revision (value indices, 構成比, coverage)
or from a second implementation in pandas / NumPy (scripts/japan_trade/index_reference.py) written from the
decision log and the textbook formulas (Laspeyres Σ P_t·Q_0 / Σ P_0·Q_0, Paasche Σ P_t·Q_t / Σ P_0·Q_t): it
builds its own item panel from the staging layer and seeds (its own vintage selection, quantity unit and
item rules), not from the SQL under test.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

from conftest import PROJECT, dbt_test_statuses, query
from japan_trade import index_reference

BASE_YEAR = 2020


def half_up(value: float, digits: int = 1) -> float:
    """Round as MOF prints (四捨五入)."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def world_total(database, flow: str, month: str) -> tuple[float, float, int]:
    return query(database, """
        select value_index, price_index, base_year_value_thousand_yen from fct_trade_indices
        where flow = ? and period_month = cast(? as date) and area_code = 'world' and index_commodity_code = 'total'
    """, [flow, month])[0]


# --- value index: the published figures ----------------------------------------------------------

@pytest.mark.parametrize("flow, month, published", [
    ("export", "2026-01-01", 161.2), ("import", "2026-01-01", 182.4),   # the January 2026 release
    ("export", "2025-12-01", 182.6), ("import", "2025-12-01", 181.6),   # domain-notes §4.1 (S-XML)
    ("export", "2025-02-01", 161.2), ("import", "2025-02-01", 151.8),
])
def test_monthly_value_index_as_first_published(demo_warehouses, flow, month, published):
    value_index, _, base = world_total(demo_warehouses["as_of"], flow, month)
    assert base == {"export": 68_399_121_047, "import": 68_010_831_589}[flow]   # d41ma 2020 totals
    assert half_up(value_index) == published


@pytest.mark.parametrize("flow, published", [("export", 161.5), ("import", 166.3)])
def test_annual_value_index_2025_as_first_published(demo_warehouses, flow, published):
    [(value_index, base)] = query(demo_warehouses["as_of"], """
        select value_index, base_year_value_thousand_yen from fct_trade_indices_annual
        where flow = ? and period_year = 2025 and area_code = 'world' and index_commodity_code = 'total'
    """, [flow])
    assert half_up(value_index) == published
    assert base == {"export": 68_399_121_047, "import": 68_010_831_589}[flow]


def test_latest_build_uses_the_revised_total(demo_warehouses):
    # d41ma now holds 9,185,076 million yen for January 2026 exports: 9,185,076 / (68,399,121.047 / 12) = 161.14
    value_index, _, _ = world_total(demo_warehouses["latest"], "export", "2026-01-01")
    assert half_up(value_index) == 161.1


def test_base_year_indices_average_100(demo_warehouses):
    for flow in ("export", "import"):
        [(value_index, price_index, quantity_index)] = query(demo_warehouses["latest"], """
            select value_index, price_index, quantity_index from fct_trade_indices_annual
            where flow = ? and period_year = 2020 and area_code = 'world' and index_commodity_code = 'total'
        """, [flow])
        assert value_index == pytest.approx(100, abs=1e-9)
        assert price_index == pytest.approx(100, abs=1e-9)   # annual unit values equal the base ones
        assert quantity_index == pytest.approx(100, abs=1e-9)


# --- price indices: an independent NumPy implementation from staging and seeds -------------------

@functools.cache
def reference_panel(database, as_of: str | None = None):
    """The item panel of the second implementation (staging + seeds only, its own vintage selection)."""
    connection = index_reference.connect(database)
    try:
        return index_reference.item_panel(connection, as_of)
    finally:
        connection.close()


def numpy_reference(database, flow: str, area: str, commodity: str, annual: bool = False, as_of: str | None = None):
    """Fixed-base Laspeyres, Paasche, Fisher (points) per period, matched sample, from staging and seeds
    (scripts/japan_trade/index_reference.py). Only the commodity membership (the parsed 2020 definitions)
    is read from int_index_commodity_items."""
    panel = reference_panel(database, as_of)
    panel = panel[(panel["flow"] == flow) & (panel["area_code"] == area)]
    members = None
    if commodity != "total":
        members = {code for (code,) in query(database, """
            select hs9_code from int_index_commodity_items where flow = ? and index_commodity_code = ?
        """, [flow, commodity])}
    result = index_reference.fixed_base_indices(panel, annual=annual, base_year=BASE_YEAR, members=members)
    return {(period if annual else period.date()): values for period, values in result.items()}


@pytest.mark.parametrize("build, flow, area, commodity", [
    ("latest", "export", "world", "total"), ("latest", "import", "world", "total"),
    ("latest", "export", "world", "pc_70323"), ("latest", "import", "world", "pc_3"),
    ("latest", "export", "world", "pc_0_1_excl_hs0106"),       # HS override: excl. HS0106
    ("latest", "import", "asia", "total"), ("latest", "export", "304", "pc_705"), ("latest", "import", "eu", "total"),
    ("as_of", "export", "world", "total"),                      # the reference selects the 2026-02-18 vintages
])
def test_fisher_laspeyres_paasche_equal_numpy_reference(demo_warehouses, build, flow, area, commodity):
    database = demo_warehouses[build]
    expected = numpy_reference(database, flow, area, commodity, as_of="2026-02-18" if build == "as_of" else None)
    actual = {month: (l, p, f, n) for month, l, p, f, n in query(database, """
        select period_month, laspeyres_price_index, paasche_price_index, price_index, items_used
        from fct_trade_indices
        where flow = ? and area_code = ? and index_commodity_code = ? and price_index is not null
    """, [flow, area, commodity])}
    assert len(expected) >= 60 and set(actual) == set(expected)
    for month, (laspeyres, paasche, fisher, items) in expected.items():
        got = actual[month]
        assert got[0] == pytest.approx(laspeyres, rel=1e-9, abs=1e-9), month
        assert got[1] == pytest.approx(paasche, rel=1e-9, abs=1e-9), month
        assert got[2] == pytest.approx(fisher, rel=1e-9, abs=1e-9), month
        assert got[3] == items, month


def test_annual_fisher_equals_numpy_reference(demo_warehouses):
    database = demo_warehouses["latest"]
    expected = numpy_reference(database, "export", "world", "total", annual=True)
    actual = dict(query(database, """
        select period_year, price_index from fct_trade_indices_annual
        where flow = 'export' and area_code = 'world' and index_commodity_code = 'total' and price_index is not null
    """))
    assert set(actual) == set(expected) and len(expected) >= 5
    for year, (_, _, fisher, _) in expected.items():
        assert actual[year] == pytest.approx(fisher, rel=1e-9)


def test_quantity_index_is_value_over_price_and_its_growth(demo_warehouses):
    rows = query(demo_warehouses["latest"], """
        select value_index, price_index, quantity_index, value_index_yoy_pct, price_index_yoy_pct, quantity_index_yoy_pct
        from fct_trade_indices where price_index is not null and quantity_index_yoy_pct is not null
    """)
    assert len(rows) > 1000
    for value, price, quantity, value_yoy, price_yoy, quantity_yoy in rows:
        assert quantity == pytest.approx(value / price * 100, rel=1e-12)
        assert quantity_yoy == pytest.approx(((1 + value_yoy / 100) / (1 + price_yoy / 100) - 1) * 100,
                                             rel=1e-9, abs=1e-9)


def test_every_commodity_index_and_area_is_built(demo_warehouses):
    database = demo_warehouses["latest"]
    areas = {row[0] for row in query(database, "select distinct area_code from fct_trade_indices where price_index is not null")}
    assert areas == {"world", "304", "eu", "asia", "asia_nies", "asean", "105", "205"}
    [(exports, imports)] = query(database, """
        select count(distinct index_commodity_code) filter (where flow = 'export'),
               count(distinct index_commodity_code) filter (where flow = 'import')
        from fct_trade_indices where area_code = 'world' and price_index is not null
    """)
    # the small demo code book lacks a few codes (e.g. export 70317 家庭用電気機器): see docs/indices-coverage.md
    assert exports >= 90 and imports >= 110


def test_as_of_build_prices_january_2026_from_the_release_vintage(demo_warehouses):
    value_index, price_index, _ = world_total(demo_warehouses["as_of"], "export", "2026-01-01")
    assert price_index is not None
    [(items, synthetic)] = query(demo_warehouses["as_of"], """
        select items_used, is_price_synthetic from fct_trade_indices
        where flow = 'export' and period_month = '2026-01-01' and area_code = 'world' and index_commodity_code = 'total'
    """)
    assert items > 300 and synthetic   # synthetic microdata: the price index is not the published 171.4


# --- base-year weights and coverage ----------------------------------------------------------------

def test_official_series_weights_reproduce_published(real_warehouse):
    """domain-notes §4.1: 2020 share of total trade ÷ published coverage = published 構成比."""
    rows = query(real_warehouse, """
        select flow, index_commodity_code, published_weight_per_mille, official_series_weight_per_mille,
               official_base_year_value_thousand_yen
        from fct_trade_index_weights where official_series_weight_per_mille is not null
    """)
    counts = defaultdict(int)
    for flow, code, published, weight, value in rows:
        counts[flow] += 1
        # the published coverage is itself rounded to 0.1 %: ±0.05 / 93.7 relative, i.e. ≤ 0.12 ‰ at 225 ‰
        assert abs(weight - published) <= 0.12, (flow, code, published, weight)
    assert counts["export"] >= 22 and counts["import"] >= 18
    # and one coverage within the published rounding interval reproduces every weight to its one decimal
    for flow, published_share in (("export", 0.937), ("import", 0.983)):
        low, high = published_share - 0.0005, published_share + 0.0005
        for row_flow, code, published, weight, _ in rows:
            if row_flow != flow:
                continue
            share = weight * published_share     # = the commodity's 2020 share of total trade (‰)
            low = max(low, share / (float(published) + 0.05))
            high = min(high, share / (float(published) - 0.05))
        assert low < high, (flow, low, high)


def test_coverage_documented_next_to_published(demo_warehouses):
    rows = query(demo_warehouses["latest"], """
        select flow, items_adopted, adopted_value_share, published_items_adopted, published_value_share
        from fct_trade_index_weights where index_commodity_code = 'total' order by flow
    """)
    document = (PROJECT / "docs" / "indices-coverage.md").read_text()
    for flow, items, share, published_items, published_share in rows:
        assert published_items == {"export": 5674, "import": 7746}[flow]
        assert published_share == pytest.approx({"export": 0.937, "import": 0.983}[flow])
        line = f"| {flow} | {items:,} | {share * 100:.1f} % | {published_items:,} | {published_share * 100:.1f} % |"
        assert line in document, f"docs/indices-coverage.md is stale: expected the row {line!r}"


def test_index_unit_tests_ran_and_passed(demo_warehouses):
    statuses = dbt_test_statuses(demo_warehouses["target_latest"])
    names = ["index_item_adoption_rules", "index_relatives_matched_sample_zero_quantity_and_missing_month",
             "index_relatives_carry_forward", "index_laspeyres_paasche_fisher_value_single_item_and_leaving_item",
             "index_quantity_and_yoy", "terms_of_trade_ratio_and_yoy", "linking_old_base_to_2020",
             "index_chained_relatives_previous_year_average_and_outliers", "chained_fisher_levels_rescaled_to_2020",
             "contributions_add_up_to_fisher_change"]
    assert {name: statuses.get(name) for name in names} == {name: "pass" for name in names}


# --- beyond MOF: chained variant and contributions --------------------------------------------------

@pytest.mark.parametrize("flow, month", [("export", "2025-06-01"), ("import", "2021-03-01")])
def test_chained_link_equals_numpy_reference(demo_warehouses, flow, month):
    """Eurostat-style link: relatives to the previous year's average unit value, Tukey far-out fences (k = 3)."""
    database = demo_warehouses["latest"]
    year = int(month[:4])
    panel = reference_panel(database)
    panel = panel[(panel["flow"] == flow) & (panel["area_code"] == "world")
                  & (panel["value_thousand_yen"] > 0) & (panel["quantity"] > 0)
                  & panel["hs9_code"].str.fullmatch(r"\d{9}") & ~panel["hs9_code"].str.startswith("00")
                  & (panel["quantity_unit"] != "")
                  & ((panel["period_month"].dt.year == year - 1) | (panel["period_month"] == month))]
    rows = zip(panel["hs9_code"] + "|" + panel["quantity_unit"], panel["period_month"],
               panel["value_thousand_yen"], panel["quantity"])
    previous_value, previous_quantity, current = defaultdict(float), defaultdict(float), {}
    for item, period, value, quantity in rows:
        if period.year == year - 1:
            previous_value[item] += value
            previous_quantity[item] += quantity
        else:
            current[item] = (value, quantity)
    items = sorted(set(current) & set(previous_value))
    relative = np.array([(current[i][0] / current[i][1]) / (previous_value[i] / previous_quantity[i]) for i in items])
    weight = np.array([previous_value[i] for i in items])
    value_t = np.array([current[i][0] for i in items])
    q1, q3 = np.percentile(np.log(relative), [25, 75])
    keep = (np.log(relative) >= q1 - 3 * (q3 - q1)) & (np.log(relative) <= q3 + 3 * (q3 - q1))
    laspeyres = (weight[keep] * relative[keep]).sum() / weight[keep].sum()
    paasche = value_t[keep].sum() / (value_t[keep] / relative[keep]).sum()
    [(link, used, outliers)] = query(database, """
        select link_to_previous_year_index, items_used, outliers_removed from fct_trade_indices_chained
        where flow = ? and period_month = cast(? as date) and area_code = 'world' and index_commodity_code = 'total'
    """, [flow, month])
    assert (used, outliers) == (int(keep.sum()), int((~keep).sum()))
    assert link == pytest.approx(np.sqrt(laspeyres * paasche) * 100, rel=1e-9)


def test_contributions_add_up_to_the_fisher_change(demo_warehouses):
    rows = query(demo_warehouses["latest"], """
        select contributions.flow, contributions.period_month, contributions.area_code,
               sum(contributions.price_contribution_pct_points), any_value(indices.price_index)
        from fct_trade_index_contributions as contributions
        inner join fct_trade_indices as indices
            on contributions.flow = indices.flow and contributions.period_month = indices.period_month
            and contributions.area_code = indices.area_code and indices.index_commodity_code = 'total'
        group by all
    """)
    assert len(rows) > 1000
    for flow, month, area, total_contribution, price_index in rows:
        assert total_contribution == pytest.approx(price_index - 100, abs=1e-9), (flow, month, area)
